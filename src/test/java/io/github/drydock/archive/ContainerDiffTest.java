package io.github.drydock.archive;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.LayerKind;
import io.github.drydock.testing.UnionFakeInspector;
import io.github.drydock.testing.UnionLayers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static io.github.drydock.testing.UnionLayers.mtime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerDiffTest {
    private static final long IMAGE_TIME = 1_700_000_000L;
    private static final long RUN_TIME = 1_796_415_511L;

    @TempDir
    Path tmp;

    /** Writes a file and fixes its mtime, so that copies in other layers compare equal. */
    private static Path file(Path layer, String relative, String text, long time) {
        Path path = write(layer.resolve(relative), text);
        mtime(path, time);
        return path;
    }

    private static List<String> lines(ContainerDiff.Result result) {
        assertThat(result.problems()).isEmpty();
        return result.changes().stream().map(ContainerDiff.Change::toString).toList();
    }

    @Test
    void diffDriverContainerListsChangesAndTheirFoldersLikeDockerDiff() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path image = stack.diff("image");
        file(image, "etc/config/a.conf", "a=1\n", IMAGE_TIME);
        file(image, "etc/passwd", "root\n", IMAGE_TIME);
        file(image, "usr/share/doc/readme", "r\n", IMAGE_TIME);
        file(image, "opt/replace-me/newsub/inner.txt", "i\n", IMAGE_TIME);
        ContainerLayer container = stack.container("ctr", LayerKind.DIFF);
        file(container.initPath(), "etc/hostname", "", RUN_TIME);
        file(container.initPath(), ".dockerenv", "", RUN_TIME);
        Path rw = container.path();
        file(rw, "etc/config/a.conf", "a=1\nb=2\n", RUN_TIME);
        UnionLayers.aufsWhiteout(rw, "usr/share/doc/readme");
        UnionLayers.aufsWhiteout(rw, "opt/replace-me/newsub");
        file(rw, "var/newdir/deeper/deep.txt", "deep\n", RUN_TIME);
        symlink(rw.resolve("srv/new-link"), "/srv/app/new-file.txt");

        ContainerDiff.Result result = ContainerDiff.of(stack.layers(), container, NodeInspector.system());

        assertThat(lines(result)).containsExactly(
                "C /etc", "C /etc/config", "C /etc/config/a.conf",
                "C /opt", "C /opt/replace-me", "D /opt/replace-me/newsub",
                "A /srv", "A /srv/new-link",
                "C /usr", "C /usr/share", "C /usr/share/doc", "D /usr/share/doc/readme",
                "A /var", "A /var/newdir", "A /var/newdir/deeper", "A /var/newdir/deeper/deep.txt");
    }

    @Test
    void initPlaceholdersShowOnlyWhenTheContainerChangedThem() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        file(stack.diff("image").resolve(""), "etc/passwd", "root\n", IMAGE_TIME);
        ContainerLayer container = stack.container("ctr", LayerKind.DIFF);
        file(container.initPath(), "etc/hostname", "", RUN_TIME);
        file(container.initPath(), "etc/hosts", "", RUN_TIME);
        file(container.path(), "etc/hostname", "c-run-host\n", RUN_TIME);

        assertThat(lines(ContainerDiff.of(stack.layers(), container, NodeInspector.system())))
                .containsExactly("C /etc", "C /etc/hostname");
    }

    @Test
    void overlayWhiteoutDeviceAndOpaqueFolderAreDeletions() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "overlay2");
        Path image = stack.diff("image");
        file(image, "etc/delete-me.txt", "x", IMAGE_TIME);
        file(image, "opt/replace-me/old1.txt", "o", IMAGE_TIME);
        file(image, "opt/replace-me/sub/old2.txt", "o", IMAGE_TIME);
        ContainerLayer container = stack.container("ctr", LayerKind.DIFF);
        Path whiteout = write(container.path().resolve("etc/delete-me.txt"), "");
        Path opaque = mkdirs(container.path().resolve("opt/replace-me"));
        file(container.path(), "opt/replace-me/new.txt", "n", RUN_TIME);
        UnionFakeInspector inspector = new UnionFakeInspector().overlayWhiteout(whiteout).opaque(opaque);

        assertThat(lines(ContainerDiff.of(stack.layers(), container, inspector))).containsExactly(
                "C /etc", "D /etc/delete-me.txt",
                "C /opt", "C /opt/replace-me", "A /opt/replace-me/new.txt", "D /opt/replace-me/old1.txt",
                "D /opt/replace-me/sub");
    }

    @Test
    void snapshotContainerIsComparedWithItsInitSnapshot() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "vfs");
        file(stack.snapshot("image"), "etc/passwd", "root\n", IMAGE_TIME);
        ContainerLayer container = stack.container("ctr", LayerKind.SNAPSHOT);
        for (Path tree : List.of(container.initPath(), container.path())) {
            file(tree, "etc/passwd", "root\n", IMAGE_TIME);
            file(tree, "etc/hostname", "", RUN_TIME);
            file(tree, "bin/tool", "elf", IMAGE_TIME);
            file(tree, "usr/share/doc/readme", "r\n", IMAGE_TIME);
        }
        Path rw = container.path();
        mtime(rw.resolve("etc"), RUN_TIME + 5);
        Files.setPosixFilePermissions(rw.resolve("bin/tool"), PosixFilePermissions.fromString("rwx------"));
        Files.delete(rw.resolve("usr/share/doc/readme"));
        file(rw, "srv/app/new-file.txt", "new\n", RUN_TIME);

        ContainerDiff.Result result = ContainerDiff.of(stack.layers(), container, NodeInspector.system());

        assertThat(lines(result)).as("a folder's mtime alone is no change").containsExactly(
                "C /bin", "C /bin/tool", "A /srv", "A /srv/app", "A /srv/app/new-file.txt",
                "C /usr", "C /usr/share", "C /usr/share/doc", "D /usr/share/doc/readme");
    }

    @Test
    void snapshotContainerWithoutInitIsComparedWithItsImageAndSaysSo() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "vfs");
        file(stack.snapshot("image"), "etc/passwd", "root\n", IMAGE_TIME);
        Path rw = mkdirs(tmp.resolve("ctr"));
        file(rw, "etc/passwd", "root\n", IMAGE_TIME);
        file(rw, ".dockerenv", "", RUN_TIME);
        ContainerLayer container = new ContainerLayer("ctr", null, "vfs", rw, null, LayerKind.SNAPSHOT);

        ContainerDiff.Result result = ContainerDiff.of(stack.layers(), container, NodeInspector.system());

        assertThat(result.changes()).extracting(ContainerDiff.Change::toString).containsExactly("A /.dockerenv");
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("no init layer"));
    }

    @Test
    void containerWithoutReadWriteFolderCannotBeDiffed() {
        ContainerLayer broken = new ContainerLayer("ctr", "ctr-init", "overlay2", null, null, LayerKind.DIFF);

        assertThatThrownBy(() -> ContainerDiff.of(List.of(), broken, NodeInspector.system()))
                .isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("read-write layer folder is missing");
    }
}
