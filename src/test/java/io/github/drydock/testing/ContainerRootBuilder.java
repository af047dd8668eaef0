package io.github.drydock.testing;

import io.github.drydock.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lays out the container and volume parts of a Docker root in a temp folder: container configs of
 * both generations, hostconfigs, json-file logs, legacy and 1.7+ volumes, {@code linkgraph.db}.
 * Configs are built as maps so a test can write any shape, old keys and hostile values included.
 */
public final class ContainerRootBuilder {
    /** Go's zero time, as Docker writes an unset time. */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private final Path root;

    /** @param root the Docker root to fill (created when missing) */
    public ContainerRootBuilder(Path root) {
        this.root = TestFiles.mkdirs(root);
    }

    /** @return the Docker root */
    public Path root() {
        return root;
    }

    /** @return a realistic 64-hex id derived from a seed */
    public static String hexId(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks the root as legacy (0.7–1.9): {@code graph/<id>/json} for an image. */
    public ContainerRootBuilder legacyImage(String imageId) {
        TestFiles.write(root.resolve("graph").resolve(imageId).resolve("json"), "{\"id\":\"" + imageId + "\"}");
        TestFiles.write(root.resolve("repositories-aufs"), "{\"Repositories\":{}}");
        return this;
    }

    /** Marks the root as modern (1.10+): an empty {@code image/<driver>/imagedb}. */
    public ContainerRootBuilder modernImageStore(String driver) {
        TestFiles.mkdirs(root.resolve("image").resolve(driver).resolve("imagedb"));
        return this;
    }

    /** Starts a legacy ({@code config.json}) container. */
    public ContainerSpec legacyContainer(String id) {
        return new ContainerSpec(id, "config.json");
    }

    /** Starts a 1.10+ ({@code config.v2.json}) container. */
    public ContainerSpec modernContainer(String id) {
        return new ContainerSpec(id, "config.v2.json");
    }

    /** Writes a file into {@code vfs/dir/<id>/}; returns the folder. */
    public Path vfsDirFile(String id, String file, byte[] content) {
        Path dir = TestFiles.mkdirs(root.resolve("vfs/dir").resolve(id));
        TestFiles.write(dir.resolve(file), content);
        return dir;
    }

    /** Writes a file into {@code volumes/<name>/_data/}; returns the data folder. */
    public Path volumeDataFile(String name, String file, byte[] content) {
        Path dir = TestFiles.mkdirs(root.resolve("volumes").resolve(name).resolve("_data"));
        TestFiles.write(dir.resolve(file), content);
        return dir;
    }

    /** Makes {@code volumes/<name>/_data} a symlink to {@code target}. */
    public Path dataSymlink(String name, String target) {
        return TestFiles.symlink(root.resolve("volumes").resolve(name).resolve("_data"), target);
    }

    /** Writes a 1.3–1.6 {@code volumes/<id>/config.json}. */
    public Path legacyVolumeConfig(String id, String hostPath, boolean bindMount) {
        return writeJson(root.resolve("volumes").resolve(id).resolve("config.json"),
                Map.of("ID", id, "Path", hostPath, "IsBindMount", bindMount, "Writable", true));
    }

    /** Writes a 0.7–1.2 {@code volumes/<id>/json}. */
    public Path legacyVolumeJson(String id, String created) {
        return writeJson(root.resolve("volumes").resolve(id).resolve("json"), Map.of("id", id, "created", created));
    }

    /** Writes json-file log lines to {@code containers/<id>/<id>-json.log<suffix>}. */
    public Path log(String containerId, String suffix, List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        return TestFiles.write(containerDir(containerId).resolve(containerId + "-json.log" + suffix), text.toString());
    }

    /** @return one json-file log line */
    public static String logLine(String stream, String time, String text) {
        return toJson(Map.of("log", text, "stream", stream, "time", time));
    }

    /**
     * Creates {@code linkgraph.db} as Docker 0.7–1.9 did ({@code pkg/graphdb/graphdb.go}).
     *
     * @param names container id → name without slash
     * @param links each {@code {parent id, alias, child id}}
     * @return the file
     */
    public Path linkgraph(Map<String, String> names, List<String[]> links) {
        Path db = root.resolve("linkgraph.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE entity (id text NOT NULL PRIMARY KEY)");
            s.executeUpdate("CREATE TABLE edge (\"entity_id\" text NOT NULL, \"parent_id\" text NULL, name text NOT NULL,"
                    + " CONSTRAINT \"parent_fk\" FOREIGN KEY (\"parent_id\") REFERENCES \"entity\" (\"id\"),"
                    + " CONSTRAINT \"entity_fk\" FOREIGN KEY (\"entity_id\") REFERENCES \"entity\" (\"id\"))");
            s.executeUpdate("CREATE UNIQUE INDEX \"name_parent_ix\" ON \"edge\" (parent_id, name)");
            s.executeUpdate("INSERT INTO entity (id) VALUES ('0')");
            s.executeUpdate("INSERT INTO edge (entity_id, name) VALUES ('0', '/')");
            try (PreparedStatement entity = c.prepareStatement("INSERT INTO entity (id) VALUES (?)");
                 PreparedStatement edge = c.prepareStatement(
                         "INSERT INTO edge (entity_id, parent_id, name) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> e : names.entrySet()) {
                    entity.setString(1, e.getKey());
                    entity.executeUpdate();
                    edge.setString(1, e.getKey());
                    edge.setString(2, "0");
                    edge.setString(3, e.getValue());
                    edge.executeUpdate();
                }
                for (String[] link : links) {
                    edge.setString(1, link[2]);
                    edge.setString(2, link[0]);
                    edge.setString(3, link[1]);
                    edge.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return db;
    }

    /** Creates a FIFO with {@code mkfifo}; false when the tool is missing or fails. */
    public static boolean mkfifo(Path fifo) {
        try {
            Files.createDirectories(fifo.getParent());
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(fifo);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return {@code containers/<id>} */
    public Path containerDir(String id) {
        return root.resolve("containers").resolve(id);
    }

    /** Serialises a value with the shared mapper. */
    public static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeJson(Path file, Object value) {
        return TestFiles.write(file, toJson(value));
    }

    /** One container's config and hostconfig, written by {@link #write()}. */
    public final class ContainerSpec {
        private final String id;
        private final String fileName;
        private final Map<String, Object> config = new LinkedHashMap<>();
        private final Map<String, Object> run = new LinkedHashMap<>();
        private final Map<String, Object> state = new LinkedHashMap<>();
        private Map<String, Object> host;

        private ContainerSpec(String id, String fileName) {
            this.id = id;
            this.fileName = fileName;
            boolean modern = fileName.equals("config.v2.json");
            state.putAll(Map.of("Running", false, "Paused", false, "Pid", 0, "ExitCode", 0,
                    "StartedAt", ZERO_TIME, "FinishedAt", ZERO_TIME));
            run.putAll(Map.of("Hostname", id.substring(0, 12), "Image", "busybox", "Cmd", List.of("sh")));
            config.put("ID", id);
            config.put("Created", "2015-03-01T12:00:00.123456789Z");
            config.put("Path", "sh");
            config.put("Args", List.of());
            config.put("Config", run);
            config.put("State", state);
            String image = hexId("image of " + id);
            config.put("Image", modern ? "sha256:" + image : image);
            config.put("Driver", modern ? "overlay2" : "aufs");
        }

        /** Sets a top-level key (null removes it). */
        public ContainerSpec set(String key, Object value) {
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
            return this;
        }

        /** Sets a key of the {@code Config} object. */
        public ContainerSpec run(String key, Object value) {
            run.put(key, value);
            return this;
        }

        /** Sets a key of the {@code State} object. */
        public ContainerSpec state(String key, Object value) {
            state.put(key, value);
            return this;
        }

        /** Sets a key of {@code hostconfig.json} (which is written only when a key is set). */
        public ContainerSpec host(String key, Object value) {
            if (host == null) {
                host = new LinkedHashMap<>();
            }
            host.put(key, value);
            return this;
        }

        /** Records a started-then-exited state. */
        public ContainerSpec exited(int exitCode, String startedAt, String finishedAt) {
            return state("ExitCode", exitCode).state("StartedAt", startedAt).state("FinishedAt", finishedAt);
        }

        /** Adds a legacy {@code Volumes}/{@code VolumesRW} entry. */
        @SuppressWarnings("unchecked")
        public ContainerSpec legacyVolume(String destination, String hostPath, boolean rw) {
            ((Map<String, Object>) config.computeIfAbsent("Volumes", k -> new LinkedHashMap<>())).put(destination, hostPath);
            ((Map<String, Object>) config.computeIfAbsent("VolumesRW", k -> new LinkedHashMap<>())).put(destination, rw);
            return this;
        }

        /** Adds a {@code MountPoints} entry. */
        @SuppressWarnings("unchecked")
        public ContainerSpec mountPoint(String destination, Map<String, Object> point) {
            Map<String, Object> value = new LinkedHashMap<>(point);
            value.putIfAbsent("Destination", destination);
            ((Map<String, Object>) config.computeIfAbsent("MountPoints", k -> new LinkedHashMap<>()))
                    .put(destination, value);
            return this;
        }

        /** Writes the files; returns the config file. */
        public Path write() {
            if (host != null) {
                writeJson(containerDir(id).resolve("hostconfig.json"), host);
            }
            return writeJson(containerDir(id).resolve(fileName), config);
        }
    }
}
