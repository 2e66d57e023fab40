package dev.dbtstateoss.cli;

import java.io.PrintWriter;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Plain text tables that fit the terminal: the last column is cut to the width left. */
final class Table {
    private static final int DEFAULT_WIDTH = 160;

    private Table() {}

    static void print(PrintWriter out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        int used = 0;
        for (int i = 0; i < columns - 1; i++) {
            used += widths[i] + 2;
        }
        int last = Math.max(10, terminalWidth() - used);
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                if (i == columns - 1) {
                    line.append(cell.length() > last ? cell.substring(0, last - 1) + "…" : cell);
                } else {
                    line.append(String.format("%-" + widths[i] + "s  ", cell));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** The terminal's width when standard output is one, else a generous default. */
    static int terminalWidth() {
        if (System.console() == null) {
            return DEFAULT_WIDTH;
        }
        try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
            return t.getWidth() > 20 ? t.getWidth() : DEFAULT_WIDTH;
        } catch (Exception | LinkageError e) {
            return DEFAULT_WIDTH;
        }
    }
}
