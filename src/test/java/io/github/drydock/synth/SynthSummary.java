package io.github.drydock.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * What a synthetic root holds, to check a reader against and to drive the benchmark.
 *
 * @param spec          what was asked
 * @param imageIds      image ids in layer order (64 hex; legacy: graph ids)
 * @param tags          tagged references written
 * @param layers        image layers written
 * @param maxDepth      longest layer chain
 * @param containerIds  container ids in order
 * @param mountIds      each container's read-write layer id
 * @param volumeNames   volume names (legacy: ids)
 * @param files         regular files written in all layers
 * @param bytes         their apparent size
 * @param skippedNodes  whiteout devices / opaque xattrs not made (not root)
 * @param seconds       time taken
 */
public record SynthSummary(SynthSpec spec, List<String> imageIds, int tags, int layers, int maxDepth,
                           List<String> containerIds, List<String> mountIds, List<String> volumeNames, long files,
                           long bytes, int skippedNodes, double seconds) {
    /** Copies the lists. */
    public SynthSummary {
        imageIds = List.copyOf(imageIds);
        containerIds = List.copyOf(containerIds);
        mountIds = List.copyOf(mountIds);
        volumeNames = List.copyOf(volumeNames);
    }

    /** @return the image with the deepest chain of a linear root (the last one), or the last image */
    public String lastImage() {
        return imageIds.get(imageIds.size() - 1);
    }

    /** Collects the summary while the root is written (containers and tags in order, on one thread). */
    static final class Builder {
        private final SynthSpec spec;
        private final List<String> containerIds = new ArrayList<>();
        private final List<String> mountIds = new ArrayList<>();
        private final List<String> volumeNames = new ArrayList<>();
        private List<String> imageIds = List.of();
        private int tags;
        private int layers;
        private int maxDepth;
        private long files;
        private long bytes;

        Builder(SynthSpec spec) {
            this.spec = spec;
        }

        Builder images(String[] ids) {
            imageIds = List.of(ids);
            return this;
        }

        Builder layers(int count) {
            layers = count;
            return this;
        }

        Builder maxDepth(int depth) {
            maxDepth = depth;
            return this;
        }

        void tag() {
            tags++;
        }

        void container(String id, String mountId) {
            containerIds.add(id);
            mountIds.add(mountId);
        }

        void volume(String name) {
            volumeNames.add(name);
        }

        void content(LayerWriter.Written[] written) {
            for (LayerWriter.Written w : written) {
                files += w.files();
                bytes += w.bytes();
            }
        }

        SynthSummary build(int skippedNodes, double seconds) {
            return new SynthSummary(spec, imageIds, tags, layers, maxDepth, containerIds, mountIds, volumeNames, files,
                    bytes, skippedNodes, seconds);
        }
    }
}
