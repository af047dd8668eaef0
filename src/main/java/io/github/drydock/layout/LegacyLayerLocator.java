package io.github.drydock.layout;

import io.github.drydock.driver.LegacyDriverPaths;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Driver;
import io.github.drydock.model.LayerKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the folder holding a layer's bytes: under the active driver first, then under every other
 * driver of the root (a daemon switched drivers: Docker then hides the image, drydock still finds it).
 * A layer entry that is a symlink (aufs {@code diff/<id>} left by the pre-0.7 migration) is followed
 * once, its absolute target rebased onto the opened root, and refused when it leaves the root.
 * Nothing else on the way may be a symlink.
 */
final class LegacyLayerLocator {
    /** The folder of a pre-0.7 layer, {@code graph/<id>/layer}, that migrated aufs {@code diff/<id>} links point to. */
    private static final String PRE_07_LAYER = "layer";

    /**
     * Where an image layer was found.
     *
     * @param driver the driver holding it (the active one when found nowhere)
     * @param path   the folder with its files; null when missing, refused, or unreadable offline
     * @param found  true when the driver has the layer (even if its bytes are unreadable offline)
     */
    record Located(LegacyDriverPaths driver, Path path, boolean found) {
        LayerKind kind() {
            return driver.imageKind();
        }
    }

    private enum State { FOUND, ABSENT, REFUSED }

    private record Resolution(State state, Path path) {
    }

    private final RootContext context;
    private final List<LegacyDriverPaths> order;
    private final Map<String, Optional<Path>> homes = new HashMap<>();

    /**
     * @param context the opened root
     * @param drivers the drivers of the root; the active one is searched first
     */
    LegacyLayerLocator(RootContext context, List<Driver> drivers) {
        this.context = context;
        this.order = new ArrayList<>();
        drivers.stream().filter(Driver::active).forEach(d -> LegacyDriverPaths.byName(d.name()).ifPresent(order::add));
        drivers.stream().filter(d -> !d.active()).forEach(d -> LegacyDriverPaths.byName(d.name())
                .filter(p -> !order.contains(p)).ifPresent(order::add));
        if (order.isEmpty()) {
            order.add(LegacyDriverPaths.VFS);
        }
    }

    /** @return the driver searched first */
    LegacyDriverPaths primary() {
        return order.get(0);
    }

    /**
     * Finds an image layer; records a problem when it is missing under every driver or refused.
     *
     * @param id the image id (64 hex, already validated)
     * @return where it is
     */
    Located imageLayer(String id) {
        for (LegacyDriverPaths driver : order) {
            Resolution r = resolve(driver, driver.imagePlace(), id);
            if (r.state() == State.FOUND) {
                return new Located(driver, r.path(), true);
            }
            if (r.state() == State.REFUSED) {
                return new Located(driver, null, false);
            }
        }
        LegacyDriverPaths primary = primary();
        if (!primary.unreadable()) {
            Path expected = place(primary.imagePlace(), id);
            context.problem(expected, "image " + LegacySmallFiles.shortId(id) + ": missing layer folder " + expected
                    + " (not found under " + names() + " either); the image is listed without its files");
        }
        return new Located(primary, null, false);
    }

    /**
     * Finds a container's read-write layer and its {@code -init} layer.
     *
     * @param containerId the container id; anything but 64 hex finds nothing
     * @return its layers, or empty when no driver has a layer for that id
     */
    Optional<ContainerLayer> containerLayer(String containerId) {
        if (!LegacySmallFiles.isHexId(containerId)) {
            return Optional.empty();
        }
        for (LegacyDriverPaths driver : order) {
            Resolution r = resolve(driver, driver.containerPlace(), containerId);
            if (r.state() == State.ABSENT) {
                continue;
            }
            String initId = containerId + LegacyDriverPaths.INIT_SUFFIX;
            Resolution init = resolve(driver, driver.containerPlace(), initId);
            return Optional.of(new ContainerLayer(containerId, init.state() == State.FOUND ? initId : null,
                    driver.driverName(), r.path(), init.path(), driver.containerKind()));
        }
        return Optional.empty();
    }

