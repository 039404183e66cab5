// The site target in a real browser: Debian's Chromium driven by playwright-core.
//
//   node browser.mjs MODULES SITE EXPECTED OUT
//
// MODULES holds node_modules with playwright-core and axe-core (pinned by `cargo xtask ci
// --only site`), SITE the rendered `site/` folder, EXPECTED the catalog's facts as JSON
// (written by xtask/src/ci/site.rs from the checked catalog, not from the site), OUT the
// folder for screenshots and report.json. Every check runs; the script exits 1 if any
// failed. The pages are served by a tiny static server on 127.0.0.1 and opened from
// file:// too.

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, siteDir, expectedPath, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: node browser.mjs MODULES SITE EXPECTED OUT");
  process.exit(2);
}
const require = createRequire(join(resolve(modules), "package.json"));
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
const site = resolve(siteDir);
mkdirSync(outDir, { recursive: true });

const failures = [];
const report = { catalog: expected.name, codes: expected.codes.length, checks: [] };

async function check(what, body) {
  const started = performance.now();
  try {
    await body();
    report.checks.push({ what, ok: true, ms: Math.round(performance.now() - started) });
    console.log(`site[${expected.name}]: ok   ${what}`);
  } catch (error) {
    failures.push(`${what}: ${error && error.message ? error.message : error}`);
    report.checks.push({ what, ok: false, error: String(error && error.message ? error.message : error) });
    console.log(`site[${expected.name}]: FAIL ${what}: ${error && error.stack ? error.stack : error}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function same(actual, wanted, what) {
  if (actual !== wanted) throw new Error(`${what}: got ${JSON.stringify(actual)}, want ${JSON.stringify(wanted)}`);
}

function deepEqual(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// What an HTML document can show of `text`: the parser turns NUL into U+FFFD and every
// CRLF or lone CR of the source into LF (the site writes CR as &#13;, which it keeps).
function shown(text) {
  return text.replace(/\0/g, "\uFFFD");
}

// The static server: files below `site` only.
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8" };
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
  const file = resolve(site, "." + path + (path.endsWith("/") ? "index.html" : ""));
  let ok = file === site || file.startsWith(site + sep);
  try {
    ok = ok && statSync(file).isFile();
  } catch {
    ok = false;
  }
  if (!ok) {
    response.writeHead(404).end("not found");
    return;
  }
  response.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
  response.end(readFileSync(file));
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    // /dev/shm is small in containers; two pages of a 10,000-code index crashed the browser.
    "--disable-dev-shm-usage",
  ],
});

// A page that records errors, dialogs and whether anything called the sentinels a hostile
// string would call if it ran (`alert` is what the hostile catalogs' scripts call).
async function newPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") page.errors.push(`console: ${message.text()}`);
  });
  page.on("dialog", (dialog) => {
    page.errors.push(`dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    window.__pwned = false;
    const pwned = () => {
      window.__pwned = true;
    };
    window.alert = pwned;
    window.confirm = pwned;
    window.prompt = pwned;
  });
  return page;
}

async function clean(page) {
  const pwned = await page.evaluate(() => window.__pwned);
  same(pwned, false, `window.__pwned on ${page.url()}`);
  assert(page.errors.length === 0, `errors on ${page.url()}: ${page.errors.join("; ")}`);
}

const codes = expected.codes;
const lower = (code) => code.toLowerCase();
const probe = expected.probes;
// The site's CSP is on in `context`; `open` bypasses it, so that escaping alone is what
// keeps hostile text from running there (and so axe can be injected).
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const open = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base.slice(0, -1) });

// The machine is shared (CI runs builds side by side), so timings are the best of ROUNDS.
const ROUNDS = 3;

