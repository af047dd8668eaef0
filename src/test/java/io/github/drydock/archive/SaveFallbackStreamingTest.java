package io.github.drydock.archive;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory stays flat on the fallback path too: a layer without tar-split holding a 1 GiB (sparse) file is hashed
 * (the first pass of a commit or legacy save), spooled and saved by a child JVM limited to a 64 MiB heap.
 */
class SaveFallbackStreamingTest {
    private static final long BIG = 1L << 30;

    @TempDir
    Path temp;

    @Test
    @Timeout(600)
    void aOneGibLayerWithoutTarSplitIsWrittenWithA64MibHeap() throws Exception {
        Path folder = TestFiles.mkdirs(temp.resolve("layer"));
        TestFiles.write(folder.resolve("etc/hello.txt"), "hello\n");
        try (RandomAccessFile sparse = new RandomAccessFile(TestFiles.mkdirs(folder.resolve("big")).resolve("sparse.bin")
                .toFile(), "rw")) {
            sparse.setLength(BIG);
            sparse.seek(BIG - 6);
            sparse.write("tail!\n".getBytes(StandardCharsets.US_ASCII));
        }

        DockerdFixtureRoots.Outcome child = DockerdFixtureRoots.attempt(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), folder.toString(),
                TestFiles.mkdirs(temp.resolve("spool")).toString()));

        assertThat(child.exitCode()).as(child.output()).isZero();
        String first = child.output().replaceAll("(?s).*first=(\\w+).*", "$1");
        assertThat(child.output()).contains("layer=" + first + ":").contains("changed=false");
        long layerSize = Long.parseLong(child.output().replaceAll("(?s).*layer=\\w+:(\\d+).*", "$1"));
        assertThat(layerSize).isGreaterThan(BIG).isLessThan(BIG + 8 * 1024);
        long maxHeap = Long.parseLong(child.output().replaceAll("(?s).*maxHeap=(\\d+).*", "$1"));
        assertThat(maxHeap).isLessThanOrEqualTo(64L << 20);
    }

    /** Runs in the child JVM: hashes the fallback tar, then saves the layer through the fallback into a null sink. */
    public static final class Child {
        private Child() {
        }

        /**
         * @param args layer folder, spool folder
         * @throws Exception on any failure (the parent sees a non-zero exit)
         */
        public static void main(String[] args) throws Exception {
            Layer layer = new Layer("big", null, "big", null, "overlay2", LayerKind.DIFF, Path.of(args[0]), -1, null);
            SaveFallbackTar fallback = new SaveFallbackTar(NodeInspector.system(), id -> Optional.empty());
            MessageDigest digest = Digests.sha256();
            fallback.write(layer, new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            String first = Digests.hex(digest);
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":"
                    + "[\"sha256:" + first + "\"]}}").getBytes(StandardCharsets.UTF_8);
            Layer recorded = new Layer("big", first, "big", null, "overlay2", LayerKind.DIFF, Path.of(args[0]), -1, null);
            SaveResult result = SaveWriter.write(List.of(new SaveImage(config, List.of("big/layer:1"), List.of(recorded), null)),
                    new SaveOptions(SaveFormat.DOCKER, fallback, Path.of(args[1])), OutputStream.nullOutputStream());
            SaveLayerResult saved = result.images().get(0).layers().get(0);
            System.out.println("first=" + first + " layer=" + saved.writtenDiffId() + ":" + saved.size()
                    + " changed=" + saved.diffIdChanged() + " maxHeap=" + Runtime.getRuntime().maxMemory());
        }
    }
}
