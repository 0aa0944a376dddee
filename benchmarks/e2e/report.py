#!/usr/bin/env python3
"""Turns the raw figures of benchmarks/e2e/run.sh into a markdown report: medians per variant, the
ratios the performance budgets of DESIGN.md are stated in, and the checks that show each variant
ran as intended.

    python3 benchmarks/e2e/report.py --raw results/<date>-raw.tsv --meta results/<date>-meta.tsv [--out results/<date>.md]

The raw file has one figure per line: round, variant, metric, value (tab-separated).
"""

import argparse
import collections
import statistics
import sys

LABELS = {
    "a": "(a) obs absent",
    "b": "(b) obs, 10 % sampled",
    "c": "(c) obs, 100 % sampled",
    "d": "(d) OTel agent, 10 % sampled",
    "e": "(e) OTel agent, disabled",
}

WORK_BUDGET_PERCENT = 3.0
HELLO_BUDGET_SHARE = 0.2
STARTUP_BUDGET_MS = 300.0


def read_raw(path):
    figures = collections.defaultdict(lambda: collections.defaultdict(dict))
    with open(path, encoding="utf-8") as raw:
        for line in raw:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                continue
            round_, variant, metric, value = parts
            try:
                figures[variant][metric][int(round_)] = float(value)
            except ValueError:
                continue
    return figures


def read_meta(path):
    meta = {}
    if path:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                key, _, value = line.rstrip("\n").partition("\t")
                meta[key] = value
    return meta


class Figures:
    def __init__(self, raw):
        self.raw = raw
        self.variants = [v for v in "abcde" if v in raw]

    def values(self, variant, metric):
        return self.raw.get(variant, {}).get(metric, {})

    def median(self, variant, metric):
        values = list(self.values(variant, metric).values())
        return statistics.median(values) if values else None

    def spread(self, variant, metric):
        values = list(self.values(variant, metric).values())
        return (min(values), max(values)) if values else None

    def paired(self, variant, metric, base, combine):
        """Median over rounds of combine(variant's value, base's value) from the same round."""
        mine, theirs = self.values(variant, metric), self.values(base, metric)
        pairs = [combine(mine[r], theirs[r]) for r in sorted(mine) if r in theirs]
        pairs = [p for p in pairs if p is not None]
        return statistics.median(pairs) if pairs else None


def us_per_request(rps):
    return 1e6 / rps if rps else None


def fmt(value, digits=0, unit=""):
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    return text + unit


def fmt_signed(value, digits=1, unit=""):
    if value is None:
        return "–"
    return f"{value:+,.{digits}f}{unit}"


def extra_us(mine, base):
    return (1e6 / mine - 1e6 / base) if mine and base else None


def change_percent(mine, base):
    return (mine / base - 1.0) * 100.0 if mine is not None and base else None


