package io.github.drydock.layout;

import io.github.drydock.model.Container;
import io.github.drydock.model.Link;
import io.github.drydock.model.Mount;
import io.github.drydock.model.PortBinding;
import io.github.drydock.model.Problem;
import io.github.drydock.model.Volume;
import io.github.drydock.testing.ContainerRootBuilder;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.github.drydock.testing.ContainerRootBuilder.hexId;
import static org.assertj.core.api.Assertions.assertThat;

class ContainerStoreTest {
    private static final String DB = hexId("db");
    private static final String WEB = hexId("web");
    private static final String VOLUME = hexId("mysql volume");

    @TempDir
    Path temp;

    private ContainerRootBuilder builder() {
        return new ContainerRootBuilder(temp.resolve("docker")).legacyImage(hexId("image"));
    }

    private static Container only(List<Container> containers, String id) {
        return containers.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void legacyConfigMapsVfsVolumeToMysqlDataFolder() {
        ContainerRootBuilder b = builder();
        b.legacyContainer(DB).set("Name", "/db").run("Image", "mysql:5.7.5")
                .legacyVolume("/var/lib/mysql", "/var/lib/docker/vfs/dir/" + VOLUME, true)
                .legacyVolume("/backup", "/srv/backup", false)
                .exited(0, "2015-03-01T12:00:01Z", "2015-03-02T08:00:00Z").write();
        b.vfsDirFile(VOLUME, "ibdata1", new byte[] {1, 2, 3});
        RootContext context = new RootContext(b.root(), null);

        Container db = only(ContainerStore.read(context), DB);

        assertThat(db.name()).isEqualTo("/db");
        assertThat(db.imageRef()).isEqualTo("mysql:5.7.5");
        assertThat(db.imageId()).isEqualTo(hexId("image of " + DB));
        assertThat(db.mounts()).containsExactly(
                new Mount("/backup", "/srv/backup", null, false, "bind", null, null),
                new Mount("/var/lib/mysql", "/var/lib/docker/vfs/dir/" + VOLUME, VOLUME, true, "volume", "local",
                        b.root().resolve("vfs/dir").resolve(VOLUME)));
        assertThat(db.source()).isEqualTo(b.containerDir(DB).resolve("config.json"));
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void volumePathOfAnotherRootLocationStillMatchesBySuffix() {
        ContainerRootBuilder b = builder();
        b.legacyContainer(DB).legacyVolume("/var/lib/mysql", "/mnt/disk2/docker/vfs/dir/" + VOLUME + "/", true).write();
        b.vfsDirFile(VOLUME, "ibdata1", new byte[] {1});

        Container db = only(ContainerStore.read(new RootContext(b.root(), null)), DB);

        assertThat(db.mounts()).singleElement().satisfies(m -> {
            assertThat(m.volume()).isEqualTo(VOLUME);
            assertThat(m.dataPath()).isEqualTo(b.root().resolve("vfs/dir").resolve(VOLUME));
        });
    }

    @Test
    void rootThatLivedAtSrvDockerStillRebasesLogAndDataSymlink() {
        ContainerRootBuilder b = builder();
        String recordedLog = "/srv/docker/containers/" + DB + "/" + DB + "-json.log";
        b.legacyContainer(DB).set("LogPath", recordedLog)
                .mountPoint("/var/lib/mysql", Map.of("Name", VOLUME, "Driver", "local", "RW", true, "Source", ""))
                .write();
        b.log(DB, "", List.of(ContainerRootBuilder.logLine("stdout", "2015-03-01T12:00:00Z", "hi\n")));
        b.dataSymlink(VOLUME, "/srv/docker/vfs/dir/" + VOLUME);
        b.vfsDirFile(VOLUME, "ibdata1", new byte[] {9});
        RootContext context = new RootContext(b.root(), null);

        Container db = only(ContainerStore.read(context), DB);

        assertThat(db.logPath()).isEqualTo(b.containerDir(DB).resolve(DB + "-json.log"));
        assertThat(db.mounts()).singleElement().extracting(Mount::dataPath)
                .isEqualTo(b.root().resolve("vfs/dir").resolve(VOLUME));
        assertThat(context.rebase("/srv/docker/vfs/dir/x")).contains(b.root().resolve("vfs/dir/x"));
    }

    @Test
    void mountPointsOf19WithDataSymlinkToOldVfsPathRebaseInsideRoot() {
        ContainerRootBuilder b = builder();
        b.legacyContainer(DB).set("Name", "/db")
                .legacyVolume("/var/lib/mysql", "/var/lib/docker/volumes/" + VOLUME + "/_data", true)
                .mountPoint("/var/lib/mysql", Map.of("Name", VOLUME, "Driver", "local", "RW", true, "Source", "",
                        "Relabel", ""))
                .mountPoint("/conf", Map.of("Name", "", "Driver", "", "RW", false, "Source", "/etc/mysql"))
                .write();
        b.legacyVolumeConfig(VOLUME, "/var/lib/docker/vfs/dir/" + VOLUME, false);
        b.dataSymlink(VOLUME, "/var/lib/docker/vfs/dir/" + VOLUME);
        b.vfsDirFile(VOLUME, "ibdata1", new byte[] {1, 2});

        Container db = only(ContainerStore.read(new RootContext(b.root(), null)), DB);

        assertThat(db.mounts()).containsExactly(
                new Mount("/conf", "/etc/mysql", null, false, "bind", null, null),
                new Mount("/var/lib/mysql", null, VOLUME, true, "volume", "local",
                        b.root().resolve("vfs/dir").resolve(VOLUME)));
    }

    @Test
    void bindMountIsReachableOnlyThroughTheOpenedDisk() {
        Path disk = temp.resolve("disk");
        ContainerRootBuilder b = new ContainerRootBuilder(disk.resolve("var/lib/docker")).legacyImage(hexId("i"));
        b.modernContainer(WEB).mountPoint("/srv", Map.of("Type", "bind", "Source", "/home/site", "RW", true)).write();
        TestFiles.write(disk.resolve("home/site/index.html"), "<h1>");

        Container onDisk = only(ContainerStore.read(new RootContext(b.root(), disk)), WEB);
        Container rootOnly = only(ContainerStore.read(new RootContext(b.root(), null)), WEB);

        assertThat(onDisk.mounts()).singleElement().extracting(Mount::dataPath).isEqualTo(disk.resolve("home/site"));
        assertThat(rootOnly.mounts()).singleElement().extracting(Mount::dataPath).isNull();
    }

    @Test
    void modernConfigWithNamedAnonymousBindAndTmpfsMounts() {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).modernImageStore("overlay2");
        String anonymous = hexId("anonymous");
        b.modernContainer(WEB).set("Name", "/web")
                .set("LogPath", "/var/lib/docker/containers/" + WEB + "/" + WEB + "-json.log")
                .mountPoint("/data", Map.of("Type", "volume", "Name", "namedvol", "Driver", "local", "RW", true,
                        "Source", "/var/lib/docker/volumes/namedvol/_data"))
                .mountPoint("/anon", Map.of("Type", "volume", "Name", anonymous, "Driver", "local", "RW", true,
                        "Source", ""))
                .mountPoint("/mnt/bind", Map.of("Type", "bind", "Source", "/tmp/bind-src", "RW", false))
                .mountPoint("/scratch", Map.of("Type", "tmpfs", "Source", "", "RW", true))
                .host("Tmpfs", Map.of("/run", "rw,noexec"))
                .write();
        b.volumeDataFile("namedvol", "seed.txt", "seed".getBytes());
        b.volumeDataFile(anonymous, "a.txt", "a".getBytes());

        Container web = only(ContainerStore.read(new RootContext(b.root(), null)), WEB);

        assertThat(web.imageId()).isEqualTo(hexId("image of " + WEB));
        assertThat(web.driver()).isEqualTo("overlay2");
        assertThat(web.source()).isEqualTo(b.containerDir(WEB).resolve("config.v2.json"));
        assertThat(web.mounts()).containsExactly(
                new Mount("/anon", null, anonymous, true, "volume", "local",
                        b.root().resolve("volumes").resolve(anonymous).resolve("_data")),
                new Mount("/data", "/var/lib/docker/volumes/namedvol/_data", "namedvol", true, "volume", "local",
                        b.root().resolve("volumes/namedvol/_data")),
                new Mount("/mnt/bind", "/tmp/bind-src", null, false, "bind", null, null),
                new Mount("/run", null, null, true, "tmpfs", null, null),
                new Mount("/scratch", null, null, true, "tmpfs", null, null));
    }

    @Test
    void stateStatusIsDerivedAsDockerDoes() {
        ContainerRootBuilder b = builder();
        String created = hexId("created");
        String exited = hexId("exited");
        String running = hexId("running");
        String paused = hexId("paused");
        String dead = hexId("dead");
        b.legacyContainer(created).write();
        b.legacyContainer(exited).exited(137, "2015-03-01T12:00:01.5+01:00", "2015-03-01T13:00:00Z")
                .state("OOMKilled", true).state("Error", "").write();
        b.legacyContainer(running).state("Running", true).state("Pid", 4242)
                .state("StartedAt", "2015-03-01T12:00:01Z").write();
        b.legacyContainer(paused).state("Running", true).state("Paused", true)
                .state("StartedAt", "2015-03-01T12:00:01Z").write();
        b.legacyContainer(dead).state("Dead", true).state("StartedAt", "2015-03-01T12:00:01Z").write();

        List<Container> all = ContainerStore.read(new RootContext(b.root(), null));

        assertThat(only(all, created).state().status()).isEqualTo("created");
        assertThat(only(all, created).state().startedAt()).isNull();
        Container e = only(all, exited);
        assertThat(e.state().status()).isEqualTo("exited");
        assertThat(e.state().exitCode()).isEqualTo(137);
        assertThat(e.state().oomKilled()).isTrue();
        assertThat(e.state().error()).isNull();
        assertThat(e.state().startedAt()).isEqualTo(Instant.parse("2015-03-01T11:00:01.5Z"));
        assertThat(only(all, running).state().status()).isEqualTo("running");
        assertThat(only(all, running).state().pid()).isEqualTo(4242);
        assertThat(only(all, paused).state().status()).isEqualTo("paused");
        assertThat(only(all, dead).state().status()).isEqualTo("dead");
    }

    @Test
    void restartPolicyPortsAndConfigComeFromBothFiles() {
        ContainerRootBuilder b = builder();
        String always = hexId("always");
        String none = hexId("none");
        b.legacyContainer(DB)
                .run("Env", List.of("MYSQL_ROOT_PASSWORD=secret")).run("Entrypoint", "/entrypoint.sh")
                .run("Cmd", List.of("mysqld", "--user=mysql")).run("ExposedPorts", Map.of("3306/tcp", Map.of()))
                .run("Volumes", Map.of("/var/lib/mysql", Map.of())).run("Labels", Map.of("tier", "db"))
                .run("WorkingDir", "/usr/local/mysql").run("User", "mysql")
                .host("RestartPolicy", Map.of("Name", "on-failure", "MaximumRetryCount", 5))
                .host("PortBindings", Map.of("3306/tcp", List.of(Map.of("HostIp", "127.0.0.1", "HostPort", "3306")),
                        "9000/tcp", List.of()))
                .write();
        b.legacyContainer(always).host("RestartPolicy", Map.of("Name", "always", "MaximumRetryCount", 0)).write();
        b.legacyContainer(none).host("RestartPolicy", Map.of("Name", "", "MaximumRetryCount", 0)).write();

        List<Container> all = ContainerStore.read(new RootContext(b.root(), null));

        Container db = only(all, DB);
        assertThat(db.restartPolicy()).isEqualTo("on-failure:5");
        assertThat(db.portBindings()).containsExactly(new PortBinding("3306/tcp", "127.0.0.1", "3306"));
        assertThat(db.config().entrypoint()).containsExactly("/entrypoint.sh");
        assertThat(db.config().cmd()).containsExactly("mysqld", "--user=mysql");
        assertThat(db.config().env()).containsExactly("MYSQL_ROOT_PASSWORD=secret");
        assertThat(db.config().exposedPorts()).containsExactly("3306/tcp");
        assertThat(db.config().volumes()).containsExactly("/var/lib/mysql");
        assertThat(db.config().labels()).containsEntry("tier", "db");
        assertThat(db.config().user()).isEqualTo("mysql");
        assertThat(db.config().workingDir()).isEqualTo("/usr/local/mysql");
        assertThat(only(all, always).restartPolicy()).isEqualTo("always");
        assertThat(only(all, none).restartPolicy()).isEqualTo("no");
    }

    @Test
    void veryOldContainerWithoutHostconfigDriverOrLogPathIsStillRead() {
        ContainerRootBuilder b = builder();
        b.legacyContainer(DB).set("Driver", "").set("Name", null).run("Cmd", null).write();
        b.log(DB, "", List.of(ContainerRootBuilder.logLine("stdout", "2013-12-01T10:00:00Z", "old\n")));
        RootContext context = new RootContext(b.root(), null);

        Container db = only(ContainerStore.read(context), DB);

        assertThat(db.driver()).isEqualTo("aufs");
        assertThat(db.restartPolicy()).isNull();
        assertThat(db.name()).isNull();
        assertThat(db.config().cmd()).isEmpty();
        assertThat(db.logPath()).isEqualTo(b.containerDir(DB).resolve(DB + "-json.log"));
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void containersAreListedNewestFirst() {
        ContainerRootBuilder b = builder();
        String old = hexId("old");
        String unknown = hexId("unknown");
        b.legacyContainer(old).set("Created", "2014-01-01T00:00:00Z").write();
        b.legacyContainer(DB).set("Created", "2015-01-01T00:00:00Z").write();
        b.legacyContainer(WEB).set("Created", "2015-01-01T00:00:00Z").write();
        b.legacyContainer(unknown).set("Created", null).write();

        List<String> ids = ContainerStore.read(new RootContext(b.root(), null)).stream().map(Container::id).toList();

        List<String> sameTime = DB.compareTo(WEB) < 0 ? List.of(DB, WEB) : List.of(WEB, DB);
        assertThat(ids).containsExactly(sameTime.get(0), sameTime.get(1), old, unknown);
    }

    @Test
    void configV2IsPreferredAndADamagedOneFallsBackToTheOldConfig() {
        ContainerRootBuilder b = builder();
        b.legacyContainer(DB).set("Name", "/old-name").write();
        b.modernContainer(DB).set("Name", "/migrated").write();
        b.legacyContainer(WEB).set("Name", "/web").write();
        TestFiles.write(b.containerDir(WEB).resolve("config.v2.json"), "{\"ID\":");
        RootContext context = new RootContext(b.root(), null);

        List<Container> all = ContainerStore.read(context);

        assertThat(only(all, DB).name()).isEqualTo("/migrated");
        assertThat(only(all, WEB).name()).isEqualTo("/web");
        assertThat(only(all, WEB).source()).isEqualTo(b.containerDir(WEB).resolve("config.json"));
        assertThat(context.problems()).singleElement().extracting(Problem::message).asString()
                .startsWith("cannot parse container config " + WEB.substring(0, 12) + ": ")
                .contains("config.v2.json");
    }

    @Test
    void truncatedConfigIsAProblemAndOtherContainersAreStillListed() {
        ContainerRootBuilder b = builder();
        b.legacyContainer(WEB).set("Name", "/web").write();
        Path config = b.legacyContainer(DB).write();
        String text = TestFiles.read(config);
        TestFiles.write(config, text.substring(0, text.length() / 2));
        RootContext context = new RootContext(b.root(), null);

        List<Container> all = ContainerStore.read(context);

        assertThat(all).extracting(Container::id).containsExactly(WEB);
        assertThat(context.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(config.toString());
            assertThat(p.message()).contains("cannot parse container config " + DB.substring(0, 12), config.toString());
        });
    }

    @Test
    void hugeConfigIsRefusedWithoutBeingRead() throws IOException {
        ContainerRootBuilder b = builder();
        b.legacyContainer(WEB).write();
        Path config = TestFiles.mkdirs(b.containerDir(DB)).resolve("config.json");
        try (RandomAccessFile sparse = new RandomAccessFile(config.toFile(), "rw")) {
            sparse.setLength(2L * 1024 * 1024 * 1024); // sparse: costs no disk
        }
        RootContext context = new RootContext(b.root(), null);

        List<Container> all = ContainerStore.read(context);

        assertThat(all).extracting(Container::id).containsExactly(WEB);
        assertThat(context.problems()).singleElement().extracting(Problem::message).asString()
                .contains("2147483648 bytes", "64 MiB limit");
    }

    @Test
    void missingConfigMismatchingIdAndSymlinkedFolderAreProblems() {
        ContainerRootBuilder b = builder();
        TestFiles.mkdirs(b.containerDir(hexId("empty")));
        b.legacyContainer(DB).set("ID", WEB).write();
        TestFiles.symlink(b.containerDir(hexId("link")), "/etc");
        RootContext context = new RootContext(b.root(), null);

        List<Container> all = ContainerStore.read(context);

        assertThat(all).extracting(Container::id).containsExactly(DB);
        assertThat(context.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m)
                .contains("no config.v2.json or config.json")).anySatisfy(m -> assertThat(m)
                .contains("records ID " + WEB, "folder name is used")).anySatisfy(m -> assertThat(m)
                .contains("is a symlink: not followed"));
    }

