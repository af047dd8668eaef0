package io.github.drydock.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The captured dockerd roots ({@code testdata/dockerd-<driver>/root.tar.gz}) extracted COMPLETELY, as
 * their README says, for tests of merged views: overlay whiteouts (character devices 0:0), the
 * {@code trusted.overlay.opaque} marker, owners and modes. That takes GNU tar run as root;
 * {@link ModernFixtureRoots} is the unprivileged, metadata-only extraction. When the full extraction is
 * impossible the answer says why, so a test can skip instead of checking a partial tree.
 */
public final class ViewFixtureRoots {
    /** The drivers of the captured roots. */
    public static final List<String> DRIVERS = List.of("vfs", "overlay2");
    private static final long TIMEOUT_SECONDS = 120;

    private ViewFixtureRoots() {
    }

    /**
     * The outcome of an extraction.
     *
     * @param root      the extracted root, when complete
     * @param reference the fixture's {@code reference/} folder (docker's own answers)
     * @param whyNot    why the root could not be extracted completely, when it could not
     */
    public record Extracted(Path root, Path reference, String whyNot) {
        /** @return true when the root is complete */
        public boolean complete() {
            return whyNot == null;
        }
    }

    /** @return the fixture folder of a driver, {@code testdata/dockerd-<driver>} */
    public static Path fixture(String driver) {
        return Fixtures.testdataDir().resolve("dockerd-" + driver);
    }

    /**
     * Extracts a captured root into {@code target} with every fact it holds.
     *
     * @param driver {@code vfs} or {@code overlay2}
     * @param target an empty folder
     * @return the root, or the reason it could not be extracted completely
     */
    public static Extracted extract(String driver, Path target) {
        Path fixture = fixture(driver);
        Path archive = fixture.resolve("root.tar.gz");
        Path reference = fixture.resolve("reference");
        if (!Files.isRegularFile(archive)) {
            return new Extracted(null, reference, "no fixture at " + archive);
        }
        if (!runningAsRoot()) {
            return new Extracted(null, reference, "extracting whiteout devices and trusted.* xattrs needs root");
        }
        try {
            Files.createDirectories(target);
            Process tar = new ProcessBuilder("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-xpzf",
                    archive.toString(), "-C", target.toString()).redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!tar.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                return new Extracted(null, reference, "GNU tar could not extract " + archive + " completely: "
                        + output.strip());
            }
            return new Extracted(target, reference, null);
        } catch (IOException e) {
            return new Extracted(null, reference, "cannot run GNU tar: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Extracted(null, reference, "interrupted");
        }
    }

    /** @return true when this JVM runs as uid 0 */
    public static boolean runningAsRoot() {
        return UnionLayers.runningAsRoot();
    }

    /**
     * @param tool a program name
     * @return true when it can be found on the PATH
     */
    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
