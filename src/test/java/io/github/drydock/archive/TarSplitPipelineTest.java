package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.testing.TarSplitTestLayers;
import io.github.drydock.testing.TarSplitTestLayers.SyntheticLayer;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two-thread rebuild (reader + CRC-64 on a worker, SHA-256 + output on the caller) over layers of many
 * buffers: same bytes, same first mismatch, failures surface in order, and the worker never outlives a call.
 */
@Timeout(60)
class TarSplitPipelineTest {
    private static final String WORKER = "drydock-layer-reader";
    private static final int MIB = 1 << 20;

    @TempDir
    Path temp;

    @AfterEach
    void noReaderThreadIsLeftRunning() {
        assertThat(readerThreads()).isZero();
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(WORKER) && t.isAlive()).count();
    }

    /** About 7 MiB: small files sharing buffers, files spanning several buffers, and a long zero run. */
    private SyntheticLayer bigLayer() {
        Random random = new Random(3);
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 600; i++) {
            files.put("small/d" + i % 7 + "/f" + i + ".txt", text(random, 1 + random.nextInt(3000)));
        }
        files.put("big/one.bin", text(random, 2 * MIB + 123));
        files.put("big/zeros.bin", "\0".repeat(3 * MIB + 5));
        files.put("big/two.bin", text(random, MIB + 7));
        for (int i = 0; i < 200; i++) {
            files.put("late/f" + i + ".txt", "late file " + i + " " + text(random, 50));
        }
        return TarSplitTestLayers.layer(temp, files);
    }

    private static String text(Random random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    @Test
    void aLayerOfManyBuffersIsRebuiltByteForByte() throws IOException {
        SyntheticLayer layer = bigLayer();
        assertThat(layer.tar().length).isGreaterThan(TarSplitProducer.CHUNKS * TarSplitProducer.CHUNK_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerTarReport report = TarSplitAssembler.write(layer.tarSplit(), layer.folder(), layer.diffId(), out);
        assertThat(report.ok()).isTrue();
        assertThat(report.size()).isEqualTo(layer.tar().length);
        assertThat(out.toByteArray()).isEqualTo(layer.tar());
        assertThat(TarSplitAssembler.verify(layer.tarSplit(), layer.folder(), layer.diffId()).computedDiffId())
                .isEqualTo(layer.diffId());
    }

    @Test
    void writingStopsAtTheFirstChangedFileHavingWrittenExactlyTheBytesUpToIt() throws IOException {
        SyntheticLayer layer = bigLayer();
        byte[] original = TestFiles.read(layer.folder().resolve("big/two.bin")).getBytes(StandardCharsets.UTF_8);
        byte[] changed = original.clone();
        changed[changed.length / 2] ^= 1;
        java.nio.file.Files.write(layer.folder().resolve("big/two.bin"), changed);
        TestFiles.write(layer.folder().resolve("late/f150.txt"), "late file 150 changed");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> TarSplitAssembler.write(layer.tarSplit(), layer.folder(), layer.diffId(), out))
                .isInstanceOfSatisfying(LayerTarException.class, e -> {
                    assertThat(e.report().mismatches()).singleElement()
                            .satisfies(m -> assertThat(m.path()).isEqualTo("big/two.bin"))
                            .satisfies(m -> assertThat(m.kind()).isEqualTo(LayerTarMismatch.Kind.CHANGED));
                    assertThat(e.report().size()).isEqualTo(out.size());
                })
                .hasMessageContaining("file big/two.bin changed");
        int start = ExportWriterTest.indexOf(layer.tar(), original);
        assertThat(start).isNotNegative();
        int end = start + original.length;
        byte[] expected = Arrays.copyOf(layer.tar(), end);
        System.arraycopy(changed, 0, expected, end - changed.length, changed.length);
        assertThat(out.toByteArray()).isEqualTo(expected);

        LayerTarReport all = TarSplitAssembler.verify(layer.tarSplit(), layer.folder(), layer.diffId());
        assertThat(all.mismatches()).extracting(LayerTarMismatch::path).containsExactly("big/two.bin", "late/f150.txt");
        assertThat(all.size()).isEqualTo(layer.tar().length - original.length + changed.length
                - "late file 150 ".length() - 50 + "late file 150 changed".length());
    }

    @Test
    void aFailingOutputStreamsErrorComesBackAndTheReaderStops() {
        SyntheticLayer layer = bigLayer();
        OutputStream failing = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 2 * MIB) {
                    throw new IOException("disk full");
                }
            }
        };
        assertThatThrownBy(() -> TarSplitAssembler.write(layer.tarSplit(), layer.folder(), layer.diffId(), failing))
                .isInstanceOf(IOException.class).isNotInstanceOf(DockerStorageException.class).hasMessage("disk full");
        assertThat(readerThreads()).isZero();
    }

    @Test
    void aMalformedEntryLateInTheFileFailsAfterTheBytesBeforeIt() {
        byte[] segment = new byte[3 * MIB + 11];
        new Random(1).nextBytes(segment);
        Path file = TarSplitTestLayers.tarSplit(temp.resolve("late-bad.json.gz"), List.of(
                "{\"type\":2,\"payload\":\"" + Base64.getEncoder().encodeToString(segment) + "\",\"position\":0}",
                "{\"type\":7,\"position\":1}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> TarSplitAssembler.write(file, TestFiles.mkdirs(temp.resolve("none")), null, out))
                .isInstanceOf(DockerStorageException.class).isNotInstanceOf(LayerTarException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("entry at position 1")
                .hasMessageContaining("unknown type 7");
        assertThat(out.toByteArray()).isEqualTo(segment);
    }

    @Test
    void anInterruptedCallerGetsAnInterruptedIoExceptionAndKeepsItsInterruptFlag() {
        SyntheticLayer layer = bigLayer();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> TarSplitAssembler.write(layer.tarSplit(), layer.folder(), layer.diffId(),
                    OutputStream.nullOutputStream())).isInstanceOf(InterruptedIOException.class)
                    .hasMessageContaining(layer.tarSplit().toString());
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThatThrownBy(() -> {
            Thread.currentThread().interrupt();
            try {
                TarSplitAssembler.verify(layer.tarSplit(), layer.folder(), layer.diffId());
            } finally {
                Thread.interrupted();
            }
        }).isInstanceOf(DockerStorageException.class).hasMessageContaining("interrupted");
    }
}
