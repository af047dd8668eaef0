package io.github.drydock.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.json.Json;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Layer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks an image of a modern root the way Docker trusts it: the config hashes to the image id, the chain
 * ids computed from the config's diff ids are the layer ids, and every layer tar rebuilt from its tar-split
 * and layer folder hashes to its diff id; a file that changed since Docker recorded the layer is named
 * with its path. Damage is reported, never thrown: a forensic check lists everything it finds.
 */
public final class Verify {
    private Verify() {
    }

    /**
     * @param imageId the id the image is stored under (64 hex or {@code sha256:…})
     * @param config  the config bytes as stored
     * @param layers  the image's layers, base first (as the layout reader found them)
     * @return the report
     */
    public static VerifyReport image(String imageId, byte[] config, List<Layer> layers) {
        return image(imageId, config, layers, new HashMap<>());
    }

    /**
     * {@link #image(String, byte[], List)} sharing layer rebuilds between images: a layer several images
     * share is read once.
     *
     * @param imageId the id the image is stored under
     * @param config  the config bytes as stored
     * @param layers  the image's layers, base first
     * @param rebuilt rebuilds done so far, filled here (key: tar-split, folder and diff id)
     * @return the report
     */
    public static VerifyReport image(String imageId, byte[] config, List<Layer> layers, Map<String, LayerTarReport> rebuilt) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(rebuilt, "rebuilt");
        String expected = Digests.hex(imageId);
        List<String> problems = new ArrayList<>();
        List<String> diffIds = diffIds(config, problems);
        if (diffIds != null && diffIds.size() != layers.size()) {
            problems.add("the config lists " + diffIds.size() + " layers but " + layers.size() + " were found");
        }
        List<String> chainIds = diffIds == null ? List.of() : Digests.chainIds(diffIds);
        List<VerifyLayer> checked = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String diffId = diffIds != null && i < diffIds.size() ? diffIds.get(i) : layers.get(i).diffId();
            String chainId = i < chainIds.size() ? chainIds.get(i) : null;
            checked.add(layer(i, layers.get(i), diffId, chainId, rebuilt));
        }
        return new VerifyReport(expected, Digests.sha256Hex(config), checked, problems);
    }

    /**
     * Reads {@code imagedb/content/sha256/<id>} (its name is the expected image id) and checks the image.
     *
     * @param configFile the config file
     * @param layers     the image's layers, base first
     * @return the report
     * @throws DockerStorageException when the config file cannot be read at all
     */
    public static VerifyReport imageFile(Path configFile, List<Layer> layers) throws DockerStorageException {
        return imageFile(configFile, layers, new HashMap<>());
    }

    /**
     * {@link #imageFile(Path, List)} sharing layer rebuilds between images.
     *
     * @param configFile the config file
     * @param layers     the image's layers, base first
     * @param rebuilt    rebuilds done so far, filled here
     * @return the report
     * @throws DockerStorageException when the config file cannot be read at all
     */
    public static VerifyReport imageFile(Path configFile, List<Layer> layers, Map<String, LayerTarReport> rebuilt)
            throws DockerStorageException {
        SaveImage read = SaveImage.read(configFile, List.of(), List.of(), null);
        return image(configFile.getFileName().toString(), read.config(), layers, rebuilt);
    }

    private static VerifyLayer layer(int index, Layer layer, String diffId, String chainId,
                                     Map<String, LayerTarReport> rebuilt) {
        String problem = "";
        if (diffId == null || !Digests.isDigest(diffId)) {
            return new VerifyLayer(index, layer.id(), chainId, null, null, "no valid diff id recorded (" + diffId + "); cannot check the tar");
        }
        if (layer.diffId() != null && !(Digests.isDigest(layer.diffId()) && Digests.hex(layer.diffId()).equals(Digests.hex(diffId)))) {
            problem = "the layer store records diff id sha256:" + layer.diffId() + " but the config sha256:" + diffId;
        }
        try {
            Path tarSplit = TarSplitAssembler.requireTarSplit(layer);
            Path folder = TarSplitAssembler.requireFolder(layer);
            String key = tarSplit + "\0" + folder + "\0" + Digests.hex(diffId);
            LayerTarReport rebuild = rebuilt.get(key);
            if (rebuild == null) {
                rebuild = TarSplitAssembler.verify(tarSplit, folder, diffId);
                rebuilt.put(key, rebuild);
            }
            return new VerifyLayer(index, layer.id(), chainId, Digests.hex(diffId), rebuild, problem);
        } catch (DockerStorageException e) {
            String message = problem.isEmpty() ? e.getMessage() : problem + "; " + e.getMessage();
            return new VerifyLayer(index, layer.id(), chainId, Digests.hex(diffId), null, message);
        }
    }

    private static List<String> diffIds(byte[] config, List<String> problems) {
        try {
            JsonNode list = Json.MAPPER.readTree(config).path("rootfs").path("diff_ids");
            if (!list.isArray()) {
                problems.add("the config has no rootfs.diff_ids");
                return null;
            }
            List<String> diffIds = new ArrayList<>();
            for (JsonNode diffId : list) {
                if (!Digests.isDigest(diffId.asText(""))) {
                    problems.add("the config holds an invalid diff id " + diffId);
                    return null;
                }
                diffIds.add(Digests.hex(diffId.asText()));
            }
            return diffIds;
        } catch (IOException | RuntimeException e) {
            problems.add("cannot parse the config: " + e.getMessage());
            return null;
        }
    }
}
