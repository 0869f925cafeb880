package org.tlsrpt.app.roles;

import java.time.Instant;

/** Fired after the processor stored a batch of reports, so that alert rules are evaluated as data arrives. */
public record ReportsStored(int reports, Instant at) {
}
