package io.github.drydock.fuzz;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Image;
import io.github.drydock.model.LogLine;
import io.github.drydock.synth.Flavor;
import io.github.drydock.synth.SynthSpec;
import io.github.drydock.synth.SynthSummary;
import io.github.drydock.synth.SyntheticRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Tiny valid roots for the fuzz targets (one per flavor, written once per JVM in a
 * {@code /tmp/drydock-fuzz-*} folder), a way to put fuzz bytes into one of their files, and the
 * oracle: open the root and touch everything it lists, logs included. Only
 * {@link DockerStorageException} may come out; anything else (an unchecked exception, a
 * {@link StackOverflowError}, an {@link OutOfMemoryError}) is a finding, and a hang is one through the
 * per-input timeout.
 */
final class FuzzRoots {
    private static final Map<Flavor, Tiny> ROOTS = new EnumMap<>(Flavor.class);
    private static Path base;

    private FuzzRoots() {
    }

    /** A tiny root and what it holds. */
    record Tiny(Path root, SynthSummary summary) {
        /** @return a path under the root (relative, no {@code ..}) */
        Path at(String relative) {
            if (relative.startsWith("/") || relative.contains("..")) {
                throw new IllegalArgumentException(relative);
            }
            return root.resolve(relative);
        }
    }

    /** @return the tiny root of that flavor (2 images, 2 containers, 2 volumes), written on first use */
    static synchronized Tiny of(Flavor flavor) {
        return ROOTS.computeIfAbsent(flavor, f -> {
            try {
                if (base == null) {
                    base = Files.createTempDirectory("drydock-fuzz-");
                    Runtime.getRuntime().addShutdownHook(new Thread(FuzzRoots::deleteAll));
                }
                Path root = base.resolve(f.name().toLowerCase(java.util.Locale.ROOT));
                SynthSpec spec = new SynthSpec(f, 3, 2, false, 2, 2, 9, 0, 0, 3, 1, 1);
                return new Tiny(root, SyntheticRoot.generate(spec, root));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Seconds one input may take: a read of a FIFO, or a loop, shows as a finding instead of a hang. */
    static final int INPUT_SECONDS = 10;
    private static final java.util.concurrent.ExecutorService RUNNER = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-input");
        t.setDaemon(true); // a thread stuck in open(2) on a FIFO cannot be interrupted: the JVM may leave it
        return t;
    });

    /** Code of one input; may throw anything (the oracle decides what is allowed). */
    interface Input {
        Object run() throws Exception;
    }

    /**
     * Runs one input under {@link #INPUT_SECONDS}. (JUnit's {@code @Timeout} would bound the whole fuzzing
     * run, not one input.)
     *
     * @throws AssertionError when the input takes longer
     */
    static void within(Input input) {
        java.util.concurrent.Future<Object> f = RUNNER.submit(input::run);
        try {
            f.get(INPUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("one input took over " + INPUT_SECONDS + " s: a hang (a FIFO opened?) or a loop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError("a checked exception other than DockerStorageException came out", cause);
        }
    }

    /** @return a fresh empty folder under the fuzz base folder */
    static synchronized Path scratch(String name) {
        try {
            if (base == null) {
                base = Files.createTempDirectory("drydock-fuzz-");
                Runtime.getRuntime().addShutdownHook(new Thread(FuzzRoots::deleteAll));
            }
            return Files.createDirectories(base.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces a file's bytes (the root's own files only: a test writes nothing else). */
    static void put(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The oracle: opens the root and reads everything it lists, logs included.
     *
     * @return the opened root, or null when it could not be opened (a DockerStorageException: allowed)
     */
    static DockerRoot openAndTouch(Path root) {
        DockerRoot opened;
        try {
            opened = DockerRoot.open(root);
        } catch (DockerStorageException e) {
            return null;
        }
        long sink = 0;
        for (Image image : opened.images()) {
            sink += image.toString().length() + image.history().size() + image.layers().size();
            sink += opened.children(image.id()).size();
        }
        for (Container c : opened.containers()) {
            sink += c.toString().length();
            try (Stream<LogLine> lines = opened.logs(c)) {
                sink += lines.mapToLong(l -> l.text().length()).sum();
            } catch (DockerStorageException e) {
                sink++;
            } catch (UncheckedIOException e) {
                // a Stream cannot throw checked exceptions: a log that fails while streaming comes out
                // wrapped, as Files.lines does; only a DockerStorageException inside is allowed
                if (!(e.getCause() instanceof DockerStorageException)) {
                    throw e;
                }
            }
        }
        sink += opened.volumes().toString().length() + opened.problems().toString().length();
        if (sink < 0) {
            throw new AssertionError("unreachable");
        }
        return opened;
    }

    private static void deleteAll() {
        if (base != null) {
            try {
                io.github.drydock.synth.SynthFiles.deleteTree(base);
            } catch (IOException ignored) {
                // best effort at exit
            }
        }
    }
}
