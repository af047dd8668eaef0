package io.github.drydock.cli;

import io.github.drydock.RepackCheck;
import io.github.drydock.RepackImage;
import io.github.drydock.RepackLayer;
import io.github.drydock.RepackLayerCheck;
import io.github.drydock.RepackResult;
import io.github.drydock.archive.LayerTarMismatch;
import io.github.drydock.model.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code save}, {@code commit} and {@code verify} print: pure functions of their results. The JSON
 * documents are records whose component names are the keys.
 */
final class RepackViews {
    private RepackViews() {
    }

    /**
     * The {@code --json} document of {@code save} and {@code commit}.
     *
     * @param output   the file, folder ({@code path/}) or {@code -}
     * @param format   {@code docker} or {@code oci}
     * @param bytes    bytes written
     * @param exact    true when every image kept its id and every layer is Docker's original tar
     * @param items    the images written
     * @param warnings what was not exact, one sentence each
     * @param problems files left out or padded, unreadable folders
     */
    record SaveDocument(String output, String format, long bytes, boolean exact, List<ImageView> items,
                        List<String> warnings, List<Problem> problems) {
    }

    /**
     * One image of an archive.
     *
     * @param reference       what was asked for
     * @param sourceId        its id in the root (legacy v1 id; container id for a commit)
     * @param legacy          config built from legacy v1 JSON
     * @param committed       the image a commit made
     * @param originalImageId the id it stands for, or null when unknown
     * @param writtenImageId  the id in the archive
     * @param imageIdChanged  true when they differ
     * @param repoTags        the tags written
     * @param layers          its layers, base first
     */
    record ImageView(String reference, String sourceId, boolean legacy, boolean committed, String originalImageId,
                     String writtenImageId,
                     boolean imageIdChanged, List<String> repoTags, List<LayerView> layers) {
    }

    /**
     * One layer of an archive.
     *
     * @param id             chain id, legacy id or (commit) mount id
     * @param originalDiffId the recorded diff id, or null when unknown
     * @param writtenDiffId  the digest of the tar written
     * @param size           its size
     * @param exact          Docker's original tar, rebuilt from tar-split
     * @param added          the layer a commit adds
     * @param reason         why not exact, else empty
     * @param mismatches     the files that differ
     */
    record LayerView(String id, String originalDiffId, String writtenDiffId, long size, boolean exact, boolean added,
                     String reason, List<MismatchView> mismatches) {
    }

    /**
     * A file that differs from what Docker recorded.
     *
     * @param kind   CHANGED, MISSING, NOT_REGULAR or UNREADABLE
     * @param path   the member name in the layer
     * @param detail what differs
     */
    record MismatchView(String kind, String path, String detail) {
    }

    /**
     * The {@code --json} document of {@code verify}.
     *
     * @param items    one check per image
     * @param problems the root's problems about those images
     */
    record VerifyDocument(List<CheckView> items, List<Problem> problems) {
    }

    /**
     * One image's check.
     *
     * @param imageId         its id (legacy v1 id)
     * @param repoTags        its tags
     * @param legacy          a legacy image
     * @param ok              nothing failed
     * @param verified        every layer rebuilt and matched
     * @param computedImageId the config's digest (modern) or the 1.10 migration's id (legacy), or null
     * @param layers          its layers, base first
     * @param problems        image-level failures
     */
    record CheckView(String imageId, List<String> repoTags, boolean legacy, boolean ok, boolean verified,
                     String computedImageId, List<LayerCheckView> layers, List<String> problems) {
    }

    /**
     * One layer's check.
     *
     * @param index           0 = base
     * @param id              chain id or legacy id
     * @param diffId          the recorded diff id, or null
     * @param ok              rebuilt and matched
     * @param status          OK, FAILED or UNVERIFIABLE
     * @param computedDiffId  the digest of the rebuilt tar, or null
     * @param computedChainId the computed chain id (modern), or null
     * @param mismatches      the files that differ
     * @param problem         what else failed, or why it cannot be checked
     */
    record LayerCheckView(int index, String id, String diffId, boolean ok, String status, String computedDiffId,
                          String computedChainId, List<MismatchView> mismatches, String problem) {
    }

