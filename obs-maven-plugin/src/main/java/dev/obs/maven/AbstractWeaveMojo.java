package dev.obs.maven;

import dev.obs.maven.internal.Weaver;
import dev.obs.maven.internal.WeavingException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What both goals share: weave one output directory against one class path, and report in Maven's terms. */
abstract class AbstractWeaveMojo extends AbstractMojo {

    /** Skips weaving: the annotations then take effect only through {@code Observability.instrument(..)} proxies. */
    @Parameter(property = "obs.weave.skip", defaultValue = "false")
    private boolean skip;

    /** The directory whose classes are woven. */
    abstract File classesDirectory();

    /** The class path the classes were compiled against. */
    abstract List<String> classPath();

    /** What is woven, for messages: "classes" or "test classes". */
    abstract String what();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("obs: weaving skipped (obs.weave.skip)");
            return;
        }
        Path directory = classesDirectory().toPath();
        if (!Files.isDirectory(directory)) {
            getLog().debug("obs: no " + what() + " to weave in " + directory);
            return;
        }
        List<Path> classPath = new ArrayList<>();
        for (String element : classPath()) {
            classPath.add(Path.of(element));
        }
        Weaver weaver = new Weaver(classPath, new Weaver.Log() {
            @Override
            public void warn(String message) {
                getLog().warn("obs: " + message);
            }

            @Override
            public void debug(String message) {
                getLog().debug("obs: " + message);
            }
        });
        Weaver.Result result;
        try {
            result = weaver.weave(directory);
        } catch (WeavingException e) {
            for (WeavingException.Problem problem : e.problems()) {
                getLog().debug("obs: " + problem.getMessage(), problem.getCause());
            }
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("obs-maven-plugin could not read or write " + directory + ": " + e, e);
        }
        getLog().info(String.format(Locale.ROOT, "obs: wove %d method%s in %d class%s (%d already woven, %d class files examined) in %d ms",
                result.methods(), result.methods() == 1 ? "" : "s", result.woven().size(), result.woven().size() == 1 ? "" : "es",
                result.alreadyWoven().size(), result.classFiles(), result.nanos() / 1_000_000));
    }
}
