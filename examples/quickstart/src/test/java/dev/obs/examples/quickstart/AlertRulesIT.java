package dev.obs.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert rules are valid and each one fires when it should and only then ({@code promtool test rules}). */
class AlertRulesIT {

    @Test
    void rulesAreValid() throws Exception {
        Path promtool = Tools.require("promtool");
        Tools.Result result = Tools.run(Tools.docs().resolve("alerts"), List.of(promtool.toString(), "check", "rules", "obs-alerts.yml"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 6 rules found");
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        Path promtool = Tools.require("promtool");
        Tools.Result result = Tools.run(Tools.docs().resolve("alerts"), List.of(promtool.toString(), "test", "rules", "obs-alerts.test.yml"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }
}
