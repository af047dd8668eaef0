package io.github.drydock.driver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads extended attributes of every namespace through the system's {@code getfattr}, because Java can
 * only read {@code user.*}. A process per node would be far too slow, so nodes are read in batches: the
 * first folders of a layer one folder at a time (a folder and its children in one call: cheap for
 * {@code ls}), then the whole layer in one recursive call (cheap for a walk). A caller about to read
 * whole subtrees (a walk, an export) says so with {@link #prefetch}: every subtree of every layer is then
 * read by ONE recursive call, before the first node is asked for. Only nodes that carry attributes are
 * kept in memory.
 */
final class GetfattrBatches {
    /** The program, from the {@code attr} package. */
    static final String PROGRAM = "getfattr";
    /** Namespaces worth reading: never {@code security.selinux}, which every file has on some hosts. */
    private static final String NAME_PATTERN = "^(user\\.|trusted\\.|security\\.capability$)";
    private static final int FOLDER_BATCHES_PER_LAYER = 16;
    private static final int MAX_ARGUMENTS = 1000;
    /** getfattr processes of one prefetch: the machines drydock runs on have two cores or more. */
    private static final int PARALLEL_SCANS = 2;
    private static final int CACHED_FOLDERS = 64;

    private final Map<Path, Integer> folderBatches = new HashMap<>();
    private final Map<Path, Scan> layers = new HashMap<>();
    /** Prefetched subtrees below a layer root (a walk that starts below {@code /}). */
    private final Map<Path, Scan> subtrees = new HashMap<>();
    private final Map<Path, Scan> folders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Scan> eldest) {
            return size() > CACHED_FOLDERS;
        }
    };

    /** Attributes by absolute path string, plus per-path errors reported by getfattr. */
    record Scan(Map<String, Map<String, byte[]>> attributes, Map<String, String> errors) {
        Map<String, byte[]> lookup(Path path) throws IOException {
            String key = path.toString();
            String error = errors.get(key);
            if (error != null) {
                throw new IOException("getfattr: " + key + ": " + error);
            }
            return attributes.getOrDefault(key, Map.of());
        }
    }

    /**
     * Looks the program up in {@code PATH}, the way the process launcher will: no process is started (a
     * probe run cost as much as a whole batch). A program that is found but fails shows as a problem later.
     */
    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(java.io.File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, PROGRAM))
                    && !Files.isDirectory(Path.of(folder, PROGRAM))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads every node below the given folders in one recursive call and keeps the result: later
     * {@link #read}s of those nodes cost a map lookup. Folders already covered are skipped. When the call
     * fails as a whole nothing is kept, and later reads fall back to batches (which report the failure).
     *
     * @param layerRoots for each folder, the root of its layer ({@code folder} itself or an ancestor)
     * @param folders    the subtrees' top folders, same order
     */
    void prefetch(List<Path> layerRoots, List<Path> folders) {
        List<String> arguments = new ArrayList<>();
        List<Integer> wanted = new ArrayList<>();
        for (int i = 0; i < folders.size(); i++) {
            String argument = folders.get(i).toString();
            // a path whose text lost bytes (U+FFFD) would name nothing: that subtree is read in batches
            if (covering(layerRoots.get(i), folders.get(i)) == null && argument.indexOf('\uFFFD') < 0) {
                arguments.add(argument);
                wanted.add(i);
            }
        }
        if (arguments.isEmpty()) {
            return;
        }
        Scan scan;
        try {
            scan = runSplit(arguments);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (int i : wanted) {
            Path folder = folders.get(i);
            if (folder.equals(layerRoots.get(i))) {
                layers.put(folder, scan);
            } else {
                subtrees.put(folder, scan);
            }
        }
    }

    /** The scan that covers {@code path}: its layer's, or a prefetched subtree's; null when none. */
    private Scan covering(Path layerRoot, Path path) {
        Scan whole = layers.get(layerRoot);
        if (whole != null || subtrees.isEmpty()) {
            return whole;
        }
        for (Path at = path; at != null && at.startsWith(layerRoot); at = at.getParent()) {
            Scan scan = subtrees.get(at);
            if (scan != null) {
                return scan;
            }
        }
        return null;
    }

    Map<String, byte[]> read(Path layerRoot, Path path) throws IOException {
        Scan whole = covering(layerRoot, path);
        if (whole != null) {
            return whole.lookup(path);
        }
        Path folder = path.equals(layerRoot) || path.getParent() == null ? path : path.getParent();
        Scan scan = folders.get(folder);
        if (scan == null) {
            int done = folderBatches.getOrDefault(layerRoot, 0);
            List<String> arguments = done < FOLDER_BATCHES_PER_LAYER ? folderArguments(folder) : null;
            if (arguments == null) {
                whole = run(true, List.of(layerRoot.toString()));
                layers.put(layerRoot, whole);
                return whole.lookup(path);
            }
            folderBatches.put(layerRoot, done + 1);
            scan = runChunked(false, arguments);
            folders.put(folder, scan);
        }
        return scan.lookup(path);
    }

    /**
     * The folder and its children as arguments; null when a name does not survive the trip through a
     * Java string (not valid UTF-8): then only a recursive scan, which takes names from the kernel, finds it.
     */
    private static List<String> folderArguments(Path folder) throws IOException {
        List<String> arguments = new ArrayList<>();
        arguments.add(folder.toString());
        if (Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
                for (Path child : children) {
                    String name = child.toString();
                    if (name.indexOf('\uFFFD') >= 0) {
                        return null;
                    }
                    arguments.add(name);
                }
            }
        }
        return arguments;
    }

    /**
     * A recursive scan split over {@value #PARALLEL_SCANS} processes side by side (folders dealt out in turn):
     * the scan is system time in {@code getfattr} (a stat and a list of attributes per node), which a
     * second core halves, and the walk waits for it before its first folder.
     */
    private Scan runSplit(List<String> arguments) throws IOException {
        if (arguments.size() < 2) {
            return runChunked(true, arguments);
        }
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < PARALLEL_SCANS; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < arguments.size(); i++) {
            parts.get(i % PARALLEL_SCANS).add(arguments.get(i));
        }
        Scan[] scans = new Scan[PARALLEL_SCANS];
        IOException[] failures = new IOException[PARALLEL_SCANS];
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < PARALLEL_SCANS; i++) {
            int part = i;
            Thread thread = new Thread(() -> scans[part] = scanPart(parts.get(part), failures, part), "getfattr-scan");
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        scans[0] = scanPart(parts.get(0), failures, 0);
        for (Thread thread : threads) {
            Threads.awaitEnd(thread);
        }
        Map<String, Map<String, byte[]>> attributes = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        for (int i = 0; i < PARALLEL_SCANS; i++) {
            if (failures[i] != null) {
                throw failures[i];
            }
            attributes.putAll(scans[i].attributes());
            errors.putAll(scans[i].errors());
        }
        return new Scan(attributes, errors);
    }

    private Scan scanPart(List<String> arguments, IOException[] failures, int part) {
        try {
            return runChunked(true, arguments);
        } catch (IOException e) {
            failures[part] = e;
            return null;
        } catch (RuntimeException e) {
            failures[part] = new IOException(e.getMessage(), e);
            return null;
        }
    }


    private static Scan runChunked(boolean recursive, List<String> arguments) throws IOException {
        Map<String, Map<String, byte[]>> attributes = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        for (int from = 0; from < arguments.size(); from += MAX_ARGUMENTS) {
            Scan part = run(recursive, arguments.subList(from, Math.min(arguments.size(), from + MAX_ARGUMENTS)));
            attributes.putAll(part.attributes());
            errors.putAll(part.errors());
        }
        return new Scan(attributes, errors);
    }

    private static Scan run(boolean recursive, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(PROGRAM, "--absolute-names", "--no-dereference", "-d",
                "-e", "hex", "-m", NAME_PATTERN));
        if (recursive) {
            command.add("-R");
        }
        command.add("--");
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> drain(process.getErrorStream(), stderr), "getfattr-stderr");
        drain.setDaemon(true);
        drain.start();
        Map<String, Map<String, byte[]>> attributes;
        try (InputStream stdout = process.getInputStream()) {
            attributes = GetfattrOutput.parse(stdout);
        }
        try {
            int exit = process.waitFor();
            drain.join();
            Map<String, String> errors = GetfattrOutput.errors(stderr.toString(StandardCharsets.UTF_8));
            if (exit != 0 && errors.isEmpty()) {
                throw new IOException("getfattr failed with exit code " + exit + ": "
                        + stderr.toString(StandardCharsets.UTF_8).trim());
            }
            return new Scan(attributes, errors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted while reading extended attributes", e);
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        byte[] buffer = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (sink.size() < 64 * 1024) {
                    sink.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process died; its exit code tells the rest
        }
    }
}
