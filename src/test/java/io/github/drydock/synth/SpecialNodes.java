package io.github.drydock.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Nodes Java cannot make: overlay whiteouts (character device 0:0, {@code mknod}) and opaque folders
 * ({@code trusted.overlay.opaque=y}, {@code setxattr}). Both need root. They are collected while
 * layers are written and made at the end by one {@code python3} process (one process per node would
 * take minutes on a large root). Without root nothing is made and {@link #skipped()} tells how many:
 * the layer tars (tar-split) still record the whiteouts, but the folders on disk then miss them, so
 * a merged view would still show the deleted paths.
 */
final class SpecialNodes {
    private static final String SCRIPT = String.join("\n",
            "import os, stat, sys",
            "for line in open(sys.argv[1], 'rb'):",
            "    kind, path = line[:1], line[2:-1]",
            "    if kind == b'c':",
            "        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(0, 0))",
            "    else:",
            "        os.setxattr(path, 'trusted.overlay.opaque', b'y', follow_symlinks=False)",
            "");

    private final List<String> lines = new ArrayList<>();
    private int skipped;

    /** Queues a whiteout device at {@code path} (its folder must exist by {@link #apply}). */
    synchronized void whiteout(Path path) {
        lines.add("c " + path);
    }

    /** Queues the opaque mark on folder {@code path}. */
    synchronized void opaque(Path path) {
        lines.add("o " + path);
    }

    /** @return nodes that could not be made (not root) */
    int skipped() {
        return skipped;
    }

    /** Makes every queued node (as root) or counts them as skipped. */
    synchronized void apply(Path scratch) {
        if (lines.isEmpty()) {
            return;
        }
        if (!isRoot()) {
            skipped += lines.size();
            lines.clear();
            return;
        }
        try {
            Path list = Files.createTempFile(scratch, "synth-nodes", ".txt");
            Files.write(list, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            Process p = new ProcessBuilder("python3", "-c", SCRIPT, list.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("python3 could not make whiteout devices / opaque xattrs");
            }
            Files.delete(list);
            lines.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return true when this process runs as uid 0 */
    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
