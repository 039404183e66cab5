package conformance

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	scriptixerrors "github.com/scriptix/scriptix-errors-go"
)

// localized is the vectors' localized section: responses and the title and message each
// gives in a locale (conformance/README.md, "Localized messages").
type localized struct {
	Source  string   `json:"source"`
	Locales []string `json:"locales"`
	Cases   []struct {
		Name     string   `json:"name"`
		Locale   string   `json:"locale"`
		Response response `json:"response"`
		Expect   struct {
			Code     string  `json:"code"`
			Title    string  `json:"title"`
			Template *string `json:"template"`
			Message  string  `json:"message"`
			// ServerLocalized is the server's LocalizedMessage the client reads: JSON
			// null or {locale, message}.
			ServerLocalized json.RawMessage `json:"server_localized"`
		} `json:"expect"`
	} `json:"cases"`
}

// TestLocalizedMessages reads every localized case in its locale: the title and message
// must be the translation's (along the locale's fallbacks), filled with the error's values
// and the language's plural form, or the catalog's own where there is none.
func TestLocalizedMessages(t *testing.T) {
	file := loadVectors(t)
	if !reflect.DeepEqual(scriptixerrors.Locales, file.Localized.Locales) || scriptixerrors.Locales[0] != file.Localized.Source {
		t.Fatalf("Locales = %q, want %q", scriptixerrors.Locales, file.Localized.Locales)
	}
	if len(file.Localized.Cases) == 0 {
		t.Fatal("the vectors have no localized cases")
	}
	now := time.Unix(file.NowEpochSeconds, 0)
	for _, c := range file.Localized.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got := scriptixerrors.ParseAt(now, c.Response.Status, c.Response.header(), []byte(c.Response.Body))
			if string(got.Code) != c.Expect.Code {
				t.Fatalf("code %q, want %q", got.Code, c.Expect.Code)
			}
			if title := scriptixerrors.TitleIn(got.Code, c.Locale); title != c.Expect.Title {
				t.Errorf("TitleIn(%q) = %q, want %q", c.Locale, title, c.Expect.Title)
			}
			template, ok := scriptixerrors.MessageTemplateIn(got.Code, c.Locale)
			if want := c.Expect.Template; ok != (want != nil) || (ok && template != *want) {
				t.Errorf("MessageTemplateIn(%q) = %q, %v; want %v", c.Locale, template, ok, want)
			}
			if message := got.LocalizedMessage(c.Locale); message != c.Expect.Message {
				t.Errorf("LocalizedMessage(%q) = %q, want %q", c.Locale, message, c.Expect.Message)
			}
			var server *scriptixerrors.LocalizedMessage
			if len(c.Expect.ServerLocalized) == 0 {
				t.Fatal("the case has no expect.server_localized")
			}
			if err := json.Unmarshal(c.Expect.ServerLocalized, &server); err != nil {
				t.Fatalf("expect.server_localized: %v", err)
			}
			if !reflect.DeepEqual(got.ServerLocalized, server) {
				t.Errorf("ServerLocalized = %+v, want %+v", got.ServerLocalized, server)
			}
		})
	}
	proxy := scriptixerrors.ParseAt(now, 502, nil, []byte("<html>"))
	for _, locale := range scriptixerrors.Locales {
		if message := proxy.LocalizedMessage(locale); message != proxy.Message {
			t.Errorf("an HTTP error in %q: %q, want its message %q", locale, message, proxy.Message)
		}
	}
	var none *scriptixerrors.Error
	if message := none.LocalizedMessage("de"); message != "" {
		t.Errorf("a nil error: %q", message)
	}
}

// TestNegotiateLocale picks the best locale of the shipped catalog for Accept-Language
// headers; other catalogs skip it.
func TestNegotiateLocale(t *testing.T) {
	if !reflect.DeepEqual(scriptixerrors.Locales, []string{"en", "de", "de-CH", "fr"}) {
		t.Skip("the shipped catalog's locales")
	}
	for header, want := range map[string]string{
		"de-CH, de;q=0.9, en;q=0.8":   "de-CH",
		"de-AT":                       "de",
		"ja, fr;q=0.5":                "fr",
		"fr;q=0.2, de;q=0.7":          "de",
		"de;q=0, fr;q=0.1":            "fr",
		"*":                           "en",
		"":                            "en",
		"x-klingon;q=abc, ;;, de;q=2": "en",
	} {
		if got := scriptixerrors.NegotiateLocale(header); got != want {
			t.Errorf("NegotiateLocale(%q) = %q, want %q", header, got, want)
		}
	}
}
