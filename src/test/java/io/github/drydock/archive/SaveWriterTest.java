package io.github.drydock.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Layer;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.SaveTestImages;
import io.github.drydock.testing.SaveTestImages.SyntheticImage;
import io.github.drydock.testing.TestFiles;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SaveWriter} on synthetic images: strictness, fallback, atomic output, sharing, tags. */
class SaveWriterTest {
    @TempDir
    Path temp;

    private SyntheticImage image() {
        return SaveTestImages.image(TestFiles.mkdirs(temp.resolve("src")), List.of(
                Map.of("bin/tool", "#!tool\n"), Map.of("etc/app.conf", "mode=1\n", "srv/data.txt", "data\n")));
    }

    private static SaveImage save(SyntheticImage image, String... tags) {
        return new SaveImage(image.config(), List.of(tags), image.layers(), null);
    }

    @Test
    void aStrictSaveFailsOnAChangedFileAndLeavesNoArchiveBehind() throws IOException {
        SyntheticImage image = image();
        TestFiles.write(image.layers().get(1).path().resolve("etc/app.conf"), "mode=2\n");
        Path out = TestFiles.mkdirs(temp.resolve("out"));
        Path existing = TestFiles.write(out.resolve("old.tar"), "previous archive");

        assertThatThrownBy(() -> SaveWriter.write(List.of(save(image, "x/y:1")), SaveOptions.docker(), out.resolve("new.tar")))
                .isInstanceOf(LayerTarException.class)
                .hasMessageContaining("file etc/app.conf changed since docker wrote the tar-split");
        assertThatThrownBy(() -> SaveWriter.write(List.of(save(image, "x/y:1")), SaveOptions.oci(), existing))
                .isInstanceOf(LayerTarException.class);
        assertThatThrownBy(() -> SaveWriter.writeFolder(List.of(save(image)), SaveOptions.oci(), out.resolve("layout")))
                .isInstanceOf(LayerTarException.class);

        assertThat(SaveTestImages.names(out)).containsExactly("old.tar");
        assertThat(Files.readString(existing)).isEqualTo("previous archive");
    }

    @Test
    void theFallbackReplacesAnInexactLayerAndTheNewIdsAreReported() throws IOException {
        SyntheticImage image = image();
        TestFiles.write(image.layers().get(1).path().resolve("etc/app.conf"), "mode=2\n");
        Path spool = TestFiles.mkdirs(temp.resolve("spool"));
        List<Layer> fallbackCalls = new ArrayList<>();
        SaveOptions options = new SaveOptions(SaveFormat.DOCKER, (layer, out) -> {
            fallbackCalls.add(layer);
            SaveTestImages.tarFolder(layer, out);
        }, spool);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SaveResult result = SaveWriter.write(List.of(save(image, "x/y:1")), options, out);

        assertThat(fallbackCalls).containsExactly(image.layers().get(1));
        SaveImageResult saved = result.images().get(0);
        assertThat(saved.layers().get(0).exact()).isTrue();
        SaveLayerResult remade = saved.layers().get(1);
        assertThat(remade.exact()).isFalse();
        assertThat(remade.diffIdChanged()).isTrue();
        assertThat(remade.mismatches()).extracting(LayerTarMismatch::path).containsExactly("etc/app.conf");
        assertThat(saved.imageIdChanged()).isTrue();
        assertThat(result.exact()).isFalse();
        assertThat(result.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("written as a new tar with diff id sha256:"
                + remade.writtenDiffId())).anySatisfy(w -> assertThat(w).contains("new config and image id sha256:" + saved.writtenImageId()));
        Map<String, byte[]> members = members(out.toByteArray());
        byte[] config = members.get(saved.writtenImageId() + ".json");
        assertThat(Digests.sha256Hex(config)).isEqualTo(saved.writtenImageId());
        assertThat(DockerdFixtureRoots.readJson(config).path("rootfs").path("diff_ids").get(1).asText())
                .isEqualTo("sha256:" + remade.writtenDiffId());
        JsonNode manifest = DockerdFixtureRoots.readJson(members.get("manifest.json")).get(0);
        assertThat(manifest.path("Config").asText()).isEqualTo(saved.writtenImageId() + ".json");
        assertThat(Digests.sha256Hex(members.get(manifest.path("Layers").get(1).asText()))).isEqualTo(remade.writtenDiffId());
        assertThat(SaveTestImages.names(spool)).isEmpty();
    }

