package io.github.drydock.archive;

import io.github.drydock.json.Json;
import io.github.drydock.json.ManifestJson;
import io.github.drydock.json.OciDescriptorJson;
import io.github.drydock.json.OciIndexJson;
import io.github.drydock.json.OciManifestJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The members of an OCI image layout as Docker 25+ {@code docker save} writes it (moby v25+
 * {@code image/tarexport/save.go}; opencontainers/image-spec {@code image-layout.md}): {@code oci-layout},
 * {@code index.json} with one manifest descriptor per tag (annotated with the tag as
 * {@code org.opencontainers.image.ref.name} and the full name as {@code io.containerd.image.name}; an
 * untagged image gets one plain descriptor), {@code blobs/sha256/} holding configs, uncompressed layers and
 * OCI manifests, plus {@code manifest.json} and {@code repositories} (tag → top layer diff id) for
 * {@code docker load}. Docker 25's unreferenced legacy v1 JSON blobs are not written.
 */
final class OciLayout {
    static final String LAYOUT_FILE = "oci-layout";
    static final String INDEX_FILE = "index.json";
    static final String BLOBS = "blobs";
    static final String BLOBS_SHA256 = BLOBS + "/sha256";
    /** Docker's exact {@code oci-layout} text (with the space after the colon). */
    private static final byte[] LAYOUT_CONTENT = "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.US_ASCII);

    private OciLayout() {
    }

    /**
     * @param plan the planned archive
     * @return its members in archive order
     * @throws IOException when the JSON cannot be written
     */
    static List<SaveEntry> entries(SavePlan plan) throws IOException {
        List<SaveEntry> entries = new ArrayList<>(List.of(new SaveEntry.Folder(BLOBS, 0), new SaveEntry.Folder(BLOBS_SHA256, 0)));
        Set<String> blobs = new HashSet<>();
        List<OciDescriptorJson> index = new ArrayList<>();
        List<ManifestJson> manifest = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>(LegacyConfigGoJson.KEY_ORDER);
        for (SavePlan.Planned image : plan.images()) {
            addBlob(entries, blobs, new SaveEntry.Bytes(blob(image.writtenId()), image.mtime(), image.config()));
            List<OciDescriptorJson> layers = new ArrayList<>();
            List<String> layerPaths = new ArrayList<>();
            for (String diffId : image.diffIds()) {
                SaveLayerSource source = plan.source(diffId);
                addBlob(entries, blobs, new SaveEntry.LayerTar(blob(diffId), image.mtime(), source));
                layers.add(new OciDescriptorJson(OciManifestJson.LAYER_MEDIA_TYPE, Digests.prefixed(diffId), source.size(), null));
                layerPaths.add(blob(diffId));
            }
            byte[] ociManifest = Json.MAPPER.writeValueAsBytes(new OciManifestJson(2, OciManifestJson.MEDIA_TYPE,
                    new OciDescriptorJson(OciManifestJson.CONFIG_MEDIA_TYPE, Digests.prefixed(image.writtenId()),
                            image.config().length, null), layers));
            String manifestDigest = Digests.sha256Hex(ociManifest);
            addBlob(entries, blobs, new SaveEntry.Bytes(blob(manifestDigest), 0, ociManifest));
            index.addAll(descriptors(image.refs(), manifestDigest, ociManifest.length));
            List<String> tags = image.refs().stream().map(SaveReference::familiarString).toList();
            manifest.add(new ManifestJson(blob(image.writtenId()), tags.isEmpty() ? null : tags, layerPaths,
                    image.parentId() == null ? null : Digests.prefixed(image.parentId())));
            if (!image.diffIds().isEmpty()) {
                SaveDockerLayout.addRepositories(repositories, image.refs(), image.diffIds().get(image.diffIds().size() - 1));
            }
        }
        entries.add(new SaveEntry.Bytes(LAYOUT_FILE, 0, LAYOUT_CONTENT));
        entries.add(new SaveEntry.Bytes(INDEX_FILE, 0,
                Json.MAPPER.writeValueAsBytes(new OciIndexJson(2, OciIndexJson.MEDIA_TYPE, index))));
        entries.add(new SaveEntry.Bytes(SaveDockerLayout.MANIFEST, 0, SaveDockerLayout.jsonLine(manifest)));
        if (!repositories.isEmpty()) {
            entries.add(new SaveEntry.Bytes(SaveDockerLayout.REPOSITORIES, 0, SaveDockerLayout.jsonLine(repositories)));
        }
        entries.sort(SaveEntry.WALK_ORDER);
        return entries;
    }

    private static List<OciDescriptorJson> descriptors(List<SaveReference> refs, String digest, long size) {
        if (refs.isEmpty()) {
            return List.of(new OciDescriptorJson(OciManifestJson.MEDIA_TYPE, Digests.prefixed(digest), size, null));
        }
        List<OciDescriptorJson> out = new ArrayList<>();
        for (SaveReference ref : refs) {
            Map<String, String> annotations = new TreeMap<>();
            annotations.put(OciIndexJson.IMAGE_NAME, ref.fullString());
            annotations.put(OciIndexJson.REF_NAME, ref.tag());
            out.add(new OciDescriptorJson(OciManifestJson.MEDIA_TYPE, Digests.prefixed(digest), size, annotations));
        }
        return out;
    }

    private static void addBlob(List<SaveEntry> entries, Set<String> blobs, SaveEntry entry) {
        if (blobs.add(entry.name())) {
            entries.add(entry);
        }
    }

    private static String blob(String hex) {
        return BLOBS_SHA256 + "/" + hex;
    }
}
