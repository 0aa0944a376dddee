// obs console: plain JavaScript, no framework. Reads the JSON API under /console/api/ and renders
// with DOM calls and textContent only, so nothing shown can run as markup.
"use strict";

const API = "/console/api/";
let overview = null;
let timer = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k === "onclick") node.addEventListener("click", v);
    else if (k === "style") Object.assign(node.style, v); // CSSOM, allowed by the page's Content-Security-Policy
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

async function get(path) {
  const response = await fetch(API + path, { credentials: "same-origin", cache: "no-store" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(path + ": HTTP " + response.status);
  return response.json();
}

const ms = v => v === null || v === undefined ? "–" : v < 1 ? v.toFixed(2) + " ms" : v < 1000 ? v.toFixed(1) + " ms" : (v / 1000).toFixed(2) + " s";
const rate = v => v === null ? "–" : v.toFixed(v < 10 ? 2 : 1);
const share = v => v === null ? "–" : (v * 100).toFixed(1) + " %";
const time = t => new Date(t).toLocaleTimeString(undefined, { hour12: false }) + "." + String(t % 1000).padStart(3, "0");
const bytes = b => b < 0 ? "–" : b < 1048576 ? (b / 1024).toFixed(0) + " KB" : (b / 1048576).toFixed(1) + " MB";

function fill(tbody, rows) {
  tbody.replaceChildren(...rows);
}

function notice(id, text) {
  const node = document.getElementById(id);
  node.hidden = !text;
  node.textContent = text || "";
}

function statusCell(r) {
  if (r.inProgress) return el("td", { class: "muted" }, "…");
  return el("td", { class: "num s" + Math.floor(r.status / 100) }, r.status + (r.errorType ? " ✖" : ""));
}

// ---- Live: RED per route and recent requests ----
async function showLive() {
  const [red, list] = await Promise.all([get("red"), get("requests?" + filterQuery())]);
  const routeSelect = document.getElementById("f-route");
  const known = new Set([...routeSelect.options].map(o => o.value));
  fill(document.querySelector("#red tbody"), red.routes.map(r => {
    if (!known.has(r.route)) routeSelect.append(el("option", { value: r.route }, r.route));
    const a = r.lastMinute, b = r.last15Minutes;
    return el("tr", {}, el("td", { class: "mono" }, r.route),
      el("td", { class: "num" }, rate(a.ratePerSecond)), el("td", { class: "num" + (a.errors ? " bad" : "") }, share(a.errorShare)),
      el("td", { class: "num" }, ms(a.p50Millis)), el("td", { class: "num" }, ms(a.p95Millis)), el("td", { class: "num" }, ms(a.p99Millis)),
      el("td", { class: "num" }, rate(b.ratePerSecond)), el("td", { class: "num" + (b.errors ? " bad" : "") }, share(b.errorShare)),
      el("td", { class: "num" }, ms(b.p50Millis)), el("td", { class: "num" }, ms(b.p95Millis)), el("td", { class: "num" }, ms(b.p99Millis)));
  }));
  if (red.routes.length === 0) fill(document.querySelector("#red tbody"), [el("tr", {}, el("td", { colspan: 11, class: "muted" }, "No requests observed yet."))]);
  document.getElementById("red-updated").textContent = "updated " + time(Date.now());
  renderRequests(list.requests);
}

function filterQuery() {
  const p = new URLSearchParams();
  const route = document.getElementById("f-route").value;
  const status = document.getElementById("f-status").value;
  if (route) p.set("route", route);
  if (status) p.set("status", status);
  if (document.getElementById("f-slow").checked) p.set("slow", "true");
  p.set("limit", "100");
  return p.toString();
}

function renderRequests(requests) {
  const rows = requests.map(r => el("tr", { class: "link", "data-request-id": r.requestId, onclick: () => { location.hash = "request/" + encodeURIComponent(r.requestId); } },
    el("td", { class: "mono" }, time(r.time)), el("td", {}, r.method), el("td", { class: "mono" }, r.route), statusCell(r),
    el("td", { class: "num" + (r.slow ? " bad" : "") }, r.inProgress ? "…" : ms(r.durationMillis)),
    el("td", { class: "mono" }, r.requestId), el("td", { class: "mono muted" }, r.sampled ? "sampled" : "not sampled")));
  fill(document.querySelector("#requests tbody"), rows.length ? rows : [el("tr", {}, el("td", { colspan: 7, class: "muted" }, "No request matches."))]);
  if (overview) {
    const m = overview.memory;
    document.getElementById("memory").textContent = "holding " + m.requests + " of " + m.requestsLimit + " requests, " + bytes(m.bytes) + " of " + bytes(m.bytesLimit);
  }
}

// ---- One request: waterfall, log lines, error event ----
async function showRequest(id) {
  const data = await get("request?id=" + encodeURIComponent(id));
  document.getElementById("r-id").textContent = id;
  if (!data) {
    notice("notice", "No request with request ID or trace ID " + id + " is held (it may have been evicted; the console keeps the most recent requests only).");
    document.getElementById("view-request").hidden = true;
    return;
  }
  const r = data.request;
  const summary = document.getElementById("r-summary");
  const pairs = [["method", r.method], ["route", r.route], ["status", r.inProgress ? "in progress" : r.status], ["duration", r.inProgress ? "…" : ms(r.durationMillis)],
    ["request ID", r.requestId], ["trace ID", r.traceId || "–"], ["time", new Date(r.time).toISOString()], ["sampled", r.sampled ? "yes" : "no"]];
  summary.replaceChildren(...pairs.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { class: "mono", "data-field": k }, v)]));
  notice("r-spans-note", data.spans.note);
  renderWaterfall(data.spans.items);
  renderLogs(data.logs);
  renderRequestErrors(data.errors);
}

