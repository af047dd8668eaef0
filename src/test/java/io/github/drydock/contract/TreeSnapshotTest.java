package io.github.drydock.contract;

import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot that {@link EvidenceUnchangedTest} relies on sees every kind of change but reading. */
class TreeSnapshotTest {
    @TempDir
    Path top;
    private TreeSnapshot before;
    private FileTime fileTime;

    @BeforeEach
    void layOut() throws Exception {
        TestFiles.write(top.resolve("graph/abc/json"), "{\"id\":\"abc\"}");
        TestFiles.symlink(top.resolve("volumes/v/_data"), "/var/lib/docker/vfs/dir/v");
        fileTime = Files.getLastModifiedTime(top.resolve("graph/abc/json"));
        before = TreeSnapshot.of(top);
    }

    @Test
    void readingChangesNothing() throws Exception {
        assertThat(Files.readString(top.resolve("graph/abc/json"))).contains("abc");
        assertThat(before.differencesTo(TreeSnapshot.of(top))).isEmpty();
        assertThat(before.entries()).containsOnlyKeys("", "graph", "graph/abc", "graph/abc/json", "volumes",
                "volumes/v", "volumes/v/_data");
    }

    @Test
    void sameSizeRewriteWithTheOldTimeIsSeenByItsDigest() throws Exception {
        Path json = top.resolve("graph/abc/json");
        Files.writeString(json, "{\"id\":\"abd\"}");
        Files.setLastModifiedTime(json, fileTime);
        assertThat(before.differencesTo(TreeSnapshot.of(top))).singleElement().asString()
                .startsWith("changed 'graph/abc/json'");
    }

    @Test
    void createdFileIsSeenWithItsFolder() throws Exception {
        TestFiles.write(top.resolve("graph/abc/lock"), "");
        assertThat(before.differencesTo(TreeSnapshot.of(top)))
                .anySatisfy(d -> assertThat(d).startsWith("created 'graph/abc/lock'"))
                .anySatisfy(d -> assertThat(d).startsWith("changed 'graph/abc'"));
    }

    @Test
    void touchChmodAndRetargetAreSeen() throws Exception {
        Files.setLastModifiedTime(top.resolve("graph"), FileTime.fromMillis(0));
        Files.setPosixFilePermissions(top.resolve("graph/abc/json"), PosixFilePermissions.fromString("r--r--r--"));
        Files.delete(top.resolve("volumes/v/_data"));
        Files.createSymbolicLink(top.resolve("volumes/v/_data"), Path.of("/etc"));
        assertThat(Files.isSymbolicLink(top.resolve("volumes/v/_data"))).isTrue();
        assertThat(before.differencesTo(TreeSnapshot.of(top)))
                .anySatisfy(d -> assertThat(d).startsWith("changed 'graph'"))
                .anySatisfy(d -> assertThat(d).startsWith("changed 'graph/abc/json'"))
                .anySatisfy(d -> assertThat(d).startsWith("changed 'volumes/v/_data'").contains("/etc"));
        assertThat(Files.exists(top.resolve("volumes/v/_data"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
