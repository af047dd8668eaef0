package io.github.drydock.synth;

import io.github.drydock.DockerRoot;
import io.github.drydock.archive.CopyOut;
import io.github.drydock.archive.ExportResult;
import io.github.drydock.archive.ExportWriter;
import io.github.drydock.archive.SaveImage;
import io.github.drydock.archive.SaveOptions;
import io.github.drydock.archive.SaveResult;
import io.github.drydock.archive.SaveWriter;
import io.github.drydock.archive.TarSplitAssembler;
import io.github.drydock.cli.Main;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.model.Container;
import io.github.drydock.model.Image;
import io.github.drydock.model.Layer;
import io.github.drydock.union.UnionView;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The library side of {@code ./bench}: each sub-command does one measured thing through the public API
 * and prints {@code bench: key=value ...} to stderr, always with the peak heap used (sum of the heap
 * pools' peaks: what the program needed, garbage included, bounded by {@code -Xmx}).
 *
 * <pre>
 * cli ARGS...                 the drydock command line, in-process (exit code kept)
 * open ROOT                   DockerRoot.open and counts
 * walk ROOT IMAGE|CONTAINER   walk the merged view, count entries
 * export ROOT CONTAINER       ExportWriter to stdout
 * save ROOT IMAGE             SaveWriter (docker layout) to stdout
 * asm ROOT IMAGE              every layer tar rebuilt from tar-split (TarSplitAssembler) to stdout
 * cp ROOT CONTAINER DEST      CopyOut of the merged tree into DEST (must be under /tmp/drydock-bench)
 * layers ROOT IMAGE           prints "tarSplit layerFolder" per layer, base first
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {
    }

    /**
     * @param args sub-command and its arguments
     * @throws Exception on failure (the benchmark stops)
     */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String result = run(args[0], Arrays.copyOfRange(args, 1, args.length));
        System.err.printf("bench: %s %s ms=%d heap-peak-mib=%d%n", args[0], result,
                (System.nanoTime() - start) / 1_000_000, heapPeak() >> 20);
        System.exit(result.startsWith("exit=") && !result.equals("exit=0") ? 1 : 0);
    }

    private static String run(String command, String[] a) throws Exception {
        if (command.equals("cli")) {
            PrintStream out = new PrintStream(stdout(), false, StandardCharsets.UTF_8);
            int code = Main.run(a, out, System.err);
            out.flush();
            return "exit=" + code;
        }
        DockerRoot root = DockerRoot.open(Path.of(a[0]));
        switch (command) {
            case "open":
                return "images=" + root.images().size() + " containers=" + root.containers().size() + " volumes="
                        + root.volumes().size() + " problems=" + root.problems().size();
            case "walk": {
                UnionView view = view(root, a[1]);
                long walkStart = System.nanoTime();
                long[] counts = new long[2];
                try (var entries = view.walk()) {
                    entries.forEach(e -> {
                        counts[0]++;
                        counts[1] += e.size();
                    });
                }
                return "entries=" + counts[0] + " bytes=" + counts[1] + " problems=" + view.problems().size()
                        + " walk-ms=" + (System.nanoTime() - walkStart) / 1_000_000;
            }
            case "export": {
                // unbuffered on purpose: ExportWriter buffers itself and copies big files inside the kernel
                try (OutputStream out = new FileOutputStream(FileDescriptor.out)) {
                    ExportResult r = ExportWriter.write(view(root, a[1]), out);
                    return "entries=" + r.entries() + " bytes=" + r.bytes() + " problems=" + r.problems().size();
                }
            }
            case "save": {
                Image image = root.image(a[1]).orElseThrow();
                SaveImage save = SaveImage.read(image.source(), image.repoTags(), image.layers(), null);
                try (OutputStream out = stdout()) {
                    SaveResult r = SaveWriter.write(List.of(save), SaveOptions.docker(), out);
                    return "bytes=" + r.bytes();
                }
            }
            case "asm": {
                long bytes = 0;
                try (OutputStream out = stdout()) {
                    for (Layer layer : root.image(a[1]).orElseThrow().layers()) {
                        bytes += TarSplitAssembler.write(layer, out).size();
                    }
                }
                return "bytes=" + bytes;
            }
            case "cp": {
                Path dest = Path.of(a[2]).toAbsolutePath().normalize();
                if (!dest.startsWith("/tmp") || !dest.getFileName().toString().startsWith("drydock-bench")
                        && !dest.toString().contains("/drydock-bench")) {
                    throw new IllegalArgumentException("cp writes only under /tmp/drydock-bench*: " + dest);
                }
                CopyOut.Result r = CopyOut.copyInto(view(root, a[1]), "/", dest, CopyOut.Options.defaults());
                return "files=" + r.files() + " bytes=" + r.bytes() + " problems=" + r.problems().size();
            }
            case "layers": {
                for (Layer layer : root.image(a[1]).orElseThrow().layers()) {
                    System.out.println(layer.tarSplit() + " " + layer.path());
                }
                return "ok";
            }
            default:
                throw new IllegalArgumentException("unknown sub-command " + command);
        }
    }

    /** The merged view of a container (by id or name) or, failing that, of an image. */
    private static UnionView view(DockerRoot root, String ref) throws Exception {
        var container = root.container(ref);
        if (container.isPresent()) {
            Container c = container.get();
            Image image = root.image(c.imageId()).orElseThrow();
            return UnionView.of(image.layers(), c.layer(), inspector());
        }
        return UnionView.of(root.image(ref).orElseThrow().layers(), null, inspector());
    }

    /**
     * The host's file facts; with {@code BENCH_NO_XATTRS=1} extended attributes are not read (they need
     * a {@code getfattr} process per batch), to show what that reading costs.
     */
    private static NodeInspector inspector() {
        NodeInspector system = NodeInspector.system();
        if (!"1".equals(System.getenv("BENCH_NO_XATTRS"))) {
            return system;
        }
        return new NodeInspector() {
            @Override
            public io.github.drydock.driver.Node stat(Path path) throws java.io.IOException {
                return system.stat(path);
            }

            @Override
            public java.util.Map<String, byte[]> xattrs(Path layerRoot, Path path) {
                return java.util.Map.of();
            }

            @Override
            public java.util.Optional<String> limitation() {
                return java.util.Optional.empty();
            }
        };
    }

    private static OutputStream stdout() {
        return new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 20);
    }

    /** @return the sum of the heap pools' peak use, in bytes */
    static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
