package org.tlsrpt.api.query;

import java.util.List;

/** A page of a report list, newest day first; {@code nextCursor} asks for the next page, null on the last one. */
public record ReportPage(List<ReportSummary> items, String nextCursor) {
}
