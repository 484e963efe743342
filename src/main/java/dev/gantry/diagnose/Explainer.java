package dev.gantry.diagnose;

import dev.gantry.spec.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what ECS says about a stopped task (stop code, stopped reason, container reasons, exit
 * code) and the service's events into plain words and concrete fixes. Pure: no AWS calls, so it is
 * tested on AWS's real wordings.
 */
public final class Explainer {
    private static final Pattern DENIED = Pattern.compile(
            "assumed-role/([^/\\s]+)/\\S+ is not authorized to perform: (\\S+) on resource: (\\S+)");
    private static final Pattern INVALID_PARAMS = Pattern.compile("invalid ssm parameters: (\\S+)");
    private static final Pattern PULL_REF = Pattern.compile("failed to resolve ref ([^:\\s]+(?::[^:\\s]+)?(?:@\\S+)?):");
    private static final Pattern CODES = Pattern.compile("Health checks failed with these codes: \\[([^]]*)]");

    /** What gantry knows about the app that the explanation refers to. */
    public record Context(String app, String image, Integer port, String healthCheckPath,
                          Map<String, String> secrets, boolean tasksInPrivateSubnets) {
        public Context {
            secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        }

        public static Context of(Spec spec) {
            Map<String, String> secrets = new TreeMap<>();
            spec.task().secrets().forEach((k, v) -> secrets.put(k, v.parameter()));
            return new Context(spec.app(), spec.task().image() != null ? spec.task().image() : spec.task().imageShown(), spec.task().port(),
                    spec.hasLoadBalancer() ? spec.loadBalancer().healthCheckPath() : null, secrets,
                    spec.network().tasksInPrivateSubnets());
        }

        /** One service of a version-2 spec: its own image, port, secrets and health check. */
        public static Context of(Spec spec, dev.gantry.spec.AppService service) {
            dev.gantry.spec.Task t = service.task();
            if (t == null) return of(spec);
            Map<String, String> secrets = new TreeMap<>();
            t.secrets().forEach((k, v) -> secrets.put(k, v.parameter()));
            return new Context(spec.app(), t.image() != null ? t.image() : t.imageShown(), t.port(),
                    service.isPublic() ? service.publicAccess().healthCheckPath() : null, secrets, spec.network().tasksInPrivateSubnets());
        }

        /**
         * The same as plain values in key order (a plan's input: the same context always reads
         * the same, so saved plans' digests match); {@link #ofProps} reads it back.
         */
        public Map<String, Object> asProps() {
            Map<String, Object> out = new TreeMap<>();
            out.put("app", app);
            if (image != null) out.put("image", image);
            if (port != null) out.put("port", port);
            if (healthCheckPath != null) out.put("healthCheckPath", healthCheckPath);
            out.put("secrets", new TreeMap<>(secrets));
            out.put("tasksInPrivateSubnets", tasksInPrivateSubnets);
            return out;
        }

        public static Context ofProps(Map<?, ?> p) {
            Map<String, String> secrets = new TreeMap<>();
            if (p.get("secrets") instanceof Map<?, ?> m) m.forEach((k, v) -> secrets.put(String.valueOf(k), String.valueOf(v)));
            Object port = p.get("port");
            return new Context((String) p.get("app"), (String) p.get("image"), port instanceof Number n ? n.intValue() : null,
                    (String) p.get("healthCheckPath"), secrets, Boolean.TRUE.equals(p.get("tasksInPrivateSubnets")));
        }
    }

    private Explainer() {}

