package org.tlsrpt.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsrpt.app.testing.AppProcess;
import org.tlsrpt.core.message.QuarantineRecord;
import org.tlsrpt.embedded.FreePorts;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;
import org.tlsrpt.ingest.imap.Dovecot;
import org.tlsrpt.ingest.imap.TestMailbox;

/**
 * Hostile mail over IMAP against the running application (256 MB heap, ended by any OutOfMemoryError) polling a
 * real Dovecot over STARTTLS, with a real Kafka broker: bombs (one of many zip entries that pass their limits alone
 * but not the budget per input), a mail twelve times the configured size limit,
 * broken MIME, binary garbage and invalid UTF-8 each end in the {@code invalid} folder (with a quarantine record
 * where the intake quarantines), the good report beside them ends in {@code processed} and on Kafka, and the
 * process stays alive, ready and free of stack traces. The oversized mail is refused by the size the server
 * reports: Dovecot's own count of the message bodies it sent shows it was never downloaded.
 */
class ImapHostileInputIT {

    private static final int MIB = 1024 * 1024;
    private static final long SIZE_LIMIT = 2L * MIB;
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(.*\\)$");
    private static final Pattern LOGIN = Pattern.compile("Login: user=<" + Dovecot.USER + ">");
    private static final Pattern SESSION_END = Pattern.compile(
            "imap\\(" + Dovecot.USER + "\\).*\\bbody_count=(\\d+) body_bytes=(\\d+)");

    private static Path dir;
    private static EmbeddedKafka kafka;
    private static Dovecot dovecot;
    private static AppProcess app;

