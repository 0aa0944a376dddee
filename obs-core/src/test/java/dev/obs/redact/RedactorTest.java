package dev.obs.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = Redactor.defaults();

    /** Each line holds a secret that must not survive; the secret is the part after "|". */
    private static final String[][] CORPUS = {
        {"login password=hunter2 ok", "hunter2"},
        {"{\"user\":\"bob\",\"password\":\"correct horse battery\"}", "correct horse battery"},
        {"Authorization: Bearer abc.def-123_XYZ", "abc.def-123_XYZ"},
        {"authorization=Basic dXNlcjpwYXNz", "dXNlcjpwYXNz"},
        {"calling with api_key=AKIA1234567890SECRET", "AKIA1234567890SECRET"},
        {"X-Api-Key: 9f8e7d6c5b4a", "9f8e7d6c5b4a"},
        {"db.password: s3cr3t!", "s3cr3t!"},
        {"client_secret='shh-its-secret'", "shh-its-secret"},
        {"refresh_token=rt_7777777", "rt_7777777"},
        {"token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U seen",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"},
        {"card 4111 1111 1111 1111 declined", "4111 1111 1111 1111"},
        {"card 4111-1111-1111-1111 declined", "4111-1111-1111-1111"},
        {"card 5500000000000004 declined", "5500000000000004"},
        {"mail sent to jane.doe+orders@example.co.uk today", "jane.doe+orders@example.co.uk"},
        {"Cookie: session=abc123; theme=dark", "abc123"},
        {"Set-Cookie: JSESSIONID=XYZ987; Path=/", "XYZ987"},
        {"failed: java.sql.SQLException: Access denied for user 'app' (using password: pw=topsecret)", "topsecret"},
        {"jdbc:postgresql://db/app?user=app&password=p4ss&ssl=true", "p4ss"},
    };

    @Test
    void corpusLeaksNothing() {
        for (String[] entry : CORPUS) {
            String out = redactor.redact(entry[0]);
            assertThat(out).as("redacting %s", entry[0]).doesNotContain(entry[1]).contains(Redactor.MASK);
        }
    }

    @Test
    void keepsTheShapeOfTheText() {
        assertThat(redactor.redact("login password=hunter2 ok")).isEqualTo("login password=[REDACTED] ok");
        assertThat(redactor.redact("{\"password\":\"x y\",\"user\":\"bob\"}")).isEqualTo("{\"password\":\"[REDACTED]\",\"user\":\"bob\"}");
        assertThat(redactor.redact("Authorization: Bearer abc")).doesNotContain("abc").startsWith("Authorization: ");
    }

    @Test
    void numbersThatAreNotCardsStay() {
        assertThat(redactor.redact("order 1234567890123 shipped")).isEqualTo("order 1234567890123 shipped"); // fails Luhn
        assertThat(redactor.redact("took 1234 ms")).isEqualTo("took 1234 ms");
    }

    @Test
    void cleanTextIsReturnedAsTheSameInstance() {
        String clean = "GET /orders/42 served in 12 ms by worker-3";
        assertThat(redactor.redact(clean)).isSameAs(clean);
        String cleanWithTriggerLetters = "processing a batch of customer accounts";
        assertThat(redactor.redact(cleanWithTriggerLetters)).isEqualTo(cleanWithTriggerLetters);
    }

    @Test
    void sensitiveKeysMaskWholeValues() {
        assertThat(redactor.isSensitiveKey("Authorization")).isTrue();
        assertThat(redactor.isSensitiveKey("X-Api-Key")).isTrue();
        assertThat(redactor.isSensitiveKey("db.password")).isTrue();
        assertThat(redactor.isSensitiveKey("SESSION_ID")).isTrue();
        assertThat(redactor.isSensitiveKey("order_id")).isFalse();
        assertThat(redactor.redact("authorization", "anything at all")).isEqualTo(Redactor.MASK);
        assertThat(redactor.redact("note", "mail bob@example.com")).isEqualTo("mail [REDACTED]");
        assertThat(redactor.redact(Map.of("token", "t", "user", "u"))).containsEntry("token", Redactor.MASK).containsEntry("user", "u");
    }

    @Test
    void userKeysAndPatternsExtendTheDefaults() {
        Redactor custom = Redactor.withExtras(List.of("ssn", "iban"), List.of(Pattern.compile("ACME-\\d{6}")));
        assertThat(custom.isSensitiveKey("customer.SSN")).isTrue();
        assertThat(custom.redact("ssn=123-45-6789 ref ACME-123456")).isEqualTo("ssn=[REDACTED] ref [REDACTED]");
        assertThat(custom.redact("password=x")).isEqualTo("password=[REDACTED]");
    }

    @Test
    void luhn() {
        assertThat(Redactor.passesLuhn("4111111111111111")).isTrue();
        assertThat(Redactor.passesLuhn("4111111111111112")).isFalse();
        assertThat(Redactor.passesLuhn("0000")).isFalse();
    }
}
