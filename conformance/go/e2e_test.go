//go:build !hostile

package conformance

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	scriptixerrors "github.com/scriptix/scriptix-errors-go"
)

// scenariosFile is conformance/e2e/scenarios.json (format 1; see the README next to it).
type scenariosFile struct {
	Format int `json:"format"`
	Demo   struct {
		Command          []string               `json:"command"`
		Args             []string               `json:"args"`
		Profiles         map[string]demoProfile `json:"profiles"`
		ReadyLine        string                 `json:"ready_line"`
		RequestIDHeader  string                 `json:"request_id_header"`
		RetryAfterHeader string                 `json:"retry_after_header"`
	} `json:"demo"`
	Scenarios []e2eScenario `json:"scenarios"`
	Successes []e2eScenario `json:"successes"`
}

// demoProfile is one wire profile the demo answers in: the flags that select it and the
// media type of its error bodies.
type demoProfile struct {
	Args        []string `json:"args"`
	ContentType string   `json:"content_type"`
}

// profile is the wire profile ERRCAT_DEMO_PROFILE names (default flat); the client under
// test must be rendered for it (errcat generate --profile).
func (file *scenariosFile) profile(t *testing.T) demoProfile {
	t.Helper()
	name := os.Getenv("ERRCAT_DEMO_PROFILE")
	if name == "" {
		name = "flat"
	}
	profile, ok := file.Demo.Profiles[name]
	if !ok {
		t.Fatalf("the scenarios have no demo profile %q (ERRCAT_DEMO_PROFILE)", name)
	}
	return profile
}

type e2eScenario struct {
	Name    string `json:"name"`
	Code    string `json:"code"`
	Request struct {
		Method  string            `json:"method"`
		Path    string            `json:"path"`
		Headers map[string]string `json:"headers"`
		Body    *struct {
			JSON        any    `json:"json"`
			Base64      string `json:"base64"`
			ContentType string `json:"content_type"`
		} `json:"body"`
	} `json:"request"`
	Repeat int            `json:"repeat"`
	Expect map[string]any `json:"expect"`
}

// TestEndToEnd starts the demo service, provokes every code through real requests and
// checks how the client classifies each response. SCRIPTIX_DEMO names a built demo
// binary; without it the demo runs with the scenarios' command (cargo run).
// ERRCAT_DEMO_PROFILE names the wire profile the demo answers in (default flat).
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the end-to-end scenarios start the demo service")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	file := loadScenarios(t, filepath.Join(root, "conformance", "e2e", "scenarios.json"))
	base := startDemo(t, root, file)
	client := &http.Client{Timeout: 30 * time.Second}

	covered := map[string]bool{}
	for _, s := range file.Scenarios {
		t.Run("error/"+s.Name, func(t *testing.T) {
			resp := send(t, client, base, s)
			header := resp.Header
			err := scriptixerrors.FromResponse(resp)
			var apiErr *scriptixerrors.Error
			if !errors.As(err, &apiErr) {
				t.Fatalf("status %d: FromResponse gave %v, want an *Error", resp.StatusCode, err)
			}
			checkE2E(t, file, s, apiErr, header)
			if apiErr.Kind == scriptixerrors.KindKnown {
				covered[string(apiErr.Code)] = true
			}
		})
	}
	for _, s := range file.Successes {
		t.Run("success/"+s.Name, func(t *testing.T) {
			resp := send(t, client, base, s)
			defer resp.Body.Close()
			if err := scriptixerrors.FromResponse(resp); err != nil {
				t.Errorf("FromResponse: %v, want nil", err)
			}
			if resp.Header.Get(file.Demo.RequestIDHeader) == "" {
				t.Errorf("no %s header", file.Demo.RequestIDHeader)
			}
			if want, ok := s.Expect["status"]; ok && !jsonEqual(json.Number(strconv.Itoa(resp.StatusCode)), want) {
				t.Errorf("status %d, want %v", resp.StatusCode, want)
			}
		})
	}
	for _, s := range file.Scenarios {
		if s.Code == string(scriptixerrors.CodeRateLimitExceeded) {
			t.Run("retry/"+s.Name, func(t *testing.T) { retryRateLimited(t, client, base, s) })
		}
	}
	for _, code := range scriptixerrors.AllCodes() {
		if !covered[string(code)] {
			t.Errorf("no scenario provoked %s", code)
		}
	}
}

