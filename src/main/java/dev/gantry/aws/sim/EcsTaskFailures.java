package dev.gantry.aws.sim;

import dev.gantry.image.ImageName;
import dev.gantry.image.Platform;
import dev.gantry.image.RegistryAnswer;

import java.time.Instant;
import java.util.List;
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

    /** {@code digest}: what the image resolved to, for a task that gets as far as pulling it. */
    record Outcome(String kind, String reason, String digest) {
        Outcome(String kind, String reason) { this(kind, reason, null); }

        boolean failsToStart() { return kind != null && !kind.equals(CRASH) && !kind.equals(UNHEALTHY); }
    }

    private EcsTaskFailures() {}

    /**
     * What the Fargate agent reads before a task starts, each through its service's queries: the
     * execution role's policies, SSM parameters (in any region of the account), Secrets Manager's
     * registry logins, CloudWatch Logs' groups, and ECR's images (other registries by
     * {@link SimImages}'s naming rules).
     */
    record Sources(IamState iam, java.util.function.Function<String, SsmState> ssmIn, SecretsState secrets, LogsState logs, EcrState ecr) {
        static Sources of(SimWorld world) {
            SimState s = world.state;
            return new Sources(s.iam, s::ssmIn, s.secrets, s.logs, s.ecr);
        }
    }

    /** {@code assignPublicIp}: what the service's or RunTask's network configuration says. */
    static Outcome decide(Sources agent, SimContext account, SimEcsNeighbours n, boolean assignPublicIp, EcsState.TaskDefRec td,
                          EcsState.TaskRec t, Instant now) {
        EcsState.ContainerRec c = td.containers.get(0);
        ImageName img = ImageName.parse(c.image);
        String region = account.region(), accountId = account.accountId();
        if (!n.subnetReachesInternet(t.subnet, assignPublicIp, now)) {
            if (!c.secrets.isEmpty()) {
                return new Outcome(NETWORK, "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                        + "unable to retrieve secret from ssm: service call has been retried 5 time(s): RequestError: send request failed caused by: "
                        + "Post \"https://ssm." + region + ".amazonaws.com/\": dial tcp 52.46.141.158:443: i/o timeout. "
                        + "Please check your task network configuration.");
            }
            return new Outcome(NETWORK, "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
                    + img.display() + ": failed to do request: Head \"https://" + img.registry() + "/v2/" + img.repository() + "/manifests/" + img.reference()
                    + "\": dial tcp 99.83.145.10:443: i/o timeout");
        }
        String role = td.executionRoleArn == null ? "" : td.executionRoleArn.substring(td.executionRoleArn.lastIndexOf('/') + 1);
        String principal = "arn:aws:sts::" + accountId + ":assumed-role/" + role + "/" + t.id;
        for (Map.Entry<String, String> e : c.secrets.entrySet()) {
            String from = e.getValue();
            String arn = from.startsWith("arn:") ? from : SsmState.arnOf(from, region, accountId);
            if (td.executionRoleArn == null || !agent.iam().allows(td.executionRoleArn, "ssm:GetParameters", arn)) {
                return new Outcome(SECRET, "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                        + "unable to retrieve secret from ssm: service call has been retried 1 time(s): AccessDeniedException: User: " + principal
                        + " is not authorized to perform: ssm:GetParameters on resource: " + arn
                        + " because no identity-based policy allows the ssm:GetParameters action status code: 400, request id: "
                        + requestId(account));
            }
            // A parameter named by ARN is read in its own region, as ECS does.
            String where = from.startsWith("arn:") && from.split(":", 6).length == 6 ? from.split(":", 6)[3] : region;
            if (!agent.ssmIn().apply(where).exists(from, where, accountId)) {
                return new Outcome(SECRET, "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                        + "unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: " + from);
            }
        }
        if (img.ecr() && (td.executionRoleArn == null
                || !agent.iam().allows(td.executionRoleArn, "ecr:GetAuthorizationToken", "*"))) {
            return new Outcome(AUTH, "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                    + "unable to get registry auth from ecr: AccessDeniedException: User: " + principal
                    + " is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action");
        }
        if (c.repositoryCredentials != null) {
            Outcome login = registryLogin(agent, account, td, c, principal);
            if (login != null) return login;
        }
        if ("awslogs".equals(c.logDriver) && !agent.logs().groupExists(c.logOptions.get("awslogs-group"))
                && !"true".equals(c.logOptions.get("awslogs-create-group"))) {
            return new Outcome(LOGGER, "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
                    + "failed to create Cloudwatch log stream: operation error CloudWatch Logs: CreateLogStream, https response error StatusCode: 400, "
                    + "RequestID: " + requestId(account) + ", ResourceNotFoundException: The specified log group does not exist. : exit status 1");
        }
        Pull pull = pull(agent, account, td, c);
        if (pull.failure != null) return new Outcome(PULL, "CannotPullContainerError: pull image manifest has been retried 5 time(s): " + pull.failure);
        String tag = img.reference().toLowerCase();
        if (tag.contains("crash")) return new Outcome(CRASH, "Essential container in task exited", pull.digest);
        if (tag.contains("unhealthy")) return new Outcome(UNHEALTHY, null, pull.digest);
        return new Outcome(null, null, pull.digest);
    }

    /** The execution role reads the registry login from Secrets Manager before anything is pulled. */
    private static Outcome registryLogin(Sources agent, SimContext account, EcsState.TaskDefRec td, EcsState.ContainerRec c, String principal) {
        long now = account.now().toEpochMilli();
        SecretsState.SecretRec secret = agent.secrets().find(c.repositoryCredentials, now);
        String arn = secret != null ? secret.arn : c.repositoryCredentials;
        String prefix = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                + "unable to retrieve secret from asm: service call has been retried 1 time(s): ";
        if (td.executionRoleArn == null || !agent.iam().allows(td.executionRoleArn, "secretsmanager:GetSecretValue", arn)) {
            return new Outcome(AUTH, prefix + "AccessDeniedException: User: " + principal + " is not authorized to perform: "
                    + "secretsmanager:GetSecretValue on resource: " + arn + " because no identity-based policy allows the secretsmanager:GetSecretValue action");
        }
        if (!agent.secrets().readable(c.repositoryCredentials, now)) {
            return new Outcome(AUTH, prefix + "ResourceNotFoundException: Secrets Manager can't find the specified secret.");
        }
        return null;
    }

    private record Pull(String failure, String digest) {}

    /**
     * What the registry gives the agent: ECR of this account from the simulated ECR (the role must
     * be allowed to read the repository), every other registry by {@link SimImages}'s naming rules.
     */
    private static Pull pull(Sources agent, SimContext account, EcsState.TaskDefRec td, EcsState.ContainerRec c) {
        ImageName name = ImageName.parse(c.image);
        String ref = "failed to resolve ref " + name.display() + ": ";
        String wanted = "ARM64".equalsIgnoreCase(td.cpuArchitecture) ? "arm64" : "amd64";
        List<Platform> platforms;
        String digest;
        if (name.ecr() && name.ecrAccount().equals(account.accountId()) && name.ecrRegion().equals(account.region())) {
            EcrState.ImageRec img = agent.ecr().image(name.repository(), name.reference());
            if (img == null) return new Pull(ref + name.display() + ": not found", null);
            String repoArn = EcrState.repositoryArn(account.accountId(), account.region(), name.repository());
            if (td.executionRoleArn == null || !agent.iam().allows(td.executionRoleArn, "ecr:BatchGetImage", repoArn)) {
                return new Pull(ref + "pulling from host " + name.registry() + " failed with status code [manifests " + name.reference() + "]: 403 Forbidden", null);
            }
            platforms = Platform.listedIn(img.manifest);
            digest = img.digest;
        } else {
            RegistryAnswer a = SimImages.answer(name, c.repositoryCredentials != null);
            if (a instanceof RegistryAnswer.Unauthorized) {
                return new Pull(ref + "pull access denied, repository does not exist or may require authorization: server message: "
                        + "insufficient_scope: authorization failed", null);
            }
            if (!(a instanceof RegistryAnswer.Found f)) return new Pull(ref + name.display() + ": not found", null);
            platforms = f.platforms();
            digest = f.digest();
        }
        if (!platforms.isEmpty() && platforms.stream().noneMatch(p -> wanted.equals(p.architecture()))) {
            return new Pull("image Manifest does not contain descriptor matching platform 'linux/" + wanted + "'", null);
        }
        return new Pull(null, digest);
    }

    private static String requestId(SimContext account) {
        String a = account.newId("r").substring(2);
        return a.substring(0, 8) + "-" + a.substring(8, 12) + "-" + a.substring(12, 16) + "-" + a.substring(0, 4) + "-" + a.substring(4, 16);
    }
}
