package io.github.drydock.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SaveTarWriterTest {
    @TempDir
    Path temp;

    @Test
    void aMemberOver8GibGetsAGoStylePaxSizeRecord() throws IOException {
        long size = (8L << 30) + 1;
        Path sparse = temp.resolve("big.tar");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(size);
        }
        byte[] head = new byte[4 * 512];
        long[] total = {0};
        OutputStream capture = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (total[0] < head.length) {
                    System.arraycopy(b, off, head, (int) total[0], (int) Math.min(len, head.length - total[0]));
                }
                total[0] += len;
            }
        };
        SaveTarWriter writer = new SaveTarWriter(capture);
        writer.write(new SaveEntry.LayerTar("abc/layer.tar", 1_700_000_000L, new SaveLayerSource.Spooled(sparse, "0".repeat(64), size)));
        writer.finish();

        assertThat(new String(head, 0, 26, StandardCharsets.US_ASCII)).isEqualTo("abc/PaxHeaders.0/layer.tar");
        assertThat((char) head[156]).isEqualTo('x');
        assertThat(new String(head, 512, 19, StandardCharsets.US_ASCII)).isEqualTo("19 size=8589934593\n");
        assertThat(new String(head, 1024 + 124, 12, StandardCharsets.US_ASCII)).isEqualTo("00000000000\0");
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(Arrays.copyOf(head, 1536)))) {
            TarArchiveEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("abc/layer.tar");
            assertThat(entry.getSize()).isEqualTo(size);
            assertThat(entry.getModTime().getTime()).isEqualTo(1_700_000_000_000L);
        }
        assertThat(total[0]).isEqualTo(3 * 512 + size + 511 + 1024);
        assertThat(writer.bytes()).isEqualTo(total[0]);
    }
}
