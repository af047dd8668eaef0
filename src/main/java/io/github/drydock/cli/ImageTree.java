package io.github.drydock.cli;

import io.github.drydock.model.Image;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Draws the image parent graph as Docker 1.x's {@code docker images --tree} did:
 * {@code └─511136ea3c5a Virtual Size: 0 B}, children indented under their parent with
 * {@code ├─ └─ │} prefixes, roots and children sorted by id.
 *
 * <p>Iterative with an explicit stack and an incrementally grown prefix, so a 10,000-deep (hostile)
 * chain neither overflows the call stack nor keeps 10,000 prefix strings alive. Images whose parent is
 * missing, and images caught in a parent cycle, are drawn as extra roots (Docker dropped them).
 */
public final class ImageTree {
    private static final String BRANCH = "\u251c\u2500";
    private static final String LAST = "\u2514\u2500";
    private static final String PIPE = "\u2502 ";
    private static final String SPACE = "  ";

    private ImageTree() {
    }

    /** One sibling list being walked. */
    private static final class Frame {
        final List<Image> nodes;
        int next;

        Frame(List<Image> nodes) {
            this.nodes = nodes;
        }
    }

    /**
     * Draws the forest, one line at a time.
     *
     * @param images  every image
     * @param noTrunc true for full 64-hex ids
     * @param lines   receives each line, without its newline
     */
    public static void draw(List<Image> images, boolean noTrunc, Consumer<String> lines) {
        Map<String, Image> byId = new HashMap<>();
        images.forEach(i -> byId.putIfAbsent(i.id(), i));
        Map<String, List<Image>> children = new HashMap<>();
        for (Image image : byId.values()) {
            if (image.parentId() != null && byId.containsKey(image.parentId())) {
                children.computeIfAbsent(image.parentId(), k -> new ArrayList<>()).add(image);
            }
        }
        children.values().forEach(list -> list.sort(Comparator.comparing(Image::id)));
        List<Image> roots = roots(byId, children);
        Set<String> drawn = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        StringBuilder prefix = new StringBuilder();
        stack.push(new Frame(roots));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.next >= frame.nodes.size()) {
                stack.pop();
                if (!stack.isEmpty()) {
                    prefix.setLength(prefix.length() - SPACE.length());
                }
                continue;
            }
            Image node = frame.nodes.get(frame.next++);
            boolean last = frame.next == frame.nodes.size();
            drawn.add(node.id());
            lines.accept(prefix + (last ? LAST : BRANCH) + label(node, byId, noTrunc, stack.size() == 1));
            List<Image> below = children.getOrDefault(node.id(), List.of()).stream()
                    .filter(c -> !drawn.contains(c.id())).toList();
            if (!below.isEmpty()) {
                prefix.append(last ? SPACE : PIPE);
                stack.push(new Frame(below));
            }
        }
    }

    /**
     * Images with no parent or a missing parent, plus one image per parent cycle (the smallest id
     * not reachable otherwise), sorted by id.
     */
    private static List<Image> roots(Map<String, Image> byId, Map<String, List<Image>> children) {
        List<Image> roots = new ArrayList<>();
        for (Image image : byId.values()) {
            if (image.parentId() == null || !byId.containsKey(image.parentId())) {
                roots.add(image);
            }
        }
        Set<String> reached = new HashSet<>();
        roots.forEach(r -> reach(r, children, reached));
        List<Image> rest = byId.values().stream().filter(i -> !reached.contains(i.id()))
                .sorted(Comparator.comparing(Image::id)).toList();
        for (Image image : rest) {
            if (!reached.contains(image.id())) {
                roots.add(image);
                reach(image, children, reached);
            }
        }
        roots.sort(Comparator.comparing(Image::id));
        return roots;
    }

    private static void reach(Image start, Map<String, List<Image>> children, Set<String> reached) {
        Deque<Image> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            Image image = todo.pop();
            if (reached.add(image.id())) {
                children.getOrDefault(image.id(), List.of()).forEach(todo::push);
            }
        }
    }

    private static String label(Image image, Map<String, Image> byId, boolean noTrunc, boolean root) {
        StringBuilder line = new StringBuilder()
                .append(noTrunc ? image.id() : image.shortId())
                .append(" Virtual Size: ").append(HumanSize.format(image.virtualSize()));
        if (!image.repoTags().isEmpty()) {
            line.append(" Tags: ").append(String.join(", ", image.repoTags()));
        }
        // A root that has a parent id was cut loose: say why, since Docker would have hidden it.
        if (root && image.parentId() != null) {
            line.append(byId.containsKey(image.parentId())
                    ? " (parent cycle)"
                    : " (parent " + Text.shortId(image.parentId()) + " missing)");
        }
        return Text.printable(line.toString());
    }
}
