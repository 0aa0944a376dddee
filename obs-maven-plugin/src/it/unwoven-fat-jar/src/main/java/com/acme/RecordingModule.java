package com.acme;

import dev.obs.instrument.ObservedMethod;
import dev.obs.spi.MethodCall;
import dev.obs.spi.MethodObserver;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for obs-tracing and obs-metrics: records what the woven methods report. */
public final class RecordingModule implements ObservabilityModule {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void start(ModuleContext context) {
        context.addMethodObserver(new MethodObserver() {
            @Override
            public boolean observes(ObservedMethod method) {
                return method.traced() || method.timed();
            }

            @Override
            public MethodCall enter(ObservedMethod method) {
                String name = method.simpleClassName() + "." + method.methodName();
                EVENTS.add("enter " + name + " span=" + method.spanName() + " timer=" + method.timerName());
                return new MethodCall() {
                    @Override
                    public void leave() {
                        EVENTS.add("leave " + name);
                    }

                    @Override
                    public void complete(Throwable error) {
                        EVENTS.add("complete " + name + (error == null ? "" : " error=" + error.getClass().getSimpleName()));
                    }
                };
            }
        });
    }
}
