package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.problem.Refusal;

/** Shared helpers for parser tests: fixtures, a small valid report to edit, and outcome unwrapping. */
final class ParserFixtures {

    static final ReportParser PARSER = new ReportParser(Limits.DEFAULTS);

    /** A small valid report (one sts policy, one failure detail) with no findings; edit it with {@link #edit}. */
    static final String BASE = """
            {"organization-name":"Sender Inc.",\
            "date-range":{"start-datetime":"2026-03-14T00:00:00Z","end-datetime":"2026-03-14T23:59:59Z"},\
            "contact-info":"tlsrpt@sender.example","report-id":"r-1",\
            "policies":[{"policy":{"policy-type":"sts",\
            "policy-string":["version: STSv1","mode: enforce","mx: mx.example.com","max_age: 86400"],\
            "policy-domain":"example.com","mx-host":["mx.example.com"]},\
            "summary":{"total-successful-session-count":10,"total-failure-session-count":1},\
            "failure-details":[{"result-type":"certificate-expired","sending-mta-ip":"192.0.2.1",\
            "receiving-mx-hostname":"mx.example.com","receiving-ip":"198.51.100.7","failed-session-count":1}]}]}""";

    private ParserFixtures() {
    }

    /** {@link #BASE} with {@code from} replaced by {@code to}; fails the test when {@code from} is not there. */
    static String edit(String from, String to) {
        return edit(BASE, from, to);
    }

    static String edit(String json, String from, String to) {
        if (!json.contains(from)) {
            fail("fixture does not contain " + from);
        }
        return json.replace(from, to);
    }

    static byte[] resource(String name) {
        try (InputStream in = ParserFixtures.class.getResourceAsStream("/reports/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParseOutcome parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8), Envelope.NONE);
    }

    static ParseOutcome parse(byte[] json, Envelope envelope) {
        return PARSER.parse(json, 0, json.length, envelope);
    }

    static ParseOutcome.Parsed parsed(String json) {
        return parsed(parse(json));
    }

    static ParseOutcome.Parsed parsed(ParseOutcome outcome) {
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            return parsed;
        }
        return fail("expected a report but got " + outcome);
    }

    static Refusal refused(String json) {
        return refused(parse(json));
    }

    static Refusal refused(ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Refused.class);
        return ((ParseOutcome.Refused) outcome).refusal();
    }
}
