package io.github.drydock.hostile;

import io.github.drydock.archive.ExportResult;
import io.github.drydock.archive.ExportWriter;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.driver.WhiteoutEncoding;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.LayerKind;
import io.github.drydock.testing.TmpfsTempDirFactory;
import io.github.drydock.union.UnionView;
import io.github.drydock.union.ViewLayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A layer holding a directory chain {@code d/d/d/...} up to 100,000 levels deep, made with relative
 * mkdir + chdir (an absolute path of it is 200 KB, far over Linux's PATH_MAX of 4096 bytes, so no tool
 * reaches the bottom by path). Walking and exporting the merged view must neither overflow the stack
 * nor give up on the rest of the layer: what cannot be reached by path is reported as problems.
 *
 * <p>Measured on the 2-core machine (shared, load 5–8): making 100k levels on tmpfs takes about 1 s; the
 * walk reaches depth ~2,025 (PATH_MAX) in 1–3 s. Exporting what is reachable (~2,025 nested folders with
 * 4 KB names) takes 14–25 s even with extended attributes left out, and with them (one {@code getfattr}
 * per folder once the layer's recursive run fails past PATH_MAX) 25–60 s: so the default run walks the
 * 100k chain and exports a 600-level chain, and the exports past PATH_MAX run only with
 * {@code -Ddrydock.hostile.slow=true}.
 */
class DeepTreeTest {
    @TempDir(factory = TmpfsTempDirFactory.class)
    Path tmp;

    @AfterEach
    void removeTree() {
        Hostile.removeDeepChain(tmp.resolve("upper"));
    }

    /** The host's facts without extended attributes: {@code getfattr} is what makes deep exports slow. */
    private static final NodeInspector NO_XATTRS = new NodeInspector() {
        private final NodeInspector system = NodeInspector.system();

        @Override
        public io.github.drydock.driver.Node stat(Path path) throws java.io.IOException {
            return system.stat(path);
        }

        @Override
        public java.util.Map<String, byte[]> xattrs(Path layerRoot, Path path) {
            return java.util.Map.of();
        }

        @Override
        public java.util.Optional<String> limitation() {
            return java.util.Optional.empty();
        }
    };

    private UnionView stack(int depth) throws Exception {
        return stack(depth, NodeInspector.system());
    }

    private UnionView stack(int depth, NodeInspector inspector) throws Exception {
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Files.writeString(upper.resolve("z-after"), "still exported\n");
        assertThat(Hostile.deepChain(upper, depth)).isEqualTo(depth);
        Path lower = Files.createDirectories(tmp.resolve("lower/d"));
        Files.writeString(lower.resolve("from-lower"), "lower\n");
        return UnionView.ofStack(List.of(new ViewLayer("upper", upper, LayerKind.DIFF, WhiteoutEncoding.AUFS),
                ViewLayer.snapshot("lower", tmp.resolve("lower"))), inspector);
    }

    private static int deepest(List<FileEntry> entries) {
        return entries.stream().mapToInt(e -> e.path().split("/").length - 1).max().orElse(0);
    }

    @Test
    void walkOfA100kDeepChainStopsAtPathMaxWithAProblem() throws Exception {
        UnionView view = stack(100_000);

        long start = System.nanoTime();
        List<FileEntry> walked = Hostile.within(60, () -> view.walk().toList());
        System.out.printf("deep chain: 100000 levels made; the walk reached depth %d (%d entries) in %d ms%n",
                deepest(walked), walked.size(), (System.nanoTime() - start) / 1_000_000);

        assertThat(walked).extracting(FileEntry::path).contains("/z-after", "/d/from-lower");
        assertThat(deepest(walked)).isBetween(1000, 2100); // "/d" is 2 bytes a level; the temp prefix takes the rest
        assertThat(view.problems()).isNotEmpty();
        assertThat(view.problems().toString()).containsIgnoringCase("name too long");
    }

    @Test
    void exportOfA600LevelChainIsComplete() throws Exception {
        UnionView view = stack(600);

        ExportResult exported = Hostile.within(60, () -> ExportWriter.write(view, OutputStream.nullOutputStream()));

        assertThat(exported.entries()).isEqualTo(600 + 1 + 1 + 1); // the chain's folders, leaf, z-after, d/from-lower
        assertThat(exported.bytes()).isEqualTo("bottom".length() + "still exported\n".length() + "lower\n".length());
        assertThat(exported.problems()).isEmpty();
    }

    @Test
    @EnabledIfSystemProperty(named = "drydock.hostile.slow", matches = "true")
    void exportOfAChainDeeperThanPathMaxWritesWhatItReachesAndReportsTheRest() throws Exception {
        UnionView view = stack(2_500, NO_XATTRS);

        List<FileEntry> walked = Hostile.within(60, () -> view.walk().toList());
        long start = System.nanoTime();
        ExportResult exported = Hostile.within(60, () -> ExportWriter.write(view, OutputStream.nullOutputStream()));
        System.out.printf("deep chain: export of 2500 levels (no attributes): %d entries in %d ms%n", exported.entries(),
                (System.nanoTime() - start) / 1_000_000);

        assertThat(exported.entries()).isEqualTo(walked.size() - 1); // no member for the root
        assertThat(exported.bytes()).isEqualTo("still exported\n".length() + "lower\n".length()); // leaf unreachable
        assertThat(exported.problems().toString()).containsIgnoringCase("name too long");
    }

    @Test
    @EnabledIfSystemProperty(named = "drydock.hostile.slow", matches = "true")
    void exportOfA100kDeepChainWithExtendedAttributesFinishes() throws Exception {
        UnionView view = stack(100_000);

        long start = System.nanoTime();
        ExportResult exported = Hostile.within(600, () -> ExportWriter.write(view, OutputStream.nullOutputStream()));
        System.out.printf("deep chain: export of 100000 levels: %d entries in %d ms%n", exported.entries(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(exported.entries()).isBetween(1000L, 2100L);
    }
}
