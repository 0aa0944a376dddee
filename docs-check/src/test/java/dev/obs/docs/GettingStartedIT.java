package dev.obs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.testing.RequiredTool;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Builds the service that docs/getting-started.md describes, from the page alone: its complete
 * {@code pom.xml} block and its {@code ```java} blocks, as a new user would copy them. It builds on
 * the Maven wrapper's version and on Maven 3.8 (with that version's default plugins wherever the page
 * does not pin one), is woven by obs-maven-plugin, and runs the way the page says, answering on its
 * port with the request ID and its woven timer on /metrics.
 *
 * <p>The obs artifacts come from target/it-repo, where maven-invoker-plugin's install goal put this
 * build's jars; third-party artifacts from the calling build's local repository, then Maven Central.
 */
class GettingStartedIT {

    private static final Path PAGE = DocPages.root().resolve("docs/getting-started.md");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void thePagesPomAndSourcesBuildAndRunOnTheWrappersMaven() throws Exception {
        Path project = writeProject("wrapper-maven");
        Path mavenHome = Path.of(System.getProperty("obs.maven.home"));

        String log = build(mavenHome, project);

        assertWoven(project, log);
        run(mavenHome, project);
    }

    @Test
    void thePagesPomBuildsOnMaven38WithItsDefaultPlugins() throws Exception {
        Path mavenHome = Path.of(System.getProperty("obs.maven38.home", "/usr/share/maven"));
        RequiredTool.executable(mavenHome.resolve("bin/mvn").toString(), "Maven 3.8 (Debian's maven package)");
        Path project = writeProject("maven-3.8");

        String log = build(mavenHome, project);

        assertThat(log).contains("Apache Maven 3.8.");
        assertWoven(project, log);
    }

    /** The page's pom and Java blocks, written out as a project. */
    private static Path writeProject(String name) throws IOException {
        List<DocPages.Block> blocks = DocPages.blocks(PAGE);
        List<DocPages.Block> poms = blocks.stream().filter(b -> b.language().equals("xml") && b.text().contains("<project")).toList();
        assertThat(poms).as("docs/getting-started.md holds one complete pom.xml block").hasSize(1);
        String pom = poms.get(0).text();
        Matcher version = Pattern.compile("<obs.version>([^<]+)</obs.version>").matcher(pom);
        assertThat(version.find()).as("the page's pom defines obs.version").isTrue();
        assertThat(version.group(1)).as("the page's obs.version is the version being built").isEqualTo(System.getProperty("obs.version"));

        Path project = Path.of("target", "getting-started", name).toAbsolutePath();
        deleteRecursively(project);
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), pom, StandardCharsets.UTF_8);
        int sources = 0;
        for (DocPages.Block block : blocks) {
            if (block.language().equals("java") && !block.isFragment()) {
                Path file = project.resolve("src/main/java").resolve(DocPages.fileName(block.text()));
                Files.createDirectories(file.getParent());
                Files.writeString(file, block.text(), StandardCharsets.UTF_8);
                sources++;
            }
        }
        assertThat(sources).as("Java blocks on the page").isGreaterThanOrEqualTo(2);
        Files.writeString(project.resolve("settings.xml"), settings(), StandardCharsets.UTF_8);
        return project;
    }

    private static String build(Path mavenHome, Path project) throws Exception {
        Path log = project.resolve("build.log");
        Process maven = maven(mavenHome, project, log, Map.of(), "-V", "verify");
        if (!maven.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            destroy(maven);
            throw new AssertionError("the build did not finish within " + BUILD_TIMEOUT + "; see " + log);
        }
        String text = Files.readString(log);
        assertThat(maven.exitValue()).as("mvn verify of the getting-started service (%s):%n%s", log, tail(text)).isZero();
        return text;
    }

    private static void assertWoven(Path project, String log) throws IOException {
        assertThat(log).containsPattern("obs: wove [1-9]\\d* methods? in [1-9]\\d* class");
        Path index = project.resolve("target/classes/META-INF/obs/woven-classes");
        assertThat(index).exists();
        assertThat(Files.readAllLines(index)).isNotEmpty();
    }

    /** Runs the service as the page says ({@code mvn exec:java}) and talks to it over loopback. */
    private void run(Path mavenHome, Path project) throws Exception {
        int port = freePort();
        int adminPort = freePort();
        Path log = project.resolve("run.log");
        Process service = maven(mavenHome, project, log,
                Map.of("PORT", String.valueOf(port), "OBS_ADMIN_PORT", String.valueOf(adminPort), "OBS_ADMIN_HOST", "127.0.0.1"),
                "-q", "exec:java");
        try {
            HttpResponse<String> order = poll("http://127.0.0.1:" + port + "/orders/42", service, log);
            assertThat(order.statusCode()).isEqualTo(200);
            assertThat(order.headers().firstValue("X-Request-ID")).isPresent();
            assertThat(order.body()).contains("42");

            HttpResponse<String> metrics = get("http://127.0.0.1:" + adminPort + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .as("the woven @Timed method's timer and the route template of the request")
                    .containsPattern("(?m)^orders_find_seconds_count\\{.*\\} 1(\\.0)?$")
                    .contains("route=\"/orders/{id}\"");
            assertThat(get("http://127.0.0.1:" + adminPort + "/health").statusCode()).isEqualTo(200);
        } finally {
            destroy(service);
        }
    }

    private HttpResponse<String> poll(String url, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + BUILD_TIMEOUT.toNanos();
        while (true) {
            try {
                return get(url);
            } catch (IOException notYet) {
                if (!service.isAlive()) {
                    throw new AssertionError("the service stopped before answering:\n" + tail(Files.readString(log)));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the service did not answer on " + url + " within " + BUILD_TIMEOUT + ":\n"
                            + tail(Files.readString(log)));
                }
                Thread.sleep(250);
            }
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Process maven(Path mavenHome, Path project, Path log, Map<String, String> env, String... goals) throws IOException {
        List<String> command = new ArrayList<>(List.of(mavenHome.resolve("bin/mvn").toString(), "-B", "-ntp",
                "-s", project.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + Path.of(System.getProperty("obs.it.repo")).toAbsolutePath()));
        command.addAll(List.of(goals));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The calling build's local repository first (fast, works without network), then Maven Central. */
    private static String settings() {
        String callerRepo = Path.of(System.getProperty("obs.caller.repo")).toUri().toString();
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>caller-repo</id>
                      <activation><activeByDefault>true</activeByDefault></activation>
                      <repositories>
                        <repository>
                          <id>caller-repo</id><url>%1$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots>
                        </repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository>
                          <id>caller-repo</id><url>%1$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots>
                        </pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                </settings>
                """.formatted(callerRepo);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void destroy(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
