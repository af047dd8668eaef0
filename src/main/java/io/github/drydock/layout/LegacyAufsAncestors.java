package io.github.drydock.layout;

import io.github.drydock.driver.LegacyDriverPaths;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Reads aufs {@code layers/<id>}: the layer's ancestors, nearest first, one id per line (blank lines
 * ignored, as Docker's {@code getParentIds} does), and checks it against the graph's parent chain.
 * The union order of aufs and the graph should agree; when they do not, the graph chain is used
 * and a problem says where they part. Source: {@code daemon/graphdriver/aufs/dirs.go} (v1.9.1);
 * spec/docker-legacy-layout.md §5.1.
 */
final class LegacyAufsAncestors {
    /**
     * Most lines compared per file. aufs could not mount more than 127 branches, so real chains are
     * shorter; the cap keeps a hostile 10k-deep chain from costing O(n²) reads.
     */
    static final int MAX_COMPARED = 256;

    private final RootContext context;
    private final LegacyLayerLocator locator;
    private boolean homeMissingReported;

    LegacyAufsAncestors(RootContext context, LegacyLayerLocator locator) {
        this.context = context;
        this.locator = locator;
    }

    /**
     * The direct parent named by line 1, used to mend the chain of an image whose JSON is lost.
     *
     * @param id the layer id
     * @return the first id listed, or empty for a base layer or when the file is missing or unreadable
     */
    Optional<String> firstAncestor(String id) {
        Optional<Path> file = file(id);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (BufferedReader reader = open(file.get(), false)) {
            return reader == null ? Optional.empty() : Optional.ofNullable(nextId(reader));
        } catch (IOException | RuntimeException e) {
            context.problem(file.get(), "cannot read aufs ancestors of " + LegacySmallFiles.shortId(id) + ": "
                    + file.get() + ": " + e);
            return Optional.empty();
        }
    }

    /**
     * Compares the file with the graph chain.
     *
     * @param id       the layer id
     * @param expected its graph ancestors, nearest first (at most {@link #MAX_COMPARED} are compared)
     * @param complete true when {@code expected} ends at a real base layer, so the file must list no more
     */
    void verify(String id, List<String> expected, boolean complete) {
        Optional<Path> file = file(id);
        if (file.isEmpty()) {
            return;
        }
        try (BufferedReader reader = open(file.get(), true)) {
            if (reader != null) {
                compare(id, file.get(), reader, expected, complete);
            }
        } catch (IOException | RuntimeException e) {
            context.problem(file.get(), "cannot read aufs ancestors of " + LegacySmallFiles.shortId(id) + ": "
                    + file.get() + ": " + e);
        }
    }

    private void compare(String id, Path file, BufferedReader reader, List<String> expected, boolean complete)
            throws IOException {
        int compared = Math.min(expected.size(), MAX_COMPARED);
        for (int i = 0; i < compared; i++) {
            String line = nextId(reader);
            if (line == null || !line.equals(expected.get(i))) {
                context.problem(file, "aufs ancestors of " + LegacySmallFiles.shortId(id) + " disagree with graph/: "
                        + "line " + (i + 1) + " is " + (line == null ? "missing" : LegacyGraphReader.abbreviate(line))
                        + " where graph/ has " + expected.get(i) + "; the graph/ chain is used (hint: the union"
                        + " aufs would have mounted differs from what docker history showed)");
                return;
            }
        }
        if (complete && compared == expected.size()) {
            String extra = nextId(reader);
            if (extra != null) {
                context.problem(file, "aufs ancestors of " + LegacySmallFiles.shortId(id) + " disagree with graph/: "
                        + "it lists " + LegacyGraphReader.abbreviate(extra) + " below the base layer of the graph/"
                        + " chain; the graph/ chain is used");
            }
        }
    }

    private Optional<Path> file(String id) {
        Optional<Path> home = LegacyDriverPaths.AUFS.ancestorsHome().flatMap(locator::home);
        if (home.isEmpty()) {
            if (!homeMissingReported) {
                homeMissingReported = true;
                context.problem(context.root().resolve(LegacyDriverPaths.AUFS.ancestorsHome().orElseThrow()),
                        "aufs layer " + LegacySmallFiles.shortId(id) + " has no ancestors file: the aufs layers"
                            + " folder is missing; the graph/ chains are used for every aufs layer");
            }
            return Optional.empty();
        }
        return Optional.of(home.get().resolve(id));
    }

    /** Opens the file when it is a regular file of sane size; otherwise records why not and returns null. */
    private BufferedReader open(Path file, boolean reportMissing) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            if (reportMissing) {
                context.problem(file, "aufs ancestors file " + file + " is missing; the graph/ chain is used");
            }
            return null;
        }
        if (!attributes.isRegularFile() || attributes.size() > LegacyFiles.MAX_ANCESTORS_BYTES) {
            context.problem(file, "aufs ancestors file " + file + " is not a regular file of at most "
                    + LegacyFiles.MAX_ANCESTORS_BYTES + " bytes; not read, the graph/ chain is used");
            return null;
        }
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                StandardCharsets.UTF_8));
    }

    /** @return the next non-blank line, trimmed, or null at the end */
    private static String nextId(BufferedReader reader) throws IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty()) {
                return trimmed;
            }
        }
        return null;
    }
}
