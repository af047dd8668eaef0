package io.github.drydock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.drydock.archive.Digests;
import io.github.drydock.archive.SaveFormat;
import io.github.drydock.json.Json;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link Repack} API: references, targets, commit configs and hostile input. */
class RepackTest {
    @TempDir
    Path temp;

    private DockerRoot vfs() throws DockerStorageException {
        return DockerRoot.open(DockerdFixtureRoots.extract("vfs", temp.resolve("root")));
    }

    @Test
    void anUnknownReferenceIsReportedAndNothingIsWritten() throws IOException {
        Repack repack = Repack.of(vfs());
        Path tar = temp.resolve("x.tar");

        assertThatThrownBy(() -> repack.save(List.of("example/nope:1"), SaveFormat.DOCKER, new RepackTarget.File(tar), false))
                .isInstanceOf(DockerStorageException.class).hasMessage("no such image: example/nope:1");
        assertThat(tar).doesNotExist();
    }

    @Test
    void anAmbiguousIdPrefixIsReportedWithItsCandidates() throws IOException {
        DockerRoot root = vfs();
        assertThat(root.images()).filteredOn(i -> i.id().startsWith("e")).hasSizeGreaterThan(1);

        assertThatThrownBy(() -> Repack.of(root).save(List.of("e"), SaveFormat.DOCKER,
                new RepackTarget.Stream(new ByteArrayOutputStream()), false))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("ambiguous reference 'e'");
    }

    @Test
    void twoReferencesToOneImageWriteItOnceWithBothTags() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        RepackResult result = Repack.of(vfs()).save(List.of("example/app:1", "example/app:latest"), SaveFormat.DOCKER,
                new RepackTarget.Stream(out), true);

