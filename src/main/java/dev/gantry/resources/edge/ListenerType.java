package dev.gantry.resources.edge;

import dev.gantry.aws.AwsFailure;
import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Addresses;
import dev.gantry.resources.Poll;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code listener.http} and {@code listener.https}. Plain HTTP forwards to the target group, or
 * redirects to HTTPS when there is a certificate; HTTPS terminates TLS with a TLS 1.2/1.3 policy.
 */
final class ListenerType implements ResourceType {
    static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    @Override public String type() { return "listener"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.LOAD_BALANCER; }

    @Override public String noun() { return "listener"; }

    @Override public int tier() { return 3; }

    @Override public Set<String> replaceOn() { return Set.of("loadBalancerArn"); }

    /** The default action in the plan's shape: {type: forward, targetGroupArn} or a redirect. */
    static Map<String, Object> forward(Object targetGroupArn) {
        Map<String, Object> m = new TreeMap<>();
        m.put("targetGroupArn", targetGroupArn);
        m.put("type", "forward");
        return m;
    }

    static Map<String, Object> redirectToHttps() {
        Map<String, Object> m = new TreeMap<>();
        m.put("port", "443");
        m.put("protocol", "HTTPS");
        m.put("statusCode", "HTTP_301");
        m.put("type", "redirect");
        return m;
    }

    @Override
    public List<Observed> refresh(ResourceContext ctx) {
        List<Observed> out = new ArrayList<>();
        for (ElbLookup.Owned<Listener> l : ElbLookup.listeners(ctx, type())) out.add(observed(l.address(), l.resource()));
        return out;
    }

