package org.tlsrpt.ingest.kafka;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.Sha256;
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
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.IntakeRefusal;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.dkim.DkimPolicy;
import org.tlsrpt.ingest.quota.IntakeQuotas;
import org.tlsrpt.ingest.quota.RefusedSample;

/**
 * The {@link ReportIntake} every channel uses: reads the bytes with {@link ReportReader}, applies the
 * who-may-send rules, publishes each report to {@code tlsrpt.reports} (key = report identity) and whatever could
 * not be read to {@code tlsrpt.quarantine} (key = raw SHA-256), and answers only after Kafka acknowledged every
 * record ({@code acks=all}), without holding a thread while it waits. Daily quotas and the allow-list are enforced here, for every channel alike, and every
 * outcome is counted in {@link IntakeMetrics}. If any acknowledgement fails or is late the answer is {@code Unavailable}: the sender
 * retries, and records that did land meet their duplicates downstream, where the identity counts them once.
 */
public final class KafkaReportIntake implements ReportIntake {

    private final ReportReader reader;
    private final Producer<String, byte[]> producer;
    private final IntakeTopics topics;
    private final IntakePolicy policy;
    private final Duration ackTimeout;
    private final IntakeQuotas quotas;
    private final RefusedSample forbiddenSample;
    private final IntakeMetrics metrics;
    /** Whether the last record handed to Kafka was acknowledged: while it was, send() does not wait. */
    private volatile boolean kafkaAnswering = true;

    /** Without quotas, without a sample of refused reports, without metrics. */
    public KafkaReportIntake(ReportReader reader, Producer<String, byte[]> producer, IntakeTopics topics,
            IntakePolicy policy, Duration ackTimeout) {
        this(reader, producer, topics, policy, ackTimeout, IntakeQuotas.unlimited(), RefusedSample.none(),
                IntakeMetrics.NONE);
    }

    /**
     * @param quotas          daily quotas per client address (HTTP, SMTP) and per organisation (HTTP, SMTP, IMAP)
     * @param forbiddenSample how many reports refused by the allow-list are still kept in quarantine
     */
    public KafkaReportIntake(ReportReader reader, Producer<String, byte[]> producer, IntakeTopics topics,
            IntakePolicy policy, Duration ackTimeout, IntakeQuotas quotas, RefusedSample forbiddenSample,
            IntakeMetrics metrics) {
        this.reader = reader;
        this.producer = producer;
        this.topics = topics;
        this.policy = policy;
        this.ackTimeout = ackTimeout;
        this.quotas = quotas;
        this.forbiddenSample = forbiddenSample;
        this.metrics = metrics;
    }

    @Override
    public IntakeResult receive(Intake intake) {
        return receiveAsync(intake).join();
    }

    @Override
    public boolean mayBlock() {
        return !kafkaAnswering;
    }

    @Override
    public CompletableFuture<IntakeResult> receiveAsync(Intake intake) {
        long started = System.nanoTime();
        Channel channel = intake.channel();
        metrics.received(channel, intake.raw().length);
        // Client quotas count bytes from network peers; IMAP's origin is our own mailbox, import is the operator.
        boolean clientQuota = channel == Channel.HTTP || channel == Channel.SMTP;
        CompletableFuture<IntakeResult> result;
        if (clientQuota && !quotas.takeClientBytes(intake.origin(), intake.raw().length)) {
            result = CompletableFuture.completedFuture(new IntakeResult.OverQuota(
                    "this client address has stored its quota of bytes for today", quotas.retryAfter()));
        } else {
            result = decide(intake).thenApply(decided -> {
                if (clientQuota && !(decided instanceof IntakeResult.Stored
                        || decided instanceof IntakeResult.Quarantined)) {
                    quotas.returnClientBytes(intake.origin(), intake.raw().length);
                }
                return decided;
            });
        }
        return result.thenApply(answer -> {
            count(channel, answer, Duration.ofNanos(System.nanoTime() - started));
            return answer;
        });
    }

