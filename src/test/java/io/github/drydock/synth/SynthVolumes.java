package io.github.drydock.synth;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Volumes: even ones are named, odd ones anonymous (64 hex); the first two thirds are mounted at
 * {@code /data} by the container of the same index, the rest are orphans.
 */
final class SynthVolumes {
    private SynthVolumes() {
    }

    private static String name(SynthSpec spec, int v) {
        return v % 2 == 0 ? "synthvol" + v : SynthIds.hex(spec.seed(), "volume", v);
    }

    private static boolean mounted(SynthSpec spec, int v) {
        return v < spec.volumes() * 2 / 3 && v < spec.containers();
    }

    private static void data(Path folder, int v) {
        SynthIds.write(folder.resolve("README"), "volume " + v + "\n");
        SynthIds.write(folder.resolve("db/table" + v + ".dat"), ("row\n").repeat(50 + v % 50));
        SynthIds.write(folder.resolve("db/log.txt"), "ok\n");
    }

    /**
     * Writes {@code volumes/<name>/_data} and {@code volumes/metadata.db}.
     *
     * @return container index → {name, recorded absolute {@code _data} path}
     */
    static Map<Integer, String[]> modern(SynthSpec spec, Path root, SynthSummary.Builder summary) {
        Map<Integer, String[]> byContainer = new HashMap<>();
        Map<String, byte[]> records = new TreeMap<>();
        for (int v = 0; v < spec.volumes(); v++) {
            String name = name(spec, v);
            data(root.resolve("volumes").resolve(name).resolve("_data"), v);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("Name", name);
            record.put("Driver", "local");
            record.put("Labels", v % 2 == 0 ? Map.of("synth", "yes") : null);
            record.put("Options", v % 2 == 0 ? Map.of() : null);
            records.put(name, SynthIds.json(record));
            if (mounted(spec, v)) {
                byContainer.put(v, new String[] {name, ModernSynth.DOCKER_ROOT + "/volumes/" + name + "/_data"});
            }
            summary.volume(name);
        }
        SynthIds.mkdirs(root.resolve("volumes"));
        if (!records.isEmpty()) {
            SynthBolt.write(root.resolve("volumes/metadata.db"), "volumes", records);
        }
        return byContainer;
    }

    /**
     * Writes Docker 1.3–1.6 volumes: data in {@code vfs/dir/<id>}, record in {@code volumes/<id>/config.json}.
     *
     * @return container index → {id, recorded host path}
     */
    static Map<Integer, String[]> legacy(SynthSpec spec, Path root, SynthSummary.Builder summary) {
        Map<Integer, String[]> byContainer = new HashMap<>();
        for (int v = 0; v < spec.volumes(); v++) {
            String id = SynthIds.hex(spec.seed(), "volume", v);
            data(root.resolve("vfs/dir").resolve(id), v);
            String hostPath = ModernSynth.DOCKER_ROOT + "/vfs/dir/" + id;
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("ID", id);
            config.put("Path", hostPath);
            config.put("IsBindMount", false);
            config.put("Writable", true);
            SynthIds.write(root.resolve("volumes").resolve(id).resolve("config.json"), SynthIds.json(config));
            if (mounted(spec, v)) {
                byContainer.put(v, new String[] {id, hostPath});
            }
            summary.volume(id);
        }
        SynthIds.mkdirs(root.resolve("volumes"));
        return byContainer;
    }
}
