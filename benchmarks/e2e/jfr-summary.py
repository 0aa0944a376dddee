#!/usr/bin/env python3
"""Summarises a JFR profile of an e2e server (run.sh --jfr b): where CPU samples fall, by thread
group and by library, and, for request threads outside /work, how much is obs's.

    jfr print --json --events jdk.ExecutionSample round1-b.jfr > exec.json   # jfr of JDK 21+ also has `jfr view`
    python3 benchmarks/e2e/jfr-summary.py exec.json
"""
import json,sys,collections
d=json.load(open(sys.argv[1]))
ev=d['recording']['events']
def tname(e):
    t=e['values'].get('sampledThread') or {}
    return t.get('javaName') or t.get('osName') or '?'
def frames(e):
    st=e['values'].get('stackTrace') or {}
    out=[]
    for f in st.get('frames',[]):
        m=f['method']; out.append((m['type']['name']+'.'+m['name']).replace('/','.'))
    return out
threads=collections.Counter()
owner=collections.Counter()
top=collections.Counter()
start_main=collections.Counter()
def grp(t):
    for p,g in [('HTTP-Dispatcher','request threads (JDK server dispatcher)'),('http-','request threads'),('pool-','request threads'),('BatchSpanProcessor','span export (batch processor)'),('HttpClient','OTLP/HTTP client'),('sentry','sentry'),('Sentry','sentry'),('main','main (start-up)'),('logback','logging'),('obs','obs background')]:
        if p in t: return g
    return t
def who(fs):
    for f in fs:
        for p,g in [('dev.obs.','obs'),('io.opentelemetry.','OpenTelemetry SDK'),('ch.qos.logback','Logback'),('net.logstash','logstash encoder'),('com.fasterxml.jackson','Jackson'),('io.micrometer','Micrometer'),('io.prometheus','Prometheus client'),('io.sentry','Sentry'),('dev.obs.benchmarks','app')]:
            if f.startswith(p): return g
    return 'JDK/app only'
for e in ev:
    t=tname(e); fs=frames(e)
    threads[grp(t)]+=1
    owner[(grp(t),who(fs))]+=1
    if fs: top[fs[0]]+=1
n=len(ev)
print("samples",n)
for k,v in threads.most_common(12): print(f"  {v*100/n:5.1f}%  {k}")
print("by thread and first library frame (top of stack upward):")
for k,v in owner.most_common(20): print(f"  {v*100/n:5.1f}%  {k[0]} / {k[1]}")
inc=collections.Counter()
for e in ev:
    fs=frames(e)
    libs=set()
    for f in fs:
        for p,g in [('dev.obs.benchmarks','app'),('dev.obs.','obs'),('io.opentelemetry.','OpenTelemetry SDK'),('ch.qos.logback','Logback'),('net.logstash','logstash encoder'),('io.micrometer','Micrometer'),('io.prometheus','Prometheus client'),('io.sentry','Sentry'),('org.h2','H2 (app)')]:
            if f.startswith(p): libs.add(g); break
    for l in libs: inc[(grp(tname(e)),l)]+=1
print("inclusive (stack contains):")
for k,v in inc.most_common(20): print(f"  {v*100/n:5.1f}%  {k[0]} / {k[1]}")
obsframes=collections.Counter()
for e in ev:
    fs=frames(e)
    for f in fs:
        if f.startswith('dev.obs.') and not f.startswith('dev.obs.benchmarks'):
            obsframes[f]+=1; break
print("innermost obs frame, samples under obs:")
for k,v in obsframes.most_common(15): print(f"  {v:4d}  {k}")
print("top frames:")
for k,v in top.most_common(20): print(f"  {v*100/n:5.1f}%  {k}")

hello=[e for e in ev if 'HTTP-Dispatcher' in tname(e) and not any(f.startswith('org.h2') or 'Work' in f for f in frames(e))]
lib=collections.Counter()
for e in hello:
    g='JDK HTTP server / JDK'
    for f in frames(e):
        if f.startswith('dev.obs.benchmarks'): g='app handler'; break
        if f.startswith('dev.obs.'): g='obs: '+f.split('.')[2]; break
        if f.startswith('io.opentelemetry'): g='OpenTelemetry SDK (under obs)'; break
        if f.startswith('io.micrometer'): g='Micrometer (under obs)'; break
        if f.startswith('ch.qos') or f.startswith('net.logstash'): g='Logback (under obs)'; break
    lib[g]+=1
print("request-thread samples outside /work (the /hello phases):", len(hello))
for k,v in lib.most_common(): print(f"  {v*100/max(1,len(hello)):5.1f}%  {k}")
