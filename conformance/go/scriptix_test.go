//go:build !hostile

package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	scriptixerrors "github.com/scriptix/scriptix-errors-go"
)

// The tests in this file use the Scriptix catalog's names, as a developer would; the
// hostile-catalog run (-tags hostile) leaves them out.

// sentinels pairs every code with its Err variable.
var sentinels = []struct {
	code scriptixerrors.Code
	err  error
}{
	{scriptixerrors.CodeMissingAPIKey, scriptixerrors.ErrMissingAPIKey},
	{scriptixerrors.CodeInvalidAPIKey, scriptixerrors.ErrInvalidAPIKey},
	{scriptixerrors.CodeKeyRevoked, scriptixerrors.ErrKeyRevoked},
	{scriptixerrors.CodeKeyExpired, scriptixerrors.ErrKeyExpired},
	{scriptixerrors.CodeInsufficientPermissions, scriptixerrors.ErrInsufficientPermissions},
	{scriptixerrors.CodeValidationError, scriptixerrors.ErrValidationError},
	{scriptixerrors.CodeMissingField, scriptixerrors.ErrMissingField},
	{scriptixerrors.CodeInvalidFormat, scriptixerrors.ErrInvalidFormat},
	{scriptixerrors.CodeUnsupportedLanguage, scriptixerrors.ErrUnsupportedLanguage},
	{scriptixerrors.CodeUnsupportedFormat, scriptixerrors.ErrUnsupportedFormat},
	{scriptixerrors.CodeDocumentNotFound, scriptixerrors.ErrDocumentNotFound},
	{scriptixerrors.CodeModelNotFound, scriptixerrors.ErrModelNotFound},
	{scriptixerrors.CodeGlossaryNotFound, scriptixerrors.ErrGlossaryNotFound},
	{scriptixerrors.CodeSessionNotFound, scriptixerrors.ErrSessionNotFound},
	{scriptixerrors.CodeQuotaExceeded, scriptixerrors.ErrQuotaExceeded},
	{scriptixerrors.CodeStorageExceeded, scriptixerrors.ErrStorageExceeded},
	{scriptixerrors.CodeModelLimitExceeded, scriptixerrors.ErrModelLimitExceeded},
	{scriptixerrors.CodeRateLimitExceeded, scriptixerrors.ErrRateLimitExceeded},
	{scriptixerrors.CodeFileTooLarge, scriptixerrors.ErrFileTooLarge},
	{scriptixerrors.CodeInvalidFile, scriptixerrors.ErrInvalidFile},
	{scriptixerrors.CodeUnsupportedCodec, scriptixerrors.ErrUnsupportedCodec},
	{scriptixerrors.CodeModelInUse, scriptixerrors.ErrModelInUse},
	{scriptixerrors.CodeModelNotReady, scriptixerrors.ErrModelNotReady},
	{scriptixerrors.CodeTrainingInProgress, scriptixerrors.ErrTrainingInProgress},
	{scriptixerrors.CodeInsufficientData, scriptixerrors.ErrInsufficientData},
	{scriptixerrors.CodeInternalError, scriptixerrors.ErrInternalError},
	{scriptixerrors.CodeServiceUnavailable, scriptixerrors.ErrServiceUnavailable},
	{scriptixerrors.CodeTimeout, scriptixerrors.ErrTimeout},
}

// TestSentinels checks that errors.Is matches each code's Err variable, through
// wrapping, and no other code's.
func TestSentinels(t *testing.T) {
	if len(sentinels) != len(scriptixerrors.AllCodes()) {
		t.Fatalf("%d Err variables listed, %d codes", len(sentinels), len(scriptixerrors.AllCodes()))
	}
	for _, s := range sentinels {
		body := fmt.Sprintf(`{"error": "E", "message": "M", "error_code": %q}`, s.code)
		err := fmt.Errorf("wrapped: %w", scriptixerrors.Parse(400, nil, []byte(body)))
		for _, other := range sentinels {
			if got, want := errors.Is(err, other.err), other.code == s.code; got != want {
				t.Errorf("errors.Is(%s error, Err of %s) = %v", s.code, other.code, got)
			}
		}
	}
	unknown := scriptixerrors.Parse(400, nil, []byte(`{"message": "M", "error_code": "BRAND_NEW"}`))
	for _, s := range sentinels {
		if errors.Is(unknown, s.err) {
			t.Errorf("an unknown code matches Err of %s", s.code)
		}
	}
}

