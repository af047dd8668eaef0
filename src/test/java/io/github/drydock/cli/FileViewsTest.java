package io.github.drydock.cli;

import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.ShadowedEntry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileViewsTest {
    private static final String LAYER = "0832d25a4ffbb352227e80b6b74ef333db89dffcb20d53308176f4191653c696";
    private static final String MOUNT = "c51e3540e645cb41c090fa8c033ce224f6591a253819b987a3eabb0bec6dab4c";
    private static final Instant TIME = Instant.parse("2023-11-14T22:13:20Z");

    private static FileEntry entry(String path, FileType type, int mode, long size, String link, String layer) {
        return new FileEntry(path, type, mode, 0, 0, size, TIME, null, null, link, type == FileType.CHAR ? 1 : 0,
                type == FileType.CHAR ? 3 : 0, Map.of(), layer, Path.of("/r" + path), 1, 2, 1);
    }

    @Test
    void longTableShowsModeOwnersSizeUtcTimeLayerAndLinkTargets() {
        List<FileEntry> entries = List.of(
                entry("/data/seed.txt", FileType.FILE, 0644, 30, null, LAYER),
                entry("/data/shadow-link", FileType.SYMLINK, 0777, 11, "/etc/shadow\u001b[2J", LAYER),
                entry("/dev/null", FileType.CHAR, 0666, 0, null, MOUNT + "-init"),
                entry("/tmp", FileType.DIR, 01777, 4096, null, "my-volume"));
        assertThat(FileViews.longTable(entries, false)).isEqualTo("""
                MODE        UID  GID  SIZE  MODIFIED             LAYER              NAME
                -rw-r--r--  0    0    30    2023-11-14 22:13:20  0832d25a4ffb       seed.txt
                lrwxrwxrwx  0    0    11    2023-11-14 22:13:20  0832d25a4ffb       shadow-link -> /etc/shadow\\x1b[2J
                crw-rw-rw-  0    0    1, 3  2023-11-14 22:13:20  c51e3540e645-init  null
                drwxrwxrwt  0    0    4096  2023-11-14 22:13:20  my-volume          tmp
                """);
        assertThat(FileViews.longTable(entries.subList(0, 1), true)).endsWith("  /data/seed.txt\n");
    }

    @Test
    void namesAreOnePerLineAndPrintable() {
        List<FileEntry> entries = List.of(entry("/", FileType.DIR, 0755, 0, null, LAYER),
                entry("/a\nb", FileType.FILE, 0644, 1, null, LAYER));
        assertThat(FileViews.names(entries, false)).isEqualTo("/\na\\nb\n");
        assertThat(FileViews.names(entries, true)).isEqualTo("/\n/a\\nb\n");
    }

    @Test
    void shadowedTableNamesTheHidingLayerAndWhereTheBytesStillAre() {
        ShadowedEntry hidden = new ShadowedEntry(entry("/etc/delete-me.txt", FileType.FILE, 0644, 50, null, LAYER),
                MOUNT, ShadowedEntry.Reason.WHITEOUT);
        assertThat(FileViews.shadowedTable(List.of(hidden))).isEqualTo("""
                REASON    HIDDEN BY     LAYER         MODE        SIZE  MODIFIED             PATH
                whiteout  c51e3540e645  0832d25a4ffb  -rw-r--r--  50    2023-11-14 22:13:20  /etc/delete-me.txt
                """);
    }

    @Test
    void diffLinesAreDockersFormat() {
        assertThat(FileViews.diffLines(List.of(new FileViews.DiffLine("C", "/etc"),
                new FileViews.DiffLine("A", "/etc/new file")))).isEqualTo("C /etc\nA /etc/new file\n");
        assertThatThrownBy(() -> new FileViews.DiffLine("X", "/etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileViews.DiffLine("A", "etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layerIdsAreShortenedOnlyWhenTheyAreHex() {
        assertThat(FileViews.layer(LAYER)).isEqualTo("0832d25a4ffb");
        assertThat(FileViews.layer(MOUNT + "-init")).isEqualTo("c51e3540e645-init");
        assertThat(FileViews.layer("namedvol")).isEqualTo("namedvol");
        assertThat(FileViews.layer(null)).isEqualTo("-");
    }
}
