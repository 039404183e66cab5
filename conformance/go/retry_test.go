package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	scriptixerrors "github.com/scriptix/scriptix-errors-go"
)

// fakeAPI replays responses, one per call, and records the sleeps of Do.
type fakeAPI struct {
	t         *testing.T
	responses []response
	// streamed makes each response answer a request whose body was a stream.
	streamed bool
	calls    int
	sleeps   []time.Duration
}

func (f *fakeAPI) call(context.Context) (*http.Response, error) {
	if f.calls >= len(f.responses) {
		f.t.Fatalf("call %d, but the scenario has %d responses", f.calls+1, len(f.responses))
	}
	f.calls++
	next := f.responses[f.calls-1]
	if next.NetworkError {
		return nil, &url.Error{Op: "Get", URL: "http://127.0.0.1:1", Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}
	}
	resp := next.httpResponse()
	if f.streamed {
		// A body net/http cannot read again, as a file would be: GetBody stays nil.
		req, err := http.NewRequest(http.MethodPut, "http://127.0.0.1:1/v1/thing", io.NopCloser(strings.NewReader("audio")))
		if err != nil {
			f.t.Fatal(err)
		}
		resp.Request = req
	}
	return resp, nil
}

func (f *fakeAPI) sleep(_ context.Context, d time.Duration) error {
	f.sleeps = append(f.sleeps, d)
	return nil
}

// options fix the random source at 0.5, as the scenarios assume, and record sleeps.
func (f *fakeAPI) options() []scriptixerrors.RetryOption {
	return []scriptixerrors.RetryOption{
		scriptixerrors.WithSleep(f.sleep),
		scriptixerrors.WithRandom(func() float64 { return 0.5 }),
	}
}

func TestRetryScenarios(t *testing.T) {
	file := loadVectors(t)
	if len(file.RetryScenarios) == 0 {
		t.Fatal("the vectors have no retry scenarios")
	}
	for _, s := range file.RetryScenarios {
		t.Run(s.Name, func(t *testing.T) {
			api := &fakeAPI{t: t, responses: s.Responses}
			switch s.Request.Body {
			case "":
			case "stream":
				api.streamed = true
			default:
				t.Fatalf("request body %q is not known to this harness", s.Request.Body)
			}
			method, options := http.MethodGet, api.options()
			if s.Request.Method != "" {
				method = s.Request.Method
			}
			if s.Request.IdempotencyKey {
				options = append(options, scriptixerrors.WithIdempotencyKey(scriptixerrors.NewIdempotencyKey()))
			}
			resp, err := scriptixerrors.Do(context.Background(), scriptixerrors.DefaultRetryPolicy(), method, api.call, options...)
			keys := make([]string, 0, len(s.Expect))
			for key := range s.Expect {
				keys = append(keys, key)
			}
			sort.Strings(keys)
			var apiErr *scriptixerrors.Error
			for _, key := range keys {
				want := s.Expect[key]
				switch key {
				case "outcome":
					switch want {
					case "success":
						if err != nil || resp == nil || resp.StatusCode >= 400 {
							t.Errorf("outcome: got (%v, %v), want success", resp, err)
						}
					case "error":
						if resp != nil || !errors.As(err, &apiErr) {
							t.Errorf("outcome: got (%v, %v), want an *Error", resp, err)
						}
					case "network_error":
						if resp != nil || !errors.Is(err, syscall.ECONNREFUSED) {
							t.Errorf("outcome: got (%v, %v), want the network failure", resp, err)
						}
					default:
						t.Errorf("unknown outcome %v", want)
					}
				case "attempts":
					if !jsonEqual(json.Number(fmt.Sprint(api.calls)), want) {
						t.Errorf("attempts: got %d, want %v", api.calls, want)
					}
				case "delays_ms":
					wanted, _ := want.([]any)
					if len(wanted) != len(api.sleeps) {
						t.Errorf("delays: got %v, want %v ms", api.sleeps, want)
						break
					}
					for i, w := range wanted {
						number, _ := w.(json.Number)
						ms, err := number.Float64()
						got := float64(api.sleeps[i]) / float64(time.Millisecond)
						if err != nil || math.Abs(got-ms) > 1e-6 {
							t.Errorf("delay %d: got %v ms, want %v ms", i+1, got, w)
						}
					}
				case "status":
					if !errors.As(err, &apiErr) || !jsonEqual(json.Number(fmt.Sprint(apiErr.Status)), want) {
						t.Errorf("status: got %v, want %v", err, want)
					}
				case "code":
					if !errors.As(err, &apiErr) || string(apiErr.Code) != want {
						t.Errorf("code: got %v, want %v", err, want)
					}
				default:
					t.Errorf("the harness does not know the expected field %q", key)
				}
			}
			if resp != nil {
				_ = resp.Body.Close()
			}
		})
	}
}

