package io.github.drydock.layout;

import io.github.drydock.model.Driver;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.testing.LegacyRootBuilder;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Big graphs: every file read once, chains computed once, no recursion. */
class GraphLayoutScaleTest {
    @TempDir
    Path root;

    /** Writes a minimal v1 JSON directly: the builder's per-image maps would dominate the test's time. */
    private void writeImage(String id, String parent, long size) {
        String json = "{\"id\":\"" + id + "\"" + (parent == null ? "" : ",\"parent\":\"" + parent + "\"")
                + ",\"created\":\"2015-06-01T10:00:00Z\",\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"step\"]}}";
        TestFiles.write(root.resolve("graph/" + id + "/json"), json);
        TestFiles.write(root.resolve("graph/" + id + "/layersize"), Long.toString(size));
    }

    private static String id(int n) {
        return LegacyRootBuilder.id("image " + n);
    }

    @Test
    void fiveThousandDeepChainDoesNotOverflowTheStack() {
        int depth = 5_000;
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        for (int i = 0; i < depth; i++) {
            writeImage(id(i), i == 0 ? null : id(i - 1), i);
            b.dir("vfs/dir/" + id(i));
        }
        RootContext context = new RootContext(root, null);
        GraphLayout layout = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> GraphLayout.read(context,
                List.of(new Driver("vfs", root.resolve("vfs"), true, true, depth))));
        Image top = layout.images().stream().filter(i -> i.id().equals(id(depth - 1))).findFirst().orElseThrow();
        assertThat(top.virtualSize()).isEqualTo((long) depth * (depth - 1) / 2);
        assertThat(top.history()).hasSize(depth);
        assertThat(top.history().get(0).imageId()).isEqualTo(id(0));
        assertThat(top.layers()).extracting(Layer::id).startsWith(id(0), id(1)).endsWith(id(depth - 1));
        assertThat(layout.images()).hasSize(depth);
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void tenThousandTaggedAufsImagesReadInAFewSeconds() {
        int chains = 500;
        int depth = 20;
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        List<String> tops = new ArrayList<>();
        for (int c = 0; c < chains; c++) {
            String[] chain = new String[depth];
            for (int d = 0; d < depth; d++) {
                chain[d] = id(c * depth + d);
                writeImage(chain[d], d == 0 ? null : chain[d - 1], 100);
            }
            b.aufsChain(chain);
            b.tag("aufs", "app" + c, "latest", chain[depth - 1]);
            tops.add(chain[depth - 1]);
        }
        b.writeRepositories();
        RootContext context = new RootContext(root, null);
        long start = System.nanoTime();
        GraphLayout layout = GraphLayout.read(context, List.of(new Driver("aufs", root.resolve("aufs"), true, true, 0)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("read " + layout.images().size() + " legacy aufs images in " + took.toMillis() + " ms");
        assertThat(layout.images()).hasSize(chains * depth);
        assertThat(context.problems()).isEmpty();
        Image top = layout.images().stream().filter(i -> i.id().equals(tops.get(7))).findFirst().orElseThrow();
        assertThat(top.repoTags()).containsExactly("app7:latest");
        assertThat(top.virtualSize()).isEqualTo(100L * depth);
        assertThat(top.history()).extracting(HistoryEntry::imageId).first().isEqualTo(id(7 * depth));
        // generous for a shared 2-core build machine; an O(n²) walk or a re-read per chain takes far longer
        assertThat(took).isLessThan(Duration.ofSeconds(8));
    }
}
