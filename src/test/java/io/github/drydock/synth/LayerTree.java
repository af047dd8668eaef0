package io.github.drydock.synth;

import java.util.Arrays;
import java.util.Random;

/**
 * The parent of every image layer. Bases are every 50th layer at first; later layers pick a parent
 * among the 64 most recent layers that are not yet at the maximum depth, which grows chains towards
 * it the way rebuilt images stack on their predecessors.
 *
 * @param parent parent index per layer, -1 for a base
 * @param depth  chain length per layer (1 for a base)
 */
record LayerTree(int[] parent, int[] depth) {
    private static final int WINDOW = 64;

    static LayerTree of(SynthSpec spec) {
        int n = spec.images();
        int[] parent = new int[n];
        int[] depth = new int[n];
        Random r = new Random(spec.seed() ^ 0x5EED);
        int bases = Math.max(1, n / 50);
        for (int i = 0; i < n; i++) {
            parent[i] = spec.linear() ? linearParent(i, depth, spec.maxDepth()) : pick(i, bases, depth, spec.maxDepth(), r);
            depth[i] = parent[i] < 0 ? 1 : depth[parent[i]] + 1;
        }
        return new LayerTree(parent, depth);
    }

    private static int linearParent(int i, int[] depth, int maxDepth) {
        return i == 0 || depth[i - 1] >= maxDepth ? -1 : i - 1;
    }

    private static int pick(int i, int bases, int[] depth, int maxDepth, Random r) {
        if (i < bases) {
            return -1;
        }
        for (int tries = 0; tries < 8; tries++) {
            int p = i - 1 - r.nextInt(Math.min(i, WINDOW));
            if (depth[p] < maxDepth) {
                return p;
            }
        }
        return -1;
    }

    /** @return the chain of layer {@code i}, base first */
    int[] chain(int i) {
        int[] c = new int[depth[i]];
        for (int k = c.length - 1, at = i; k >= 0; k--, at = parent[at]) {
            c[k] = at;
        }
        return c;
    }

    /** @return the deepest chain */
    int maxDepth() {
        return Arrays.stream(depth).max().orElse(0);
    }
}
