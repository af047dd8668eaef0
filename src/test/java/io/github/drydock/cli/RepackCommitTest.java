package io.github.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.archive.Digests;
import io.github.drydock.testing.DockerdFixtureRoots;
import io.github.drydock.testing.DockerdFixtureRoots.Outcome;
import io.github.drydock.testing.RepackFixtures;
import io.github.drydock.testing.RepackFixtures.Member;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.github.drydock.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code drydock commit} on the real dockerd roots, checked against {@code docker diff} and a real {@code docker commit}. */
class RepackCommitTest {
    /** {@code example/committed:1} is {@code docker commit -m "commit of c-run" -c 'LABEL …' c-run}. */
    private static final String DOCKER_COMMIT = "save-example_committed_1.tar";

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

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void theCommittedLayerHoldsWhatDockerDiffListsWithWhFilesForDeletions(String driver) throws IOException {
        Path tar = temp.resolve("c-run.tar");

        CliRun commit = run("--root", root(driver), "commit", "c-run", "drydock/c-run:1", "-o", tar.toString());

        assertThat(commit.code()).as(commit.err()).isZero();
        assertThat(commit.err()).contains("committed");
        Set<String> changed = new TreeSet<>();
        Set<String> whiteouts = new TreeSet<>();
        for (String line : Files.readAllLines(DockerdFixtureRoots.reference(driver).resolve("diff-c-run.txt"))) {
            if (line.startsWith("D ")) {
                int slash = line.lastIndexOf('/');
                whiteouts.add(line.substring(3, slash + 1) + ".wh." + line.substring(slash + 1));
            } else if (!line.isBlank()) {
                changed.add(line.substring(3));
            }
        }
        List<Member> members = RepackFixtures.members(RepackFixtures.layerTar(tar, -1));
        assertThat(members.stream().map(m -> m.name().replaceFirst("/$", "")).filter(n -> !n.contains("/.wh.")))
                .containsExactlyInAnyOrderElementsOf(changed);
        assertThat(members.stream().map(Member::name).filter(n -> n.contains("/.wh.")))
                .containsExactlyInAnyOrderElementsOf(whiteouts).hasSize(2);
        assertThat(members).filteredOn(m -> m.name().equals("srv/app/new-link")).singleElement()
                .extracting(Member::link).isEqualTo("/srv/app/new-file.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void skopeoLoadsTheCommitInBothFormats(String driver) {
        RepackFixtures.assumeTool(RepackFixtures.SKOPEO);
        Path docker = temp.resolve("commit.tar");
        Path oci = temp.resolve("commit-oci.tar");

        assertThat(run("--root", root(driver), "commit", "c-run", "drydock/c-run:1", "-o", docker.toString()).code()).isZero();
        assertThat(run("--root", root(driver), "commit", "--format", "oci", "c-run", "drydock/c-run:1", "-o",
                oci.toString()).code()).isZero();
        Outcome fromDocker = RepackFixtures.skopeoCopy("docker-archive:" + docker, "oci:" + temp.resolve("a") + ":x");
        Outcome fromOci = RepackFixtures.skopeoCopy("oci-archive:" + oci + ":1", "oci:" + temp.resolve("b") + ":x");

        assertThat(fromDocker.exitCode()).as(fromDocker.output()).isZero();
        assertThat(fromOci.exitCode()).as(fromOci.output()).isZero();
    }

    @Test
    void onOverlay2TheCommittedLayerIsByteIdenticalToDockersOwnCommit() throws IOException {
        Path root = DockerdFixtureRoots.extract("overlay2", temp.resolve("copy"));
        RepackFixtures.restoreSharedWhiteouts(root);
        Path tar = temp.resolve("c-run.tar");
        Path reference = DockerdFixtureRoots.reference("overlay2").resolve(DOCKER_COMMIT);

        CliRun commit = run("--root", root.toString(), "--json", "commit", "-m", "commit of c-run", "c-run", "-o",
                tar.toString());

        assertThat(commit.code()).as(commit.err()).isZero();
        byte[] mine = RepackFixtures.layerTar(tar, -1);
        byte[] dockers = RepackFixtures.layerTar(reference, -1);
        assertThat(Digests.sha256Hex(mine)).isEqualTo(Digests.sha256Hex(dockers))
                .isEqualTo("a2e83f5fa314e1988c594dbbfc1c1d9c7ec03d94e340fcd2dbfe8128be061417");
        JsonNode layer = commit.json().path("items").get(0).path("layers").get(6);
        assertThat(layer.path("added").asBoolean()).isTrue();
        assertThat(layer.path("writtenDiffId").asText()).isEqualTo(Digests.sha256Hex(dockers));
    }

    @Test
    void theCommittedConfigIsTheContainersAsDockerCommitWritesIt() {
        Path tar = temp.resolve("c-run.tar");
        Path reference = DockerdFixtureRoots.reference("overlay2");
        JsonNode container = DockerdFixtureRoots.readJson(reference.resolve("container-c-run.json")).get(0);

        CliRun commit = run("--root", root("overlay2"), "--json", "commit", "-a", "forensics", "-m", "commit of c-run",
                "c-run", "-o", tar.toString());

        assertThat(commit.code()).as(commit.err()).isZero();
        JsonNode item = commit.json().path("items").get(0);
        JsonNode config = DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(tar, item.path("writtenImageId").asText()
                + ".json"));
        assertThat(config.path("config")).isEqualTo(container.path("Config"));
        assertThat(config.path("container_config")).isEqualTo(container.path("Config"));
        assertThat(config.path("container").asText()).isEqualTo(container.path("Id").asText());
        assertThat(config.path("created").asText()).isEqualTo(container.path("State").path("FinishedAt").asText());
        assertThat(config.path("author").asText()).isEqualTo("forensics");
        JsonNode history = config.path("history");
        JsonNode step = history.get(history.size() - 1);
        String dockersStep = DockerdFixtureRoots.readJson(firstLine(reference.resolve("history-example_committed_1.jsonl")))
                .path("CreatedBy").asText();
        assertThat(step.path("created_by").asText()).isEqualTo(dockersStep);
        assertThat(step.path("comment").asText()).isEqualTo("commit of c-run");
        assertThat(step.has("empty_layer")).isFalse();
        assertThat(config.path("rootfs").path("diff_ids")).hasSize(7);
        assertThat(item.path("committed").asBoolean()).isTrue();
        assertThat(item.path("sourceId").asText()).isEqualTo(container.path("Id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay2", "vfs"})
    void aContainerThatChangedNothingAddsNoLayerAndAnEmptyHistoryStep(String driver) {
        Path tar = temp.resolve("c-created.tar");

        CliRun commit = run("--root", root(driver), "--json", "commit", "c-created", "-o", tar.toString());

        assertThat(commit.code()).as(commit.err()).isZero();
        JsonNode item = commit.json().path("items").get(0);
        assertThat(item.path("layers")).hasSize(8);
        assertThat(item.path("layers").findValues("added")).noneMatch(JsonNode::asBoolean);
        JsonNode config = DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(tar, item.path("writtenImageId").asText()
                + ".json"));
        JsonNode history = config.path("history");
        assertThat(history.get(history.size() - 1).path("empty_layer").asBoolean()).isTrue();
        assertThat(config.path("rootfs").path("diff_ids")).hasSize(8);
    }

    @Test
    void anUnknownContainerIsReportedAndNothingIsWritten() {
        Path tar = temp.resolve("none.tar");

        CliRun commit = run("--root", root("vfs"), "commit", "no-such-container", "-o", tar.toString());

        assertThat(commit.code()).isEqualTo(1);
        assertThat(commit.err()).contains("no such container: no-such-container");
        assertThat(tar).doesNotExist();
    }

    private static byte[] firstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
