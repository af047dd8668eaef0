package io.github.drydock.driver;

import io.github.drydock.model.FileNames;
import io.github.drydock.model.Problem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads ONE folder of ONE layer, as the driver stored it: every name with its facts and its role
 * (entry, whiteout, opaque marker, bookkeeping), and whether the folder is opaque. Nothing is merged here.
 */
public final class LayerDirectory {
    /**
     * Orders names by Unicode code point, which is the byte order of their UTF-8 form: the order Go's
     * {@code filepath.Walk} (and so {@code docker export}) uses. {@link String#compareTo} would differ
     * for characters outside the Basic Multilingual Plane.
     */
    public static final Comparator<String> NAME_ORDER = LayerDirectory::compareCodePoints;

    private LayerDirectory() {
    }

    /**
     * One name of a layer folder.
     *
     * @param name the file name
     * @param path the node on disk
     * @param node its facts
     * @param role what it stands for in this layer's encoding
     */
    public record LayerNode(String name, Path path, Node node, NodeRole role) {
        /** Validates that every part is present. */
        public LayerNode {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * The content of one layer folder.
     *
     * @param opaque   true when the folder hides the same folder of the layers below
     * @param nodes    every name, sorted by {@link #NAME_ORDER}, bookkeeping included (callers skip it)
     * @param problems names that could not be read, and an opaque flag that could not be read
     */
    public record Listing(boolean opaque, List<LayerNode> nodes, List<Problem> problems) {
        /** Copies lists defensively. */
        public Listing {
            nodes = List.copyOf(nodes);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Lists a layer folder.
     *
     * @param layerRoot the layer's root folder
     * @param folder    the folder to list, {@code layerRoot} or below; must be a real folder (not a symlink)
     * @param encoding  the layer's whiteout encoding
     * @param inspector the file-fact seam
     * @return the listing
     * @throws IOException when the folder itself cannot be listed
     */
    public static Listing list(Path layerRoot, Path folder, WhiteoutEncoding encoding, NodeInspector inspector)
            throws IOException {
        List<LayerNode> nodes = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                String name = FileNames.name(child);
                try {
                    Node node = inspector.stat(child);
                    nodes.add(new LayerNode(name, child, node, encoding.classify(name, node)));
                } catch (IOException | RuntimeException e) {
                    problems.add(new Problem(child.toString(), "cannot read " + child + ": " + e.getMessage()
                            + " — it is left out of the view"));
                }
            }
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause();
        }
        nodes.sort(Comparator.comparing(LayerNode::name, NAME_ORDER));
        boolean opaque = false;
        if (encoding == WhiteoutEncoding.AUFS) {
            opaque = nodes.stream().anyMatch(n -> n.role() == NodeRole.OPAQUE_MARKER);
        } else if (encoding.opaqueByAttribute()) {
            try {
                opaque = WhiteoutEncoding.opaqueAttribute(inspector.xattrs(layerRoot, folder));
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(folder.toString(), "cannot read " + WhiteoutEncoding.TRUSTED_OPAQUE
                        + " of " + folder + ": " + e.getMessage()
                        + " — if it is opaque, lower layers' entries are shown although deleted"));
            }
        }
        return new Listing(opaque, nodes, problems);
    }

    private static int compareCodePoints(String a, String b) {
        // one pass over the common prefix: where the first differing chars are both outside the surrogate
        // range, UTF-16 order is code point order (and byte order), whatever came before
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (!Character.isSurrogate(ca) && !Character.isSurrogate(cb)) {
                    return Character.compare(ca, cb);
                }
                return compareSlowly(a, b);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Names with a pair of surrogates or an escaped byte at the first difference. */
    private static int compareSlowly(String a, String b) {
        if (FileNames.hasRawBytes(a) || FileNames.hasRawBytes(b)) {
            return FileNames.compareBytes(a, b); // escaped bytes sort as the bytes they stand for
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
