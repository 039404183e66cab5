package errcat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.scriptix.errors.ApiErrors;
import com.scriptix.errors.ApiException;
import com.scriptix.errors.ErrorCode;
import com.scriptix.errors.Locales;
import com.scriptix.errors.LocalizedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Error texts in other languages: the vectors' {@code localized} cases, read in their
 * locale. The title and message must be the translation's (along the locale's fallbacks),
 * filled with the error's values and the language's plural form, or the catalog's own
 * where there is none (or the server's own {@code LocalizedMessage}, which the error must
 * have read as the case expects).
 */
class LocalesTest {

    private static final JsonNode FILE = Support.vectors();
    private static final JsonNode LOCALIZED = FILE.path("localized");
    private static final Instant NOW = Instant.ofEpochSecond(FILE.path("now_epoch_seconds").asLong());

    @Test
    void theLocalesAreTheCatalogs() {
        List<String> expected = new ArrayList<>();
        LOCALIZED.path("locales").forEach(locale -> expected.add(locale.asText()));
        assertEquals(expected, Locales.ALL);
        assertEquals(LOCALIZED.path("source").asText(), Locales.ALL.get(0));
    }

    @TestFactory
    Stream<DynamicTest> everyCaseReadsAsExpected() {
        assertFalse(LOCALIZED.path("cases").isEmpty(), "the vectors have localized cases");
        return VectorsTest.stream(LOCALIZED.path("cases")).map(c -> DynamicTest.dynamicTest(c.path("name").asText(), () -> {
            JsonNode response = c.path("response");
            ApiException error = ApiErrors.parseAt(
                    NOW, response.path("status").asInt(), Support.headers(response), response.path("body").asText(""));
            String locale = c.path("locale").asText();
            JsonNode expect = c.path("expect");
            ErrorCode code = error.errorCode().orElseThrow();
            assertEquals(expect.path("code").asText(), code.wire());
            assertEquals(expect.path("title").asText(), Locales.titleIn(code, locale));
            JsonNode template = expect.path("template");
            assertEquals(
                    template.isNull() ? Optional.empty() : Optional.of(template.asText()),
                    Locales.messageTemplateIn(code, locale));
            assertEquals(expect.path("message").asText(), error.localizedMessage(locale));
            JsonNode server = expect.path("server_localized");
            assertFalse(server.isMissingNode(), "the case has expect.server_localized");
            assertEquals(
                    server.isNull()
                            ? Optional.empty()
                            : Optional.of(new LocalizedMessage(server.path("locale").asText(), server.path("message").asText())),
                    error.serverLocalized());
        }));
    }

    @Test
    void anErrorWithoutAKnownCodeKeepsItsMessage() {
        ApiException proxy = ApiErrors.parseAt(NOW, 502, Map.of(), "<html>");
        for (String locale : Locales.ALL) {
            assertEquals(proxy.message(), proxy.localizedMessage(locale));
        }
    }

    @Test
    void acceptLanguagePicksTheBestSupportedLocale() {
        assumeTrue(Locales.ALL.equals(List.of("en", "de", "de-CH", "fr")), "the shipped catalog's locales");
        Map<String, String> cases = Map.of(
                "de-CH, de;q=0.9, en;q=0.8", "de-CH",
                "de-AT", "de",
                "ja, fr;q=0.5", "fr",
                "fr;q=0.2, de;q=0.7", "de",
                "de;q=0, fr;q=0.1", "fr",
                "*", "en",
                "", "en",
                "x-klingon;q=abc, ;;, de;q=2", "en");
        cases.forEach((header, expected) -> assertEquals(expected, Locales.negotiate(header), header));
    }
}
