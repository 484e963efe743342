package dev.gantry.cli.wiring;

import dev.gantry.aws.sim.SimWorld;
import dev.gantry.spec.Spec;

/**
 * The simulated account starts with what a real one would already have for a spec: the public
 * hosted zone that dns.zone names (gantry never creates zones; people buy domains), the
 * issued certificate that certificate.arn names, and the parameters secrets name by ARN.
 */
public final class SimAccount {
    private SimAccount() {}

    public static void prepare(SimWorld world, Spec spec) {
        if (spec.hasDns()) world.state.route53.ensureZone(spec.dns().zone());
        for (String name : validatedByHand(spec)) {
            if (!world.state.acm.hostedElsewhere.contains(name)) world.state.acm.hostedElsewhere.add(name);
        }
        if (spec.hasCertificate() && spec.certificate().existing()) {
            String name = spec.hasDns() ? spec.dns().record() : spec.app() + ".example.com";
            new dev.gantry.aws.sim.SimAcm(world).seedIssued(spec.certificate().arn(), name, java.util.List.of());
        }
        spec.task().secrets().forEach((secret, ref) -> {
            int at = ref.parameter().indexOf(":parameter/");
            if (ref.managed() || at < 0) return;
            String parameter = ref.parameter().substring(at + ":parameter".length());
            String region = ref.parameter().split(":", 6)[3];
            try {
                world.clients().ssm(region).putParameter(b -> b.name(parameter).type("SecureString").value("simulated value of " + secret));
            } catch (software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException already) {
                // seeded by an earlier run
            }
        });
    }

    /**
     * The names of a new certificate that no zone of the spec covers: their validation record is
     * added by hand where their DNS is hosted, which the simulated account acts out (AcmState).
     */
    public static java.util.List<String> validatedByHand(Spec spec) {
        if (!spec.hasCertificate() || spec.certificate().existing()) return java.util.List.of();
        return spec.certificate().names().stream().map(n -> n.startsWith("*.") ? n.substring(2) : n)
                .filter(n -> !spec.hasDns() || !(n.equals(spec.dns().zone()) || n.endsWith("." + spec.dns().zone())))
                .distinct().toList();
    }
}
