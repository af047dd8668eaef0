package io.github.drydock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Materializes a checked-in fixture root ({@code testdata/<name>}) in a temp folder: copies the tree
 * (symlinks copied as symlinks, never followed) and applies its sidecar {@code testdata/<name>.sidecar}
 * (format in {@code testdata/README.md}): empty folders always, device nodes and {@code trusted.*}/
 * {@code security.*} xattrs only when running as root. Lines that could not be applied are reported by
 * {@link Materialized#skipped()} so a test can skip itself instead of passing on a partial tree.
 * Never writes into {@code testdata/}.
 */
public final class Fixtures {
    /** System property that overrides where {@code testdata/} is. */
    public static final String TESTDATA_PROPERTY = "drydock.testdata";
    private static final String SIDECAR_SUFFIX = ".sidecar";

    private Fixtures() {
    }

    /**
     * A materialized fixture.
     *
     * @param root    the copied root
     * @param skipped sidecar lines not applied (device nodes or xattrs without the privilege to make them)
     */
    public record Materialized(Path root, List<String> skipped) {
        /** Copies the list defensively. */
        public Materialized {
            skipped = List.copyOf(skipped);
        }

        /** @return true when every sidecar fact was applied (no device node or xattr is missing) */
        public boolean complete() {
            return skipped.isEmpty();
        }
    }

    /**
     * Copies {@code testdata/<name>} into {@code tempDir} and applies its sidecar.
     *
     * @param name    e.g. {@code legacy-aufs-mediawiki} or {@code broken/parent-cycle}
     * @param tempDir an empty temp folder (JUnit's {@code @TempDir})
     * @return the materialized root ({@code tempDir/<name>})
     */
    public static Path materialize(String name, Path tempDir) {
        return materialized(name, tempDir).root();
    }

    /** Like {@link #materialize} but also tells which sidecar lines could not be applied. */
    public static Materialized materialized(String name, Path tempDir) {
        Path source = testdataDir().resolve(name);
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("no fixture root " + source);
        }
        Path target = tempDir.resolve(name);
        copyTree(source, target);
        Path sidecar = source.resolveSibling(source.getFileName() + SIDECAR_SUFFIX);
        List<String> skipped = Files.exists(sidecar) ? applySidecar(sidecar, target) : List.of();
        return new Materialized(target, skipped);
    }

    /**
     * Finds the repository's {@code testdata/} folder: the {@value #TESTDATA_PROPERTY} system property, else
     * the first {@code testdata} beside a {@code pom.xml} in the working folder or one of its parents.
     */
    public static Path testdataDir() {
        String property = System.getProperty(TESTDATA_PROPERTY);
        if (property != null) {
            return Path.of(property).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("testdata");
            }
        }
        throw new IllegalStateException("testdata/ not found above " + Path.of("").toAbsolutePath()
                + "; set -D" + TESTDATA_PROPERTY + "=<path>");
    }

    private static void copyTree(Path source, Path target) {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path dest = target.resolve(source.relativize(file).toString());
                    if (attrs.isSymbolicLink()) {
                        Files.createSymbolicLink(dest, Files.readSymbolicLink(file));
                    } else if (attrs.isRegularFile()) {
                        Files.copy(file, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    } else {
                        throw new IOException("fixture holds a special file (put it in the sidecar): " + file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies folders first, then device nodes, xattrs and times; returns the lines not applied. */
    private static List<String> applySidecar(Path sidecar, Path root) {
        List<String[]> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(sidecar, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.split(" ", 4));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> skipped = new ArrayList<>();
        boolean root0 = runningAsRoot(root);
        for (String kind : List.of("dir", "chardev", "xattr", "mtime")) {
            for (String[] f : lines) {
                if (f[0].equals(kind) && !apply(f, inside(root, f), root0)) {
                    skipped.add(String.join(" ", f));
                }
            }
        }
        for (String[] f : lines) {
            if (!List.of("dir", "chardev", "xattr", "mtime").contains(f[0])) {
                throw new IllegalArgumentException("unknown sidecar line in " + sidecar + ": " + String.join(" ", f));
            }
        }
        return skipped;
    }

    private static boolean apply(String[] f, Path path, boolean privileged) {
        try {
            switch (f[0]) {
                case "dir" -> Files.createDirectories(path);
                case "chardev" -> {
                    Files.createDirectories(path.getParent());
                    return privileged && run("mknod", path.toString(), "c", f[2], f[3]);
                }
                case "xattr" -> {
                    String value = f.length > 3 ? f[3] : "";
                    if (f[2].startsWith("user.")) {
                        Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                                .write(f[2].substring(5), ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
                        return true;
                    }
                    return privileged && run("setfattr", "-h", "-n", f[2], "-v", value, path.toString());
                }
                case "mtime" -> {
                    FileTime time = FileTime.from(Long.parseLong(f[2]), TimeUnit.SECONDS);
                    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(time, null, null);
                }
                default -> throw new IllegalArgumentException(f[0]);
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Resolves a sidecar path; refuses absolute paths and {@code ..} so a sidecar cannot write elsewhere. */
    private static Path inside(Path root, String[] f) {
        if (f.length < 2 || f[1].startsWith("/") || List.of(f[1].split("/")).contains("..")) {
            throw new IllegalArgumentException("bad sidecar path: " + String.join(" ", f));
        }
        return root.resolve(f[1]);
    }

    private static boolean runningAsRoot(Path dir) {
        try {
            Path probe = Files.createTempFile(dir.getParent(), "uid", ".probe");
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid"));
            } finally {
                Files.delete(probe);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
