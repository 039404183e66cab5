// Turns the ```ts code blocks of a generated client's README into a TypeScript project
// that type-checks them against the client's sources, so the README cannot drift from
// the API.
//
//   node readme-snippets.mjs CLIENT_DIR OUT_DIR
//
// Each block becomes OUT_DIR/snippet-N.ts: its imports stay at the top and the rest goes
// into an async function whose parameters are the free names the README uses (`url`,
// `init`). OUT_DIR/tsconfig.json maps the package name to CLIENT_DIR/src/index.ts.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [clientDir, outDir] = process.argv.slice(2);
if (!clientDir || !outDir) {
  console.error("usage: node readme-snippets.mjs CLIENT_DIR OUT_DIR");
  process.exit(2);
}
const readme = readFileSync(join(clientDir, "README.md"), "utf8");
const { name } = JSON.parse(readFileSync(join(clientDir, "package.json"), "utf8"));

const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
if (blocks.length === 0) {
  console.error(`${clientDir}/README.md has no \`\`\`ts blocks`);
  process.exit(1);
}
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = blocks.map((block, index) => {
  const lines = block.split("\n");
  const imports = lines.filter((line) => line.startsWith("import "));
  const body = lines.filter((line) => !line.startsWith("import ")).map((line) => (line ? `  ${line}` : line));
  const file = `snippet-${index + 1}.ts`;
  const text = [
    `// README.md, TypeScript block ${index + 1}.`,
    ...imports,
    "",
    `export async function snippet${index + 1}(url: string, init: RequestInit): Promise<void> {`,
    ...body,
    "}",
    "",
  ].join("\n");
  writeFileSync(join(outDir, file), text);
  return file;
});
const tsconfig = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    types: [],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noPropertyAccessFromIndexSignature: true,
    noEmit: true,
    paths: { [name]: [resolve(clientDir, "src", "index.ts")] },
  },
  files,
};
writeFileSync(join(outDir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
writeFileSync(join(outDir, "package.json"), '{"type": "module"}\n');
console.error(`${clientDir}/README.md: ${files.length} TypeScript blocks written to ${outDir}`);
