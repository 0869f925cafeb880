package org.tlsrpt.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RootCauseTest {

    @Test
    void theReasonNamesTheRootCauseBehindTheDriversGenericMessage() {
        SQLException failed = new SQLException("Query request failed (attempt: 4)",
                new IllegalStateException("transport", new ConnectException("Connection refused")));

        assertThat(RootCause.reason(failed)).isEqualTo("java.sql.SQLException: Query request failed "
                + "(attempt: 4) (cause: java.net.ConnectException: Connection refused)");
        assertThat(RootCause.reason(new SQLException("Code: 241. Memory limit exceeded")))
                .isEqualTo("java.sql.SQLException: Code: 241. Memory limit exceeded");
    }
}
