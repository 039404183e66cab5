// Package conformance checks the generated Go client against the shared conformance
// vectors (../../generated/conformance/vectors.json, or the file named by
// ERRCAT_VECTORS), the retry scenarios and the demo service.
package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	scriptixerrors "github.com/scriptix/scriptix-errors-go"
)

// vectorsFile is conformance/vectors.json (format 1).
type vectorsFile struct {
	Format int `json:"format"`
	// Profile is the catalog's wire profile: flat, problem, google or nested.
	Profile         string `json:"profile"`
	NowEpochSeconds int64  `json:"now_epoch_seconds"`
	Limits          struct {
		MaxRetryAfterSeconds int64 `json:"max_retry_after_seconds"`
		MaxSafeInteger       int64 `json:"max_safe_integer"`
	} `json:"limits"`
	RetryPolicy struct {
		MaxAttempts              int      `json:"max_attempts"`
		InitialDelayMs           int64    `json:"initial_delay_ms"`
		Multiplier               float64  `json:"multiplier"`
		MaxDelayMs               int64    `json:"max_delay_ms"`
		Jitter                   string   `json:"jitter"`
		DefaultRetryAfterSeconds int64    `json:"default_retry_after_seconds"`
		MaxTotalDelaySeconds     int64    `json:"max_total_delay_seconds"`
		RetryNetworkErrors       bool     `json:"retry_network_errors"`
		RetryAfterCapSeconds     int64    `json:"retry_after_cap_seconds"`
		IdempotentMethods        []string `json:"idempotent_methods"`
		BackoffStatuses          []int    `json:"backoff_statuses"`
		DelayStatuses            []int    `json:"delay_statuses"`
		DefaultedStatuses        []struct {
			Code  int    `json:"code"`
			Retry string `json:"retry"`
		} `json:"defaulted_statuses"`
	} `json:"retry_policy"`
	Codes []struct {
		Code       string `json:"code"`
		Status     int    `json:"status"`
		Category   string `json:"category"`
		Title      string `json:"title"`
		Retryable  bool   `json:"retryable"`
		Retry      string `json:"retry"`
		DocURL     string `json:"doc_url"`
		GRPCStatus string `json:"grpc_status"`
	} `json:"codes"`
	// HeaderNameCases are the spellings of header names every vector is read with.
	HeaderNameCases []string   `json:"header_name_cases"`
	Vectors         []vector   `json:"vectors"`
	RetryScenarios  []scenario `json:"retry_scenarios"`
	Localized       localized  `json:"localized"`
}

// response is a recorded HTTP response: headers as sent, the body as raw text.
type response struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
	// NetworkError marks a retry scenario's attempt that gets no response at all.
	NetworkError bool `json:"network_error"`
}

type vector struct {
	Name     string         `json:"name"`
	Response response       `json:"response"`
	Expect   map[string]any `json:"expect"`
}

type scenario struct {
	Name string `json:"name"`
	// Request is the request's method (GET when empty) and whether it carries an
	// idempotency key.
	Request struct {
		Method         string `json:"method"`
		IdempotencyKey bool   `json:"idempotency_key"`
		// Body is "stream" when the request's body was read as it was sent.
		Body string `json:"body"`
	} `json:"request"`
	Responses []response     `json:"responses"`
	Expect    map[string]any `json:"expect"`
}

