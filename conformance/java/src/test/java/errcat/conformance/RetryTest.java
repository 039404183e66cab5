package errcat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.scriptix.errors.ApiException;
import com.scriptix.errors.Retry;
import com.scriptix.errors.RetryPolicy;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every retry scenario of the vectors, and what the scenarios do not cover. */
class RetryTest {

    private static final JsonNode FILE = Support.vectors();

    /**
     * A status the catalog retries with backoff (503 in the Scriptix catalog); the test is
     * skipped when it has none.
     */
    private static int backoffStatus() {
        JsonNode statuses = FILE.path("retry_policy").path("backoff_statuses");
        assumeTrue(statuses.size() > 0, "the catalog retries no status with backoff");
        return statuses.get(0).asInt();
    }

    /** Replays responses, one per call, and records the sleeps. */
    private static final class FakeApi {
        private final List<JsonNode> responses;
        private final List<Duration> sleeps = new ArrayList<>();
        private int calls;

        FakeApi(JsonNode responses) {
            this.responses = VectorsTest.stream(responses).toList();
        }

        HttpResponse<String> call() throws IOException {
            if (calls >= responses.size()) {
                fail("call " + (calls + 1) + ", but the scenario has " + responses.size() + " responses");
            }
            JsonNode next = responses.get(calls++);
            if (next.path("network_error").asBoolean(false)) {
                throw new java.net.ConnectException("Connection refused (a scenario's network failure)");
            }
            return Support.response(next);
        }

        Retry retry(RetryPolicy policy) {
            return Retry.of(policy).withSleeper(sleeps::add).withRandom(() -> 0.5);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioRetriesAsExpected() {
        assertTrue(FILE.path("retry_scenarios").size() > 0, "the vectors have no retry scenarios");
        return VectorsTest.stream(FILE.path("retry_scenarios")).map(scenario -> DynamicTest.dynamicTest(
                scenario.path("name").asText(), () -> {
                    FakeApi api = new FakeApi(scenario.path("responses"));
                    HttpResponse<String> response = null;
                    ApiException error = null;
                    IOException failure = null;
                    JsonNode request = scenario.path("request");
                    String body = request.path("body").asText("");
                    // Java has no streamed body to tell apart: java.net.http reads ofByteArray,
                    // ofString and ofFile afresh for each send, and ofInputStream calls its
                    // supplier again (which must open a new stream).
                    Assumptions.assumeFalse(body.equals("stream"), "java.net.http bodies are sent whole on every attempt");
                    assertTrue(body.isEmpty(), "request body " + body + " is not known to this harness");
                    String method = request.path("method").asText("GET");
                    Retry retry = api.retry(RetryPolicy.defaults());
                    try {
                        response = request.path("idempotency_key").asBoolean(false)
                                ? retry.send(method, Retry.newIdempotencyKey(), api::call)
                                : retry.send(method, api::call);
                    } catch (ApiException e) {
                        error = e;
                    } catch (java.net.ConnectException e) {
                        failure = e;
                    }
                    JsonNode expect = scenario.path("expect");
                    for (Map.Entry<String, JsonNode> field : expect.properties()) {
                        String key = field.getKey();
                        JsonNode want = expect.path(key);
                        switch (key) {
                            case "outcome" -> {
                                if (want.asText().equals("success")) {
                                    assertTrue(error == null && failure == null && response != null && response.statusCode() < 400, "want success, got " + error + " / " + failure);
                                } else if (want.asText().equals("network_error")) {
                                    assertTrue(failure != null && error == null && response == null, "want the network failure, got " + error);
                                } else {
                                    assertTrue(error != null && response == null, "want an error");
                                }
                            }
                            case "attempts" -> assertEquals(want.asInt(), api.calls, "attempts");
                            case "delays_ms" -> {
                                assertEquals(want.size(), api.sleeps.size(), "delays " + api.sleeps);
                                for (int i = 0; i < want.size(); i++) {
                                    double got = api.sleeps.get(i).toNanos() / 1e6;
                                    assertEquals(want.get(i).asDouble(), got, 1e-6, "delay " + (i + 1));
                                }
                            }
                            case "status" -> assertEquals(want.asInt(), error == null ? -1 : error.status(), "status");
                            case "code" -> assertEquals(want.asText(), error == null ? null : error.code().orElse(null), "code");
                            default -> fail("the harness does not know the expected field " + key);
                        }
                    }
                }));
    }

    private static RetryPolicy policy(int attempts, RetryPolicy.Jitter jitter, boolean network) {
        return new RetryPolicy(
                attempts,
                Duration.ofMillis(100),
                2,
                Duration.ofSeconds(1),
                jitter,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                network, Duration.ofHours(1), RetryPolicy.defaults().idempotentMethods());
    }

    /** A policy of the given idempotent methods, else as {@link #policy}. */
    private static RetryPolicy withMethods(String... methods) {
        RetryPolicy base = policy(3, RetryPolicy.Jitter.NONE, true);
        return new RetryPolicy(base.maxAttempts(), base.initialDelay(), base.multiplier(), base.maxDelay(),
                base.jitter(), base.defaultRetryAfter(), base.maxTotalDelay(), base.retryNetworkErrors(),
                base.retryAfterCap(), java.util.Set.of(methods));
    }

    @Test
    void methodsMatchIgnoringAsciiCaseOnly() {
        RetryPolicy own = withMethods("put", "Get");
        for (String method : List.of("PUT", "put", "gET")) {
            assertTrue(own.isIdempotent(method), method);
        }
        // A long s upper-cases to S, a dotless i to I: neither makes a method of the policy's.
        for (String method : List.of("POST", "OPTION\u017f", "OPT\u0131ONS")) {
            assertFalse(withMethods("GET", "OPTIONS").isIdempotent(method), method);
        }
    }

    @Test
    void networkErrorsAreRetriedWithBackoffOnlyWhenThePolicySays() throws Exception {
        for (boolean network : new boolean[] {true, false}) {
            AtomicInteger calls = new AtomicInteger();
            List<Duration> sleeps = new ArrayList<>();
            IOException failure = new IOException("connection refused");
            Retry retry = Retry.of(policy(3, RetryPolicy.Jitter.NONE, network)).withSleeper(sleeps::add);
            IOException thrown = assertThrows(IOException.class, () -> retry.send("GET", () -> {
                calls.incrementAndGet();
                throw failure;
            }));
            assertSame(failure, thrown);
            assertEquals(network ? 3 : 1, calls.get());
            assertEquals(network ? List.of(Duration.ofMillis(100), Duration.ofMillis(200)) : List.of(), sleeps);
        }
    }

    @Test
    void theThreeJitterModesAndTheCap() throws Exception {
        int status = backoffStatus();
        Map<RetryPolicy.Jitter, List<Long>> cases = Map.of(
                RetryPolicy.Jitter.NONE, List.of(1000L, 2000L, 4000L, 5000L),
                RetryPolicy.Jitter.FULL, List.of(250L, 500L, 1000L, 1250L),
                RetryPolicy.Jitter.EQUAL, List.of(625L, 1250L, 2500L, 3125L));
        for (Map.Entry<RetryPolicy.Jitter, List<Long>> c : cases.entrySet()) {
            RetryPolicy policy = new RetryPolicy(
                    5, Duration.ofSeconds(1), 2, Duration.ofSeconds(5), c.getKey(), Duration.ZERO, Duration.ofHours(1), false, Duration.ofHours(1), RetryPolicy.defaults().idempotentMethods());
            List<Duration> sleeps = new ArrayList<>();
            Retry retry = Retry.of(policy).withSleeper(sleeps::add).withRandom(() -> 0.25);
            assertThrows(ApiException.class, () -> retry.send("GET", () -> status(status)));
            assertEquals(c.getValue().stream().map(Duration::ofMillis).toList(), sleeps, c.getKey().name());
        }
    }

    @Test
    void interruptingTheThreadCancelsTheWait() throws Exception {
        int status = backoffStatus();
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch called = new CountDownLatch(1);
        RetryPolicy policy = new RetryPolicy(
                5, Duration.ofHours(1), 1, Duration.ofHours(1), RetryPolicy.Jitter.NONE, Duration.ZERO, Duration.ofDays(1), false, Duration.ofHours(1), RetryPolicy.defaults().idempotentMethods());
        Thread worker = new Thread(() -> {
            try {
                Retry.of(policy).send("GET", () -> {
                    calls.incrementAndGet();
                    called.countDown();
                    return status(status);
                });
            } catch (IOException | InterruptedException | RuntimeException e) {
                outcome.set(e);
            }
        });
        long started = System.nanoTime();
        worker.start();
        assertTrue(called.await(10, TimeUnit.SECONDS));
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "the wait was not cancelled");
        InterruptedException interrupted = assertInstanceOf(InterruptedException.class, outcome.get());
        assertEquals(1, interrupted.getSuppressed().length);
        assertEquals(status, assertInstanceOf(ApiException.class, interrupted.getSuppressed()[0]).status());
        assertEquals(1, calls.get());
    }

