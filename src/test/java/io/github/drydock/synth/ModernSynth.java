package io.github.drydock.synth;

import io.github.drydock.testing.ModernRootBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a Docker 1.10+ root: {@code image/<driver>/{imagedb,layerdb,repositories.json}}, the driver
 * folders (overlay2 {@code diff/link/lower} and {@code l/}; aufs {@code diff/layers/mnt}; vfs
 * {@code dir/}), containers with init and read-write layers and {@code layerdb/mounts}, and
 * {@code volumes/} with a bbolt {@code metadata.db}.
 */
final class ModernSynth {
    static final String DOCKER_ROOT = "/var/lib/docker";

    private final SynthSpec spec;
    private final Path root;
    private final Path imageTree;
    private final Path home;
    private final LayerTree tree;
    private final LayerWriter writer;
    private final SynthSummary.Builder summary;

    ModernSynth(SynthSpec spec, Path root, LayerWriter writer, SynthSummary.Builder summary) {
        this.spec = spec;
        this.root = root;
        this.imageTree = root.resolve("image").resolve(spec.flavor().driver());
        this.home = root.resolve(spec.flavor().driver());
        this.tree = LayerTree.of(spec);
        this.writer = writer;
        this.summary = summary;
    }

    void write() {
        SynthIds.mkdirs(imageTree.resolve("layerdb/tmp"));
        SynthIds.mkdirs(imageTree.resolve("imagedb/content/sha256"));
        SynthIds.mkdirs(imageTree.resolve("imagedb/metadata/sha256"));
        SynthIds.mkdirs(root.resolve("containers"));
        LayerWriter.Written[] layers = SynthLayers.writeAll(spec, tree, writer, this::layerFolder, this::tarSplitTemp);
        String[] chains = layerDb(layers);
        String[] imageIds = images(layers);
        summary.layers(layers.length).images(imageIds).maxDepth(tree.maxDepth()).content(layers);
        Map<Integer, String[]> volumes = SynthVolumes.modern(spec, root, summary);
        for (int j = 0; j < spec.containers(); j++) {
            container(j, imageIds, chains, volumes.get(j));
        }
    }

    private String cacheId(int i) {
        return SynthIds.hex(spec.seed(), "cache", i);
    }

    private Path tarSplitTemp(int i) {
        return imageTree.resolve("layerdb/tmp/synth-" + i + ".json.gz");
    }

    /** Creates the driver's folders for image layer {@code i} and returns the folder of its files. */
    private Path layerFolder(int i) {
        List<String> lower = new ArrayList<>();
        for (int p = tree.parent()[i]; p >= 0; p = tree.parent()[p]) {
            lower.add(cacheId(p));
        }
        return driverFolder(cacheId(i), lower);
    }

    private Path driverFolder(String id, List<String> lowerNearestFirst) {
        switch (spec.flavor()) {
            case MODERN_OVERLAY2 -> {
                Path dir = home.resolve(id);
                String link = ModernRootBuilder.link(id);
                SynthIds.write(dir.resolve("link"), link);
                SynthIds.symlink(home.resolve("l").resolve(link), "../" + id + "/diff");
                if (!lowerNearestFirst.isEmpty()) {
                    SynthIds.write(dir.resolve("lower"), String.join(":",
                            lowerNearestFirst.stream().map(l -> "l/" + ModernRootBuilder.link(l)).toList()));
                    SynthIds.mkdirs(dir.resolve("work"));
                    SynthIds.write(home.resolve(lowerNearestFirst.get(0)).resolve("committed"), new byte[0]);
                }
                return dir.resolve("diff");
            }
            case MODERN_AUFS -> {
                StringBuilder layers = new StringBuilder();
                lowerNearestFirst.forEach(l -> layers.append(l).append('\n'));
                SynthIds.write(home.resolve("layers").resolve(id), layers.toString());
                SynthIds.mkdirs(home.resolve("mnt").resolve(id));
                return home.resolve("diff").resolve(id);
            }
            case MODERN_VFS -> {
                return home.resolve("dir").resolve(id);
            }
            default -> throw new IllegalStateException(spec.flavor().name());
        }
    }

