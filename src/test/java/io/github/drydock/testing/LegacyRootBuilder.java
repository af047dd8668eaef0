package io.github.drydock.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.drydock.json.Json;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lays out a Docker 0.7–1.9 root in a temp folder: {@code graph/<id>/} entries in both JSON shapes,
 * {@code repositories-<driver>} files, and aufs/vfs/overlay/btrfs layer folders.
 *
 * <pre>{@code
 * LegacyRootBuilder b = LegacyRootBuilder.at(tempDir);
 * String base = b.image("base").size(0).write();
 * String top = b.image("top").parent(base).cmd("/bin/sh", "-c", "#(nop) CMD [\"sh\"]").write();
 * b.aufsChain(base, top).tag("aufs", "busybox", "latest", top).writeRepositories();
 * }</pre>
 */
public final class LegacyRootBuilder {
    /** The real "scratch" base of 2013–2015 official images (spec §12). */
    public static final String SCRATCH = "511136ea3c5a64f264b78b5433614aec563103b4d4702f3ba7d4d2698e22c158";

    private final Path root;
    private final Map<String, Map<String, Map<String, String>>> repositories = new TreeMap<>();

    private LegacyRootBuilder(Path root) {
        this.root = root;
    }

    /** @return a builder writing into {@code root}, which becomes the Docker root */
    public static LegacyRootBuilder at(Path root) {
        return new LegacyRootBuilder(root);
    }

    /** @return the Docker root */
    public Path root() {
        return root;
    }

