package errcat.conformance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** What the tests share: the vectors file, JSON values compared by value, fake responses. */
final class Support {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private Support() {}

    /** generated/conformance/vectors.json, or the file the {@code errcat.vectors} property names. */
    static JsonNode vectors() {
        JsonNode file = read(Path.of(System.getProperty("errcat.vectors", "../../generated/conformance/vectors.json")));
        if (file.path("format").asInt() != 1 || file.path("vectors").size() == 0) {
            throw new IllegalStateException("the vectors are not format 1 or have no vector");
        }
        return file;
    }

    /** A JSON file, parsed with every number kept exactly. */
    static JsonNode read(Path path) {
        try {
            return JSON.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (run `cargo xtask generate`)", e);
        }
    }

    /** Text as JSON, parsed the same way. */
    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text as JSON, parsed the same way, or null when it is not JSON. */
    static JsonNode parseOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** The JSON value text holds, as {@link #plain} makes it, or null when it is not JSON. */
    static Object plainOrNull(String text) {
        JsonNode node = parseOrNull(text);
        return node == null ? null : plain(node);
    }

    /**
     * A JSON value as the client represents it: {@code Map}, {@code List}, {@code String},
     * {@code Boolean}, {@code BigDecimal} or null.
     */
    static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                map.put(entry.getKey(), plain(entry.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.textValue();
    }

    /** Whether two plain JSON values are equal, numbers by value (5 equals 5.0). */
    static boolean jsonEquals(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !jsonEquals(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!jsonEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** A recorded response's headers, names exactly as recorded. */
    static Map<String, List<String>> headers(JsonNode response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.path("headers").properties().forEach(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
        return headers;
    }

    /** A recorded response as the JDK's client would return it. */
    static HttpResponse<String> response(JsonNode response) {
        return new FakeResponse(response.path("status").asInt(), headers(response), response.path("body").asText(""));
    }

    /** An {@link HttpResponse} with a status, headers and a string body. */
    record FakeResponse(int statusCode, Map<String, List<String>> headerMap, String body)
            implements HttpResponse<String> {
        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(headerMap, (name, value) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return URI.create("http://127.0.0.1/");
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
