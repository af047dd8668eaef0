package io.github.drydock;

import io.github.drydock.archive.TimelineFormat;
import io.github.drydock.testing.ForensicRoots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static org.assertj.core.api.Assertions.assertThat;

/** Listing layers, looking ids up, writing a timeline and a report leave every byte, size, mode and time of the evidence as it was. */
class ForensicsReadOnlyTest {
    @TempDir
    Path tmp;

    @Test
    void forensicCommandsNeverChangeTheEvidence() throws Exception {
        Path root = ForensicRoots.seed(tmp.resolve("evidence"));
        mkdirs(root.resolve("aufs/diff/" + "ab".repeat(32) + "-removing/tmp"));
        Map<String, String> before = snapshot(root);

        Forensics forensics = Forensics.of(DockerRoot.open(root));
        forensics.layers();
        forensics.whois("c171");
        forensics.timeline(new ByteArrayOutputStream(), TimelineFormat.JSONL);
        forensics.report(tmp.resolve("case"), "dev", java.util.List.of("drydock", "report"), false);

        assertThat(snapshot(root)).isEqualTo(before);
    }

    /** Every entry: type, mode, size, modification time, and the SHA-256 of a regular file. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> facts = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                facts.put(root.relativize(dir).toString(), describe(dir, attrs));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                facts.put(root.relativize(file).toString(), describe(file, attrs));
                return FileVisitResult.CONTINUE;
            }
        });
        return facts;
    }

    private static String describe(Path path, BasicFileAttributes attrs) throws IOException {
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        String content = attrs.isRegularFile() ? sha256(path) : attrs.isSymbolicLink()
                ? Files.readSymbolicLink(path).toString() : "";
        return mode + " " + attrs.size() + " " + attrs.lastModifiedTime() + " " + content;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(in.readAllBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
