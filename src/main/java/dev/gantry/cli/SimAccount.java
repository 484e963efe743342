package dev.gantry.cli;

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
        if (spec.hasCertificate() && spec.certificate().existing()) {
            String name = spec.hasDns() ? spec.dns().record() : spec.app() + ".example.com";
            world.state.acm.seedIssued(spec.certificate().arn(), name, java.util.List.of(), world);
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
}
