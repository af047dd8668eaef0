package io.github.drydock.layout;

import io.github.drydock.json.HistoryJson;
import io.github.drydock.json.ImageConfigV2Json;
import io.github.drydock.json.ImageRunConfigV2Json;
import io.github.drydock.layout.ModernImageDb.ImageEntry;
import io.github.drydock.layout.ModernReferences.Refs;
import io.github.drydock.model.ContainerConfig;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds each {@link Image} from its config, its references and layerdb: the chain ids are
 * recomputed from the config's diff ids (memoised: images share their lower chains) and every
 * one must exist in layerdb with the same diff id and parent; sizes and history follow
 * {@code docker images} and {@code docker history}.
 */
final class ModernImages {
    private final ModernProblems problems;
    private final String driver;
    private final LayerKind kind;
    private final Map<String, Layer> layers;
    /** {@code "<parent chain hex> <diff hex>"} → chain id hex. */
    private final Map<String, String> chains = new ConcurrentHashMap<>();
    /** Images repeat their bases' history steps, layer lists and run-time defaults: one instance of each. */
    private final Dedup dedup = new Dedup();

    ModernImages(ModernProblems problems, String driver, LayerKind kind, Map<String, Layer> layers) {
        this.problems = problems;
        this.driver = driver;
        this.kind = kind;
        this.layers = layers;
    }

    /**
     * What an image's config gives, digested on the thread that read it so that the parsed config is
     * garbage at once; its problems wait in {@code problems} for {@link #image} to pass them on in
     * image order.
     *
     * @param created       the config's creation time, or null
     * @param size          as {@code docker images}
     * @param architecture  the config's architecture
     * @param os            the config's os
     * @param author        the config's author
     * @param comment       as {@code docker inspect}
     * @param dockerVersion the config's docker_version
     * @param config        the run-time defaults
     * @param history       as {@code docker history}, base first
     * @param layers        the image's layers, base first
     * @param problems      what was wrong, in the order found
     */
    record Parts(Instant created, long size, String architecture, String os, String author, String comment,
                 String dockerVersion, ContainerConfig config, List<HistoryEntry> history, List<Layer> layers,
                 ModernProblems.Later problems) {
    }

    /**
     * Digests one parsed config; may run on several threads at once.
     *
     * @param id     the image id
     * @param source its content file
     * @param config the parsed config
     * @return what the image record needs from it
     */
    Parts parts(String id, Path source, ImageConfigV2Json config) {
        ModernProblems.Later later = new ModernProblems.Later();
        String what = "image " + ModernEvidence.shortId(id);
        List<Layer> imageLayers = layers(later, source, config, what);
        long size = size(imageLayers, config);
        Instant created = time(later, source, what + ": created", config.created());
        return new Parts(created, size, dedup.of(config.architecture()), dedup.of(config.os()),
                dedup.of(config.author()), dedup.of(comment(config)), dedup.of(config.dockerVersion()),
                runConfig(config.config(), dedup), history(later, id, source, config, imageLayers), imageLayers, later);
    }

    /**
     * @param entry    the image as stored
     * @param refs     its references
     * @param parentId its parent after {@link #parents} checked them, or null
     * @return the image; the problems its config had are passed on now
     */
    Image image(ImageEntry entry, Refs refs, String parentId) {
        Parts parts = entry.parts();
        if (parts == null) {
            return new Image(entry.id(), refs.tags(), refs.digests(), parentId, null, -1, -1, null, null,
                    null, null, null, null, List.of(), List.of(), driver, entry.source());
        }
        parts.problems().replayTo(problems);
        return new Image(entry.id(), refs.tags(), refs.digests(), parentId, parts.created(), parts.size(),
                parts.size(), parts.architecture(), parts.os(), parts.author(), parts.comment(), parts.dockerVersion(),
                parts.config(), parts.history(), parts.layers(), driver, entry.source());
    }