def render(figures, meta):
    out = []
    add = out.append
    rounds = sorted({r for v in figures.variants for m in figures.raw[v].values() for r in m})
    add(f"# obs end-to-end overhead, {meta.get('started', 'unknown date')}")
    add("")
    add(f"Command: `{meta.get('command', 'benchmarks/e2e/run.sh')}` (from the repository root).")
    add("")
    add("| | |")
    add("|---|---|")
    for key, title in [("cpu", "machine"), ("kernel", "kernel"), ("java", "JVM"), ("java_opts", "JVM options"),
                       ("agent", "OpenTelemetry Java agent"), ("obs_commit", "obs commit"), ("obs_jars", "obs jars"),
                       ("load_average_at_start", "load average at start"), ("load_average_at_end", "load average at end")]:
        if key in meta:
            add(f"| {title} | {meta[key]} |")
    add(f"| rounds | {len(rounds)} (variants alternating: {meta.get('variants', ' '.join(figures.variants))}) |")
    add(f"| per measurement | {meta.get('duration_s', '?')} s after {meta.get('warmup_s', '?')} s of warm-up per endpoint |")
    add(f"| pinning | server on CPU {meta.get('server_cpu', '0')} (`taskset -c`), wrk and the discarding receiver on CPU {meta.get('load_cpu', '1')} |")
    add(f"| saturation | wrk -t1, {meta.get('hello_connections', '?')} connections on /hello, {meta.get('work_connections', '?')} on /work |")
    add(f"| fixed rate | /hello ≈ {meta.get('hello_rate', '?')}/s ({meta.get('hello_paced', '?')}); /work ≈ {meta.get('work_rate', '?')}/s ({meta.get('work_paced', '?')}) |")
    add(f"| obs trace cap | obs.traces.max.per.second = {meta.get('obs_max_traces_per_second', '?')} (0: no cap, like the agent) |")
    add("")
    add("Figures are medians over rounds.")
    add("")

    a = "a"
    have = set(figures.variants)
    add("## Budgets")
    add("")
    add("| budget (DESIGN.md) | measured | limit | verdict |")
    add("|---|---|---|---|")
    if {"a", "b"} <= have:
        change = change_percent(figures.median("b", "work_rps"), figures.median(a, "work_rps"))
        lost = -change if change is not None else None
        add(f"| /work throughput lost, obs at 10 % (b) against obs absent (a) | {fmt(lost, 1, ' %')} | "
            f"≤ {WORK_BUDGET_PERCENT:g} % | {verdict(lost, WORK_BUDGET_PERCENT)} |")
    if {"a", "b", "d"} <= have:
        obs_extra = extra_us(figures.median("b", "hello_rps"), figures.median(a, "hello_rps"))
        agent_extra = extra_us(figures.median("d", "hello_rps"), figures.median(a, "hello_rps"))
        if agent_extra is not None and agent_extra > 0 and obs_extra is not None:
            limit = agent_extra * HELLO_BUDGET_SHARE
            add(f"| /hello extra time per request, obs (b − a) against the agent (d − a) | {fmt(obs_extra, 2, ' µs')} "
                f"(agent {fmt(agent_extra, 2, ' µs')}; share {obs_extra / agent_extra:.2f}) | ≤ 1/5 of the agent's = "
                f"{fmt(limit, 2, ' µs')} | {verdict(obs_extra, limit)} |")
        else:
            add(f"| /hello extra time per request, obs (b − a) against the agent (d − a) | obs {fmt(obs_extra, 2, ' µs')}, "
                f"agent {fmt(agent_extra, 2, ' µs')} | ≤ 1/5 of the agent's | cannot judge: the agent's extra is not positive |")
    if {"a", "b", "d"} <= have:
        cpu = lambda v: figures.median(v, "hello_cpu_us_per_req")  # noqa: E731
        obs_cpu, agent_cpu = diff(cpu("b"), cpu(a)), diff(cpu("d"), cpu(a))
        share = f"; share {obs_cpu / agent_cpu:.2f}" if obs_cpu is not None and agent_cpu else ""
        add(f"| cross-check: server CPU per /hello at saturation, obs (b − a) against the agent (d − a) | "
            f"{fmt(obs_cpu, 2, ' µs')} (agent {fmt(agent_cpu, 2, ' µs')}{share}) | ≤ 1/5 of the agent's | "
            f"{verdict(obs_cpu, agent_cpu * HELLO_BUDGET_SHARE) if agent_cpu and agent_cpu > 0 else '–'} |")
    if {"a", "b"} <= have:
        added = diff(figures.median("b", "startup_ms"), figures.median(a, "startup_ms"))
        add(f"| start-up added by obs (b − a), to the first healthy /health | {fmt(added, 0, ' ms')} | "
            f"≤ {STARTUP_BUDGET_MS:g} ms | {verdict(added, STARTUP_BUDGET_MS)} |")
    add("")

    add("## Medians per variant")
    add("")
    add("| variant | start-up ms | /hello req/s | /work req/s | /hello p50 / p99 µs at fixed rate | "
        "/work p50 / p99 µs at fixed rate | CPU µs per /hello (saturated / fixed rate) | "
        "CPU µs per /work (saturated / fixed rate) | RSS MB (peak) | threads |")
    add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for v in figures.variants:
        m = lambda metric: figures.median(v, metric)  # noqa: E731
        add(f"| {LABELS[v]} | {fmt(m('startup_ms'))} | {fmt(m('hello_rps'))} | {fmt(m('work_rps'))} | "
            f"{fmt(m('hello_paced_p50_us'))} / {fmt(m('hello_paced_p99_us'))} | "
            f"{fmt(m('work_paced_p50_us'))} / {fmt(m('work_paced_p99_us'))} | "
            f"{fmt(m('hello_cpu_us_per_req'), 1)} / {fmt(m('hello_paced_cpu_us_per_req'), 1)} | "
            f"{fmt(m('work_cpu_us_per_req'), 0)} / {fmt(m('work_paced_cpu_us_per_req'), 0)} | "
            f"{fmt(kb_to_mb(m('rss_kb')))} ({fmt(kb_to_mb(m('peak_rss_kb')))}) | {fmt(m('threads'))} |")
    add("")
    add("Achieved fixed rates (req/s): " + "; ".join(
        f"{v}: /hello {fmt(figures.median(v, 'hello_paced_rps'))}, /work {fmt(figures.median(v, 'work_paced_rps'))}"
        for v in figures.variants) + ".")
    add("")

    if "a" in have and len(have) > 1:
        add("## Against obs absent (a)")
        add("")
        add("Extra µs per request is 1e6/throughput(variant) − 1e6/throughput(a): with the server on one core, the "
            "time one request costs. \"Paired\" is the median over rounds of the same figure taken within each round, "
            "which cancels drift between rounds.")
        add("")
        add("| variant | /hello extra µs per request (paired) | /hello extra CPU µs per request at fixed rate | "
            "/work throughput change (paired) | /work p99 change at fixed rate | start-up added ms | RSS added MB |")
        add("|---|---:|---:|---:|---:|---:|---:|")
        for v in figures.variants:
            if v == a:
                continue
            med = figures.median
            hello_extra = extra_us(med(v, "hello_rps"), med(a, "hello_rps"))
            hello_paired = figures.paired(v, "hello_rps", a, extra_us)
            cpu_extra = diff(med(v, "hello_paced_cpu_us_per_req"), med(a, "hello_paced_cpu_us_per_req"))
            work_change = change_percent(med(v, "work_rps"), med(a, "work_rps"))
            work_paired = figures.paired(v, "work_rps", a, change_percent)
            p99_change = change_percent(med(v, "work_paced_p99_us"), med(a, "work_paced_p99_us"))
            add(f"| {LABELS[v]} | {fmt_signed(hello_extra, 2)} ({fmt_signed(hello_paired, 2)}) | "
                f"{fmt_signed(cpu_extra, 1)} | {fmt_signed(work_change, 1, ' %')} ({fmt_signed(work_paired, 1, ' %')}) | "
                f"{fmt_signed(p99_change, 0, ' %')} | {fmt_signed(diff(med(v, 'startup_ms'), med(a, 'startup_ms')), 0)} | "
                f"{fmt_signed(kb_to_mb(diff(med(v, 'rss_kb'), med(a, 'rss_kb'))), 0)} |")
        add("")

    add("## Throughput per round (req/s)")
    add("")
    add("| round | " + " | ".join(f"{v} /hello" for v in figures.variants) + " | "
        + " | ".join(f"{v} /work" for v in figures.variants) + " |")
    add("|---:|" + "---:|" * (2 * len(figures.variants)))
    for r in rounds:
        cells = [fmt(figures.values(v, "hello_rps").get(r)) for v in figures.variants]
        cells += [fmt(figures.values(v, "work_rps").get(r)) for v in figures.variants]
        add(f"| {r} | " + " | ".join(cells) + " |")
    add("")

    add("## Checks")
    add("")
    for line in checks(figures):
        add(f"- {line}")
    add("")
    return "\n".join(out)


