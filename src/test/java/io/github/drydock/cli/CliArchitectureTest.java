package io.github.drydock.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI is built on the public API only: {@code DockerRoot}, {@code Repack} and {@code Forensics} with their
 * result records, the model records, the shared mapper, the views {@code DockerRoot} hands out
 * ({@code union.UnionView}) and the writers of {@code archive}; never on the readers ({@code layout}) or the drivers.
 */
class CliArchitectureTest {
    private static final Path CLI_SOURCES = Path.of("src/main/java/io/github/drydock/cli");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.github\\.drydock\\.[\\w.]+);", Pattern.MULTILINE);
    private static final Pattern ALLOWED = Pattern.compile(
            "io\\.github\\.drydock\\.(DockerRoot|Repack\\w*|Forensics|model\\.\\w+|json\\.Json|union\\.UnionView"
                    + "|archive\\.\\w+|cli\\.[\\w.]+)");

    @Test
    void cliImportsOnlyThePublicApi() throws IOException {
        List<String> wrong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.list(CLI_SOURCES)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                Matcher m = IMPORT.matcher(Files.readString(source));
                while (m.find()) {
                    if (!ALLOWED.matcher(m.group(1)).matches()) {
                        wrong.add(source.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(files).isGreaterThan(10);
        assertThat(wrong).isEmpty();
    }
}
