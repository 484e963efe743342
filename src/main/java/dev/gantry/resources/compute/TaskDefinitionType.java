package dev.gantry.resources.compute;

import dev.gantry.plan.Address;
import dev.gantry.plan.Desired;
import dev.gantry.plan.Observed;
import dev.gantry.resources.Claim;
import dev.gantry.resources.Props;
import dev.gantry.resources.ResourceContext;
import dev.gantry.resources.ResourceType;
import dev.gantry.resources.Step;
import dev.gantry.resources.StepResult;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code task-definition.main}: what to run. A task definition cannot change, so an update
 * registers a new revision (the service then moves to it); refresh reads the newest ACTIVE
 * revision of the app's family. Secrets appear only as parameter ARNs, never as values.
 */
final class TaskDefinitionType implements ResourceType {
    static final String CONTAINER_PORT_PROTOCOL = "tcp";

    @Override public String type() { return "task-definition"; }

    @Override public dev.gantry.plan.Piece piece() { return dev.gantry.plan.Piece.TASK; }

    @Override public String noun() { return "task definition"; }

    /** An update registers a new revision: the service must move to its new ARN. */
    @Override public boolean updateChangesIdentity() { return true; }
    @Override public int tier() { return 2; }

    /** The release says how a new revision is rolled out, not what exists: never compared. */
    @Override public Set<String> createOnly() { return Set.of(ReleaseTask.PROP); }

    /** A new image with a release command: the plan says the release runs before the rollout. */
    @Override public String planNote(Desired desired, dev.gantry.plan.Action action, List<dev.gantry.plan.Change.FieldChange> fields) {
        if (!(desired.props().get(ReleaseTask.PROP) instanceof Map<?, ?> release)) return null;
        boolean newImage = action == dev.gantry.plan.Action.CREATE || fields.stream().anyMatch(f -> f.field().equals("image"));
        if (!newImage) return null;
        return "release: runs `" + dev.gantry.spec.Release.words(Props.strings(release, "command")) + "` with the new revision ("
                + Props.str(desired.props(), "image") + ") before " + (action == dev.gantry.plan.Action.CREATE ? "the service uses it" : "the rollout");
    }

    @Override public List<Observed> refresh(ResourceContext ctx) {
        // The app's family is its name; with several services each has APP-NAME, and those of the
        // app's other services (one just removed too) are found through their log groups.
        java.util.Set<String> families = new java.util.LinkedHashSet<>();
        families.add(ctx.app());
        List<dev.gantry.plan.Desired> wanted = ctx.wanted().ofType(type());
        for (dev.gantry.plan.Desired d : wanted) if (Props.str(d.props(), "family") != null) families.add(Props.str(d.props(), "family"));
        for (String other : LogGroupType.otherServiceNames(ctx, List.of())) families.add(ctx.app() + "-" + other);
        List<Observed> out = new java.util.ArrayList<>();
        for (String family : families) refresh(ctx, family).ifPresent(out::add);
        return out;
    }

