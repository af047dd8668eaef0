package io.github.drydock.layout;

import io.github.drydock.driver.ModernAufsPaths;
import io.github.drydock.driver.ModernDriverPaths;
import io.github.drydock.driver.ModernOverlay2Paths;
import io.github.drydock.driver.ModernOverlayPaths;
import io.github.drydock.model.DockerStorageException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks that a driver's own record of a layer's ancestry agrees with layerdb: overlay2's
 * {@code link} and {@code lower} files (every {@code l/<short>} symlink resolved inside the root only,
 * once), aufs's {@code layers/<id>}, overlay's {@code lower-id}. Disagreement means the union a
 * daemon would mount differs from the image layerdb describes: each is a problem, nothing is fixed.
 * Thread-safe: layers are checked in parallel.
 */
final class ModernDriverCheck {
    private final ModernProblems problems;
    private final RootContext context;
    private final ModernDriverPaths paths;
    /** overlay2 short name → the id whose {@code diff} it names; empty when the link is bad (reported once). */
    private final Map<String, Optional<String>> shortLinks = new ConcurrentHashMap<>();
    /** Shared with the layer reader: a short link's target is the {@code diff} folder it already looked at. */
    private final FileKinds kinds;

    ModernDriverCheck(ModernProblems problems, RootContext context, ModernDriverPaths paths, FileKinds kinds) {
        this.problems = problems;
        this.context = context;
        this.paths = paths;
        this.kinds = kinds;
    }

    /**
     * Checks the folder of an image layer.
     *
     * @param cacheId   its cache id
     * @param what      the object, for messages ("layer 1a2b…")
     * @param ancestors the cache ids below it as layerdb says, nearest first; empty for a base layer
     */
    void checkImageLayer(String cacheId, String what, List<String> ancestors) {
        checkAncestry(cacheId, what, ancestors);
    }

    /**
     * Checks the folder of a container's read-write or init layer.
     *
     * @param id        its mount id or init id
     * @param what      the object, for messages ("container 3c4d… init layer")
     * @param ancestors the driver ids below it, nearest first (the init layer, then the image's layers)
     * @param imageTop  the cache id of the image's top layer, or null when the image has no layer
     */
    void checkContainerLayer(String id, String what, List<String> ancestors, String imageTop) {
        checkAncestry(id, what, ancestors);
        if (paths instanceof ModernOverlayPaths overlay && imageTop != null) {
            checkLowerId(overlay, id, what, imageTop);
        }
    }

    private void checkAncestry(String id, String what, List<String> ancestors) {
        if (paths instanceof ModernOverlay2Paths overlay2) {
            checkLink(overlay2, id, what);
            checkLower(overlay2, id, what, ancestors);
        } else if (paths instanceof ModernAufsPaths aufs) {
            checkAufsLayers(aufs, id, what, ancestors);
        }
    }

    private void checkLink(ModernOverlay2Paths overlay2, String id, String what) {
        Path file = overlay2.idDir(id).orElseThrow().resolve(ModernOverlay2Paths.LINK);
        Optional<String> name = text(file, what + ": " + overlay2.driver() + " link file", true);
        if (name.isEmpty()) {
            return;
        }
        if (overlay2.shortLink(name.get()).isEmpty()) {
            problems.problem(file, what + ": " + overlay2.driver() + " link '" + ModernLayerDb.abbreviate(name.get())
                    + "' is not a short name");
            return;
        }
        Optional<String> target = resolve(overlay2, name.get());
        if (target.isPresent() && !target.get().equals(id)) {
            problems.problem(file, what + ": " + overlay2.driver() + " link l/" + name.get() + " points at layer folder "
                    + target.get() + ", not at this one (" + id + ")");
        }
    }

    private void checkLower(ModernOverlay2Paths overlay2, String id, String what, List<String> ancestors) {
        Path file = overlay2.idDir(id).orElseThrow().resolve(ModernOverlay2Paths.LOWER);
        Optional<String> text = text(file, what + ": " + overlay2.driver() + " lower file", !ancestors.isEmpty());
        if (text.isEmpty()) {
            return;
        }
        List<String> names;
        try {
            names = ModernOverlay2Paths.parseLower(text.get(), file);
        } catch (DockerStorageException e) {
            problems.problem(file, what + ": broken " + overlay2.driver() + " lower file: " + e.getMessage());
            return;
        }
        List<Optional<String>> lower = new ArrayList<>();
        for (String name : names) {
            lower.add(resolve(overlay2, name));
        }
        compare(file, what, ModernOverlay2Paths.LOWER, names.stream().map(n -> ModernOverlay2Paths.LINK_DIR + "/" + n).toList(),
                lower, ancestors);
    }

