package dev.gantry.spec;

import java.util.ArrayList;
import java.util.List;

/** A plain-words paragraph of what a spec will build, for validate and the wizard's review. */
public final class SpecSummary {
    private SpecSummary() {}

    public static String describe(Spec s) {
        if (s.isVersion2()) return describeServices(s);
        Task t = s.task();
        Service svc = s.service();
        List<String> parts = new ArrayList<>();
        parts.add(s.app() + " runs " + t.imageShown() + " on ECS Fargate in " + s.region() + ": "
                + count(svc.desiredCount(), "task") + " of " + vcpu(t.cpu()) + " vCPU and " + gb(t.memory()) + " GB memory ("
                + t.architecture().yaml() + ")" + (s.cluster().name().equals(s.app()) ? "" : " in cluster " + s.cluster().name()) + ".");
        parts.add(network(s.network()) + ".");
        if (s.hasLoadBalancer()) {
            String lb = "A public load balancer forwards to port " + t.port();
            if (s.hasCertificate()) {
                lb += s.certificate().existing() ? " over HTTPS with an existing certificate"
                        : " over HTTPS with a certificate for " + String.join(", ", s.certificate().names());
            } else {
                lb += " over plain HTTP";
            }
            String url = s.url();
            lb += url != null ? "; the service will be at " + url : "; its address is known after apply";
            parts.add(lb + ".");
        } else {
            parts.add("It takes no inbound traffic (no load balancer).");
        }
        if (svc.autoscaling() != null) {
            Autoscaling a = svc.autoscaling();
            parts.add("Autoscaling keeps " + a.min() + " to " + a.max() + " tasks near " + a.cpuTarget() + "% CPU.");
        }
        int secrets = t.secrets().size();
        if (secrets > 0) {
            int managed = s.managedSecrets().size();
            parts.add(count(secrets, "secret") + " from SSM Parameter Store"
                    + (managed > 0 ? " (" + managed + " managed by gantry, value given at apply)" : "") + ".");
        }
        if (t.builds()) {
            parts.add("The image is built here for linux/" + t.architecture().platform() + ", pushed to the ECR repository " + s.app()
                    + " (scan on push, immutable tags, the last " + t.build().keepImages() + " images kept) and deployed by digest.");
        }
        if (s.release() != null) {
            parts.add("Before each rollout of a new image, `" + Release.words(s.release().command()) + "` runs once in a task of it; if it fails, the rollout does not start.");
        }
        if (!s.jobs().isEmpty()) {
            parts.add(count(s.jobs().size(), "scheduled job") + " (" + String.join(", ", s.jobs().values().stream()
                    .map(j -> j.name() + " on " + j.schedule()).toList()) + ") on EventBridge Scheduler.");
        }
        parts.add("Logs are kept " + Counted.of(t.logs().retentionDays(), "day") + ".");
        return String.join(" ", parts);
    }

    /** Version 2: one sentence per service, then what they share. */
    private static String describeServices(Spec s) {
        List<String> parts = new ArrayList<>();
        parts.add(s.app() + " runs " + count(s.services().size(), "service") + " on ECS Fargate in " + s.region()
                + (s.cluster().name().equals(s.app()) ? "" : ", in cluster " + s.cluster().name()) + ":");
        for (AppService a : s.services().values()) {
            Task t = a.task();
            String how;
            if (a.isPublic()) {
                List<Route> routes = a.publicAccess().routes();
                how = "public on port " + t.port() + (routes.isEmpty() ? ", for every request no other route matches"
                        : " at " + String.join(", ", routes.stream().map(Route::text).toList()));
            } else if (a.internal()) {
                how = "internal, on port " + t.port();
            } else {
                how = "a worker (no inbound traffic)";
            }
            String tasks = a.service().autoscaling() == null ? count(a.service().desiredCount(), "task")
                    : a.service().autoscaling().min() + "–" + a.service().autoscaling().max() + " tasks";
            parts.add(a.name() + ": " + t.imageShown() + ", " + tasks + " of " + vcpu(t.cpu()) + " vCPU and " + gb(t.memory()) + " GB, " + how + ";");
        }
        // The last service ends its sentence.
        String last = parts.remove(parts.size() - 1);
        parts.add(last.substring(0, last.length() - 1) + ".");
        parts.add(network(s.network()) + ".");
        if (s.hasLoadBalancer()) {
            parts.add("One load balancer serves the public services " + (s.hasCertificate() ? s.certificate().existing()
                    ? "over HTTPS with an existing certificate" : "over HTTPS with one certificate for " + String.join(", ", s.certificate().names())
                    : "over plain HTTP") + (s.hasDns() ? ", with a record per host in " + s.dns().zone() : "") + ".");
        }
        List<String> repositories = s.services().values().stream().filter(a -> a.task().builds() && a.name().equals(s.imageBuiltBy(a.name())))
                .map(a -> DerivedNames.repository(s.app(), a.name())).toList();
        if (!repositories.isEmpty()) {
            parts.add("Images built here are pushed to the ECR " + (repositories.size() == 1 ? "repository " : "repositories ")
                    + String.join(", ", repositories) + " (one per build; scan on push, immutable tags) and deployed by digest.");
        }
        int managed = s.managedSecrets().size();
        if (managed > 0) parts.add(count(managed, "secret") + " managed by gantry in SSM Parameter Store (value given at apply).");
        return String.join(" ", parts);
    }

    private static String network(Network n) {
        return switch (n.vpc()) {
            case NEW -> "Network: a new VPC " + n.cidr() + " across " + n.availabilityZones() + " availability zones, "
                    + switch (n.natGateways()) {
                        case NONE -> "tasks in public subnets with public IPs (no NAT gateway)";
                        case SINGLE -> "tasks in private subnets behind one NAT gateway";
                        case PER_AZ -> "tasks in private subnets behind a NAT gateway per zone";
                    };
            case DEFAULT -> "Network: the account's default VPC, tasks with public IPs";
            case EXISTING -> "Network: existing VPC " + n.vpcId() + " with " + n.publicSubnets().size() + " public subnets"
                    + (n.privateSubnets().isEmpty() ? ", tasks with public IPs" : ", tasks in " + n.privateSubnets().size() + " private subnets");
        };
    }

    private static String count(int n, String noun) { return n + " " + noun + (n == 1 ? "" : "s"); }

    private static String vcpu(int cpu) { return trim(cpu / 1024.0); }

    private static String gb(int mib) { return trim(mib / 1024.0); }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
