package errcat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.scriptix.errors.ApiErrors;
import com.scriptix.errors.ApiException;
import com.scriptix.errors.ErrorCategory;
import com.scriptix.errors.ErrorCode;
import com.scriptix.errors.ErrorDetails;
import com.scriptix.errors.HttpException;
import com.scriptix.errors.RetryPolicy;
import com.scriptix.errors.UnknownCodeException;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every vector of the conformance file, through every way into the parser. */
class VectorsTest {

    private static final JsonNode FILE = Support.vectors();
    private static final Instant NOW = Instant.ofEpochSecond(FILE.path("now_epoch_seconds").asLong());

    @TestFactory
    Stream<DynamicTest> everyVectorClassifiesAsExpected() {
        assertEquals("as_sent", FILE.path("header_name_cases").path(0).asText(), "header_name_cases starts with as_sent");
        return stream(FILE.path("vectors")).map(vector -> DynamicTest.dynamicTest(vector.path("name").asText(), () -> {
            JsonNode response = vector.path("response");
            int status = response.path("status").asInt();
            String body = response.path("body").asText("");
            List<String> problems = new ArrayList<>();
            // Each spelling of the header names, as a plain map and as the JDK's client gives
            // them (HttpHeaders: a case-insensitive map).
            for (JsonNode nameCase : FILE.path("header_name_cases")) {
                Map<String, List<String>> spelt = spelt(Support.headers(response), nameCase.asText());
                Map<String, Map<String, List<String>>> shapes = new LinkedHashMap<>();
                shapes.put("a map", spelt);
                shapes.put("HttpHeaders", HttpHeaders.of(spelt, (name, value) -> true).map());
                shapes.forEach((shape, headers) -> {
                    for (String problem : compare(ApiErrors.parseAt(NOW, status, headers, body), vector.path("expect"))) {
                        problems.add(nameCase.asText() + " names, " + shape + ": " + problem);
                    }
                });
            }
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyVectorThroughFromResponse() {
        return stream(FILE.path("vectors")).map(vector -> DynamicTest.dynamicTest(vector.path("name").asText(), () -> {
            JsonNode response = vector.path("response");
            Optional<ApiException> error = ApiErrors.fromResponse(Support.response(response));
            if (response.path("status").asInt() < 400) {
                assertFalse(error.isPresent());
                return;
            }
            assertTrue(error.isPresent(), "no error for an error status");
            ObjectNode expect = ((ObjectNode) vector.path("expect")).deepCopy();
            response.path("headers").forEach(value -> {
                if (value.asText().endsWith(" GMT")) {
                    expect.remove("retry_after"); // An HTTP date counts from the real clock here.
                }
            });
            List<String> problems = compare(error.get(), expect);
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems));
            }
            assertFalse(error.get().getMessage().isEmpty());
        }));
    }

    @Test
    void bytesAreDecodedAsUtf8() {
        for (JsonNode vector : FILE.path("vectors")) {
            JsonNode response = vector.path("response");
            String body = response.path("body").asText("");
            ApiException fromBytes = ApiErrors.parse(
                    response.path("status").asInt(), Support.headers(response), body.getBytes(StandardCharsets.UTF_8));
            assertEquals(body, fromBytes.rawBody(), vector.path("name").asText());
        }
    }

    /** Every difference between an error and the expected classification. */
    static List<String> compare(ApiException got, JsonNode expect) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : expect.properties()) {
            Object want = Support.plain(entry.getValue());
            Object value =
                    switch (entry.getKey()) {
                        case "kind" -> got.kind().wire();
                        case "status" -> BigDecimal.valueOf(got.status());
                        case "code" -> got.code().orElse(null);
                        case "wire_code" -> got.wireCode().orElse(null);
                        case "category" -> got.category().map(ErrorCategory::id).orElse(null);
                        case "title" -> got.title().orElse(null);
                        case "message" -> got.message();
                        case "details" -> got.details().orElse(null);
                        case "details_valid" -> got.detailsValid();
                        case "retryable" -> got.retryable();
                        case "retry_after" -> got.retryAfter().map(VectorsTest::wholeSeconds).orElse(null);
                        case "request_id" -> got.requestId().orElse(null);
                        case "raw_body" -> got.rawBody();
                        case "doc_url" -> got.docUrl().orElse(null);
                        case "grpc_status" -> got.grpcStatus();
                        default -> "the harness does not know the expected field " + entry.getKey();
                    };
            if (!Support.jsonEquals(value, want)) {
                problems.add(entry.getKey() + ": got " + value + ", want " + want);
            }
        }
        String kind = expect.path("kind").asText();
        Class<?> expected = switch (kind) {
            case "known" -> ApiException.class;
            case "unknown_code" -> UnknownCodeException.class;
            default -> HttpException.class;
        };
        if (!expected.isInstance(got) || (kind.equals("known") && got.errorCode().isEmpty())) {
            problems.add("class " + got.getClass().getSimpleName() + " for kind " + kind);
        }
        if (kind.equals("known")) {
            ErrorCode code = got.errorCode().orElseThrow();
            if (!normal(got.getClass().getSimpleName()).startsWith(normal(code.wire()))) {
                problems.add("class " + got.getClass().getSimpleName() + " for code " + code);
            }
        }
        problems.addAll(checkTyped(got, expect));
        return problems;
    }

    /** A delay as whole seconds; a fraction would be a bug. */
    private static BigDecimal wholeSeconds(Duration delay) {
        return delay.getNano() == 0 ? BigDecimal.valueOf(delay.getSeconds()) : new BigDecimal("0.5");
    }

    /**
     * The typed details: present only for known codes with valid details, and each record
     * component equal to the raw value of the key it stands for.
     */
    private static List<String> checkTyped(ApiException got, JsonNode expect) {
        Optional<? extends ErrorDetails> typed = got.typedDetails();
        boolean valid = expect.path("details_valid").asBoolean();
        if (!expect.path("kind").asText().equals("known") || !valid) {
            return typed.isPresent() ? List.of("typed details " + typed.get() + " for an error without valid known details") : List.of();
        }
        if (typed.isEmpty()) {
            return List.of(); // The code declares no details, or none is checked here.
        }
        Record record = (Record) typed.get();
        Map<String, Object> raw = got.details().orElse(Map.of());
        if (FILE.path("profile").asText().equals("google")) {
            raw = decodedText(raw);
        }
        List<String> problems = new ArrayList<>();
        for (var component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = unwrap(component.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                problems.add("cannot read " + component.getName() + ": " + e);
                continue;
            }
            if (value instanceof Map<?, ?> extra) {
                for (Map.Entry<?, ?> entry : extra.entrySet()) {
                    if (!Support.jsonEquals(asJson(entry.getValue()), raw.get(String.valueOf(entry.getKey())))) {
                        problems.add("extra " + entry.getKey() + ": " + entry.getValue());
                    }
                }
                continue;
            }
            List<String> keys = raw.keySet().stream().filter(key -> normal(key).equals(normal(component.getName()))).toList();
            if (keys.size() != 1) {
                if (value != null) {
                    problems.add("typed " + component.getName() + " = " + value + " matches raw keys " + keys);
                }
                continue;
            }
            if (!Support.jsonEquals(asJson(value), raw.get(keys.get(0)))) {
                problems.add("typed " + component.getName() + " = " + value + ", raw " + raw.get(keys.get(0)));
            }
        }
        return problems;
    }

    /**
     * Details sent as text (AIP-193 metadata) with each value that holds JSON other than a
     * string replaced by that JSON: what a typed value that is not a string stands for.
     */
    private static Map<String, Object> decodedText(Map<String, Object> raw) {
        Map<String, Object> decoded = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            Object json = value instanceof String text ? Support.plainOrNull(text) : null;
            decoded.put(key, json == null || json instanceof String ? value : json);
        });
        return decoded;
    }

    /** An optional component's value, or null when empty. */
    private static Object unwrap(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.orElse(null);
        }
        if (value instanceof OptionalLong optional) {
            return optional.isPresent() ? optional.getAsLong() : null;
        }
        if (value instanceof OptionalDouble optional) {
            return optional.isPresent() ? optional.getAsDouble() : null;
        }
        return value;
    }

    /** A typed value as plain JSON. */
    private static Object asJson(Object value) {
        if (value instanceof Long n) {
            return BigDecimal.valueOf(n);
        }
        if (value instanceof Double n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(VectorsTest::asJson).toList();
        }
        return value;
    }

    /**
     * A name's ASCII letters and digits, lower-cased, so that a Java name and the wire name
     * it stands for compare equal: {@code resourceId}, {@code resource_id},
     * {@code region-hint} and {@code class_} lose their case, separators and escaping.
     */
    private static String normal(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /** The headers with their names spelt in {@code nameCase}, one of the vectors' {@code header_name_cases}. */
    private static Map<String, List<String>> spelt(Map<String, List<String>> headers, String nameCase) {
        UnaryOperator<String> spell = switch (nameCase) {
            case "as_sent" -> UnaryOperator.identity();
            case "lower" -> name -> name.toLowerCase(Locale.ROOT);
            case "upper" -> name -> name.toUpperCase(Locale.ROOT);
            default -> throw new AssertionError("header name case " + nameCase + " is not known to this harness");
        };
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(spell.apply(name), values));
        return out;
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    @Test
    void replacedCodesAreDecodedAsTheirReplacement() {
        for (JsonNode replacement : FILE.path("replacements")) {
            String wire = replacement.path("wire_code").asText();
            Optional<ErrorCode> live = ErrorCode.lookup(replacement.path("code").asText());
            assertTrue(live.isPresent(), wire);
            assertEquals(live, ErrorCode.decoded(wire), wire);
        }
        for (ErrorCode code : ErrorCode.values()) {
            if (stream(FILE.path("replacements")).noneMatch(r -> r.path("wire_code").asText().equals(code.wire()))) {
                assertEquals(Optional.of(code), ErrorCode.decoded(code.wire()), code.wire());
            }
        }
        assertEquals(Optional.empty(), ErrorCode.decoded(null));
    }

    @Test
    void theCodeTableMatchesTheVectors() {
        JsonNode codes = FILE.path("codes");
        ErrorCode[] all = ErrorCode.values();
        assertEquals(codes.size(), all.length);
        for (int i = 0; i < all.length; i++) {
            JsonNode want = codes.get(i);
            ErrorCode code = all[i];
            assertEquals(want.path("code").asText(), code.wire());
            assertEquals(want.path("code").asText(), code.toString());
            assertEquals(want.path("status").asInt(), code.status());
            assertEquals(want.path("category").asText(), code.category().id());
            assertEquals(want.path("title").asText(), code.title());
            assertEquals(want.path("retryable").asBoolean(), code.retryable());
            assertEquals(want.path("retry").asText(), code.retryMode().wire());
            assertEquals(want.path("doc_url").asText(), code.docUrl());
            assertEquals(want.path("grpc_status").asText(), code.grpcStatus());
            assertEquals(Optional.of(code), ErrorCode.lookup(code.wire()));
            assertEquals(Optional.of(code.category()), ErrorCategory.lookup(code.category().id()));
        }
        assertEquals(Optional.empty(), ErrorCode.lookup("NOT_A_CODE_OF_THE_CATALOG"));
        assertEquals(Optional.empty(), ErrorCode.lookup(null));
    }

    @Test
    void theDefaultPolicyIsTheCatalogs() {
        JsonNode want = FILE.path("retry_policy");
        RetryPolicy got = RetryPolicy.defaults();
        assertEquals(want.path("max_attempts").asInt(), got.maxAttempts());
        assertEquals(Duration.ofMillis(want.path("initial_delay_ms").asLong()), got.initialDelay());
        assertEquals(want.path("multiplier").asDouble(), got.multiplier());
        assertEquals(Duration.ofMillis(want.path("max_delay_ms").asLong()), got.maxDelay());
        assertEquals(want.path("jitter").asText().toUpperCase(Locale.ROOT), got.jitter().name());
        assertEquals(Duration.ofSeconds(want.path("default_retry_after_seconds").asLong()), got.defaultRetryAfter());
        assertEquals(Duration.ofSeconds(want.path("max_total_delay_seconds").asLong()), got.maxTotalDelay());
        assertEquals(want.path("retry_network_errors").asBoolean(), got.retryNetworkErrors());
    }

    /** Bodies beyond the vectors that the parser must survive. */
    private static final List<String> HOSTILE_BODIES = List.of(
            "", " ", "\uFEFF", "\uFEFF\uFEFF{}", "{", "}", "[", "[[[[[[[[[[", "null", "true", "0", "-0", "1e400",
            "\"string\"", "{\"message\": null, \"error_code\": null}", "{\"message\": \"m\", \"error_code\": \"\"}",
            "{\"message\": \"m\", \"error_code\": \"X\", \"details\": null}",
            "{\"message\": \"m\", \"error_code\": \"X\", \"details\": []}",
            "{\"message\": \"m\", \"error_code\": \"X\", \"retry_after\": -1}",
            "{\"message\": \"m\", \"error_code\": \"X\", \"retry_after\": 1e400}",
            "{\"message\": \"m\", \"error_code\": \"X\", \"retry_after\": 1e-99999999999}",
            "{\"message\": \"m\", \"error_code\": \"X\", \"retry_after\": 18446744073709551616}",
            "{\"message\": \"\\ud800\", \"error_code\": \"\\udfff\"}",
            "{\"message\": \"m\", \"error_code\": \"X\"} trailing",
            "{\"a\": 1, \"a\": 2}",
            "{\"message\": \"\ud800\", \"error_code\": \"X\"}",
            "[".repeat(100_000) + "]".repeat(100_000),
            "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000),
            // Bodies of the other profiles, with every part of the wrong type.
            "{\"type\": null, \"title\": [], \"status\": \"x\", \"detail\": {}, \"code\": 1, \"retry_after\": \"1\"}",
            "{\"type\": \"about:blank\", \"detail\": \"d\", \"code\": \"X\", \"retry_after\": 1e308, \"x\": [null]}",
            "{\"error\": null}", "{\"error\": []}", "{\"error\": {\"details\": {}}}",
            "{\"error\": {\"details\": [null, 1, \"x\", []]}}",
            "{\"error\": {\"message\": \"m\", \"status\": 8, \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\", "
                    + "\"reason\": \"X\", \"metadata\": {\"a\": 1, \"b\": null}}]}}",
            "{\"error\": {\"message\": \"m\", \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\", "
                    + "\"reason\": \"X\", \"metadata\": null}, {\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", "
                    + "\"retryDelay\": \"1.0000000000s\"}, {\"@type\": \"type.googleapis.com/google.rpc.Help\", "
                    + "\"links\": [null, {\"url\": 5}, {\"url\": \"\"}]}]}}",
            "{\"error\": {\"message\": \"m\", \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", "
                    + "\"retryDelay\": \"18446744073709551615.5s\"}, {\"@type\": \"type.googleapis.com/google.rpc.Help\", "
                    + "\"links\": {}}]}}",
            "{\"error\": {\"type\": 1, \"code\": \"X\", \"message\": \"m\", \"doc_url\": [], \"retry_after\": -0, "
                    + "\"extra\": {\"deep\": [1]}}}");

    /** How many {@code code/} vectors' bodies {@link #parsingNeverThrows} mutates. */
    private static final int MUTATED_CODES = 8;

    /**
     * What replaces each value of a body in {@link #leafMutations}: text that is not the JSON
     * its field may want, numbers beyond every limit, values of the wrong type.
     */
    private static final List<String> LEAF_VALUES = List.of(
            "\"[\"", "\"1e400\"", "\"9007199254740993\"", "\"-1.5s\"", "\"\"", "null", "1e308", "[{}]");

    /**
     * The body with one of its scalar values (at any depth: the details, a google
     * ErrorInfo's metadata, a Help link) replaced by each of {@link #LEAF_VALUES}.
     */
    private static List<String> leafMutations(String body) {
        JsonNode root = Support.parseOrNull(body.startsWith("\uFEFF") ? body.substring(1) : body);
        List<String> bodies = new ArrayList<>();
        if (root == null) {
            return bodies;
        }
        for (String value : LEAF_VALUES) {
            JsonNode replacement = Support.parse(value);
            for (JsonNode mutated : replaceLeaves(root, replacement)) {
                bodies.add(mutated.toString());
            }
        }
        return bodies;
    }

    /** A copy of {@code node} for each scalar in it, with that scalar replaced by {@code value}. */
    private static List<JsonNode> replaceLeaves(JsonNode node, JsonNode value) {
        List<JsonNode> copies = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                for (JsonNode replaced : replaceLeaves(entry.getValue(), value)) {
                    ObjectNode copy = ((ObjectNode) node).deepCopy();
                    copy.set(entry.getKey(), replaced);
                    copies.add(copy);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                for (JsonNode replaced : replaceLeaves(node.get(i), value)) {
                    com.fasterxml.jackson.databind.node.ArrayNode copy =
                            ((com.fasterxml.jackson.databind.node.ArrayNode) node).deepCopy();
                    copy.set(i, replaced);
                    copies.add(copy);
                }
            }
        } else {
            copies.add(value);
        }
        return copies;
    }

    @Test
    void parsingNeverThrows() {
        List<String> bodies = new ArrayList<>(HOSTILE_BODIES);
        int mutatedCodes = 0;
        for (JsonNode vector : FILE.path("vectors")) {
            String body = vector.path("response").path("body").asText("");
            for (int i = 0; i < body.length(); i += 1 + body.length() / 64) {
                bodies.add(body.substring(0, i));
                char[] flipped = body.toCharArray();
                flipped[i] = (char) (flipped[i] ^ 0x55);
                bodies.add(new String(flipped));
            }
            bodies.add(body);
            // Every hand-made vector's body, and a few codes' (a large catalog has thousands).
            String name = vector.path("name").asText();
            boolean code = name.startsWith("code/");
            if (!name.startsWith("malformed/") && (!code || mutatedCodes++ < MUTATED_CODES)) {
                bodies.addAll(leafMutations(body));
            }
        }
        for (ErrorCode code : ErrorCode.values()) {
            for (String details : List.of("null", "[]", "\"x\"", "{\"x\": [1, \"a\", null]}", "{\"\": {}}")) {
                bodies.add("{\"message\": \"m\", \"error_code\": \"" + code.wire() + "\", \"details\": " + details + "}");
            }
        }
        List<Map<String, List<String>>> headers = new ArrayList<>();
        headers.add(null);
        headers.add(Map.of());
        headers.add(Map.of("Retry-After", List.of("")));
        headers.add(Map.of("Retry-After", List.of("Wed, 99 Foo 99999999999999999999 99:99:99 GMT")));
        headers.add(Map.of("retry-after", List.of("Mon, 31 Feb 9999 23:59:60 GMT"), "x-request-id", List.of("\0\n")));
        headers.add(Map.of("Retry-After", List.of("+1")));
        headers.add(Map.of("RETRY-AFTER", List.of("99999999999999999999999999")));
        Map<String, List<String>> withNulls = new LinkedHashMap<>();
        withNulls.put(null, null);
        withNulls.put("Retry-After", null);
        headers.add(withNulls);
        for (int status : new int[] {-1, 0, 200, 418, 429, 500, 599, 1 << 30}) {
            for (Map<String, List<String>> header : headers) {
                for (String body : bodies) {
                    ApiException error = ApiErrors.parse(status, header, body);
                    assertNotNull(error);
                    assertEquals(body, error.rawBody());
                    assertEquals(status, error.status());
                    assertFalse(error.getMessage().isEmpty());
                    error.retryAfter().ifPresent(delay -> assertFalse(delay.isNegative()));
                    assertNotNull(error.retryMode());
                }
            }
        }
        assertNotNull(ApiErrors.parse(500, null, (String) null));
        assertNotNull(ApiErrors.parse(500, null, (byte[]) null));
        assertNotNull(ApiErrors.parseAt(null, 500, null, null));
        assertEquals(Optional.empty(), ApiErrors.fromResponse(null));
    }
}
