package dev.gantry.wizard;

import java.util.List;

/**
 * Read-only questions the wizard asks AWS while the person answers. Implementations must return
 * within a few seconds and never throw: a failure is a {@link Lookup#unavailable(String)} and the
 * wizard falls back to typing. Tests use {@link Offline}, so they never touch the network.
 */
public interface Lookups {

    /** Who the credentials belong to; {@code signedIn} false when there are none. */
    record Identity(boolean signedIn, String account, String arn, String problem) {
        public static Identity none(String why) { return new Identity(false, null, null, why); }
    }

    record SubnetInfo(String id, String availabilityZone, String cidr, boolean mapsPublicIp) {}

    Identity identity();

    Lookup<List<String>> availabilityZones(String region);

    /** Existing VPCs as choices: value is the id, meaning says its CIDR and name. */
    Lookup<List<Choice>> vpcs(String region);

    Lookup<List<SubnetInfo>> subnets(String region, String vpcId);

    /** Public hosted zone names, without the trailing dot. */
    Lookup<List<String>> hostedZones();

    /** Issued certificates whose names cover the domain; value is the ARN. */
    Lookup<List<Choice>> certificates(String region, String domain);

    /** Existing SSM parameter names under a path prefix. */
    Lookup<List<String>> parameters(String region, String prefix);

    /** What the image's registry said: the digest its tag points at now, or that it wants a login. */
    record ImageLook(String digest, boolean unauthorized) {}

    /** Asks the image's registry about it (anonymously; ECR with the credentials). */
    default Lookup<ImageLook> image(String region, String image) { return Lookup.unavailable("the registry is asked at plan time"); }

    /** No credentials or no network: every look-up says why, so the person types the value. */
    final class Offline implements Lookups {
        private final String why;

        public Offline(String why) { this.why = why; }

        @Override public Identity identity() { return Identity.none(why); }
        @Override public Lookup<List<String>> availabilityZones(String region) { return Lookup.unavailable(why); }
        @Override public Lookup<List<Choice>> vpcs(String region) { return Lookup.unavailable(why); }
        @Override public Lookup<List<SubnetInfo>> subnets(String region, String vpcId) { return Lookup.unavailable(why); }
        @Override public Lookup<List<String>> hostedZones() { return Lookup.unavailable(why); }
        @Override public Lookup<List<Choice>> certificates(String region, String domain) { return Lookup.unavailable(why); }
        @Override public Lookup<List<String>> parameters(String region, String prefix) { return Lookup.unavailable(why); }
    }
}
