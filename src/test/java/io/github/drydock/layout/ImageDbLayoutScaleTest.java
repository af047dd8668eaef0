package io.github.drydock.layout;

import io.github.drydock.model.Image;
import io.github.drydock.testing.ModernRootBuilder;
import io.github.drydock.testing.ModernRootBuilder.BuiltImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large root reads in seconds: each file is read once, chains are memoised, files are read on a few
 * threads. The default run uses 200 images over 350 layers (building the root takes most of the
 * time); {@code -Ddrydock.scale=50} gives 10,000 images over 19,900 layers, the size the reader is
 * meant for (about 2 s of CPU on a warm JVM; building that root takes minutes).
 */
class ImageDbLayoutScaleTest {
    @TempDir
    Path tmp;

    @Test
    void thousandsOfImagesReadWithinSeconds() throws Exception {
        int scale = Integer.getInteger("drydock.scale", 1);
        int images = 200 * scale;
        int baseCount = Math.min(100, images / 4);
        ModernRootBuilder b = ModernRootBuilder.create(tmp.resolve("docker"), "overlay2").deferTagStore();
        List<BuiltImage> bases = new ArrayList<>();
        for (int i = 0; i < baseCount; i++) {
            bases.add(b.image().layer("base " + i).build());
        }
        for (int i = 0; i < images - baseCount; i++) {
            b.image().layers(bases.get(i % baseCount)).layer("one " + i).layer("two " + i)
                    .emptyStep("CMD [\"run\"]").tag("example/app" + (i % 50) + ":" + i).build();
        }
        b.writeTagStore();

        long start = System.nanoTime();
        ImageDbLayoutTest.Read read = ImageDbLayoutTest.read(b.root());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(read.problems()).isEmpty();
        assertThat(read.store().images()).hasSize(images);
        assertThat(read.store().layers()).hasSize(baseCount + 2 * (images - baseCount));
        assertThat(read.store().images()).filteredOn(i -> !i.repoTags().isEmpty()).hasSize(images - baseCount)
                .allSatisfy(i -> assertThat(i.layers()).hasSize(3));
        assertThat(read.store().images()).extracting(Image::size).doesNotContain(-1L);
        System.out.printf("read %d images, %d layers in %d ms%n", images, read.store().layers().size(), millis);
        // generous: the machine may be busy; a quadratic step would still blow through it
        assertThat(millis).as("read time in ms").isLessThan(5000L + images / 2);
    }
}
