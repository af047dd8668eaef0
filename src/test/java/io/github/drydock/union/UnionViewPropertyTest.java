package io.github.drydock.union;

import io.github.drydock.model.FileEntry;
import io.github.drydock.model.FileType;
import io.github.drydock.testing.UnionFakeInspector;
import io.github.drydock.testing.UnionLayers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.github.drydock.testing.TestFiles.mkdirs;
import static io.github.drydock.testing.TestFiles.symlink;
import static io.github.drydock.testing.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random layer stacks (seeded: files, folders, symlinks, whiteouts, opaque folders, sometimes a snapshot,
 * 2–6 layers) written to disk, then read by {@link UnionView} and by a plain reference model that applies
 * the layers bottom-up as a tar extractor would (opaque clears the folder, whiteout deletes, later
 * entries replace). Both must agree on every path.
 */
class UnionViewPropertyTest {
    private static final String[] NAMES = {"a", "b", "c", "d"};
    private static final int STACKS = 150;

    @TempDir
    Path tmp;

    /** One node of a generated layer: FILE content, DIR (maybe opaque), SYMLINK target, or WHITEOUT. */
    private record Spec(FileType type, String text, boolean opaque) {
        static final Spec WHITEOUT = new Spec(null, null, false);
    }

    @ParameterizedTest(name = "{0} encoding")
    @ValueSource(strings = {"aufs", "overlay2"})
    void viewAgreesWithReferenceModelOnEveryPath(String driver) throws IOException {
        for (int seed = 0; seed < STACKS; seed++) {
            Random random = new Random(seed * 31L + driver.length());
            Path base = mkdirs(tmp.resolve(driver + "-" + seed));
            UnionLayers stack = new UnionLayers(base, driver);
            UnionFakeInspector inspector = new UnionFakeInspector();
            Map<String, Spec> model = new TreeMap<>();
            int layers = 2 + random.nextInt(5);
            for (int i = 0; i < layers; i++) {
                boolean snapshot = i > 0 && random.nextInt(7) == 0;
                Map<String, Spec> layer = new TreeMap<>();
                generate(random, "", 0, !snapshot, layer);
                if (!snapshot && random.nextInt(12) == 0) {
                    layer.put("", new Spec(FileType.DIR, null, true));
                }
                Path folder = snapshot ? stack.snapshot("l" + i) : stack.diff("l" + i);
                materialize(folder, layer, driver, inspector);
                apply(model, layer, snapshot);
            }
            UnionView view = UnionView.of(stack.layers(), null, inspector);
            assertThat(describe(view)).as("seed %d, %s", seed, driver).isEqualTo(describe(model));
            assertThat(view.problems()).as("seed %d", seed).isEmpty();
        }
    }

    private static void generate(Random random, String folder, int depth, boolean diff, Map<String, Spec> layer) {
        for (String name : NAMES) {
            String path = folder + "/" + name;
            int roll = random.nextInt(100);
            if (roll < 45) {
                continue;
            } else if (roll < 65) {
                layer.put(path, new Spec(FileType.FILE, "content " + random.nextInt(1000), false));
            } else if (roll < 83) {
                layer.put(path, new Spec(FileType.DIR, null, diff && random.nextInt(6) == 0));
                if (depth < 2) {
                    generate(random, path, depth + 1, diff, layer);
                }
            } else if (roll < 91) {
                layer.put(path, new Spec(FileType.SYMLINK, random.nextBoolean() ? "../" + name : "/x/" + name, false));
            } else if (diff) {
                layer.put(path, Spec.WHITEOUT);
            }
        }
    }

    private static void materialize(Path folder, Map<String, Spec> layer, String driver, UnionFakeInspector inspector) {
        boolean overlay = driver.equals("overlay2");
        layer.forEach((path, spec) -> {
            Path target = path.isEmpty() ? folder : folder.resolve(path.substring(1));
            if (spec == Spec.WHITEOUT) {
                if (overlay) {
                    inspector.overlayWhiteout(write(target, ""));
                } else {
                    UnionLayers.aufsWhiteout(folder, path.substring(1));
                }
            } else if (spec.type() == FileType.FILE) {
                write(target, spec.text());
            } else if (spec.type() == FileType.SYMLINK) {
                symlink(target, spec.text());
            } else {
                mkdirs(target);
                if (spec.opaque() && overlay) {
                    inspector.opaque(target);
                } else if (spec.opaque()) {
                    write(target.resolve(".wh..wh..opq"), "");
                }
            }
        });
    }

    /** Applies one layer to the model in path order: a folder's opaque flag and whiteouts before its children. */
    private static void apply(Map<String, Spec> model, Map<String, Spec> layer, boolean snapshot) {
        if (snapshot) {
            model.clear();
        }
        Spec root = layer.get("");
        if (root != null && root.opaque()) {
            model.clear();
        }
        for (Map.Entry<String, Spec> e : layer.entrySet()) {
            String path = e.getKey();
            Spec spec = e.getValue();
            if (path.isEmpty()) {
                continue;
            }
            if (spec == Spec.WHITEOUT) {
                delete(model, path);
            } else if (spec.type() == FileType.DIR) {
                Spec old = model.get(path);
                if (old != null && old.type() != FileType.DIR) {
                    delete(model, path);
                }
                if (spec.opaque()) {
                    delete(model, path);
                }
                model.put(path, spec);
            } else {
                delete(model, path);
                model.put(path, spec);
            }
        }
    }

    private static void delete(Map<String, Spec> model, String path) {
        model.remove(path);
        model.keySet().removeIf(p -> p.startsWith(path + "/"));
    }

    private static List<String> describe(Map<String, Spec> model) {
        List<String> lines = new ArrayList<>();
        model.forEach((path, spec) -> lines.add(path + " " + spec.type() + " "
                + (spec.type() == FileType.DIR ? "" : spec.text())));
        lines.sort(null);
        return lines;
    }

    private static List<String> describe(UnionView view) {
        List<String> lines = new ArrayList<>();
        for (FileEntry e : view.walk().toList()) {
            if (e.isRoot()) {
                continue;
            }
            String detail = switch (e.type()) {
                case FILE -> read(view, e);
                case SYMLINK -> e.linkTarget();
                default -> "";
            };
            lines.add(e.path() + " " + e.type() + " " + detail);
            // reading the content may move atime (relatime), so compare the rest
            FileEntry found = view.find(e.path()).orElseThrow();
            assertThat(found).usingRecursiveComparison().ignoringFields("atime").isEqualTo(e);
        }
        lines.sort(null);
        return lines;
    }

    private static String read(UnionView view, FileEntry entry) {
        try (InputStream in = view.open(entry)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat((long) text.length()).isEqualTo(entry.size());
            return text;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

}
