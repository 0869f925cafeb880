package org.tlsrpt.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** A 14 MB report with 50,000 failure-details: a big provider's worst day. Deterministic (fixed seed). */
final class LargeReport {

    static final int FAILURE_DETAILS = 50_000;

    private static final String[] RESULT_TYPES = {"certificate-expired", "starttls-not-supported",
        "certificate-host-mismatch", "validation-failure", "sts-webpki-invalid", "certificate-not-trusted"};

    private static byte[] json;

    private LargeReport() {
    }

    static synchronized byte[] json() {
        if (json == null) {
            json = build();
        }
        return json;
    }

    private static byte[] build() {
        Random random = new Random(8460);
        StringBuilder out = new StringBuilder(15_000_000);
        out.append("{\"organization-name\":\"Example Mail Provider\",\"date-range\":{\"start-datetime\":")
                .append("\"2026-11-27T00:00:00Z\",\"end-datetime\":\"2026-11-27T23:59:59Z\"},")
                .append("\"contact-info\":\"tlsrpt@provider.example\",\"report-id\":\"2026-11-27T00:00:00Z_big.example\",")
                .append("\"policies\":[{\"policy\":{\"policy-type\":\"sts\",\"policy-string\":[\"version: STSv1\",")
                .append("\"mode: enforce\",\"mx: *.mx.big.example\",\"max_age: 604800\"],\"policy-domain\":\"big.example\",")
                .append("\"mx-host\":[\"*.mx.big.example\"]},\"summary\":{\"total-successful-session-count\":987654321,")
                .append("\"total-failure-session-count\":").append(FAILURE_DETAILS * 3L).append("},\"failure-details\":[");
        for (int i = 0; i < FAILURE_DETAILS; i++) {
            if (i > 0) {
                out.append(',');
            }
            int mx = random.nextInt(40);
            out.append("{\"result-type\":\"").append(RESULT_TYPES[random.nextInt(RESULT_TYPES.length)])
                    .append("\",\"sending-mta-ip\":\"").append(ip(random))
                    .append("\",\"receiving-mx-hostname\":\"mx").append(mx).append(".mx.big.example")
                    .append("\",\"receiving-ip\":\"").append(ip(random))
                    .append("\",\"failed-session-count\":3")
                    .append(",\"additional-information\":\"https://reports.example/?id=")
                    .append(Long.toHexString(random.nextLong()))
                    .append("\",\"failure-reason-code\":\"X509_V_ERR_CERT_HAS_EXPIRED")
                    .append("\"}");
        }
        out.append("]}]}");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String ip(Random random) {
        return (random.nextInt(223) + 1) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (random.nextInt(254) + 1);
    }
}
