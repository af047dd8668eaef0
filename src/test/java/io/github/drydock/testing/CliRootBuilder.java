package io.github.drydock.testing;

import java.nio.file.Path;

/**
 * A small seed-like Docker 1.5 root for the CLI's end-to-end tests: a mysql image chain in
 * {@code graph/} with aufs folders and {@code repositories-aufs}, one exited container {@code /db}
 * with a json-file log, and its {@code vfs/dir} volume. Written as Docker 1.5 wrote it.
 */
public final class CliRootBuilder {
    /** The scratch base image. */
    public static final String BASE = "511136ea3c5a64f264b78b5433614aec563103b4d4702f3ba7d4d2698e22c158";
    /** The tagged mysql image. */
    public static final String MYSQL = "c171a2256c3b9d13c77b2b3773eaaad95a9b4a8735613ce46722f79fa29fa366";
    /** A second image sharing the prefix {@code c1} with {@link #MYSQL}. */
    public static final String OTHER = "c1ffee0000000000000000000000000000000000000000000000000000000000";
    /** The mysql container. */
    public static final String DB = "3b03d0aa1e9bf2ce6f29a5dd6c17a6b89a0e0d1c2f3a4b5c6d7e8f9a0b1c2d3e";
    /** The mysql data volume. */
    public static final String VOLUME = "cb4012594631102fc8a69aa6cb4a9aa2dd2be3d39d2564c94ae91ac5e3eb4aec";

    private CliRootBuilder() {
    }

    /**
     * Writes the root.
     *
     * @param root the folder that becomes the Docker root
     * @return the root
     */
    public static Path write(Path root) {
        image(root, BASE, null, "2013-06-13T14:03:50.821769Z", "", 0);
        image(root, MYSQL, BASE, "2015-03-20T10:00:00Z", "/bin/sh -c #(nop) CMD [\\\"mysqld\\\"]", 322_800_000);
        image(root, OTHER, BASE, "2015-03-19T10:00:00Z", "/bin/sh -c #(nop) CMD [\\\"sh\\\"]", 1000);
        TestFiles.write(root.resolve("aufs/layers").resolve(BASE), "");
        TestFiles.write(root.resolve("aufs/layers").resolve(MYSQL), BASE + "\n");
        TestFiles.write(root.resolve("aufs/layers").resolve(OTHER), BASE + "\n");
        TestFiles.write(root.resolve("repositories-aufs"),
                "{\"Repositories\":{\"mysql\":{\"5.7.5\":\"" + MYSQL + "\"}}}");
        container(root);
        return root;
    }

    /** Writes a corrupt container config next to the good ones: readers report it as a problem. */
    public static Path corruptContainer(Path root) {
        String id = "dead" + "0".repeat(60);
        return TestFiles.write(root.resolve("containers").resolve(id).resolve("config.json"), "{\"ID\": \"dead");
    }

    private static void image(Path root, String id, String parent, String created, String cmd, long size) {
        String json = "{\"id\":\"" + id + "\"," + (parent == null ? "" : "\"parent\":\"" + parent + "\",")
                + "\"created\":\"" + created + "\",\"container_config\":{\"Cmd\":[\"" + cmd + "\"]},"
                + "\"docker_version\":\"1.5.0\",\"architecture\":\"amd64\",\"os\":\"linux\",\"Size\":" + size + "}";
        TestFiles.write(root.resolve("graph").resolve(id).resolve("json"), json);
        TestFiles.write(root.resolve("graph").resolve(id).resolve("layersize"), Long.toString(size));
        TestFiles.mkdirs(root.resolve("aufs/diff").resolve(id));
        TestFiles.mkdirs(root.resolve("aufs/mnt").resolve(id));
    }

    private static void container(Path root) {
        Path dir = root.resolve("containers").resolve(DB);
        String config = "{\"ID\":\"" + DB + "\",\"Created\":\"2015-03-21T10:00:00Z\",\"Path\":\"/entrypoint.sh\","
                + "\"Args\":[\"mysqld\"],\"Config\":{\"Image\":\"mysql:5.7.5\",\"Cmd\":[\"mysqld\"],"
                + "\"Volumes\":{\"/var/lib/mysql\":{}}},"
                + "\"State\":{\"Running\":false,\"ExitCode\":3,\"StartedAt\":\"2015-03-21T10:00:01Z\","
                + "\"FinishedAt\":\"2015-04-01T12:00:00Z\"},\"Image\":\"" + MYSQL + "\",\"Name\":\"/db\","
                + "\"Driver\":\"aufs\",\"LogPath\":\"/var/lib/docker/containers/" + DB + "/" + DB + "-json.log\","
                + "\"Volumes\":{\"/var/lib/mysql\":\"/var/lib/docker/vfs/dir/" + VOLUME + "\"},"
                + "\"VolumesRW\":{\"/var/lib/mysql\":true}}";
        TestFiles.write(dir.resolve("config.json"), config);
        TestFiles.write(dir.resolve("hostconfig.json"), "{\"Binds\":null,\"RestartPolicy\":{\"Name\":\"no\"}}");
        TestFiles.write(dir.resolve(DB + "-json.log"),
                "{\"log\":\"Initializing database\\n\",\"stream\":\"stdout\",\"time\":\"2015-03-21T10:00:02.000000001Z\"}\n"
                        + "{\"log\":\"[Warning] no --secure-file-priv\\n\",\"stream\":\"stderr\",\"time\":\"2015-03-21T10:00:03Z\"}\n"
                        + "{\"log\":\"ready for connections.\\n\",\"stream\":\"stdout\",\"time\":\"2015-03-21T10:00:04Z\"}\n");
        TestFiles.mkdirs(root.resolve("aufs/diff").resolve(DB));
        TestFiles.mkdirs(root.resolve("aufs/diff").resolve(DB + "-init"));
        TestFiles.write(root.resolve("vfs/dir").resolve(VOLUME).resolve("auto.cnf"), "[auto]\nserver-uuid=1\n");
        TestFiles.write(root.resolve("volumes").resolve(VOLUME).resolve("config.json"),
                "{\"ID\":\"" + VOLUME + "\",\"Path\":\"/var/lib/docker/vfs/dir/" + VOLUME + "\",\"IsBindMount\":false,"
                        + "\"Writable\":true}");
    }
}
