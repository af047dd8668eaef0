package io.github.drydock.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain aligned table as Docker prints: a header row, columns as wide as their widest cell, two
 * spaces between columns, no trailing spaces, no colours. Cells are made printable
 * ({@link Text#printable(String)}) so evidence text cannot break the layout or the terminal.
 */
public final class Table {
    private static final String GAP = "  ";
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param headers the column titles
     */
    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    /**
     * Adds a row.
     *
     * @param cells one cell per column; null prints as empty
     * @return this table
     * @throws IllegalArgumentException when the number of cells differs from the number of columns
     */
    public Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size()
                    + " columns: " + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(Text::printable).toList());
        return this;
    }

    /** @return the number of rows added, the header not counted */
    public int size() {
        return rows.size();
    }

    /** @return the table, each line ending in {@code \n} */
    public String render() {
        int[] widths = new int[headers.size()];
        measure(headers, widths);
        rows.forEach(r -> measure(r, widths));
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        rows.forEach(r -> line(out, r, widths));
        return out.toString();
    }

    private static void measure(List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            widths[i] = Math.max(widths[i], width(cells.get(i)));
        }
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        int start = out.length();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            out.append(cell);
            if (i < cells.size() - 1) {
                out.append(" ".repeat(widths[i] - width(cell))).append(GAP);
            }
        }
        // An empty last cell would leave the gap dangling: strip it.
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
