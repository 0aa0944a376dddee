package dev.obs.maven.internal;

import dev.obs.instrument.MethodObservation;
import dev.obs.instrument.ObservedMethod;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined around each woven method. Only its bytecode is copied, so woven classes refer to
 * {@link MethodObservation} and {@link ObservedMethod} in obs-core, never to this class or to Byte
 * Buddy. The exit advice runs for returns and throws alike; a throwable is rethrown unchanged after
 * it, so the caller sees the same instance with the stack trace of the original line.
 */
final class ObservationAdvice {

    private ObservationAdvice() {
    }

    /** For methods returning a reference: the result goes to obs (a CompletionStage ends the call when it completes). */
    static final class ReturningReference {

        private ReturningReference() {
        }

        @Advice.OnMethodEnter
        static Object enter(@ObservedMethodField ObservedMethod method) {
            return MethodObservation.enter(method);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Object call,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                         @Advice.Thrown Throwable thrown) {
            MethodObservation.exit(call, returned, thrown);
        }
    }

    /** For void and primitive methods: obs only inspects a CompletionStage result, so nothing is boxed. */
    static final class ReturningPrimitive {

        private ReturningPrimitive() {
        }

        @Advice.OnMethodEnter
        static Object enter(@ObservedMethodField ObservedMethod method) {
            return MethodObservation.enter(method);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
            MethodObservation.exit(call, null, thrown);
        }
    }
}
