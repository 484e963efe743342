package dev.gantry.ui;

import dev.gantry.plan.Address;
import dev.gantry.plan.Planner;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A secret parameter's tags are shown in the plan (they are not its value); a secret-looking tag value is still masked. */
class SensitiveTagsTest {
    @Test void a_parameters_tags_show_and_its_value_does_not() {
        Address p = Address.parse("parameter.DB_PASSWORD");
        assertThat(Sensitive.mask(p, Planner.TAGS_FIELD, Map.of("gantry:env", "production")))
                .isEqualTo(Map.of("gantry:env", "production"));
        assertThat(Sensitive.mask(p, Planner.TAGS_FIELD, Map.of("api-token", "abc"))).isEqualTo(Map.of("api-token", Sensitive.MASK));
        assertThat(Sensitive.mask(p, "value", "hunter2")).isEqualTo(Sensitive.MASK);
    }
}
