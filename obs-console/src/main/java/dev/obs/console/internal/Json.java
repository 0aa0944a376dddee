package dev.obs.console.internal;

/** A small JSON writer for the console's API: objects, arrays, strings, numbers, and raw JSON objects. */
final class Json {

    private final StringBuilder out = new StringBuilder(4096);
    private boolean needComma;

    Json object() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    Json endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    Json array() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    Json endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    Json name(String name) {
        comma();
        string(out, name);
        out.append(':');
        needComma = false;
        return this;
    }

    Json value(String value) {
        comma();
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
        needComma = true;
        return this;
    }

    Json value(long value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    Json value(boolean value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    /** A number, or null when it is not finite (no data). */
    Json value(double value) {
        comma();
        if (Double.isFinite(value)) {
            out.append(Math.round(value * 1000.0) / 1000.0);
        } else {
            out.append("null");
        }
        needComma = true;
        return this;
    }

    Json field(String name, String value) {
        return name(name).value(value);
    }

    Json field(String name, long value) {
        return name(name).value(value);
    }

    Json field(String name, double value) {
        return name(name).value(value);
    }

    Json field(String name, boolean value) {
        return name(name).value(value);
    }

    /**
     * A JSON object as another module encoded it (a log line), kept as it is; anything that does not
     * look like one object is written as a string instead.
     */
    Json rawObject(String json) {
        String trimmed = json.trim();
        if (trimmed.startsWith("{") && trimmed.endsWith("}") && trimmed.indexOf('\n') < 0) {
            comma();
            out.append(trimmed);
            needComma = true;
            return this;
        }
        return object().field("message", json).endObject();
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    // < > & escaped too, so that no text can close a script or open markup if the JSON is ever embedded
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
