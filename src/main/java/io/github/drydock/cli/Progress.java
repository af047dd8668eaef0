package io.github.drydock.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One status line on stderr, redrawn with {@code \r} every half second while a long copy or export runs,
 * and erased when it ends. Drawn only when stderr is a terminal and the output is not JSON: a log file or
 * a script must not receive carriage returns.
 */
final class Progress implements AutoCloseable {
    /** How often the line is redrawn. */
    static final Duration PERIOD = Duration.ofMillis(500);
    /** Longest line drawn: a line that wraps cannot be redrawn with a carriage return. */
    static final int WIDTH = 79;

    private final PrintStream err;
    private final Supplier<String> status;
    private final Thread ticker;
    private final long started = System.nanoTime();
    private int drawn;

    private Progress(PrintStream err, Supplier<String> status, boolean enabled) {
        this.err = err;
        this.status = status;
        this.ticker = enabled ? new Thread(this::tick, "drydock-progress") : null;
        if (ticker != null) {
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    /**
     * Starts drawing, or does nothing when disabled.
     *
     * @param err     standard error
     * @param enabled true when stderr is a terminal and the output is for a human
     * @param status  the current state, e.g. {@code 1234 entries, 56.7 MB}; called from the drawing thread
     * @return the progress line; close it when the work ends
     */
    static Progress start(PrintStream err, boolean enabled, Supplier<String> status) {
        return new Progress(err, status, enabled);
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(PERIOD.toMillis());
                draw();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw() {
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        String line = Text.truncate(Text.printable(status.get()) + "  " + seconds + " s", WIDTH);
        // pad over the previous line: it may have been longer
        err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        err.flush();
        drawn = line.length();
    }

    /** Stops drawing and erases the line. */
    @Override
    public void close() {
        if (ticker == null) {
            return;
        }
        ticker.interrupt();
        try {
            ticker.join(PERIOD.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (drawn > 0) {
                err.print("\r" + " ".repeat(drawn) + "\r");
                err.flush();
            }
        }
    }
}
