package io.github.drydock.testing;

import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Synthetic images for save tests: layers made by {@link TarSplitTestLayers}, a config listing their diff ids. */
public final class SaveTestImages {
    private SaveTestImages() {
    }

    /**
     * A synthetic image.
     *
     * @param config the config bytes
     * @param layers its layers, base first
     */
    public record SyntheticImage(byte[] config, List<Layer> layers) {
    }

    /**
     * @param dir    an empty folder
     * @param layers the files of each layer, base first
     * @return the image
     */
    public static SyntheticImage image(Path dir, List<Map<String, String>> layers) {
        List<Layer> records = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        String chain = null;
        for (int i = 0; i < layers.size(); i++) {
            TarSplitTestLayers.SyntheticLayer layer = TarSplitTestLayers.layer(TestFiles.mkdirs(dir.resolve("l" + i)), layers.get(i));
            String parent = chain;
            chain = chain == null ? layer.diffId()
                    : DockerdFixtureRoots.sha256(("sha256:" + chain + " sha256:" + layer.diffId()).getBytes(StandardCharsets.US_ASCII));
            records.add(new Layer(chain, layer.diffId(), "cache" + i, parent, "overlay2", LayerKind.DIFF, layer.folder(),
                    -1, layer.tarSplit()));
            diffIds.add("\"sha256:" + layer.diffId() + "\"");
        }
        String config = "{\"architecture\":\"amd64\",\"config\":{\"Cmd\":[\"/bin/tool\"]},\"created\":\"2024-01-02T03:04:05.5Z\","
                + "\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}";
        return new SyntheticImage(config.getBytes(StandardCharsets.UTF_8), records);
    }

    /** A deterministic fallback for tests: a plain tar of the layer folder's regular files, sorted by name. */
    public static void tarFolder(Layer layer, OutputStream out) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(layer.path())) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new java.io.FilterOutputStream(out) {
            @Override
            public void close() throws IOException {
                flush();
            }
        });
        for (Path file : files) {
            TarArchiveEntry entry = new TarArchiveEntry(layer.path().relativize(file).toString());
            entry.setSize(Files.size(file));
            entry.setModTime(0);
            tar.putArchiveEntry(entry);
            Files.copy(file, tar);
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    /** @return the names in a folder (not recursive) */
    public static List<String> names(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