// retryRateLimited sends the rate-limited request again through Do, after the
// scenario used up the key's window: Do waits what the server asks each time (with a
// recording sleep), then gives up with the RATE_LIMIT_EXCEEDED error.
func retryRateLimited(t *testing.T, client *http.Client, base string, s e2eScenario) {
	s.Repeat = 1
	var sleeps []time.Duration
	calls := 0
	_, err := scriptixerrors.Do(context.Background(), scriptixerrors.DefaultRetryPolicy(), s.Request.Method, func(context.Context) (*http.Response, error) {
		calls++
		return send(t, client, base, s), nil
	}, scriptixerrors.WithSleep(func(_ context.Context, d time.Duration) error {
		sleeps = append(sleeps, d)
		return nil
	}))
	var apiErr *scriptixerrors.Error
	if !errors.Is(err, scriptixerrors.ErrRateLimitExceeded) || !errors.As(err, &apiErr) || apiErr.RetryAfter == nil {
		t.Fatalf("Do gave %v, want RATE_LIMIT_EXCEEDED with a retry delay", err)
	}
	policy := scriptixerrors.DefaultRetryPolicy()
	if calls != policy.MaxAttempts || len(sleeps) != calls-1 {
		t.Errorf("%d calls, sleeps %v; want %d calls", calls, sleeps, policy.MaxAttempts)
	}
	for _, d := range sleeps {
		if d <= 0 || d > time.Minute || d%time.Second != 0 {
			t.Errorf("slept %v, want the server's Retry-After (whole seconds, at most the window)", d)
		}
	}
}

// checkE2E compares a parsed demo response with a scenario's expectations, and checks
// the request ID and the retry delay against the raw response.
func checkE2E(t *testing.T, file *scenariosFile, s e2eScenario, got *scriptixerrors.Error, header http.Header) {
	t.Helper()
	if got.Kind != scriptixerrors.KindKnown || string(got.Code) != s.Code {
		t.Errorf("kind %s, code %q; want a known %s (body %s)", got.Kind, got.Code, s.Code, got.RawBody)
	}
	if !got.DetailsValid() {
		t.Errorf("the details do not match the catalog: %s", got.RawBody)
	}
	if contentType, want := header.Get("Content-Type"), file.profile(t).ContentType; contentType != want {
		t.Errorf("Content-Type %q, want %q", contentType, want)
	}
	if requestID := header.Get(file.Demo.RequestIDHeader); requestID == "" || got.RequestID != requestID {
		t.Errorf("RequestID %q, %s header %q", got.RequestID, file.Demo.RequestIDHeader, requestID)
	}
	var body map[string]any
	decoder := json.NewDecoder(strings.NewReader(got.RawBody))
	decoder.UseNumber()
	if err := decoder.Decode(&body); err != nil {
		t.Fatalf("the body is not a JSON object: %v", err)
	}
	for key, want := range s.Expect {
		switch key {
		case "status":
			if !jsonEqual(json.Number(strconv.Itoa(got.Status)), want) {
				t.Errorf("status %d, want %v", got.Status, want)
			}
		case "error_code":
			if string(got.Code) != want {
				t.Errorf("code %q, want %v", got.Code, want)
			}
		case "message":
			if got.Message != want {
				t.Errorf("message %q, want %v", got.Message, want)
			}
		case "details":
			raw, present := body["details"]
			if want == nil && present {
				t.Errorf("details %s, want no details key", show(raw))
			}
			if want != nil && !jsonEqual(any(got.Details), want) {
				t.Errorf("details %s, want %s", show(got.Details), show(want))
			}
		case "retry_after":
			// true: the header and the body's retry_after are equal whole seconds >= 1,
			// and RetryAfter is that delay; false: neither is present, nor RetryAfter.
			headerValue := header.Get(file.Demo.RetryAfterHeader)
			bodyValue, inBody := body["retry_after"]
			switch want {
			case true:
				seconds, err := strconv.ParseInt(headerValue, 10, 64)
				if err != nil || seconds < 1 || !jsonEqual(bodyValue, json.Number(headerValue)) {
					t.Errorf("%s header %q, body retry_after %v", file.Demo.RetryAfterHeader, headerValue, bodyValue)
				}
				if got.RetryAfter == nil || *got.RetryAfter != time.Duration(seconds)*time.Second {
					t.Errorf("RetryAfter %v, want %ds", got.RetryAfter, seconds)
				}
			case false:
				if headerValue != "" || inBody || got.RetryAfter != nil {
					t.Errorf("%s header %q, body retry_after %v, RetryAfter %v; want none", file.Demo.RetryAfterHeader, headerValue, bodyValue, got.RetryAfter)
				}
			default:
				t.Errorf("retry_after: unexpected %v", want)
			}
		default:
			t.Errorf("the harness does not know the expected field %q", key)
		}
	}
}