    /** Writes {@code layerdb/sha256/<chain>/} for every image layer; returns the chain ids. */
    private String[] layerDb(LayerWriter.Written[] layers) {
        String[] chains = new String[layers.length];
        for (int i = 0; i < layers.length; i++) {
            int p = tree.parent()[i];
            chains[i] = SynthIds.chainId(p < 0 ? null : chains[p], layers[i].diffId());
            Path dir = imageTree.resolve("layerdb/sha256").resolve(chains[i]);
            SynthIds.write(dir.resolve("diff"), "sha256:" + layers[i].diffId());
            SynthIds.write(dir.resolve("size"), Long.toString(layers[i].bytes()));
            SynthIds.write(dir.resolve("cache-id"), cacheId(i));
            if (p >= 0) {
                SynthIds.write(dir.resolve("parent"), "sha256:" + chains[p]);
            }
            try {
                Files.move(tarSplitTemp(i), dir.resolve("tar-split.json.gz"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return chains;
    }

    /** Writes one image per layer: config (id = its sha256), metadata parent, tags for a third. */
    private String[] images(LayerWriter.Written[] layers) {
        String[] ids = new String[layers.length];
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        for (int i = 0; i < layers.length; i++) {
            int[] chain = tree.chain(i);
            List<String> diffIds = new ArrayList<>();
            for (int c : chain) {
                diffIds.add("sha256:" + layers[c].diffId());
            }
            byte[] config = SynthIds.json(SynthImages.config(i, chain, diffIds));
            ids[i] = SynthIds.sha256(config);
            SynthIds.write(imageTree.resolve("imagedb/content/sha256").resolve(ids[i]), config);
            Path meta = imageTree.resolve("imagedb/metadata/sha256").resolve(ids[i]);
            int p = tree.parent()[i];
            if (p >= 0) {
                SynthIds.write(meta.resolve("parent"), "sha256:" + ids[p]);
            }
            if (i % 7 == 0) {
                SynthIds.write(meta.resolve("lastUpdated"), SynthIds.time(50_000 + i));
            }
            if (SynthImages.tagged(i)) {
                String repo = SynthImages.repository(i);
                repositories.computeIfAbsent(repo, k -> new TreeMap<>()).put(repo + ":" + SynthImages.tag(i), "sha256:" + ids[i]);
                summary.tag();
            }
        }
        SynthIds.write(imageTree.resolve("repositories.json"), SynthIds.json(Map.of("Repositories", repositories)));
        return ids;
    }

    private void container(int j, String[] imageIds, String[] chains, String[] volume) {
        int top = SynthImages.imageOf(spec, j);
        String id = SynthIds.hex(spec.seed(), "container", j);
        String mountId = SynthIds.hex(spec.seed(), "mount", j);
        String initId = mountId + "-init";
        List<String> imageLower = new ArrayList<>();
        for (int p = top; p >= 0; p = tree.parent()[p]) {
            imageLower.add(cacheId(p));
        }
        Path initFolder = driverFolder(initId, imageLower);
        List<String> rwLower = new ArrayList<>(List.of(initId));
        rwLower.addAll(imageLower);
        Path rwFolder = driverFolder(mountId, rwLower);
        if (spec.flavor().snapshots()) {
            SynthIds.copyTree(layerFolder(top), initFolder);
        }
        writer.write(initFolder, LayerPlans.initLayer(), null, 0);
        if (spec.flavor().snapshots()) {
            SynthIds.copyTree(initFolder, rwFolder);
        }
        writer.write(rwFolder, LayerPlans.containerLayer(j, top, new java.util.Random(spec.seed() + j)), null, 0);
        Path mounts = imageTree.resolve("layerdb/mounts").resolve(id);
        SynthIds.write(mounts.resolve("mount-id"), mountId);
        SynthIds.write(mounts.resolve("init-id"), initId);
        SynthIds.write(mounts.resolve("parent"), "sha256:" + chains[top]);
        ContainerDocs.Facts f = new ContainerDocs.Facts(id, j, imageIds[top], SynthImages.reference(top, imageIds[top]),
                spec.flavor().driver(), volume == null ? null : volume[0], volume == null ? null : volume[1],
                volume != null && volume[0].length() == 64);
        Path dir = root.resolve("containers").resolve(id);
        SynthIds.write(dir.resolve("config.v2.json"), SynthIds.json(ContainerDocs.configV2(f, DOCKER_ROOT)));
        SynthIds.write(dir.resolve("hostconfig.json"), SynthIds.json(ContainerDocs.hostConfig(f)));
        SynthIds.write(dir.resolve(id + "-json.log"), ContainerDocs.log(j, spec.containerLog()));
        SynthIds.write(dir.resolve("hostname"), id.substring(0, 12) + "\n");
        SynthIds.write(dir.resolve("hosts"), "127.0.0.1\tlocalhost\n");
        SynthIds.write(dir.resolve("resolv.conf"), "nameserver 10.0.0.2\n");
        summary.container(id, mountId);
    }
}
