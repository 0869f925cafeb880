/**
 * The IMAP channel: {@link org.tlsrpt.ingest.imap.ImapIntake} polls mailboxes with Jakarta Mail (Angus) and hands
 * each unseen message to a {@link org.tlsrpt.ingest.ReportIntake}.
 *
 * <p>Delivery semantics: at least once. A message is moved out of the polled folder only after
 * {@code receive} returned Stored (to the processed folder) or a refusal (to the invalid folder); when the intake is
 * unavailable or fails, the message stays where it is, unseen, and is tried again at a later poll. If the
 * connection breaks after {@code receive} but before the move, the message is received again later; the report's
 * identity as Kafka key lets downstream count it once.
 *
 * <p>Per mailbox, one thread: search unseen (and not \Deleted) messages, fetch them in batches (UID, envelope,
 * size; then the raw bytes with BODY.PEEK, bounded), receive each, then move the batch's messages with one MOVE
 * per target folder (COPY + \Deleted + UID EXPUNGE where the server lacks MOVE). Then IDLE until the server
 * announces mail or the poll interval passes, or sleep the poll interval where IDLE is missing. Connection errors
 * and an unavailable intake back off exponentially.
 */
package org.tlsrpt.ingest.imap;
