package io.github.drydock.testing;

import io.github.drydock.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lays out a Docker 1.10+ root ({@code image/<driver>/{repositories.json,imagedb,layerdb}} plus the
 * driver folders) in a temp folder, with REAL ids: image id = sha256 of the exact config bytes, chain
 * ids computed from the diff ids as Docker does. Diff ids are sha256 of a made-up layer text (no tar
 * is built); each layer folder holds a file {@code layer.txt} with that text.
 *
 * <pre>{@code
 * ModernRootBuilder b = ModernRootBuilder.create(tmp, "overlay2");
 * BuiltImage base = b.image().layer("base").emptyStep("CMD [\"sh\"]").tag("example/base:1").build();
 * BuiltImage app = b.image().layers(base).layer("app").parent(base).tag("example/app:latest").build();
 * BuiltContainer c = b.container("ab12…", app);
 * }</pre>
 */
public final class ModernRootBuilder {
    private final Path root;
    private final String driver;
    private final Map<String, BuiltLayer> layersByChain = new HashMap<>();
    private final Map<String, Map<String, String>> repositories = new TreeMap<>();
    private boolean deferTagStore;

    private ModernRootBuilder(Path root, String driver) {
        this.root = root;
        this.driver = driver;
        TestFiles.mkdirs(imageTree().resolve("imagedb/content/sha256"));
        TestFiles.mkdirs(imageTree().resolve("imagedb/metadata/sha256"));
        TestFiles.mkdirs(imageTree().resolve("layerdb/sha256"));
        TestFiles.mkdirs(home());
        writeRepositories();
    }

    /**
     * @param root   the Docker root to create (usually a @TempDir)
     * @param driver overlay2, fuse-overlayfs, overlay, aufs, vfs, btrfs, zfs, devicemapper
     * @return a builder with an empty store
     */
    public static ModernRootBuilder create(Path root, String driver) {
        return new ModernRootBuilder(root, driver);
    }

    /** A layer as written. */
    public record BuiltLayer(String diffId, String chainId, String parentChainId, String cacheId, String link,
                             Path folder, long size) {
        /** @return the layerdb folder {@code layerdb/sha256/<chain id>} (set by the builder) */
        public Path layerDbDir(ModernRootBuilder b) {
            return b.imageTree().resolve("layerdb/sha256").resolve(chainId);
        }
    }

    /** An image as written; {@code layers} base first. */
    public record BuiltImage(String id, byte[] config, List<BuiltLayer> layers, Path contentFile) {
        /** @return the top layer, or null */
        public BuiltLayer top() {
            return layers.isEmpty() ? null : layers.get(layers.size() - 1);
        }
    }

    /** A container's layers as written. */
    public record BuiltContainer(String id, String mountId, String initId, Path folder, Path initFolder, Path mountDir) {
    }

    /** Stops rewriting {@code repositories.json} after each image, until {@link #writeTagStore()}; for big roots. */
    public ModernRootBuilder deferTagStore() {
        deferTagStore = true;
        return this;
    }

    /** Writes {@code repositories.json} now. */
    public ModernRootBuilder writeTagStore() {
        deferTagStore = false;
        writeRepositories();
        return this;
    }

    /** @return the Docker root */
    public Path root() {
        return root;
    }

    /** @return {@code image/<driver>} */
    public Path imageTree() {
        return root.resolve("image").resolve(driver);
    }

    /** @return the driver home {@code <root>/<driver>} */
    public Path home() {
        return root.resolve(driver);
    }

    /** @return a new image builder */
    public ImageBuilder image() {
        return new ImageBuilder();
    }

    /** Builds one image config and writes it with its layers. */
    public final class ImageBuilder {
        private final List<String> diffIds = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private final List<Map<String, Object>> history = new ArrayList<>();
        private final Map<String, Object> runConfig = new LinkedHashMap<>();
        private final Map<String, Object> topLevel = new LinkedHashMap<>();
        private final List<String> refs = new ArrayList<>();
        private String parentId;
        private String lastUpdated;

