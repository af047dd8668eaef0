package io.github.drydock.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.DockerdFixtureRoots.Outcome;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real tools load what {@link SaveWriter} writes: skopeo for both layouts, umoci for the OCI folder. */
class SaveWriterInteropTest {
    private static final Path SKOPEO = Path.of("/usr/bin/skopeo");
    private static final Path UMOCI = Path.of("/usr/bin/umoci");

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

    private static SaveImage image(String driver, String tag) throws IOException {
        DockerdFixtureRoots.assumeRoot();
        Path root = ROOTS.get(driver);
        String id = DockerdFixtureRoots.tags(root, driver).get(tag);
        return SaveWriterFixtureTest.image(root, driver, id, List.of(tag));
    }

    private static void assumeTool(Path tool) {
        assumeTrue(Files.isExecutable(tool), tool + " is not installed; skipped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void skopeoCopiesASingleImageArchiveKeepingTheImageId(String driver) throws IOException {
        assumeTool(SKOPEO);
        SaveImage app = image(driver, "example/app:1");
        Path tar = temp.resolve(driver + "-app.tar");
        SaveWriter.write(List.of(app), SaveOptions.docker(), tar);
        Path oci = temp.resolve(driver + "-skopeo-app");

        Outcome copy = skopeo("docker-archive:" + tar, "oci:" + oci + ":app");
        // copying to oci: converts the config to OCI and compresses the layers; dir: keeps every blob as it is
        Path dir = temp.resolve(driver + "-skopeo-app-dir");
        Outcome verbatim = skopeo("docker-archive:" + tar, "dir:" + dir);

        assertThat(copy.exitCode()).as(copy.output()).isZero();
        assertThat(verbatim.exitCode()).as(verbatim.output()).isZero();
        JsonNode manifest = DockerdFixtureRoots.readJson(dir.resolve("manifest.json"));
        assertThat(manifest.path("config").path("digest").asText()).isEqualTo("sha256:" + app.imageId());
        assertThat(manifest.path("layers").findValuesAsText("digest")).containsExactlyElementsOf(
                app.layers().stream().map(l -> "sha256:" + l.diffId()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void skopeoPicksEachImageOfAMultiImageArchiveByTag(String driver) throws IOException {
        assumeTool(SKOPEO);
        List<SaveImage> images = Stream.of("example/base:1", "example/app:1", "example/multi:2", "example/committed:1")
                .map(tag -> uncheckedImage(driver, tag)).toList();
        Path tar = temp.resolve(driver + "-all.tar");
        SaveWriter.write(images, SaveOptions.docker(), tar);
        for (SaveImage image : images) {
            String tag = image.repoTags().get(0);
            Path oci = temp.resolve(driver + "-skopeo-" + tag.replace('/', '_').replace(':', '_'));
            Outcome copy = skopeo("docker-archive:" + tar + ":" + tag, "oci:" + oci + ":x");
            // not "dir:": skopeo 1.9 takes the size of a symlinked layer.tar from the symlink (0) and fails,
            // for docker's own multi-image saves too (containers/container-libs#605); inspect reads the config
            Outcome config = DockerdFixtureRoots.attempt(List.of(SKOPEO.toString(), "inspect", "--config", "--raw",
                    "docker-archive:" + tar + ":" + tag));
            assertThat(copy.exitCode()).as(copy.output()).isZero();
            assertThat(config.exitCode()).as(config.output()).isZero();
            assertThat(DockerdFixtureRoots.sha256(config.output().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .isEqualTo(image.imageId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void skopeoRefusesAnArchiveWithAFlippedByteInALayer(String driver) throws IOException {
        assumeTool(SKOPEO);
        Path tar = temp.resolve(driver + "-corrupt.tar");
        SaveWriter.write(List.of(image(driver, "example/app:1")), SaveOptions.docker(), tar);
        long offset = firstLayerDataOffset(tar) + 700;
        try (RandomAccessFile file = new RandomAccessFile(tar.toFile(), "rw")) {
            file.seek(offset);
            int b = file.read();
            file.seek(offset);
            file.write(b ^ 0x01);
        }

        Outcome copy = skopeo("docker-archive:" + tar, "oci:" + temp.resolve(driver + "-skopeo-corrupt") + ":x");

        assertThat(copy.exitCode()).isNotZero();
        assertThat(copy.output()).containsIgnoringCase("digest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void umociUnpacksTheOciFolderToTheUnionOfTheLayers(String driver) throws IOException {
        assumeTool(UMOCI);
        Path layout = temp.resolve(driver + "-oci-layout");
        SaveWriter.writeFolder(List.of(image(driver, "example/multi:2")), SaveOptions.oci(), layout);
        Path bundle = temp.resolve(driver + "-bundle");

        Outcome unpack = DockerdFixtureRoots.attempt(List.of(UMOCI.toString(), "unpack", "--rootless", "--image",
                layout + ":2", bundle.toString()));

        assertThat(unpack.exitCode()).as(unpack.output()).isZero();
        assertThat(listTree(bundle.resolve("rootfs"))).isEqualTo(unionOfLayers(layout))
                .contains("bin/tool", "srv/app/artifact.txt").doesNotContain("etc/delete-me.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void skopeoReadsTheOciTarAsOciArchiveAndAsDockerArchive(String driver) throws IOException {
        assumeTool(SKOPEO);
        SaveImage committed = image(driver, "example/committed:1");
        Path tar = temp.resolve(driver + "-oci.tar");
        SaveWriter.write(List.of(committed), SaveOptions.oci(), tar);
        Outcome asOci = skopeo("oci-archive:" + tar + ":1", "oci:" + temp.resolve(driver + "-from-oci") + ":x");
        Outcome asDocker = skopeo("docker-archive:" + tar, "oci:" + temp.resolve(driver + "-from-docker") + ":x");
        assertThat(asOci.exitCode()).as(asOci.output()).isZero();
        assertThat(asDocker.exitCode()).as(asDocker.output()).isZero();
        assertThat(copiedConfigDigest(temp.resolve(driver + "-from-oci"))).isEqualTo("sha256:" + committed.imageId());
    }

    private static SaveImage uncheckedImage(String driver, String tag) {
        try {
            return image(driver, tag);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Outcome skopeo(String from, String to) {
        return DockerdFixtureRoots.attempt(List.of(SKOPEO.toString(), "--insecure-policy", "copy", "--quiet", from, to));
    }

    private static String copiedConfigDigest(Path oci) throws IOException {
        JsonNode index = DockerdFixtureRoots.readJson(oci.resolve("index.json"));
        String manifest = index.path("manifests").get(0).path("digest").asText().substring(7);
        return DockerdFixtureRoots.readJson(oci.resolve("blobs/sha256").resolve(manifest)).path("config").path("digest").asText();
    }

    private static long firstLayerDataOffset(Path tar) throws IOException {
        try (TarFile file = new TarFile(tar)) {
            for (TarArchiveEntry e : file.getEntries()) {
                if (e.getName().endsWith("/layer.tar") && e.isFile() && e.getSize() > 2048) {
                    return e.getDataOffset();
                }
            }
        }
        throw new IllegalStateException("no layer.tar in " + tar);
    }

    /** The paths a union of the layers holds, whiteouts applied (a plain list, enough to compare with umoci). */
    private static Set<String> unionOfLayers(Path layout) throws IOException {
        JsonNode index = DockerdFixtureRoots.readJson(layout.resolve("index.json"));
        Path blobs = layout.resolve("blobs/sha256");
        JsonNode manifest = DockerdFixtureRoots.readJson(blobs.resolve(index.path("manifests").get(0).path("digest").asText().substring(7)));
        Set<String> paths = new TreeSet<>();
        for (JsonNode layer : manifest.path("layers")) {
            try (InputStream in = Files.newInputStream(blobs.resolve(layer.path("digest").asText().substring(7)));
                 TarArchiveInputStream tin = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e = tin.getNextEntry(); e != null; e = tin.getNextEntry()) {
                    apply(paths, e.getName().replaceFirst("^\\./", "").replaceFirst("/$", ""));
                }
            }
        }
        return paths;
    }

    private static void apply(Set<String> paths, String name) {
        int slash = name.lastIndexOf('/');
        String dir = slash < 0 ? "" : name.substring(0, slash + 1);
        String base = name.substring(slash + 1);
        if (base.equals(".wh..wh..opq")) {
            paths.removeIf(p -> p.startsWith(dir) && !p.equals(dir));
        } else if (base.startsWith(".wh.")) {
            String gone = dir + base.substring(4);
            paths.removeIf(p -> p.equals(gone) || p.startsWith(gone + "/"));
        } else if (!name.isEmpty()) {
            paths.add(name);
        }
    }

    private static Set<String> listTree(Path rootfs) throws IOException {
        Set<String> paths = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(rootfs)) {
            walk.filter(p -> !p.equals(rootfs)).forEach(p -> paths.add(rootfs.relativize(p).toString()));
        }
        return paths;
    }
}
