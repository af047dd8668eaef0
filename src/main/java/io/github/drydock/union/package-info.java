/**
 * A merged, read-only view of an image's or container's layers with whiteouts applied, built in pure
 * Java without mounting anything; it also lists what upper layers hid or deleted.
 */
package io.github.drydock.union;
