package io.github.drydock.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Image configs, tags and which image each container runs. */
final class SynthImages {
    private SynthImages() {
    }

    /** A third of the images are tagged (the rest are build intermediates, as on a real host). */
    static boolean tagged(int i) {
        return i % 3 == 2;
    }

    static String repository(int i) {
        return "synth/app" + (i % 97);
    }

    static String tag(int i) {
        return "v" + i;
    }

    /** @return what a user typed to run image {@code i} */
    static String reference(int i, String imageId) {
        return tagged(i) ? repository(i) + ":" + tag(i) : imageId.substring(0, 12);
    }

    /** Containers run tagged images, spread over all of them; a linear root's containers run the deepest. */
    static int imageOf(SynthSpec spec, int j) {
        if (spec.linear()) {
            return spec.images() - 1;
        }
        int taggedCount = spec.images() / 3;
        if (taggedCount == 0) {
            return spec.images() - 1;
        }
        int t = (int) ((j * 7919L) % taggedCount);
        return 3 * t + 2;
    }

    /** A Docker 20.10 image config for the chain of layer {@code i}. */
    static Map<String, Object> config(int i, int[] chain, List<String> diffIds) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architecture", "amd64");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        run.put("Cmd", List.of("/usr/bin/tool" + i));
        run.put("WorkingDir", "/srv");
        run.put("Labels", Map.of("synth.image", Integer.toString(i)));
        c.put("config", run);
        c.put("created", SynthIds.time(i));
        c.put("docker_version", "20.10.24");
        List<Map<String, Object>> history = new ArrayList<>();
        for (int layer : chain) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("created", SynthIds.time(layer));
            step.put("created_by", "/bin/sh -c #(nop) ADD file:layer" + layer + " in /");
            history.add(step);
        }
        Map<String, Object> empty = new LinkedHashMap<>();
        empty.put("created", SynthIds.time(i));
        empty.put("created_by", "/bin/sh -c #(nop)  CMD [\"/usr/bin/tool" + i + "\"]");
        empty.put("empty_layer", true);
        history.add(empty);
        c.put("history", history);
        c.put("os", "linux");
        Map<String, Object> rootfs = new LinkedHashMap<>(); // Map.of would order keys differently per JVM run
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", diffIds);
        c.put("rootfs", rootfs);
        return c;
    }
}
