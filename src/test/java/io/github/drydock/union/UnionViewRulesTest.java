package io.github.drydock.union;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.ContainerLayer;
import io.github.drydock.model.DockerStorageException;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.Layer;
import io.github.drydock.model.LayerKind;
import io.github.drydock.model.ShadowedEntry;
import io.github.drydock.model.ShadowedEntry.Reason;
import io.github.drydock.testing.UnionLayers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static io.github.drydock.testing.UnionLayers.aufsOpaque;
import static io.github.drydock.testing.UnionLayers.aufsWhiteout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The merge rules, on aufs-encoded stacks built in a temp folder (no privileges needed). */
class UnionViewRulesTest {
    @TempDir
    Path tmp;

    private UnionView view(UnionLayers stack) {
        return UnionView.of(stack.layers(), null, NodeInspector.system());
    }

    static List<String> names(List<FileEntry> entries) {
        return entries.stream().map(FileEntry::name).toList();
    }

    static String content(UnionView view, String path) throws IOException {
        try (InputStream in = view.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> shadowSummary(UnionView view) {
        return view.shadowed().stream()
                .map(s -> s.reason() + " " + s.entry().path() + " " + s.entry().type() + "@" + s.entry().layerId()
                        + " by " + s.hiddenBy())
                .toList();
    }

    @Test
    void plainWhiteoutHidesLowerFile() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path base = stack.diff("base");
        write(base.resolve("etc/passwd"), "root:x:0:0\n");
        write(base.resolve("etc/delete-me.txt"), "bye\n");
        aufsWhiteout(stack.diff("top"), "etc/delete-me.txt");
        mkdirs(tmp.resolve("top/etc"));
        UnionView view = view(stack);

        assertThat(names(view.list("/etc"))).containsExactly("passwd");
        assertThat(view.find("/etc/delete-me.txt")).isEmpty();
        assertThat(view.find("/etc/.wh.delete-me.txt")).isEmpty();
        assertThat(content(view, "/etc/passwd")).isEqualTo("root:x:0:0\n");
        assertThat(shadowSummary(view)).containsExactly("WHITEOUT /etc/delete-me.txt FILE@base by top");
    }

    @Test
    void whiteoutOfFolderHidesItsWholeSubtree() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path base = stack.diff("base");
        write(base.resolve("opt/app/lib/x.so"), "elf");
        write(base.resolve("opt/keep"), "k");
        Path top = stack.diff("top");
        aufsWhiteout(top, "opt/app");

        UnionView view = view(stack);

        assertThat(names(view.list("/opt"))).containsExactly("keep");
        assertThat(view.find("/opt/app/lib/x.so")).isEmpty();
        assertThat(shadowSummary(view)).containsExactly(
                "WHITEOUT /opt/app DIR@base by top",
                "WHITEOUT /opt/app/lib DIR@base by top",
                "WHITEOUT /opt/app/lib/x.so FILE@base by top");
    }

    @Test
    void opaqueFolderHidesLowerChildrenButKeepsItsOwnLayersChildren() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path base = stack.diff("base");
        write(base.resolve("opt/replace-me/old1.txt"), "old");
        write(base.resolve("opt/replace-me/sub/deep.txt"), "deep");
        Path top = stack.diff("top");
        aufsOpaque(top, "opt/replace-me");
        write(top.resolve("opt/replace-me/new.txt"), "new");

        UnionView view = view(stack);

