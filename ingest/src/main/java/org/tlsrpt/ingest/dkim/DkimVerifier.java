package org.tlsrpt.ingest.dkim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.xbill.DNS.Resolver;
import org.tlsrpt.ingest.DkimVerdict;

/**
 * Checks a mail's DKIM signatures (RFC 6376) with Apache James jDKIM, fetching keys through dnsjava, and says
 * whether a valid one speaks for the report's submitter (RFC 8460 §3). Never throws: whatever goes wrong is a
 * verdict. Thread-safe; one instance serves the whole SMTP server.
 */
public final class DkimVerifier {

    private final DnsKeyRetriever keys;
    private final DkimConfig config;

    public DkimVerifier(DkimConfig config) {
        this(config, Resolvers.create(config.resolver(), config.timeout()));
    }

    DkimVerifier(DkimConfig config, Resolver resolver) {
        this.config = config;
        this.keys = new DnsKeyRetriever(resolver);
    }

    public DkimConfig config() {
        return config;
    }

    /** The verdict on a whole message as received (headers, empty line, body). */
    public DkimVerdict verify(byte[] message) {
        RawHeaders headers = RawHeaders.of(message);
        int signatures = headers.getFields("DKIM-Signature").size();
        if (signatures == 0) {
            return DkimVerdict.UNSIGNED;
        }
        if (signatures > config.maxSignatures()) {
            return new DkimVerdict(DkimVerdict.Result.FAIL, null, false,
                    signatures + " DKIM signatures, more than the " + config.maxSignatures() + " checked");
        }
        String submitter = Submitter.domain(headers);
        DKIMVerifier verifier = new DKIMVerifier(keys); // keeps per-message results: one per message
        try {
            List<SignatureRecord> valid = verifier.verify(headers,
                    new ByteArrayInputStream(message, headers.bodyStart(), message.length - headers.bodyStart()));
            if (valid == null || valid.isEmpty()) {
                return DkimVerdict.UNSIGNED;
            }
            return pass(valid, submitter);
        } catch (FailException e) {
            return failure(verifier.getResults(), e, submitter);
        } catch (IOException | RuntimeException e) {
            return new DkimVerdict(DkimVerdict.Result.FAIL, null, false,
                    "signature could not be checked: " + e.getClass().getSimpleName());
        }
    }

    /** A verified signature by the submitter's domain wins over one by somebody else (a mailing service). */
    private static DkimVerdict pass(List<SignatureRecord> valid, String submitter) {
        for (SignatureRecord record : valid) {
            String domain = domain(record);
            if (Submitter.aligned(domain, submitter)) {
                return new DkimVerdict(DkimVerdict.Result.PASS, domain, true, "signature verified");
            }
        }
        String domain = domain(valid.get(0));
        return new DkimVerdict(DkimVerdict.Result.PASS, domain, false,
                "signature verified, but " + domain + " is not the submitter's domain ("
                        + (submitter == null ? "none named" : submitter) + ")");
    }

    /** TEMPERROR only when every signature failed for a temporary reason: one that plainly failed is a FAIL. */
    private static DkimVerdict failure(List<Result> results, FailException thrown, String submitter) {
        Result decisive = null;
        boolean allTemporary = !results.isEmpty();
        for (Result result : results) {
            boolean temporary = result.getResultType() == Result.Type.TEMPERROR;
            allTemporary &= temporary;
            if (decisive == null || (!temporary && decisive.getResultType() == Result.Type.TEMPERROR)) {
                decisive = result;
            }
        }
        String domain = decisive == null ? null : domain(decisive.getRecord());
        String detail = decisive == null || decisive.getErrorMessage() == null
                ? thrown.getMessage() : decisive.getErrorMessage();
        return new DkimVerdict(allTemporary ? DkimVerdict.Result.TEMPERROR : DkimVerdict.Result.FAIL, domain,
                Submitter.aligned(domain, submitter), detail);
    }

    private static String domain(SignatureRecord record) {
        if (record == null || record.getDToken() == null) {
            return null;
        }
        return record.getDToken().toString().trim().toLowerCase(java.util.Locale.ROOT);
    }
}
