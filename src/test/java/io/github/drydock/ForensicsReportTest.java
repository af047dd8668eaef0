package io.github.drydock;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.archive.Report;
import io.github.drydock.json.Json;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.testing.ForensicRoots;
import io.github.drydock.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ForensicsReportTest {
    private static final List<String> COMMAND = List.of("drydock", "--root", "/evidence", "report", "-o", "/case/42");

    @TempDir
    Path tmp;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void reportFolderIsSelfContainedAndVerifiable() throws Exception {
        DockerRoot root = DockerRoot.open(ForensicRoots.dockerd("overlay2", tmp));
        Path dir = tmp.resolve("case/42");
        Instant before = Instant.now();

        Report.Result result = Forensics.of(root).report(dir, "1.2.3", COMMAND, false);

        assertThat(names(dir)).containsExactly("SHA256SUMS", "report.json", "report.md", "timeline.bodyfile",
                "timeline.csv");
        assertThat(result.files()).extracting(Report.WrittenFile::name).containsExactly("timeline.bodyfile",
                "timeline.csv", "report.json", "report.md", "SHA256SUMS");
        assertThat(sha256sum(dir)).isEqualTo("timeline.bodyfile: OK\ntimeline.csv: OK\nreport.json: OK\nreport.md: OK\n");
        JsonNode json = Json.MAPPER.readTree(dir.resolve("report.json").toFile());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("tool", "version", "commandLine", "generatedAt", "info", "images",
                "containers", "volumes", "layers", "problems", "files");
        assertThat(json.get("version").asText()).isEqualTo("1.2.3");
        assertThat(json.get("commandLine")).extracting(JsonNode::asText).containsExactlyElementsOf(COMMAND);
        assertThat(Instant.parse(json.get("generatedAt").asText())).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(json.get("info").get("counts").get("layerFolders").asInt()).isEqualTo(16);
        assertThat(json.get("info").get("counts").get("timelineRows").asLong()).isEqualTo(result.timelineRows())
                .isEqualTo(Files.readAllLines(dir.resolve("timeline.bodyfile")).size());
        assertThat(json.get("images")).hasSize(20);
        assertThat(json.get("layers").get(0).get("owners").get(0).get("type").asText()).isEqualTo("image");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("# drydock report", "## Images (20)", "## Containers (3)", "## Volumes (3)",
                "## Layer folders (16 on disk, 0 orphans)", "## Problems (0)",
                "| /c-run | `7ebf5bb6662c` | example/app:1 (6138834b2766) | exited | 3 |",
                "| namedvol | /c-created at /data, /c-run at /data |", "drydock 1.2.3");
    }

    @Test
    void reportListsOrphansAndProblemsOfADamagedRoot() throws Exception {
        Path evidence = Fixtures.materialize("broken/symlink-escape", tmp.resolve("e"));
        mkdirs(evidence.resolve("aufs/diff/" + "ab".repeat(32) + "-removing/etc"));
        DockerRoot root = DockerRoot.open(evidence);

        Report.Result result = Forensics.of(root).report(tmp.resolve("out"), "dev", COMMAND, false);

        assertThat(result.problems()).containsAll(root.problems()).isNotEmpty();
        String md = Files.readString(tmp.resolve("out/report.md"));
        assertThat(md).contains("## Layer folders (", " 1 orphans)", "half removed", "## Problems (" + result.problems().size() + ")");
        JsonNode json = Json.MAPPER.readTree(tmp.resolve("out/report.json").toFile());
        assertThat(json.get("problems")).hasSize(result.problems().size());
        assertThat(json.get("layers")).anySatisfy(l -> {
            assertThat(l.get("reason").asText()).isEqualTo("removing");
            assertThat(l.get("orphan").asBoolean()).isTrue();
        });
        assertThat(sha256sum(tmp.resolve("out"))).doesNotContain("FAILED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated-json", "dangling-parent", "parent-cycle", "missing-diff", "container-without-image",
            "ambiguous-prefix", "bad-repositories", "symlink-escape", "corrupt-linkgraph"})
    void everyBrokenRootGetsACompleteReport(String name) throws Exception {
        DockerRoot root = DockerRoot.open(Fixtures.materialize("broken/" + name, tmp.resolve("e")));

        Report.Result result = Forensics.of(root).report(tmp.resolve("out"), "dev", COMMAND, false);

        assertThat(names(tmp.resolve("out"))).containsExactly("SHA256SUMS", "report.json", "report.md",
                "timeline.bodyfile", "timeline.csv");
        assertThat(result.problems()).containsAll(root.problems());
        JsonNode json = Json.MAPPER.readTree(tmp.resolve("out/report.json").toFile());
        assertThat(json.get("containers")).isNotEmpty();
        assertThat(json.get("layers")).isNotEmpty();
        assertThat(json.get("problems")).hasSize(result.problems().size());
    }

    @Test
    void refusesAFolderInsideTheRootOrNotEmpty() throws Exception {
        Path evidence = ForensicRoots.seed(tmp.resolve("e"));
        Forensics forensics = Forensics.of(DockerRoot.open(evidence));
        Path full = write(tmp.resolve("full/notes.txt"), "mine").getParent();

        assertThatThrownBy(() -> forensics.report(evidence.resolve("report"), "dev", COMMAND, false))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("inside the evidence");
        assertThatThrownBy(() -> forensics.report(evidence.resolve("vfs/../../x/../" + evidence.getFileName() + "/r"),
                "dev", COMMAND, true)).isInstanceOf(DockerStorageException.class);
        assertThatThrownBy(() -> forensics.report(full, "dev", COMMAND, false))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("not empty");
        assertThat(Files.exists(evidence.resolve("report"))).isFalse();

        forensics.report(full, "dev", COMMAND, true);
        assertThat(names(full)).contains("notes.txt", "report.json", "SHA256SUMS");
    }

    @Test
    void refusesAFolderOnTheMountedDiskTheRootWasFoundOn() throws Exception {
        Path mount = tmp.resolve("mnt/evidence");
        Path seed = ForensicRoots.seed(tmp.resolve("copy"));
        Files.createDirectories(mount.resolve("var/lib"));
        Files.move(seed, mount.resolve("var/lib/docker"));
        DockerRoot root = DockerRoot.open(mount);
        assertThat(root.filesystemRoot()).contains(mount.toAbsolutePath().normalize());

        assertThatThrownBy(() -> Forensics.of(root).report(mount.resolve("home/case"), "dev", COMMAND, false))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("inside the evidence " + mount);
        assertThat(Files.exists(mount.resolve("home"))).isFalse();
        assertThat(Forensics.of(root).evidence()).containsExactly(mount.resolve("var/lib/docker"), mount);
    }

    private static String sha256sum(Path dir) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("sha256sum", "-c", "SHA256SUMS").directory(dir.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "sha256sum is not installed");
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
