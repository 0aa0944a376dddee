package dev.obs.internal.weaving;

/**
 * The marks {@code obs-maven-plugin} leaves in what it weaves; {@link UnwovenClassCheck} reads them.
 * Both sides compile these constants in, so they must never change meaning between releases.
 */
public final class WovenClasses {

    /**
     * Prefix of the synthetic static fields that hold a woven class's {@code ObservedMethod}s
     * ({@code obs$observed$0}, {@code obs$observed$1}, ...). A class declaring one is woven.
     */
    public static final String FIELD_PREFIX = "obs$observed$";

    /**
     * The list of woven classes that the weaver writes into each output directory, one binary class
     * name per line. The weaver rewrites it on every run, after the classes: a class file not newer
     * than it has been seen by the weaver.
     */
    public static final String INDEX = "META-INF/obs/woven-classes";

    /** The class-file descriptors of the annotations that weaving acts on. */
    public static final String TRACED_DESCRIPTOR = "Ldev/obs/annotation/Traced;";

    /** See {@link #TRACED_DESCRIPTOR}. */
    public static final String TIMED_DESCRIPTOR = "Ldev/obs/annotation/Timed;";

    private WovenClasses() {
    }

    /**
     * Whether a class file's bytes hold {@code needle}, e.g. an annotation descriptor from its
     * constant pool: a byte search both the weaver and the check at install use to skip the many
     * classes that have nothing to weave without parsing them.
     */
    public static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
