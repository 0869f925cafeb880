package org.tlsrpt.checks;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tlsrpt.checks.certificate.ChainTrust;
import org.tlsrpt.checks.certificate.HostName;
import org.tlsrpt.checks.dane.DaneMatch;
import org.tlsrpt.checks.dane.Tlsa;
import org.tlsrpt.checks.dns.DnsAnswer;
import org.tlsrpt.checks.dns.DnsLookup;
import org.tlsrpt.checks.dns.Security;
import org.tlsrpt.checks.https.PolicyFetch;
import org.tlsrpt.checks.https.PolicyResponse;
import org.tlsrpt.checks.policy.StsMode;
import org.tlsrpt.checks.policy.StsPolicy;
import org.tlsrpt.checks.probe.TargetAddress;
import org.tlsrpt.checks.probe.TlsConnector;
import org.tlsrpt.checks.probe.TlsSession;
import org.tlsrpt.checks.record.StsRecord;
import org.tlsrpt.checks.record.TlsrptRecord;
import org.tlsrpt.checks.record.TxtFields;
import org.tlsrpt.checks.smtp.StarttlsOutcome;
import org.tlsrpt.checks.smtp.StarttlsProbe;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Checks a policy domain as a sending MTA sees it now: the TLSRPT and MTA-STS records, the MTA-STS policy, the MX
 * hosts with their addresses and TLSA records, and one STARTTLS probe per MX host. Every finding is a
 * {@link CheckResult}; nothing the domain publishes makes this throw. MX hosts are probed in parallel, at most
 * {@code concurrency} probes at once over every domain checked through this instance.
 */
public final class DomainChecker implements AutoCloseable {

    private final CheckSettings settings;
    private final DnsLookup dns;
    private final ChainTrust trust;
    private final StarttlsProbe smtp;
    private final PolicyFetch https;
    private final Clock clock;
    private final ExecutorService probes;

    public DomainChecker(CheckSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.dns = DnsLookup.create(settings);
        this.trust = ChainTrust.load(settings.trustStore().orElse(null));
        TlsConnector tls = new TlsConnector();
        this.smtp = new StarttlsProbe(tls, settings.connectTimeout(), settings.ioTimeout(), settings.ehloName());
        this.https = new PolicyFetch(tls, settings.connectTimeout(), settings.ioTimeout());
        this.probes = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "tlsrpt-check-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    public DomainCheck check(String domain) {
        return check(domain, Optional.empty());
    }

    /**
     * @param domain   a valid policy domain (see {@link DomainName})
     * @param previous the policy an earlier check saw, to tell {@code sts-policy-id-unchanged}
     */
    public DomainCheck check(String domain, Optional<PolicySeen> previous) {
        Instant checkedAt = clock.instant();
        // one bound for the whole check: each wait below takes what remains of it, not a bound of its own
        long deadline = System.nanoTime() + checkBound().toNanos();
        List<CheckResult> results = new ArrayList<>();
        results.add(tlsrptRecord(domain));

        // the policy fetch runs while the MX records are looked up
        Optional<StsRecord> stsRecord = stsRecord(domain, results);
        Future<PolicyOutcome> policyTask = stsRecord.isPresent()
                ? probes.submit(() -> policy(domain, stsRecord.get(), previous, checkedAt))
                : null;

        DnsAnswer mxAnswer = dns.query(domain, Type.MX);
        List<String> mxHosts = probed(domain, mxHosts(domain, mxAnswer, results), settings.maxMxHosts(), results);

        Optional<StsPolicy> policy = Optional.empty();
        if (policyTask != null) {
            PolicyOutcome outcome = await(policyTask, deadline, Check.STS_POLICY, "mta-sts." + domain,
                    failure -> new PolicyOutcome(failure, Optional.empty()));
            results.addAll(outcome.results());
            policy = outcome.policy();
        }

        List<Future<List<CheckResult>>> perMx = new ArrayList<>();
        for (String mx : mxHosts) {
            Optional<StsPolicy> mxPolicy = policy;
            perMx.add(probes.submit(() -> mxHost(mx, mxPolicy, checkedAt)));
        }
        for (int i = 0; i < perMx.size(); i++) {
            results.addAll(await(perMx.get(i), deadline, Check.STARTTLS, mxHosts.get(i), failure -> failure));
        }
        return new DomainCheck(domain, checkedAt, results);
    }

