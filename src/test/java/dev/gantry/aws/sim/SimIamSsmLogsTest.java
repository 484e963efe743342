package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.ValidationException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimIamSsmLogsTest {
    VirtualScheduler clock = new VirtualScheduler();
    SimWorld world = new SimWorld(new SimState(), clock, SimLatency.instant());
    AwsClients aws = world.clients();

    String role() {
        return aws.iam().createRole(b -> b.roleName("r").path("/gantry/hello/").assumeRolePolicyDocument(SimEcsTest.trust())
                .tags(t -> t.key("gantry:app").value("hello"))).role().arn();
    }

    /** IAM quotas: a role's inline policies hold 10,240 characters together, white space not counted. */
    @Test void aRolesInlinePoliciesTogetherHoldAtMost10240Characters() {
        role();
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameters\",\"Resource\":[\""
                + "a".repeat(6000) + "\"]}]}";
        aws.iam().putRolePolicy(b -> b.roleName("r").policyName("one").policyDocument(big));
        aws.iam().putRolePolicy(b -> b.roleName("r").policyName("one").policyDocument(big)); // replacing is not adding
        assertThatThrownBy(() -> aws.iam().putRolePolicy(b -> b.roleName("r").policyName("two").policyDocument(big)))
                .isInstanceOf(software.amazon.awssdk.services.iam.model.LimitExceededException.class).hasMessageContaining("10240");
        assertThat(aws.iam().listRolePolicies(b -> b.roleName("r")).policyNames()).containsExactly("one");
    }

    @Test void rolesHaveUniqueNamesPathsAndUrlEncodedDocuments() {
        String arn = role();
        assertThat(arn).isEqualTo("arn:aws:iam::123456789012:role/gantry/hello/r");
        assertThatThrownBy(this::role).isInstanceOf(EntityAlreadyExistsException.class);
        String doc = aws.iam().getRole(b -> b.roleName("r")).role().assumeRolePolicyDocument();
        assertThat(doc).startsWith("%7B");
        assertThat(URLDecoder.decode(doc, StandardCharsets.UTF_8)).isEqualTo(SimEcsTest.trust());
        assertThat(aws.iam().listRoles(b -> b.pathPrefix("/gantry/hello/")).roles()).hasSize(1);
        assertThat(aws.iam().listRoles(b -> b.pathPrefix("/gantry/other/")).roles()).isEmpty();
        assertThat(aws.iam().listRoleTags(b -> b.roleName("r")).tags()).extracting(t -> t.key()).containsExactly("gantry:app");
    }

    @Test void policyEvaluationFollowsWildcardsAndExplicitDeny() {
        String arn = role();
        aws.iam().putRolePolicy(b -> b.roleName("r").policyName("p").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"ssm:Get*","Resource":"arn:aws:ssm:us-east-1:123456789012:parameter/hello/*"},
                 {"Effect":"Deny","Action":"ssm:GetParameters","Resource":"arn:aws:ssm:us-east-1:123456789012:parameter/hello/blocked"}]}"""));
        List<EvaluationResult> r = aws.iam().simulatePrincipalPolicy(b -> b.policySourceArn(arn).actionNames("ssm:GetParameters", "SSM:getparameter")
                .resourceArns("arn:aws:ssm:us-east-1:123456789012:parameter/hello/password",
                        "arn:aws:ssm:us-east-1:123456789012:parameter/other",
                        "arn:aws:ssm:us-east-1:123456789012:parameter/hello/blocked")).evaluationResults();
        assertThat(r).extracting(e -> e.evalActionName() + " " + e.evalResourceName().substring(e.evalResourceName().lastIndexOf(':') + 1) + " " + e.evalDecisionAsString())
                .containsExactly("ssm:GetParameters parameter/hello/password allowed", "ssm:GetParameters parameter/other implicitDeny",
                        "ssm:GetParameters parameter/hello/blocked explicitDeny", "SSM:getparameter parameter/hello/password allowed",
                        "SSM:getparameter parameter/other implicitDeny", "SSM:getparameter parameter/hello/blocked allowed");
        assertThat(IamState.wildcard("ecr:Batch?etImage", "ecr:BatchGetImage", true)).isTrue();
        assertThat(IamState.wildcard("arn:*:b", "arn:x:c", false)).isFalse();
    }

    @Test void theManagedExecutionPolicyGrantsItsRealActionsOnly() {
        String arn = role();
        assertThat(world.state.iam.allows(arn, "ecr:GetAuthorizationToken", "*")).isFalse();
        aws.iam().attachRolePolicy(b -> b.roleName("r").policyArn(IamState.ECS_TASK_EXECUTION_POLICY_ARN));
        for (String a : List.of("ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
                "logs:CreateLogStream", "logs:PutLogEvents")) {
            assertThat(world.state.iam.allows(arn, a, "arn:aws:logs:us-east-1:123456789012:log-group:/gantry/hello:*")).as(a).isTrue();
        }
        assertThat(world.state.iam.allows(arn, "ssm:GetParameters", "arn:aws:ssm:us-east-1:123456789012:parameter/x")).isFalse();
        assertThatThrownBy(() -> aws.iam().attachRolePolicy(b -> b.roleName("r").policyArn("arn:aws:iam::aws:policy/Nope")))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test void aRoleWithPoliciesCannotBeDeleted() {
        role();
        aws.iam().attachRolePolicy(b -> b.roleName("r").policyArn(IamState.ECS_TASK_EXECUTION_POLICY_ARN));
        aws.iam().putRolePolicy(b -> b.roleName("r").policyName("p").policyDocument("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"));
        assertThatThrownBy(() -> aws.iam().deleteRole(b -> b.roleName("r"))).isInstanceOf(DeleteConflictException.class);
        aws.iam().detachRolePolicy(b -> b.roleName("r").policyArn(IamState.ECS_TASK_EXECUTION_POLICY_ARN));
        assertThatThrownBy(() -> aws.iam().deleteRole(b -> b.roleName("r"))).isInstanceOf(DeleteConflictException.class);
        assertThat(URLDecoder.decode(aws.iam().getRolePolicy(b -> b.roleName("r").policyName("p")).policyDocument(), StandardCharsets.UTF_8)).contains("\"Action\":\"*\"");
        aws.iam().deleteRolePolicy(b -> b.roleName("r").policyName("p"));
        aws.iam().deleteRole(b -> b.roleName("r"));
        assertThatThrownBy(() -> aws.iam().getRole(b -> b.roleName("r"))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test void secureStringsFollowSsmRules() {
        aws.ssm().putParameter(b -> b.name("/hello/password").value("s3cret").type(ParameterType.SECURE_STRING).tags(Tag.builder().key("gantry:app").value("hello").build()));
        assertThatThrownBy(() -> aws.ssm().putParameter(b -> b.name("/hello/password").value("x").type(ParameterType.SECURE_STRING)))
                .isInstanceOf(ParameterAlreadyExistsException.class);
        assertThatThrownBy(() -> aws.ssm().putParameter(b -> b.name("/hello/password").value("x").overwrite(true).tags(Tag.builder().key("a").value("b").build())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("tags and overwrite can't be used together");
        assertThat(aws.ssm().putParameter(b -> b.name("/hello/password").value("n3w").overwrite(true)).version()).isEqualTo(2);
        var plain = aws.ssm().getParameter(b -> b.name("/hello/password")).parameter();
        assertThat(plain.value()).isNotEqualTo("n3w").startsWith("AQICAH");
        assertThat(aws.ssm().getParameter(b -> b.name("arn:aws:ssm:us-east-1:123456789012:parameter/hello/password").withDecryption(true)).parameter().value()).isEqualTo("n3w");
        assertThat(world.state.ssm.exists("arn:aws:ssm:us-east-1:123456789012:parameter/hello/password", "us-east-1", "123456789012")).isTrue();
        assertThat(world.state.ssm.exists("arn:aws:ssm:us-east-1:999999999999:parameter/hello/password", "us-east-1", "123456789012")).isFalse();
        assertThat(aws.ssm().describeParameters(b -> b.parameterFilters(ParameterStringFilter.builder().key("tag:gantry:app").values("hello").build())).parameters())
                .extracting(p -> p.name()).containsExactly("/hello/password");
        assertThat(aws.ssm().describeParameters(b -> b.parameterFilters(ParameterStringFilter.builder().key("Path").option("Recursive").values("/hello").build())).parameters()).hasSize(1);
        assertThat(aws.ssm().getParametersByPath(b -> b.path("/hello")).parameters()).hasSize(1);
        aws.ssm().addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/hello/password").tags(Tag.builder().key("k").value("v").build()));
        assertThat(aws.ssm().listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId("/hello/password")).tagList()).hasSize(2);
        assertThat(aws.ssm().getParameters(b -> b.names("/hello/password", "/nope")).invalidParameters()).containsExactly("/nope");
        aws.ssm().deleteParameter(b -> b.name("/hello/password"));
        assertThatThrownBy(() -> aws.ssm().deleteParameter(b -> b.name("/hello/password"))).isInstanceOf(ParameterNotFoundException.class);
        assertThat(world.state.ssm.params.toString()).doesNotContain("n3w");
    }

    @Test void logGroupsStreamsAndEvents() {
        aws.logs().createLogGroup(b -> b.logGroupName("/gantry/hello").tags(Map.of("gantry:app", "hello")));
        assertThatThrownBy(() -> aws.logs().putRetentionPolicy(b -> b.logGroupName("/gantry/hello").retentionInDays(2)))
                .isInstanceOf(software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException.class);
        aws.logs().putRetentionPolicy(b -> b.logGroupName("/gantry/hello").retentionInDays(30));
        var g = aws.logs().describeLogGroups(b -> b.logGroupNamePrefix("/gantry/")).logGroups().get(0);
        assertThat(g.retentionInDays()).isEqualTo(30);
        assertThat(g.logGroupArn()).isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:/gantry/hello");
        assertThat(aws.logs().listTagsForResource(b -> b.resourceArn(g.logGroupArn())).tags()).containsEntry("gantry:app", "hello");
        LogsWriter.of(world).append("/gantry/hello", "hello/hello/t1", clock.now(), "started");
        LogsWriter.of(world).append("/gantry/hello", "hello/hello/t1", clock.now().plusSeconds(1), "GET / 200");
        aws.logs().createLogStream(b -> b.logGroupName("/gantry/hello").logStreamName("manual"));
        aws.logs().putLogEvents(b -> b.logGroupName("/gantry/hello").logStreamName("manual")
                .logEvents(e -> e.timestamp(clock.now().plusSeconds(2).toEpochMilli()).message("error: boom")));
        assertThat(aws.logs().describeLogStreams(b -> b.logGroupName("/gantry/hello")).logStreams()).hasSize(2);
        assertThat(aws.logs().getLogEvents(b -> b.logGroupName("/gantry/hello").logStreamName("hello/hello/t1").startFromHead(true)).events())
                .extracting(e -> e.message()).containsExactly("started", "GET / 200");
        assertThat(aws.logs().filterLogEvents(b -> b.logGroupName("/gantry/hello").filterPattern("error")).events())
                .extracting(e -> e.logStreamName()).containsExactly("manual");
        assertThat(aws.logs().filterLogEvents(b -> b.logGroupName("/gantry/hello")).events()).extracting(e -> e.message())
                .containsExactly("started", "GET / 200", "error: boom");
        aws.logs().deleteLogGroup(b -> b.logGroupName("/gantry/hello"));
        assertThat(aws.logs().describeLogGroups().logGroups()).isEmpty();
    }
}
