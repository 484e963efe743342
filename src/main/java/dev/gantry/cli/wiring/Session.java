package dev.gantry.cli.wiring;

import dev.gantry.aws.AwsClients;
import dev.gantry.aws.RealAws;
import dev.gantry.aws.sim.SimImages;
import dev.gantry.aws.sim.SimLatency;
import dev.gantry.image.HttpRegistry;
import dev.gantry.image.RegistryClient;
import dev.gantry.aws.sim.SimWorld;
import dev.gantry.time.RealScheduler;
import dev.gantry.time.Scheduler;
import dev.gantry.time.VirtualScheduler;

import java.nio.file.Path;
import java.util.Map;

/**
 * The AWS a command talks to, opened once: real AWS through the SDK, or the simulated account
 * kept under {@code GANTRY_HOME/simulated/REGION.json} (see {@link Config#home}) so plan, apply and destroy run one after
 * another see one world. Simulated time runs {@link #SIM_SPEED} times faster than the wall clock.
 */
public final class Session implements AutoCloseable {
    /** A full HTTPS stack takes about five simulated minutes; at this speed that is ten seconds. */
    public static final double SIM_SPEED = 30;

    /**
     * Worker threads against real AWS: how many calls are in flight at once (a refresh's reads, an
     * apply's independent steps). Few enough to stay clear of AWS's request-rate limits, which the
     * SDK's and the engine's retries absorb when a burst meets them anyway.
     */
    public static final int WORKERS = 16;

    public record Config(String region, String profile, String endpointUrl, boolean simulate, Path home, double simSpeed) {
        public static Config from(Map<String, String> env, String region, String profile, String endpointUrl, boolean simulate) {
            Path home = home(env);
            String endpoint = endpointUrl != null ? endpointUrl : env.get("AWS_ENDPOINT_URL");
            double speed = SIM_SPEED;
            try {
                if (env.containsKey("GANTRY_SIM_SPEED")) speed = Double.parseDouble(env.get("GANTRY_SIM_SPEED"));
            } catch (NumberFormatException ignored) {
                // keep the default: a typo here should not stop a rehearsal
            }
            // AWS_PROFILE names a profile as --profile does, and a missing one gets the same answer
            // (RealAws.requireProfile) instead of the SDK's vaguer failure later.
            String named = profile != null ? profile : env.get("AWS_PROFILE");
            return new Config(region, named, endpoint, simulate, home, speed);
        }

        /**
         * Where gantry keeps its own files: GANTRY_HOME, else $HOME/.gantry, else the passwd entry's
         * home. $HOME wins over Java's user.home so that {@code HOME=/tmp/x gantry ...} stays in /tmp/x.
         */
        public static Path home(Map<String, String> env) {
            String explicit = env.get("GANTRY_HOME");
            if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
            String home = env.get("HOME");
            if (home == null || home.isBlank()) home = System.getProperty("user.home");
            return Path.of(home, ".gantry");
        }
    }

    private final AwsClients aws;
    private final Scheduler scheduler;
    private final SimWorld world;
    private final Path worldFile;
    private dev.gantry.engine.RefreshProgress reading = dev.gantry.engine.RefreshProgress.NONE;

    private Session(AwsClients aws, Scheduler scheduler, SimWorld world, Path worldFile) {
        this.aws = aws;
        this.scheduler = scheduler;
        this.world = world;
        this.worldFile = worldFile;
    }

    public static Session open(Config c) {
        if (c.simulate()) {
            Path file = worldFile(c.home(), c.profile(), c.region());
            try {
                // Owner-only from the start, and tightened where an older gantry left them wider.
                dev.gantry.aws.sim.PrivateFiles.directory(c.home(), file.getParent());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create " + file.getParent(), e);
            }
            // Read once: the clock it was saved at starts the scheduler the world then runs on.
            boolean fresh = !java.nio.file.Files.exists(file);
            dev.gantry.aws.sim.SimState state = SimWorld.readState(file);
            if (fresh && c.profile() != null) state.accountId = simulatedAccount(c.profile());
            // Discrete-event time, paced: AWS's minutes pass in seconds, and gantry's own work costs none.
            VirtualScheduler scheduler = new VirtualScheduler(SimWorld.clock(state), c.simSpeed());
            SimWorld world = new SimWorld(state, scheduler, SimLatency.realistic());
            world.state.region = c.region();
            AwsClients clients = world.clients();
            // The simulated Lambda runs the guard in-process, on this session's clock; runs that came
            // due while no command ran happen now, before the command looks at the account.
            world.functionRuntime(dev.gantry.guard.GuardHandler.HANDLER,
                    (payload, log) -> dev.gantry.guard.GuardHandler.handle(payload, clients, scheduler, log));
            world.runDueFunctions();
            return new Session(clients, scheduler, world, file);
        }
        return new Session(RealAws.clients(c.region(), c.profile(), c.endpointUrl()), new RealScheduler(WORKERS), null, null);
    }

    /**
     * Where a simulated account is kept: each profile is an account of its own (its own world, its
     * own id), as profiles usually are; without one, the account every rehearsal used before.
     */
    public static Path worldFile(Path home, String profile, String region) {
        Path dir = home.resolve("simulated");
        if (profile != null) dir = dir.resolve(profile.replaceAll("[^A-Za-z0-9_.-]", "_"));
        return dir.resolve(region + ".json");
    }

    /** A profile's simulated account id: 12 digits made from its name, so it is the same on every run. */
    public static String simulatedAccount(String profile) {
        long h = Integer.toUnsignedLong(profile.hashCode()) * 31 + profile.length();
        return String.format("2%011d", h % 100_000_000_000L);
    }

    public AwsClients aws() { return aws; }

    /**
     * Who answers the image pre-flight for registries other than ECR. A rehearsal contacts no
     * registry on the internet: the simulated world's registry answers (only a registry on this
     * machine is really asked); against AWS, the registries themselves.
     */
    public RegistryClient registry() {
        RegistryClient http = HttpRegistry.standard();
        return world != null ? new SimImages(http) : http;
    }

    /** Who shows the refresh's progress for this run (a terminal's reading line, or no one). */
    public dev.gantry.engine.RefreshProgress reading() { return reading; }
    void showReading(dev.gantry.engine.RefreshProgress progress) { this.reading = progress; }
    public Scheduler scheduler() { return scheduler; }
    public boolean simulated() { return world != null; }
    /** The simulated account, or null against real AWS. */
    public SimWorld world() { return world; }

    /** Saves the simulated account; called after every command, including failed ones. */
    @Override public void close() {
        try {
            if (world != null) world.save(worldFile);
        } finally {
            scheduler.close();
            aws.close();
        }
    }
}
