package io.github.drydock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.drydock.json.Json;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real dockerd 20.10 roots of {@code testdata/dockerd-<driver>/} for save/verify tests: extracts
 * {@code root.tar.gz} into a temp folder (as root only: the roots hold owners, xattrs and device nodes)
 * and reads the image and layer metadata directly, without the layout readers, into model records.
 */
public final class DockerdFixtureRoots {
    /** The drivers the fixtures were made with. */
    public static final List<String> DRIVERS = List.of("overlay2", "vfs");

    private DockerdFixtureRoots() {
    }

    /** @return {@code testdata/dockerd-<driver>} */
    public static Path fixture(String driver) {
        return Path.of("testdata", "dockerd-" + driver).toAbsolutePath();
    }

    /** @return the {@code reference/} folder of a fixture */
    public static Path reference(String driver) {
        return fixture(driver).resolve("reference");
    }

    /** Skips the calling test unless it runs as root (needed to extract the roots faithfully). */
    public static void assumeRoot() {
        assumeTrue(isRoot(), "the dockerd fixture roots hold owners, xattrs and device nodes: extracting them"
                + " needs root; skipped");
    }

    /** @return true when this JVM runs as uid 0 */
    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Extracts a fixture's {@code root.tar.gz} with GNU tar (skips the test when not root).
     *
     * @param driver overlay2 or vfs
     * @param target an empty folder
     * @return the extracted data root
     */
    public static Path extract(String driver, Path target) {
        assumeRoot();
        Path root = target.resolve(driver + "-root");
        TestFiles.mkdirs(root);
        run(List.of("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-xpzf",
                fixture(driver).resolve("root.tar.gz").toString(), "-C", root.toString()));
        return root;
    }

    /**
     * Reads every layer of {@code image/<driver>/layerdb/sha256/}.
     *
     * @param root   the extracted data root
     * @param driver overlay2 or vfs
     * @return layers by chain id (64 hex)
     */
    public static Map<String, Layer> layers(Path root, String driver) {
        Map<String, Layer> layers = new TreeMap<>();
        Path layerdb = root.resolve("image").resolve(driver).resolve("layerdb").resolve("sha256");
        try (var dirs = Files.list(layerdb)) {
            for (Path dir : dirs.toList()) {
                String chain = dir.getFileName().toString();
                String diff = strip(read(dir.resolve("diff")));
                String cache = read(dir.resolve("cache-id"));
                String parent = Files.exists(dir.resolve("parent")) ? strip(read(dir.resolve("parent"))) : null;
                long size = Long.parseLong(read(dir.resolve("size")));
                Path folder = driver.equals("vfs") ? root.resolve("vfs/dir").resolve(cache)
                        : root.resolve("overlay2").resolve(cache).resolve("diff");
                LayerKind kind = driver.equals("vfs") ? LayerKind.SNAPSHOT : LayerKind.DIFF;
                layers.put(chain, new Layer(chain, diff, cache, parent, driver, kind, folder, size,
                        dir.resolve("tar-split.json.gz")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return layers;
    }

    /**
     * @return the tags of the root's {@code repositories.json}: familiar {@code repo:tag} → image id (64 hex),
     *         in file order
     */
    public static Map<String, String> tags(Path root, String driver) {
        JsonNode repos = readJson(root.resolve("image").resolve(driver).resolve("repositories.json")).path("Repositories");
        Map<String, String> tags = new LinkedHashMap<>();
        for (Iterator<JsonNode> names = repos.elements(); names.hasNext(); ) {
            names.next().fields().forEachRemaining(e -> tags.put(e.getKey(), strip(e.getValue().asText())));
        }
        return tags;
    }

    /** @return the config file of an image in the image store */
    public static Path configPath(Path root, String driver, String imageId) {
        return root.resolve("image").resolve(driver).resolve("imagedb/content/sha256").resolve(strip(imageId));
    }

    /** @return the parent image id recorded in {@code imagedb/metadata/sha256/<id>/parent}, or null */
    public static String parentOf(Path root, String driver, String imageId) {
        Path parent = root.resolve("image").resolve(driver).resolve("imagedb/metadata/sha256").resolve(strip(imageId))
                .resolve("parent");
        try {
            return Files.exists(parent) ? strip(read(parent)) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param root   the extracted data root
     * @param driver overlay2 or vfs
     * @param config the image config bytes
     * @return the image's layers, base first, found by chain id
     */
    public static List<Layer> layersOf(Path root, String driver, byte[] config) {
        Map<String, Layer> all = layers(root, driver);
        List<Layer> result = new ArrayList<>();
        String chain = null;
        for (JsonNode diff : readJson(config).path("rootfs").path("diff_ids")) {
            chain = chainId(chain, strip(diff.asText()));
            result.add(all.get(chain));
        }
        return result;
    }

    /** @return sha256 of every regular member of a tar, by member name (symlinks map to their target's digest) */
    public static Map<String, String> memberDigests(Path tar) {
        Map<String, String> digests = new TreeMap<>();
        Map<String, String> links = new TreeMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream tin = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tin.getNextEntry(); e != null; e = tin.getNextEntry()) {
                if (e.isSymbolicLink()) {
                    links.put(e.getName(), Path.of(e.getName()).getParent().resolve(e.getLinkName()).normalize().toString());
                } else if (e.isFile()) {
                    digests.put(e.getName(), sha256(tin.readAllBytes()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        links.forEach((name, target) -> digests.put(name, digests.get(target)));
        return digests;
    }

    /** @return the bytes of one member of a tar */
    public static byte[] member(Path tar, String name) {
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream tin = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tin.getNextEntry(); e != null; e = tin.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return tin.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException(name + " not in " + tar);
    }

    /** @return parsed JSON of a file */
    public static JsonNode readJson(Path file) {
        try {
            return readJson(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return parsed JSON of bytes */
    public static JsonNode readJson(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return sha256 hex of bytes */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command, failing on a non-zero exit; returns its output. */
    public static String run(List<String> command) {
        Outcome outcome = attempt(command);
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException(command + " failed: " + outcome.output());
        }
        return outcome.output();
    }

    /** The exit code and merged output of a command. */
    public record Outcome(int exitCode, String output) {
    }

    /** Runs a command and returns its exit code and merged output (10 minutes at most). */
    public static Outcome attempt(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " timed out");
            }
            return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String chainId(String parent, String diff) {
        if (parent == null) {
            return diff;
        }
        return sha256(("sha256:" + parent + " sha256:" + diff).getBytes(StandardCharsets.US_ASCII));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }

    private static String strip(String digest) {
        return digest.startsWith("sha256:") ? digest.substring(7) : digest;
    }
}
