package org.tlsrpt.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Load payloads built once, before the load starts, so that the driver spends its share of the CPU on sending:
 * RFC 8460 reports of about 1 KB gzipped, each with its own report-id so that none is a duplicate of another.
 * Should a run outlast the pool, further payloads are built on the fly and counted.
 */
final class Reports {

    private final byte[][] pool;
    private final IntFunction<byte[]> build;
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder builtDuringLoad = new LongAdder();
    private final long poolBytes;

    Reports(int size, IntFunction<byte[]> build) {
        this.build = build;
        this.pool = IntStream.range(0, size).parallel().mapToObj(build).toArray(byte[][]::new);
        long bytes = 0;
        for (byte[] payload : pool) {
            bytes += payload.length;
        }
        this.poolBytes = bytes;
    }

    /** The next payload; never the same report twice. */
    byte[] next() {
        return take(next.getAndIncrement());
    }

    /** Payload {@code n} of the pool, handed out once (built now if beyond it): for callers that number their own. */
    byte[] take(int n) {
        if (n < pool.length) {
            byte[] payload = pool[n];
            pool[n] = null; // sent once; let it go
            if (payload != null) {
                return payload;
            }
        }
        builtDuringLoad.increment();
        return build.apply(n);
    }

    long averageBytes() {
        return pool.length == 0 ? 0 : poolBytes / pool.length;
    }

    long builtDuringLoad() {
        return builtDuringLoad.sum();
    }

    /** Report number {@code n} as {@code application/tlsrpt+gzip}. */
    static byte[] gzip(int n) {
        return DecoderBenchmark.gzip(json(n));
    }

    /** Report number {@code n} as an unsigned multipart/report mail with the gzip attached (DKIM verdict: none). */
    static byte[] mail(int n) {
        String id = reportId(n);
        String mail = "MIME-Version: 1.0\r\n"
                + "From: tlsrpt-noreply@sender.example\r\n"
                + "Date: Tue, 03 Mar 2020 16:59:59 -0800\r\n"
                + "Message-ID: <" + id + "@sender.example>\r\n"
                + "Subject: Report Domain: company-y.example Submitter: sender.example Report-ID: <" + id + ">\r\n"
                + "To: tlsrpt@company-y.example\r\n"
                + "TLS-Report-Domain: company-y.example\r\n"
                + "TLS-Report-Submitter: sender.example\r\n"
                + "Content-Type: multipart/report; boundary=\"b1\"; report-type=tlsrpt\r\n"
                + "\r\n"
                + "--b1\r\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"\r\n"
                + "\r\n"
                + "This is an aggregate TLS report from sender.example\r\n"
                + "\r\n"
                + "--b1\r\n"
                + "Content-Type: application/tlsrpt+gzip; name=\"sender.example!company-y.example!" + n + ".json.gz\"\r\n"
                + "Content-Disposition: attachment; filename=\"sender.example!company-y.example!" + n + ".json.gz\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + DecoderBenchmark.base64Lines(gzip(n)) + "\r\n"
                + "--b1--\r\n";
        // Base64 lines and these headers never start with '.', so no dot-stuffing is needed.
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    /** Unique across runs too (the pid), so that reports of two runs never share an identity. */
    static String reportId(int n) {
        return "bench-" + PID + "-" + n;
    }

    private static final long PID = ProcessHandle.current().pid();

    /** A report with twenty failure-details whose addresses vary, so that it gzips to about 1 KB. */
    static byte[] json(int n) {
        SplittableRandom random = new SplittableRandom(n);
        StringBuilder json = new StringBuilder(4096)
                .append("{\"organization-name\":\"Sender Example Inc.\",\"date-range\":{\"start-datetime\":")
                .append("\"2026-04-01T00:00:00Z\",\"end-datetime\":\"2026-04-01T23:59:59Z\"},")
                .append("\"contact-info\":\"sts-reporting@sender.example\",\"report-id\":\"").append(reportId(n))
                .append("\",\"policies\":[{\"policy\":{\"policy-type\":\"sts\",\"policy-string\":[\"version: STSv1\",")
                .append("\"mode: testing\",\"mx: *.mail.company-y.example\",\"max_age: 86400\"],")
                .append("\"policy-domain\":\"company-y.example\",\"mx-host\":[\"*.mail.company-y.example\"]},")
                .append("\"summary\":{\"total-successful-session-count\":").append(1 + random.nextInt(100_000))
                .append(",\"total-failure-session-count\":").append(random.nextInt(10_000))
                .append("},\"failure-details\":[");
        for (int i = 0; i < 20; i++) {
            json.append(i > 0 ? "," : "")
                    .append("{\"result-type\":\"").append(RESULT_TYPES[random.nextInt(RESULT_TYPES.length)])
                    .append("\",\"sending-mta-ip\":\"198.51.").append(random.nextInt(256)).append('.')
                    .append(random.nextInt(256))
                    .append("\",\"receiving-mx-hostname\":\"mx").append(random.nextInt(100))
                    .append(".mail.company-y.example\",\"receiving-ip\":\"203.0.").append(random.nextInt(256))
                    .append('.').append(random.nextInt(256))
                    .append("\",\"failed-session-count\":").append(1 + random.nextInt(10_000)).append('}');
        }
        return json.append("]}]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final String[] RESULT_TYPES = {"certificate-expired", "starttls-not-supported",
            "validation-failure", "certificate-host-mismatch", "sts-policy-fetch-error", "tlsa-invalid"};
}
