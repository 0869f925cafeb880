package org.tlsrpt.api.csv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a list answer of the query API, as the JSON it is served as, into a table: one row per element (of the
 * array, or of {@code items} for a page), one column per field in order of first appearance. Taking the JSON tree
 * rather than the Java objects keeps the CSV equal to the JSON by construction, field for field, also when a record
 * gains a field. Cells: text as is, numbers and booleans as JSON writes them, null empty, a list of values joined
 * by spaces (domain names and codes hold none), anything nested as its JSON text.
 */
public final class JsonRows {

    private JsonRows() {
    }

    /** {@code columns} first (so an empty list still has its header), then any other field the rows have. */
    public static CsvTable table(JsonNode answer, List<String> columns) {
        JsonNode elements = answer.isObject() && answer.has("items") ? answer.get("items") : answer;
        Set<String> header = new LinkedHashSet<>(columns);
        for (JsonNode element : elements) {
            element.fieldNames().forEachRemaining(header::add);
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode element : elements) {
            List<String> row = new ArrayList<>();
            for (String column : header) {
                row.add(cell(element.get(column)));
            }
            rows.add(row);
        }
        return new CsvTable(List.copyOf(header), rows);
    }

    static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (Iterator<JsonNode> it = value.elements(); it.hasNext();) {
                JsonNode element = it.next();
                joined.append(joined.isEmpty() ? "" : " ").append(element.isValueNode() ? element.asText()
                        : element.toString());
            }
            return joined.toString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
