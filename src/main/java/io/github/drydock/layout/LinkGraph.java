package io.github.drydock.layout;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The legacy name and link graph {@code linkgraph.db} (0.7–1.9; SQLite; {@code pkg/graphdb/graphdb.go}
 * v1.9.1): table {@code edge(entity_id, parent_id, name)}. An edge whose parent is the root entity
 * {@code "0"} names a container ({@code /<name>}); an edge whose parent is a container is a link
 * {@code /<parent name>/<alias>} to the child entity. See spec/docker-legacy-layout.md §8.
 *
 * <p>SQLite may write or lock the file it opens, so the evidence is never opened: the database and
 * any rollback journal or WAL beside it are copied to a private temporary folder, the copy is opened
 * read-only, and the folder is deleted afterwards.
 */
final class LinkGraph {
    /** The file name under the root. */
    static final String FILE = "linkgraph.db";
    /** The root entity's id. */
    static final String ROOT_ENTITY = "0";
    /** Files SQLite keeps beside a database: a hot rollback journal or a write-ahead log. */
    private static final List<String> SIDE_FILES = List.of("-journal", "-wal", "-shm");
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * One edge of the graph.
     *
     * @param entityId the child entity (a container id)
     * @param parentId the parent entity ({@code "0"} for a name)
     * @param name     the edge name: a container name without slash, or a link alias
     */
    record Edge(String entityId, String parentId, String name) {
    }

    /**
     * What the database holds.
     *
     * @param names container id → {@code /<name>}
     * @param links edges whose parent is a container, i.e. links
     */
    record Graph(Map<String, String> names, List<Edge> links) {
        Graph {
            names = Map.copyOf(names);
            links = List.copyOf(links);
        }
    }

    private LinkGraph() {
    }

    /**
     * Reads {@code linkgraph.db} if the root has one.
     *
     * @param context the opened root
     * @return the graph; empty when there is none (modern roots) or it is damaged (a problem is recorded)
     */
    static Optional<Graph> read(RootContext context) {
        Path db = context.root().resolve(FILE);
        if (!MetadataFile.present(db)) {
            return Optional.empty();
        }
        Path copyDir = null;
        try {
            checkFile(db);
            copyDir = Files.createTempDirectory("drydock-linkgraph-");
            Path copy = copyDir.resolve(FILE);
            Files.copy(db, copy, LinkOption.NOFOLLOW_LINKS);
            boolean hasSideFiles = copySideFiles(db, copy);
            return Optional.of(queryCopy(copy, hasSideFiles));
        } catch (IOException | SQLException | RuntimeException e) {
            context.problem(db, "cannot read container names and links from " + db + ": " + MetadataFile.describe(e)
                    + "; hint: names come from each container's config, links from hostconfig.json instead");
            return Optional.empty();
        } finally {
            deleteQuietly(copyDir);
        }
    }

    private static void checkFile(Path db) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(db, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new IOException("not a regular file: not opened");
        }
        if (attributes.size() > MetadataFile.MAX_BYTES) {
            throw new IOException("is " + attributes.size() + " bytes, over the " + (MetadataFile.MAX_BYTES >> 20)
                    + " MiB limit: not read");
        }
        try (InputStream in = Files.newInputStream(db, LinkOption.NOFOLLOW_LINKS)) {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw new IOException("not a SQLite database (no 'SQLite format 3' header)");
            }
        }
    }

    private static boolean copySideFiles(Path db, Path copy) throws IOException {
        boolean any = false;
        for (String suffix : SIDE_FILES) {
            Path side = db.resolveSibling(FILE + suffix);
            if (Files.isRegularFile(side, LinkOption.NOFOLLOW_LINKS)) {
                Files.copy(side, copy.resolveSibling(FILE + suffix), StandardCopyOption.REPLACE_EXISTING,
                        LinkOption.NOFOLLOW_LINKS);
                any = true;
            }
        }
        return any;
    }

    /**
     * Queries the private copy read-only. A hot journal beside it cannot be rolled back read-only
     * (SQLITE_READONLY_ROLLBACK), so then the copy — never the evidence — is opened writable once.
     */
    private static Graph queryCopy(Path copy, boolean hasSideFiles) throws SQLException {
        try {
            return query(copy, true);
        } catch (SQLException e) {
            if (!hasSideFiles) {
                throw e;
            }
            return query(copy, false);
        }
    }

    private static Graph query(Path copy, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        Map<String, String> names = new LinkedHashMap<>();
        List<Edge> links = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy, config.toProperties());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT entity_id, parent_id, name FROM edge ORDER BY parent_id, name")) {
            while (rows.next()) {
                Edge edge = new Edge(rows.getString(1), rows.getString(2), rows.getString(3));
                if (edge.entityId() == null || edge.parentId() == null || edge.name() == null) {
                    continue; // the root edge ("0", NULL, "/") or damage
                }
                if (edge.parentId().equals(ROOT_ENTITY)) {
                    names.put(edge.entityId(), "/" + edge.name());
                } else {
                    links.add(edge);
                }
            }
        }
        return new Graph(names, links);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