// loadVectors reads the vectors with numbers kept as json.Number, so that expected
// values compare digit for digit.
func loadVectors(t *testing.T) *vectorsFile {
	t.Helper()
	path := os.Getenv("ERRCAT_VECTORS")
	if path == "" {
		path = filepath.Join("..", "..", "generated", "conformance", "vectors.json")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("cannot read the vectors (run `cargo xtask generate`): %v", err)
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var file vectorsFile
	if err := decoder.Decode(&file); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if file.Format != 1 {
		t.Fatalf("%s: format %d, this harness reads format 1", path, file.Format)
	}
	if len(file.Vectors) == 0 {
		t.Fatalf("%s has no vectors", path)
	}
	return &file
}

// header builds the response headers the way net/http does.
func (r response) header() http.Header {
	return r.headerWith(func(name string) string { return name }, true)
}

// headerWith builds the response headers with every name spelt by spell. canonical adds
// them the way net/http does (Header.Add); otherwise the names stay exactly as spelt,
// which Parse must handle too.
func (r response) headerWith(spell func(string) string, canonical bool) http.Header {
	header := http.Header{}
	names := make([]string, 0, len(r.Headers))
	for name := range r.Headers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if canonical {
			header.Add(spell(name), r.Headers[name])
		} else {
			header[spell(name)] = append(header[spell(name)], r.Headers[name])
		}
	}
	return header
}

// nameSpelling is the spelling of header names that nameCase, one of the vectors'
// header_name_cases, stands for.
func nameSpelling(nameCase string) (func(string) string, error) {
	switch nameCase {
	case "as_sent":
		return func(name string) string { return name }, nil
	case "lower":
		return strings.ToLower, nil
	case "upper":
		return strings.ToUpper, nil
	}
	return nil, fmt.Errorf("header name case %q is not known to this harness", nameCase)
}

// httpResponse is the recorded response as net/http's client would return it.
func (r response) httpResponse() *http.Response {
	return &http.Response{
		Status:     fmt.Sprintf("%d %s", r.Status, http.StatusText(r.Status)),
		StatusCode: r.Status,
		Header:     r.header(),
		Body:       io.NopCloser(strings.NewReader(r.Body)),
	}
}

func TestVectors(t *testing.T) {
	file := loadVectors(t)
	now := time.Unix(file.NowEpochSeconds, 0)
	if len(file.HeaderNameCases) == 0 || file.HeaderNameCases[0] != "as_sent" {
		t.Fatalf("header_name_cases %q: want a list starting with as_sent", file.HeaderNameCases)
	}
	for _, v := range file.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			for _, nameCase := range file.HeaderNameCases {
				spell, err := nameSpelling(nameCase)
				if err != nil {
					t.Fatal(err)
				}
				for _, canonical := range []bool{true, false} {
					header := v.Response.headerWith(spell, canonical)
					got := scriptixerrors.ParseAt(now, v.Response.Status, header, []byte(v.Response.Body))
					for _, problem := range compare(got, v.Expect, file.Profile) {
						t.Errorf("%s names, canonical (Header.Add) %v: %s", nameCase, canonical, problem)
					}
				}
			}
		})
	}
}

// compare returns every difference between got and the expected classification of a
// response in profile.
func compare(got *scriptixerrors.Error, expect map[string]any, profile string) []string {
	var problems []string
	check := func(field string, got, want any) {
		if !jsonEqual(got, want) {
			problems = append(problems, fmt.Sprintf("%s: got %s, want %s", field, show(got), show(want)))
		}
	}
	fields := make([]string, 0, len(expect))
	for field := range expect {
		fields = append(fields, field)
	}
	sort.Strings(fields)
	for _, field := range fields {
		want := expect[field]
		switch field {
		case "kind":
			check(field, got.Kind.String(), want)
		case "status":
			check(field, json.Number(fmt.Sprint(got.Status)), want)
		case "code":
			check(field, zeroOrNull(string(got.Code), want), want)
		case "wire_code":
			check(field, zeroOrNull(got.WireCode, want), want)
		case "category":
			check(field, zeroOrNull(string(got.Category), want), want)
		case "title":
			check(field, zeroOrNull(got.Title, want), want)
		case "message":
			check(field, got.Message, want)
		case "details":
			var details any
			if got.Details != nil {
				details = got.Details
			}
			check(field, details, want)
		case "details_valid":
			check(field, got.DetailsValid(), want)
		case "retryable":
			check(field, got.Retryable, want)
		case "retry_after":
			var seconds any
			if got.RetryAfter != nil {
				if *got.RetryAfter%time.Second != 0 {
					problems = append(problems, fmt.Sprintf("retry_after: %v is not whole seconds", *got.RetryAfter))
				}
				seconds = json.Number(fmt.Sprint(int64(*got.RetryAfter / time.Second)))
			}
			check(field, seconds, want)
		case "request_id":
			check(field, zeroOrNull(got.RequestID, want), want)
		case "raw_body":
			check(field, got.RawBody, want)
		case "doc_url":
			check(field, zeroOrNull(got.DocURL, want), want)
		case "grpc_status":
			check(field, got.GRPCStatus, want)
		default:
			problems = append(problems, fmt.Sprintf("the harness does not know the expected field %q", field))
		}
	}
	problems = append(problems, checkTyped(got, expect, profile)...)
	return problems
}

