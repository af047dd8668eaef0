package io.github.drydock.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import java.util.function.UnaryOperator;

/**
 * The parent chains of a legacy graph, computed once for all images without recursion: each image
 * is walked until a node already done, so the whole graph costs O(n) however deep the chains (real
 * roots hold chains of 100+; hostile ones 10k). Docker itself had no cycle check (its
 * {@code WalkHistory} loops forever); here a cycle is cut at the edge that closes it and a dangling
 * parent ends the chain, each with one problem.
 */
final class LegacyChains {
    private static final int NONE = -1;
    private static final byte UNSEEN = 0;
    private static final byte ON_PATH = 1;
    private static final byte DONE = 2;

    /** Receives one message about an image id. */
    interface ProblemSink {
        /**
         * @param id      the image whose metadata is wrong
         * @param message what is wrong
         */
        void problem(String id, String message);
    }

    private final List<String> ids;
    private final Map<String, Integer> index;
    private final int[] parent;
    private final int[] depth;
    private final long[] virtualSize;

    private LegacyChains(List<String> ids, Map<String, Integer> index, int[] parent, int[] depth, long[] virtualSize) {
        this.ids = ids;
        this.index = index;
        this.parent = parent;
        this.depth = depth;
        this.virtualSize = virtualSize;
    }

    /**
     * Computes every chain.
     *
     * @param ids      every image id, sorted (the order makes the cut of a cycle deterministic)
     * @param parentOf the recorded parent of an id, or null for a base
     * @param sizeOf   the own size of the layer at an index of {@code ids}, -1 when unknown
     * @param problems where dangling parents and cycles are reported
     * @return the chains
     */
    static LegacyChains compute(List<String> ids, UnaryOperator<String> parentOf, IntToLongFunction sizeOf,
                                ProblemSink problems) {
        Map<String, Integer> index = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        int n = ids.size();
        int[] parent = new int[n];
        int[] depth = new int[n];
        long[] virtualSize = new long[n];
        byte[] state = new byte[n];
        List<Integer> path = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (state[start] == DONE) {
                continue;
            }
            path.clear();
            int cut = walk(start, ids, index, parentOf, state, path, problems);
            for (int i = path.size() - 1; i >= 0; i--) {
                int node = path.get(i);
                String recorded = parentOf.apply(ids.get(node));
                Integer p = recorded == null || node == cut ? null : index.get(recorded);
                parent[node] = p == null ? NONE : p;
                long own = sizeOf.applyAsLong(node);
                long below = p == null ? 0 : virtualSize[p];
                virtualSize[node] = own < 0 || below < 0 ? -1 : own + below;
                depth[node] = p == null ? 1 : depth[p] + 1;
                state[node] = DONE;
            }
        }
        return new LegacyChains(ids, index, parent, depth, virtualSize);
    }

    /**
     * Follows parents from {@code start} until a base, a missing parent, a node already done, or a
     * node already on this path (a cycle). Collects the new nodes in {@code path}.
     *
     * @return the index of the node whose parent edge closes a cycle, or {@link #NONE}
     */
    private static int walk(int start, List<String> ids, Map<String, Integer> index, UnaryOperator<String> parentOf,
                            byte[] state, List<Integer> path, ProblemSink problems) {
        int current = start;
        while (true) {
            state[current] = ON_PATH;
            path.add(current);
            String recorded = parentOf.apply(ids.get(current));
            if (recorded == null) {
                return NONE;
            }
            Integer next = index.get(recorded);
            if (next == null) {
                problems.problem(ids.get(current), "image " + LegacySmallFiles.shortId(ids.get(current)) + ": parent "
                        + LegacyGraphReader.abbreviate(recorded) + " is missing from graph/; its chain stops here"
                        + " (virtual size counts only what exists)");
                return NONE;
            }
            if (state[next] == DONE) {
                return NONE;
            }
            if (state[next] == ON_PATH) {
                reportCycle(ids, path, next, current, problems);
                return current;
            }
            current = next;
        }
    }

    private static void reportCycle(List<String> ids, List<Integer> path, int entry, int closing, ProblemSink problems) {
        List<String> members = new ArrayList<>();
        for (int i = path.indexOf(entry); i < path.size(); i++) {
            members.add(LegacySmallFiles.shortId(ids.get(path.get(i))));
        }
        members.add(LegacySmallFiles.shortId(ids.get(entry)));
        String shown = members.size() > 12
                ? String.join(" -> ", members.subList(0, 6)) + " -> … (" + (members.size() - 1) + " images) -> "
                + members.get(members.size() - 1)
                : String.join(" -> ", members);
        problems.problem(ids.get(closing), "parent cycle in graph/: " + shown + "; the chain is cut at "
                + LegacySmallFiles.shortId(ids.get(closing)) + ", whose parent is treated as missing");
    }

    /** @return the parent within the graph after cutting cycles and dangling parents, or null */
    String effectiveParent(String id) {
        Integer i = index.get(id);
        return i == null || parent[i] == NONE ? null : ids.get(parent[i]);
    }

    /** @return the sum of own sizes from the base up to {@code id}; -1 when one of them is unknown */
    long virtualSize(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : virtualSize[i];
    }

    /**
     * Maps the chain of the image at an index of {@code ids}, base first, itself last. Indexed
     * values and one array per image: a 10k-deep chain yields 50M list elements in all, so no
     * per-element lookup or intermediate list may be spent on them.
     *
     * @param at        an index of {@code ids}
     * @param valueOfAt the value of the image at an index
     * @param <T>       the value type
     * @return one value per image of the chain, base first
     */
    @SuppressWarnings("unchecked")
    <T> List<T> mapChain(int at, IntFunction<T> valueOfAt) {
        Object[] values = new Object[depth[at]];
        int node = at;
        for (int k = values.length - 1; k >= 0; k--) {
            values[k] = valueOfAt.apply(node);
            node = parent[node];
        }
        return (List<T>) List.of(values);
    }

    /**
     * The chain of an image, base first, itself last.
     *
     * @param id    an image id of the graph
     * @param limit the most ancestors to return (the nearest are kept)
     * @return the ids
     */
    List<String> chainBaseFirst(String id, int limit) {
        List<String> chain = new ArrayList<>();
        Integer top = index.get(id);
        int i = top == null ? NONE : top;
        while (i != NONE && chain.size() < limit) {
            chain.add(ids.get(i));
            i = parent[i];
        }
        Collections.reverse(chain);
        return chain;
    }
}
