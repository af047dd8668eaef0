package io.github.drydock;

import io.github.drydock.archive.LayerTarMismatch;
import io.github.drydock.archive.SaveImageResult;
import io.github.drydock.archive.SaveLayerResult;
import io.github.drydock.archive.SaveResult;
import io.github.drydock.model.Layer;
import io.github.drydock.model.Problem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Joins what the archive writer reports with what drydock knew about each image and layer of the root. */
final class RepackResults {
    private RepackResults() {
    }

    /**
     * Where an archive image came from.
     *
     * @param reference what was asked for
     * @param sourceId  the id in the root: the image id, or the container id of a commit
     * @param prepared  the image of the root, prepared
     * @param commit    the commit plan when the image is a commit, else null
     */
    record Source(String reference, String sourceId, RepackSources.Prepared prepared, RepackCommit commit) {
    }

    /**
     * @param result   the writer's result
     * @param target   where it was written
     * @param byInput  the sources by the image id of the config handed to the writer
     * @param problems what the fallback tars met
     * @return the result to hand back
     */
    static RepackResult of(SaveResult result, RepackTarget target, Map<String, Source> byInput, List<Problem> problems) {
        List<RepackImage> images = new ArrayList<>();
        for (SaveImageResult written : result.images()) {
            Source source = byInput.get(written.originalImageId());
            images.add(image(written, source));
        }
        return new RepackResult(target.describe(), result.format(), result.bytes(), images,
                List.copyOf(new LinkedHashSet<>(problems)));
    }

    private static RepackImage image(SaveImageResult written, Source source) {
        RepackSources.Prepared prepared = source.prepared();
        List<Layer> rootLayers = prepared.image().layers();
        List<RepackLayer> layers = new ArrayList<>();
        for (int i = 0; i < written.layers().size(); i++) {
            SaveLayerResult layer = written.layers().get(i);
            if (i >= rootLayers.size()) {
                RepackCommit commit = source.commit();
                layers.add(new RepackLayer(commit.added().id(), commit.digest().hex(), layer.writtenDiffId(), layer.size(),
                        false, true, "", List.of()));
            } else {
                layers.add(layer(rootLayers.get(i), layer, prepared));
            }
        }
        boolean commit = source.commit() != null;
        String original = commit ? written.originalImageId() : prepared.originalImageId();
        return new RepackImage(source.reference(), source.sourceId(), prepared.legacy(), commit, original,
                written.writtenImageId(),
                written.repoTags(), layers);
    }

    private static RepackLayer layer(Layer rootLayer, SaveLayerResult written, RepackSources.Prepared prepared) {
        RepackSources.LayerState state = prepared.states().get(rootLayer.id());
        String original = prepared.legacy() && state != null ? state.originalDiffId() : written.originalDiffId();
        if (written.exact()) {
            return new RepackLayer(rootLayer.id(), original, written.writtenDiffId(), written.size(), true, false, "",
                    List.of());
        }
        String reason = state != null && !state.reason().isEmpty() ? state.reason()
                : written.mismatches().isEmpty() ? written.reason()
                : written.mismatches().size() + " file(s) differ from the tar-split";
        List<LayerTarMismatch> mismatches = !written.mismatches().isEmpty() || state == null ? written.mismatches()
                : state.mismatches();
        return new RepackLayer(rootLayer.id(), original, written.writtenDiffId(), written.size(), false, false, reason,
                mismatches);
    }
}
