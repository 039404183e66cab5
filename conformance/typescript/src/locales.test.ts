// Error texts in other languages: the vectors' `localized` cases, read in their locale.
// Each case is a response and a locale; the client's title and message for it must be the
// expected ones: the translation's (along the locale's fallbacks), filled with the error's
// values and the language's plural form, or the catalog's own where there is none; a
// `LocalizedMessage` the server sent (`google` profile) must be read as it was sent, and
// answer for its locale and the tags under it.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { client, vectors } from "./support.js";

const localized = vectors.localized;

describe("localized messages", () => {
  test("the locales are the catalog's: its own language first, then each translation", () => {
    assert.deepEqual([...client.LOCALES], localized.locales);
    assert.equal(client.LOCALES[0], localized.source);
  });

  for (const { name, locale, response, expect } of localized.cases) {
    test(name, () => {
      const err = client.parseError(response.status, response.headers, response.body);
      assert.equal(err.code, expect.code);
      if (err.code === null) {
        return;
      }
      assert.equal(client.titleIn(err.code, locale), expect.title);
      assert.equal(client.messageTemplateIn(err.code, locale), expect.template ?? undefined);
      assert.equal(err.localizedMessage(locale), expect.message);
      assert.equal(client.localizedMessage(err, locale), expect.message);
      const server = err.serverLocalized;
      assert.deepEqual(server === null ? null : { locale: server.locale, message: server.message }, expect.server_localized);
    });
  }

  test("an error without a known code keeps its message", () => {
    const proxy = client.parseError(502, {}, "<html>");
    assert.equal(proxy.serverLocalized, null);
    for (const locale of client.LOCALES) {
      assert.equal(proxy.localizedMessage(locale), proxy.message);
    }
  });

  test("Accept-Language picks the best supported locale", (t) => {
    if (localized.locales.join() !== "en,de,de-CH,fr") {
      t.skip("the shipped catalog's locales");
      return;
    }
    for (const [header, expected] of [
      ["de-CH, de;q=0.9, en;q=0.8", "de-CH"],
      ["de-AT", "de"],
      ["ja, fr;q=0.5", "fr"],
      ["fr;q=0.2, de;q=0.7", "de"],
      ["de;q=0, fr;q=0.1", "fr"],
      ["*", "en"],
      ["", "en"],
      ["x-klingon;q=abc, ;;, de;q=2", "en"],
    ] as const) {
      assert.equal(client.negotiateLocale(header), expected, header);
    }
  });
});