function renderWaterfall(spans) {
  const box = document.getElementById("waterfall");
  if (spans.length === 0) { box.replaceChildren(); return; }
  const start = Math.min(...spans.map(s => s.startEpochNanos));
  const end = Math.max(...spans.map(s => s.endEpochNanos));
  const total = Math.max(1, end - start);
  const children = new Map();
  const ids = new Set(spans.map(s => s.spanId));
  for (const s of spans) {
    const parent = ids.has(s.parentSpanId) ? s.parentSpanId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(s);
  }
  const rows = [];
  const walk = (parent, depth) => {
    for (const s of (children.get(parent) || []).sort((a, b) => a.startEpochNanos - b.startEpochNanos)) {
      const left = (s.startEpochNanos - start) / total * 100, width = (s.endEpochNanos - s.startEpochNanos) / total * 100;
      const title = Object.entries(s.attributes).map(([k, v]) => k + "=" + v).join("\n");
      rows.push(el("div", { class: "wf-row span", title: title, "data-span-name": s.name },
        el("div", { class: "wf-name mono", style: { paddingLeft: (0.5 + depth * 1.2) + "em" } }, s.name + " ", el("small", {}, s.kind.toLowerCase())),
        el("div", { class: "wf-track" }, el("div", { class: "wf-bar" + (s.error ? " error" : ""), style: { left: left + "%", width: width + "%" } }),
          el("span", { class: "wf-time", style: { left: Math.min(left + width, 90) + "%" } }, ms((s.endEpochNanos - s.startEpochNanos) / 1e6)))));
      if (depth < 40) walk(s.spanId, depth + 1);
    }
  };
  walk(null, 0);
  box.replaceChildren(...rows);
}

const LINE_FIELDS = new Set(["@timestamp", "level", "logger", "message", "stack_trace"]);

function renderLogs(logs) {
  notice("r-logs-note", !logs.available ? "The logging module (obs-logging) is not installed: no log lines are recorded."
    : logs.items.length === 0 ? "No log lines were written for this request." : logs.dropped ? logs.dropped + " more line(s) were not kept." : "");
  fill(document.querySelector("#logs tbody"), logs.items.map(line => {
    const fields = Object.entries(line).filter(([k]) => !LINE_FIELDS.has(k))
      .map(([k, v]) => el("span", {}, el("b", {}, k + "="), typeof v === "string" ? v : JSON.stringify(v)));
    const message = line.stack_trace ? el("details", {}, el("summary", {}, line.message), el("pre", { class: "stack" }, line.stack_trace)) : line.message;
    return el("tr", { class: "log-line" }, el("td", { class: "mono" }, line["@timestamp"] || ""), el("td", { class: line.level === "ERROR" ? "bad" : "" }, line.level || ""),
      el("td", { class: "mono muted" }, line.logger || ""), el("td", {}, message), el("td", { class: "fields mono" }, ...fields));
  }));
}

function renderRequestErrors(errors) {
  const box = document.getElementById("r-errors");
  if (!errors.available) { box.replaceChildren(el("p", { class: "muted" }, "The errors module (obs-errors) is not installed: no error events are recorded.")); return; }
  if (errors.items.length === 0) { box.replaceChildren(el("p", { class: "muted" }, "No error event for this request.")); return; }
  box.replaceChildren(...errors.items.map(e => el("div", { class: "error-event" },
    el("p", {}, el("span", { class: "bad mono" }, e.type), e.message ? ": " + e.message : "", " ", el("small", {}, "at " + e.location),
      e.eventId ? el("small", {}, " · Sentry event " + e.eventId) : null),
    el("pre", { class: "stack" }, e.stackTrace))));
}

