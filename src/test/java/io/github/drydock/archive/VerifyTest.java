package io.github.drydock.archive;

import io.github.drydock.model.Layer;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Verify} on the real dockerd roots: intact images pass, tampering is found and named. */
class VerifyTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void everyImageOfBothRootsVerifies(String driver) throws IOException {
        Path root = DockerdFixtureRoots.extract(driver, temp);
        Path content = root.resolve("image").resolve(driver).resolve("imagedb/content/sha256");
        List<Path> configs;
        try (Stream<Path> files = Files.list(content)) {
            configs = files.sorted().toList();
        }
        assertThat(configs).hasSize(20);
        for (Path config : configs) {
            VerifyReport report = Verify.imageFile(config, DockerdFixtureRoots.layersOf(root, driver, Files.readAllBytes(config)));
            assertThat(report.ok()).as(report.describe().orElse("")).isTrue();
            assertThat(report.computedImageId()).isEqualTo(config.getFileName().toString());
            assertThat(report.layers()).isNotEmpty().allSatisfy(l -> assertThat(l.rebuild().computedDiffId()).isEqualTo(l.diffId()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void aChangedAndAMissingFileAreNamedWithTheirLayer(String driver) throws IOException {
        Path root = DockerdFixtureRoots.extract(driver, temp);
        String appId = DockerdFixtureRoots.tags(root, driver).get("example/app:1");
        Path config = DockerdFixtureRoots.configPath(root, driver, appId);
        List<Layer> layers = DockerdFixtureRoots.layersOf(root, driver, Files.readAllBytes(config));
        Layer base = layers.get(0);
        TestFiles.write(base.path().resolve("etc/os-release"), "NAME=tampered\n");
        Files.delete(base.path().resolve("home/user/notes.txt"));

        VerifyReport report = Verify.imageFile(config, layers);

        assertThat(report.ok()).isFalse();
        assertThat(report.computedImageId()).isEqualTo(appId);
        assertThat(report.layers().get(0).chainIdMatches()).isTrue();
        assertThat(report.layers().subList(1, layers.size())).allMatch(VerifyLayer::ok);
        assertThat(report.mismatches()).extracting(LayerTarMismatch::path, LayerTarMismatch::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("./etc/os-release", LayerTarMismatch.Kind.CHANGED),
                org.assertj.core.groups.Tuple.tuple("./home/user/notes.txt", LayerTarMismatch.Kind.MISSING));
        assertThat(report.describe().orElseThrow()).contains("image sha256:" + appId,
                "layer sha256:41c27f59382defb19d9c06ac6c5ffff1b2fdae7609ca3452197db8c93044efbf: file ./etc/os-release changed",
                "file ./home/user/notes.txt missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2"})
    void aWrongImageIdAWrongChainIdAndAMissingTarSplitAreReported(String driver) throws IOException {
        Path root = DockerdFixtureRoots.extract(driver, temp);
        String baseId = DockerdFixtureRoots.tags(root, driver).get("example/base:1");
        String appId = DockerdFixtureRoots.tags(root, driver).get("example/app:1");
        byte[] config = Files.readAllBytes(DockerdFixtureRoots.configPath(root, driver, appId));
        List<Layer> layers = new ArrayList<>(DockerdFixtureRoots.layersOf(root, driver, config));
        Layer second = layers.get(1);
        layers.set(1, new Layer("0".repeat(64), second.diffId(), second.cacheId(), second.parentId(), driver,
                second.kind(), second.path(), second.size(), null));

        VerifyReport report = Verify.image(baseId, config, layers);

        assertThat(report.ok()).isFalse();
        assertThat(report.layers().get(1).chainIdMatches()).isFalse();
        assertThat(report.layers().get(1).rebuild()).isNull();
        assertThat(report.describe().orElseThrow())
                .contains("config digest sha256:" + appId + " ≠ image id sha256:" + baseId)
                .contains("layer 1: layer " + "0".repeat(64) + " has no tar-split file")
                .contains("layer 1: chain id sha256:" + second.id() + " computed from the config ≠ layer id " + "0".repeat(64));
    }

    @Test
    void anUnparsableConfigIsAProblemNotAnException() {
        VerifyReport report = Verify.image(Digests.sha256Hex("{".getBytes()), "{".getBytes(), List.of());
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).singleElement().asString().startsWith("cannot parse the config");
    }
}
