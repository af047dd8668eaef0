package io.github.drydock;

import io.github.drydock.archive.Digests;
import io.github.drydock.archive.LayerTarReport;
import io.github.drydock.archive.LegacyConfigBuilder;
import io.github.drydock.archive.TarSplitAssembler;
import io.github.drydock.archive.Verify;
import io.github.drydock.archive.VerifyLayer;
import io.github.drydock.archive.VerifyReport;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Generation;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks images against what Docker recorded, sharing layer rebuilds between images. Modern images go
 * through {@link Verify} (config digest, chain ids, tar-split rebuilds). Legacy images have no content
 * address: each layer with a {@code tar-data.json.gz} is rebuilt and compared with its recorded CRC-64s
 * (and with {@code .migration-diffid} when the 1.10 migration left one); a layer without tar-split cannot be
 * checked and says so ({@link RepackLayerCheck.Status#UNVERIFIABLE}), which is not a failure.
 */
final class RepackVerifier {
    /** Why a layer without tar-split is not checked. */
    static final String NO_TAR_SPLIT = "no tar-split: cannot verify (Docker kept none for this layer; legacy"
            + " layers before Docker 1.8 have none)";

    private final DockerRoot root;
    private final Map<String, LayerTarReport> rebuilt = new HashMap<>();
    private final Map<String, RepackLayerCheck> legacyLayers = new HashMap<>();

    RepackVerifier(DockerRoot root) {
        this.root = root;
    }

    RepackCheck check(Image image) {
        return root.generation() == Generation.LEGACY ? legacy(image) : modern(image);
    }

    private RepackCheck modern(Image image) {
        if (image.source() == null) {
            return new RepackCheck(image.id(), image.repoTags(), false, null, List.of(), List.of("no config file"));
        }
        VerifyReport report;
        try {
            report = Verify.imageFile(image.source(), image.layers(), rebuilt);
        } catch (DockerStorageException e) {
            return new RepackCheck(image.id(), image.repoTags(), false, null, List.of(), List.of(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (!report.imageId().equals(report.computedImageId())) {
            problems.add("config digest sha256:" + report.computedImageId() + " ≠ image id sha256:" + report.imageId()
                    + ": the config was changed");
        }
        problems.addAll(report.problems());
        List<RepackLayerCheck> layers = new ArrayList<>();
        for (VerifyLayer checked : report.layers()) {
            layers.add(modernLayer(checked, image.layers().get(checked.index())));
        }
        return new RepackCheck(image.id(), image.repoTags(), false, report.computedImageId(), layers, problems);
    }

    private static RepackLayerCheck modernLayer(VerifyLayer checked, Layer layer) {
        LayerTarReport rebuild = checked.rebuild();
        List<String> problems = new ArrayList<>();
        if (!checked.problem().isEmpty()) {
            problems.add(checked.problem());
        }
        if (checked.computedChainId() != null && !checked.chainIdMatches()) {
            problems.add("chain id sha256:" + checked.computedChainId() + " computed from the config ≠ layer id "
                    + checked.layerId());
        }
        if (rebuild != null && !rebuild.digestMatches()) {
            problems.add("layer digest sha256:" + rebuild.computedDiffId() + " ≠ diff id sha256:"
                    + rebuild.expectedDiffId());
        }
        RepackLayerCheck.Status status;
        if (checked.ok()) {
            status = RepackLayerCheck.Status.OK;
        } else if (rebuild == null && checked.chainIdMatches() && cannotRebuild(layer)) {
            status = RepackLayerCheck.Status.UNVERIFIABLE;
        } else {
            status = RepackLayerCheck.Status.FAILED;
        }
        return new RepackLayerCheck(checked.index(), checked.layerId(), checked.diffId(), status,
                rebuild == null ? null : rebuild.computedDiffId(), checked.computedChainId(),
                rebuild == null ? -1 : rebuild.size(), rebuild == null ? List.of() : rebuild.mismatches(),
                String.join("; ", problems));
    }

    private static boolean cannotRebuild(Layer layer) {
        return layer.tarSplit() == null || layer.path() == null || layer.kind() == LayerKind.UNREADABLE;
    }

    private RepackCheck legacy(Image image) {
        List<RepackLayerCheck> layers = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
            Layer layer = image.layers().get(i);
            RepackLayerCheck known = legacyLayers.computeIfAbsent(layer.id(), id -> legacyLayer(layer));
            layers.add(new RepackLayerCheck(i, known.id(), known.diffId(), known.status(), known.computedDiffId(), null,
                    known.size(), known.mismatches(), known.problem()));
        }
        List<String> problems = new ArrayList<>();
        String migrated = migrationId(image, layers, problems);
        return new RepackCheck(image.id(), image.repoTags(), true, migrated, layers, problems);
    }

    private static RepackLayerCheck legacyLayer(Layer layer) {
        String recorded = layer.diffId() != null && Digests.isDigest(layer.diffId()) ? Digests.hex(layer.diffId()) : null;
        if (layer.tarSplit() == null) {
            return unverifiable(layer, recorded, NO_TAR_SPLIT);
        }
        if (layer.path() == null || layer.kind() == LayerKind.UNREADABLE) {
            return unverifiable(layer, recorded, "no readable layer folder (" + layer.driver() + "): cannot verify");
        }
        try {
            LayerTarReport report = TarSplitAssembler.verify(layer.tarSplit(), layer.path(), recorded);
            String problem = report.digestMatches() ? "" : "layer digest sha256:" + report.computedDiffId()
                    + " ≠ recorded diff id sha256:" + recorded + " (.migration-diffid)";
            return new RepackLayerCheck(0, layer.id(), recorded, report.ok() ? RepackLayerCheck.Status.OK
                    : RepackLayerCheck.Status.FAILED, report.computedDiffId(), null, report.size(), report.mismatches(),
                    problem);
        } catch (DockerStorageException e) {
            return new RepackLayerCheck(0, layer.id(), recorded, RepackLayerCheck.Status.FAILED, null, null, -1,
                    List.of(), e.getMessage());
        }
    }

    private static RepackLayerCheck unverifiable(Layer layer, String recorded, String why) {
        return new RepackLayerCheck(0, layer.id(), recorded, RepackLayerCheck.Status.UNVERIFIABLE, null, null, -1,
                List.of(), why);
    }

    /** The id Docker 1.10's migration would give, when every layer's diff id is known; else null. */
    private String migrationId(Image image, List<RepackLayerCheck> layers, List<String> problems) {
        List<LegacyConfigBuilder.Step> steps = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            RepackLayerCheck layer = layers.get(i);
            String diffId = layer.status() == RepackLayerCheck.Status.OK ? layer.computedDiffId() : layer.diffId();
            try {
                Image own = root.image(layer.id()).filter(found -> found.id().equals(layer.id())).orElse(null);
                if (diffId == null || own == null || own.source() == null) {
                    return null;
                }
                Path json = own.source();
                steps.add(new LegacyConfigBuilder.Step(RepackFiles.read(json, LegacyConfigBuilder.MAX_JSON_BYTES,
                        "legacy image JSON"), diffId, json));
            } catch (DockerStorageException e) {
                problems.add(e.getMessage());
                return null;
            }
        }
        try {
            return steps.isEmpty() ? null : LegacyConfigBuilder.build(steps).imageId();
        } catch (DockerStorageException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
