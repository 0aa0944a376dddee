package dev.obs.examples.quickstart;

import dev.obs.testing.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds and runs the Prometheus tools the integration tests use (Debian package {@code prometheus}). */
final class Tools {

    private Tools() {
    }

    /** The tool in {@code /usr/bin}; skips the test on a developer machine without it, fails on CI. */
    static Path require(String name) {
        return RequiredTool.executable("/usr/bin/" + name, "the Debian package prometheus (apt-get install prometheus)");
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path workingDir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** The repository's docs directory, found from the module's working directory. */
    static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/alerts"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/alerts not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs");
    }
}
