package dev.vigil.report.register;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A register as CSV (RFC 4180: comma-separated, double quotes around a value holding a comma, quote or line break,
 * a quote doubled inside): a header row naming the columns, {@code itemId} first, then one row per item. Export
 * writes every field and {@code retired}; import takes the columns in any order and leaves out none it does not know
 * (the validator names them). A value a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -},
 * {@code @}) is written behind a {@code '}, which import takes off again, so a file round-trips unchanged.
 */
public final class RegisterCsv {
    public static final String ITEM_ID = "itemId";
    private static final String FORMULA_START = "=+-@\t\r";

    private RegisterCsv() {
    }

    /** One data row: its line number in the file (for messages) and its values by column name. */
    public record Row(int line, Map<String, String> values) {
        public String itemId() {
            return values.get(ITEM_ID);
        }

        /** The item's own fields: every column but itemId. */
        public Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>(values);
            fields.remove(ITEM_ID);
            return fields;
        }
    }

    public static String header(Register register) {
        List<String> names = new ArrayList<>();
        names.add(ITEM_ID);
        register.fields().forEach(f -> names.add(f.name()));
        names.add(ItemValidator.RETIRED);
        return line(names);
    }

    /** @param rows each item's values by column name; missing values are written empty */
    public static String write(Register register, List<Map<String, ?>> rows) {
        StringBuilder out = new StringBuilder(header(register));
        for (Map<String, ?> row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(text(row.get(ITEM_ID)));
            register.fields().forEach(f -> cells.add(text(row.get(f.name()))));
            cells.add(text(row.get(ItemValidator.RETIRED)));
            out.append(line(cells));
        }
        return out.toString();
    }

    /** @throws InvalidItemException when the file is not CSV of this shape (no header, an unclosed quote, ...) */
    public static List<Row> read(String csv) {
        return read(csv, ITEM_ID);
    }

    /**
     * The same reading for another file of this form whose rows are keyed by {@code keyColumn} (policies'
     * acknowledgements).
     *
     * @throws InvalidItemException when the file is not CSV of this shape
     */
    public static List<Row> read(String csv, String keyColumn) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        parse(csv, records, lines);
        if (records.isEmpty()) {
            throw new InvalidItemException(List.of("the file is empty; its first line names the columns, "
                    + "starting with " + keyColumn));
        }
        List<String> header = records.get(0).stream().map(String::trim).toList();
        List<String> problems = new ArrayList<>();
        if (!header.contains(keyColumn)) {
            problems.add("line 1: no " + keyColumn + " column");
        }
        if (header.stream().distinct().count() != header.size()) {
            problems.add("line 1: a column is named twice");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue; // an empty line
            }
            if (cells.size() != header.size()) {
                problems.add("line " + lines.get(i) + ": " + cells.size() + " values, the header names "
                        + header.size() + " columns");
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), unguard(cells.get(c)));
            }
            rows.add(new Row(lines.get(i), values));
        }
        if (!problems.isEmpty()) {
            throw new InvalidItemException(problems);
        }
        return rows;
    }

    private static void parse(String csv, List<List<String>> records, List<Integer> lines) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv; // a spreadsheet's byte order mark
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            any = true;
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                lines.add(recordLine);
                record = new ArrayList<>();
                line++;
                recordLine = line;
                any = false;
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new InvalidItemException(List.of("line " + recordLine + ": a quoted value is never closed"));
        }
        if (any) {
            record.add(cell.toString());
            records.add(record);
            lines.add(recordLine);
        }
    }

    /** One RFC 4180 record with CRLF, each cell behind the formula guard (access review exports use it too). */
    public static String line(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = guard(cells.get(i));
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
            out.append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        return out.append("\r\n").toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String guard(String v) {
        return !v.isEmpty() && FORMULA_START.indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

    private static String unguard(String v) {
        return v.length() > 1 && v.charAt(0) == '\'' && FORMULA_START.indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
    }
}
