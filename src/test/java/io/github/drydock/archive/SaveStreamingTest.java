package io.github.drydock.archive;

import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.TarSplitTestDisassembler;
import io.github.drydock.testing.TestFiles;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory stays flat: a layer holding a 2 GiB (sparse) file is saved by a child JVM limited to a 64 MiB heap.
 * The layer's tar-split is made by streaming a commons-compress tar through the test disassembler, so the
 * 2 GiB tar never exists on disk.
 */
class SaveStreamingTest {
    private static final long BIG = 2L << 30;

    @TempDir
    Path temp;

    @Test
    @Timeout(600)
    void aTwoGibLayerIsSavedWithA64MibHeap() throws Exception {
        Path folder = TestFiles.mkdirs(temp.resolve("layer"));
        TestFiles.write(folder.resolve("etc/hello.txt"), "hello\n");
        try (RandomAccessFile sparse = new RandomAccessFile(TestFiles.mkdirs(folder.resolve("big")).resolve("sparse.bin").toFile(), "rw")) {
            sparse.setLength(BIG);
            sparse.seek(BIG - 6);
            sparse.write("tail!\n".getBytes(StandardCharsets.US_ASCII));
        }
        Path tarSplit = temp.resolve("tar-split.json.gz");
        String diffId = disassemble(folder, tarSplit);
        Path config = TestFiles.write(temp.resolve("config.json"), "{\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"created\":\"2024-05-06T07:08:09Z\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + diffId + "\"]}}");

        DockerdFixtureRoots.Outcome child = DockerdFixtureRoots.attempt(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                config.toString(), folder.toString(), tarSplit.toString()));

        assertThat(child.exitCode()).as(child.output()).isZero();
        long expectedLayerTar = TarSplitReader.tarSize(tarSplit);
        assertThat(expectedLayerTar).isGreaterThan(BIG);
        assertThat(child.output()).contains("exact=true", "layer=" + diffId + ":" + expectedLayerTar);
        long archive = Long.parseLong(child.output().replaceAll("(?s).*archive=(\\d+).*", "$1"));
        assertThat(archive).isGreaterThan(expectedLayerTar).isLessThan(expectedLayerTar + 16 * 1024);
        long maxHeap = Long.parseLong(child.output().replaceAll("(?s).*maxHeap=(\\d+).*", "$1"));
        assertThat(maxHeap).isLessThanOrEqualTo(64L << 20);
    }

    private static String disassemble(Path folder, Path tarSplit) throws IOException {
        try (OutputStream json = new GZIPOutputStream(Files.newOutputStream(tarSplit), 1 << 16)) {
            TarSplitTestDisassembler disassembler = new TarSplitTestDisassembler(json);
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(disassembler, 10240)) {
                for (String name : List.of("big/", "big/sparse.bin", "etc/", "etc/hello.txt")) {
                    Path file = folder.resolve(name);
                    TarArchiveEntry entry = new TarArchiveEntry(name);
                    entry.setModTime(1_700_000_000_000L);
                    if (!name.endsWith("/")) {
                        entry.setSize(Files.size(file));
                    }
                    tar.putArchiveEntry(entry);
                    if (!name.endsWith("/")) {
                        Files.copy(file, tar);
                    }
                    tar.closeArchiveEntry();
                }
            }
            disassembler.close();
            return disassembler.diffId();
        }
    }

    /** Runs in the child JVM: saves the layer into a hashing null sink and prints what it wrote. */
    public static final class Child {
        private Child() {
        }

        /**
         * @param args config file, layer folder, tar-split file
         * @throws Exception on any failure (the parent sees a non-zero exit)
         */
        public static void main(String[] args) throws Exception {
            byte[] config = Files.readAllBytes(Path.of(args[0]));
            String diffId = DockerdFixtureRoots.readJson(config).path("rootfs").path("diff_ids").get(0).asText().substring(7);
            Layer layer = new Layer(diffId, diffId, "big", null, "overlay2", LayerKind.DIFF, Path.of(args[1]), -1, Path.of(args[2]));
            MessageDigest digest = Digests.sha256();
            long[] count = {0};
            OutputStream sink = new DigestOutputStream(new OutputStream() {
                @Override
                public void write(int b) {
                    count[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    count[0] += len;
                }
            }, digest);
            SaveResult result = SaveWriter.write(List.of(new SaveImage(config, List.of("big/layer:1"), List.of(layer), null)),
                    SaveOptions.docker(), sink);
            SaveLayerResult saved = result.images().get(0).layers().get(0);
            System.out.println("exact=" + result.exact() + " layer=" + saved.writtenDiffId() + ":" + saved.size()
                    + " archive=" + count[0] + " sha256=" + HexFormat.of().formatHex(digest.digest())
                    + " maxHeap=" + Runtime.getRuntime().maxMemory());
        }
    }
}
