package dev.gantry.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.aws.AwsClients;
import dev.gantry.aws.RealAws;
import dev.gantry.time.RealScheduler;
import dev.gantry.time.Scheduler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The guard's Lambda entry point: a plain method the Java runtime calls with the schedule's event
 * ({@code {"app": "...", "region": "..."}}) as a map, and whose answer it returns as JSON; no Lambda
 * library is needed. Lines go to the function's log group through {@link System.Logger}, which
 * the runtime's captured standard error carries there.
 */
public final class GuardHandler {
    /** The handler name the function is made with (resources.compute.GuardFunctionType.HANDLER). */
    public static final String HANDLER = "dev.gantry.guard.GuardHandler::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger("gantry.guard");
    /** One pool for the life of the execution environment, which Lambda reuses between invocations. */
    private static Scheduler scheduler;

    public Map<String, Object> handleRequest(Map<String, Object> event) {
        String app = String.valueOf(event.get("app")), region = String.valueOf(event.get("region"));
        synchronized (GuardHandler.class) {
            if (scheduler == null) scheduler = new RealScheduler(8);
        }
        try (AwsClients aws = RealAws.clients(region, null, null)) {
            return answer(new Reconciler(aws, scheduler, line -> LOG.log(System.Logger.Level.INFO, line)).run(app));
        }
    }

    /** The same run against given clients and time (the simulated Lambda's in-process handler); the answer as JSON. */
    public static String handle(String payload, AwsClients aws, Scheduler scheduler, Consumer<String> log) throws java.io.IOException {
        Map<?, ?> event = JSON.readValue(payload, Map.class);
        GuardRun run = new Reconciler(aws, scheduler, log).run(String.valueOf(event.get("app")));
        return JSON.writeValueAsString(answer(run));
    }

    private static Map<String, Object> answer(GuardRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", run.outcome().word());
        out.put("repaired", run.repaired().size());
        out.put("reported", run.reported().size());
        if (run.note() != null) out.put("note", run.note());
        return out;
    }
}
