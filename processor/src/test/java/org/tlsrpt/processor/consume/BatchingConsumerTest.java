package org.tlsrpt.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class BatchingConsumerTest {

    @Test
    void theHealthReasonNamesTheRootCauseBehindTheDriversGenericMessage() {
        SQLException failed = new SQLException("Query request failed (attempt: 4)",
                new IllegalStateException("transport", new ConnectException("Connection refused")));

        assertThat(BatchingConsumer.reason(failed)).isEqualTo("java.sql.SQLException: Query request failed "
                + "(attempt: 4) (cause: java.net.ConnectException: Connection refused)");
        assertThat(BatchingConsumer.reason(new SQLException("Code: 241. Memory limit exceeded")))
                .isEqualTo("java.sql.SQLException: Code: 241. Memory limit exceeded");
    }
}
