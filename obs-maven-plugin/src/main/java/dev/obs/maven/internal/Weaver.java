package dev.obs.maven.internal;

import dev.obs.annotation.Timed;
import dev.obs.annotation.Traced;
import dev.obs.instrument.ObservedMethod;
import dev.obs.internal.weaving.WovenClasses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.ByteCodeAppender;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.collection.ArrayFactory;
import net.bytebuddy.implementation.bytecode.constant.ClassConstant;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.implementation.bytecode.member.FieldAccess;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves the classes of one output directory: every concrete method annotated {@code @Traced} or
 * {@code @Timed} (or public in a class annotated so) gets {@link ObservationAdvice} inlined, and its
 * {@link ObservedMethod} in a synthetic static field initialised when the class initialises.
 *
 * <p>Cheap on what it does not change: a class file whose bytes do not mention either annotation is
 * read once and left alone; a class already woven (it declares a {@link WovenClasses#FIELD_PREFIX}
 * field) is left alone, so weaving twice never wraps twice. Problems are collected per class and
 * reported together as a {@link WeavingException} naming class, method and cause. An instance weaves
 * one directory at a time (one per goal execution); it is not thread-safe.
 */
public final class Weaver {

    /** Where the weaver's warnings go (the Maven log, in the plugin). */
    public interface Log {
        void warn(String message);

        void debug(String message);
    }

    /**
     * What one run did.
     *
     * @param classFiles   class files examined
     * @param woven        classes woven by this run
     * @param alreadyWoven annotated classes found woven by an earlier run and left alone
     * @param methods      methods woven by this run
     * @param nanos        time taken
     */
    public record Result(int classFiles, List<String> woven, List<String> alreadyWoven, int methods, long nanos) {
    }

    private static final byte[] TRACED = WovenClasses.TRACED_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMED = WovenClasses.TIMED_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
    private static final TypeDescription OBSERVED_METHOD = TypeDescription.ForLoadedType.of(ObservedMethod.class);
    private static final TypeDescription.Generic STRING = TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(String.class);
    private static final MethodDescription.InDefinedShape WOVEN_FACTORY;
    private static final AdviceCode REFERENCE_ADVICE = AdviceCode.of(ObservationAdvice.ReturningReference.class);
    private static final AdviceCode PRIMITIVE_ADVICE = AdviceCode.of(ObservationAdvice.ReturningPrimitive.class);

    static {
        try {
            WOVEN_FACTORY = new MethodDescription.ForLoadedMethod(ObservedMethod.class.getMethod("woven",
                    Class.class, String.class, String.class, String.class, String.class, String[].class));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("obs-core on the plugin's class path is older than obs-maven-plugin", e);
        }
    }

    private final List<Path> classPath;
    private final Log log;
    /** The descriptor fields of the class being woven; the advice reads them (a weaver weaves one class at a time). */
    private final Map<MethodDescription.SignatureToken, FieldDescription.InDefinedShape> currentFields = new HashMap<>();
    private final Advice.OffsetMapping ownField = (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) -> {
        FieldDescription.InDefinedShape field = currentFields.get(instrumentedMethod.asSignatureToken());
        if (field == null) {
            throw new IllegalStateException("no descriptor field planned for " + instrumentedMethod);
        }
        return new Advice.OffsetMapping.Target.ForField.ReadOnly(field);
    };
    // parsed once per weaver rather than once per class
    private final Advice referenceAdvice = REFERENCE_ADVICE.bind(ownField);
    private final Advice primitiveAdvice = PRIMITIVE_ADVICE.bind(ownField);
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            // only the class's own methods are instrumented: no need to resolve its whole hierarchy
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

    /**
     * @param classPath the class path the classes were compiled against (jars and directories); types
     *                  they name are resolved there
     */
    public Weaver(List<Path> classPath, Log log) {
        this.classPath = List.copyOf(classPath);
        this.log = log;
    }

    /** Weaves {@code classesDirectory} in place and rewrites its {@link WovenClasses#INDEX}. */
    public Result weave(Path classesDirectory) throws IOException, WeavingException {
        long start = System.nanoTime();
        List<Candidate> candidates = new ArrayList<>();
        int[] classFiles = {0};
        Files.walkFileTree(classesDirectory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(classesDirectory.resolve("META-INF")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.equals("module-info.class") && !name.equals("package-info.class")) {
                    classFiles[0]++;
                    byte[] bytes = Files.readAllBytes(file);
                    if (WovenClasses.contains(bytes, TRACED) || WovenClasses.contains(bytes, TIMED)) {
                        candidates.add(new Candidate(file, binaryName(classesDirectory, file)));
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });

        List<String> woven = new ArrayList<>();
        List<String> alreadyWoven = new ArrayList<>();
        List<WeavingException.Problem> problems = new ArrayList<>();
        int methods = 0;
        if (!candidates.isEmpty()) {
            ClassFileLocator locator = locator(classesDirectory);
            try {
                TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                        TypePool.Default.ReaderMode.FAST);
                for (Candidate candidate : candidates) {
                    try {
                        int count = weave(candidate, locator, pool, alreadyWoven);
                        if (count > 0) {
                            woven.add(candidate.className);
                            methods += count;
                        }
                    } catch (WeavingException.Problem problem) {
                        problems.add(problem);
                    } catch (RuntimeException | LinkageError e) {
                        problems.add(WeavingProblems.describe(candidate.className, e));
                    }
                }
            } finally {
                locator.close();
            }
        }
        writeIndex(classesDirectory, woven, alreadyWoven);
        if (!problems.isEmpty()) {
            throw new WeavingException(classesDirectory, problems);
        }
        return new Result(classFiles[0], List.copyOf(woven), List.copyOf(alreadyWoven), methods, System.nanoTime() - start);
    }

    /** Returns how many methods were woven (0 when there was nothing to do). */
    private int weave(Candidate candidate, ClassFileLocator locator, TypePool pool, List<String> alreadyWoven)
            throws IOException, WeavingException.Problem {
        TypeDescription type = pool.describe(candidate.className).resolve();
        List<PlannedMethod> plan = plan(type);
        if (plan.isEmpty()) {
            return 0;
        }
        for (FieldDescription field : type.getDeclaredFields()) {
            if (field.getName().startsWith(WovenClasses.FIELD_PREFIX)) {
                alreadyWoven.add(candidate.className);
                return 0;
            }
        }

        DynamicType.Builder<?> builder = instrument(byteBuddy.redefine(type, locator), type, plan, currentFields,
                referenceAdvice, primitiveAdvice);
        byte[] woven;
        try {
            woven = builder.make(pool).getBytes();
        } catch (MethodTooLargeException e) {
            throw new WeavingException.Problem(candidate.className, methodNamed(plan, e.getMethodName(), e.getDescriptor()),
                    "the method would exceed the JVM's limit of 64 KiB of bytecode once woven; split it, or remove @Traced/@Timed");
        }
        replace(candidate.file, woven);
        log.debug("wove " + plan.size() + " method(s) of " + candidate.className);
        return plan.size();
    }

    /**
     * Adds the weaving of {@code type} to a builder that a build tool made for it, as Byte Buddy's own
     * build plugins (Gradle, Maven) do for a {@link net.bytebuddy.build.Plugin}: returns
     * {@code builder} unchanged when the type has nothing to weave or was woven before. Thread-safe.
     */
    public DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, TypeDescription type) {
        List<PlannedMethod> plan = plan(type);
        if (plan.isEmpty()) {
            return builder;
        }
        for (FieldDescription field : type.getDeclaredFields()) {
            if (field.getName().startsWith(WovenClasses.FIELD_PREFIX)) {
                return builder;
            }
        }
        Map<MethodDescription.SignatureToken, FieldDescription.InDefinedShape> fields = new HashMap<>();
        Advice.OffsetMapping mapping = (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) -> {
            FieldDescription.InDefinedShape field = fields.get(instrumentedMethod.asSignatureToken());
            if (field == null) {
                throw new IllegalStateException("no descriptor field planned for " + instrumentedMethod);
            }
            return new Advice.OffsetMapping.Target.ForField.ReadOnly(field);
        };
        log.debug("weaving " + plan.size() + " method(s) of " + type.getName());
        return instrument(builder, type, plan, fields, REFERENCE_ADVICE.bind(mapping), PRIMITIVE_ADVICE.bind(mapping));
    }

    /** Whether {@code type} names {@code @Traced} or {@code @Timed} on itself or a declared method. */
    public static boolean mentionsAnnotations(TypeDescription type) {
        if (type.getDeclaredAnnotations().isAnnotationPresent(Traced.class) || type.getDeclaredAnnotations().isAnnotationPresent(Timed.class)) {
            return true;
        }
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            AnnotationList annotations = method.getDeclaredAnnotations();
            if (annotations.isAnnotationPresent(Traced.class) || annotations.isAnnotationPresent(Timed.class)) {
                return true;
            }
        }
        return false;
    }

    private static DynamicType.Builder<?> instrument(DynamicType.Builder<?> builder, TypeDescription type, List<PlannedMethod> plan,
                                                     Map<MethodDescription.SignatureToken, FieldDescription.InDefinedShape> currentFields,
                                                     Advice referenceAdvice, Advice primitiveAdvice) {
        int fieldModifiers = Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC
                | (type.isInterface() ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE);
        currentFields.clear();
        List<StackManipulation> initializer = new ArrayList<>();
        List<MethodDescription> referenceReturning = new ArrayList<>();
        List<MethodDescription> primitiveReturning = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedMethod planned = plan.get(i);
            FieldDescription.InDefinedShape field = new FieldDescription.Latent(type, WovenClasses.FIELD_PREFIX + i,
                    fieldModifiers, OBSERVED_METHOD.asGenericType(), List.of());
            builder = builder.defineField(field.getName(), OBSERVED_METHOD, fieldModifiers);
            currentFields.put(planned.method.asSignatureToken(), field);
            initializer.add(descriptorInitialisation(type, planned, field));
            (planned.method.getReturnType().isPrimitive() ? primitiveReturning : referenceReturning).add(planned.method);
        }
        builder = builder.initializer(new ByteCodeAppender.Simple(initializer));
        if (!referenceReturning.isEmpty()) {
            builder = builder.visit(referenceAdvice.on(ElementMatchers.anyOf(referenceReturning)));
        }
        if (!primitiveReturning.isEmpty()) {
            builder = builder.visit(primitiveAdvice.on(ElementMatchers.anyOf(primitiveReturning)));
        }
        return builder;
    }

    /** The methods of {@code type} to weave, warning about annotations that cannot take effect. */
    private List<PlannedMethod> plan(TypeDescription type) {
        AnnotationList classAnnotations = type.getDeclaredAnnotations();
        Traced classTraced = load(classAnnotations, Traced.class);
        Timed classTimed = load(classAnnotations, Timed.class);
        List<PlannedMethod> plan = new ArrayList<>();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            if (method.isTypeInitializer() || method.isBridge() || method.isSynthetic()) {
                continue; // javac copies method annotations onto bridges, which only delegate to the woven method
            }
            AnnotationList annotations = method.getDeclaredAnnotations();
            Traced traced = load(annotations, Traced.class);
            Timed timed = load(annotations, Timed.class);
            boolean annotated = traced != null || timed != null;
            String skipped = method.isConstructor() ? "constructors are not woven (only methods are)"
                    : method.isAbstract() ? "an abstract method has no code to weave; the annotation takes effect only on "
                            + "calls through Observability.instrument(..) proxies (annotate the implementing method to weave it)"
                    : method.isNative() ? "a native method has no bytecode to weave" : null;
            if (skipped != null) {
                if (annotated) {
                    log.warn(WeavingProblems.display(type.getName(), method) + ": " + annotationNames(traced, timed)
                            + " ignored: " + skipped);
                }
                continue;
            }
            if (method.isPublic()) {
                traced = traced != null ? traced : classTraced;
                timed = timed != null ? timed : classTimed;
            }
            if (traced != null || timed != null) {
                plan.add(new PlannedMethod(method, traced, timed));
            }
        }
        return plan;
    }

    private static StackManipulation descriptorInitialisation(TypeDescription type, PlannedMethod planned,
                                                              FieldDescription.InDefinedShape field) {
        List<StackManipulation> tags = new ArrayList<>();
        if (planned.timed != null) {
            for (String tag : planned.timed.extraTags()) {
                tags.add(new TextConstant(tag));
            }
        }
        return new StackManipulation.Compound(
                ClassConstant.of(type),
                new TextConstant(planned.method.getInternalName()),
                planned.traced == null ? NullConstant.INSTANCE : new TextConstant(planned.traced.value()),
                planned.timed == null ? NullConstant.INSTANCE : new TextConstant(planned.timed.value()),
                new TextConstant(planned.timed == null ? "" : planned.timed.description()),
                ArrayFactory.forType(STRING).withValues(tags),
                MethodInvocation.invoke(WOVEN_FACTORY),
                FieldAccess.forField(field).write());
    }

    private ClassFileLocator locator(Path classesDirectory) throws IOException {
        List<ClassFileLocator> locators = new ArrayList<>();
        locators.add(new ClassFileLocator.ForFolder(classesDirectory.toFile()));
        for (Path entry : classPath) {
            if (entry.equals(classesDirectory)) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                locators.add(new ClassFileLocator.ForFolder(entry.toFile()));
            } else if (Files.isRegularFile(entry)) {
                locators.add(ClassFileLocator.ForJarFile.of(entry.toFile()));
            }
        }
        locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader());
        return new ClassFileLocator.Compound(locators);
    }

    private static void writeIndex(Path classesDirectory, List<String> woven, List<String> alreadyWoven) throws IOException {
        // Written last and on every run: a class file not newer than the index has been through the weaver,
        // which is what the check at install relies on.
        TreeSet<String> names = new TreeSet<>(woven);
        names.addAll(alreadyWoven);
        StringBuilder text = new StringBuilder();
        names.forEach(name -> text.append(name).append('\n'));
        Path index = classesDirectory.resolve(WovenClasses.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, text, StandardCharsets.UTF_8);
    }

    private static void replace(Path file, byte[] bytes) throws IOException {
        // Write beside and move over, so that an interrupted build never leaves a truncated class file.
        Path temporary = file.resolveSibling(file.getFileName() + ".obs-weaving");
        Files.write(temporary, bytes);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String binaryName(Path root, Path file) {
        String relative = root.relativize(file).toString();
        return relative.substring(0, relative.length() - ".class".length()).replace(file.getFileSystem().getSeparator(), ".");
    }

    private static <A extends java.lang.annotation.Annotation> A load(AnnotationList annotations, Class<A> type) {
        return annotations.isAnnotationPresent(type) ? annotations.ofType(type).load() : null;
    }

    private static String annotationNames(Traced traced, Timed timed) {
        return traced != null && timed != null ? "@Traced and @Timed" : traced != null ? "@Traced" : "@Timed";
    }

    private static MethodDescription methodNamed(List<PlannedMethod> plan, String name, String descriptor) {
        for (PlannedMethod planned : plan) {
            if (planned.method.getInternalName().equals(name) && planned.method.getDescriptor().equals(descriptor)) {
                return planned.method;
            }
        }
        return null;
    }

    private record Candidate(Path file, String className) {
    }

    private record PlannedMethod(MethodDescription.InDefinedShape method, Traced traced, Timed timed) {
    }

    /** One of the advice classes, read once: its type and its class file. */
    private record AdviceCode(TypeDescription type, ClassFileLocator classFile) {

        static AdviceCode of(Class<?> advice) {
            String resource = advice.getName().replace('.', '/') + ".class";
            try (InputStream in = advice.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("cannot read " + resource);
                }
                return new AdviceCode(TypeDescription.ForLoadedType.of(advice), ClassFileLocator.Simple.of(advice.getName(), in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Advice bind(Advice.OffsetMapping ownField) {
            return Advice.withCustomMapping().bind(ObservedMethodField.class, ownField).to(type, classFile);
        }
    }
}
