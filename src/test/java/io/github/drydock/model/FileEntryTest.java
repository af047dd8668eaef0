package io.github.drydock.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileEntryTest {
    private static FileEntry entry(String path, FileType type, int mode, int linkCount) {
        return new FileEntry(path, type, mode, 0, 0, 0, Instant.EPOCH, null, null,
                type == FileType.SYMLINK ? "target" : null, 0, 0, Map.of("user.a", new byte[] {1}), "layer1",
                Path.of("/l" + path), 7, 42, linkCount);
    }

    @Test
    void modeStringReadsLikeLs() {
        assertThat(entry("/d", FileType.DIR, 0755, 2).modeString()).isEqualTo("drwxr-xr-x");
        assertThat(entry("/tmp", FileType.DIR, 01777, 2).modeString()).isEqualTo("drwxrwxrwt");
        assertThat(entry("/bin/su", FileType.FILE, 04755, 1).modeString()).isEqualTo("-rwsr-xr-x");
        assertThat(entry("/x", FileType.FILE, 02640, 1).modeString()).isEqualTo("-rw-r-S---");
        assertThat(entry("/l", FileType.SYMLINK, 0777, 1).modeString()).isEqualTo("lrwxrwxrwx");
        assertThat(entry("/p", FileType.FIFO, 0600, 1).modeString()).isEqualTo("prw-------");
        assertThat(entry("/d", FileType.DIR, 0755, 2).fullMode()).isEqualTo(040755);
    }

    @Test
    void hardLinkKeyOnlyForMultiplyLinkedFilesAndIncludesTheLayer() {
        assertThat(entry("/a", FileType.FILE, 0644, 2).hardLinkKey()).contains("layer1@7:42");
        assertThat(entry("/a", FileType.FILE, 0644, 1).hardLinkKey()).isEmpty();
        assertThat(entry("/d", FileType.DIR, 0755, 3).hardLinkKey()).isEmpty();
    }

    @Test
    void equalityComparesAttributeBytesNotArrays() {
        assertThat(entry("/a", FileType.FILE, 0644, 1)).isEqualTo(entry("/a", FileType.FILE, 0644, 1))
                .hasSameHashCodeAs(entry("/a", FileType.FILE, 0644, 1));
        assertThat(entry("/a", FileType.FILE, 0644, 1)).isNotEqualTo(entry("/a", FileType.FILE, 0600, 1));
    }

    @Test
    void pathsMustBeAbsoluteAndSymlinksNeedTargets() {
        assertThatThrownBy(() -> entry("relative", FileType.FILE, 0644, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileEntry("/l", FileType.SYMLINK, 0777, 0, 0, 0, Instant.EPOCH, null, null, null,
                0, 0, Map.of(), "l", null, 0, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThat(entry("/", FileType.DIR, 0755, 2).name()).isEmpty();
        assertThat(entry("/etc/passwd", FileType.FILE, 0644, 1).name()).isEqualTo("passwd");
    }
}
