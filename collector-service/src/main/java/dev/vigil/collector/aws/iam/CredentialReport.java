package dev.vigil.collector.aws.iam;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM's credential report: a CSV with a header line and one row per user, plus the row {@code <root_account>}.
 * Each row is read by column name, so columns AWS adds later do not shift anything.
 */
final class CredentialReport {
    static final String ROOT = "<root_account>";

    private CredentialReport() {
    }

    /** The report's rows, each a map from column name to value, in report order. */
    static List<Map<String, String>> parse(byte[] csv) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : new String(csv, StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(fields(line));
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the credential report is empty");
        }
        List<String> header = lines.get(0);
        if (!header.contains("user") || !header.contains("mfa_active")) {
            throw new IllegalArgumentException("the credential report lacks the columns user and mfa_active: " + header);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < line.size() ? line.get(i) : null);
            }
            rows.add(row);
        }
        return rows;
    }

    /** One CSV line; a field may be quoted (a quote inside is doubled). */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
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
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
