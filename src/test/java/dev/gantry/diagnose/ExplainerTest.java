package dev.gantry.diagnose;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real stopped-task wordings, as ECS reports them, in; plain words and fixes out. */
class ExplainerTest {
    static final Explainer.Context CTX = new Explainer.Context("hello", "public.ecr.aws/nginx/nginx:1.27", 8080, "/healthz",
            Map.of("PASSWORD", "/hello/password", "API_KEY", "arn:aws:ssm:us-east-1:123456789012:parameter/shared/api-key"), true);

    static RolloutSnapshot.StoppedTask task(String code, String reason, List<String> containerReasons, Integer exit) {
        return new RolloutSnapshot.StoppedTask("0f1e2d3c4b5a69788796a5b4c3d2e1f0", code, reason, containerReasons, exit);
    }

    @Test void aManagedSecretTheRoleMayNotReadNamesTheSecretRoleAndGantrysPolicy() {
        String reason = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                + "unable to retrieve secret from ssm: service call has been retried 1 time(s): AccessDeniedException: User: "
                + "arn:aws:sts::123456789012:assumed-role/hello-execution/0f1e2d3c4b5a69788796a5b4c3d2e1f0 is not authorized to perform: "
                + "ssm:GetParameters on resource: arn:aws:ssm:us-east-1:123456789012:parameter/hello/password because no identity-based "
                + "policy allows the ssm:GetParameters action status code: 400, request id: 6f1c2b3a-1111-2222-3333-444455556666";
        Diagnosis d = Explainer.explain(task("TaskFailedToStart", reason, List.of(), null), List.of(), CTX);
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.SECRET_ACCESS_DENIED);
        assertThat(d.summary()).isEqualTo("The task's execution role hello-execution is not allowed to read the secret PASSWORD "
                + "(SSM parameter /hello/password), so ECS could not start the container.");
        assertThat(d.fixes().get(0)).contains("gantry-secrets").contains("gantry apply");
        assertThat(d.detail()).contains("AccessDeniedException");
    }

    @Test void anExistingSecretPointsAtItsArnAndTheKmsKey() {
        String reason = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
                + "unable to retrieve secret from ssm: service call has been retried 1 time(s): AccessDeniedException: User: "
                + "arn:aws:sts::123456789012:assumed-role/hello-execution/abc is not authorized to perform: ssm:GetParameters on resource: "
                + "arn:aws:ssm:us-east-1:123456789012:parameter/shared/api-key because no identity-based policy allows the ssm:GetParameters action";
        Diagnosis d = Explainer.explain(task("TaskFailedToStart", reason, List.of(), null), List.of(), CTX);
        assertThat(d.summary()).contains("the secret API_KEY");
        assertThat(d.fixes().get(0)).contains("ssm:GetParameters on arn:aws:ssm:us-east-1:123456789012:parameter/shared/api-key");
        assertThat(d.fixes().get(1)).contains("kms:Decrypt").contains("hello-execution");
    }

    @Test void aKmsDenialIsAboutTheKey() {
        String reason = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve "
                + "secret from ssm: service call has been retried 1 time(s): AccessDeniedException: The ciphertext refers to a customer master key "
                + "that does not exist, does not exist in this region, or you are not allowed to access. (Service: AWSKMS; Status Code: 400)";
        Diagnosis d = Explainer.explain(task("TaskFailedToStart", reason, List.of(), null), List.of(), CTX);
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.SECRET_ACCESS_DENIED);
        assertThat(d.fixes().get(0)).contains("kms:Decrypt");
    }

    @Test void aParameterThatDoesNotExistSaysHowToGiveItAValue() {
        String reason = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve "
                + "secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: /hello/password";
        Diagnosis d = Explainer.explain(task("TaskFailedToStart", reason, List.of(), null), List.of(), CTX);
        assertThat(d.summary()).contains("/hello/password does not exist");
        assertThat(d.fixes().get(0)).isEqualTo("give it a value and apply again: 'gantry apply --secret PASSWORD=@FILE' (or set GANTRY_SECRET_PASSWORD)");
    }

    @Test void anImageThatDoesNotExist() {
        String reason = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
                + "docker.io/library/nginx:1.27-typo: docker.io/library/nginx:1.27-typo: not found";
        Diagnosis d = Explainer.explain(task("TaskFailedToStart", reason, List.of(reason), null), List.of(), CTX);
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.IMAGE_PULL_FAILED);
        assertThat(d.summary()).isEqualTo("ECS could not pull the image docker.io/library/nginx:1.27-typo: the repository or tag does not exist.");
        assertThat(d.fixes().get(0)).contains("task.image");
    }

    @Test void aPrivateImage() {
        String reason = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
                + "docker.io/acme/private:1.0: pull access denied, repository does not exist or may require authorization: "
                + "server message: insufficient_scope: authorization failed";
        Diagnosis d = Explainer.explain(task("TaskFailedToStart", reason, List.of(), null), List.of(), CTX);
        assertThat(d.summary()).isEqualTo("The image docker.io/acme/private:1.0 is private and ECS may not pull it.");
        assertThat(d.fixes().get(0)).contains("Amazon ECR");
    }

    @Test void privateSubnetsWithoutNatExplainTheRoute() {
        String reason = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
                + "public.ecr.aws/nginx/nginx:1.27: failed to do request: Head \"https://public.ecr.aws/v2/nginx/nginx/manifests/1.27\": "
                + "dial tcp 99.83.145.10:443: i/o timeout";
        Diagnosis d = Explainer.explain(task("TaskFailedToStart", reason, List.of(), null), List.of(), CTX);
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.IMAGE_PULL_FAILED);
        assertThat(d.summary()).contains("cannot reach the internet").contains("pull the image");
        assertThat(d.fixes().get(0)).contains("private subnets").contains("NAT gateway").contains("network.natGateways");
    }

    @Test void anExitCodeSendsToTheLogs() {
        Diagnosis d = Explainer.explain(task("EssentialContainerExited", "Essential container in task exited", List.of(), 3), List.of(), CTX);
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.CONTAINER_EXITED);
        assertThat(d.summary()).isEqualTo("Your container exited with code 3.");
        assertThat(d.fixes()).contains("see its output: 'gantry logs'");
    }

    @Test void outOfMemory() {
        Diagnosis d = Explainer.explain(task("EssentialContainerExited", "Essential container in task exited",
                List.of("OutOfMemoryError: Container killed due to memory usage"), 137), List.of(), CTX);
        assertThat(d.fixes().get(0)).contains("task.memory");
    }

    @Test void healthChecksNameThePathPortAndCodes() {
        String reason = "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hello-tg/0123456789abcdef)";
        List<String> events = List.of("(service hello) has stopped 1 running tasks: (task 0f1e).",
                "service hello (port 8080) is unhealthy in target-group hello-tg due to (reason Health checks failed with these codes: [404]).");
        Diagnosis d = Explainer.explain(task("ServiceSchedulerInitiated", reason, List.of(), null), events, CTX);
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.HEALTH_CHECK_FAILED);
        assertThat(d.summary()).isEqualTo("The container started but failed the load balancer's health checks on /healthz (it answered 404), so ECS replaced it.");
        assertThat(d.fixes().get(0)).isEqualTo("the container must answer HTTP 200 on /healthz on port 8080 (task.port), listening on 0.0.0.0 rather than 127.0.0.1");
        assertThat(d.fixes().get(1)).contains("loadBalancer.healthCheckPath");
    }

    @Test void healthChecksThatTimeOutPointAtThePortAndTheFirewall() {
        String reason = "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hello-tg/0123456789abcdef)";
        List<String> events = List.of("service hello (port 8080) is unhealthy in target-group hello-tg due to (reason Request timed out).");
        Diagnosis d = Explainer.explain(task("ServiceSchedulerInitiated", reason, List.of(), null), events, CTX);
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.HEALTH_CHECK_FAILED);
        assertThat(d.summary()).isEqualTo("The load balancer could not reach the container on port 8080: its health checks timed out, so ECS replaced it.");
        assertThat(d.fixes().get(0)).contains("listen on port 8080");
        assertThat(d.fixes().get(1)).contains("security group must allow port 8080");
    }

    @Test void onlyFailuresCountNotScaleIn() {
        assertThat(RolloutWatcher.failed(task("ServiceSchedulerInitiated", "Scaling activity initiated by (deployment ecs-svc/123)", List.of(), null))).isFalse();
        assertThat(RolloutWatcher.failed(task("TaskFailedToStart", "CannotPullContainerError: x", List.of(), null))).isTrue();
        assertThat(RolloutWatcher.failed(task("ServiceSchedulerInitiated", "Task failed ELB health checks in (target-group x)", List.of(), null))).isTrue();
    }

    @Test void somethingUnknownStillQuotesAws() {
        Diagnosis d = Explainer.explain(task("TaskFailedToStart", "ResourceInitializationError: something new. More text.", List.of(), null), List.of(), CTX);
        assertThat(d.cause()).isEqualTo(Diagnosis.Cause.UNKNOWN);
        assertThat(d.summary()).endsWith("ResourceInitializationError: something new.");
        assertThat(d.detail()).contains("More text.");
    }

    @Test void aRoleIamHasNotSpreadYet() {
        String reason = "ECS was unable to assume the role 'arn:aws:iam::123456789012:role/gantry/hello/hello-execution' that was provided for this task. "
                + "Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.";
        Diagnosis d = Explainer.explain(task("TaskFailedToStart", reason, List.of(), null), List.of(), CTX);
        assertThat(d.summary()).isEqualTo("ECS could not use the task's IAM role yet.");
        assertThat(d.fixes().get(0)).contains("run 'gantry apply' again");
    }
}
