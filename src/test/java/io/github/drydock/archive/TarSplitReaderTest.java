package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.testing.TarSplitTestLayers;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarSplitReaderTest {
    private static final String SEGMENT = "{\"type\":2,\"payload\":\"AAEC\",\"position\":0}";

    @TempDir
    Path temp;

    @Test
    void crc64MatchesTheIsoCheckValueAndTarSplitsRecordedPayloads() {
        assertThat(crc("123456789")).isEqualTo(0xB90956C775A41001L);
        assertThat(Base64.getEncoder().encodeToString(TarSplitCrc64.toBytes(crc("123456789")))).isEqualTo("uQlWx3WkEAE=");
        assertThat(Base64.getEncoder().encodeToString(TarSplitCrc64.toBytes(crc("new\n")))).isEqualTo("YVqy3bAAAAA=");
        assertThat(Base64.getEncoder().encodeToString(TarSplitCrc64.toBytes(crc("changed\n")))).isEqualTo("DUNi0b2EGCc=");
        assertThat(Base64.getEncoder().encodeToString(TarSplitCrc64.toBytes(crc("x\n")))).isEqualTo("YVMQAAAAAAA=");
    }

    @Test
    void crc64SlicingByEightEqualsByteByByte() {
        byte[] data = new byte[100_003];
        new Random(7).nextBytes(data);
        TarSplitCrc64 bulk = new TarSplitCrc64();
        bulk.update(data, 3, data.length - 3);
        TarSplitCrc64 single = new TarSplitCrc64();
        for (int i = 3; i < data.length; i++) {
            single.update(data[i]);
        }
        assertThat(bulk.getValue()).isEqualTo(single.getValue()).isNotZero();
    }

    @Test
    void readsSegmentsAndFilesInOrderWithRawNamesAndEmptyPayloads() throws IOException {
        String rawName = Base64.getEncoder().encodeToString("bad\u00ffname".getBytes(StandardCharsets.ISO_8859_1));
        Path file = TarSplitTestLayers.tarSplit(temp.resolve("ts.json.gz"), List.of(SEGMENT,
                "{\"type\":1,\"name\":\"./bin/tool\",\"size\":3,\"payload\":\"uQlWx3WkEAE=\",\"position\":1}",
                "{\"type\":1,\"name_raw\":\"" + rawName + "\",\"payload\":null,\"position\":2}",
                "{\"type\":2,\"payload\":\"\",\"position\":3}",
                "{\"type\":2,\"payload\":null,\"position\":4}"));
        List<TarSplitEntry> entries = new ArrayList<>();
        try (TarSplitReader reader = TarSplitReader.open(file)) {
            for (TarSplitEntry e = reader.next(); e != null; e = reader.next()) {
                entries.add(e);
            }
        }
        assertThat(entries).hasSize(5);
        assertThat(((TarSplitEntry.Segment) entries.get(0)).bytes()).containsExactly(0, 1, 2);
        assertThat(entries.get(1)).isEqualTo(new TarSplitEntry.File(1, "./bin/tool", false, 3, 0xB90956C775A41001L));
        TarSplitEntry.File raw = (TarSplitEntry.File) entries.get(2);
        assertThat(raw.rawName()).isTrue();
        assertThat(raw.name()).startsWith("bad").endsWith("name");
        assertThat(((TarSplitEntry.Segment) entries.get(3)).bytes()).isEmpty();
        assertThat(((TarSplitEntry.Segment) entries.get(4)).bytes()).isEmpty();
        assertThat(TarSplitReader.tarSize(file)).isEqualTo(3 + 3);
    }

    @Test
    void refusesAMalformedLineNamingTheFileAndPosition() {
        Path file = TarSplitTestLayers.tarSplit(temp.resolve("bad.json.gz"), List.of(SEGMENT, "{\"type\":1,\"name\":"));
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("entry at position 1")
                .hasMessageContaining("cannot parse");
    }

    @Test
    void refusesEntriesOutOfSequenceUnknownTypesAndImpossibleSizes() {
        assertRefused(List.of(SEGMENT, "{\"type\":2,\"payload\":\"\",\"position\":5}"), "position 1", "says position 5");
        assertRefused(List.of(SEGMENT, "{\"type\":3,\"position\":1}"), "position 1", "unknown type 3");
        assertRefused(List.of("{\"type\":1,\"name\":\"a\",\"size\":-4,\"payload\":\"uQlWx3WkEAE=\",\"position\":0}"),
                "position 0", "impossible size -4");
        assertRefused(List.of("{\"type\":1,\"name\":\"a\",\"size\":9000000000000000000,\"payload\":\"uQlWx3WkEAE=\",\"position\":0}"),
                "position 0", "impossible size");
        assertRefused(List.of("{\"type\":1,\"name\":\"a\",\"size\":99999999999999999999999,\"payload\":\"uQlWx3WkEAE=\",\"position\":0}"),
                "position 0", "cannot parse");
        assertRefused(List.of("{\"type\":1,\"name\":\"a\",\"size\":4,\"payload\":\"AAE=\",\"position\":0}"),
                "position 0", "8-byte CRC-64");
        assertRefused(List.of("{\"type\":1,\"name\":\"a\\u0000b\",\"position\":0}"), "position 0", "NUL");
        assertRefused(List.of("[1,2]"), "position 0", "cannot parse");
    }

    @Test
    void refusesATruncatedGzipStream() throws IOException {
        Path good = TarSplitTestLayers.tarSplit(temp.resolve("good.json.gz"), List.of(SEGMENT, SEGMENT.replace(":0", ":1")));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(temp.resolve("cut.json.gz"), java.util.Arrays.copyOf(bytes, bytes.length - 12));
        assertThatThrownBy(() -> readAll(cut)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining(cut.toString());
        Path notGzip = TestFiles.write(temp.resolve("plain.json.gz"), SEGMENT);
        assertThatThrownBy(() -> readAll(notGzip)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("cannot read tar-split " + notGzip);
    }

    @Test
    void refusesALineLongerThanTheLimitBeforeBufferingIt() throws IOException {
        Path file = temp.resolve("long.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"type\":2,\"payload\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "AAAA".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < TarSplitReader.MAX_LINE_BYTES / chunk.length + 2; i++) {
                out.write(chunk);
            }
            out.write("\",\"position\":0}\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("position 0").hasMessageContaining("longer than");
    }

    @Test
    void refusesATarSplitFileThatIsASymlinkOrAFifo() {
        Path real = TarSplitTestLayers.tarSplit(temp.resolve("real.json.gz"), List.of(SEGMENT));
        Path link = TestFiles.symlink(temp.resolve("link.json.gz"), real.toString());
        assertThatThrownBy(() -> TarSplitReader.open(link)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("not a regular file");
        Path fifo = TarSplitTestLayers.fifo(temp.resolve("fifo.json.gz"));
        assertThatThrownBy(() -> TarSplitReader.open(fifo)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("not a regular file");
    }

    private void assertRefused(List<String> lines, String... messageParts) {
        Path file = TarSplitTestLayers.tarSplit(temp.resolve("t" + System.nanoTime() + ".json.gz"), lines);
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining(file.toString()).hasMessageContainingAll(messageParts);
    }

    private static int readAll(Path file) throws DockerStorageException {
        int n = 0;
        try (TarSplitReader reader = TarSplitReader.open(file)) {
            while (reader.next() != null) {
                n++;
            }
        }
        return n;
    }

    private static long crc(String text) {
        TarSplitCrc64 crc = new TarSplitCrc64();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }
}
