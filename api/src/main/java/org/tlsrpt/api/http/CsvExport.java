package org.tlsrpt.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tlsrpt.api.csv.CsvTable;
import org.tlsrpt.api.csv.JsonRows;
import org.tlsrpt.api.query.DomainTotals;
import org.tlsrpt.api.query.ReportPage;
import org.tlsrpt.api.query.ReportSummary;
import org.tlsrpt.api.query.Reporter;

/**
 * The {@code text/csv} form of the list answers (domains, failures, reporters, the report list): the same resource
 * method, so the same parameters and the same scope, serialised by the application's own JSON mapper and then laid
 * out as a table ({@link JsonRows}, {@link CsvTable}). Asked for with {@code Accept: text/csv} or
 * {@code ?format=csv} ({@link FormatParameter}), which a browser link or a spreadsheet's "import from URL" can set where a header cannot.
 */
@Provider
@Produces(CsvTable.MEDIA_TYPE)
public class CsvExport implements MessageBodyWriter<Object> {

    static final String CSV = CsvTable.MEDIA_TYPE;
    /** A page of the report list as CSV carries the next page's cursor here (the body has no room for it). */
    static final String NEXT_CURSOR = "X-Next-Cursor";

    /** Download names by row type; failures are rows of fields (their columns depend on {@code by}). */
    private static final Map<Class<?>, String> NAMES = Map.of(DomainTotals.class, "domains",
            Reporter.class, "reporters", ReportSummary.class, "reports", Map.class, "failures");

    @Inject
    ObjectMapper json;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return rowType(type, genericType) != null;
    }

    @Override
    public void writeTo(Object answer, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws java.io.IOException {
        Class<?> rowType = rowType(type, genericType);
        JsonNode tree = json.valueToTree(answer);
        List<String> columns = rowType.isRecord()
                ? Arrays.stream(rowType.getRecordComponents()).map(RecordComponent::getName).toList()
                : List.of();
        if (answer instanceof ReportPage page && page.nextCursor() != null) {
            headers.putSingle(NEXT_CURSOR, page.nextCursor());
        }
        headers.putSingle("Content-Type", CSV + "; charset=utf-8");
        headers.putSingle("Content-Disposition", "attachment; filename=\"" + NAMES.get(rowType) + ".csv\"");
        headers.putSingle("X-Content-Type-Options", "nosniff");
        out.write(JsonRows.table(tree, columns).text().getBytes(StandardCharsets.UTF_8));
    }

    /** The row type of an answer that has a CSV form, else null. */
    private static Class<?> rowType(Class<?> type, Type genericType) {
        if (ReportPage.class.equals(type)) {
            return ReportSummary.class;
        }
        if (List.class.isAssignableFrom(type) && genericType instanceof ParameterizedType list) {
            Type element = list.getActualTypeArguments()[0];
            Class<?> raw = element instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                    : element instanceof Class<?> c ? c : null;
            return raw != null && NAMES.containsKey(raw) ? raw : null;
        }
        return null;
    }
}
