// End to end: starts the demo service, sends every scenario of
// conformance/e2e/scenarios.json with the global `fetch`, and checks that the shipped
// client classifies each real response: class, code, status, message, details,
// `Retry-After` and request id.
//
// ERRCAT_DEMO_BIN names the built demo binary (`cargo xtask ci` builds it); without it the
// scenarios file's own command (`cargo run …`) starts the demo. ERRCAT_E2E_SCENARIOS
// overrides the scenarios path. ERRCAT_DEMO_PROFILE (default `flat`) names the wire profile
// the demo answers in (`demo.profiles`); the client under test (ERRCAT_TS_CLIENT) must be
// rendered for it (`errcat generate --profile`).

import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { after, before, describe, test } from "node:test";

import { client, fakeSleep } from "./support.js";

interface Request {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** `null`, `{json: value}` (sent as JSON) or `{base64, content_type}` (raw bytes). */
  readonly body: null | { readonly json: unknown } | { readonly base64: string; readonly content_type: string };
}

interface Scenario {
  readonly name: string;
  readonly code?: string;
  readonly description: string;
  readonly request: Request;
  readonly repeat: number;
  readonly expect: {
    readonly status: number;
    readonly error_code?: string;
    /** Whether the response carries a `retry_after` / `Retry-After`. */
    readonly retry_after?: boolean;
    readonly message?: string;
    readonly details?: Readonly<Record<string, unknown>> | null;
  };
}

interface ScenariosFile {
  readonly format: number;
  readonly demo: {
    readonly command: readonly string[];
    readonly args: readonly string[];
    /** Per wire profile: more start flags, and the media type of error bodies. */
    readonly profiles: Readonly<Record<string, { readonly args: readonly string[]; readonly content_type: string }>>;
    readonly ready_line: string;
    readonly request_id_header: string;
    readonly retry_after_header: string;
  };
  readonly scenarios: readonly Scenario[];
  readonly successes: readonly Scenario[];
}

const scenariosPath = process.env["ERRCAT_E2E_SCENARIOS"] ?? "conformance/e2e/scenarios.json";
const file = JSON.parse(readFileSync(scenariosPath, "utf8")) as ScenariosFile;
assert.equal(file.format, 1, `${scenariosPath}: unsupported format`);
const profileName = process.env["ERRCAT_DEMO_PROFILE"] ?? "flat";
/** The wire profile the demo answers in: its start flags and error media type. */
const profile = ((): { readonly args: readonly string[]; readonly content_type: string } => {
  const found = file.demo.profiles[profileName];
  if (found === undefined) {
    throw new Error(`${scenariosPath}: no demo profile \`${profileName}\` (ERRCAT_DEMO_PROFILE)`);
  }
  return found;
})();

/** The running demo: its base URL and process. */
let demo: { readonly base: string; readonly process: ChildProcess } | undefined;

