package dev.gantry.aws.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated AWS Lambda: functions (their configuration, the package's size and SHA-256, the
 * states computed from the clock), layer versions, and every invocation with what it answered.
 * The code itself is not kept, only its digest and sizes: the simulated Invoke runs the handler
 * registered in-process under the function's handler name (SimLambda says how).
 */
public final class LambdaState {
    public static final class FunctionRec {
        public String name;
        public String arn;
        public String runtime;
        public String handler;
        public String role;
        public String description;
        public int memorySize = 128;
        public int timeout = 3;
        public Map<String, String> environment = new TreeMap<>();
        public List<String> layers = new ArrayList<>();
        public String logGroup;
        public long codeSize;
        public long unzippedSize;
        public String codeSha256;
        public Map<String, String> tags = new LinkedHashMap<>();
        /** State is Pending until then, Active after. */
        public long activeAt;
        /** LastUpdateStatus is InProgress until then, Successful after. */
        public long updatedAt;
        public long lastModified;
    }

    public static final class LayerVersionRec {
        public String layerName;
        public long version;
        public String arn;
        public long codeSize;
        public long unzippedSize;
        public String codeSha256;
        public List<String> compatibleRuntimes = new ArrayList<>();
        public String description;
    }

    public static final class InvocationRec {
        public String function;
        public long at;
        public String payload;
        public String response;
        /** "Unhandled" when the handler threw; null when it answered. */
        public String functionError;
        /** Who invoked it: "scheduler:GROUP/NAME", or "api". */
        public String by;
    }

    public Map<String, FunctionRec> functions = new TreeMap<>();
    /** Layer versions by {@code name:version}. */
    public Map<String, LayerVersionRec> layerVersions = new TreeMap<>();
    public Map<String, Long> layerVersionCounters = new TreeMap<>();
    public List<InvocationRec> invocations = new ArrayList<>();

    public FunctionRec byNameOrArn(String nameOrArn) {
        if (nameOrArn == null) return null;
        FunctionRec f = functions.get(nameOrArn);
        if (f != null) return f;
        return functions.values().stream().filter(r -> r.arn.equals(nameOrArn)).findFirst().orElse(null);
    }

    /** Every invocation of {@code function} so far (tests and rehearsals look at them). */
    public List<InvocationRec> invocationsOf(String function) {
        return invocations.stream().filter(i -> i.function.equals(function)).toList();
    }
}
