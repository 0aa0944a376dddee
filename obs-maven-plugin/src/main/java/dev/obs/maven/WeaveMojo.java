package dev.obs.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves the project's compiled classes: every method annotated {@code @Traced} or {@code @Timed}, and
 * every public method of a class annotated so, reports its calls to obs. Runs after compilation
 * ({@code process-classes}); weaving twice changes nothing.
 */
@Mojo(name = "weave", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class WeaveMojo extends AbstractWeaveMojo {

    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
    private List<String> classpathElements;

    @Override
    File classesDirectory() {
        return classesDirectory;
    }

    @Override
    List<String> classPath() {
        return classpathElements;
    }

    @Override
    String what() {
        return "classes";
    }
}