// TestRetryNetworkErrors checks that failed calls (no response) are retried with
// backoff when the policy says so, and not otherwise.
func TestRetryNetworkErrors(t *testing.T) {
	policy := scriptixerrors.DefaultRetryPolicy()
	policy.MaxAttempts = 3
	policy.InitialDelay = 100 * time.Millisecond
	policy.Multiplier = 2
	policy.MaxDelay = time.Second
	policy.Jitter = scriptixerrors.JitterNone
	policy.MaxTotalDelay = time.Minute
	failure := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	for _, retry := range []bool{true, false} {
		policy.RetryNetworkErrors = retry
		calls := 0
		var sleeps []time.Duration
		_, err := scriptixerrors.Do(context.Background(), policy, http.MethodGet, func(context.Context) (*http.Response, error) {
			calls++
			return nil, failure
		}, scriptixerrors.WithSleep(func(_ context.Context, d time.Duration) error {
			sleeps = append(sleeps, d)
			return nil
		}))
		wantCalls, wantSleeps := 1, []time.Duration(nil)
		if retry {
			wantCalls, wantSleeps = 3, []time.Duration{100 * time.Millisecond, 200 * time.Millisecond}
		}
		if !errors.Is(err, failure) || calls != wantCalls || fmt.Sprint(sleeps) != fmt.Sprint(wantSleeps) {
			t.Errorf("retry %v: got %v after %d calls, sleeps %v; want %d calls, sleeps %v", retry, err, calls, sleeps, wantCalls, wantSleeps)
		}
	}
}

// TestRetryOnlyFailuresThatMayPass checks which failed calls Do retries: a refused
// connection to a real closed port and a timeout are; a typo'd URL scheme, a malformed URL
// and an error of the caller's own are returned after one call.
func TestRetryOnlyFailuresThatMayPass(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + listener.Addr().String() + "/"
	_ = listener.Close()
	client := &http.Client{Timeout: 5 * time.Second}
	get := func(target string) func(context.Context) (*http.Response, error) {
		return func(ctx context.Context) (*http.Response, error) {
			request, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
			if err != nil {
				return nil, err
			}
			return client.Do(request)
		}
	}
	timeout := &url.Error{Op: "Get", URL: "http://slow.test/", Err: &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}}
	cases := []struct {
		name      string
		call      func(context.Context) (*http.Response, error)
		wantCalls int
	}{
		{"refused connection", get(closed), 3},
		{"timeout", func(context.Context) (*http.Response, error) { return nil, timeout }, 3},
		{"typo'd scheme", get("htp://typo.test/"), 1},
		{"malformed URL", get("http://[::1"), 1},
		{"the caller's own error", func(context.Context) (*http.Response, error) { return nil, errors.New("no token configured") }, 1},
	}
	policy := scriptixerrors.DefaultRetryPolicy()
	policy.MaxAttempts = 3
	policy.RetryNetworkErrors = true
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			calls := 0
			call := func(ctx context.Context) (*http.Response, error) {
				calls++
				return c.call(ctx)
			}
			resp, err := scriptixerrors.Do(context.Background(), policy, http.MethodGet, call, scriptixerrors.WithSleep(func(context.Context, time.Duration) error { return nil }))
			if resp != nil {
				_ = resp.Body.Close()
			}
			if err == nil || calls != c.wantCalls {
				t.Errorf("got %v after %d calls, want an error after %d", err, calls, c.wantCalls)
			}
		})
	}
}

