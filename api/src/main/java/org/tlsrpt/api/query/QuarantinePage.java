package org.tlsrpt.api.query;

import java.util.List;

/** A page of quarantined items, newest first; {@code nextCursor} asks for the next page, null on the last one. */
public record QuarantinePage(List<QuarantineItem> items, String nextCursor) {
}
