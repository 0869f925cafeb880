package org.tlsrpt.app.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A sender's side of an SMTP session, line by line, so that each reply code can be asserted. */
public final class SmtpDialog implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public SmtpDialog(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        // Never a hang: every reply must come within this, or the test fails with SocketTimeoutException.
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        reply();
    }

    /** EHLO, then MAIL FROM and RCPT TO; returns the reply to MAIL FROM when it is not 250. */
    String begin(String mailFromArguments) throws IOException {
        String ehlo = command("EHLO sender.example");
        if (!ehlo.startsWith("250")) {
            return ehlo;
        }
        String mail = command("MAIL FROM:<noreply-smtp-tls-reporting@google.com>" + mailFromArguments);
        if (!mail.startsWith("250")) {
            return mail;
        }
        return command("RCPT TO:<tlsrpt@reports.example>");
    }

    /** A whole transaction; returns the reply to the end of DATA. */
    public String send(String message) throws IOException {
        String rcpt = begin("");
        if (!rcpt.startsWith("250")) {
            return rcpt;
        }
        String data = command("DATA");
        if (!data.startsWith("354")) {
            return data;
        }
        out.write(message.getBytes(StandardCharsets.ISO_8859_1));
        return command(message.endsWith("\r\n") ? "." : "\r\n.");
    }

    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** The last line of a (possibly multi-line) reply. */
    private String reply() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    @Override
    public void close() throws IOException {
        try {
            command("QUIT");
        } catch (IOException alreadyClosed) {
            // the server may have dropped the connection; closing is all that is left
        } finally {
            socket.close();
        }
    }
}
