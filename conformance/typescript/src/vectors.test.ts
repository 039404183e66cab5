// Every conformance vector through both entry points of the parser, and the generated
// tables against the catalog facts the vectors carry.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { NOW_MS, client, observed, policyOf, toResponse, vectors, type Expectation, type ParsedError } from "./support.js";

/** What the vectors cannot say in JSON: the error's class and typed view. */
function assertShape(err: ParsedError, expect: Expectation): void {
  assert.ok(err instanceof client.ApiError, "an ApiError");
  assert.ok(err instanceof Error, "an Error");
  assert.equal(err.name, err.constructor.name, "name is the class name");
  assert.equal(err.retryable, err.retryMode !== "never", "retryable agrees with retryMode");
  switch (err.kind) {
    case "known": {
      const info = client.CODE_INFO[err.code];
      assert.equal(err.constructor, client.errorForCode(err.code, { status: 0, message: "" }).constructor);
      assert.ok(err.is(err.code), "is(code)");
      assert.equal(err.category, info.category);
      assert.equal(err.retryMode, info.retry);
      if (expect.details_valid) {
        assertTypedAsSent(err.typedDetails, expect.details ?? {});
      } else {
        assert.equal(err.typedDetails, null);
      }
      break;
    }
    case "unknown_code":
      assert.ok(err instanceof client.UnknownError, "an UnknownError");
      assert.equal(err.typedDetails, null);
      break;
    case "http":
      assert.ok(err instanceof client.HttpError, "an HttpError");
      assert.equal(err.typedDetails, null);
      break;
  }
}

/**
 * Checks typed details against the details as sent: the same, except that `google`
 * metadata values are text, which the client decodes by each field's type: each typed
 * value is then the text itself (a `string` field) or the value the text is the JSON of.
 */
function assertTypedAsSent(typed: unknown, sent: Readonly<Record<string, unknown>>): void {
  if (vectors.profile !== "google") {
    assert.deepEqual(typed, sent);
    return;
  }
  assert.ok(typeof typed === "object" && typed !== null, "typed details are an object");
  const entries = Object.entries(typed);
  assert.deepEqual(entries.map(([key]) => key), Object.keys(sent));
  for (const [key, value] of entries) {
    const text = sent[key];
    assert.equal(typeof text, "string", `${key} is sent as text`);
    if (value !== text) {
      assert.deepEqual(value, JSON.parse(String(text)), `${key} decodes from ${String(text)}`);
    }
  }
}

describe("vectors through parseError(status, headers, body)", () => {
  for (const vector of vectors.vectors) {
    test(vector.name, () => {
      const { status, headers, body } = vector.response;
      const err = client.parseError(status, headers, body, { now: NOW_MS });
      assert.deepEqual(observed(err), vector.expect);
      assertShape(err, vector.expect);
    });
  }
});

describe("vectors through parseErrorResponse(fetch Response)", () => {
  for (const vector of vectors.vectors) {
    test(vector.name, async () => {
      const err = await client.parseErrorResponse(toResponse(vector.response), { now: NOW_MS });
      assert.deepEqual(observed(err), vector.expect);
      assertShape(err, vector.expect);
    });
  }
});

describe("generated tables agree with the catalog", () => {
  test("ERROR_CODES lists every code in catalog order", () => {
    assert.deepEqual(
      client.ERROR_CODES,
      vectors.codes.map((entry) => entry.code),
    );
  });

  test("CODE_INFO has each code's status, category, title, retry behaviour, doc URL and gRPC status", () => {
    for (const entry of vectors.codes) {
      assert.ok(client.isErrorCode(entry.code), entry.code);
      const info = client.CODE_INFO[entry.code];
      assert.deepEqual(
        {
          code: info.code,
          status: info.status,
          category: info.category,
          title: info.title,
          retryable: info.retryable,
          retry: info.retry,
          doc_url: info.docUrl,
          grpc_status: info.grpcStatus,
        },
        entry,
      );
      assert.ok(client.ERROR_CATEGORIES.includes(info.category), `${entry.code}: category ${info.category} is listed`);
    }
  });

  test("RETRY_POLICY is the catalog's policy", () => {
    assert.deepEqual({ ...client.RETRY_POLICY }, policyOf(vectors.retry_policy));
  });

  test("the status retry modes match the policy's status lists (the table's rows and the defaults it lacks)", () => {
    for (const status of vectors.retry_policy.backoff_statuses) {
      assert.equal(client.statusRetry(status), "backoff", String(status));
    }
    for (const status of vectors.retry_policy.delay_statuses) {
      assert.equal(client.statusRetry(status), "after_delay", String(status));
    }
    for (const { code, retry } of vectors.retry_policy.defaulted_statuses) {
      assert.equal(client.statusInfo(code), undefined, `${String(code)} is a default, not a row`);
      assert.equal(client.statusRetry(code), retry, String(code));
    }
  });

  test("tables are frozen", () => {
    assert.ok(Object.isFrozen(client.ERROR_CODES));
    assert.ok(Object.isFrozen(client.ERROR_CATEGORIES));
    assert.ok(Object.isFrozen(client.CODE_INFO));
    assert.ok(Object.values(client.CODE_INFO).every((info) => Object.isFrozen(info)));
    assert.ok(Object.isFrozen(client.HTTP_STATUSES));
    assert.ok(Object.isFrozen(client.RETRY_POLICY));
  });

  test("isErrorCode rejects everything else", () => {
    for (const value of ["", "BRAND_NEW_CODE", "constructor", "__proto__", "toString", 42, null, undefined, {}]) {
      assert.equal(client.isErrorCode(value), false, String(value));
    }
  });
});
