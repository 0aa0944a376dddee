package dev.obs.context;

import dev.obs.internal.context.ContextRegistry;
import dev.obs.internal.context.ContextPropagatingExecutorService;
import dev.obs.internal.context.ContextPropagatingScheduledExecutorService;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries the current {@link RequestContext} to work that runs on another thread, so that log
 * lines, spans and errors there belong to the request that started the work.
 *
 * <pre>{@code
 * ExecutorService pool = ContextPropagation.wrap(Executors.newFixedThreadPool(8));
 * pool.submit(() -> log.info("still carries request_id"));
 *
 * CompletableFuture<Price> price = ContextPropagation.supplyAsync(() -> pricing.quote(order), pool);
 *
 * price.thenApplyAsync(ContextPropagation.wrapFunction(p -> p.withTax()), pool);
 *
 * // virtual threads (JDK 21+)
 * ExecutorService virtual = ContextPropagation.wrap(Executors.newVirtualThreadPerTaskExecutor());
 * Thread.ofVirtual().start(ContextPropagation.wrap(task));
 * }</pre>
 *
 * <p>A wrapped task runs with the context that was current when it was submitted, or with none,
 * and the worker's previous context is restored when the task ends: a context never leaks into the
 * next task a pooled thread runs.
 */
public final class ContextPropagation {

    private ContextPropagation() {
    }

    /** The task, bound to the current context. */
    public static Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        RequestContext captured = ContextRegistry.current();
        return () -> {
            try (ContextScope ignored = enter(captured)) {
                task.run();
            }
        };
    }

    /** The task, bound to the current context. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        RequestContext captured = ContextRegistry.current();
        return () -> {
            try (ContextScope ignored = enter(captured)) {
                return task.call();
            }
        };
    }

    /** The supplier, bound to the current context (named apart so that lambdas never read as ambiguous). */
    public static <T> Supplier<T> wrapSupplier(Supplier<T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        RequestContext captured = ContextRegistry.current();
        return () -> {
            try (ContextScope ignored = enter(captured)) {
                return supplier.get();
            }
        };
    }

    /** The function, bound to the current context (for {@code thenApplyAsync} and the like). */
    public static <T, R> Function<T, R> wrapFunction(Function<T, R> function) {
        Objects.requireNonNull(function, "function");
        RequestContext captured = ContextRegistry.current();
        return value -> {
            try (ContextScope ignored = enter(captured)) {
                return function.apply(value);
            }
        };
    }

    /** An executor whose tasks run with the context current at {@code execute}. */
    public static Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        if (executor instanceof ExecutorService) {
            return wrap((ExecutorService) executor);
        }
        return command -> executor.execute(wrap(command));
    }

    /** An executor service whose tasks run with the context current at submission. */
    public static ExecutorService wrap(ExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        if (executor instanceof ScheduledExecutorService) {
            return wrap((ScheduledExecutorService) executor);
        }
        if (executor instanceof ContextPropagatingExecutorService) {
            return executor;
        }
        return new ContextPropagatingExecutorService(executor);
    }

    /** A scheduled executor whose tasks, periodic ones included, run with the context current at scheduling. */
    public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        if (executor instanceof ContextPropagatingScheduledExecutorService) {
            return executor;
        }
        return new ContextPropagatingScheduledExecutorService(executor);
    }

    /** {@link CompletableFuture#supplyAsync(Supplier, Executor)} with the current context carried over. */
    public static <T> CompletableFuture<T> supplyAsync(Supplier<T> supplier, Executor executor) {
        return CompletableFuture.supplyAsync(wrapSupplier(supplier), executor);
    }

    /** {@link CompletableFuture#runAsync(Runnable, Executor)} with the current context carried over. */
    public static CompletableFuture<Void> runAsync(Runnable task, Executor executor) {
        return CompletableFuture.runAsync(wrap(task), executor);
    }

    private static ContextScope enter(RequestContext captured) {
        // Attach even when nothing was captured: it clears whatever unwrapped code left on a pooled thread.
        if (captured == null && ContextRegistry.current() == null) {
            return NOTHING;
        }
        return ContextRegistry.attach(captured);
    }

    private static final ContextScope NOTHING = () -> { };
}
