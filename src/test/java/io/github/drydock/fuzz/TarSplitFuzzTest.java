package io.github.drydock.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.drydock.archive.TarSplitAssembler;
import io.github.drydock.archive.TarSplitReader;
import io.github.drydock.model.DockerStorageException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * tar-split records: {@link TarSplitReader} reads them and {@link TarSplitAssembler} rebuilds a layer
 * from them over a small layer folder. The first input byte says whether the rest is gzip-compressed
 * here (the usual form, so the fuzzer mutates the JSON lines) or written as is. The layer folder holds
 * traps a hostile record could reach: a FIFO {@code fifo}, a symlink {@code link -> fifo}, and beside
 * the folder a FIFO {@code outside-fifo} (the target of {@code ../outside-fifo}): opening any of them
 * blocks, so such a read shows as a hang (the per-input timeout), never silently.
 */
class TarSplitFuzzTest {
    private static Path layer;
    private static Path file;

    private static synchronized void setUp() {
        if (layer != null) {
            return;
        }
        Path base = FuzzRoots.scratch("tar-split");
        try {
            Path dir = Files.createDirectories(base.resolve("layer"));
            Files.writeString(dir.resolve("a"), "new\n");
            Files.createDirectories(dir.resolve("b"));
            Files.writeString(dir.resolve("b/c"), "new\n");
            mkfifo(dir.resolve("fifo"));
            Files.createSymbolicLink(dir.resolve("link"), Path.of("fifo"));
            mkfifo(base.resolve("outside-fifo"));
            file = base.resolve("tar-split.json.gz");
            layer = dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void mkfifo(Path path) {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("mkfifo failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = FuzzDurations.PER_TARGET)
    void tarSplit(byte[] data) {
        FuzzRoots.within(() -> {
            check(data);
            return null;
        });
    }

    private static void check(byte[] data) throws IOException {
        setUp();
        byte[] body = FuzzFile.rest(data);
        if (Math.floorMod(FuzzFile.selector(data), 2) == 0) {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(body);
            }
            body = gz.toByteArray();
        }
        Files.write(file, body);
        try (TarSplitReader reader = TarSplitReader.open(file)) {
            long sink = 0;
            for (var e = reader.next(); e != null; e = reader.next()) {
                sink += e.toString().length();
            }
            if (sink < 0) {
                throw new AssertionError("unreachable");
            }
        } catch (DockerStorageException e) {
            // allowed: a damaged tar-split is reported with its path
        }
        try {
            TarSplitAssembler.verify(file, layer, null).toString().getBytes(StandardCharsets.UTF_8);
        } catch (DockerStorageException e) {
            // allowed
        }
    }
}
