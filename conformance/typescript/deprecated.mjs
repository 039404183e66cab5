// Checks that TypeScript itself reports the use of a deprecated code, the way editors show
// it (struck through) and `@typescript-eslint/no-deprecated` fails it: diagnostic 6385
// ("'X' is deprecated") among the language service's suggestions for a program that names
// the code. The client's own type tables name every code, deprecated ones included: those
// uses are listed, not failed.
//
//   node deprecated.mjs TYPESCRIPT_PACKAGE_DIR CLIENT_DIR NAME
//
// CLIENT_DIR is a rendered TypeScript client (its tsconfig.json and src/); NAME is the
// exported class of a deprecated code.

import { createRequire } from "node:module";
import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [typescriptDir, clientDir, name] = process.argv.slice(2);
if (!typescriptDir || !clientDir || !name) {
  console.error("usage: node deprecated.mjs TYPESCRIPT_PACKAGE_DIR CLIENT_DIR NAME");
  process.exit(2);
}
const ts = createRequire(import.meta.url)(resolve(typescriptDir));
const client = resolve(clientDir);
const user = join(client, "deprecated-user.ts");
writeFileSync(user, `import { ${name} } from "./src/index.js";\n\nexport const used = ${name};\n`);

const sources = readdirSync(join(client, "src"))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => join(client, "src", file));
const files = [...sources, user];
const options = {
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  noEmit: true,
};
const host = {
  getScriptFileNames: () => files,
  getScriptVersion: () => "1",
  getScriptSnapshot: (file) => {
    const text = ts.sys.readFile(file);
    return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
  },
  getCurrentDirectory: () => client,
  getCompilationSettings: () => options,
  getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());
const deprecated = (file) =>
  service.getSuggestionDiagnostics(file).filter((diagnostic) => diagnostic.code === 6385 || diagnostic.code === 6387);

const inUser = deprecated(user).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
const inClient = sources.flatMap((file) =>
  deprecated(file).map((d) => `${file}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`),
);
let failed = false;
if (!inUser.some((message) => message.includes(name))) {
  console.error(`deprecated.mjs: TypeScript does not report ${name} as deprecated in a program that uses it`);
  failed = true;
}
if (inClient.length > 0) {
  console.log(`deprecated.mjs: the client's own tables name it ${inClient.length} time(s)`);
}
if (failed) process.exit(1);
console.log(`deprecated.mjs: ${name} is reported as deprecated where a program uses it (${inUser[0]})`);