    /**
     * A driver's per-id home folder (e.g. {@code aufs/layers}), when it exists and no part of it is a
     * symlink; a symlinked part is reported once.
     */
    Optional<Path> home(String relative) {
        return homes.computeIfAbsent(relative, this::checkHome);
    }

    private Optional<Path> checkHome(String relative) {
        Path current = context.root();
        for (String part : relative.split("/")) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                context.problem(current, "driver folder " + current + " is a symlink; not followed, the layers"
                        + " below it are ignored");
                return Optional.empty();
            }
            if (!LegacySmallFiles.isDirectory(current)) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    private Resolution resolve(LegacyDriverPaths driver, LegacyDriverPaths.Place place, String id) {
        Optional<Path> home = home(place.home());
        if (home.isEmpty()) {
            return new Resolution(State.ABSENT, null);
        }
        Path entry = home.get().resolve(id);
        if (driver.unreadable()) {
            return Files.exists(entry, LinkOption.NOFOLLOW_LINKS)
                    ? new Resolution(State.FOUND, null) : new Resolution(State.ABSENT, null);
        }
        BasicFileAttributes attributes = attributes(entry);
        if (attributes == null) {
            return new Resolution(State.ABSENT, null);
        }
        if (attributes.isSymbolicLink()) {
            Optional<Path> target = follow(entry, id);
            if (target.isEmpty()) {
                return new Resolution(State.REFUSED, null);
            }
            entry = target.get();
        } else if (!attributes.isDirectory()) {
            return new Resolution(State.ABSENT, null);
        }
        if (place.tail().isEmpty()) {
            return new Resolution(State.FOUND, entry);
        }
        Path folder = entry.resolve(place.tail());
        return LegacySmallFiles.isDirectory(folder)
                ? new Resolution(State.FOUND, folder) : new Resolution(State.ABSENT, null);
    }

    /** One system call per lookup: the entry's own attributes, or null when it does not exist. */
    private static BasicFileAttributes attributes(Path entry) {
        try {
            return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Follows a symlinked layer entry inside the root. A pre-0.7 migration link names
     * {@code <old root>/graph/<id>/layer}, which also teaches where the root used to be.
     */
    private Optional<Path> follow(Path link, String id) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | RuntimeException e) {
            context.problem(link, "layer " + LegacySmallFiles.shortId(id) + ": cannot read symlink " + link + ": " + e);
            return Optional.empty();
        }
        String oldLayer = RootDetector.GRAPH + "/" + id + "/" + PRE_07_LAYER;
        if (LegacySmallFiles.isDirectory(context.root().resolve(oldLayer))) {
            // only learn a former root location from a link whose target really is here
            context.learnOriginalRoot(target, oldLayer);
        }
        Optional<Path> resolved = context.followInsideRoot(link).filter(this::reallyInsideRoot);
        if (resolved.isEmpty()) {
            context.problem(link, "layer " + LegacySmallFiles.shortId(id) + ": " + link + " is a symlink to "
                    + target + ", which is outside the root or cannot be mapped onto it; refused, the layer is"
                    + " listed without its files");
            return Optional.empty();
        }
        if (!LegacySmallFiles.isDirectory(resolved.get())) {
            context.problem(link, "layer " + LegacySmallFiles.shortId(id) + ": " + link + " is a symlink to "
                    + target + " (" + resolved.get() + "), which is not a folder; the layer is listed without its files");
            return Optional.empty();
        }
        return resolved;
    }

    /** Lexical checks cannot see a symlinked folder halfway down the target: compare real paths too. */
    private boolean reallyInsideRoot(Path path) {
        try {
            return path.toRealPath().startsWith(context.root().toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Path place(LegacyDriverPaths.Place place, String id) {
        Path entry = context.root().resolve(place.home()).resolve(id);
        return place.tail().isEmpty() ? entry : entry.resolve(place.tail());
    }

    private String names() {
        return String.join(", ", order.stream().map(LegacyDriverPaths::driverName).toList());
    }
}
