package dev.gantry.cost;

import dev.gantry.spec.Architecture;
import dev.gantry.spec.Fargate;
import dev.gantry.spec.NatMode;
import dev.gantry.spec.Spec;
import dev.gantry.spec.VpcMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Monthly cost of the choices that move money: NAT gateways, the load balancer, public IPv4
 * addresses, task size × count, alarms and the guard's runs. Usage (data, requests, log volume) is left out and said so.
 * Shared by {@code gantry init}'s hints and {@code gantry status}, so the two never disagree.
 */
public final class CostEstimate {

    /** The part of the stack a priced item belongs to (the wizard shows each on its own screen). */
    public enum Area { NETWORK, TASK, LOAD_BALANCER, ALERTS, GUARD }

    /** One priced item. */
    public record Line(Area area, String item, double monthly) {
        public String render() { return String.format(Locale.ROOT, "%-44s %9s", item, usd(monthly)); }
    }

    /**
     * The guard's billed time per run, assumed: a Java start on a fresh Lambda plus one refresh of
     * the stack (tens of reads) is some seconds; a repair that waits for a rollout runs longer.
     */
    public static final int GUARD_RUN_SECONDS = 10;
    /** The guard function's memory (resources.compute.GuardFunctionType.MEMORY_MB; GuardCostTest keeps them equal). */
    public static final int GUARD_MEMORY_MB = 1024;

    private final Prices prices;

    public CostEstimate(Prices prices) { this.prices = prices; }

    public Prices prices() { return prices; }

    /**
     * What the app's services save each month by sharing one network (NAT gateways and their
     * addresses) and one load balancer, against each service being an app of its own (each
     * public one with its load balancer); 0 for one service.
     */
    public double savedBySharing(Spec s) {
        if (s.services().size() < 2) return 0;
        double h = prices.hoursPerMonth();
        var n = s.network();
        int azs = n.vpc() == VpcMode.NEW ? n.availabilityZones() : 2;
        double network = n.vpc() == VpcMode.NEW && n.natGateways() != NatMode.NONE
                ? (n.natGateways() == NatMode.PER_AZ ? azs : 1) * (prices.natHour() + prices.publicIpv4Hour()) * h : 0;
        double lb = (prices.albHour() + prices.albLcuHour() + azs * prices.publicIpv4Hour()) * h;
        long publics = s.services().values().stream().filter(a -> a.isPublic()).count();
        return (s.services().size() - 1) * network + Math.max(0, publics - 1) * lb;
    }

    public List<Line> lines(Spec s) {
        List<Line> out = new ArrayList<>();
        double h = prices.hoursPerMonth();
        var n = s.network();
        int azs = n.vpc() == VpcMode.NEW ? n.availabilityZones() : 2;
        if (n.vpc() == VpcMode.NEW && n.natGateways() != NatMode.NONE) {
            int nats = n.natGateways() == NatMode.PER_AZ ? azs : 1;
            out.add(new Line(Area.NETWORK, nats + " NAT gateway" + (nats > 1 ? "s" : "") + " (+ $0.045/GB processed)", nats * prices.natHour() * h));
            out.add(new Line(Area.NETWORK, nats + " public IPv4 address" + (nats > 1 ? "es" : "") + " for NAT", nats * prices.publicIpv4Hour() * h));
        }
        int publicIps = 0;
        for (var a : s.services().values()) {
            var t = a.task();
            var svc = a.service();
            int count = svc.autoscaling() == null ? svc.desiredCount() : svc.autoscaling().min();
            boolean arm = t.architecture() == Architecture.ARM64;
            double perTask = h * (t.cpu() / 1024.0 * (arm ? prices.fargateArmVcpuHour() : prices.fargateX86VcpuHour())
                    + t.memory() / 1024.0 * (arm ? prices.fargateArmGbHour() : prices.fargateX86GbHour()));
            String size = Fargate.sizeLabel(t.cpu(), t.memory());
            out.add(new Line(Area.TASK, (s.services().size() > 1 ? a.name() + ": " : "") + count + " × task of " + size + " " + t.architecture().yaml()
                    + (svc.autoscaling() != null ? " (at min)" : ""), count * perTask));
            publicIps += count;
        }
        if (!n.tasksInPrivateSubnets() && publicIps > 0) {
            out.add(new Line(Area.NETWORK, publicIps + " public IPv4 address" + (publicIps > 1 ? "es" : "") + " for tasks", publicIps * prices.publicIpv4Hour() * h));
        }
        if (s.hasLoadBalancer()) {
            out.add(new Line(Area.LOAD_BALANCER, "Application Load Balancer (1 LCU)", (prices.albHour() + prices.albLcuHour()) * h));
            out.add(new Line(Area.LOAD_BALANCER, azs + " public IPv4 addresses for the load balancer", azs * prices.publicIpv4Hour() * h));
        }
        if (s.hasAlerts()) {
            int alarms = dev.gantry.spec.Alerts.alarmCount(s);
            out.add(new Line(Area.ALERTS, alarms + " CloudWatch alarms (email: 1,000 a month free)", alarmsMonthly(alarms)));
        }
        if (s.guard() != null) {
            int runs = guardRunsPerMonth(s.guard().everyMinutes());
            out.add(new Line(Area.GUARD, "Guard: " + count(runs) + " Lambda runs of ~" + GUARD_RUN_SECONDS + " s, 1 GB", guardLambdaMonthly(runs)));
            out.add(new Line(Area.GUARD, "Guard: " + count(runs) + " scheduled invocations", runs * prices.schedulerInvocationMillion() / 1e6));
        }
        return out;
    }

    /** CloudWatch alarms are billed per alarm-month. */
    public double alarmsMonthly(int alarms) { return alarms * prices.alarmMonth(); }

    /** Runs of a guard every {@code everyMinutes} in a month of the price list's hours. */
    public int guardRunsPerMonth(int everyMinutes) { return prices.hoursPerMonth() * 60 / everyMinutes; }

    /** The guard's Lambda time and requests, at list price (before the free tier). */
    private double guardLambdaMonthly(int runs) {
        return runs * (GUARD_RUN_SECONDS * GUARD_MEMORY_MB / 1024.0 * prices.lambdaGbSecond() + prices.lambdaRequestMillion() / 1e6);
    }

    /** The guard's whole monthly figure: its Lambda runs and their schedule (the stored spec is free). */
    public double guardMonthly(int everyMinutes) {
        int runs = guardRunsPerMonth(everyMinutes);
        return guardLambdaMonthly(runs) + runs * prices.schedulerInvocationMillion() / 1e6;
    }

    private static String count(int n) { return String.format(Locale.ROOT, "%,d", n); }

    public double total(Spec s) { return lines(s).stream().mapToDouble(Line::monthly).sum(); }

    /** The hint for one or more areas: their lines, then the running total, with the price list's date. */
    public List<String> hint(Spec s, Area... areas) {
        List<String> out = new ArrayList<>();
        List<Area> wanted = List.of(areas);
        for (Line l : lines(s)) {
            if (wanted.contains(l.area())) out.add(l.render());
        }
        if (out.isEmpty()) return out;
        out.add(String.format(Locale.ROOT, "%-44s %9s", "Whole stack as answered, per month", usd(total(s))));
        out.add("(" + prices.label() + "; data and requests not included)");
        return out;
    }

    public static String usd(double v) { return String.format(Locale.ROOT, "$%,.2f", v); }
}
