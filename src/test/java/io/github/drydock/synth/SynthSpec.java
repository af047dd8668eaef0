package io.github.drydock.synth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a synthetic root holds. Every image has its own top layer; layers form a tree whose
 * parents are chosen among recent layers (so chains reach {@code maxDepth}); with {@code linear}
 * each layer sits on the previous one (one image per layer, the last one is the deep image).
 *
 * @param flavor        generation and driver
 * @param images        number of images (and of image layers)
 * @param maxDepth      longest layer chain
 * @param linear        true for a single chain (depth = images, capped by maxDepth)
 * @param containers    number of containers (each with init and read-write layer)
 * @param volumes       number of volumes (two thirds mounted by a container, the rest orphans)
 * @param files         total number of regular files in image layers (at least 3 per layer)
 * @param largeFiles    number of large sparse files spread over the layers
 * @param largeSize     apparent size of each large file
 * @param containerLog  lines of json-file log per container
 * @param seed          makes everything reproducible
 * @param threads       writer threads (layers of snapshot drivers are always written in order)
 */
public record SynthSpec(Flavor flavor, int images, int maxDepth, boolean linear, int containers, int volumes,
                        long files, int largeFiles, long largeSize, int containerLog, long seed, int threads,
                        boolean dense) {
    /** overlay2's lower-chain limit is 128 (moby overlay2 {@code maxDepth}); keep room for init and RW. */
    public static final int MAX_DEPTH = 125;

    /** Checks the numbers. */
    public SynthSpec {
        if (flavor == null || images < 1 || maxDepth < 1 || maxDepth > MAX_DEPTH || containers < 0 || volumes < 0
                || files < 0 || largeFiles < 0 || largeSize < 0 || containerLog < 0 || threads < 1) {
            throw new IllegalArgumentException("bad synthetic root spec");
        }
    }

    /** Seconds to write: 40 images, 12 containers, 9 volumes, 600 files, 2 sparse 8 MiB files. */
    /** A spec whose large files are sparse (the 12 first components; {@code dense} false). */
    public SynthSpec(Flavor flavor, int images, int maxDepth, boolean linear, int containers, int volumes,
                     long files, int largeFiles, long largeSize, int containerLog, long seed, int threads) {
        this(flavor, images, maxDepth, linear, containers, volumes, files, largeFiles, largeSize, containerLog, seed,
                threads, false);
    }

    public static SynthSpec small(Flavor flavor) {
        return new SynthSpec(flavor, 40, 6, false, 12, 9, 600, 2, 8L << 20, 5, 42, 1);
    }

    /** 10k images, 2k containers, 1k volumes, 500k files, 8 × 512 MiB sparse files. */
    public static SynthSpec large(Flavor flavor) {
        return new SynthSpec(flavor, 10_000, 24, false, 2_000, 1_000, 500_000, 8, 512L << 20, 20, 42, 2);
    }

    /** One 20-layer image of 50k files and about 1 GiB (4 × 224 MiB sparse), with one container on it. */
    public static SynthSpec content(Flavor flavor) {
        return new SynthSpec(flavor, 20, 20, true, 1, 1, 50_000, 4, 224L << 20, 5, 7, 2);
    }

    /**
     * @param name a preset name: small, large, content
     * @return the preset
     */
    public static SynthSpec preset(String name, Flavor flavor) {
        return switch (name) {
            case "small" -> small(flavor);
            case "large" -> large(flavor);
            case "content" -> content(flavor);
            default -> throw new IllegalArgumentException("unknown preset " + name + " (small, large, content)");
        };
    }

    /**
     * Applies {@code key=value} overrides (images, depth, linear, containers, volumes, files, large,
     * largeMiB, log, seed, threads).
     *
     * @param overrides the overrides
     * @return the changed spec
     */
    public SynthSpec with(Map<String, String> overrides) {
        Map<String, String> o = new LinkedHashMap<>(overrides);
        SynthSpec s = new SynthSpec(flavor, num(o, "images", images), num(o, "depth", maxDepth),
                Boolean.parseBoolean(o.getOrDefault("linear", Boolean.toString(linear))),
                num(o, "containers", containers), num(o, "volumes", volumes), num(o, "files", files),
                num(o, "large", largeFiles), num(o, "largeMiB", largeSize >> 20) << 20, num(o, "log", containerLog),
                num(o, "seed", seed), num(o, "threads", threads),
                Boolean.parseBoolean(o.getOrDefault("dense", Boolean.toString(dense))));
        o.keySet().removeAll(java.util.List.of("images", "depth", "linear", "containers", "volumes", "files",
                "large", "largeMiB", "log", "seed", "threads", "dense"));
        if (!o.isEmpty()) {
            throw new IllegalArgumentException("unknown keys " + o.keySet());
        }
        return s;
    }

    private static int num(Map<String, String> o, String key, int fallback) {
        return o.containsKey(key) ? Integer.parseInt(o.get(key)) : fallback;
    }

    private static long num(Map<String, String> o, String key, long fallback) {
        return o.containsKey(key) ? Long.parseLong(o.get(key)) : fallback;
    }

    /** @return a one-line description for logs and result tables */
    public String describe() {
        return String.format(Locale.ROOT, "%s images=%d depth=%d%s containers=%d volumes=%d files=%d large=%dx%dMiB%s",
                flavor.name().toLowerCase(Locale.ROOT), images, maxDepth, linear ? " linear" : "", containers, volumes,
                files, largeFiles, largeSize >> 20, dense ? " dense" : "");
    }
}
