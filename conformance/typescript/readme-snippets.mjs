// Turns the ```ts code blocks of a generated client's README into a TypeScript project
// that type-checks them against the client's sources, so the README cannot drift from
// the API.
//
//   node readme-snippets.mjs CLIENT_DIR OUT_DIR [--run TYPESCRIPT_PACKAGE COMPILED_CLIENT_DIR]
//
// Each block becomes OUT_DIR/snippet-N.ts: its imports stay at the top and the rest goes
// into an async function whose parameters are the free names the README uses (`url`,
// `init`). OUT_DIR/tsconfig.json maps the package name to CLIENT_DIR/src/index.ts.
//
// With --run, each block is also transpiled to OUT_DIR/snippet-N.js (with the TypeScript
// package given; `tsc -p OUT_DIR` checks the types), OUT_DIR/node_modules links the
// package name to COMPILED_CLIENT_DIR (the folder of the client's compiled index.js), and
// OUT_DIR/snippets.json lists each block's module, function and source: readme.test.ts
// runs the blocks from there against a local server.

import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const [clientDir, outDir, flag, typescriptPackage, compiledClient] = process.argv.slice(2);
const run = flag === "--run";
if (!clientDir || !outDir || (flag !== undefined && (!run || !typescriptPackage || !compiledClient))) {
  console.error("usage: node readme-snippets.mjs CLIENT_DIR OUT_DIR [--run TYPESCRIPT_PACKAGE COMPILED_CLIENT_DIR]");
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
  return { file, text, source: block, name: `snippet${index + 1}` };
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
  files: files.map(({ file }) => file),
};
writeFileSync(join(outDir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
writeFileSync(join(outDir, "package.json"), '{"type": "module"}\n');
if (run) {
  const ts = createRequire(import.meta.url)(resolve(typescriptPackage));
  const snippets = files.map(({ file, text, source, name: functionName }) => {
    const module = file.replace(/\.ts$/, ".js");
    const { outputText } = ts.transpileModule(text, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
      fileName: file,
    });
    writeFileSync(join(outDir, module), outputText);
    return { module, function: functionName, source };
  });
  writeFileSync(join(outDir, "snippets.json"), `${JSON.stringify({ package: name, snippets }, null, 2)}\n`);
  const link = join(outDir, "node_modules", ...name.split("/"));
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(resolve(compiledClient), link, "dir");
}
console.error(`${clientDir}/README.md: ${files.length} TypeScript blocks written to ${outDir}${run ? ", runnable" : ""}`);
