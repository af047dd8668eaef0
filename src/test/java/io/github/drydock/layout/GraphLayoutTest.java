package io.github.drydock.layout;

import io.github.drydock.model.Driver;
import io.github.drydock.model.HistoryEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.testing.LegacyRootBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.github.drydock.testing.LegacyRootBuilder.SCRATCH;
import static org.assertj.core.api.Assertions.assertThat;

class GraphLayoutTest {
    private static final String MYSQL_DIGEST = "sha256:" + LegacyRootBuilder.id("mysql manifest");

    @TempDir
    Path root;

    private RootContext context;

    /** The worked example of spec §12, shortened: scratch, debian rootfs, apt step, CMD, mysql top. */
    private Map<String, String> mysqlRoot() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String scratch = b.image(SCRATCH).created("2013-06-13T14:03:50.821769Z").json("comment", "Imported from -")
                .json("container_config", Map.of()).json("docker_version", "0.4.0").size(0).write();
        String debian = b.image("debian rootfs").parent(scratch).cmd("/bin/sh", "-c", "#(nop) ADD file:5b9c4e in /")
                .size(84_980_000).write();
        String apt = b.image("apt step").parent(debian).cmd("/bin/sh", "-c", "apt-get update && apt-get install -y perl")
                .json("author", "Docker Library").size(5_120).write();
        String bash = b.image("debian cmd").parent(apt).cmd("/bin/sh", "-c", "#(nop) CMD [/bin/bash]").size(0).write();
        String top = b.image("mysql top").parent(bash)
                .cmd("/bin/sh", "-c", "#(nop) CMD [mysqld --datadir=/var/lib/mysql --user=mysql]")
                .created("2014-10-02T08:15:30.5+02:00").json("docker_version", "1.2.0")
                .config("Entrypoint", List.of("/entrypoint.sh"))
                .config("Cmd", List.of("mysqld", "--datadir=/var/lib/mysql", "--user=mysql"))
                .config("WorkingDir", "/usr/local/mysql").config("User", "")
                .config("Env", List.of("PATH=/usr/local/mysql/bin:/usr/bin", "MYSQL_MAJOR=5.7"))
                .config("Volumes", Map.of("/var/lib/mysql", Map.of()))
                .config("ExposedPorts", Map.of("3306/tcp", Map.of()))
                .config("Labels", Map.of("maintainer", "docker-library")).size(0).write();
        b.aufsChain(scratch, debian, apt, bash, top)
                .tag("aufs", "mysql", "5.7", top).tag("aufs", "mysql", "5.7.5", top).tag("aufs", "mysql", MYSQL_DIGEST, top)
                .tag("aufs", "debian", "wheezy", bash).writeRepositories();
        return Map.of("scratch", scratch, "debian", debian, "apt", apt, "bash", bash, "top", top);
    }

    private GraphLayout read(String active, String... others) {
        context = new RootContext(root, null);
        List<Driver> drivers = new java.util.ArrayList<>();
        drivers.add(new Driver(active, root.resolve(active), true, true, 0));
        for (String other : others) {
            drivers.add(new Driver(other, root.resolve(other), false, true, 0));
        }
        return GraphLayout.read(context, drivers);
    }

    private static Image image(GraphLayout layout, String id) {
        return layout.images().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void readsEveryGraphEntrySortedByIdWithoutProblems() {
        Map<String, String> ids = mysqlRoot();
        GraphLayout layout = read("aufs", "vfs");
        assertThat(layout.images()).extracting(Image::id)
                .containsExactlyElementsOf(ids.values().stream().sorted().toList());
        assertThat(layout.layers()).extracting(Layer::id).containsExactlyElementsOf(ids.values().stream().sorted().toList());
        assertThat(layout.driver()).isEqualTo("aufs");
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void tagsAndDigestsComeFromTheTagStoreAndDigestKeysAreNotTags() {
        Map<String, String> ids = mysqlRoot();
        GraphLayout layout = read("aufs");
        Image top = image(layout, ids.get("top"));
        assertThat(top.repoTags()).containsExactly("mysql:5.7", "mysql:5.7.5");
        assertThat(top.repoDigests()).containsExactly("mysql@" + MYSQL_DIGEST);
        assertThat(image(layout, ids.get("bash")).repoTags()).containsExactly("debian:wheezy");
        assertThat(image(layout, ids.get("debian")).repoTags()).isEmpty();
    }

    @Test
    void parentChainVirtualSizeAndOwnSizeFollowLayersize() {
        Map<String, String> ids = mysqlRoot();
        GraphLayout layout = read("aufs");
        Image top = image(layout, ids.get("top"));
        assertThat(top.parentId()).isEqualTo(ids.get("bash"));
        assertThat(top.size()).isZero();
        assertThat(top.virtualSize()).isEqualTo(84_985_120L);
        assertThat(image(layout, ids.get("debian")).virtualSize()).isEqualTo(84_980_000L);
        assertThat(image(layout, SCRATCH).parentId()).isNull();
        assertThat(image(layout, SCRATCH).virtualSize()).isZero();
    }

    @Test
    void historyIsOneStepPerImageBaseFirst() {
        Map<String, String> ids = mysqlRoot();
        List<HistoryEntry> history = image(read("aufs"), ids.get("top")).history();
        assertThat(history).extracting(HistoryEntry::imageId).containsExactly(
                SCRATCH, ids.get("debian"), ids.get("apt"), ids.get("bash"), ids.get("top"));
        assertThat(history).extracting(HistoryEntry::createdBy).containsExactly(
                "", "/bin/sh -c #(nop) ADD file:5b9c4e in /", "/bin/sh -c apt-get update && apt-get install -y perl",
                "/bin/sh -c #(nop) CMD [/bin/bash]",
                "/bin/sh -c #(nop) CMD [mysqld --datadir=/var/lib/mysql --user=mysql]");
        assertThat(history).extracting(HistoryEntry::emptyLayer).containsExactly(true, false, false, true, true);
        assertThat(history).extracting(HistoryEntry::size).containsExactly(0L, 84_980_000L, 5_120L, 0L, 0L);
        assertThat(history.get(0).comment()).isEqualTo("Imported from -");
        assertThat(history.get(0).created()).isEqualTo(Instant.parse("2013-06-13T14:03:50.821769Z"));
        assertThat(history.get(2).author()).isEqualTo("Docker Library");
    }

    @Test
    void layersAreTheAufsDiffFoldersBaseFirst() {
        Map<String, String> ids = mysqlRoot();
        List<Layer> layers = image(read("aufs"), ids.get("top")).layers();
        assertThat(layers).extracting(Layer::id).containsExactly(
                SCRATCH, ids.get("debian"), ids.get("apt"), ids.get("bash"), ids.get("top"));
        Layer debian = layers.get(1);
        assertThat(debian.cacheId()).isEqualTo(ids.get("debian"));
        assertThat(debian.parentId()).isEqualTo(SCRATCH);
        assertThat(debian.driver()).isEqualTo("aufs");
        assertThat(debian.kind()).isEqualTo(LayerKind.DIFF);
        assertThat(debian.path()).isEqualTo(root.resolve("aufs/diff/" + ids.get("debian")));
        assertThat(debian.size()).isEqualTo(84_980_000L);
        assertThat(debian.tarSplit()).isNull();
        assertThat(debian.diffId()).isNull();
        assertThat(layers.get(0).parentId()).isNull();
    }

    @Test
    void imageFieldsAndRunConfigComeFromTheJson() {
        Map<String, String> ids = mysqlRoot();
        Image top = image(read("aufs"), ids.get("top"));
        assertThat(top.created()).isEqualTo(Instant.parse("2014-10-02T06:15:30.500Z"));
        assertThat(top.architecture()).isEqualTo("amd64");
        assertThat(top.os()).isEqualTo("linux");
        assertThat(top.dockerVersion()).isEqualTo("1.2.0");
        assertThat(top.driver()).isEqualTo("aufs");
        assertThat(top.source()).isEqualTo(root.resolve("graph/" + ids.get("top") + "/json"));
        assertThat(top.config().entrypoint()).containsExactly("/entrypoint.sh");
        assertThat(top.config().cmd()).containsExactly("mysqld", "--datadir=/var/lib/mysql", "--user=mysql");
        assertThat(top.config().workingDir()).isEqualTo("/usr/local/mysql");
        assertThat(top.config().user()).isNull();
        assertThat(top.config().env()).containsExactly("PATH=/usr/local/mysql/bin:/usr/bin", "MYSQL_MAJOR=5.7");
        assertThat(top.config().volumes()).containsExactly("/var/lib/mysql");
        assertThat(top.config().exposedPorts()).containsExactly("3306/tcp");
        assertThat(top.config().labels()).containsEntry("maintainer", "docker-library");
        assertThat(image(read("aufs"), SCRATCH).config().cmd()).isEmpty();
    }

    @Test
    void tarSplitChecksumAndMigrationDiffIdAreRecorded() {
        Map<String, String> ids = mysqlRoot();
        String debian = ids.get("debian");
        String diffHex = LegacyRootBuilder.id("diff of debian");
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        b.file("graph/" + debian + "/tar-data.json.gz", "not opened here");
        b.file("graph/" + debian + "/checksum", "sha256:" + LegacyRootBuilder.id("blob"));
        b.file("graph/" + debian + "/.migration-diffid", "sha256:" + diffHex);
        GraphLayout layout = read("aufs");
        Layer layer = image(layout, ids.get("top")).layers().get(1);
        assertThat(layer.tarSplit()).isEqualTo(root.resolve("graph/" + debian + "/tar-data.json.gz"));
        assertThat(layer.diffId()).isEqualTo(diffHex);
        LegacyGraphEntry entry = layout.graphEntry(debian).orElseThrow();
        assertThat(entry.checksum()).isEqualTo("sha256:" + LegacyRootBuilder.id("blob"));
        assertThat(entry.contentAddressed()).isFalse();
        assertThat(entry.parentSource()).isEqualTo(LegacyGraphEntry.ParentSource.JSON_PARENT);
        assertThat(entry.recordedId()).isEqualTo(debian);
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void contentAddressedImagesUseFolderNameAndParentId() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String base = b.contentAddressedImage("2015-11-20T19:33:46.038376854Z",
                List.of("/bin/sh", "-c", "#(nop) ADD file:b908886c in /"), null, 1_113_554);
        String top = b.contentAddressedImage("2015-11-20T19:33:47Z",
                List.of("/bin/sh", "-c", "#(nop) CMD [\"sh\"]"), base, 0);
        b.vfsLayers(base, top).tag("vfs", "busybox", "latest", top).writeRepositories();
        GraphLayout layout = read("vfs");
        Image image = image(layout, top);
        assertThat(image.parentId()).isEqualTo(base);
        assertThat(image.virtualSize()).isEqualTo(1_113_554L);
        assertThat(image.repoTags()).containsExactly("busybox:latest");
        assertThat(image.history()).extracting(HistoryEntry::createdBy)
                .containsExactly("/bin/sh -c #(nop) ADD file:b908886c in /", "/bin/sh -c #(nop) CMD [\"sh\"]");
        assertThat(image.layers()).extracting(Layer::path)
                .containsExactly(root.resolve("vfs/dir/" + base), root.resolve("vfs/dir/" + top));
        assertThat(image.layers()).extracting(Layer::kind).containsOnly(LayerKind.SNAPSHOT);
        LegacyGraphEntry entry = layout.graphEntry(top).orElseThrow();
        assertThat(entry.contentAddressed()).isTrue();
        assertThat(entry.recordedId()).isNull();
        assertThat(entry.parentSource()).isEqualTo(LegacyGraphEntry.ParentSource.JSON_PARENT_ID);
        assertThat(entry.layerId()).isEqualTo("sha256:" + LegacyRootBuilder.id("blob of [/bin/sh, -c, #(nop) CMD [\"sh\"]]"));
        assertThat(entry.v1Compatibility()).isEqualTo(root.resolve("graph/" + top + "/v1Compatibility"));
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void parentFileWinsOverParentIdForAReusedV1Parent() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String v1Base = b.image("old v1 base").size(700).write();
        String top = b.contentAddressedImage("2015-11-20T19:33:47Z", List.of("sh"), LegacyRootBuilder.id("strong"), 5);
        b.file("graph/" + top + "/parent", v1Base);
        b.vfsLayers(v1Base, top);
        GraphLayout layout = read("vfs");
        assertThat(image(layout, top).parentId()).isEqualTo(v1Base);
        assertThat(image(layout, top).virtualSize()).isEqualTo(705L);
        assertThat(layout.graphEntry(top).orElseThrow().parentSource())
                .isEqualTo(LegacyGraphEntry.ParentSource.PARENT_FILE);
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void cmdAndEntrypointAcceptNullArrayOrSingleString() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String id = b.image("string cmd").json("container_config", Map.of("Cmd", "/bin/sh -c make install"))
                .config("Cmd", "echo hi").config("Entrypoint", null).config("Env", java.util.Arrays.asList("A=1", null))
                .size(3).write();
        b.vfsLayers(id);
        Image image = image(read("vfs"), id);
        assertThat(image.config().cmd()).containsExactly("echo hi");
        assertThat(image.config().entrypoint()).isEmpty();
        assertThat(image.config().env()).containsExactly("A=1");
        assertThat(image.history().get(0).createdBy()).isEqualTo("/bin/sh -c make install");
        assertThat(context.problems()).isEmpty();
    }

    @Test
    void goTimesKeepNanosecondsAndTheZeroTimeIsUnknown() {
        LegacyRootBuilder b = LegacyRootBuilder.at(root);
        String nanos = b.image("nanos").created("2015-01-02T03:04:05.123456789-05:00").write();
        String zero = b.image("zero").created("0001-01-01T00:00:00Z").write();
        b.vfsLayers(nanos, zero);
        GraphLayout layout = read("vfs");
        assertThat(image(layout, nanos).created()).isEqualTo(Instant.parse("2015-01-02T08:04:05.123456789Z"));
        assertThat(image(layout, zero).created()).isNull();
        assertThat(context.problems()).isEmpty();
    }
}
