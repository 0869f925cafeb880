package org.tlsrpt.core.decode;

import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.FindingCode;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Reads one blob that should hold a report (an HTTP body, a file, a mail attachment): raw JSON, gzip, zip, or
 * base64 text of a gzip, told apart by their bytes. Mail messages are {@link MailReports}' job.
 */
final class ContainerReader {

    private final Limits limits;
    private final ZipReports zip;

    ContainerReader(Limits limits) {
        this.limits = limits;
        this.zip = new ZipReports(limits);
    }

    /**
     * Adds the reports found to {@code out}; refusals of single zip entries too. A blob that gives nothing at all
     * is refused by throwing, so that the caller decides (a MIME walker may ignore a part that was never a report).
     *
     * @param location     where the blob is: {@code $} or a MIME part such as {@code mime:2}
     * @param declaredType the media type declared for the blob, or null
     */
    void read(byte[] data, int len, String location, Envelope envelope, String declaredType, Results<?> out)
            throws Refused {
        FormatSniffer.Format format = FormatSniffer.sniff(data, len);
        List<Finding> findings = new ArrayList<>(2);
        FormatSniffer.Format promised = MediaTypes.promised(MediaTypes.baseType(declaredType));
        FormatSniffer.Format actual = format == FormatSniffer.Format.BASE64_GZIP ? FormatSniffer.Format.GZIP : format;
        if (promised != null && actual != promised && actual != FormatSniffer.Format.UNKNOWN
                && actual != FormatSniffer.Format.MAIL) {
            findings.add(new Finding(FindingCode.MEDIA_TYPE_MISMATCH, location,
                    "declared " + MediaTypes.baseType(declaredType) + " but the content is " + describe(actual)));
        }
        switch (format) {
            case JSON:
                out.add(new DecodedReport(data, len, envelope, location, findings));
                break;
            case GZIP:
                addGzip(data, len, location, envelope, findings, out);
                break;
            case BASE64_GZIP:
                findings.add(new Finding(FindingCode.BASE64_TEXT, location, "the gzip was sent as base64 text"));
                byte[] gzip = Base64Text.decode(data, len);
                if (!FormatSniffer.isGzip(gzip, 0, gzip.length)) {
                    throw new Refused(RefusalCode.CORRUPT_COMPRESSION, "the base64 text holds no gzip");
                }
                addGzip(gzip, gzip.length, location, envelope, findings, out);
                break;
            case ZIP:
                addZip(data, len, location, envelope, findings, out);
                break;
            default:
                throw new Refused(RefusalCode.UNSUPPORTED_FORMAT, "not JSON, gzip, zip or a mail message");
        }
    }

    private void addGzip(byte[] data, int len, String location, Envelope envelope, List<Finding> findings,
            Results<?> out) throws Refused {
        BoundedOutput json = BoundedGzip.inflate(data, len, limits, out.budget());
        out.add(new DecodedReport(json.buffer(), json.length(), envelope, location, findings));
    }

    private void addZip(byte[] data, int len, String location, Envelope envelope, List<Finding> findings,
            Results<?> out) throws Refused {
        String prefix = "$".equals(location) ? "zip:" : location + "/zip:";
        zip.read(data, len, out.budget(), new ZipReports.Sink() {
            @Override
            public void report(String entryName, BoundedOutput json) {
                out.add(new DecodedReport(json.buffer(), json.length(), envelope.withFileName(entryName),
                        prefix + entryName, findings));
            }

            @Override
            public void refuse(String entryName, Refused why) {
                out.add(why.at(prefix + entryName));
            }
        });
    }

    private static String describe(FormatSniffer.Format format) {
        switch (format) {
            case JSON:
                return "JSON";
            case GZIP:
                return "gzip";
            case ZIP:
                return "a zip archive";
            default:
                return format.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
