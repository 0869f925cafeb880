package org.tlsrpt.ingest.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.IntakeRefusal;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.dkim.DkimVerifier;

/**
 * One mail transaction: checks recipients at RCPT, reads DATA within the size limit, verifies DKIM, hands the
 * bytes to the {@link ReportIntake} and turns its answer into the SMTP reply. Never logs the message body.
 */
final class ReportMessageHandler implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReportMessageHandler.class);

    private final MessageContext context;
    private final ReportIntake intake;
    private final DkimVerifier dkim;
    private final RecipientFilter recipients;
    private final MessageReader reader;
    private final QueueIds queueIds;
    private final Clock clock;
    private final IntakeMetrics metrics;

    private String mailFrom;
    private final List<String> rcptTo = new ArrayList<>();

    ReportMessageHandler(MessageContext context, ReportIntake intake, DkimVerifier dkim, RecipientFilter recipients,
            MessageReader reader, QueueIds queueIds, Clock clock, IntakeMetrics metrics) {
        this.context = context;
        this.intake = intake;
        this.dkim = dkim;
        this.recipients = recipients;
        this.reader = reader;
        this.queueIds = queueIds;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void from(String from) {
        this.mailFrom = from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (!recipients.accepts(recipient)) {
            throw SmtpReplies.unknownRecipient(recipient);
        }
        rcptTo.add(recipient);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        try {
            return receive(data);
        } catch (DropConnectionException e) {
            throw e;
        } catch (RejectException e) {
            // A refused DATA ends the transaction (RFC 5321 §4.1.1.4), so the client may start the next with MAIL.
            // SubEthaSMTP ends it only after a 250; its session is the context, and ending it twice is harmless.
            if (context instanceof Session session) {
                session.resetMailTransaction();
            }
            throw e;
        }
    }

    private String receive(InputStream data) throws RejectException, IOException {
        MessageReader.Outcome outcome = reader.read(data);
        if (outcome instanceof MessageReader.TooLarge tooLarge) {
            LOG.info("SMTP message from {} refused: over the size limit ({} bytes and more seen)", remote(),
                    tooLarge.bytesSeen());
            metrics.received(Channel.SMTP, tooLarge.bytesSeen());
            metrics.refused(Channel.SMTP, IntakeRefusal.TOO_LARGE);
            if (!tooLarge.endReached()) {
                RejectException reply = SmtpReplies.tooLarge(null);
                throw new DropConnectionException(reply.getCode(), reply.getMessage());
            }
            throw SmtpReplies.tooLarge(null);
        }
        byte[] raw = ((MessageReader.Complete) outcome).bytes();
        String queueId = queueIds.next();
        IntakeResult result;
        try {
            DkimVerdict verdict = dkim.verify(raw);
            result = intake.receive(new Intake(Channel.SMTP, raw, "message/rfc822", null, clock.instant(), remote(),
                    coordinates(queueId), verdict));
        } catch (RuntimeException e) {
            // The exception's text is logged, never the message: a report may hold customer data.
            LOG.error("SMTP message {} ({} bytes from {}) could not be handed over; answered 451", queueId,
                    raw.length, remote(), e);
            throw SmtpReplies.unavailable();
        }
        if (result == null) {
            LOG.error("SMTP message {}: the intake gave no result; answered 451", queueId);
            throw SmtpReplies.unavailable();
        }
        return SmtpReplies.accepted(result, queueId);
    }

    @Override
    public void done() {
        // Nothing held between transactions.
    }

    private Map<String, String> coordinates(String queueId) {
        Map<String, String> coordinates = new LinkedHashMap<>();
        coordinates.put("queue-id", queueId);
        context.getHelo().ifPresent(helo -> coordinates.put("helo", SmtpReplies.clean(helo)));
        coordinates.put("mail-from", mailFrom == null ? "" : mailFrom);
        coordinates.put("rcpt-to", String.join(",", rcptTo));
        String remote = remote();
        if (remote != null) {
            coordinates.put("remote-address", remote);
        }
        coordinates.put("session-id", context.getSessionId());
        return coordinates;
    }

    private String remote() {
        SocketAddress address = context.getRemoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return address == null ? null : address.toString();
    }
}