def checks(figures):
    lines = []
    for v in figures.variants:
        failed = sum(1 for metric in figures.raw[v] if metric == "failed" or metric.endswith("_failed"))
        if failed:
            lines.append(f"{LABELS[v]}: {failed} run(s) or measurement(s) failed; see the logs named by run.sh.")
        errors = {metric: sum(vals.values()) for metric, vals in figures.raw[v].items()
                  if metric.endswith("_errors") and sum(vals.values()) > 0}
        if errors:
            lines.append(f"{LABELS[v]}: wrk counted errors (socket errors, timeouts or non-2xx): "
                         + ", ".join(f"{k.removesuffix('_errors')} {int(n)}" for k, n in errors.items()))
        starved = [f"{endpoint} round {r} ({p:.0f} %)" for endpoint in ("hello", "work")
                   for r, p in sorted(figures.values(v, f"{endpoint}_server_cpu_percent").items()) if p < 90]
        if starved:
            lines.append(f"{LABELS[v]}: the server's core was not saturated during " + ", ".join(starved)
                         + ": the load generator was starved (is something else running on its core?); "
                         "those throughputs understate the server.")
        other = figures.values(v, "server_core_other_percent")
        steal = figures.values(v, "server_core_steal_percent")
        busy = [f"round {r} ({other.get(r, 0):.0f} % other work, {steal.get(r, 0):.0f} % stolen)"
                for r in sorted(set(other) | set(steal)) if other.get(r, 0) > 5 or steal.get(r, 0) > 2]
        if busy:
            lines.append(f"{LABELS[v]}: the server's core was not the server's alone in " + ", ".join(busy)
                         + "; run again on a quiet machine.")
        header = figures.median(v, "request_id_header")
        traces = sum(figures.values(v, "export_otlp-traces_bytes").values())
        sentry = sum(figures.values(v, "export_sentry_bytes").values())
        other = {kind: sum(figures.values(v, f"export_{kind}_bytes").values()) for kind in ("otlp-metrics", "otlp-logs")}
        exported = f"OTLP traces {traces / 1024:,.0f} KB" + "".join(
            f", {k} {n / 1024:,.0f} KB" for k, n in other.items() if n) + (f", Sentry {sentry / 1024:,.0f} KB" if sentry else "")
        if v in "bc":
            lines.append(f"{LABELS[v]}: obs filter {'active (X-Request-ID on /hello)' if header else 'NOT active (no X-Request-ID on /hello)'}; "
                         f"exported over all rounds: {exported}."
                         + ("" if traces else " No traces arrived: is obs-tracing built and installed?"))
        elif v == "d":
            lines.append(f"{LABELS[v]}: exported over all rounds: {exported}."
                         + ("" if traces else " No traces arrived: did the agent start? (its log is on the run's stderr)"))
        else:
            lines.append(f"{LABELS[v]}: nothing should be exported; exported {exported}; "
                         f"X-Request-ID {'present (unexpected)' if header else 'absent, as expected'}.")
    return lines


def verdict(measured, limit):
    if measured is None:
        return "–"
    return "within" if measured <= limit else "**missed**"


def diff(x, y):
    return x - y if x is not None and y is not None else None


def kb_to_mb(kb):
    return kb / 1024 if kb is not None else None


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", required=True)
    parser.add_argument("--meta")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    figures = Figures(read_raw(args.raw))
    if not figures.variants:
        print(f"report.py: no figures in {args.raw}", file=sys.stderr)
        return 1
    text = render(figures, read_meta(args.meta))
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
