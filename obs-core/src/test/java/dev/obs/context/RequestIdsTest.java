package dev.obs.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void validIncomingIdIsReused() {
        assertThat(RequestIds.acceptOrGenerate("abc-123_DEF.456:789")).isEqualTo("abc-123_DEF.456:789");
        assertThat(RequestIds.acceptOrGenerate("Root=1-67891233-abcdef012345678912345678")).isEqualTo("Root=1-67891233-abcdef012345678912345678");
    }

    @Test
    void hostileIncomingIdsAreReplaced() {
        String tooLong = "a".repeat(300);
        for (String hostile : new String[] {tooLong, "\"quoted\"", "{\"json\":1}", "new\nline", "tab\there", "nul\u0000",
                "space here", "<script>", "", "ünïcode", "semi;colon", "a".repeat(129)}) {
            String id = RequestIds.acceptOrGenerate(hostile);
            assertThat(id).as("replacement for %s", hostile).isNotEqualTo(hostile).matches("[0-9a-f]{32}");
        }
        assertThat(RequestIds.acceptOrGenerate(null)).matches("[0-9a-f]{32}");
        assertThat(RequestIds.isValid("a".repeat(128))).isTrue();
    }

    @Test
    void generatedIdsDoNotCollide() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(RequestIds.generate())).isTrue();
        }
    }
}
