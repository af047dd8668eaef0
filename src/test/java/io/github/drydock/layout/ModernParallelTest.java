package io.github.drydock.layout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parallel metadata reads keep order and hand a worker's error back as itself, never a hang. */
class ModernParallelTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 10_000).boxed().toList();

    @Test
    void resultsKeepTheInputOrder() {
        assertThat(ModernParallel.map(ITEMS, i -> i * 2)).isEqualTo(ITEMS.stream().map(i -> i * 2).toList());
        assertThat(ModernParallel.map(List.of(1, 2), i -> -i)).containsExactly(-1, -2);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anOutOfMemoryErrorInAWorkerComesOutAsItself() {
        assertThatThrownBy(() -> ModernParallel.map(ITEMS, i -> {
            if (i == 7_777) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
            return i;
        })).isInstanceOf(OutOfMemoryError.class).hasMessageContaining("simulated");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRuntimeExceptionInAWorkerComesOutAsItself() {
        assertThatThrownBy(() -> ModernParallel.map(ITEMS, i -> {
            if (i == 5) {
                throw new IllegalArgumentException("bad item");
            }
            return i;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad item");
    }

    /** Slow (about 40 s: the child spends it collecting garbage): run with {@code -Ddrydock.slow=true}. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "drydock.slow", matches = "true")
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRootTooBigForTheHeapFailsWithOutOfMemoryInsteadOfHanging() throws Exception {
        // a child JVM with a tiny heap opens a root of 1,500 images: it must end, with or without an error
        java.nio.file.Path root = java.nio.file.Files.createTempDirectory("drydock-parallel-");
        try {
            io.github.drydock.synth.SyntheticRoot.generate(new io.github.drydock.synth.SynthSpec(
                    io.github.drydock.synth.Flavor.MODERN_OVERLAY2, 1500, 12, false, 0, 0, 4500, 0, 0, 0, 1, 2),
                    root.resolve("docker"));
            java.nio.file.Path log = root.resolve("out.txt");
            Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx10m", "-cp", System.getProperty("java.class.path"), "io.github.drydock.synth.BenchMain", "open",
                    root.resolve("docker").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean ended = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String out = java.nio.file.Files.readString(log);
            assertThat(ended).as("the child JVM ended; its output: " + out).isTrue();
            assertThat(out).containsAnyOf("OutOfMemoryError", "images=1500");
        } finally {
            io.github.drydock.synth.SynthFiles.deleteTree(root);
        }
    }
}
