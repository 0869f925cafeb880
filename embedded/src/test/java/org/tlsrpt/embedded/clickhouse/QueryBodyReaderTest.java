package org.tlsrpt.embedded.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryBodyReaderTest {

    @TempDir
    Path spool;

    private QueryBodyReader reader() {
        return new QueryBodyReader(spool, 16);
    }

    private static ByteArrayInputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void joinsTheQueryParameterAndTheBodyWithANewlineAsClickHouseDoes() throws Exception {
        QueryBody body = reader().read("SELECT * FROM t WHERE", body("a = 1"), 5);
        assertThat(body).isInstanceOf(QueryBody.Bytes.class);
        assertThat(body.head()).isEqualTo("SELECT * FROM t WHERE\na = 1");
    }

    @Test
    void spoolsEvenASmallBinaryInsertWithItsTrailingZeroBytes() throws Exception {
        byte[] data = {1, 0, 0, 0, 0, 0, 0, 0};
        QueryBody body = reader().read("INSERT INTO t (n) FORMAT RowBinary", new ByteArrayInputStream(data), 8);
        assertThat(body).isInstanceOf(QueryBody.Spooled.class);
        assertThat(Files.readAllBytes(((QueryBody.Spooled) body).file())).containsExactly(data);
        body.release();
    }

    @Test
    void anInsertWithoutDataIsTheParameterAlone() throws Exception {
        QueryBody body = reader().read("INSERT INTO t FORMAT CSV", body(""), 0);
        assertThat(body.head()).isEqualTo("INSERT INTO t FORMAT CSV");
        assertThat(Files.list(spool)).isEmpty();
    }

    @Test
    void spoolsInsertDataAndReadsItFromInfile() throws Exception {
        String data = "1,a\n2,b\n3,c\n4,d\n5,e\n";
        QueryBody body = reader().read("insert into db.t (a, b) format CSV", body(data), data.length());
        assertThat(body).isInstanceOf(QueryBody.Spooled.class);
        Path file = ((QueryBody.Spooled) body).file();
        assertThat(file).hasContent(data.strip());
        assertThat(body.head()).isEqualTo("insert into db.t (a, b) FROM INFILE '" + file + "' FORMAT CSV");
        body.release();
        assertThat(file).doesNotExist();
    }

    @Test
    void readsALargeBareQueryIntoNativeMemory() throws Exception {
        String sql = "SELECT 1234567890, 'abcdefghijklmnop'";
        QueryBody body = reader().read(null, body(sql), sql.length());
        assertThat(body).isInstanceOf(QueryBody.Native.class);
        assertThat(body.head()).isEqualTo(sql);
        body.release();
    }

    @Test
    void aRequestWithoutQueryHasNoBody() throws Exception {
        assertThat(reader().read(null, body(""), 0)).isNull();
        assertThat(Files.list(spool)).isEmpty();
    }
}
