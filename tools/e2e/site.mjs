// The static site (make site) in a real browser: `make e2e-site` runs this.
//
//   node tools/e2e/site.mjs build/site [build/site-class ...]
//
// Opens every page of each site folder from disk (file://) in headless Chromium (Debian's `chromium`
// through playwright-core; no browser is downloaded) and checks that
//   - the page loads without console errors or uncaught exceptions;
//   - it requests nothing outside the site (any http(s) request is blocked and counted as a failure);
//   - every image is displayed (natural width > 0);
//   - every internal link resolves: the file exists in the site and its #anchor exists on that page;
//   - every interactive Vega-Lite chart (.course-vega) is drawn (an SVG), and its controls are there;
//   - formulas are typeset where the page loads MathJax (no raw $...$ left in the text), each with its
//     assistive MathML (the hidden copy screen readers read);
//   - axe-core (npm `axe-core`, run in the page) finds no violation of the WCAG 2.0/2.1 A and AA rules
//     (tags wcag2a, wcag2aa, wcag21a, wcag21aa); each one is reported with the page, the rule and the element.
//     AXE_REPORT=file writes every violation found as JSON (for counting before and after a change).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { findChromium, launchChromium } from './chromium.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's WCAG 2.0/2.1 A and AA violations on the page: one entry per rule, with the elements it names. */
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: n.failureSummary })) }));
  }, WCAG_TAGS);
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** What one page shows: its images, links, anchors, charts, and any TeX left unrendered. */
async function inspect(page) {
  return page.evaluate(async () => {
    const images = [...document.images];
    await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
    return {
      images: images.map((img) => ({ ok: img.complete && img.naturalWidth > 0, src: img.src.slice(0, 60) })),
      links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
      charts: [...document.querySelectorAll('.course-vega')].map((c) => ({
        id: c.id, svg: c.querySelectorAll('svg .mark-symbol, svg .mark-line, svg .mark-rect, svg .mark-area, svg path').length,
        inputs: c.querySelectorAll('input').length })),
      mathjax: Boolean(window.MathJax && window.MathJax.startup),
      typeset: document.querySelectorAll('mjx-container').length,
      assistive: document.querySelectorAll('mjx-container mjx-assistive-mml math').length,
    };
  });
}

