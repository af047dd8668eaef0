package io.github.drydock.cli;

import io.github.drydock.model.Container;
import io.github.drydock.model.ContainerState;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Mount;
import io.github.drydock.model.Volume;
import io.github.drydock.model.VolumeUse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Terse builders of model records for the CLI's rendering tests; ids come from the seed scenario. */
final class CliFixtures {
    static final String MYSQL = "c171a2256c3b9d13c77b2b3773eaaad95a9b4a8735613ce46722f79fa29fa366";
    static final String MEDIAWIKI = "d32d732341b07cfc87006d09ea75514d8c10774dfbc83c74034ac28b1491557b";
    static final String BASE = "511136ea3c5a64f264b78b5433614aec563103b4d4702f3ba7d4d2698e22c158";
    static final String DEBIAN = "36669626e49c623f3b2aea41052bbc9de0506807d92137bf76c0fd3264eaff34";
    static final String MYSQL_VOLUME = "cb4012594631102fc8a69aa6cb4a9aa2dd2be3d39d2564c94ae91ac5e3eb4aec";
    static final String DB = "3b03d0aa1e9bf2ce6f29a5dd6c17a6b89a0e0d1c2f3a4b5c6d7e8f9a0b1c2d3e";
    static final String WIKI = "9f1c2ab3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f";

    private CliFixtures() {
    }

    static Instant at(String utc) {
        return Instant.parse(utc);
    }

    /** A 64-hex id made of one repeated hex digit. */
    static String id(char digit) {
        return String.valueOf(digit).repeat(64);
    }

    static Image image(String id, String parentId, String created, long virtualSize, String... tags) {
        return new Image(id, List.of(tags), List.of(), parentId, created == null ? null : at(created),
                -1, virtualSize, "amd64", "linux", null, null, "1.5.0", null, List.of(), List.of(), "aufs",
                Path.of("/r/graph", id, "json"));
    }

    static Image withHistory(Image image, List<HistoryEntry> history) {
        return new Image(image.id(), image.repoTags(), image.repoDigests(), image.parentId(), image.created(),
                image.size(), image.virtualSize(), image.architecture(), image.os(), image.author(),
                image.comment(), image.dockerVersion(), image.config(), history, image.layers(), image.driver(),
                image.source());
    }

    static ContainerState exited(int code, String finished) {
        return new ContainerState("exited", false, false, false, false, false, 0, code, null,
                at("2015-03-21T10:00:05Z"), finished == null ? null : at(finished));
    }

    static ContainerState state(String status) {
        return new ContainerState(status, status.equals("running"), false, false, false, false,
                status.equals("running") ? 4242 : 0, 0, null, null, null);
    }

    static Container container(String id, String name, String imageId, String imageRef, String created,
                               ContainerState state, String path, List<String> args, List<Mount> mounts) {
        return new Container(id, name, imageId, imageRef, created == null ? null : at(created), state, path, args,
                null, List.of(), "no", "aufs", Path.of("/r/containers", id, id + "-json.log"), mounts, List.of(),
                null, Path.of("/r/containers", id, "config.json"));
    }

    static Volume volume(String name, Path path, long size, VolumeUse... uses) {
        return new Volume(name, path, size, "local", name.matches("[0-9a-f]{64}"), null, null, List.of(uses),
                "vfs/dir");
    }
}
