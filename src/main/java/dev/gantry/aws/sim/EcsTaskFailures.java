package dev.gantry.aws.sim;

import java.time.Instant;
import java.util.Map;

/**
 * What goes wrong with a Fargate task, decided when it is launched, with the words AWS uses.
 * Checked in the order the Fargate agent meets them: network, then secrets and registry auth,
 * then the log driver, then the image pull; crash and unhealthy happen once the task runs.
 *
 * <p>Images are real references, so the simulation reads failure modes from them (documented in
 * docs/compute.md): a repository or tag containing {@code does-not-exist} or {@code missing}
 * cannot be pulled; a tag containing {@code crash} starts, then exits with code 1; a tag
 * containing {@code unhealthy} runs but fails the load balancer's health checks.
 */
final class EcsTaskFailures {
    static final String NETWORK = "network", SECRET = "secret", AUTH = "registry-auth", LOGGER = "logger",
            PULL = "pull", CRASH = "crash", UNHEALTHY = "unhealthy";

    record Outcome(String kind, String reason) {
        boolean failsToStart() { return kind != null && !kind.equals(CRASH) && !kind.equals(UNHEALTHY); }
    }

    private EcsTaskFailures() {}

    static Outcome decide(SimWorld w, SimEcsNeighbours n, EcsState.ServiceRec s, EcsState.TaskDefRec td,
                          EcsState.TaskRec t, Instant now) {
        EcsState.ContainerRec c = td.containers.get(0);
        Image img = Image.parse(c.image);
        String region = w.region(), account = w.accountId();
        if (!n.subnetReachesInternet(t.subnet, s.assignPublicIp, now)) {
            if (!c.secrets.isEmpty()) {
                return new Outcome(NETWORK, "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                        + "unable to retrieve secret from ssm: service call has been retried 5 time(s): RequestError: send request failed caused by: "
                        + "Post \"https://ssm." + region + ".amazonaws.com/\": dial tcp 52.46.141.158:443: i/o timeout. "
                        + "Please check your task network configuration.");
            }
            return new Outcome(NETWORK, "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
                    + img.full() + ": failed to do request: Head \"https://" + img.registry + "/v2/" + img.repository + "/manifests/" + img.tag
                    + "\": dial tcp 99.83.145.10:443: i/o timeout");
        }
        String role = td.executionRoleArn == null ? "" : td.executionRoleArn.substring(td.executionRoleArn.lastIndexOf('/') + 1);
        String principal = "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + t.id;
        for (Map.Entry<String, String> e : c.secrets.entrySet()) {
            String from = e.getValue();
            String arn = from.startsWith("arn:") ? from : SsmState.arnOf(from, region, account);
            if (td.executionRoleArn == null || !w.state.iam.allows(td.executionRoleArn, "ssm:GetParameters", arn)) {
                return new Outcome(SECRET, "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                        + "unable to retrieve secret from ssm: service call has been retried 1 time(s): AccessDeniedException: User: " + principal
                        + " is not authorized to perform: ssm:GetParameters on resource: " + arn
                        + " because no identity-based policy allows the ssm:GetParameters action status code: 400, request id: "
                        + requestId(w));
            }
            if (!w.state.ssm.exists(from, region, account)) {
                return new Outcome(SECRET, "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                        + "unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: " + from);
            }
        }
        if (img.registry.contains(".dkr.ecr.") && (td.executionRoleArn == null
                || !w.state.iam.allows(td.executionRoleArn, "ecr:GetAuthorizationToken", "*"))) {
            return new Outcome(AUTH, "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                    + "unable to get registry auth from ecr: AccessDeniedException: User: " + principal
                    + " is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action");
        }
        if ("awslogs".equals(c.logDriver) && !w.state.logs.groupExists(c.logOptions.get("awslogs-group"))
                && !"true".equals(c.logOptions.get("awslogs-create-group"))) {
            return new Outcome(LOGGER, "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
                    + "failed to create Cloudwatch log stream: operation error CloudWatch Logs: CreateLogStream, https response error StatusCode: 400, "
                    + "RequestID: " + requestId(w) + ", ResourceNotFoundException: The specified log group does not exist. : exit status 1");
        }
        String lower = (img.repository + ":" + img.tag).toLowerCase();
        if (lower.contains("does-not-exist") || lower.contains("missing")) {
            return new Outcome(PULL, "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
                    + img.full() + ": " + img.full() + ": not found");
        }
        String tag = img.tag.toLowerCase();
        if (tag.contains("crash")) return new Outcome(CRASH, "Essential container in task exited");
        if (tag.contains("unhealthy")) return new Outcome(UNHEALTHY, null);
        return new Outcome(null, null);
    }

    private static String requestId(SimWorld w) {
        String a = w.newId("r").substring(2);
        return a.substring(0, 8) + "-" + a.substring(8, 12) + "-" + a.substring(12, 16) + "-" + a.substring(0, 4) + "-" + a.substring(4, 16);
    }

    /** An image reference split as a registry client does: docker.io/library/ is implied for short names. */
    record Image(String registry, String repository, String tag) {
        static Image parse(String ref) {
            String rest = ref;
            String registry = "docker.io";
            int slash = ref.indexOf('/');
            if (slash > 0) {
                String first = ref.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    registry = first;
                    rest = ref.substring(slash + 1);
                }
            }
            String tag = "latest";
            int at = rest.indexOf('@');
            if (at >= 0) {
                tag = rest.substring(at + 1);
                rest = rest.substring(0, at);
            } else {
                int colon = rest.lastIndexOf(':');
                if (colon > rest.lastIndexOf('/')) {
                    tag = rest.substring(colon + 1);
                    rest = rest.substring(0, colon);
                }
            }
            if (registry.equals("docker.io") && !rest.contains("/")) rest = "library/" + rest;
            return new Image(registry, rest, tag);
        }

        String full() { return registry + "/" + repository + (tag.startsWith("sha256:") ? "@" : ":") + tag; }
    }
}
