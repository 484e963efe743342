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
}
