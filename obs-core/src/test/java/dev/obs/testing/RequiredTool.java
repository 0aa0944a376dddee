package dev.obs.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A program an integration test runs (promtool, prometheus, a second JDK...): on a developer's
 * machine without it the test is skipped with the way to install it; on CI ({@code CI} set) the
 * test fails, because CI must run it. Shared with the other modules through obs-core's test-jar.
 *
 * <pre>{@code
 * Path promtool = RequiredTool.executable("/usr/bin/promtool", "the Debian package prometheus");
 * }</pre>
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** The executable at {@code path}; {@code installedBy} names what provides it. */
    public static Path executable(String path, String installedBy) {
        Path executable = Path.of(path);
        if (!Files.isExecutable(executable)) {
            missing(path + " is missing: install " + installedBy);
        }
        return executable;
    }

    /** Fails the test on CI, skips it elsewhere, with {@code reason}. */
    public static void missing(String reason) {
        if (System.getenv("CI") != null) {
            throw new AssertionError(reason + "; CI must run this test");
        }
        Assumptions.abort(reason + " to run this test");
    }
}
