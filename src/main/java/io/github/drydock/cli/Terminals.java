package io.github.drydock.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which of the process's standard streams are terminals: a tar is never written to a terminal, and
 * progress is drawn only on one.
 *
 * @param stdout true when standard output is a terminal
 * @param stderr true when standard error is a terminal
 */
public record Terminals(boolean stdout, boolean stderr) {
    /** Neither stream is a terminal: in-process runs and tests, whose streams are buffers. */
    public static final Terminals NONE = new Terminals(false, false);

    /**
     * Looks at the real process: on Linux, where {@code /proc/self/fd/1} and {@code /2} point (a
     * {@code /dev/pts/*} or {@code /dev/tty*} node is a terminal); elsewhere Java's
     * {@code System.console() != null}, which means stdin and stdout are both terminals.
     *
     * @return the answer for this process
     */
    public static Terminals detect() {
        boolean console = System.console() != null;
        return new Terminals(isTerminal(1, console), isTerminal(2, console));
    }

    private static boolean isTerminal(int fd, boolean fallback) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return fallback;
        }
    }
}
