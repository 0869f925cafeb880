package org.tlsrpt.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

class RecordCodecTest {

    private static final String JSON = """
            {"organization-name":"Microsoft Corporation","date-range":{"start-datetime":"2024-03-26T00:00:00",\
            "end-datetime":"2024-03-26T23:59:59"},"contact-info":"tlsrpt-noreply@microsoft.com",\
            "report-id":"133560000000000000+example.com","policies":[{"policy":{"policy-type":"sts",\
            "policy-string":["version: STSv1","mode: enforce","mx: mx.example.com","max_age: 86400"],\
            "policy-domain":"example.com"},"summary":{"total-successful-session-count":12,\
            "total-failure-session-count":3},"failure-details":[{"result-type":"certificate-expired",\
            "sending-mta-ip":"2001:DB8::1","receiving-ip":"192.0.2.7","receiving-mx-hostname":"mx.example.com",\
            "failed-session-count":3}]}]}""";

    private static final Receipt RECEIPT = new Receipt("smtp", Instant.parse("2026-11-28T10:15:30.123Z"),
            "192.0.2.44", Map.of("helo", "mail.example.net", "queue-id", "q-17"), "mime:2",
            "0f".repeat(32), "message/rfc822",
            Envelope.NONE.withFileName("microsoft.com!example.com!1711411200!1711497599!133560000000000000.json.gz"),
            "pass", "microsoft.com", true);

    private static ReadReport read() {
        return new ReportReader(Limits.DEFAULTS).read(JSON.getBytes(StandardCharsets.UTF_8), null, null)
                .reports().get(0);
    }

    @Test
    void aReportRecordRoundTripsWithItsRawBytes() {
        ReadReport read = read();
        ReportRecord record = new ReportRecord(read.key().value(), read.report(), read.findings(), RECEIPT);
        byte[] raw = "raw message bytes \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

        RecordCodec.Decoded<ReportRecord> decoded = RecordCodec.decodeReport(RecordCodec.encode(record, raw));

        assertThat(decoded.record()).isEqualTo(record);
        assertThat(decoded.record().findings()).isNotEmpty();
        assertThat(decoded.raw()).isEqualTo(raw);
        assertThat(decoded.record().receipt().envelope().reportFileName().policyDomain()).isEqualTo("example.com");
    }

    @Test
    void aQuarantineRecordRoundTripsWithItsReason() {
        QuarantineRecord record = new QuarantineRecord(
                new Refusal(RefusalCode.TRUNCATED_COMPRESSION, "mime:2", "gzip stream ends early"), RECEIPT);
        byte[] raw = {0x1f, (byte) 0x8b, 8, 0};

        RecordCodec.Decoded<QuarantineRecord> decoded = RecordCodec.decodeQuarantine(RecordCodec.encode(record, raw));

        assertThat(decoded.record()).isEqualTo(record);
        assertThat(decoded.raw()).isEqualTo(raw);
    }

    @Test
    void aQuarantineRecordIsNotMistakenForAReport() {
        byte[] value = RecordCodec.encode(new QuarantineRecord(
                new Refusal(RefusalCode.NOT_JSON, "$", "not JSON"), RECEIPT), new byte[] {1});

        assertThatThrownBy(() -> RecordCodec.decodeReport(value)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("no report");
    }

    @Property(tries = 300)
    void arbitraryBytesDecodeOrFailWithMalformedRecord(@ForAll @Size(max = 200) byte[] value) {
        try {
            RecordCodec.decodeReport(value);
        } catch (MalformedRecordException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            RecordCodec.decodeQuarantine(value);
        } catch (MalformedRecordException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void truncatedRecordsFailWithMalformedRecord(@ForAll("cut") int cut) {
        ReadReport read = read();
        byte[] value = RecordCodec.encode(new ReportRecord(read.key().value(), read.report(), read.findings(),
                RECEIPT), new byte[0]);
        byte[] truncated = java.util.Arrays.copyOf(value, Math.min(cut, value.length - 1));

        assertThatThrownBy(() -> RecordCodec.decodeReport(truncated)).isInstanceOf(MalformedRecordException.class);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> cut() {
        return net.jqwik.api.Arbitraries.integers().between(0, 2_000);
    }
}
