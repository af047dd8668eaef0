package io.github.drydock.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** File bytes are streamed: a 2 GiB file exports in a JVM limited to 64 MiB of heap. */
class ExportStreamingTest {
    private static final long TWO_GIB = 2L << 30;

    @TempDir
    Path tmp;

    @Test
    void twoGibFileExportsWithSixtyFourMegabytesOfHeap() throws IOException, InterruptedException {
        Path folder = Files.createDirectories(tmp.resolve("volume"));
        try (RandomAccessFile sparse = new RandomAccessFile(folder.resolve("big.img").toFile(), "rw")) {
            sparse.setLength(TWO_GIB);
        }
        Files.writeString(folder.resolve("small.txt"), "small");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-Dsun.jnu.encoding=UTF-8", "-cp",
                System.getProperty("java.class.path"), ExportMemoryProbe.class.getName(), folder.toString())
                .redirectErrorStream(true).start();
        child.getOutputStream().close();

        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the child JVM finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(child.exitValue()).as(output).isZero();
        String[] counts = output.split(" ");
        long tarBytes = Long.parseLong(counts[0]);
        assertThat(tarBytes).isEqualTo(512 + TWO_GIB + 512 + 5 + 507 + 1024);
        assertThat(counts[1]).isEqualTo("2");
        assertThat(Long.parseLong(counts[2])).isEqualTo(TWO_GIB + 5);
        assertThat(counts[3]).isEqualTo("0");
    }
}
