package io.github.drydock.testing;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds small synthetic layers for tar-split tests: a layer tar made with commons-compress, the
 * layer folder it extracts to, and its tar-split made by {@link TarSplitTestDisassembler}.
 */
public final class TarSplitTestLayers {
    private TarSplitTestLayers() {
    }

    /**
     * A synthetic layer.
     *
     * @param folder   the layer folder (the files of the tar, extracted)
     * @param tarSplit its gzip-compressed tar-split
     * @param diffId   sha256 hex of the tar
     * @param tar      the tar bytes
     */
    public record SyntheticLayer(Path folder, Path tarSplit, String diffId, byte[] tar) {
    }

    /**
     * Makes a layer whose tar holds the given files (and their parent folders), in map order.
     *
     * @param dir   an empty folder to build in
     * @param files member name → content
     * @return the layer
     */
    public static SyntheticLayer layer(Path dir, Map<String, String> files) {
        Path folder = TestFiles.mkdirs(dir.resolve("layer"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                entry.setModTime(1_700_000_000_000L);
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
                TestFiles.write(inside(folder, file.getKey()), content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = tar.toByteArray();
        Path tarSplit = dir.resolve("tar-split.json.gz");
        String diffId = TarSplitTestDisassembler.disassemble(new ByteArrayInputStream(bytes), tarSplit);
        return new SyntheticLayer(folder, tarSplit, diffId, bytes);
    }

    /**
     * Resolves a member name inside a folder the way tar-split does ({@code filepath.Join}): a leading
     * {@code /} is relative to the folder. Fails for anything that would land outside it, so a test
     * can never write to the host (e.g. {@code /etc/shadow}).
     */
    public static Path inside(Path folder, String name) {
        Path base = folder.toAbsolutePath().normalize();
        Path resolved = base.resolve(name.replaceFirst("^/+", "")).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new IllegalArgumentException(name + " is not inside " + folder);
        }
        return resolved;
    }

    /**
     * Writes a tar-split file from raw JSON lines (gzip-compressed, one line each).
     *
     * @param file  the file to write
     * @param lines JSON objects, one per line
     * @return the file
     */
    public static Path tarSplit(Path file, List<String> lines) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Creates a FIFO with {@code mkfifo}; returns it. */
    public static Path fifo(Path path) {
        TestFiles.mkdirs(path.getParent());
        DockerdFixtureRoots.run(List.of("mkfifo", path.toString()));
        return path;
    }
}
