package io.github.drydock.hostile;

import io.github.drydock.DockerRoot;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.LogLine;
import io.github.drydock.model.Problem;
import io.github.drydock.synth.Flavor;
import io.github.drydock.synth.SynthSpec;
import io.github.drydock.synth.SynthSummary;
import io.github.drydock.synth.SyntheticRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metadata files of 2 GiB (sparse: they cost no disk) where Docker writes a few KB: each becomes a
 * Problem naming the file and is not read (opening the root stays fast and the heap small), and the
 * rest of the root is still listed.
 */
class HugeFilesTest {
    private static final long HUGE = 2L << 30;

    @TempDir
    Path tmp;

    @AfterEach
    void removeRoot() {
        Hostile.removeTree(tmp.resolve("docker"));
    }

    private static void makeHuge(Path file) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(HUGE);
            raf.seek(0);
            raf.write('{');
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"config.v2.json", "hostconfig.json", "image config", "repositories.json", "metadata.db",
            "lower"})
    void aHugeMetadataFileIsAProblemAndNotRead(String which) throws Exception {
        SynthSummary s = SyntheticRoot.generate(new SynthSpec(Flavor.MODERN_OVERLAY2, 3, 2, false, 2, 2, 9, 0, 0, 3, 1, 1),
                tmp.resolve("docker"));
        Path docker = tmp.resolve("docker");
        String container = s.containerIds().get(0);
        Path file = switch (which) {
            case "image config" -> docker.resolve("image/overlay2/imagedb/content/sha256").resolve(s.imageIds().get(0));
            case "repositories.json" -> docker.resolve("image/overlay2/repositories.json");
            case "metadata.db" -> docker.resolve("volumes/metadata.db");
            case "lower" -> docker.resolve("overlay2").resolve(s.mountIds().get(0)).resolve("lower");
            default -> docker.resolve("containers").resolve(container).resolve(which);
        };
        makeHuge(file);

        long start = System.nanoTime();
        DockerRoot root = Hostile.within(30, () -> DockerRoot.open(docker));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(root.problems()).extracting(Problem::path).contains(file.toString());
        assertThat(millis).as("open time, ms (reading 2 GiB would take seconds)").isLessThan(10_000);
        assertThat(root.containers()).hasSize(which.equals("config.v2.json") ? 1 : 2);
        assertThat(root.images()).hasSize(3); // an image whose config is refused is still listed, by its id
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aHugeLogLineIsSkippedWithoutHoldingIt(boolean oneLine) throws Exception {
        SynthSummary s = SyntheticRoot.generate(new SynthSpec(Flavor.MODERN_OVERLAY2, 3, 2, false, 1, 1, 9, 0, 0, 3, 1, 1),
                tmp.resolve("docker"));
        String id = s.containerIds().get(0);
        Path log = tmp.resolve("docker/containers").resolve(id).resolve(id + "-json.log");
        String line = "{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"2023-01-01T00:00:00Z\"}\n";
        try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
            raf.setLength(oneLine ? HUGE / 8 : 0);
            raf.seek(raf.length());
            raf.write(line.getBytes()); // after the 3 lines and 256 MiB of NUL bytes with no newline, or alone
        }
        DockerRoot root = DockerRoot.open(tmp.resolve("docker"));
        Container c = root.container(id).orElseThrow();

        long count = Hostile.within(60, () -> {
            try (Stream<LogLine> lines = root.logs(c)) {
                return lines.count();
            } catch (DockerStorageException e) {
                return -1L;
            }
        });
        assertThat(count).isEqualTo(oneLine ? 3 : 1); // the 3 written lines; the 256 MiB line is skipped whole
        assertThat(Files.size(log)).isGreaterThan(oneLine ? HUGE / 8 : 0);
    }
}
