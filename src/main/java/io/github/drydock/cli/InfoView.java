package io.github.drydock.cli;

import io.github.drydock.model.Driver;

import java.nio.file.Path;

/** {@code info} as a pure function of an {@link InfoDocument}. */
public final class InfoView {
    private InfoView() {
    }

    /**
     * Renders the summary: root, generation, counts, the drivers table, notes.
     *
     * @param info what to show
     * @return the text, each line ending in {@code \n}
     */
    public static String render(InfoDocument info) {
        Path root = info.root() == null ? null : Path.of(info.root());
        Table summary = new Table("", "");
        summary.row("Root:", info.root());
        if (info.filesystemRoot() != null) {
            summary.row("Disk root:", info.filesystemRoot());
        }
        summary.row("Generation:", info.generation().name());
        summary.row("Images:", String.valueOf(info.counts().images()));
        summary.row("Containers:", String.valueOf(info.counts().containers()));
        summary.row("Volumes:", String.valueOf(info.counts().volumes()));
        summary.row("Layers:", String.valueOf(info.counts().layers()));
        summary.row("Problems:", String.valueOf(info.problems().size()));
        StringBuilder out = new StringBuilder(withoutHeader(summary.render()));
        out.append('\n');
        Table drivers = new Table("DRIVER", "ACTIVE", "READABLE", "LAYERS", "PATH");
        for (Driver d : info.drivers()) {
            drivers.row(d.name(), yesNo(d.active()), yesNo(d.readable()), String.valueOf(d.layerCount()),
                    Text.relative(d.path(), root));
        }
        out.append(drivers.render());
        if (!info.notes().isEmpty()) {
            out.append("\nNotes:\n");
            info.notes().forEach(n -> out.append("  ").append(Text.printable(n)).append('\n'));
        }
        return out.toString();
    }

    private static String withoutHeader(String table) {
        return table.substring(table.indexOf('\n') + 1);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
