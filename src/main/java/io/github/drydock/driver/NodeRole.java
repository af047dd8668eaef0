package io.github.drydock.driver;

/** What a name in one layer folder stands for, once the layer's whiteout encoding is applied. */
public enum NodeRole {
    /** A real file, folder, link or device of the layer. */
    ENTRY,
    /** A whiteout: deletes a name from the layers below. */
    WHITEOUT,
    /** The aufs/OCI marker that makes its folder opaque ({@code .wh..wh..opq}). */
    OPAQUE_MARKER,
    /** Driver bookkeeping ({@code .wh..wh.plnk}, {@code .wh..wh.aufs}, {@code .wh..wh.orph}, ...): never shown. */
    INTERNAL
}
