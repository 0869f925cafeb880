package org.tlsrpt.checks.record;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tlsrpt.checks.Parsed;

/**
 * A domain's {@code _mta-sts} TXT record (RFC 8461 §3.1): {@code v=STSv1; id=ID}.
 *
 * @param id the policy's id, 1 to 32 letters and digits; a sender fetches the policy again when it changes
 */
public record StsRecord(String id) {

    public static final String VERSION = "STSv1";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");

    /**
     * The one MTA-STS record among a name's TXT records. RFC 8461 §3.1: records not starting with {@code v=STSv1}
     * are discarded; unless exactly one is left, and it is valid, the domain has no available policy.
     *
     * @return empty when no record starts with the version; otherwise the record or why it is invalid
     */
    public static Optional<Parsed<StsRecord>> select(List<String> txtRecords) {
        List<String> candidates = txtRecords.stream().filter(r -> TxtFields.hasVersion(r, VERSION)).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (candidates.size() > 1) {
            return Optional.of(Parsed.problem(candidates.size() + " v=STSv1 records; exactly one allowed"));
        }
        return Optional.of(parse(candidates.get(0)));
    }

    public static Parsed<StsRecord> parse(String record) {
        Parsed<List<TxtFields.Field>> fields = TxtFields.parse(record, VERSION);
        if (!fields.valid()) {
            return Parsed.problem(fields.problem());
        }
        List<TxtFields.Field> ids = fields.value().stream().filter(f -> f.name().equals("id")).toList();
        if (ids.isEmpty()) {
            return Parsed.problem("no id field");
        }
        String id = ids.get(0).value();
        if (!ID.matcher(id).matches()) {
            return Parsed.problem("id '" + TxtFields.shorten(id) + "' is not 1 to 32 letters and digits");
        }
        return Parsed.of(new StsRecord(id));
    }
}