        private ImageBuilder() {
            topLevel.put("architecture", "amd64");
            topLevel.put("created", "2023-11-14T22:13:20.123456789Z");
            topLevel.put("docker_version", "20.10.24");
            topLevel.put("os", "linux");
            runConfig.put("Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        }

        /** Adds a layer whose diff id is sha256 of {@code text}, with a history step. */
        public ImageBuilder layer(String text) {
            diffIds.add(sha256(text));
            texts.add(text);
            history.add(step("/bin/sh -c #(nop) ADD " + text, false));
            return this;
        }

        /** Adds the layers of another image (same diff ids, same texts, same history). */
        public ImageBuilder layers(BuiltImage base) {
            for (BuiltLayer layer : base.layers()) {
                diffIds.add(layer.diffId());
                texts.add(TestFiles.read(layer.folder().resolve("layer.txt")));
                history.add(step("/bin/sh -c #(nop) ADD (from base)", false));
            }
            return this;
        }

        /** Adds a step that made no layer. */
        public ImageBuilder emptyStep(String createdBy) {
            history.add(step(createdBy, true));
            return this;
        }

        /** Sets a key of the {@code config} object (Cmd, Entrypoint, Env, Labels, ...). */
        public ImageBuilder config(String key, Object value) {
            runConfig.put(key, value);
            return this;
        }

        /** Sets a key of the last history step (e.g. {@code comment}, as {@code docker commit -m} writes it). */
        public ImageBuilder history(String key, Object value) {
            history.get(history.size() - 1).put(key, value);
            return this;
        }

        /** Sets a top-level key of the image config (null removes it). */
        public ImageBuilder set(String key, Object value) {
            if (value == null) {
                topLevel.remove(key);
            } else {
                topLevel.put(key, value);
            }
            return this;
        }

        /** Records a parent image in metadata. */
        public ImageBuilder parent(BuiltImage parent) {
            this.parentId = parent.id();
            return this;
        }

        /** Writes a {@code lastUpdated} metadata file. */
        public ImageBuilder lastUpdated(String time) {
            this.lastUpdated = time;
            return this;
        }

        /** Adds references: {@code name:tag} or {@code name@sha256:<hex>}. */
        public ImageBuilder tag(String... references) {
            refs.addAll(List.of(references));
            return this;
        }

        /** Writes everything and returns the ids. */
        public BuiltImage build() {
            List<BuiltLayer> built = new ArrayList<>();
            String parentChain = null;
            for (int i = 0; i < diffIds.size(); i++) {
                BuiltLayer layer = writeLayer(parentChain, diffIds.get(i), texts.get(i), built);
                built.add(layer);
                parentChain = layer.chainId();
            }
            byte[] bytes = configBytes();
            String id = sha256(bytes);
            Path content = TestFiles.write(imageTree().resolve("imagedb/content/sha256").resolve(id), bytes);
            Path metadata = imageTree().resolve("imagedb/metadata/sha256").resolve(id);
            if (parentId != null) {
                TestFiles.write(metadata.resolve("parent"), "sha256:" + parentId);
            }
            if (lastUpdated != null) {
                TestFiles.write(metadata.resolve("lastUpdated"), lastUpdated);
            }
            for (String ref : refs) {
                String name = ref.contains("@") ? ref.substring(0, ref.indexOf('@'))
                        : ref.substring(0, ref.lastIndexOf(':'));
                repositories.computeIfAbsent(name, k -> new TreeMap<>()).put(ref, "sha256:" + id);
            }
            writeRepositories();
            return new BuiltImage(id, bytes, List.copyOf(built), content);
        }

        private Map<String, Object> step(String createdBy, boolean empty) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("created", "2023-11-14T22:13:" + (20 + history.size()) + "Z");
            step.put("created_by", createdBy);
            if (empty) {
                step.put("empty_layer", true);
            }
            return step;
        }

        private byte[] configBytes() {
            Map<String, Object> config = new LinkedHashMap<>(topLevel);
            config.put("config", runConfig);
            config.put("history", history);
            Map<String, Object> rootfs = new LinkedHashMap<>();
            rootfs.put("type", "layers");
            rootfs.put("diff_ids", diffIds.stream().map(d -> "sha256:" + d).toList());
            config.put("rootfs", rootfs);
            try {
                return Json.MAPPER.writeValueAsBytes(config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private BuiltLayer writeLayer(String parentChain, String diffId, String text, List<BuiltLayer> below) {
        String chain = parentChain == null ? diffId : sha256("sha256:" + parentChain + " sha256:" + diffId);
        BuiltLayer existing = layersByChain.get(chain);
        if (existing != null) {
            return existing;
        }
        String cacheId = sha256("cache:" + chain);
        Path dir = imageTree().resolve("layerdb/sha256").resolve(chain);
        TestFiles.write(dir.resolve("diff"), "sha256:" + diffId);
        TestFiles.write(dir.resolve("size"), Long.toString(text.length()));
        TestFiles.write(dir.resolve("cache-id"), cacheId);
        TestFiles.write(dir.resolve("tar-split.json.gz"), new byte[] {0x1f, (byte) 0x8b});
        if (parentChain != null) {
            TestFiles.write(dir.resolve("parent"), "sha256:" + parentChain);
        }
        List<String> lowerIds = new ArrayList<>();
        for (int i = below.size() - 1; i >= 0; i--) {
            lowerIds.add(below.get(i).cacheId());
        }
        Path folder = ModernDriverLayout.imageLayer(this, cacheId, lowerIds);
        TestFiles.write(folder.resolve("layer.txt"), text);
        BuiltLayer layer = new BuiltLayer(diffId, chain, parentChain, cacheId, link(cacheId), folder, text.length());
        layersByChain.put(chain, layer);
        return layer;
    }

    /**
     * Writes a container's read-write and init layers on top of an image.
     *
     * @param containerId the container id (64 hex)
     * @param image       its image
     * @return what was written
     */
    public BuiltContainer container(String containerId, BuiltImage image) {
        String mountId = sha256("mount:" + containerId);
        String initId = mountId + "-init";
        List<String> imageIds = new ArrayList<>();
        for (int i = image.layers().size() - 1; i >= 0; i--) {
            imageIds.add(image.layers().get(i).cacheId());
        }
        Path initFolder = ModernDriverLayout.containerLayer(this, initId, imageIds);
        List<String> below = new ArrayList<>();
        below.add(initId);
        below.addAll(imageIds);
        Path folder = ModernDriverLayout.containerLayer(this, mountId, below);
        Path mountDir = imageTree().resolve("layerdb/mounts").resolve(containerId);
        TestFiles.write(mountDir.resolve("mount-id"), mountId);
        TestFiles.write(mountDir.resolve("init-id"), initId);
        if (image.top() != null) {
            TestFiles.write(mountDir.resolve("parent"), "sha256:" + image.top().chainId());
        }
        return new BuiltContainer(containerId, mountId, initId, folder, initFolder, mountDir);
    }

    String driver() {
        return driver;
    }

    private void writeRepositories() {
        if (deferTagStore) {
            return;
        }
        try {
            TestFiles.write(imageTree().resolve("repositories.json"),
                    Json.MAPPER.writeValueAsBytes(Map.of("Repositories", repositories)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** overlay2's 26-character short name for a folder id, derived from the id (Docker uses random bytes). */
    public static String link(String id) {
        byte[] bytes = HexFormat.of().parseHex(sha256("link:" + id));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder name = new StringBuilder();
        long buffer = 0;
        int bits = 0;
        for (int i = 0; name.length() < 26; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5 && name.length() < 26) {
                name.append(alphabet.charAt((int) ((buffer >> (bits - 5)) & 31)));
                bits -= 5;
            }
        }
        return name.toString();
    }

    /** @return sha256 hex of UTF-8 text */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return sha256 hex of bytes */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
