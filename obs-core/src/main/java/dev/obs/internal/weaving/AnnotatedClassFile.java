package dev.obs.internal.weaving;

import java.nio.charset.StandardCharsets;

/**
 * Reads just enough of a class file to tell whether build-time weaving would change it: whether it
 * has a concrete method annotated {@code @Traced}/{@code @Timed}, or a concrete public method in a
 * class annotated so. Constructors, abstract, native, bridge and synthetic methods do not count,
 * exactly as the weaver skips them.
 */
final class AnnotatedClassFile {

    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_BRIDGE = 0x0040;
    private static final int ACC_NATIVE = 0x0100;
    private static final int ACC_ABSTRACT = 0x0400;
    private static final int ACC_SYNTHETIC = 0x1000;

    private final byte[] b;
    private int[] utf8Offsets;
    private int pos;

    private AnnotatedClassFile(byte[] bytes) {
        this.b = bytes;
    }

    /** {@code false} as well for bytes that are not a well-formed class file. */
    static boolean hasWeavableAnnotatedMethod(byte[] classFile) {
        try {
            return new AnnotatedClassFile(classFile).scan();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean scan() {
        if (u4() != 0xCAFEBABE) {
            return false;
        }
        pos += 4; // minor, major
        readConstantPool();
        pos += 6; // access, this, super
        int interfaces = u2();
        pos += 2 * interfaces;
        skipMembers(); // fields
        int methodStart = pos;
        skipMembers();
        boolean classAnnotated = annotated(u2());
        pos = methodStart;
        int methods = u2();
        for (int i = 0; i < methods; i++) {
            int access = u2();
            String name = utf8(u2());
            pos += 2; // descriptor
            boolean methodAnnotated = annotated(u2());
            boolean concrete = (access & (ACC_ABSTRACT | ACC_NATIVE | ACC_BRIDGE | ACC_SYNTHETIC)) == 0
                    && !name.equals("<init>") && !name.equals("<clinit>");
            if (concrete && (methodAnnotated || (classAnnotated && (access & ACC_PUBLIC) != 0))) {
                return true;
            }
        }
        return false;
    }

    private void readConstantPool() {
        int count = u2();
        utf8Offsets = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = b[pos++] & 0xFF;
            switch (tag) {
                case 1 -> {
                    utf8Offsets[i] = pos;
                    pos += 2 + u2At(pos);
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> pos += 4;
                case 5, 6 -> {
                    pos += 8;
                    i++; // longs and doubles take two slots
                }
                case 7, 8, 16, 19, 20 -> pos += 2;
                case 15 -> pos += 3;
                default -> throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
    }

    private void skipMembers() {
        int count = u2();
        for (int i = 0; i < count; i++) {
            pos += 6;
            skipAttributes(u2());
        }
    }

    private void skipAttributes(int count) {
        for (int i = 0; i < count; i++) {
            pos += 2;
            pos += 4 + u4At(pos);
        }
    }

    /** Reads {@code count} attributes; whether a run-time visible annotation among them is ours. */
    private boolean annotated(int count) {
        boolean found = false;
        for (int i = 0; i < count; i++) {
            String name = utf8(u2());
            int length = u4();
            int end = pos + length;
            if (!found && name.equals("RuntimeVisibleAnnotations")) {
                int annotations = u2();
                for (int a = 0; a < annotations && !found; a++) {
                    String type = utf8(u2());
                    found = type.equals(WovenClasses.TRACED_DESCRIPTOR) || type.equals(WovenClasses.TIMED_DESCRIPTOR);
                    skipElementValuePairs();
                }
            }
            pos = end;
        }
        return found;
    }

    private void skipElementValuePairs() {
        int pairs = u2();
        for (int p = 0; p < pairs; p++) {
            pos += 2;
            skipElementValue();
        }
    }

    private void skipElementValue() {
        char tag = (char) (b[pos++] & 0xFF);
        switch (tag) {
            case 'e' -> pos += 4;
            case '@' -> {
                pos += 2;
                skipElementValuePairs();
            }
            case '[' -> {
                int n = u2();
                for (int i = 0; i < n; i++) {
                    skipElementValue();
                }
            }
            default -> pos += 2;
        }
    }

    private String utf8(int index) {
        int offset = utf8Offsets[index];
        return new String(b, offset + 2, u2At(offset), StandardCharsets.UTF_8);
    }

    private int u2() {
        int v = u2At(pos);
        pos += 2;
        return v;
    }

    private int u4() {
        int v = u4At(pos);
        pos += 4;
        return v;
    }

    private int u2At(int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private int u4At(int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