// checkTyped checks the typed details against the raw ones: present exactly for known
// codes with valid details that declare any, and equal to the raw values key by key
// (in the google profile, where they are sent as text, to the value the text holds
// unless the typed value is a string).
func checkTyped(got *scriptixerrors.Error, expect map[string]any, profile string) []string {
	typed := got.TypedDetails()
	valid, _ := expect["details_valid"].(bool)
	if expect["kind"] != "known" || !valid {
		if typed != nil {
			return []string{fmt.Sprintf("typed details %#v for an error without valid known details", typed)}
		}
		return nil
	}
	if typed == nil {
		return nil // The code declares no details.
	}
	if reflect.TypeOf(typed).Kind() != reflect.Pointer || reflect.TypeOf(typed).Elem().Kind() != reflect.Struct {
		return []string{fmt.Sprintf("typed details are a %T, not a pointer to a struct", typed)}
	}
	data, err := json.Marshal(typed)
	if err != nil {
		return []string{fmt.Sprintf("typed details do not marshal: %v", err)}
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var fields map[string]any
	if err := decoder.Decode(&fields); err != nil {
		return []string{fmt.Sprintf("typed details do not decode: %v", err)}
	}
	var problems []string
	for key, value := range fields {
		raw, ok := got.Details[key]
		if text, isText := raw.(string); ok && isText && profile == "google" {
			if _, isString := value.(string); !isString {
				raw = decodeText(text)
			}
		}
		if !ok || !jsonEqual(value, raw) {
			problems = append(problems, fmt.Sprintf("typed details %q: %s, raw details: %s", key, show(value), show(raw)))
		}
	}
	return append(problems, checkFieldNames(typed, got.Details, profile == "google")...)
}

// checkFieldNames reads each struct field of the typed details through its Go name
// (ResourceID, QuotaLimit) and compares it with the raw value of the wire key it stands
// for (resourceId, quota_limit): the key with the same letters and digits. The JSON
// check above proves the tags; this one proves the names point at the right keys.
//
// With metadataAsText (the google profile) a raw value that is a string while the typed one
// is not is the JSON text of the value, and is decoded first.
func checkFieldNames(typed any, raw map[string]any, metadataAsText bool) []string {
	value := reflect.ValueOf(typed).Elem()
	var problems []string
	for i := 0; i < value.NumField(); i++ {
		field := value.Type().Field(i)
		if !field.IsExported() || field.Type.Kind() == reflect.Map {
			continue // The map of keys not declared is compared key by key above.
		}
		var keys []string
		for key := range raw {
			if normalName(key) == normalName(field.Name) {
				keys = append(keys, key)
			}
		}
		current := value.Field(i)
		if len(keys) == 0 {
			if !current.IsZero() {
				problems = append(problems, fmt.Sprintf("typed %s = %s matches no raw key", field.Name, show(current.Interface())))
			}
			continue
		}
		data, err := json.Marshal(current.Interface())
		if err != nil {
			problems = append(problems, fmt.Sprintf("typed %s does not marshal: %v", field.Name, err))
			continue
		}
		decoder := json.NewDecoder(bytes.NewReader(data))
		decoder.UseNumber()
		var decoded any
		if err := decoder.Decode(&decoded); err != nil {
			problems = append(problems, fmt.Sprintf("typed %s does not decode: %v", field.Name, err))
			continue
		}
		matched := false
		for _, key := range keys {
			sent := raw[key]
			if text, isText := sent.(string); isText && metadataAsText {
				if _, typedString := decoded.(string); !typedString {
					sent = decodeText(text)
				}
			}
			matched = matched || jsonEqual(decoded, sent)
		}
		if !matched {
			problems = append(problems, fmt.Sprintf("typed %s = %s, raw keys %v", field.Name, string(data), keys))
		}
	}
	return problems
}

// normalName is a name's ASCII letters and digits, lower-cased: ResourceID, resourceId,
// resource_id and resource-id all give resourceid.
func normalName(name string) string {
	var out strings.Builder
	for _, c := range name {
		switch {
		case c >= 'A' && c <= 'Z':
			out.WriteRune(c + ('a' - 'A'))
		case (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'):
			out.WriteRune(c)
		}
	}
	return out.String()
}

// decodeText is the JSON value of a details value sent as text; the text itself when it
// holds none.
func decodeText(text string) any {
	decoder := json.NewDecoder(strings.NewReader(text))
	decoder.UseNumber()
	var value any
	if err := decoder.Decode(&value); err != nil || decoder.More() {
		return text
	}
	return value
}

// zeroOrNull is got as the vectors write it: the client's empty string stands for an
// absent value (Go's zero value), and for an empty one when the vector expects that.
func zeroOrNull(got string, want any) any {
	if got == "" && want != "" {
		return nil
	}
	return got
}

func show(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(data)
}

// jsonEqual compares decoded JSON values; numbers compare by value, so 5 equals 5.0.
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		return ok && numbersEqual(x, y)
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for key, value := range x {
			other, ok := y[key]
			if !ok || !jsonEqual(value, other) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case nil, string, bool:
		return a == b
	}
	return false
}

func numbersEqual(a, b json.Number) bool {
	if a == b {
		return true
	}
	x, _, errX := big.ParseFloat(string(a), 10, 512, big.ToNearestEven)
	y, _, errY := big.ParseFloat(string(b), 10, 512, big.ToNearestEven)
	return errX == nil && errY == nil && x.Cmp(y) == 0
}

// TestFromResponse feeds every vector through FromResponse, as a net/http client
// would, and checks it classifies like ParseAt (up to the clock for HTTP dates).
func TestFromResponse(t *testing.T) {
	file := loadVectors(t)
	for _, v := range file.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			err := scriptixerrors.FromResponse(v.Response.httpResponse())
			if v.Response.Status < 400 {
				if err != nil {
					t.Fatalf("status %d: got %v, want nil", v.Response.Status, err)
				}
				return
			}
			var apiErr *scriptixerrors.Error
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %T, want *Error", err)
			}
			expect := make(map[string]any, len(v.Expect))
			for key, value := range v.Expect {
				expect[key] = value
			}
			for _, value := range v.Response.Headers {
				if strings.HasSuffix(value, " GMT") {
					delete(expect, "retry_after") // An HTTP date counts from the real clock here.
				}
			}
			for _, problem := range compare(apiErr, expect, file.Profile) {
				t.Error(problem)
			}
			if apiErr.Error() == "" {
				t.Errorf("Error() = %q", apiErr.Error())
			}
		})
	}
}