    /** @return a deterministic 64-hex id derived from {@code seed} */
    public static String id(String seed) {
        return sha256(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the hex sha256 of {@code bytes} */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a shape-A (v1) image.
     *
     * @param seedOrId a 64-hex id, or a seed turned into one with {@link #id(String)}
     * @return its spec; call {@link ImageSpec#write()}
     */
    public ImageSpec image(String seedOrId) {
        return new ImageSpec(this, seedOrId.matches("[0-9a-f]{64}") ? seedOrId : id(seedOrId));
    }

    /**
     * Writes a shape-B image as Docker 1.8.3/1.9 stored a v2 pull: sorted keys, no {@code id}/{@code parent}/
     * {@code Size}, {@code layer_id} and {@code parent_id}; the folder name is sha256 of the JSON bytes.
     *
     * @param created  Go time
     * @param cmd      the build step's {@code Cmd}
     * @param parentId the parent's id (written as {@code sha256:<id>}), or null
     * @param size     the {@code layersize}
     * @return the content-derived id
     */
    public String contentAddressedImage(String created, List<String> cmd, String parentId, long size) {
        Map<String, Object> json = new TreeMap<>();
        json.put("architecture", "amd64");
        json.put("config", Map.of("Cmd", List.of("sh")));
        json.put("container_config", Map.of("Cmd", cmd));
        json.put("created", created);
        json.put("docker_version", "1.9.1");
        json.put("layer_id", "sha256:" + id("blob of " + cmd));
        json.put("os", "linux");
        if (parentId != null) {
            json.put("parent_id", "sha256:" + parentId);
        }
        byte[] bytes = toJson(json).getBytes(StandardCharsets.UTF_8);
        String id = sha256(bytes);
        TestFiles.write(graph(id).resolve("json"), bytes);
        TestFiles.write(graph(id).resolve("layersize"), Long.toString(size));
        TestFiles.write(graph(id).resolve("v1Compatibility"), "{\"id\":\"" + id("v1 " + id) + "\"}");
        return id;
    }

    /** @return {@code graph/<id>} */
    public Path graph(String id) {
        return root.resolve("graph").resolve(id);
    }

    /** Writes any file under the root, creating folders; returns it. */
    public Path file(String relative, String content) {
        return TestFiles.write(root.resolve(relative), content);
    }

    /** Creates any folder under the root; returns it. */
    public Path dir(String relative) {
        return TestFiles.mkdirs(root.resolve(relative));
    }

    /**
     * Lays out aufs folders for a chain: {@code diff/<id>} and {@code layers/<id>}
     * listing the ancestors nearest first, one per line.
     *
     * @param idsBaseFirst the chain, base first
     * @return this
     */
    public LegacyRootBuilder aufsChain(String... idsBaseFirst) {
        List<String> ancestors = new ArrayList<>();
        for (String id : idsBaseFirst) {
            aufsLayer(id, ancestors);
            ancestors.add(0, id);
        }
        return this;
    }

    /** Lays out one aufs layer with the given ancestors (nearest first) in {@code layers/<id>}. */
    public LegacyRootBuilder aufsLayer(String id, List<String> ancestorsNearestFirst) {
        dir("aufs/diff/" + id);
        return aufsLayersFile(id, ancestorsNearestFirst.toArray(String[]::new));
    }

    /** Writes only aufs {@code layers/<id>}, one ancestor per line, nearest first (no {@code diff/<id>}). */
    public LegacyRootBuilder aufsLayersFile(String id, String... ancestorsNearestFirst) {
        StringBuilder text = new StringBuilder();
        Arrays.stream(ancestorsNearestFirst).forEach(a -> text.append(a).append('\n'));
        file("aufs/layers/" + id, text.toString());
        return this;
    }

    /** Creates {@code vfs/dir/<id>} for each id. */
    public LegacyRootBuilder vfsLayers(String... ids) {
        Arrays.stream(ids).forEach(id -> dir("vfs/dir/" + id));
        return this;
    }

    /** Records {@code repo:tag} (or {@code repo@digest} when {@code tag} has a colon) in {@code repositories-<driver>}. */
    public LegacyRootBuilder tag(String driver, String repo, String tag, String id) {
        repositories.computeIfAbsent(driver, d -> new TreeMap<>()).computeIfAbsent(repo, r -> new TreeMap<>())
                .put(tag, id);
        return this;
    }

    /** Writes every {@code repositories-<driver>} file recorded with {@link #tag}, as Docker's json.Marshal did. */
    public LegacyRootBuilder writeRepositories() {
        repositories.forEach((driver, repos) ->
                file("repositories-" + driver, toJson(Map.of("Repositories", repos))));
        return this;
    }

    static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shape-A image being described. */
    public static final class ImageSpec {
        private final LegacyRootBuilder builder;
        private final String id;
        private final Map<String, Object> json = new LinkedHashMap<>();
        private final Map<String, Object> config = new LinkedHashMap<>();
        private String layerSize = "0";

        private ImageSpec(LegacyRootBuilder builder, String id) {
            this.builder = builder;
            this.id = id;
            json.put("id", id);
            json.put("created", "2014-10-01T12:00:00.123456789Z");
            json.put("container_config", new LinkedHashMap<>(Map.of("Cmd", List.of("/bin/sh", "-c", "#(nop) step"))));
            json.put("docker_version", "1.3.0");
            json.put("architecture", "amd64");
            json.put("os", "linux");
            json.put("Size", 0);
        }

        /** Sets the JSON {@code parent}. */
        public ImageSpec parent(String parentId) {
            json.put("parent", parentId);
            return this;
        }

        /** Sets {@code created}. */
        public ImageSpec created(String goTime) {
            json.put("created", goTime);
            return this;
        }

        /** Sets {@code container_config.Cmd}, the history step. */
        public ImageSpec cmd(String... cmd) {
            json.put("container_config", new LinkedHashMap<>(Map.of("Cmd", List.of(cmd))));
            return this;
        }

        /** Sets any top-level JSON key (null removes it). */
        public ImageSpec json(String key, Object value) {
            if (value == null) {
                json.remove(key);
            } else {
                json.put(key, value);
            }
            return this;
        }

        /** Sets a key of {@code config}. */
        public ImageSpec config(String key, Object value) {
            config.put(key, value);
            return this;
        }

        /** Sets {@code layersize}. */
        public ImageSpec size(long size) {
            layerSize = Long.toString(size);
            return this;
        }

        /** Sets {@code layersize} to raw text; null leaves the file out. */
        public ImageSpec rawLayerSize(String text) {
            layerSize = text;
            return this;
        }

        /** Writes {@code graph/<id>/json} and {@code layersize}; returns the id. */
        public String write() {
            if (!config.isEmpty()) {
                json.put("config", config);
            }
            TestFiles.write(builder.graph(id).resolve("json"), toJson(json));
            if (layerSize != null) {
                TestFiles.write(builder.graph(id).resolve("layersize"), layerSize);
            }
            return id;
        }
    }
}