    private Optional<Observed> refresh(ResourceContext ctx, String family) {
        EcsClient ecs = ctx.aws().ecs();
        // Asked for by family alone, ECS answers with its newest ACTIVE revision: usually the one wanted.
        Optional<DescribeTaskDefinitionResponse> newest = newest(ctx, family);
        if (newest.isEmpty()) return Optional.empty();
        Optional<Observed> latest = owned(ctx, family, newest.get());
        if (latest.isPresent()) return latest;
        // The newest revision is not gantry's (registered by hand?): the newest one that is.
        for (String arn : ecs.listTaskDefinitions(b -> b.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC)).taskDefinitionArns()) {
            Optional<Observed> o = owned(ctx, family, ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS)));
            if (o.isPresent()) return o;
        }
        return Optional.empty();
    }

    /** The family's newest ACTIVE revision, with tags (empty: no such family): read once per refresh by it and the claimant. */
    private static Optional<DescribeTaskDefinitionResponse> newest(ResourceContext ctx, String family) {
        return ctx.reads().get("ecs:task-definition:" + family, () -> {
            DescribeTaskDefinitionResponse r;
            try {
                r = ctx.aws().ecs().describeTaskDefinition(b -> b.taskDefinition(family).include(TaskDefinitionField.TAGS));
            } catch (ClientException noSuchFamily) {
                return Optional.<DescribeTaskDefinitionResponse>empty();
            }
            if (r.taskDefinition().status() == null || r.taskDefinition().status() == TaskDefinitionStatus.ACTIVE) return Optional.of(r);
            // Checked as a filtered look-up's tags are: an endpoint that answers a deregistered
            // revision (moto 5.2.2 does) must not make it the app's, nor destroy's "still there".
            return newestActive(ctx.aws().ecs(), family);
        });
    }

    private static Optional<DescribeTaskDefinitionResponse> newestActive(EcsClient ecs, String family) {
        for (String arn : ecs.listTaskDefinitions(b -> b.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC)).taskDefinitionArns()) {
            DescribeTaskDefinitionResponse r = ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS));
            if (r.taskDefinition().family().equals(family) && r.taskDefinition().status() == TaskDefinitionStatus.ACTIVE) return Optional.of(r);
        }
        return Optional.empty();
    }

    /**
     * The family is the app's name: newer revisions registered into someone else's family would take
     * it over, so an ACTIVE revision that is not the app's is a conflict.
     */
    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String family = Props.str(props, "family");
        Optional<DescribeTaskDefinitionResponse> newest = newest(ctx, family);
        if (newest.isEmpty()) return Optional.empty();
        DescribeTaskDefinitionResponse r = newest.get();
        if (!r.taskDefinition().family().equals(family)) return Optional.empty();
        return Optional.of(new Claim(observed(desired.address(), r.taskDefinition()),
                "the task definition family " + family + " (revision " + r.taskDefinition().revision() + ")", Ecs.tags(r.tags()), "app"));
    }

    /** Tags the newest revision; the update that follows registers the spec's as the next one. */
    @Override public Step adopt(ResourceContext ctx, Observed existing, Desired desired) {
        return () -> {
            ctx.aws().ecs().tagResource(b -> b.resourceArn(existing.id()).tags(Ecs.tagList(ctx.tags(desired.address()))));
            return StepResult.done(existing);
        };
    }

    private static Optional<Observed> owned(ResourceContext ctx, String family, DescribeTaskDefinitionResponse r) {
        Map<String, String> tags = Ecs.tags(r.tags());
        if (!r.taskDefinition().family().equals(family)) return Optional.empty();
        // A revision whose release never passed (an apply stopped while it ran) is not what the
        // service may run: the one before it is the app's, so the next plan registers and releases again.
        if (ReleaseTask.PENDING.equals(tags.get(ReleaseTask.TAG))) return Optional.empty();
        return ctx.ownAddress(tags, "task-definition").map(a -> rolledBack(samePinnedImage(ctx, observed(a, r.taskDefinition())), r, tags));
    }

    /**
     * A revision {@code gantry rollback} registered says so in its outputs (the revision it copies,
     * when, by whom), so the plan can name what the next apply would undo.
     */
    private static Observed rolledBack(Observed o, DescribeTaskDefinitionResponse r, Map<String, String> tags) {
        String to = tags.get(ResourceContext.TAG_ROLLBACK_TO);
        if (to == null) return o;
        Map<String, String> outputs = new java.util.LinkedHashMap<>(o.outputs());
        outputs.put("rollbackTo", to);
        if (r.taskDefinition().registeredAt() != null) outputs.put("rolledBackAt", r.taskDefinition().registeredAt().toString());
        if (tags.get(ResourceContext.TAG_USER) != null) outputs.put("rolledBackBy", tags.get(ResourceContext.TAG_USER));
        return new Observed(o.address(), o.id(), o.props(), outputs);
    }

    /**
     * A task definition that apply --pin-digest pinned (image:tag@sha256:…) still runs the planned
     * image:tag: it stays pinned, with no change planned, until the spec's image changes or the
     * next --pin-digest finds the tag moved.
     */
    private static Observed samePinnedImage(ResourceContext ctx, Observed o) {
        String running = Props.str(o.props(), "image");
        String wanted = ctx.wanted().str(o.address(), "image");
        if (running == null || wanted == null || wanted.contains("@") || !running.contains("@") || !dev.gantry.image.ImageName.unpinned(running).equals(wanted)) return o;
        Map<String, Object> props = new java.util.LinkedHashMap<>(o.props());
        props.put("image", wanted);
        Map<String, String> outputs = new java.util.LinkedHashMap<>(o.outputs());
        outputs.put("pinnedImage", running);
        return new Observed(o.address(), o.id(), props, outputs);
    }

    static Observed observed(Address a, TaskDefinition td) {
        ContainerDefinition c = td.containerDefinitions().get(0);
        Map<String, String> env = new TreeMap<>();
        c.environment().forEach(kv -> env.put(kv.name(), kv.value()));
        Map<String, String> secrets = new TreeMap<>();
        c.secrets().forEach(s -> secrets.put(s.name(), s.valueFrom()));
        Map<String, String> roles = new TreeMap<>();
        if (td.executionRoleArn() != null) roles.put("execution", td.executionRoleArn());
        if (td.taskRoleArn() != null) roles.put("task", td.taskRoleArn());
        String arch = td.runtimePlatform() == null || td.runtimePlatform().cpuArchitecture() == null ? "x86_64"
                : td.runtimePlatform().cpuArchitectureAsString().toLowerCase();
        Props.Builder p = Props.props().put("family", td.family()).put("cpu", units(td.cpu())).put("memory", units(td.memory()))
                .put("architecture", arch).put("image", c.image())
                .put("port", c.portMappings().isEmpty() ? null : c.portMappings().get(0).containerPort())
                .put(PORT_NAME, c.portMappings().isEmpty() ? null : c.portMappings().get(0).name())
                .put("command", new ArrayList<>(c.command())).put("environment", env).put("secrets", secrets)
                .put("registryCredentials", c.repositoryCredentials() == null ? "" : c.repositoryCredentials().credentialsParameter()).put("roles", roles)
                .put("logGroup", c.logConfiguration() == null ? null : c.logConfiguration().options().get("awslogs-group"))
                // Without one, Fargate waits 30 s between SIGTERM and SIGKILL (ContainerDefinition.stopTimeout).
                .put("stopTimeout", c.stopTimeout() == null ? FARGATE_STOP_TIMEOUT : c.stopTimeout());
        return new Observed(a, td.taskDefinitionArn(), p.build(), Map.of("id", td.taskDefinitionArn(), "arn", td.taskDefinitionArn(),
                "family", td.family(), "revision", String.valueOf(td.revision())));
    }

    static final int FARGATE_STOP_TIMEOUT = 30;

    /**
     * {@code portName}: the port mapping's name, which a Service Connect endpoint names (an internal
     * service's; absent for none). Version 1 never sets it, so its task definitions read as before.
     */
    static final String PORT_NAME = "portName";

    /**
     * Task-level cpu or memory as a number, or null: an EC2-style task definition made by hand may
     * have neither (they are optional outside Fargate), and what AWS answers must never crash a read.
     */
    static Integer units(String value) {
        if (value == null || !value.trim().matches("[0-9]{1,9}")) return null;
        return Integer.valueOf(value.trim());
    }

    /** The container definition, built from resolved props. Secret values never enter it: only ARNs. */
    static RegisterTaskDefinitionRequest request(ResourceContext ctx, Address a, Map<String, Object> props) {
        String app = ctx.app();
        Integer port = Props.integer(props, "port");
        Map<String, String> roles = Props.map(props, "roles");
        ContainerDefinition.Builder c = ContainerDefinition.builder().name(app).image(Props.str(props, "image")).essential(true)
                .environment(Props.map(props, "environment").entrySet().stream()
                        .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .secrets(Props.map(props, "secrets").entrySet().stream()
                        .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build()).toList())
                .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(Map.of(
                        "awslogs-group", Props.str(props, "logGroup"), "awslogs-region", ctx.region(), "awslogs-stream-prefix", app)).build());
        String login = Props.str(props, "registryCredentials");
        if (login != null && !login.isEmpty()) c.repositoryCredentials(RepositoryCredentials.builder().credentialsParameter(login).build());
        String portName = Props.str(props, PORT_NAME);
        if (port != null) c.portMappings(PortMapping.builder().containerPort(port).protocol(TransportProtocol.TCP)
                .name(portName == null || portName.isEmpty() ? null : portName).build());
        List<String> command = Props.strings(props, "command");
        if (!command.isEmpty()) c.command(command);
        Integer stopTimeout = Props.integer(props, "stopTimeout");
        if (stopTimeout != null) c.stopTimeout(stopTimeout);
        String arch = "arm64".equals(Props.str(props, "architecture")) ? "ARM64" : "X86_64";
        return RegisterTaskDefinitionRequest.builder().family(Props.str(props, "family"))
                .cpu(String.valueOf(Props.integer(props, "cpu"))).memory(String.valueOf(Props.integer(props, "memory")))
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE)
                .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(arch).operatingSystemFamily(OSFamily.LINUX).build())
                .executionRoleArn(roles.get("execution")).taskRoleArn(roles.get("task"))
                .containerDefinitions(c.build()).tags(Ecs.tagList(withRun(ctx.tags(a), ctx.runTags()))).build();
    }

    private static Map<String, String> withRun(Map<String, String> tags, Map<String, String> run) {
        if (run == null || run.isEmpty()) return tags;
        Map<String, String> all = new java.util.LinkedHashMap<>(tags);
        all.putAll(run);
        return all;
    }

    /**
     * Registers one revision. RegisterTaskDefinition has no client token: sent again after a lost
     * reply it would leave a second ACTIVE revision behind. So it is sent without blind resends,
     * and after a lost reply the family's newest revision is read: when it is the app's and says
     * exactly what was sent (and is not the revision the step started from), that is the one.
     */
    /**
     * Then, when the image is new and the spec has a release command, runs the release with the new
     * revision before anything rolls to it ({@link ReleaseTask}); such a revision is tagged pending
     * until the release passed.
     */
    private Step register(ResourceContext ctx, Address a, Map<String, Object> props, Observed before) {
        return () -> {
            EcsClient ecs = ctx.aws().ecs();
            String from = before == null ? null : before.id();
            boolean release = ReleaseTask.runs(props, before);
            RegisterTaskDefinitionRequest plain = request(ctx, a, props);
            if (release) {
                List<Tag> tags = new ArrayList<>(plain.tags());
                tags.add(Tag.builder().key(ReleaseTask.TAG).value(ReleaseTask.PENDING).build());
                plain = plain.toBuilder().tags(tags).build();
            }
            RegisterTaskDefinitionRequest req = plain.toBuilder()
                    .overrideConfiguration(o -> o.addPlugin(dev.gantry.aws.RetryPolicy.NO_BLIND_RESEND)).build();
            Map<String, Object> sent = observed(a, TaskDefinition.builder().taskDefinitionArn("").revision(0).family(req.family())
                    .cpu(req.cpu()).memory(req.memory()).runtimePlatform(req.runtimePlatform()).executionRoleArn(req.executionRoleArn())
                    .taskRoleArn(req.taskRoleArn()).containerDefinitions(req.containerDefinitions()).build()).props();
            for (int send = 1; ; send++) {
                if (send > 1) ctx.progress().sentAgainAfterLostReply(a.toString());
                try {
                    TaskDefinition made = ecs.registerTaskDefinition(req).taskDefinition();
                    if (send > 1) deregisterTwins(ctx, a, made, sent, from);
                    return released(ctx, a, props, observed(a, made), release, before);
                } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
                    if (!dev.gantry.aws.RetryPolicy.replyLost(e) || send >= 3) throw e;
                    DescribeTaskDefinitionResponse newest;
                    try {
                        newest = ecs.describeTaskDefinition(b -> b.taskDefinition(req.family()).include(TaskDefinitionField.TAGS));
                    } catch (ClientException notShownYet) {
                        continue; // a new family AWS does not show yet (or none): send again; a twin is deregistered then
                    }
                    TaskDefinition td = newest.taskDefinition();
                    boolean mine = ctx.ownAddress(Ecs.tags(newest.tags()), type()).filter(a::equals).isPresent();
                    if (mine && !td.taskDefinitionArn().equals(from) && observed(a, td).props().equals(sent)) {
                        return released(ctx, a, props, observed(a, td), release, before);
                    }
                }
            }
        };
    }

    /** The registered revision, done; or, when it carries a release, the release's steps with it. */
    private static dev.gantry.resources.StepResult released(ResourceContext ctx, Address a, Map<String, Object> props, Observed registered,
                                                            boolean release, Observed before) throws Exception {
        if (!release) return StepResult.done(registered);
        String previous = before == null ? null : before.outputs().get("family") + ":" + before.outputs().get("revision");
        return ReleaseTask.run(ctx, props, registered, previous).run();
    }

    /**
     * Sent again after a look-up missed the first (ECS's reads are eventually consistent): revisions
     * of the app's between the one the step started from and {@code made} that say exactly what was
     * sent are that first one, an extra: deregistered, so only one stays ACTIVE.
     */
    private void deregisterTwins(ResourceContext ctx, Address a, TaskDefinition made, Map<String, Object> sent, String from) {
        EcsClient ecs = ctx.aws().ecs();
        int after = from == null ? 0 : Integer.parseInt(from.substring(from.lastIndexOf(':') + 1));
        for (String arn : ecs.listTaskDefinitions(b -> b.familyPrefix(made.family()).status(TaskDefinitionStatus.ACTIVE)).taskDefinitionArns()) {
            int revision = Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1));
            if (arn.equals(made.taskDefinitionArn()) || revision <= after || revision > made.revision()) continue;
            DescribeTaskDefinitionResponse r = ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS));
            boolean mine = ctx.ownAddress(Ecs.tags(r.tags()), type()).filter(a::equals).isPresent();
            if (mine && r.taskDefinition().family().equals(made.family()) && observed(a, r.taskDefinition()).props().equals(sent)) {
                ecs.deregisterTaskDefinition(b -> b.taskDefinition(arn));
            }
        }
    }

    @Override public Step create(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        return register(ctx, desired.address(), props, null);
    }

    /**
     * The previous revision stays ACTIVE: the service's running tasks and a circuit-breaker
     * rollback still use it. Destroy deregisters every revision.
     */
    @Override public Step update(ResourceContext ctx, Observed current, Desired desired, Map<String, Object> props) {
        return register(ctx, desired.address(), props, current);
    }

    @Override public Step delete(ResourceContext ctx, Observed current) {
        return () -> {
            EcsClient ecs = ctx.aws().ecs();
            String family = current.outputs().getOrDefault("family", ctx.app());
            for (String arn : ecs.listTaskDefinitions(b -> b.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE)).taskDefinitionArns()) {
                DescribeTaskDefinitionResponse r = ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS));
                if (!r.taskDefinition().family().equals(family) || !ctx.app().equals(Ecs.tags(r.tags()).get(ResourceContext.TAG_APP))) continue;
                ecs.deregisterTaskDefinition(b -> b.taskDefinition(arn));
            }
            return StepResult.done(current);
        };
    }

    static Set<String> secretArns(TaskDefinition td) {
        Set<String> out = new java.util.LinkedHashSet<>();
        td.containerDefinitions().forEach(c -> c.secrets().forEach(s -> out.add(s.valueFrom())));
        return out;
    }
}
