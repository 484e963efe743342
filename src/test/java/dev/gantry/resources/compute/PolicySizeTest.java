package dev.gantry.resources.compute;

import dev.gantry.spec.AwsLimits;
import dev.gantry.spec.RegistryCredentials;
import dev.gantry.spec.SecretRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader's offline count of the execution role's policy is the length of the document gantry writes. */
class PolicySizeTest {

    @Test void the_offline_length_is_the_written_length() {
        Map<String, SecretRef> secrets = new LinkedHashMap<>();
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            secrets.put("S" + i, new SecretRef("/hello/secret-" + i));
            arns.add("arn:aws:ssm:eu-west-1:210987654321:parameter/hello/secret-" + i);
        }
        String shared = "arn:aws:ssm:eu-west-1:111122223333:parameter/shared/api-key";
        secrets.put("API", new SecretRef(shared));
        arns.add(shared);
        String written = Policies.secrets(arns, "arn:aws:secretsmanager:eu-west-1:210987654321:secret:hello/registry-AbCdEf");
        assertThat(AwsLimits.executionPolicyLength("eu-west-1", secrets, new RegistryCredentials("hello/registry"))).isEqualTo(written.length());
        assertThat(AwsLimits.executionPolicyLength("eu-west-1", secrets, null)).isEqualTo(Policies.secrets(arns, (String) null).length());
        assertThat(AwsLimits.executionPolicyLength("eu-west-1", Map.of(), null)).isEqualTo(Policies.secrets(List.of(), (String) null).length());
    }
}