func TestFromResponseOnSuccessAndNil(t *testing.T) {
	for _, status := range []int{200, 201, 204, 301, 399} {
		resp := &http.Response{StatusCode: status, Body: io.NopCloser(strings.NewReader("{}"))}
		if err := scriptixerrors.FromResponse(resp); err != nil {
			t.Errorf("status %d: got %v, want nil", status, err)
		}
	}
	if err := scriptixerrors.FromResponse(nil); err != nil {
		t.Errorf("nil response: got %v, want nil", err)
	}
}

// TestFromResponseCapsAndClosesTheBody checks that a huge body is cut at MaxBodyBytes
// and closed.
func TestFromResponseCapsAndClosesTheBody(t *testing.T) {
	body := &closeRecorder{Reader: strings.NewReader(strings.Repeat("x", scriptixerrors.MaxBodyBytes+100))}
	err := scriptixerrors.FromResponse(&http.Response{StatusCode: 500, Body: body})
	var apiErr *scriptixerrors.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %T, want *Error", err)
	}
	if len(apiErr.RawBody) != scriptixerrors.MaxBodyBytes || !body.closed {
		t.Errorf("read %d bytes (want %d), closed %v", len(apiErr.RawBody), scriptixerrors.MaxBodyBytes, body.closed)
	}
}

