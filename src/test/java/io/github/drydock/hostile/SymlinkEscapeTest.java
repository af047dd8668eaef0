package io.github.drydock.hostile;

import io.github.drydock.DockerRoot;
import io.github.drydock.archive.CopyOut;
import io.github.drydock.archive.ExportWriter;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.Container;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.Problem;
import io.github.drydock.model.Volume;
import io.github.drydock.synth.Flavor;
import io.github.drydock.synth.SynthSpec;
import io.github.drydock.synth.SynthSummary;
import io.github.drydock.synth.SyntheticRoot;
import io.github.drydock.union.UnionView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Symlinks and hard links that lead out of the root or out of a view. Outside the root sits a folder
 * holding a FIFO and a file {@code secret}: following an escape would list or size {@code secret}, and
 * reading through it would block on the FIFO (every call runs under a time limit).
 */
class SymlinkEscapeTest {
    @TempDir
    Path tmp;

    private Path outside;

    private SynthSummary root(Flavor flavor) throws Exception {
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "not evidence\n");
        Hostile.fifo(outside.resolve("fifo"));
        return SyntheticRoot.generate(new SynthSpec(flavor, 3, 2, false, 2, 2, 9, 0, 0, 3, 1, 1), tmp.resolve("docker"));
    }

    @AfterEach
    void removeRoot() {
        Hostile.removeTree(tmp.resolve("docker"));
        Hostile.removeTree(tmp.resolve("copy"));
    }

    private static void replaceWithSymlink(Path path, Path target) throws Exception {
        Hostile.removeTree(path);
        Files.createSymbolicLink(path, target);
    }

    @Test
    void overlay2LayerFolderSymlinkedOutOfTheRootIsAProblemAndNeverRead() throws Exception {
        SynthSummary s = root(Flavor.MODERN_OVERLAY2);
        DockerRoot before = DockerRoot.open(tmp.resolve("docker"));
        Image image = before.image(s.imageIds().get(2)).orElseThrow();
        Layer top = image.layers().get(image.layers().size() - 1);
        replaceWithSymlink(top.path(), outside);

        DockerRoot root = Hostile.within(20, () -> DockerRoot.open(tmp.resolve("docker")));
        Image after = root.image(image.id()).orElseThrow();
        Layer layer = after.layers().get(after.layers().size() - 1);
        assertThat(layer.path() == null || layer.path().normalize().startsWith(tmp.resolve("docker"))).isTrue();
        assertThat(root.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains(top.cacheId()));
        UnionView view = UnionView.of(after.layers(), null, NodeInspector.system());
        assertThat(Hostile.within(10, () -> view.walk().map(FileEntry::name).toList())).doesNotContain("secret", "fifo");
    }

    @Test
    void overlay2ShortLinkPointingOutOfTheRootIsAProblemAndNeverFollowed() throws Exception {
        SynthSummary s = root(Flavor.MODERN_OVERLAY2);
        DockerRoot before = DockerRoot.open(tmp.resolve("docker"));
        Image image = before.image(s.imageIds().get(2)).orElseThrow();
        Layer base = image.layers().get(0);
        String link = Files.readString(tmp.resolve("docker/overlay2").resolve(base.cacheId()).resolve("link")).trim();
        Path shortLink = tmp.resolve("docker/overlay2/l").resolve(link);
        Files.delete(shortLink);
        Files.createSymbolicLink(shortLink, outside); // absolute, out of the root
        Path relative = tmp.resolve("docker/overlay2/l/AAAAAAAAAAAAAAAAAAAAAAAAAA");
        Files.createSymbolicLink(relative, Path.of("../../../outside"));

        DockerRoot root = Hostile.within(20, () -> DockerRoot.open(tmp.resolve("docker")));
        assertThat(root.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("l/" + link).contains("outside the root"));
        Image after = root.image(image.id()).orElseThrow();
        assertThat(after.layers()).allSatisfy(l -> assertThat(l.path().normalize()).startsWith(tmp.resolve("docker")));
        UnionView view = UnionView.of(after.layers(), null, NodeInspector.system());
        assertThat(Hostile.within(10, () -> view.walk().map(FileEntry::name).toList())).doesNotContain("secret", "fifo");
    }

    @Test
    void volumeDataSymlinkedOutOfTheRootIsNotSizedOrListed() throws Exception {
        SynthSummary s = root(Flavor.MODERN_OVERLAY2);
        String name = s.volumeNames().get(0);
        replaceWithSymlink(tmp.resolve("docker/volumes").resolve(name).resolve("_data"), outside);

        DockerRoot root = Hostile.within(20, () -> DockerRoot.open(tmp.resolve("docker")));
        Volume volume = root.volume(name).orElseThrow();
        assertThat(volume.path() == null || volume.path().normalize().startsWith(tmp.resolve("docker"))).isTrue();
        assertThat(volume.size()).isEqualTo(-1);
        assertThat(root.problems()).extracting(Problem::path).anySatisfy(p -> assertThat(p).contains(name));
    }

    @Test
    void legacyAufsDiffSymlinkedOutOfTheRootIsAProblem() throws Exception {
        SynthSummary s = root(Flavor.LEGACY_AUFS);
        String id = s.imageIds().get(0);
        replaceWithSymlink(tmp.resolve("docker/aufs/diff").resolve(id), outside);

        DockerRoot root = Hostile.within(20, () -> DockerRoot.open(tmp.resolve("docker")));
        Layer layer = root.layers().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
        assertThat(layer.path() == null || layer.path().normalize().startsWith(tmp.resolve("docker"))).isTrue();
        assertThat(root.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains(id.substring(0, 12)));
    }

    @Test
    void symlinkInALayerIsKeptAsALinkAndFollowedOnlyInsideTheView() throws Exception {
        SynthSummary s = root(Flavor.MODERN_OVERLAY2);
        DockerRoot root = DockerRoot.open(tmp.resolve("docker"));
        Container c = root.container(s.containerIds().get(0)).orElseThrow();
        Path rw = c.layer().path();
        Files.createSymbolicLink(rw.resolve("escape"), outside.resolve("fifo"));
        Files.createSymbolicLink(rw.resolve("climb"), Path.of("../../../../../../../../outside/secret"));
        Image image = root.image(c.imageId()).orElseThrow();
        UnionView view = UnionView.of(image.layers(), c.layer(), NodeInspector.system());

        assertThat(view.find("/escape")).get().extracting(FileEntry::type, FileEntry::linkTarget)
                .containsExactly(FileType.SYMLINK, outside.resolve("fifo").toString());
        assertThat(Hostile.within(10, () -> view.resolve("/escape", true))).isEmpty();
        assertThat(Hostile.within(10, () -> view.resolve("/climb", true))).isEmpty();
        assertThatThrownBy(() -> Hostile.within(10, () -> view.open("/escape"))).hasMessageContaining("SYMLINK");

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        Hostile.within(20, () -> ExportWriter.write(view, tar));
        Tars.Read read = Tars.read(tar.toByteArray());
        assertThat(read.entries().get("escape").isSymbolicLink()).isTrue();
        assertThat(read.entries().get("escape").getLinkName()).isEqualTo(outside.resolve("fifo").toString());
        assertThat(read.entries().keySet()).noneMatch(n -> n.startsWith("/") || n.contains("..") || n.contains("secret"));

        Path dest = Files.createDirectories(tmp.resolve("copy"));
        Hostile.within(20, () -> CopyOut.copyInto(view, "/", dest, CopyOut.Options.defaults()));
        assertThat(Files.isSymbolicLink(dest.resolve("escape"))).isTrue();
        assertThat(Files.readSymbolicLink(dest.resolve("climb")).toString()).startsWith("../");
        assertThat(outside.resolve("secret")).hasContent("not evidence");
    }

    @Test
    void hardLinkToAFileOutsideTheRootReadsAsTheLayersOwnFile() throws Exception {
        SynthSummary s = root(Flavor.MODERN_OVERLAY2);
        DockerRoot root = DockerRoot.open(tmp.resolve("docker"));
        Container c = root.container(s.containerIds().get(0)).orElseThrow();
        // a hard link has no direction: once in the layer folder, the inode is the layer's file
        Files.createLink(c.layer().path().resolve("linked"), outside.resolve("secret"));
        UnionView view = UnionView.of(root.image(c.imageId()).orElseThrow().layers(), c.layer(), NodeInspector.system());

        FileEntry linked = view.find("/linked").orElseThrow();
        assertThat(linked.type()).isEqualTo(FileType.FILE);
        assertThat(Files.getAttribute(linked.source(), "unix:nlink", LinkOption.NOFOLLOW_LINKS)).isEqualTo(2);
        try (var in = view.open(linked)) {
            assertThat(in.readAllBytes()).asString().isEqualTo("not evidence\n");
        }
    }
}
