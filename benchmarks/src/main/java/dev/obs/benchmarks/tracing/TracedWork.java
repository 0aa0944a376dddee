package dev.obs.benchmarks.tracing;

import dev.obs.annotation.Traced;
import org.openjdk.jmh.annotations.CompilerControl;

/** Woven at build time by obs-maven-plugin, like a user's class. */
public class TracedWork {

    private int counter;

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int bare() {
        return ++counter;
    }

    @Traced("bench.work")
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int traced() {
        return ++counter;
    }
}
