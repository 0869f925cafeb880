package org.tlsrpt.ingest.kafka;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.message.QuarantineRecord;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.dkim.DkimPolicy;

/**
 * The {@link ReportIntake} every channel uses: reads the bytes with {@link ReportReader}, applies the
 * who-may-send rules, publishes each report to {@code tlsrpt.reports} (key = report identity) and whatever could
 * not be read to {@code tlsrpt.quarantine} (key = raw SHA-256), and answers only after Kafka acknowledged every
 * record ({@code acks=all}). If any acknowledgement fails or is late the answer is {@code Unavailable}: the sender
 * retries, and records that did land meet their duplicates downstream, where the identity counts them once.
 */
public final class KafkaReportIntake implements ReportIntake {

    private final ReportReader reader;
    private final Producer<String, byte[]> producer;
    private final IntakeTopics topics;
    private final IntakePolicy policy;
    private final Duration ackTimeout;

    public KafkaReportIntake(ReportReader reader, Producer<String, byte[]> producer, IntakeTopics topics,
            IntakePolicy policy, Duration ackTimeout) {
        this.reader = reader;
        this.producer = producer;
        this.topics = topics;
        this.policy = policy;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public IntakeResult receive(Intake intake) {
        if (policy.dkim() == DkimPolicy.REQUIRE && intake.dkim() != null
                && intake.dkim().result() == DkimVerdict.Result.TEMPERROR) {
            // The key could not be fetched; the sender can retry once DNS answers (SMTP 451).
            return new IntakeResult.Unavailable("DKIM key lookup failed: " + intake.dkim().detail());
        }
        ReadResult read = reader.read(intake.raw(), intake.declaredType(), intake.fileName());
        // Too large only when nothing in it could be read: a good report beside a bomb attachment is stored, and
        // the bomb part goes to quarantine with its reason like any other unreadable part.
        if (read.reports().isEmpty()) {
            for (Refusal refusal : read.refusals()) {
                if (refusal.code().isSizeLimit()) {
                    return new IntakeResult.TooLarge(refusal);
                }
            }
        }
        if (read.reports().isEmpty() && isMail(intake.channel()) && read.refusals().stream()
                .allMatch(refusal -> refusal.code() == RefusalCode.NO_REPORT_IN_MESSAGE)) {
            return new IntakeResult.NotAReport(read.refusals().get(0));
        }
        for (ReadReport report : read.reports()) {
            String forbidden = policy.forbidden(report);
            if (forbidden != null) {
                return new IntakeResult.Forbidden(forbidden);
            }
        }
        String sha256 = sha256(intake.raw());
        List<Refusal> refusals = new ArrayList<>(read.refusals());
        List<ReadReport> accepted = new ArrayList<>();
        for (ReadReport report : read.reports()) {
            Refusal unsigned = policy.dkimRefusal(intake.dkim(), report.location());
            if (unsigned == null) {
                accepted.add(report);
            } else {
                refusals.add(unsigned);
            }
        }

        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        try {
            for (ReadReport report : accepted) {
                String key = report.key().value();
                Receipt receipt = receipt(intake, report.location(), report.envelope(), sha256);
                byte[] value = RecordCodec.encode(new ReportRecord(key, report.report(), report.findings(), receipt),
                        intake.raw());
                acks.add(producer.send(new ProducerRecord<>(topics.reports(), key, value)));
                keys.add(key);
                findings.addAll(report.findings());
            }
            for (Refusal refusal : refusals) {
                Receipt receipt = receipt(intake, "$", Envelope.ofFileName(intake.fileName()), sha256);
                byte[] value = RecordCodec.encode(new QuarantineRecord(refusal, receipt), intake.raw());
                acks.add(producer.send(new ProducerRecord<>(topics.quarantine(), sha256, value)));
            }
            awaitAll(acks);
        } catch (TimeoutException e) {
            return new IntakeResult.Unavailable("Kafka did not acknowledge within " + ackTimeout.toSeconds() + " s");
        } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return new IntakeResult.Unavailable("Kafka refused the write: " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IntakeResult.Unavailable("interrupted while waiting for Kafka");
        }
        if (refusals.isEmpty()) {
            return new IntakeResult.Stored(keys, findings);
        }
        return new IntakeResult.Quarantined(keys, refusals);
    }

    private void awaitAll(List<Future<RecordMetadata>> acks)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private static boolean isMail(Channel channel) {
        return channel == Channel.SMTP || channel == Channel.IMAP;
    }

    private static Receipt receipt(Intake intake, String location, Envelope envelope, String sha256) {
        DkimVerdict dkim = intake.dkim();
        return new Receipt(intake.channel().name().toLowerCase(java.util.Locale.ROOT), intake.receivedAt(),
                intake.origin(), intake.coordinates(), location, sha256, intake.declaredType(), envelope,
                dkim == null ? Receipt.DKIM_NOT_CHECKED : dkim.result().name().toLowerCase(java.util.Locale.ROOT),
                dkim == null ? null : dkim.signingDomain(), dkim != null && dkim.aligned());
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