    /**
     * Checks the recorded parents: a parent missing from imagedb is reported and kept (it is what the
     * metadata says); a parent link that closes a loop is reported and dropped, so that whoever walks
     * parents terminates.
     *
     * @param problems where damage goes
     * @param entries  every image
     * @return image id → the parent to use; images without a parent are absent
     */
    static Map<String, String> parents(ModernProblems problems, List<ImageEntry> entries) {
        Map<String, ImageEntry> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.id(), e));
        Map<String, String> parents = new HashMap<>();
        for (ImageEntry entry : entries) {
            if (entry.parentId() == null) {
                continue;
            }
            parents.put(entry.id(), entry.parentId());
            if (!byId.containsKey(entry.parentId())) {
                problems.problem(entry.metadataDir().resolve(ModernFiles.PARENT), "image "
                        + ModernEvidence.shortId(entry.id()) + ": parent image "
                        + ModernEvidence.shortId(entry.parentId()) + " is not in imagedb");
            }
        }
        Map<String, Boolean> done = new HashMap<>();
        for (ImageEntry entry : entries) {
            List<String> path = new ArrayList<>();
            String at = entry.id();
            while (at != null && !done.containsKey(at)) {
                done.put(at, Boolean.FALSE);
                path.add(at);
                String parent = parents.get(at);
                if (parent != null && Boolean.FALSE.equals(done.get(parent))) {
                    problems.problem(byId.get(at).metadataDir().resolve(ModernFiles.PARENT), "image "
                            + ModernEvidence.shortId(at) + ": parent " + ModernEvidence.shortId(parent)
                            + " closes a loop of parents; this parent link is ignored");
                    parents.remove(at);
                    parent = null;
                }
                at = parent;
            }
            path.forEach(id -> done.put(id, Boolean.TRUE));
        }
        return parents;
    }

    /**
     * As {@code docker inspect}: the config's {@code comment}, or else the last history step's
     * ({@code docker commit -m} and {@code docker import -m} write it only there).
     */
    private static String comment(ImageConfigV2Json config) {
        if ((config.comment() == null || config.comment().isEmpty()) && !config.history().isEmpty()) {
            String last = config.history().get(config.history().size() - 1).comment();
            return last != null ? last : config.comment();
        }
        return config.comment();
    }

    /** The image's layers, base first; a missing one is a placeholder with no cache id and no path. */
    private List<Layer> layers(ModernProblems problems, Path source, ImageConfigV2Json config, String what) {
        List<String> diffIds = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
        List<Layer> result = new ArrayList<>(diffIds.size());
        String parent = null;
        for (int i = 0; i < diffIds.size(); i++) {
            String diff = ModernEvidence.sha256Hex(diffIds.get(i)).orElse(null);
            if (diff == null) {
                problems.problem(source, what + ": diff id " + (i + 1) + " '"
                        + ModernLayerDb.abbreviate(String.valueOf(diffIds.get(i)))
                        + "' is not sha256:<64 hex>; the layers above it cannot be found");
                break;
            }
            String chain = chainId(parent, diff);
            result.add(layer(problems, source, what + ": layer " + (i + 1), chain, diff, parent));
            parent = chain;
        }
        return dedup.of(List.copyOf(result));
    }

    private Layer layer(ModernProblems problems, Path source, String what, String chain, String diff, String parent) {
        Layer layer = layers.get(chain);
        if (layer == null) {
            problems.problem(source, what + " (diff id " + ModernEvidence.shortId(diff) + ") has no layerdb entry "
                    + ModernFiles.SHA256 + "/" + chain + " — deleted or never fully written");
            return new Layer(chain, diff, null, parent, driver, kind, null, -1, null);
        }
        if (!diff.equals(layer.diffId())) {
            problems.problem(source, what + ": layerdb " + ModernFiles.SHA256 + "/" + ModernEvidence.shortId(chain)
                    + " records diff id " + layer.diffId() + " but the image expects " + diff);
        } else if (!Objects.equals(parent, layer.parentId())) {
            problems.problem(source, what + ": layerdb " + ModernFiles.SHA256 + "/" + ModernEvidence.shortId(chain)
                    + " records parent " + layer.parentId() + " but the image's chain has " + parent);
        }
        return layer;
    }

    private String chainId(String parent, String diff) {
        return chains.computeIfAbsent(parent + " " + diff, k -> ModernEvidence.chainId(parent, diff));
    }

    /** As {@code docker images}: the sum of the layers' recorded sizes; -1 when one is unknown. */
    private static long size(List<Layer> imageLayers, ImageConfigV2Json config) {
        int expected = config.rootfs() == null ? 0 : config.rootfs().diffIds().size();
        long sum = 0;
        for (Layer layer : imageLayers) {
            if (layer.size() < 0) {
                return -1;
            }
            sum += layer.size();
        }
        return imageLayers.size() == expected ? sum : -1;
    }

    /** As {@code docker history}, base first: a step's size is its own layer's size, 0 for an empty step. */
    private List<HistoryEntry> history(ModernProblems problems, String id, Path source, ImageConfigV2Json config,
                                       List<Layer> imageLayers) {
        String what = "image " + ModernEvidence.shortId(id);
        List<HistoryEntry> history = new ArrayList<>();
        int layer = 0;
        boolean reported = false;
        for (HistoryJson step : config.history()) {
            long size = 0;
            if (!step.emptyLayer()) {
                size = layer < imageLayers.size() ? imageLayers.get(layer).size() : -1;
                if (layer >= imageLayers.size() && !reported) {
                    problems.problem(source, what + ": history has more non-empty steps than the "
                            + imageLayers.size() + " layers found");
                    reported = true;
                }
                layer++;
            }
            history.add(dedup.of(new HistoryEntry(null, time(problems, source, what + ": history created", step.created()),
                    step.createdBy(), step.comment(), step.author(), step.emptyLayer(), size)));
        }
        return List.copyOf(history);
    }

    private static Instant time(ModernProblems problems, Path source, String what, String text) {
        try {
            return ModernEvidence.time(text).orElse(null);
        } catch (DateTimeParseException e) {
            problems.problem(source, what + " '" + ModernLayerDb.abbreviate(text) + "' is not an RFC 3339 time");
            return null;
        }
    }

    /** Maps the config's run-time defaults; null entries (hostile or sloppy JSON) are dropped. */
    static ContainerConfig runConfig(ImageRunConfigV2Json c) {
        return runConfig(c, new Dedup());
    }

    /**
     * {@link #runConfig(ImageRunConfigV2Json)} with every list, map and the result shared through {@code dedup}.
     *
     * @param c     the config's {@code config} object, or null
     * @param dedup where equal values are shared
     * @return the defaults
     */
    static ContainerConfig runConfig(ImageRunConfigV2Json c, Dedup dedup) {
        if (c == null) {
            return ContainerConfig.EMPTY;
        }
        Map<String, String> labels = new TreeMap<>();
        if (c.labels() != null) {
            c.labels().forEach((k, v) -> {
                if (k != null && v != null) {
                    labels.put(k, v);
                }
            });
        }
        return dedup.of(new ContainerConfig(dedup.of(c.user()), dedup.of(noNulls(c.env())), dedup.of(noNulls(c.cmd())),
                dedup.of(noNulls(c.entrypoint())), dedup.of(c.workingDir()), dedup.of(keys(c.exposedPorts())),
                dedup.of(keys(c.volumes())), dedup.of(Map.copyOf(labels)), dedup.of(c.hostname())));
    }

    private static List<String> noNulls(List<String> list) {
        return list == null ? List.of() : List.copyOf(list.stream().filter(Objects::nonNull).toList());
    }

    private static List<String> keys(Map<String, ?> map) {
        return map == null ? List.of() : List.copyOf(map.keySet().stream().filter(Objects::nonNull).sorted().toList());
    }
}
