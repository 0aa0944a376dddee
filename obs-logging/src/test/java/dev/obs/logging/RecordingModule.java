package dev.obs.logging;

import dev.obs.spi.LogEvent;
import dev.obs.spi.LogLine;
import dev.obs.spi.SignalListener;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test module, found by ServiceLoader: records the log events the logging module publishes. */
public final class RecordingModule implements ObservabilityModule {

    public static final List<LogEvent> EVENTS = new CopyOnWriteArrayList<>();
    /** The encoded lines published through core's signal SPI (what the console stores). */
    public static final List<LogLine> LINES = new CopyOnWriteArrayList<>();
    public static volatile ModuleContext context;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public int order() {
        return ORDER_ERRORS;
    }

    @Override
    public void start(ModuleContext ctx) {
        context = ctx;
        EVENTS.clear();
        ctx.addLogEventListener(EVENTS::add);
        LINES.clear();
        ctx.addSignalListener(new SignalListener() {
            @Override
            public void onLogLine(LogLine line) {
                LINES.add(line);
            }
        });
    }
}
