package dev.gantry.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-field checks the wizard reuses: same words as the loader, null when valid. */
class RulesTest {

    @Test
    void fargateTableMatchesAwsDocs() {
        assertThat(Rules.validMemories(256)).containsExactly(512, 1024, 2048);
        assertThat(Rules.validMemories(512)).containsExactly(1024, 2048, 3072, 4096);
        assertThat(Rules.validMemories(1024)).hasSize(7).startsWith(2048).endsWith(8192);
        assertThat(Rules.validMemories(2048)).hasSize(13).startsWith(4096).endsWith(16384);
        assertThat(Rules.validMemories(4096)).hasSize(23).startsWith(8192).endsWith(30720);
        assertThat(Rules.validMemories(8192)).hasSize(12).startsWith(16384).contains(20480).endsWith(61440);
        assertThat(Rules.validMemories(16384)).hasSize(12).startsWith(32768).contains(40960).endsWith(122880);
        assertThat(Rules.validMemories(300)).isEmpty();
        assertThat(Rules.memoryForCpu(8192, 20480)).isNull();
        assertThat(Rules.memoryForCpu(16384, 36864)).isNotNull();
    }

    @Test
    void cidrs() {
        assertThat(Rules.vpcCidr("10.0.0.0/16")).isNull();
        assertThat(Rules.vpcCidr("172.31.0.0/16")).isNull();
        assertThat(Rules.vpcCidr("192.168.10.0/24")).isNull();
        assertThat(Rules.vpcCidr("172.32.0.0/16").message()).contains("not a private range");
        assertThat(Rules.vpcCidr("10.0.0.0/8").fix()).isEqualTo("use /16, e.g. 10.0.0.0/16");
        assertThat(Rules.vpcCidr("010.0.0.0/16")).isNotNull();
        assertThat(Rules.vpcCidr("10.0.0.256/24")).isNotNull();
        assertThat(Rules.cidr("0.0.0.0/0")).isNull();
        assertThat(Rules.cidr("8.8.8.8/32")).isNull();
        assertThat(Rules.cidr("8.8.8.8/24").fix()).isEqualTo("use 8.8.8.0/24 (or 8.8.8.8/32 for one address)");
    }

    @Test
    void namesAndIds() {
        assertThat(Rules.appName("hello")).isNull();
        assertThat(Rules.appName("h")).isNotNull();
        assertThat(Rules.appName("My App").fix()).isEqualTo("use my-app");
        assertThat(Rules.vpcId("vpc-0123abcd")).isNull();
        assertThat(Rules.vpcId("vpc-0123abc")).isNotNull();
        assertThat(Rules.subnetId("subnet-0123456789abcdef0")).isNull();
        assertThat(Rules.subnetId("subnet-0123456789ABCDEF0")).isNotNull();
        assertThat(Rules.dnsName("hello.example.com")).isNull();
        assertThat(Rules.dnsName("*.example.com")).isNotNull();
        assertThat(Rules.certificateName("*.example.com")).isNull();
        assertThat(Rules.dnsName("Hello.Example.com").fix()).isEqualTo("use hello.example.com");
        assertThat(Rules.dnsName("-bad.example.com")).isNotNull();
        assertThat(Rules.recordInZone("example.com", "example.com")).isNull();
        assertThat(Rules.recordInZone("notexample.com", "example.com")).isNotNull();
    }

    @Test
    void parameters() {
        assertThat(Rules.parameterName("/hello/db-password")).isNull();
        assertThat(Rules.parameterName("/a.b_c-d/E")).isNull();
        assertThat(Rules.parameterName("arn:aws:ssm:us-east-1:123456789012:parameter/shared/key")).isNull();
        assertThat(Rules.parameterName("arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/x")).isNull();
        assertThat(Rules.parameterName("/Aws/x")).isNotNull();
        assertThat(Rules.parameterName("/hello/")).isNotNull();
        assertThat(Rules.parameterName("/" + "a".repeat(1011))).isNotNull();
        assertThat(Rules.parameterName("/hello/pass word")).isNotNull();
    }

    @Test
    void regionsAndSuggestions() {
        assertThat(Rules.region("ap-southeast-2")).isNull();
        assertThat(Rules.region("ap-southeast-9").fix()).startsWith("did you mean ap-southeast-");
        assertThat(Rules.region("nowhere").fix()).contains("describe-regions");
        assertThat(Suggest.nearest("contanerInsights", List.of("name", "containerInsights"))).isEqualTo("containerInsights");
        assertThat(Suggest.nearest("zzz", List.of("name", "containerInsights"))).isNull();
        assertThat(Suggest.distance("perAZ", "perAz")).isEqualTo(1);
    }

    @Test
    void promptValidatorShape() {
        var validator = Rules.messages(Rules::appName);
        assertThat(validator.apply("hello")).isNull();
        assertThat(validator.apply("Hello")).contains("lowercase").contains("(use hello)");
    }
}
