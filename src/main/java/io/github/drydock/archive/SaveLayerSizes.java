package io.github.drydock.archive;

import io.github.drydock.driver.Threads;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.Layer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tar sizes of the layers of a strict save, added up from their tar-split files before planning, on
 * two threads. A tar's size must be known before its first byte is written (it is in the tar header), and
 * adding it up means reading the whole tar-split: for a 20-layer image of 50,000 files about as long as
 * starting the JVM, and on one core it would delay the first byte of the archive. A size that cannot be
 * added up is kept as its exception, thrown when the plan reaches that layer, so errors come in the
 * same order and with the same message as when each size is added up in turn.
 */
final class SaveLayerSizes {
    private static final String WORKER_NAME = "drydock-layer-sizes";
    private static final int THREADS = 2;

    private final Map<Path, Object> sizes;

    private SaveLayerSizes(Map<Path, Object> sizes) {
        this.sizes = sizes;
    }

    /** @return no sizes known ahead: each is added up when asked for */
    static SaveLayerSizes none() {
        return new SaveLayerSizes(Map.of());
    }

    /**
     * Adds up the sizes of the given layers' tars (those with a tar-split), this thread and one worker
     * taking the files in turn. Returns when all are done; the worker has ended by then.
     *
     * @param layers the layers, in plan order (repeats are counted once)
     * @return the sizes
     */
    static SaveLayerSizes compute(List<Layer> layers) {
        List<Path> tarSplits = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer.tarSplit() != null && !tarSplits.contains(layer.tarSplit())) {
                tarSplits.add(layer.tarSplit());
            }
        }
        Object[] results = new Object[tarSplits.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                results[i] = size(tarSplits.get(i));
            }
        };
        Thread worker = new Thread(work, WORKER_NAME);
        worker.setDaemon(true);
        if (results.length >= THREADS) {
            worker.start();
        }
        work.run();
        Threads.awaitEnd(worker);
        Map<Path, Object> sizes = new LinkedHashMap<>();
        for (int i = 0; i < results.length; i++) {
            sizes.put(tarSplits.get(i), results[i]);
        }
        return new SaveLayerSizes(sizes);
    }

    /**
     * @param tarSplit a layer's tar-split
     * @return the size of the tar it describes (from the work done ahead when there was some)
     * @throws DockerStorageException when the file is unreadable or malformed
     */
    long tarSize(Path tarSplit) throws DockerStorageException {
        Object known = sizes.get(tarSplit);
        if (known instanceof Long size) {
            return size;
        }
        if (known instanceof DockerStorageException e) {
            throw e;
        }
        if (known instanceof RuntimeException e) {
            throw e;
        }
        return TarSplitReader.tarSize(tarSplit);
    }

    private static Object size(Path tarSplit) {
        try {
            return TarSplitReader.tarSize(tarSplit);
        } catch (DockerStorageException | RuntimeException e) {
            return e;
        }
    }
}