type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error {
	c.closed = true
	return nil
}

// TestCodes checks the code table against the vectors' list of codes.
func TestCodes(t *testing.T) {
	file := loadVectors(t)
	all := scriptixerrors.AllCodes()
	if len(all) != len(file.Codes) {
		t.Fatalf("AllCodes has %d codes, the vectors %d", len(all), len(file.Codes))
	}
	for i, want := range file.Codes {
		if string(all[i]) != want.Code {
			t.Errorf("AllCodes()[%d] = %s, want %s", i, all[i], want.Code)
		}
		info, ok := scriptixerrors.Code(want.Code).Info()
		if !ok || !scriptixerrors.Code(want.Code).Known() {
			t.Errorf("%s: not known", want.Code)
			continue
		}
		got := fmt.Sprint(info.Code, info.Status, info.Category, info.Title, info.Retryable, info.Retry, info.DocURL,
			info.GRPCStatus)
		wanted := fmt.Sprint(want.Code, want.Status, want.Category, want.Title, want.Retryable, want.Retry,
			want.DocURL, want.GRPCStatus)
		if got != wanted {
			t.Errorf("%s: Info() = %s, want %s", want.Code, got, wanted)
		}
	}
	if _, ok := scriptixerrors.Code("NOT_A_CODE_OF_THE_CATALOG").Info(); ok {
		t.Error("an unknown code has Info")
	}
}

