package io.github.drydock.synth;

import io.github.drydock.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a realistic synthetic Docker root of a given size: legacy aufs (with vfs volumes) or modern
 * overlay2, aufs or vfs. Ids are real (image id = sha256 of the config bytes, chain ids computed, tar-split
 * records that rebuild every image layer tar byte for byte), layers hold many small files and a few
 * large sparse ones (their disk use stays small), whiteouts and opaque folders in the driver's own form,
 * hard links and symlinks; containers have init and read-write layers with changed, added and deleted
 * files, json-file logs and volumes.
 *
 * <p>From the command line (test classpath):
 * {@code SyntheticRoot <small|large|content> <legacy-aufs|overlay2|aufs|vfs> <empty dir> [key=value ...]}
 * prints the summary as JSON; keys as in {@link SynthSpec#with}.
 */
public final class SyntheticRoot {
    private SyntheticRoot() {
    }

    /**
     * Writes a root.
     *
     * @param spec what to write
     * @param dir  the Docker root to create; must not exist or be empty
     * @return what was written
     * @throws IOException when the folder is not empty or cannot be written
     */
    public static SynthSummary generate(SynthSpec spec, Path dir) throws IOException {
        long start = System.nanoTime();
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        try (Stream<Path> existing = Files.list(root)) {
            if (existing.findAny().isPresent()) {
                throw new IOException("refusing to write a synthetic root into a non-empty folder: " + root);
            }
        }
        SpecialNodes nodes = new SpecialNodes();
        LayerWriter writer = new LayerWriter(spec.flavor().whiteouts(), new SynthContent(spec.seed()), nodes);
        SynthSummary.Builder summary = new SynthSummary.Builder(spec);
        if (spec.flavor().modern()) {
            new ModernSynth(spec, root, writer, summary).write();
        } else {
            new LegacySynth(spec, root, writer, summary).write();
        }
        nodes.apply(root.getParent());
        return summary.build(nodes.skipped(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Command line entry: {@code <preset> <flavor> <dir> [key=value ...]}.
     *
     * @param args the arguments
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: SyntheticRoot <small|large|content> <legacy-aufs|overlay2|aufs|vfs> <empty dir> [key=value ...]");
            System.exit(2);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            overrides.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        SynthSpec spec = SynthSpec.preset(args[0], Flavor.parse(args[1])).with(overrides);
        System.err.println("writing " + spec.describe() + " to " + args[2]);
        SynthSummary s = generate(spec, Path.of(args[2]));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("spec", spec.describe());
        out.put("images", s.imageIds().size());
        out.put("layers", s.layers());
        out.put("maxDepth", s.maxDepth());
        out.put("tags", s.tags());
        out.put("containers", s.containerIds().size());
        out.put("volumes", s.volumeNames().size());
        out.put("files", s.files());
        out.put("bytes", s.bytes());
        out.put("skippedNodes", s.skippedNodes());
        out.put("seconds", Math.round(s.seconds() * 10) / 10.0);
        out.put("lastImage", s.lastImage());
        out.put("firstContainer", s.containerIds().isEmpty() ? null : s.containerIds().get(0));
        System.out.println(Json.MAPPER.writeValueAsString(out));
    }
}