await check("the index loads, is interactive within 1 s, and lists every code with its anchor", async () => {
  const page = await newPage(context);
  const loads = [];
  for (let round = 0; round < ROUNDS; round++) {
    await page.goto(base + "index.html?round=" + round, { waitUntil: "load" });
    await page.waitForSelector("html[data-search-ready]", { timeout: 10000 });
    loads.push(
      await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0];
        return {
          ready: Number(document.documentElement.getAttribute("data-search-ready")),
          domInteractive: Math.round(nav.domInteractive),
          domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
          load: Math.round(nav.loadEventEnd),
          bytes: nav.decodedBodySize,
        };
      }),
    );
  }
  loads.sort((a, b) => a.ready - b.ready);
  report.index = { best: loads[0], rounds: loads };
  const rows = await page.evaluate((codes) => {
    const rows = document.querySelectorAll("#all-codes .index-list > li");
    const missing = codes.filter((code) => {
      const row = document.getElementById(code.toLowerCase());
      return !row || row.parentNode.closest("#all-codes") === null || row.querySelector("a").textContent !== code;
    });
    return { count: rows.length, missing: missing.slice(0, 5) };
  }, codes.map((c) => c.code));
  same(rows.count, codes.length, "rows in the index");
  same(rows.missing.length, 0, `codes without their anchor row (${rows.missing})`);
  await clean(page);
  assert(loads[0].ready < 1000, `the search was ready ${loads[0].ready} ms after navigation at best, over 1000 ms`);
  await page.screenshot({ path: join(outDir, "index.png") });
  await page.close();
});

// The site's normalisation, written again here: errcat computes the index's words in Rust,
// the page splits queries in JavaScript, and the two must agree on every catalog's text.
const words = (text) => {
  const normal = String(text).toLowerCase().replace(/[^\p{Alphabetic}\p{N}]+/gu, " ").trim();
  return normal ? normal.split(" ") : [];
};
const runs = (list) => {
  let out = list.map((word) => " " + word).join("");
  for (let i = 0; i + 1 < list.length; i++) out += " " + list.slice(i).join("");
  return out;
};

await check("the search index holds every code, and its words are the ones JavaScript makes of the catalog", async () => {
  const page = await newPage(context);
  await page.goto(base + "index.html");
  const data = await page.evaluate(() => JSON.parse(document.getElementById("search-index").textContent));
  same(data.codes.length, codes.length, "codes in the search index");
  codes.forEach((code, at) => {
    const record = data.codes[at];
    same(record[0], code.code, `code ${at}`);
    same(record[1], code.summary, `summary of ${code.code}`);
    same(record[2], code.status, `status of ${code.code}`);
    same(record[3], code.category, `category of ${code.code}`);
    same(record[5], runs(words(code.code)), `code words of ${code.code}`);
    same(record[6], runs(words(code.title)), `title words of ${code.code}`);
    const known = new Set(words(`${code.code} ${code.title}`));
    const other = words(`${code.summary} ${code.message} ${code.description}`).filter((w) => !known.has(w) && known.add(w));
    same(record[7], other.map((w) => " " + w).join(""), `words of ${code.code}`);
  });
  await page.close();
});

