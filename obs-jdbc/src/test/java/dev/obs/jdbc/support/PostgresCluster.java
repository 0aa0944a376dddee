package dev.obs.jdbc.support;

import dev.obs.testing.RequiredTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for the tests: {@code initdb} in a temporary directory,
 * {@code postgres} on a free loopback port (TCP on 127.0.0.1 only, its socket in the same
 * directory), trust authentication for the user {@code obs}, and everything removed by
 * {@link #close()}. The binaries are looked for in {@code OBS_PG_BIN}, on the {@code PATH}, then in
 * Debian's {@code /usr/lib/postgresql/<version>/bin} (newest first). PostgreSQL refuses to run as
 * root, so when the tests run as root the cluster runs as the {@code postgres} user (Debian's
 * package creates it) through {@code runuser}.
 */
public final class PostgresCluster implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final List<String> asUser;

    private PostgresCluster(Path bin, Path dir, int port, List<String> asUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asUser = asUser;
    }

    public static PostgresCluster start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        Path dir = Files.createTempDirectory("obs-pg-");
        List<String> asUser = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            asUser.addAll(List.of(runuser(), "-u", "postgres", "--"));
        }
        int port = freePort();
        PostgresCluster cluster = new PostgresCluster(bin, dir, port, asUser);
        try {
            Path data = dir.resolve("data");
            cluster.run(120, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "obs", "--auth=trust",
                    "-E", "UTF8", "--no-sync", "--locale=C");
            cluster.run(120, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(),
                    "-w", "-t", "90", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                            + " -c full_page_writes=off -c max_connections=50",
                    "start");
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The JDBC URL of the {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "obs";
    }

    public int port() {
        return port;
    }

    private void run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(asUser);
        full.addAll(List.of(command));
        Path out = Files.createTempFile("obs-pg-cmd", ".log");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).directory(dir.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(out));
            }
            if (p.exitValue() != 0) {
                String log = Files.exists(dir.resolve("postgres.log")) ? Files.readString(dir.resolve("postgres.log")) : "";
                throw new IllegalStateException(String.join(" ", full) + " exited with " + p.exitValue() + ":\n" + Files.readString(out)
                        + "\n" + log);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path findBinaries() {
        String env = System.getenv("OBS_PG_BIN");
        if (env != null && !env.isBlank() && Files.isExecutable(Paths.get(env, "initdb"))) {
            return Paths.get(env);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                Path initdb = Paths.get(entry, "initdb");
                if (Files.isExecutable(initdb) && Files.isExecutable(Paths.get(entry, "pg_ctl"))) {
                    try {
                        return initdb.toRealPath().getParent(); // Debian links them from its versioned directory
                    } catch (IOException e) {
                        return Paths.get(entry);
                    }
                }
            }
        }
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path found = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(PostgresCluster::version)).orElse(null);
                if (found != null) {
                    return found.resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        RequiredTool.missing("PostgreSQL's initdb and pg_ctl were not found (OBS_PG_BIN, PATH, /usr/lib/postgresql/*/bin);"
                + " install the Debian package postgresql (apt-get install -y postgresql)");
        throw new IllegalStateException("unreachable");
    }

    private static int version(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String runuser() {
        for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("running as root, but runuser (util-linux) is missing to start PostgreSQL as user postgres");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run(60, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