// TestRetryPolicy checks DefaultRetryPolicy against the vectors' retry policy.
func TestRetryPolicy(t *testing.T) {
	want := loadVectors(t).RetryPolicy
	got := scriptixerrors.DefaultRetryPolicy()
	checks := []struct {
		name      string
		got, want any
	}{
		{"max_attempts", got.MaxAttempts, want.MaxAttempts},
		{"initial_delay_ms", got.InitialDelay, time.Duration(want.InitialDelayMs) * time.Millisecond},
		{"multiplier", got.Multiplier, want.Multiplier},
		{"max_delay_ms", got.MaxDelay, time.Duration(want.MaxDelayMs) * time.Millisecond},
		{"jitter", string(got.Jitter), want.Jitter},
		{"default_retry_after_seconds", got.DefaultRetryAfter, time.Duration(want.DefaultRetryAfterSeconds) * time.Second},
		{"max_total_delay_seconds", got.MaxTotalDelay, time.Duration(want.MaxTotalDelaySeconds) * time.Second},
		{"retry_network_errors", got.RetryNetworkErrors, want.RetryNetworkErrors},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestStatusRetry checks the retry mode of every status the policy lists: the status
// table's rows and the defaults for the statuses it lacks.
func TestStatusRetry(t *testing.T) {
	policy := loadVectors(t).RetryPolicy
	for _, status := range policy.BackoffStatuses {
		if got := scriptixerrors.StatusRetry(status); got != scriptixerrors.RetryBackoff {
			t.Errorf("StatusRetry(%d) = %q, want backoff", status, got)
		}
	}
	for _, status := range policy.DelayStatuses {
		if got := scriptixerrors.StatusRetry(status); got != scriptixerrors.RetryAfterDelay {
			t.Errorf("StatusRetry(%d) = %q, want after_delay", status, got)
		}
	}
	for _, status := range policy.DefaultedStatuses {
		if got := scriptixerrors.StatusRetry(status.Code); string(got) != status.Retry {
			t.Errorf("StatusRetry(%d) = %q, want the default %q", status.Code, got, status.Retry)
		}
	}
}

// TestErrorsAs checks that errors.As finds the *Error of every vector in a wrapped
// error.
func TestErrorsAs(t *testing.T) {
	file := loadVectors(t)
	now := time.Unix(file.NowEpochSeconds, 0)
	for _, v := range file.Vectors {
		parsed := scriptixerrors.ParseAt(now, v.Response.Status, v.Response.header(), []byte(v.Response.Body))
		wrapped := fmt.Errorf("calling the API: %w", parsed)
		var apiErr *scriptixerrors.Error
		if !errors.As(wrapped, &apiErr) || apiErr != parsed {
			t.Errorf("%s: errors.As does not find the *Error", v.Name)
		}
	}
}

// hostileBodies are bodies beyond the vectors that the parser must survive.
var hostileBodies = []string{
	"", " ", "\uFEFF", "\uFEFF\uFEFF{}", "{", "}", "[", "[[[[[[[[[[", "null", "true", "0", "-0", "1e400",
	`"string"`, `{"message": null, "error_code": null}`, `{"message": "m", "error_code": ""}`,
	`{"message": "m", "error_code": "X", "details": null}`,
	`{"message": "m", "error_code": "X", "details": []}`,
	`{"message": "m", "error_code": "X", "retry_after": -1}`,
	`{"message": "m", "error_code": "X", "retry_after": 1e400}`,
	`{"message": "m", "error_code": "X", "retry_after": 18446744073709551616}`,
	`{"message": "\ud800", "error_code": "\udfff"}`,
	`{"message": "m", "error_code": "X"} trailing`,
	`{"a": 1, "a": 2}`,
	strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
	strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000),
	"\xff\xfe\xfd", "{\"message\": \"\xff\", \"error_code\": \"\xfe\"}",
	// Bodies of the other profiles, with every part of the wrong type.
	`{"type": null, "title": [], "status": "x", "detail": {}, "code": 1, "retry_after": "1", "instance": 2}`,
	`{"type": "about:blank", "detail": "d", "code": "X", "retry_after": 1e400, "x": [null]}`,
	`{"error": null}`, `{"error": []}`, `{"error": {"details": {}}}`, `{"error": {"details": [null, 1, "x", []]}}`,
	`{"error": {"message": "m", "status": 8, "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "X", "metadata": {"a": 1, "b": null}}]}}`,
	`{"error": {"message": "m", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "X", "metadata": null}, {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "1.0000000000s"}, {"@type": "type.googleapis.com/google.rpc.Help", "links": [null, {"url": 5}, {"url": ""}]}]}}`,
	`{"error": {"message": "m", "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "18446744073709551615.5s"}, {"@type": "type.googleapis.com/google.rpc.Help", "links": {}}]}}`,
	`{"error": {"type": 1, "code": "X", "message": "m", "doc_url": [], "retry_after": -0, "extra": {"deep": [1]}}}`,
}

// TestNeverPanics parses hostile bodies, and every prefix and some byte flips of every
// vector body, with hostile headers, under every status class.
func TestNeverPanics(t *testing.T) {
	file := loadVectors(t)
	bodies := append([]string(nil), hostileBodies...)
	mutatedCodes := 0
	for _, v := range file.Vectors {
		body := v.Response.Body
		for i := 0; i < len(body); i += 1 + len(body)/64 {
			bodies = append(bodies, body[:i])
			flipped := []byte(body)
			flipped[i] ^= 0x55
			bodies = append(bodies, string(flipped))
		}
		bodies = append(bodies, body)
		// Every hand-made vector's body, and a few codes' (a large catalog has thousands).
		code := strings.HasPrefix(v.Name, "code/")
		if !strings.HasPrefix(v.Name, "malformed/") && (!code || mutatedCodes < mutatedCodeBodies) {
			bodies = append(bodies, leafMutations(body)...)
			if code {
				mutatedCodes++
			}
		}
	}
	for _, code := range scriptixerrors.AllCodes() {
		for _, details := range []string{`null`, `[]`, `"x"`, `{"x": [1, "a", null]}`, `{"": {}}`} {
			bodies = append(bodies, fmt.Sprintf(`{"message": "m", "error_code": %q, "details": %s}`, code, details))
		}
	}
	headers := []http.Header{
		nil,
		{},
		{"Retry-After": {""}},
		{"Retry-After": {"Wed, 99 Foo 99999999999999999999 99:99:99 GMT"}},
		{"retry-after": {"Mon, 31 Feb 9999 23:59:60 GMT"}, "x-request-id": {"\x00\n"}},
		{"Retry-After": {"+1"}},
		{"RETRY-AFTER": {"99999999999999999999999999"}},
	}
	for _, status := range []int{-1, 0, 200, 418, 429, 500, 599, 1 << 30} {
		for _, header := range headers {
			for _, body := range bodies {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("Parse(%d, %v, %q) panicked: %v", status, header, body, r)
						}
					}()
					e := scriptixerrors.Parse(status, header, []byte(body))
					if e == nil || e.RawBody != body || e.Status != status || e.Error() == "" {
						t.Fatalf("Parse(%d, %q) = %#v", status, body, e)
					}
					if e.RetryAfter != nil && *e.RetryAfter < 0 {
						t.Fatalf("Parse(%d, %q): negative RetryAfter", status, body)
					}
				}()
			}
		}
	}
}