    private CompletableFuture<IntakeResult> decide(Intake intake) {
        if (policy.dkim() == DkimPolicy.REQUIRE && intake.dkim() != null
                && intake.dkim().result() == DkimVerdict.Result.TEMPERROR) {
            // The key could not be fetched; the sender can retry once DNS answers (SMTP 451).
            return CompletableFuture.completedFuture(
                    new IntakeResult.Unavailable("DKIM key lookup failed: " + intake.dkim().detail()));
        }
        ReadResult read = reader.read(intake.raw(), intake.declaredType(), intake.fileName());
        // Too large only when nothing in it could be read: a good report beside a bomb attachment is stored, and
        // the bomb part goes to quarantine with its reason like any other unreadable part.
        if (read.reports().isEmpty()) {
            for (Refusal refusal : read.refusals()) {
                if (refusal.code().isSizeLimit()) {
                    return CompletableFuture.completedFuture(new IntakeResult.TooLarge(refusal));
                }
            }
        }
        if (read.reports().isEmpty() && isMail(intake) && read.refusals().stream()
                .allMatch(refusal -> refusal.code() == RefusalCode.NO_REPORT_IN_MESSAGE)) {
            return CompletableFuture.completedFuture(new IntakeResult.NotAReport(read.refusals().get(0)));
        }
        for (ReadReport report : read.reports()) {
            String forbidden = policy.forbidden(report);
            if (forbidden != null) {
                return keepSample(intake, forbidden).thenApply(kept -> new IntakeResult.Forbidden(forbidden));
            }
        }
        String sha256 = Sha256.hex(intake.raw());
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

        // Organisation quotas hold for every network channel; import and reprocessing are the operator's own.
        List<String> organisations = quotaExempt(intake.channel()) ? List.of()
                : accepted.stream().map(report -> report.report().organizationName()).toList();
        if (!quotas.takeReports(organisations)) {
            return CompletableFuture.completedFuture(new IntakeResult.OverQuota(
                    "the reporting organisation has stored its quota of reports for today", quotas.retryAfter()));
        }
        return publish(intake, sha256, accepted, refusals).thenApply(published -> {
            if (published instanceof IntakeResult.Unavailable || published instanceof IntakeResult.TooLarge) {
                quotas.returnReports(organisations);
            }
            return published;
        });
    }