        assertThat(result.images()).singleElement().satisfies(image -> {
            assertThat(image.reference()).isEqualTo("example/app:1 example/app:latest");
            assertThat(image.repoTags()).containsExactly("example/app:1", "example/app:latest");
            assertThat(image.imageIdChanged()).isFalse();
        });
        assertThat(result.exact()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.bytes()).isEqualTo(out.size());
        assertThat(result.output()).isEqualTo("-");
    }

    @Test
    void aTargetReachedThroughASymlinkIntoTheRootIsRefused() throws IOException {
        DockerRoot root = vfs();
        Path link = TestFiles.symlink(temp.resolve("innocent"), root.path().resolve("image").toString());
        Path target = link.resolve("evil.tar");

        assertThatThrownBy(() -> Repack.of(root).save(List.of("example/base:1"), SaveFormat.DOCKER,
                new RepackTarget.File(target), false)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("refusing to write").hasMessageContaining("evidence");
        assertThat(root.path().resolve("image/evil.tar")).doesNotExist();
        try (var left = Files.list(root.path().resolve("image"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("evil"));
        }
    }

    @Test
    void aFolderTargetMustBeEmpty() throws IOException {
        Path folder = TestFiles.write(temp.resolve("layout/already.txt"), "x").getParent();

        assertThatThrownBy(() -> Repack.of(vfs()).save(List.of("example/base:1"), SaveFormat.OCI,
                new RepackTarget.Folder(folder), false)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("not empty");
        assertThat(folder.resolve("oci-layout")).doesNotExist();
    }

    @Test
    void aTruncatedContainerConfigFailsTheCommitWithItsPath() throws IOException {
        DockerRoot before = vfs();
        Container container = before.container("c-run").orElseThrow();
        Files.writeString(container.source(), "{\"Config\": {\"Cmd\": [\"/bin/tool\"");
        Path tar = temp.resolve("c.tar");

        assertThatThrownBy(() -> Repack.of(before).commit(container, new Repack.CommitOptions(null, null, null),
                SaveFormat.DOCKER, new RepackTarget.File(tar), false)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("cannot parse container config").hasMessageContaining(container.source().toString());
        assertThat(tar).doesNotExist();
    }

    @Test
    void aCommitOfAContainerWhoseImageIsGoneIsRefused() throws IOException {
        DockerRoot root = vfs();
        Container container = root.container("c-run").orElseThrow();
        Container orphan = new Container(container.id(), container.name(), "f".repeat(64), container.imageRef(),
                container.created(), container.state(), container.path(), container.args(), container.config(),
                container.portBindings(), container.restartPolicy(), container.driver(), container.logPath(),
                container.mounts(), container.links(), container.layer(), container.source());

        assertThatThrownBy(() -> Repack.of(root).commit(orphan, new Repack.CommitOptions("x/y:1", null, null),
                SaveFormat.DOCKER, new RepackTarget.Stream(new ByteArrayOutputStream()), false))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("is not in the image store");
    }

    @Test
    void anInvalidCommitTagIsRefusedBeforeAnythingIsWritten() throws IOException {
        DockerRoot root = vfs();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> Repack.of(root).commit(root.container("c-run").orElseThrow(),
                new Repack.CommitOptions("Upper/Case:1", null, null), SaveFormat.DOCKER, new RepackTarget.Stream(out), false))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("invalid tag");
        assertThat(out.size()).isZero();
    }

    @Test
    void theCommitConfigAppendsOneHistoryStepAndTheNewDiffId() throws IOException {
        byte[] image = ("{\"architecture\":\"amd64\",\"author\":\"old\",\"config\":{\"Cmd\":[\"old\"]},\"history\":"
                + "[{\"created\":\"2020-01-01T00:00:00Z\"}],\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":"
                + "[\"sha256:" + "a".repeat(64) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        ObjectNode container = (ObjectNode) Json.MAPPER.readTree("{\"Cmd\":[\"/bin/sh\",\"-c\",\"echo hi\"],\"Env\":[\"A=1\"]}");

        JsonNode withLayer = Json.MAPPER.readTree(RepackCommitConfig.build(image, container, "c".repeat(64),
                Instant.parse("2021-02-03T04:05:06.700Z"), null, "msg", "b".repeat(64)));
        JsonNode empty = Json.MAPPER.readTree(RepackCommitConfig.build(image, container, "c".repeat(64),
                Instant.parse("2021-02-03T04:05:06Z"), "me", null, null));

        assertThat(withLayer.path("created").asText()).isEqualTo("2021-02-03T04:05:06.7Z");
        assertThat(withLayer.has("author")).isFalse();
        assertThat(withLayer.path("config")).isEqualTo(container);
        assertThat(withLayer.path("container").asText()).isEqualTo("c".repeat(64));
        assertThat(withLayer.path("rootfs").path("diff_ids").get(1).asText()).isEqualTo("sha256:" + "b".repeat(64));
        assertThat(withLayer.path("history").get(1).toString())
                .isEqualTo("{\"created\":\"2021-02-03T04:05:06.7Z\",\"created_by\":\"/bin/sh -c echo hi\",\"comment\":\"msg\"}");
        assertThat(empty.path("rootfs").path("diff_ids")).hasSize(1);
        assertThat(empty.path("author").asText()).isEqualTo("me");
        assertThat(empty.path("history").get(1).toString()).isEqualTo("{\"created\":\"2021-02-03T04:05:06Z\",\"author\":"
                + "\"me\",\"created_by\":\"/bin/sh -c echo hi\",\"empty_layer\":true}");
    }

    @Test
    void verifyFlagsAChangedConfigAsWellAsItsLayers() throws IOException {
        DockerRoot root = vfs();
        var image = root.image("example/base:1").orElseThrow();
        byte[] config = Files.readAllBytes(image.source());
        Files.write(image.source(), new String(config, StandardCharsets.UTF_8).replace("\"os\":\"linux\"", "\"os\":\"linuX\"")
                .getBytes(StandardCharsets.UTF_8));

        RepackCheck check = Repack.of(root).verify(image);

        assertThat(check.ok()).isFalse();
        assertThat(check.computedImageId()).isNotEqualTo(image.id()).isEqualTo(Digests.sha256Hex(Files.readAllBytes(image.source())));
        assertThat(check.problems()).singleElement().asString().contains("the config was changed");
        assertThat(check.layers()).allMatch(l -> l.status() == RepackLayerCheck.Status.OK);
    }
}