    /** The policy's results, and the policy when one was fetched and valid. */
    private record PolicyOutcome(List<CheckResult> results, Optional<StsPolicy> policy) {
        static PolicyOutcome failed(CheckResult result) {
            return new PolicyOutcome(List.of(result), Optional.empty());
        }
    }

    /**
     * The bound of a whole check. Every step inside is bounded (a probe by {@link StarttlsProbe#deadline()});
     * this bound keeps a domain with many slow MX hosts, or a bug, from holding a check longer.
     */
    Duration checkBound() {
        return settings.connectTimeout().plus(settings.ioTimeout()).multipliedBy(4)
                .plus(settings.dnsTimeout().multipliedBy(16));
    }

    /** The first {@code max} of the MX hosts (by preference); the rest get one result saying they were not probed. */
    static List<String> probed(String domain, List<String> hosts, int max, List<CheckResult> results) {
        if (hosts.size() <= max) {
            return hosts;
        }
        List<String> rest = hosts.subList(max, hosts.size());
        results.add(new CheckResult(Check.MX, domain, ResultType.MX_NOT_PROBED, rest.size() + " MX hosts beyond the "
                + max + " most preferred were not probed: " + TxtFields.shorten(String.join(", ", rest)),
                Map.of("hosts", TxtFields.shorten(String.join(",", rest)))));
        return List.copyOf(hosts.subList(0, max));
    }

    /** Waits for {@code task} until {@code deadline} ({@link System#nanoTime()}); past it, cancels the task. */
    <T> T await(Future<T> task, long deadline, Check check, String target,
                java.util.function.Function<List<CheckResult>, T> onFailure) {
        Duration bound = checkBound();
        try {
            return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            return onFailure.apply(List.of(CheckResult.of(check, target, ResultType.VALIDATION_FAILURE,
                    "check interrupted")));
        } catch (TimeoutException e) {
            task.cancel(true);
            return onFailure.apply(List.of(CheckResult.of(check, target, ResultType.VALIDATION_FAILURE,
                    "not finished within the check's bound of " + bound.toSeconds() + " s")));
        } catch (ExecutionException e) {
            return onFailure.apply(List.of(CheckResult.of(check, target, ResultType.VALIDATION_FAILURE,
                    "check failed: " + e.getCause())));
        }
    }

    // ---- _smtp._tls.D (RFC 8460 §3)

    private CheckResult tlsrptRecord(String domain) {
        String name = "_smtp._tls." + domain;
        DnsAnswer answer = dns.query(name, Type.TXT);
        if (answer.failed()) {
            return dnsFailure(Check.TLSRPT_RECORD, name, answer);
        }
        Optional<Parsed<TlsrptRecord>> selected = TlsrptRecord.select(texts(answer));
        if (selected.isEmpty()) {
            return CheckResult.of(Check.TLSRPT_RECORD, name, ResultType.TLSRPT_RECORD_MISSING,
                    "no v=TLSRPTv1 TXT record: senders send no reports");
        }
        if (!selected.get().valid()) {
            return CheckResult.of(Check.TLSRPT_RECORD, name, ResultType.TLSRPT_RECORD_INVALID,
                    selected.get().problem() + ": senders send no reports");
        }
        String rua = String.join(",", selected.get().value().rua().stream().map(Object::toString).toList());
        return new CheckResult(Check.TLSRPT_RECORD, name, ResultType.OK, "reports go to " + rua,
                Map.of("rua", rua, "dnssec", security(answer)));
    }

    // ---- _mta-sts.D (RFC 8461 §3.1)

    private Optional<StsRecord> stsRecord(String domain, List<CheckResult> results) {
        String name = "_mta-sts." + domain;
        DnsAnswer answer = dns.query(name, Type.TXT);
        if (answer.failed()) {
            results.add(dnsFailure(Check.STS_RECORD, name, answer));
            return Optional.empty();
        }
        Optional<Parsed<StsRecord>> selected = StsRecord.select(texts(answer));
        if (selected.isEmpty()) {
            results.add(CheckResult.of(Check.STS_RECORD, name, ResultType.STS_RECORD_MISSING,
                    "no v=STSv1 TXT record: senders apply no MTA-STS policy"));
            return Optional.empty();
        }
        if (!selected.get().valid()) {
            results.add(CheckResult.of(Check.STS_RECORD, name, ResultType.STS_RECORD_INVALID,
                    selected.get().problem() + ": senders apply no MTA-STS policy"));
            return Optional.empty();
        }
        StsRecord record = selected.get().value();
        results.add(new CheckResult(Check.STS_RECORD, name, ResultType.OK, "policy id " + record.id(),
                Map.of("id", record.id(), "dnssec", security(answer))));
        return Optional.of(record);
    }

