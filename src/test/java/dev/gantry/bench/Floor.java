package dev.gantry.bench;

import dev.gantry.aws.sim.SimLatency;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Spec;
import dev.gantry.spec.VpcMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical floor of a deploy: the longest chain of waits AWS itself imposes, from the
 * simulated AWS's timing model (docs/timings.md) and the spec's own settings. It knows nothing of
 * gantry's graph: only what AWS needs before what (tasks pull through the NAT gateway, health
 * checks start once the load balancer is active, a service needs a listener forwarding to its
 * group and an HTTPS listener an issued certificate, an old task drains, then stops).
 */
final class Floor {
    record Figures(Duration firstDeploy, String firstDeployWhy, Duration update, String updateWhy) {}

    private record Chain(String why, Duration took) {}

    static Figures of(Spec spec, SimLatency l) {
        Duration checks = spec.hasLoadBalancer() ? Duration.ofSeconds(spec.loadBalancer().firstHealthChecksSeconds()) : Duration.ZERO;
        String checked = " → first health checks " + s(checks);
        List<Chain> first = new ArrayList<>();
        first.add(new Chain("task start " + s(l.taskStart()) + checked, l.taskStart().plus(checks)));
        if (spec.hasLoadBalancer()) first.add(new Chain("load balancer provisioning " + s(l.loadBalancer()) + checked, l.loadBalancer().plus(checks)));
        boolean nat = spec.network().vpc() == VpcMode.NEW && spec.network().natGateways() != NatMode.NONE;
        if (nat) {
            first.add(new Chain("NAT gateway " + s(l.natGateway()) + " → task start " + s(l.taskStart()) + checked,
                    l.natGateway().plus(l.taskStart()).plus(checks)));
        }
        if (spec.hasCertificate() && !spec.certificate().existing()) {
            first.add(new Chain("certificate validation " + s(l.certificateValidation()) + " → task start " + s(l.taskStart()) + checked,
                    l.certificateValidation().plus(l.taskStart()).plus(checks)));
        }
        Chain longest = first.stream().max(java.util.Comparator.comparing(Chain::took)).orElseThrow();

        Duration drain = spec.hasLoadBalancer() ? Duration.ofSeconds(spec.loadBalancer().deregistrationDelay()) : Duration.ZERO;
        Duration update = l.taskStart().plus(checks).plus(drain).plus(SimLatency.EXITS_ON_SIGTERM).plus(l.taskStop());
        String updateWhy = "task start " + s(l.taskStart()) + checked + " → draining " + s(drain) + " → exit on SIGTERM "
                + s(SimLatency.EXITS_ON_SIGTERM) + " → stopped " + s(l.taskStop());
        return new Figures(longest.took(), longest.why(), update, updateWhy);
    }

    private static String s(Duration d) { return d.toSeconds() + " s"; }

    private Floor() {}
}
