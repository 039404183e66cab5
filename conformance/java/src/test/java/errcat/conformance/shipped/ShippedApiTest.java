package errcat.conformance.shipped;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.scriptix.errors.ApiErrors;
import com.scriptix.errors.ApiException;
import com.scriptix.errors.AuthenticationException;
import com.scriptix.errors.ErrorCategory;
import com.scriptix.errors.ErrorCode;
import com.scriptix.errors.HttpException;
import com.scriptix.errors.QuotaExceededDetails;
import com.scriptix.errors.QuotaExceededException;
import com.scriptix.errors.QuotasException;
import com.scriptix.errors.UnknownCodeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped client as its users write it. */
class ShippedApiTest {

    /** What a caller does with each kind of error, through the sealed hierarchy. */
    private static String handle(ApiException error) {
        if (error instanceof QuotaExceededException quota) {
            return quota.typedDetails()
                    .map(d -> "quota " + d.quotaUsed() + "/" + d.quotaLimit() + " " + d.quotaUnit())
                    .orElse("quota, details unreadable");
        } else if (error instanceof QuotasException) {
            return "another quota";
        } else if (error instanceof AuthenticationException) {
            return "authentication";
        } else if (error instanceof UnknownCodeException unknown) {
            return "unknown " + unknown.code().orElseThrow();
        } else if (error instanceof HttpException http) {
            return "http " + http.status();
        }
        return "other " + error.errorCode().orElseThrow();
    }

    @Test
    void theSealedHierarchyReadsLikeTheCatalog() {
        String quota = "{\"error\":\"Quota Exceeded\",\"message\":\"Monthly transcription quota exceeded\","
                + "\"error_code\":\"QUOTA_EXCEEDED\",\"details\":{\"quota_limit\":100,\"quota_used\":100.0,\"quota_unit\":\"hours\"}}";
        ApiException error = ApiErrors.parse(402, Map.of("X-Request-ID", List.of("req_1")), quota);
        assertEquals("quota 100/100 hours", handle(error));
        assertEquals(new QuotaExceededDetails(100, 100, "hours"), error.typedDetails().orElseThrow());
        assertEquals(ErrorCategory.QUOTAS, error.category().orElseThrow());
        assertEquals(ErrorCode.QUOTA_EXCEEDED, QuotaExceededException.CODE);
        assertEquals("QUOTA_EXCEEDED (HTTP 402): Monthly transcription quota exceeded", error.getMessage());
        assertEquals("authentication", handle(ApiErrors.parse(401, null,
                "{\"error\":\"Unauthorized\",\"message\":\"Missing API key\",\"error_code\":\"MISSING_API_KEY\"}")));
        assertEquals("unknown BRAND_NEW", handle(ApiErrors.parse(400, null, "{\"message\":\"m\",\"error_code\":\"BRAND_NEW\"}")));
        assertEquals("http 502", handle(ApiErrors.parse(502, null, "<html>Bad Gateway</html>")));
        assertTrue(ErrorCode.RATE_LIMIT_EXCEEDED.retryable());
    }
}
