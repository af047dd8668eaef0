package io.github.drydock.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Roots and parsers the forensic tests share: the legacy seed root, the captured dockerd roots with
 * their {@code reference/} answers, and a bodyfile reader that undoes {@code mactime}'s {@code %XX}.
 */
public final class ForensicRoots {
    /** The legacy seed fixture. */
    public static final String SEED = "legacy-aufs-mediawiki";

    private ForensicRoots() {
    }

    /**
     * @param tmp an empty temp folder
     * @return the seed root materialized there
     */
    public static Path seed(Path tmp) {
        return Fixtures.materialize(SEED, tmp);
    }

    /**
     * @param driver {@code overlay2} or {@code vfs}
     * @return {@code testdata/dockerd-<driver>}; the test is skipped when it is absent
     */
    public static Path dockerdFixture(String driver) {
        Path fixture = Fixtures.testdataDir().resolve("dockerd-" + driver);
        assumeTrue(Files.isRegularFile(fixture.resolve("root.tar.gz")), "no fixture at " + fixture);
        return fixture;
    }

    /**
     * Extracts a captured dockerd root.
     *
     * @param driver {@code overlay2} or {@code vfs}
     * @param tmp    an empty temp folder
     * @return the root
     * @throws IOException when it cannot be extracted
     */
    public static Path dockerd(String driver, Path tmp) throws IOException {
        return ModernFixtureRoots.extract(dockerdFixture(driver).resolve("root.tar.gz"), tmp.resolve("root-" + driver));
    }

    /**
     * @param driver {@code overlay2} or {@code vfs}
     * @param name   a file of {@code reference/}
     * @return its lines
     * @throws IOException when it cannot be read
     */
    public static List<String> reference(String driver, String name) throws IOException {
        return Files.readAllLines(dockerdFixture(driver).resolve("reference").resolve(name), StandardCharsets.UTF_8);
    }

    /**
     * Parses a bodyfile as {@code mactime} does: split at {@code |}, then decode {@code %XX} in every field.
     *
     * @param text the bodyfile
     * @return one list of 11 fields per line
     */
    public static List<List<String>> bodyfile(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String field : line.split("\\|", -1)) {
                fields.add(decode(field));
            }
            rows.add(fields);
        }
        return rows;
    }

    private static String decode(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '%' && i + 2 < field.length() && field.substring(i + 1, i + 3).matches("[0-9A-Fa-f]{2}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Reads RFC 4180 CSV as the timeline writes it: quoted fields may hold commas, quotes and line breaks;
     * records end in {@code \r\n}.
     *
     * @param text the CSV
     * @return one list of fields per record, the header first
     */
    public static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
