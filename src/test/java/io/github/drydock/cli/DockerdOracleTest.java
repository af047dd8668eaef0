package io.github.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.DockerRoot;
import io.github.drydock.json.Json;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.union.UnionView;
import io.github.drydock.testing.ViewFixtureRoots;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.github.drydock.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * drydock against what real tools produced from the same roots ({@code testdata/dockerd-<driver>}, made
 * by a real dockerd 20.10; see {@code testdata/dockerd-roots.md}):
 * <ul>
 *   <li>{@code drydock export} of every container equals {@code reference/export-<name>.tar} member by member
 *       and in the same order: name, type, mode (with type bits), uid, gid, mtime (seconds), link target,
 *       size, device numbers and the sha256 of the content. Not compared: the owner NAMES docker writes
 *       ({@code uname}/{@code gname}: docker looked the uids up in the daemon host's {@code /etc/passwd},
 *       drydock writes numbers only) and the tar format details (docker writes USTAR/GNU, drydock PAX when
 *       needed). The init placeholders' mtimes do match: the root archive kept them.</li>
 *   <li>{@code drydock diff} of every container equals {@code reference/diff-<name>.txt} as a set (docker prints
 *       in no stable order).</li>
 *   <li>The merged view of every image saved in {@code reference/save-*.tar} equals the tree
 *       {@code umoci unpack --rootless} makes from that archive (after {@code skopeo copy} to an OCI layout):
 *       paths, types, link targets, sizes and content hashes (modes and owners are not kept by a rootless
 *       unpack).</li>
 *   <li>{@code drydock cp} run as root keeps owners, modes and mtimes as docker recorded them.</li>
 * </ul>
 * Needs root (whiteout devices and {@code trusted.overlay.opaque} must be extracted); the umoci part also
 * needs {@code skopeo} and {@code umoci}. Skipped otherwise.
 */
class DockerdOracleTest {
    private static final List<String> CONTAINERS = List.of("c-run", "c-cp", "c-created");

    @TempDir
    Path tmp;

