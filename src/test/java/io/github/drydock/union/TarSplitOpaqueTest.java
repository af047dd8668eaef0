package io.github.drydock.union;

import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.model.Problem;
import io.github.drydock.testing.UnionFakeInspector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.write;
import static io.github.drydock.testing.UnionTarSplits.fileEntry;
import static io.github.drydock.testing.UnionTarSplits.gzipLines;
import static io.github.drydock.union.UnionViewRulesTest.names;
import static io.github.drydock.union.UnionViewRulesTest.shadowSummary;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without root the overlay opaque attribute is invisible; an image layer's tar-split still names its
 * opaque folders ({@code .wh..wh..opq} members), and the view uses them.
 */
class TarSplitOpaqueTest {
    private static final String NOT_ROOT = "not running as root: trusted.* extended attributes are invisible";
    private static final String LIMIT = "opaque folders may be shown with lower layers' entries";

    @TempDir
    Path tmp;

    @Test
    void tarSplitMarkerHidesLowerChildrenWithoutRoot() throws IOException {
        Path tarSplit = gzipLines(tmp.resolve("top-tar-split.json.gz"), fileEntry("opt/", 0),
                fileEntry("opt/replace-me/", 1), fileEntry("opt/replace-me/.wh..wh..opq", 2),
                fileEntry("opt/replace-me/new.txt", 3));
        UnionView view = UnionView.of(stack(tarSplit), null, new UnionFakeInspector().limitation(NOT_ROOT));

        assertThat(names(view.list("/opt/replace-me"))).containsExactly("new.txt");
        assertThat(names(view.list("/etc"))).containsExactly("kept.txt");
        assertThat(shadowSummary(view)).containsExactly("OPAQUE /opt/replace-me/old.txt FILE@base by top");
        assertThat(messages(view.problems())).noneMatch(m -> m.contains("layer top:"))
                .anyMatch(m -> m.contains("in layer base: " + NOT_ROOT) && m.contains(LIMIT));
    }

    @Test
    void withoutTarSplitTheLimitationIsStillReported() throws IOException {
        UnionView view = UnionView.of(stack(null), null, new UnionFakeInspector().limitation(NOT_ROOT));

        assertThat(names(view.list("/opt/replace-me"))).containsExactly("new.txt", "old.txt");
        assertThat(shadowSummary(view)).isEmpty();
        assertThat(messages(view.problems())).anyMatch(m -> m.contains("in layer top: " + NOT_ROOT) && m.contains(LIMIT));
    }

    @Test
    void unreadableTarSplitIsReportedWithTheLimitation() throws IOException {
        Path broken = write(tmp.resolve("top-tar-split.json.gz"), "not gzip");
        UnionView view = UnionView.of(stack(broken), null, new UnionFakeInspector().limitation(NOT_ROOT));

        assertThat(names(view.list("/opt/replace-me"))).containsExactly("new.txt", "old.txt");
        assertThat(messages(view.problems())).anyMatch(m -> m.contains("in layer top: " + NOT_ROOT)
                && m.contains("its tar-split cannot stand in: cannot read tar-split " + broken) && m.contains(LIMIT));
    }

    @Test
    void readableAttributesAreNotOverriddenByTheTarSplit() throws IOException {
        Path tarSplit = gzipLines(tmp.resolve("top-tar-split.json.gz"), fileEntry("opt/replace-me/.wh..wh..opq", 0));
        // root can read the attribute, which says the folder is not opaque: the attribute is the truth on disk
        UnionView view = UnionView.of(stack(tarSplit), null, new UnionFakeInspector());

        assertThat(names(view.list("/opt/replace-me"))).containsExactly("new.txt", "old.txt");
        assertThat(view.problems()).isEmpty();
    }

    /** base: /opt/replace-me/old.txt, /etc/kept.txt; top: /opt/replace-me/new.txt (opaque per tar-split). */
    private List<Layer> stack(Path topTarSplit) {
        Path base = mkdirs(tmp.resolve("base"));
        write(base.resolve("opt/replace-me/old.txt"), "old");
        write(base.resolve("etc/kept.txt"), "kept");
        Path top = mkdirs(tmp.resolve("top"));
        write(top.resolve("opt/replace-me/new.txt"), "new");
        return List.of(new Layer("base", null, "base", null, "overlay2", LayerKind.DIFF, base, -1, null),
                new Layer("top", null, "top", "base", "overlay2", LayerKind.DIFF, top, -1, topTarSplit));
    }

    private static List<String> messages(List<Problem> problems) {
        return problems.stream().map(Problem::message).toList();
    }
}
