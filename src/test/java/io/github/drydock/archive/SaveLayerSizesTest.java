package io.github.drydock.archive;

import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Layer;
import io.github.drydock.testing.SaveTestImages;
import io.github.drydock.testing.SaveTestImages.SyntheticImage;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaveLayerSizesTest {
    @TempDir
    Path temp;

    @Test
    void sizesAddedUpAheadEqualTheOnesAddedUpInTurnAndErrorsWaitForTheirLayer() throws IOException {
        List<Map<String, String>> contents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            contents.add(Map.of("l" + i + "/file.txt", "layer " + i + "\n".repeat(i * 700)));
        }
        SyntheticImage image = SaveTestImages.image(TestFiles.mkdirs(temp.resolve("src")), contents);
        List<Layer> layers = image.layers();
        Files.write(layers.get(3).tarSplit(), new byte[] {31, (byte) 139, 8, 0});

        SaveLayerSizes sizes = SaveLayerSizes.compute(List.of(layers.get(0), layers.get(1), layers.get(2), layers.get(3),
                layers.get(4), layers.get(1)));

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("drydock-layer-sizes") && t.isAlive());
        for (int i : new int[] {0, 1, 2, 4}) {
            assertThat(sizes.tarSize(layers.get(i).tarSplit())).isEqualTo(TarSplitReader.tarSize(layers.get(i).tarSplit()))
                    .isGreaterThan(1024 + 700L * i);
        }
        Path broken = layers.get(3).tarSplit();
        String inTurn = catchMessage(() -> TarSplitReader.tarSize(broken));
        assertThatThrownBy(() -> sizes.tarSize(broken)).isInstanceOf(DockerStorageException.class).hasMessage(inTurn)
                .hasMessageContaining(broken.toString());
        Path other = TestFiles.write(temp.resolve("never-seen.json.gz"), "not gzip");
        assertThatThrownBy(() -> sizes.tarSize(other)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("cannot read tar-split " + other);
    }

    private static String catchMessage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a failure");
    }
}
