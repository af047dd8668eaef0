package io.github.drydock.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.json.Json;
import io.github.drydock.model.TimelineEvent;
import io.github.drydock.testing.ForensicRoots;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TimelineTest {
    private static final String WEIRD = "we|ird%41\nname";
    private static final TimelineEvent STARTED =
            new TimelineEvent(Instant.parse("2026-12-04T20:18:31.450574393Z"), "container started /c-run");
    private static final TimelineEvent FINISHED =
            new TimelineEvent(Instant.parse("2026-12-04T20:18:31.455515519Z"), "container finished /c-run (exit 3)");

    @TempDir
    Path tmp;
    private Path layer;

    @BeforeEach
    void smallLayer() throws IOException {
        layer = mkdirs(tmp.resolve("layer"));
        Path file = write(layer.resolve("a.txt"), "hello");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Path sub = mkdirs(layer.resolve("sub"));
        symlink(sub.resolve("link"), "../a.txt");
        write(layer.resolve(WEIRD), "x");
        times(file, 1_700_000_000L, 1_700_000_100L);
        times(layer.resolve(WEIRD), 1_700_000_300L, 1_700_000_300L);
        times(sub.resolve("link"), 1_700_000_400L, 1_700_000_400L);
        times(sub, 1_700_000_200L, 1_700_000_200L);
        times(layer, 1_700_000_500L, 1_700_000_500L);
    }

    private static void times(Path path, long mtime, long atime) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(mtime, TimeUnit.SECONDS), FileTime.from(atime, TimeUnit.SECONDS), null);
    }

    /** The bodyfile fields of an entry, from an independent {@code lstat}. */
    private static List<String> expected(Path path, String name, String mode, long mtime, long atime) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        long ctime = ((FileTime) unix.get("ctime")).toInstant().getEpochSecond();
        return List.of("0", name, unix.get("ino").toString(), mode, unix.get("uid").toString(), unix.get("gid").toString(),
                unix.get("size").toString(), Long.toString(atime), Long.toString(mtime), Long.toString(ctime), "0");
    }

    private String timeline(TimelineFormat format, List<TimelineFolder> folders) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Timeline.Result result = new Timeline(NodeInspector.system()).write(List.of(STARTED, FINISHED), folders,
                format.open(out));
        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).isEqualTo(2 + 5);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bodyfileParsesBackToExactlyTheRowsOfTheFolderAndTheEvents() throws IOException {
        String body = timeline(TimelineFormat.BODYFILE, List.of(new TimelineFolder("container:/c-run", layer)));

        List<List<String>> rows = ForensicRoots.bodyfile(body);

        assertThat(body.lines()).hasSize(7).allSatisfy(line -> assertThat(line.split("\\|", -1)).hasSize(11));
        assertThat(rows.subList(0, 2)).containsExactly(
                List.of("0", "[docker] container started /c-run", "0", "----------", "0", "0", "0",
                        "1796415511", "1796415511", "1796415511", "0"),
                List.of("0", "[docker] container finished /c-run (exit 3)", "0", "----------", "0", "0", "0",
                        "1796415511", "1796415511", "1796415511", "0"));
        assertThat(rows.subList(2, 7)).containsExactlyInAnyOrder(
                expected(layer, "container:/c-run:/", "drwxr-xr-x", 1_700_000_500L, 1_700_000_500L),
                expected(layer.resolve("a.txt"), "container:/c-run:/a.txt", "-rw-r-----", 1_700_000_000L, 1_700_000_100L),
                expected(layer.resolve("sub"), "container:/c-run:/sub", "drwxr-xr-x", 1_700_000_200L, 1_700_000_200L),
                expected(layer.resolve("sub/link"), "container:/c-run:/sub/link", "lrwxrwxrwx", 1_700_000_400L,
                        1_700_000_400L),
                expected(layer.resolve(WEIRD), "container:/c-run:/we|ird%41\\nname", "-rw-r--r--", 1_700_000_300L,
                        1_700_000_300L));
        assertThat(body).contains("container:/c-run:/we%7Cird%2541\\nname|");
    }

    @Test
    void mactimeReadsTheBodyfile() throws Exception {
        Path body = tmp.resolve("timeline.bodyfile");
        Files.writeString(body, timeline(TimelineFormat.BODYFILE, List.of(new TimelineFolder("image:app:1 layer:0123", layer))));
        String inode = Files.getAttribute(layer.resolve("a.txt"), "unix:ino").toString();

        String out = mactime(body);

        assertThat(out.lines().findFirst()).contains("Date,Size,Type,Mode,UID,GID,Meta,File Name");
        assertThat(out).contains("2023-11-14T22:13:20Z,5,m...,-rw-r-----,0,0," + inode + ",\"image:app:1 layer:0123:/a.txt\"");
        assertThat(out).contains("2023-11-14T22:15:00Z,5,.a..,-rw-r-----,0,0," + inode + ",\"image:app:1 layer:0123:/a.txt\"");
        assertThat(out).contains("2026-12-04T20:18:31Z,0,mac.,----------,0,0,0,\"[docker] container finished /c-run (exit 3)\"");
        assertThat(out).contains(",0,mac.,----------,0,0,0,\"[docker] container started /c-run\"");
        assertThat(out).contains("2023-11-14T22:18:20Z,1,ma..,-rw-r--r--,0,0,"
                + Files.getAttribute(layer.resolve(WEIRD), "unix:ino") + ",\"image:app:1 layer:0123:/we|ird%41\\nname\"");
    }

    /** Runs Sleuth Kit's {@code mactime} (skipped where it is not installed); UTC ISO dates, from 2000 on. */
    static String mactime(Path body) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("mactime", "-b", body.toString(), "-d", "-y", "2000-01-01")
                .redirectErrorStream(false);
        builder.environment().put("TZ", "UTC");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            assumeTrue(false, "mactime (Debian package sleuthkit) is not installed");
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("mactime exit code").isZero();
        return out;
    }

    @Test
    void csvAndJsonLinesCarryTheSameRowsWithNamedColumns() throws IOException {
        List<TimelineFolder> folders = List.of(new TimelineFolder("volume:namedvol", layer));
        List<List<String>> body = ForensicRoots.bodyfile(timeline(TimelineFormat.BODYFILE, folders));
        List<List<String>> csv = ForensicRoots.csv(timeline(TimelineFormat.CSV, folders));
        List<String> jsonl = timeline(TimelineFormat.JSONL, folders).lines().toList();

        assertThat(csv.get(0)).containsExactly("md5", "name", "inode", "mode", "uid", "gid", "size", "atime", "mtime",
                "ctime", "crtime");
        assertThat(csv).hasSize(8);
        assertThat(jsonl).hasSize(7);
        for (int i = 0; i < 7; i++) {
            List<String> b = body.get(i);
            List<String> c = csv.get(i + 1);
            JsonNode j = Json.MAPPER.readTree(jsonl.get(i));
            assertThat(c.subList(2, 7)).isEqualTo(b.subList(2, 7));
            assertThat(c.get(1).replace("\n", "\\n")).isEqualTo(b.get(1));
            assertThat(j.get("name").asText()).isEqualTo(c.get(1));
            assertThat(j.get("inode").asLong()).isEqualTo(Long.parseLong(b.get(2)));
            assertThat(j.get("mode").asText()).isEqualTo(b.get(3));
            assertThat(j.get("size").asLong()).isEqualTo(Long.parseLong(b.get(6)));
            assertThat(Instant.parse(c.get(8)).getEpochSecond()).isEqualTo(Long.parseLong(b.get(8)));
            assertThat(Instant.parse(j.get("mtime").asText()).getEpochSecond()).isEqualTo(Long.parseLong(b.get(8)));
            assertThat(c.get(10)).isEmpty();
            assertThat(j.get("crtime").isNull()).isTrue();
        }
        assertThat(csv.get(2)).containsExactly("0", "[docker] container finished /c-run (exit 3)", "0", "----------", "0",
                "0", "0", "2026-12-04T20:18:31.455515519Z", "2026-12-04T20:18:31.455515519Z",
                "2026-12-04T20:18:31.455515519Z", "");
        assertThat(csv).anySatisfy(row -> assertThat(row.get(1)).isEqualTo("volume:namedvol:/" + WEIRD));
        assertThat(jsonl).anySatisfy(line -> assertThat(Json.MAPPER.readTree(line).get("name").asText())
                .isEqualTo("volume:namedvol:/" + WEIRD));
    }

    @Test
    void aMissingFolderIsAProblemAndTheOthersAreStillWritten() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Timeline.Result result = new Timeline(NodeInspector.system()).write(List.of(), List.of(
                new TimelineFolder("orphan-layer:gone", tmp.resolve("gone")), new TimelineFolder("container:/c", layer)),
                TimelineFormat.BODYFILE.open(out));

        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("orphan-layer:gone").contains("not a folder"));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("|container:/c:/a.txt|");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void fifoIsListedButNeverOpened() throws Exception {
        Path fifo = layer.resolve("pipe");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo not available");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new Timeline(NodeInspector.system()).write(List.of(), List.of(new TimelineFolder("c", layer)),
                TimelineFormat.BODYFILE.open(out));

        assertThat(ForensicRoots.bodyfile(out.toString(StandardCharsets.UTF_8)))
                .anySatisfy(row -> assertThat(row.subList(1, 4)).containsExactly("c:/pipe",
                        Files.getAttribute(fifo, "unix:ino", LinkOption.NOFOLLOW_LINKS).toString(), "prw-r--r--"));
    }

    @Test
    void aFailingOutputStopsTheTimeline() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };

        assertThatThrownBy(() -> {
            TimelineSink sink = TimelineFormat.JSONL.open(broken);
            new Timeline(NodeInspector.system()).write(List.of(STARTED), List.of(new TimelineFolder("c", layer)), sink);
        }).isInstanceOf(IOException.class).hasMessageContaining("disk full");
    }

    @Test
    void modeStringsFollowLs() {
        assertThat(TimelineWalker.modeString(io.github.drydock.model.FileType.FILE, 04755)).isEqualTo("-rwsr-xr-x");
        assertThat(TimelineWalker.modeString(io.github.drydock.model.FileType.DIR, 01777)).isEqualTo("drwxrwxrwt");
        assertThat(TimelineWalker.modeString(io.github.drydock.model.FileType.CHAR, 0)).isEqualTo("c---------");
        assertThat(TimelineWalker.modeString(io.github.drydock.model.FileType.FILE, 02644)).isEqualTo("-rw-r-Sr--");
    }

    @Test
    void bodyfileEscapesOnlyWhatMactimeDecodes() {
        assertThat(TimelineBodyfile.escape("/a b/ü.txt")).isEqualTo("/a b/ü.txt");
        assertThat(TimelineBodyfile.escape("x|y%z\t\u007f\u001b")).isEqualTo("x%7Cy%25z\\t\\x7f\\x1b");
        assertThat(TimelineBodyfile.seconds(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo(-1);
        assertThat(TimelineBodyfile.seconds(null)).isZero();
    }
}