    public static Diagnosis explain(RolloutSnapshot.StoppedTask task, List<String> events, Context c) {
        String reason = task.stoppedReason() == null ? "" : task.stoppedReason();
        String all = reason + " " + String.join(" ", task.containerReasons());
        String detail = "task " + task.taskId() + " stopped (" + task.stopCode() + "): " + reason
                + (task.containerReasons().isEmpty() || task.containerReasons().contains(reason) ? "" : "; container: " + String.join("; ", task.containerReasons()));

        if (all.contains("i/o timeout") || all.contains("dial tcp") || all.contains("context deadline exceeded")) return network(all, detail, c);
        Matcher denied = DENIED.matcher(all);
        if (denied.find() && denied.group(2).startsWith("ssm:")) return secretDenied(denied.group(1), denied.group(3), detail, c);
        if (all.contains("kms:Decrypt") || all.contains("customer master key") || all.contains("KMS")) return kms(detail, c);
        if (denied.find(0) && denied.group(2).startsWith("ecr:")) return ecrDenied(denied.group(1), detail);
        Matcher invalid = INVALID_PARAMS.matcher(all);
        if (invalid.find()) return secretMissing(invalid.group(1), detail, c);
        if (all.contains("CannotPullContainerError")) return imagePull(all, detail, c);
        if (all.contains("unable to assume the role")) {
            return new Diagnosis(Diagnosis.Cause.UNKNOWN, "ECS could not use the task's IAM role yet.", detail,
                    List.of("a new or changed IAM role takes a few seconds to reach every AWS service: run 'gantry apply' again",
                            "if it keeps failing, check that role.execution and role.task trust ecs-tasks.amazonaws.com ('gantry apply' restores that)"));
        }
        if (all.contains("failed to validate logger args") || all.contains("log group does not exist")) {
            return new Diagnosis(Diagnosis.Cause.UNKNOWN, "ECS could not write the container's output: the log group /gantry/" + c.app() + " does not exist.",
                    detail, List.of("run 'gantry apply' again: it recreates log-group.main (someone deleted it)"));
        }
        if (all.contains("OutOfMemoryError")) {
            return new Diagnosis(Diagnosis.Cause.CONTAINER_EXITED, "Your container used more memory than the task has and was killed.",
                    detail, List.of("raise task.memory in gantry.yaml (with a cpu that allows it)", "see what it was doing: 'gantry logs'"));
        }
        if (reason.contains("failed ELB health checks")) return health(events, detail, c);
        if ("EssentialContainerExited".equals(task.stopCode()) || reason.contains("Essential container in task exited")) {
            return exited(task.exitCode(), detail, c);
        }
        return new Diagnosis(Diagnosis.Cause.UNKNOWN, "A task of the new deployment stopped: " + firstSentence(reason),
                detail, List.of("see the container's output: 'gantry logs'", "look at the stopped task in the ECS console for more detail"));
    }

    private static Diagnosis network(String all, String detail, Context c) {
        boolean secrets = all.contains("ssm");
        String what = secrets ? "read its secrets from SSM" : "pull the image " + c.image();
        List<String> fixes = new ArrayList<>();
        if (c.tasksInPrivateSubnets()) {
            fixes.add("the tasks run in private subnets, which reach the internet only through a NAT gateway: set network.natGateways to single or perAz, "
                    + "or (network.vpc: existing) give the private subnets' route table a 0.0.0.0/0 route to a NAT gateway");
            fixes.add("or run the tasks in public subnets with public IPs: network.natGateways: none (or leave out network.privateSubnets)");
        } else {
            fixes.add("the tasks run in public subnets with public IPs: their route table needs a 0.0.0.0/0 route to an internet gateway (check the subnets in network.publicSubnets)");
        }
        fixes.add("check that security-group.service allows outbound HTTPS (port 443)");
        return new Diagnosis(Diagnosis.Cause.IMAGE_PULL_FAILED,
                "The tasks cannot reach the internet from their subnets, so ECS could not " + what + ".", detail, fixes);
    }

    private static String secretNameFor(String parameterArnOrName, Context c) {
        for (Map.Entry<String, String> e : c.secrets().entrySet()) {
            String p = e.getValue();
            if (p.equals(parameterArnOrName)) return e.getKey();
            String suffix = ":parameter" + (p.startsWith("/") ? "" : "/") + p;
            if (!p.startsWith("arn:") && parameterArnOrName.endsWith(suffix)) return e.getKey();
        }
        return null;
    }

