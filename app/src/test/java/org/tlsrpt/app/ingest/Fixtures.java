package org.tlsrpt.app.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.tlsrpt.core.testing.Archives;
import org.tlsrpt.core.testing.Bombs;

/**
 * What senders post and mail: a Google-shaped report, its gzip, a multipart/report mail carrying it, and the hostile
 * variants (gzip and zip bombs from core's {@link Bombs}).
 */
public final class Fixtures {

    static final int MIB = 1024 * 1024;

    private static final String REPORT = """
            {"organization-name":"Google Inc.","date-range":{"start-datetime":"2026-11-27T00:00:00Z",\
            "end-datetime":"2026-11-27T23:59:59Z"},"contact-info":"smtp-tls-reporting@google.com",\
            "report-id":"2026-11-27T00:00:00Z_%s","policies":[{"policy":{"policy-type":"sts",\
            "policy-string":["version: STSv1","mode: enforce","mx: mx.%s","max_age: 86400"],\
            "policy-domain":"%s","mx-host":["mx.%s"]},"summary":{"total-successful-session-count":41,\
            "total-failure-session-count":2},"failure-details":[{"result-type":"certificate-expired",\
            "sending-mta-ip":"209.85.220.41","receiving-mx-hostname":"mx.%s","failed-session-count":2}]}]}""";


    private Fixtures() {
    }

    static byte[] report(String domain) {
        return ascii(REPORT.formatted(domain, domain, domain, domain, domain));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] gzip(byte[] bytes) {
        return Archives.gzip(bytes);
    }

    /** A report mail as Google sends it: multipart/report with the gzip report base64-encoded. */
    public static String mail(String domain, byte[] attachment) {
        return mail(domain, "application/tlsrpt+gzip", "google.com!" + domain + "!1764201600!1764287999.json.gz",
                attachment);
    }

    /** The same with another attachment type and file name, e.g. a zip. */
    static String mail(String domain, String contentType, String fileName, byte[] attachment) {
        return "From: noreply-smtp-tls-reporting@google.com\r\n"
                + "To: tlsrpt@reports.example\r\n"
                + "Subject: Report Domain: " + domain + " Submitter: google.com Report-ID: <" + domain + "@google.com>\r\n"
                + "TLS-Report-Domain: " + domain + "\r\n"
                + "TLS-Report-Submitter: google.com\r\n"
                + "Message-ID: <" + domain + "@google.com>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate TLS report.\r\n"
                + "--b1\r\nContent-Type: " + contentType + "\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--b1--\r\n";
    }

    static byte[] zip(Object... namesAndContents) {
        return Archives.zip(namesAndContents);
    }

    /** A valid gzip of a JSON start and {@code mebibytes} MiB of zeros, CRC and ISIZE right: about 1 KB per MiB. */
    static byte[] gzipBomb(int mebibytes) {
        return Bombs.gzipOfZeros(mebibytes, true);
    }

    /**
     * The many-part bomb: a zip of {@code entries} entries of {@code mebibytes} MiB each that deflate about 200
     * times, so that each entry passes the per-entry size and ratio limits and only the budget per input stops the
     * whole. 32 entries of 40 MiB take about 6 MB; kept together they decompress to 1.3 GB.
     */
    static byte[] manyEntryZipBomb(int entries, int mebibytes) {
        return Bombs.zipOfCompressibleEntries(entries, mebibytes);
    }

    /** A zip with one deflated entry of {@code mebibytes} MiB of zeros after a JSON start, sizes declared honestly. */
    static byte[] zipBomb(String name, int mebibytes) {
        return Bombs.zipWithOneDeflatedEntry(name, mebibytes);
    }
}
