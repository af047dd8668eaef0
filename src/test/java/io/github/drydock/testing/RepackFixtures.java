package io.github.drydock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.testing.DockerdFixtureRoots.Outcome;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Helpers for the save, commit and verify tests: tools, fixture facts, archive members. */
public final class RepackFixtures {
    /** skopeo, to load archives the way container tools do. */
    public static final Path SKOPEO = Path.of("/usr/bin/skopeo");
    /** umoci, to unpack OCI layouts. */
    public static final Path UMOCI = Path.of("/usr/bin/umoci");

    private RepackFixtures() {
    }

    /** Skips the calling test when a tool is missing. */
    public static void assumeTool(Path tool) {
        assumeTrue(Files.isExecutable(tool), tool + " is not installed; skipped");
    }

    /** {@code skopeo --insecure-policy copy --quiet FROM TO}. */
    public static Outcome skopeoCopy(String from, String to) {
        return DockerdFixtureRoots.attempt(List.of(SKOPEO.toString(), "--insecure-policy", "copy", "--quiet", from, to));
    }

    /**
     * The container's mount id as recorded in {@code reference/layerdb-mounts.tsv}.
     *
     * @param driver overlay2 or vfs
     * @param name   the container name without slash
     * @return its mount id
     */
    public static String mountId(String driver, String name) {
        try {
            for (String line : Files.readAllLines(DockerdFixtureRoots.reference(driver).resolve("layerdb-mounts.tsv"))) {
                String[] f = line.split("\t");
                if (!line.startsWith("#") && f.length > 2 && f[1].equals("/" + name)) {
                    return f[2];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no container " + name + " in the " + driver + " fixture");
    }

    /**
     * Gives the two whiteouts of c-run's overlay2 layer back the one inode the kernel gave them (GNU tar
     * restored them as separate device nodes; {@code reference/root-listing.txt} shows {@code nlink=2}),
     * keeping the folder times.
     *
     * @param root the extracted overlay2 root
     */
    public static void restoreSharedWhiteouts(Path root) {
        Path diff = root.resolve("overlay2").resolve(mountId("overlay2", "c-run")).resolve("diff");
        Path first = diff.resolve("opt/replace-me/newsub");
        Path second = diff.resolve("usr/share/doc/readme");
        try {
            FileTime folderTime = Files.getLastModifiedTime(second.getParent(), LinkOption.NOFOLLOW_LINKS);
            Files.delete(second);
            Files.createLink(second, first);
            Files.setLastModifiedTime(second.getParent(), folderTime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One member of a layer tar: its name, type flag and link name. */
    public record Member(String name, char type, String link, long size) {
    }

    /**
     * @param archive a {@code docker save} archive
     * @param index   the layer's position in the first image of {@code manifest.json} (negative: from the top)
     * @return the bytes of that layer tar
     */
    public static byte[] layerTar(Path archive, int index) {
        JsonNode layers = DockerdFixtureRoots.readJson(DockerdFixtureRoots.member(archive, "manifest.json")).get(0)
                .path("Layers");
        int at = index < 0 ? layers.size() + index : index;
        return DockerdFixtureRoots.member(archive, layers.get(at).asText());
    }

    /** @return the members of a tar, in order */
    public static List<Member> members(byte[] tar) {
        List<Member> members = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                char type = e.isDirectory() ? '5' : e.isSymbolicLink() ? '2' : e.isLink() ? '1' : '0';
                members.add(new Member(e.getName(), type, e.getLinkName(), e.getSize()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return members;
    }
}
