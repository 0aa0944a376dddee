package dev.obs.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The default policy, shape by shape: what it must mask, and what it must leave alone. */
class RedactionPolicyTest {

    private final Redactor redactor = Redactor.defaults();

    private static String rep(String s, int n) {
        return s.repeat(n);
    }

    /** {shape, text around it, the secret part}. Tokens are assembled so that no real key is written here. */
    static final List<String[]> SHAPES = List.of(
            new String[] {"aws access key id", "key id AKIA" + "IOSFODNN7EXAMPLE in use", "AKIAIOSFODNN7EXAMPLE"},
            new String[] {"aws secret under its key", "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
            new String[] {"github classic pat", "push with ghp_" + rep("A1b2C3", 6) + " now", "ghp_" + rep("A1b2C3", 6)},
            new String[] {"github fine-grained pat", "github_pat_11ABCDEFG0" + rep("x9_Y", 15) + " used", "github_pat_11ABCDEFG0" + rep("x9_Y", 15)},
            new String[] {"github app token", "ghs_" + rep("Zz09", 9), "ghs_" + rep("Zz09", 9)},
            new String[] {"gitlab pat", "glpat-" + rep("Ab3_", 5) + " ok", "glpat-" + rep("Ab3_", 5)},
            new String[] {"slack bot token", "xoxb-" + "1234567890-1234567890123-" + rep("AbCd", 6), "xoxb-1234567890-1234567890123-" + rep("AbCd", 6)},
            new String[] {"slack user token", "xoxp-" + rep("12345-", 4) + "abcdef", "xoxp-" + rep("12345-", 4) + "abcdef"},
            new String[] {"slack webhook", "post https://hooks.slack.com/services/T00000000/B00000000/" + rep("X", 24),
                "T00000000/B00000000/" + rep("X", 24)},
            new String[] {"stripe live key", "charge with sk_live_" + rep("4eC39HqLyj", 3), "sk_live_" + rep("4eC39HqLyj", 3)},
            new String[] {"stripe restricted key", "rk_live_" + rep("51Hx", 8), "rk_live_" + rep("51Hx", 8)},
            new String[] {"npm token", "//registry.npmjs.org/:_authToken=npm_" + rep("aB1", 12), "npm_" + rep("aB1", 12)},
            new String[] {"npm token in text", "publishing with npm_" + rep("aB1", 12) + " done", "npm_" + rep("aB1", 12)},
            new String[] {"pypi token", "twine pypi-AgEIcHlwaS5vcmc" + rep("Q2Vy_-", 10), "pypi-AgEIcHlwaS5vcmc" + rep("Q2Vy_-", 10)},
            new String[] {"openai key", "OPENAI sk-proj-" + rep("Ab12-_", 8), "sk-proj-" + rep("Ab12-_", 8)},
            new String[] {"anthropic key", "using sk-ant-api03-" + rep("Zy98_-", 15) + "AA", "sk-ant-api03-" + rep("Zy98_-", 15) + "AA"},
            new String[] {"google api key", "maps AIza" + "SyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe" + " end", "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe"},
            new String[] {"sendgrid key", "SG." + rep("a1B2", 5) + "c3." + rep("d4E5f6G7h8", 4) + "i9J", "SG." + rep("a1B2", 5) + "c3."},
            new String[] {"jwt", "id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok",
                "eyJzdWIiOiIxMjM0NTY3ODkwIn0"},
            new String[] {"rsa private key", "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA" + rep("q83vEjRWeJA", 6)
                + "\n-----END RSA PRIVATE KEY-----\nafter", "MIIEowIBAAKCAQEA"},
            new String[] {"openssh private key", "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAA"
                + rep("BG5vbmU", 5) + "\\n-----END OPENSSH PRIVATE KEY-----", "b3BlbnNzaC1rZXktdjEAAAA"},
            new String[] {"private key without its end", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBk" + rep("s9fQ", 10), "MHcCAQEEIBk"},
            new String[] {"url with password", "connect postgres://app:s3cr3tPW@db.internal:5432/app", "s3cr3tPW"},
            new String[] {"url with password and @", "mongodb+srv://ops:p@ss:w0rd@cluster0.example.net/db", "p@ss:w0rd"},
            new String[] {"redis url password only", "redis://:hunter2pw@cache:6379/0", "hunter2pw"},
            new String[] {"jdbc password parameter", "jdbc:postgresql://db/app?user=app&password=p4ss&ssl=true", "p4ss"},
            new String[] {"connection string", "Server=db;Database=app;User Id=sa;Password=Str0ngPw!;", "Str0ngPw!"},
            new String[] {"iban grouped", "pay to DE89 3704 0044 0532 0130 00 today", "3704 0044 0532"},
            new String[] {"iban compact", "iban GB82WEST12345698765432", "GB82WEST12345698765432"},
            new String[] {"iban dashed", "iban DE89-3704-0044-0532-0130-00", "0532-0130"},
            new String[] {"us ssn", "ssn on file 123-45-6789.", "123-45-6789"},
            new String[] {"phone international", "call +44 20 7946 0958 now", "7946 0958"},
            new String[] {"phone e164", "sms to +14155552671", "4155552671"},
            new String[] {"phone north american", "call (415) 555-2671 or 415-555-2671", "555-2671"},
            new String[] {"e-mail", "mail jane.doe+orders@example.co.uk today", "jane.doe+orders@example.co.uk"},
            new String[] {"visa spaced", "card 4111 1111 1111 1111 12/29", "4111 1111 1111 1111"},
            new String[] {"amex", "amex 378282246310005", "378282246310005"},
            new String[] {"mastercard 2-series", "mc 2223003122003222", "2223003122003222"},
            new String[] {"bearer", "Authorization: Bearer abc.def-123_XYZ", "abc.def-123_XYZ"},
            new String[] {"json secret", "{\"client_secret\":\"shh its secret\"}", "shh its secret"},
            new String[] {"unterminated quoted secret", "{\"password\":\"cut-off-in-the-midd", "cut-off-in-the-midd"},
            new String[] {"cookie", "Cookie: session=abc123; theme=dark", "abc123"},
            new String[] {"percent-encoded e-mail", "/users/jane.doe%40example.com/orders", "jane.doe"},
            new String[] {"percent-encoded pair", "q=password%3DHunter2Hunter2&page=2", "Hunter2Hunter2"},
            new String[] {"percent-encoded url password", "next=postgres%3A%2F%2Fapp%3APw9Qx7Zr5%40db%2Fapp", "Pw9Qx7Zr5"});

    /** Text that looks like data but is none: it must come back unchanged. */
    static final List<String> NEGATIVES = List.of(
            "trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7",
            "trace a4111111111111111bcdef0123456789", // a Luhn-valid card number inside a hex ID
            "id 4111111111111111abc and x4111111111111111",
            "uuid 123e4567-e89b-12d3-a456-426614174000 and 41111111-1111-1111-1111-111111111111",
            "at 2026-12-05T06:35:43.123Z, epoch 1733390143123, nanos 1733390143123456789, stamp 20261205063543",
            "took 1234 ms for order 1234567890123, 42 items at 19.99, 1048576 bytes",
            "version 1.2.3, v2.14.0-rc.1, kernel 5.15.0-91-generic, build 20261205.1",
            "from 192.168.0.1 and 10.0.0.255:8080",
            "GET /api/v1/orders/42?page=2&size=50 served in 12 ms by worker-3",
            "hex deadbeefcafebabe0123456789abcdef sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "risk-assessment-report-2026-quarterly-final and task-skill-matrix",
            "basic information about AKIA prefixes and ghp_ tokens",
            "growth +1.5% on 2026-12-05, tz +05:30, offset 2026-12-05T06:35:43+0100",
            "processing a batch of customer accounts, mutex keyed by token count 12",
            "GET /search?q=red%20shoes&size=42%25 stays encoded when nothing is found",
            "SELECT name FROM accounts WHERE token = ? AND password=? AND id <> ?"); // sanitized SQL: placeholders only

    @Test
    void everyShapeIsMasked() {
        for (String[] shape : SHAPES) {
            String out = redactor.redact(shape[1]);
            assertThat(out).as("%s: %s", shape[0], shape[1]).doesNotContain(shape[2]).contains(Redactor.MASK);
        }
    }

    @Test
    void theNegativeCorpusPassesUnchanged() {
        for (String text : NEGATIVES) {
            assertThat(redactor.redact(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void keepsWhatSurroundsASecret() {
        assertThat(redactor.redact("connect postgres://app:s3cr3tPW@db.internal:5432/app"))
                .isEqualTo("connect postgres://app:[REDACTED]@db.internal:5432/app");
        assertThat(redactor.redact("key id AKIAIOSFODNN7EXAMPLE in use")).isEqualTo("key id [REDACTED] in use");
        assertThat(redactor.redact("card 4111 1111 1111 1111 12/29")).isEqualTo("card [REDACTED] 12/29");
        assertThat(redactor.redact("a\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\nb")).isEqualTo("a\n[REDACTED]\nb");
    }

    @Test
    void obsIdentifiersAreNeverRewritten() {
        String allDigitSpan = "4111111111111111";
        String traceWithCard = "4111111111111111" + "0123456789abcdef";
        assertThat(redactor.redact("span_id", allDigitSpan)).isSameAs(allDigitSpan);
        assertThat(redactor.redact("trace_id", traceWithCard)).isSameAs(traceWithCard);
        assertThat(redactor.redact("request_id", "8d7f0c2a-1b2c-4d5e-9f00-112233445566")).isEqualTo("8d7f0c2a-1b2c-4d5e-9f00-112233445566");
        // a value under an ID key that is not an ID is never passed on in part
        assertThat(redactor.redact("request_id", "api_key=abc")).isEqualTo(Redactor.MASK);
        assertThat(redactor.redact("trace_id", "password=x")).isEqualTo("password=[REDACTED]");
    }

    @Test
    void longValuesAreCutAtATokenBoundaryAndMarked() {
        Redactor small = redactor.withMaxValueLength(100);
        String token = "ghp_" + rep("A1b2C3", 6);
        String text = rep("x", 80) + " " + token + " tail";
        String out = small.redact(text);
        assertThat(out).endsWith(Redactor.TRUNCATED).doesNotContain("A1b2C3").hasSizeLessThanOrEqualTo(100 + Redactor.TRUNCATED.length());
        assertThat(small.redact(rep("y", 100))).isEqualTo(rep("y", 100));
    }
}
