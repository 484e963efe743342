package dev.gantry.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dependency rules of docs/ARCHITECTURE.md, checked on the compiled classes (imports, fully
 * qualified names, method calls and field types alike). A rule that fails names the class, the
 * member and the line that breaks it. Known exceptions are listed here, each with the issue that
 * removes it; add none without one.
 */
class ArchitectureTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gantry");

    static final String[] CORE = {"dev.gantry.spec..", "dev.gantry.plan..", "dev.gantry.engine..",
            "dev.gantry.resources..", "dev.gantry.aws..", "dev.gantry.time..", "dev.gantry.diagnose..",
            "dev.gantry.ops..", "dev.gantry.cost..", "dev.gantry.image..", "dev.gantry.text..", "dev.gantry.guard.."};

    @Test void the_import_sees_every_package() {
        // A rule over an empty set of classes passes: make sure the classes are really there.
        assertThat(MAIN.stream().map(c -> c.getPackageName()).distinct())
                .contains("dev.gantry", "dev.gantry.cli.command", "dev.gantry.cli.wiring", "dev.gantry.cli.option", "dev.gantry.cli.edge", "dev.gantry.spec", "dev.gantry.aws.sim", "dev.gantry.ui.tui");
    }

    @Test void layers_depend_downwards_only() {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Commands").definedBy("dev.gantry", "dev.gantry.cli.command..")
                .layer("Wiring").definedBy("dev.gantry.cli.wiring..")
                .layer("Options").definedBy("dev.gantry.cli.option..")
                .layer("Edge").definedBy("dev.gantry.cli.edge..")
                .layer("Ui").definedBy("dev.gantry.ui..")
                .layer("Wizard").definedBy("dev.gantry.wizard..")
                .layer("Ops").definedBy("dev.gantry.ops..")
                .layer("Guard").definedBy("dev.gantry.guard..")
                .layer("Engine").definedBy("dev.gantry.engine..")
                .layer("Resources").definedBy("dev.gantry.resources..")
                .layer("Diagnose").definedBy("dev.gantry.diagnose..")
                .layer("Cost").definedBy("dev.gantry.cost..")
                .layer("Image").definedBy("dev.gantry.image..")
                .layer("Aws").definedBy("dev.gantry.aws")
                .layer("SimulatedAws").definedBy("dev.gantry.aws.sim..")
                .layer("Plan").definedBy("dev.gantry.plan..")
                .layer("Spec").definedBy("dev.gantry.spec..")
                .layer("Time").definedBy("dev.gantry.time..")

                .whereLayer("Commands").mayNotBeAccessedByAnyLayer()
                .whereLayer("Wiring").mayOnlyBeAccessedByLayers("Commands")
                .whereLayer("Options").mayOnlyBeAccessedByLayers("Commands", "Wiring")
                .whereLayer("Edge").mayOnlyBeAccessedByLayers("Commands", "Wiring", "Options")
                .whereLayer("Ui").mayOnlyBeAccessedByLayers("Commands", "Wiring", "Options", "Edge")
                .whereLayer("Ui").mayOnlyAccessLayers("Guard", "Engine", "Resources", "Diagnose", "Ops", "Wizard",
                        "Cost", "Aws", "Plan", "Spec", "Time")
                .whereLayer("Wizard").mayOnlyAccessLayers("Cost", "Spec")
                .whereLayer("Guard").mayOnlyBeAccessedByLayers("Commands", "Wiring", "Ui")
                .whereLayer("Guard").mayOnlyAccessLayers("Engine", "Resources", "Aws", "Plan", "Spec", "Time")
                .whereLayer("Ops").mayOnlyAccessLayers("Engine", "Resources", "Diagnose", "Cost", "Aws", "Plan", "Spec", "Time")
                .whereLayer("Engine").mayOnlyAccessLayers("Resources", "Diagnose", "Image", "Aws", "Plan", "Spec", "Time")
                .whereLayer("Resources").mayOnlyAccessLayers("Diagnose", "Image", "Aws", "Plan", "Spec", "Time")
                .whereLayer("Image").mayOnlyAccessLayers("Spec")
                .whereLayer("Diagnose").mayOnlyAccessLayers("Spec")
                .whereLayer("Cost").mayOnlyAccessLayers("Spec")
                .whereLayer("Aws").mayOnlyAccessLayers("Time")
                .whereLayer("SimulatedAws").mayOnlyAccessLayers("Aws", "Image", "Time")
                .whereLayer("Plan").mayNotAccessAnyLayer()
                .whereLayer("Spec").mayNotAccessAnyLayer()
                .whereLayer("Time").mayNotAccessAnyLayer();
        layers.check(MAIN);
    }

    /** Every layer escapes text others wrote with dev.gantry.text, so it may use no layer itself. */
    @Test void text_uses_nothing_of_gantrys() {
        noClasses().that().resideInAPackage("dev.gantry.text..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.gantry", "dev.gantry.cli..", "dev.gantry.ui..", "dev.gantry.wizard..",
                        "dev.gantry.ops..", "dev.gantry.engine..", "dev.gantry.resources..", "dev.gantry.diagnose..", "dev.gantry.cost..",
                        "dev.gantry.image..", "dev.gantry.aws..", "dev.gantry.plan..", "dev.gantry.spec..", "dev.gantry.time..")
                .check(MAIN);
    }

    /** Only the wiring opens the simulated AWS: a command's session and the simulated account's seed. */
    @Test void only_the_session_wiring_uses_the_simulated_aws() {
        noClasses().that().resideOutsideOfPackage("dev.gantry.aws.sim..")
                .and().doNotHaveFullyQualifiedName("dev.gantry.cli.wiring.Session")
                .and().doNotHaveFullyQualifiedName("dev.gantry.cli.wiring.SimAccount")
                .should().dependOnClassesThat().resideInAPackage("dev.gantry.aws.sim..")
                .check(MAIN);
    }

    @Test void the_core_knows_nothing_of_terminals_or_command_lines() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("com.googlecode.lanterna..", "org.jline..", "picocli..")
                .check(MAIN);
    }

    @Test void the_wizard_and_the_ui_helpers_know_nothing_of_command_lines() {
        noClasses().that().resideInAnyPackage("dev.gantry.wizard..", "dev.gantry.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(MAIN);
    }

    @Test void the_shared_views_and_the_wizard_need_no_terminal_library() {
        noClasses().that().resideInAnyPackage("dev.gantry.ui", "dev.gantry.wizard..")
                .should().dependOnClassesThat().resideInAnyPackage("com.googlecode.lanterna..", "org.jline..")
                .check(MAIN);
    }

    /**
     * The plan is the contract: only the expansion (the catalog and each group's expand) and the
     * context's constructors read the spec; handlers get everything from their desired props (or,
     * in a refresh, the desired resources the context carries), so apply does what plan showed.
     */
    @Test void only_the_expansion_reads_the_spec() {
        noClasses().that().resideInAPackage("dev.gantry.resources..")
                .and().doNotHaveFullyQualifiedName("dev.gantry.resources.catalog.Catalog")
                .and().doNotHaveFullyQualifiedName("dev.gantry.resources.compute.ComputeResources")
                .and().doNotHaveFullyQualifiedName("dev.gantry.resources.compute.Alarms")
                .and().doNotHaveFullyQualifiedName("dev.gantry.resources.compute.Guards")
                .and().doNotHaveFullyQualifiedName("dev.gantry.resources.network.NetworkResources")
                .and().doNotHaveFullyQualifiedName("dev.gantry.resources.edge.EdgeResources")
                .and().doNotHaveFullyQualifiedName("dev.gantry.resources.Routing")
                .and().doNotHaveFullyQualifiedName("dev.gantry.resources.ResourceContext")
                .and().doNotHaveFullyQualifiedName("dev.gantry.resources.AppIdentity")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.gantry.spec.Spec")
                .check(MAIN);
    }

    @Test void the_spec_and_the_planner_never_call_aws() {
        noClasses().that().resideInAnyPackage("dev.gantry.spec..", "dev.gantry.plan..", "dev.gantry.cost..", "dev.gantry.wizard..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..")
                .check(MAIN);
    }

    @Test void no_cycles_between_top_level_packages() {
        slices().matching("dev.gantry.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** No cycles between any two packages, sub-packages included. */
    @Test void no_cycles_between_any_packages() {
        slices().matching("dev.gantry.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test void the_line_and_the_full_screen_views_share_only_ui() {
        slices().matching("dev.gantry.ui.(*)..").should().notDependOnEachOther().check(MAIN);
    }

    /** The groups share the network helpers; only the catalog, which assembles them, sees all three. */
    @Test void the_resource_groups_share_only_the_network_helpers() {
        slices().matching("dev.gantry.resources.(*)..").should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAnyPackage("dev.gantry.resources.network"))
                .ignoreDependency(resideInAnyPackage("dev.gantry.resources.catalog"), alwaysTrue())
                .check(MAIN);
    }

    /**
     * The process is touched in one place: {@code Main} (the process entry) and the
     * {@code cli.edge.CommandContext} it builds read the standard streams and the environment;
     * {@code cli.edge.TerminalFacts} alone asks for the console. Everything else gets them from the
     * context, so any command runs with a test's own streams, environment and terminal.
     */
    @Test void only_the_command_context_touches_the_process() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.gantry.Main")
                .and().doNotHaveFullyQualifiedName("dev.gantry.cli.edge.CommandContext")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().accessField(System.class, "in")
                .orShould().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class)
                .because("commands and the core read and write through the command context")
                .check(MAIN);
        noClasses().that().doNotHaveFullyQualifiedName("dev.gantry.cli.edge.TerminalFacts")
                .should().callMethod(System.class, "console")
                .because("whether a terminal is attached, and reading from it, is TerminalFacts' one rule")
                .check(MAIN);
    }

    /**
     * One exit path: commands return a {@code cli.edge.ExitCode} (or throw), and only {@code Main} turns it
     * into the process's status and prints failures (through {@code cli.edge.Failures}). The one exception
     * is a second Ctrl-C, which halts at once from {@code cli.edge.Interrupts}.
     */
    @Test void only_main_ends_the_process_and_prints_failures() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.gantry.Main")
                .should().callMethod(System.class, "exit", int.class)
                .check(MAIN);
        noClasses().that().doNotHaveFullyQualifiedName("dev.gantry.cli.edge.Interrupts")
                .should().callMethod(Runtime.class, "halt", int.class)
                .check(MAIN);
        noClasses().that().doNotHaveFullyQualifiedName("dev.gantry.Main")
                .and().doNotHaveFullyQualifiedName("dev.gantry.cli.edge.Interrupts")
                .should().callMethod(dev.gantry.cli.edge.ExitCode.class, "code")
                .because("a command ends on an ExitCode; Main alone makes it a number")
                .check(MAIN);
        noClasses().that().doNotHaveFullyQualifiedName("dev.gantry.Main")
                .and().doNotHaveFullyQualifiedName("dev.gantry.cli.edge.Failures")
                .should().callMethod(dev.gantry.cli.edge.Failures.class, "print", java.io.PrintWriter.class, Throwable.class)
                .orShould().callMethod(dev.gantry.cli.edge.Failures.class, "say", java.io.PrintWriter.class, String.class)
                .because("a command throws its failure; Main prints it")
                .check(MAIN);
    }

    /**
     * One composition root: what a command runs with (the session's clients and scheduler, the
     * engine, the progress views, the day-two context, the wizard's look-ups) is built in
     * {@code cli.wiring.Wiring}, which the commands ask. The guard, which runs in Lambda with no
     * command line, builds its own engine.
     */
    @Test void a_command_is_wired_in_one_place() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.gantry.cli.wiring.Wiring")
                .and().resideOutsideOfPackage("dev.gantry.guard..")
                .should().callConstructorWhere(target(owner(type(dev.gantry.engine.Engine.class)
                        .or(type(dev.gantry.cli.wiring.Views.class)).or(type(dev.gantry.cli.wiring.AppContext.class)))))
                .orShould().callMethod(dev.gantry.cli.wiring.Session.class, "open", dev.gantry.cli.wiring.Session.Config.class)
                .orShould().callMethod(dev.gantry.cli.wiring.LookupClients.class, "connect", String.class, String.class, String.class)
                .because("a part built beside the composition root would be wired differently from the rest")
                .check(MAIN);
    }

    /** Every command's {@code call} returns a row of the exit table, not an int. */
    @Test void commands_end_on_an_exit_code() {
        methods().that().haveName("call").and().areDeclaredInClassesThat().areAnnotatedWith(picocli.CommandLine.Command.class)
                .and().doNotHaveModifier(JavaModifier.BRIDGE)
                .should().haveRawReturnType(dev.gantry.cli.edge.ExitCode.class)
                .check(MAIN);
    }

    /** The packages the layer rule names: a class outside all of them would escape every layer rule. */
    static final String[] LAYERED = {"dev.gantry", "dev.gantry.cli.command..", "dev.gantry.cli.wiring..",
            "dev.gantry.cli.option..", "dev.gantry.cli.edge..", "dev.gantry.ui..", "dev.gantry.wizard..",
            "dev.gantry.ops..", "dev.gantry.engine..", "dev.gantry.resources..", "dev.gantry.diagnose..",
            "dev.gantry.cost..", "dev.gantry.image..", "dev.gantry.aws..", "dev.gantry.plan..", "dev.gantry.spec..",
            "dev.gantry.time..", "dev.gantry.text..", "dev.gantry.guard.."};

    /** A new package is placed in a layer (here and in ARCHITECTURE.md) before it can hold classes. */
    @Test void every_class_belongs_to_a_layer() {
        classes().should().resideInAnyPackage(LAYERED)
                .because("a package outside the layers could reach anything around them")
                .check(MAIN);
    }

    /**
     * Waiting goes through the {@code time.Scheduler} (virtual in tests and --simulate); a blocked
     * thread costs the suite real seconds and the live view its frames. Only the time package (a
     * real call's retry pause) and the full-screen view's frame loop block a thread.
     */
    @Test void only_time_and_the_terminal_view_sleep() {
        noClasses().that().resideOutsideOfPackages("dev.gantry.time..", "dev.gantry.ui.tui..")
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
                .orShould().callMethod(java.util.concurrent.TimeUnit.class, "sleep", long.class)
                .check(MAIN);
    }

    /** A stack trace is for gantry's developers: only Failures prints one, and only with -Dgantry.debug=true. */
    @Test void nothing_prints_a_stack_trace_but_failures() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.gantry.cli.edge.Failures")
                .should().callMethod(Throwable.class, "printStackTrace")
                .orShould().callMethod(Throwable.class, "printStackTrace", java.io.PrintStream.class)
                .orShould().callMethod(Throwable.class, "printStackTrace", java.io.PrintWriter.class)
                .check(MAIN);
    }

    /** A command is a Callable of an exit code: a Runnable would end on picocli's own status, past Main. */
    @Test void no_command_is_a_runnable() {
        classes().that().areAnnotatedWith(picocli.CommandLine.Command.class)
                .should().notImplement(Runnable.class)
                .check(MAIN);
    }

    /**
     * The simulated AWS's state is data: no {@code *State} class (nor a record in one) reaches the
     * world, its account context ({@code SimContext}) or a simulated service ({@code SimAcm}, …:
     * every {@code Sim*} class but {@code SimState}, the states' holder). Only the services and
     * the parts they keep change it, so each service can be built alone with its state and a clock.
     */
    static final ArchRule SIMULATED_STATE_IS_DATA = noClasses().that(describe(
                    "are the simulated AWS's *State classes or records in them",
                    c -> c.getPackageName().equals("dev.gantry.aws.sim") && topLevel(c).getSimpleName().endsWith("State")))
            .should().dependOnClassesThat(describe("are the simulated world, its account context or a simulated service (Sim*)",
                    c -> c.getPackageName().equals("dev.gantry.aws.sim")
                            && topLevel(c).getSimpleName().startsWith("Sim") && !topLevel(c).getSimpleName().equals("SimState")));

    @Test void the_simulated_state_is_data() {
        SIMULATED_STATE_IS_DATA.check(MAIN);
    }

    /** The rule above fails on a state class that takes the world (a probe in src/test). */
    @Test void the_simulated_state_rule_catches_a_state_that_takes_the_world() throws Exception {
        JavaClasses probe = new ClassFileImporter().importClasses(
                Class.forName("dev.gantry.aws.sim.ProbeWorldBoundState"), dev.gantry.aws.sim.SimWorld.class);
        assertThatThrownBy(() -> SIMULATED_STATE_IS_DATA.check(probe))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ProbeWorldBoundState.settle");
    }

    /**
     * The parts of the simulated services (docs/ARCHITECTURE.md, "The simulated AWS") take their
     * state and a {@code SimContext}, not the world: none holds a {@code SimWorld} or takes one in
     * a constructor or an instance method. Only a static {@code of(world, …)} (and the lambdas in
     * it), the wiring a {@code Sim*} client calls, may name it.
     */
    static final java.util.List<String> WORLD_FREE_PARTS = java.util.List.of(
            "AcmCertificates", "Ec2Vpcs", "Ec2Routing", "Ec2SecurityGroups", "Ec2NatGateways", "Ec2Interfaces",
            "ElbRules", "ElbTargets", "SimTargetReach", "EcsServiceScaling", "EcsScheduler", "EcsTaskLaunch", "EcsTaskFailures",
            "AlarmEvaluator", "FunctionInvocations", "EventDelivery", "SnsDelivery", "LogsWriter");

    static ArchRule simulatedPartsTakeNoWorld(java.util.List<String> parts) {
        String world = "dev.gantry.aws.sim.SimWorld";
        return classes().that(describe("are parts of a simulated service " + parts,
                        c -> c.getPackageName().equals("dev.gantry.aws.sim") && parts.contains(topLevel(c).getSimpleName())))
                .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass>(
                        "name the world only in a static of(world, …) that builds them") {
                    @Override public void check(com.tngtech.archunit.core.domain.JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
                        for (var f : c.getFields()) {
                            if (f.getRawType().getName().equals(world)) {
                                events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(f, f.getFullName() + " holds the world"));
                            }
                        }
                        for (var u : c.getCodeUnits()) {
                            boolean wiring = u.getModifiers().contains(JavaModifier.STATIC)
                                    && (u.getName().equals("of") || u.getName().startsWith("lambda$of$"));
                            if (wiring) continue;
                            boolean takes = u.getRawParameterTypes().stream().anyMatch(t -> t.getName().equals(world))
                                    || u.getRawReturnType().getName().equals(world);
                            boolean uses = u.getAccessesFromSelf().stream().anyMatch(a -> a.getTargetOwner().getName().equals(world));
                            if (takes || uses) {
                                events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(u,
                                        u.getFullName() + (takes ? " takes" : " uses") + " the world in " + u.getSourceCodeLocation()));
                            }
                        }
                    }
                });
    }

    @Test void the_simulated_parts_take_no_world() {
        simulatedPartsTakeNoWorld(WORLD_FREE_PARTS).check(MAIN);
    }

    /** The rule above fails on a part that keeps the world and asks it for its state (a probe in src/test). */
    @Test void the_simulated_parts_rule_catches_a_part_that_keeps_the_world() throws Exception {
        JavaClasses probe = new ClassFileImporter().importClasses(
                Class.forName("dev.gantry.aws.sim.ProbeWorldBoundPart"), dev.gantry.aws.sim.SimWorld.class);
        assertThatThrownBy(() -> simulatedPartsTakeNoWorld(java.util.List.of("ProbeWorldBoundPart")).check(probe))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ProbeWorldBoundPart.world holds the world")
                .hasMessageContaining("ProbeWorldBoundPart.<init>(dev.gantry.aws.sim.SimWorld) takes the world")
                .hasMessageContaining("ProbeWorldBoundPart.stamp(dev.gantry.aws.sim.EcsState$ServiceRec) uses the world")
                .hasMessageNotContaining("ProbeWorldBoundPart.of(");
    }

    /** One naming rule for what knows one kind of AWS resource: {@code SubnetType}, {@code ListenerType}, … */
    /**
     * Every class of main is used by main: one that only tests use (a fault injector, an options
     * shortcut) belongs in src/test. The roots are what the JVM and picocli start from.
     */
    @Test void every_main_class_is_used_by_main() {
        java.util.Set<com.tngtech.archunit.core.domain.JavaClass> used = new java.util.HashSet<>();
        MAIN.forEach(c -> c.getDirectDependenciesFromSelf().forEach(d -> {
            var from = topLevel(d.getOriginClass());
            var to = topLevel(d.getTargetClass());
            if (!from.equals(to)) used.add(to);
        }));
        java.util.List<String> unused = MAIN.stream()
                .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
                .filter(c -> !c.getName().equals("dev.gantry.Main") && !used.contains(c))
                .map(c -> c.getName()).sorted().toList();
        assertThat(unused).as("main classes no main class uses (move them to src/test)").isEmpty();
    }

    private static com.tngtech.archunit.core.domain.JavaClass topLevel(com.tngtech.archunit.core.domain.JavaClass c) {
        while (c.getEnclosingClass().isPresent()) c = c.getEnclosingClass().get();
        return c;
    }

    @Test void resource_types_are_named_after_the_contract() {
        classes().that().implement(dev.gantry.resources.ResourceType.class).and().areNotAnonymousClasses()
                .should().haveSimpleNameEndingWith("Type")
                .check(MAIN);
    }
}
