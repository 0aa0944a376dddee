-- Used by run.sh for every wrk run.
--
-- Prints one machine-readable line when the run ends (latencies in microseconds, as wrk
-- records them from the first byte written to the last byte read of each response).
--
-- With E2E_DELAY_MS set, each connection waits that many milliseconds after a response before it
-- sends the next request, so the offered rate is about connections * 1000 / E2E_DELAY_MS requests
-- per second (a little less, by the latency itself). This is closed-loop pacing: a connection
-- whose response is late sends its next request late, so a stall is counted once rather than
-- once for every request that would have queued behind it (coordinated omission); the p99 it
-- gives is a lower bound for an open-loop client at the same rate.

local delay_ms = tonumber(os.getenv("E2E_DELAY_MS") or "")

if delay_ms and delay_ms > 0 then
  delay = function()
    return delay_ms
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "E2E requests=%d duration_us=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
