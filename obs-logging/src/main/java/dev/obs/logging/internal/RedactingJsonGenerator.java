package dev.obs.logging.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import dev.obs.redact.Redactor;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes user-shaped data (structured arguments, markers, container values of key-value pairs)
 * with every string redacted: values under a sensitive key are masked whole, nested objects and
 * arrays included, and other strings pass through {@link Redactor#redact(String)}. Top-level field
 * names that collide with obs's own fields get a leading underscore.
 *
 * <p>Created per event with {@code delegateCopyMethods=false}, so that objects serialised by the
 * codec come back through this generator instead of going straight to the delegate.
 *
 * <p>Why not logstash-logback-encoder's {@code MaskingJsonGenerator} (its
 * {@code MaskingJsonGeneratorDecorator} with a {@code FieldMasker} for sensitive keys and a
 * {@code ValueMasker} calling the redactor), which masks field values and strings the same way:
 * <ul>
 *   <li>it writes raw JSON values ({@code StructuredArguments.raw}, {@code Markers.appendRaw}) to
 *       the output as they are — no value masker sees them — so {@code raw("body",
 *       "{\"password\":\"x\"}")} would leave the process, and text that is not JSON would
 *       break the line; here raw JSON is parsed and written back through the redaction;</li>
 *   <li>it cannot rename a top-level field: a structured argument named {@code request_id},
 *       {@code trace_id} or {@code message} would write a second field of that name beside obs's
 *       own, and a reader taking the last one would see a forged ID; here it becomes
 *       {@code _request_id};</li>
 *   <li>as the encoder's decorator it would run over every field of every line, obs's own fields
 *       already redacted on the calling thread included, a second scan per line for nothing.</li>
 * </ul>
 */
final class RedactingJsonGenerator extends JsonGeneratorDelegate {

    private final Redactor redactor;
    private int depth;                 // 0: directly inside the event's JSON object
    private int maskedFrom = -1;       // >= 0: every scalar deeper than this depth is masked
    private boolean maskNextValue;     // the last field name was sensitive

    RedactingJsonGenerator(JsonGenerator delegate, Redactor redactor) {
        super(delegate, false);
        this.redactor = redactor;
    }

    private boolean masking() {
        return maskedFrom >= 0 || maskNextValue;
    }

    private void opened() {
        if (maskNextValue && maskedFrom < 0) {
            maskedFrom = depth;
        }
        maskNextValue = false;
        depth++;
    }

    private void closed() {
        depth--;
        if (maskedFrom >= 0 && depth <= maskedFrom) {
            maskedFrom = -1;
        }
    }

    private boolean maskScalar() throws IOException {
        if (masking()) {
            maskNextValue = false;
            delegate.writeString(Redactor.MASK);
            return true;
        }
        return false;
    }

    // --- structure

    @Override
    public void writeStartObject() throws IOException {
        opened();
        delegate.writeStartObject();
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        opened();
        delegate.writeStartObject(forValue);
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        opened();
        delegate.writeStartObject(forValue, size);
    }

    @Override
    public void writeEndObject() throws IOException {
        closed();
        delegate.writeEndObject();
    }

    @Override
    public void writeStartArray() throws IOException {
        opened();
        delegate.writeStartArray();
    }

    @Override
    @Deprecated
    public void writeStartArray(int size) throws IOException {
        opened();
        delegate.writeStartArray(size);
    }

    @Override
    public void writeStartArray(Object forValue) throws IOException {
        opened();
        delegate.writeStartArray(forValue);
    }

    @Override
    public void writeStartArray(Object forValue, int size) throws IOException {
        opened();
        delegate.writeStartArray(forValue, size);
    }

    @Override
    public void writeEndArray() throws IOException {
        closed();
        delegate.writeEndArray();
    }

    // --- field names

    @Override
    public void writeFieldName(String name) throws IOException {
        if (maskedFrom < 0) {
            maskNextValue = redactor.isSensitiveKey(name);
        }
        delegate.writeFieldName(depth == 0 ? LogFields.userFieldName(name) : name);
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        writeFieldName(name.getValue());
    }

    @Override
    public void writeFieldId(long id) throws IOException {
        writeFieldName(Long.toString(id));
    }

    // --- strings

    @Override
    public void writeString(String text) throws IOException {
        if (text == null) {
            writeNull();
        } else if (!maskScalar()) {
            delegate.writeString(redactor.redact(text));
        }
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
        writeString(new String(text, offset, len));
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        writeString(text.getValue());
    }

    @Override
    public void writeString(java.io.Reader reader, int len) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[512];
        int remaining = len < 0 ? Integer.MAX_VALUE : len;
        int read;
        while (remaining > 0 && (read = reader.read(buffer, 0, Math.min(buffer.length, remaining))) > 0) {
            out.append(buffer, 0, read);
            remaining -= read;
        }
        writeString(out.toString());
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    // Raw JSON (StructuredArguments.raw) is parsed and written back through this generator, so it
    // is redacted like the rest and cannot break the line; text that is not JSON becomes a string.
    @Override
    public void writeRawValue(String text) throws IOException {
        if (maskScalar()) {
            return;
        }
        TreeNode tree = null;
        if (getCodec() != null) {
            try (com.fasterxml.jackson.core.JsonParser parser = getCodec().getFactory().createParser(text)) {
                tree = parser.readValueAsTree();
            } catch (IOException | RuntimeException notJson) {
                tree = null;
            }
        }
        if (tree == null) {
            writeString(text);
        } else {
            getCodec().writeTree(this, tree);
        }
    }

    @Override
    public void writeRawValue(String text, int offset, int len) throws IOException {
        writeRawValue(text.substring(offset, offset + len));
    }

    @Override
    public void writeRawValue(char[] text, int offset, int len) throws IOException {
        writeRawValue(new String(text, offset, len));
    }

    @Override
    public void writeRawValue(SerializableString raw) throws IOException {
        writeRawValue(raw.getValue());
    }

    // --- numbers: masked under a sensitive key, or when their digits form a card number

    private boolean maskNumber(String digits) throws IOException {
        if (maskScalar()) {
            return true;
        }
        if (digits.length() >= 13 && redactor.redact(digits) != digits) {
            delegate.writeString(Redactor.MASK);
            return true;
        }
        return false;
    }

    @Override
    public void writeNumber(short v) throws IOException {
        if (!maskScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(int v) throws IOException {
        if (!maskScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(long v) throws IOException {
        if (!maskNumber(Long.toString(v))) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        if (v == null) {
            writeNull();
        } else if (!maskNumber(v.toString())) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(double v) throws IOException {
        if (!maskScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(float v) throws IOException {
        if (!maskScalar()) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        if (v == null) {
            writeNull();
        } else if (!maskNumber(v.toPlainString())) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        if (encodedValue == null) {
            writeNull();
        } else if (!maskNumber(encodedValue)) {
            delegate.writeNumber(encodedValue);
        }
    }

    @Override
    public void writeNumber(char[] encodedValueBuffer, int offset, int len) throws IOException {
        writeNumber(new String(encodedValueBuffer, offset, len));
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        maskNextValue = false;
        delegate.writeBoolean(state);
    }

    @Override
    public void writeNull() throws IOException {
        maskNextValue = false;
        delegate.writeNull();
    }
}
