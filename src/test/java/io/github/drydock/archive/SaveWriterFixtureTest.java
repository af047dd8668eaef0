package io.github.drydock.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.testing.DockerdFixtureRoots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saves the images of the real dockerd roots and compares the archives with the {@code docker save} output
 * recorded from the same daemon.
 */
class SaveWriterFixtureTest {
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

    static Path root(String driver) {
        DockerdFixtureRoots.assumeRoot();
        return ROOTS.get(driver);
    }

    /** The images of one reference save, as SaveImage inputs in the order of its manifest.json. */
    static List<SaveImage> imagesOf(String driver, Path referenceSave) throws DockerStorageException {
        Path root = root(driver);
        List<SaveImage> images = new ArrayList<>();
        JsonNode manifest = DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(referenceSave, "manifest.json"));
        for (JsonNode item : manifest) {
            String id = item.path("Config").asText().replace(".json", "");
            List<String> tags = new ArrayList<>();
            item.path("RepoTags").forEach(t -> tags.add(t.asText()));
            images.add(image(root, driver, id, tags));
        }
        return images;
    }

    static SaveImage image(Path root, String driver, String id, List<String> tags) throws DockerStorageException {
        Path config = DockerdFixtureRoots.configPath(root, driver, id);
        return SaveImage.read(config, tags, DockerdFixtureRoots.layersOf(root, driver, readBytes(config)),
                DockerdFixtureRoots.parentOf(root, driver, id));
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> singleImageSaves() {
        List<Arguments> out = new ArrayList<>();
        for (String driver : DockerdFixtureRoots.DRIVERS) {
            for (String save : List.of("save-example_base_1.tar", "save-example_app_1+latest.tar",
                    "save-example_multi_2.tar", "save-example_committed_1.tar", "save-by-id-builder-stage.tar")) {
                out.add(Arguments.of(driver, save));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("singleImageSaves")
    void aSingleImageSaveIsByteIdenticalToDockers(String driver, String save) throws IOException {
        Path reference = DockerdFixtureRoots.reference(driver).resolve(save);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SaveResult result = SaveWriter.write(imagesOf(driver, reference), SaveOptions.docker(), out);

        assertThat(result.exact()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.bytes()).isEqualTo(out.size());
        Path mine = Files.write(temp.resolve(driver + "-" + save), out.toByteArray());
        assertThat(DockerdFixtureRoots.memberDigests(mine)).isEqualTo(DockerdFixtureRoots.memberDigests(reference));
        assertThat(DockerdFixtureRoots.sha256(out.toByteArray())).as("whole archive")
                .isEqualTo(DockerdFixtureRoots.sha256(Files.readAllBytes(reference)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void theSaveOfAllTaggedImagesHasDockersMembersManifestAndSharedLayersOnce(String driver) throws IOException {
        Path reference = DockerdFixtureRoots.reference(driver).resolve("save-all.tar");
        List<SaveImage> images = imagesOf(driver, reference);
        Path mine = temp.resolve(driver + "-all.tar");

        SaveResult result = SaveWriter.write(images, SaveOptions.docker(), mine);

        assertThat(result.images()).hasSize(4);
        assertThat(result.exact()).isTrue();
        // docker orders the images of manifest.json (and which copy of a shared layer is the real file) by Go
        // map iteration, i.e. randomly: compare the members by content and the manifest per image
        Map<String, String> members = DockerdFixtureRoots.memberDigests(mine);
        Map<String, String> expected = DockerdFixtureRoots.memberDigests(reference);
        members.remove("manifest.json");
        expected.remove("manifest.json");
        assertThat(members).isEqualTo(expected);
        assertThat(manifestByConfig(mine)).isEqualTo(manifestByConfig(reference));
        assertThat(DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(mine, "repositories")))
                .isEqualTo(DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(reference, "repositories")));
        try (Stream<Path> siblings = Files.list(temp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private static Map<String, JsonNode> manifestByConfig(Path tar) {
        Map<String, JsonNode> byConfig = new LinkedHashMap<>();
        DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(tar, "manifest.json"))
                .forEach(item -> byConfig.put(item.path("Config").asText(), item));
        return byConfig;
    }
}
