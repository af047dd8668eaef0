package io.github.drydock.driver;

import io.github.drydock.model.FileType;
import io.github.drydock.testing.ContainerRootBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fast {@code lstat} ({@link UnixLstat}, fields of OpenJDK's own attribute object) says exactly what
 * the {@code unix} attribute view says, node type by node type, time by time.
 */
class UnixLstatTest {
    @TempDir
    Path tmp;

    private static Node viaView(Path path) throws IOException {
        return Node.fromUnixAttributes(Files.readAttributes(path, HostNodeInspector.STAT_FIELDS,
                LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theTestsRunWithSunNioFsOpenedAsTheCliJarOpensIt() {
        // surefire's argLine opens it, as the CLI jar's manifest does: without it every test below would
        // compare the view with itself
        assertThat(UnixLstat.available()).isTrue();
    }

    @Test
    void everyKindOfNodeGivesTheSameFactsAsTheUnixView() throws IOException {
        List<Path> nodes = new ArrayList<>();
        Path file = Files.writeString(tmp.resolve("file"), "content");
        assertThat(new ProcessBuilder("chmod", "4750", file.toString()).start().onExit().join().exitValue()).isZero();
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2021-03-04T05:06:07.123456789Z")));
        nodes.add(file);
        Path sticky = Files.createDirectory(tmp.resolve("sticky"));
        assertThat(new ProcessBuilder("chmod", "1777", sticky.toString()).start().onExit().join().exitValue()).isZero();
        nodes.add(sticky);
        nodes.add(Files.createSymbolicLink(tmp.resolve("dangling"), Path.of("/nowhere/at/all")));
        nodes.add(Files.createLink(tmp.resolve("second-name"), file));
        Path fifo = tmp.resolve("fifo");
        if (ContainerRootBuilder.mkfifo(fifo)) {
            nodes.add(fifo);
        }
        nodes.add(Path.of("/dev/null")); // a character device 1:3
        Path old = Files.writeString(tmp.resolve("1960"), "");
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("1960-01-01T00:00:00.5Z")));
        nodes.add(old);
        Path far = Files.writeString(tmp.resolve("far"), ""); // beyond 2255: nanoseconds overflow a long
        Files.setLastModifiedTime(far, FileTime.from(Instant.parse("2400-01-01T00:00:00.000000123Z")));
        nodes.add(far);
        for (Path node : nodes) {
            Node fast = UnixLstat.lstat(node);
            assertThat(fast).as(node.toString()).isNotNull().isEqualTo(viaView(node));
        }
        assertThat(UnixLstat.lstat(file).mode()).isEqualTo(04750);
        assertThat(UnixLstat.lstat(file).linkCount()).isEqualTo(2);
        assertThat(UnixLstat.lstat(file).mtime()).isEqualTo(Instant.parse("2021-03-04T05:06:07.123456789Z"));
        assertThat(UnixLstat.lstat(sticky).mode()).isEqualTo(01777);
        assertThat(UnixLstat.lstat(tmp.resolve("dangling")).type()).isEqualTo(FileType.SYMLINK);
        Node devNull = UnixLstat.lstat(Path.of("/dev/null"));
        assertThat(devNull.type()).isEqualTo(FileType.CHAR);
        assertThat(devNull.devMajor()).isEqualTo(1);
        assertThat(devNull.devMinor()).isEqualTo(3);
    }

    @Test
    void timesFarFromNineteenSeventyAreConvertedAsOpenJdkDoes() {
        long[][] cases = {{0, 0}, {1, 5}, {-1, 999_999_999}, {9_300_000_000L, 7}, {-9_300_000_000L, 123_456_789},
                          {Long.MAX_VALUE / 2, 0}, {Long.MAX_VALUE / 2, 1}, {-Long.MAX_VALUE / 2, 1}};
        for (long[] c : cases) {
            Instant expected = openJdk(c[0], c[1]);
            assertThat(UnixLstat.instant(c[0], c[1])).as(c[0] + "s " + c[1] + "ns").isEqualTo(expected);
        }
    }

    /** OpenJDK's {@code UnixFileAttributes.toFileTime}, then {@code toInstant}. */
    private static Instant openJdk(long sec, long nsec) {
        if (nsec == 0) {
            return FileTime.from(sec, java.util.concurrent.TimeUnit.SECONDS).toInstant();
        }
        try {
            return FileTime.from(Math.addExact(nsec, Math.multiplyExact(sec, 1_000_000_000L)),
                    java.util.concurrent.TimeUnit.NANOSECONDS).toInstant();
        } catch (ArithmeticException e) {
            return FileTime.from(sec * 1_000_000L + nsec / 1_000L, java.util.concurrent.TimeUnit.MICROSECONDS)
                    .toInstant();
        }
    }

    @Test
    void aMissingNodeFailsAsTheViewFails() {
        assertThatThrownBy(() -> UnixLstat.lstat(tmp.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
    }
}
