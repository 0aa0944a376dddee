package dev.obs.context;

import dev.obs.internal.context.RandomIds;

/**
 * Request IDs: the one identifier that joins a request's logs, metrics exemplars, spans and error
 * events.
 *
 * <pre>{@code
 * String id = RequestIds.acceptOrGenerate(exchange.getRequestHeaders().getFirst("X-Request-ID"));
 * }</pre>
 *
 * <p>An incoming ID is reused only when it is 1 to {@value #MAX_LENGTH} characters from the safe
 * set {@code [A-Za-z0-9._:=+/-]}; anything else (too long, quotes, braces, spaces, control
 * characters) is replaced by a fresh ID and never logged or echoed, so a caller cannot inject
 * text into log lines or response headers.
 */
public final class RequestIds {

    /** The longest incoming request ID that is reused as it is. */
    public static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** A new ID: 32 lowercase hex characters (128 random bits). */
    public static String generate() {
        return RandomIds.random128();
    }

    /** Whether an incoming ID may be reused as it is. */
    public static boolean isValid(CharSequence id) {
        if (id == null || id.length() == 0 || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!isSafe(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == ':' || c == '=' || c == '+' || c == '/';
    }

    /** The incoming ID when it is valid, otherwise a new one. */
    public static String acceptOrGenerate(String incoming) {
        return isValid(incoming) ? incoming : generate();
    }
}
