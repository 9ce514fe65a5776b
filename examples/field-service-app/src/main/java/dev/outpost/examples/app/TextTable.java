package dev.outpost.examples.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with a header row, columns as wide as their widest cell (cut at a maximum). */
final class TextTable {

    private static final int MAX_CELL = 72;

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size()
                    + " columns: " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            String text = c == null ? "" : String.valueOf(c).replace('\n', ' ');
            row.add(text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text);
        }
        rows.add(row);
        return this;
    }

    int size() {
        return rows.size();
    }

    /** The table's lines, each indented by {@code indent} spaces. */
    List<String> lines(int indent) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        String pad = " ".repeat(indent);
        lines.add(pad + format(header, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        lines.add(pad + rule);
        for (List<String> row : rows) {
            lines.add(pad + format(row, width));
        }
        return lines;
    }

    private static String format(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(i == 0 ? "" : "  ");
            b.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + width[i] + "s", cells.get(i)));
        }
        return b.toString().stripTrailing();
    }
}
