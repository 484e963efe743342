package dev.gantry.wizard;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the live look-ups found, fetched once per key and kept, so a default or a choice list never
 * calls AWS twice and every UI sees the same answers. Offline, every look-up says so and the person
 * types the value instead.
 */
public final class LookupResults {
    private final Lookups lookups;
    private final Map<String, Lookup<?>> cache = new ConcurrentHashMap<>();
    private final String defaultRegion;

    public LookupResults(Lookups lookups, String defaultRegion) {
        this.lookups = lookups;
        this.defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "us-east-1" : defaultRegion;
    }

    public static LookupResults offline() { return new LookupResults(new Lookups.Offline("no AWS credentials"), "us-east-1"); }

    public String defaultRegion() { return defaultRegion; }

    private String folder;

    /** The name of the folder the spec lives in (the current one by default), which the app name defaults from. */
    public LookupResults inFolder(String name) {
        this.folder = name;
        return this;
    }

    /** The folder's name made a valid app name ("My Billing_API" → my-billing-api); null when it cannot be. */
    public String appFromFolder() {
        if (folder == null) return null;
        String s = folder.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+", "");
        if (s.length() > 28) s = s.substring(0, 28);
        s = s.replaceAll("-+$", "");
        return Checks.app(s) == null ? s : null;
    }

    private String specFolder;
    private String dockerfile;
    private Integer exposedPort;

    /**
     * The spec's folder (absolute) and what it holds: a Dockerfile (its name, null when there is
     * none) and the first port its EXPOSE names (null when none), which the image and port default from.
     */
    public LookupResults withFolder(String absoluteFolder, String dockerfile, Integer exposedPort) {
        this.specFolder = absoluteFolder;
        this.dockerfile = dockerfile;
        this.exposedPort = exposedPort;
        return this;
    }

    /**
     * A folder beside gantry.yaml holding a Dockerfile (./api/Dockerfile), which the service of a
     * version-2 spec named like it builds by default: its name, and the first port its EXPOSE
     * names (null when none).
     */
    public record DockerfileFolder(String name, Integer exposedPort) {
        /** The Dockerfile as gantry.yaml names it: api/Dockerfile. */
        public String dockerfile() { return name + "/Dockerfile"; }
    }

    private final Map<String, DockerfileFolder> dockerfileFolders = new ConcurrentHashMap<>();

    /** Records a folder beside gantry.yaml that holds a Dockerfile (what the caller found on disk). */
    public LookupResults withDockerfileFolder(String name, Integer exposedPort) {
        dockerfileFolders.put(name, new DockerfileFolder(name, exposedPort));
        return this;
    }

    /** The folder beside gantry.yaml named like a service, when it holds a Dockerfile. */
    public java.util.Optional<DockerfileFolder> dockerfileFolder(String name) {
        return name == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(dockerfileFolders.get(name));
    }

    public String specFolder() { return specFolder; }
    public String dockerfile() { return dockerfile; }
    public Integer exposedPort() { return exposedPort; }

    public Lookups.Identity identity() { return cached("identity", () -> Lookup.found(lookups.identity())).value(); }

    public boolean online() { return identity().signedIn(); }

    public Lookup<List<String>> availabilityZones(String region) {
        return cached("azs:" + region, () -> lookups.availabilityZones(region));
    }

    public Lookup<List<Choice>> vpcs(String region) { return cached("vpcs:" + region, () -> lookups.vpcs(region)); }

    public Lookup<List<Lookups.SubnetInfo>> subnets(String region, String vpcId) {
        return cached("subnets:" + region + ":" + vpcId, () -> lookups.subnets(region, vpcId));
    }

    public Lookup<List<String>> hostedZones() { return cached("zones", lookups::hostedZones); }

    public Lookup<List<Choice>> certificates(String region, String domain) {
        return cached("certs:" + region + ":" + domain, () -> lookups.certificates(region, domain));
    }

    public Lookup<List<String>> parameters(String region, String prefix) {
        return cached("params:" + region + ":" + prefix, () -> lookups.parameters(region, prefix));
    }

    public Lookup<Lookups.ImageLook> image(String region, String image) {
        return cached("image:" + region + ":" + image, () -> lookups.image(region, image));
    }

    @SuppressWarnings("unchecked")
    private <T> Lookup<T> cached(String key, Supplier<Lookup<T>> fetch) {
        return (Lookup<T>) cache.computeIfAbsent(key, k -> {
            try {
                return fetch.get();
            } catch (RuntimeException e) {
                return Lookup.unavailable("look-up failed: " + e.getClass().getSimpleName());
            }
        });
    }
}
