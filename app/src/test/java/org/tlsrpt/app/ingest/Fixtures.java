package org.tlsrpt.app.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What senders post and mail: a Google-shaped report, its gzip, a multipart/report mail carrying it, and the hostile
 * variants (gzip and zip bombs built cheaply: 1 MiB of zeros is deflated once and its bytes repeated).
 */
final class Fixtures {

    static final int MIB = 1024 * 1024;

    private static final String REPORT = """
            {"organization-name":"Google Inc.","date-range":{"start-datetime":"2026-11-27T00:00:00Z",\
            "end-datetime":"2026-11-27T23:59:59Z"},"contact-info":"smtp-tls-reporting@google.com",\
            "report-id":"2026-11-27T00:00:00Z_%s","policies":[{"policy":{"policy-type":"sts",\
            "policy-string":["version: STSv1","mode: enforce","mx: mx.%s","max_age: 86400"],\
            "policy-domain":"%s","mx-host":["mx.%s"]},"summary":{"total-successful-session-count":41,\
            "total-failure-session-count":2},"failure-details":[{"result-type":"certificate-expired",\
            "sending-mta-ip":"209.85.220.41","receiving-mx-hostname":"mx.%s","failed-session-count":2}]}]}""";

    /** Bombs start like a report so that only the size and ratio bounds can stop them. */
    private static final byte[] JSON_START = ascii("{\"organization-name\":\"");

    private static byte[] zerosMiB;
    private static byte[] jsonStart;

    private Fixtures() {
    }

    static byte[] report(String domain) {
        return ascii(REPORT.formatted(domain, domain, domain, domain, domain));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A report mail as Google sends it: multipart/report with the gzip report base64-encoded. */
    static String mail(String domain, byte[] attachment) {
        return "From: noreply-smtp-tls-reporting@google.com\r\n"
                + "To: tlsrpt@reports.example\r\n"
                + "Subject: Report Domain: " + domain + " Submitter: google.com Report-ID: <" + domain + "@google.com>\r\n"
                + "TLS-Report-Domain: " + domain + "\r\n"
                + "TLS-Report-Submitter: google.com\r\n"
                + "Message-ID: <" + domain + "@google.com>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate TLS report.\r\n"
                + "--b1\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"google.com!" + domain
                + "!1764201600!1764287999.json.gz\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--b1--\r\n";
    }

    static byte[] zip(Object... namesAndContents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                zip.write((byte[]) namesAndContents[i + 1]);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A valid gzip of a JSON start and {@code mebibytes} MiB of zeros, CRC and ISIZE right: about 1 KB per MiB. */
    static byte[] gzipBomb(int mebibytes) {
        byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        byte[] body = deflatedZeros(mebibytes);
        long size = (long) mebibytes * MIB + JSON_START.length;
        ByteBuffer bomb = ByteBuffer.allocate(header.length + body.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        bomb.put(header).put(body).putInt((int) crcOfZeros(mebibytes).getValue()).putInt((int) size);
        return bomb.array();
    }

    /** A zip with one deflated entry of {@code mebibytes} MiB of zeros after a JSON start, sizes declared honestly. */
    static byte[] zipBomb(String name, int mebibytes) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] data = deflatedZeros(mebibytes);
        int crc = (int) crcOfZeros(mebibytes).getValue();
        int size = (int) ((long) mebibytes * MIB + JSON_START.length);
        ByteBuffer zip = ByteBuffer.allocate(30 + nameBytes.length + data.length + 46 + nameBytes.length + 22)
                .order(ByteOrder.LITTLE_ENDIAN);
        zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
                .putInt(crc).putInt(data.length).putInt(size).putShort((short) nameBytes.length).putShort((short) 0)
                .put(nameBytes).put(data);
        int centralStart = zip.position();
        zip.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8)
                .putInt(0).putInt(crc).putInt(data.length).putInt(size).putShort((short) nameBytes.length)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
                .put(nameBytes);
        int centralSize = zip.position() - centralStart;
        zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(centralSize).putInt(centralStart).putShort((short) 0);
        return Arrays.copyOf(zip.array(), zip.position());
    }

    private static synchronized byte[] deflatedZeros(int mebibytes) {
        if (zerosMiB == null) {
            zerosMiB = deflateFlushed(new byte[MIB]);
            jsonStart = deflateFlushed(JSON_START);
        }
        byte[] finalEmptyStoredBlock = {1, 0, 0, (byte) 0xff, (byte) 0xff};
        byte[] data = new byte[jsonStart.length + zerosMiB.length * mebibytes + finalEmptyStoredBlock.length];
        System.arraycopy(jsonStart, 0, data, 0, jsonStart.length);
        for (int i = 0; i < mebibytes; i++) {
            System.arraycopy(zerosMiB, 0, data, jsonStart.length + i * zerosMiB.length, zerosMiB.length);
        }
        System.arraycopy(finalEmptyStoredBlock, 0, data, data.length - 5, 5);
        return data;
    }

    /** Raw deflate ending on a byte boundary (FULL_FLUSH) without a final block, so that it can be repeated. */
    private static byte[] deflateFlushed(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH)) > 0) {
            out.write(buf, 0, n);
            if (n < buf.length) {
                break;
            }
        }
        deflater.end();
        return out.toByteArray();
    }

    private static CRC32 crcOfZeros(int mebibytes) {
        CRC32 crc = new CRC32();
        crc.update(JSON_START);
        byte[] zeros = new byte[MIB];
        for (int i = 0; i < mebibytes; i++) {
            crc.update(zeros);
        }
        return crc;
    }
}
