package io.github.drydock.archive;

import io.github.drydock.model.FileNames;
import io.github.drydock.testing.TarSplitTestLayers;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tar-split stores a member name that is not UTF-8 as {@code name_raw} bytes: the file is opened by exactly
 * those bytes, not by a look-alike whose name differs only in such a byte.
 */
class TarSplitRawNameTest {
    @TempDir
    Path temp;

    @Test
    void aNameThatIsNotUtf8OpensExactlyItsOwnFile() throws Exception {
        Path layerDir = TestFiles.mkdirs(temp.resolve("layer/bin"));
        byte[] name = {'b', 'i', 'n', '/', 'f', (byte) 0xff};
        Files.writeString(FileNames.child(layerDir, FileNames.decode(new byte[] {'f', (byte) 0xff})), "raw\n");
        Files.writeString(FileNames.child(layerDir, FileNames.decode(new byte[] {'f', (byte) 0xfe})), "twin\n");
        TarSplitCrc64 crc = new TarSplitCrc64();
        crc.update("raw\n".getBytes(StandardCharsets.US_ASCII), 0, 4);
        Path file = TarSplitTestLayers.tarSplit(temp.resolve("raw.json.gz"), List.of(
                "{\"type\":2,\"payload\":\"AAAA\",\"position\":0}",
                "{\"type\":1,\"name_raw\":\"" + Base64.getEncoder().encodeToString(name) + "\",\"size\":4,\"payload\":\""
                        + Base64.getEncoder().encodeToString(crc.toBytes()) + "\",\"position\":1}"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerTarReport report = TarSplitAssembler.write(file, temp.resolve("layer"), null, out);

        assertThat(report.ok()).isTrue();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("\0\0\0raw\n");
        Files.delete(FileNames.child(layerDir, FileNames.decode(new byte[] {'f', (byte) 0xff})));
        assertThat(TarSplitAssembler.verify(file, temp.resolve("layer"), null).mismatches()).singleElement()
                .satisfies(m -> assertThat(m.kind()).isEqualTo(LayerTarMismatch.Kind.MISSING))
                .satisfies(m -> assertThat(FileNames.encode(m.path())).endsWith('f', (byte) 0xff));
    }
}