    /** A listener on the port of the app's load balancer (one taken over, say) that is not the app's. */
    @Override
    public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String lb = Props.str(props, "loadBalancerArn");
        if (lb == null) return Optional.empty();
        Integer port = Props.integer(props, "port");
        return ctx.aws().elb().describeListeners(b -> b.loadBalancerArn(lb)).listeners().stream()
                .filter(l -> port.equals(l.port())).findFirst()
                .map(l -> new Claim(observed(desired.address(), l), "the " + l.protocolAsString() + " listener on port " + port + " of " + lb,
                        ElbLookup.tagsOf(ctx, l.listenerArn()), "loadBalancer in gantry.yaml (gantry needs port " + port + " of its load balancer)"));
    }

    @Override
    public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return ElbLookup.tagging(ctx, existing, desired);
    }

    @Override
    public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        Step put = () -> {
            Listener l = ctx.aws().elb().createListener(b -> {
                b.loadBalancerArn(Props.str(props, "loadBalancerArn")).protocol(Props.str(props, "protocol"))
                        .port(Props.integer(props, "port")).defaultActions(action(props.get("defaultAction")))
                        .tags(ElbLookup.tags(ctx, desired));
                if (props.get("certificateArn") != null) {
                    b.certificates(Certificate.builder().certificateArn(Props.str(props, "certificateArn")).build()).sslPolicy(TLS_POLICY);
                }
            }).listeners().get(0);
            return StepResult.done(observed(desired.address(), l));
        };
        return afterCertificate(ctx, props, put);
    }

    @Override
    public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        Step put = () -> {
            Listener l = ctx.aws().elb().modifyListener(b -> {
                b.listenerArn(current.id()).protocol(Props.str(props, "protocol")).port(Props.integer(props, "port"))
                        .defaultActions(action(props.get("defaultAction")));
                if (props.get("certificateArn") != null) {
                    b.certificates(Certificate.builder().certificateArn(Props.str(props, "certificateArn")).build()).sslPolicy(TLS_POLICY);
                }
            }).listeners().get(0);
            return StepResult.done(observed(desired.address(), l));
        };
        return afterCertificate(ctx, props, put);
    }

    @Override
    public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            try {
                ctx.aws().elb().deleteListener(b -> b.listenerArn(current.id()));
            } catch (software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException gone) {
                // deleting the load balancer already took it
            }
            return StepResult.done(current);
        };
    }

    /**
     * ELB rejects a certificate ACM has not issued yet (CertificateNotFound), so an HTTPS listener
     * waits for it (a certificate found pending by refresh, e.g. validated by hand, is still being
     * validated). ELB is asked first: the usual certificate is the one the certificate step has just
     * seen issued, and then the listener is made without a read; only when ELB refuses does it wait.
     */
    private static Step afterCertificate(ResourceContext ctx, Map<String, Object> props, Step then) {
        String arn = Props.str(props, "certificateArn");
        if (arn == null) return then;
        return () -> {
            try {
                return then.run();
            } catch (software.amazon.awssdk.services.elasticloadbalancingv2.model.CertificateNotFoundException notIssuedYet) {
                // Built now, so the 45 minutes start when the listener's turn comes, not at planning.
                return Steps.then(waitIssued(ctx, arn), ignored -> then).run();
            }
        };
    }

    private static Step waitIssued(ResourceContext ctx, String arn) {
        return Poll.until(ctx, "the certificate to be issued", CertificateType.ISSUE_TIMEOUT,
                CertificateType.TIMEOUT_FIX, () -> {
                    var cert = ctx.aws().acm().describeCertificate(b -> b.certificateArn(arn)).certificate();
                    if (cert.status() == CertificateStatus.ISSUED) return Optional.of(new Observed(Addresses.CERTIFICATE, arn, Map.of(), Map.of()));
                    if (cert.status() != CertificateStatus.PENDING_VALIDATION) {
                        throw new AwsFailure(AwsFailure.Kind.INVALID, "the certificate " + arn + " is " + cert.statusAsString() + ", not ISSUED",
                                "request a new certificate (remove it and run 'gantry apply'), or set certificate.arn to an issued one");
                    }
                    return Optional.empty();
                });
    }

    private static Action action(Object spec) {
        Map<?, ?> m = (Map<?, ?>) spec;
        if ("redirect".equals(m.get("type"))) {
            return Action.builder().type("redirect").redirectConfig(RedirectActionConfig.builder()
                    .protocol(Props.str(m, "protocol")).port(Props.str(m, "port")).statusCode(Props.str(m, "statusCode")).build()).build();
        }
        if ("fixed-response".equals(m.get("type"))) {
            return Action.builder().type("fixed-response").fixedResponseConfig(f -> f.statusCode(Props.str(m, "statusCode"))
                    .contentType("text/plain").messageBody("Not found")).build();
        }
        return Action.builder().type("forward").targetGroupArn(Props.str(m, "targetGroupArn")).build();
    }

    static Observed observed(Address address, Listener l) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("loadBalancerArn", l.loadBalancerArn());
        props.put("port", l.port());
        props.put("protocol", l.protocolAsString());
        if (l.hasCertificates() && !l.certificates().isEmpty()) props.put("certificateArn", l.certificates().get(0).certificateArn());
        Action a = l.defaultActions().get(0);
        if ("redirect".equals(a.typeAsString())) {
            Map<String, Object> m = new TreeMap<>();
            m.put("port", a.redirectConfig().port());
            m.put("protocol", a.redirectConfig().protocol());
            m.put("statusCode", a.redirectConfig().statusCodeAsString());
            m.put("type", "redirect");
            props.put("defaultAction", m);
        } else if (a.targetGroupArn() != null || a.forwardConfig() != null) {
            String tg = a.targetGroupArn() != null ? a.targetGroupArn()
                    : a.forwardConfig().targetGroups().get(0).targetGroupArn();
            props.put("defaultAction", forward(tg));
        } else if (a.fixedResponseConfig() != null) {
            Map<String, Object> m = new TreeMap<>();
            m.put("statusCode", a.fixedResponseConfig().statusCode());
            m.put("type", "fixed-response");
            props.put("defaultAction", m);
        } else {
            props.put("defaultAction", Map.of("type", a.typeAsString())); // auth, made by hand
        }
        return new Observed(address, l.listenerArn(), props, Map.of("id", l.listenerArn(), "arn", l.listenerArn()));
    }
}
