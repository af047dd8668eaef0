package io.github.drydock.archive;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.Problem;
import io.github.drydock.union.UnionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Big files copied beside the walk into their room in a tar file ({@link ExportBigFiles}): the tar is the
 * one written in order, byte for byte, whatever the file held before, whatever a big file did meanwhile.
 */
class ExportBigFilesTest {
    @TempDir
    Path tmp;

    /**
     * A sink over a file channel that allows writing at any offset (as the CLI's {@code -o FILE}); with a
     * file to reopen, big files are copied inside the kernel.
     */
    private static final class Positional extends OutputStream implements ChannelSink {
        private final FileChannel channel;
        private final Path reopen;
        private int reopened;

        Positional(FileChannel channel, Path reopen) {
            this.channel = channel;
            this.reopen = reopen;
        }

        @Override
        public FileChannel reopen() throws IOException {
            reopened++;
            return reopen == null ? null : FileChannel.open(reopen, StandardOpenOption.WRITE); // may fail
        }

        @Override
        public void write(int b) throws IOException {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) b}));
        }

        @Override
        public WritableByteChannel drainToChannel() {
            return channel;
        }

        @Override
        public boolean positional() {
            return true;
        }
    }

    private Path layer() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("layer"));
        for (int i = 0; i < 6; i++) {
            byte[] big = new byte[(int) ExportTarOutput.DIRECT_MIN * (i + 1) + 100 * i + 1];
            Arrays.fill(big, (byte) ('a' + i));
            Path folder = Files.createDirectories(root.resolve("d" + i));
            Files.write(folder.resolve("big.bin"), big);
            Files.writeString(folder.resolve("note.txt"), "after big file " + i + "\n");
        }
        Files.writeString(root.resolve("z-last.txt"), "the very last member\n");
        return root;
    }

    private static UnionView view(Path root) {
        return UnionView.ofFolder(root, "layer", NodeInspector.system());
    }

    private static List<FileEntry> walked(UnionView view) {
        List<FileEntry> entries = new ArrayList<>();
        try (var walk = view.walk("/")) {
            walk.forEach(entries::add);
        }
        return entries;
    }

    @ParameterizedTest(name = "kernel copy {0}")
    @ValueSource(booleans = {false, true})
    void theTarIsTheOneWrittenInOrderEvenOverOlderBytes(boolean kernel) throws IOException {
        Path root = layer();
        ByteArrayOutputStream inOrder = new ByteArrayOutputStream();
        ExportResult expected = ExportWriter.write(view(root), inOrder);
        byte[] tar = inOrder.toByteArray();

        Path out = tmp.resolve("out.tar");
        byte[] junk = new byte[tar.length + 4096];
        Arrays.fill(junk, (byte) 0xff); // a file that held other bytes where the padding goes
        Files.write(out, junk);
        ExportResult result;
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE)) {
            channel.position(512); // the tar starts where the channel stands
            Positional sink = new Positional(channel, kernel ? out : null);
            result = ExportWriter.write(view(root), sink);
            assertThat(channel.position()).as("the position ends after the tar").isEqualTo(512 + tar.length);
            assertThat(sink.reopened).as("the file was opened again for the kernel copies, once").isOne();
        }
        byte[] written = Files.readAllBytes(out);
        assertThat(Arrays.copyOfRange(written, 512, 512 + tar.length)).isEqualTo(tar);
        assertThat(written[511]).isEqualTo((byte) 0xff);
        assertThat(result.entries()).isEqualTo(expected.entries());
        assertThat(result.bytes()).isEqualTo(expected.bytes());
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void theProgressCountsWhatTheResultCounts() throws IOException {
        Path root = layer();
        ExportProgress progress = new ExportProgress();
        ExportResult result = ExportWriter.write(view(root), OutputStream.nullOutputStream(), progress);
        assertThat(progress.entries()).isEqualTo(result.entries()).isEqualTo(19); // 6 folders, 13 files
        assertThat(progress.bytes()).isEqualTo(result.bytes()).isGreaterThan(21 * ExportTarOutput.DIRECT_MIN);
    }

    @Test
    void aFileThatCannotBeOpenedAgainCostsOnlySpeed() throws IOException {
        Path root = layer();
        ByteArrayOutputStream inOrder = new ByteArrayOutputStream();
        ExportWriter.write(view(root), inOrder);
        Path out = tmp.resolve("out.tar");
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ExportWriter.write(view(root), new Positional(channel, tmp.resolve("no/such/folder/out.tar")));
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(inOrder.toByteArray());
    }

    @ParameterizedTest(name = "kernel copy {0}")
    @ValueSource(booleans = {false, true})
    void aBigFileCutShortAfterTheWalkIsPaddedWithZerosAndReportedAsInOrder(boolean kernel) throws IOException {
        Path root = layer();
        List<FileEntry> entries = walked(view(root));
        FileEntry big = entries.stream().filter(e -> e.path().equals("/d3/big.bin")).findFirst().orElseThrow();
        try (FileChannel file = FileChannel.open(root.resolve("d3/big.bin"), StandardOpenOption.WRITE)) {
            file.truncate(1000); // after the walk saw its size
        }
        ByteArrayOutputStream inOrder = new ByteArrayOutputStream();
        ExportResult expected = ExportWriter.write(view(root), iterator(entries), "/", inOrder);

        Path out = tmp.resolve("cut.tar");
        Files.write(out, filled(inOrder.size(), (byte) 0x55));
        ExportResult result;
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE)) {
            result = ExportWriter.write(view(root), iterator(entries), "/", new Positional(channel, kernel ? out : null));
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(inOrder.toByteArray());
        assertThat(result.problems()).extracting(Problem::message)
                .containsExactlyElementsOf(expected.problems().stream().map(Problem::message).toList())
                .singleElement().asString().contains("/d3/big.bin ended after 1000 of " + big.size() + " bytes");
        TarReading.Member member = TarReading.member(TarReading.read(Files.readAllBytes(out)), "d3/big.bin");
        assertThat(member.size()).isEqualTo(big.size());
        assertThat(member.text().substring(0, 1000)).matches("d{1000}");
        assertThat(member.text().substring(1000)).matches("\u0000+").hasSize((int) big.size() - 1000);
    }

    @Test
    void aWalkThatFailsLeavesTheSameWholePrefixAsInOrder() throws IOException {
        Path root = layer();
        List<FileEntry> entries = walked(view(root));
        ByteArrayOutputStream inOrder = new ByteArrayOutputStream();
        assertThatThrownBy(() -> ExportWriter.write(view(root), failingAfter(entries, "/d4"), "/", inOrder))
                .hasMessage("listing exploded");
        Path out = tmp.resolve("prefix.tar");
        Files.write(out, filled(inOrder.size() + 8192, (byte) 0x55));
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> ExportWriter.write(view(root), failingAfter(entries, "/d4"), "/",
                    new Positional(channel, out))).hasMessage("listing exploded");
        }
        byte[] written = Arrays.copyOf(Files.readAllBytes(out), inOrder.size());
        assertThat(inOrder.size()).as("the big files of d0 to d3 are in it")
                .isGreaterThan(10 * (int) ExportTarOutput.DIRECT_MIN);
        assertThat(written).as("every room before the failure is filled").isEqualTo(inOrder.toByteArray());
    }

    /** The walk's entries up to (not including) {@code stop}, then a failure. */
    private static Iterator<FileEntry> failingAfter(List<FileEntry> entries, String stop) {
        Iterator<FileEntry> all = iterator(entries);
        return new Iterator<>() {
            private FileEntry next = advance();

            private FileEntry advance() {
                FileEntry e = all.hasNext() ? all.next() : null;
                return e != null && e.path().equals(stop) ? null : e;
            }

            @Override
            public boolean hasNext() {
                if (next == null) {
                    throw new IllegalStateException("listing exploded");
                }
                return true;
            }

            @Override
            public FileEntry next() {
                FileEntry e = next;
                next = advance();
                return e;
            }
        };
    }

    @Test
    void aCopyThatFailsFailsTheExport() throws IOException {
        Path file = Files.write(tmp.resolve("f.bin"), new byte[4096]);
        FileEntry entry = walked(view(tmp)).stream().filter(e -> e.path().equals("/f.bin")).findFirst().orElseThrow();
        FileChannel closed = FileChannel.open(file);
        closed.close();
        try (FileChannel out = FileChannel.open(tmp.resolve("out"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE); ExportBigFiles big = new ExportBigFiles(out, null)) {
            big.copy(new ExportProducer.Transfer(entry, closed), 0);
            assertThatThrownBy(big::finish).isInstanceOf(ClosedChannelException.class);
            FileChannel next = FileChannel.open(file);
            assertThatThrownBy(() -> big.copy(new ExportProducer.Transfer(entry, next), 8192))
                    .isInstanceOf(ClosedChannelException.class);
            assertThat(next.isOpen()).as("a file handed over after the failure is closed, not leaked").isFalse();
        }
    }

    @Test
    void filesHandedOverAfterCloseAreClosed() throws IOException {
        Path file = Files.write(tmp.resolve("f.bin"), new byte[4096]);
        FileEntry entry = walked(view(tmp)).stream().filter(e -> e.path().equals("/f.bin")).findFirst().orElseThrow();
        try (FileChannel out = FileChannel.open(tmp.resolve("out"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ExportBigFiles big = new ExportBigFiles(out, null);
            big.close();
            FileChannel in = FileChannel.open(file);
            big.copy(new ExportProducer.Transfer(entry, in), 0);
            assertThat(in.isOpen()).isFalse();
            assertThat(Files.size(tmp.resolve("out"))).isZero();
        }
    }

    @Test
    void standardOutputIsPositionalOnlyAsARegularFileNotAppendedTo() throws IOException {
        Path proc = Files.createDirectories(tmp.resolve("proc"));
        Files.createDirectories(proc.resolve("fd"));
        Files.createDirectories(proc.resolve("fdinfo"));
        Path file = Files.writeString(tmp.resolve("target.tar"), "");
        Files.createSymbolicLink(proc.resolve("fd/1"), file);
        Files.writeString(proc.resolve("fdinfo/1"), "pos:\t0\nflags:\t0100001\nmnt_id:\t30\n");
        assertThat(SeekableOutput.fd(proc, 1)).isTrue();
        Files.writeString(proc.resolve("fdinfo/1"), "pos:\t0\nflags:\t0102001\nmnt_id:\t30\n"); // >> file
        assertThat(SeekableOutput.fd(proc, 1)).isFalse();
        Files.writeString(proc.resolve("fdinfo/1"), "pos:\t0\nmnt_id:\t30\n");
        assertThat(SeekableOutput.fd(proc, 1)).as("no flags line: unknown, so no").isFalse();
        Files.writeString(proc.resolve("fdinfo/1"), "pos:\t0\nflags:\t0100001\n");
        Files.delete(proc.resolve("fd/1"));
        Files.createSymbolicLink(proc.resolve("fd/1"), Path.of("/dev/null")); // a device, not a file
        assertThat(SeekableOutput.fd(proc, 1)).isFalse();
        Files.delete(proc.resolve("fd/1"));
        assertThat(SeekableOutput.fd(proc, 1)).as("no such descriptor").isFalse();
        assertThat(SeekableOutput.flags("flags:\t0102001\n")).isEqualTo(0102001);
        assertThat(SeekableOutput.flags("flags:\tzz\n")).isNull();
    }

    private static byte[] filled(int size, byte value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static Iterator<FileEntry> iterator(List<FileEntry> entries) {
        return entries.stream().filter(e -> !e.path().equals("/")).iterator();
    }
}
