package io.github.drydock;

import io.github.drydock.archive.ContainerDiff;
import io.github.drydock.model.Container;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.Image;
import io.github.drydock.model.ShadowedEntry;
import io.github.drydock.model.Volume;
import io.github.drydock.testing.Fixtures;
import io.github.drydock.union.UnionView;
import io.github.drydock.union.ViewLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The views and diffs {@link DockerRoot} hands out, on the checked-in legacy roots. */
class DockerRootViewsTest {
    private static final String MYSQL_CONTAINER = "fafda563ea121987c80b962e0cf86e57cb2bdafcd453d2175a554fd79936abd5";
    private static final String MYSQL_IMAGE = "c171a2256c3b9d13c77b2b3773eaaad95a9b4a8735613ce46722f79fa29fa366";
    private static final String MYSQL_VOLUME = "cb4012594631102fc8a69aa6cb4a9aa2dd2be3d39d2564c94ae91ac5e3eb4aec";
    private static final String LOST = "eba9b6ca80294c09fe6af85dbcdefc39945a7e937ddc4fa80b88ff1de0752631";
    private static final String APP = "9129bec0ff8c9080b34790a9a7added3863072cb80f64ae139960e6713a656fb";

    @TempDir
    Path tmp;

    private DockerRoot seed() throws DockerStorageException {
        return DockerRoot.open(Fixtures.materialize("legacy-aufs-mediawiki", tmp));
    }

