package dev.obs.maven;

import dev.obs.maven.internal.Weaver;
import java.util.List;
import net.bytebuddy.build.BuildLogger;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;

/**
 * The same weaving as the {@code weave} goal, as a Byte Buddy build {@link Plugin}, for builds that run
 * Byte Buddy's own build plugin instead of Maven, such as Gradle with {@code net.bytebuddy.byte-buddy-gradle-plugin}:
 *
 * <pre>{@code
 * // build.gradle.kts
 * buildscript {
 *     dependencies { classpath("dev.obs:obs-maven-plugin:0.1.0-SNAPSHOT") }
 * }
 * plugins { id("net.bytebuddy.byte-buddy-gradle-plugin") version "1.18.17" }
 * byteBuddy {
 *     transformation { plugin = dev.obs.maven.ObsWeavingPlugin::class.java }
 * }
 * }</pre>
 *
 * <p>It changes every class with a {@code @Traced}/{@code @Timed} method (or a class annotated so)
 * exactly as the Maven goal does, leaves a class woven before alone, and logs annotations it cannot
 * honour (on abstract or native methods, constructors) through the build's logger. Unlike the goal it
 * writes no {@code META-INF/obs/woven-classes} index (a Byte Buddy plugin sees classes, not the output
 * directory), so the check at install reads every class of the application's directories and jar
 * instead of only those compiled since weaving; it still stops within its 100 ms budget.
 */
public final class ObsWeavingPlugin implements Plugin {

    private final Weaver weaver;

    /** A plugin that logs to standard error. */
    public ObsWeavingPlugin() {
        this(null);
    }

    /** A plugin that logs through the build tool's logger (Byte Buddy's build plugins pass theirs). */
    public ObsWeavingPlugin(BuildLogger logger) {
        this.weaver = new Weaver(List.of(), new Weaver.Log() {
            @Override
            public void warn(String message) {
                if (logger == null) {
                    System.err.println("obs: " + message);
                } else {
                    logger.warn("obs: " + message);
                }
            }

            @Override
            public void debug(String message) {
                if (logger != null && logger.isDebugEnabled()) {
                    logger.debug("obs: " + message);
                }
            }
        });
    }

    @Override
    public boolean matches(TypeDescription target) {
        return Weaver.mentionsAnnotations(target);
    }

    @Override
    public DynamicType.Builder<?> apply(DynamicType.Builder<?> builder, TypeDescription typeDescription, ClassFileLocator classFileLocator) {
        return weaver.weave(builder, typeDescription);
    }

    @Override
    public void close() {
        // nothing held
    }
}