    // ---- https://mta-sts.D/.well-known/mta-sts.txt (RFC 8461 §3.2, §3.3)

    private PolicyOutcome policy(String domain, StsRecord record, Optional<PolicySeen> previous, Instant now) {
        String host = "mta-sts." + domain;
        Addresses addresses = addresses(host);
        if (addresses.failure != null) {
            return PolicyOutcome.failed(CheckResult.of(Check.STS_POLICY, host,
                    addresses.failure.resultType() == ResultType.DNSSEC_INVALID ? ResultType.DNSSEC_INVALID
                            : ResultType.STS_POLICY_FETCH_ERROR, addresses.failure.detail()));
        }
        Optional<InetAddress> allowed = addresses.list.stream()
                .filter(a -> TargetAddress.refusal(a, settings.allowPrivateTargets()).isEmpty()).findFirst();
        if (allowed.isEmpty()) {
            return PolicyOutcome.failed(CheckResult.of(Check.STS_POLICY, host, ResultType.TARGET_NOT_ALLOWED,
                    "every address of " + host + " is " + refusals(addresses.list) + "; not probed"));
        }
        PolicyResponse response = https.fetch(host, allowed.get(), settings.httpsPort());
        if (response instanceof PolicyResponse.Failed failed) {
            return PolicyOutcome.failed(CheckResult.of(Check.STS_POLICY, host, ResultType.STS_POLICY_FETCH_ERROR,
                    failed.reason()));
        }
        PolicyResponse.Received received = (PolicyResponse.Received) response;
        Optional<String> webPki = webPkiProblem(received.session().chain(), host, now);
        if (webPki.isPresent()) {
            return PolicyOutcome.failed(CheckResult.of(Check.STS_POLICY, host, ResultType.STS_WEBPKI_INVALID,
                    webPki.get()));
        }
        if (received.status() / 100 == 3) {
            return PolicyOutcome.failed(CheckResult.of(Check.STS_POLICY, host, ResultType.STS_POLICY_FETCH_ERROR,
                    "HTTP " + received.status() + " redirect to '" + TxtFields.shorten(received.location())
                            + "', which senders must not follow (RFC 8461 §3.3)"));
        }
        if (received.status() != 200) {
            return PolicyOutcome.failed(CheckResult.of(Check.STS_POLICY, host, ResultType.STS_POLICY_FETCH_ERROR,
                    "HTTP " + received.status() + " instead of 200"));
        }
        String mediaType = received.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("text/plain")) {
            return PolicyOutcome.failed(CheckResult.of(Check.STS_POLICY, host, ResultType.STS_POLICY_FETCH_ERROR,
                    "Content-Type '" + TxtFields.shorten(received.contentType())
                            + "' instead of text/plain (RFC 8461 §3.2)"));
        }
        Parsed<StsPolicy> parsed = StsPolicy.parse(received.body());
        if (!parsed.valid()) {
            return PolicyOutcome.failed(CheckResult.of(Check.STS_POLICY, host, ResultType.STS_POLICY_INVALID,
                    parsed.problem()));
        }
        StsPolicy policy = parsed.value();
        String sha256 = HexFormat.of().formatHex(DaneMatch.digest("SHA-256",
                received.body().getBytes(StandardCharsets.UTF_8)));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("mode", policy.mode().code());
        facts.put("maxAge", Long.toString(policy.maxAge()));
        facts.put("mx", String.join(",", policy.mx().stream().map(Object::toString).toList()));
        facts.put("id", record.id());
        facts.put("sha256", sha256);
        facts.put("policy", received.body()); // for a later check to compare, and for a person to read
        List<CheckResult> results = new ArrayList<>();
        String detail = "mode " + policy.mode() + ", max_age " + policy.maxAge() + ", mx " + facts.get("mx");
        if (policy.maxAge() < 86_400 && policy.mode() != StsMode.NONE) {
            detail += " (max_age under a day: senders refetch often; RFC 8461 §3.2 suggests weeks)";
        }
        results.add(new CheckResult(Check.STS_POLICY, host, ResultType.OK, detail, facts));
        if (previous.isPresent() && previous.get().id().equals(record.id())
                && !previous.get().sha256().equals(sha256)) {
            results.add(CheckResult.of(Check.STS_RECORD, "_mta-sts." + domain, ResultType.STS_POLICY_ID_UNCHANGED,
                    "the policy changed but its id " + record.id() + " did not: senders keep the cached policy "
                            + "(RFC 8461 §3.1)"));
        }
        return new PolicyOutcome(results, Optional.of(policy));
    }

    private Optional<String> webPkiProblem(List<X509Certificate> chain, String host, Instant now) {
        Optional<String> trustProblem = trust.problem(chain, now);
        if (trustProblem.isPresent()) {
            return trustProblem;
        }
        X509Certificate leaf = chain.get(0);
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            return Optional.of("certificate expired " + leaf.getNotAfter().toInstant());
        }
        if (!HostName.matches(leaf, host)) {
            return Optional.of("certificate names " + HostName.dnsNames(leaf) + ", not " + host);
        }
        return Optional.empty();
    }

    // ---- MX records

    private List<String> mxHosts(String domain, DnsAnswer answer, List<CheckResult> results) {
        if (answer.failed()) {
            results.add(dnsFailure(Check.MX, domain, answer));
            return List.of();
        }
        List<MXRecord> records = answer.records().stream().map(MXRecord.class::cast)
                .sorted(Comparator.comparingInt(MXRecord::getPriority)).toList();
        if (records.isEmpty()) {
            results.add(CheckResult.of(Check.MX, domain, ResultType.MX_MISSING, "no MX records"));
            return List.of();
        }
        List<String> hosts = new ArrayList<>();
        for (MXRecord record : records) {
            String host = hostName(record.getTarget().toString());
            if (!host.isEmpty() && !hosts.contains(host)) {
                hosts.add(host);
            }
        }
        if (hosts.isEmpty()) {
            results.add(CheckResult.of(Check.MX, domain, ResultType.MX_MISSING,
                    "null MX (RFC 7505): the domain accepts no mail"));
            return List.of();
        }
        results.add(new CheckResult(Check.MX, domain, ResultType.OK, String.join(", ", hosts)
                + (answer.security() == Security.SECURE ? " (DNSSEC-secure)" : " (not DNSSEC-signed)"),
                Map.of("hosts", String.join(",", hosts), "dnssec", security(answer))));
        return hosts;
    }

    // ---- one MX host

    private List<CheckResult> mxHost(String mx, Optional<StsPolicy> policy, Instant now) {
        List<CheckResult> results = new ArrayList<>();
        policy.filter(p -> p.mode() != StsMode.NONE).ifPresent(p -> results.add(p.covers(mx)
                ? CheckResult.of(Check.STS_MX_MATCH, mx, ResultType.OK, "matched by the policy's mx patterns")
                : CheckResult.of(Check.STS_MX_MATCH, mx, ResultType.STS_MX_NOT_COVERED,
                        "matched by none of " + p.mx() + ": senders " + (p.mode() == StsMode.ENFORCE
                                ? "refuse to deliver to it" : "report it as a failure") + " (RFC 8461 §4.1)")));

        Addresses addresses = addresses(mx);
        if (addresses.failure != null) {
            results.add(addresses.failure);
            return results;
        }
        results.add(new CheckResult(Check.MX_ADDRESS, mx, ResultType.OK, addresses.text(),
                Map.of("addresses", addresses.text(), "dnssec", addresses.security)));

        String tlsaName = "_25._tcp." + mx;
        DnsAnswer tlsaAnswer = dns.query(tlsaName, Type.TLSA);
        List<Tlsa> tlsa = List.of();
        if (tlsaAnswer.failed()) {
            results.add(dnsFailure(Check.TLSA, tlsaName, tlsaAnswer));
        } else {
            tlsa = tlsaAnswer.records().stream().map(TLSARecord.class::cast)
                    .map(r -> new Tlsa(r.getCertificateUsage(), r.getSelector(), r.getMatchingType(),
                            r.getCertificateAssociationData()))
                    .toList();
            String detail;
            if (tlsa.isEmpty()) {
                detail = "no TLSA records: no DANE for this MX";
            } else if (tlsaAnswer.security() != Security.SECURE) {
                detail = tlsa.size() + " TLSA records, not DNSSEC-secure: senders ignore them (RFC 7672 §2.2)";
                tlsa = List.of();
            } else {
                detail = tlsa.size() + " DNSSEC-secure TLSA records: " + tlsa;
            }
            results.add(new CheckResult(Check.TLSA, tlsaName, ResultType.OK, detail,
                    Map.of("records", Integer.toString(tlsaAnswer.records().size()),
                            "dnssec", security(tlsaAnswer))));
        }

        Optional<InetAddress> target = addresses.list.stream()
                .filter(a -> TargetAddress.refusal(a, settings.allowPrivateTargets()).isEmpty()).findFirst();
        if (target.isEmpty()) {
            results.add(CheckResult.of(Check.STARTTLS, mx, ResultType.TARGET_NOT_ALLOWED,
                    "every address is " + refusals(addresses.list) + "; not probed"));
            return results;
        }
        StarttlsOutcome outcome = smtp.probe(mx, target.get(), settings.smtpPort());
        String address = target.get().getHostAddress();
        if (outcome instanceof StarttlsOutcome.Unreachable unreachable) {
            results.add(new CheckResult(Check.STARTTLS, mx, ResultType.MX_UNREACHABLE, unreachable.reason(),
                    Map.of("address", address)));
            return results;
        }
        if (outcome instanceof StarttlsOutcome.NotOffered notOffered) {
            results.add(new CheckResult(Check.STARTTLS, mx, ResultType.STARTTLS_NOT_SUPPORTED, notOffered.reason(),
                    Map.of("address", address)));
            return results;
        }
        if (outcome instanceof StarttlsOutcome.HandshakeFailed failed) {
            results.add(new CheckResult(Check.STARTTLS, mx, ResultType.VALIDATION_FAILURE, failed.reason(),
                    Map.of("address", address)));
            return results;
        }
        TlsSession session = ((StarttlsOutcome.Established) outcome).session();
        results.add(new CheckResult(Check.STARTTLS, mx, ResultType.OK,
                session.protocol() + ", " + session.cipher() + " at " + address,
                Map.of("address", address, "tlsVersion", session.protocol(), "cipher", session.cipher())));
        results.addAll(certificate(mx, session.chain(), tlsa, policy, now));
        return results;
    }

    private List<CheckResult> certificate(String mx, List<X509Certificate> chain, List<Tlsa> tlsa,
                                          Optional<StsPolicy> policy, Instant now) {
        List<CheckResult> results = new ArrayList<>();
        Optional<DaneMatch.Outcome> dane = tlsa.isEmpty() ? Optional.empty()
                : Optional.of(DaneMatch.match(tlsa, chain));
        boolean daneAuthenticated = dane.map(DaneMatch.Outcome::ok).orElse(false);
        boolean stsApplies = policy.map(p -> p.mode() != StsMode.NONE).orElse(false);

        Optional<String> trustProblem = trust.problem(chain, now);
        X509Certificate leaf = chain.get(0);
        String issuer = leaf.getIssuerX500Principal().getName();
        if (trustProblem.isEmpty()) {
            results.add(new CheckResult(Check.CERTIFICATE_TRUST, mx, ResultType.OK, "issued by " + issuer,
                    Map.of("issuer", issuer)));
        } else if (daneAuthenticated && !stsApplies) {
            results.add(new CheckResult(Check.CERTIFICATE_TRUST, mx, ResultType.OK, trustProblem.get()
                    + "; DANE authenticates it and no MTA-STS policy asks for WebPKI", Map.of("issuer", issuer)));
        } else {
            results.add(new CheckResult(Check.CERTIFICATE_TRUST, mx, ResultType.CERTIFICATE_NOT_TRUSTED,
                    trustProblem.get(), Map.of("issuer", issuer)));
        }

        Instant notAfter = leaf.getNotAfter().toInstant();
        long daysLeft = Duration.between(now, notAfter).toDays();
        Map<String, String> expiry = Map.of("notAfter", notAfter.toString(), "daysLeft", Long.toString(daysLeft));
        if (now.isAfter(notAfter)) {
            results.add(new CheckResult(Check.CERTIFICATE_EXPIRY, mx, ResultType.CERTIFICATE_EXPIRED,
                    "expired " + notAfter, expiry));
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            results.add(new CheckResult(Check.CERTIFICATE_EXPIRY, mx, ResultType.CERTIFICATE_EXPIRED,
                    "not valid before " + leaf.getNotBefore().toInstant(), expiry));
        } else if (daysLeft < settings.expiryWarningDays()) {
            results.add(new CheckResult(Check.CERTIFICATE_EXPIRY, mx, ResultType.CERTIFICATE_EXPIRING,
                    "expires " + notAfter + ", in " + daysLeft + " days", expiry));
        } else {
            results.add(new CheckResult(Check.CERTIFICATE_EXPIRY, mx, ResultType.OK,
                    "valid until " + notAfter + " (" + daysLeft + " days)", expiry));
        }

        List<String> names = HostName.dnsNames(leaf);
        Map<String, String> nameFacts = Map.of("names", String.join(",", names));
        if (HostName.matches(leaf, mx)) {
            results.add(new CheckResult(Check.CERTIFICATE_NAME, mx, ResultType.OK, "names " + mx, nameFacts));
        } else if (daneAuthenticated && dane.get().matched().get().usage() == Tlsa.DANE_EE && !stsApplies) {
            results.add(new CheckResult(Check.CERTIFICATE_NAME, mx, ResultType.OK, "names " + names + ", not " + mx
                    + "; a DANE-EE match needs no name (RFC 7672 §3.2.1)", nameFacts));
        } else {
            results.add(new CheckResult(Check.CERTIFICATE_NAME, mx, ResultType.CERTIFICATE_HOST_MISMATCH,
                    "names " + (names.isEmpty() ? "no DNS name" : names) + ", not " + mx, nameFacts));
        }

        dane.ifPresent(outcome -> results.add(outcome.ok()
                ? CheckResult.of(Check.DANE, mx, ResultType.OK, "TLSA " + outcome.matched().get() + " matches")
                : CheckResult.of(Check.DANE, mx, ResultType.TLSA_INVALID, outcome.reason())));
        return results;
    }

    // ---- helpers

    /** Addresses of a host, or the result saying why there are none. */
    private static final class Addresses {
        final List<InetAddress> list;
        final String security;
        final CheckResult failure;

        Addresses(List<InetAddress> list, String security, CheckResult failure) {
            this.list = list;
            this.security = security;
            this.failure = failure;
        }

        String text() {
            return String.join(", ", list.stream().map(InetAddress::getHostAddress).toList());
        }
    }

    private Addresses addresses(String host) {
        DnsAnswer v4 = dns.query(host, Type.A);
        DnsAnswer v6 = dns.query(host, Type.AAAA);
        for (DnsAnswer answer : List.of(v4, v6)) {
            if (answer.bogus()) {
                return new Addresses(List.of(), "bogus", dnsFailure(Check.MX_ADDRESS, host, answer));
            }
        }
        List<InetAddress> list = new ArrayList<>();
        for (Record record : v4.records()) {
            list.add(((ARecord) record).getAddress());
        }
        for (Record record : v6.records()) {
            list.add(((AAAARecord) record).getAddress());
        }
        if (list.isEmpty()) {
            DnsAnswer failed = v4.failed() ? v4 : v6;
            return new Addresses(List.of(), "", failed.failed() ? dnsFailure(Check.MX_ADDRESS, host, failed)
                    : CheckResult.of(Check.MX_ADDRESS, host, ResultType.DNS_ERROR, "no A or AAAA record"));
        }
        String security = v4.security() == Security.SECURE
                && (v6.records().isEmpty() || v6.security() == Security.SECURE) ? "secure" : "insecure";
        return new Addresses(list, security, null);
    }

    private static String refusals(List<InetAddress> addresses) {
        return String.join(", ", addresses.stream().map(a -> a.getHostAddress() + " "
                + TargetAddress.refusal(a, false).orElse("public")).toList())
                + " (tlsrpt.checks.allow-private-targets is false)";
    }

    private static CheckResult dnsFailure(Check check, String name, DnsAnswer answer) {
        return CheckResult.of(check, name, answer.bogus() ? ResultType.DNSSEC_INVALID : ResultType.DNS_ERROR,
                name + ": " + answer.problem());
    }

    private static List<String> texts(DnsAnswer answer) {
        return answer.records().stream().map(r -> TxtFields.join(((TXTRecord) r).getStrings())).toList();
    }

    private static String security(DnsAnswer answer) {
        return answer.security().name().toLowerCase(Locale.ROOT);
    }

    private static String hostName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