    private static String text(UnionView view, String path) throws Exception {
        try (InputStream in = view.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void containerViewStacksItsOwnLayerOverInitOverTheImage() throws Exception {
        DockerRoot root = seed();
        Container mysql = root.container("mediawiki_mysql_1").orElseThrow();
        UnionView view = root.view(mysql);

        assertThat(view.stack()).extracting(ViewLayer::id).startsWith(MYSQL_CONTAINER, MYSQL_CONTAINER + "-init")
                .contains(MYSQL_IMAGE);
        FileEntry cnf = view.find("/usr/local/mysql/my.cnf").orElseThrow();
        assertThat(cnf.layerId()).as("the container changed my.cnf").isEqualTo(MYSQL_CONTAINER);
        assertThat(text(view, "/usr/local/mysql/my.cnf"))
                .isEqualTo(Files.readString(root.path().resolve("aufs/diff/" + MYSQL_CONTAINER + "/usr/local/mysql/my.cnf")));
        assertThat(view.find("/usr/local/mysql/INSTALL-BINARY")).as("deleted by the container").isEmpty();
        assertThat(view.find("/tmp/mysql-first-time.sql")).get().extracting(FileEntry::layerId).isEqualTo(MYSQL_CONTAINER);
        assertThat(view.find("/etc/hosts")).get().extracting(FileEntry::layerId).isEqualTo(MYSQL_CONTAINER + "-init");
        assertThat(view.shadowed()).filteredOn(s -> s.entry().path().equals("/usr/local/mysql/INSTALL-BINARY"))
                .singleElement().extracting(ShadowedEntry::hiddenBy).isEqualTo(MYSQL_CONTAINER);
        assertThat(view.problems()).isEmpty();
    }

    @Test
    void imageViewHasNeitherTheContainersChangesNorItsInitLayer() throws Exception {
        DockerRoot root = seed();
        Image image = root.image("mysql:5.7.5").orElseThrow();
        UnionView view = root.view(image);

        assertThat(view.find("/usr/local/mysql/INSTALL-BINARY")).isPresent();
        assertThat(view.find("/tmp/mysql-first-time.sql")).isEmpty();
        assertThat(view.find("/etc/hosts")).isEmpty();
        assertThat(view.find("/var/lib/apt/lists/lock")).as("whiteout'd by a build layer").isEmpty();
        assertThat(view.stack()).extracting(ViewLayer::id).doesNotContain(MYSQL_CONTAINER);
    }

    @Test
    void volumeViewIsItsDataFolder() throws Exception {
        DockerRoot root = seed();
        Volume volume = root.volume("cb40").orElseThrow();
        UnionView view = root.view(volume);

        assertThat(view.list("/")).extracting(FileEntry::name).containsExactly("auto.cnf", "ib_logfile0",
                "ib_logfile1", "ibdata1", "ibtmp1", "my_wiki", "mysql", "performance_schema");
        assertThat(view.find("/ibdata1")).get().extracting(FileEntry::layerId).isEqualTo(MYSQL_VOLUME);
    }

    @Test
    void volumeWithoutDataOnThisDiskCannotBeViewed() throws Exception {
        DockerRoot root = seed();
        Volume gone = new Volume("gone", null, -1, "local", false, null, null, null, "volumes");
        assertThatThrownBy(() -> root.view(gone)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("volume gone has no data folder");
    }

    @Test
    void diffListsTheContainersOwnChangesAndItsVolumeMountPoint() throws Exception {
        DockerRoot root = seed();
        ContainerDiff.Result diff = root.diff(root.container("mediawiki_mysql_1").orElseThrow());
        assertThat(diff.changes()).extracting(ContainerDiff.Change::toString).containsExactly(
                "C /tmp", "A /tmp/mysql-first-time.sql", "C /usr", "C /usr/local", "C /usr/local/mysql",
                "D /usr/local/mysql/INSTALL-BINARY", "C /usr/local/mysql/my.cnf",
                "C /var", "C /var/lib", "A /var/lib/mysql");
        assertThat(diff.problems()).isEmpty();
    }

    @Test
    void containerWhoseImageIsGoneShowsItsOwnLayersAndTheRootNamesTheLoss() throws Exception {
        DockerRoot root = DockerRoot.open(Fixtures.materialize("broken/container-without-image", tmp));
        Container lost = root.container("lost").orElseThrow();
        UnionView view = root.view(lost);

        assertThat(view.stack()).extracting(ViewLayer::id).containsExactly(LOST, LOST + "-init");
        assertThat(text(view, "/root/.ash_history")).isNotEmpty();
        assertThat(view.find("/etc/hosts")).isPresent();
        assertThat(view.find("/bin")).as("the image's files are gone with it").isEmpty();
        assertThat(root.problems()).anySatisfy(p -> assertThat(p.message()).contains(lost.shortId())
                .contains("is gone from the image store"));
        assertThat(root.diff(lost).changes()).extracting(ContainerDiff.Change::toString)
                .contains("A /root", "A /root/.ash_history");
    }

    @Test
    void containerWithoutReadWriteLayerCannotBeViewedNorDiffed() throws Exception {
        Path disk = Fixtures.materialize("broken/container-without-image", tmp);
        deleteTree(disk.resolve("aufs/diff/" + APP));
        DockerRoot root = DockerRoot.open(disk);
        Container app = root.container("app").orElseThrow();
        assertThat(app.layer()).isNull();
        assertThatThrownBy(() -> root.view(app)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("container " + app.shortId() + " /app has no read-write layer on this disk");
        assertThatThrownBy(() -> root.diff(app)).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("no read-write layer");
    }

    @Test
    void imageWithAMissingLayerFolderGivesAViewWithAProblem() throws Exception {
        DockerRoot root = DockerRoot.open(Fixtures.materialize("broken/missing-diff", tmp));
        UnionView view = root.view(root.image("app:1").orElseThrow());
        assertThat(view.list("/")).isNotEmpty();
        assertThat(view.problems()).anySatisfy(p -> assertThat(p.message())
                .contains("5cef977584e8485a6e69ba9e4bbfd93c4348f1aa3f9bc512219d4255bf292b0e"));
    }

    @Test
    void everyViewIsFreshSoItsProblemsAreItsOwn() throws Exception {
        DockerRoot root = DockerRoot.open(Fixtures.materialize("broken/missing-diff", tmp));
        Image image = root.image("app:1").orElseThrow();
        UnionView first = root.view(image);
        assertThat(first.problems()).hasSize(1);
        assertThat(root.view(image)).isNotSameAs(first);
        assertThat(root.view(image).problems()).hasSize(1);
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
