package dev.obs.spi;

/**
 * Messages about obs itself, written to stderr with an {@code obs:} prefix. Each message should say
 * what happened and what to do. Messages with a key are printed once per key (per install), so a
 * failure in a loop never floods the output.
 *
 * <pre>{@code
 * diagnostics.warnOnce("otlp-export", "span export to " + endpoint + " failed (" + e + "); spans are dropped and counted in obs_spans_dropped_total until it recovers");
 * }</pre>
 */
public interface Diagnostics {

    /** Prints the message. Use for one-off events such as start-up problems. */
    void warn(String message);

    /** Prints the message the first time {@code key} is seen; later calls with that key do nothing. */
    void warnOnce(String key, String message);
}