// Types `query` key by key into the search box; returns the result codes and, per key,
// the time from the input event to the results in the DOM and to the next frame.
async function typeQuery(page, query) {
  await page.evaluate(async () => {
    const input = document.getElementById("search-q");
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
  const times = [];
  for (let i = 1; i <= query.length; i++) {
    times.push(
      await page.evaluate(async (text) => {
        const input = document.getElementById("search-q");
        const start = performance.now();
        input.value = text;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const handled = performance.now() - start;
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
        return { handled, painted: performance.now() - start };
      }, query.slice(0, i)),
    );
  }
  const found = await page.$$eval("#search-results .code-row code", (nodes) => nodes.map((n) => n.textContent));
  return { found, times };
}

// Per keystroke (query and length), the best of the rounds.
const keystrokes = [];
await check("search as you type finds codes by code, words and run-together words", async () => {
  const page = await newPage(context);
  await page.goto(base + "index.html");
  await page.waitForSelector("html[data-search-ready]");
  const best = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    for (const { query, code } of probe.searches) {
      const { found, times } = await typeQuery(page, query);
      times.forEach((time, at) => {
        const key = query + "\u0000" + at;
        const old = best.get(key);
        if (!old || time.painted < old.painted) best.set(key, time);
      });
      assert(found.slice(0, 5).includes(code), `"${query}" should find ${code} among the first results, found ${found.slice(0, 5)}`);
    }
  }
  keystrokes.push(...best.values());
  // Typing narrows the last search's hits; a fresh search must give the same results.
  for (const { query } of probe.searches) {
    await page.goto(base + "index.html");
    await page.waitForSelector("html[data-search-ready]");
    const { found } = await typeQuery(page, query);
    const count = await page.textContent("#search-status");
    await page.goto(base + "index.html?q=" + encodeURIComponent(query));
    await page.waitForSelector("html[data-search-ready]");
    const direct = await page.$$eval("#search-results .code-row code", (nodes) => nodes.map((n) => n.textContent));
    same(JSON.stringify(found), JSON.stringify(direct), `results typed and fresh for "${query}"`);
    same(count, await page.textContent("#search-status"), `count for "${query}"`);
  }
  // A query that matches nothing says so.
  await typeQuery(page, "zzqqxxnothing");
  same(await page.textContent("#search-status"), "No code matches.", "status line");
  same(await page.$$eval("#search-results .code-row", (rows) => rows.length), 0, "results for nonsense");
  await clean(page);
  await page.close();
});

await check("a keystroke's results appear within 50 ms", async () => {
  assert(keystrokes.length > 0, "no keystrokes measured");
  const painted = keystrokes.map((t) => t.painted).sort((a, b) => a - b);
  const handled = keystrokes.map((t) => t.handled).sort((a, b) => a - b);
  const at = (list, q) => list[Math.min(list.length - 1, Math.floor(q * list.length))];
  report.keystroke = {
    count: keystrokes.length,
    handled_median_ms: at(handled, 0.5),
    handled_max_ms: handled[handled.length - 1],
    painted_median_ms: at(painted, 0.5),
    painted_p95_ms: at(painted, 0.95),
    painted_max_ms: painted[painted.length - 1],
  };
  assert(at(painted, 0.95) < 50, `95th percentile ${at(painted, 0.95).toFixed(1)} ms to the next frame, over 50 ms`);
});

await check("the status and category filters show exactly their codes", async () => {
  const page = await newPage(context);
  await page.goto(base + "index.html");
  await page.waitForSelector("html[data-search-ready]");
  await page.selectOption("#filter-status", String(probe.status));
  const wanted = codes.filter((c) => c.status === probe.status).length;
  same(await page.textContent("#search-status"), wanted === 1 ? "1 code matches." : `${wanted} codes match.`, "status filter");
  const statuses = await page.$$eval("#search-results .code-row .status", (n) => n.map((s) => Number(s.textContent)));
  assert(statuses.length > 0 && statuses.every((s) => s === probe.status), `rows of other statuses: ${statuses}`);
  await page.selectOption("#filter-status", "");
  await page.selectOption("#filter-category", String(probe.category));
  const inCategory = codes.filter((c) => c.category === probe.category);
  const count = inCategory.length;
  same(await page.textContent("#search-status"), count === 1 ? "1 code matches." : `${count} codes match.`, "category filter");
  const listed = () => page.$$eval("#search-results .code-row code", (n) => n.map((c) => c.textContent));
  let first = await listed();
  assert(first.length > 0, "no rows for the category");
  same(JSON.stringify(first), JSON.stringify(inCategory.slice(0, first.length).map((c) => c.code)), "category rows");
  // Rows come a page at a time; "Show more" brings the next ones.
  same(await page.isVisible("#search-more"), first.length < count, "the Show more button");
  if (first.length < count) {
    await page.click("#search-more");
    const more = await listed();
    assert(more.length > first.length, "Show more showed nothing more");
    same(JSON.stringify(more), JSON.stringify(inCategory.slice(0, more.length).map((c) => c.code)), "rows after Show more");
  }
  // Both filters and a query at once.
  await page.selectOption("#filter-status", String(inCategory[0].status));
  await page.fill("#search-q", inCategory[0].code.toLowerCase().replace(/_/g, " "));
  const found = await page.$$eval("#search-results .code-row code", (n) => n.map((c) => c.textContent));
  assert(found.includes(inCategory[0].code), `filtered search misses ${inCategory[0].code}: ${found.slice(0, 5)}`);
  await clean(page);
  await page.close();
});

await check("keyboard: / focuses the search, arrows move through results, Enter opens one", async () => {
  const page = await newPage(context);
  await page.goto(base + "index.html");
  await page.waitForSelector("html[data-search-ready]");
  await page.click("h1");
  await page.keyboard.press("/");
  same(await page.evaluate(() => document.activeElement.id), "search-q", "focus after /");
  const { query } = probe.searches[0];
  await page.keyboard.type(query);
  const found = await page.$$eval("#search-results .code-row code", (n) => n.map((c) => c.textContent));
  assert(found.length > 0, `no results for ${query}`);
  await page.keyboard.press("ArrowDown");
  same(await page.evaluate(() => document.activeElement.textContent), found[0], "focus after ArrowDown");
  if (found.length > 1) {
    await page.keyboard.press("ArrowDown");
    same(await page.evaluate(() => document.activeElement.textContent), found[1], "focus after 2 ArrowDown");
    await page.keyboard.press("ArrowUp");
  }
  await Promise.all([page.waitForURL(/\/codes\//), page.keyboard.press("Enter")]);
  same(await page.textContent("#code-name"), found[0], "page opened with Enter");
  await clean(page);
  await page.close();
});

await check("deep links (the doc URL's anchor) open the code's page, over http and file://", async () => {
  const page = await newPage(context);
  for (const code of probe.deep_links) {
    for (const root of [base, pathToFileURL(site + sep).href]) {
      await page.goto(root + "index.html#" + lower(code));
      await page.waitForURL((url) => url.href.endsWith(`/codes/${lower(code)}.html`), { timeout: 10000 });
      await page.waitForSelector("#code-name");
      same(await page.textContent("#code-name"), codes.find((c) => c.code === code).code, `page of ${code}`);
      await clean(page);
    }
  }
  // A hash that is no code's anchor stays on the index.
  await page.goto(base + "index.html#main-content");
  await page.waitForSelector("html[data-search-ready]");
  assert(page.url().endsWith("index.html#main-content"), `moved to ${page.url()}`);
  await page.close();
});

await check("the site works from file:// (search and filters)", async () => {
  const page = await newPage(context);
  await page.goto(pathToFileURL(join(site, "index.html")).href);
  await page.waitForSelector("html[data-search-ready]");
  const { query, code } = probe.searches[0];
  const { found } = await typeQuery(page, query);
  assert(found.slice(0, 5).includes(code), `file://: "${query}" should find ${code}`);
  await clean(page);
  await page.close();
});

await check("code pages show the catalog's text verbatim, and no hostile text runs", async () => {
  const page = await newPage(open);
  for (const code of probe.pages.map((name) => codes.find((c) => c.code === name))) {
    await page.goto(base + `codes/${lower(code.code)}.html`);
    const text = await page.evaluate(() => ({
      name: document.getElementById("code-name").textContent,
      title: document.getElementById("code-title").textContent,
      message: document.getElementById("code-message").textContent,
      heading: document.getElementById("code-heading").textContent,
      documentTitle: document.title,
      example: document.getElementById("example-body").textContent,
    }));
    same(text.name, code.code, "code");
    same(text.title, shown(code.title), `title of ${code.code}`);
    same(text.message, shown(code.message), `message of ${code.code}`);
    same(text.heading, shown(code.heading), `heading of ${code.code}`);
    assert(deepEqual(JSON.parse(text.example), code.example), `example of ${code.code} is not the catalog's`);
    await clean(page);
  }
  for (const path of ["index.html", "troubleshooting.html", "practices.html"].concat(probe.other_pages)) {
    await page.goto(base + path);
    await clean(page);
  }
  await page.close();
});

await check("the copy button copies the example body", async () => {
  const page = await newPage(context);
  const code = codes.find((c) => c.code === probe.pages[0]);
  await page.goto(base + `codes/${lower(code.code)}.html`);
  await page.click("button.copy");
  await page.waitForFunction(() => document.querySelector(".copy-status").textContent !== "");
  same(await page.textContent(".copy-status"), "Copied", "copy status");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert(deepEqual(JSON.parse(copied), code.example), `clipboard: ${copied.slice(0, 200)}`);
  await page.screenshot({ path: join(outDir, "code.png"), fullPage: true });
  await clean(page);
  await page.close();
});

await check("the theme toggle switches light and dark and remembers the choice", async () => {
  const page = await newPage(context);
  await page.goto(base + "practices.html");
  await page.click("#theme-toggle");
  same(await page.getAttribute("html", "data-theme"), "light", "after one click");
  await page.click("#theme-toggle");
  same(await page.getAttribute("html", "data-theme"), "dark", "after two clicks");
  await page.reload();
  same(await page.getAttribute("html", "data-theme"), "dark", "after reload");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  same(background, "rgb(13, 17, 23)", "dark background");
  await page.click("#theme-toggle");
  same(await page.getAttribute("html", "data-theme"), null, "back to auto");
  await page.close();
});

await check("readable on a phone: no horizontal scrolling", async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await newPage(phone);
  for (const path of ["index.html", `codes/${lower(probe.pages[0])}.html`]) {
    await page.goto(base + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(overflow <= 0, `${path} is ${overflow} px wider than the phone`);
  }
  await page.goto(base + `codes/${lower(probe.pages[0])}.html`);
  await page.screenshot({ path: join(outDir, "code-phone.png") });
  await phone.close();
});

for (const scheme of ["light", "dark"]) {
  await check(`axe-core finds no serious or critical violation (${scheme})`, async () => {
    const page = await newPage(open);
    await page.emulateMedia({ colorScheme: scheme });
    const found = [];
    for (const path of ["index.html", `codes/${lower(probe.pages[0])}.html`, "troubleshooting.html", "practices.html"].concat(probe.other_pages)) {
      await page.goto(base + path);
      await page.evaluate(axeSource);
      const result = await page.evaluate(async () => {
        // At 10,000 codes the index's rows are checked a category at a time by the
        // browser's own rendering; axe checks the whole document.
        const outcome = await window.axe.run(document, { resultTypes: ["violations"] });
        return outcome.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, target: v.nodes[0] && v.nodes[0].target }));
      });
      for (const violation of result) {
        if (violation.impact === "serious" || violation.impact === "critical") found.push({ path, ...violation });
        else console.log(`site[${expected.name}]: axe (${violation.impact}) ${path}: ${violation.id}: ${violation.help}`);
      }
    }
    if (scheme === "dark") {
      await page.goto(base + `codes/${lower(probe.pages[0])}.html`);
      await page.screenshot({ path: join(outDir, "code-dark.png") });
    }
    await page.close();
    assert(found.length === 0, JSON.stringify(found, null, 1));
  });
}

await browser.close();
server.close();
writeFileSync(join(outDir, "report.json"), JSON.stringify(report, null, 2) + "\n");
if (report.index) {
  const best = report.index.best;
  console.log(`site[${expected.name}]: index (${(best.bytes / 1e6).toFixed(1)} MB) searchable ${best.ready} ms after navigation, best of ${ROUNDS} (DOM interactive ${best.domInteractive} ms, load ${best.load} ms)`);
}
if (report.keystroke) console.log(`site[${expected.name}]: keystroke median ${report.keystroke.painted_median_ms.toFixed(1)} ms, p95 ${report.keystroke.painted_p95_ms.toFixed(1)} ms, max ${report.keystroke.painted_max_ms.toFixed(1)} ms to the next frame (${report.keystroke.count} keys)`);
if (failures.length) {
  console.error(`site[${expected.name}]: ${failures.length} checks failed:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
