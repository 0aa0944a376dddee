package dev.obs.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction policy that every module applies before data leaves the process: log
 * messages and fields, span names, attributes and events, error events and breadcrumbs, metric
 * label values.
 *
 * <pre>{@code
 * Redactor redactor = Redactor.defaults();
 * redactor.redact("login password=hunter2 for bob@example.com");
 *     // "login password=[REDACTED] for [REDACTED]"
 * redactor.redact("Authorization", "Bearer eyJhbGciOi...");   // "[REDACTED]"
 * redactor.redact("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"); // unchanged: obs's own ID
 * redactor.isSensitiveKey("X-Api-Key");                       // true
 * }</pre>
 *
 * <p>By default it masks the values of keys that name a password, secret, token, authorization,
 * cookie, API key, credential, private key or session ID (in {@code key=value},
 * {@code "key":"value"} and {@code Key: value} forms), and anywhere in text: bearer tokens, JWTs,
 * the token shapes with a fixed prefix that secret scanners know (cloud, source-host, chat,
 * payment, package-registry and AI-provider keys), private-key blocks, passwords in URLs, card
 * numbers (issuer prefix, length and Luhn check), IBANs (mod-97 check), US social security numbers,
 * phone numbers and e-mail addresses. {@code docs/redaction.md} lists every rule and what it does
 * not catch. Configuration adds keys ({@code obs.redact.keys}) and patterns
 * ({@code obs.redact.patterns}).
 *
 * <p>Redaction runs in time linear in the length of the value: a value longer than
 * {@link #maxValueLength()} ({@code obs.redact.max.value.length}) is cut, at a token boundary, and
 * marked with {@link #TRUNCATED} before any rule runs, and every built-in rule matches without
 * nested or overlapping repetition, starting only where a token starts. Text with nothing to
 * redact is returned as the same instance after one scan, without allocating.
 *
 * <p>obs's own identifiers are never altered: {@link #redact(String, String)} returns a trace ID or
 * span ID (hex) under its key as it is, and a request ID whole or masked whole, never rewritten in
 * part, so that one ID joins every signal.
 */
public final class Redactor {

    /** What replaces a redacted value. */
    public static final String MASK = "[REDACTED]";

    /** What ends a value cut at {@link #maxValueLength()}. */
    public static final String TRUNCATED = "...[TRUNCATED]";

    /** The default longest value redacted as it is; longer values are cut first. */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 16_384;

    /** The keys under which obs writes its own identifiers: log fields, Sentry tags, span attributes. */
    private static final Set<String> TRACE_ID_KEYS = Set.of("trace_id", "traceId", "trace.id");
    private static final Set<String> SPAN_ID_KEYS = Set.of("span_id", "spanId", "span.id", "parent_span_id");
    private static final Set<String> REQUEST_ID_KEYS = Set.of("request_id", "requestId", "obs.request_id");

    private static final List<String> DEFAULT_KEYS = List.of(
            "password", "passwd", "pwd", "passphrase", "secret", "token", "authorization", "cookie", "apikey",
            "credential", "privatekey", "sessionid", "accesskey");

    private static final Pattern COOKIE_HEADER = Pattern.compile("(?im)\\b((?:set-)?cookie[ \\t]*+:[ \\t]*+)[^\\r\\n]++");
    // "Basic" is an English word too: its credentials are at least 8 base64 characters, not all lower case.
    private static final Pattern BEARER = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_])(?:(bearer)([ \\t]++)[A-Za-z0-9\\-._~+/]++=*+|(basic)([ \\t]++)(?=[a-z]*+[A-Z0-9+/])[A-Za-z0-9+/]{8,}+=*+)");
    // JWT: three base64url segments, the first a JSON header ({"... -> eyJ); gitleaks "jwt".
    private static final Pattern JWT = Pattern.compile(
            "(?<![A-Za-z0-9_\\-])eyJ[A-Za-z0-9_\\-]{2,}+\\.[A-Za-z0-9_\\-]{2,}+\\.[A-Za-z0-9_\\-]*+");
    // The host part is checked in code (last label: two or more letters).
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]++@[A-Za-z0-9\\-]++(?:\\.[A-Za-z0-9\\-]++)++");

    /*
     * Tokens with a fixed prefix. Each alternative follows a public rule set, as noted; where an
     * alternative's body may hold '-' or '_', it starts only where no such character precedes it,
     * so that a run of repeated prefixes is scanned once, not once per prefix.
     */
    private static final String NOT_AFTER_ALNUM = "(?<![A-Za-z0-9])";
    private static final String NOT_AFTER_TOKEN = "(?<![A-Za-z0-9_\\-])";
    private static final String[][] TOKEN_RULES = {
        // AWS access key IDs: gitleaks "aws-access-token" (A3T*, AKIA, ASIA, ABIA, ACCA + 16 base32 characters)
        {"A3T", NOT_AFTER_ALNUM + "A3T[A-Z0-9][A-Z2-7]{16}(?![A-Za-z0-9])"},
        {"AKIA", NOT_AFTER_ALNUM + "AKIA[A-Z2-7]{16}(?![A-Za-z0-9])"},
        {"ASIA", NOT_AFTER_ALNUM + "ASIA[A-Z2-7]{16}(?![A-Za-z0-9])"},
        {"ABIA", NOT_AFTER_ALNUM + "ABIA[A-Z2-7]{16}(?![A-Za-z0-9])"},
        {"ACCA", NOT_AFTER_ALNUM + "ACCA[A-Z2-7]{16}(?![A-Za-z0-9])"},
        // GitHub: prefixes documented by GitHub secret scanning (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_);
        // gitleaks "github-pat", "github-oauth", "github-app-token", "github-refresh-token", "github-fine-grained-pat"
        {"gh", NOT_AFTER_ALNUM + "gh[pousr]_[A-Za-z0-9]{36,255}+"},
        {"github_pat_", NOT_AFTER_TOKEN + "github_pat_[A-Za-z0-9_]{22,255}+"},
        // GitLab: gitleaks "gitlab-pat", "gitlab-ptt", "gitlab-rrt", "gitlab-deploy-token", "gitlab-feed-token", ...
        {"gl", NOT_AFTER_TOKEN + "gl(?:pat|ptt|rt|dt|ft|cbt|imt|soat|oas|agent)-[A-Za-z0-9_\\-]{20,}+"},
        // Slack: gitleaks "slack-bot-token" (xoxb-), "slack-user-token" (xoxp-, xoxe-), "slack-legacy-*" (xoxa-, xoxo-,
        // xoxr-, xoxs-), "slack-app-token" (xapp-), "slack-webhook-url" (hooks.slack.com/services|workflows|triggers/)
        {"xox", NOT_AFTER_TOKEN + "xox[abeoprs]-[A-Za-z0-9\\-]{10,}+"},
        {"xapp-", NOT_AFTER_TOKEN + "xapp-[A-Za-z0-9\\-]{10,}+"},
        {"hooks.slack.com/", NOT_AFTER_TOKEN + "hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_\\-]++"},
        // Stripe: gitleaks "stripe-access-token" (sk_ and rk_, live/test/prod)
        {"sk_", NOT_AFTER_ALNUM + "sk_(?:live|test|prod)_[A-Za-z0-9]{10,255}+"},
        {"rk_", NOT_AFTER_ALNUM + "rk_(?:live|test|prod)_[A-Za-z0-9]{10,255}+"},
        // npm: gitleaks "npm-access-token"; PyPI: gitleaks "pypi-upload-token" (a macaroon for pypi.org)
        {"npm_", NOT_AFTER_ALNUM + "npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"},
        {"pypi-", NOT_AFTER_TOKEN + "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\\-]{50,}+"},
        // Anthropic: gitleaks "anthropic-api-key", "anthropic-admin-api-key" (sk-ant-api03-, sk-ant-admin01-);
        // OpenAI: gitleaks "openai-api-key" (sk-, sk-proj-, sk-svcacct-, sk-admin-), taken broadly: sk- and 20 or more
        {"sk-", NOT_AFTER_TOKEN + "sk-[A-Za-z0-9_\\-]{20,}+"},
        // Google API keys: gitleaks "gcp-api-key" (AIza + 35)
        {"AIza", NOT_AFTER_TOKEN + "AIza[A-Za-z0-9_\\-]{35}(?![A-Za-z0-9_\\-])"},
        // SendGrid: gitleaks "sendgrid-api-token"; Hugging Face: gitleaks "huggingface-access-token"
        {"SG.", NOT_AFTER_TOKEN + "SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}(?![A-Za-z0-9_\\-])"},
        {"hf_", NOT_AFTER_ALNUM + "hf_[A-Za-z]{34}(?![A-Za-z0-9])"},
    };
    // The same rules by the first character of their literal prefix: the scan tries a rule only
    // where its prefix stands, with lookingAt, instead of running every rule at every position.
    private static final TokenRule[][] TOKEN_RULES_BY_FIRST_CHAR = tokenRules();

    private record TokenRule(int index, String prefix, Pattern pattern) {
    }

    private static TokenRule[][] tokenRules() {
        TokenRule[][] out = new TokenRule[128][];
        for (int r = 0; r < TOKEN_RULES.length; r++) {
            String[] rule = TOKEN_RULES[r];
            char first = rule[0].charAt(0);
            TokenRule[] list = out[first] == null ? new TokenRule[0] : out[first];
            list = Arrays.copyOf(list, list.length + 1);
            list[list.length - 1] = new TokenRule(r, rule[0], Pattern.compile(rule[1]));
            out[first] = list;
        }
        return out;
    }

    /*
     * Personal data. Card numbers: 13 to 19 digits, optionally grouped by single spaces or dashes,
     * not part of a longer letter/digit token (so never inside a hex trace ID), then checked in code
     * for an issuer prefix and length (ISO/IEC 7812 ranges of Visa, Mastercard, Amex, Diners, JCB,
     * Discover, UnionPay) and the Luhn sum, as Microsoft Presidio's CreditCardRecognizer does.
     */
    private static final Pattern CARD = Pattern.compile(
            "(?<![0-9A-Za-z_]|[0-9A-Za-z][\\-.])[0-9](?:[ \\-]?[0-9]){12,18}(?![0-9A-Za-z_]|[\\-.][0-9A-Za-z])");
    // US social security numbers, dashed, without the ranges the SSA never issues (000, 666, 9xx; 00; 0000):
    // Microsoft Presidio's UsSsnRecognizer.
    private static final Pattern SSN = Pattern.compile(
            "(?<![0-9A-Za-z\\-])(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}(?![0-9A-Za-z\\-])");
    // Phone numbers: international E.164 with '+' (8 to 15 digits, checked in code), and the North American
    // (NXX) NXX-XXXX forms; Microsoft Presidio's PhoneRecognizer covers the same shapes through libphonenumber.
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9A-Za-z+])\\+[1-9][0-9]{0,3}(?:[ .\\-]?+\\(?+[0-9]{1,4}+\\)?+){2,6}+(?![0-9A-Za-z])"
            + "|(?<![0-9A-Za-z\\-+.])(?:1[\\-. ])?(?:\\([2-9][0-9]{2}\\) ?[2-9][0-9]{2}[\\-. ]|[2-9][0-9]{2}([\\-.])[2-9][0-9]{2}\\1)"
            + "[0-9]{4}(?![0-9A-Za-z\\-])");
    // IBANs: country code, check digits, 11 to 30 letters or digits (optionally in groups of four, by spaces or dashes), checked in
    // code with ISO 13616's mod-97; gitleaks has no IBAN rule, detect-secrets neither: the standard is the reference.
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ \\-]?[A-Z0-9]{4}){2,7}+(?:[ \\-]?[A-Z0-9]{1,3})?+(?![A-Za-z0-9])");

    private static final int MAX_KEY_LENGTH = 128;

    private static final Redactor DEFAULTS = new Redactor(List.of(), List.of(), DEFAULT_MAX_VALUE_LENGTH);

    private final List<String> keyFragments; // normalised: lower case, no separators
    private final List<Pattern> extraPatterns;
    private final int maxValueLength;
    private static final int MAX_REMEMBERED_KEYS = 1024;
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> sensitiveKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private final String[][] fragmentsByFirstChar; // ASCII first letter -> fragments starting with it
    private final long[] secondLetters; // ASCII first letter -> bit (second letter - 'a') of those fragments

    private Redactor(List<String> extraKeys, List<Pattern> extraPatterns, int maxValueLength) {
        List<String> fragments = new ArrayList<>(DEFAULT_KEYS);
        for (String key : extraKeys) {
            String normalised = normaliseKey(key);
            if (!normalised.isEmpty() && !fragments.contains(normalised)) {
                fragments.add(normalised);
            }
        }
        this.keyFragments = List.copyOf(fragments);
        this.extraPatterns = List.copyOf(extraPatterns);
        this.maxValueLength = maxValueLength;
        this.fragmentsByFirstChar = byFirstChar(fragments);
        long[] second = new long[128];
        for (String f : fragments) {
            char first = f.charAt(0);
            char next = f.length() > 1 ? f.charAt(1) : 'a';
            if (first < 128) {
                second[first] |= next >= 'a' && next <= 'z' ? 1L << (next - 'a') : -1L;
            }
        }
        this.secondLetters = second;
    }

    private static String[][] byFirstChar(List<String> words) {
        String[][] byFirst = new String[128][];
        for (String f : words) {
            char first = f.charAt(0);
            if (first < 128) {
                String[] list = byFirst[first] == null ? new String[0] : byFirst[first];
                list = Arrays.copyOf(list, list.length + 1);
                list[list.length - 1] = f;
                byFirst[first] = list;
            }
        }
        return byFirst;
    }

    /** The default rules only. */
    public static Redactor defaults() {
        return DEFAULTS;
    }

    /**
     * The default rules plus {@code extraKeys} (matched like the defaults: case-insensitive, as a
     * part of a key, ignoring {@code -_.} separators) and {@code extraPatterns} (every match is
     * replaced by {@link #MASK}).
     */
    public static Redactor withExtras(List<String> extraKeys, List<Pattern> extraPatterns) {
        Objects.requireNonNull(extraKeys, "extraKeys");
        Objects.requireNonNull(extraPatterns, "extraPatterns");
        if (extraKeys.isEmpty() && extraPatterns.isEmpty()) {
            return DEFAULTS;
        }
        return new Redactor(extraKeys, extraPatterns, DEFAULT_MAX_VALUE_LENGTH);
    }

    /**
     * The same rules with another bound on the value length: longer values are cut to about
     * {@code maxValueLength} characters and marked with {@link #TRUNCATED} before matching.
     *
     * <pre>{@code
     * Redactor.defaults().withMaxValueLength(4096);
     * }</pre>
     */
    public Redactor withMaxValueLength(int maxValueLength) {
        if (maxValueLength < 64) {
            throw new IllegalArgumentException("maxValueLength must be at least 64: " + maxValueLength);
        }
        if (maxValueLength == this.maxValueLength) {
            return this;
        }
        List<String> extraKeys = keyFragments.subList(DEFAULT_KEYS.size(), keyFragments.size());
        return new Redactor(extraKeys, extraPatterns, maxValueLength);
    }

    /** The longest value redacted as it is; longer values are cut and marked first. */
    public int maxValueLength() {
        return maxValueLength;
    }

    private static String normaliseKey(CharSequence key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ' ') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /** Whether values under this key are masked whole, e.g. {@code Authorization} or {@code db.password}. */
    public boolean isSensitiveKey(String key) {
        if (key == null) {
            return false;
        }
        // The same few keys (MDC keys, attribute and header names) are asked about on every log
        // line and span; the answer is remembered for a bounded number of them.
        Boolean known = sensitiveKeys.get(key);
        if (known != null) {
            return known;
        }
        boolean sensitive = isSensitiveKey((CharSequence) key);
        if (key.length() <= 128 && sensitiveKeys.size() < MAX_REMEMBERED_KEYS) {
            sensitiveKeys.put(key, sensitive);
        }
        return sensitive;
    }

    private boolean isSensitiveKey(CharSequence key) {
        String normalised = normaliseKey(key);
        for (String fragment : keyFragments) {
            if (normalised.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value of a field: {@link #MASK} under a sensitive key; obs's own trace ID, span ID and
     * request ID as they are; otherwise the value redacted as text.
     */
    public String redact(String key, String value) {
        if (value == null) {
            return null;
        }
        if (key != null) {
            if (TRACE_ID_KEYS.contains(key)) {
                if (isHex(value, 32)) {
                    return value;
                }
            } else if (SPAN_ID_KEYS.contains(key)) {
                if (isHex(value, 16)) {
                    return value;
                }
            } else if (REQUEST_ID_KEYS.contains(key)) {
                // An edge-accepted ID is one the policy leaves alone; anything else is masked whole, never in part.
                return value.length() <= 128 && redact(value) == value ? value : MASK;
            }
        }
        return isSensitiveKey(key) ? MASK : redact(value);
    }

    private static boolean isHex(String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the map with every value redacted by its key. */
    public Map<String, String> redact(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>(fields.size() * 2);
        fields.forEach((k, v) -> out.put(k, redact(k, v)));
        return Collections.unmodifiableMap(out);
    }

    /** Free text with every secret and personal value replaced by {@link #MASK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        if (text.length() > maxValueLength) {
            return redactBounded(truncate(text, maxValueLength)) + TRUNCATED;
        }
        return redactBounded(text);
    }

    // Cuts at a token boundary when one is near, so that no partial secret is left that the rules
    // no longer recognise; never between the two halves of a surrogate pair.
    static String truncate(String text, int max) {
        int cut = max;
        int floor = Math.max(1, max - 512);
        while (cut > floor && isTokenChar(text.charAt(cut - 1)) && isTokenChar(text.charAt(cut))) {
            cut--;
        }
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut);
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '+' || c == '/' || c == '=' || c == '.' || c == '%';
    }

    private String redactBounded(String text) {
        String out = redactRules(text);
        // Percent-encoded text (a URL path or query, a form body) hides its secrets from the rules:
        // it is also read decoded, and when that reveals something, the decoded text is what is kept, redacted.
        if (hasPercentEscape(text)) {
            String decoded = percentDecode(text);
            String redacted = redactRules(decoded);
            if (redacted != decoded) {
                return redacted;
            }
        }
        return out;
    }

    private static boolean hasPercentEscape(String text) {
        for (int i = text.indexOf('%'); i >= 0 && i + 2 < text.length(); i = text.indexOf('%', i + 1)) {
            if (hexValue(text.charAt(i + 1)) >= 0 && hexValue(text.charAt(i + 2)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int hexValue(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    // %XX escapes as UTF-8 bytes; everything else as it is.
    static String percentDecode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hexValue(text.charAt(i + 1)) >= 0 && hexValue(text.charAt(i + 2)) >= 0) {
                bytes.reset();
                while (i + 2 < text.length() && text.charAt(i) == '%' && hexValue(text.charAt(i + 1)) >= 0
                        && hexValue(text.charAt(i + 2)) >= 0) {
                    bytes.write(hexValue(text.charAt(i + 1)) * 16 + hexValue(text.charAt(i + 2)));
                    i += 3;
                }
                out.append(new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String redactRules(String text) {
        String out = text;
        int rules = candidateRules(text);
        if (rules != 0) {
            if ((rules & RULE_PEM) != 0) {
                out = replacePrivateKeys(out);
            }
            if ((rules & RULE_COOKIE) != 0) {
                out = replaceGroupAfter(COOKIE_HEADER, out);
            }
            if ((rules & RULE_KEY) != 0) {
                out = replaceValues(out);
            }
            if ((rules & RULE_URL) != 0) {
                out = replaceUrlPasswords(out);
            }
            if ((rules & RULE_BEARER) != 0) {
                out = replaceGroupAfter(BEARER, out);
            }
            if ((rules & RULE_JWT) != 0) {
                out = JWT.matcher(out).replaceAll(MASK);
            }
            if ((rules & RULE_TOKEN) != 0) {
                out = replaceTokens(out);
            }
            if ((rules & RULE_EMAIL) != 0) {
                out = replaceFrom(out, EMAIL, Redactor::emailStart, Redactor::emailEnd);
            }
            if ((rules & RULE_IBAN) != 0) {
                out = replaceFrom(out, IBAN, Redactor::ibanStart, Redactor::ibanEnd);
            }
            if ((rules & RULE_NUMBER) != 0) {
                out = replaceFrom(out, CARD, Redactor::cardStart, Redactor::cardEnd);
                out = replaceFrom(out, SSN, Redactor::ssnStart, (t, m) -> m.end());
                out = replaceFrom(out, PHONE, Redactor::phoneStart, Redactor::phoneEnd);
            }
        }
        for (Pattern pattern : extraPatterns) {
            out = pattern.matcher(out).replaceAll(MASK);
        }
        return out;
    }

    private static final int RULE_KEY = 1;
    private static final int RULE_BEARER = 2;
    private static final int RULE_JWT = 4;
    private static final int RULE_EMAIL = 8;
    private static final int RULE_NUMBER = 16;
    private static final int RULE_COOKIE = 32;
    private static final int RULE_TOKEN = 64;
    private static final int RULE_URL = 128;
    private static final int RULE_PEM = 256;
    private static final int RULE_IBAN = 512;

    // One pass that finds which rules can match at all; most log lines stop here, and a dirty line
    // runs only the expressions it needs.
    private int candidateRules(String text) {
        int rules = 0;
        int digits = 0;
        String[][] byFirst = fragmentsByFirstChar;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= 9) {
                    rules |= RULE_NUMBER;
                }
                continue;
            }
            if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '+') {
                digits = 0;
            }
            if (c == '@') {
                rules |= RULE_EMAIL;
                continue;
            }
            if (c == ':' && i + 2 < length && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/') {
                rules |= RULE_URL;
                continue;
            }
            if (c == '-' && text.startsWith("-----BEGIN", i)) {
                rules |= RULE_PEM;
                continue;
            }
            if (c >= 'A' && c <= 'Z' && i + 3 < length && isUpper(text.charAt(i + 1)) && isDigit(text.charAt(i + 2))
                    && isDigit(text.charAt(i + 3))) {
                rules |= RULE_IBAN;
            }
            if (c < 128 && TOKEN_RULES_BY_FIRST_CHAR[c] != null && (i == 0 || !isAlnum(text.charAt(i - 1)))) {
                for (TokenRule rule : TOKEN_RULES_BY_FIRST_CHAR[c]) {
                    if (text.startsWith(rule.prefix(), i)) {
                        rules |= RULE_TOKEN;
                        break;
                    }
                }
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            if (lower >= 128) {
                continue;
            }
            if (lower == 'b' && (text.regionMatches(true, i, "bearer", 0, 6) || text.regionMatches(true, i, "basic", 0, 5))) {
                rules |= RULE_BEARER;
            } else if (c == 'e' && text.startsWith("eyJ", i)) {
                rules |= RULE_JWT;
            }
            String[] candidates = byFirst[lower];
            if (candidates != null && couldStartFragment(text, i, lower) && (rules & (RULE_KEY | RULE_COOKIE)) != (RULE_KEY | RULE_COOKIE)) {
                for (String fragment : candidates) {
                    if (matchesLoosely(text, i, fragment)) {
                        rules |= fragment.equals("cookie") ? RULE_KEY | RULE_COOKIE : RULE_KEY;
                        break;
                    }
                }
            }
        }
        return rules;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isKeyChar(char c) {
        return isAlnum(c) || c == '_' || c == '.' || c == '-';
    }

    // Most letters that start a fragment are not followed by its second letter: reject those cheaply.
    private boolean couldStartFragment(String text, int i, char first) {
        int j = i + 1;
        if (j < text.length()) {
            char c = text.charAt(j);
            if ((c == '_' || c == '-' || c == '.') && j + 1 < text.length()) {
                c = text.charAt(j + 1);
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            return lower < 'a' || lower > 'z' ? secondLetters[first] == -1L : (secondLetters[first] & (1L << (lower - 'a'))) != 0;
        }
        return false;
    }

    // Like regionMatches(ignoreCase), but skipping one separator between letters: "api_key" matches "apikey".
    private static boolean matchesLoosely(String text, int start, String fragment) {
        int t = start;
        for (int f = 0; f < fragment.length(); f++) {
            if (t >= text.length()) {
                return false;
            }
            char c = Character.toLowerCase(text.charAt(t));
            if (f > 0 && (c == '_' || c == '-' || c == '.') && t + 1 < text.length()) {
                c = Character.toLowerCase(text.charAt(++t));
            }
            if (c != fragment.charAt(f)) {
                return false;
            }
            t++;
        }
        return true;
    }

    /*
     * key=value, key: value, "key":"value", 'key'='value' where the key names a secret. A scan, not
     * an expression: at each ':' or '=' the key is read backwards (at most MAX_KEY_LENGTH
     * characters) and the value forwards, and the scan goes on after the value, so every character
     * is looked at a bounded number of times.
     */
    private String replaceValues(String text) {
        char[] key = new char[MAX_KEY_LENGTH];
        StringBuilder out = null;
        int last = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c != ':' && c != '=') {
                i++;
                continue;
            }
            int keyEnd = i;
            int steps = 0;
            while (keyEnd > 0 && steps < 16 && isBlank(text.charAt(keyEnd - 1))) {
                keyEnd--;
                steps++;
            }
            if (keyEnd > 0 && (text.charAt(keyEnd - 1) == '"' || text.charAt(keyEnd - 1) == '\'')) {
                keyEnd--;
            }
            int keyStart = keyEnd;
            while (keyStart > 0 && keyEnd - keyStart < MAX_KEY_LENGTH && isKeyChar(text.charAt(keyStart - 1))) {
                keyStart--;
            }
            if (keyStart == keyEnd || !isSensitiveKey(text, keyStart, keyEnd, key)) {
                i++;
                continue;
            }
            int valueStart = i + 1;
            while (valueStart < length && valueStart - i <= 16 && isBlank(text.charAt(valueStart))) {
                valueStart++;
            }
            if (valueStart >= length) {
                break;
            }
            char open = text.charAt(valueStart);
            int valueEnd;
            String replacement;
            if (open == '"' || open == '\'') {
                int close = closingQuote(text, valueStart + 1, open);
                valueEnd = close < 0 ? length : close + 1;
                replacement = close < 0 ? open + MASK : open + MASK + open;
            } else if (text.startsWith(MASK, valueStart)) {
                i = valueStart + MASK.length();
                continue;
            } else {
                int v = valueStart;
                int scheme = schemeLength(text, v);
                if (scheme > 0) {
                    v += scheme;
                    while (v < length && isBlank(text.charAt(v))) {
                        v++;
                    }
                }
                int plainStart = v;
                while (v < length && !endsPlainValue(text.charAt(v))) {
                    v++;
                }
                if (v == plainStart) {
                    i++;
                    continue;
                }
                if (v - plainStart == 1 && text.charAt(plainStart) == '?') {
                    // a bind placeholder, as in sanitized SQL ("WHERE token = ?"): there is no value to hide
                    i = v;
                    continue;
                }
                valueEnd = v;
                replacement = MASK;
            }
            if (out == null) {
                out = new StringBuilder(length);
            }
            out.append(text, last, valueStart).append(replacement);
            last = valueEnd;
            i = valueEnd;
        }
        if (out == null) {
            return text;
        }
        out.append(text, last, length);
        return out.toString();
    }

    private static String replaceTokens(String text) {
        StringBuilder out = null;
        int last = 0;
        int length = text.length();
        Matcher[] matchers = new Matcher[TOKEN_RULES.length];
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            TokenRule[] rules = c < 128 && (i == 0 || !isAlnum(text.charAt(i - 1))) ? TOKEN_RULES_BY_FIRST_CHAR[c] : null;
            int end = -1;
            if (rules != null) {
                for (TokenRule rule : rules) {
                    if (text.startsWith(rule.prefix(), i)) {
                        Matcher m = matchers[rule.index()];
                        if (m == null) {
                            m = matchers[rule.index()] = rule.pattern().matcher(text).useTransparentBounds(true);
                        }
                        m.region(i, length);
                        if (m.lookingAt()) {
                            end = m.end();
                            break;
                        }
                    }
                }
            }
            if (end < 0) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(length);
            }
            out.append(text, last, i).append(MASK);
            last = end;
            i = end;
        }
        if (out == null) {
            return text;
        }
        out.append(text, last, length);
        return out.toString();
    }

    // isSensitiveKey without allocating: the key, lower-cased and without separators, into a buffer.
    private boolean isSensitiveKey(String text, int start, int end, char[] key) {
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != '-' && c != '_' && c != '.') {
                key[n++] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : Character.toLowerCase(c);
            }
        }
        for (String fragment : keyFragments) {
            int f = fragment.length();
            char first = fragment.charAt(0);
            for (int i = 0; i + f <= n; i++) {
                if (key[i] == first && startsWith(key, i, fragment)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWith(char[] key, int at, String fragment) {
        for (int j = 1; j < fragment.length(); j++) {
            if (key[at + j] != fragment.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static int closingQuote(String text, int from, char quote) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static int schemeLength(String text, int at) {
        for (String scheme : new String[] {"bearer", "basic", "digest", "token"}) {
            if (text.regionMatches(true, at, scheme, 0, scheme.length()) && at + scheme.length() < text.length()
                    && isBlank(text.charAt(at + scheme.length()))) {
                return scheme.length();
            }
        }
        return 0;
    }

    private static boolean endsPlainValue(char c) {
        return Character.isWhitespace(c) || c == ',' || c == ';' || c == '&' || c == '"' || c == '\'' || c == '}' || c == ']';
    }

    // scheme://user:password@host -> scheme://user:[REDACTED]@host; the password runs to the last '@'
    // before the path, so an unescaped '@' in it does not leave a part behind.
    private static String replaceUrlPasswords(String text) {
        StringBuilder out = null;
        int last = 0;
        int from = 0;
        int length = text.length();
        while (true) {
            int at = text.indexOf("://", from);
            if (at < 0) {
                break;
            }
            int i = at + 3;
            while (i < length && !endsAuthority(text.charAt(i)) && text.charAt(i) != ':' && text.charAt(i) != '@') {
                i++;
            }
            from = i;
            if (i >= length || text.charAt(i) != ':') {
                continue;
            }
            int passwordStart = i + 1;
            int end = passwordStart;
            int lastAt = -1;
            while (end < length && !endsAuthority(text.charAt(end))) {
                if (text.charAt(end) == '@') {
                    lastAt = end;
                }
                end++;
            }
            from = end;
            if (lastAt <= passwordStart) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(length);
            }
            out.append(text, last, passwordStart).append(MASK);
            last = lastAt;
        }
        if (out == null) {
            return text;
        }
        out.append(text, last, length);
        return out.toString();
    }

    private static boolean endsAuthority(char c) {
        return Character.isWhitespace(c) || c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>';
    }

    // PEM and OpenSSH private-key blocks (gitleaks "private-key": BEGIN ... PRIVATE KEY ... END): the
    // whole block is masked; a block without its END line (cut, or a hostile value) is masked to the end.
    private static String replacePrivateKeys(String text) {
        StringBuilder out = null;
        int last = 0;
        int from = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN", from);
            if (begin < 0) {
                break;
            }
            int labelEnd = text.indexOf("-----", begin + 10);
            from = begin + 10;
            if (labelEnd < 0 || labelEnd - begin > 120 || !text.substring(begin + 10, labelEnd).contains("PRIVATE KEY")) {
                continue;
            }
            int end = text.indexOf("-----END", labelEnd + 5);
            int blockEnd;
            if (end < 0) {
                blockEnd = text.length();
            } else {
                int close = text.indexOf("-----", end + 8);
                blockEnd = close < 0 || close - end > 120 ? text.length() : close + 5;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, begin).append(MASK);
            last = blockEnd;
            from = blockEnd;
        }
        if (out == null) {
            return text;
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    // Keeps the kept groups of each match (the scheme and the space after it), masks the rest:
    // "Bearer abc" -> "Bearer [REDACTED]".
    private static String replaceGroupAfter(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            int keepEnd = m.start();
            for (int g = 1; g <= m.groupCount(); g++) {
                keepEnd = Math.max(keepEnd, m.end(g));
            }
            out.append(text, last, keepEnd).append(MASK);
            last = m.end();
        } while (m.find());
        out.append(text, last, text.length());
        return out.toString();
    }

    /*
     * The rules for personal data are tried only where one may start, found by a plain scan, and
     * then anchored there (lookingAt): Java's expressions cost far more per position tried than a
     * scan does, and hostile text can make every position one.
     */
    private interface Start {
        boolean at(String text, int i);
    }

    private interface End {
        /** Where the masked part of the match ends, or -1 when the match is not what the rule looks for. */
        int of(String text, Matcher match);
    }

    private static String replaceFrom(String text, Pattern pattern, Start start, End end) {
        StringBuilder out = null;
        Matcher m = null;
        int last = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!start.at(text, i)) {
                i++;
                continue;
            }
            if (m == null) {
                m = pattern.matcher(text).useTransparentBounds(true);
            }
            m.region(i, length);
            if (!m.lookingAt()) {
                i++;
                continue;
            }
            int maskEnd = end.of(text, m);
            if (maskEnd < 0) {
                i = Math.max(i + 1, m.end());
                continue;
            }
            if (out == null) {
                out = new StringBuilder(length);
            }
            out.append(text, last, i).append(MASK);
            last = maskEnd;
            i = maskEnd;
        }
        if (out == null) {
            return text;
        }
        out.append(text, last, length);
        return out.toString();
    }

    private static char before(String text, int i) {
        return i == 0 ? ' ' : text.charAt(i - 1);
    }

    private static boolean isEmailLocal(char c) {
        return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean emailStart(String text, int i) {
        return isEmailLocal(text.charAt(i)) && !isEmailLocal(before(text, i));
    }

    // The host's last label is two or more letters.
    private static int emailEnd(String text, Matcher m) {
        int dot = text.lastIndexOf('.', m.end() - 1);
        if (m.end() - dot - 1 < 2) {
            return -1;
        }
        for (int i = dot + 1; i < m.end(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return -1;
            }
        }
        return m.end();
    }

    private static boolean ibanStart(String text, int i) {
        return isUpper(text.charAt(i)) && !isAlnum(before(text, i)) && i + 3 < text.length() && isUpper(text.charAt(i + 1))
                && isDigit(text.charAt(i + 2)) && isDigit(text.charAt(i + 3));
    }

    private static int ibanEnd(String text, Matcher m) {
        return isIban(m.group()) ? m.end() : -1;
    }

    private static boolean cardStart(String text, int i) {
        if (!isDigit(text.charAt(i))) {
            return false;
        }
        char b = before(text, i);
        return !isAlnum(b) && b != '_' && !((b == '-' || b == '.') && i >= 2 && isAlnum(text.charAt(i - 2)));
    }

    private static boolean ssnStart(String text, int i) {
        char b = before(text, i);
        return isDigit(text.charAt(i)) && !isAlnum(b) && b != '-';
    }

    private static boolean phoneStart(String text, int i) {
        char c = text.charAt(i);
        char b = before(text, i);
        if (c == '+') {
            return !isAlnum(b) && b != '+';
        }
        return (c == '(' || isDigit(c)) && !isAlnum(b) && b != '-' && b != '+' && b != '.';
    }

    private static int phoneEnd(String text, Matcher m) {
        if (text.charAt(m.start()) != '+') {
            return m.end();
        }
        int digits = 0;
        for (int i = m.start(); i < m.end(); i++) {
            if (isDigit(text.charAt(i))) {
                digits++;
            }
        }
        return digits >= 8 && digits <= 15 ? m.end() : -1;
    }

    // A candidate may run on into the next group of digits ("4111 1111 1111 1111 12/25"): the card is
    // the longest run of whole groups from its start that is a card number.
    private static int cardEnd(String text, Matcher m) {
        char[] digits = new char[19];
        int n = 0;
        int best = -1;
        for (int i = m.start(); i < m.end(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits[n++] = c;
                boolean groupEnds = i + 1 == m.end() || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '-';
                if (groupEnds && n >= 13 && isCardNumber(digits, n)) {
                    best = i + 1;
                }
            }
        }
        return best;
    }

    private static boolean isCardNumber(char[] digits, int n) {
        if (n < 13 || n > 19 || !passesLuhn(java.nio.CharBuffer.wrap(digits, 0, n))) {
            return false;
        }
        int two = (digits[0] - '0') * 10 + (digits[1] - '0');
        int four = two * 100 + (digits[2] - '0') * 10 + (digits[3] - '0');
        switch (digits[0]) {
            case '4': return n == 13 || n == 16 || n == 19;                       // Visa
            case '5': return n >= 16;                                              // Mastercard, Maestro
            case '2': return n == 16 && four >= 2221 && four <= 2720;              // Mastercard 2-series
            case '3': return two == 34 || two == 37 ? n == 15 : n >= 14;           // Amex; Diners, JCB
            case '6': return n >= 16;                                              // Discover, UnionPay, Maestro
            default: return false;
        }
    }

    static boolean passesLuhn(CharSequence candidate) {
        int sum = 0;
        int count = 0;
        boolean doubleIt = false;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            count++;
            doubleIt = !doubleIt;
        }
        return count >= 13 && count <= 19 && sum % 10 == 0;
    }

    // ISO 13616: move the first four characters to the end, letters to numbers (A=10), mod 97 == 1.
    static boolean isIban(String candidate) {
        StringBuilder compact = new StringBuilder(34);
        for (int i = 0; i < candidate.length(); i++) {
            if (candidate.charAt(i) != ' ' && candidate.charAt(i) != '-') {
                compact.append(candidate.charAt(i));
            }
        }
        if (compact.length() < 15 || compact.length() > 34) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        int mod = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int v = c >= 'A' && c <= 'Z' ? c - 'A' + 10 : c - '0';
            mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
        }
        return mod == 1;
    }

    private static boolean isPhone(String candidate) {
        if (candidate.charAt(0) != '+') {
            return true;
        }
        int digits = 0;
        for (int i = 0; i < candidate.length(); i++) {
            if (isDigit(candidate.charAt(i))) {
                digits++;
            }
        }
        return digits >= 8 && digits <= 15;
    }

    @Override
    public String toString() {
        return "Redactor{keys=" + keyFragments + ", extraPatterns=" + extraPatterns.size() + ", maxValueLength=" + maxValueLength + "}";
    }
}
