package io.github.drydock.layout;

import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.LogLine;
import io.github.drydock.testing.ContainerRootBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static io.github.drydock.testing.ContainerRootBuilder.hexId;
import static io.github.drydock.testing.ContainerRootBuilder.logLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogReaderTest {
    private static final String ID = hexId("web");

    @TempDir
    Path temp;

    private ContainerRootBuilder builder() {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).modernImageStore("overlay2");
        b.modernContainer(ID).set("Name", "/web")
                .set("LogPath", "/var/lib/docker/containers/" + ID + "/" + ID + "-json.log").write();
        return b;
    }

    private static Container container(ContainerRootBuilder b) {
        return ContainerStore.read(new RootContext(b.root(), null)).get(0);
    }

    private static List<LogLine> readAll(Container c) throws DockerStorageException {
        try (Stream<LogLine> lines = LogReader.lines(c)) {
            return lines.toList();
        }
    }

    private static String line(int n, String stream) {
        return logLine(stream, "2015-03-01T12:00:0" + n + "Z", "line " + n + "\n");
    }

    @Test
    void rotatedFilesComeFirstOldestFirstAndStreamsStaySeparate() throws IOException {
        ContainerRootBuilder b = builder();
        Path dir = b.containerDir(ID);
        Files.write(dir.resolve(ID + "-json.log.3.gz"), gzip(line(1, "stdout") + "\n"));
        b.log(ID, ".2", List.of(line(2, "stderr")));
        b.log(ID, ".1", List.of(line(3, "stdout")));
        b.log(ID, "", List.of(line(4, "stderr"), line(5, "stdout")));
        b.log(ID, ".bak", List.of(line(9, "stdout")));

        List<LogLine> lines = readAll(container(b));

        assertThat(lines).extracting(LogLine::text)
                .containsExactly("line 1\n", "line 2\n", "line 3\n", "line 4\n", "line 5\n");
        assertThat(lines).extracting(LogLine::stream)
                .containsExactly("stdout", "stderr", "stdout", "stderr", "stdout");
        assertThat(lines.get(0).time()).isEqualTo(Instant.parse("2015-03-01T12:00:01Z"));
    }

    @Test
    void malformedAndTruncatedLinesAreSkipped() throws IOException {
        ContainerRootBuilder b = builder();
        Path log = b.log(ID, "", List.of(line(1, "stdout"), "{not json", "", "{\"stream\":\"stdout\"}",
                logLine("stdout", "yesterday", "odd time\n"), line(2, "stderr")));
        Files.writeString(log, "{\"log\":\"cut by the cra", StandardOpenOption.APPEND);

        List<LogLine> lines = readAll(container(b));

        assertThat(lines).extracting(LogLine::text).containsExactly("line 1\n", "odd time\n", "line 2\n");
        assertThat(lines.get(1).time()).isNull();
    }

    @Test
    void lineOverTheBoundIsSkippedWithoutBeingHeld() throws IOException {
        ContainerRootBuilder b = builder();
        Path log = b.containerDir(ID).resolve(ID + "-json.log");
        try (OutputStream out = Files.newOutputStream(log)) {
            out.write((line(1, "stdout") + "\n{\"log\":\"").getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1024 * 1024];
            Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < 17; i++) {
                out.write(block);
            }
            out.write(("\",\"stream\":\"stdout\"}\n" + line(2, "stdout") + "\n").getBytes(StandardCharsets.UTF_8));
        }

        List<LogLine> lines = readAll(container(b));

        assertThat(lines).extracting(LogLine::text).containsExactly("line 1\n", "line 2\n");
    }

    @Test
    void damagedGzipRotationIsSkippedAndTheRestIsRead() throws IOException {
        ContainerRootBuilder b = builder();
        Path dir = b.containerDir(ID);
        byte[] whole = gzip(line(1, "stdout") + "\n" + line(2, "stdout") + "\n");
        Files.write(dir.resolve(ID + "-json.log.2.gz"), "garbage".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve(ID + "-json.log.1.gz"), Arrays.copyOf(whole, whole.length - 12));
        b.log(ID, "", List.of(line(3, "stdout")));

        List<LogLine> lines = readAll(container(b));

        assertThat(lines).extracting(LogLine::text).containsExactly("line 1\n", "line 3\n");
    }

    @Test
    void missingLogThrowsWithItsPath() {
        ContainerRootBuilder b = builder();
        Container c = container(b);

        assertThatThrownBy(() -> LogReader.lines(c)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining(b.containerDir(ID).resolve(ID + "-json.log").toString())
                .hasMessageContaining("is missing")
                .satisfies(e -> assertThat(((DockerStorageException) e).path())
                        .contains(b.containerDir(ID).resolve(ID + "-json.log")));
    }

    @Test
    void otherLogDriverIsNamed() {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).modernImageStore("overlay2");
        b.modernContainer(ID).set("LogPath", "").host("LogConfig", Map.of("Type", "journald", "Config", Map.of()))
                .write();
        Container c = container(b);

        assertThat(c.logPath()).isNull();
        assertThatThrownBy(() -> LogReader.lines(c)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("'journald' driver")
                .hasMessageContaining(b.containerDir(ID).resolve(ID + "-json.log").toString());
    }

    @Test
    void closingTheStreamClosesTheOpenFile() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "no /proc/self/fd");
        ContainerRootBuilder b = builder();
        Path log = b.log(ID, "", List.of(line(1, "stdout"), line(2, "stdout")));
        Container c = container(b);

        Stream<LogLine> lines = LogReader.lines(c);
        Iterator<LogLine> it = lines.iterator();
        assertThat(it.next().text()).isEqualTo("line 1\n");
        boolean openWhileReading = openFiles(fds).contains(log);
        lines.close();

        assertThat(openWhileReading).isTrue();
        assertThat(openFiles(fds)).doesNotContain(log);
    }

    @Test
    void lineReaderSplitsAcrossChunksAndKeepsALastLineWithoutNewline() throws IOException {
        byte[] text = ("a".repeat(70_000) + "\nb\n\nc").getBytes(StandardCharsets.UTF_8);
        LineReader reader = new LineReader(new ByteArrayInputStream(text), 100_000);

        assertThat(reader.next()).hasSize(70_000);
        assertThat(new String(reader.next(), StandardCharsets.UTF_8)).isEqualTo("b");
        assertThat(reader.next()).isEmpty();
        assertThat(new String(reader.next(), StandardCharsets.UTF_8)).isEqualTo("c");
        assertThat(reader.next()).isNull();
    }

    private static List<Path> openFiles(Path fds) throws IOException {
        try (Stream<Path> entries = Files.list(fds)) {
            return entries.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return fd;
                }
            }).toList();
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

}
