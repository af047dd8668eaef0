package io.github.drydock.layout;

import io.github.drydock.model.Container;
import io.github.drydock.model.Problem;
import io.github.drydock.model.Volume;
import io.github.drydock.model.VolumeUse;
import io.github.drydock.testing.BoltFileWriter;
import io.github.drydock.testing.ContainerRootBuilder;
import io.github.drydock.testing.TestFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.github.drydock.testing.ContainerRootBuilder.hexId;
import static org.assertj.core.api.Assertions.assertThat;

class VolumeStoreTest {
    private static final String DB = hexId("db");
    private static final String WEB = hexId("web");
    private static final String IMAGE = hexId("image");
    private static final String MYSQL = hexId("mysql volume");
    private static final String ORPHAN = hexId("orphan volume");

    @TempDir
    Path temp;

    private static List<Volume> read(RootContext context) {
        return VolumeStore.read(context, ContainerStore.read(context));
    }

    private static Volume named(List<Volume> volumes, String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void legacyVfsVolumeIsMappedToItsContainerAndOrphansAreListed() {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).legacyImage(IMAGE);
        b.legacyContainer(DB).set("Name", "/db")
                .legacyVolume("/var/lib/mysql", "/var/lib/docker/vfs/dir/" + MYSQL, true).write();
        b.legacyVolumeConfig(MYSQL, "/var/lib/docker/vfs/dir/" + MYSQL, false);
        b.legacyVolumeConfig(hexId("bind"), "/srv/www", true);
        b.vfsDirFile(MYSQL, "ibdata1", new byte[1000]);
        b.vfsDirFile(MYSQL, "mysql/user.frm", new byte[24]);
        b.vfsDirFile(ORPHAN, "left-behind", new byte[7]);
        b.legacyVolumeJson(ORPHAN, "2014-05-01T10:00:00.5Z");
        b.vfsDirFile(IMAGE, "bin/sh", new byte[5]);      // vfs storage driver: an image layer
        b.vfsDirFile(DB, "etc/x", new byte[5]);          // the container's layer
        b.vfsDirFile(DB + "-init", "etc/hosts", new byte[5]);
        RootContext context = new RootContext(b.root(), null);

        List<Volume> volumes = read(context);

        assertThat(volumes).extracting(Volume::name).containsExactlyInAnyOrder(MYSQL, ORPHAN).isSorted();
        Volume mysql = named(volumes, MYSQL);
        assertThat(mysql.path()).isEqualTo(b.root().resolve("vfs/dir").resolve(MYSQL));
        assertThat(mysql.size()).isEqualTo(1024);
        assertThat(mysql.containers()).containsExactly(new VolumeUse(DB, "/db", "/var/lib/mysql", true));
        assertThat(mysql.anonymous()).isTrue();
        assertThat(mysql.driver()).isEqualTo("local");
        assertThat(mysql.source()).isEqualTo("vfs/dir");
        Volume orphan = named(volumes, ORPHAN);
        assertThat(orphan.orphan()).isTrue();
        assertThat(orphan.size()).isEqualTo(7);
        assertThat(orphan.created()).isEqualTo(Instant.parse("2014-05-01T10:00:00.5Z"));
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void migratedDataSymlinkToTheOldVfsPathIsFollowedInsideTheRoot() {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).legacyImage(IMAGE);
        b.legacyContainer(DB).set("Name", "/db")
                .mountPoint("/var/lib/mysql", Map.of("Name", MYSQL, "Driver", "local", "RW", true, "Source", ""))
                .write();
        b.legacyVolumeConfig(MYSQL, "/var/lib/docker/vfs/dir/" + MYSQL, false);
        b.dataSymlink(MYSQL, "/var/lib/docker/vfs/dir/" + MYSQL);
        b.vfsDirFile(MYSQL, "ibdata1", new byte[10]);

        List<Volume> volumes = read(new RootContext(b.root(), null));

        assertThat(volumes).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo(b.root().resolve("vfs/dir").resolve(MYSQL));
            assertThat(v.source()).isEqualTo("vfs/dir");
            assertThat(v.size()).isEqualTo(10);
            assertThat(v.containers()).extracting(VolumeUse::destination).containsExactly("/var/lib/mysql");
        });
    }

    @Test
    void dataSymlinkOutOfTheRootIsRefused() {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).modernImageStore("overlay2");
        b.modernContainer(WEB).set("Name", "/web")
                .mountPoint("/x", Map.of("Type", "volume", "Name", "evil", "Driver", "local", "RW", true)).write();
        b.dataSymlink("evil", "/etc");
        b.dataSymlink("sneaky", "../../../../../../etc");
        RootContext context = new RootContext(b.root(), null);

        List<Container> containers = ContainerStore.read(context);
        List<Volume> volumes = VolumeStore.read(context, containers);

        assertThat(containers.get(0).mounts()).singleElement().satisfies(m -> assertThat(m.dataPath()).isNull());
        assertThat(volumes).extracting(Volume::name).containsExactly("evil", "sneaky");
        assertThat(volumes).allSatisfy(v -> {
            assertThat(v.path()).isNull();
            assertThat(v.size()).isEqualTo(-1);
        });
        assertThat(named(volumes, "evil").containers()).extracting(VolumeUse::id).containsExactly(WEB);
        assertThat(context.problems()).hasSize(2).allSatisfy(p -> assertThat(p.message())
                .contains("outside the root: not followed"));
    }

    @Test
    void modernNamedAnonymousAndOrphanVolumesWithMetadataStore() {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).modernImageStore("overlay2");
        String anonymous = hexId("anonymous");
        b.modernContainer(WEB).set("Name", "/web")
                .mountPoint("/data", Map.of("Type", "volume", "Name", "namedvol", "Driver", "local", "RW", false,
                        "Source", "/var/lib/docker/volumes/namedvol/_data"))
                .mountPoint("/anon", Map.of("Type", "volume", "Name", anonymous, "Driver", "local", "RW", true))
                .mountPoint("/nfs", Map.of("Type", "volume", "Name", "shared", "Driver", "netshare", "RW", true))
                .write();
        b.volumeDataFile("namedvol", "seed.txt", "seed data\n".getBytes());
        b.volumeDataFile(anonymous, "a", new byte[3]);
        b.volumeDataFile("leftover", "old.txt", new byte[4]);
        b.vfsDirFile(hexId("layer cache id"), "bin/sh", new byte[9]); // a vfs layer of a 1.10+ root: no volume
        TestFiles.write(b.root().resolve("volumes/backingFsBlockDev"), new byte[0]);
        BoltFileWriter.write(b.root().resolve("volumes/metadata.db"), "volumes", Map.of(
                "namedvol", "{\"Name\":\"namedvol\",\"Driver\":\"local\",\"Labels\":{\"org.example\":\"x\"},\"Options\":{}}",
                anonymous, "{\"Name\":\"" + anonymous + "\",\"Driver\":\"local\",\"Labels\":null,\"Options\":null}"), true);
        RootContext context = new RootContext(b.root(), null);

        List<Volume> volumes = read(context);

        assertThat(volumes).extracting(Volume::name).containsExactly(anonymous, "leftover", "namedvol", "shared");
        Volume named = named(volumes, "namedvol");
        assertThat(named.labels()).containsExactly(Map.entry("org.example", "x"));
        assertThat(named.anonymous()).isFalse();
        assertThat(named.size()).isEqualTo(10);
        assertThat(named.path()).isEqualTo(b.root().resolve("volumes/namedvol/_data"));
        assertThat(named.source()).isEqualTo("volumes");
        assertThat(named.created()).isNotNull();
        assertThat(named.containers()).containsExactly(new VolumeUse(WEB, "/web", "/data", false));
        assertThat(named(volumes, anonymous).anonymous()).isTrue();
        assertThat(named(volumes, "leftover").orphan()).isTrue();
        Volume plugin = named(volumes, "shared");
        assertThat(plugin.driver()).isEqualTo("netshare");
        assertThat(plugin.path()).isNull();
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void volumeWhoseDataIsGoneIsListedWithAProblem() {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).legacyImage(IMAGE);
        b.legacyContainer(DB).set("Name", "/db")
                .legacyVolume("/var/lib/mysql", "/var/lib/docker/vfs/dir/" + MYSQL, true).write();
        RootContext context = new RootContext(b.root(), null);

        List<Volume> volumes = read(context);

        assertThat(volumes).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo(MYSQL);
            assertThat(v.path()).isNull();
            assertThat(v.source()).isEqualTo("container config");
            assertThat(v.containers()).extracting(VolumeUse::name).containsExactly("/db");
        });
        assertThat(context.problems()).singleElement().extracting(Problem::message).asString()
                .contains("volume " + MYSQL, "data folder is gone", "/db at /var/lib/mysql");
    }

    @Test
    @Timeout(60)
    void sizeWalkNeverOpensFifosNorFollowsSymlinksAndCountsHardLinksOnce() throws IOException {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).modernImageStore("vfs");
        Path data = b.volumeDataFile("vol", "file", new byte[100]);
        Files.createLink(data.resolve("hardlink"), data.resolve("file"));
        TestFiles.write(temp.resolve("outside/big"), new byte[5000]);
        TestFiles.symlink(data.resolve("link-out"), temp.resolve("outside").toString());
        Path deep = data;
        for (int i = 0; i < 300; i++) {
            deep = deep.resolve("d");
        }
        TestFiles.write(deep.resolve("bottom"), new byte[1]);
        boolean fifos = ContainerRootBuilder.mkfifo(data.resolve("pipe"))
                && ContainerRootBuilder.mkfifo(b.root().resolve("volumes/backingFsBlockDev"));
        Assumptions.assumeTrue(fifos, "mkfifo is not available");
        RootContext context = new RootContext(b.root(), null);

        List<Volume> volumes = read(context);

        assertThat(volumes).singleElement().satisfies(v -> assertThat(v.size()).isEqualTo(101));
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void damagedMetadataStoreIsAProblemAndVolumesAreStillListed() {
        ContainerRootBuilder b = new ContainerRootBuilder(temp.resolve("docker")).modernImageStore("overlay2");
        b.volumeDataFile("namedvol", "x", new byte[2]);
        TestFiles.write(b.root().resolve("volumes/metadata.db"), "not a bolt file".repeat(400));
        RootContext context = new RootContext(b.root(), null);

        List<Volume> volumes = read(context);

        assertThat(volumes).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("namedvol");
            assertThat(v.driver()).isEqualTo("local");
            assertThat(v.labels()).isEmpty();
        });
        assertThat(context.problems()).singleElement().extracting(Problem::message).asString()
                .contains("not a bbolt database");
    }

    @Test
    void boltBucketOnItsOwnPageIsRead() throws IOException {
        Path db = BoltFileWriter.write(temp.resolve("metadata.db"), "volumes",
                Map.of("a", "{\"Name\":\"a\"}", "b", "{\"Name\":\"b\",\"Driver\":\"nfs\"}"), false);

        Map<String, byte[]> records = BoltFile.bucket(db, "volumes");

        assertThat(records).containsOnlyKeys("a", "b");
        assertThat(new String(records.get("b"))).isEqualTo("{\"Name\":\"b\",\"Driver\":\"nfs\"}");
        assertThat(BoltFile.bucket(db, "other")).isEmpty();
    }

    @Test
    void volumeLookupUsesTheSameNames() {
        assertThat(VolumeData.validName("../etc")).isFalse();
        assertThat(VolumeData.validName("..")).isFalse();
        assertThat(VolumeData.validName("namedvol")).isTrue();
        assertThat(ContainerMounts.managedVolumeName("/x/vfs/dir/" + MYSQL)).isEqualTo(MYSQL);
        assertThat(ContainerMounts.managedVolumeName("/x/vfs/dir/short")).isNull();
        assertThat(Optional.ofNullable(ContainerMounts.managedVolumeName("/var/lib/docker/volumes/v1/_data")))
                .contains("v1");
    }
}
