package io.github.drydock.hostile;

import io.github.drydock.archive.ExportResult;
import io.github.drydock.archive.ExportWriter;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.driver.WhiteoutEncoding;
import io.github.drydock.model.FileEntry;
import io.github.drydock.model.LayerKind;
import io.github.drydock.testing.TmpfsTempDirFactory;
import io.github.drydock.union.UnionView;
import io.github.drydock.union.ViewLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One folder with 1,000,000 entries in a layer, over a lower layer that has some of the same names.
 * Too slow for the default run (making the files alone takes most of a minute): run with
 * {@code mvn test -Dtest=HugeDirectoryTest -Ddrydock.hostile.huge=true}; it prints time and heap.
 */
@EnabledIfSystemProperty(named = "drydock.hostile.huge", matches = "true")
class HugeDirectoryTest {
    private static final int ENTRIES = 1_000_000;

    @TempDir(factory = TmpfsTempDirFactory.class)
    Path tmp;

    @Test
    void aMillionEntriesInOneFolderAreListedWalkedAndExported() throws Exception {
        Path upper = Files.createDirectories(tmp.resolve("upper/big"));
        long start = System.nanoTime();
        Hostile.run("python3", "-c", "import os,sys\nos.chdir(sys.argv[1])\nfor i in range(int(sys.argv[2])):\n"
                + "    os.close(os.open('f%07d' % i, os.O_CREAT | os.O_WRONLY, 0o644))", upper.toString(),
                Integer.toString(ENTRIES));
        Path lower = Files.createDirectories(tmp.resolve("lower/big"));
        for (int i = 0; i < 1000; i++) {
            Files.writeString(lower.resolve(String.format("f%07d", i * 1000)), "lower");
        }
        Files.writeString(lower.resolve("only-lower"), "lower");
        long made = System.nanoTime();
        UnionView view = UnionView.ofStack(List.of(new ViewLayer("upper", tmp.resolve("upper"), LayerKind.DIFF,
                WhiteoutEncoding.AUFS), ViewLayer.snapshot("lower", tmp.resolve("lower"))), NodeInspector.system());

        List<FileEntry> listed = Hostile.within(600, () -> view.list("/big"));
        long listedAt = System.nanoTime();
        long walked = Hostile.within(600, () -> view.walk().count());
        long walkedAt = System.nanoTime();
        ExportResult exported = Hostile.within(600, () -> ExportWriter.write(view, OutputStream.nullOutputStream()));
        long exportedAt = System.nanoTime();

        System.out.printf("huge folder: made %d files in %d s; list %d ms, walk %d ms, export %d ms; heap peak %d MiB%n",
                ENTRIES, (made - start) / 1_000_000_000, (listedAt - made) / 1_000_000, (walkedAt - listedAt) / 1_000_000,
                (exportedAt - walkedAt) / 1_000_000, heapPeak() >> 20);
        assertThat(listed).hasSize(ENTRIES + 1);
        assertThat(walked).isEqualTo(ENTRIES + 1 + 2); // + root, /big
        assertThat(exported.entries()).isEqualTo(ENTRIES + 1 + 1);
        assertThat(exported.bytes()).isEqualTo("lower".length()); // upper's empty files hide lower's
        assertThat(exported.problems()).isEmpty();
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
