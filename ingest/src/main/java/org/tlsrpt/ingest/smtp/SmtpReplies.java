package org.tlsrpt.ingest.smtp;

import org.subethamail.smtp.RejectException;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.ingest.IntakeResult;

/**
 * The SMTP answer to each {@link IntakeResult}, as the table on that type says: 250 once the bytes are durable
 * (stored or quarantined), 451 when they are not, 452 over a daily quota, 552 too large, 550 not a report or
 * refused by policy.
 */
final class SmtpReplies {

    private static final int MAX_TEXT = 300;

    private SmtpReplies() {
    }

    /** The text after {@code 250} for a durable message; throws the refusal otherwise. */
    static String accepted(IntakeResult result, String queueId) throws RejectException {
        if (result instanceof IntakeResult.Stored) {
            return "2.0.0 Ok: queued as " + queueId;
        }
        if (result instanceof IntakeResult.Quarantined quarantined) {
            return "2.0.0 Ok: queued as " + queueId + " (kept in quarantine: " + clean(first(quarantined)) + ")";
        }
        if (result instanceof IntakeResult.NotAReport refused) {
            throw new RejectException(550,
                    "5.6.0 No TLS report in this message: " + clean(describe(refused.reason())));
        }
        if (result instanceof IntakeResult.TooLarge tooLarge) {
            throw tooLarge(describe(tooLarge.reason()));
        }
        if (result instanceof IntakeResult.Forbidden forbidden) {
            throw new RejectException(550, "5.7.1 Refused: " + clean(forbidden.reason()));
        }
        if (result instanceof IntakeResult.OverQuota overQuota) {
            throw overQuota(overQuota.reason());
        }
        // Unavailable, and anything a later version of IntakeResult adds: nothing is promised, the sender retries.
        throw unavailable();
    }

    /**
     * A daily quota is used up. Temporary on purpose: the sending MTA keeps the report and retries for days, so
     * it arrives once the quota starts again instead of bouncing; 452 is RFC 5321's "insufficient system storage"
     * after DATA, and 4.3.1 (RFC 3463) is "mail system full".
     */
    static RejectException overQuota(String why) {
        return new RejectException(452, "4.3.1 Quota exceeded, try again later: " + clean(why));
    }

    static RejectException tooLarge(String why) {
        return new RejectException(552, "5.3.4 Message too large" + (why == null ? "" : ": " + clean(why)));
    }

    /** Nothing was stored; the sender keeps the message and retries. Says nothing of the cause to the peer. */
    static RejectException unavailable() {
        return new RejectException(451, "4.3.0 Cannot store the report now, try again later");
    }

    static RejectException unknownRecipient(String recipient) {
        return new RejectException(550, "5.1.1 <" + clean(recipient) + ">: Recipient address rejected");
    }

    private static String first(IntakeResult.Quarantined quarantined) {
        return quarantined.reasons().isEmpty() ? "unreadable" : describe(quarantined.reasons().get(0));
    }

    private static String describe(Refusal refusal) {
        if (refusal == null) {
            return "unknown reason";
        }
        return refusal.code().code() + ": " + refusal.message();
    }

    /** One line of printable ASCII, bounded: reply text must not break the protocol or echo much of the input. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        return out.toString().trim();
    }
}
