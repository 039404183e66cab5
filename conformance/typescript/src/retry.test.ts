// The retry helper: every retry scenario of the vectors with a fake sleep and `random`
// fixed at 0.5, then the rules the scenarios do not reach (network errors, jitter modes,
// bounds, errors thrown by the call itself).

import assert from "node:assert/strict";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { Readable } from "node:stream";
import { describe, test } from "node:test";

import { client, fakeSleep, policyOf, toResponse, vectorCode, vectors, type WireResponse } from "./support.js";

const policy = policyOf(vectors.retry_policy);
const backoffStatus = vectors.retry_policy.backoff_statuses[0];
const delayStatus = vectors.retry_policy.delay_statuses[0];

/** A call that answers attempt n with `responses[n - 1]` and counts its attempts. */
function scripted<T>(responses: readonly (() => T)[]): { readonly call: (attempt: number) => Promise<T>; readonly attempts: () => number } {
  let attempts = 0;
  return {
    attempts: () => attempts,
    call: (attempt: number) => {
      attempts += 1;
      assert.equal(attempt, attempts, "attempt numbers count from 1");
      const next = responses[attempt - 1];
      if (next === undefined) {
        throw new Error(`no response scripted for attempt ${attempt}`);
      }
      return Promise.resolve().then(next);
    },
  };
}

/** What axios throws for an error response to a request whose body was `data`. */
function axiosRejection(wire: WireResponse, data: unknown): never {
  throw Object.assign(new Error(`Request failed with status code ${wire.status}`), {
    isAxiosError: true,
    config: { data },
    response: { status: wire.status, headers: wire.headers, data: wire.body },
  });
}

describe("retry scenarios of the vectors", () => {
  for (const scenario of vectors.retry_scenarios) {
    test(scenario.name, async () => {
      const { sleeps, sleep } = fakeSleep();
      const refused = (): never => {
        // What Node's fetch throws when the connection is refused.
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
      };
      const request = scenario.request ?? {};
      if (request.body !== undefined && request.body !== "stream") {
        throw new Error(`request body ${JSON.stringify(request.body)} is not known to this harness`);
      }
      // A request whose body was a stream: each response comes as axios rejects it, with the
      // request's config holding the Node stream it sent.
      const answer = (wire: WireResponse) => (request.body === "stream" ? () => axiosRejection(wire, Readable.from(["audio"])) : () => toResponse(wire));
      const { call, attempts } = scripted(scenario.responses.map((wire) => ("network_error" in wire ? refused : answer(wire))));
      const key = request.idempotency_key === true ? { idempotencyKey: client.newIdempotencyKey() } : {};
      const options = { method: request.method ?? "GET", ...key, policy, sleep, random: () => 0.5 };
      const expect = scenario.expect;
      if (expect.outcome === "success") {
        const response = await client.retryCall(call, options);
        assert.ok(response.status < 400, `resolved with status ${response.status}`);
      } else if (expect.outcome === "network_error") {
        await assert.rejects(client.retryCall(call, options), (err: unknown) => err instanceof TypeError && err.message === "fetch failed");
      } else {
        await assert.rejects(client.retryCall(call, options), (err: unknown) => {
          assert.ok(client.isApiError(err), "rejects with an ApiError");
          assert.equal(err.status, expect.status);
          if (expect.code !== undefined) {
            assert.equal(vectorCode(err), expect.code);
          }
          return true;
        });
      }
      assert.equal(attempts(), expect.attempts, "attempts");
      assert.deepEqual(sleeps, expect.delays_ms, "delays in milliseconds");
    });
  }

  test("the catalog's policy is the default", async () => {
    const { sleeps, sleep } = fakeSleep();
    const { call } = scripted([() => new Response("", { status: 200 })]);
    await client.retryCall(call, { method: "GET", sleep });
    assert.deepEqual(sleeps, []);
    assert.deepEqual({ ...client.RETRY_POLICY }, policy);
  });
});

