// The parser beyond the vectors: every shape of headers, `Retry-After` edge cases, inputs
// that must not make it throw, and the class of every code.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { NOW_MS, client, observed, vectors, type HeadersInput } from "./support.js";

const firstCode = client.ERROR_CODES[0];
const REQUEST_ID = client.REQUEST_ID_HEADER;
const RETRY_AFTER = client.RETRY_AFTER_HEADER;

function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
}

describe("headers in every shape", () => {
  const expected = { requestId: "req-42", retryAfter: 120 };
  const shapes: [string, HeadersInput][] = [
    ["plain object", { [REQUEST_ID]: "req-42", [RETRY_AFTER]: "120" }],
    ["plain object, lower case", { [REQUEST_ID.toLowerCase()]: "req-42", [RETRY_AFTER.toLowerCase()]: "120" }],
    ["plain object, swapped case", { [swapCase(REQUEST_ID)]: "req-42", [swapCase(RETRY_AFTER)]: "120" }],
    ["plain object with undefined values first", { other: undefined, [REQUEST_ID]: "req-42", [RETRY_AFTER]: "120" }],
    ["fetch Headers", new Headers({ [REQUEST_ID]: "req-42", [RETRY_AFTER]: "120" })],
    ["name-value pairs", [[REQUEST_ID.toUpperCase(), "req-42"], [RETRY_AFTER, "120"]]],
    ["a Map", new Map([[REQUEST_ID, "req-42"], [RETRY_AFTER, "120"]])],
  ];
  for (const [name, headers] of shapes) {
    test(name, () => {
      const err = client.parseError(503, headers, "");
      assert.deepEqual({ requestId: err.requestId, retryAfter: err.retryAfter }, expected);
    });
  }

  test("Node's array values are joined", () => {
    const err = client.parseError(503, { [REQUEST_ID.toLowerCase()]: ["a", "b"] }, "");
    assert.equal(err.requestId, "a, b");
  });

  test("the first of two spellings wins, as in the reference", () => {
    const err = client.parseError(503, [[REQUEST_ID, "first"], [REQUEST_ID.toLowerCase(), "second"]], "");
    assert.equal(err.requestId, "first");
  });

  test("missing headers give null", () => {
    const err = client.parseError(503, {}, "");
    assert.deepEqual({ requestId: err.requestId, retryAfter: err.retryAfter }, { requestId: null, retryAfter: null });
  });
});

/** Headers as axios gives them: a case-insensitive `get` that returns `undefined` when a
 * header is absent, numbers for numeric values, and entries to iterate. */
class AxiosLikeHeaders {
  readonly #values = new Map<string, string | number>();
  constructor(headers: Readonly<Record<string, string>>) {
    for (const [key, value] of Object.entries(headers)) {
      this.#values.set(key.toLowerCase(), /^[0-9]+$/.test(value) ? Number(value) : value);
    }
  }
  get(name: string): string | number | undefined {
    return this.#values.get(name.toLowerCase());
  }
  [Symbol.iterator](): IterableIterator<[string, string | number]> {
    return this.#values.entries();
  }
}

describe("every vector reads the same in every spelling of its header names, through every header shape", () => {
  const shapes: [string, (headers: Readonly<Record<string, string>>) => HeadersInput][] = [
    ["a plain object", (h) => h],
    ["a Map with lower-case names (Node's http)", (h) => new Map(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]))],
    ["a Map with the names as given", (h) => new Map(Object.entries(h))],
    ["axios headers", (h) => new AxiosLikeHeaders(h)],
    ["fetch Headers", (h) => new Headers(h)],
  ];
  for (const nameCase of vectors.header_name_cases) {
    for (const [name, shape] of shapes) {
      test(`${nameCase} names, ${name}`, () => {
        for (const vector of vectors.vectors) {
          const { status, headers, body } = vector.response;
          const spelt = withNameCase(headers, nameCase);
          const through = observed(client.parseError(status, shape(spelt), body, { now: NOW_MS }));
          assert.deepEqual(through, vector.expect, vector.name);
        }
      });
    }
  }
});

/** The headers with their names spelt in `nameCase`, one of the vectors' `header_name_cases`. */
function withNameCase(headers: Readonly<Record<string, string>>, nameCase: string): Record<string, string> {
  const spell = (name: string): string => {
    switch (nameCase) {
      case "as_sent":
        return name;
      case "lower":
        return name.toLowerCase();
      case "upper":
        return name.toUpperCase();
      default:
        throw new Error(`header name case ${JSON.stringify(nameCase)} is not known to this harness`);
    }
  };
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [spell(name), value]));
}

