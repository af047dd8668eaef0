package io.github.drydock.layout;

import io.github.drydock.model.Driver;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.testing.LegacyRootBuilder;
import io.github.drydock.testing.TestFiles;
import io.github.drydock.testing.TmpfsTempDirFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A big graph: 10,000 images, half of them one 5,000-deep chain on vfs, half 250 tagged aufs chains
 * of 20. Every file is read once, chains are computed once, nothing recurses. (One root for both
 * cases: laying out 10k folders is the slow part of this test.)
 */
class GraphLayoutScaleTest {
    private static final int DEEP = 5_000;
    private static final int CHAINS = 250;
    private static final int CHAIN_DEPTH = 20;

    @TempDir(factory = TmpfsTempDirFactory.class)
    Path root;

    /** Writes a minimal v1 JSON directly: the builder's per-image maps would dominate the test's time. */
    private void writeImage(String id, String parent, long size) {
        String json = "{\"id\":\"" + id + "\"" + (parent == null ? "" : ",\"parent\":\"" + parent + "\"")
                + ",\"created\":\"2015-06-01T10:00:00Z\",\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"step\"]}}";
        TestFiles.write(root.resolve("graph/" + id + "/json"), json);
        TestFiles.write(root.resolve("graph/" + id + "/layersize"), Long.toString(size));
    }

    private static String deep(int n) {
        return LegacyRootBuilder.id("deep " + n);
    }

    private static String wide(int chain, int n) {
        return LegacyRootBuilder.id("wide " + chain + " " + n);
    }

    private void layOut() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        for (int i = 0; i < DEEP; i++) {
            writeImage(deep(i), i == 0 ? null : deep(i - 1), i);
            b.dir("vfs/dir/" + deep(i));
        }
        for (int c = 0; c < CHAINS; c++) {
            String[] chain = new String[CHAIN_DEPTH];
            for (int d = 0; d < CHAIN_DEPTH; d++) {
                chain[d] = wide(c, d);
                writeImage(chain[d], d == 0 ? null : chain[d - 1], 100);
            }
            b.aufsChain(chain);
            b.tag("aufs", "app" + c, "latest", chain[CHAIN_DEPTH - 1]);
        }
        b.writeRepositories();
    }

    private static Image image(GraphLayout layout, String id) {
        return layout.images().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void tenThousandImagesWithAFiveThousandDeepChainReadInAFewSeconds() {
        layOut();
        RootContext context = new RootContext(root, null);
        long start = System.nanoTime();
        GraphLayout layout = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> GraphLayout.read(context,
                List.of(new Driver("aufs", root.resolve("aufs"), true, true, 0),
                        new Driver("vfs", root.resolve("vfs"), false, true, 0))));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("read " + layout.images().size() + " legacy images in " + took.toMillis() + " ms");
        assertThat(layout.images()).hasSize(DEEP + CHAINS * CHAIN_DEPTH);
        assertThat(context.problems()).isEmpty();

        Image top = image(layout, deep(DEEP - 1));
        assertThat(top.virtualSize()).isEqualTo((long) DEEP * (DEEP - 1) / 2);
        assertThat(top.history()).hasSize(DEEP);
        assertThat(top.history().get(0).imageId()).isEqualTo(deep(0));
        assertThat(top.layers()).extracting(Layer::id).startsWith(deep(0), deep(1)).endsWith(deep(DEEP - 1));
        assertThat(top.layers()).extracting(Layer::driver).containsOnly("vfs");

        Image tagged = image(layout, wide(7, CHAIN_DEPTH - 1));
        assertThat(tagged.repoTags()).containsExactly("app7:latest");
        assertThat(tagged.virtualSize()).isEqualTo(100L * CHAIN_DEPTH);
        assertThat(tagged.history()).extracting(HistoryEntry::imageId).first().isEqualTo(wide(7, 0));
        assertThat(tagged.layers()).extracting(Layer::driver).containsOnly("aufs");
        // generous for a cold JVM on a shared 2-core build machine; a per-image parent walk or
        // re-read (O(n²)) over this graph takes minutes
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }
}
