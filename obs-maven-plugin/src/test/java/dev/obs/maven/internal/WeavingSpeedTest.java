package dev.obs.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.annotation.Timed;
import dev.obs.annotation.Traced;
import dev.obs.internal.weaving.UnwovenClassCheck;
import dev.obs.maven.testing.Compiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weaves a few thousand generated classes, one in ten annotated, as a large service would have. The
 * bounds are generous (a loaded CI machine); the measured times are printed for the record.
 */
class WeavingSpeedTest {

    private static final int CLASSES = 3000;

    private static final String TEMPLATE = "gen/Template";

    @TempDir
    Path classes;

    private static byte[] template(ByteBuddy byteBuddy, boolean annotate, AnnotationDescription traced, AnnotationDescription timed) {
        DynamicType.Builder<Object> type = byteBuddy.subclass(Object.class).name(TEMPLATE.replace('/', '.'));
        for (int m = 0; m < 8; m++) {
            DynamicType.Builder.MethodDefinition.ReceiverTypeDefinition<Object> method = type
                    .defineMethod("work" + m, String.class, Visibility.PUBLIC).intercept(FixedValue.value("w" + m));
            type = annotate && m < 2 ? method.annotateMethod(m == 0 ? traced : timed) : method;
        }
        return type.make().getBytes();
    }

    @Test
    void weavingThousandsOfClassesTakesWellUnderAFewSeconds() throws Exception {
        ByteBuddy byteBuddy = new ByteBuddy();
        AnnotationDescription traced = AnnotationDescription.Builder.ofType(Traced.class).build();
        AnnotationDescription timed = AnnotationDescription.Builder.ofType(Timed.class).define("value", "gen.work").build();
        byte[] plain = template(byteBuddy, false, traced, timed);
        byte[] annotated = template(byteBuddy, true, traced, timed);
        for (int i = 0; i < CLASSES; i++) {
            // copies of two templates under new names: quick to make, and each a class of its own to the weaver
            String name = "gen/p" + (i % 20) + "/Generated" + i;
            ClassWriter writer = new ClassWriter(0);
            new ClassReader(i % 10 == 0 ? annotated : plain).accept(new ClassRemapper(writer, new SimpleRemapper(Opcodes.ASM9, TEMPLATE, name)), 0);
            Path file = classes.resolve(name + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, writer.toByteArray());
        }
        Weaver weaver = new Weaver(Compiler.testClassPath(), UnwovenClassCheckTest.quietLog());

        long checkBefore = System.nanoTime();
        List<String> unwoven = UnwovenClassCheck.findUnwoven(List.of(classes), System.nanoTime() + 60_000_000_000L);
        long checkUnwovenNanos = System.nanoTime() - checkBefore;
        Weaver.Result first = weaver.weave(classes);
        Weaver.Result second = weaver.weave(classes);
        long checkAfter = System.nanoTime();
        List<String> afterWeaving = UnwovenClassCheck.findUnwoven(List.of(classes), System.nanoTime() + 60_000_000_000L);
        long checkWovenNanos = System.nanoTime() - checkAfter;

        System.out.printf(Locale.ROOT, "weaving %d classes (%d annotated, %d methods): first run %d ms, second run %d ms; "
                        + "install check: %d ms with no index, %d ms after weaving%n",
                first.classFiles(), first.woven().size(), first.methods(), first.nanos() / 1_000_000, second.nanos() / 1_000_000,
                checkUnwovenNanos / 1_000_000, checkWovenNanos / 1_000_000);
        assertThat(unwoven).hasSize(CLASSES / 10);
        assertThat(first.classFiles()).isEqualTo(CLASSES);
        assertThat(first.woven()).hasSize(CLASSES / 10);
        assertThat(first.methods()).isEqualTo(CLASSES / 10 * 2);
        assertThat(second.woven()).isEmpty();
        assertThat(second.alreadyWoven()).hasSize(CLASSES / 10);
        assertThat(afterWeaving).isEmpty();
        assertThat(first.nanos()).as("first weave").isLessThan(10_000_000_000L);
        assertThat(second.nanos()).as("second weave").isLessThan(5_000_000_000L);
    }
}