    static SaveDocument saveDocument(RepackResult result, List<Problem> problems) {
        List<ImageView> images = new ArrayList<>();
        for (RepackImage image : result.images()) {
            List<LayerView> layers = image.layers().stream().map(l -> new LayerView(l.id(), l.originalDiffId(),
                    l.writtenDiffId(), l.size(), l.exact(), l.added(), l.reason(), mismatches(l.mismatches()))).toList();
            images.add(new ImageView(image.reference(), image.sourceId(), image.legacy(), image.committed(),
                    image.originalImageId(),
                    image.writtenImageId(), image.imageIdChanged(), image.repoTags(), layers));
        }
        return new SaveDocument(result.output(), result.format().name().toLowerCase(Locale.ROOT), result.bytes(),
                result.exact(), images, result.warnings(), problems);
    }

    /** Human summary lines (for stderr): one per image, then the warnings. */
    static List<String> saveSummary(RepackResult result) {
        List<String> lines = new ArrayList<>();
        for (RepackImage image : result.images()) {
            long exact = image.layers().stream().filter(RepackLayer::exact).count();
            String tags = image.repoTags().isEmpty() ? "(no tag)" : String.join(" ", image.repoTags());
            String how = image.committed() ? "committed" : image.imageIdChanged() ? "image id changed" : "image id kept";
            lines.add("wrote " + image.reference() + " as sha256:" + image.writtenImageId() + " " + tags + " ("
                    + image.layers().size() + " layers, " + exact + " exact, " + how + ") to " + result.output());
        }
        result.warnings().forEach(w -> lines.add("warning: " + w));
        return lines;
    }

    static VerifyDocument verifyDocument(List<RepackCheck> checks, List<Problem> problems) {
        List<CheckView> items = new ArrayList<>();
        for (RepackCheck check : checks) {
            List<LayerCheckView> layers = check.layers().stream().map(l -> new LayerCheckView(l.index(), l.id(),
                    l.diffId(), l.status() == RepackLayerCheck.Status.OK, l.status().name(), l.computedDiffId(),
                    l.computedChainId(), mismatches(l.mismatches()), l.problem())).toList();
            items.add(new CheckView(check.imageId(), check.repoTags(), check.legacy(), check.ok(), check.verified(),
                    check.computedImageId(), layers, check.problems()));
        }
        return new VerifyDocument(items, problems);
    }

    /**
     * The verify table, then one line per failed file, layer and image; layers that cannot be checked are
     * counted in one closing note (the JSON document lists them).
     */
    static String verifyText(List<RepackCheck> checks, boolean noTrunc) {
        Table table = new Table("IMAGE ID", "TAG", "RESULT", "LAYERS VERIFIED");
        List<String> details = new ArrayList<>();
        Set<String> unverifiable = new TreeSet<>();
        for (RepackCheck check : checks) {
            String id = noTrunc ? check.imageId() : Text.shortId(check.imageId());
            long verified = check.layers().stream().filter(l -> l.status() == RepackLayerCheck.Status.OK).count();
            table.row(id, check.repoTags().isEmpty() ? "<none>" : String.join(",", check.repoTags()), result(check),
                    verified + "/" + check.layers().size());
            check.problems().forEach(p -> details.add(id + ": " + p));
            for (RepackLayerCheck layer : check.layers()) {
                if (layer.status() == RepackLayerCheck.Status.UNVERIFIABLE) {
                    unverifiable.add(layer.id());
                    continue;
                }
                String where = id + ": layer " + layer.index() + " " + Text.shortId(layer.id()) + ": ";
                layer.mismatches().forEach(m -> details.add(where + m.message()));
                if (!layer.problem().isEmpty()) {
                    details.add(where + layer.problem());
                }
            }
        }
        StringBuilder out = new StringBuilder(table.render());
        details.stream().distinct().forEach(d -> out.append(Text.printable(d)).append('\n'));
        if (!unverifiable.isEmpty()) {
            out.append("note: ").append(unverifiable.size()).append(" layer(s) cannot be verified: Docker kept no"
                    + " tar-split for them (or their folder is unreadable); --json lists them\n");
        }
        return out.toString();
    }

    private static String result(RepackCheck check) {
        if (!check.ok()) {
            return "FAILED";
        }
        return check.verified() ? "ok" : "unverifiable";
    }

    private static List<MismatchView> mismatches(List<LayerTarMismatch> mismatches) {
        return mismatches.stream().map(m -> new MismatchView(m.kind().name(), m.path(), m.detail())).toList();
    }
}