    private static Diagnosis secretDenied(String role, String resource, String detail, Context c) {
        String secret = secretNameFor(resource, c);
        String param = resource.contains(":parameter") ? resource.substring(resource.indexOf(":parameter") + ":parameter".length()) : resource;
        boolean managed = secret != null && !c.secrets().get(secret).startsWith("arn:");
        String what = secret == null ? "the SSM parameter " + param : "the secret " + secret + " (SSM parameter " + param + ")";
        List<String> fixes = new ArrayList<>();
        if (managed) {
            fixes.add("gantry grants this in the execution role's inline policy gantry-secrets; it was changed or removed outside gantry: run 'gantry apply' to put it back");
        } else {
            fixes.add("allow the role " + role + " to call ssm:GetParameters on " + resource
                    + " (gantry's policy gantry-secrets does this for each ARN in task.secrets: check that the ARN there is exactly the parameter's, then run 'gantry apply')");
            fixes.add("if the parameter is encrypted with a customer managed KMS key, that key's policy must also allow kms:Decrypt for the role " + role);
        }
        return new Diagnosis(Diagnosis.Cause.SECRET_ACCESS_DENIED,
                "The task's execution role " + role + " is not allowed to read " + what + ", so ECS could not start the container.", detail, fixes);
    }

    private static Diagnosis kms(String detail, Context c) {
        return new Diagnosis(Diagnosis.Cause.SECRET_ACCESS_DENIED,
                "ECS could read a secret parameter but not decrypt it: the KMS key that encrypts it does not let the task's execution role use it.",
                detail, List.of("in the KMS key's policy, allow kms:Decrypt for the execution role arn (role.execution, see 'gantry status')",
                        "or store the secret as a SecureString under the default key aws/ssm, as gantry does for the parameters it manages"));
    }

    private static Diagnosis ecrDenied(String role, String detail) {
        return new Diagnosis(Diagnosis.Cause.IMAGE_PULL_FAILED,
                "The task's execution role " + role + " is not allowed to pull images from Amazon ECR.", detail,
                List.of("gantry attaches the AWS managed policy AmazonECSTaskExecutionRolePolicy to the role; it was detached outside gantry: run 'gantry apply' to attach it again"));
    }

    private static Diagnosis secretMissing(String parameter, String detail, Context c) {
        String secret = secretNameFor(parameter, c);
        boolean managed = secret != null && !c.secrets().get(secret).startsWith("arn:");
        List<String> fixes = managed
                ? List.of("give it a value and apply again: 'gantry apply --secret " + secret + "=@FILE' (or set GANTRY_SECRET_" + secret + ")")
                : List.of("check the ARN in task.secrets" + (secret == null ? "" : "." + secret) + ".parameter: region, account and name must match an existing parameter");
        return new Diagnosis(Diagnosis.Cause.SECRET_ACCESS_DENIED, "The secret parameter " + parameter + " does not exist, so ECS could not start the container.", detail, fixes);
    }

    private static Diagnosis imagePull(String all, String detail, Context c) {
        Matcher m = PULL_REF.matcher(all);
        String image = m.find() ? m.group(1) : c.image();
        if (all.contains("does not contain descriptor matching platform")) {
            return new Diagnosis(Diagnosis.Cause.IMAGE_PULL_FAILED, "The image " + image + " has no build for the task's CPU architecture.", detail,
                    List.of("set task.architecture to a platform the image has ('gantry plan' names them), or build it for both:"
                            + " docker buildx build --platform linux/amd64,linux/arm64"));
        }
        if (all.contains("pull access denied") || all.contains("authorization") || all.contains("401") || all.contains("403")) {
            return new Diagnosis(Diagnosis.Cause.IMAGE_PULL_FAILED, "The image " + image + " is private and ECS may not pull it.", detail,
                    List.of("for a private registry add task.registryCredentials: {secret: NAME} and give the login at apply (--secret REGISTRY_CREDENTIALS=@FILE);"
                            + " or push the image to Amazon ECR in this account and region (the task's execution role can pull from ECR)",
                            "check the name in task.image: a typo in the repository looks the same as a private one"));
        }
        return new Diagnosis(Diagnosis.Cause.IMAGE_PULL_FAILED, "ECS could not pull the image " + image + ": the repository or tag does not exist.", detail,
                List.of("check task.image in gantry.yaml: the repository and tag must exist (try: docker pull " + c.image() + ")",
                        "if the image is private, make it public or push it to Amazon ECR in this account (the execution role can pull from ECR)"));
    }