describe("retry rules beyond the scenarios", () => {
  const transient = (): Response => new Response("", { status: backoffStatus ?? 500 });
  const ok = (): Response => new Response("{}", { status: 200 });

  test("a policy's methods match in any ASCII case, its own as well; Unicode look-alikes do not", () => {
    const own = { ...policy, idempotentMethods: ["put", "Get"] };
    assert.ok(client.isIdempotent("PUT", own));
    assert.ok(client.isIdempotent("put", own));
    assert.ok(client.isIdempotent("gET", own));
    assert.ok(!client.isIdempotent("POST", own));
    // A long s upper-cases to S, a dotless i to I: neither makes a method of the policy's.
    assert.ok(!client.isIdempotent("OPTION\u017f", { ...policy, idempotentMethods: ["OPTIONS"] }));
    assert.ok(!client.isIdempotent("OPT\u0131ONS", { ...policy, idempotentMethods: ["GET", "OPTIONS"] }));
  });

  test("network failures are retried with backoff when the policy says so", async () => {
    const { sleeps, sleep } = fakeSleep();
    const { call, attempts } = scripted([
      () => {
        throw new TypeError("fetch failed");
      },
      ok,
    ]);
    const response = await client.retryCall(call, {
      method: "GET",
      policy: { ...policy, retryNetworkErrors: true, maxAttempts: 2, jitter: "none" },
      sleep,
    });
    assert.equal(response.status, 200);
    assert.equal(attempts(), 2);
    assert.deepEqual(sleeps, [policy.initialDelayMs]);
  });

  test("network failures are rethrown when the policy says not to retry them", async () => {
    const { sleeps, sleep } = fakeSleep();
    const failure = new TypeError("fetch failed");
    const { call, attempts } = scripted([
      () => {
        throw failure;
      },
      ok,
    ]);
    await assert.rejects(client.retryCall(call, { method: "GET", policy: { ...policy, retryNetworkErrors: false }, sleep }), (err: unknown) => err === failure);
    assert.equal(attempts(), 1);
    assert.deepEqual(sleeps, []);
  });

  test("the last network failure is rethrown as it was", async () => {
    const failure = new TypeError("fetch failed");
    const { sleep } = fakeSleep();
    const { call, attempts } = scripted(
      Array.from({ length: 3 }, () => () => {
        throw failure;
      }),
    );
    await assert.rejects(
      client.retryCall(call, { method: "GET", policy: { ...policy, retryNetworkErrors: true, maxAttempts: 3 }, sleep, random: () => 0.5 }),
      (err: unknown) => err === failure,
    );
    assert.equal(attempts(), 3);
  });

  test("other exceptions are never retried", async () => {
    const bug = new RangeError("a bug in the caller");
    const { call, attempts } = scripted([
      () => {
        throw bug;
      },
      ok,
    ]);
    await assert.rejects(client.retryCall(call, { method: "GET", policy: { ...policy, retryNetworkErrors: true }, sleep: fakeSleep().sleep }), (err: unknown) => err === bug);
    assert.equal(attempts(), 1);
  });

  test("isNetworkError decides what counts as a network failure", async () => {
    const { sleep } = fakeSleep();
    const timeout = new Error("socket hang up");
    const { call, attempts } = scripted([
      () => {
        throw timeout;
      },
      ok,
    ]);
    await client.retryCall(call, { method: "GET", policy: { ...policy, retryNetworkErrors: true }, sleep, isNetworkError: (err) => err === timeout });
    assert.equal(attempts(), 2);
  });

  test("an ApiError thrown by the call is classified like a response", async () => {
    const { sleeps, sleep } = fakeSleep();
    const { call, attempts } = scripted([
      () => {
        throw client.parseError(backoffStatus ?? 500, {}, "");
      },
      () => "done",
    ]);
    assert.equal(await client.retryCall(call, { method: "GET", policy: { ...policy, jitter: "none" }, sleep }), "done");
    assert.equal(attempts(), 2);
    assert.deepEqual(sleeps, [policy.initialDelayMs]);
  });

  test("values that are not error responses are successes", async () => {
    const { call, attempts } = scripted([() => ({ status: 404, note: "not a Response: no body to read" })]);
    assert.deepEqual(await client.retryCall(call, { method: "GET", sleep: fakeSleep().sleep }), { status: 404, note: "not a Response: no body to read" });
    assert.equal(attempts(), 1);
  });

  test("statuses below 400 are successes, even redirects", async () => {
    const { call } = scripted([() => new Response(null, { status: 304 })]);
    assert.equal((await client.retryCall(call, { method: "GET", sleep: fakeSleep().sleep })).status, 304);
  });

  test("jitter: none, full and equal", () => {
    const base = { ...policy, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 1_000_000 };
    const random = (): number => 0.25;
    assert.equal(client.retryDelayMs("backoff", 3, null, { ...base, jitter: "none" }, random), 4000);
    assert.equal(client.retryDelayMs("backoff", 3, null, { ...base, jitter: "full" }, random), 1000);
    assert.equal(client.retryDelayMs("backoff", 3, null, { ...base, jitter: "equal" }, random), 2500);
  });

  test("backoff is capped at maxDelayMs", () => {
    const capped = { ...policy, initialDelayMs: 1000, multiplier: 10, maxDelayMs: 5000, jitter: "none" as const };
    assert.deepEqual(
      [1, 2, 3, 4].map((attempt) => client.retryDelayMs("backoff", attempt, null, capped)),
      [1000, 5000, 5000, 5000],
    );
  });

  test("after_delay waits retryAfter seconds, else the default; never does not wait", () => {
    assert.equal(client.retryDelayMs("after_delay", 1, 7, policy), 7000);
    assert.equal(client.retryDelayMs("after_delay", 1, 0, policy), 0);
    assert.equal(client.retryDelayMs("after_delay", 1, null, policy), policy.defaultRetryAfterSeconds * 1000);
    assert.equal(client.retryDelayMs("never", 1, 7, policy), null);
  });

  test("the total delay is bounded across attempts", async () => {
    const { sleeps, sleep } = fakeSleep();
    const tight = { ...policy, maxAttempts: 10, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 60_000, jitter: "none" as const, maxTotalDelaySeconds: 5 };
    const { call, attempts } = scripted(Array.from({ length: 10 }, () => transient));
    await assert.rejects(client.retryCall(call, { method: "GET", policy: tight, sleep }), (err: unknown) => client.isApiError(err) && err.status === (backoffStatus ?? 500));
    // 1 s + 2 s fit in 5 s; the next 4 s would not.
    assert.deepEqual(sleeps, [1000, 2000]);
    assert.equal(attempts(), 3);
  });

  test("a Retry-After in the body wins over the header", async () => {
    if (delayStatus === undefined) {
      return;
    }
    const { sleeps, sleep } = fakeSleep();
    const body = JSON.stringify(delayBody("SOME_NEWER_CODE", "Slow down", 3));
    const { call } = scripted([() => new Response(body, { status: delayStatus, headers: { "Retry-After": "9" } }), ok]);
    await client.retryCall(call, { method: "GET", policy, sleep });
    assert.deepEqual(sleeps, [3000]);
  });

  test("onRetry hears about every wait", async () => {
    const events: { attempt: number; delayMs: number; status: number | null }[] = [];
    const { call } = scripted([transient, transient, ok]);
    await client.retryCall(call, {
      method: "GET",
      policy: { ...policy, maxAttempts: 3, jitter: "none", maxTotalDelaySeconds: 1000 },
      sleep: fakeSleep().sleep,
      onRetry: ({ attempt, delayMs, error }) => {
        events.push({ attempt, delayMs, status: client.isApiError(error) ? error.status : null });
      },
    });
    assert.deepEqual(
      events.map((event) => event.attempt),
      [1, 2],
    );
    assert.deepEqual(
      events.map((event) => event.delayMs),
      [policy.initialDelayMs, Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier)],
    );
  });

  test("the default sleep really waits", async () => {
    const started = Date.now();
    const { call } = scripted([transient, ok]);
    await client.retryCall(call, { method: "GET", policy: { ...policy, maxAttempts: 2, initialDelayMs: 20, jitter: "none" } });
    assert.ok(Date.now() - started >= 15, "waited about 20 ms");
  });
});

