package io.github.drydock.archive;

import io.github.drydock.archive.TarReading.Member;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.FileType;
import io.github.drydock.model.LayerKind;
import io.github.drydock.union.UnionView;
import io.github.drydock.testing.UnionFakeInspector;
import io.github.drydock.testing.UnionLayers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static io.github.drydock.archive.TarReading.member;
import static io.github.drydock.archive.TarReading.names;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ExportWriterTest {
    /** What {@code setcap cap_net_raw+ep} stores: vfs_cap_data v2, effective, CAP_NET_RAW permitted. */
    static final byte[] CAP_NET_RAW = HexFormat.of().parseHex("0100000200200000000000000000000000000000");

    @TempDir
    Path tmp;

    private UnionView containerView(NodeInspector inspector) throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "aufs");
        Path base = stack.diff("base");
        write(base.resolve("bin/tool"), "#!tool\n");
        Files.setPosixFilePermissions(base.resolve("bin/tool"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        write(base.resolve("data/seed.txt"), "seed\n");
        Files.createLink(base.resolve("data/seed-hard.txt"), base.resolve("data/seed.txt"));
        symlink(base.resolve("data/seed-symlink"), "seed.txt");
        write(base.resolve("etc/delete-me.txt"), "gone\n");
        write(base.resolve("usr/share/doc/a-rather-long-directory-name-that-forces-pax-headers-in-the-tar/"
                + "another-directory-level/long-file-name-in-the-base-image.txt"), "long\n");
        write(base.resolve("data/\u00fcn\u00efc\u00f6d\u00e9.txt"), "unicode\n");
        Path top = stack.diff("top");
        UnionLayers.aufsWhiteout(top, "etc/delete-me.txt");
        write(top.resolve("etc/hostname"), "");
        return UnionView.of(stack.layers(), null, inspector);
    }

    private static byte[] export(UnionView view) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter.write(view, out);
        return out.toByteArray();
    }

    @Test
    void exportLooksLikeDockerExport() throws IOException {
        List<Member> members = TarReading.read(export(containerView(NodeInspector.system())));

        assertThat(names(members)).containsExactly("bin/", "bin/tool", "data/", "data/seed-hard.txt",
                "data/seed-symlink", "data/seed.txt", "data/\u00fcn\u00efc\u00f6d\u00e9.txt", "etc/", "etc/hostname",
                "usr/", "usr/share/", "usr/share/doc/",
                "usr/share/doc/a-rather-long-directory-name-that-forces-pax-headers-in-the-tar/",
                "usr/share/doc/a-rather-long-directory-name-that-forces-pax-headers-in-the-tar/another-directory-level/",
                "usr/share/doc/a-rather-long-directory-name-that-forces-pax-headers-in-the-tar/another-directory-level/"
                        + "long-file-name-in-the-base-image.txt");
        assertThat(member(members, "bin/tool").mode()).isEqualTo(0100755);
        assertThat(member(members, "bin/tool").text()).isEqualTo("#!tool\n");
        assertThat(member(members, "bin/").mode()).isEqualTo(040755);
        assertThat(member(members, "data/seed-hard.txt")).extracting(Member::type, Member::text).containsExactly('0', "seed\n");
        assertThat(member(members, "data/seed.txt")).extracting(Member::type, Member::link, Member::size)
                .containsExactly('1', "data/seed-hard.txt", 0L);
        assertThat(member(members, "data/seed-symlink")).extracting(Member::type, Member::link, Member::mode)
                .containsExactly('2', "seed.txt", 0120777);
        assertThat(member(members, "usr/share/doc/a-rather-long-directory-name-that-forces-pax-headers-in-the-tar/"
                + "another-directory-level/long-file-name-in-the-base-image.txt").text()).isEqualTo("long\n");
    }

    @Test
    void gnuTarReadsTheExport() throws Exception {
        Path file = tmp.resolve("export.tar");
        Files.write(file, export(containerView(NodeInspector.system())));
        Process tar;
        try {
            tar = new ProcessBuilder("tar", "--numeric-owner", "-tvf", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("GNU tar is not installed: " + e.getMessage());
            return;
        }
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(listing).isZero();
        assertThat(listing).contains("-rwxr-xr-x 0/0               7 ").contains(" bin/tool\n")
                .contains(" data/seed.txt link to data/seed-hard.txt\n")
                .contains(" data/seed-symlink -> seed.txt\n")
                .contains("another-directory-level/long-file-name-in-the-base-image.txt\n")
                .contains(" data/\u00fcn\u00efc\u00f6d\u00e9.txt\n")
                .doesNotContain(".wh.").doesNotContain("./");
    }

    @Test
    void symlinkToEtcShadowIsExportedAsALinkAndNeverRead() throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "aufs");
        Path base = stack.diff("base");
        symlink(base.resolve("data/shadow-link"), "/etc/shadow");
        symlink(base.resolve("srv/escape-link"), "../../../../../../../etc/passwd");

        List<Member> members = TarReading.read(export(UnionView.of(stack.layers(), null, NodeInspector.system())));

        assertThat(member(members, "data/shadow-link")).extracting(Member::type, Member::link, Member::size, Member::text)
                .containsExactly('2', "/etc/shadow", 0L, "");
        assertThat(member(members, "srv/escape-link").link()).isEqualTo("../../../../../../../etc/passwd");
    }

    @Test
    void fifoIsExportedAsAFifoAndNeverOpened() throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "aufs");
        Path base = stack.diff("base");
        Files.createDirectories(base.resolve("run"));
        UnionLayers.run("mkfifo", base.resolve("run/pipe").toString());
        write(base.resolve("run/after.txt"), "after");
        UnionView view = UnionView.of(stack.layers(), null, NodeInspector.system());

        byte[] tar = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> export(view),
                "the export blocked: a FIFO was opened");

        List<Member> members = TarReading.read(tar);
        assertThat(member(members, "run/pipe")).extracting(Member::type, Member::size).containsExactly('6', 0L);
        assertThat(member(members, "run/after.txt").text()).isEqualTo("after");
    }

    @Test
    void hardLinkToAFileOutsideTheLayerExportsTheLayersOwnInodeButSymlinksOutAreKept() throws IOException {
        Path outside = write(tmp.resolve("outside/secret.txt"), "same inode\n");
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "aufs");
        Path base = stack.diff("base");
        Files.createDirectories(base.resolve("data"));
        Files.createLink(base.resolve("data/linked.txt"), outside);
        symlink(base.resolve("data/out-link"), outside.toString());

        List<Member> members = TarReading.read(export(UnionView.of(stack.layers(), null, NodeInspector.system())));

        assertThat(member(members, "data/linked.txt")).extracting(Member::type, Member::text)
                .containsExactly('0', "same inode\n");
        assertThat(member(members, "data/out-link")).extracting(Member::type, Member::link, Member::text)
                .containsExactly('2', outside.toString(), "");
    }

    @Test
    void devicesKeepTheirNumbersAndSocketsAreLeftOut() throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "overlay2");
        Path base = stack.diff("base");
        Path console = write(base.resolve("dev/console"), "");
        Path disk = write(base.resolve("dev/sda"), "");
        Path socket = write(base.resolve("run/docker.sock"), "");
        UnionFakeInspector inspector = new UnionFakeInspector().device(console, FileType.CHAR, 5, 1)
                .device(disk, FileType.BLOCK, 8, 0).type(socket, FileType.SOCKET);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportResult result = ExportWriter.write(UnionView.of(stack.layers(), null, inspector), out);

        List<Member> members = TarReading.read(out.toByteArray());
        assertThat(member(members, "dev/console")).extracting(Member::type, Member::major, Member::minor, Member::mode)
                .containsExactly('3', 5, 1, 0020644);
        assertThat(member(members, "dev/sda")).extracting(Member::type, Member::major, Member::minor)
                .containsExactly('4', 8, 0);
        assertThat(names(members)).doesNotContain("run/docker.sock");
        assertThat(result.skipped()).containsExactly("/run/docker.sock");
        assertThat(result.entries()).isEqualTo(members.size());
    }

    @Test
    void bigIdsUsePaxAndCapabilitiesTravelAsRawBytes() throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "overlay2");
        Path base = stack.diff("base");
        Path ping = write(base.resolve("bin/ping"), "elf");
        Path owned = write(base.resolve("home/big/file"), "x");
        UnionFakeInspector inspector = new UnionFakeInspector().xattr(ping, "security.capability", CAP_NET_RAW)
                .xattr(ping, "user.other", "not exported").owner(owned, 3_000_000_000L, 70_000);

        byte[] tar = export(UnionView.of(stack.layers(), null, inspector));

        List<Member> members = TarReading.read(tar);
        assertThat(member(members, "home/big/file")).extracting(Member::uid, Member::gid).containsExactly(3_000_000_000L, 70_000L);
        assertThat(member(members, "bin/ping").text()).isEqualTo("elf");
        byte[] record = TarEntryMapper.encode(java.util.Map.of("SCHILY.xattr.security.capability", CAP_NET_RAW));
        assertThat(indexOf(tar, record)).as("raw capability record").isPositive();
        assertThat(new String(tar, StandardCharsets.ISO_8859_1)).doesNotContain("user.other");
    }

    @Test
    void capabilityRestoresThroughGnuTarExtraction() throws Exception {
        Assumptions.assumeTrue(UnionLayers.runningAsRoot(), "skipped: setting security.capability needs root");
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "overlay2");
        Path ping = write(stack.diff("base").resolve("bin/" + "p".repeat(120)), "elf");
        UnionFakeInspector inspector = new UnionFakeInspector().xattr(ping, "security.capability", CAP_NET_RAW);
        Path file = Files.write(tmp.resolve("cap.tar"), export(UnionView.of(stack.layers(), null, inspector)));
        Path into = Files.createDirectories(tmp.resolve("extracted"));

        UnionLayers.run("tar", "--xattrs", "--xattrs-include=*", "-xf", file.toString(), "-C", into.toString());

        Process getfattr = new ProcessBuilder("getfattr", "--absolute-names", "-n", "security.capability", "-e", "hex",
                into.resolve("bin/" + "p".repeat(120)).toString()).redirectErrorStream(true).start();
        assertThat(new String(getfattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("security.capability=0x0100000200200000000000000000000000000000");
    }

    @Test
    void theCallersStreamIsFlushedButNeverClosed() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        FilterOutputStream guarded = new FilterOutputStream(sink) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        ExportResult result = ExportWriter.write(containerView(NodeInspector.system()), guarded);

        assertThat(closed[0]).isFalse();
        assertThat(result.bytes()).isEqualTo(7 + 5 + 8 + 5);
        assertThat(sink.size() % 512).isZero();
        guarded.write('x');
        assertThat(sink.size() % 512).isEqualTo(1);
    }

    @Test
    void subtreeExportNamesMembersRelativeToItsStart() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter.write(containerView(NodeInspector.system()), "/data", out);

        assertThat(names(TarReading.read(out.toByteArray()))).containsExactly("seed-hard.txt", "seed-symlink", "seed.txt",
                "\u00fcn\u00efc\u00f6d\u00e9.txt");
    }

    @Test
    void containerExportIncludesInitPlaceholdersAndNoVolumes() throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "aufs");
        write(stack.diff("image").resolve("data/seed.txt"), "seed");
        var container = stack.container("ctr", LayerKind.DIFF);
        write(container.initPath().resolve(".dockerenv"), "");
        write(container.initPath().resolve("etc/resolv.conf"), "");
        write(container.path().resolve("srv/new.txt"), "new");

        List<Member> members = TarReading.read(export(UnionView.of(stack.layers(), container, NodeInspector.system())));

        assertThat(names(members)).containsExactly(".dockerenv", "data/", "data/seed.txt", "etc/", "etc/resolv.conf",
                "srv/", "srv/new.txt");
    }

    @Test
    void hardLinkWhoseFirstNameWasDeletedAboveBecomesARegularFile() throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "aufs");
        Path base = stack.diff("base");
        write(base.resolve("data/a-first.txt"), "shared\n");
        Files.createLink(base.resolve("data/b-second.txt"), base.resolve("data/a-first.txt"));
        Files.createLink(base.resolve("data/c-third.txt"), base.resolve("data/a-first.txt"));
        UnionLayers.aufsWhiteout(stack.diff("top"), "data/a-first.txt");

        List<Member> members = TarReading.read(export(UnionView.of(stack.layers(), null, NodeInspector.system())));

        assertThat(names(members)).containsExactly("data/", "data/b-second.txt", "data/c-third.txt");
        assertThat(member(members, "data/b-second.txt")).extracting(Member::type, Member::text)
                .containsExactly('0', "shared\n");
        assertThat(member(members, "data/c-third.txt")).extracting(Member::type, Member::link)
                .containsExactly('1', "data/b-second.txt");
    }

    @Test
    void inodesSharedAcrossLayersAreNotHardLinks() throws IOException {
        UnionLayers stack = new UnionLayers(tmp.resolve("layers"), "overlay");
        Path root = stack.snapshot("image-root");
        write(root.resolve("etc/a.conf"), "shared inode\n");
        var container = stack.container("ctr", LayerKind.DIFF);
        Files.createDirectories(container.path().resolve("etc"));
        Files.createLink(container.path().resolve("etc/b.conf"), root.resolve("etc/a.conf"));

        List<Member> members = TarReading.read(export(UnionView.of(stack.layers(), container, NodeInspector.system())));

        assertThat(member(members, "etc/a.conf")).extracting(Member::type, Member::text).containsExactly('0', "shared inode\n");
        assertThat(member(members, "etc/b.conf")).extracting(Member::type, Member::text).containsExactly('0', "shared inode\n");
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
