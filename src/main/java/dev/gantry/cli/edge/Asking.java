package dev.gantry.cli.edge;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A question a person answers at the terminal, which Ctrl-C (or SIGTERM) ends unanswered. The
 * console's own read cannot be interrupted, so it runs on a daemon thread and the asker waits for
 * either the answer or {@link #interrupt}; the abandoned read ends with the process (whose exit
 * restores the terminal's echo).
 */
public final class Asking {
    /** The question was interrupted: the run stops. */
    public static final class Interrupted extends RuntimeException {
        Interrupted() { super("interrupted at the prompt", null, false, false); }
    }

    private static final AtomicReference<CompletableFuture<?>> open = new AtomicReference<>();
    /** What the open question is, in words for "Stopped at …" ("the secret prompt", "the question"). */
    private static volatile String asking = "the question";

    private Asking() {}

    public static <T> T ask(Supplier<T> read) { return ask("the question", read); }

    /** {@code what}: the question in words, said when Ctrl-C ends it. */
    public static <T> T ask(String what, Supplier<T> read) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        asking = what;
        open.set(answer);
        Thread reader = new Thread(() -> {
            try {
                answer.complete(read.get());
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        }, "gantry-prompt");
        reader.setDaemon(true);
        reader.start();
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        } finally {
            open.compareAndSet(answer, null);
        }
    }

    /** Ends the open question, if there is one; returns what it was ("the secret prompt"), or null if none. */
    static String interrupt() {
        CompletableFuture<?> a = open.getAndSet(null);
        return a != null && a.completeExceptionally(new Interrupted()) ? asking : null;
    }
}
