package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.testing.TarSplitTestLayers;
import io.github.drydock.testing.TarSplitTestLayers.SyntheticLayer;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarSplitAssemblerTest {
    @TempDir
    Path temp;

    private SyntheticLayer layer() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("etc/config/app.conf", "mode=fixture\n");
        files.put("usr/bin/x", "#!/bin/tool\necho x\n");
        files.put("srv/" + "long-name-".repeat(12) + "/data.txt", "deep\n");
        return TarSplitTestLayers.layer(temp, files);
    }

    @Test
    void rebuildsASyntheticLayerByteForByteIntoAStreamItDoesNotClose() throws IOException {
        SyntheticLayer layer = layer();
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new FilterOutputStream(bytes) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        LayerTarReport report = TarSplitAssembler.write(layer.tarSplit(), layer.folder(), "sha256:" + layer.diffId(), out);
        assertThat(bytes.toByteArray()).isEqualTo(layer.tar());
        assertThat(report.ok()).isTrue();
        assertThat(report.size()).isEqualTo(layer.tar().length);
        assertThat(closed[0]).isFalse();
    }

    @Test
    void theEmptyLayerHasTheWellKnownDiffId() throws IOException {
        Path file = TarSplitTestLayers.tarSplit(temp.resolve("empty.json.gz"), List.of(
                "{\"type\":2,\"payload\":\"" + Base64.getEncoder().encodeToString(new byte[1024]) + "\",\"position\":0}",
                "{\"type\":2,\"payload\":\"\",\"position\":1}"));
        LayerTarReport report = TarSplitAssembler.verify(file, TestFiles.mkdirs(temp.resolve("none")), null);
        assertThat(report.computedDiffId()).isEqualTo(Digests.EMPTY_LAYER_DIFF_ID);
        assertThat(report.size()).isEqualTo(1024);
    }

    @Test
    @Timeout(20)
    void refusesADotDotNameAndNeverOpensTheFileOutsideTheLayer() {
        Path layerDir = TestFiles.mkdirs(temp.resolve("a/b/layer"));
        // if anything opened this FIFO for reading it would block, and the test would time out
        TarSplitTestLayers.fifo(temp.resolve("a/etc/shadow"));
        Path file = TarSplitTestLayers.tarSplit(temp.resolve("evil.json.gz"), List.of(
                "{\"type\":2,\"payload\":\"AAAA\",\"position\":0}",
                "{\"type\":1,\"name\":\"../../etc/shadow\",\"size\":5,\"payload\":\"uQlWx3WkEAE=\",\"position\":1}"));
        assertThatThrownBy(() -> TarSplitAssembler.verify(file, layerDir, null))
                .isInstanceOf(DockerStorageException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("entry at position 1")
                .hasMessageContaining("../../etc/shadow")
                .hasMessageContaining("refused");
        assertThatThrownBy(() -> TarSplitAssembler.write(file, layerDir, null, OutputStream.nullOutputStream()))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("refused");
    }

    @Test
    void anAbsoluteNameMeansThePathInsideTheLayerFolder() throws IOException {
        Path layerDir = TestFiles.mkdirs(temp.resolve("layer"));
        TestFiles.write(layerDir.resolve("etc/shadow"), "layer-shadow\n");
        String crc = Base64.getEncoder().encodeToString(TarSplitCrc64.toBytes(
                Long.parseUnsignedLong(crcOf("layer-shadow\n"), 16)));
        Path file = TarSplitTestLayers.tarSplit(temp.resolve("abs.json.gz"), List.of(
                "{\"type\":2,\"payload\":\"AAAA\",\"position\":0}",
                "{\"type\":1,\"name\":\"/etc/shadow\",\"size\":13,\"payload\":\"" + crc + "\",\"position\":1}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(TarSplitAssembler.write(file, layerDir, null, out).ok()).isTrue();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("\0\0\0layer-shadow\n");
        Files.delete(layerDir.resolve("etc/shadow"));
        LayerTarReport report = TarSplitAssembler.verify(file, layerDir, null);
        assertThat(report.mismatches()).singleElement()
                .satisfies(m -> assertThat(m.kind()).isEqualTo(LayerTarMismatch.Kind.MISSING))
                .satisfies(m -> assertThat(m.path()).isEqualTo("/etc/shadow"));
    }

    @Test
    void neverFollowsASymlinkedFolderOrFileEvenToTheRightContent() throws IOException {
        SyntheticLayer layer = layer();
        Path elsewhere = temp.resolve("elsewhere");
        Files.move(layer.folder().resolve("etc"), elsewhere);
        TestFiles.symlink(layer.folder().resolve("etc"), elsewhere.toString());
        Path x = layer.folder().resolve("usr/bin/x");
        Files.move(x, temp.resolve("x-real"));
        TestFiles.symlink(x, temp.resolve("x-real").toString());

        LayerTarReport report = TarSplitAssembler.verify(layer.tarSplit(), layer.folder(), layer.diffId());

        assertThat(report.mismatches()).extracting(LayerTarMismatch::path, LayerTarMismatch::kind, LayerTarMismatch::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("etc/config/app.conf", LayerTarMismatch.Kind.NOT_REGULAR,
                                "etc is a symlink now; symlinks are not followed"),
                        org.assertj.core.groups.Tuple.tuple("usr/bin/x", LayerTarMismatch.Kind.NOT_REGULAR,
                                "it is a symlink now; symlinks are not followed"));
    }

    @Test
    @Timeout(20)
    void neverOpensAFifoThatReplacedAFile() throws IOException {
        SyntheticLayer layer = layer();
        Files.delete(layer.folder().resolve("usr/bin/x"));
        TarSplitTestLayers.fifo(layer.folder().resolve("usr/bin/x"));
        LayerTarReport report = TarSplitAssembler.verify(layer.tarSplit(), layer.folder(), layer.diffId());
        assertThat(report.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(LayerTarMismatch.Kind.NOT_REGULAR);
            assertThat(m.detail()).isEqualTo("it is a device, FIFO or socket now");
        });
    }

    @Test
    void reportsFilesThatGrewShrankOrChangedInPlace() throws IOException {
        SyntheticLayer layer = layer();
        TestFiles.write(layer.folder().resolve("etc/config/app.conf"), "mode=fixture\nmore\n");
        TestFiles.write(layer.folder().resolve("usr/bin/x"), "#!/bin/tool\n");
        TestFiles.write(layer.folder().resolve("srv/" + "long-name-".repeat(12) + "/data.txt"), "DEEP\n");

        LayerTarReport report = TarSplitAssembler.verify(layer.tarSplit(), layer.folder(), layer.diffId());

        assertThat(report.mismatches()).extracting(LayerTarMismatch::detail).containsExactly(
                "longer than 13 bytes recorded", "12 bytes on disk, 19 bytes recorded",
                "CRC-64 " + crcOf("DEEP\n") + " ≠ recorded " + crcOf("deep\n"));
        assertThat(report.mismatches()).allMatch(m -> m.kind() == LayerTarMismatch.Kind.CHANGED);
        assertThat(report.ok()).isFalse();
        assertThat(report.digestMatches()).isFalse();
    }

    @Test
    void aDigestMismatchAloneIsReported() throws IOException {
        SyntheticLayer layer = layer();
        String wrong = "0".repeat(64);
        LayerTarReport report = TarSplitAssembler.verify(layer.tarSplit(), layer.folder(), wrong);
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.ok()).isFalse();
        assertThat(report.describe().orElseThrow()).isEqualTo("layer sha256:" + wrong + ": layer digest sha256:"
                + layer.diffId() + " ≠ recorded diff id sha256:" + wrong);
        assertThatThrownBy(() -> TarSplitAssembler.write(layer.tarSplit(), layer.folder(), wrong,
                OutputStream.nullOutputStream())).isInstanceOf(LayerTarException.class)
                .hasMessageContaining("≠ recorded diff id");
    }

    private static String crcOf(String text) {
        TarSplitCrc64 crc = new TarSplitCrc64();
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        crc.update(bytes, 0, bytes.length);
        return TarSplitCrc64.format(crc.getValue());
    }
}
