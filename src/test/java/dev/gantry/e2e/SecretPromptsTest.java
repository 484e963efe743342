package dev.gantry.e2e;

import dev.gantry.cli.command.SecretInputs;
import dev.gantry.engine.ApplyResult;
import dev.gantry.spec.Spec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An interactive apply asks only for secrets that have no value yet. */
class SecretPromptsTest {
    @Test
    void aSecretIsAskedForOnlyWhileItsParameterDoesNotExist() {
        Spec spec = SimHarness.template("web-https.yaml");
        SimHarness h = new SimHarness().prepare(spec);
        List<String> asked = new ArrayList<>();
        h.secrets = new SecretInputs(Map.of(), Map.of(), name -> { asked.add(name); return "typed-value".toCharArray(); });
        ApplyResult first = h.apply(spec);
        assertThat(first.outcome()).as(first.toString() + h.events).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
        assertThat(asked).containsExactly("DB_PASSWORD");

        // the next apply (nothing changes) asks nothing, and keeps the stored value
        asked.clear();
        h.secrets = new SecretInputs(Map.of(), Map.of(), name -> { asked.add(name); return "other".toCharArray(); });
        ApplyResult again = h.apply(spec);
        assertThat(again.outcome()).isEqualTo(ApplyResult.Outcome.NO_CHANGES);
        assertThat(asked).isEmpty();
        assertThat(h.engine().plan(spec, java.util.Set.of()).hasChanges()).isFalse();

        // a value given for the run still changes it, without a question
        h.secrets = new SecretInputs(Map.of(), Map.of("GANTRY_SECRET_DB_PASSWORD", "rotated"), name -> { asked.add(name); return null; });
        assertThat(h.engine().plan(spec, java.util.Set.of()).mutating()).anyMatch(c -> c.address().toString().equals("parameter.DB_PASSWORD"));
        assertThat(asked).isEmpty();
    }
}
