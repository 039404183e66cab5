// Checks the models openapi-generator's `typescript-fetch` generator made of an errcat
// fragment, compiled to CommonJS.
//
// Usage: node check_fetch.cjs OPENAPI_JSON DIST
//
// Every code's schema (one with `x-status`): `XFromJSON` of its example, written back with
// `XToJSON`, keeps the code. Every per-status union (`...Body`) reads each of its codes'
// examples and writes the code back. The base schema (`ApiError`, or `Problem`) reads a
// body whose code the document does not know, keeping the code, wherever the profile puts
// it. Exits 1 on any failure.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const UNKNOWN_CODE = "ERRCAT_CODE_FROM_A_NEWER_SERVER";
const [documentPath, dist] = process.argv.slice(2);
const schemas = JSON.parse(fs.readFileSync(documentPath, "utf8")).components.schemas;
const models = require(path.resolve(dist, "index.js"));
const failures = [];

/** Every value of a `member` key anywhere in `value`. */
function codesIn(value, member) {
  if (Array.isArray(value)) return value.flatMap((item) => codesIn(item, member));
  if (value === null || typeof value !== "object") return [];
  const own = member in value ? [value[member]] : [];
  return own.concat(Object.values(value).flatMap((item) => codesIn(item, member)));
}

/** `value` with each `member` whose value is `old` set to `to`. */
function withCode(value, member, old, to) {
  if (Array.isArray(value)) return value.map((item) => withCode(item, member, old, to));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === member && v === old ? to : withCode(v, member, old, to)]),
  );
}

/** Reads `body` with the model `name`, writes it back, and finds `code` in it. */
function roundTrip(name, body, code) {
  const from = models[`${name}FromJSON`];
  const to = models[`${name}ToJSON`];
  if (typeof from !== "function" || typeof to !== "function") {
    failures.push(`no ${name}FromJSON / ${name}ToJSON`);
    return;
  }
  try {
    const back = codesIn(to(from(body)), codeMember);
    if (!back.includes(code)) {
      failures.push(`${name}: read ${JSON.stringify(code)} as ${JSON.stringify(back)}`);
    }
  } catch (e) {
    failures.push(`${name}: cannot read a body with code ${JSON.stringify(code)}: ${e}`);
  }
}

/** The code member: open to any string (`anyOf` with `ErrorCode`), or in a closed
 * fragment the one that is `ErrorCode` itself. */
function codeMemberOf() {
  const isCode = (branch) => (branch.$ref ?? "").endsWith("/ErrorCode");
  for (const open of [true, false]) {
    for (const schema of Object.values(schemas)) {
      for (const [member, prop] of Object.entries(schema.properties ?? {})) {
        if ((open ? (prop.anyOf ?? []) : [prop]).some(isCode)) {
          if (!open) failures.push(`${member}: the code member is not open to codes added later (no anyOf)`);
          return member;
        }
      }
    }
  }
  throw new Error("no schema has a code member");
}

const baseName = "Problem" in schemas ? "Problem" : "ApiError";
const codeMember = codeMemberOf();
const codes = Object.entries(schemas).filter(([, s]) => "x-status" in s);
for (const [name, schema] of codes) {
  roundTrip(name, schema.examples[0], schema.title);
}
let unions = 0;
for (const [name, schema] of Object.entries(schemas)) {
  if (!name.endsWith("Body") || !schema.oneOf) continue;
  unions += 1;
  for (const branch of schema.oneOf) {
    const code = schemas[branch.$ref.split("/").pop()];
    roundTrip(name, code.examples[0], code.title);
  }
}
const [, first] = codes[0];
roundTrip(baseName, first.examples[0], first.title);
roundTrip(baseName, withCode(first.examples[0], codeMember, first.title, UNKNOWN_CODE), UNKNOWN_CODE);

for (const failure of failures) console.log(`check_fetch: ${failure}`);
console.log(
  `check_fetch: ${codes.length} code models, ${unions} status unions, a body with an unknown code read as ` +
    `${baseName}: ${failures.length} failures`,
);
process.exit(failures.length ? 1 : 0);