// backoffStatus is a status the catalog retries with backoff (503 in the Scriptix
// catalog); the test is skipped when it has none.
func backoffStatus(t *testing.T) int {
	t.Helper()
	statuses := loadVectors(t).RetryPolicy.BackoffStatuses
	if len(statuses) == 0 {
		t.Skip("the catalog retries no status with backoff")
	}
	return statuses[0]
}

// TestRetryJitter checks the three jitter modes and the delay cap.
func TestRetryJitter(t *testing.T) {
	status := backoffStatus(t)
	cases := []struct {
		jitter scriptixerrors.Jitter
		want   []time.Duration
	}{
		{scriptixerrors.JitterNone, []time.Duration{1000, 2000, 4000, 5000}},
		{scriptixerrors.JitterFull, []time.Duration{250, 500, 1000, 1250}},
		{scriptixerrors.JitterEqual, []time.Duration{625, 1250, 2500, 3125}},
	}
	for _, c := range cases {
		policy := scriptixerrors.RetryPolicy{
			MaxAttempts:   5,
			InitialDelay:  1000 * time.Millisecond,
			Multiplier:    2,
			MaxDelay:      5000 * time.Millisecond,
			Jitter:        c.jitter,
			MaxTotalDelay: time.Hour,
		}
		var sleeps []time.Duration
		_, err := scriptixerrors.Do(context.Background(), policy, http.MethodGet, func(context.Context) (*http.Response, error) {
			return response{Status: status}.httpResponse(), nil
		}, scriptixerrors.WithSleep(func(_ context.Context, d time.Duration) error {
			sleeps = append(sleeps, d)
			return nil
		}), scriptixerrors.WithRandom(func() float64 { return 0.25 }))
		want := make([]time.Duration, len(c.want))
		for i, ms := range c.want {
			want[i] = ms * time.Millisecond
		}
		if err == nil || fmt.Sprint(sleeps) != fmt.Sprint(want) {
			t.Errorf("%s: sleeps %v, want %v (err %v)", c.jitter, sleeps, want, err)
		}
	}
}

// TestRetryStopsWhenTheContextIsDone checks that Do returns the context's error, joined
// with the last error, when the context ends while it waits, and does not call again.
func TestRetryStopsWhenTheContextIsDone(t *testing.T) {
	status := backoffStatus(t)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	start := time.Now()
	_, err := scriptixerrors.Do(ctx, scriptixerrors.DefaultRetryPolicy(), http.MethodGet, func(context.Context) (*http.Response, error) {
		calls++
		cancel()
		return response{Status: status}.httpResponse(), nil
	})
	var apiErr *scriptixerrors.Error
	if !errors.Is(err, context.Canceled) || !errors.As(err, &apiErr) || apiErr.Status != status || calls != 1 {
		t.Errorf("got %v after %d calls, want context.Canceled joined with the %d", err, calls, status)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("Do waited %v after the context was cancelled", elapsed)
	}
	// A context that is already done makes no call at all.
	calls = 0
	_, err = scriptixerrors.Do(ctx, scriptixerrors.DefaultRetryPolicy(), http.MethodGet, func(context.Context) (*http.Response, error) {
		calls++
		return nil, nil
	})
	if !errors.Is(err, context.Canceled) || calls != 0 {
		t.Errorf("done context: got %v after %d calls", err, calls)
	}
}

// TestRetryWithTheRealSleep runs Do with its own timer on a tiny policy.
func TestRetryWithTheRealSleep(t *testing.T) {
	status := backoffStatus(t)
	policy := scriptixerrors.RetryPolicy{MaxAttempts: 2, InitialDelay: time.Millisecond, Multiplier: 1, MaxDelay: time.Millisecond, Jitter: scriptixerrors.JitterNone, MaxTotalDelay: time.Second}
	responses := []response{{Status: status}, {Status: 200, Body: "{}"}}
	calls := 0
	resp, err := scriptixerrors.Do(context.Background(), policy, http.MethodGet, func(context.Context) (*http.Response, error) {
		calls++
		return responses[calls-1].httpResponse(), nil
	})
	if err != nil || resp.StatusCode != 200 || calls != 2 {
		t.Fatalf("got (%v, %v) after %d calls", resp, err, calls)
	}
	_ = resp.Body.Close()
}

