package io.github.drydock.driver;

import io.github.drydock.testing.UnionLayers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A walk announces its subtrees ({@link NodeInspector#prefetch}) and their attributes are then read in ONE
 * recursive call: shown here by changing an attribute after the prefetch — the prefetched value is what
 * the walk sees, while nodes outside the announced subtrees are still read when asked.
 */
class GetfattrPrefetchTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsGetfattr() {
        Assumptions.assumeTrue(GetfattrBatches.available(), "skipped: getfattr is not installed");
    }

    private static void set(Path node, String value) {
        UnionLayers.run("setfattr", "-n", "user.v", "-v", value, node.toString());
    }

    @Test
    void prefetchedLayersAreReadInOneBatch() throws IOException {
        Path upper = mkdirs(tmp.resolve("upper"));
        Path lower = mkdirs(tmp.resolve("lower"));
        Path a = write(upper.resolve("etc/a"), "a");
        Path b = write(lower.resolve("usr/deep/b"), "b");
        set(a, "before-a");
        set(b, "before-b");
        NodeInspector inspector = NodeInspector.system();

        inspector.prefetch(List.of(upper, lower), List.of(upper, lower));
        set(a, "after-a");
        set(b, "after-b");

        assertThat(inspector.xattrs(upper, a).get("user.v")).isEqualTo("before-a".getBytes());
        assertThat(inspector.xattrs(lower, b).get("user.v")).isEqualTo("before-b".getBytes());
        assertThat(inspector.xattrs(lower, lower.resolve("usr"))).isEmpty();
    }

    @Test
    void aPrefetchedSubtreeCoversOnlyWhatIsBelowIt() throws IOException {
        Path layer = mkdirs(tmp.resolve("layer"));
        Path inside = write(layer.resolve("srv/data/in"), "in");
        Path outside = write(layer.resolve("etc/out"), "out");
        set(inside, "before");
        set(outside, "before");
        NodeInspector inspector = NodeInspector.system();

        inspector.prefetch(List.of(layer), List.of(layer.resolve("srv")));
        set(inside, "after");
        set(outside, "after");

        assertThat(inspector.xattrs(layer, inside).get("user.v")).isEqualTo("before".getBytes());
        assertThat(inspector.xattrs(layer, outside).get("user.v")).isEqualTo("after".getBytes());
    }

    @Test
    void aMissingFolderAmongSeveralSpoilsOnlyItself() throws IOException {
        Path layers = mkdirs(tmp.resolve("layers"));
        Path gone = layers.resolve("gone");
        Path present = mkdirs(layers.resolve("present"));
        Path other = mkdirs(layers.resolve("other"));
        Path file = write(present.resolve("f"), "f");
        Path second = write(other.resolve("g"), "g");
        set(file, "before");
        set(second, "before");
        NodeInspector inspector = NodeInspector.system();

        inspector.prefetch(List.of(gone, present, other), List.of(gone, present, other));
        set(file, "after");
        set(second, "after");

        assertThat(inspector.xattrs(present, file).get("user.v")).isEqualTo("before".getBytes());
        assertThat(inspector.xattrs(other, second).get("user.v")).isEqualTo("before".getBytes());
    }

    @Test
    void aPrefetchThatFailsLeavesReadingAsBefore() throws IOException {
        Path layer = mkdirs(tmp.resolve("layer"));
        Path file = write(layer.resolve("f"), "f");
        set(file, "value");
        NodeInspector inspector = NodeInspector.system();

        inspector.prefetch(List.of(layer), List.of(layer.resolve("missing")));

        assertThat(inspector.xattrs(layer, file).get("user.v")).isEqualTo("value".getBytes());
    }
}