    @Test
    void anInterruptedThreadMakesNoCall() {
        AtomicInteger calls = new AtomicInteger();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Retry.withDefaults().send("GET", () -> {
            calls.incrementAndGet();
            return status(200);
        }));
        assertEquals(0, calls.get());
    }

    @Test
    void theRealSleepWorksOnATinyPolicy() throws Exception {
        int status = backoffStatus();
        RetryPolicy policy = new RetryPolicy(
                2, Duration.ofMillis(1), 1, Duration.ofMillis(1), RetryPolicy.Jitter.NONE, Duration.ZERO, Duration.ofSeconds(1), false, Duration.ofHours(1), RetryPolicy.defaults().idempotentMethods());
        AtomicInteger calls = new AtomicInteger();
        HttpResponse<String> response = Retry.of(policy).send("GET", () -> calls.incrementAndGet() == 1 ? status(status) : status(200));
        assertEquals(200, response.statusCode());
        assertEquals(2, calls.get());
    }

    @Test
    void aPolicyOfOneAttemptOrNoneNeverRetries() {
        for (int attempts : new int[] {1, 0, -1}) {
            AtomicInteger calls = new AtomicInteger();
            Retry retry = Retry.of(RetryPolicy.defaults().withMaxAttempts(attempts)).withSleeper(delay -> fail("slept"));
            assertThrows(ApiException.class, () -> retry.send("GET", () -> {
                calls.incrementAndGet();
                return status(503);
            }));
            assertEquals(1, calls.get(), "max attempts " + attempts);
        }
    }

    @Test
    void anyClientWorksThroughRun() throws Exception {
        List<Integer> statuses = new ArrayList<>(List.of(backoffStatus(), 200));
        List<Duration> sleeps = new ArrayList<>();
        int status = Retry.withDefaults().withSleeper(sleeps::add).withRandom(() -> 0.5).run(
                "GET",
                () -> statuses.remove(0),
                code -> code < 400 ? java.util.Optional.empty() : java.util.Optional.of(
                        com.scriptix.errors.ApiErrors.parse(code, Map.of(), "")));
        assertEquals(200, status);
        assertEquals(1, sleeps.size());
    }

    private static HttpResponse<String> status(int status) {
        return new Support.FakeResponse(status, Map.of(), "");
    }
}
