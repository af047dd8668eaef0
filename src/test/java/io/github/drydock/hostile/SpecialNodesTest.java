package io.github.drydock.hostile;

import io.github.drydock.DockerRoot;
import io.github.drydock.archive.CopyOut;
import io.github.drydock.archive.ExportResult;
import io.github.drydock.archive.ExportWriter;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.driver.WhiteoutEncoding;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.model.LayerKind;
import io.github.drydock.model.Volume;
import io.github.drydock.synth.Flavor;
import io.github.drydock.synth.SynthSpec;
import io.github.drydock.synth.SynthSummary;
import io.github.drydock.synth.SyntheticRoot;
import io.github.drydock.union.UnionView;
import io.github.drydock.union.ViewLayer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FIFOs, sockets and (as root) device nodes in a layer and in a volume are listed with their type and
 * numbers, exported as tar members (sockets left out, as Docker does), copied as nodes, and never
 * opened: every call runs under a time limit, and opening a FIFO would block it.
 */
class SpecialNodesTest {
    @TempDir
    Path tmp;

    /** Removes the synthetic root first: JUnit would warn about each absolute symlink in it. */
    @org.junit.jupiter.api.AfterEach
    void removeRoot() {
        Hostile.removeTree(tmp.resolve("docker"));
    }

    private UnionView stackWithNodes() throws Exception {
        Path lower = Files.createDirectories(tmp.resolve("lower/run"));
        Files.writeString(lower.resolve("pid"), "1\n");
        Path upper = Files.createDirectories(tmp.resolve("upper/run"));
        Hostile.fifo(upper.resolve("app.fifo"));
        Hostile.socket(upper.resolve("app.sock"));
        if (Hostile.root()) {
            Files.createDirectories(tmp.resolve("upper/dev"));
            Hostile.device(tmp.resolve("upper/dev/null2"), 'c', 1, 3);
            Hostile.device(tmp.resolve("upper/dev/loop200"), 'b', 7, 200);
        }
        return UnionView.ofStack(List.of(new ViewLayer("upper", tmp.resolve("upper"), LayerKind.DIFF, WhiteoutEncoding.AUFS),
                ViewLayer.snapshot("lower", tmp.resolve("lower"))), NodeInspector.system());
    }

    @Test
    void nodesAreListedWithTheirTypeAndNumbers() throws Exception {
        UnionView view = stackWithNodes();
        List<FileEntry> run = Hostile.within(10, () -> view.list("/run"));

        assertThat(run).extracting(FileEntry::name, FileEntry::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("app.fifo", FileType.FIFO),
                org.assertj.core.groups.Tuple.tuple("app.sock", FileType.SOCKET),
                org.assertj.core.groups.Tuple.tuple("pid", FileType.FILE));
        if (Hostile.root()) {
            assertThat(view.find("/dev/null2")).get().extracting(FileEntry::type, FileEntry::devMajor, FileEntry::devMinor)
                    .containsExactly(FileType.CHAR, 1, 3);
            assertThat(view.find("/dev/loop200")).get().extracting(FileEntry::type, FileEntry::devMajor, FileEntry::devMinor)
                    .containsExactly(FileType.BLOCK, 7, 200);
        }
        FileEntry fifo = view.find("/run/app.fifo").orElseThrow();
        assertThatThrownBy(() -> Hostile.within(10, () -> view.open(fifo))).hasMessageContaining("FIFO");
        assertThat(view.problems()).isEmpty();
    }

    @Test
    void exportWritesFifosAndDevicesAsMembersAndLeavesSocketsOut() throws Exception {
        UnionView view = stackWithNodes();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        ExportResult result = Hostile.within(10, () -> ExportWriter.write(view, tar));
        Tars.Read read = Tars.read(tar.toByteArray());

        assertThat(result.skipped()).containsExactly("/run/app.sock");
        assertThat(read.entries()).doesNotContainKey("run/app.sock");
        assertThat(read.entries().get("run/app.fifo").isFIFO()).isTrue();
        assertThat(read.contents().get("run/pid")).asString().isEqualTo("1\n");
        if (Hostile.root()) {
            TarArchiveEntry dev = read.entries().get("dev/null2");
            assertThat(dev.isCharacterDevice()).isTrue();
            assertThat(List.of(dev.getDevMajor(), dev.getDevMinor())).containsExactly(1, 3);
            TarArchiveEntry block = read.entries().get("dev/loop200");
            assertThat(block.isBlockDevice()).isTrue();
            assertThat(List.of(block.getDevMajor(), block.getDevMinor())).containsExactly(7, 200);
        }
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void copyMakesNodesAndSkipsSockets() throws Exception {
        UnionView view = stackWithNodes();
        Path dest = Files.createDirectories(tmp.resolve("out"));
        CopyOut.Result result = Hostile.within(10, () -> CopyOut.copyInto(view, "/", dest, CopyOut.Options.defaults()));

        assertThat(Files.getAttribute(dest.resolve("run/app.fifo"), "unix:mode", LinkOption.NOFOLLOW_LINKS))
                .matches(mode -> ((Integer) mode & 0170000) == 0010000, "is a FIFO");
        assertThat(dest.resolve("run/app.sock")).doesNotExist();
        assertThat(dest.resolve("run/pid")).hasContent("1");
        if (Hostile.root()) {
            assertThat(Files.getAttribute(dest.resolve("dev/null2"), "unix:rdev", LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo((1L << 8) | 3L);
        }
        assertThat(result.special()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void volumeWithNodesIsSizedWithoutOpeningThem() throws Exception {
        SynthSummary s = SyntheticRoot.generate(new SynthSpec(Flavor.MODERN_OVERLAY2, 3, 2, false, 2, 2, 9, 0, 0, 3, 1, 1),
                tmp.resolve("docker"));
        String name = s.volumeNames().get(0);
        Path data = tmp.resolve("docker/volumes").resolve(name).resolve("_data");
        long before = Files.size(data.resolve("README")) + Files.size(data.resolve("db/log.txt"))
                + Files.size(data.resolve(Files.list(data.resolve("db")).filter(p -> p.toString().endsWith(".dat"))
                .findFirst().orElseThrow()));
        Hostile.fifo(data.resolve("queue.fifo"));
        Hostile.socket(data.resolve("mysqld.sock"));
        if (Hostile.root()) {
            Hostile.device(data.resolve("sda"), 'b', 8, 0);
        }

        DockerRoot root = Hostile.within(20, () -> DockerRoot.open(tmp.resolve("docker")));
        Volume volume = root.volume(name).orElseThrow();
        assertThat(volume.size()).isEqualTo(before);
        UnionView view = UnionView.ofFolder(data, name, NodeInspector.system());
        ExportResult exported = Hostile.within(10, () -> ExportWriter.write(view, java.io.OutputStream.nullOutputStream()));
        assertThat(exported.skipped()).containsExactly("/mysqld.sock");
        assertThat(root.problems()).isEmpty();
    }
}
