package dev.obs.jdbc.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds the binaries (Prometheus, PostgreSQL) the integration tests run: required in CI, skipped with a reason elsewhere. */
public final class Binaries {

    private Binaries() {
    }

    /** The executable at {@code path}; fails when {@code CI} is set and it is missing, else skips the test. */
    public static Path require(String path) {
        Path binary = Path.of(path);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        missing(path + " is missing: install the Debian package \"prometheus\" (apt-get install -y prometheus)");
        return binary;
    }

    /** Fails when {@code CI} is set, else skips the test, saying what is missing. */
    public static void missing(String message) {
        if (System.getenv("CI") != null) {
            fail(message + "; CI must run this test");
        }
        Assumptions.assumeTrue(false, message + " to run this test");
    }
}
