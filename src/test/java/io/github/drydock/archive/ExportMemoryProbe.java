package io.github.drydock.archive;

import io.github.drydock.driver.NodeInspector;
import io.github.drydock.union.UnionView;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link ExportStreamingTest}: exports a folder into a stream
 * that only counts, and prints the count and the entry count.
 */
public final class ExportMemoryProbe {
    private ExportMemoryProbe() {
    }

    /**
     * @param args the folder to export
     * @throws IOException when the export fails
     */
    public static void main(String[] args) throws IOException {
        long[] count = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        ExportResult result = ExportWriter.write(UnionView.ofFolder(Path.of(args[0]), "probe", NodeInspector.system()),
                counting);
        System.out.println(count[0] + " " + result.entries() + " " + result.bytes() + " " + result.problems().size());
    }
}
