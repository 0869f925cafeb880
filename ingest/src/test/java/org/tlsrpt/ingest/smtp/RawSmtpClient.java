package org.tlsrpt.ingest.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain-socket SMTP conversation, for asserting exact reply codes at each step. */
final class RawSmtpClient implements AutoCloseable {

    record Reply(int code, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    RawSmtpClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    Reply greeting() throws IOException {
        return reply();
    }

    Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** Greeting, EHLO, MAIL FROM and RCPT TO, each expected to succeed. */
    RawSmtpClient open(String from, String to) throws IOException {
        expect(greeting(), 220);
        expect(command("EHLO client.test"), 250);
        expect(command("MAIL FROM:<" + from + ">"), 250);
        expect(command("RCPT TO:<" + to + ">"), 250);
        return this;
    }

    /** DATA with the message dot-stuffed; returns the reply to the end of data. */
    Reply data(byte[] message) throws IOException {
        expect(command("DATA"), 354);
        writeStuffed(message);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** One BDAT chunk (RFC 3030 CHUNKING), sent as is; returns the reply to it. */
    Reply bdat(byte[] chunk, boolean last) throws IOException {
        out.write(("BDAT " + chunk.length + (last ? " LAST" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.flush();
        return reply();
    }

    /** Sends DATA and then {@code bytes} of body without ever ending it; returns how many bytes the server took. */
    long dataWithoutEnd(long bytes) throws IOException {
        expect(command("DATA"), 354);
        byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        long sent = 0;
        try {
            while (sent < bytes) {
                out.write(line);
                sent += line.length;
            }
            out.flush();
        } catch (IOException closedByServer) {
            return sent;
        }
        return sent;
    }

    private void writeStuffed(byte[] message) throws IOException {
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    Reply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; lines so far: " + lines);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() < 4 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    static Reply expect(Reply reply, int code) {
        if (reply.code() != code) {
            throw new AssertionError("expected " + code + " but the server said " + reply.code() + " " + reply.text());
        }
        return reply;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