    @Test
    void theFallbackIsNotUsedForExactLayers() throws IOException {
        SaveOptions options = SaveOptions.docker().withFallback((layer, out) -> {
            throw new AssertionError("not needed");
        });
        SaveResult result = SaveWriter.write(List.of(save(image(), "x/y:1")), options, new ByteArrayOutputStream());
        assertThat(result.exact()).isTrue();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void refusesLayersThatDoNotMatchTheConfig() {
        SyntheticImage image = image();
        Layer base = image.layers().get(0);
        Layer noTarSplit = new Layer(base.id(), base.diffId(), base.cacheId(), null, "overlay2", base.kind(), base.path(), -1, null);
        Layer wrongDiff = new Layer(base.id(), "1".repeat(64), base.cacheId(), null, "overlay2", base.kind(), base.path(), -1, base.tarSplit());
        assertThatThrownBy(() -> SaveWriter.write(List.of(new SaveImage(image.config(), List.of(), List.of(base), null)),
                SaveOptions.docker(), new ByteArrayOutputStream())).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("its config lists 2 layers but 1 layer records were given");
        assertThatThrownBy(() -> SaveWriter.write(List.of(new SaveImage(image.config(), List.of(),
                List.of(wrongDiff, image.layers().get(1)), null)), SaveOptions.docker(), new ByteArrayOutputStream()))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("but the config records " + base.diffId());
        assertThatThrownBy(() -> SaveWriter.write(List.of(new SaveImage(image.config(), List.of(),
                List.of(noTarSplit, image.layers().get(1)), null)), SaveOptions.docker(), new ByteArrayOutputStream()))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("has no tar-split file");
        assertThatThrownBy(() -> SaveWriter.write(List.of(new SaveImage(image.config(), List.of("Bad:Tag"),
                image.layers(), null)), SaveOptions.docker(), new ByteArrayOutputStream()))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("cannot record the tag \"Bad:Tag\"");
    }

    @Test
    void anImageGivenTwiceIsWrittenOnceWithAllItsTagsAndTheCallersStreamStaysOpen() throws IOException {
        SyntheticImage image = image();
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SaveResult result = SaveWriter.write(List.of(save(image, "x/y:1"), save(image, "x/y:latest", "ubuntu")),
                SaveOptions.docker(), new FilterOutputStream(bytes) {
                    @Override
                    public void close() {
                        closed[0] = true;
                    }
                });
        assertThat(closed[0]).isFalse();
        assertThat(result.images()).singleElement().satisfies(i ->
                assertThat(i.repoTags()).containsExactly("x/y:1", "x/y:latest", "ubuntu:latest"));
        Map<String, byte[]> members = members(bytes.toByteArray());
        assertThat(new String(members.get("repositories"))).isEqualTo("{\"ubuntu\":{\"latest\":\"" + topV1Id(members)
                + "\"},\"x/y\":{\"1\":\"" + topV1Id(members) + "\",\"latest\":\"" + topV1Id(members) + "\"}}\n");
    }

    @Test
    void aRepeatedDiffIdIsOneBlobAndADockerSymlink() throws IOException {
        SyntheticImage one = image();
        Layer base = one.layers().get(0);
        String chain2 = Digests.chainId(base.id(), base.diffId());
        Layer again = new Layer(chain2, base.diffId(), "again", base.id(), "overlay2", base.kind(), base.path(), -1, base.tarSplit());
        byte[] config = ("{\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + base.diffId()
                + "\",\"sha256:" + base.diffId() + "\"]}}").getBytes();
        SaveImage twice = new SaveImage(config, List.of(), List.of(base, again), null);

        ByteArrayOutputStream docker = new ByteArrayOutputStream();
        SaveWriter.write(List.of(twice), SaveOptions.docker(), docker);
        Path layout = temp.resolve("layout");
        SaveWriter.writeFolder(List.of(twice), SaveOptions.oci(), layout);

        List<TarArchiveEntry> entries = entries(docker.toByteArray());
        assertThat(entries).filteredOn(TarArchiveEntry::isSymbolicLink).singleElement()
                .satisfies(e -> assertThat(e.getLinkName()).startsWith("../").endsWith("/layer.tar"));
        JsonNode manifest = DockerdFixtureRoots.readJson(members(docker.toByteArray()).get("manifest.json")).get(0);
        assertThat(manifest.path("RepoTags").isNull()).isTrue();
        assertThat(members(docker.toByteArray())).doesNotContainKey("repositories");
        assertThat(SaveTestImages.names(layout.resolve("blobs/sha256"))).contains(base.diffId()).hasSize(3);
        JsonNode index = DockerdFixtureRoots.readJson(layout.resolve("index.json"));
        assertThat(index.path("manifests").get(0).has("annotations")).isFalse();
    }

    @Test
    void theOciIndexNamesEachTagLikeDocker25() throws IOException {
        Path layout = temp.resolve("layout");
        SaveWriter.writeFolder(List.of(save(image(), "ubuntu:22.04", "quay.io/org/tool:v1")), SaveOptions.oci(), layout);
        JsonNode manifests = DockerdFixtureRoots.readJson(layout.resolve("index.json")).path("manifests");
        assertThat(manifests).hasSize(2);
        assertThat(manifests.get(0).path("annotations").toString()).isEqualTo(
                "{\"io.containerd.image.name\":\"docker.io/library/ubuntu:22.04\",\"org.opencontainers.image.ref.name\":\"22.04\"}");
        assertThat(manifests.get(1).path("annotations").path("io.containerd.image.name").asText()).isEqualTo("quay.io/org/tool:v1");
        assertThat(Files.readString(layout.resolve("oci-layout"))).isEqualTo("{\"imageLayoutVersion\": \"1.0.0\"}");
        assertThat(Files.readString(layout.resolve("repositories"))).startsWith("{\"quay.io/org/tool\":{\"v1\":\"");
        assertThatThrownBy(() -> SaveWriter.writeFolder(List.of(save(image())), SaveOptions.oci(), layout))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("exists and is not empty");
    }

    private static String topV1Id(Map<String, byte[]> members) {
        JsonNode layers = DockerdFixtureRoots.readJson(members.get("manifest.json")).get(0).path("Layers");
        return layers.get(layers.size() - 1).asText().replace("/layer.tar", "");
    }

    static Map<String, byte[]> members(byte[] tar) throws IOException {
        Map<String, byte[]> members = new java.util.LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isFile()) {
                    members.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return members;
    }

    private static List<TarArchiveEntry> entries(byte[] tar) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e);
            }
        }
        return entries;
    }
}
