package org.tlsrpt.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class MessageReaderTest {

    /** Endless input that counts what was taken from it. */
    private static final class Endless extends InputStream {
        long taken;

        @Override
        public int read() {
            taken++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            taken += len;
            return len;
        }
    }

    @Test
    void aMessageWithinTheLimitIsReturnedWhole() throws IOException {
        byte[] message = "Subject: x\r\n\r\nbody\r\n".getBytes();
        assertThat(new MessageReader(1024, 1024).read(new ByteArrayInputStream(message)))
                .isInstanceOfSatisfying(MessageReader.Complete.class, c -> assertThat(c.bytes()).isEqualTo(message));
    }

    @Test
    void aMessageOfExactlyTheLimitIsStillAccepted() throws IOException {
        byte[] message = new byte[1024];
        assertThat(new MessageReader(1024, 1024).read(new ByteArrayInputStream(message)))
                .isInstanceOf(MessageReader.Complete.class);
    }

    @Test
    void aMessageOverTheLimitIsReadToItsEndWithinTheDrainBudgetAndReportedTooLarge() throws IOException {
        MessageReader.Outcome outcome = new MessageReader(1024, 4096).read(new ByteArrayInputStream(new byte[3000]));
        assertThat(outcome).isEqualTo(new MessageReader.TooLarge(3000, true));
    }

    @Test
    void endlessInputIsNotReadPastTheLimitAndTheDrainBudget() throws IOException {
        Endless endless = new Endless();
        MessageReader.Outcome outcome = new MessageReader(1024, 4096).read(endless);
        assertThat(outcome).isInstanceOfSatisfying(MessageReader.TooLarge.class,
                tooLarge -> assertThat(tooLarge.endReached()).isFalse());
        assertThat(endless.taken).isLessThanOrEqualTo(1024 + 4096 + 16 * 1024);
    }
}
