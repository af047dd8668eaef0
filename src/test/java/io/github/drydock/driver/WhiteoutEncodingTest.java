package io.github.drydock.driver;

import io.github.drydock.model.FileType;
import io.github.drydock.model.LayerKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WhiteoutEncodingTest {
    private static Node node(FileType type, int major, int minor) {
        return new Node(type, 0644, 0, 0, 0, Instant.EPOCH, null, null, major, minor, 1, 2, 1);
    }

    @Test
    void eachDriverHasItsEncoding() {
        assertThat(WhiteoutEncoding.forLayer("aufs", LayerKind.DIFF)).isEqualTo(WhiteoutEncoding.AUFS);
        assertThat(WhiteoutEncoding.forLayer("fuse-overlayfs", LayerKind.DIFF)).isEqualTo(WhiteoutEncoding.AUFS);
        assertThat(WhiteoutEncoding.forLayer("overlay2", LayerKind.DIFF)).isEqualTo(WhiteoutEncoding.OVERLAY);
        assertThat(WhiteoutEncoding.forLayer("overlay", LayerKind.DIFF)).isEqualTo(WhiteoutEncoding.OVERLAY);
        assertThat(WhiteoutEncoding.forLayer("overlay", LayerKind.SNAPSHOT)).isEqualTo(WhiteoutEncoding.NONE);
        assertThat(WhiteoutEncoding.forLayer("vfs", LayerKind.SNAPSHOT)).isEqualTo(WhiteoutEncoding.NONE);
        assertThat(WhiteoutEncoding.forLayer("btrfs", LayerKind.SNAPSHOT)).isEqualTo(WhiteoutEncoding.NONE);
        assertThat(WhiteoutEncoding.forLayer("something-new", LayerKind.DIFF)).isEqualTo(WhiteoutEncoding.AUFS);
        assertThat(WhiteoutEncoding.forLayer(null, LayerKind.DIFF)).isEqualTo(WhiteoutEncoding.AUFS);
    }

    @Test
    void aufsNamesAreClassifiedByName() {
        Node file = node(FileType.FILE, 0, 0);
        WhiteoutEncoding aufs = WhiteoutEncoding.AUFS;
        assertThat(aufs.classify("passwd", file)).isEqualTo(NodeRole.ENTRY);
        assertThat(aufs.classify(".wh.passwd", file)).isEqualTo(NodeRole.WHITEOUT);
        assertThat(aufs.whitedOut(".wh.passwd")).isEqualTo("passwd");
        assertThat(aufs.classify(".wh..hidden", file)).isEqualTo(NodeRole.WHITEOUT);
        assertThat(aufs.whitedOut(".wh..hidden")).isEqualTo(".hidden");
        assertThat(aufs.classify(".wh..wh..opq", file)).isEqualTo(NodeRole.OPAQUE_MARKER);
        for (String internal : new String[] {".wh..wh.plnk", ".wh..wh.aufs", ".wh..wh.orph", ".wh.", ".wh..", ".wh..."}) {
            assertThat(aufs.classify(internal, file)).as(internal).isEqualTo(NodeRole.INTERNAL);
        }
        assertThat(aufs.classify("null", node(FileType.CHAR, 0, 0))).isEqualTo(NodeRole.ENTRY);
    }

    @Test
    void overlayWhiteoutIsACharacterDeviceZeroZero() {
        WhiteoutEncoding overlay = WhiteoutEncoding.OVERLAY;
        assertThat(overlay.classify("gone", node(FileType.CHAR, 0, 0))).isEqualTo(NodeRole.WHITEOUT);
        assertThat(overlay.whitedOut("gone")).isEqualTo("gone");
        assertThat(overlay.classify("null", node(FileType.CHAR, 1, 3))).isEqualTo(NodeRole.ENTRY);
        assertThat(overlay.classify("zero", node(FileType.BLOCK, 0, 0))).isEqualTo(NodeRole.ENTRY);
        assertThat(overlay.classify(".wh.literal", node(FileType.FILE, 0, 0))).isEqualTo(NodeRole.ENTRY);
        assertThat(WhiteoutEncoding.NONE.classify("gone", node(FileType.CHAR, 0, 0))).isEqualTo(NodeRole.ENTRY);
    }

    @Test
    void opaqueAttributeNeedsExactlyY() {
        assertThat(WhiteoutEncoding.opaqueAttribute(Map.of("trusted.overlay.opaque", new byte[] {'y'}))).isTrue();
        assertThat(WhiteoutEncoding.opaqueAttribute(Map.of("user.overlay.opaque", new byte[] {'y'}))).isTrue();
        assertThat(WhiteoutEncoding.opaqueAttribute(Map.of("trusted.overlay.opaque", new byte[] {'n'}))).isFalse();
        assertThat(WhiteoutEncoding.opaqueAttribute(Map.of("trusted.overlay.opaque", new byte[] {'y', 'y'}))).isFalse();
        assertThat(WhiteoutEncoding.opaqueAttribute(Map.of())).isFalse();
        assertThat(WhiteoutEncoding.isOverlayBookkeeping("trusted.overlay.origin")).isTrue();
        assertThat(WhiteoutEncoding.isOverlayBookkeeping("security.capability")).isFalse();
    }
}
