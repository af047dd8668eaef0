package io.github.drydock.archive;

import io.github.drydock.model.Layer;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.TarSplitTestDisassembler;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rebuilds the layers of the real dockerd roots and compares them with what {@code docker save} wrote. */
class TarSplitAssemblerFixtureTest {
    @TempDir
    static Path temp;
    private static final Map<String, Path> ROOTS = new HashMap<>();

    @BeforeAll
    static void extract() {
        if (DockerdFixtureRoots.isRoot()) {
            for (String driver : DockerdFixtureRoots.DRIVERS) {
                ROOTS.put(driver, DockerdFixtureRoots.extract(driver, temp));
            }
        }
    }

    private static Path root(String driver) {
        DockerdFixtureRoots.assumeRoot();
        return ROOTS.get(driver);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void rebuildsEveryLayerOfBothDriversByteExactly(String driver) throws IOException {
        Map<String, Layer> layers = DockerdFixtureRoots.layers(root(driver), driver);
        Map<String, String> saved = new HashMap<>();
        for (String save : List.of("save-all.tar", "save-by-id-builder-stage.tar")) {
            DockerdFixtureRoots.memberDigests(DockerdFixtureRoots.reference(driver).resolve(save))
                    .forEach((name, digest) -> saved.put(save + ":" + name, digest));
        }
        assertThat(layers).hasSize(10);
        for (Layer layer : layers.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LayerTarReport report = TarSplitAssembler.write(layer, out);
            assertThat(report.ok()).as(report.describe().orElse("")).isTrue();
            assertThat(report.computedDiffId()).isEqualTo(layer.diffId());
            assertThat(report.size()).isEqualTo(out.size());
            assertThat(DockerdFixtureRoots.sha256(out.toByteArray())).isEqualTo(layer.diffId());
            assertThat(TarSplitAssembler.verify(layer)).isEqualTo(report);
        }
        // every layer.tar docker saved is one of the rebuilt layers, byte for byte
        List<String> savedLayerDigests = saved.entrySet().stream().filter(e -> e.getKey().endsWith("/layer.tar"))
                .map(Map.Entry::getValue).distinct().toList();
        assertThat(savedLayerDigests).hasSize(10)
                .allMatch(d -> layers.values().stream().anyMatch(l -> l.diffId().equals(d)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void testDisassemblerReproducesDockersTarSplitFiles(String driver) throws IOException {
        Path root = root(driver);
        for (Layer layer : DockerdFixtureRoots.layers(root, driver).values()) {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            TarSplitAssembler.write(layer, tar);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            TarSplitTestDisassembler disassembler = new TarSplitTestDisassembler(json);
            new ByteArrayInputStream(tar.toByteArray()).transferTo(disassembler);
            disassembler.close();
            assertThat(disassembler.diffId()).isEqualTo(layer.diffId());
            assertThat(json.toString()).isEqualTo(gunzip(layer.tarSplit()));
        }
    }

    @Test
    void reportsAChangedFileWithItsPathAndTheWrongDigest() throws IOException {
        Path root = root("overlay2");
        Layer base = DockerdFixtureRoots.layers(root, "overlay2").get(Digests.hex(
                "41c27f59382defb19d9c06ac6c5ffff1b2fdae7609ca3452197db8c93044efbf"));
        Path copy = temp.resolve("changed-base");
        DockerdFixtureRoots.run(List.of("cp", "-a", base.path().toString(), copy.toString()));
        TestFiles.write(copy.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/evil\n");
        Files.delete(copy.resolve("etc/group"));
        Layer changed = new Layer(base.id(), base.diffId(), base.cacheId(), null, "overlay2", base.kind(), copy,
                base.size(), base.tarSplit());

        LayerTarReport report = TarSplitAssembler.verify(changed);

        assertThat(report.ok()).isFalse();
        assertThat(report.mismatches()).extracting(LayerTarMismatch::path, LayerTarMismatch::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("./etc/group", LayerTarMismatch.Kind.MISSING),
                        org.assertj.core.groups.Tuple.tuple("./etc/passwd", LayerTarMismatch.Kind.CHANGED));
        assertThat(report.computedDiffId()).isNotEqualTo(base.diffId());
        assertThat(report.describe().orElseThrow())
                .contains("layer sha256:41c27f59382d", "file ./etc/passwd changed since docker wrote the tar-split",
                        "file ./etc/group missing", "≠ recorded diff id sha256:41c27f59382d");
        assertThatThrownBy(() -> TarSplitAssembler.write(changed, OutputStream.nullOutputStream()))
                .isInstanceOf(LayerTarException.class)
                .hasMessageContaining("file ./etc/group missing")
                .satisfies(e -> assertThat(((LayerTarException) e).report().mismatches()).hasSize(1));
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
