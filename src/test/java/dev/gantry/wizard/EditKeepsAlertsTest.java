package dev.gantry.wizard;

import dev.gantry.spec.Alerts;
import dev.gantry.spec.Spec;
import dev.gantry.spec.yaml.SpecLoader;
import dev.gantry.spec.yaml.SpecWriter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wizard asks nothing about alerts yet, so editing a file must keep its alerts section as it is. */
class EditKeepsAlertsTest {
    private static final String WEB = "version: 1\napp: hello\nregion: us-east-1\ntask:\n  image: nginx:1.27\n  port: 80\nloadBalancer: {}\n";

    @Test void editing_a_file_with_alerts_builds_the_same_alerts() throws Exception {
        Spec original = SpecLoader.load("gantry.yaml", WEB).withAlerts(new Alerts(List.of("a@example.com", "b@example.com"), 5, 900, 70, 60, false));
        String text = SpecWriter.write(original);
        WizardFlow edit = WizardFlow.editing(LookupResults.offline(), SpecDraft.read("gantry.yaml", text));
        assertThat(edit.errors()).isEmpty();
        assertThat(edit.build().alerts()).isEqualTo(original.alerts());
        assertThat(SpecWriter.write(edit.build())).isEqualTo(text);
    }

    @Test void a_file_without_alerts_gets_none() throws Exception {
        WizardFlow edit = WizardFlow.editing(LookupResults.offline(), SpecDraft.read("gantry.yaml", SpecWriter.write(SpecLoader.load("gantry.yaml", WEB))));
        assertThat(edit.build().alerts()).isNull();
    }
}
