// Fails when TypeScript sources use the `any` type, or silence the compiler.
//
//   node no-any.mjs TYPESCRIPT_PACKAGE_DIR DIR...
//
// A plain grep would trip over the word "any" in doc comments (which come from the
// catalog, so can hold anything); this walks each file's syntax tree with the TypeScript
// compiler API instead and reports `any` type nodes, and comments that the compiler reads
// as directives (`// @ts-ignore`, `/** @ts-expect-error */`, `// @ts-nocheck`, …).

import { createRequire } from "node:module";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const [typescriptDir, ...roots] = process.argv.slice(2);
if (!typescriptDir || roots.length === 0) {
  console.error("usage: node no-any.mjs TYPESCRIPT_PACKAGE_DIR DIR...");
  process.exit(2);
}
const ts = createRequire(import.meta.url)(resolve(typescriptDir));

function sourceFiles(path) {
  if (statSync(path).isDirectory()) {
    return readdirSync(path).sort().flatMap((name) => sourceFiles(join(path, name)));
  }
  return /\.(c|m)?tsx?$/.test(path) && !path.endsWith(".d.ts") ? [path] : [];
}

const problems = [];
let checked = 0;
for (const file of roots.flatMap(sourceFiles)) {
  checked += 1;
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const report = (pos, what) => {
    const { line, character } = source.getLineAndCharacterOfPosition(pos);
    problems.push(`${file}:${line + 1}:${character + 1}: ${what}`);
  };
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      report(node.getStart(source), "`any` type");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // Directives only work in comments, and the scanner knows where those are.
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (isDirective(kind, scanner.getTokenText())) {
      report(scanner.getTokenStart(), `compiler directive in \`${scanner.getTokenText().slice(0, 60)}\``);
    }
  }
}
/**
 * Whether a comment is one the compiler reads as a directive: a line comment starting
 * with one, or a block comment whose last line does (`/** @ts-ignore *\/` counts, a tag
 * on an inner line of a longer JSDoc block does not).
 */
function isDirective(kind, text) {
  const directive = /^[\s/*]*@ts-(ignore|expect-error|nocheck)\b/;
  if (kind === ts.SyntaxKind.SingleLineCommentTrivia) {
    return directive.test(text);
  }
  if (kind === ts.SyntaxKind.MultiLineCommentTrivia) {
    const lines = text.split(/\r\n|[\n\r\u2028\u2029]/);
    return directive.test(lines[lines.length - 1] ?? "");
  }
  return false;
}

if (checked === 0) {
  console.error(`no TypeScript sources under ${roots.join(", ")}`);
  process.exit(1);
}
for (const problem of problems) {
  console.error(problem);
}
console.error(`no-any: ${checked} files checked, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
