/**
 * Reading RFC 8460 report JSON ({@link org.tlsrpt.core.parse.ReportParser}) and writing its canonical form
 * ({@link org.tlsrpt.core.parse.CanonicalJson}).
 *
 * <p>Decisions a reader may question:
 * <ul>
 *   <li>Bytes are checked as strict UTF-8 before Jackson sees them: Jackson reads overlong forms and code points
 *       above U+10FFFF without complaint, which would silently alter a report.</li>
 *   <li>Refusals inside the reader are an internal, stackless exception; valid input never throws. Paths are
 *       computed from Jackson's parsing context, and only when a finding or refusal needs one.</li>
 *   <li>The canonical form writes {@code mx-host} and {@code policy-string} as arrays even when empty. Reading
 *       such a canonical report back gives an equal report with {@code EMPTY_ARRAY} findings; every other
 *       canonical report reads back without findings.</li>
 *   <li>IPv4 with leading zeros ({@code 010.0.0.1}) is not normalised but flagged invalid: some readers take it
 *       as octal. Leap seconds ({@code :60}) are read as {@code :59}, as {@code java.time} does.</li>
 *   <li>A failure detail without {@code result-type} or {@code failed-session-count} is refused (MISSING_FIELD);
 *       a summary count that is missing or null reads as 0 with a finding.</li>
 * </ul>
 */
package org.tlsrpt.core.parse;
