package io.github.drydock.synth;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Writes every image layer of a root, on a few threads unless each layer copies its parent's snapshot. */
final class SynthLayers {
    private SynthLayers() {
    }

    /**
     * @param folder   creates the driver's folders for a layer and returns the folder of its files
     * @param tarSplit where a layer's gzip tar-split goes
     * @return per layer: diff id, bytes, files
     */
    static LayerWriter.Written[] writeAll(SynthSpec spec, LayerTree tree, LayerWriter writer,
                                          IntFunction<Path> folder, IntFunction<Path> tarSplit) {
        int n = spec.images();
        LayerWriter.Written[] out = new LayerWriter.Written[n];
        IntStream indices = IntStream.range(0, n);
        if (spec.flavor().snapshots() || spec.threads() == 1) {
            indices.forEach(i -> out[i] = one(spec, tree, writer, folder, tarSplit, i));
            return out;
        }
        ForkJoinPool pool = new ForkJoinPool(spec.threads());
        try {
            pool.submit(() -> indices.parallel().forEach(i -> out[i] = one(spec, tree, writer, folder, tarSplit, i))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return out;
    }

    private static LayerWriter.Written one(SynthSpec spec, LayerTree tree, LayerWriter writer, IntFunction<Path> folder,
                                           IntFunction<Path> tarSplit, int i) {
        int parent = tree.parent()[i];
        Path dir = folder.apply(i);
        if (spec.flavor().snapshots() && parent >= 0) {
            SynthIds.copyTree(folder.apply(parent), dir);
        }
        Random r = new Random(spec.seed() * 31 + i);
        var members = LayerPlans.imageLayer(i, parent, filesOf(spec, i), largeOf(spec, i), spec.largeSize(), spec.dense(), r);
        return writer.write(dir, members, tarSplit.apply(i), SynthIds.seconds(i));
    }

    /** Spreads {@code files} over the layers. */
    static int filesOf(SynthSpec spec, int i) {
        long base = spec.files() / spec.images();
        return (int) (base + (i < spec.files() % spec.images() ? 1 : 0));
    }

    /** Spreads the large files evenly: layer {@code i} gets those whose slot falls on it. */
    static int largeOf(SynthSpec spec, int i) {
        int count = 0;
        for (int j = 0; j < spec.largeFiles(); j++) {
            if ((int) ((long) (j + 1) * spec.images() / (spec.largeFiles() + 1)) == i) {
                count++;
            }
        }
        return count;
    }
}