    private ViewFixtureRoots.Extracted extracted(String driver) {
        ViewFixtureRoots.Extracted extracted = ViewFixtureRoots.extract(driver, tmp.resolve("root"));
        assumeTrue(extracted.complete(), extracted.whyNot());
        return extracted;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vfs", "overlay2"})
    void exportOfEveryContainerEqualsDockerExport(String driver) throws Exception {
        ViewFixtureRoots.Extracted fixture = extracted(driver);
        int compared = 0;
        for (String name : CONTAINERS) {
            Path reference = fixture.reference().resolve("export-" + name + ".tar");
            if (!Files.isRegularFile(reference)) {
                continue;
            }
            Path mine = tmp.resolve(name + ".tar");
            CliRun export = run("--root", fixture.root().toString(), "export", name, "-o", mine.toString());
            assertThat(export.code()).as(export.err()).isZero();
            assertThat(export.err()).doesNotContain("problem");
            List<Member> expected = members(reference);
            assertThat(members(mine)).as("%s export of %s", driver, name).containsExactlyElementsOf(expected);
            assertThat(export.err()).contains("exported container " + name + " (").contains(
                    expected.size() + " entries");
            compared++;
        }
        assertThat(compared).as("reference exports found").isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vfs", "overlay2"})
    void diffOfEveryContainerEqualsDockerDiffAsASet(String driver) throws Exception {
        ViewFixtureRoots.Extracted fixture = extracted(driver);
        for (String name : CONTAINERS) {
            List<String> expected = Files.readAllLines(fixture.reference().resolve("diff-" + name + ".txt")).stream()
                    .filter(line -> !line.isBlank()).toList();
            CliRun diff = run("--root", fixture.root().toString(), "diff", name);
            assertThat(diff.code()).as(diff.err()).isZero();
            assertThat(diff.err()).isEmpty();
            assertThat(diff.out().lines().toList()).as("%s diff of %s", driver, name)
                    .containsExactlyInAnyOrderElementsOf(expected);
            JsonNode json = run("--root", fixture.root().toString(), "--json", "diff", name).json();
            List<String> fromJson = new ArrayList<>();
            json.get("items").forEach(i -> fromJson.add(i.get("kind").asText() + " " + i.get("path").asText()));
            assertThat(fromJson).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vfs", "overlay2"})
    void viewOfEverySavedImageEqualsWhatUmociUnpacks(String driver) throws Exception {
        assumeTrue(ViewFixtureRoots.onPath("skopeo") && ViewFixtureRoots.onPath("umoci"), "skopeo or umoci missing");
        ViewFixtureRoots.Extracted fixture = extracted(driver);
        DockerRoot docker = DockerRoot.open(fixture.root());
        List<Path> saves;
        try (Stream<Path> files = Files.list(fixture.reference())) {
            saves = files.filter(p -> p.getFileName().toString().matches("save-.*\\.tar"))
                    .filter(p -> !p.getFileName().toString().equals("save-all.tar")).sorted().toList();
        }
        assertThat(saves).hasSizeGreaterThanOrEqualTo(4);
        for (Path save : saves) {
            String imageId = singleImageId(save);
            Path work = Files.createDirectories(tmp.resolve("umoci-" + save.getFileName()));
            exec(work, "skopeo", "copy", "docker-archive:" + save, "oci:" + work.resolve("oci") + ":x");
            exec(work, "umoci", "unpack", "--rootless", "--image", work.resolve("oci") + ":x",
                    work.resolve("bundle").toString());
            UnionView view = docker.view(docker.image(imageId).orElseThrow());
            Map<String, String> fromView = describe(view);
            assertThat(view.problems()).as("problems of image %s", imageId).isEmpty();
            assertThat(fromView).as("%s image %s (%s)", driver, imageId.substring(0, 12), save.getFileName())
                    .containsExactlyEntriesOf(describe(work.resolve("bundle/rootfs")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vfs", "overlay2"})
    void cpKeepsOwnersModesAndTimesWhenRunAsRoot(String driver) throws Exception {
        ViewFixtureRoots.Extracted fixture = extracted(driver);
        Path out = Files.createDirectories(tmp.resolve("out"));
        CliRun cp = run("--root", fixture.root().toString(), "cp", "c-run:/home/user", out.toString());
        assertThat(cp.code()).as(cp.err()).isZero();
        Path user = out.resolve("user");
        Path notes = user.resolve("notes.txt");
        assertThat(Files.getAttribute(user, "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(notes, "unix:gid")).isEqualTo(1000);
        assertThat(Files.getPosixFilePermissions(user)).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(Files.getPosixFilePermissions(notes)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        Member expected = members(fixture.reference().resolve("export-c-run.tar")).stream()
                .filter(m -> m.name().equals("home/user/notes.txt")).findFirst().orElseThrow();
        assertThat(Files.getLastModifiedTime(notes).toInstant().getEpochSecond()).isEqualTo(expected.mtime());
        try (InputStream in = Files.newInputStream(notes)) {
            assertThat(sha256(in)).isEqualTo(expected.sha256());
        }
    }

    /** One tar member as compared: every header fact docker's export fixes, and the content's hash. */
    private record Member(String name, char type, int mode, long uid, long gid, long mtime, String link, long size,
                          int major, int minor, String sha256) {
        @Override
        public String toString() {
            return type + " " + name + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid + " @" + mtime
                    + (link.isEmpty() ? "" : " -> " + link) + " " + size + " " + sha256.substring(0, 12);
        }
    }

    private static List<Member> members(Path tar) throws IOException {
        List<Member> members = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                char type = (char) (e.isDirectory() ? '5' : e.isSymbolicLink() ? '2' : e.isLink() ? '1'
                        : e.isCharacterDevice() ? '3' : e.isBlockDevice() ? '4' : e.isFIFO() ? '6' : '0');
                members.add(new Member(e.getName(), type, e.getMode(), e.getLongUserId(), e.getLongGroupId(),
                        e.getLastModifiedTime().toInstant().getEpochSecond(), e.getLinkName(), e.getSize(),
                        e.getDevMajor(), e.getDevMinor(), sha256(in)));
            }
        }
        return members;
    }

    /** The image id of a one-image {@code docker save} archive, from its {@code manifest.json}. */
    private static String singleImageId(Path save) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(save))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("manifest.json")) {
                    JsonNode manifest = Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    assertThat(manifest).as("images in " + save).hasSize(1);
                    return manifest.get(0).get("Config").asText().replaceFirst("\\.json$", "")
                            .replaceFirst("^blobs/sha256/", "");
                }
            }
        }
        throw new AssertionError("no manifest.json in " + save);
    }

    /** path → "type link size sha256" for every entry of a view but its root. */
    private static Map<String, String> describe(UnionView view) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<FileEntry> walk = view.walk()) {
            Iterator<FileEntry> it = walk.iterator();
            while (it.hasNext()) {
                FileEntry e = it.next();
                if (e.isRoot()) {
                    continue;
                }
                String hash = "";
                if (e.type() == FileType.FILE) {
                    try (InputStream in = view.open(e)) {
                        hash = sha256(in);
                    }
                }
                out.put(e.path(), line(e.type(), e.linkTarget(), e.type() == FileType.FILE ? e.size() : 0, hash));
            }
        }
        return out;
    }

    /** The same for a host tree, never following a symlink. */
    private static Map<String, String> describe(Path rootfs) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(rootfs)) {
            for (Path p : walk.filter(p -> !p.equals(rootfs)).toList()) {
                String path = "/" + rootfs.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(path, line(FileType.SYMLINK, Files.readSymbolicLink(p).toString(), 0, ""));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(path, line(FileType.DIR, null, 0, ""));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (InputStream in = Files.newInputStream(p)) {
                        out.put(path, line(FileType.FILE, null, Files.size(p), sha256(in)));
                    }
                } else {
                    out.put(path, "special node");
                }
            }
        }
        return out;
    }

    private static String line(FileType type, String link, long size, String hash) {
        return type + (link == null ? "" : " -> " + link) + " " + size + " " + hash;
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exec(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