    private CompletableFuture<IntakeResult> publish(Intake intake, String sha256, List<ReadReport> accepted,
            List<Refusal> refusals) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (ReadReport report : accepted) {
            String key = report.key().value();
            Receipt receipt = receipt(intake, report.location(), report.envelope(), sha256);
            byte[] value = RecordCodec.encode(new ReportRecord(key, report.report(), report.findings(), receipt),
                    intake.raw());
            records.add(new ProducerRecord<>(topics.reports(), key, value));
            keys.add(key);
            days.add(report.report().dateRange().day());
            findings.addAll(report.findings());
        }
        // Reprocessed bytes are in quarantine already, and stay there: another copy per run would only pile up.
        for (Refusal refusal : intake.channel() == Channel.REPROCESS ? List.<Refusal>of() : refusals) {
            Receipt receipt = receipt(intake, "$", Envelope.ofFileName(intake.fileName()), sha256);
            byte[] value = RecordCodec.encode(new QuarantineRecord(refusal, receipt), intake.raw());
            records.add(new ProducerRecord<>(topics.quarantine(), sha256, value));
        }
        // A report near the input limits can be read but not carried: its canonical form beside the raw bytes
        // would pass Kafka's record limit, which the producer refuses every time. Say so once (413 / 552) rather
        // than 503 for a retry that can never succeed.
        for (ProducerRecord<String, byte[]> record : records) {
            if (record.value().length > IntakeProducer.MAX_VALUE_BYTES) {
                return CompletableFuture.completedFuture(new IntakeResult.TooLarge(new Refusal(
                        RefusalCode.MESSAGE_TOO_LARGE, "$", "the report and its canonical form take "
                        + record.value().length + " bytes, more than the " + IntakeProducer.MAX_VALUE_BYTES
                        + " one Kafka record can hold")));
            }
        }
        List<CompletableFuture<RecordMetadata>> acks = records.stream().map(this::send).toList();
        return acknowledged(acks).handle((done, failure) -> {
            if (failure != null) {
                return unavailable(failure);
            }
            if (refusals.isEmpty()) {
                return new IntakeResult.Stored(keys, findings, days);
            }
            return new IntakeResult.Quarantined(keys, refusals, days);
        });
    }

    /**
     * Keeps a report refused by the allow-list in quarantine while today's sample has room; best effort: the
     * refusal stands whether or not Kafka takes the sample. Completes once Kafka answered.
     */
    private CompletableFuture<Void> keepSample(Intake intake, String forbidden) {
        if (intake.channel() == Channel.REPROCESS || !forbiddenSample.take()) {
            return CompletableFuture.completedFuture(null);
        }
        String sha256 = Sha256.hex(intake.raw());
        Receipt receipt = receipt(intake, "$", Envelope.ofFileName(intake.fileName()), sha256);
        byte[] value = RecordCodec.encode(new QuarantineRecord(
                new Refusal(RefusalCode.DOMAIN_NOT_ALLOWED, "$", forbidden), receipt), intake.raw());
        return acknowledged(List.of(send(new ProducerRecord<>(topics.quarantine(), sha256, value))))
                .handle((done, failure) -> {
                    if (failure == null) {
                        metrics.quarantined(intake.channel(), RefusalCode.DOMAIN_NOT_ALLOWED);
                    } else {
                        forbiddenSample.giveBack();
                    }
                    return null;
                });
    }

    /** One record handed to the producer; a refusal by {@code send} itself (no metadata, full buffer) fails it. */
    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                kafkaAnswering = failure == null;
                if (failure == null) {
                    ack.complete(metadata);
                } else {
                    ack.completeExceptionally(failure);
                }
            });
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
            // IllegalStateException: the producer is closed, the process is stopping.
            kafkaAnswering = false;
            ack.completeExceptionally(e);
        }
        return ack;
    }

    /**
     * Every record acknowledged, or the first failure. The producer's delivery timeout ({@link IntakeProducer}: the
     * ack timeout) fails a record Kafka did not acknowledge in time, so no timer of our own is needed.
     */
    private static CompletableFuture<Void> acknowledged(List<CompletableFuture<RecordMetadata>> acks) {
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private IntakeResult unavailable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new IntakeResult.Unavailable("Kafka did not acknowledge within " + ackTimeout.toSeconds() + " s");
        }
        return new IntakeResult.Unavailable("Kafka refused the write: " + cause.getClass().getSimpleName());
    }

    private void count(Channel channel, IntakeResult result, Duration elapsed) {
        IntakeMetrics.Outcome outcome = IntakeMetrics.Outcome.REFUSED;
        if (result instanceof IntakeResult.Stored stored) {
            metrics.accepted(channel, stored.keys().size());
            outcome = IntakeMetrics.Outcome.DURABLE;
        } else if (result instanceof IntakeResult.Quarantined quarantined) {
            metrics.accepted(channel, quarantined.keys().size());
            quarantined.reasons().forEach(reason -> metrics.quarantined(channel, reason.code()));
            outcome = IntakeMetrics.Outcome.DURABLE;
        } else if (result instanceof IntakeResult.NotAReport notAReport) {
            metrics.refused(channel, notAReport.reason().code());
        } else if (result instanceof IntakeResult.TooLarge tooLarge) {
            metrics.refused(channel, tooLarge.reason().code());
        } else if (result instanceof IntakeResult.Forbidden) {
            metrics.refused(channel, IntakeRefusal.DOMAIN_NOT_ALLOWED);
        } else if (result instanceof IntakeResult.OverQuota) {
            metrics.refused(channel, IntakeRefusal.QUOTA_EXCEEDED);
        } else {
            metrics.refused(channel, IntakeRefusal.UNAVAILABLE);
            outcome = IntakeMetrics.Outcome.UNAVAILABLE;
        }
        metrics.answered(channel, outcome, elapsed);
    }

    private static boolean quotaExempt(Channel channel) {
        return channel == Channel.IMPORT || channel == Channel.REPROCESS;
    }

    /** Mail may hold no report at all (a bounce, a newsletter in an imported mbox): refused, not quarantined. */
    private static boolean isMail(Intake intake) {
        return intake.channel() == Channel.SMTP || intake.channel() == Channel.IMAP
                || "message/rfc822".equals(intake.declaredType());
    }

    private static Receipt receipt(Intake intake, String location, Envelope envelope, String sha256) {
        DkimVerdict dkim = intake.dkim();
        return new Receipt(intake.channel().name().toLowerCase(java.util.Locale.ROOT), intake.receivedAt(),
                intake.origin(), intake.coordinates(), location, sha256, intake.declaredType(), envelope,
                dkim == null ? Receipt.DKIM_NOT_CHECKED : dkim.result().name().toLowerCase(java.util.Locale.ROOT),
                dkim == null ? null : dkim.signingDomain(), dkim != null && dkim.aligned());
    }
}
