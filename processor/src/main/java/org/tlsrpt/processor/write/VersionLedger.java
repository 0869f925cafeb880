package org.tlsrpt.processor.write;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides, for one batch, what becomes of each copy of a report identity: a duplicate (its content is stored already),
 * a new version counted, or a new version kept without counting; and which stored version stops counting. Pure: the
 * stored versions come in, decisions come out, so the same batch against the same stored versions decides the same
 * (which the exactly-once argument needs, see ExactlyOnceDelivery and docs/adr/0006-report-versions.md).
 *
 * <p>The counted version of an identity is the preferred one ({@link #preferred}: DKIM-aligned mail), and among equals
 * the first to arrive. Versions are numbered in arrival order, so "first" is the lowest version number. The counted
 * version only changes when a preferred version follows unauthenticated ones, so a version is displaced at most once.
 */
final class VersionLedger {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Comparator<Entry> COUNTED_FIRST =
            Comparator.comparing((Entry entry) -> !entry.preferred).thenComparingInt(entry -> entry.version);

    /** A version already in {@code reports}, as the writer's lookup found it. */
    record StoredVersion(String key, LocalDate day, int version, String contentSha256, String channel, String dkim,
            boolean dkimAligned) {
    }

    /** A stored version that stops counting: its counted rows are copied with sign -1. */
    record Retraction(String key, LocalDate day, int version) {
    }

    /** What became of one copy. */
    enum Outcome {
        /** The same content is stored already (or earlier in this batch): nothing is written. */
        DUPLICATE,
        /** The first version of its identity, counted. */
        FIRST,
        /** A further version, now the counted one: the version counted before stops counting. */
        DISPLACING,
        /** A further version, kept and shown, not counted. */
        KEPT,
        /**
         * A further distinct version beyond the cap: not written (it goes to quarantine, {@code too-many-versions}).
         * The cap bounds what one identity costs the report view and keeps {@code version} (UInt16) from wrapping.
         */
        TOO_MANY
    }

    /** Distinct versions kept per identity unless configured otherwise. */
    static final int DEFAULT_MAX_VERSIONS = 16;

    private static final class Entry {
        final int version;
        final String contentSha256;
        final boolean preferred;
        final StoredVersion stored;
        ReportRows.Item pending;

        Entry(int version, String contentSha256, boolean preferred, StoredVersion stored, ReportRows.Item pending) {
            this.version = version;
            this.contentSha256 = contentSha256;
            this.preferred = preferred;
            this.stored = stored;
            this.pending = pending;
        }
    }

    private final Map<String, List<Entry>> byKey = new HashMap<>();
    private final List<Entry> pending = new ArrayList<>();
    private final List<Retraction> retractions = new ArrayList<>();
    private final int maxVersions;

    VersionLedger(List<StoredVersion> stored) {
        this(stored, DEFAULT_MAX_VERSIONS);
    }

    /** {@code maxVersions}: distinct versions kept per identity; a further one is {@link Outcome#TOO_MANY}. */
    VersionLedger(List<StoredVersion> stored, int maxVersions) {
        if (maxVersions < 1) {
            throw new IllegalArgumentException("maxVersions must be at least 1, was " + maxVersions);
        }
        this.maxVersions = maxVersions;
        for (StoredVersion version : stored) {
            byKey.computeIfAbsent(version.key(), k -> new ArrayList<>()).add(new Entry(version.version(),
                    version.contentSha256(), preferred(version.channel(), version.dkim(), version.dkimAligned()),
                    version, null));
        }
    }

    /**
     * Whether a copy arrived by a channel that authenticates its sender: mail whose DKIM signature passed and is
     * aligned with the submitter. HTTPS, import and reprocessing carry no authentication (RFC 8460 gives HTTPS none).
     */
    static boolean preferred(String channel, String dkim, boolean dkimAligned) {
        return ("smtp".equals(channel) || "imap".equals(channel)) && "pass".equals(dkim) && dkimAligned;
    }

    /** Decides one copy; copies must come in the order they arrived (offset order within the partition). */
    Outcome admit(ReportRows.Item item) {
        List<Entry> versions = byKey.computeIfAbsent(item.record().key(), k -> new ArrayList<>());
        boolean preferred = preferred(item.record().receipt().channel(), item.record().receipt().dkim(),
                item.record().receipt().dkimAligned());
        for (Entry known : versions) {
            // A version stored before V013 has no content hash: any copy of it is taken as a duplicate, as it was.
            if (!SHA256.matcher(known.contentSha256).matches()) {
                return Outcome.DUPLICATE;
            }
            if (known.contentSha256.equals(item.contentSha256())) {
                // The same content again is a duplicate, unless signed mail now vouches for a content that came
                // unauthenticated and lost to another unauthenticated one: then it is stored again as a version of
                // its own, authenticated, and takes over the count (the forged version posted first must not keep
                // it because the real one was also posted before the mail came).
                Entry counted = versions.stream().min(COUNTED_FIRST).orElseThrow();
                if (!preferred || known.preferred || counted == known || counted.preferred) {
                    return Outcome.DUPLICATE;
                }
            }
        }
        // Past the cap only a copy that takes over the count is still kept: otherwise unauthenticated forgeries that
        // fill the cap would send the real, DKIM-signed mail to quarantine. That happens at most once per identity
        // (the counted version changes once), so an identity holds at most maxVersions + 1 versions.
        if (versions.size() >= maxVersions
                && !(preferred && !versions.stream().min(COUNTED_FIRST).orElseThrow().preferred)) {
            return Outcome.TOO_MANY;
        }
        Entry entry = new Entry(versions.size(), item.contentSha256(), preferred, null, null);
        Outcome outcome;
        if (versions.isEmpty()) {
            outcome = Outcome.FIRST;
        } else {
            Entry counted = versions.stream().min(COUNTED_FIRST).orElseThrow();
            if (preferred && !counted.preferred) {
                outcome = Outcome.DISPLACING;
                if (counted.pending != null) { // not written yet: simply write it uncounted
                    counted.pending = counted.pending.as(counted.version, 0);
                } else {
                    retractions.add(new Retraction(counted.stored.key(), counted.stored.day(), counted.version));
                }
            } else {
                outcome = Outcome.KEPT;
            }
        }
        entry.pending = item.as(entry.version, outcome == Outcome.KEPT ? 0 : 1);
        versions.add(entry);
        pending.add(entry);
        return outcome;
    }

    /** The versions to write, in arrival order, each with its final version number and sign. */
    List<ReportRows.Item> toWrite() {
        return pending.stream().map(entry -> entry.pending).toList();
    }

    /** The stored versions this batch displaces. */
    List<Retraction> retractions() {
        return List.copyOf(retractions);
    }
}
