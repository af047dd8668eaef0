package io.github.drydock.archive;

import io.github.drydock.model.Container;
import io.github.drydock.model.Driver;
import io.github.drydock.model.Image;
import io.github.drydock.model.LayerFolder;
import io.github.drydock.model.Owner;
import io.github.drydock.model.Problem;
import io.github.drydock.model.Volume;
import io.github.drydock.model.VolumeUse;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code report.md}: a summary a person reads first: when and how the report was made, the root,
 * its drivers, then tables of images, containers (with their states), volumes (with who mounts them),
 * orphan layer folders, and every problem. Evidence text is escaped so it cannot break a table or
 * inject Markdown or HTML.
 */
final class ReportMarkdown {
    private static final int SHORT_ID = 12;
    private static final String NONE = "-";

    private final Writer out;

    ReportMarkdown(Writer out) {
        this.out = out;
    }

    /**
     * Writes the summary.
     *
     * @param document the report's content
     * @throws IOException when writing fails
     */
    void write(ReportDocument document) throws IOException {
        ReportDocument.Info info = document.info();
        line("# drydock report");
        line("");
        line("- Generated: " + time(document.generatedAt()) + " by " + document.tool() + " "
                + cell(document.version()));
        line("- Command line: " + cell(String.join(" ", document.commandLine())));
        line("- Docker root: " + cell(info.root()) + (info.filesystemRoot() == null ? ""
                : " (disk mounted at " + cell(info.filesystemRoot()) + ")"));
        line("- Generation: " + info.generation());
        line("- Drivers: " + drivers(info.drivers()));
        for (String note : info.notes()) {
            line("- Note: " + cell(note));
        }
        line("- Files: " + String.join(", ", document.files()) + ", " + ReportHashes.SUMS
                + " (check with `sha256sum -c " + ReportHashes.SUMS + "`)");
        images(document.images());
        containers(document.containers());
        volumes(document.volumes());
        orphans(document.layers());
        problems(document.problems());
        out.flush();
    }

    private void images(List<Image> images) throws IOException {
        section("Images", images.size());
        table("Image id", "Tags", "Created", "Layers", "Size (bytes)");
        for (Image image : images) {
            row(code(shortId(image.id())), cell(String.join(" ", image.repoTags().stream().sorted().toList())),
                    time(image.created()), Integer.toString(image.layers().size()), bytes(image.size()));
        }
    }

    private void containers(List<Container> containers) throws IOException {
        section("Containers", containers.size());
        table("Name", "Container id", "Image", "Status", "Exit code", "Created", "Started", "Finished");
        for (Container c : containers) {
            String image = (c.imageRef() == null ? "" : c.imageRef() + " ") + "(" + shortId(c.imageId()) + ")";
            boolean state = c.state() != null;
            row(cell(c.name()), code(c.shortId()), cell(image), state ? cell(c.state().status()) : NONE,
                    state ? Integer.toString(c.state().exitCode()) : NONE, time(c.created()),
                    state ? time(c.state().startedAt()) : NONE, state ? time(c.state().finishedAt()) : NONE);
        }
    }

    private void volumes(List<Volume> volumes) throws IOException {
        section("Volumes", volumes.size());
        table("Volume", "Used by", "Size (bytes)", "Data folder");
        for (Volume volume : volumes) {
            List<String> uses = volume.containers().stream().map(ReportMarkdown::use).toList();
            row(cell(volume.name()), uses.isEmpty() ? "(orphan: no container)" : cell(String.join(", ", uses)),
                    bytes(volume.size()), volume.path() == null ? "(missing)" : cell(volume.path().toString()));
        }
    }

    private void orphans(List<LayerFolder> layers) throws IOException {
        List<LayerFolder> orphans = layers.stream().filter(LayerFolder::orphan).toList();
        line("");
        line("## Layer folders (" + layers.size() + " on disk, " + orphans.size() + " orphans)");
        line("");
        Map<String, Integer> byDriver = new TreeMap<>();
        layers.forEach(l -> byDriver.merge(l.driver(), 1, Integer::sum));
        for (Map.Entry<String, Integer> entry : byDriver.entrySet()) {
            line("- " + cell(entry.getKey()) + ": " + entry.getValue());
        }
        line("");
        if (orphans.isEmpty()) {
            line("No orphan layer folders.");
            return;
        }
        table("Driver", "Folder", "Reason", "Size (bytes)", "Owner", "Path");
        for (LayerFolder folder : orphans) {
            String owner = folder.owners().isEmpty() ? NONE : owner(folder.owners().get(0));
            row(cell(folder.driver()), code(folder.id()), cell(folder.reason().description()), bytes(folder.size()),
                    owner, cell(folder.path().toString()));
        }
    }

    private void problems(List<Problem> problems) throws IOException {
        section("Problems", problems.size());
        if (problems.isEmpty()) {
            line("None.");
        }
        for (Problem problem : problems) {
            line("- " + cell(problem.path()) + ": " + cell(problem.message()));
        }
    }

    private void section(String title, int count) throws IOException {
        line("");
        line("## " + title + " (" + count + ")");
        line("");
    }

    private void table(String... headers) throws IOException {
        line("| " + String.join(" | ", headers) + " |");
        line("|" + " --- |".repeat(headers.length));
    }

    private void row(String... cells) throws IOException {
        line("| " + String.join(" | ", cells) + " |");
    }

    private void line(String text) throws IOException {
        out.write(text);
        out.write('\n');
    }

    private static String drivers(List<Driver> drivers) {
        if (drivers.isEmpty()) {
            return "none";
        }
        return String.join(", ", drivers.stream().map(d -> cell(d.name()) + (d.active() ? " (active)" : "")
                + (d.readable() ? "" : " (not readable offline)") + ": " + d.layerCount() + " folders").toList());
    }

    private static String owner(Owner owner) {
        return owner.type().label() + " " + cell(owner.name() != null ? owner.name() : shortId(owner.id()));
    }

    private static String use(VolumeUse use) {
        String who = use.name() != null ? use.name() : shortId(use.id());
        return who + (use.destination() == null ? "" : " at " + use.destination());
    }

    /**
     * Escapes evidence text for a Markdown table cell: control characters made visible, then every
     * character Markdown or HTML could act on backslash-escaped.
     *
     * @param text the text, or null
     * @return the escaped text; {@value #NONE} for null or empty
     */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format("\\\\x%02x", (int) c));
            } else if ("\\`*_[]<>|&~".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** An id in a code span; ids are hex (or a driver folder name), so no backtick can occur. */
    private static String code(String id) {
        return id == null || id.indexOf('`') >= 0 ? cell(id) : "`" + id + "`";
    }

    private static String shortId(String id) {
        if (id == null) {
            return NONE;
        }
        boolean hex = id.length() >= 64 && id.substring(0, 64).matches("[0-9a-f]{64}");
        return hex ? id.substring(0, SHORT_ID) + id.substring(64) : id;
    }

    private static String time(Instant time) {
        return time == null || time.getEpochSecond() <= 0 ? NONE : time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String bytes(long size) {
        return size < 0 ? NONE : Long.toString(size);
    }
}
