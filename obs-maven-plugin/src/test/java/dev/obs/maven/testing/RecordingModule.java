package dev.obs.maven.testing;

import dev.obs.instrument.ObservedMethod;
import dev.obs.spi.MethodCall;
import dev.obs.spi.MethodObserver;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what woven methods report: {@code enter Orders.place span=... timer=...}, {@code leave ...}, {@code complete ... error=...}. */
public final class RecordingModule implements ObservabilityModule {

    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    public static final List<Throwable> ERRORS = new CopyOnWriteArrayList<>();
    public static final List<ObservedMethod> METHODS = new CopyOnWriteArrayList<>();

    public static void clear() {
        EVENTS.clear();
        ERRORS.clear();
        METHODS.clear();
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void start(ModuleContext context) {
        context.addMethodObserver(new MethodObserver() {
            @Override
            public boolean observes(ObservedMethod method) {
                return true;
            }

            @Override
            public MethodCall enter(ObservedMethod method) {
                String name = method.simpleClassName() + "." + method.methodName();
                EVENTS.add("enter " + name + " span=" + method.spanName() + " timer=" + method.timerName()
                        + (method.timerDescription().isEmpty() ? "" : " description=" + method.timerDescription())
                        + (method.timerExtraTags().isEmpty() ? "" : " tags=" + method.timerExtraTags()));
                METHODS.add(method);
                return new MethodCall() {
                    @Override
                    public void leave() {
                        EVENTS.add("leave " + name);
                    }

                    @Override
                    public void complete(Throwable error) {
                        if (error != null) {
                            ERRORS.add(error);
                        }
                        EVENTS.add("complete " + name + (error == null ? "" : " error=" + error.getClass().getSimpleName()));
                    }
                };
            }
        });
    }
}
