package org.tlsrpt.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickHouseErrorsTest {

    @Test
    void readsTheCodeFromClickHouseErrorText() {
        assertThat(ClickHouseErrors.codeOf("Code: 62. DB::Exception: Syntax error: failed at position 1")).isEqualTo(62);
        assertThat(ClickHouseErrors.codeOf("something else")).isEqualTo(ClickHouseErrors.STD_EXCEPTION);
    }

    @Test
    void mapsCodesToTheHttpStatusClickHouseUses() {
        assertThat(ClickHouseErrors.httpStatus(62)).isEqualTo(400);
        assertThat(ClickHouseErrors.httpStatus(60)).isEqualTo(404);
        assertThat(ClickHouseErrors.httpStatus(81)).isEqualTo(404);
        assertThat(ClickHouseErrors.httpStatus(516)).isEqualTo(403);
        assertThat(ClickHouseErrors.httpStatus(194)).isEqualTo(401);
        assertThat(ClickHouseErrors.httpStatus(241)).isEqualTo(500);
    }
}
