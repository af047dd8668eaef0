package io.github.drydock.archive;

import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.testing.TestFiles;
import io.github.drydock.testing.UnionFakeInspector;
import io.github.drydock.testing.UnionLayers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deterministic layer tar written when a layer cannot be rebuilt from its tar-split, and for commits. */
class SaveFallbackTarTest {
    private static final long T = 1_700_000_000L;

    @TempDir
    Path temp;

    private final UnionFakeInspector inspector = new UnionFakeInspector();

    private SaveFallbackTar writer(Map<String, Layer> layers) {
        Function<String, Optional<Layer>> lookup = id -> Optional.ofNullable(layers.get(id));
        return new SaveFallbackTar(inspector, lookup);
    }

    private byte[] write(Layer layer, Map<String, Layer> layers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer(layers).write(layer, out);
        return out.toByteArray();
    }

    private static Layer layer(String id, String driver, LayerKind kind, Path folder, String parent) {
        return new Layer(id, null, id, parent, driver, kind, folder, -1, null);
    }

    @Test
    void anEmptyDiffFolderIsDockersEmptyLayerTar() throws IOException {
        Path folder = TestFiles.mkdirs(temp.resolve("empty"));

        byte[] tar = write(layer("e", "aufs", LayerKind.DIFF, folder, null), Map.of());

        assertThat(tar).hasSize(1024).containsOnly(0);
        assertThat(Digests.sha256Hex(tar)).isEqualTo(Digests.EMPTY_LAYER_DIFF_ID);
    }

    @Test
    void overlayWhiteoutsBecomeWhFilesAndOpaqueFoldersGetAMarkerAfterThemselves() throws IOException {
        Path diff = TestFiles.mkdirs(temp.resolve("diff"));
        Path gone = TestFiles.write(diff.resolve("etc/gone.conf"), "");
        Path opaque = TestFiles.mkdirs(diff.resolve("opt/replaced"));
        TestFiles.write(opaque.resolve("new.txt"), "new\n");
        inspector.overlayWhiteout(gone).opaque(opaque);
        for (Path p : new Path[] {gone, opaque, opaque.resolve("new.txt"), diff.resolve("etc"), diff.resolve("opt")}) {
            UnionLayers.mtime(p, T);
        }

        byte[] tar = write(layer("o", "overlay2", LayerKind.DIFF, diff, null), Map.of());

        var members = TarReading.read(tar);
        assertThat(TarReading.names(members)).containsExactly("etc/", "etc/.wh.gone.conf", "opt/", "opt/replaced/",
                "opt/replaced/.wh..wh..opq", "opt/replaced/new.txt");
        TarReading.Member whiteout = TarReading.member(members, "etc/.wh.gone.conf");
        assertThat(whiteout.type()).isEqualTo('0');
        assertThat(whiteout.mode()).isEqualTo(0600);
        assertThat(whiteout.size()).isZero();
        assertThat(whiteout.mtime()).isEqualTo(T);
        TarReading.Member marker = TarReading.member(members, "opt/replaced/.wh..wh..opq");
        assertThat(marker.mode()).isEqualTo(0755);
        assertThat(marker.mtime()).isZero();
        assertThat(TarReading.member(members, "opt/replaced/new.txt").text()).isEqualTo("new\n");
    }

