package dev.obs.benchmarks.metrics;

import dev.obs.annotation.Timed;
import org.openjdk.jmh.annotations.CompilerControl;

/** Woven at build time by obs-maven-plugin, like a user's class. */
public class TimedWork {

    private int counter;

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int bare() {
        return ++counter;
    }

    @Timed("bench.work")
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int timed() {
        return ++counter;
    }
}
