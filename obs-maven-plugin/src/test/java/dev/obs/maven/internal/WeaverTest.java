package dev.obs.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Observability;
import dev.obs.annotation.Traced;
import dev.obs.instrument.ObservedMethod;
import dev.obs.internal.weaving.WovenClasses;
import dev.obs.maven.testing.Compiler;
import dev.obs.maven.testing.Fixtures;
import dev.obs.maven.testing.RecordingModule;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.implementation.MethodCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weaves the fixture classes (compiled at --release 17) and runs them against a recording observer. */
class WeaverTest {

    @TempDir
    static Path work;

    static Path classes;
    static Map<String, byte[]> unwoven;
    static final List<String> warnings = new ArrayList<>();
    static Weaver.Result firstRun;
    static URLClassLoader loader;

    @BeforeAll
    static void compileAndWeave() throws Exception {
        classes = Compiler.compile(work, "17", Fixtures.all());
        unwoven = snapshot(classes);
        firstRun = weaver().weave(classes);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, WeaverTest.class.getClassLoader());
    }

    static Weaver weaver() {
        return new Weaver(Compiler.testClassPath(), new Weaver.Log() {
            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public void debug(String message) {
            }
        });
    }

    @BeforeEach
    void install() {
        Observability.builder().environment(Map.of()).systemProperties(new Properties()).set("obs.admin.port", "0").shutdownHook(false).install();
        RecordingModule.clear();
    }

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void aPublicMethodReportsItsCallAndReturnsItsValue() throws Exception {
        Object orders = newInstance("fx.Orders");

        assertThat(call(orders, "place", "c-1")).isEqualTo("order-for-c-1");

        assertThat(RecordingModule.EVENTS).containsExactly(
                "enter Orders.place span=Orders.place timer=null", "leave Orders.place", "complete Orders.place");
    }

    @Test
    void packagePrivatePrivateAndStaticMethodsAreWoven() throws Exception {
        Object orders = newInstance("fx.Orders");

        assertThat(call(orders, "size", 3)).isEqualTo(6);
        assertThat(call(orders, "callSecret")).isEqualTo(42L);
        assertThat(call(null, loader.loadClass("fx.Orders"), "half", 5.0)).isEqualTo(2.5);

        assertThat(RecordingModule.EVENTS).filteredOn(e -> e.startsWith("enter")).containsExactly(
                "enter Orders.size span=null timer=orders.size description=Order sizes tags=[tier, gold]",
                "enter Orders.secret span=orders.secret timer=null",
                "enter Orders.half span=Orders.half timer=method.timed");
    }

    @Test
    void primitiveReturnsComeBackUnchanged() throws Exception {
        Object orders = newInstance("fx.Orders");

        assertThat(call(orders, "flag")).isEqualTo(true);
        assertThat(call(orders, "letter")).isEqualTo('x');

        assertThat(RecordingModule.EVENTS).containsExactly(
                "enter Orders.flag span=Orders.flag timer=null", "leave Orders.flag", "complete Orders.flag",
                "enter Orders.letter span=Orders.letter timer=null", "leave Orders.letter", "complete Orders.letter");
    }

    @Test
    void aThrownExceptionPropagatesAsTheSameInstanceWithTheOriginalLine() throws Exception {
        Object orders = newInstance("fx.Orders");
        IllegalStateException thrown = new IllegalStateException("out of stock");

        Throwable caught = invokeExpectingFailure(orders, "fail", thrown);

        assertThat(caught).isSameAs(thrown);
        assertThat(RecordingModule.ERRORS).containsExactly(thrown);
        assertThat(RecordingModule.EVENTS).containsExactly(
                "enter Orders.fail span=Orders.fail timer=null", "leave Orders.fail", "complete Orders.fail error=IllegalStateException");

        Throwable checked = invokeExpectingFailure(orders, "checked");
        assertThat(checked).isInstanceOf(IOException.class).hasMessage("disk full");
        StackTraceElement top = checked.getStackTrace()[0];
        assertThat(top.getClassName()).isEqualTo("fx.Orders");
        assertThat(top.getMethodName()).isEqualTo("checked");
        assertThat(top.getLineNumber()).isEqualTo(Fixtures.lineOf(Fixtures.ORDERS, "disk full"));
    }

    @Test
    void lineNumbersOfTheOriginalCodeAreKept() throws Exception {
        Object orders = newInstance("fx.Orders");

        // `throw error` with error == null: the JVM creates the NullPointerException at that very instruction
        Throwable thrown = invokeExpectingFailure(orders, "fail", new Object[] {null});

        assertThat(thrown).isInstanceOf(NullPointerException.class);
        StackTraceElement top = thrown.getStackTrace()[0];
        assertThat(top.getClassName()).isEqualTo("fx.Orders");
        assertThat(top.getMethodName()).isEqualTo("fail");
        assertThat(top.getLineNumber()).isEqualTo(Fixtures.lineOf(Fixtures.ORDERS, "THROWS HERE"));
    }

    @Test
    void aCompletableFutureEndsTheObservationWhenItCompletes() throws Exception {
        Object orders = newInstance("fx.Orders");
        CompletableFuture<String> pending = new CompletableFuture<>();

        Object returned = call(orders, "later", pending);

        assertThat(returned).isSameAs(pending);
        assertThat(RecordingModule.EVENTS).containsExactly("enter Orders.later span=Orders.later timer=null", "leave Orders.later");
        pending.complete("done");
        assertThat(RecordingModule.EVENTS).endsWith("complete Orders.later");

        RecordingModule.clear();
        CompletableFuture<String> failing = new CompletableFuture<>();
        call(orders, "later", failing);
        failing.completeExceptionally(new IllegalStateException("payment declined"));
        assertThat(RecordingModule.EVENTS).endsWith("complete Orders.later error=IllegalStateException");
    }

    @Test
    void aClassAnnotationCoversEveryPublicMethodAndMethodAnnotationsAddToIt() throws Exception {
        Object billing = newInstance("fx.Billing");

        assertThat(call(billing, "charge", 10)).isEqualTo(11);
        assertThat(call(billing, "internal")).isEqualTo(7);
        assertThat(call(billing, "refund")).isEqualTo("refunded");

        assertThat(RecordingModule.EVENTS).filteredOn(e -> e.startsWith("enter")).containsExactly(
                "enter Billing.charge span=Billing.charge timer=null",
                "enter Billing.refund span=Billing.refund timer=billing.refund");
    }

    @Test
    void abstractAndNativeMethodsAreSkippedWithAWarningAndTheRestIsWoven() throws Exception {
        assertThat(warnings).contains("fx.Orders.nativeMethod(): @Traced ignored: a native method has no bytecode to weave");
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("fx.Shapes.area(): @Traced ignored: an abstract method"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("fx.Greeter.name(): @Traced ignored: an abstract method"));

        Object orders = newInstance("fx.Orders");
        call(orders, "place", "c");
        assertThat(RecordingModule.EVENTS).filteredOn(e -> e.contains("Orders.place")).hasSize(3);
    }

    @Test
    void anAnnotatedConstructorIsSkippedWithAWarningAndNeverDisablesTheOtherMethods(@TempDir Path dir) throws Exception {
        // javac rejects @Traced on a constructor; other compilers and tools may still write one
        new ByteBuddy().with(TypeValidation.DISABLED).subclass(Object.class, ConstructorStrategy.Default.NO_CONSTRUCTORS)
                .name("fx.Built")
                .defineConstructor(Visibility.PUBLIC).intercept(MethodCall.invoke(Object.class.getConstructor()))
                .annotateMethod(AnnotationDescription.Builder.ofType(Traced.class).build())
                .defineMethod("work", String.class, Visibility.PUBLIC).intercept(FixedValue.value("done"))
                .annotateMethod(AnnotationDescription.Builder.ofType(Traced.class).build())
                .make().saveIn(dir.toFile());
        List<String> seen = new ArrayList<>();
        Weaver weaver = new Weaver(Compiler.testClassPath(), new Weaver.Log() {
            @Override
            public void warn(String message) {
                seen.add(message);
            }

            @Override
            public void debug(String message) {
            }
        });

        assertThat(weaver.weave(dir).woven()).containsExactly("fx.Built");

        assertThat(seen).containsExactly("fx.Built(): @Traced ignored: constructors are not woven (only methods are)");
        try (URLClassLoader builtLoader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Object built = builtLoader.loadClass("fx.Built").getConstructor().newInstance();
            assertThat(RecordingModule.EVENTS).isEmpty();
            assertThat(call(built, "work")).isEqualTo("done");
        }
        assertThat(RecordingModule.EVENTS).containsExactly("enter Built.work span=Built.work timer=null", "leave Built.work",
                "complete Built.work");
    }

    @Test
    void aBridgeMethodIsNotWovenSoACallThroughItIsObservedOnce() throws Exception {
        Object square = newInstance("fx.Shapes$Square");
        @SuppressWarnings("unchecked")
        Comparable<Object> comparable = (Comparable<Object>) square;

        assertThat(comparable.compareTo(newInstance("fx.Shapes$Square"))).isZero();

        assertThat(RecordingModule.EVENTS).filteredOn(e -> e.startsWith("enter")).containsExactly(
                "enter Shapes.compareTo span=Shapes.compareTo timer=null");
        assertThat(call(square, "describe")).isEqualTo("area 4.0");
    }

    @Test
    void anInterfaceDefaultMethodIsWoven() throws Exception {
        Class<?> greeter = loader.loadClass("fx.Greeter");
        Object impl = java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {greeter}, (proxy, method, args) -> {
            if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
            }
            return "ada";
        });

        assertThat(greeter.getMethod("greet").invoke(impl)).isEqualTo("hello ada");
        assertThat(RecordingModule.EVENTS).containsExactly(
                "enter Greeter.greet span=Greeter.greet timer=null", "leave Greeter.greet", "complete Greeter.greet");
    }

    @Test
    void eachMethodsDescriptorIsAStaticFinalSyntheticFieldBuiltOnce() throws Exception {
        Class<?> orders = loader.loadClass("fx.Orders");
        Object instance = orders.getConstructor().newInstance();
        List<Field> descriptors = Arrays.stream(orders.getDeclaredFields())
                .filter(f -> f.getName().startsWith(WovenClasses.FIELD_PREFIX)).toList();

        assertThat(descriptors).hasSize(10).allSatisfy(field -> {
            assertThat(field.isSynthetic()).isTrue();
            assertThat(field.getModifiers() & (Modifier.STATIC | Modifier.FINAL | Modifier.PRIVATE))
                    .isEqualTo(Modifier.STATIC | Modifier.FINAL | Modifier.PRIVATE);
            assertThat(field.getType()).isEqualTo(ObservedMethod.class);
        });
        call(instance, "place", "a");
        call(instance, "place", "b");
        assertThat(RecordingModule.METHODS).hasSize(2);
        assertThat(RecordingModule.METHODS.get(0)).isSameAs(RecordingModule.METHODS.get(1));
    }

    @Test
    void aStaticInitialiserMayCallAWovenMethod() throws Exception {
        Class<?> orders = Class.forName("fx.Orders", true, loader);

        Field eager = orders.getDeclaredField("EAGER");
        eager.setAccessible(true);
        assertThat(eager.get(null)).isEqualTo("eager");
    }

    @Test
    void wovenClassesPassVerificationAndReferToObsCoreAlone() throws Exception {
        assertThat(firstRun.woven()).containsExactlyInAnyOrder("fx.Orders", "fx.Billing", "fx.Shapes", "fx.Greeter");
        assertThat(firstRun.methods()).isEqualTo(10 + 2 + 2 + 1);
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                // a fresh loader links (and so verifies) every class: HotSpot verifies classes of non-boot loaders
                try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
                    Class.forName(name, true, fresh);
                }
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(text).as(name).doesNotContain("net/bytebuddy").doesNotContain("dev/obs/maven");
            }
        }
    }

    @Test
    void untouchedClassesAreNotRewritten() throws Exception {
        assertThat(Files.readAllBytes(classes.resolve("fx/Plain.class"))).isEqualTo(unwoven.get("fx/Plain.class"));
        assertThat(Files.readAllBytes(classes.resolve("fx/Shapes$Square.class"))).isEqualTo(unwoven.get("fx/Shapes$Square.class"));
        assertThat(Files.readAllBytes(classes.resolve("fx/Orders.class"))).isNotEqualTo(unwoven.get("fx/Orders.class"));
    }

    @Test
    void weavingTwiceChangesNothing() throws Exception {
        Map<String, byte[]> before = snapshot(classes);
        FileTime ordersTime = Files.getLastModifiedTime(classes.resolve("fx/Orders.class"));

        Weaver.Result second = weaver().weave(classes);

        assertThat(second.woven()).isEmpty();
        assertThat(second.methods()).isZero();
        assertThat(second.alreadyWoven()).containsExactlyInAnyOrder("fx.Orders", "fx.Billing", "fx.Shapes", "fx.Greeter");
        Map<String, byte[]> after = snapshot(classes);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
        assertThat(Files.getLastModifiedTime(classes.resolve("fx/Orders.class"))).isEqualTo(ordersTime);
        assertThat(Files.readAllLines(classes.resolve(WovenClasses.INDEX)))
                .containsExactly("fx.Billing", "fx.Greeter", "fx.Orders", "fx.Shapes");

        Object orders = newInstance("fx.Orders");
        call(orders, "place", "once");
        assertThat(RecordingModule.EVENTS).filteredOn(e -> e.startsWith("enter")).hasSize(1);
    }

    @Test
    void aClassFileTooNewToWeaveFailsTheBuildNamingTheClassAndWhatToDo(@TempDir Path dir) throws Exception {
        Path fresh = Compiler.compile(dir, "17", Map.of("fx/Billing.java", Fixtures.BILLING));
        Path billing = fresh.resolve("fx/Billing.class");
        byte[] bytes = Files.readAllBytes(billing);
        bytes[6] = 0;
        bytes[7] = 100; // major version 100: a JDK from the future
        Files.write(billing, bytes);

        assertThatThrownBy(() -> weaver().weave(fresh))
                .isInstanceOf(WeavingException.class)
                .hasMessageContaining("could not weave 1 class in " + fresh)
                .hasMessageContaining("fx.Billing: its class file version 100 (Java 56) is newer than this obs-maven-plugin can weave (up to Java 28)")
                .satisfies(e -> assertThat(((WeavingException) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.className()).isEqualTo("fx.Billing")));
    }

    static Object newInstance(String name) throws Exception {
        return loader.loadClass(name).getConstructor().newInstance();
    }

    static Object call(Object target, String method, Object... args) throws Exception {
        return call(target, target.getClass(), method, args);
    }

    static Object call(Object target, Class<?> type, String name, Object... args) throws Exception {
        Method method = find(type, name, args.length);
        method.setAccessible(true);
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
        }
    }

    static Throwable invokeExpectingFailure(Object target, String name, Object... args) throws Exception {
        Method method = find(target.getClass(), name, args.length);
        method.setAccessible(true);
        try {
            method.invoke(target, args);
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
        throw new AssertionError(name + " did not throw");
    }

    private static Method find(Class<?> type, String name, int parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == parameters && !m.isBridge()) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException(type + " has no method " + name);
    }

    static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
