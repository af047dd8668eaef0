package io.github.drydock.union;

import io.github.drydock.model.FileEntry;

import java.util.List;

/**
 * A visible node of a merged folder.
 *
 * @param entry         what the view shows
 * @param contributors  for a folder: the layers' copies that merge into it, top first; else empty
 */
record MergedChild(FileEntry entry, List<Contribution> contributors) {
    MergedChild {
        contributors = List.copyOf(contributors);
    }
}