// mutatedCodeBodies is how many code/ vectors' bodies TestNeverPanics mutates.
const mutatedCodeBodies = 8

// leafValues replace each value of a body in leafMutations: text that is not the JSON
// its field may want, numbers beyond every limit, values of the wrong type.
var leafValues = []any{"[", "1e400", "9007199254740993", "-1.5s", "", nil, json.Number("1e400"), []any{map[string]any{}}}

// leafMutations are body with one of its scalar values (at any depth: the details, a
// google ErrorInfo's metadata, a Help link) replaced by each of leafValues.
func leafMutations(body string) []string {
	decoder := json.NewDecoder(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
	decoder.UseNumber()
	var root any
	if decoder.Decode(&root) != nil {
		return nil
	}
	var bodies []string
	for _, value := range leafValues {
		for _, mutated := range replaceLeaves(root, value) {
			if text, err := json.Marshal(mutated); err == nil {
				bodies = append(bodies, string(text))
			}
		}
	}
	return bodies
}

// replaceLeaves returns a copy of node for each scalar in it, with that scalar replaced
// by value.
func replaceLeaves(node, value any) []any {
	var copies []any
	switch n := node.(type) {
	case map[string]any:
		for key, child := range n {
			for _, replaced := range replaceLeaves(child, value) {
				c := make(map[string]any, len(n))
				for k, v := range n {
					c[k] = v
				}
				c[key] = replaced
				copies = append(copies, c)
			}
		}
	case []any:
		for i, child := range n {
			for _, replaced := range replaceLeaves(child, value) {
				c := append([]any(nil), n...)
				c[i] = replaced
				copies = append(copies, c)
			}
		}
	default:
		copies = append(copies, value)
	}
	return copies
}

// FuzzParse runs the vector bodies (and, with -fuzz, anything) through Parse.
func FuzzParse(f *testing.F) {
	for _, body := range hostileBodies {
		f.Add(400, "", body)
	}
	f.Add(429, "Wed, 21 Oct 2026 07:28:00 GMT", `{"message": "m", "error_code": "X", "retry_after": 5}`)
	f.Fuzz(func(t *testing.T, status int, retryAfter, body string) {
		e := scriptixerrors.Parse(status, http.Header{"Retry-After": {retryAfter}}, []byte(body))
		if e.RawBody != body {
			t.Fatalf("RawBody %q, want %q", e.RawBody, body)
		}
	})
}
