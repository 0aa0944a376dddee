package dev.obs.context;

/**
 * A parsed W3C {@code traceparent} header: the caller's trace ID, its span ID and whether it
 * sampled the trace.
 *
 * <pre>{@code
 * TraceParent parent = TraceParent.parse(request.header("traceparent")); // null when absent or malformed
 * }</pre>
 *
 * @param traceId      32 lowercase hex characters, not all zero
 * @param parentSpanId 16 lowercase hex characters, not all zero
 * @param sampled      the {@code sampled} trace flag
 */
public record TraceParent(String traceId, String parentSpanId, boolean sampled) {

    /** The header's name. */
    public static final String HEADER = "traceparent";

    /**
     * Parses a header by the W3C Trace Context rules, returning {@code null} for anything malformed
     * (wrong length, upper case, version {@code ff}, all-zero IDs, junk after a version-00 header)
     * so that the request starts a new trace instead of failing.
     */
    public static TraceParent parse(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.length() < 55 || h.length() > 512) {
            return null;
        }
        if (!isLowerHex(h, 0, 2) || h.startsWith("ff") || h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-') {
            return null;
        }
        boolean version00 = h.startsWith("00");
        if (version00 ? h.length() != 55 : (h.length() > 55 && h.charAt(55) != '-')) {
            return null;
        }
        if (!isLowerHex(h, 3, 35) || !isLowerHex(h, 36, 52) || !isLowerHex(h, 53, 55)) {
            return null;
        }
        String traceId = h.substring(3, 35);
        String spanId = h.substring(36, 52);
        if (isAllZero(traceId) || isAllZero(spanId)) {
            return null;
        }
        int flags = Integer.parseInt(h.substring(53, 55), 16);
        return new TraceParent(traceId, spanId, (flags & 1) == 1);
    }

    /** The header value for this parent, version 00. */
    public String toHeader() {
        return "00-" + traceId + "-" + parentSpanId + (sampled ? "-01" : "-00");
    }

    private static boolean isLowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllZero(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
