package org.tlsrpt.processor.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.message.Receipt;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.processor.TestReports;

/** Which copy of a report identity counts, decided without a database. */
class VersionLedgerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    /** One identity ("Google LLC", a guessable id) with {@code failed} failed sessions as its content. */
    private static String report(int failed) {
        return "{\"organization-name\":\"Google LLC\",\"date-range\":{\"start-datetime\":\"" + DAY
                + "T00:00:00Z\",\"end-datetime\":\"" + DAY + "T23:59:59Z\"},\"contact-info\":\"smtp-tls-reporting@google.com\","
                + "\"report-id\":\"" + DAY + "T00:00:00Z_victim.example\",\"policies\":[{\"policy\":{\"policy-type\":\"sts\","
                + "\"policy-domain\":\"victim.example\"},\"summary\":{\"total-successful-session-count\":100,"
                + "\"total-failure-session-count\":" + failed + "}}]}";
    }

    /** A copy as the processor decodes it: by HTTPS (unauthenticated) or by DKIM-aligned mail. */
    private static ReportRows.Item copy(int content, boolean dkimMail, long offset) {
        ReportRows.Item parsed = COPIES.computeIfAbsent(List.of(content, dkimMail), k -> parse(content, dkimMail));
        return new ReportRows.Item(parsed.record(), parsed.raw(), 0, offset, parsed.contentSha256(), 0, 1);
    }

    private static final Map<List<Object>, ReportRows.Item> COPIES = new java.util.concurrent.ConcurrentHashMap<>();

    private static ReportRows.Item parse(int content, boolean dkimMail) {
        long offset = 0;
        ReportRecord plain = TestReports.record(report(content), "http");
        Receipt receipt = plain.receipt();
        Receipt arrived = dkimMail
                ? new Receipt("smtp", receipt.receivedAt(), receipt.origin(), receipt.coordinates(), receipt.location(),
                        receipt.rawSha256(), receipt.rawMediaType(), receipt.envelope(), "pass", "google.com", true)
                : receipt;
        return new ReportRows.Item(new ReportRecord(plain.key(), plain.report(), plain.findings(), arrived),
                report(content).getBytes(StandardCharsets.UTF_8), 0, offset);
    }

    private static VersionLedger.StoredVersion stored(ReportRows.Item item) {
        Receipt receipt = item.record().receipt();
        return new VersionLedger.StoredVersion(item.record().key(), DAY, item.version(), item.contentSha256(),
                receipt.channel(), receipt.dkim(), receipt.dkimAligned());
    }

    @Test
    void theFirstCopyCountsAndTheSameContentAgainIsADuplicateWhateverCarriedIt() {
        VersionLedger ledger = new VersionLedger(List.of());

        assertThat(ledger.admit(copy(1, false, 0))).isEqualTo(VersionLedger.Outcome.FIRST);
        assertThat(ledger.admit(copy(1, true, 1))).isEqualTo(VersionLedger.Outcome.DUPLICATE);
        assertThat(ledger.toWrite()).singleElement().satisfies(item -> {
            assertThat(item.version()).isZero();
            assertThat(item.sign()).isEqualTo(1);
        });
    }

    @Test
    void anUnauthenticatedForgeryArrivingFirstIsDisplacedByTheDkimAlignedMailInALaterBatch() {
        VersionLedger first = new VersionLedger(List.of());
        first.admit(copy(1000, false, 0));
        ReportRows.Item forgery = first.toWrite().get(0);

        VersionLedger second = new VersionLedger(List.of(stored(forgery)));
        assertThat(second.admit(copy(2, true, 1))).isEqualTo(VersionLedger.Outcome.DISPLACING);

        assertThat(second.toWrite()).singleElement().satisfies(item -> {
            assertThat(item.version()).isEqualTo(1);
            assertThat(item.sign()).isEqualTo(1);
        });
        assertThat(second.retractions()).containsExactly(
                new VersionLedger.Retraction(forgery.record().key(), DAY, 0));
    }

    @Test
    void inOneBatchTheDisplacedForgeryIsWrittenUncountedAndNothingIsRetracted() {
        VersionLedger ledger = new VersionLedger(List.of());
        ledger.admit(copy(1000, false, 0));
        ledger.admit(copy(2, true, 1));

        assertThat(ledger.toWrite()).extracting(ReportRows.Item::version, ReportRows.Item::sign)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 0), org.assertj.core.groups.Tuple.tuple(1, 1));
        assertThat(ledger.retractions()).isEmpty();
    }

    @Test
    void aForgeryAfterTheDkimMailIsKeptWithoutCountingAndSoIsASecondSignedVersion() {
        VersionLedger ledger = new VersionLedger(List.of());

        assertThat(ledger.admit(copy(2, true, 0))).isEqualTo(VersionLedger.Outcome.FIRST);
        assertThat(ledger.admit(copy(1000, false, 1))).isEqualTo(VersionLedger.Outcome.KEPT);
        assertThat(ledger.admit(copy(3, true, 2))).isEqualTo(VersionLedger.Outcome.KEPT);
        assertThat(ledger.toWrite()).extracting(ReportRows.Item::sign).containsExactly(1, 0, 0);
        assertThat(ledger.retractions()).isEmpty();
    }

    @Test
    void aDistinctVersionBeyondTheCapIsRefusedAcrossBatchesSoVersionNumbersStayFarBelowUInt16() {
        List<VersionLedger.StoredVersion> stored = new ArrayList<>();
        VersionLedger first = new VersionLedger(stored, 3);
        for (int content = 1; content <= 3; content++) {
            assertThat(first.admit(copy(content, false, content))).isNotEqualTo(VersionLedger.Outcome.TOO_MANY);
        }
        assertThat(first.admit(copy(4, false, 4))).isEqualTo(VersionLedger.Outcome.TOO_MANY);
        assertThat(first.toWrite()).hasSize(3);
        first.toWrite().forEach(item -> stored.add(stored(item)));

        VersionLedger later = new VersionLedger(stored, 3);
        assertThat(later.admit(copy(5, false, 5))).isEqualTo(VersionLedger.Outcome.TOO_MANY);
        assertThat(later.admit(copy(2, false, 6))).isEqualTo(VersionLedger.Outcome.DUPLICATE);
        assertThat(later.toWrite()).isEmpty();
    }

    @Test
    void forgeriesFillingTheCapDoNotSendTheDkimSignedMailToQuarantine() {
        VersionLedger ledger = new VersionLedger(List.of(), 3);
        for (int content = 1; content <= 3; content++) {
            ledger.admit(copy(1000 + content, false, content));
        }
        assertThat(ledger.admit(copy(0, true, 4))).isEqualTo(VersionLedger.Outcome.DISPLACING);
        // once a signed version counts, the cap holds for everyone, signed or not
        assertThat(ledger.admit(copy(7, true, 5))).isEqualTo(VersionLedger.Outcome.TOO_MANY);
        assertThat(ledger.admit(copy(8, false, 6))).isEqualTo(VersionLedger.Outcome.TOO_MANY);
        assertThat(ledger.toWrite()).hasSize(4);
    }

    @Test
    void aCopyOfAnIdentityStoredBeforeVersionsExistedIsADuplicateAsBefore() {
        ReportRows.Item old = copy(1, false, 0);
        VersionLedger ledger = new VersionLedger(List.of(new VersionLedger.StoredVersion(old.record().key(), DAY, 0,
                "", "http", "not-checked", false)));

        assertThat(ledger.admit(copy(2, true, 1))).isEqualTo(VersionLedger.Outcome.DUPLICATE);
        assertThat(ledger.toWrite()).isEmpty();
    }

    @Test
    void signedMailForTheRealContentAfterItLostToAForgeryUnsignedTakesOverTheCount() {
        VersionLedger ledger = new VersionLedger(List.of());
        ledger.admit(copy(1000, false, 0)); // the forgery, posted first
        assertThat(ledger.admit(copy(2, false, 1))).isEqualTo(VersionLedger.Outcome.KEPT); // the real one, posted
        assertThat(ledger.admit(copy(2, true, 2))).isEqualTo(VersionLedger.Outcome.DISPLACING); // and mailed, signed

        assertThat(ledger.toWrite()).extracting(ReportRows.Item::version, ReportRows.Item::sign).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 0), org.assertj.core.groups.Tuple.tuple(1, 0),
                org.assertj.core.groups.Tuple.tuple(2, 1));
    }

    /**
     * Every sequence of up to four copies (three contents, each by HTTPS or by signed mail), cut into batches in every
     * way: each content is stored, exactly one version counts, and it is the one counted when every copy is a batch
     * of its own. Where each content always comes the same way, that is the first signed content, else the first.
     */
    @Test
    void everyArrivalOrderAndBatchCutCountsExactlyOneVersionTheSameWay() {
        int sequences = 0;
        int kinds = 6; // content 0..2 × unauthenticated/signed
        for (int length = 1; length <= 4; length++) {
            for (int code = 0; code < Math.pow(kinds, length); code++) {
                List<int[]> arrivals = new ArrayList<>();
                for (int i = 0, rest = code; i < length; i++, rest /= kinds) {
                    arrivals.add(new int[] {rest % kinds / 2, rest % 2});
                }
                String oneByOne = countedContent(arrivals, (1 << length) - 1);
                for (int cuts = 0; cuts < 1 << (length - 1); cuts++) {
                    assertThat(countedContent(arrivals, cuts)).as(describe(arrivals, cuts)).isEqualTo(oneByOne);
                    sequences++;
                }
                if (eachContentComesOneWay(arrivals)) {
                    int expected = arrivals.stream().filter(a -> a[1] == 1).findFirst().orElse(arrivals.get(0))[0];
                    assertThat(oneByOne).as(describe(arrivals, -1)).isEqualTo(copy(expected + 1, false, 0).contentSha256());
                }
            }
        }
        assertThat(sequences).isGreaterThan(1000);
    }

    private static boolean eachContentComesOneWay(List<int[]> arrivals) {
        Map<Integer, Integer> way = new HashMap<>();
        return arrivals.stream().allMatch(a -> way.computeIfAbsent(a[0], c -> a[1]) == a[1]);
    }

    private static String describe(List<int[]> arrivals, int cuts) {
        return "arrivals " + arrivals.stream().map(a -> a[0] + (a[1] == 1 ? "signed" : "http")).toList()
                + " cut after " + Integer.toBinaryString(cuts);
    }

    /**
     * Runs the copies through ledgers as the writer does, a batch ending after copy i when bit i of {@code cuts} is
     * set, keeping what the database would hold; checks the invariants and answers the counted content.
     */
    private static String countedContent(List<int[]> arrivals, int cuts) {
        List<VersionLedger.StoredVersion> stored = new ArrayList<>();
        Map<Integer, Integer> netSign = new HashMap<>(); // by version
        Map<Integer, String> contentOfVersion = new HashMap<>();
        VersionLedger ledger = new VersionLedger(stored);
        for (int i = 0; i < arrivals.size(); i++) {
            ledger.admit(copy(arrivals.get(i)[0] + 1, arrivals.get(i)[1] == 1, i));
            if (i == arrivals.size() - 1 || (cuts & (1 << i)) != 0) {
                for (ReportRows.Item item : ledger.toWrite()) {
                    stored.add(stored(item));
                    netSign.merge(item.version(), item.sign(), Integer::sum);
                    contentOfVersion.put(item.version(), item.contentSha256());
                }
                ledger.retractions().forEach(r -> netSign.merge(r.version(), -1, Integer::sum));
                ledger = new VersionLedger(stored);
            }
        }
        java.util.Set<String> arrived = new java.util.HashSet<>();
        arrivals.forEach(a -> arrived.add(copy(a[0] + 1, false, 0).contentSha256()));
        String description = describe(arrivals, cuts);
        assertThat(new java.util.HashSet<>(contentOfVersion.values())).as(description).isEqualTo(arrived);
        assertThat(netSign.values()).as(description).allMatch(sign -> sign == 0 || sign == 1);
        List<String> counted = netSign.entrySet().stream().filter(e -> e.getValue() == 1)
                .map(e -> contentOfVersion.get(e.getKey())).toList();
        assertThat(counted).as(description).hasSize(1);
        return counted.get(0);
    }
}
