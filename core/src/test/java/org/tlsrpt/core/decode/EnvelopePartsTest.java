package org.tlsrpt.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The small readers behind {@link Envelope}: Subject, Date, file name. */
class EnvelopePartsTest {

    @Test
    void subjectInTheRfcFormatGivesAllThreeParts() {
        SubjectLine subject = SubjectLine.parse(
                "Report Domain: example.net Submitter: mail.sender.example.com Report-ID: <735ff.e317+bf22029@example.net>");

        assertThat(subject).isEqualTo(new SubjectLine("example.net", "mail.sender.example.com",
                "735ff.e317+bf22029@example.net"));
    }

    @Test
    void subjectToleratesCaseSpacingMissingPartsAndTrailingText() {
        assertThat(SubjectLine.parse("Fwd: report  DOMAIN :example.org,  submitter:  mail.ru   (daily)"))
                .isEqualTo(new SubjectLine("example.org", "mail.ru", null));
        assertThat(SubjectLine.parse("Report-Domain: a.example Report-ID: 133708152202987951+a.example thanks"))
                .isEqualTo(new SubjectLine("a.example", null, "133708152202987951+a.example"));
        assertThat(SubjectLine.parse("Report ID: < spaced-id@x >")).isEqualTo(new SubjectLine(null, null,
                "spaced-id@x"));
        assertThat(SubjectLine.parse("Cron <root@host> suricata-update")).isEqualTo(SubjectLine.NONE);
        assertThat(SubjectLine.parse(null)).isEqualTo(SubjectLine.NONE);
    }

    @Test
    void datesInRfc5322FormAreRead() {
        assertThat(MailDates.parse("Mon, 16 Sep 2024 04:17:13 -0700")).isEqualTo(Instant.parse("2024-09-16T11:17:13Z"));
        assertThat(MailDates.parse("16 Sep 2024 04:17:13 +0000 (UTC)")).isEqualTo(Instant.parse("2024-09-16T04:17:13Z"));
    }

    @Test
    void datesInTheShapesRealSendersUseAreReadToo() {
        assertThat(MailDates.parse("Fri, May 09 2017 16:54:30 -0800")).isEqualTo(Instant.parse("2017-05-10T00:54:30Z"));
        assertThat(MailDates.parse("Tue Sep 17 09:00:00 2024 +0200")).isEqualTo(Instant.parse("2024-09-17T07:00:00Z"));
        assertThat(MailDates.parse("2024-09-17T09:00:00+02:00")).isEqualTo(Instant.parse("2024-09-17T07:00:00Z"));
    }

    @Test
    void unreadableDatesAreNull() {
        assertThat(MailDates.parse("yesterday")).isNull();
        assertThat(MailDates.parse("")).isNull();
        assertThat(MailDates.parse(null)).isNull();
    }

    @Test
    void reportFileNameIsReadWithEveryCompressionSuffix() {
        for (String name : new String[] {"google.com!Example.NET!1726358400!1726444799!001.json.gz",
                "google.com!example.net!1726358400!1726444799!001.json",
                "google.com!example.net!1726358400!1726444799!001.json.zip",
                "google.com!example.net!1726358400!1726444799!001.gz",
                "/tmp/in/google.com!example.net!1726358400!1726444799!001.JSON.GZ"}) {
            ReportFileName parsed = ReportFileName.parse(name).orElseThrow(() -> new AssertionError(name));

            assertThat(parsed.sender()).isEqualTo("google.com");
            assertThat(parsed.policyDomain()).isEqualTo("example.net");
            assertThat(parsed.begin()).isEqualTo(Instant.ofEpochSecond(1726358400));
            assertThat(parsed.end()).isEqualTo(Instant.ofEpochSecond(1726444799));
            assertThat(parsed.uniqueId()).isEqualTo("001");
        }
    }

    @Test
    void reportFileNameWithoutUniqueIdIsRead() {
        ReportFileName parsed = ReportFileName.parse("mx.egressif.io!redacted.example.com!1730332800!1730419200.json")
                .orElseThrow();

        assertThat(parsed.policyDomain()).isEqualTo("redacted.example.com");
        assertThat(parsed.uniqueId()).isNull();
    }

    @Test
    void namesOutsideTheConventionGiveNoReportFileName() {
        assertThat(ReportFileName.parse("report.json")).isEmpty();
        assertThat(ReportFileName.parse("a!b!x!2.json")).isEmpty();
        assertThat(ReportFileName.parse("a!b!1!2!c!d.json")).isEmpty();
        assertThat(ReportFileName.parse(null)).isEmpty();
    }
}
