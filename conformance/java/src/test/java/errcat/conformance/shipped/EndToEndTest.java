package errcat.conformance.shipped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.scriptix.errors.ApiErrors;
import com.scriptix.errors.ApiException;
import com.scriptix.errors.ErrorCode;
import com.scriptix.errors.RateLimitExceededException;
import com.scriptix.errors.Retry;
import com.scriptix.errors.RetryPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Starts the demo service, provokes every code through real requests and checks how the
 * client classifies each response. The {@code scriptix.demo} property names a built demo
 * binary; without it the demo runs with the scenarios' command (cargo run).
 */
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private static JsonNode file;
    private static Process demo;
    private static String base;

    @BeforeAll
    static void startDemo() throws IOException, InterruptedException {
        file = JSON.readTree(Files.readString(Path.of(
                System.getProperty("errcat.scenarios", ROOT.resolve("conformance/e2e/scenarios.json").toString()))));
        assertEquals(1, file.path("format").asInt());
        List<String> command = new ArrayList<>();
        String binary = System.getProperty("scriptix.demo", "");
        if (binary.isEmpty()) {
            file.path("demo").path("command").forEach(part -> command.add(part.asText()));
        } else {
            command.add(binary);
        }
        file.path("demo").path("args").forEach(arg -> command.add(arg.asText()));
        // The demo stops when its standard input (a pipe, kept open here) closes.
        demo = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String readyLine = file.path("demo").path("ready_line").asText();
        String prefix = readyLine.substring(0, readyLine.indexOf("PORT"));
        String url = prefix.substring(prefix.indexOf("http://"));
        BufferedReader stdout = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                    if (line.startsWith(prefix) && line.substring(prefix.length()).matches("[0-9]{1,5}")) {
                        return url + line.substring(prefix.length());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("the demo exited before it was ready");
        });
        try {
            base = ready.get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            demo.destroy();
            throw new IllegalStateException("the demo did not print its ready line: " + e, e);
        }
        // Keep reading so that the demo never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                while (stdout.readLine() != null) {
                    // Discard.
                }
            } catch (IOException e) {
                // The demo is gone.
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopDemo() throws IOException, InterruptedException {
        if (demo != null) {
            demo.getOutputStream().close();
            if (!demo.waitFor(10, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    /** Sends a scenario's request {@code repeat} times and returns the last response. */
    private static HttpResponse<String> send(JsonNode scenario, int repeat) throws IOException, InterruptedException {
        JsonNode request = scenario.path("request");
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        String contentType = null;
        JsonNode given = request.path("body");
        if (given.hasNonNull("base64")) {
            body = HttpRequest.BodyPublishers.ofByteArray(Base64.getDecoder().decode(given.path("base64").asText()));
            contentType = given.path("content_type").asText();
        } else if (given.has("json")) {
            body = HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(given.path("json")));
            contentType = "application/json";
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path("path").asText()))
                .timeout(Duration.ofSeconds(30))
                .method(request.path("method").asText(), body);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (Map.Entry<String, JsonNode> header : request.path("headers").properties()) {
            builder.header(header.getKey(), header.getValue().asText());
        }
        HttpRequest built = builder.build();
        HttpResponse<String> response = null;
        for (int i = 0; i < Math.max(repeat, 1); i++) {
            response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    @TestFactory
    List<DynamicTest> everyCodeThroughTheDemo() {
        Set<ErrorCode> covered = new HashSet<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode scenario : list(file.path("scenarios"))) {
            tests.add(DynamicTest.dynamicTest("error/" + scenario.path("name").asText(), () -> {
                HttpResponse<String> response = send(scenario, scenario.path("repeat").asInt(1));
                ApiException error = ApiErrors.fromResponse(response).orElseThrow(() -> new AssertionError("no error"));
                check(scenario, error, response);
                error.errorCode().ifPresent(covered::add);
            }));
        }
        for (JsonNode scenario : list(file.path("successes"))) {
            tests.add(DynamicTest.dynamicTest("success/" + scenario.path("name").asText(), () -> {
                HttpResponse<String> response = send(scenario, 1);
                assertEquals(Optional.empty(), ApiErrors.fromResponse(response));
                assertTrue(response.headers().firstValue(file.path("demo").path("request_id_header").asText()).isPresent());
                if (scenario.path("expect").has("status")) {
                    assertEquals(scenario.path("expect").path("status").asInt(), response.statusCode());
                }
            }));
        }
        for (JsonNode scenario : list(file.path("scenarios"))) {
            if (scenario.path("code").asText().equals(RateLimitExceededException.CODE.wire())) {
                tests.add(DynamicTest.dynamicTest("retry/" + scenario.path("name").asText(), () -> retryRateLimited(scenario)));
            }
        }
        tests.add(DynamicTest.dynamicTest("every code provoked", () -> {
            for (ErrorCode code : ErrorCode.values()) {
                assertTrue(covered.contains(code), "no scenario provoked " + code);
            }
        }));
        return tests;
    }

    /**
     * Sends the rate-limited request again through {@link Retry}, after the scenario used up
     * the key's window: it waits what the server asks each time (with a recording sleeper),
     * then gives up with the RATE_LIMIT_EXCEEDED error.
     */
    private static void retryRateLimited(JsonNode scenario) {
        List<Duration> sleeps = new ArrayList<>();
        int[] calls = {0};
        RateLimitExceededException error = assertThrows(RateLimitExceededException.class, () -> Retry.withDefaults()
                .withSleeper(sleeps::add)
                .send(scenario.path("request").path("method").asText("GET"), () -> {
                    calls[0]++;
                    return send(scenario, 1);
                }));
        assertTrue(error.retryAfter().isPresent());
        assertEquals(RetryPolicy.defaults().maxAttempts(), calls[0]);
        assertEquals(calls[0] - 1, sleeps.size());
        for (Duration delay : sleeps) {
            assertTrue(!delay.isNegative() && !delay.isZero() && delay.compareTo(Duration.ofMinutes(1)) <= 0
                    && delay.toNanosPart() == 0, "slept " + delay);
        }
    }

    /** A demo response against its scenario's expectations and the raw response. */
    private static void check(JsonNode scenario, ApiException got, HttpResponse<String> response) throws IOException {
        String code = scenario.path("code").asText();
        assertEquals(ApiException.Kind.KNOWN, got.kind(), got.rawBody());
        assertEquals(Optional.of(code), got.errorCode().map(ErrorCode::wire));
        assertTrue(got.detailsValid(), "details do not match the catalog: " + got.rawBody());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String requestId = response.headers().firstValue(file.path("demo").path("request_id_header").asText()).orElse("");
        assertFalse(requestId.isEmpty());
        assertEquals(Optional.of(requestId), got.requestId());
        JsonNode body = JSON.readTree(got.rawBody());
        for (Map.Entry<String, JsonNode> entry : scenario.path("expect").properties()) {
            JsonNode want = entry.getValue();
            switch (entry.getKey()) {
                case "status" -> assertEquals(want.asInt(), got.status());
                case "error_code" -> assertEquals(Optional.of(want.asText()), got.code());
                case "message" -> assertEquals(want.asText(), got.message());
                case "details" -> {
                    if (want.isNull()) {
                        assertFalse(body.has("details"), "details " + body.path("details"));
                    } else {
                        Map<String, Object> details = got.details().orElseThrow();
                        assertEquals(want.size(), details.size());
                        for (Map.Entry<String, JsonNode> field : want.properties()) {
                            assertTrue(equal(field.getValue(), details.get(field.getKey())), field.getKey());
                        }
                    }
                }
                case "retry_after" -> {
                    String header = response.headers().firstValue(file.path("demo").path("retry_after_header").asText()).orElse(null);
                    if (want.asBoolean()) {
                        assertNotNull(header);
                        long seconds = Long.parseLong(header);
                        assertTrue(seconds >= 1);
                        assertEquals(seconds, body.path("retry_after").asLong());
                        assertEquals(Optional.of(Duration.ofSeconds(seconds)), got.retryAfter());
                    } else {
                        assertEquals(null, header);
                        assertFalse(body.has("retry_after"));
                        assertEquals(Optional.empty(), got.retryAfter());
                    }
                }
                default -> fail("the harness does not know the expected field " + entry.getKey());
            }
        }
        assertInstanceOf(got.getClass(), got);
    }

    /** A JSON value equals a parsed details value (numbers by value). */
    private static boolean equal(JsonNode want, Object got) {
        if (want.isNumber()) {
            return got instanceof BigDecimal n && n.compareTo(want.decimalValue()) == 0;
        }
        if (want.isTextual()) {
            return want.asText().equals(got);
        }
        if (want.isBoolean()) {
            return Boolean.valueOf(want.asBoolean()).equals(got);
        }
        if (want.isArray()) {
            if (!(got instanceof List<?> items) || items.size() != want.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!equal(want.get(i), items.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isObject()) {
            if (!(got instanceof Map<?, ?> map) || map.size() != want.size()) {
                return false;
            }
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            want.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
            return fields.entrySet().stream().allMatch(e -> map.containsKey(e.getKey()) && equal(e.getValue(), map.get(e.getKey())));
        }
        return want.isNull() && got == null;
    }
}
