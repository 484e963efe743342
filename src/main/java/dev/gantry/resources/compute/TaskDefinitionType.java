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
        EcsClient ecs = ctx.aws().ecs();
        String family = ctx.app();
        // Asked for by family alone, ECS answers with its newest ACTIVE revision: usually the one wanted.
        try {
            Optional<Observed> latest = owned(ctx, family, ecs.describeTaskDefinition(b -> b.taskDefinition(family).include(TaskDefinitionField.TAGS)));
            if (latest.isPresent()) return List.of(latest.get());
        } catch (ClientException noSuchFamily) {
            return List.of();
        }
        // The newest revision is not gantry's (registered by hand?): the newest one that is.
        for (String arn : ecs.listTaskDefinitions(b -> b.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC)).taskDefinitionArns()) {
            Optional<Observed> o = owned(ctx, family, ecs.describeTaskDefinition(b -> b.taskDefinition(arn).include(TaskDefinitionField.TAGS)));
            if (o.isPresent()) return List.of(o.get());
        }
        return List.of();
    }

    /**
     * The family is the app's name: newer revisions registered into someone else's family would take
     * it over, so an ACTIVE revision that is not the app's is a conflict.
     */
    @Override public Optional<Claim> claimant(ResourceContext ctx, Desired desired, Map<String, Object> props) {
        String family = Props.str(props, "family");
        DescribeTaskDefinitionResponse r;
        try {
            r = ctx.aws().ecs().describeTaskDefinition(b -> b.taskDefinition(family).include(TaskDefinitionField.TAGS));
        } catch (ClientException noSuchFamily) {
            return Optional.empty();
        }
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
        return ctx.ownAddress(tags, "task-definition").map(a -> samePinnedImage(ctx, observed(a, r.taskDefinition())));
    }

    /**
     * A task definition that apply --pin-digest pinned (image:tag@sha256:…) still runs the spec's
     * image:tag: it stays pinned, with no change planned, until the spec's image changes or the
     * next --pin-digest finds the tag moved.
     */
    private static Observed samePinnedImage(ResourceContext ctx, Observed o) {
        String running = Props.str(o.props(), "image");
        String wanted = ctx.spec().task().image();
        if (running == null || wanted.contains("@") || !running.contains("@") || !dev.gantry.image.ImageName.unpinned(running).equals(wanted)) return o;
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
                .put("command", new ArrayList<>(c.command())).put("environment", env).put("secrets", secrets)
                .put("registryCredentials", c.repositoryCredentials() == null ? "" : c.repositoryCredentials().credentialsParameter()).put("roles", roles)
                .put("logGroup", c.logConfiguration() == null ? null : c.logConfiguration().options().get("awslogs-group"));
        return new Observed(a, td.taskDefinitionArn(), p.build(), Map.of("id", td.taskDefinitionArn(), "arn", td.taskDefinitionArn(),
                "family", td.family(), "revision", String.valueOf(td.revision())));
    }

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
        if (port != null) c.portMappings(PortMapping.builder().containerPort(port).protocol(TransportProtocol.TCP).build());
        List<String> command = Props.strings(props, "command");
        if (!command.isEmpty()) c.command(command);
        String arch = "arm64".equals(Props.str(props, "architecture")) ? "ARM64" : "X86_64";
        return RegisterTaskDefinitionRequest.builder().family(Props.str(props, "family"))
                .cpu(String.valueOf(Props.integer(props, "cpu"))).memory(String.valueOf(Props.integer(props, "memory")))
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE)
                .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(arch).operatingSystemFamily(OSFamily.LINUX).build())
                .executionRoleArn(roles.get("execution")).taskRoleArn(roles.get("task"))
                .containerDefinitions(c.build()).tags(Ecs.tagList(ctx.tags(a))).build();
    }

    /** Registers the revision, then runs the release with it when the image is new ({@link ReleaseTask}). */
    private Step register(ResourceContext ctx, Address a, Map<String, Object> props, Observed before) {
        return () -> {
            boolean release = ReleaseTask.runs(props, before);
            RegisterTaskDefinitionRequest req = request(ctx, a, props);
            if (release) {
                List<Tag> tags = new ArrayList<>(req.tags());
                tags.add(Tag.builder().key(ReleaseTask.TAG).value(ReleaseTask.PENDING).build());
                req = req.toBuilder().tags(tags).build();
            }
            TaskDefinition td = ctx.aws().ecs().registerTaskDefinition(req).taskDefinition();
            Observed registered = observed(a, td);
            if (!release) return StepResult.done(registered);
            String previous = before == null ? null : before.outputs().get("family") + ":" + before.outputs().get("revision");
            return ReleaseTask.run(ctx, props, registered, previous).run();
        };
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
