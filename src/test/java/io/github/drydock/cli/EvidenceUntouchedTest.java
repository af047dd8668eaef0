package io.github.drydock.cli;

import io.github.drydock.testing.Fixtures;
import io.github.drydock.testing.ModernFixtureRoots;
import io.github.drydock.testing.ViewFixtureRoots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.github.drydock.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The file-system commands read evidence and never change it: every node of the root (type, mode, owner,
 * size, mtime, ctime, link target, content hash) is the same after {@code ls}, {@code cp}, {@code export},
 * {@code diff} and {@code volume export} as before.
 */
class EvidenceUntouchedTest {
    @TempDir
    Path tmp;

    @Test
    void legacyRootIsUnchangedByEveryFileSystemCommand() throws Exception {
        Path root = Fixtures.materialize("legacy-aufs-mediawiki", tmp.resolve("disk"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Map<String, String> before = snapshot(root);
        String r = root.toString();
        List<CliRun> runs = List.of(
                run("--root", r, "ls", "-l", "-R", "mediawiki_mysql_1"),
                run("--root", r, "ls", "--deleted", "mediawiki_mediawiki_1"),
                run("--root", r, "--json", "ls", "-R", "nickstenning/mediawiki"),
                run("--root", r, "cp", "mediawiki_mysql_1:/", out.resolve("mysql").toString()),
                run("--root", r, "cp", "volume:cb40:/", out.resolve("volume").toString()),
                run("--root", r, "export", "mediawiki_mediawiki_1", "-o", out.resolve("wiki.tar").toString()),
                run("--root", r, "export", "mysql:5.7.5", "-o", out.resolve("mysql.tar").toString()),
                run("--root", r, "volume", "export", "cb40", "-o", out.resolve("v.tar").toString()),
                run("--root", r, "diff", "mediawiki_mediawiki_1"));
        assertThat(runs).allSatisfy(ran -> assertThat(ran.code()).as(ran.err()).isZero());
        assertThat(snapshot(root)).isEqualTo(before);
    }

    @Test
    void dockerdRootIsUnchangedByEveryFileSystemCommand() throws Exception {
        ViewFixtureRoots.Extracted full = ViewFixtureRoots.extract("overlay2", tmp.resolve("overlay2"));
        Path root;
        if (full.complete()) {
            root = full.root();
        } else {
            Path archive = ViewFixtureRoots.fixture("vfs").resolve("root.tar.gz");
            assumeTrue(Files.isRegularFile(archive), "no fixture at " + archive);
            root = ModernFixtureRoots.extract(archive, tmp.resolve("vfs"));
        }
        Path out = Files.createDirectories(tmp.resolve("out"));
        Map<String, String> before = snapshot(root);
        String r = root.toString();
        List<CliRun> runs = List.of(
                run("--root", r, "ls", "-l", "-R", "c-run"),
                run("--root", r, "ls", "--deleted", "c-run"),
                run("--root", r, "cp", "-L", "c-run:/srv/app/escape-link", out.toString()),
                run("--root", r, "cp", "c-run:/", out.resolve("c-run").toString()),
                run("--root", r, "export", "c-cp", "-o", out.resolve("c-cp.tar").toString()),
                run("--root", r, "export", "example/multi:2", "-o", out.resolve("multi.tar").toString()),
                run("--root", r, "volume", "export", "namedvol", "-o", out.resolve("namedvol.tar").toString()),
                run("--root", r, "diff", "c-run"));
        assertThat(runs).allSatisfy(ran -> assertThat(ran.code()).as(ran.err()).isZero());
        assertThat(snapshot(root)).isEqualTo(before);
    }

    /** path → every fact of the node but its access time. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> facts = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,ctime,ino",
                        LinkOption.NOFOLLOW_LINKS);
                String fact = a.get("mode") + " " + a.get("uid") + ":" + a.get("gid") + " " + a.get("size") + " "
                        + a.get("lastModifiedTime") + " " + a.get("ctime") + " " + a.get("ino");
                if (Files.isSymbolicLink(p)) {
                    fact += " -> " + Files.readSymbolicLink(p);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    fact += " " + sha256(p);
                }
                facts.put(root.relativize(p).toString(), fact);
            }
        }
        return facts;
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
