package org.tlsrpt.core.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.tlsrpt.core.testing.Archives;

/** Test inputs built with the JDK, and the mail fixtures under {@code resources/mail}. */
final class Samples {

    static final String REPORT_JSON = "{\"organization-name\":\"Company-X\",\"date-range\":{\"start-datetime\":"
            + "\"2016-04-01T00:00:00Z\",\"end-datetime\":\"2016-04-01T23:59:59Z\"},\"contact-info\":"
            + "\"sts-reporting@company-x.example\",\"report-id\":\"5065427c-23d3-47ca-b6e0-946ea0e8c4be\","
            + "\"policies\":[{\"policy\":{\"policy-type\":\"sts\",\"policy-string\":[\"version: STSv1\","
            + "\"mode: testing\",\"mx: *.mail.company-y.example\",\"max_age: 86400\"],\"policy-domain\":"
            + "\"company-y.example\",\"mx-host\":[\"*.mail.company-y.example\"]},\"summary\":"
            + "{\"total-successful-session-count\":5326,\"total-failure-session-count\":303}}]}";

    static final byte[] REPORT = REPORT_JSON.getBytes(StandardCharsets.UTF_8);

    private Samples() {
    }

    static byte[] gzip(byte[] data) {
        return Archives.gzip(data);
    }

    /** Entries as name, content, name, content, ... */
    static byte[] zip(Object... namesAndContents) {
        return Archives.zip(namesAndContents);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] mail(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/mail/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(DecodedReport report) {
        return new String(report.json(), 0, report.length(), StandardCharsets.UTF_8);
    }
}
