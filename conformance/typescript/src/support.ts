// What every test file shares: the client under test, the conformance vectors, and
// helpers to replay their responses.
//
// The client is the shipped one (generated/typescript), compiled with the harness. With
// ERRCAT_TS_CLIENT set to the compiled `index.js` of another rendering (the hostile
// catalog's), the catalog-independent tests run against that one instead; its vectors
// come from ERRCAT_VECTORS. Paths are relative to the working directory, the repository
// root when `cargo xtask ci` runs the tests.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import * as shipped from "../../../generated/typescript/src/index.js";

export type Client = typeof shipped;
export type ParsedError = shipped.ApiErrorUnion;
export type HeadersInput = shipped.HeadersInput;

/** A response as the vectors describe it: status, headers as sent, raw body text. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** How a client must classify a response (`conformance/README.md`). */
export interface Expectation {
  readonly kind: "known" | "unknown_code" | "http";
  readonly status: number;
  readonly code: string | null;
  readonly wire_code: string | null;
  readonly category: string | null;
  readonly title: string | null;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>> | null;
  readonly details_valid: boolean;
  readonly retryable: boolean;
  readonly retry_after: number | null;
  readonly request_id: string | null;
  readonly doc_url: string | null;
  readonly grpc_status: string;
  readonly raw_body: string;
}

export interface Vector {
  readonly name: string;
  readonly response: WireResponse;
  readonly expect: Expectation;
}

/** An attempt's outcome in a retry scenario: a response, or a network failure. */
export type WireOutcome = WireResponse | { readonly network_error: true };

export interface RetryScenario {
  readonly name: string;
  /** The request's method (GET when absent) and whether it carries an idempotency key. */
  readonly request?: { readonly method?: string; readonly idempotency_key?: boolean; readonly body?: string };
  readonly responses: readonly WireOutcome[];
  readonly expect: {
    readonly outcome: "success" | "error" | "network_error";
    readonly attempts: number;
    readonly delays_ms: readonly number[];
    readonly status?: number;
    readonly code?: string;
  };
}

export interface WirePolicy {
  readonly max_attempts: number;
  readonly initial_delay_ms: number;
  readonly multiplier: number;
  readonly max_delay_ms: number;
  readonly jitter: "none" | "full" | "equal";
  readonly default_retry_after_seconds: number;
  readonly max_total_delay_seconds: number;
  readonly retry_network_errors: boolean;
  readonly retry_after_cap_seconds: number;
  readonly idempotent_methods: readonly string[];
  readonly backoff_statuses: readonly number[];
  readonly delay_statuses: readonly number[];
  readonly defaulted_statuses: readonly { readonly code: number; readonly retry: "backoff" | "after_delay" | "never" }[];
}

export interface Vectors {
  readonly format: number;
  readonly profile: "flat" | "problem" | "google" | "nested";
  readonly now_epoch_seconds: number;
  readonly limits: { readonly max_retry_after_seconds: number; readonly max_safe_integer: number };
  readonly retry_policy: WirePolicy;
  readonly header_name_cases: readonly string[];
  /** Responses and the title and message each gives in a locale. */
  readonly localized: {
    readonly source: string;
    readonly locales: readonly string[];
    readonly cases: readonly {
      readonly name: string;
      readonly locale: string;
      readonly response: WireResponse;
      readonly expect: {
        readonly code: string;
        readonly title: string;
        readonly template: string | null;
        readonly message: string;
        readonly server_localized: { readonly locale: string; readonly message: string } | null;
      };
    }[];
  };
  readonly codes: readonly {
    readonly code: string;
    readonly status: number;
    readonly category: string;
    readonly title: string;
    readonly retryable: boolean;
    readonly retry: "never" | "backoff" | "after_delay";
    readonly doc_url: string;
    readonly grpc_status: string;
  }[];
  readonly vectors: readonly Vector[];
  readonly retry_scenarios: readonly RetryScenario[];
}

async function loadClient(): Promise<Client> {
  const path = process.env["ERRCAT_TS_CLIENT"];
  if (path === undefined || path === "") {
    return shipped;
  }
  const loaded: unknown = await import(pathToFileURL(resolve(path)).href);
  // Another rendering of the same templates: the same API over a different catalog.
  return loaded as Client;
}

function loadVectors(path: string): Vectors {
  const parsed: unknown = JSON.parse(readFileSync(resolve(path), "utf8"));
  const file = parsed as Vectors;
  if (file.format !== 1) {
    throw new Error(`${path}: vectors format ${String(file.format)} is not supported`);
  }
  return file;
}

export const client: Client = await loadClient();
export const vectors: Vectors = loadVectors(process.env["ERRCAT_VECTORS"] ?? "generated/conformance/vectors.json");

/** "Now" of the vectors, for HTTP-date `Retry-After` values. */
export const NOW_MS = vectors.now_epoch_seconds * 1000;

/** A fetch `Response` carrying `wire`. */
export function toResponse(wire: WireResponse): Response {
  return new Response(wire.body, { status: wire.status, headers: wire.headers });
}

/**
 * The code a vector's `expect.code` names. TypeScript's `code` is typed as the known codes
 * only, so that a misspelt code does not compile; an unknown code is in `wireCode`
 * (conformance/README.md, rule 6).
 */
export function vectorCode(err: shipped.ApiError): string | null {
  return err.kind === "unknown_code" ? err.wireCode : err.code;
}

/** What a parsed error says, in the shape and names of a vector's `expect`. */
export function observed(err: ParsedError): Expectation {
  return {
    kind: err.kind,
    status: err.status,
    code: vectorCode(err),
    wire_code: err.wireCode,
    category: err.category,
    title: err.title,
    message: err.message,
    details: err.details,
    details_valid: err.detailsValid,
    retryable: err.retryable,
    retry_after: err.retryAfter,
    request_id: err.requestId,
    doc_url: err.docUrl,
    grpc_status: err.grpcStatus,
    raw_body: err.rawBody,
  };
}

/** The vectors' retry policy in the client's shape. */
export function policyOf(wire: WirePolicy): shipped.RetryPolicy {
  return {
    maxAttempts: wire.max_attempts,
    initialDelayMs: wire.initial_delay_ms,
    multiplier: wire.multiplier,
    maxDelayMs: wire.max_delay_ms,
    jitter: wire.jitter,
    defaultRetryAfterSeconds: wire.default_retry_after_seconds,
    maxTotalDelaySeconds: wire.max_total_delay_seconds,
    retryNetworkErrors: wire.retry_network_errors,
    retryAfterCapSeconds: wire.retry_after_cap_seconds,
    idempotentMethods: wire.idempotent_methods,
  };
}

/** A fake clock for the retry helper: records every sleep instead of waiting. */
export function fakeSleep(): { readonly sleeps: number[]; readonly sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };
}
