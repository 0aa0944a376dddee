package dev.obs.maven.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

/** Turns what Byte Buddy and ASM throw into messages that say which class, and what to do. */
final class WeavingProblems {

    /** Byte Buddy: "Java 26 (70) is not supported by the current version of Byte Buddy which officially supports Java 25 (69)". */
    private static final Pattern BYTE_BUDDY_TOO_NEW =
            Pattern.compile("Java \\d+ \\((\\d+)\\) is not supported by the current version of Byte Buddy which officially supports Java (\\d+)");
    /** ASM: "Unsupported class file major version 70". */
    private static final Pattern ASM_TOO_NEW = Pattern.compile("Unsupported class file major version (\\d+)");

    private WeavingProblems() {
    }

    static WeavingException.Problem describe(String className, Throwable error) {
        String message = String.valueOf(error.getMessage());
        Matcher tooNew = BYTE_BUDDY_TOO_NEW.matcher(message);
        if (tooNew.find()) {
            return tooNew(className, Integer.parseInt(tooNew.group(1)), " (up to Java " + tooNew.group(2) + ")", error);
        }
        Matcher unsupported = ASM_TOO_NEW.matcher(message);
        if (unsupported.find()) {
            return tooNew(className, Integer.parseInt(unsupported.group(1)), "", error);
        }
        if (error instanceof TypePool.Resolution.NoSuchTypeException || message.startsWith("Cannot resolve type description")) {
            return new WeavingException.Problem(className, null, "a type it refers to is not on the class path it was "
                    + "compiled against (" + message + ")", error);
        }
        return new WeavingException.Problem(className, null, "weaving failed with " + error, error);
    }

    private static WeavingException.Problem tooNew(String className, int major, String supported, Throwable error) {
        return new WeavingException.Problem(className, null, "its class file version " + major + " (Java " + (major - 44)
                + ") is newer than this obs-maven-plugin can weave" + supported + "; use a newer obs-maven-plugin, compile with "
                + "an older --release, or try Byte Buddy's experimental support with MAVEN_OPTS=-Dnet.bytebuddy.experimental=true",
                error);
    }

    /** {@code com.acme.Foo.bar(String, int)}, or {@code com.acme.Foo(String)} for a constructor. */
    static String display(String className, MethodDescription method) {
        StringBuilder out = new StringBuilder(className);
        if (!method.isConstructor()) {
            out.append('.').append(method.getInternalName());
        }
        out.append('(');
        boolean first = true;
        for (TypeDescription parameter : method.getParameters().asTypeList().asErasures()) {
            String name = parameter.getActualName();
            out.append(first ? "" : ", ").append(name.substring(name.lastIndexOf('.') + 1));
            first = false;
        }
        return out.append(')').toString();
    }
}
