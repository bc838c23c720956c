// Lighthouse (mobile form factor, default throttling) on the web app's main pages, in Debian's
// Chromium. Prints one JSON array: performance and accessibility scores, first and largest
// contentful paint, total blocking time, layout shift and speed index per page. Usage: node measure.mjs http://127.0.0.1:PORT
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const base = process.argv[2];
const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});

const results = [];
async function measure(name, path, prepare) {
  const page = await browser.newPage();
  if (prepare) await prepare(page);
  const flags = {
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility"],
    formFactor: "mobile",
    // Signed-in pages keep the session the preparation created (and so its cached files).
    disableStorageReset: Boolean(prepare),
  };
  const { lhr } = await lighthouse(base + path, flags, undefined, page);
  results.push({
    page: name,
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    fcp_ms: Math.round(lhr.audits["first-contentful-paint"].numericValue),
    lcp_ms: Math.round(lhr.audits["largest-contentful-paint"].numericValue),
    tbt_ms: Math.round(lhr.audits["total-blocking-time"].numericValue),
    cls: Math.round(lhr.audits["cumulative-layout-shift"].numericValue * 1000) / 1000,
    si_ms: Math.round(lhr.audits["speed-index"].numericValue),
  });
  await page.close();
}

await measure("home", "/");
await measure("serious-breach list", "/serious-breach");
await measure("my credit (signed in)", "/me", async (page) => {
  await page.goto(base + "/login");
  await page.waitForSelector("#username");
  await page.type("#username", "demo-servant");
  await page.type("#password", "Chengxin-Demo-2026");
  await page.click("form button[type=submit]");
  await page.waitForSelector("[data-testid=score]");
});
// The staff workspace: its home and the review queue, each after a reviewer's sign-in.
async function signInAsReviewer(page) {
  await page.goto(base + "/login");
  await page.waitForSelector("#username");
  await page.type("#username", "demo-reviewer");
  await page.type("#password", "Chengxin-Demo-2026");
  await page.click("form button[type=submit]");
  await page.waitForSelector("li[data-kind=submissions_pending]");
}
await measure("workspace home (signed in)", "/work", signInAsReviewer);
await measure("review queue (signed in)", "/work/review", signInAsReviewer);
console.log(JSON.stringify(results));
await browser.close();
