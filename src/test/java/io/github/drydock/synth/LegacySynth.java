package io.github.drydock.synth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes a Docker 1.9 aufs root: {@code graph/<id>/{json,layersize,tar-data.json.gz}},
 * {@code repositories-aufs}, {@code aufs/{diff,layers,mnt}}, containers with {@code config.json} and
 * their {@code -init} and read-write aufs layers, and Docker 1.3–1.6 volumes in {@code vfs/dir}.
 */
final class LegacySynth {
    private final SynthSpec spec;
    private final Path root;
    private final Path aufs;
    private final LayerTree tree;
    private final LayerWriter writer;
    private final SynthSummary.Builder summary;

    LegacySynth(SynthSpec spec, Path root, LayerWriter writer, SynthSummary.Builder summary) {
        this.spec = spec;
        this.root = root;
        this.aufs = root.resolve("aufs");
        this.tree = LayerTree.of(spec);
        this.writer = writer;
        this.summary = summary;
    }

    private String imageId(int i) {
        return SynthIds.hex(spec.seed(), "legacy-image", i);
    }

    void write() {
        SynthIds.mkdirs(root.resolve("graph"));
        SynthIds.mkdirs(root.resolve("containers"));
        LayerWriter.Written[] layers = SynthLayers.writeAll(spec, tree, writer, this::layerFolder,
                i -> root.resolve("graph").resolve(imageId(i)).resolve("tar-data.json.gz"));
        String[] ids = new String[layers.length];
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        for (int i = 0; i < layers.length; i++) {
            ids[i] = imageId(i);
            Path graph = root.resolve("graph").resolve(ids[i]);
            SynthIds.write(graph.resolve("json"), SynthIds.json(imageJson(i, layers[i].bytes())));
            SynthIds.write(graph.resolve("layersize"), Long.toString(layers[i].bytes()));
            if (SynthImages.tagged(i)) {
                repositories.computeIfAbsent(SynthImages.repository(i), k -> new TreeMap<>()).put(SynthImages.tag(i), ids[i]);
                summary.tag();
            }
        }
        SynthIds.write(root.resolve("repositories-aufs"), SynthIds.json(Map.of("Repositories", repositories)));
        summary.layers(layers.length).images(ids).maxDepth(tree.maxDepth()).content(layers);
        Map<Integer, String[]> volumes = SynthVolumes.legacy(spec, root, summary);
        for (int j = 0; j < spec.containers(); j++) {
            container(j, volumes.get(j));
        }
    }

    /** Creates {@code aufs/layers/<id>} and {@code aufs/mnt/<id>}; returns {@code aufs/diff/<id>}. */
    private Path layerFolder(int i) {
        List<String> ancestors = new ArrayList<>();
        for (int p = tree.parent()[i]; p >= 0; p = tree.parent()[p]) {
            ancestors.add(imageId(p));
        }
        return aufsLayer(imageId(i), ancestors);
    }

    private Path aufsLayer(String id, List<String> ancestorsNearestFirst) {
        StringBuilder text = new StringBuilder();
        ancestorsNearestFirst.forEach(a -> text.append(a).append('\n'));
        SynthIds.write(aufs.resolve("layers").resolve(id), text.toString());
        SynthIds.mkdirs(aufs.resolve("mnt").resolve(id));
        return aufs.resolve("diff").resolve(id);
    }

    private Map<String, Object> imageJson(int i, long size) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", imageId(i));
        if (tree.parent()[i] >= 0) {
            j.put("parent", imageId(tree.parent()[i]));
        }
        j.put("created", SynthIds.time(i));
        j.put("container", SynthIds.hex(spec.seed(), "build", i));
        Map<String, Object> cc = new LinkedHashMap<>();
        cc.put("Hostname", "synth");
        cc.put("Env", null);
        cc.put("Cmd", List.of("/bin/sh", "-c", "#(nop) ADD file:layer" + i + " in /"));
        cc.put("Image", tree.parent()[i] >= 0 ? imageId(tree.parent()[i]) : "");
        j.put("container_config", cc);
        j.put("docker_version", "1.9.1");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Hostname", "synth");
        config.put("Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        config.put("Cmd", List.of("/usr/bin/tool" + i));
        j.put("config", config);
        j.put("architecture", "amd64");
        j.put("os", "linux");
        j.put("Size", size);
        return j;
    }

    private void container(int j, String[] volume) {
        int top = SynthImages.imageOf(spec, j);
        String id = SynthIds.hex(spec.seed(), "container", j);
        List<String> chain = new ArrayList<>();
        for (int p = top; p >= 0; p = tree.parent()[p]) {
            chain.add(imageId(p));
        }
        Path init = aufsLayer(id + "-init", chain);
        List<String> rwLower = new ArrayList<>(List.of(id + "-init"));
        rwLower.addAll(chain);
        Path rw = aufsLayer(id, rwLower);
        writer.write(init, LayerPlans.initLayer(), null, 0);
        writer.write(rw, LayerPlans.containerLayer(j, top, new Random(spec.seed() + j)), null, 0);
        ContainerDocs.Facts f = new ContainerDocs.Facts(id, j, imageId(top), SynthImages.reference(top, imageId(top)),
                "aufs", volume == null ? null : volume[0], volume == null ? null : volume[1], false);
        Path dir = root.resolve("containers").resolve(id);
        SynthIds.write(dir.resolve("config.json"), SynthIds.json(ContainerDocs.configV1(f, ModernSynth.DOCKER_ROOT)));
        SynthIds.write(dir.resolve("hostconfig.json"), SynthIds.json(ContainerDocs.hostConfig(f)));
        SynthIds.write(dir.resolve(id + "-json.log"), ContainerDocs.log(j, spec.containerLog()));
        SynthIds.write(dir.resolve("hostname"), id.substring(0, 12) + "\n");
        SynthIds.write(dir.resolve("hosts"), "127.0.0.1\tlocalhost\n");
        SynthIds.write(dir.resolve("resolv.conf"), "nameserver 10.0.0.2\n");
        summary.container(id, id);
    }
}
