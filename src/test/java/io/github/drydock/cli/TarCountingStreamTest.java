package io.github.drydock.cli;

import io.github.drydock.archive.ExportResult;
import io.github.drydock.archive.ExportWriter;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.union.UnionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class TarCountingStreamTest {
    @TempDir
    Path tmp;

    /** Hands bytes on in odd-sized pieces, so headers arrive split across writes. */
    private static final class Chopping extends OutputStream {
        private final OutputStream out;
        private final Random random = new Random(7);

        Chopping(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, 1 + random.nextInt(700));
                if (n == 1) {
                    out.write(b[off]);
                } else {
                    out.write(b, off, n);
                }
                off += n;
                len -= n;
            }
        }
    }

    @Test
    void countsMembersAndBytesOfAnExportWrittenInOddPieces() throws Exception {
        Path folder = mkdirs(tmp.resolve("tree"));
        write(folder.resolve("a.txt"), "a".repeat(1000));
        write(folder.resolve("empty"), "");
        byte[] big = new byte[300_001];
        new Random(1).nextBytes(big);
        write(folder.resolve("sub/big.bin"), big);
        String longName = "d".repeat(120) + "/" + "f".repeat(120) + ".txt";
        write(folder.resolve(longName), "long names take a PAX header\n");
        write(folder.resolve("ünïcödé.txt"), "non-ASCII names take a PAX header too\n");
        Files.createLink(folder.resolve("hard"), folder.resolve("a.txt"));
        symlink(folder.resolve("link"), "a.txt");
        UnionView view = UnionView.ofFolder(folder, "tree", NodeInspector.system());

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        TarCountingStream counting = new TarCountingStream(tar);
        ExportResult result = ExportWriter.write(view, new Chopping(counting));

        assertThat(result.entries()).as("a.txt, empty, sub/, sub/big.bin, d.../, d.../f....txt, ü..., hard, link")
                .isEqualTo(9);
        assertThat(counting.members()).isEqualTo(result.entries());
        assertThat(counting.bytes()).isEqualTo(tar.size());
    }
}