/** An error body in the vectors' profile (with its default member names) with a code, a message and a retry delay in seconds. */
function delayBody(code: string, message: string, seconds: number): unknown {
  switch (vectors.profile) {
    case "flat":
      return { error: message, message, error_code: code, retry_after: seconds };
    case "problem":
      return { type: "about:blank", title: message, status: 429, detail: message, code, retry_after: seconds };
    case "google":
      return {
        error: {
          code: 429,
          message,
          status: "RESOURCE_EXHAUSTED",
          details: [
            { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: code, domain: "example.test" },
            { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${seconds}s` },
          ],
        },
      };
    case "nested":
      return { error: { type: "api_error", code, message, retry_after: seconds } };
  }
}

/** A loopback URL nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") {
    throw new Error("no port");
  }
  return `http://127.0.0.1:${address.port}/`;
}

/** An error shaped like axios's: `isAxiosError`, a code, and the response when there was one. */
function axiosError(code: string, response?: { status: number; headers: Record<string, string>; data: unknown }): Error {
  return Object.assign(new Error(`Request failed: ${code}`), { isAxiosError: true as const, code, response });
}

describe("real failures and the libraries people use", () => {
  const retrying = { ...policy, retryNetworkErrors: true, maxAttempts: 3, maxTotalDelaySeconds: 1_000_000 };
  const known = vectors.vectors.filter((v) => v.expect.kind === "known");
  const neverRetried = known.find((v) => !v.expect.retryable);
  const backedOff = known.find((v) => v.expect.retryable && v.expect.retry_after === null && v.expect.status >= 500);

  test("an axios error whose request sent a stream is not retried; one that sent bytes is", async () => {
    if (backedOff === undefined) {
      return;
    }
    const response = { status: backedOff.response.status, headers: backedOff.response.headers, data: backedOff.response.body };
    for (const [data, expected] of [[Readable.from(["audio"]), 1], [new ReadableStream(), 1], [Buffer.from("audio"), 3]] as const) {
      let attempts = 0;
      const rejection = Object.assign(axiosError("ERR_BAD_RESPONSE", response), { config: { data } });
      await assert.rejects(
        client.retryCall(() => {
          attempts += 1;
          return Promise.reject(rejection);
        }, { method: "PUT", policy: retrying, sleep: fakeSleep().sleep }),
        (err: unknown) => client.isApiError(err) && err.status === backedOff.expect.status,
      );
      assert.equal(attempts, expected, String(data));
    }
  });

  test("fetch refuses to send a stream body again, and that is not retried", async () => {
    if (backedOff === undefined) {
      return;
    }
    const received: number[] = [];
    const server = createHttpServer((req, res) => {
      let size = 0;
      req.on("data", (chunk: Buffer) => (size += chunk.length));
      req.on("end", () => {
        received.push(size);
        res.writeHead(backedOff.response.status, backedOff.response.headers).end(backedOff.response.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    assert.ok(address !== null && typeof address === "object");
    const body = Readable.toWeb(Readable.from([Buffer.alloc(100_000, 120)])) as ReadableStream<Uint8Array>;
    try {
      await assert.rejects(
        client.retryCall(
          () => fetch(`http://127.0.0.1:${address.port}/v1/thing`, { method: "PUT", body, duplex: "half" } as RequestInit),
          { method: "PUT", policy: retrying, sleep: fakeSleep().sleep },
        ),
        TypeError,
      );
    } finally {
      server.close();
    }
    assert.deepEqual(received, [100_000], "the body was sent whole once, and never in part");
  });

  test("fetch to a closed port is retried", async () => {
    const url = await closedPortUrl();
    const { sleep } = fakeSleep();
    let attempts = 0;
    await assert.rejects(
      client.retryCall(() => {
        attempts += 1;
        return fetch(url);
      }, { method: "GET", policy: retrying, sleep }),
      TypeError,
    );
    assert.equal(attempts, 3);
  });

  for (const url of ["htp://typo.test/", "http://[::1"]) {
    test(`fetch of ${url} is not retried`, async () => {
      let attempts = 0;
      await assert.rejects(
        client.retryCall(() => {
          attempts += 1;
          return fetch(url);
        }, { method: "GET", policy: retrying, sleep: fakeSleep().sleep }),
        TypeError,
      );
      assert.equal(attempts, 1);
    });
  }

  test("an axios error with a response is that response's error", async (t) => {
    if (neverRetried === undefined) {
      t.skip("the catalog has no code that is never retried");
      return;
    }
    const { status, headers, body } = neverRetried.response;
    const thrown = axiosError("ERR_BAD_REQUEST", { status, headers, data: JSON.parse(body) as unknown });
    let attempts = 0;
    await assert.rejects(
      client.retryCall(() => {
        attempts += 1;
        return Promise.reject(thrown);
      }, { method: "GET", policy: retrying, sleep: fakeSleep().sleep }),
      (err: unknown) => {
        assert.ok(client.isApiError(err), "an ApiError");
        assert.equal(vectorCode(err), neverRetried.expect.code);
        assert.equal(err.requestId, neverRetried.expect.request_id);
        assert.equal(err.cause, thrown);
        return true;
      },
    );
    assert.equal(attempts, 1);
  });

  test("an axios error with a response of a retried code is retried by its rules", async (t) => {
    if (backedOff === undefined) {
      t.skip("the catalog has no code retried with backoff");
      return;
    }
    const { status, headers, body } = backedOff.response;
    let attempts = 0;
    await assert.rejects(
      client.retryCall(() => {
        attempts += 1;
        return Promise.reject(axiosError("ERR_BAD_RESPONSE", { status, headers, data: body }));
      }, { method: "GET", policy: retrying, sleep: fakeSleep().sleep }),
      (err: unknown) => client.isApiError(err) && err.code === backedOff.expect.code,
    );
    assert.equal(attempts, 3);
  });

  for (const [code, retried] of [["ECONNREFUSED", true], ["ECONNRESET", true], ["ERR_NETWORK", true], ["ERR_BAD_OPTION", false], ["ERR_CANCELED", false]] as const) {
    test(`an axios ${code} without a response is ${retried ? "" : "not "}retried`, async () => {
      let attempts = 0;
      await assert.rejects(
        client.retryCall(() => {
          attempts += 1;
          return Promise.reject(axiosError(code));
        }, { method: "GET", policy: retrying, sleep: fakeSleep().sleep }),
      );
      assert.equal(attempts, retried ? 3 : 1);
    });
  }

  test("an abort ends a long wait at once, with the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("the user left");
    const started = Date.now();
    setTimeout(() => controller.abort(reason), 20);
    let attempts = 0;
    await assert.rejects(
      client.retryCall(
        (_attempt, signal) => {
          attempts += 1;
          assert.equal(signal, controller.signal, "call gets the signal");
          return Promise.resolve(new Response("", { status: backoffStatus ?? 500 }));
        },
        { method: "GET", policy: { ...policy, initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: "none", maxTotalDelaySeconds: 1_000 }, signal: controller.signal },
      ),
      (err: unknown) => err === reason,
    );
    assert.equal(attempts, 1);
    assert.ok(Date.now() - started < 5_000, `waited ${Date.now() - started} ms`);
  });

  test("an aborted signal makes no attempt", async () => {
    let attempts = 0;
    await assert.rejects(
      client.retryCall(() => {
        attempts += 1;
        return Promise.resolve("never");
      }, { method: "GET", signal: AbortSignal.abort(new Error("already gone")) }),
      /already gone/,
    );
    assert.equal(attempts, 0);
  });
});