// ---- Errors grouped ----
async function showErrors() {
  const data = await get("errors");
  notice("errors-note", data.available ? "" : "The errors module (obs-errors) is not installed: errors are not grouped here.");
  fill(document.querySelector("#errors tbody"), data.groups.length === 0 ? [el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No errors seen."))]
    : data.groups.map(g => el("tr", { class: "error-group" }, el("td", { class: "mono bad" }, g.type), el("td", { class: "mono" }, g.location),
      el("td", {}, g.message || ""), el("td", { class: "num" }, g.count), el("td", { class: "mono" }, time(g.lastSeen)),
      el("td", {}, g.lastRequestId ? el("a", { href: "#request/" + encodeURIComponent(g.lastRequestId), class: "mono" }, g.lastRequestId) : "–"))));
}

// ---- JVM and obs itself ----
async function showJvm() {
  const j = await get("jvm");
  const gc = j.gc.map(g => g.name + ": " + g.collections + " collections, " + g.timeMillis + " ms").join("; ");
  const pairs = [["heap used", bytes(j.heap.usedBytes) + " of " + bytes(j.heap.maxBytes) + " (committed " + bytes(j.heap.committedBytes) + ")"],
    ["non-heap used", bytes(j.nonHeap.usedBytes)], ["GC", gc || "–"],
    ["threads", j.threads.live + " live, " + j.threads.daemon + " daemon, peak " + j.threads.peak],
    ["CPU", (j.cpu.processLoad === null ? "–" : share(j.cpu.processLoad)) + " process, " + (j.cpu.systemLoad === null ? "–" : share(j.cpu.systemLoad)) + " system, " + j.cpu.processors + " processors"],
    ["uptime", (j.uptimeMillis / 60000).toFixed(1) + " min"], ["Java", j.javaVersion]];
  document.getElementById("jvm").replaceChildren(...pairs.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  fill(document.querySelector("#exports tbody"), j.exports.map(e => el("tr", {}, el("td", {}, e.name),
    el("td", { class: e.status === "failing" ? "bad" : e.status === "ok" ? "s2" : "muted" }, e.status), el("td", {}, e.detail))));
  fill(document.querySelector("#obs-metrics tbody"), j.obsMetrics.sort((a, b) => a.name.localeCompare(b.name)).map(m => el("tr", {},
    el("td", { class: "mono" }, m.name), el("td", { class: "mono" }, Object.entries(m.tags).map(([k, v]) => k + "=" + v).join(" ")),
    el("td", { class: "num" + (m.value > 0 && m.name.includes("dropped") ? " bad" : "") }, m.value))));
}

// ---- routing ----
async function route() {
  clearTimeout(timer);
  const hash = decodeURIComponent(location.hash.replace(/^#/, "")) || "live";
  const [view, ...rest] = hash.split("/");
  const name = ["live", "request", "errors", "jvm"].includes(view) ? view : "live";
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== "view-" + name;
  for (const link of document.querySelectorAll("header nav a")) link.classList.toggle("active", link.id === "nav-" + name);
  notice("notice", "");
  try {
    if (!overview || name === "live") overview = await get("overview");
    renderModules();
    if (name === "live") { await showLive(); timer = setTimeout(route, 2000); }
    else if (name === "request") await showRequest(rest.join("/"));
    else if (name === "errors") { await showErrors(); timer = setTimeout(route, 5000); }
    else { await showJvm(); timer = setTimeout(route, 5000); }
    document.body.dataset.ready = name;
    if (performance.getEntriesByName("obs-console-data").length === 0) performance.mark("obs-console-data"); // first data shown
  } catch (e) {
    notice("notice", "Could not reach the console's API (" + e.message + "). Is the service still running?");
    timer = setTimeout(route, 5000);
  }
}

function renderModules() {
  document.getElementById("service").textContent = overview.service + " · " + overview.environment + " · " + overview.version;
  const missing = Object.entries(overview.modules).filter(([, on]) => !on).map(([m]) => "obs-" + m);
  if (missing.length && !document.getElementById("notice").textContent) {
    notice("notice", "Not installed: " + missing.join(", ") + ". Their parts of this page stay empty; add them to the class path to see them.");
  }
}

document.getElementById("search").addEventListener("submit", async event => {
  event.preventDefault();
  const q = document.getElementById("search-input").value.trim();
  if (q) location.hash = "request/" + encodeURIComponent(q);
});
for (const id of ["f-route", "f-status", "f-slow"]) document.getElementById(id).addEventListener("change", route);
window.addEventListener("hashchange", route);
route();