async function waitForCharts(page) {
  // vega-embed draws asynchronously; give each chart up to 10 s to appear.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const pending = await page.evaluate(() => [...document.querySelectorAll('.course-vega')]
      .filter((c) => !c.querySelector('svg')).length);
    if (!pending) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main() {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const roots = process.argv.slice(2).map((d) => path.resolve(d));
  if (!roots.length) throw new Error('usage: node tools/e2e/site.mjs build/site [more site folders]');
  const browser = await launchChromium(findChromium(), path.join(ROOT, 'build', 'e2e'));
  const failures = [];
  let pages = 0;
  let images = 0;
  let links = 0;
  let charts = 0;
  const axeReport = [];
  let axeElements = 0;
  try {
    for (const root of roots) {
      if (!fs.existsSync(root)) {
        failures.push(`${path.relative(ROOT, root)}: no such folder (run make site first)`);
        continue;
      }
      const files = fs.readdirSync(root).filter((f) => f.endsWith('.html')).sort();
      const anchors = new Map();
      const checks = [];
      for (const file of files) {
        const where = `${path.relative(ROOT, root)}/${file}`;
        const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
        const page = await context.newPage();
        const problems = [];
        page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text().slice(0, 200)}`); });
        page.on('pageerror', (e) => problems.push(`uncaught: ${e.message.split('\n')[0]}`));
        await page.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
          problems.push(`requested from outside the site: ${url.slice(0, 120)}`);
          return route.abort();
        });
        await page.goto(pathToFileURL(path.join(root, file)).href, { waitUntil: 'load', timeout: 60_000 });
        await waitForCharts(page);
        if (await page.evaluate(() => Boolean(window.MathJax?.startup?.promise))) {
          await page.evaluate(() => window.MathJax.startup.promise);
        }
        const seen = await inspect(page);
        seen.images.filter((i) => !i.ok).forEach((i) => problems.push(`image not displayed: ${i.src}...`));
        for (const chart of seen.charts) {
          if (!chart.svg) problems.push(`Vega-Lite chart ${chart.id} was not drawn`);
        }
        if (seen.typeset && seen.assistive < seen.typeset) {
          problems.push(`${seen.typeset - seen.assistive} of ${seen.typeset} formula(s) have no assistive MathML for screen readers`);
        }
        if (seen.mathjax && !seen.typeset && file !== 'index.html') {
          const raw = await page.evaluate(() => /\$[^$\s][^$]*\$/.test(document.body.innerText));
          if (raw) problems.push('MathJax is loaded but no formula was typeset');
        }
        // A chart's controls work in the page alone: moving a slider redraws the chart, no kernel needed.
        const moved = await page.evaluate(async () => {
          const results = [];
          for (const chart of document.querySelectorAll('.course-vega')) {
            const slider = chart.querySelector('input[type=range]');
            if (!slider) continue;
            const before = chart.querySelector('svg').innerHTML;
            slider.value = slider.value === slider.max ? slider.min : slider.max;
            slider.dispatchEvent(new Event('input', { bubbles: true }));
            await new Promise((r) => setTimeout(r, 500));
            results.push({ id: chart.id, redrawn: chart.querySelector('svg').innerHTML !== before });
          }
          return results;
        });
        moved.filter((m) => !m.redrawn).forEach((m) => problems.push(`Vega-Lite chart ${m.id}: moving its slider did not redraw it`));
        const violations = await axeViolations(page);
        for (const v of violations) {
          axeReport.push({ page: where, ...v });
          axeElements += v.nodes.length;
          const shown = v.nodes.slice(0, 5).map((n) => n.target).join(', ');
          problems.push(`axe ${v.rule} (${v.impact}): ${v.help}; ${v.nodes.length} element(s): ${shown}`
            + `${v.nodes.length > 5 ? ', ...' : ''}`);
        }
        anchors.set(file, new Set(seen.ids));
        for (const href of seen.links) {
          if (/^[a-z]+:/i.test(href)) continue; // links out (documentation); followed by the reader, never loaded
          checks.push({ where, href });
        }
        pages += 1;
        images += seen.images.length;
        charts += seen.charts.length;
        const sliders = seen.charts.reduce((n, c) => n + c.inputs, 0);
        console.log(`${where.padEnd(48)} ${String(seen.images.length).padStart(3)} image(s) `
          + `${String(seen.charts.length).padStart(2)} chart(s)${sliders ? ` (${sliders} control(s), ${moved.filter((m) => m.redrawn).length} slider(s) redraw)` : ''} `
          + `${String(seen.typeset).padStart(3)} formula(s) ${String(violations.length).padStart(2)} axe rule(s) `
          + `${problems.length ? 'FAILED' : 'ok'}`);
        failures.push(...problems.map((p) => `${where}: ${p}`));
        await context.close();
      }
      for (const { where, href } of checks) {
        links += 1;
        const [target, hash] = href.split('#');
        const file = target ? path.posix.normalize(target) : where.split('/').pop();
        if (!fs.existsSync(path.join(root, file))) {
          failures.push(`${where}: link ${href}: no such file in the site`);
        } else if (hash && anchors.has(file) && !anchors.get(file).has(hash)
          && !anchors.get(file).has(decodeURIComponent(hash))) {
          // As the browser does (HTML's "indicated part"): the fragment as written, then percent-decoded.
          failures.push(`${where}: link ${href}: no element with id "${hash}" on ${file}`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  for (const f of failures) console.log(`FAILED ${f}`);
  const rules = new Set(axeReport.map((v) => v.rule));
  console.log(`axe-core: ${axeReport.length} violation(s) of ${rules.size} WCAG 2.0/2.1 A/AA rule(s) on `
    + `${axeElements} element(s)${rules.size ? ` (${[...rules].sort().join(', ')})` : ''}`);
  if (process.env.AXE_REPORT) fs.writeFileSync(process.env.AXE_REPORT, JSON.stringify(axeReport, null, 1));
  console.log(`e2e-site: ${pages} page(s), ${images} image(s), ${charts} interactive chart(s), ${links} internal link(s) `
    + `checked; ${failures.length} problem(s)`);
  return failures.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
