package io.github.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.DockerRoot;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Image;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.DockerdFixtureRoots.Outcome;
import io.github.drydock.testing.RepackFixtures;
import io.github.drydock.union.UnionView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.github.drydock.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code save}, {@code verify} and {@code commit} on the real dockerd 20.10 roots, checked against what that
 * daemon recorded ({@code reference/}) and against real loaders (skopeo, umoci; skipped when missing).
 */
class RepackCommandsTest {
    private static final String APP_SAVE = "save-example_app_1+latest.tar";

    @TempDir
    static Path shared;
    private static final Map<String, Path> ROOTS = new HashMap<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void extract() {
        if (DockerdFixtureRoots.isRoot()) {
            for (String driver : DockerdFixtureRoots.DRIVERS) {
                ROOTS.put(driver, DockerdFixtureRoots.extract(driver, shared));
            }
        }
    }

    private static String root(String driver) {
        DockerdFixtureRoots.assumeRoot();
        return ROOTS.get(driver).toString();
    }

    /** A private copy of a root, for tests that change it. */
    private Path copy(String driver) {
        return DockerdFixtureRoots.extract(driver, temp.resolve("copy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void saveOfBothTagsIsByteIdenticalToDockersSave(String driver) throws IOException {
        Path out = temp.resolve("app.tar");
        Path reference = DockerdFixtureRoots.reference(driver).resolve(APP_SAVE);

        CliRun save = run("--root", root(driver), "save", "example/app:1", "example/app:latest", "-o", out.toString());

        assertThat(save.code()).as(save.err()).isZero();
        assertThat(save.out()).isEmpty();
        assertThat(save.err()).contains("image id kept").doesNotContain("warning");
        assertThat(DockerdFixtureRoots.memberDigests(out)).isEqualTo(DockerdFixtureRoots.memberDigests(reference));
        assertThat(DockerdFixtureRoots.sha256(Files.readAllBytes(out)))
                .isEqualTo(DockerdFixtureRoots.sha256(Files.readAllBytes(reference)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void aRepositoryNameSavesAllItsTagsAndAnIdSavesNone(String driver) {
        Path byName = temp.resolve("by-name.tar");
        Path byId = temp.resolve("by-id.tar");
        String id = DockerdFixtureRoots.tags(Path.of(root(driver)), driver).get("example/app:1");

        assertThat(run("--root", root(driver), "save", "example/app", "-o", byName.toString()).code()).isZero();
        assertThat(run("--root", root(driver), "save", id.substring(0, 12), "-o", byId.toString()).code()).isZero();

        JsonNode named = DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(byName, "manifest.json")).get(0);
        JsonNode unnamed = DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(byId, "manifest.json")).get(0);
        assertThat(List.of(named.path("RepoTags").get(0).asText(), named.path("RepoTags").get(1).asText()))
                .containsExactlyInAnyOrder("example/app:1", "example/app:latest");
        assertThat(unnamed.path("RepoTags").isNull() || unnamed.path("RepoTags").isEmpty()).isTrue();
        assertThat(unnamed.path("Config").asText()).isEqualTo(id + ".json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void theOciFolderUnpacksWithUmociToDrydocksOwnViewOfTheImage(String driver) throws IOException {
        RepackFixtures.assumeTool(RepackFixtures.UMOCI);
        Path layout = temp.resolve("layout");
        Path bundle = temp.resolve("bundle");

        CliRun save = run("--root", root(driver), "save", "--format", "oci", "example/app:1", "-o", layout + "/");
        Outcome unpack = DockerdFixtureRoots.attempt(List.of(RepackFixtures.UMOCI.toString(), "unpack", "--rootless",
                "--image", layout + ":1", bundle.toString()));

        assertThat(save.code()).as(save.err()).isZero();
        assertThat(layout.resolve("oci-layout")).isRegularFile();
        assertThat(unpack.exitCode()).as(unpack.output()).isZero();
        DockerRoot docker = DockerRoot.open(Path.of(root(driver)));
        Image image = docker.image("example/app:1").orElseThrow();
        Map<String, String> expected = viewTree(UnionView.of(image.layers(), null, NodeInspector.system()));
        assertThat(hostTree(bundle.resolve("rootfs"))).isEqualTo(expected)
                .containsEntry("/srv/app/escape-link", "link ../../../../../../../etc/passwd")
                .doesNotContainKey("/etc/delete-me.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void skopeoLoadsTheArchiveAndRejectsACorruptedCopy(String driver) throws IOException {
        RepackFixtures.assumeTool(RepackFixtures.SKOPEO);
        Path tar = temp.resolve("app.tar");
        assertThat(run("--root", root(driver), "save", "example/app:1", "-o", tar.toString()).code()).isZero();
        Path corrupt = Files.copy(tar, temp.resolve("corrupt.tar"));
        flipByteInside(corrupt, "./bin/tool");

        Outcome good = RepackFixtures.skopeoCopy("docker-archive:" + tar, "oci:" + temp.resolve("good") + ":x");
        Outcome bad = RepackFixtures.skopeoCopy("docker-archive:" + corrupt, "oci:" + temp.resolve("bad") + ":x");

        assertThat(good.exitCode()).as(good.output()).isZero();
        assertThat(bad.exitCode()).as(bad.output()).isNotZero();
        assertThat(bad.output()).containsIgnoringCase("digest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void verifyOfEveryImagePasses(String driver) {
        CliRun verify = run("--root", root(driver), "--json", "verify");

        assertThat(verify.code()).as(verify.out()).isZero();
        JsonNode items = verify.json().path("items");
        assertThat(items).hasSize(20);
        assertThat(items.findValuesAsText("status")).containsOnly("OK");
        assertThat(items.findValues("ok")).allMatch(JsonNode::asBoolean);
        assertThat(CliRun.keys(items.get(0))).containsExactly("imageId", "repoTags", "legacy", "ok", "verified",
                "computedImageId", "layers", "problems");
        assertThat(CliRun.keys(items.get(0).path("layers").get(0))).containsExactly("index", "id", "diffId", "ok",
                "status", "computedDiffId", "computedChainId", "mismatches", "problem");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void verifyAfterAlteringALayerFileFailsNamingTheFile(String driver) throws IOException {
        Path root = copy(driver);
        Files.writeString(greeting(root, driver), "tampered\n");

        CliRun human = run("--root", root.toString(), "verify", "example/app:1");
        CliRun json = run("--root", root.toString(), "--json", "verify");

        assertThat(human.code()).isEqualTo(1);
        assertThat(human.out()).contains("FAILED").contains("srv/app/files/greeting.txt changed since docker wrote the"
                + " tar-split");
        assertThat(json.code()).isEqualTo(1);
        JsonNode failed = json.json().path("items").findParents("mismatches").stream()
                .filter(l -> !l.path("mismatches").isEmpty()).findFirst().orElseThrow();
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("mismatches").get(0).path("path").asText()).endsWith("srv/app/files/greeting.txt");
        assertThat(failed.path("mismatches").get(0).path("kind").asText()).isEqualTo("CHANGED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void saveAfterAlteringFallsBackAndSaysTheImageIdChanged(String driver) throws IOException {
        RepackFixtures.assumeTool(RepackFixtures.SKOPEO);
        Path root = copy(driver);
        Files.writeString(greeting(root, driver), "tampered\n");
        Path tar = temp.resolve("fallback.tar");

        CliRun save = run("--root", root.toString(), "save", "example/app:1", "-o", tar.toString());

        assertThat(save.code()).as(save.err()).isZero();
        assertThat(save.err()).contains("srv/app/files/greeting.txt changed since docker wrote the tar-split")
                .contains("image id changed").contains("written with a new config");
        Outcome load = RepackFixtures.skopeoCopy("docker-archive:" + tar, "oci:" + temp.resolve("loaded") + ":x");
        assertThat(load.exitCode()).as(load.output()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void strictRefusesToFallBackAndLeavesNoFile(String driver) throws IOException {
        Path root = copy(driver);
        Files.writeString(greeting(root, driver), "tampered\n");
        Path tar = temp.resolve("strict.tar");

        CliRun toFile = run("--root", root.toString(), "--strict", "save", "example/app:1", "-o", tar.toString());
        CliRun toStdout = run("--root", root.toString(), "save", "--strict", "example/app:1", "-o", "-");

        assertThat(toFile.code()).isEqualTo(1);
        assertThat(toFile.err()).contains("strict").contains("greeting.txt");
        assertThat(tar).doesNotExist();
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("strict"));
        }
        assertThat(toStdout.code()).isEqualTo(1);
        assertThat(toStdout.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void anArchiveInsideTheDockerRootIsRefused(String driver) {
        Path inside = Path.of(root(driver)).resolve("image/evil.tar");

        CliRun save = run("--root", root(driver), "save", "example/app:1", "-o", inside.toString());

        assertThat(save.code()).isEqualTo(1);
        assertThat(save.err()).contains("refusing to write").contains("evidence");
        assertThat(inside).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void saveToStdoutWritesTheTarThereAndTheJsonReportToStderr(String driver) {
        CliRun save = run("--root", root(driver), "--json", "save", "example/base:1", "-o", "-");

        assertThat(save.code()).as(save.err()).isZero();
        assertThat(save.out()).contains("manifest.json").contains("ustar");
        JsonNode report = DockerdFixtureRoots.readJson(save.err().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(CliRun.keys(report)).containsExactly("output", "format", "bytes", "exact", "items", "warnings",
                "problems");
        assertThat(report.path("output").asText()).isEqualTo("-");
        assertThat(CliRun.keys(report.path("items").get(0))).containsExactly("reference", "sourceId", "legacy",
                "committed", "originalImageId", "writtenImageId", "imageIdChanged", "repoTags", "layers");
        assertThat(CliRun.keys(report.path("items").get(0).path("layers").get(0))).containsExactly("id",
                "originalDiffId", "writtenDiffId", "size", "exact", "added", "reason", "mismatches");
    }

    /** {@code srv/app/files/greeting.txt} in the folder of the layer that added it (the COPY step). */
    private static Path greeting(Path root, String driver) throws IOException {
        return DockerRoot.open(root).image("example/app:1").orElseThrow().layers().stream()
                .map(l -> l.path().resolve("srv/app/files/greeting.txt")).filter(Files::isRegularFile)
                .findFirst().orElseThrow();
    }

    /** Flips one byte of a file's content inside the layer tars of an archive (first occurrence of its name). */
    private static void flipByteInside(Path archive, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        byte[] needle = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i + needle.length < bytes.length; i += 512) {
            if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)
                    && bytes[i + needle.length] == 0) {
                try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
                    file.seek(i + 512 + 100);
                    int b = file.read();
                    file.seek(i + 512 + 100);
                    file.write(b ^ 0xff);
                }
                return;
            }
        }
        throw new IllegalStateException(name + " not found in " + archive);
    }

    /** Path → "type target-or-sha256" for every entry of a view but its root and device nodes. */
    static Map<String, String> viewTree(UnionView view) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        for (Iterator<FileEntry> it = view.walk().iterator(); it.hasNext(); ) {
            FileEntry entry = it.next();
            if (entry.isRoot() || entry.type() == FileType.CHAR || entry.type() == FileType.BLOCK) {
                continue;
            }
            String value = switch (entry.type()) {
                case DIR -> "dir";
                case SYMLINK -> "link " + entry.linkTarget();
                case FILE -> {
                    try (InputStream in = view.open(entry)) {
                        yield "file " + DockerdFixtureRoots.sha256(in.readAllBytes());
                    }
                }
                default -> entry.type().name();
            };
            tree.put(entry.path(), value);
        }
        return tree;
    }

    /** The same for a host folder (an unpacked rootfs). */
    static Map<String, String> hostTree(Path rootfs) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(rootfs)) {
            for (Path path : paths.toList()) {
                if (path.equals(rootfs)) {
                    continue;
                }
                String name = "/" + rootfs.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    tree.put(name, "link " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(name, "dir");
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(name, "file " + DockerdFixtureRoots.sha256(Files.readAllBytes(path)));
                }
            }
        }
        return tree;
    }
}
