package io.github.drydock.driver;

import io.github.drydock.model.FileType;
import io.github.drydock.testing.UnionLayers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class HostNodeInspectorTest {
    @TempDir
    Path tmp;

    private final NodeInspector inspector = NodeInspector.system();

    @Test
    void devicesFifosAndSymlinksAreToldApartWithoutOpeningThem() throws IOException {
        Node devNull = inspector.stat(Path.of("/dev/null"));
        assertThat(devNull.type()).isEqualTo(FileType.CHAR);
        assertThat(new int[] {devNull.devMajor(), devNull.devMinor()}).containsExactly(1, 3);
        UnionLayers.run("mkfifo", tmp.resolve("pipe").toString());
        assertThat(inspector.stat(tmp.resolve("pipe")).type()).isEqualTo(FileType.FIFO);
        Path link = symlink(tmp.resolve("link"), "/etc/shadow");
        Node linkNode = inspector.stat(link);
        assertThat(linkNode.type()).isEqualTo(FileType.SYMLINK);
        assertThat(linkNode.size()).isEqualTo("/etc/shadow".length());
    }

    @Test
    void hardLinksShareInodeAndCountLinks() throws IOException {
        Path a = write(tmp.resolve("a"), "x");
        Path b = Files.createLink(tmp.resolve("b"), a);
        Node na = inspector.stat(a);
        Node nb = inspector.stat(b);
        assertThat(nb.inode()).isEqualTo(na.inode());
        assertThat(nb.device()).isEqualTo(na.device());
        assertThat(na.linkCount()).isEqualTo(2);
        Files.setPosixFilePermissions(a, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        assertThat(inspector.stat(a).mode()).isEqualTo(0640);
    }

    @Test
    void largeDeviceNumbersDecodeLikeGlibc() {
        long dev = ((259L & 0xfff) << 8) | ((259L & ~0xfffL) << 32) | (70000L & 0xff) | ((70000L & ~0xffL) << 12);
        assertThat(Node.major(dev)).isEqualTo(259);
        assertThat(Node.minor(dev)).isEqualTo(70000);
    }

    @Test
    void userAttributesAreReadAcrossManyFoldersIncludingANonUtf8Name() throws IOException {
        Path layer = mkdirs(tmp.resolve("layer"));
        for (int i = 0; i < 40; i++) {
            Path file = write(layer.resolve("d" + i + "/f"), "x");
            UnionLayers.run("setfattr", "-n", "user.n", "-v", "v" + i, file.toString());
        }
        UnionLayers.run("sh", "-c", "cd '" + layer + "' && printf x > \"$(printf 'bad\\377name')\" && setfattr -n user.n -v raw \"$(printf 'bad\\377name')\"");
        NodeInspector fresh = NodeInspector.system();

        for (int i = 0; i < 40; i++) {
            assertThat(fresh.xattrs(layer, layer.resolve("d" + i + "/f")).get("user.n"))
                    .as("folder %d", i).isEqualTo(("v" + i).getBytes());
        }
        Path odd = null;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(layer, "bad*")) {
            for (Path child : children) {
                odd = child;
            }
        }
        assertThat(odd).isNotNull();
        assertThat(fresh.xattrs(layer, odd).get("user.n")).isEqualTo("raw".getBytes());
        assertThat(fresh.xattrs(layer, layer.resolve("d0")).get("user.n")).isNull();
    }

    @Test
    void aNameThatIsNotUtf8SwitchesToAWholeLayerScan() throws IOException {
        Path layer = mkdirs(tmp.resolve("layer"));
        write(layer.resolve("plain"), "p");
        UnionLayers.run("setfattr", "-n", "user.p", "-v", "plain", layer.resolve("plain").toString());
        UnionLayers.run("sh", "-c", "cd '" + layer + "' && printf x > \"$(printf '\\376')\" && setfattr -n user.n -v odd \"$(printf '\\376')\"");
        NodeInspector fresh = NodeInspector.system();
        Path odd;
        try (var children = Files.list(layer)) {
            odd = children.filter(p -> !p.getFileName().toString().equals("plain")).findFirst().orElseThrow();
        }

        assertThat(fresh.xattrs(layer, odd).get("user.n")).isEqualTo("odd".getBytes());
        assertThat(fresh.xattrs(layer, layer.resolve("plain")).get("user.p")).isEqualTo("plain".getBytes());
    }

    @Test
    void trustedAttributesAreReadAsRoot() throws IOException {
        Assumptions.assumeTrue(UnionLayers.runningAsRoot(), "skipped: trusted.* attributes need root");
        Path dir = mkdirs(tmp.resolve("layer/opaque-dir"));
        UnionLayers.run("setfattr", "-n", "trusted.overlay.opaque", "-v", "y", dir.toString());

        assertThat(inspector.xattrs(tmp.resolve("layer"), dir).get("trusted.overlay.opaque")).containsExactly('y');
        assertThat(inspector.limitation()).isEmpty();
    }
}