    private void checkAufsLayers(ModernAufsPaths aufs, String id, String what, List<String> ancestors) {
        Path file = aufs.layersFile(id).orElseThrow();
        Optional<String> text = text(file, what + ": aufs layers file", true);
        if (text.isPresent()) {
            List<String> ids = ModernAufsPaths.parseLayers(text.get());
            compare(file, what, "aufs layers", ids, ids.stream().map(Optional::of).toList(), ancestors);
        }
    }

    /** overlay v1 stacks a container's {@code upper} (and its init's) directly on the image top's {@code root}. */
    private void checkLowerId(ModernOverlayPaths overlay, String id, String what, String imageTop) {
        Path file = overlay.lowerIdFile(id).orElseThrow();
        Optional<String> lowerId = text(file, what + ": overlay lower-id file", true);
        if (lowerId.isPresent() && !lowerId.get().equals(imageTop)) {
            problems.problem(file, what + ": overlay lower-id is " + ModernLayerDb.abbreviate(lowerId.get())
                    + " but the image's top layer is " + imageTop);
        }
    }

    /** Compares a driver's ancestry list with layerdb's; entries that could not be resolved are skipped. */
    private void compare(Path file, String what, String kind, List<String> entries, List<Optional<String>> found,
                         List<String> ancestors) {
        if (found.size() != ancestors.size()) {
            problems.problem(file, what + ": " + kind + " lists " + found.size() + " layers but the layerdb parent chain has "
                    + ancestors.size() + " — the driver would stack a different tree");
            return;
        }
        for (int i = 0; i < found.size(); i++) {
            if (found.get(i).isPresent() && !found.get(i).get().equals(ancestors.get(i))) {
                problems.problem(file, what + ": " + kind + " entry " + (i + 1) + " " + entries.get(i) + " is layer folder "
                        + found.get(i).get() + " but the layerdb parent chain has " + ancestors.get(i) + " there");
                return;
            }
        }
    }

    /** Resolves {@code l/<name>} once, inside the root only; a bad link is reported the first time. */
    private Optional<String> resolve(ModernOverlay2Paths overlay2, String name) {
        return shortLinks.computeIfAbsent(name, n -> resolveOnce(overlay2, n));
    }

    private Optional<String> resolveOnce(ModernOverlay2Paths overlay2, String name) {
        Path link = overlay2.shortLink(name).orElseThrow();
        Optional<Path> target = context.followInsideRoot(link, kinds::isSymbolicLink);
        if (target.isPresent() && target.get().equals(link)) {
            problems.problem(link, overlay2.driver() + " short link l/" + name + (kinds.of(link) != FileKinds.Kind.MISSING
                    ? " is not a symlink" : " is missing (a lower file names it)"));
            return Optional.empty();
        }
        if (target.isEmpty()) {
            problems.problem(link, overlay2.driver() + " short link l/" + name + " points outside the root ("
                    + linkText(link) + "): not followed");
            return Optional.empty();
        }
        Optional<String> id = overlay2.idOfDiffDir(target.get());
        if (id.isEmpty()) {
            problems.problem(link, overlay2.driver() + " short link l/" + name + " points at " + linkText(link)
                    + ", not at a layer's diff folder");
        } else if (!kinds.isDirectory(target.get())) {
            problems.problem(link, overlay2.driver() + " short link l/" + name + " is dangling: " + linkText(link) + " is gone");
        }
        return id;
    }

    private static String linkText(Path link) {
        try {
            return ModernLayerDb.abbreviate(Files.readSymbolicLink(link).toString());
        } catch (IOException | RuntimeException e) {
            return "unreadable target";
        }
    }

    private Optional<String> text(Path file, String what, boolean required) {
        try {
            return Optional.of(ModernEvidence.readText(file));
        } catch (NoSuchFileException e) {
            if (required) {
                problems.problem(file, what + " is missing");
            }
        } catch (IOException | RuntimeException e) {
            problems.problem(file, "cannot read " + what + ": " + ModernEvidence.reason(e));
        }
        return Optional.empty();
    }
}
