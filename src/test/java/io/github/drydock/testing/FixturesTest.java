package io.github.drydock.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The materializer copies fixture roots faithfully, applies sidecars, and never touches testdata/. */
class FixturesTest {
    private static final String MYSQL_IMAGE = "c171a2256c3b9d13c77b2b3773eaaad95a9b4a8735613ce46722f79fa29fa366";
    private static final String MYSQL_ROOTFS = "36669626e49c623f3b2aea41052bbc9de0506807d92137bf76c0fd3264eaff34";

    @Test
    void emptyFoldersFromTheSidecarExistAfterMaterializing(@TempDir Path tmp) {
        Path root = Fixtures.materialize("legacy-aufs-mediawiki", tmp);
        assertThat(root).isEqualTo(tmp.resolve("legacy-aufs-mediawiki"));
        assertThat(root.resolve("graph/_tmp")).isEmptyDirectory();
        assertThat(root.resolve("aufs/mnt/" + MYSQL_IMAGE)).isEmptyDirectory();
        assertThat(root.resolve("aufs/diff/" + MYSQL_IMAGE)).isEmptyDirectory();
        assertThat(root.resolve("aufs/diff/" + MYSQL_ROOTFS + "/var/lib/apt/lists/partial")).isEmptyDirectory();
        assertThat(root.resolve("aufs/diff/" + MYSQL_ROOTFS + "/etc/debian_version")).hasContent("7.7");
        assertThat(root.resolve("execdriver/native")).isEmptyDirectory();
    }

    @Test
    void symlinksAreCopiedAsSymlinksNeverFollowed(@TempDir Path tmp) throws IOException {
        Path root = Fixtures.materialize("legacy-aufs-mediawiki", tmp);
        Path sh = root.resolve("aufs/diff/" + MYSQL_ROOTFS + "/bin/sh");
        assertThat(Files.isSymbolicLink(sh)).isTrue();
        assertThat(Files.readSymbolicLink(sh)).hasToString("dash");
        Path escape = Fixtures.materialize("broken/symlink-escape", tmp);
        try (var volumes = Files.list(escape.resolve("volumes"))) {
            Path data = volumes.findFirst().orElseThrow().resolve("_data");
            assertThat(Files.isSymbolicLink(data)).isTrue();
            assertThat(Files.readSymbolicLink(data)).hasToString("/etc");
        }
        try (var diffs = Files.list(escape.resolve("aufs/diff"))) {
            assertThat(diffs.filter(Files::isSymbolicLink).map(p -> {
                try {
                    return Files.readSymbolicLink(p).toString();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).containsExactly("../../../../etc");
        }
    }

    @Test
    void materializingLeavesTestdataUntouched(@TempDir Path tmp) throws Exception {
        Path source = Fixtures.testdataDir().resolve("legacy-overlay-1.8");
        String before = fingerprint(source);
        Fixtures.materialize("legacy-overlay-1.8", tmp);
        Fixtures.materialize("legacy-1.9-volumes", tmp);
        assertThat(fingerprint(source)).isEqualTo(before);
        assertThat(source.resolve("overlay")).isNotEqualTo(tmp.resolve("legacy-overlay-1.8/overlay"));
    }

    @Test
    void overlayWhiteoutAndOpaqueFolderAreMadeOrReportedAsSkipped(@TempDir Path tmp) throws Exception {
        Fixtures.Materialized m = Fixtures.materialized("legacy-overlay-1.8", tmp);
        assertThat(m.skipped()).allMatch(l -> l.startsWith("chardev ") || l.startsWith("xattr "));
        assertThat(m.complete()).isEqualTo(m.skipped().isEmpty());
        try (var dirs = Files.list(m.root().resolve("overlay"))) {
            Path rw = dirs.filter(d -> !d.getFileName().toString().endsWith("-init")
                    && Files.exists(d.resolve("lower-id"))).findFirst().orElseThrow();
            Path motd = rw.resolve("upper/etc/motd");
            if (m.skipped().stream().anyMatch(l -> l.startsWith("chardev "))) {
                assertThat(motd).doesNotExist();
            } else {
                int mode = (Integer) Files.getAttribute(motd, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                assertThat(mode & 0170000).as("S_IFCHR").isEqualTo(0020000);
                assertThat((Long) Files.getAttribute(motd, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isZero();
            }
            if (m.skipped().stream().noneMatch(l -> l.startsWith("xattr "))) {
                Process p = new ProcessBuilder("getfattr", "--only-values", "-n", "trusted.overlay.opaque",
                        rw.resolve("upper/var/cache/apk").toString()).start();
                assertThat(new String(p.getInputStream().readAllBytes())).isEqualTo("y");
            }
        }
    }

    @Test
    void privilegedFactsNeedRoot(@TempDir Path tmp) {
        Fixtures.Materialized m = Fixtures.materialized("legacy-overlay-1.8", tmp);
        assumeTrue(m.complete(), "needs root to make the 0:0 device and the trusted.* xattr");
        assertThat(m.skipped()).isEmpty();
    }

    @Test
    void sidecarPathsCannotLeaveTheRoot(@TempDir Path fakeTestdata, @TempDir Path tmp) throws IOException {
        Files.createDirectories(fakeTestdata.resolve("evil"));
        Files.writeString(fakeTestdata.resolve("evil.sidecar"), "dir ../outside\n");
        Files.createDirectories(fakeTestdata.resolve("odd"));
        Files.writeString(fakeTestdata.resolve("odd.sidecar"), "hardlink a b\n");
        String old = System.setProperty(Fixtures.TESTDATA_PROPERTY, fakeTestdata.toString());
        try {
            assertThatThrownBy(() -> Fixtures.materialize("evil", tmp)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("../outside");
            assertThat(tmp.resolve("outside")).doesNotExist();
            assertThatThrownBy(() -> Fixtures.materialize("odd", tmp)).hasMessageContaining("hardlink");
            assertThatThrownBy(() -> Fixtures.materialize("missing", tmp)).hasMessageContaining("no fixture root");
        } finally {
            if (old == null) {
                System.clearProperty(Fixtures.TESTDATA_PROPERTY);
            } else {
                System.setProperty(Fixtures.TESTDATA_PROPERTY, old);
            }
        }
    }

    /** sha256 over every path, kind, link target, content and mtime below {@code dir}. */
    private static String fingerprint(Path dir) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                md.update(dir.relativize(p).toString().getBytes());
                md.update(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toString().getBytes());
                if (Files.isSymbolicLink(p)) {
                    md.update(Files.readSymbolicLink(p).toString().getBytes());
                } else if (Files.isRegularFile(p)) {
                    md.update(Files.readAllBytes(p));
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