// TestTypedDetails reads typed details the way the README shows.
func TestTypedDetails(t *testing.T) {
	parse := func(status int, body string) error {
		return fmt.Errorf("calling the API: %w", scriptixerrors.Parse(status, nil, []byte(body)))
	}
	err := parse(402, `{"error": "Quota Exceeded", "message": "Monthly transcription quota exceeded", "error_code": "QUOTA_EXCEEDED", "details": {"quota_limit": 100, "quota_used": 120, "quota_unit": "hours", "new_field": true}}`)
	quota, ok := scriptixerrors.DetailsAs[scriptixerrors.QuotaExceededDetails](err)
	if !ok || *quota != (scriptixerrors.QuotaExceededDetails{QuotaLimit: 100, QuotaUsed: 120, QuotaUnit: "hours"}) {
		t.Errorf("QUOTA_EXCEEDED details: %+v, %v", quota, ok)
	}
	if _, ok := scriptixerrors.DetailsAs[scriptixerrors.StorageExceededDetails](err); ok {
		t.Error("QUOTA_EXCEEDED details read as STORAGE_EXCEEDED details")
	}

	err = parse(422, `{"error": "Validation Error", "message": "Invalid field values", "error_code": "VALIDATION_ERROR", "details": {"language": "Language 'xx' is not supported", "name": "Name cannot be empty"}}`)
	validation, ok := scriptixerrors.DetailsAs[scriptixerrors.ValidationErrorDetails](err)
	want := map[string]string{"language": "Language 'xx' is not supported", "name": "Name cannot be empty"}
	if !ok || !reflect.DeepEqual(validation.Extra, want) {
		t.Errorf("VALIDATION_ERROR details: %+v, %v", validation, ok)
	}
	err = parse(422, `{"error": "Validation Error", "message": "Invalid field values", "error_code": "VALIDATION_ERROR", "details": {"language": 1}}`)
	if _, ok := scriptixerrors.DetailsAs[scriptixerrors.ValidationErrorDetails](err); ok {
		t.Error("VALIDATION_ERROR details with a number value are typed")
	}

	err = parse(400, `{"error": "Bad Request", "message": "Unsupported audio format", "error_code": "UNSUPPORTED_FORMAT", "details": {"supported_formats": ["mp3", "wav"]}}`)
	formats, ok := scriptixerrors.DetailsAs[scriptixerrors.UnsupportedFormatDetails](err)
	if !ok || !reflect.DeepEqual(formats.SupportedFormats, []string{"mp3", "wav"}) {
		t.Errorf("UNSUPPORTED_FORMAT details: %+v, %v", formats, ok)
	}
	err = parse(400, `{"error": "Bad Request", "message": "Unsupported audio format", "error_code": "UNSUPPORTED_FORMAT", "details": {"supported_formats": ["mp3", 3]}}`)
	if _, ok := scriptixerrors.DetailsAs[scriptixerrors.UnsupportedFormatDetails](err); ok {
		t.Error("UNSUPPORTED_FORMAT details with a number in the list are typed")
	}

	err = parse(400, `{"error": "Bad Request", "message": "Not enough training data", "error_code": "INSUFFICIENT_DATA", "details": {"hours_provided": 3.5, "hours_required": 5}}`)
	hours, ok := scriptixerrors.DetailsAs[scriptixerrors.InsufficientDataDetails](err)
	if !ok || hours.HoursProvided != 3.5 || hours.HoursRequired != 5 {
		t.Errorf("INSUFFICIENT_DATA details: %+v, %v", hours, ok)
	}

	// Integers are JSON numbers with a whole value within ±(2^53 − 1), judged by value
	// as every client language parses them (so 1.0, 1e2 and -0 are integers).
	for _, value := range []string{"1.5", "1e-1", "9007199254740992", "-9007199254740993", `"5"`, "null", "true", "[1]"} {
		err = parse(409, `{"error": "Conflict", "message": "M", "error_code": "MODEL_IN_USE", "details": {"active_transcriptions": `+value+`}}`)
		if _, ok := scriptixerrors.DetailsAs[scriptixerrors.ModelInUseDetails](err); ok {
			t.Errorf("MODEL_IN_USE details with active_transcriptions %s are typed", value)
		}
	}
	for value, want := range map[string]int64{"0": 0, "1.0": 1, "1e2": 100, "-0": 0, "-9007199254740991": -9007199254740991, "9007199254740991": 9007199254740991} {
		err = parse(409, `{"error": "Conflict", "message": "M", "error_code": "MODEL_IN_USE", "details": {"active_transcriptions": `+value+`}}`)
		if d, ok := scriptixerrors.DetailsAs[scriptixerrors.ModelInUseDetails](err); !ok || d.ActiveTranscriptions != want {
			t.Errorf("MODEL_IN_USE details with active_transcriptions %s: %+v, %v", value, d, ok)
		}
	}

	// Codes without details have no typed details, and a missing details object is not
	// valid for a code with required fields.
	err = parse(401, `{"error": "Unauthorized", "message": "Missing API key", "error_code": "MISSING_API_KEY"}`)
	var apiErr *scriptixerrors.Error
	if !errors.As(err, &apiErr) || apiErr.TypedDetails() != nil || !apiErr.DetailsValid() {
		t.Errorf("MISSING_API_KEY: %#v", apiErr)
	}
	err = parse(402, `{"error": "Quota Exceeded", "message": "M", "error_code": "QUOTA_EXCEEDED"}`)
	if !errors.As(err, &apiErr) || apiErr.TypedDetails() != nil || apiErr.DetailsValid() {
		t.Errorf("QUOTA_EXCEEDED without details: %#v", apiErr)
	}
}

