package io.github.drydock;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the imports of every main source file and fails on a dependency arrow the design forbids:
 * {@code cli → (root) → {layout, union, archive} → driver → model}; layout and archive also use json.
 */
class ArchitectureTest {
    private static final String BASE = "io.github.drydock";
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?" + Pattern.quote(BASE)
            + "\\.([a-z]+)?", Pattern.MULTILINE);
    /** package → packages it may import ("" is the root package). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "model", Set.of(),
            "json", Set.of("model"),
            "driver", Set.of("model", "json"),
            "layout", Set.of("model", "json", "driver"),
            "union", Set.of("model", "driver"),
            "archive", Set.of("model", "json", "driver", "union"),
            "", Set.of("model", "json", "layout", "driver", "union", "archive"),
            "cli", Set.of("", "model", "json", "union", "archive"));

    @Test
    void packagesDependOnlyDownwards() throws IOException {
        Path main = Path.of("src/main/java/io/github/drydock");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path relative = main.relativize(file.getParent());
                String pkg = relative.toString().replace('/', '.');
                Set<String> allowed = ALLOWED.get(pkg);
                assertThat(allowed).as("package %s has no rule in this test", pkg).isNotNull();
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String target = m.group(1) == null || !isPackage(m.group(1)) ? "" : m.group(1);
                    if (!target.equals(pkg) && !allowed.contains(target)) {
                        violations.add(main.relativize(file) + " imports " + BASE + (target.isEmpty() ? "" : "." + target));
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void ruleTableCoversEveryPackageOnDisk() throws IOException {
        Path main = Path.of("src/main/java/io/github/drydock");
        try (Stream<Path> dirs = Files.list(main)) {
            List<String> packages = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
            assertThat(ALLOWED.keySet()).containsAll(packages);
        }
    }

    private static boolean isPackage(String segment) {
        return ALLOWED.containsKey(segment);
    }
}