        assertThat(names(view.list("/opt/replace-me"))).containsExactly("new.txt");
        assertThat(view.find("/opt/replace-me/.wh..wh..opq")).isEmpty();
        assertThat(view.find("/opt/replace-me").orElseThrow().layerId()).isEqualTo("top");
        assertThat(shadowSummary(view)).containsExactly(
                "OPAQUE /opt/replace-me/old1.txt FILE@base by top",
                "OPAQUE /opt/replace-me/sub DIR@base by top",
                "OPAQUE /opt/replace-me/sub/deep.txt FILE@base by top");
    }

    @Test
    void whiteoutUnderOpaqueFolderIsHarmlessAndHidden() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path base = stack.diff("base");
        write(base.resolve("d/a"), "a");
        write(base.resolve("d/b"), "b");
        Path top = stack.diff("top");
        aufsOpaque(top, "d");
        aufsWhiteout(top, "d/a");
        write(top.resolve("d/c"), "c");

        UnionView view = view(stack);

        assertThat(names(view.list("/d"))).containsExactly("c");
        assertThat(view.walk().map(FileEntry::path).toList()).containsExactly("/", "/d", "/d/c");
    }

    @Test
    void fileThenFolderThenFileAcrossLayers() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        write(stack.diff("l0").resolve("x"), "v0");
        write(stack.diff("l1").resolve("x/inner"), "inner");
        write(stack.diff("l2").resolve("x"), "v2");

        UnionView view = view(stack);

        FileEntry x = view.find("/x").orElseThrow();
        assertThat(x.type()).isEqualTo(FileType.FILE);
        assertThat(x.layerId()).isEqualTo("l2");
        assertThat(content(view, "/x")).isEqualTo("v2");
        assertThat(view.find("/x/inner")).isEmpty();
        assertThat(shadowSummary(view)).containsExactly(
                "REPLACED /x DIR@l1 by l2",
                "REPLACED /x FILE@l0 by l1",
                "REPLACED /x/inner FILE@l1 by l2");
    }

    @Test
    void folderOverFileStopsTheMergeOfLowerFolders() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        write(stack.diff("l0").resolve("x/from-l0"), "0");
        write(stack.diff("l1").resolve("x"), "file");
        write(stack.diff("l2").resolve("x/from-l2"), "2");

        UnionView view = view(stack);

        assertThat(names(view.list("/x"))).containsExactly("from-l2");
    }

    @Test
    void foldersMergeAcrossLayersAndUpperMetadataWins() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        write(stack.diff("l0").resolve("etc/a"), "a0");
        Path l1 = stack.diff("l1");
        write(l1.resolve("etc/b"), "b1");
        write(l1.resolve("etc/a"), "a1");
        Files.setPosixFilePermissions(l1.resolve("etc"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        UnionView view = view(stack);

        assertThat(names(view.list("/etc"))).containsExactly("a", "b");
        assertThat(content(view, "/etc/a")).isEqualTo("a1");
        assertThat(view.find("/etc").orElseThrow().mode()).isEqualTo(0700);
        assertThat(view.shadowed()).as("an older version of a file is not 'hidden'").isEmpty();
    }

    @Test
    void hardLinkWhoseOtherNameWasDeletedAboveStaysAFile() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path base = stack.diff("base");
        write(base.resolve("data/seed.txt"), "seed");
        Files.createLink(base.resolve("data/seed-hard.txt"), base.resolve("data/seed.txt"));
        aufsWhiteout(stack.diff("top"), "data/seed.txt");

        UnionView view = view(stack);

        FileEntry hard = view.find("/data/seed-hard.txt").orElseThrow();
        assertThat(hard.type()).isEqualTo(FileType.FILE);
        assertThat(hard.hardLinkKey()).isPresent();
        assertThat(view.find("/data/seed.txt")).isEmpty();
        assertThat(content(view, "/data/seed-hard.txt")).isEqualTo("seed");
    }

    @Test
    void symlinkLoopStopsResolutionButListingWorks() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path base = stack.diff("base");
        symlink(base.resolve("loop/a"), "b");
        symlink(base.resolve("loop/b"), "/loop/a");
        UnionView view = view(stack);

        assertThat(names(view.list("/loop"))).containsExactly("a", "b");
        assertThat(view.find("/loop/a").orElseThrow().linkTarget()).isEqualTo("b");
        assertThat(view.resolve("/loop/a", false).orElseThrow().type()).isEqualTo(FileType.SYMLINK);
        assertThatThrownBy(() -> view.resolve("/loop/a", true))
                .isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("too many levels of symbolic links");
    }

    @Test
    void resolutionFollowsLinksInsideTheViewNeverOnTheHost() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path base = stack.diff("base");
        write(base.resolve("bin/tool"), "#!tool");
        symlink(base.resolve("usr/bin"), "../bin");
        symlink(base.resolve("data/shadow-link"), "/etc/shadow");
        symlink(base.resolve("srv/escape-link"), "../../../../../../../etc/passwd");
        write(base.resolve("etc/passwd"), "view passwd");
        UnionView view = view(stack);

        assertThat(view.resolve("/usr/bin/tool", true).orElseThrow().path()).isEqualTo("/bin/tool");
        assertThat(view.find("/usr/bin/tool")).as("find follows nothing").isEmpty();
        assertThat(view.resolve("/data/shadow-link", true)).as("/etc/shadow of the host is never read").isEmpty();
        assertThat(view.resolve("/srv/escape-link", true).orElseThrow().path()).isEqualTo("/etc/passwd");
        assertThat(content(view, view.resolve("/srv/escape-link", true).orElseThrow().path())).isEqualTo("view passwd");
        assertThatThrownBy(() -> view.open("/data/shadow-link")).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("SYMLINK");
    }

    @Test
    void aufsBookkeepingIsNeverShown() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path base = stack.diff("base");
        write(base.resolve("etc/hosts"), "h");
        write(base.resolve(".wh..wh.aufs"), "");
        write(base.resolve(".wh..wh.plnk/1234.5678"), "pseudo link");
        mkdirs(base.resolve(".wh..wh.orph"));
        write(base.resolve("etc/.wh."), "");

        UnionView view = view(stack);

        assertThat(view.walk().map(FileEntry::path).toList()).containsExactly("/", "/etc", "/etc/hosts");
        assertThat(view.shadowed()).isEmpty();
    }

    @Test
    void snapshotLayerIgnoresTheStackBelowIt() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "vfs");
        write(stack.snapshot("s0").resolve("old.txt"), "old");
        Path s1 = stack.snapshot("s1");
        write(s1.resolve("new.txt"), "new");

        UnionView view = view(stack);

        assertThat(view.stack()).extracting(ViewLayer::id).containsExactly("s1");
        assertThat(names(view.list("/"))).containsExactly("new.txt");
    }

    @Test
    void snapshotContainerIgnoresImageLayers() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "vfs");
        write(stack.snapshot("image").resolve("etc/image.txt"), "i");
        ContainerLayer container = stack.container("ctr", LayerKind.SNAPSHOT);
        write(container.path().resolve("etc/container.txt"), "c");
        write(container.initPath().resolve("etc/hosts"), "");

        UnionView view = UnionView.of(stack.layers(), container, NodeInspector.system());

        assertThat(view.stack()).extracting(ViewLayer::id).containsExactly("ctr");
        assertThat(names(view.list("/etc"))).containsExactly("container.txt");
    }

    @Test
    void containerViewStacksReadWriteOverInitOverImage() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path image = stack.diff("image");
        write(image.resolve("etc/passwd"), "p");
        write(image.resolve("usr/share/doc/readme"), "r");
        ContainerLayer container = stack.container("ctr", LayerKind.DIFF);
        write(container.initPath().resolve("etc/hostname"), "");
        write(container.initPath().resolve(".dockerenv"), "");
        aufsWhiteout(container.path(), "usr/share/doc/readme");
        write(container.path().resolve("srv/new-file.txt"), "new");

        UnionView view = UnionView.of(stack.layers(), container, NodeInspector.system());

        assertThat(view.stack()).extracting(ViewLayer::id).containsExactly("ctr", "ctr-init", "image");
        assertThat(view.walk().map(FileEntry::path).toList()).containsExactly("/", "/.dockerenv", "/etc",
                "/etc/hostname", "/etc/passwd", "/srv", "/srv/new-file.txt", "/usr", "/usr/share", "/usr/share/doc");
        assertThat(view.find("/etc/hostname").orElseThrow().layerId()).isEqualTo("ctr-init");
    }

    @Test
    void walkIsDepthFirstInCodePointOrder() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path base = stack.diff("base");
        write(base.resolve("a/b"), "");
        write(base.resolve("a.txt"), "");
        write(base.resolve("B"), "");
        write(base.resolve("\uD83D\uDE00"), "");
        write(base.resolve("\uFF21"), "");

        UnionView view = view(stack);

        assertThat(view.walk().map(FileEntry::path).toList())
                .containsExactly("/", "/B", "/a", "/a/b", "/a.txt", "/\uFF21", "/\uD83D\uDE00");
        assertThat(view.walk("/a").map(FileEntry::path).toList()).containsExactly("/a", "/a/b");
        assertThat(view.walk("/missing")).isEmpty();
    }

    @Test
    void unreadableAndMissingLayersAreProblemsNotFailures() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        write(stack.diff("base").resolve("f"), "f");
        List<Layer> layers = new java.util.ArrayList<>(stack.layers());
        layers.add(new Layer("dm", null, "dm", "base", "devicemapper", LayerKind.UNREADABLE, null, -1, null));
        layers.add(new Layer("gone", null, "gone", "dm", "aufs", LayerKind.DIFF, tmp.resolve("nope"), -1, null));

        UnionView view = UnionView.of(layers, null, NodeInspector.system());

        assertThat(names(view.list("/"))).containsExactly("f");
        assertThat(view.problems()).extracting(p -> p.message())
                .anySatisfy(m -> assertThat(m).contains("layer dm (devicemapper) cannot be read offline"))
                .anySatisfy(m -> assertThat(m).contains("layer gone (aufs)").contains("not a folder"));
    }

    @Test
    void listOfMissingOrNonFolderPathFails() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        write(stack.diff("base").resolve("f"), "f");
        UnionView view = view(stack);

        assertThatThrownBy(() -> view.list("/nope")).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("no such file or folder in the view: /nope");
        assertThatThrownBy(() -> view.list("/f")).isInstanceOf(DockerStorageException.class)
                .hasMessageContaining("not a folder");
    }

    @Test
    void shadowedReportsTheHiddenEntryWithItsLayerAndSource() throws IOException {
        UnionLayers stack = new UnionLayers(tmp, "aufs");
        Path base = stack.diff("base");
        write(base.resolve("secret.key"), "KEY");
        aufsWhiteout(stack.diff("cleanup"), "secret.key");

        ShadowedEntry hidden = view(stack).shadowed().get(0);

        assertThat(hidden.reason()).isEqualTo(Reason.WHITEOUT);
        assertThat(hidden.hiddenBy()).isEqualTo("cleanup");
        assertThat(hidden.entry().source()).isEqualTo(base.resolve("secret.key"));
        assertThat(Files.readString(hidden.entry().source())).isEqualTo("KEY");
        assertThat(hidden.entry().size()).isEqualTo(3);
    }

    @Test
    void imageWithoutLayersIsAnEmptyRoot() throws IOException {
        UnionView view = UnionView.of(List.of(), null, NodeInspector.system());

        assertThat(view.root().type()).isEqualTo(FileType.DIR);
        assertThat(view.list("/")).isEmpty();
        assertThat(view.walk().map(FileEntry::path).toList()).containsExactly("/");
        assertThat(view.problems()).isEmpty();
    }
}
