package io.github.drydock.archive;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileType;
import io.github.drydock.union.UnionView;
import io.github.drydock.testing.UnionFakeInspector;
import io.github.drydock.testing.UnionLayers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static io.github.drydock.testing.UnionLayers.mtime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CopyOutTest {
    private static final long TIME = 1_700_000_000L;
    private static final CopyOut.Options KEEP = new CopyOut.Options(false, false);

    @TempDir
    Path tmp;

    private UnionView view() throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "aufs");
        Path base = stack.diff("base");
        write(base.resolve("etc/config/a.conf"), "a=1\n");
        Path secret = write(base.resolve("etc/config/b.conf"), "secret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r-----"));
        mtime(secret, TIME);
        symlink(base.resolve("etc/mtab"), "/proc/mounts");
        symlink(base.resolve("etc/escape-link"), "../../../../../../../etc/passwd");
        Files.createLink(base.resolve("etc/config/a-hard.conf"), base.resolve("etc/config/a.conf"));
        Files.setPosixFilePermissions(base.resolve("etc/config"), PosixFilePermissions.fromString("r-xr-x---"));
        mtime(base.resolve("etc/config"), TIME);
        UnionLayers.aufsWhiteout(stack.diff("top"), "etc/a-gone.conf");
        return UnionView.of(stack.layers(), null, NodeInspector.system());
    }

    @Test
    void copiesATreeWithModesMtimesSymlinksAndHardLinks() throws IOException {
        Path dest = mkdirs(tmp.resolve("dest"));

        CopyOut.Result result = CopyOut.copyInto(view(), "/etc", dest, KEEP);

        assertThat(result.problems()).isEmpty();
        assertThat(result).extracting(CopyOut.Result::files, CopyOut.Result::links, CopyOut.Result::folders)
                .containsExactly(2L, 3L, 2L);
        assertThat(Files.readString(dest.resolve("etc/config/b.conf"))).isEqualTo("secret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("etc/config/b.conf"))))
                .isEqualTo("rw-r-----");
        assertThat(Files.getLastModifiedTime(dest.resolve("etc/config/b.conf")).toInstant())
                .isEqualTo(Instant.ofEpochSecond(TIME));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("etc/config"))))
                .isEqualTo("r-xr-x---");
        assertThat(Files.getLastModifiedTime(dest.resolve("etc/config")).toInstant()).isEqualTo(Instant.ofEpochSecond(TIME));
        assertThat(Files.readSymbolicLink(dest.resolve("etc/mtab")).toString()).isEqualTo("/proc/mounts");
        assertThat(Files.getAttribute(dest.resolve("etc/config/a.conf"), "unix:ino"))
                .isEqualTo(Files.getAttribute(dest.resolve("etc/config/a-hard.conf"), "unix:ino"));
    }

    @Test
    void escapingSymlinkIsCreatedAsALinkAndNothingOutsideIsTouched() throws IOException {
        Path dest = mkdirs(tmp.resolve("deep/er/dest"));

        CopyOut.copyInto(view(), "/etc/escape-link", dest, KEEP);

        assertThat(Files.isSymbolicLink(dest.resolve("escape-link"))).isTrue();
        assertThat(Files.readSymbolicLink(dest.resolve("escape-link")).toString())
                .isEqualTo("../../../../../../../etc/passwd");
        try (var listing = Files.list(tmp.resolve("deep/er"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("dest");
        }
    }

    @Test
    void refusesToWriteThroughASymlinkInTheDestination() throws IOException {
        Path outside = mkdirs(tmp.resolve("outside"));
        Path dest = mkdirs(tmp.resolve("dest"));
        symlink(dest.resolve("etc"), outside.toString());

        CopyOut.Result result = CopyOut.copyInto(view(), "/etc", dest, KEEP);

        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("already exists as a symlink (never written through)"));
        assertThat(Files.list(outside)).isEmpty();
        assertThat(result.files()).isZero();
    }

    @Test
    void forceReplacesTheSymlinkItselfNeverItsTarget() throws IOException {
        Path outside = mkdirs(tmp.resolve("outside"));
        Path dest = mkdirs(tmp.resolve("dest"));
        symlink(dest.resolve("etc"), outside.toString());

        CopyOut.copyInto(view(), "/etc", dest, new CopyOut.Options(true, false));

        assertThat(Files.isDirectory(dest.resolve("etc"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readString(dest.resolve("etc/config/a.conf"))).isEqualTo("a=1\n");
        assertThat(Files.list(outside)).isEmpty();
    }

    @Test
    void refusesToOverwriteAFileUnlessForced() throws IOException {
        Path dest = mkdirs(tmp.resolve("dest"));
        write(dest.resolve("a.conf"), "mine");
        UnionView view = view();

        CopyOut.Result refused = CopyOut.copyInto(view, "/etc/config/a.conf", dest, KEEP);
        assertThat(Files.readString(dest.resolve("a.conf"))).isEqualTo("mine");
        assertThat(refused.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("already exists"));

        CopyOut.copyInto(view, "/etc/config/a.conf", dest, new CopyOut.Options(true, false));
        assertThat(Files.readString(dest.resolve("a.conf"))).isEqualTo("a=1\n");
    }

    @Test
    void namesThatCouldEscapeAreRejected() {
        for (String bad : new String[] {"..", ".", "", "a/b", "x\0y"}) {
            assertThatThrownBy(() -> CopyTargets.checkedName(bad)).isInstanceOf(DockerStorageException.class)
                    .hasMessageContaining("not a plain file name");
        }
        assertThat(assertNoThrow("...")).isEqualTo("...");
        assertThat(assertNoThrow("..hidden")).isEqualTo("..hidden");
    }

    private static String assertNoThrow(String name) {
        try {
            return CopyTargets.checkedName(name);
        } catch (DockerStorageException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fifoIsMadeWithMkfifoAndDevicesNeedRoot() throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "overlay2");
        Path base = stack.diff("base");
        mkdirs(base.resolve("run"));
        UnionLayers.run("mkfifo", base.resolve("run/pipe").toString());
        Path console = write(base.resolve("dev/console"), "");
        UnionView view = UnionView.of(stack.layers(), null,
                new UnionFakeInspector().device(console, FileType.CHAR, 5, 1));
        Path dest = mkdirs(tmp.resolve("dest"));

        CopyOut.Result result = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> CopyOut.copyInto(view, "/", dest, KEEP), "a FIFO was opened");

        assertThat(Files.getAttribute(dest.resolve("run/pipe"), "unix:mode", LinkOption.NOFOLLOW_LINKS))
                .satisfies(mode -> assertThat(((Integer) mode) & 0170000).isEqualTo(0010000));
        if (CopyOut.runningAsRoot()) {
            assertThat((Integer) Files.getAttribute(dest.resolve("dev/console"), "unix:mode", LinkOption.NOFOLLOW_LINKS)
                    & 0170000).isEqualTo(0020000);
            assertThat((Long) Files.getAttribute(dest.resolve("dev/console"), "unix:rdev", LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo((5L << 8) | 1);
        } else {
            assertThat(result.problems()).anySatisfy(p -> assertThat(p.message()).contains("needs root"));
        }
    }

    @Test
    void ownersAreKeptWhenRunningAsRoot() throws IOException {
        Assumptions.assumeTrue(CopyOut.runningAsRoot(), "skipped: changing owners needs root");
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "aufs");
        Path notes = write(stack.diff("base").resolve("home/user/notes.txt"), "n");
        Files.setAttribute(notes, "unix:uid", 1000);
        Files.setAttribute(notes, "unix:gid", 1000);
        Path dest = mkdirs(tmp.resolve("dest"));

        CopyOut.copyInto(UnionView.of(stack.layers(), null, NodeInspector.system()), "/home", dest,
                CopyOut.Options.defaults());

        assertThat(Files.getAttribute(dest.resolve("home/user/notes.txt"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(dest.resolve("home/user/notes.txt"), "unix:gid")).isEqualTo(1000);
    }

    @Test
    void rootIsCopiedIntoTheFolderItselfAndWhiteoutsNeverAppear() throws IOException {
        Path dest = mkdirs(tmp.resolve("dest"));

        CopyOut.copyInto(view(), "/", dest, KEEP);

        try (var listing = Files.list(dest.resolve("etc/config"))) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("a-hard.conf", "a.conf", "b.conf");
        }
        assertThat(Files.exists(dest.resolve("etc/.wh.a-gone.conf"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void missingSourceOrDestinationFails() throws IOException {
        UnionView view = view();
        Path dest = mkdirs(tmp.resolve("dest"));
        Path link = symlink(tmp.resolve("dest-link"), dest.toString());

        assertThatThrownBy(() -> CopyOut.copyInto(view, "/nope", dest, KEEP)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("no such file or folder in the view: /nope");
        assertThatThrownBy(() -> CopyOut.copyInto(view, "/etc", link, KEEP)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("not a folder");
        assertThatThrownBy(() -> CopyOut.copy(view, "/etc", tmp.resolve("no/such/parent"), KEEP))
                .isInstanceOf(DockerStorageException.class).hasMessageContaining("parent folder does not exist");
    }
}
