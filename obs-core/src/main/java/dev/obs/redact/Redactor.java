package dev.obs.redact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction policy that every module applies before data leaves the process: log
 * messages and fields, span attributes, error events and breadcrumbs.
 *
 * <pre>{@code
 * Redactor redactor = Redactor.defaults();
 * redactor.redact("login password=hunter2 for bob@example.com");
 *     // "login password=[REDACTED] for [REDACTED]"
 * redactor.redact("Authorization", "Bearer eyJhbGciOi...");   // "[REDACTED]"
 * redactor.isSensitiveKey("X-Api-Key");                       // true
 * }</pre>
 *
 * <p>By default it masks the values of keys that name a password, secret, token, authorization,
 * cookie, API key, credential, private key or session ID (in {@code key=value},
 * {@code "key":"value"} and {@code Key: value} forms), and anywhere in text: bearer tokens, JWTs,
 * card numbers that pass the Luhn check, and e-mail addresses. Configuration adds keys
 * ({@code obs.redact.keys}) and patterns ({@code obs.redact.patterns}). Text with nothing to
 * redact is returned as the same instance after one scan, without allocating.
 */
public final class Redactor {

    /** What replaces a redacted value. */
    public static final String MASK = "[REDACTED]";

    private static final List<String> DEFAULT_KEYS = List.of(
            "password", "passwd", "pwd", "secret", "token", "authorization", "cookie", "apikey",
            "credential", "privatekey", "sessionid", "accesskey");

    private static final Pattern COOKIE_HEADER = Pattern.compile("(?im)\\b((?:set-)?cookie\\s*:\\s*)[^\\r\\n]*");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern CARD = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

    private static final Redactor DEFAULTS = new Redactor(List.of(), List.of());

    private final List<String> keyFragments; // normalised: lower case, no separators
    private final Pattern keyValue;
    private final List<Pattern> extraPatterns;
    private final String[][] fragmentsByFirstChar; // ASCII first letter -> fragments starting with it
    private final long[] secondLetters; // ASCII first letter -> bit (second letter - 'a') of those fragments

    private Redactor(List<String> extraKeys, List<Pattern> extraPatterns) {
        List<String> fragments = new ArrayList<>(DEFAULT_KEYS);
        for (String key : extraKeys) {
            String normalised = normaliseKey(key);
            if (!normalised.isEmpty() && !fragments.contains(normalised)) {
                fragments.add(normalised);
            }
        }
        this.keyFragments = List.copyOf(fragments);
        this.extraPatterns = List.copyOf(extraPatterns);
        this.keyValue = Pattern.compile("(?i)(?<![\\w.\\-])([\\w.\\-]*?(?:" + keyAlternation(fragments) + ")[\\w.\\-]*)"
                + "([\"']?\\s*[:=]\\s*)"
                + "(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|(?:(?:bearer|basic|digest|token)\\s+)?[^\\s,;&\"'}\\]]+)");
        String[][] byFirst = new String[128][];
        for (String f : fragments) {
            char first = f.charAt(0);
            if (first < 128) {
                String[] list = byFirst[first] == null ? new String[0] : byFirst[first];
                list = java.util.Arrays.copyOf(list, list.length + 1);
                list[list.length - 1] = f;
                byFirst[first] = list;
            }
        }
        this.fragmentsByFirstChar = byFirst;
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
        return new Redactor(extraKeys, extraPatterns);
    }

    // "api_key" in text may be written api-key, api.key, apikey or API_KEY: allow a separator between letters.
    private static String keyAlternation(List<String> fragments) {
        StringBuilder out = new StringBuilder();
        for (String fragment : fragments) {
            if (out.length() > 0) {
                out.append('|');
            }
            for (int i = 0; i < fragment.length(); i++) {
                if (i > 0) {
                    out.append("[_.\\-]?");
                }
                out.append(Pattern.quote(String.valueOf(fragment.charAt(i))));
            }
        }
        return out.toString();
    }

    private static String normaliseKey(String key) {
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
        String normalised = normaliseKey(key);
        for (String fragment : keyFragments) {
            if (normalised.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    /** The value of a field: {@link #MASK} under a sensitive key, otherwise the value redacted as text. */
    public String redact(String key, String value) {
        if (value == null) {
            return null;
        }
        return isSensitiveKey(key) ? MASK : redact(value);
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
        String out = text;
        int rules = candidateRules(text);
        if (rules != 0) {
            if ((rules & RULE_COOKIE) != 0) {
                out = replaceGroupAfter(COOKIE_HEADER, out);
            }
            if ((rules & RULE_KEY) != 0) {
                out = replaceValues(out);
            }
            if ((rules & RULE_BEARER) != 0) {
                out = replaceGroupAfter(BEARER, out);
            }
            if ((rules & RULE_JWT) != 0) {
                out = JWT.matcher(out).replaceAll(MASK);
            }
            if ((rules & RULE_EMAIL) != 0) {
                out = EMAIL.matcher(out).replaceAll(MASK);
            }
            if ((rules & RULE_CARD) != 0) {
                out = replaceCards(out);
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
    private static final int RULE_CARD = 16;
    private static final int RULE_COOKIE = 32;

    // One pass that finds which rules can match at all; most log lines stop here, and a dirty line
    // runs only the expressions it needs.
    private int candidateRules(String text) {
        int rules = 0;
        int digits = 0;
        String[][] byFirst = fragmentsByFirstChar;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= 13) {
                    rules |= RULE_CARD;
                }
                continue;
            }
            if (c != ' ' && c != '-') {
                digits = 0;
            }
            if (c == '@') {
                rules |= RULE_EMAIL;
                continue;
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

    private String replaceValues(String text) {
        Matcher m = keyValue.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            if (m.start(3) < last) {
                continue; // inside a mask already written
            }
            out.append(text, last, m.start(3));
            String value = m.group(3);
            if (text.startsWith(MASK, m.start(3))) {
                // already masked (the value pattern stops at ']'): keep it as it is, so redacting twice changes nothing
                out.append(MASK);
                last = m.start(3) + MASK.length();
                continue;
            }
            if (value.startsWith("\"")) {
                out.append('"').append(MASK).append('"');
            } else if (value.startsWith("'")) {
                out.append('\'').append(MASK).append('\'');
            } else if (!value.equals(MASK)) {
                out.append(MASK);
            } else {
                out.append(value);
            }
            last = m.end(3);
        } while (m.find());
        out.append(text, last, text.length());
        return out.toString();
    }

    // Keeps group 1 (and 2) of each match, masks the rest: "Bearer abc" -> "Bearer [REDACTED]".
    private static String replaceGroupAfter(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            int keepEnd = m.groupCount() >= 2 ? m.end(2) : m.end(1);
            out.append(text, last, keepEnd).append(MASK);
            last = m.end();
        } while (m.find());
        out.append(text, last, text.length());
        return out.toString();
    }

    private static String replaceCards(String text) {
        Matcher m = CARD.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            String candidate = m.group();
            out.append(text, last, m.start());
            out.append(passesLuhn(candidate) ? MASK : candidate);
            last = m.end();
        } while (m.find());
        out.append(text, last, text.length());
        return out.toString();
    }

    static boolean passesLuhn(String candidate) {
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

    @Override
    public String toString() {
        return "Redactor{keys=" + keyFragments + ", extraPatterns=" + extraPatterns.size() + "}";
    }
}
