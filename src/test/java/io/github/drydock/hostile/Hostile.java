package io.github.drydock.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.fail;

/**
 * Makes the nodes Java cannot (FIFOs, sockets, devices, byte names, trees deeper than PATH_MAX) with
 * small processes, and runs code under test with a time limit on a daemon thread, so that a read of a
 * planted FIFO (which blocks forever in {@code open}) fails the test instead of hanging the build.
 * Everything is made inside the folder a test gives (a {@code @TempDir}).
 */
final class Hostile {
    private Hostile() {
    }

    /** Runs {@code code} with a limit; a hang (e.g. a FIFO opened) fails the test. */
    static <T> T within(int seconds, Callable<T> code) throws Exception {
        FutureTask<T> task = new FutureTask<>(code);
        Thread thread = new Thread(task, "hostile-under-test");
        thread.setDaemon(true); // a thread stuck in open(2) on a FIFO cannot be interrupted: let the JVM leave it
        thread.start();
        try {
            return task.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail("did not finish within " + seconds + " s: something opened a FIFO or looped ("
                    + List.of(thread.getStackTrace()).subList(0, Math.min(8, thread.getStackTrace().length)) + ")");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** @return true when this process runs as uid 0 */
    static boolean root() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static Path fifo(Path path) {
        run("mkfifo", path.toString());
        return path;
    }

    /** A listening-style UNIX socket node, bound and left behind (the process exits). */
    static Path socket(Path path) {
        run("python3", "-c", "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])", path.toString());
        return path;
    }

    /** A device node (root only): {@code type} c or b. */
    static Path device(Path path, char type, int major, int minor) {
        run("mknod", path.toString(), String.valueOf(type), Integer.toString(major), Integer.toString(minor));
        return path;
    }

    /** A file whose name is the given raw bytes (not valid UTF-8), in {@code folder}; its content is {@code text}. */
    static void byteName(Path folder, byte[] name, String text) {
        run("python3", "-c", "import os,sys; d=os.fsencode(sys.argv[1]); n=bytes.fromhex(sys.argv[2]); "
                + "open(os.path.join(d, n), 'wb').write(sys.argv[3].encode())",
                folder.toString(), java.util.HexFormat.of().formatHex(name), text);
    }

    /**
     * Makes a chain {@code d/d/d/...} below {@code folder} by descending with relative mkdir + chdir, which
     * goes deeper than PATH_MAX allows for absolute paths; a file {@code leaf} sits at the bottom.
     *
     * @return the depth reached
     */
    static int deepChain(Path folder, int depth) {
        String out = run("python3", "-c", String.join("\n",
                "import os, sys",
                "os.chdir(sys.argv[1])",
                "n = 0",
                "for _ in range(int(sys.argv[2])):",
                "    os.mkdir('d'); os.chdir('d'); n += 1",
                "open('leaf', 'w').write('bottom')",
                "print(n)"), folder.toString(), Integer.toString(depth));
        return Integer.parseInt(out.trim());
    }

    /**
     * Deletes a chain made by {@link #deepChain} bottom-up with relative chdir + rmdir ({@code rm -rf}
     * takes most of a minute on 100k levels).
     */
    static void removeDeepChain(Path folder) {
        if (Files.isDirectory(folder.resolve("d"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            run("python3", "-c", String.join("\n",
                    "import os, sys",
                    "os.chdir(sys.argv[1])",
                    "n = 0",
                    "while os.path.isdir('d') and not os.path.islink('d'):",
                    "    os.chdir('d'); n += 1",
                    "for f in os.listdir('.'):",
                    "    os.unlink(f)",
                    "for _ in range(n):",
                    "    os.chdir('..'); os.rmdir('d')"), folder.toString());
        }
    }

    /** Deletes a tree of any depth without following symlinks ({@code rm -rf} works with openat, not paths). */
    static void removeTree(Path folder) {
        if (Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            run("rm", "-rf", "--one-file-system", folder.toString());
        }
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
