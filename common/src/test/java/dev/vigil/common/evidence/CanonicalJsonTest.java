package dev.vigil.common.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 8785's own examples (sections 3.2.2 and 3.2.3, appendix B), and the evidence ids Vigil computed before JCS. */
class CanonicalJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void section322ThePrimitivesExample() throws Exception {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        Object value = JSON.readValue(input, Object.class);

        assertThat(CanonicalJson.write(value)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void section323MembersSortedByUtf16CodeUnits() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("\u20ac", "Euro Sign");
        members.put("\r", "Carriage Return");
        members.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        members.put("1", "One");
        members.put("\ud83d\ude00", "Emoji: Grinning Face");
        members.put("\u0080", "Control");
        members.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(CanonicalJson.write(members)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
                + "\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2",
    })
    void appendixBNumbers(String ieee754, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));
        assertThat(CanonicalJson.write(List.of(value))).isEqualTo("[" + expected + "]");
    }

    @Test
    void evidenceIdsOfOrdinaryFactsAreTheOnesComputedBeforeJcs() {
        // Before RFC 8785, ids hashed Jackson's sorted compact JSON; for strings, booleans, integers, lists and maps
        // (every fact collected so far) both forms are the same bytes, so stored evidence keeps its ids.
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("versioning", true);
        facts.put("encryption", Map.of("algorithm", "aws:kms", "bucketKeyEnabled", true));
        facts.put("publicAccessBlock", Map.of("blockPublicAcls", true, "ignorePublicAcls", true));
        facts.put("name", "acme-logs-eu");
        facts.put("region", "eu-west-1");
        facts.put("objectLockDays", 30);
        facts.put("owners", List.of("ana@acme-demo.com", "zoë@acme-demo.com"));
        facts.put("note", "line\nbreak \"quoted\" é");

        assertThat(EvidenceEvent.idFor(new SourceRef("aws", "111122223333"), "arn:aws:s3:::acme-logs-eu", facts))
                .isEqualTo("sha256:07411e28f24c3ccdd56994a81701a4f284aa69bcc100696d9decaa19f995b6ff");
    }
}
