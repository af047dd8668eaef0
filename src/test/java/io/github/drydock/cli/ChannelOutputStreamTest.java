package io.github.drydock.cli;

import io.github.drydock.archive.ExportWriter;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.union.UnionView;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's file and stdout stream lets an export copy big files straight into its channel: what was
 * buffered before comes first, and the tar is byte for byte the one written through a plain stream.
 */
class ChannelOutputStreamTest {
    @TempDir
    Path tmp;

    /** Also with big files copied beside, into their room ({@code positional}): the same bytes. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void bufferedBytesComeFirstAndTheTarIsTheSameAsThroughAnyStream(boolean positional) throws Exception {
        Path layer = Files.createDirectories(tmp.resolve("layer/big"));
        byte[] blob = new byte[3 << 20];
        Arrays.fill(blob, (byte) 'x');
        blob[blob.length - 1] = 'z';
        Files.write(layer.resolve("blob.bin"), blob);
        Files.writeString(layer.resolve("small.txt"), "small\n");
        byte[] second = new byte[(1 << 20) + 17]; // a second big file, not a whole number of blocks
        Arrays.fill(second, (byte) 'y');
        Files.write(layer.resolve("second.bin"), second);
        Files.writeString(layer.resolve("tiny.txt"), "between and after the big ones\n");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ExportWriter.write(UnionView.ofFolder(tmp.resolve("layer"), "layer", NodeInspector.system()), plain);

        Path out = tmp.resolve("out.bin");
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             ChannelOutputStream stream = new ChannelOutputStream(channel, 1 << 16, () -> positional, () -> null)) {
            stream.write("prefix".getBytes(StandardCharsets.US_ASCII)); // still in the buffer
            ExportWriter.write(UnionView.ofFolder(tmp.resolve("layer"), "layer", NodeInspector.system()), stream);
            stream.write("suffix".getBytes(StandardCharsets.US_ASCII));
        }

        byte[] written = Files.readAllBytes(out);
        byte[] tar = plain.toByteArray();
        assertThat(tar.length).isGreaterThan(blob.length);
        assertThat(Arrays.copyOfRange(written, 0, 6)).asString(StandardCharsets.US_ASCII).isEqualTo("prefix");
        assertThat(Arrays.copyOfRange(written, 6, 6 + tar.length)).isEqualTo(tar);
        assertThat(Arrays.copyOfRange(written, 6 + tar.length, written.length)).asString(StandardCharsets.US_ASCII)
                .isEqualTo("suffix");
    }
}
