package org.tlsrpt.bench;

import java.nio.charset.StandardCharsets;

/** Google's daily report as sent on the wire (the corpus's mail-tls-rpt/report.json when present). */
final class GoogleReport {

    /** Same shape and size as Google's real 259-byte report, used when the corpus is not beside the checkout. */
    private static final String FALLBACK = "{\"organization-name\":\"Google Inc.\",\"date-range\":{\"start-datetime\":"
            + "\"2020-03-02T00:00:00Z\",\"end-datetime\":\"2020-03-02T23:59:59Z\"},\"contact-info\":"
            + "\"smtp-tls-reporting@google.com\",\"report-id\":\"2020-03-02T00:00:00Z_fastmaildmarc.com\","
            + "\"policies\":[{\"policy\":{\"policy-type\":\"no-policy-found\",\"policy-domain\":\"fastmaildmarc.com\"},"
            + "\"summary\":{\"total-successful-session-count\":343,\"total-failure-session-count\":0}}]}";

    private GoogleReport() {
    }

    static byte[] json() {
        return DecoderBenchmark.readCorpusOr("mail-tls-rpt/report.json", FALLBACK);
    }

    /** A multipart/report message as Google sends it, with the gzip as a base64 attachment. */
    static byte[] mail(byte[] gzip) {
        String mail = "Delivered-To: tlsrpt@fastmaildmarc.com\r\n"
                + "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=20161025; h=mime-version:"
                + "from:date:message-id:subject:to; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\n"
                + "MIME-Version: 1.0\r\n"
                + "From: noreply-smtp-tls-reporting@google.com\r\n"
                + "Date: Tue, 03 Mar 2020 16:59:59 -0800\r\n"
                + "Message-ID: <000000000000c2e7e105a0003f3b@google.com>\r\n"
                + "Subject: Report Domain: fastmaildmarc.com Submitter: google.com Report-ID:"
                + " <2020.03.02T00.00.00Z+fastmaildmarc.com@google.com>\r\n"
                + "To: tlsrpt@fastmaildmarc.com\r\n"
                + "TLS-Report-Domain: fastmaildmarc.com\r\n"
                + "TLS-Report-Submitter: google.com\r\n"
                + "Content-Type: multipart/report; boundary=\"000000000000c2e7d205a0003f3a\"; report-type=tlsrpt\r\n"
                + "\r\n"
                + "--000000000000c2e7d205a0003f3a\r\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes\r\n"
                + "\r\n"
                + "This is an aggregate TLS report from google.com\r\n"
                + "\r\n"
                + "--000000000000c2e7d205a0003f3a\r\n"
                + "Content-Type: application/tlsrpt+gzip; \r\n"
                + "\tname=\"google.com!fastmaildmarc.com!1583107200!1583193599!001.json.gz\"\r\n"
                + "Content-Disposition: attachment; \r\n"
                + "\tfilename=\"google.com!fastmaildmarc.com!1583107200!1583193599!001.json.gz\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + DecoderBenchmark.base64Lines(gzip) + "\r\n"
                + "--000000000000c2e7d205a0003f3a--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }
}
