package dev.gantry.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The embedded, dated price list (us-east-1 on-demand) behind every cost hint. */
public record Prices(String date, String region, int hoursPerMonth, double fargateX86VcpuHour, double fargateX86GbHour,
                     double fargateArmVcpuHour, double fargateArmGbHour, double natHour, double albHour,
                     double albLcuHour, double publicIpv4Hour, double alarmMonth,
                     double lambdaGbSecond, double lambdaRequestMillion, double schedulerInvocationMillion) {

    public static Prices embedded() {
        try (InputStream in = Prices.class.getResourceAsStream("prices-us-east-1.properties")) {
            if (in == null) throw new IllegalStateException("price list missing from the jar");
            Properties p = new Properties();
            p.load(in);
            return new Prices(p.getProperty("date"), p.getProperty("region"), Integer.parseInt(p.getProperty("hoursPerMonth")),
                    d(p, "fargate.x86_64.vcpuHour"), d(p, "fargate.x86_64.gbHour"), d(p, "fargate.arm64.vcpuHour"),
                    d(p, "fargate.arm64.gbHour"), d(p, "natGateway.hour"), d(p, "alb.hour"), d(p, "alb.lcuHour"),
                    d(p, "publicIpv4.hour"), d(p, "cloudwatch.alarmMonth"),
                    d(p, "lambda.x86_64.gbSecond"), d(p, "lambda.requestMillion"), d(p, "scheduler.invocationMillion"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double d(Properties p, String key) { return Double.parseDouble(p.getProperty(key)); }

    /** "estimate, us-east-1 on-demand prices of 2025-01" — every figure carries this label. */
    public String label() { return "estimate, " + region + " on-demand prices of " + date; }
}