// TestRetryAtMostOnce checks that a policy of one attempt (or none) never retries.
func TestRetryAtMostOnce(t *testing.T) {
	for _, attempts := range []int{1, 0, -1} {
		policy := scriptixerrors.DefaultRetryPolicy()
		policy.MaxAttempts = attempts
		calls := 0
		_, err := scriptixerrors.Do(context.Background(), policy, http.MethodGet, func(context.Context) (*http.Response, error) {
			calls++
			return response{Status: 503}.httpResponse(), nil
		}, scriptixerrors.WithSleep(func(context.Context, time.Duration) error {
			t.Fatal("slept")
			return nil
		}))
		if err == nil || calls != 1 {
			t.Errorf("MaxAttempts %d: got %v after %d calls", attempts, err, calls)
		}
	}
}

// A PUT whose body is a file is answered 500 once and not sent again; the same PUT with
// its body in a bytes.Reader is retried. Both through net/http and a real server.
func TestStreamedBodyIsNeverSentAgain(t *testing.T) {
	var hits atomic.Int32
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer server.Close()
	path := filepath.Join(t.TempDir(), "audio.bin")
	if err := os.WriteFile(path, bytes.Repeat([]byte("x"), 100_000), 0o600); err != nil {
		t.Fatal(err)
	}
	audio, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = audio.Close() }()
	policy := scriptixerrors.DefaultRetryPolicy()
	noSleep := scriptixerrors.WithSleep(func(context.Context, time.Duration) error { return nil })
	put := func(body io.Reader) func(ctx context.Context) (*http.Response, error) {
		return func(ctx context.Context) (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPut, server.URL, body)
			if err != nil {
				return nil, err
			}
			return server.Client().Do(req)
		}
	}
	_, err = scriptixerrors.Do(context.Background(), policy, http.MethodPut, put(audio), noSleep)
	var apiErr *scriptixerrors.Error
	if hits.Load() != 1 || !errors.As(err, &apiErr) || apiErr.Status != http.StatusInternalServerError || !strings.Contains(err.Error(), "not retried") {
		t.Errorf("a file body: %d requests, error %v; want 1 and a 500 that says why it was not retried", hits.Load(), err)
	}
	hits.Store(0)
	body := bytes.NewReader(bytes.Repeat([]byte("x"), 100_000))
	_, err = scriptixerrors.Do(context.Background(), policy, http.MethodPut, func(ctx context.Context) (*http.Response, error) {
		_, _ = body.Seek(0, io.SeekStart)
		return put(body)(ctx)
	}, noSleep)
	if int(hits.Load()) != policy.MaxAttempts || !errors.As(err, &apiErr) {
		t.Errorf("a bytes.Reader body: %d requests, error %v; want %d", hits.Load(), err, policy.MaxAttempts)
	}
}

// TestIsIdempotentIgnoresASCIICaseOnly checks that a policy's methods match in any ASCII
// case, its own as well, and that Unicode look-alikes do not.
func TestIsIdempotentIgnoresASCIICaseOnly(t *testing.T) {
	own := scriptixerrors.RetryPolicy{IdempotentMethods: []string{"put", "Get"}}
	for _, method := range []string{"PUT", "put", "gET"} {
		if !own.IsIdempotent(method) {
			t.Errorf("IsIdempotent(%q) = false with the methods %q", method, own.IdempotentMethods)
		}
	}
	// A long s folds to s (strings.EqualFold), a dotless i upper-cases to I: neither
	// makes a method of the policy's.
	for _, method := range []string{"POST", "OPTION\u017f", "OPT\u0131ONS", "P\u212aT"} {
		if (scriptixerrors.RetryPolicy{IdempotentMethods: []string{"OPTIONS", "PKT"}}).IsIdempotent(method) {
			t.Errorf("IsIdempotent(%q) = true with the methods OPTIONS and PKT", method)
		}
	}
}
