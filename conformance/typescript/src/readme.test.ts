// The shipped client's README: its TypeScript blocks, run as written against a local
// server. `cargo xtask ci` writes them, with readme-snippets.mjs, as modules into the
// folder it names in ERRCAT_TS_README; each block is an async function of the README's
// free names, `url` and `init`.
//
// The server answers with the conformance vectors' bodies, with every wait the server
// asks for set to 0 s so the retries are immediate.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { join, resolve } from "node:path";
import { describe, test, type TestContext } from "node:test";
import { pathToFileURL } from "node:url";

import { vectors, type WireResponse } from "./support.js";

/** One README block, as readme-snippets.mjs lists it in `snippets.json`. */
interface Snippet {
  readonly module: string;
  readonly function: string;
  readonly source: string;
}

/** A README block: the async function its code became. */
type Block = (url: string, init: RequestInit) => Promise<void>;

/** A request the local server received. */
interface Received {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const folder = process.env["ERRCAT_TS_README"];

/** The README block that contains `text`: its source and its function. */
async function blockWith(text: string): Promise<{ readonly source: string; readonly run: Block }> {
  assert.ok(folder !== undefined && folder !== "", "ERRCAT_TS_README names no folder");
  const listing = JSON.parse(readFileSync(join(folder, "snippets.json"), "utf8")) as { readonly snippets: readonly Snippet[] };
  const found = listing.snippets.find((snippet) => snippet.source.includes(text));
  assert.ok(found !== undefined, `the README has no TypeScript block with ${JSON.stringify(text)}`);
  const module = (await import(pathToFileURL(resolve(folder, found.module)).href)) as Record<string, unknown>;
  const run = module[found.function];
  assert.equal(typeof run, "function", `${found.module} exports no function ${found.function}`);
  return { source: found.source, run: run as Block };
}

/** The response of the vector `name`, asking for a wait of 0 s (in its header and body). */
function answer(name: string): WireResponse {
  const vector = vectors.vectors.find((v) => v.name === name);
  assert.ok(vector !== undefined, `no vector ${name}`);
  const headers = {
    ...Object.fromEntries(Object.entries(vector.response.headers).filter(([key]) => !/^retry-after$/i.test(key))),
    "Retry-After": "0",
  };
  const body = JSON.parse(vector.response.body) as Record<string, unknown>;
  if ("retry_after" in body) {
    body["retry_after"] = 0;
  }
  return { status: vector.response.status, headers, body: JSON.stringify(body) };
}

const ok: WireResponse = { status: 200, headers: { "Content-Type": "application/json" }, body: '{"id": "job_1"}' };

/** A local server answering request n with `answers[n - 1]` (the last one once they run out). */
async function serve(t: TestContext, answers: readonly WireResponse[]): Promise<{ readonly url: string; readonly received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const next = answers[Math.min(received.length, answers.length) - 1] ?? ok;
      res.writeHead(next.status, next.headers).end(next.body);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  t.after(() => new Promise<void>((done) => server.close(() => done())));
  const address = server.address();
  assert.ok(address !== null && typeof address === "object");
  return { url: `http://127.0.0.1:${address.port}/v1/transcriptions`, received };
}

/** The arguments of each call of a console method, which the test silences. */
function captured(t: TestContext, method: "log" | "warn" | "error"): () => readonly (readonly unknown[])[] {
  const mocked = t.mock.method(console, method, () => undefined);
  return () => mocked.mock.calls.map((call) => call.arguments);
}

describe("the README's TypeScript blocks, run", { skip: folder === undefined ? "ERRCAT_TS_README is not set" : false }, () => {
  test("catch a rate limit and retry: retryCall waits out the limit, and so does the code by hand", async (t) => {
    const { run } = await blockWith("// Or by hand:");
    const rateLimited = answer("code/RATE_LIMIT_EXCEEDED");
    const server = await serve(t, [rateLimited, ok, rateLimited, ok]);
    const warnings = captured(t, "warn");
    await run(server.url, { headers: { Authorization: "Bearer key" } });
    // retryCall: the limit, then the answer; by hand: the limit, the wait, and no error.
    assert.equal(server.received.length, 3);
    assert.deepEqual(
      warnings().map((args) => args[0]),
      ["attempt 1 failed, retrying in 0 ms"],
    );
    assert.ok(server.received.every((request) => request.headers.authorization === "Bearer key"), "init is sent every time");
  });

  test("retrying safely: a POST with an idempotency key is sent again after a server error, with the same key and body", async (t) => {
    const { source, run } = await blockWith("idempotencyKey");
    const header = /"([\w-]+)": key\b/.exec(source)?.[1];
    assert.ok(header !== undefined, "the block sends the key in a header");
    const server = await serve(t, [answer("code/SERVICE_UNAVAILABLE"), ok]);
    const logged = captured(t, "log");
    await run(server.url, {});
    assert.deepEqual(logged(), [[200]]);
    assert.equal(server.received.length, 2);
    const keys = server.received.map((request) => request.headers[header.toLowerCase()]);
    assert.ok(typeof keys[0] === "string" && keys[0].length > 0, `the first attempt carries ${header}`);
    assert.equal(keys[1], keys[0], "every attempt carries the same key");
    assert.deepEqual(
      server.received.map((request) => [request.method, request.body]),
      [["POST", '{"name":"job"}'], ["POST", '{"name":"job"}']],
    );
  });

  test("read typed details: a quota error's details are read as typed", async (t) => {
    const { run } = await blockWith("typedDetails");
    const quota = answer("code/QUOTA_EXCEEDED");
    const server = await serve(t, [quota]);
    const logged = captured(t, "log");
    await run(server.url, {});
    const details = (JSON.parse(quota.body) as { readonly details: Readonly<Record<string, unknown>> }).details;
    assert.deepEqual(logged(), [[details["quota_limit"]]]);
    assert.equal(server.received.length, 1, "a quota error is not retried");
  });

  test("read typed details: any other API error is reported with its code, message and request id", async (t) => {
    const { run } = await blockWith("typedDetails");
    const missingKey = answer("code/MISSING_API_KEY");
    const server = await serve(t, [missingKey]);
    const errors = captured(t, "error");
    captured(t, "log");
    await run(server.url, {});
    const body = JSON.parse(missingKey.body) as Readonly<Record<string, unknown>>;
    assert.deepEqual(errors(), [[body["error_code"], body["message"], "request id:", missingKey.headers["X-Request-ID"]]]);
  });
});
