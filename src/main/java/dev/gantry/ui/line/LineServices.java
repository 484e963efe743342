package dev.gantry.ui.line;

import dev.gantry.spec.Spec;
import dev.gantry.ui.LineWrap;
import dev.gantry.ui.WizardReview;
import dev.gantry.wizard.WizardFlow;
import dev.gantry.wizard.WizardFlow.ServiceKind;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The line prompts' services (version 2), as the full-screen wizard has them: "Add another
 * service?" once a service is described, then only the new one's own questions; picking a
 * service to edit; removing one after saying what the next apply deletes and what stays up.
 */
final class LineServices {
    /** What the prompt did: nothing to do, go on walking, or the person asked to quit. */
    enum Step { STAY, WALK, QUIT }

    private final WizardFlow flow;
    private final Function<String, String> read;
    private final Consumer<String> println;
    private final int width;

    LineServices(WizardFlow flow, Function<String, String> read, Consumer<String> println, int width) {
        this.flow = flow;
        this.read = read;
        this.println = println;
        this.width = width;
    }

    /** "Add another service?": no (the default), or a kind and a name, then its own questions. */
    Step askAnother(boolean offered) {
        println.accept("");
        println.accept("── Add another service? " + "─".repeat(50));
        String intro = (offered ? "Service " + flow.focusedService() + " is described. " : "")
                + "Another service shares the network, cluster, load balancer, certificate and DNS zone; only its own image, "
                + "size, copies and way in are asked next."
                + (flow.servicesVersion() ? "" : " The file becomes version 2 (as gantry migrate writes it): "
                + flow.get("app") + " keeps its AWS names.");
        LineWrap.wrap(intro, width).forEach(println);
        println.accept("  1) no        " + (offered ? "review and save" : "add none"));
        println.accept("  2) web       public, on its own routes through the shared load balancer");
        println.accept("  3) internal  an internal API the app's other services call at http://NAME:PORT");
        println.accept("  4) worker    no inbound traffic (queues, schedules)");
        while (true) {
            String a = read.apply("Add another service? [no]: ").trim().toLowerCase();
            if (a.equals("q")) return Step.QUIT;
            if (a.equals("<")) {
                if (offered) flow.back();
                return Step.STAY;
            }
            if (List.of("", "1", "no", "n").contains(a)) {
                flow.anotherServiceAnswered();
                return Step.STAY;
            }
            ServiceKind kind = switch (a) {
                case "2", "web" -> ServiceKind.WEB;
                case "3", "internal" -> ServiceKind.INTERNAL;
                case "4", "worker" -> ServiceKind.WORKER;
                default -> null;
            };
            if (kind == null) {
                println.accept("  ✗ answer no, web, internal or worker");
                continue;
            }
            while (true) {
                String name = read.apply("Name of the new " + kind.yaml() + " service (the host other services call): ").trim();
                if (name.equals("<")) break;
                if (name.equalsIgnoreCase("q")) return Step.QUIT;
                String e = flow.addService(name, kind);
                if (e == null) {
                    println.accept("Now " + name + "'s own questions; the app's shared answers stand.");
                    flow.walkAddedService();
                    return Step.WALK;
                }
                println.accept("  ✗ services." + name + ": " + e);
            }
        }
    }

    /** Picks the service the App, Task, Secrets, Service and Load balancer sections ask about; a section name then opens one. */
    void edit(String name) {
        if (!flow.services().contains(name)) {
            println.accept("  ✗ no service " + name + "; the services are " + String.join(", ", flow.services()));
            return;
        }
        flow.focus(name);
        println.accept("Editing service " + name + ": the App, Task, Secrets, Service and Load balancer sections now ask about it; "
                + "type one's name to open it.");
    }

    /** Removes a service after saying what the next apply deletes and that the others stay up. */
    void remove(String name) {
        if (!flow.servicesVersion() || !flow.services().contains(name)) {
            println.accept("  ✗ no service " + name + "; the services are " + String.join(", ", flow.services()));
            return;
        }
        if (flow.services().size() == 1) {
            println.accept("  ✗ an app keeps at least one service; destroy the app with gantry destroy instead");
            return;
        }
        Spec before = flow.tryBuild();
        Spec after = flow.tryBuildWithout(name);
        if (before == null || after == null) {
            println.accept("  ✗ fix the problems above first, to see what removing " + name + " deletes");
            return;
        }
        println.accept("");
        WizardReview.removal(before, after, name).forEach(l -> LineWrap.wrap(l, width - 2).forEach(w -> println.accept("  " + w)));
        println.accept("Nothing changes in AWS until you save and apply.");
        String a = read.apply("Remove " + name + "? [y/N]: ").trim().toLowerCase();
        if (a.startsWith("y")) {
            flow.removeService(name);
            println.accept("Removed " + name + " from the spec.");
        }
    }

    /** One line listing the services and what can be done with them, for the Review prompt. */
    String reviewHint() {
        if (!flow.servicesVersion()) return "add: add another service";
        return "services: " + String.join(", ", flow.services()) + " (editing " + flow.focusedService()
                + "; service NAME picks another, add, remove NAME)";
    }
}
