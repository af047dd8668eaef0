package io.github.drydock.union;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.LayerKind;
import io.github.drydock.testing.UnionFakeInspector;
import io.github.drydock.testing.UnionLayers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.write;
import static io.github.drydock.union.UnionViewRulesTest.names;
import static io.github.drydock.union.UnionViewRulesTest.shadowSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The overlay encoding: whiteouts as character devices 0:0 and opaque folders by attribute. The fake
 * inspector runs everywhere; the tests on real device nodes and real {@code trusted.*} attributes need root.
 */
class UnionViewOverlayTest {
    @TempDir
    Path tmp;

    @Test
    void deviceZeroZeroIsAWhiteoutInOverlayLayers() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "overlay2");
        write(stack.diff("base").resolve("etc/delete-me.txt"), "x");
        Path top = stack.diff("top");
        Path whiteout = write(top.resolve("etc/delete-me.txt"), "");
        UnionFakeInspector inspector = new UnionFakeInspector().overlayWhiteout(whiteout);

        UnionView view = UnionView.of(stack.layers(), null, inspector);

        assertThat(names(view.list("/etc"))).isEmpty();
        assertThat(shadowSummary(view)).containsExactly("WHITEOUT /etc/delete-me.txt FILE@base by top");
    }

    @Test
    void otherDeviceNodesAreShownWithTheirNumbers() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "overlay2");
        Path base = stack.diff("base");
        Path console = write(base.resolve("dev/console"), "");
        Path disk = write(base.resolve("dev/sda"), "");
        UnionFakeInspector inspector = new UnionFakeInspector()
                .device(console, FileType.CHAR, 5, 1).device(disk, FileType.BLOCK, 8, 0);

        UnionView view = UnionView.of(stack.layers(), null, inspector);

        FileEntry c = view.find("/dev/console").orElseThrow();
        assertThat(c.type()).isEqualTo(FileType.CHAR);
        assertThat(new int[] {c.devMajor(), c.devMinor()}).containsExactly(5, 1);
        assertThat(view.find("/dev/sda").orElseThrow().type()).isEqualTo(FileType.BLOCK);
        assertThatThrownBy(() -> view.open("/dev/sda")).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("BLOCK, not a regular file");
    }

    @Test
    void zeroZeroDeviceInAnAufsLayerIsJustADevice() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path node = write(stack.diff("base").resolve("dev/null0"), "");
        UnionView view = UnionView.of(stack.layers(), null, new UnionFakeInspector().overlayWhiteout(node));

        assertThat(view.find("/dev/null0").orElseThrow().type()).isEqualTo(FileType.CHAR);
    }

    @Test
    void opaqueAttributeHidesLowerChildrenInBothNamespaces() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "overlay2");
        Path base = stack.diff("base");
        write(base.resolve("a/old"), "o");
        write(base.resolve("b/old"), "o");
        Path top = stack.diff("top");
        write(top.resolve("a/new"), "n");
        write(top.resolve("b/new"), "n");
        UnionFakeInspector inspector = new UnionFakeInspector().opaque(top.resolve("a"))
                .xattr(top.resolve("b"), "user.overlay.opaque", "y");

        UnionView view = UnionView.of(stack.layers(), null, inspector);

        assertThat(names(view.list("/a"))).containsExactly("new");
        assertThat(names(view.list("/b"))).containsExactly("new");
        assertThat(view.find("/a").orElseThrow().xattrs()).as("overlay bookkeeping is not a file attribute").isEmpty();
        assertThat(shadowSummary(view)).containsExactly("OPAQUE /a/old FILE@base by top", "OPAQUE /b/old FILE@base by top");
    }

    @Test
    void opaqueValueOtherThanYIsNotOpaque() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "overlay2");
        write(stack.diff("base").resolve("a/old"), "o");
        Path top = stack.diff("top");
        mkdirs(top.resolve("a"));
        UnionView view = UnionView.of(stack.layers(), null, new UnionFakeInspector().xattr(top.resolve("a"),
                "trusted.overlay.opaque", "x"));

        assertThat(names(view.list("/a"))).containsExactly("old");
    }

    @Test
    void unreadableTrustedAttributesAreReportedNotIgnored() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "overlay2");
        write(stack.diff("base").resolve("a/old"), "o");
        UnionView view = UnionView.of(stack.layers(), null,
                new UnionFakeInspector().limitation("not running as root: trusted.* extended attributes are invisible"));

        view.walk().forEach(e -> { });

        assertThat(view.problems()).extracting(p -> p.message()).anySatisfy(m -> assertThat(m)
                .contains("cannot read trusted.overlay.opaque in layer base: not running as root")
                .contains("opaque folders may be shown with lower layers' entries"));
    }

    @Test
    void fileAttributesAreKeptButSelinuxIsDropped() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "overlay2");
        Path ping = write(stack.diff("base").resolve("bin/ping"), "elf");
        UnionView view = UnionView.of(stack.layers(), null, new UnionFakeInspector()
                .xattr(ping, "security.capability", "cap").xattr(ping, "security.selinux", "label")
                .xattr(ping, "user.note", "hello"));

        assertThat(view.find("/bin/ping").orElseThrow().xattrs()).containsOnlyKeys("security.capability", "user.note");
    }

    @Test
    void overlayV1ContainerIsUpperOverTheImageRootSnapshot() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "overlay");
        write(stack.snapshot("parent-root").resolve("etc/old"), "parent");
        Path root = stack.snapshot("image-root");
        write(root.resolve("etc/passwd"), "p");
        write(root.resolve("etc/gone"), "g");
        ContainerLayer container = stack.container("ctr", LayerKind.DIFF);
        Path whiteout = write(container.path().resolve("etc/gone"), "");
        write(container.path().resolve("etc/hostname"), "");

        UnionView view = UnionView.of(stack.layers(), container, new UnionFakeInspector().overlayWhiteout(whiteout));

        assertThat(view.stack()).extracting(ViewLayer::id).containsExactly("ctr", "ctr-init", "image-root");
        assertThat(names(view.list("/etc"))).containsExactly("hostname", "passwd");
    }

    @Test
    void realCharacterDeviceWhiteoutAndTrustedOpaqueAttribute() throws IOException {
        Assumptions.assumeTrue(UnionLayers.runningAsRoot(),
                "skipped: real 0:0 device nodes and trusted.* attributes need root");
        UnionLayers stack = new UnionLayers(tmp, "overlay2");
        Path base = stack.diff("base");
        write(base.resolve("etc/delete-me.txt"), "x");
        write(base.resolve("opaque-dir/old"), "o");
        Path top = stack.diff("top");
        mkdirs(top.resolve("etc"));
        UnionLayers.run("mknod", top.resolve("etc/delete-me.txt").toString(), "c", "0", "0");
        write(top.resolve("opaque-dir/new"), "n");
        UnionLayers.run("setfattr", "-n", "trusted.overlay.opaque", "-v", "y", top.resolve("opaque-dir").toString());

        UnionView view = UnionView.of(stack.layers(), null, NodeInspector.system());

        assertThat(names(view.list("/etc"))).isEmpty();
        assertThat(names(view.list("/opaque-dir"))).containsExactly("new");
        assertThat(view.problems()).isEmpty();
        assertThat(shadowSummary(view)).containsExactly("WHITEOUT /etc/delete-me.txt FILE@base by top",
                "OPAQUE /opaque-dir/old FILE@base by top");
    }
}
