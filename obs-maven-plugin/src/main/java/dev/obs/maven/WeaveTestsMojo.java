package dev.obs.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves the project's compiled test classes, like {@code weave} does the main classes; for tests
 * that declare their own {@code @Traced}/{@code @Timed} classes. Runs in {@code process-test-classes}.
 */
@Mojo(name = "weave-tests", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class WeaveTestsMojo extends AbstractWeaveMojo {

    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    private File testClassesDirectory;

    @Parameter(defaultValue = "${project.testClasspathElements}", readonly = true, required = true)
    private List<String> testClasspathElements;

    @Override
    File classesDirectory() {
        return testClassesDirectory;
    }

    @Override
    List<String> classPath() {
        return testClasspathElements;
    }

    @Override
    String what() {
        return "test classes";
    }
}
