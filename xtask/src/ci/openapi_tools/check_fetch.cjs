// Checks the models openapi-generator's `typescript-fetch` generator made of an errcat
// fragment, compiled to CommonJS.
//
// Usage: node check_fetch.cjs OPENAPI_JSON DIST
//
// Every code's schema (one with `x-status`): `XFromJSON` of its example, written back with
// `XToJSON`, keeps the code. Every per-status union (`...Body`) reads each of its codes'
// examples and writes the code back. The base schema (`ApiError`, or `Problem`) reads a
// body whose code the document does not know, keeping the code. Exits 1 on any failure.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const UNKNOWN_CODE = "ERRCAT_CODE_FROM_A_NEWER_SERVER";
const [documentPath, dist] = process.argv.slice(2);
const schemas = JSON.parse(fs.readFileSync(documentPath, "utf8")).components.schemas;
const models = require(path.resolve(dist, "index.js"));
const failures = [];

/** Reads `body` with the model `name` and writes it back; checks the code member. */
function roundTrip(name, body, codeMember) {
  const from = models[`${name}FromJSON`];
  const to = models[`${name}ToJSON`];
  if (typeof from !== "function" || typeof to !== "function") {
    failures.push(`no ${name}FromJSON / ${name}ToJSON`);
    return;
  }
  try {
    const back = to(from(body));
    if (back[codeMember] !== body[codeMember]) {
      failures.push(`${name}: read ${JSON.stringify(body[codeMember])} as ${JSON.stringify(back[codeMember])}`);
    }
  } catch (e) {
    failures.push(`${name}: cannot read a body with code ${JSON.stringify(body[codeMember])}: ${e}`);
  }
}

const baseName = "Problem" in schemas ? "Problem" : "ApiError";
const base = schemas[baseName];
let codeMember = Object.keys(base.properties).find((m) => "anyOf" in base.properties[m]);
if (codeMember === undefined) {
  failures.push(`${baseName}: its code member is not open to codes added later (no anyOf)`);
  codeMember = Object.keys(base.properties).find((m) => (base.properties[m].$ref ?? "").endsWith("/ErrorCode"));
}
const codes = Object.entries(schemas).filter(([, s]) => "x-status" in s);
for (const [name, schema] of codes) {
  roundTrip(name, schema.examples[0], codeMember);
}
let unions = 0;
for (const [name, schema] of Object.entries(schemas)) {
  if (!name.endsWith("Body") || !schema.oneOf) continue;
  unions += 1;
  for (const branch of schema.oneOf) {
    const codeName = branch.$ref.split("/").pop();
    roundTrip(name, schemas[codeName].examples[0], codeMember);
  }
}
const body = codes[0][1].examples[0];
roundTrip(baseName, body, codeMember);
roundTrip(baseName, { ...body, [codeMember]: UNKNOWN_CODE }, codeMember);

for (const failure of failures) console.log(`check_fetch: ${failure}`);
console.log(
  `check_fetch: ${codes.length} code models, ${unions} status unions, a body with an unknown code read as ` +
    `${baseName}: ${failures.length} failures`,
);
process.exit(failures.length ? 1 : 0);