    private static Diagnosis health(List<String> events, String detail, Context c) {
        String path = c.healthCheckPath() == null ? "/" : c.healthCheckPath();
        String port = c.port() == null ? "its port" : "port " + c.port();
        String codes = null;
        for (String e : events) {
            Matcher m = CODES.matcher(e);
            if (m.find()) { codes = m.group(1); break; }
        }
        if (codes == null && events.stream().anyMatch(e -> e.contains("Request timed out"))) {
            return new Diagnosis(Diagnosis.Cause.HEALTH_CHECK_FAILED,
                    "The load balancer could not reach the container on " + port + ": its health checks timed out, so ECS replaced it.",
                    detail + "; health checks timed out",
                    List.of("the container must listen on " + port + " (task.port) on 0.0.0.0; check the port your image really uses",
                            "the service's security group must allow " + port + " from the load balancer's: run 'gantry apply' to put back a rule removed by hand",
                            "see what it printed: 'gantry logs'"));
        }
        String got = codes == null ? "" : " (it answered " + codes + ")";
        return new Diagnosis(Diagnosis.Cause.HEALTH_CHECK_FAILED,
                "The container started but failed the load balancer's health checks on " + path + got + ", so ECS replaced it.",
                detail + (codes == null ? "" : "; health check codes: " + codes),
                List.of("the container must answer HTTP 200 on " + path + " on " + port + " (task.port), listening on 0.0.0.0 rather than 127.0.0.1",
                        "or set loadBalancer.healthCheckPath to a path that answers 200",
                        "see what it answered: 'gantry logs'"));
    }

    private static Diagnosis exited(Integer code, String detail, Context c) {
        if (code == null) {
            return new Diagnosis(Diagnosis.Cause.CONTAINER_EXITED, "Your container stopped on its own.", detail,
                    List.of("see its output: 'gantry logs'"));
        }
        List<String> fixes = new ArrayList<>();
        fixes.add("see its output: 'gantry logs'");
        if (code == 0) fixes.add("a web service must keep running: check task.command (or the image's command), it finished instead of serving");
        if (code == 137) fixes.add("exit code 137 means it was killed, often for using too much memory: raise task.memory");
        if (code == 1 || code == 2 || code == 127 || code == 126) fixes.add("run the image locally with the same environment to reproduce: docker run " + (c.image() == null ? "IMAGE" : c.image()));
        return new Diagnosis(Diagnosis.Cause.CONTAINER_EXITED, "Your container exited with code " + code + ".", detail, fixes);
    }

    /** The rollout did not finish in time and nothing failed outright. */
    public static Diagnosis timedOut(RolloutSnapshot s, Duration waited, Context c) {
        String counts = s.deployments().isEmpty() ? "" : s.deployments().get(0).running() + " of " + dev.gantry.spec.Counted.of(s.deployments().get(0).desired(), "task") + " running";
        return new Diagnosis(Diagnosis.Cause.TIMED_OUT,
                "The new deployment did not finish within " + waited.toMinutes() + " minutes (" + counts + ").",
                String.join("\n", s.events()),
                List.of("see the service events above and the container's output: 'gantry logs'",
                        "run 'gantry status' to see whether it finished later"));
    }

    /** ECS's circuit breaker failed the deployment and no stopped task said why. */
    public static Diagnosis circuitBreaker(RolloutSnapshot s, Context c) {
        return new Diagnosis(Diagnosis.Cause.UNKNOWN, "ECS stopped the deployment: its tasks kept failing (deployment circuit breaker).",
                String.join("\n", s.events()), List.of("see the container's output: 'gantry logs'"));
    }

    private static String firstSentence(String s) {
        int dot = s.indexOf(". ");
        return dot > 0 ? s.substring(0, dot + 1) : s;
    }
}
