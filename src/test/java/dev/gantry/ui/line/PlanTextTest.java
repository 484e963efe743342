package dev.gantry.ui.line;

import dev.gantry.plan.Action;
import dev.gantry.plan.Address;
import dev.gantry.plan.Change;
import dev.gantry.plan.Piece;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Ref;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlanTextTest {
    private static Change change(String address, Action action, Piece piece, String description, String reason,
                                 Change.FieldChange... fields) {
        return Fixtures.change(address, action, piece, description, reason, fields);
    }

    @Test
    void groupsByPieceWithSymbolsReasonsAndFieldChanges() {
        assertThat(PlanText.render(Fixtures.mixedPlan(), Ansi.NONE)).isEqualTo("""
                Network
                  + vpc.main  VPC: your private network
                      it does not exist yet
                  + subnet.public-0  Public subnet in the first zone
                      it does not exist yet

                DNS
                  - dns-record.old  DNS name for the service
                      gantry.yaml no longer has dns

                Task
                  -/+ task-definition.main  Task definition: what to run
                      a task definition cannot be changed in place
                      image: nginx:1.26 → nginx:1.27 (forces replacement)
                      environment: {USER: admin} → {USER: root} (forces replacement)
                      executionRole: (known after apply) → (none)

                Service
                  ~ service.main  ECS service: keeps your tasks running
                      gantry.yaml asks for a different desired count
                      desiredCount: 2 → 3

                Warnings:
                  ! environment variable DB_TOKEN looks secret; consider task.secrets

                Plan: 2 to add, 1 to change, 1 to replace, 1 to destroy.
                """);
    }

    @Test
    void aCreateOrADestroyDoesNotRepeatItsReasonOnEveryLine() {
        Plan first = new Plan("hello", List.of(
                change("vpc.main", Action.CREATE, Piece.NETWORK, "VPC: the app's own network", dev.gantry.plan.Planner.NEW),
                change("subnet.public-0", Action.DELETE, Piece.NETWORK, "Public subnet", dev.gantry.plan.Planner.DESTROYING)), List.of());
        assertThat(PlanText.render(first, Ansi.NONE)).isEqualTo("""
                Network
                  + vpc.main  VPC: the app's own network
                  - subnet.public-0  Public subnet

                Plan: 1 to add, 0 to change, 0 to replace, 1 to destroy.
                """);
    }

    @Test
    void aTerminalsWidthWrapsAtWordBoundariesUnderTheMarker() {
        String line = "  + subnet.public-0  Public subnet in zone 1: holds the load balancer and the NAT gateway; reachable from the internet";
        String wrapped = dev.gantry.ui.LineWrap.block(line + "\nPlan: 1 to add.", 40);
        assertThat(wrapped).isEqualTo("""
                  + subnet.public-0  Public subnet in
                    zone 1: holds the load balancer and
                    the NAT gateway; reachable from the
                    internet
                Plan: 1 to add.""");
        for (String l : wrapped.split("\n")) assertThat(l.length()).isLessThanOrEqualTo(40);
        // colour escapes take no room; no terminal (width 0) keeps lines whole
        assertThat(dev.gantry.ui.LineWrap.block("\u001B[32m+\u001B[0m " + "x".repeat(36), 40)).doesNotContain("\n");
        assertThat(dev.gantry.ui.LineWrap.block(line, 0)).isEqualTo(line);
        assertThat(dev.gantry.ui.LineWrap.block("  fix: run 'gantry apply -f gantry.yaml --simulate' and then again", 30))
                .isEqualTo("  fix: run 'gantry apply -f\n       gantry.yaml --simulate'\n       and then again");
    }

    @Test
    void aResourceWhoseNameIsTakenIsNotShownAsCreated() {
        Plan plan = new Plan("hello", List.of(
                change("cluster.main", Action.CREATE, Piece.CLUSTER, "ECS cluster hello", dev.gantry.plan.Planner.NEW)), List.of())
                .withConflicts(List.of(new dev.gantry.plan.Conflict(Address.parse("cluster.main"), "ECS cluster hello",
                        "the ECS cluster hello", "shop", "cluster.name", "it is another gantry app's")));
        String text = PlanText.render(plan, Ansi.NONE);
        assertThat(text).contains("  ✗ cluster.main  ECS cluster hello\n      not created: the name is taken (see Conflicts)")
                .doesNotContain("+ cluster.main", "does not exist yet")
                .contains("it belongs to the gantry app 'shop'");
    }

    @Test
    void theClusterHelpSaysWhatTheRuleDoes() {
        String help = dev.gantry.wizard.Questions.byFlag("--cluster").orElseThrow().fullExplanation(
                new dev.gantry.wizard.WizardFlow(dev.gantry.wizard.LookupResults.offline()));
        assertThat(help).doesNotContain("share").contains("conflict").contains("--adopt cluster.main").contains("never another gantry app's");
    }

    @Test
    void aFirstDeployFitsAboveTheQuestionALinePerPiece() {
        Plan first = new Plan("hello", List.of(
                change("vpc.main", Action.CREATE, Piece.NETWORK, "VPC", dev.gantry.plan.Planner.NEW),
                change("subnet.public-0", Action.CREATE, Piece.NETWORK, "Public subnet", dev.gantry.plan.Planner.NEW),
                change("service.main", Action.CREATE, Piece.SERVICE, "ECS service", dev.gantry.plan.Planner.NEW)), List.of());
        assertThat(PlanText.onlyCreates(first)).isTrue();
        assertThat(PlanText.compact(first, Ansi.NONE, null)).isEqualTo("""
                Network (2): + vpc.main, subnet.public-0
                Service (1): + service.main
                (each one, with what it is for: 'gantry plan')

                Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.
                """);
        assertThat(PlanText.onlyCreates(Fixtures.mixedPlan())).isFalse();
    }

    @Test
    void anEmptyPlanSaysThereIsNothingToDo() {
        Plan onlyReads = new Plan("hello", List.of(
                change("zones.main", Action.READ, Piece.NETWORK, "Availability zones", "looked up")), List.of());
        assertThat(PlanText.render(onlyReads, Ansi.NONE))
                .isEqualTo("No changes. Your infrastructure matches gantry.yaml.\n");
    }

    @Test
    void secretLookingValuesAreMasked() {
        Plan p = new Plan("hello", List.of(
                change("task-definition.main", Action.REPLACE, Piece.TASK, "Task definition", "changed",
                        new Change.FieldChange("environment", Map.of("DB_PASSWORD", "hunter2", "USER", "admin"),
                                Map.of("DB_PASSWORD", "hunter3", "USER", "admin"), true),
                        new Change.FieldChange("secrets", Map.of("API_KEY", "arn:aws:ssm:us-east-1:1:parameter/k"),
                                Map.of(), true)),
                change("parameter.PASSWORD", Action.UPDATE, Piece.SECRETS, "Secret PASSWORD", "new value given",
                        new Change.FieldChange("value", "old-secret", "new-secret", false))), List.of());
        String text = PlanText.render(p, Ansi.NONE);
        assertThat(text).doesNotContain("hunter2", "hunter3", "old-secret", "new-secret")
                .contains("environment: {DB_PASSWORD: (sensitive), USER: admin}")
                .contains("secrets: {API_KEY: arn:aws:ssm:us-east-1:1:parameter/k} → {}")
                .contains("value: (sensitive) → (sensitive)");
    }

    @Test
    void colourMarksSymbols() {
        String text = PlanText.render(Fixtures.mixedPlan(), new Ansi(true));
        assertThat(text).contains("\u001b[32m+\u001b[0m vpc.main", "\u001b[31m-\u001b[0m dns-record.old",
                "\u001b[31m(forces replacement)\u001b[0m");
    }

    @Test
    void conflictsAreListedInPlainWordsWithBothWaysOut() {
        Plan plan = Fixtures.mixedPlan().withConflicts(List.of(
                new dev.gantry.plan.Conflict(Address.parse("log-group.main"), "log group /gantry/shop (30 days)", "the log group /gantry/shop",
                        null, "app", null),
                new dev.gantry.plan.Conflict(Address.parse("parameter.DB"), "SecureString /a/db for DB", "the SSM parameter /a/db",
                        "a", "task.secrets.DB.parameter", "another gantry app's resources are never taken over")));
        String text = PlanText.render(plan, Ansi.NONE);
        assertThat(text).contains("Conflicts: names gantry.yaml wants are taken; apply changes nothing until each is resolved")
                .contains("✗ log-group.main (log group /gantry/shop (30 days)): the log group /gantry/shop already exists and it was not made by gantry"
                        + " for this app (no gantry:app tag). Either change app in gantry.yaml so gantry uses another name, or take it over with"
                        + " 'gantry apply --adopt log-group.main'")
                .contains("✗ parameter.DB (SecureString /a/db for DB): the SSM parameter /a/db already exists and it belongs to the gantry app 'a'."
                        + " It cannot be taken over (another gantry app's resources are never taken over): change task.secrets.DB.parameter");
        var json = dev.gantry.ui.PlanJson.node(plan).get("conflicts");
        assertThat(json).hasSize(2);
        assertThat(json.get(1).get("owner").asText()).isEqualTo("a");
        assertThat(json.get(1).get("adoptable").asBoolean()).isFalse();
        assertThat(json.get(0).get("owner").isNull()).isTrue();
    }
}
