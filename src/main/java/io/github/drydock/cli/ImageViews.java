package io.github.drydock.cli;

import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code images} and {@code history} as pure functions of model records. */
public final class ImageViews {
    /** What Docker prints for a missing repository, tag or history id. */
    public static final String NONE = "<none>";
    /** What Docker prints for a history step whose image is not known locally. */
    public static final String MISSING = "<missing>";
    /** {@code docker history} cuts CREATED BY at this many characters unless {@code --no-trunc}. */
    public static final int CREATED_BY_WIDTH = 45;
    /** Newest first, as {@code docker images}; unknown times last; then by id for a stable order. */
    static final Comparator<Image> NEWEST_FIRST = Comparator
            .comparing((Image i) -> i.created() == null ? Instant.MIN : i.created()).reversed()
            .thenComparing(Image::id);

    private ImageViews() {
    }

    /**
     * The images {@code docker images} shows: tagged images and dangling ones (untagged and no
     * image's parent); with {@code all}, intermediate images too. Sorted newest first.
     *
     * @param images every image
     * @param all    true to show intermediate images
     * @return the images to show
     */
    public static List<Image> visible(List<Image> images, boolean all) {
        Set<String> parents = new HashSet<>();
        for (Image image : images) {
            if (image.parentId() != null) {
                parents.add(image.parentId());
            }
        }
        return images.stream()
                .filter(i -> all || !i.repoTags().isEmpty() || !parents.contains(i.id()))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    /**
     * Renders the {@code images} table: one row per tag, {@code <none>} for untagged images.
     *
     * @param images  the images to show, in order (see {@link #visible(List, boolean)})
     * @param noTrunc true for full 64-hex ids
     * @return the table
     */
    public static String imagesTable(List<Image> images, boolean noTrunc) {
        Table table = new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "VIRTUAL SIZE");
        for (Image image : images) {
            String id = noTrunc ? image.id() : image.shortId();
            String created = Text.time(image.created());
            String size = HumanSize.format(image.virtualSize());
            if (image.repoTags().isEmpty()) {
                table.row(NONE, NONE, id, created, size);
            }
            for (String repoTag : image.repoTags()) {
                String[] parts = splitRepoTag(repoTag);
                table.row(parts[0], parts[1], id, created, size);
            }
        }
        return table.render();
    }

    /**
     * Renders {@code history}: newest step first, as Docker prints it.
     *
     * @param steps   the steps as {@link #historyAsDockerShowsIt(Image, Map)} returns them
     * @param noTrunc true for full ids and full commands
     * @return the table
     */
    public static String historyTable(List<HistoryEntry> steps, boolean noTrunc) {
        Table table = new Table("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        for (HistoryEntry step : steps) {
            String id = step.imageId() == null ? MISSING : noTrunc ? step.imageId() : Text.shortId(step.imageId());
            String createdBy = step.createdBy() == null ? "" : step.createdBy().replace('\t', ' ');
            if (!noTrunc) {
                createdBy = Text.truncate(Text.printable(createdBy), CREATED_BY_WIDTH);
            }
            String size = step.emptyLayer() && step.size() < 0 ? HumanSize.format(0) : HumanSize.format(step.size());
            table.row(id, Text.time(step.created()), createdBy, size, step.comment());
        }
        return table.render();
    }

    /**
     * The steps newest first, each labelled with the image id {@code docker history} shows. A step
     * that records its own (legacy) id keeps it. Otherwise Docker's rule applies
     * ({@code daemon/images/image_history.go}): the newest step gets the image's id, each older step
     * the id of the next image down the parent chain, and once a parent is not in the store every
     * older step is {@code <missing>} (id null).
     *
     * @param image  the image
     * @param byId   every image of the root by id, to walk the parent chain
     * @return the steps, newest first
     */
    public static List<HistoryEntry> historyAsDockerShowsIt(Image image, Map<String, Image> byId) {
        List<HistoryEntry> steps = new ArrayList<>(image.history());
        Collections.reverse(steps);
        String walk = image.id();
        for (int i = 0; i < steps.size(); i++) {
            HistoryEntry step = steps.get(i);
            if (step.imageId() == null && walk != null) {
                steps.set(i, new HistoryEntry(walk, step.created(), step.createdBy(), step.comment(), step.author(),
                        step.emptyLayer(), step.size()));
            }
            Image current = walk == null ? null : byId.get(walk);
            walk = current == null || current.parentId() == null || !byId.containsKey(current.parentId())
                    ? null : current.parentId();
        }
        return steps;
    }

    /**
     * Splits {@code repo:tag}; a colon before the last slash is a registry port, not a tag.
     *
     * @param repoTag e.g. {@code localhost:5000/wiki:1.0}
     * @return {@code [repository, tag]}; tag {@code <none>} when absent
     */
    static String[] splitRepoTag(String repoTag) {
        int colon = repoTag.lastIndexOf(':');
        if (colon > repoTag.lastIndexOf('/')) {
            return new String[] {repoTag.substring(0, colon), repoTag.substring(colon + 1)};
        }
        return new String[] {repoTag, NONE};
    }
}
