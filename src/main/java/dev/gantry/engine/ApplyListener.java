package dev.gantry.engine;

/** Receives engine events, possibly from several worker threads at once. */
@FunctionalInterface
public interface ApplyListener {
    void on(ApplyEvent event);

    ApplyListener NONE = e -> {};
}
