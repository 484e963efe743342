package dev.gantry.ui;

import dev.gantry.cost.CostEstimate;
import dev.gantry.cost.Prices;
import dev.gantry.plan.Action;
import dev.gantry.plan.Change;
import dev.gantry.plan.Plan;

import java.util.Map;

/**
 * What a plan does to the monthly bill: the estimate of what runs now (read from what refresh
 * found) beside the estimate of what will run (from what the spec asks for), with the prices and
 * items of {@link CostEstimate}: NAT gateways and their addresses, the load balancer and its
 * addresses, the tasks (count × size), public addresses of tasks in public subnets, the alarms and
 * the guard's runs, so a first deploy's "after" is the wizard's estimate for the same spec.
 */
public final class PlanCost {
    private PlanCost() {}

    /** One service's tasks: how many, their size, whether each has a public address. */
    record Tasks(int count, int cpu, int memory, boolean arm, boolean publicIps) {
        double monthly(Prices p) {
            double h = p.hoursPerMonth();
            double perTask = h * (cpu / 1024.0 * (arm ? p.fargateArmVcpuHour() : p.fargateX86VcpuHour())
                    + memory / 1024.0 * (arm ? p.fargateArmGbHour() : p.fargateX86GbHour()));
            return count * perTask + (publicIps ? count * p.publicIpv4Hour() * h : 0);
        }
    }

    /** The parts of a stack that cost money by the hour. */
    record Footprint(int nats, boolean loadBalancer, int publicSubnets, java.util.List<Tasks> services, int alarms, int guardEveryMinutes) {
        double monthly(Prices p) {
            double h = p.hoursPerMonth();
            double total = nats * (p.natHour() + p.publicIpv4Hour()) * h;
            if (loadBalancer) total += (p.albHour() + p.albLcuHour() + publicSubnets * p.publicIpv4Hour()) * h;
            for (Tasks t : services) total += t.monthly(p);
            CostEstimate estimate = new CostEstimate(p);
            total += estimate.alarmsMonthly(alarms);
            if (guardEveryMinutes > 0) total += estimate.guardMonthly(guardEveryMinutes);
            return total;
        }
    }

    /** "Monthly estimate: $84.09 → $117.00 (+$32.91)", or null when the plan changes nothing. */
    public static String line(Plan plan, Prices prices) {
        if (!plan.hasChanges()) return null;
        double before = footprint(plan, false).monthly(prices);
        double after = footprint(plan, true).monthly(prices);
        double diff = after - before;
        String delta = Math.abs(diff) < 0.005 ? "no change" : (diff > 0 ? "+" : "−") + CostEstimate.usd(Math.abs(diff)) + " a month";
        return "Monthly estimate: " + CostEstimate.usd(before) + " → " + CostEstimate.usd(after) + " (" + delta + "; "
                + prices.label() + ", data and requests not included)";
    }

    /**
     * What runs now ({@code after} false: what refresh found) or once applied (what the spec asks
     * for). Each service (spec version 2: several) is its task definition, ECS service and scaling
     * target under one address name.
     */
    static Footprint footprint(Plan plan, boolean after) {
        int nats = 0, publicSubnets = 0, alarms = 0, guardEvery = 0;
        boolean lb = false;
        Map<String, Map<String, Object>> taskDefinitions = new java.util.TreeMap<>(), services = new java.util.TreeMap<>();
        Map<String, Integer> scalingMin = new java.util.HashMap<>();
        for (Change c : plan.changes()) {
            Map<String, Object> props = props(c, after);
            if (props == null) continue;
            String name = c.address().name();
            switch (c.address().type()) {
                case "nat-gateway" -> nats++;
                case "load-balancer" -> lb = true;
                case "subnet" -> { if (name.startsWith("public")) publicSubnets++; }
                case "task-definition" -> taskDefinitions.put(name, props);
                case "service" -> services.put(name, props);
                case "scaling-target" -> scalingMin.put(name, number(props.get("min")));
                case "alarm" -> alarms++;
                case "guard-schedule" -> guardEvery = rateMinutes(String.valueOf(props.get("expression")));
                default -> { }
            }
        }
        java.util.List<Tasks> tasks = new java.util.ArrayList<>();
        services.forEach((name, props) -> {
            // a service without a count of its own runs autoscaling's minimum
            int count = props.get("desiredCount") != null ? number(props.get("desiredCount")) : scalingMin.getOrDefault(name, 0);
            boolean publicIps = Boolean.TRUE.equals(props.get("assignPublicIp")) || "true".equals(String.valueOf(props.get("assignPublicIp")));
            Map<String, Object> task = taskDefinitions.getOrDefault(name, Map.of());
            tasks.add(new Tasks(count, number(task.get("cpu")), number(task.get("memory")), "arm64".equals(String.valueOf(task.get("architecture"))), publicIps));
        });
        // an existing load balancer in subnets gantry did not make (vpc: existing): two addresses at least
        if (lb && publicSubnets == 0) publicSubnets = 2;
        return new Footprint(nats, lb, publicSubnets, tasks, alarms, guardEvery);
    }

    /** Minutes between runs of an EventBridge Scheduler {@code rate(N minutes|hours|days)}; 0 for anything else. */
    static int rateMinutes(String expression) {
        var m = java.util.regex.Pattern.compile("rate\\((\\d+) (minute|hour|day)s?\\)").matcher(expression);
        if (!m.matches()) return 0;
        int n = Integer.parseInt(m.group(1));
        return switch (m.group(2)) { case "hour" -> n * 60; case "day" -> n * 1440; default -> n; };
    }

    /** The resource's properties on that side of the plan, or null when it does not exist there. */
    private static Map<String, Object> props(Change c, boolean after) {
        if (after) {
            if (c.action() == Action.DELETE || c.desired() == null || c.desired().data()) return null;
            return c.desired().props();
        }
        if (c.action() == Action.CREATE || c.observed() == null || c.action() == Action.READ) return null;
        return c.observed().props();
    }

    private static int number(Object v) {
        if (v instanceof Number n) return n.intValue();
        try {
            return v == null ? 0 : Integer.parseInt(String.valueOf(v));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
