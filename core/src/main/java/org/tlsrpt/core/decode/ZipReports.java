package org.tlsrpt.core.decode;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Takes report JSON out of the entries of a zip archive, read front to back (no central directory needed, so a
 * cut-off archive still gives its first entries). Each entry is inflated under the size and ratio limits; an
 * entry that is itself an archive is refused after its first bytes. Each entry goes to the sink as soon as it is
 * read, so a sink that parses and drops it keeps one entry in memory at a time. After a size, ratio or budget
 * refusal the rest of the archive is left alone: an archive that holds one bomb is not worth more CPU.
 */
final class ZipReports {

    /** What is done with each entry. */
    interface Sink {
        void report(String entryName, BoundedOutput json);

        void refuse(String entryName, Refused why);
    }

    private static final int MAX_NAME = 200;
    private static final int MAGIC = 4;

    private final Limits limits;

    ZipReports(Limits limits) {
        this.limits = limits;
    }

    /** Refuses the archive as a whole (corrupt, empty, too many entries) by throwing; entries go to the sink. */
    void read(byte[] in, int len, InputBudget budget, Sink sink) throws Refused {
        int entries = 0;
        int seen = 0;
        String name = null;
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(in, 0, len), "UTF-8",
                true, true)) {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                name = shorten(entry.getName());
                if (++entries > limits.maxArchiveEntries()) {
                    throw new Refused(RefusalCode.TOO_MANY_PARTS,
                            "the zip archive has more than " + limits.maxArchiveEntries() + " entries");
                }
                if (entry.isDirectory() || name.startsWith("__MACOSX/")) {
                    continue;
                }
                seen++;
                if (!zip.canReadEntryData(entry)) {
                    sink.refuse(name, new Refused(RefusalCode.UNSUPPORTED_FORMAT,
                            "zip entry " + name + " is encrypted or uses an unsupported compression method"));
                    continue;
                }
                try {
                    sink.report(name, readEntry(zip, name, budget));
                } catch (Refused refused) {
                    sink.refuse(name, refused);
                    if (refused.code().isSizeLimit()
                            || (refused.code() == RefusalCode.NESTED_ARCHIVE && !skippedRest(zip))) {
                        return;
                    }
                }
            }
        } catch (UnsupportedZipFeatureException e) {
            throw new Refused(RefusalCode.UNSUPPORTED_FORMAT, "the zip archive uses an unsupported feature");
        } catch (EOFException e) {
            throw new Refused(RefusalCode.TRUNCATED_COMPRESSION, "zip archive ends early"
                    + (name == null ? "" : " (in entry " + name + ")"));
        } catch (ZipException e) {
            throw new Refused(RefusalCode.CORRUPT_COMPRESSION, "the zip archive is damaged"
                    + (name == null ? "" : " (in entry " + name + ")"));
        } catch (IOException | RuntimeException e) {
            // commons-compress reports truncation and damage alike as IOException (or worse, unchecked)
            throw new Refused(RefusalCode.CORRUPT_COMPRESSION, "the zip archive is damaged or cut off"
                    + (name == null ? "" : " (in entry " + name + ")"));
        }
        if (seen == 0) {
            throw new Refused(RefusalCode.UNSUPPORTED_FORMAT, "the zip archive holds no file");
        }
    }

    private BoundedOutput readEntry(ZipArchiveInputStream zip, String name, InputBudget budget)
            throws IOException, Refused {
        BoundedOutput out = new BoundedOutput(limits, budget, 0);
        // The first bytes alone decide whether this is a nested archive: nothing more is inflated for one.
        while (out.length() < MAGIC) {
            int n = zip.read(out.buffer(), out.length(), MAGIC - out.length());
            if (n < 0) {
                break;
            }
            out.advance(n, zip.getCompressedCount());
        }
        if (FormatSniffer.isGzip(out.buffer(), 0, out.length()) || FormatSniffer.isZip(out.buffer(), 0, out.length())) {
            throw new Refused(RefusalCode.NESTED_ARCHIVE, "zip entry " + name + " is itself an archive");
        }
        while (true) {
            int space = out.ensureSpace();
            int n = zip.read(out.buffer(), out.length(), space);
            if (n < 0) {
                break;
            }
            out.advance(n, zip.getCompressedCount());
        }
        if (FormatSniffer.sniffContent(out.buffer(), out.length(), true) != FormatSniffer.Content.JSON) {
            throw new Refused(RefusalCode.NOT_JSON, "zip entry " + name + " holds no JSON object");
        }
        return out;
    }

    /**
     * Reads past the rest of an entry, counting but not keeping it, under the same limits (the stream would
     * otherwise inflate it without bound to reach the next entry). False when a limit stopped it.
     */
    private boolean skippedRest(ZipArchiveInputStream zip) throws IOException {
        BoundedOutput counter = new BoundedOutput(limits, InputBudget.unlimited(), 0);
        byte[] scratch = new byte[8192];
        long produced = MAGIC;
        int n;
        try {
            while ((n = zip.read(scratch, 0, scratch.length)) >= 0) {
                produced += n;
                counter.check(produced, zip.getCompressedCount());
            }
            return true;
        } catch (Refused limitReached) {
            return false;
        }
    }

    private static String shorten(String name) {
        String clean = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= MAX_NAME ? clean : clean.substring(0, MAX_NAME) + "…";
    }
}