/** Starts the demo and resolves with its base URL once it prints its ready line. */
function startDemo(): Promise<{ readonly base: string; readonly process: ChildProcess }> {
  const binary = process.env["ERRCAT_DEMO_BIN"];
  const [program, ...prefix] = binary !== undefined && binary !== "" ? [binary] : file.demo.command;
  if (program === undefined) {
    throw new Error(`${scenariosPath}: demo.command is empty`);
  }
  const child = spawn(program, [...prefix, ...file.demo.args, ...profile.args], { stdio: ["pipe", "pipe", "inherit"] });
  // `listening on http://127.0.0.1:PORT`, with PORT standing for the port.
  const [head = "", tail = ""] = file.demo.ready_line.split("PORT");
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const ready = new RegExp(`^${escape(head)}\\d+${escape(tail)}$`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error("the demo did not print its ready line within 5 minutes"));
    }, 300_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${String(code ?? signal)}) before it was ready`));
    });
    if (child.stdout === null) {
      throw new Error("no stdout pipe");
    }
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const url = /https?:\/\/[^\s/]+/.exec(line);
      if (ready.test(line.trim()) && url !== null) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve({ base: url[0], process: child });
      }
    });
  });
}

/** Stops the demo: closes its standard input, then terminates it if it lingers. */
async function stopDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill("SIGTERM"), 5_000);
  await exited;
  clearTimeout(timer);
}

function send(request: Request): Promise<Response> {
  if (demo === undefined) {
    throw new Error("the demo is not running");
  }
  const headers = new Headers(request.headers);
  let body: string | Uint8Array | undefined;
  if (request.body !== null && "json" in request.body) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(request.body.json);
  } else if (request.body !== null) {
    headers.set("Content-Type", request.body.content_type);
    body = Buffer.from(request.body.base64, "base64");
  }
  return fetch(`${demo.base}${request.path}`, { method: request.method, headers, ...(body === undefined ? {} : { body }) });
}

/** Sends the scenario's request `repeat` times and returns the last response. */
async function lastResponse(scenario: Scenario): Promise<Response> {
  for (let i = 1; i < scenario.repeat; i += 1) {
    await (await send(scenario.request)).arrayBuffer();
  }
  return send(scenario.request);
}

describe("end to end against the demo service", () => {
  before(async () => {
    demo = await startDemo();
  });
  after(async () => {
    if (demo !== undefined) {
      await stopDemo(demo.process);
    }
  });

  test("the scenarios provoke every code of the catalog", () => {
    const provoked = new Set(file.scenarios.map((scenario) => scenario.expect.error_code));
    assert.deepEqual(
      client.ERROR_CODES.filter((code) => !provoked.has(code)),
      [],
    );
  });

  for (const scenario of file.scenarios) {
    test(`${scenario.name}: ${scenario.description}`, async () => {
      const response = await lastResponse(scenario);
      const sentRequestId = response.headers.get(file.demo.request_id_header);
      const sentRetryAfter = response.headers.get(file.demo.retry_after_header);
      assert.equal(response.headers.get("content-type"), profile.content_type);
      const err = await client.parseErrorResponse(response);
      const expect = scenario.expect;

      assert.equal(err.status, expect.status);
      assert.equal(err.kind, "known", `classified as ${err.kind}: ${err.rawBody}`);
      assert.equal(err.code, expect.error_code);
      if (err.kind !== "known") {
        return;
      }
      assert.equal(err.constructor, client.errorForCode(err.code, { status: 0, message: "" }).constructor);
      assert.equal(err.category, client.CODE_INFO[err.code].category);
      assert.equal(err.retryable, client.CODE_INFO[err.code].retryable);
      if (expect.message !== undefined) {
        assert.equal(err.message, expect.message);
      }
      if (expect.details !== undefined) {
        assert.deepEqual(err.details, expect.details);
      }
      assert.ok(err.detailsValid, `details match the catalog: ${JSON.stringify(err.details)}`);
      assert.deepEqual(err.typedDetails, err.details ?? {});

      assert.ok(sentRequestId !== null && sentRequestId !== "", "the demo sends a request id");
      assert.equal(err.requestId, sentRequestId);

      if (expect.retry_after === true) {
        assert.ok(err.retryAfter !== null && Number.isInteger(err.retryAfter) && err.retryAfter >= 0, `retryAfter ${String(err.retryAfter)}`);
        if (sentRetryAfter !== null) {
          assert.equal(err.retryAfter, client.parseRetryAfter(sentRetryAfter) ?? err.retryAfter);
        }
      } else if (expect.retry_after === false) {
        assert.equal(err.retryAfter, null);
      }
    });
  }

  for (const scenario of file.successes) {
    test(`success ${scenario.name}: ${scenario.description}`, async () => {
      const response = await lastResponse(scenario);
      assert.equal(response.status, scenario.expect.status);
      await response.arrayBuffer();
    });
  }

  test("retryCall waits the demo's Retry-After on a rate limit, then gives up", async () => {
    const limited = file.scenarios.find((scenario) => scenario.expect.retry_after === true);
    if (limited === undefined) {
      return;
    }
    const { sleeps, sleep } = fakeSleep();
    const retryAfters: number[] = [];
    let attempts = 0;
    const policy = { ...client.RETRY_POLICY, maxTotalDelaySeconds: Number.MAX_SAFE_INTEGER };
    await assert.rejects(
      client.retryCall(
        () => {
          attempts += 1;
          return send(limited.request);
        },
        {
          method: limited.request.method,
          policy,
          sleep,
          onRetry: ({ error }) => {
            if (client.isApiError(error) && error.retryAfter !== null) {
              retryAfters.push(error.retryAfter);
            }
          },
        },
      ),
      (err: unknown) => client.isApiError(err) && err.code === limited.expect.error_code && err.status === limited.expect.status,
    );
    assert.equal(attempts, policy.maxAttempts);
    assert.deepEqual(
      sleeps,
      retryAfters.map((seconds) => seconds * 1000),
    );
    assert.equal(sleeps.length, policy.maxAttempts - 1);
  });
});
