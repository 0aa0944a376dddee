package dev.obs.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SafeMessagesTest {

    private static final String RAW = "ERROR: duplicate key value violates unique constraint \"customers_name_key\"\n"
            + "  Detail: Key (name)=(Philippa Vanterpool) already exists.";
    private static final String SAFE = "ERROR: duplicate key value violates unique constraint ?";

    @Test
    void aRegisteredThrowablesMessageIsReplacedAlsoWhereAWrapperQuotesIt() {
        SQLException sql = new SQLException(RAW, "23505");
        SafeMessages.register(sql, SAFE);
        RuntimeException wrapper = new IllegalStateException(sql); // message: the cause's toString()

        assertThat(SafeMessages.safeMessage(sql)).isEqualTo(SAFE);
        assertThat(SafeMessages.messageOf(sql)).isEqualTo(SAFE);
        assertThat(SafeMessages.messageOf(wrapper)).isEqualTo("java.sql.SQLException: " + SAFE);
        assertThat(SafeMessages.safeMessage(wrapper)).isNull();
        // the exception itself is unchanged
        assertThat(sql.getMessage()).isEqualTo(RAW);
    }

    @Test
    void aLineOfTheMessageQuotedApartIsMasked() {
        SQLException sql = new SQLException(RAW, "23505");
        SafeMessages.register(sql, SAFE);
        RuntimeException partial = new RuntimeException("save failed: Detail: Key (name)=(Philippa Vanterpool) already exists.", sql);

        assertThat(SafeMessages.messageOf(partial)).doesNotContain("Philippa").startsWith("save failed: ");
    }

    @Test
    void textOfThrowablesNobodyRegisteredIsLeftAsItIs() {
        RuntimeException plain = new RuntimeException("order 42 not found", new SQLException("other"));
        String text = "order 42 not found";
        assertThat(SafeMessages.scrub(plain, text)).isSameAs(text);
        assertThat(SafeMessages.messageOf(plain)).isEqualTo(text);
        assertThat(SafeMessages.scrub(null, text)).isSameAs(text);
    }

    @Test
    void aCauseCycleEnds() {
        SQLException a = new SQLException("a 'Philippa Vanterpool'");
        SQLException b = new SQLException("b", a);
        a.initCause(b);
        SafeMessages.register(a, "a ?");
        assertThat(SafeMessages.scrub(b, "x: a 'Philippa Vanterpool'")).isEqualTo("x: a ?");
    }

    @Test
    void atMostCapacityRegistrationsAreKeptTheOldestForgottenFirst() {
        SQLException first = new SQLException("first 'Philippa Vanterpool'");
        SafeMessages.register(first, "first ?");
        SQLException[] kept = new SQLException[SafeMessages.CAPACITY];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new SQLException("n" + i);
            SafeMessages.register(kept[i], "n?");
        }
        assertThat(SafeMessages.safeMessage(first)).isNull();
        assertThat(SafeMessages.safeMessage(kept[kept.length - 1])).isEqualTo("n?");
        assertThat(SafeMessages.safeMessage(kept[0])).isEqualTo("n?");
    }
}