    @BeforeAll
    static void startDovecotKafkaAndTheApplication() throws Exception {
        dir = Files.createTempDirectory("tlsrpt-imap-it");
        // Dovecot's auth process (user dovecot) must reach its passwd file below this directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        dovecot = Dovecot.start(Files.createDirectories(dir.resolve("dovecot")));
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dir.resolve("broker")).withPorts(0, 0));
        app = AppProcess.packaged().settings(List.of(
                "tlsrpt.roles=ingest",
                "tlsrpt.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "tlsrpt.ingest.smtp.host=127.0.0.1",
                "tlsrpt.ingest.smtp.port=" + FreePorts.pick(),
                "tlsrpt.ingest.imap.mailboxes.test.host=127.0.0.1",
                "tlsrpt.ingest.imap.mailboxes.test.port=" + dovecot.imapPort(),
                "tlsrpt.ingest.imap.mailboxes.test.user=" + Dovecot.USER,
                "tlsrpt.ingest.imap.mailboxes.test.password=" + Dovecot.PASSWORD,
                "tlsrpt.ingest.imap.mailboxes.test.trusted-certificate=" + dovecot.certificate(),
                "tlsrpt.ingest.imap.max-message-size=" + SIZE_LIMIT,
                "tlsrpt.ingest.imap.poll-interval=5s"))
                .startReady(dir, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            try {
                if (kafka != null) {
                    kafka.close();
                }
            } finally {
                if (dovecot != null) {
                    dovecot.close();
                }
            }
        }
    }

    @Test
    void eachHostileMailEndsInInvalidTheGoodOneInProcessedAndTheProcessStaysHealthy() throws Exception {
        String good = "imap-good.example";
        Map<String, byte[]> hostile = new LinkedHashMap<>(); // by the domain in their Message-ID
        // 384 MiB of zeros behind each bomb: more than the heap, so inflating one whole would end the process.
        hostile.put("imap-gzip-bomb.example",
                ascii(Fixtures.mail("imap-gzip-bomb.example", Fixtures.gzipBomb(384))));
        hostile.put("imap-zip-bomb.example", ascii(Fixtures.mail("imap-zip-bomb.example", "application/zip",
                "google.com!imap-zip-bomb.example!1764201600!1764287999.zip",
                Fixtures.zipBomb("report.json", 384))));
        // Seven entries of 40 MiB, each within the per-entry limits: 280 MiB together, more than the heap.
        hostile.put("imap-budget-bomb.example", ascii(Fixtures.mail("imap-budget-bomb.example", "application/zip",
                "google.com!imap-budget-bomb.example!1764201600!1764287999.zip",
                Fixtures.manyEntryZipBomb(7, 40))));
        assertThat((long) hostile.get("imap-budget-bomb.example").length).isLessThan(SIZE_LIMIT);
        hostile.put("imap-boundary-never-seen.example",
                ascii(boundaryNeverSeen("imap-boundary-never-seen.example")));
        hostile.put("imap-never-closed.example", ascii(neverClosed("imap-never-closed.example")));
        hostile.put("imap-garbage-headers.example", garbageHeaders("imap-garbage-headers.example"));
        hostile.put("imap-invalid-utf8.example", ascii(Fixtures.mail("imap-invalid-utf8.example",
                Fixtures.gzip(invalidUtf8Report("imap-invalid-utf8.example")))));
        byte[] huge = hugeMail("imap-huge.example");
        assertThat((long) huge.length).isGreaterThan(10 * SIZE_LIMIT);
        PrometheusSamples before = PrometheusSamples.scrape(app.managementPort());

        for (byte[] mail : hostile.values()) {
            dovecot.deliver("INBOX", mail);
        }
        dovecot.deliver("INBOX", huge);
        dovecot.deliver("INBOX", ascii(Fixtures.mail(good, Fixtures.gzip(Fixtures.report(good)))));

        TestMailbox view = dovecot.mailbox();
        await(() -> view.ids("INBOX").isEmpty() && view.ids("processed").size() + view.ids("invalid").size() == 9,
                () -> "every mail to leave the inbox; log:\n" + app.tail() + "\n" + dovecot.log());

        assertThat(view.ids("processed")).containsExactly(id(good));
        List<String> invalid = new ArrayList<>(hostile.keySet().stream().map(ImapHostileInputIT::id).toList());
        invalid.add(id("imap-huge.example"));
        assertThat(view.ids("invalid")).containsExactlyInAnyOrderElementsOf(invalid);
        assertThat(view.list("invalid")).as("the oversized mail was moved unread").filteredOn(
                seen -> id("imap-huge.example").equals(seen.messageId())).singleElement()
                .satisfies(seen -> assertThat(seen.seen()).isFalse());

        assertThat(TopicRecords.policyDomains(TopicRecords.reports(kafka.bootstrapServers())))
                .as("only the good report is on tlsrpt.reports").containsExactly(good);
        Map<String, String> quarantined = new LinkedHashMap<>();
        for (QuarantineRecord record : TopicRecords.quarantine(kafka.bootstrapServers())) {
            quarantined.put(record.receipt().coordinates().get("message-id"), record.reason().code().code());
        }
        assertThat(quarantined).as("what the intake quarantines, by Message-ID").containsOnly(
                Map.entry("<imap-never-closed.example@google.com>", "truncated-compression"),
                Map.entry("<imap-invalid-utf8.example@google.com>", "invalid-utf8"));

        PrometheusSamples after = PrometheusSamples.scrape(app.managementPort());
        assertThat(after.since(before, "tlsrpt_ingest_received_total{channel=imap}"))
                .as("everything but the oversized mail reached the intake").isEqualTo(8);
        assertThat(after.since(before, "tlsrpt_ingest_accepted_total{channel=imap}")).isEqualTo(1);
        assertThat(after.since(before, "tlsrpt_ingest_refused_total{channel=imap,reason=compression-ratio}"))
                .as("both bombs").isEqualTo(2);
        assertThat(after.since(before, "tlsrpt_ingest_refused_total{channel=imap,reason=input-budget-exceeded}"))
                .as("the zip whose entries pass alone but not together").isEqualTo(1);
        assertThat(after.since(before, "tlsrpt_ingest_refused_total{channel=imap,reason=no-report-in-message}"))
                .as("the boundary that never comes, the garbage headers").isEqualTo(2);
        assertThat(after.since(before, "tlsrpt_ingest_refused_total{channel=imap,reason=too-large}"))
                .as("the oversized mail, refused by the poller before the intake").isEqualTo(1);

        assertThat(app.isAlive()).as("alive on a %s heap; log:%n%s", AppProcess.HEAP, app.tail()).isTrue();
        assertThat(app.readiness()).isEqualTo(200);
        String log = Files.readString(dir.resolve("app.log"));
        assertThat(log).as("refused by the size the server reports")
                .containsPattern("bytes, over the limit of [0-9,.]+; moved to invalid unread");
        assertThat(STACK_FRAME.matcher(log).find()).as("no stack trace in the log:%n%s", log).isFalse();

        // Dovecot logs what it sent in each session when the session ends: end the application's, then count.
        long receivedBytes = (long) after.since(before, "tlsrpt_ingest_received_bytes_total{channel=imap}");
        app.close();
        await(() -> endedSessions().size() == LOGIN.matcher(dovecot.log()).results().count(),
                () -> "Dovecot to log the end of every session:\n" + dovecot.log());
        List<long[]> sessions = endedSessions();
        assertThat(sessions.stream().mapToLong(session -> session[0]).sum())
                .as("body fetches Dovecot answered: the 8 mails the intake received, the 1.7 MB budget bomb in two "
                        + "1 MiB partial fetches, not the oversized mail")
                .isEqualTo(9);
        assertThat(sessions.stream().mapToLong(session -> session[1]).sum())
                .as("body bytes Dovecot sent: exactly what the intake received").isEqualTo(receivedBytes)
                .isLessThan(huge.length);
    }

    /** {body_count, body_bytes} of every ended IMAP session of the test user, from the Dovecot log. */
    private static List<long[]> endedSessions() {
        Matcher matcher = SESSION_END.matcher(dovecot.log());
        List<long[]> sessions = new ArrayList<>();
        while (matcher.find()) {
            sessions.add(new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))});
        }
        return sessions;
    }

    private static String id(String domain) {
        return domain + "@google.com";
    }

    /** A multipart mail whose declared boundary never appears: it holds no part at all. */
    private static String boundaryNeverSeen(String domain) {
        return "From: reporter@mail.example\r\nTo: tlsrpt@reports.example\r\n"
                + "Subject: Report Domain: " + domain + "\r\nMessage-ID: <" + id(domain) + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"never-seen\"\r\n\r\n"
                + "--other\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(Fixtures.gzip(Fixtures.report(domain))) + "\r\n";
    }

    /** A report mail cut off in the middle of its attachment: the closing boundary never comes. */
    private static String neverClosed(String domain) {
        String whole = Fixtures.mail(domain, Fixtures.gzip(Fixtures.report(domain)));
        int attachment = whole.indexOf("\r\n\r\n", whole.indexOf("application/tlsrpt+gzip")) + 4;
        return whole.substring(0, attachment + (whole.length() - attachment) / 2) + "\r\n";
    }

    /** A Message-ID, then header lines of random bytes (no CR or LF inside), then a body of random bytes. */
    private static byte[] garbageHeaders(String domain) throws IOException {
        Random random = new Random(8460);
        ByteArrayOutputStream mail = new ByteArrayOutputStream();
        mail.write(ascii("Message-ID: <" + id(domain) + ">\r\n"));
        for (int line = 0; line < 20; line++) {
            byte[] bytes = new byte[200];
            random.nextBytes(bytes);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\r' || bytes[i] == '\n') {
                    bytes[i] = (byte) 0xFF;
                }
            }
            mail.write(bytes);
            mail.write(ascii("\r\n"));
        }
        mail.write(ascii("\r\n"));
        byte[] body = new byte[4096];
        random.nextBytes(body);
        mail.write(body);
        return mail.toByteArray();
    }

    /** A report whose organisation name holds a lead byte without continuation and a 0xFF. */
    private static byte[] invalidUtf8Report(String domain) {
        byte[] report = Fixtures.report(domain);
        int at = new String(report, StandardCharsets.US_ASCII).indexOf("Google Inc.");
        ByteArrayOutputStream broken = new ByteArrayOutputStream();
        broken.write(report, 0, at);
        broken.write(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, 0, 3);
        broken.write(report, at, report.length - at);
        return broken.toByteArray();
    }

    /** A well-formed report mail carrying 18 MiB of incompressible bytes beside the report: about 24 MiB. */
    private static byte[] hugeMail(String domain) {
        byte[] filler = new byte[18 * MIB];
        new Random(31337).nextBytes(filler);
        return ascii(Fixtures.mail(domain, "application/octet-stream", "filler.bin", filler));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(250);
        }
    }
}