    @Test
    void aufsBookkeepingIsLeftOutAndWhiteoutsAreWrittenAsPlainEmptyFiles() throws IOException {
        Path diff = TestFiles.mkdirs(temp.resolve("aufs"));
        Path base = TestFiles.write(diff.resolve(".wh..wh.aufs"), "");
        TestFiles.write(diff.resolve(".wh..wh.plnk/123.456"), "pseudo link");
        TestFiles.mkdirs(diff.resolve(".wh..wh.orph"));
        TestFiles.mkdirs(diff.resolve("var/lib"));
        Files.createLink(diff.resolve("var/lib/.wh.apt"), base);
        Files.createLink(diff.resolve("var/.wh.log"), base);
        UnionLayers.aufsOpaque(diff, "var/lib");

        byte[] tar = write(layer("a", "aufs", LayerKind.DIFF, diff, null), Map.of());

        var members = TarReading.read(tar);
        assertThat(TarReading.names(members)).containsExactly("var/", "var/.wh.log", "var/lib/", "var/lib/.wh..wh..opq",
                "var/lib/.wh.apt");
        assertThat(members).filteredOn(m -> m.name().contains(".wh.")).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo('0');
            assertThat(m.link()).isEmpty();
            assertThat(m.size()).isZero();
        });
    }

    @Test
    void theSameFolderAlwaysGivesTheSameBytes() throws IOException {
        Path diff = TestFiles.mkdirs(temp.resolve("same"));
        TestFiles.write(diff.resolve("b.txt"), "bee");
        TestFiles.write(diff.resolve("a/z.txt"), "zed");
        Files.createLink(diff.resolve("a/hard"), diff.resolve("b.txt"));
        TestFiles.symlink(diff.resolve("a/link"), "/etc/shadow");
        Layer layer = layer("s", "aufs", LayerKind.DIFF, diff, null);

        byte[] first = write(layer, Map.of());
        byte[] second = write(layer, Map.of());

        assertThat(second).isEqualTo(first);
        var members = TarReading.read(first);
        assertThat(TarReading.names(members)).containsExactly("a/", "a/hard", "a/link", "a/z.txt", "b.txt");
        assertThat(TarReading.member(members, "a/hard").text()).isEqualTo("bee");
        assertThat(TarReading.member(members, "b.txt").type()).isEqualTo('1');
        assertThat(TarReading.member(members, "b.txt").link()).isEqualTo("a/hard");
        assertThat(TarReading.member(members, "a/link").link()).isEqualTo("/etc/shadow");
        assertThat(TarReading.member(members, "a/link").size()).isZero();
    }

    @Test
    void aSnapshotLayerIsTheNaiveDiffAgainstItsParentWithWhFilesForDeletions() throws IOException {
        Path parent = TestFiles.mkdirs(temp.resolve("vfs/p"));
        Path child = TestFiles.mkdirs(temp.resolve("vfs/c"));
        for (Path root : new Path[] {parent, child}) {
            TestFiles.write(root.resolve("etc/keep.conf"), "same");
            TestFiles.write(root.resolve("etc/change.conf"), "v1");
            UnionLayers.mtime(root.resolve("etc/keep.conf"), T);
            UnionLayers.mtime(root.resolve("etc/change.conf"), T);
        }
        TestFiles.write(parent.resolve("etc/gone.conf"), "bye");
        TestFiles.write(child.resolve("etc/change.conf"), "v2, longer");
        TestFiles.write(child.resolve("srv/new/file.txt"), "added");
        UnionLayers.mtime(child.resolve("etc"), T + 60);
        Layer base = layer("p", "vfs", LayerKind.SNAPSHOT, parent, null);
        Layer top = layer("c", "vfs", LayerKind.SNAPSHOT, child, "p");

        byte[] tar = write(top, Map.of("p", base, "c", top));

        var members = TarReading.read(tar);
        // ExportChanges order: by the changed path, so the whiteout of /etc/gone.conf comes after /etc/change.conf
        assertThat(TarReading.names(members)).containsExactly("etc/", "etc/change.conf", "etc/.wh.gone.conf", "srv/",
                "srv/new/", "srv/new/file.txt");
        TarReading.Member whiteout = TarReading.member(members, "etc/.wh.gone.conf");
        assertThat(whiteout.mode()).isZero();
        assertThat(whiteout.mtime()).isEqualTo(T + 60);
        assertThat(TarReading.member(members, "etc/change.conf").text()).isEqualTo("v2, longer");
    }

    @Test
    void aBaseSnapshotIsItsWholeTree() throws IOException {
        Path root = TestFiles.mkdirs(temp.resolve("base"));
        TestFiles.write(root.resolve("bin/tool"), "#!tool");
        TestFiles.mkdirs(root.resolve("tmp"));

        byte[] tar = write(layer("b", "vfs", LayerKind.SNAPSHOT, root, null), Map.of());

        assertThat(TarReading.names(TarReading.read(tar))).containsExactly("bin/", "bin/tool", "tmp/");
    }

    @Test
    void aSnapshotWhoseParentIsUnknownIsRefusedWithTheIds() {
        Path child = TestFiles.mkdirs(temp.resolve("orphan"));

        assertThatThrownBy(() -> write(layer("c", "vfs", LayerKind.SNAPSHOT, child, "gone"), Map.of()))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("c").hasMessageContaining("gone");
    }

    @Test
    void anUnreadableLayerIsRefused() {
        Layer devicemapper = new Layer("d", null, "d", null, "devicemapper", LayerKind.UNREADABLE, null, -1, null);

        assertThatThrownBy(() -> write(devicemapper, Map.of())).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("no readable folder");
    }

    @Test
    void aSnapshotContainerIsDiffedAgainstItsInitLayerNotItsImage() throws IOException {
        UnionLayers layers = new UnionLayers(temp.resolve("c"), "vfs");
        Path image = layers.snapshot("img");
        TestFiles.write(image.resolve("etc/os-release"), "x");
        ContainerLayer container = layers.container("m", LayerKind.SNAPSHOT);
        for (Path root : new Path[] {container.path(), container.initPath()}) {
            TestFiles.write(root.resolve("etc/os-release"), "x");
            TestFiles.write(root.resolve("etc/hosts"), "127.0.0.1 localhost");
            UnionLayers.mtime(root.resolve("etc/os-release"), T);
            UnionLayers.mtime(root.resolve("etc/hosts"), T);
            UnionLayers.mtime(root.resolve("etc"), T);
        }
        TestFiles.write(container.path().resolve("root/.history"), "ls");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        writer(Map.of()).writeContainer(layers.layers(), container, out);

        assertThat(TarReading.names(TarReading.read(out.toByteArray()))).containsExactly("root/", "root/.history");
    }

    @Test
    void socketsAreLeftOutAsTarCannotHoldThem() throws IOException {
        Path diff = TestFiles.mkdirs(temp.resolve("sockets"));
        Path pipe = TestFiles.write(diff.resolve("daemon.sock"), "");
        TestFiles.write(diff.resolve("ok.txt"), "ok");
        inspector.type(pipe, FileType.SOCKET);
        SaveFallbackTar writer = writer(Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        writer.write(layer("f", "aufs", LayerKind.DIFF, diff, null), out);

        assertThat(TarReading.names(TarReading.read(out.toByteArray()))).containsExactly("ok.txt");
        assertThat(writer.problems()).isEmpty();
    }
}
