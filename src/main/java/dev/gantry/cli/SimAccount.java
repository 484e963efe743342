package dev.gantry.cli;

import dev.gantry.aws.sim.SimWorld;
import dev.gantry.spec.Spec;

/**
 * The simulated account starts with what a real one would already have for a spec: the public
 * hosted zone that dns.zone names (gantry never creates zones; people buy domains), and the
 * issued certificate that certificate.arn names.
 */
public final class SimAccount {
    private SimAccount() {}

    public static void prepare(SimWorld world, Spec spec) {
        if (spec.hasDns()) world.state.route53.ensureZone(spec.dns().zone());
        if (spec.hasCertificate() && spec.certificate().existing()) {
            String name = spec.hasDns() ? spec.dns().record() : spec.app() + ".example.com";
            world.state.acm.seedIssued(spec.certificate().arn(), name, java.util.List.of(), world);
        }
    }
}
