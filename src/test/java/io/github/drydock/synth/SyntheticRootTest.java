package io.github.drydock.synth;

import io.github.drydock.DockerRoot;
import io.github.drydock.archive.LayerTarReport;
import io.github.drydock.archive.TarSplitAssembler;
import io.github.drydock.archive.Verify;
import io.github.drydock.archive.VerifyReport;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.Container;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.Volume;
import io.github.drydock.union.UnionView;
import io.github.drydock.testing.TmpfsTempDirFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code small} synthetic roots open with no problem and hold exactly what was written: one root
 * per flavor (each takes about a second to write), every check on it.
 */
class SyntheticRootTest {
    @TempDir(factory = TmpfsTempDirFactory.class)
    Path tmp;

    /** Deletes the root without following its symlinks (JUnit would warn about each absolute one). */
    @AfterEach
    void deleteRoot() throws Exception {
        LayerWriter.deleteTree(tmp.resolve("docker"));
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void smallRootOpensWithExactCountsAndNoProblem(Flavor flavor) throws Exception {
        SynthSummary s = SyntheticRoot.generate(SynthSpec.small(flavor), tmp.resolve("docker"));
        DockerRoot root = DockerRoot.open(tmp.resolve("docker"));
        counts(s, root, flavor);
        containerViewShowsAddedChangedAndDeletedFiles(s, root, flavor);
        if (flavor.modern()) {
            modernImagesVerifyByteExactly(s, root);
        } else {
            legacyLayersRebuildFromTheirTarData(root);
        }
    }

    @Test
    void denseBigFilesHoldRandomBytesAndStillRebuildByteExactly() throws Exception {
        SynthSpec spec = SynthSpec.content(Flavor.MODERN_OVERLAY2)
                .with(java.util.Map.of("images", "3", "depth", "3", "files", "30", "largeMiB", "1", "dense", "true"));
        SynthSummary s = SyntheticRoot.generate(spec, tmp.resolve("docker"));
        DockerRoot root = DockerRoot.open(tmp.resolve("docker"));
        assertThat(root.problems()).isEmpty();

        Image image = root.image(s.lastImage()).orElseThrow();
        List<Path> blobs;
        try (var files = Files.walk(tmp.resolve("docker/overlay2"))) {
            blobs = files.filter(f -> f.getFileName().toString().startsWith("blob")).toList();
        }
        assertThat(blobs).hasSize(spec.largeFiles());
        for (Path blob : blobs) {
            byte[] bytes = Files.readAllBytes(blob);
            assertThat(bytes).hasSize(1 << 20);
            long zeros = 0;
            for (byte b : bytes) {
                zeros += b == 0 ? 1 : 0;
            }
            assertThat(zeros).as("random bytes, not a hole: %s", blob).isLessThan(bytes.length / 64);
        }
        VerifyReport report = Verify.imageFile(image.source(), image.layers());
        assertThat(report.describe()).isEmpty();
        assertThat(report.computedImageId()).isEqualTo(s.lastImage());
    }

    private static void counts(SynthSummary s, DockerRoot root, Flavor flavor) {

        assertThat(root.problems()).isEmpty();
        assertThat(root.generation().name()).isEqualTo(flavor.modern() ? "MODERN" : "LEGACY");
        assertThat(root.images()).extracting(Image::id).containsExactlyInAnyOrderElementsOf(s.imageIds());
        assertThat(root.images().stream().filter(i -> !i.repoTags().isEmpty())).hasSize(s.tags());
        assertThat(root.layers()).hasSize(s.layers());
        assertThat(root.containers()).extracting(Container::id).containsExactlyInAnyOrderElementsOf(s.containerIds());
        assertThat(root.containers()).allSatisfy(c -> assertThat(c.layer()).isNotNull());
        assertThat(root.volumes()).extracting(Volume::name).containsExactlyInAnyOrderElementsOf(s.volumeNames());
        assertThat(root.volumes().stream().filter(v -> !v.containers().isEmpty())).hasSize(6);
        assertThat(s.maxDepth()).isEqualTo(6);
        assertThat(s.skippedNodes()).isZero();
    }

    private static void modernImagesVerifyByteExactly(SynthSummary s, DockerRoot root) throws Exception {
        for (String id : List.of(s.imageIds().get(0), s.imageIds().get(21), s.lastImage())) {
            Image image = root.image(id).orElseThrow();
            VerifyReport report = Verify.imageFile(image.source(), image.layers());
            assertThat(report.describe()).as(id).isEmpty();
            assertThat(report.ok()).isTrue();
            assertThat(report.computedImageId()).isEqualTo(id);
        }
    }

    private static void legacyLayersRebuildFromTheirTarData(DockerRoot root) throws Exception {
        for (Layer layer : root.layers().subList(0, 10)) {
            LayerTarReport report = TarSplitAssembler.verify(layer.tarSplit(), layer.path(), null);
            assertThat(report.mismatches()).as(layer.id()).isEmpty();
            assertThat(report.size()).isGreaterThan(1024);
        }
    }

    private static void containerViewShowsAddedChangedAndDeletedFiles(SynthSummary s, DockerRoot root, Flavor flavor)
            throws Exception {
        Container c = root.container(s.containerIds().get(0)).orElseThrow();
        Image image = root.image(c.imageId()).orElseThrow();
        String dir = "/" + LayerPlans.layerDir(SynthImages.imageOf(SynthSpec.small(flavor), 0));

        UnionView view = UnionView.of(image.layers(), c.layer(), NodeInspector.system());
        UnionView imageView = UnionView.of(image.layers(), null, NodeInspector.system());

        assertThat(view.find("/root/.bash_history")).isPresent();
        assertThat(view.find(dir + "/f2")).map(FileEntry::size).contains(300L);
        assertThat(view.find(dir + "/f1")).isEmpty();
        assertThat(imageView.find(dir + "/f1")).isPresent();
        assertThat(view.list("/etc/alt")).extracting(FileEntry::name).containsExactly("mine"); // opaque
        assertThat(imageView.list("/etc/alt")).hasSizeGreaterThan(1);
        assertThat(view.find("/etc/mtab")).map(FileEntry::linkTarget).contains("/proc/mounts");
        assertThat(view.find("/.wh..wh.aufs")).isEmpty();
        assertThat(view.problems()).isEmpty();
    }

    @Test
    void refusesAFolderThatIsNotEmpty() throws Exception {
        Files.createDirectories(tmp.resolve("docker/evidence"));
        assertThatThrownBy(() -> SyntheticRoot.generate(SynthSpec.small(Flavor.MODERN_VFS), tmp.resolve("docker")))
                .hasMessageContaining("non-empty");
    }

    @Test
    void memberPathsCannotLeaveTheLayerFolder() {
        assertThatThrownBy(() -> Member.file("../../etc/shadow", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Member.file("/etc/shadow", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LayerWriter.inside(tmp, "a/../../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
