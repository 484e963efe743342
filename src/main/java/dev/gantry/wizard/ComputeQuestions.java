package dev.gantry.wizard;

import dev.gantry.spec.Logs;

import java.util.List;
import java.util.Locale;

/** Cluster, Task, Secrets and Service. */
final class ComputeQuestions {
    private ComputeQuestions() {}

    static List<Question> all() {
        return List.of(
                Question.in(WizardScreen.CLUSTER, SpecField.text("cluster.name"), Kind.TEXT)
                        .title("Cluster name")
                        .explain("""
                                The ECS cluster gantry creates for the service, and deletes with it. A name an \
                                existing cluster already has is a conflict that plan shows: choose another, or take \
                                that cluster over with apply --adopt cluster.main (never another gantry app's; \
                                destroy then deletes it). Default: the app name.""")
                        .defaults(k -> k.get("app"))
                        // Empty only while the app name is missing, which that question already reports.
                        .validate((v, k) -> v.isEmpty() && !k.given("cluster.name") ? null : Checks.clusterName(v))
                        .option("--cluster", "NAME")
                        .build(),
                Question.in(WizardScreen.CLUSTER, SpecField.bool("cluster.containerInsights"), Kind.CHOICE)
                        .title("Container Insights")
                        .explain("""
                                Extra CloudWatch metrics per task (CPU, memory, network). Useful when tuning; \
                                billed as custom metrics and log data, a few dollars a month for a small service.""")
                        .choices(List.of(
                                new Choice("false", "off", "Standard ECS metrics only (free). Default."),
                                new Choice("true", "on", "Per-task metrics and dashboards; adds CloudWatch charges.")))
                        .defaults("false")
                        .toggle("--container-insights", "true", "Turn on Container Insights metrics.")
                        .toggle("--no-container-insights", "false", "Standard ECS metrics only (the default).")
                        .build(),
                Question.in(WizardScreen.TASK, SpecField.size("task.size", "task.cpu", "task.memory"), Kind.CHOICE)
                        .field("task.memory")
                        .title("CPU and memory per task")
                        .explain("""
                                How much of a machine each copy of your container gets. Only combinations Fargate \
                                accepts are listed. You pay per second for vCPU and memory, times the number of \
                                tasks. Default 0.25 vCPU / 0.5 GB: enough for a small web app; raise it if the \
                                container is killed for memory (exit 137).""")
                        .choices(k -> TaskSizes.choices())
                        .defaults(TaskSizes.value(256, 512))
                        .option("--cpu", "UNITS", "Task CPU, 1024 = 1 vCPU (default: 256); alone, takes the smallest memory Fargate pairs with it.")
                        .option("--memory", "MIB", "Task memory in MiB (default: 512); must be a size Fargate offers for the cpu.")
                        .readFlags(k -> TaskSizes.fromFlags(k.get("--cpu"), k.get("--memory")))
                        .build(),
                Question.in(WizardScreen.TASK, SpecField.text("task.architecture"), Kind.CHOICE)
                        .title("Processor architecture")
                        .explain("""
                                The CPU type your image is built for. It must match the image: an x86 image on \
                                arm64 fails to start with "exec format error".""")
                        .choices(List.of(
                                new Choice("x86_64", "x86_64", "Intel/AMD. Every image works. Default."),
                                new Choice("arm64", "arm64", "Graviton: about 20% cheaper for the same size; the image must be built for arm64 (multi-arch images work).")))
                        .defaults("x86_64")
                        .option("--arch", "x86_64|arm64")
                        .build(),
                Question.in(WizardScreen.TASK, SpecField.text("task.registryCredentials.secret").as("task.registryCredentials"), Kind.TEXT)
                        .title("Registry login (a Secrets Manager secret)")
                        .explain("""
                                The image's registry answered "unauthorized": the image is private (or its name \
                                is wrong). ECS pulls it with a login kept in a Secrets Manager secret holding \
                                {"username": …, "password": …}. A name makes gantry create that secret from the \
                                login you give at apply (--secret REGISTRY_CREDENTIALS=@FILE or the prompt); an ARN \
                                uses one you have. The execution role may read exactly that secret. Empty: none.""")
                        .defaults(k -> k.get("app") == null ? "" : k.get("app") + "/registry")
                        .validate(v -> v.isEmpty() ? null : Checks.text(dev.gantry.spec.Rules.secretName(v)))
                        .when(k -> k.given("task.registryCredentials") || imageLook(k).map(Lookups.ImageLook::unauthorized).orElse(false),
                                "an image whose registry answers \"unauthorized\"")
                        .option("--registry-secret", "NAME|ARN", "Secrets Manager secret with the login for a private registry.")
                        .build(),
                Question.in(WizardScreen.TASK, SpecField.shape("task.pinDigest", d -> null, d -> {}) /* an act at save, no spec field */, Kind.CHOICE)
                        .title("Pin the image to its digest?")
                        .explain("""
                                A tag can be moved to another build; a digest cannot. Pinning writes the digest the \
                                tag points at now into gantry.yaml (image: …:TAG@sha256:…), so every task runs \
                                exactly that build until you change the image. Default: no, follow the tag.""")
                        .choices(List.of(
                                new Choice("false", "no", "Tasks started later pull what the tag points at then. Default."),
                                new Choice("true", "yes", "Tasks always run the build the tag points at now.")))
                        .defaults("false")
                        .when(k -> k.given("task.pinDigest") || imageLook(k).map(l -> l.digest() != null).orElse(false),
                                "an image whose registry gave its digest")
                        .toggle("--pin-digest", "true", "Write the digest the image's tag points at now into gantry.yaml.")
                        .toggle("--no-pin-digest", "false", "Follow the image's tag (the default).")
                        .build(),
                Question.in(WizardScreen.TASK, SpecField.pairs("task.environment"), Kind.PAIRS)
                        .title("Environment variables (NAME=VALUE, one per line)")
                        .explain("""
                                Plain settings your container reads at start, e.g. LOG_LEVEL=info. They are \
                                written into gantry.yaml and visible in the AWS console: never put a password \
                                here, use Secrets. Default: none.""")
                        .defaults("")
                        .validate(Checks::environment)
                        .warn((v, k) -> Checks.environmentWarning(v))
                        .repeatable("--env", "NAME=VALUE", "An environment variable. Repeatable.")
                        .build(),
                Question.in(WizardScreen.TASK, SpecField.integer("task.logs.retentionDays"), Kind.CHOICE)
                        .title("Keep logs for (days)")
                        .explain("""
                                The container's output goes to CloudWatch Logs (/gantry/APP). Older entries are \
                                deleted after this many days. Storage costs $0.03 per GB-month, so retention \
                                matters only for chatty services. Default 30.""")
                        .choices(Logs.ALLOWED_RETENTION.stream().map(d -> new Choice(String.valueOf(d), dev.gantry.spec.Counted.of(d, "day"), null)).toList())
                        .defaults(String.valueOf(Logs.DEFAULT_RETENTION_DAYS))
                        .option("--log-retention", "DAYS")
                        .build(),
                Question.in(WizardScreen.SECRETS, SpecField.secrets("task.secrets"), Kind.PAIRS)
                        .title("Secrets (NAME=PARAMETER, one per line)")
                        .explain("""
                                Each line names an environment variable and the SSM parameter holding its value, \
                                e.g. DB_PASSWORD=/hello/db-password. A path means gantry manages it as an \
                                encrypted SecureString; an ARN means an existing parameter gantry only reads. \
                                A managed secret's value can be typed below, hidden; it is kept in memory only, \
                                never written to a file, and used by "Save and apply" in this run. Otherwise \
                                apply asks for it while the parameter does not exist yet (or give it with \
                                --secret NAME=@FILE, or GANTRY_SECRET_NAME). Default: none.""")
                        .defaults("")
                        .validate((v, k) -> Checks.secrets(v, k.get("task.environment")))
                        .suggest(ComputeQuestions::existingParameters)
                        .repeatable("--secret-param", "NAME=PARAM", "Repeatable. PARAM is a path (managed) or an SSM parameter ARN (existing).")
                        .build(),
                Question.in(WizardScreen.SERVICE, SpecField.integer("service.desiredCount"), Kind.TEXT)
                        .title("How many tasks (copies) run")
                        .explain("""
                                The number of copies of your container kept running (0–1000). Two or more, in \
                                different zones, keep the service up while one is replaced or a zone fails. \
                                Cost grows with each copy. Default 2.""")
                        .defaults("2")
                        .validate(v -> Checks.intRange(v, dev.gantry.spec.Rules.DESIRED_COUNT, "tasks"))
                        .option("--count", "N")
                        .build(),
                Question.in(WizardScreen.SERVICE, SpecField.integer("service.minimumHealthyPercent"), Kind.TEXT)
                        .title("Minimum healthy during a deploy (%)")
                        .explain("""
                                How many tasks must stay running while a new version rolls out, as a percent of \
                                the count (0–100). Default 100: no capacity is lost during a deploy.""")
                        .defaults("100")
                        .validate(v -> Checks.intRange(v, dev.gantry.spec.Rules.MINIMUM_HEALTHY_PERCENT, "percent"))
                        .option("--min-healthy", "PERCENT")
                        .build(),
                Question.in(WizardScreen.SERVICE, SpecField.integer("service.maximumPercent"), Kind.TEXT)
                        .title("Maximum running during a deploy (%)")
                        .explain("""
                                How many tasks may run at once during a deploy (100–200, above the minimum). \
                                Default 200: all new tasks start at once beside the old ones, which stop as soon \
                                as the new ones are healthy: the fastest deploy that never lowers capacity.""")
                        .defaults("200")
                        .validate((v, k) -> Checks.maximumPercent(v, k.intOr("service.minimumHealthyPercent", 100),
                                k.intOr("service.desiredCount", 2)))
                        .option("--max-percent", "PERCENT")
                        .build(),
                Question.in(WizardScreen.SERVICE, SpecField.bool("service.rollbackOnFailure"), Kind.CHOICE)
                        .title("Roll back a failed deploy?")
                        .explain("""
                                ECS's deployment circuit breaker notices when new tasks keep failing and puts \
                                the previous version back automatically.""")
                        .choices(List.of(
                                new Choice("true", "yes", "A broken version is rolled back; the old one keeps serving. Default."),
                                new Choice("false", "no", "ECS keeps retrying the broken version until you deploy a fix.")))
                        .defaults("true")
                        .toggle("--rollback", "true", "Roll a failing deployment back to the last working version (the default).")
                        .toggle("--no-rollback", "false", "Do not roll back a failing deployment.")
                        .build(),
                Question.in(WizardScreen.SERVICE, SpecField.autoscaling("service.autoscaling"), Kind.TEXT)
                        .title("Autoscaling (MIN:MAX:CPU or none)")
                        .explain("""
                                Adds and removes tasks to hold average CPU near a target, e.g. 2:6:60 keeps 2–6 \
                                tasks at about 60% CPU. min ≤ desiredCount ≤ max; target 10–90 percent. Cost \
                                follows the number of tasks. Default none: a fixed count.""")
                        .defaults("none")
                        .validate((v, k) -> Checks.autoscaling(v, k.intOr("service.desiredCount", 2)))
                        .option("--autoscale", "MIN:MAX:CPU")
                        .build());
    }

    /** What the image's registry said during the wizard, when it could be asked. */
    static java.util.Optional<Lookups.ImageLook> imageLook(AnswersSoFar k) {
        String image = k.get("task.image");
        if (image == null || image.isBlank() || Checks.image(image) != null) return java.util.Optional.empty();
        Lookup<Lookups.ImageLook> l = k.facts().image(k.get("region"), image);
        return l.ok() ? java.util.Optional.of(l.value()) : java.util.Optional.empty();
    }

    /** Parameters already under /APP/, offered as NAME=PARAMETER lines to add. */
    private static Lookup<List<Choice>> existingParameters(AnswersSoFar k) {
        String app = k.get("app");
        if (app == null || Checks.app(app) != null) return Lookup.unavailable("enter the app name first");
        var found = k.facts().parameters(k.get("region"), "/" + app + "/");
        if (!found.ok()) return Lookup.unavailable(found.unavailable());
        return Lookup.found(found.value().stream().map(p -> {
            String name = p.substring(p.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
            return new Choice(name + "=" + p, p, "existing parameter");
        }).toList());
    }
}
