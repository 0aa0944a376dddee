#!/usr/bin/env python3
"""Writes the Grafana dashboards in this folder. Edit the panels here, then run: python3 generate.py

Every query names metrics exactly as obs exposes them; the quickstart's DashboardQueriesIT runs each
one against a real Prometheus and fails on any that returns nothing.
"""
import json
import pathlib

HERE = pathlib.Path(__file__).parent
SEL = 'service="$service", env="$env"'


def variables(metric):
    ds = {"type": "prometheus", "uid": "${datasource}"}
    return [
        {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
         "current": {}, "hide": 0},
        {"name": "env", "label": "Environment", "type": "query", "datasource": ds, "refresh": 2, "sort": 1,
         "query": {"query": f"label_values({metric}, env)", "refId": "env"},
         "definition": f"label_values({metric}, env)", "current": {}, "hide": 0},
        {"name": "service", "label": "Service", "type": "query", "datasource": ds, "refresh": 2, "sort": 1,
         "query": {"query": f'label_values({metric}{{env="$env"}}, service)', "refId": "service"},
         "definition": f'label_values({metric}{{env="$env"}}, service)', "current": {}, "hide": 0},
    ]


def panel(pid, title, targets, x, y, w=12, h=8, unit="short", exemplars=False, description=""):
    ds = {"type": "prometheus", "uid": "${datasource}"}
    return {
        "id": pid, "type": "timeseries", "title": title, "description": description, "datasource": ds,
        "gridPos": {"x": x, "y": y, "w": w, "h": h},
        "fieldConfig": {"defaults": {"unit": unit, "custom": {"lineWidth": 1, "fillOpacity": 10}}, "overrides": []},
        "options": {"legend": {"displayMode": "list", "placement": "bottom"}, "tooltip": {"mode": "multi"}},
        "targets": [
            {"refId": chr(ord("A") + i), "datasource": ds, "expr": expr, "legendFormat": legend,
             "exemplar": exemplars, "range": True}
            for i, (expr, legend) in enumerate(targets)
        ],
    }


def dashboard(uid, title, description, metric, panels):
    return {
        "uid": uid, "title": title, "description": description, "tags": ["obs"], "schemaVersion": 39,
        "editable": True, "graphTooltip": 1, "refresh": "30s", "time": {"from": "now-1h", "to": "now"},
        "templating": {"list": variables(metric)}, "annotations": {"list": []}, "panels": panels,
        "links": [{"title": "obs dashboards", "type": "dashboards", "tags": ["obs"], "asDropdown": True}],
    }


HTTP = "http_server_request_duration_seconds"

service_overview = dashboard(
    "obs-service-overview", "obs / Service overview",
    "Request rate, errors and latency per route (RED). Latency panels carry exemplars: click one to open its trace.",
    f"{HTTP}_count",
    [
        panel(1, "Request rate by route",
              [(f"sum by (http_route) (rate({HTTP}_count{{{SEL}}}[$__rate_interval]))", "{{http_route}}")],
              0, 0, unit="reqps"),
        panel(2, "Error rate (5xx share)",
              [(f'sum by (http_route) (rate({HTTP}_count{{{SEL}, http_response_status_code=~"5.."}}[$__rate_interval]))'
                f" / sum by (http_route) (rate({HTTP}_count{{{SEL}}}[$__rate_interval]))", "{{http_route}}")],
              12, 0, unit="percentunit"),
        panel(3, "Latency P50 / P95 / P99 by route",
              [(f"histogram_quantile({q}, sum by (le, http_route) (rate({HTTP}_bucket{{{SEL}}}[$__rate_interval])))",
                f"p{int(q * 100)} {{{{http_route}}}}") for q in (0.5, 0.95, 0.99)],
              0, 8, w=24, h=10, unit="s", exemplars=True),
        panel(4, "Active requests",
              [(f"sum(http_server_active_requests{{{SEL}}})", "active")], 0, 18, unit="short"),
        panel(5, "Responses by status",
              [(f"sum by (http_response_status_code) (rate({HTTP}_count{{{SEL}}}[$__rate_interval]))",
                "{{http_response_status_code}}")], 12, 18, unit="reqps"),
    ])

