package dev.obs.maven.internal;

import java.nio.file.Path;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;

/** Classes that could not be woven, each with the method concerned (when one is) and why. */
public final class WeavingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    WeavingException(Path classesDirectory, List<Problem> problems) {
        super(message(classesDirectory, problems));
        this.problems = List.copyOf(problems);
    }

    /** What went wrong, one entry per class. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(Path classesDirectory, List<Problem> problems) {
        StringBuilder out = new StringBuilder("obs-maven-plugin could not weave ").append(problems.size())
                .append(problems.size() == 1 ? " class" : " classes").append(" in ").append(classesDirectory).append(':');
        for (Problem problem : problems) {
            out.append(System.lineSeparator()).append("  ").append(problem.getMessage());
        }
        return out.toString();
    }

    /** One class (and method) that could not be woven. */
    public static final class Problem extends Exception {

        private static final long serialVersionUID = 1L;

        private final String className;
        private final String member;

        Problem(String className, MethodDescription method, String reason) {
            this(className, method == null ? null : WeavingProblems.display(className, method), reason, null);
        }

        Problem(String className, String member, String reason, Throwable cause) {
            super((member != null ? member : className) + ": " + reason, cause, false, false);
            this.className = className;
            this.member = member;
        }

        /** The binary name of the class. */
        public String className() {
            return className;
        }

        /** The method as {@code com.acme.Foo.bar(String)}, or {@code null} when the class as a whole failed. */
        public String member() {
            return member;
        }
    }
}