describe("Retry-After values", () => {
  const cases: [string, number | null][] = [
    ["120", 120],
    ["0", 0],
    ["007", 7],
    [" 120\t", 120],
    ["\u00a0120\u3000", 120],
    ["\ufeff120", null],
    ["+5", null],
    ["-5", null],
    ["1.5", null],
    ["1e3", null],
    ["", null],
    ["soon", null],
    [String(vectors.limits.max_retry_after_seconds), vectors.limits.max_retry_after_seconds],
    [String(vectors.limits.max_retry_after_seconds + 1), null],
    ["99999999999999999999", null],
    ["Wed, 21 Oct 2026 00:01:30 GMT", 90],
    ["Thu, 21 Oct 2026 00:01:30 GMT", 90],
    ["Wed,  21 Oct 2026   00:01:30 GMT", 90],
    ["Wed, 21 Oct 2026 00:00:00 GMT", 0],
    ["Tue, 20 Oct 2026 23:00:00 GMT", 0],
    ["Wed, 21 Oct 2026 00:00:60 GMT", 60],
    ["Wed, 21 Oct 2026 00:01:30 UTC", null],
    ["Wed, 21 oct 2026 00:01:30 GMT", null],
    ["Wed, 32 Oct 2026 00:01:30 GMT", null],
    ["Wed, 21 Oct 2026 24:00:00 GMT", null],
    ["Wed, 21 Oct 2026 00:01 GMT", null],
    ["Wed, 21 Oct 1969 00:01:30 GMT", null],
    ["Wednesday, 21-Oct-26 00:01:30 GMT", null],
  ];
  for (const [value, seconds] of cases) {
    test(JSON.stringify(value), () => {
      assert.equal(client.parseRetryAfter(value, NOW_MS), seconds);
    });
  }

  test("dates are relative to the real clock by default", () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const seconds = client.parseRetryAfter(inTenSeconds);
    assert.ok(seconds !== null && seconds >= 8 && seconds <= 10, `got ${String(seconds)}`);
  });

  test("a body retry_after must be a non-negative whole number within the limit", () => {
    const values: [unknown, number | null][] = [
      [5, 5],
      [0, 0],
      [-0, 0],
      [-1, null],
      [2.5, null],
      ["5", null],
      [null, null],
      [vectors.limits.max_retry_after_seconds + 1, null],
    ];
    for (const [value, expected] of values) {
      const body = JSON.stringify({ error: "Slow down", message: "Slow down", error_code: "SOME_NEWER_CODE", retry_after: value });
      assert.equal(client.parseError(429, {}, body).retryAfter, expected, JSON.stringify(value));
    }
  });
});

