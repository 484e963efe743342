package dev.gantry.aws.sim;

import dev.gantry.aws.AwsClients;
import dev.gantry.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS's tag rules on the calls that tag an existing resource: 50 at most, key and value lengths, aws: reserved. */
class SimTaggingRulesTest {
    VirtualScheduler clock = new VirtualScheduler();
    SimWorld world = new SimWorld(new SimState(), clock, SimLatency.instant());
    AwsClients aws = world.clients();

    @Test void iamTagRoleRefusesReservedKeysAndMoreThan50TagsAndStoresNothing() {
        aws.iam().createRole(b -> b.roleName("r").path("/gantry/hello/").assumeRolePolicyDocument(SimEcsTest.trust())
                .tags(t -> t.key("gantry:app").value("hello")));
        assertThatThrownBy(() -> aws.iam().tagRole(b -> b.roleName("r").tags(t -> t.key("aws:owner").value("x"))))
                .isInstanceOf(AwsServiceException.class).satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidInput"));
        assertThatThrownBy(() -> aws.iam().tagRole(b -> b.roleName("r").tags(t -> t.key("k".repeat(129)).value("x"))))
                .isInstanceOf(AwsServiceException.class);
        assertThatThrownBy(() -> aws.iam().tagRole(b -> b.roleName("r").tags(t -> t.key("long").value("v".repeat(257)))))
                .isInstanceOf(AwsServiceException.class);
        List<software.amazon.awssdk.services.iam.model.Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) fifty.add(software.amazon.awssdk.services.iam.model.Tag.builder().key("k" + i).value("v").build());
        // 1 already there + 50 = 51: refused as a whole.
        assertThatThrownBy(() -> aws.iam().tagRole(b -> b.roleName("r").tags(fifty)))
                .isInstanceOf(AwsServiceException.class).satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("LimitExceeded"));
        assertThat(aws.iam().listRoleTags(b -> b.roleName("r")).tags()).hasSize(1);
        aws.iam().tagRole(b -> b.roleName("r").tags(fifty.subList(0, 49)));
        assertThat(aws.iam().listRoleTags(b -> b.roleName("r")).tags()).hasSize(50);
    }

    @Test void logsTagResourceKeepsOtherTagsAndOverwritesTheOnesGiven() {
        aws.logs().createLogGroup(b -> b.logGroupName("/gantry/hello").tags(java.util.Map.of("gantry:app", "hello", "owner", "alice")));
        String arn = aws.logs().describeLogGroups(b -> b.logGroupNamePrefix("/gantry/hello")).logGroups().get(0).arn().replaceAll(":\\*$", "");
        aws.logs().tagResource(b -> b.resourceArn(arn).tags(java.util.Map.of("gantry:env", "production", "gantry:app", "hello")));
        assertThat(aws.logs().listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsEntry("owner", "alice").containsEntry("gantry:env", "production").hasSize(3);
        assertThatThrownBy(() -> aws.logs().tagResource(b -> b.resourceArn(arn).tags(java.util.Map.of("AWS:x", "y"))))
                .isInstanceOf(AwsServiceException.class);
    }

    private static String code(Throwable e) { return ((AwsServiceException) e).awsErrorDetails().errorCode(); }

    @Test void iamRoleTagKeysIgnoreCaseAndAllowOnlyTheUsualCharacters() {
        aws.iam().createRole(b -> b.roleName("r").path("/gantry/hello/").assumeRolePolicyDocument(SimEcsTest.trust())
                .tags(t -> t.key("Team").value("web")));
        aws.iam().tagRole(b -> b.roleName("r").tags(t -> t.key("team").value("api")));
        // One key, whatever its case: overwritten, not added.
        assertThat(aws.iam().listRoleTags(b -> b.roleName("r")).tags()).singleElement()
                .satisfies(t -> assertThat(t.value()).isEqualTo("api"));
        assertThatThrownBy(() -> aws.iam().tagRole(b -> b.roleName("r").tags(t -> t.key("a").value("1"), t -> t.key("A").value("2"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInput"));
        assertThatThrownBy(() -> aws.iam().tagRole(b -> b.roleName("r").tags(t -> t.key("owner").value("alice, bob"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInput"));
    }

    @Test void ec2AllowsAnyCharacterButChecksEveryResourceBeforeTaggingAny() {
        String vpc = aws.ec2().createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        aws.ec2().createTags(b -> b.resources(vpc).tags(t -> t.key("owner").value("alice, bob (ops)")));
        List<software.amazon.awssdk.services.ec2.model.Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) fifty.add(software.amazon.awssdk.services.ec2.model.Tag.builder().key("k" + i).value("v").build());
        assertThatThrownBy(() -> aws.ec2().createTags(b -> b.resources(vpc).tags(fifty)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TagLimitExceeded"));
        assertThat(aws.ec2().describeVpcs(b -> b.vpcIds(vpc)).vpcs().get(0).tags()).hasSize(1);
    }

    @Test void schedulerGroupsRefuseAnEmptyValue() {
        String arn = aws.scheduler().createScheduleGroup(b -> b.name("hello")).scheduleGroupArn();
        assertThatThrownBy(() -> aws.scheduler().tagResource(b -> b.resourceArn(arn).tags(t -> t.key("team").value(""))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationException"));
        aws.scheduler().tagResource(b -> b.resourceArn(arn).tags(t -> t.key("team").value("web")));
        assertThat(aws.scheduler().listTagsForResource(b -> b.resourceArn(arn)).tags()).hasSize(1);
    }

    @Test void ssmRefusesCharactersOutsideItsPatternAndLambdaKeepsTheSharedRules() throws Exception {
        aws.ssm().putParameter(b -> b.name("/hello/p").type("String").value("v"));
        assertThatThrownBy(() -> aws.ssm().addTagsToResource(b -> b.resourceType("Parameter").resourceId("/hello/p")
                .tags(t -> t.key("owner").value("alice#1"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationException"));
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        String role = aws.iam().createRole(b -> b.roleName("fn").assumeRolePolicyDocument(trust)).role().arn();
        var code = SimLambdaTest.zip("a.txt", "hello");
        String fn = aws.lambda().createFunction(b -> b.functionName("fn").runtime("java21").handler("x.Y::h").role(role).code(c -> c.zipFile(code)))
                .functionArn();
        assertThatThrownBy(() -> aws.lambda().tagResource(b -> b.resource(fn).tags(java.util.Map.of("aws:owner", "a"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValueException"));
        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 51; i++) many.put("k" + i, "v");
        assertThatThrownBy(() -> aws.lambda().tagResource(b -> b.resource(fn).tags(many)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValueException"));
        aws.lambda().tagResource(b -> b.resource(fn).tags(java.util.Map.of("gantry:env", "production")));
        assertThat(aws.lambda().getFunction(b -> b.functionName("fn")).tags()).containsEntry("gantry:env", "production");
    }

    @Test void scalingTargetsAreTaggedInPlaceWithinTheLimit() {
        ScalingState.TargetRec t = new ScalingState.TargetRec();
        t.resourceId = "service/hello/hello";
        t.tags.put("gantry:app", "hello");
        world.state.scaling.targets.put(t.resourceId, t);
        aws.scaling().tagScalableTarget(t.resourceId, java.util.Map.of("gantry:env", "production"));
        assertThat(aws.scaling().describeScalableTarget(t.resourceId).orElseThrow().tags()).containsEntry("gantry:env", "production").hasSize(2);
        java.util.Map<String, String> fifty = new java.util.HashMap<>();
        for (int i = 0; i < 49; i++) fifty.put("k" + i, "v");
        assertThatThrownBy(() -> aws.scaling().tagScalableTarget(t.resourceId, fifty))
                .satisfies(e -> assertThat(code(e)).isEqualTo("TooManyTagsException"));
        assertThatThrownBy(() -> aws.scaling().tagScalableTarget("service/hello/other", java.util.Map.of("a", "b")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ObjectNotFoundException"));
    }
}
