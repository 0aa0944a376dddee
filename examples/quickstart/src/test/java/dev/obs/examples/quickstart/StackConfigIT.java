package dev.obs.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The local backend stack in docs/stack cannot be started here (no Docker engine on these machines),
 * so every file is checked by the tool that exists for it: promtool for Prometheus, amtool for
 * Alertmanager, a YAML parser for the rest, and the compose file's mounts against the repository.
 */
class StackConfigIT {

    private static final Path STACK = Tools.docs().resolve("stack");

    @Test
    void prometheusConfigIsValidWithTheRealRuleFile(@TempDir Path tmp) throws Exception {
        Path promtool = Tools.require("promtool");
        String config = Files.readString(STACK.resolve("prometheus/prometheus.yml"))
                .replace("/etc/prometheus/rules/obs-alerts.yml", Tools.docs().resolve("alerts/obs-alerts.yml").toString());
        Path copy = tmp.resolve("prometheus.yml");
        Files.writeString(copy, config);
        Tools.Result result = Tools.run(tmp, List.of(promtool.toString(), "check", "config", copy.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 6 rules found");
    }

    @Test
    void alertmanagerConfigIsValid() throws Exception {
        Path amtool = Tools.require("amtool");
        Tools.Result result = Tools.run(STACK, List.of(amtool.toString(), "check-config", "alertmanager/alertmanager.yml"));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyYamlFileParses() throws Exception {
        try (Stream<Path> files = Files.walk(STACK)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yml")).toList();
            assertThat(yaml).hasSizeGreaterThanOrEqualTo(8);
            for (Path file : yaml) {
                assertThat((Object) new Yaml().load(Files.readString(file))).as(file.toString()).isInstanceOf(Map.class);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeMountsPointAtFilesThatExistAndTheStackHasEveryBackend() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(STACK.resolve("docker-compose.yml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("prometheus", "alertmanager", "grafana", "loki", "promtail", "tempo");
        for (Map.Entry<String, Object> service : services.entrySet()) {
            List<String> volumes = (List<String>) ((Map<String, Object>) service.getValue()).getOrDefault("volumes", List.of());
            for (String volume : volumes) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith(".")) {
                    assertThat(STACK.resolve(source).normalize()).as(service.getKey() + " mounts " + source).exists();
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaDataSourcesLinkExemplarsToTracesAndTracesToLogs() throws Exception {
        Map<String, Object> provisioning = new Yaml().load(Files.readString(STACK.resolve("grafana/provisioning/datasources/obs.yml")));
        List<Map<String, Object>> sources = (List<Map<String, Object>>) provisioning.get("datasources");
        assertThat(sources).extracting(s -> s.get("uid")).containsExactlyInAnyOrder("prometheus", "tempo", "loki");
        // The dashboards use ${datasource} and every panel query names an existing data source type.
        try (Stream<Path> boards = Files.list(Tools.docs().resolve("dashboards"))) {
            for (Path board : boards.filter(f -> f.toString().endsWith(".json")).toList()) {
                String json = Files.readString(board);
                assertThat(json).as(board.toString()).contains("\"uid\": \"${datasource}\"").doesNotContain("\"uid\": \"prometheus\"");
            }
        }
    }
}
