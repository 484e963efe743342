package dev.gantry.ui.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import dev.gantry.engine.ApplyEvent;
import dev.gantry.engine.ApplyListener;
import dev.gantry.ui.Ansi;
import dev.gantry.ui.Operation;
import dev.gantry.ui.ProgressModel;
import dev.gantry.ui.SummaryText;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The live full-screen view of an apply or destroy. Engine threads call {@link #on}; the model
 * absorbs events at once while a single render thread draws about ten frames a second, so a burst
 * of events costs one frame and the engine never waits on the terminal.
 *
 * <p>The screen reads keys in raw mode, so Ctrl-C arrives as a key, not a signal: the first asks
 * the engine to stop starting work ({@code onInterrupt}), the second restores the terminal and
 * calls {@code onForceQuit}. On {@link ApplyEvent.Finished} the screen is restored and the summary
 * printed to the normal terminal, where it stays.
 */
public final class ProgressView implements ApplyListener, AutoCloseable {
    static final Duration FRAME = Duration.ofMillis(100);

    private final Screen screen;
    private final Operation operation;
    private final ProgressModel model;
    private final PrintStream out;
    private final Runnable onInterrupt;
    private final Runnable onForceQuit;
    private final boolean color;
    private final ProgressRenderer renderer;

    private final Object screenLock = new Object();
    private volatile boolean running;
    private boolean open;
    private boolean summaryPrinted;
    private Thread renderThread;
    private int frame;
    private int logScroll;
    private int logPage = 10;
    private int interrupts;

    public ProgressView(Screen screen, Operation operation, ProgressModel model, PrintStream out,
                        Runnable onInterrupt, Runnable onForceQuit, boolean color) {
        this.screen = screen;
        this.operation = operation;
        this.model = model;
        this.out = out;
        this.onInterrupt = onInterrupt;
        this.onForceQuit = onForceQuit;
        this.color = color;
        this.renderer = new ProgressRenderer(operation, color);
    }

    /**
     * A screen on the process's own terminal that delivers Ctrl-C as a key (TRAP) instead of
     * letting the signal kill the JVM mid-call with the terminal still in raw mode. Forced to a
     * text terminal: without a console lanterna would otherwise open a Swing window.
     */
    public static Screen terminalScreen() throws IOException {
        return new TerminalScreen(new DefaultTerminalFactory()
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                .createTerminal());
    }

    /** Takes over the screen and starts drawing. */
    public void start() {
        open();
        running = true;
        renderThread = new Thread(this::loop, "gantry-progress");
        renderThread.setDaemon(true);
        renderThread.start();
    }

    /** Takes over the screen and draws the first frame, without a render thread (tests drive {@link #tick}). */
    public void open() {
        synchronized (screenLock) {
            if (open) return;
            try {
                screen.startScreen();
                screen.setCursorPosition(null);
                open = true;
            } catch (IOException e) {
                throw new UncheckedIOException("could not take over the terminal", e);
            }
            draw(true);
        }
    }

    private void loop() {
        while (running) {
            try {
                tick();
                Thread.sleep(FRAME.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (UncheckedIOException e) {
                return; // the terminal is gone; the engine carries on and the summary still prints
            }
        }
    }

    /** One frame: handle keys, follow a resize, redraw. */
    public void tick() {
        KeyStroke key;
        while ((key = pollKey()) != null) key(key);
        synchronized (screenLock) {
            if (!open) return;
            TerminalSize resized = screen.doResizeIfNecessary();
            frame++;
            draw(resized != null);
        }
    }

    private KeyStroke pollKey() {
        synchronized (screenLock) {
            if (!open) return null;
            try {
                return screen.pollInput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void key(KeyStroke k) {
        if (k.getKeyType() == KeyType.Character && k.isCtrlDown() && k.getCharacter() != null
                && Character.toLowerCase(k.getCharacter()) == 'c') {
            interrupt();
            return;
        }
        synchronized (screenLock) {
            switch (k.getKeyType()) {
                case PageUp -> logScroll += logPage;
                case PageDown -> logScroll -= logPage;
                case ArrowUp -> logScroll++;
                case ArrowDown -> logScroll--;
                case Home -> logScroll = Integer.MAX_VALUE / 2;
                case End -> logScroll = 0;
                default -> { }
            }
            int max = Math.max(0, model.snapshot().log().size() - logPage);
            logScroll = Math.max(0, Math.min(logScroll, max));
        }
    }

    private void interrupt() {
        interrupts++;
        if (interrupts == 1) {
            model.markStopping();
            onInterrupt.run();
        } else if (interrupts == 2) {
            restore();
            out.println("gantry stopped at once. Calls already sent to AWS may still complete; run `"
                    + operation.suggest(operation.command()) + "` again to continue from what exists.");
            out.flush();
            onForceQuit.run();
        }
    }

    private void draw(boolean complete) {
        if (!open) return;
        screen.clear();
        TerminalSize size = screen.getTerminalSize();
        int page = renderer.draw(screen.newTextGraphics(), size, model.snapshot(), frame, logScroll);
        if (page > 0) logPage = page;
        try {
            screen.refresh(complete ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void on(ApplyEvent event) {
        model.on(event);
        if (event instanceof ApplyEvent.Finished f) {
            restore();
            synchronized (screenLock) {
                if (summaryPrinted) return;
                summaryPrinted = true;
            }
            out.print(SummaryText.render(operation, f.result(), model.snapshot(), new Ansi(color)));
            out.flush();
        }
    }

    /** Stops drawing and gives the terminal back; the render thread is joined unless we are on it. */
    private void restore() {
        running = false;
        Thread t = renderThread;
        if (t != null && t != Thread.currentThread()) {
            // no interrupt: it could land inside a terminal write; the thread notices within a frame
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (screenLock) {
            if (!open) return;
            open = false;
            try {
                screen.stopScreen();
                // Gives the terminal back its own settings (echo, line editing) for what follows.
                if (screen instanceof com.googlecode.lanterna.screen.TerminalScreen ts) ts.getTerminal().close();
            } catch (IOException e) {
                // nothing more can be done for a terminal that refuses to be restored
            }
        }
    }

    /** Restores the terminal if the run ended without a Finished event (an exception, say). */
    @Override public void close() { restore(); }
}
