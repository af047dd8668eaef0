package io.github.drydock.archive;

import io.github.drydock.archive.TarReading.Member;
import io.github.drydock.driver.Node;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.testing.UnionLayers;
import io.github.drydock.union.UnionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.drydock.archive.TarReading.member;
import static io.github.drydock.archive.TarReading.names;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The export's pipeline (walk on its own thread) and its byte output (buffer, or kernel copy). */
class ExportPipelineTest {
    private static final String WALK_THREAD = "drydock-export-walk";

    @TempDir
    Path tmp;

    private static FileEntry entry(String path) {
        return new FileEntry(path, FileType.FILE, 0644, 0, 0, 0, Instant.EPOCH, null, null, null, 0, 0, Map.of(),
                "layer", null, 0, 0, 1);
    }

    /** A walk of {@code count} entries that fails with {@code failure} after them, when given. */
    private static Iterator<FileEntry> walk(int count, RuntimeException failure, AtomicInteger produced) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (produced.get() == count && failure != null) {
                    throw failure;
                }
                return produced.get() < count;
            }

            @Override
            public FileEntry next() {
                return entry("/f" + produced.getAndIncrement());
            }
        };
    }

    @Test
    void entriesArriveInWalkOrderAcrossManyBatches() {
        int count = WalkAhead.BATCH * WalkAhead.QUEUE * 3 + 7;
        List<String> seen = new ArrayList<>();
        try (WalkAhead ahead = new WalkAhead(walk(count, null, new AtomicInteger()), "test-walk")) {
            ahead.forEachRemaining(e -> seen.add(e.path()));
        }
        assertThat(seen).hasSize(count).startsWith("/f0", "/f1").endsWith("/f" + (count - 1));
    }

    @Test
    void aFailureOfTheWalkReachesTheWriterAfterTheEntriesBeforeIt() {
        IllegalStateException boom = new IllegalStateException("listing exploded");
        List<String> seen = new ArrayList<>();
        try (WalkAhead ahead = new WalkAhead(walk(300, boom, new AtomicInteger()), "test-walk")) {
            assertThatThrownBy(() -> ahead.forEachRemaining(e -> seen.add(e.path()))).isSameAs(boom);
        }
        assertThat(seen).hasSize(300).endsWith("/f299");
    }

    @Test
    void closingEarlyStopsTheWalkAndItsThread() {
        AtomicInteger produced = new AtomicInteger();
        WalkAhead ahead = new WalkAhead(walk(Integer.MAX_VALUE, null, produced), "test-walk-stopped");
        assertThat(ahead.next().path()).isEqualTo("/f0");

        assertTimeoutPreemptively(Duration.ofSeconds(10), ahead::close);

        int stoppedAt = produced.get();
        assertThat(stoppedAt).isLessThanOrEqualTo(WalkAhead.BATCH * (WalkAhead.QUEUE + 2));
        assertThat(threadsNamed("test-walk-stopped")).isZero();
    }

    @Test
    void heavyEntriesAreHeldBackByTheirWeightNotOnlyTheirNumber() throws InterruptedException {
        AtomicInteger produced = new AtomicInteger();
        String longName = "/" + "n".repeat(4000); // an entry of about 8 KiB: 4 MiB hold some 500, not 8,192
        Iterator<FileEntry> heavy = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public FileEntry next() {
                return entry(longName + produced.getAndIncrement());
            }
        };
        long perEntry = WalkAhead.weight(entry(longName + 1000));
        try (WalkAhead ahead = new WalkAhead(heavy, "test-walk-heavy")) {
            assertThat(ahead.next().path()).startsWith(longName);
            int seen;
            do { // until the walk stops, held back
                seen = produced.get();
                Thread.sleep(200);
            } while (produced.get() != seen);
        }

        assertThat(perEntry).isGreaterThan(8000);
        assertThat((long) produced.get()).isLessThanOrEqualTo(WalkAhead.BUDGET / perEntry + 2L * WalkAhead.BATCH)
                .isLessThan(WalkAhead.BATCH * WalkAhead.QUEUE / 4);
    }

    @Test
    void aFileThatCannotBeReadEndsTheExportAfterEverythingBeforeIt() {
        // reading /proc/self/mem at its start fails with EIO, as a damaged disk does
        FileEntry unreadable = new FileEntry("/zz-unreadable", FileType.FILE, 0644, 0, 0, 100, Instant.EPOCH, null,
                null, null, 0, 0, Map.of(), "layer", Path.of("/proc/self/mem"), 0, 0, 1);
        List<FileEntry> entries = new ArrayList<>();
        int folders = ExportProducer.CHUNK / 512; // exactly one chunk: the file's header starts the next one
        for (int i = 0; i < folders; i++) {
            entries.add(new FileEntry("/d" + i, FileType.DIR, 0755, 0, 0, 0, Instant.EPOCH, null, null, null, 0, 0,
                    Map.of(), "layer", null, 0, 0, 1));
        }
        entries.add(unreadable);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> ExportWriter.write(bigViewUnchecked(), entries.iterator(), "/", out))
                .isInstanceOf(IOException.class);

        byte[] tar = out.toByteArray();
        assertThat(tar.length).isEqualTo((folders + 1) * 512); // every folder once, and the file's header
        assertThat(new String(tar, (folders - 1) * 512, 6)).isEqualTo("d" + (folders - 1) + "/");
        assertThat(new String(tar, folders * 512, 13)).isEqualTo("zz-unreadable");
        assertThat(threadsNamed(ExportWriter.THREAD)).isZero();
    }

    @Test
    void aFailingOutputEndsTheExportAndItsWalkThread() throws IOException {
        UnionView view = bigView();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };

        assertThatThrownBy(() -> ExportWriter.write(view, broken)).isInstanceOf(IOException.class)
                .hasMessage("Broken pipe");
        assertThat(threadsNamed(WALK_THREAD)).isZero();
        assertThat(threadsNamed(WALK_THREAD + "-list")).isZero();
    }

    @Test
    void aProblemMetByTheWalkIsStillReported() throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "overlay2");
        Path base = stack.diff("base");
        write(base.resolve("etc/ok.txt"), "fine\n");
        Path bad = write(base.resolve("etc/unreadable.txt"), "x");
        Path top = stack.diff("top");
        write(top.resolve("srv/new.txt"), "new\n");
        NodeInspector real = NodeInspector.system();
        NodeInspector failing = new NodeInspector() {
            @Override
            public Node stat(Path path) throws IOException {
                if (path.equals(bad)) {
                    throw new IOException("Input/output error");
                }
                return real.stat(path);
            }

            @Override
            public Map<String, byte[]> xattrs(Path layerRoot, Path path) throws IOException {
                return real.xattrs(layerRoot, path);
            }

            @Override
            public Optional<String> limitation() {
                return real.limitation();
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportResult result = ExportWriter.write(UnionView.of(stack.layers(), null, failing), out);

        assertThat(names(TarReading.read(out.toByteArray()))).containsExactly("etc/", "etc/ok.txt", "srv/",
                "srv/new.txt");
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(bad.toString());
            assertThat(p.message()).contains("Input/output error").contains("left out of the view");
        });
    }

    @Test
    void aFileStreamGetsTheSameTarAsAnyOtherStream() throws IOException {
        UnionView view = bigView();
        ByteArrayOutputStream buffered = new ByteArrayOutputStream();
        ExportWriter.write(view, buffered);
        Path file = tmp.resolve("export.tar");

        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            ExportWriter.write(bigView(), out);
        }

        byte[] direct = Files.readAllBytes(file);
        assertThat(direct).isEqualTo(buffered.toByteArray());
        List<Member> members = TarReading.read(direct);
        assertThat(member(members, "big/blob-hard.bin").size()).isEqualTo(ExportTarOutput.DIRECT_MIN * 3 + 123);
        assertThat(member(members, "big/blob-hard.bin").text()).endsWith("bbz");
        assertThat(member(members, "big/blob-hard.bin")).extracting(Member::type, Member::link)
                .containsExactly('0', "");
        assertThat(member(members, "big/blob.bin")).extracting(Member::type, Member::link)
                .containsExactly('1', "big/blob-hard.bin");
        assertThat(member(members, "small/f99.txt").text()).isEqualTo("small 99\n");
    }

    @Test
    void aShortFileIsPaddedWithZerosOnBothPaths() throws IOException {
        Path source = write(tmp.resolve("short.bin"), "0123456789");
        long announced = ExportTarOutput.DIRECT_MIN + 5;
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Path file = tmp.resolve("direct.out");

        long viaStream = content(ExportTarOutput.over(stream), source, announced);
        long viaChannel;
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            viaChannel = content(ExportTarOutput.over(out), source, announced);
        }

        assertThat(viaStream).isEqualTo(10);
        assertThat(viaChannel).isEqualTo(10);
        byte[] expected = new byte[(int) (announced + SaveGoTarHeader.padding(announced) + 1024)];
        System.arraycopy("0123456789".getBytes(), 0, expected, 0, 10);
        assertThat(stream.toByteArray()).isEqualTo(expected);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }

    @Test
    void aFileSpanningSeveralChunksIsWholeOnBothPaths() throws IOException {
        Path base = tmp.resolve("chunky");
        byte[] blob = new byte[ExportProducer.CHUNK * 2 + ExportProducer.CHUNK / 2 + 7];
        new java.util.Random(7).nextBytes(blob);
        Files.createDirectories(base.resolve("a"));
        for (int i = 0; i < 300; i++) {
            write(base.resolve("a/f" + i + ".txt"), "x".repeat(i * 37));
        }
        Files.write(base.resolve("b.bin"), blob);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Path file = tmp.resolve("chunky.tar");

        ExportWriter.write(UnionView.ofFolder(base, "base", NodeInspector.system()), stream);
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            ExportWriter.write(UnionView.ofFolder(base, "base", NodeInspector.system()), out);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(stream.toByteArray());
        try (org.apache.commons.compress.archivers.tar.TarArchiveInputStream in =
                     new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                             new java.io.ByteArrayInputStream(stream.toByteArray()))) {
            List<String> names = new ArrayList<>();
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                byte[] content = in.readAllBytes();
                if (e.getName().equals("b.bin")) {
                    assertThat(content).isEqualTo(blob);
                } else if (e.getName().startsWith("a/f")) {
                    int i = Integer.parseInt(e.getName().substring(3, e.getName().length() - 4));
                    assertThat(new String(content)).isEqualTo("x".repeat(i * 37));
                }
            }
            assertThat(names).hasSize(302).startsWith("a/", "a/f0.txt", "a/f1.txt").endsWith("b.bin");
        }
    }

    @Test
    void filesThatShrankAfterTheWalkArePaddedAndReportedOnBothPaths() throws IOException {
        Path base = tmp.resolve("shrinking");
        write(base.resolve("small.txt"), "0123456789");
        byte[] big = new byte[(int) ExportTarOutput.DIRECT_MIN + 100];
        Arrays.fill(big, (byte) 'B');
        Files.write(base.resolve("zbig.bin"), big);
        for (boolean direct : new boolean[] {false, true}) {
            UnionView view = UnionView.ofFolder(base, "base", NodeInspector.system());
            List<FileEntry> walked = view.walk("/").toList(); // sizes as they were
            Files.write(base.resolve("small.txt"), "0123".getBytes());
            Files.write(base.resolve("zbig.bin"), Arrays.copyOf(big, 1000));
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            Path file = tmp.resolve("shrunk-" + direct + ".tar");
            ExportResult result;
            try (OutputStream out = direct ? new FileOutputStream(file.toFile()) : stream) {
                result = ExportWriter.write(view, walked.subList(1, walked.size()).iterator(), "/", out);
            }

            List<Member> members = TarReading.read(direct ? Files.readAllBytes(file) : stream.toByteArray());
            assertThat(names(members)).containsExactly("small.txt", "zbig.bin");
            assertThat(member(members, "small.txt").text()).isEqualTo("0123\0\0\0\0\0\0");
            assertThat(member(members, "zbig.bin").size()).isEqualTo(big.length);
            assertThat(member(members, "zbig.bin").text()).startsWith("BBBB").endsWith("\0\0")
                    .hasSize(big.length);
            assertThat(result.problems()).extracting(p -> p.message())
                    .anySatisfy(m -> assertThat(m).contains("/small.txt ended after 4 of 10 bytes"))
                    .anySatisfy(m -> assertThat(m).contains("/zbig.bin ended after 1000 of " + big.length + " bytes"));
            write(base.resolve("small.txt"), "0123456789");
            Files.write(base.resolve("zbig.bin"), big);
        }
    }

    @Test
    void aFailingWalkStillWritesTheMembersBeforeItThenFails() {
        IllegalStateException boom = new IllegalStateException("listing exploded");
        Iterator<FileEntry> folders = new Iterator<>() {
            private int produced;

            @Override
            public boolean hasNext() {
                if (produced == 3000) {
                    throw boom;
                }
                return true;
            }

            @Override
            public FileEntry next() {
                return new FileEntry("/d" + produced++, FileType.DIR, 0755, 0, 0, 0, Instant.EPOCH, null, null, null,
                        0, 0, Map.of(), "layer", null, 0, 0, 1);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> ExportWriter.write(bigViewUnchecked(), folders, "/", out)).isSameAs(boom);

        byte[] tar = out.toByteArray();
        assertThat(tar.length).isEqualTo(3000 * 512); // every header made before the failure, no end blocks
        assertThat(new String(tar, 2999 * 512, 6)).isEqualTo("d2999/");
        assertThat(threadsNamed(ExportWriter.THREAD)).isZero();
        assertThat(threadsNamed(ExportWriter.THREAD + "-list")).isZero();
    }

    private static long content(ExportTarOutput output, Path source, long size) throws IOException {
        try (FileChannel in = FileChannel.open(source)) {
            long read = output.content(in, size);
            output.finish();
            return read;
        }
    }

    /** 200 small files, and a file bigger than {@link ExportTarOutput#DIRECT_MIN} with a second name. */
    private UnionView bigView() throws IOException {
        Path base = tmp.resolve("big-layers/base");
        if (!Files.isDirectory(base)) {
            for (int i = 0; i < 200; i++) {
                write(base.resolve("small/f" + i + ".txt"), "small " + i + "\n");
            }
            byte[] blob = new byte[(int) ExportTarOutput.DIRECT_MIN * 3 + 123];
            Arrays.fill(blob, (byte) 'b');
            blob[blob.length - 1] = 'z';
            Files.createDirectories(base.resolve("big"));
            Files.write(base.resolve("big/blob.bin"), blob);
            Files.createLink(base.resolve("big/blob-hard.bin"), base.resolve("big/blob.bin"));
        }
        return UnionView.ofFolder(base, "base", NodeInspector.system());
    }

    private UnionView bigViewUnchecked() {
        try {
            return bigView();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .count();
    }
}
