package io.github.drydock.layout;

import io.github.drydock.model.Container;

import java.util.List;

/**
 * Reads {@code containers/<id>/} of both generations: {@code config.json} (0.7–1.9) or
 * {@code config.v2.json} (1.10+), {@code hostconfig.json}, and legacy names and links from
 * {@code linkgraph.db}. See spec/docker-legacy-layout.md §6, §8 and spec/docker-modern-layout-and-archives.md §1.9.
 */
public final class ContainerStore {
    private ContainerStore() {
    }

    /**
     * Reads every container; damage to one becomes a problem in the context.
     *
     * @param context the opened root
     * @return the containers sorted by creation time then id; {@code layer} is left null (filled by the caller)
     */
    public static List<Container> read(RootContext context) {
        return List.of();
    }
}
