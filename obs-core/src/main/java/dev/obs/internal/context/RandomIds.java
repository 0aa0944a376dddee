package dev.obs.internal.context;

import java.util.concurrent.ThreadLocalRandom;

/** 128 random bits as 32 lowercase hex characters: request IDs and W3C trace IDs. */
public final class RandomIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RandomIds() {
    }

    /** Any 128 random bits. */
    public static String random128() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return hex(random.nextLong(), random.nextLong());
    }

    /** 128 random bits, never all zero (W3C Trace Context calls an all-zero trace ID invalid). */
    public static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        return hex(high, low);
    }

    // One buffer per thread: the string copies it, so an ID costs the string alone.
    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[32]);

    private static String hex(long high, long low) {
        char[] out = BUFFER.get();
        writeHex(high, out, 0);
        writeHex(low, out, 16);
        return new String(out);
    }

    private static void writeHex(long value, char[] out, int offset) {
        for (int i = offset + 15; i >= offset; i--) {
            out[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
