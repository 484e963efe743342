package dev.gantry.aws.sim;

/**
 * The process "dies" right after a call took effect. An Error, not an exception, so no retry or
 * error handler in the engine can swallow it, just as none could swallow a real kill.
 */
public final class SimulatedCrash extends Error {
    public SimulatedCrash(long afterCall) { super("simulated crash after mutating call #" + afterCall, null, false, false); }
}
