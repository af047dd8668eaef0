package io.github.drydock.testing;

import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds layer folders of a union view in a temp folder, one driver encoding per stack. */
public final class UnionLayers {
    private final Path base;
    private final String driver;
    private final List<Layer> layers = new ArrayList<>();

    /**
     * @param base   an empty temp folder
     * @param driver the driver name written into each layer (decides the whiteout encoding)
     */
    public UnionLayers(Path base, String driver) {
        this.base = base;
        this.driver = driver;
    }

    /** Adds a diff layer on top and returns its folder. */
    public Path diff(String id) {
        return add(id, LayerKind.DIFF);
    }

    /** Adds a snapshot layer on top and returns its folder. */
    public Path snapshot(String id) {
        return add(id, LayerKind.SNAPSHOT);
    }

    private Path add(String id, LayerKind kind) {
        Path folder = TestFiles.mkdirs(base.resolve(id));
        layers.add(new Layer(id, null, id, layers.isEmpty() ? null : layers.get(layers.size() - 1).id(), driver,
                kind, folder, -1, null));
        return folder;
    }

    /** @return the layers so far, base first */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    /** A container layer pair (rw over init) in folders {@code <id>} and {@code <id>-init}. */
    public ContainerLayer container(String mountId, LayerKind kind) {
        Path rw = TestFiles.mkdirs(base.resolve(mountId));
        Path init = TestFiles.mkdirs(base.resolve(mountId + "-init"));
        return new ContainerLayer(mountId, mountId + "-init", driver, rw, init, kind);
    }

    /** Writes an aufs whiteout {@code .wh.<name>} for {@code relative} in a layer folder. */
    public static Path aufsWhiteout(Path layer, String relative) {
        Path target = layer.resolve(relative);
        return TestFiles.write(target.resolveSibling(".wh." + target.getFileName()), "");
    }

    /** Writes the aufs opaque marker into a folder of a layer. */
    public static Path aufsOpaque(Path layer, String folder) {
        return TestFiles.write(layer.resolve(folder).resolve(".wh..wh..opq"), "");
    }

    /** Sets a node's modification time without following a symlink. */
    public static void mtime(Path path, long epochSecond) {
        try {
            Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(Instant.ofEpochSecond(epochSecond)),
                    null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true when the tests run as root (real device nodes and trusted.* attributes possible) */
    public static boolean runningAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** Runs a command and fails on a non-zero exit. */
    public static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