jvm = dashboard(
    "obs-jvm", "obs / JVM", "Heap against its maximum, GC pauses, threads and CPU.", "jvm_memory_used_bytes",
    [
        panel(1, "Heap used vs max",
              [(f'sum(jvm_memory_used_bytes{{{SEL}, area="heap"}})', "used"),
               (f'sum(jvm_memory_max_bytes{{{SEL}, area="heap"}} > 0)', "max")], 0, 0, unit="bytes"),
        panel(2, "GC pause time per second",
              [(f"sum by (gc) (rate(jvm_gc_pause_seconds_sum{{{SEL}}}[$__rate_interval]))", "{{gc}}")],
              12, 0, unit="s"),
        panel(3, "Threads",
              [(f"sum(jvm_threads_live_threads{{{SEL}}})", "live"),
               (f"sum(jvm_threads_daemon_threads{{{SEL}}})", "daemon")], 0, 8),
        panel(4, "CPU",
              [(f"avg(process_cpu_usage{{{SEL}}})", "process"), (f"avg(system_cpu_usage{{{SEL}}})", "system")],
              12, 8, unit="percentunit"),
    ])

database = dashboard(
    "obs-database", "obs / Database", "Connection pool state and query latency.", "hikaricp_connections_active",
    [
        panel(1, "Pool connections",
              [(f"sum by (pool) (hikaricp_connections_active{{{SEL}}})", "active {{pool}}"),
               (f"sum by (pool) (hikaricp_connections_idle{{{SEL}}})", "idle {{pool}}"),
               (f"sum by (pool) (hikaricp_connections_pending{{{SEL}}})", "pending {{pool}}")], 0, 0),
        panel(2, "Connection acquire time (mean and max)",
              [(f"sum by (pool) (rate(hikaricp_connections_acquire_seconds_sum{{{SEL}}}[$__rate_interval]))"
                f" / sum by (pool) (rate(hikaricp_connections_acquire_seconds_count{{{SEL}}}[$__rate_interval]))",
                "mean {{pool}}"),
               (f"max by (pool) (hikaricp_connections_acquire_seconds_max{{{SEL}}})", "max {{pool}}")], 12, 0, unit="s"),
        panel(3, "Database operations P95 by operation and table",
              [(f"histogram_quantile(0.95, sum by (le, db_operation_name, db_collection_name) "
                f"(rate(db_client_operation_duration_seconds_bucket{{{SEL}}}[$__rate_interval])))",
                "{{db_operation_name}} {{db_collection_name}}")], 0, 8, unit="s", exemplars=True,
              description="db.client.operation.duration from ObsJdbc.wrap; exemplars lead to the trace of a slow statement."),
        panel(4, "Database operations per second by outcome",
              [(f"sum by (db_operation_name, db_collection_name, error_type) "
                f"(rate(db_client_operation_duration_seconds_count{{{SEL}}}[$__rate_interval]))",
                "{{db_operation_name}} {{db_collection_name}} {{error_type}}")], 12, 8,
              description="error_type is the SQLSTATE of failed statements (23505: unique violation), empty when they succeeded."),
    ])

business = dashboard(
    "obs-business", "obs / Orders", "The quickstart's business metrics: orders placed and how long placing takes.",
    "orders_placed_total",
    [
        panel(1, "Orders placed per second",
              [(f"sum(rate(orders_placed_total{{{SEL}}}[$__rate_interval]))", "orders/s")], 0, 0, unit="short"),
        panel(2, "Placing an order, P95",
              [(f"histogram_quantile(0.95, sum by (le) (rate(orders_place_seconds_bucket{{{SEL}}}[$__rate_interval])))",
                "p95")], 12, 0, unit="s", exemplars=True),
    ])

self_health = dashboard(
    "obs-self", "obs / obs health", "What obs itself drops or counts: spans, log events, error events, metric series.",
    "obs_log_events_dropped_total",
    [
        panel(1, "Dropped telemetry per second",
              [(f"sum by (reason) (rate(obs_{kind}_dropped_total{{{SEL}}}[$__rate_interval]))", f"{kind} {{{{reason}}}}")
               for kind in ("spans", "log_events", "errors")]
              # this counter exists per meter name, only once a meter has hit its series cap
              + [(f"sum by (name) (rate(obs_metrics_series_dropped_total{{{SEL}}}[$__rate_interval])) or vector(0)",
                  "series of {{name}}")],
              0, 0, unit="short"),
        panel(2, "Errors seen by type",
              [(f"sum by (type) (rate(obs_errors_total{{{SEL}}}[$__rate_interval]))", "{{type}}")], 12, 0),
    ])

for name, board in [("service-overview", service_overview), ("jvm", jvm), ("database", database),
                    ("business", business), ("health", self_health)]:
    (HERE / f"obs-{name}.json").write_text(json.dumps(board, indent=2) + "\n")
    print("wrote", f"obs-{name}.json")