func loadScenarios(t *testing.T, path string) *scenariosFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("cannot read the end-to-end scenarios: %v", err)
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var file scenariosFile
	if err := decoder.Decode(&file); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if file.Format != 1 || len(file.Scenarios) == 0 {
		t.Fatalf("%s: format %d with %d scenarios; this harness reads format 1", path, file.Format, len(file.Scenarios))
	}
	return &file
}

// startDemo starts the demo on a free loopback port and returns its base URL; the demo
// stops when the test ends (its standard input closes).
func startDemo(t *testing.T, root string, file *scenariosFile) string {
	t.Helper()
	command := append([]string(nil), file.Demo.Command...)
	if binary := os.Getenv("SCRIPTIX_DEMO"); binary != "" {
		command = []string{binary}
	}
	if len(command) == 0 {
		t.Fatal("the scenarios name no demo command")
	}
	args := append(append(command[1:], file.Demo.Args...), file.profile(t).Args...)
	cmd := exec.Command(command[0], args...)
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("cannot start the demo (%v): %v", command, err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		_ = stdin.Close()
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})

	// The ready line is "listening on http://127.0.0.1:PORT"; the URL starts at "http".
	prefix, _, _ := strings.Cut(file.Demo.ReadyLine, "PORT")
	at := strings.Index(prefix, "http://")
	if at < 0 {
		t.Fatalf("ready line %q has no URL", file.Demo.ReadyLine)
	}
	ready := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			port, ok := strings.CutPrefix(scanner.Text(), prefix)
			if _, err := strconv.ParseUint(port, 10, 16); ok && err == nil {
				ready <- prefix[at:] + port
				break
			}
		}
		// Keep reading so that the demo never blocks on a full pipe.
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case base := <-ready:
		return base
	case <-exited:
		t.Fatal("the demo exited before it was ready")
	case <-time.After(5 * time.Minute):
		t.Fatal("the demo did not print its ready line within 5 minutes")
	}
	return ""
}

// send sends a scenario's request `repeat` times and returns the last response; the
// earlier ones are read and closed.
func send(t *testing.T, client *http.Client, base string, s e2eScenario) *http.Response {
	t.Helper()
	var body []byte
	contentType := ""
	if b := s.Request.Body; b != nil {
		switch {
		case b.Base64 != "":
			var err error
			if body, err = base64.StdEncoding.DecodeString(b.Base64); err != nil {
				t.Fatalf("body: %v", err)
			}
			contentType = b.ContentType
		default:
			var err error
			if body, err = json.Marshal(b.JSON); err != nil {
				t.Fatalf("body: %v", err)
			}
			contentType = "application/json"
		}
	}
	repeat := max(s.Repeat, 1)
	var resp *http.Response
	for i := 0; i < repeat; i++ {
		if resp != nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		t.Cleanup(cancel)
		req, err := http.NewRequestWithContext(ctx, s.Request.Method, base+s.Request.Path, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if body == nil {
			req.Body = http.NoBody
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		for name, value := range s.Request.Headers {
			req.Header.Set(name, value)
		}
		if resp, err = client.Do(req); err != nil {
			t.Fatalf("request %d of %d: %v", i+1, repeat, err)
		}
	}
	if resp == nil {
		t.Fatalf("scenario %s sent no request", s.Name)
	}
	return resp
}
