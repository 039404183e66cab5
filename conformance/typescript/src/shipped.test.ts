// The shipped Scriptix client as its users write against it: the README's patterns with
// the real class names, and the narrowing the types promise. Lines marked
// `@ts-expect-error` are compile-time tests: tsc fails the build if they ever compile.
// Only run for the shipped catalog (the hostile one has other codes).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  ApiError,
  HttpError,
  QuotaExceededError,
  QuotasCategoryError,
  RETRY_POLICY,
  RateLimitExceededError,
  UnknownError,
  ValidationError,
  isApiError,
  parseError,
  parseErrorResponse,
  retryCall,
  type ApiErrorOf,
  type ApiErrorUnion,
  type ErrorCode,
  type ErrorDetails,
  type QuotaExceededDetails,
} from "../../../generated/typescript/src/index.js";
import { fakeSleep } from "./support.js";

const quotaBody = JSON.stringify({
  error: "Quota Exceeded",
  message: "Monthly transcription quota exceeded",
  error_code: "QUOTA_EXCEEDED",
  details: { quota_limit: 100, quota_used: 100, quota_unit: "hours" },
});

describe("the shipped client", () => {
  test("catching a quota error by class gives typed details", async () => {
    try {
      throw await parseErrorResponse(new Response(quotaBody, { status: 402, headers: { "X-Request-ID": "req_1" } }));
    } catch (err) {
      assert.ok(err instanceof QuotaExceededError);
      assert.ok(err instanceof QuotasCategoryError);
      assert.ok(err instanceof ApiError);
      assert.notEqual(err.typedDetails, null);
      const details: QuotaExceededDetails | null = err.typedDetails;
      assert.deepEqual(
        [details?.quota_used, details?.quota_limit, details?.quota_unit, err.requestId],
        [100, 100, "hours", "req_1"],
      );
    }
  });

  test("the union the parser returns narrows on code", () => {
    const err: ApiErrorUnion = parseError(402, {}, quotaBody);
    // @ts-expect-error -- before narrowing, the details may be any code's.
    void err.typedDetails?.quota_limit;
    if (err.code === "QUOTA_EXCEEDED") {
      const limit: number | undefined = err.typedDetails?.quota_limit;
      assert.equal(limit, 100);
    } else {
      assert.fail(`parsed as ${String(err.code)}`);
    }
    if (err.kind === "known" && err.code === "QUOTA_EXCEEDED") {
      const exact: QuotaExceededError = err;
      assert.equal(exact.code, "QUOTA_EXCEEDED");
    }
  });

  test("a misspelt code does not compile, on the union or on a caught ApiError", () => {
    const err: ApiErrorUnion = parseError(402, {}, quotaBody);
    // @ts-expect-error -- "QUOTA_EXCEDED" is no code: the comparison has no overlap.
    assert.equal(err.code === "QUOTA_EXCEDED", false);
    const caught: ApiError = err;
    // @ts-expect-error -- the same on the base class.
    assert.equal(caught.code === "QUOTA_EXCEDED", false);
    switch (caught.code) {
      case "QUOTA_EXCEEDED":
        break;
      // @ts-expect-error -- and in a switch.
      case "QUOTA_EXCEDED":
        assert.fail("unreachable");
        break;
      default:
        assert.fail(`parsed as ${String(caught.code)}`);
    }
    // A code this client does not know is read from wireCode, which is any string.
    const unknown = parseError(400, {}, '{"error": "Bad", "message": "New", "error_code": "BRAND_NEW"}');
    assert.deepEqual([unknown.kind, unknown.code, unknown.wireCode === "BRAND_NEW"], ["unknown_code", null, true]);
  });

  test("is(code) narrows a caught ApiError", () => {
    const caught: unknown = parseError(402, {}, quotaBody);
    if (isApiError(caught) && caught.is("QUOTA_EXCEEDED")) {
      const narrowed: ApiErrorOf<"QUOTA_EXCEEDED"> = caught;
      assert.equal(narrowed.typedDetails?.quota_unit, "hours");
    } else {
      assert.fail("not narrowed");
    }
  });

  test("kind is exhaustive", () => {
    const describe = (err: ApiErrorUnion): string => {
      switch (err.kind) {
        case "known":
          return `known ${err.code} in ${err.category}`;
        case "unknown_code":
          return `unknown ${err.wireCode}`;
        case "http": {
          const nothing: null = err.code;
          return `http ${String(nothing)}`;
        }
        default: {
          const impossible: never = err;
          return impossible;
        }
      }
    };
    assert.equal(describe(parseError(402, {}, quotaBody)), "known QUOTA_EXCEEDED in quotas");
    assert.equal(describe(parseError(400, {}, '{"message": "m", "error_code": "NEW"}')), "unknown NEW");
    assert.equal(describe(parseError(502, {}, "<html>")), "http null");
  });

  test("additional details are an index signature", () => {
    const err = parseError(
      422,
      {},
      JSON.stringify({ error: "Validation Error", message: "Invalid", error_code: "VALIDATION_ERROR", details: { name: "Name cannot be empty" } }),
    );
    assert.ok(err instanceof ValidationError);
    const details: ErrorDetails["VALIDATION_ERROR"] | null = err.typedDetails;
    assert.equal(details?.["name"], "Name cannot be empty");
  });

  test("a rate limit is retried after its Retry-After (README)", async () => {
    const { sleeps, sleep } = fakeSleep();
    const answers = [
      new Response(JSON.stringify({ error: "Rate Limit Exceeded", message: "Slow down", error_code: "RATE_LIMIT_EXCEEDED", retry_after: 2 }), { status: 429 }),
      new Response('{"id": 1}', { status: 200 }),
    ];
    const seen: string[] = [];
    const res = await retryCall(() => Promise.resolve(answers.shift() ?? new Response(null, { status: 500 })), {
      method: "GET",
      sleep,
      onRetry: ({ error }) => seen.push(error instanceof RateLimitExceededError ? `rate limited, retry after ${String(error.retryAfter)}` : "other"),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(sleeps, [2000]);
    assert.deepEqual(seen, ["rate limited, retry after 2"]);
  });

  test("by hand: a rate limit without Retry-After waits the policy's default", async () => {
    const err = await parseErrorResponse(
      new Response(JSON.stringify({ error: "Rate Limit Exceeded", message: "Slow down", error_code: "RATE_LIMIT_EXCEEDED" }), { status: 429 }),
    );
    assert.ok(err instanceof RateLimitExceededError);
    assert.equal((err.retryAfter ?? RETRY_POLICY.defaultRetryAfterSeconds) * 1000, 60_000);
  });

  test("unknown codes and proxy pages keep what they can", () => {
    const unknown = parseError(400, { "x-request-id": "r" }, '{"error": "Bad", "message": "New", "error_code": "BRAND_NEW", "details": {"a": 1}}');
    assert.ok(unknown instanceof UnknownError);
    assert.deepEqual([unknown.code, unknown.wireCode, unknown.details, unknown.requestId], [null, "BRAND_NEW", { a: 1 }, "r"]);
    const proxy = parseError(502, {}, "<html>Bad Gateway</html>");
    assert.ok(proxy instanceof HttpError);
    // 502 is not in Scriptix's table: a gateway's 502 is retried with backoff by default.
    assert.deepEqual([proxy.message, proxy.retryable, proxy.retryMode, proxy.rawBody], ["HTTP 502", true, "backoff", "<html>Bad Gateway</html>"]);
  });

  test("ErrorCode is a closed union", () => {
    const code: ErrorCode = "QUOTA_EXCEEDED";
    // @ts-expect-error -- not a documented code.
    const wrong: ErrorCode = "QUOTA_EXCEDED";
    assert.notEqual(code, wrong);
  });
});
