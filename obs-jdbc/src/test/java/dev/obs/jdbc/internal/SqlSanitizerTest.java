package dev.obs.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlSanitizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SELECT * FROM orders WHERE id = 42                                  | SELECT * FROM orders WHERE id = ?                  | SELECT | orders
            select name from Orders o where o.token = 'abc''def' and x > -1.5e3 | select name from Orders o where o.token = ? and x > -? | SELECT | Orders
            INSERT INTO public.orders (a, b) VALUES ('x', 0x1F)                 | INSERT INTO public.orders (a, b) VALUES (?, ?)     | INSERT | public.orders
            UPDATE "Orders" SET total = 10 WHERE id = ?                         | UPDATE "Orders" SET total = ? WHERE id = ?         | UPDATE | Orders
            DELETE FROM orders WHERE note = E'it\\'s' -- by 'ann'               | DELETE FROM orders WHERE note = ?                  | DELETE | orders
            SELECT 1                                                            | SELECT ?                                           | SELECT |
            SELECT a FROM (SELECT b FROM t) x                                   | SELECT a FROM (SELECT b FROM t) x                  | SELECT | t
            CREATE TABLE IF NOT EXISTS orders (id BIGINT)                       | CREATE TABLE IF NOT EXISTS orders (id BIGINT)      | CREATE | orders
            CALL refresh_totals(7)                                              | CALL refresh_totals(?)                             | CALL   | refresh_totals
            SELECT $$secret$$, $tag$x$tag$, $1 FROM t                           | SELECT ?, ?, $1 FROM t                             | SELECT | t
            SELECT /* user 'ann' */ x FROM t WHERE y IN (1, 2, 3)               | SELECT x FROM t WHERE y IN (?, ?, ?)               | SELECT | t
            WITH r AS (SELECT 1) SELECT * FROM r                                | WITH r AS (SELECT ?) SELECT * FROM r               | SELECT | r
            SELECT N'ünïcode', X'00FF', B'101', U&'d\\0061t' FROM t             | SELECT ?, ?, ?, ? FROM t                           | SELECT | t
            """)
    void replacesEveryLiteralAndReadsOperationAndTable(String sql, String expected, String operation, String collection) {
        SqlSanitizer.Parsed parsed = SqlSanitizer.parse(sql);
        assertThat(parsed.text()).isEqualTo(expected);
        assertThat(parsed.operation()).isEqualTo(operation);
        assertThat(parsed.collection()).isEqualTo(collection);
    }

    @Test
    void anUnterminatedLiteralSwallowsTheRest() {
        assertThat(SqlSanitizer.parse("SELECT * FROM t WHERE a = 'secret and more").text()).isEqualTo("SELECT * FROM t WHERE a = ?");
        assertThat(SqlSanitizer.parse("SELECT * FROM t WHERE a = $$secret").text()).isEqualTo("SELECT * FROM t WHERE a = ?");
        assertThat(SqlSanitizer.parse("SELECT 1 /* secret").text()).isEqualTo("SELECT ?");
    }

    @Test
    void aLongTextIsCut() {
        String sql = "SELECT " + "a, ".repeat(2000) + "b FROM t";
        String text = SqlSanitizer.parse(sql).text();
        assertThat(text).hasSizeLessThanOrEqualTo(SqlSanitizer.MAX_LENGTH + 3).endsWith("...");
    }

    @Test
    void driverMessagesLoseQuotedTextNumbersAndDetailLines() {
        assertThat(SqlSanitizer.safeMessage("ERROR: duplicate key value violates unique constraint \"accounts_pkey\"\n"
                + "  Detail: Key (id)=(918273645) already exists."))
                .isEqualTo("ERROR: duplicate key value violates unique constraint ?");
        assertThat(SqlSanitizer.safeMessage("Unique index or primary key violation: \"PUBLIC.PRIMARY_KEY_E ON PUBLIC.ACCOUNTS(ID) VALUES"
                + " ( /* 1 */ CAST(918273645 AS BIGINT) )\"; SQL statement:\nINSERT INTO accounts VALUES (918273645, 'x') [23505-240]"))
                .isEqualTo("Unique index or primary key violation: ?; SQL statement:");
        assertThat(SqlSanitizer.safeMessage("Key (token)=(qv7Jlm2Tz) conflicts")).isEqualTo("Key (token)=? conflicts");
        assertThat(SqlSanitizer.safeMessage(null)).isNull();
    }
}
