package io.github.drydock.archive;

import io.github.drydock.model.Layer;
import io.github.drydock.testing.SaveTestImages;
import io.github.drydock.testing.SaveTestImages.SyntheticImage;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file or folder target with a fallback is written strictly first and made again the careful way only when a
 * layer is inexact: the archive and the result must be what the careful way alone gives (the stream target).
 */
class SaveWriterExactFirstTest {
    @TempDir
    Path temp;

    private SyntheticImage image() {
        return SaveTestImages.image(TestFiles.mkdirs(temp.resolve("src")), List.of(
                Map.of("bin/tool", "#!tool\n"), Map.of("etc/app.conf", "mode=1\n", "srv/data.txt", "data\n")));
    }

    private static SaveImage save(SyntheticImage image) {
        return new SaveImage(image.config(), List.of("x/y:1"), image.layers(), null);
    }

    private static SaveOptions withFallback(SaveFormat format, List<Layer> calls) {
        return new SaveOptions(format, (layer, out) -> {
            calls.add(layer);
            SaveTestImages.tarFolder(layer, out);
        }, null);
    }

    @Test
    void anInexactLayerInAFileTargetGivesTheSameArchiveAndResultAsTheCarefulStream() throws IOException {
        SyntheticImage image = image();
        TestFiles.write(image.layers().get(1).path().resolve("etc/app.conf"), "mode=2\n");
        Path out = TestFiles.mkdirs(temp.resolve("out"));
        List<Layer> fileCalls = new ArrayList<>();
        List<Layer> streamCalls = new ArrayList<>();

        SaveResult file = SaveWriter.write(List.of(save(image)), withFallback(SaveFormat.DOCKER, fileCalls), out.resolve("a.tar"));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        SaveResult careful = SaveWriter.write(List.of(save(image)), withFallback(SaveFormat.DOCKER, streamCalls), stream);

        assertThat(file.exact()).isFalse();
        assertThat(file).isEqualTo(careful);
        assertThat(file.images().get(0).layers().get(1).mismatches()).extracting(LayerTarMismatch::path)
                .containsExactly("etc/app.conf");
        assertThat(Files.readAllBytes(out.resolve("a.tar"))).isEqualTo(stream.toByteArray());
        assertThat(fileCalls).containsExactly(image.layers().get(1));
        assertThat(streamCalls).containsExactly(image.layers().get(1));
        assertThat(SaveTestImages.names(out)).containsExactly("a.tar");
    }

    @Test
    void exactLayersInAFileOrFolderTargetAreWrittenInOnePassWithTheStrictBytes() throws IOException {
        SyntheticImage image = image();
        Path out = TestFiles.mkdirs(temp.resolve("out"));
        List<Layer> calls = new ArrayList<>();
        SaveResult tolerant = SaveWriter.write(List.of(save(image)), withFallback(SaveFormat.DOCKER, calls), out.resolve("t.tar"));
        SaveResult strict = SaveWriter.write(List.of(save(image)), SaveOptions.docker(), out.resolve("s.tar"));
        SaveResult folder = SaveWriter.writeFolder(List.of(save(image)), withFallback(SaveFormat.OCI, calls), out.resolve("layout"));

        assertThat(tolerant).isEqualTo(strict);
        assertThat(tolerant.exact()).isTrue();
        assertThat(folder.exact()).isTrue();
        assertThat(out.resolve("layout/index.json")).isRegularFile();
        assertThat(calls).isEmpty();
        assertThat(Files.readAllBytes(out.resolve("t.tar"))).isEqualTo(Files.readAllBytes(out.resolve("s.tar")));
        assertThat(SaveTestImages.names(out)).contains("t.tar", "s.tar", "layout")
                .noneMatch(name -> name.contains(".tmp") || name.startsWith("."));
    }
}