describe("the parser never throws", () => {
  /** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
  function prng(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const pieces = [
    "{", "}", "[", "]", ",", ":", '"', "\\", "null", "true", "1e400", "-0", "9007199254740993", "\ufeff",
    '"message"', '"error_code"', '"details"', '"retry_after"', '"error"', '"__proto__"', '"constructor"',
    JSON.stringify(firstCode ?? "X"), '"BRAND_NEW"', "\ud800", "\u0000", "\u2028", "<html>", " ",
  ];

  test("on 2000 random bodies", () => {
    const random = prng(20261021);
    for (let i = 0; i < 2000; i += 1) {
      const length = Math.floor(random() * 12);
      const body = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)] ?? "").join("");
      const status = [400, 404, 429, 500, 503, 418, 599][i % 7] ?? 500;
      const err = client.parseError(status, { [RETRY_AFTER]: body }, body);
      assert.ok(err instanceof client.ApiError, body);
      assert.equal(err.rawBody, body);
      assert.equal(err.status, status);
    }
  });

  test("on pathological bodies", () => {
    const bodies = [
      "[".repeat(100_000),
      `{"message": "${"x".repeat(1_000_000)}", "error_code": "BRAND_NEW"}`,
      `{"message": "m", "error_code": ${JSON.stringify(firstCode ?? "X")}, "details": null}`,
      `{"message": "m", "error_code": ${JSON.stringify(firstCode ?? "X")}, "details": {"__proto__": {"polluted": true}}}`,
      '{"message": "m", "error_code": "BRAND_NEW", "details": [1, 2]}',
    ];
    for (const body of bodies) {
      const err = client.parseError(500, {}, body);
      assert.ok(err instanceof client.ApiError);
      assert.equal(err.rawBody, body);
    }
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted"), false);
  });

  test("with headers whose get throws", () => {
    const headers = {
      get(): string | null {
        throw new Error("broken headers");
      },
    };
    const err = client.parseError(503, headers, '{"message": "m", "error_code": "BRAND_NEW"}');
    assert.equal(err.kind, "unknown_code");
    assert.equal(err.requestId, null);
  });

  test("with a response whose body cannot be read", async () => {
    const response = new Response("{}", { status: 502 });
    await response.text();
    const err = await client.parseErrorResponse(response);
    assert.equal(err.kind, "http");
    assert.equal(err.rawBody, "");
    assert.equal(err.status, 502);
  });

  test("with a body that is not UTF-8", async () => {
    const response = new Response(new Uint8Array([0xff, 0xfe, 0x7b]), { status: 500 });
    const err = await client.parseErrorResponse(response);
    assert.equal(err.kind, "http");
    assert.equal(err.rawBody, "\ufffd\ufffd{");
  });
});

describe("every code has its class", () => {
  for (const code of client.ERROR_CODES) {
    test(code, () => {
      const info = client.CODE_INFO[code];
      const err = client.errorForCode(code, { status: info.status, message: "m", requestId: "r" });
      assert.ok(err instanceof client.ApiError && err instanceof Error);
      assert.equal(err.kind, "known");
      assert.equal(err.code, code);
      assert.equal(err.category, info.category);
      assert.equal(err.retryable, info.retryable);
      assert.equal(err.retryMode, info.retry);
      assert.equal(err.name, err.constructor.name);
      assert.ok(err.stack?.startsWith(`${err.name}: m`), "the stack names the class");
      assert.ok(err.is(code));
      assert.ok(client.ERROR_CODES.every((other) => other === code || !err.is(other)));
      const parent: unknown = Object.getPrototypeOf(err.constructor);
      assert.notEqual(parent, client.ApiError, "a category class stands between the code and ApiError");
      assert.equal(Object.getPrototypeOf(parent), client.ApiError);
      assert.deepEqual(JSON.parse(JSON.stringify(err)), {
        name: err.name,
        kind: "known",
        status: info.status,
        code,
        wireCode: code,
        title: null,
        message: "m",
        details: null,
        retryAfter: null,
        requestId: "r",
        docUrl: info.docUrl,
        grpcStatus: info.grpcStatus,
      });
    });
  }

  test("grpcStatusOfHttp is the standard mapping", () => {
    const mapped: readonly (readonly [number, string])[] = [
      [400, "INVALID_ARGUMENT"],
      [402, "FAILED_PRECONDITION"],
      [429, "RESOURCE_EXHAUSTED"],
      [502, "INTERNAL"],
      [504, "DEADLINE_EXCEEDED"],
      [200, "UNKNOWN"],
      [600, "UNKNOWN"],
    ];
    for (const [status, name] of mapped) {
      assert.equal(client.grpcStatusOfHttp(status), name, String(status));
    }
    assert.equal(client.GRPC_STATUSES.length, 17);
    assert.equal(client.GRPC_STATUSES[8], "RESOURCE_EXHAUSTED");
  });

  test("a known code's error takes its doc URL and gRPC status from the code unless told", () => {
    const [code] = client.ERROR_CODES;
    if (code === undefined) {
      return;
    }
    const info = client.CODE_INFO[code];
    const plain = client.errorForCode(code, { status: 599, message: "m" });
    assert.deepEqual([plain.docUrl, plain.grpcStatus], [info.docUrl, info.grpcStatus]);
    const told = client.errorForCode(code, { status: 599, message: "m", docUrl: "u", grpcStatus: "ABORTED" });
    assert.deepEqual([told.docUrl, told.grpcStatus], ["u", "ABORTED"]);
  });

  test("UnknownError and HttpError take their retry mode from the status table, then the defaults", () => {
    const policy = vectors.retry_policy;
    for (const status of [...policy.backoff_statuses, ...policy.delay_statuses, 400, 502, 599]) {
      const mode = policy.backoff_statuses.includes(status) ? "backoff" : policy.delay_statuses.includes(status) ? "after_delay" : "never";
      assert.equal(client.statusRetry(status), mode, String(status));
      const unknown = new client.UnknownError("BRAND_NEW", { status, message: "m" });
      const http = new client.HttpError({ status, message: "m" });
      assert.deepEqual([unknown.retryMode, unknown.retryable], [mode, mode !== "never"]);
      assert.deepEqual([http.retryMode, http.retryable], [mode, mode !== "never"]);
      assert.deepEqual([unknown.docUrl, unknown.grpcStatus], [null, client.grpcStatusOfHttp(status)]);
      assert.deepEqual([http.docUrl, http.grpcStatus], [null, client.grpcStatusOfHttp(status)]);
      assert.equal(unknown.name, "UnknownError");
      assert.equal(http.name, "HttpError");
    }
  });
});