    @Test
    void hostconfigLinksOfEveryFormatBecomeLinks() {
        ContainerRootBuilder b = builder();
        String cache = hexId("cache");
        b.legacyContainer(DB).set("Name", "/db").write();
        b.legacyContainer(cache).set("Name", "/cache").write();
        b.modernContainer(WEB).set("Name", "/web")
                .host("Links", List.of("/db:/web/database", "cache:c", "gone")).write();

        Container web = only(ContainerStore.read(new RootContext(b.root(), null)), WEB);

        assertThat(web.links()).containsExactly(new Link(cache, "/cache", "c"),
                new Link(DB, "/db", "database"), new Link(null, "/gone", "gone"));
    }

    @Test
    void hostileVolumeNamesAndPathsAreNeitherFollowedNorFatal() {
        ContainerRootBuilder b = builder();
        TestFiles.write(b.root().resolve("etc/passwd-lookalike"), "x");
        b.modernContainer(WEB).set("Name", "/web").set("LogPath", "/var/lib/docker/containers/\u0000/x")
                .mountPoint("/a", Map.of("Type", "volume", "Name", "../../etc", "Driver", "local"))
                .mountPoint("/b", Map.of("Type", "bind", "Source", "/var/lib/docker/../../../etc"))
                .write();
        RootContext context = new RootContext(b.root(), null);

        Container web = only(ContainerStore.read(context), WEB);
        List<Volume> volumes = VolumeStore.read(context, List.of(web));

        assertThat(web.logPath()).isNull();
        assertThat(web.mounts()).extracting(Mount::dataPath).containsOnlyNulls();
        assertThat(volumes).singleElement().satisfies(v -> assertThat(v.path()).isNull());
        assertThat(context.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("../../etc", "not a plain folder name"));
    }

    @Test
    void originalRootLearnedFromAnyContainerRebasesEveryContainer() {
        ContainerRootBuilder b = builder();
        String first = "0".repeat(63) + "1";   // read first: its bind source needs what the second teaches
        String second = "f".repeat(64);
        b.legacyContainer(first)
                .mountPoint("/shared", Map.of("Name", "", "Driver", "", "RW", true, "Source", "/srv/docker/tmp/shared"))
                .write();
        b.legacyContainer(second).set("HostnamePath", "/srv/docker/containers/" + second + "/hostname")
                .set("ResolvConfPath", "/etc/resolv.conf").write();
        TestFiles.write(b.root().resolve("tmp/shared/file"), "x");

        Container c = only(ContainerStore.read(new RootContext(b.root(), null)), first);

        assertThat(c.mounts()).singleElement().extracting(Mount::dataPath).isEqualTo(b.root().resolve("tmp/shared"));
    }
}
