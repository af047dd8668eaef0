package io.github.drydock;

import io.github.drydock.archive.Digests;
import io.github.drydock.archive.SaveReference;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the image arguments of {@code save} as {@code docker save} does (moby {@code image/tarexport/save.go}
 * {@code parseNames}): a full id or an id prefix saves the image with no tag; {@code repo:tag} saves it
 * with that tag; a repository name alone saves every tagged image of that repository with all its tags of
 * that repository; a digest reference saves the image with no tag.
 */
final class RepackReferences {
    private RepackReferences() {
    }

    /**
     * One image to save and the tags to record for it.
     *
     * @param reference what the user typed
     * @param image     the image
     * @param tags      the {@code repo:tag} references to record (empty when saved by id)
     */
    record Selection(String reference, Image image, List<String> tags) {
        Selection {
            tags = List.copyOf(tags);
        }
    }

    /**
     * @param root       the opened root
     * @param references what the user typed, in order
     * @return the selections, in argument order (a repository name may give several)
     * @throws DockerStorageException when a reference names no image or an ambiguous prefix
     */
    static List<Selection> resolve(DockerRoot root, List<String> references) throws DockerStorageException {
        if (references.isEmpty()) {
            throw new DockerStorageException("nothing to save: no image given", null);
        }
        List<Selection> out = new ArrayList<>();
        for (String reference : references) {
            out.addAll(resolve(root, reference));
        }
        return out;
    }

    private static List<Selection> resolve(DockerRoot root, String reference) throws DockerStorageException {
        String text = reference.trim();
        if (Digests.isDigest(text) || text.contains("@")) {
            return List.of(new Selection(reference, find(root, text), List.of()));
        }
        Optional<SaveReference> parsed = parse(text);
        boolean nameOnly = text.lastIndexOf(':') <= text.lastIndexOf('/');
        if (parsed.isPresent() && nameOnly) {
            List<Selection> byName = byRepository(root, reference, parsed.get().familiarName());
            return byName.isEmpty() ? List.of(new Selection(reference, find(root, text), List.of())) : byName;
        }
        Image image = find(root, text);
        boolean tagged = parsed.isPresent() && image.repoTags().stream()
                .anyMatch(t -> parse(t).map(r -> r.equals(parsed.get())).orElse(false));
        return List.of(new Selection(reference, image, tagged ? List.of(parsed.get().familiarString()) : List.of()));
    }

    /** Every image with a tag in the repository, with those tags ({@code ReferencesByName}). */
    private static List<Selection> byRepository(DockerRoot root, String reference, String familiarName) {
        List<Selection> out = new ArrayList<>();
        for (Image image : root.images()) {
            List<String> tags = new ArrayList<>();
            for (String tag : image.repoTags()) {
                parse(tag).filter(r -> r.familiarName().equals(familiarName)).ifPresent(r -> tags.add(r.familiarString()));
            }
            if (!tags.isEmpty()) {
                out.add(new Selection(reference, image, tags));
            }
        }
        return out;
    }

    private static Image find(DockerRoot root, String reference) throws DockerStorageException {
        return root.image(reference).orElseThrow(() -> new DockerStorageException("no such image: " + reference, null));
    }

    private static Optional<SaveReference> parse(String reference) {
        try {
            return Optional.of(SaveReference.parse(reference));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
