package io.github.drydock.union;

import java.nio.file.Path;

/**
 * One layer's copy of a merged folder: the folder {@code folder} of layer {@code layer}.
 *
 * @param layer  the layer
 * @param folder the folder on disk
 */
record Contribution(ViewLayer layer, Path folder) {
}