// TestErrorStrings checks what Error() says for each kind.
func TestErrorStrings(t *testing.T) {
	cases := []struct {
		status int
		body   string
		want   string
	}{
		{429, `{"error": "Rate Limit Exceeded", "message": "Slow down", "error_code": "RATE_LIMIT_EXCEEDED", "retry_after": 60}`, "scriptix: RATE_LIMIT_EXCEEDED (HTTP 429): Slow down"},
		{400, `{"message": "From the future", "error_code": "BRAND_NEW"}`, "scriptix: BRAND_NEW (HTTP 400): From the future"},
		{502, `<html>Bad Gateway</html>`, "scriptix: HTTP 502"},
		{503, ``, "scriptix: HTTP 503 Service Unavailable"},
		{422, `{"message": "No code"}`, "scriptix: HTTP 422: No code"},
	}
	for _, c := range cases {
		if got := scriptixerrors.Parse(c.status, nil, []byte(c.body)).Error(); got != c.want {
			t.Errorf("Parse(%d, %s).Error() = %q, want %q", c.status, c.body, got, c.want)
		}
	}
}

// TestErrorOutputs checks what a program prints, logs and marshals: Error() names the
// code, status and request ID; JSON has the kind by name and the delay in seconds; slog
// logs the group of facts support asks for.
func TestErrorOutputs(t *testing.T) {
	header := http.Header{}
	header.Set("X-Request-ID", "req_7")
	body := `{"error": "Rate Limit Exceeded", "message": "Slow down", "error_code": "RATE_LIMIT_EXCEEDED", "retry_after": 60}`
	err := scriptixerrors.Parse(429, header, []byte(body))
	if got, want := err.Error(), "scriptix: RATE_LIMIT_EXCEEDED (HTTP 429, request req_7): Slow down"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := scriptixerrors.Parse(503, header, nil).Error(), "scriptix: HTTP 503 Service Unavailable (request req_7)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	data, marshalErr := json.Marshal(err)
	if marshalErr != nil {
		t.Fatal(marshalErr)
	}
	var object map[string]any
	if err := json.Unmarshal(data, &object); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{"kind": "known", "code": "RATE_LIMIT_EXCEEDED", "status": 429.0, "retry_after_seconds": 60.0, "request_id": "req_7", "retryable": true} {
		if object[key] != want {
			t.Errorf("json %s = %v, want %v (%s)", key, object[key], want, data)
		}
	}
	if _, ok := object["RawBody"]; ok {
		t.Errorf("json carries the raw body: %s", data)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Error("call failed", "err", err)
	for _, want := range []string{`"code":"RATE_LIMIT_EXCEEDED"`, `"request_id":"req_7"`, `"status":429`, `"kind":"known"`} {
		if !strings.Contains(logged.String(), want) {
			t.Errorf("slog output lacks %s: %s", want, logged.String())
		}
	}
}

// TestRetryMode checks the mode Do follows: the code's for known codes, else the status
// table's.
func TestRetryMode(t *testing.T) {
	cases := []struct {
		status int
		body   string
		want   scriptixerrors.RetryMode
	}{
		{429, `{"message": "M", "error_code": "RATE_LIMIT_EXCEEDED"}`, scriptixerrors.RetryAfterDelay},
		{500, `{"message": "M", "error_code": "INTERNAL_ERROR"}`, scriptixerrors.RetryBackoff},
		{500, `{"message": "M", "error_code": "MISSING_API_KEY"}`, scriptixerrors.RetryNever},
		{504, `<html>`, scriptixerrors.RetryBackoff},
		// Scriptix's table has no 502: a gateway's page is retried with backoff by default.
		{502, `<html>Bad Gateway</html>`, scriptixerrors.RetryBackoff},
		{429, `{"message": "M", "error_code": "BRAND_NEW"}`, scriptixerrors.RetryAfterDelay},
		{418, ``, scriptixerrors.RetryNever},
	}
	for _, c := range cases {
		if got := scriptixerrors.Parse(c.status, nil, []byte(c.body)).RetryMode(); got != c.want {
			t.Errorf("Parse(%d, %s).RetryMode() = %s, want %s", c.status, c.body, got, c.want)
		}
	}
}

// TestRetryAfterDate checks that an HTTP date is counted from the current time.
func TestRetryAfterDate(t *testing.T) {
	at := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	e := scriptixerrors.Parse(429, http.Header{"Retry-After": {at}}, nil)
	if e.RetryAfter == nil || *e.RetryAfter < 85*time.Second || *e.RetryAfter > 91*time.Second {
		t.Errorf("Retry-After %s: %v", at, e.RetryAfter)
	}
}
