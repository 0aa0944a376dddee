package dev.obs.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderReportTest {

    @Test
    void escapesWhatJsonRequires() {
        StringBuilder json = new StringBuilder();
        OrderReport.appendString(json, "gift wrap, \"express\" \\ tab\there\nnext\u0001");
        assertThat(json).hasToString("\"gift wrap, \\\"express\\\" \\\\ tab\\there\\nnext\\u0001\"");
    }

    @Test
    void leavesPlainTextAlone() {
        StringBuilder json = new StringBuilder();
        OrderReport.appendString(json, "customer-42 ünïcödé");
        assertThat(json).hasToString("\"customer-42 ünïcödé\"");
    }
}
