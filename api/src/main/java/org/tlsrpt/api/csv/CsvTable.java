package org.tlsrpt.api.csv;

import java.util.List;

/**
 * A header and rows of text cells, written as RFC 4180 CSV: CRLF line ends, a cell quoted when it holds a comma,
 * a quote, CR or LF, quotes doubled inside.
 *
 * <p>Spreadsheets run a cell that starts with {@code = + - @}, a tab or CR as a formula, and exports carry text
 * that senders choose (an organisation name, a report id, a receiving MX host name). Such a cell gets a leading
 * {@code '} (OWASP's advice for CSV injection), which spreadsheets show as text and do not evaluate; every cell is
 * treated alike, so the rule needs no knowledge of which columns are attacker-controlled.
 */
public record CsvTable(List<String> header, List<List<String>> rows) {

    public static final String MEDIA_TYPE = "text/csv";

    public CsvTable {
        header = List.copyOf(header);
        rows = rows.stream().map(row -> row.stream().map(cell -> cell == null ? "" : cell).toList()).toList();
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (List<String> row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** One cell as written: neutralised if a spreadsheet would take it for a formula, then quoted if needed. */
    static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
