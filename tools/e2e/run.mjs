// The course in a real browser: `make e2e` runs this.
//
//   node tools/e2e/run.mjs [notebooks/solutions/NN-name.ipynb ...]
//
// Starts JupyterLab as `make lab` does, then drives headless Chromium (Debian's `chromium`, through
// playwright-core; no browser is downloaded) through every source notebook (notebooks/solutions/*.ipynb):
// open it, run all cells, wait until the kernel is idle. For each it checks that
//   - no cell shows an error (or writes to stderr);
//   - every code cell ran: the executed cells are numbered 1..N, N = the notebook's code cells;
//   - every image is loaded (natural width > 0) and shown, and each cell shows as many images and HTML
//     tables as the same notebook showed when nbclient ran it headlessly (build/notebook-outputs/, written
//     by `make test`; the Makefile refreshes a stale one);
//   - every chart (image output, Vega drawing) has a real accessible name in Chromium's accessibility tree,
//     never none or nbconvert's placeholder (tools/e2e/names.mjs);
//   - axe-core finds no violation of the WCAG 2.0/2.1 A and AA rules in the notebook's content area (its cells
//     and their outputs, not JupyterLab's own interface), naming rule and element otherwise (tools/e2e/axe.mjs;
//     violations in JupyterLab's own markup there, listed in JUPYTERLAB_KNOWN, are printed instead);
// and saves a screenshot per notebook in build/e2e/. It also checks that the server refuses requests
// without the token. JupyterLab, its kernels and Chromium are stopped at the end, also after a failure.
// Source notebooks, not the student copies: those fail on purpose at every exercise stub.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, launchChromium } from './chromium.mjs';
import { JupyterLab } from './jupyter.mjs';
import { Descendants } from './processes.mjs';
import { readCells, runAllCells, screenshot } from './notebook.mjs';
import { checkCharts, watchRedraws } from './vega.mjs';
import { chartNames, nameProblems } from './names.mjs';
import { JUPYTERLAB_KNOWN, describeViolations, jupyterLabVersion, notebookViolations, splitKnown } from './axe.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const SOLUTIONS = path.join(NOTEBOOKS, 'solutions');
const OUT = path.join(ROOT, 'build', 'e2e');
const RECORDS = path.join(ROOT, 'build', 'notebook-outputs');
const NOTEBOOK_TIMEOUT_S = Number(process.env.E2E_NOTEBOOK_TIMEOUT || 300);
// CI gives the whole browser test 10 minutes on 2 cores; past this budget no further notebook is opened.
const BUDGET_S = Number(process.env.E2E_BUDGET || 540);

/** The notebook's cells and, per code cell index, the images and tables nbclient saw. */
function expectations(file) {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  const recordFile = path.join(RECORDS, path.basename(file, '.ipynb') + '.json');
  if (!fs.existsSync(recordFile)) {
    throw new Error(`${path.relative(ROOT, recordFile)} is missing: run \`make e2e\` (it writes it), `
      + `or \`make test-notebooks NB=${path.relative(ROOT, file)}\``);
  }
  const record = JSON.parse(fs.readFileSync(recordFile, 'utf8'));
  const codeCells = nb.cells.filter((c) => c.cell_type === 'code').length;
  if (record.code_cells !== codeCells || fs.statSync(recordFile).mtimeMs < fs.statSync(file).mtimeMs) {
    throw new Error(`${path.relative(ROOT, recordFile)} is older than the notebook: run \`make e2e\`, which `
      + 'refreshes it');
  }
  return { cellTypes: nb.cells.map((c) => c.cell_type), codeCells, perCell: record.cells };
}

/** Compares what the page shows with what the notebook must show; returns the problems. */
function check(cells, expected) {
  const problems = [];
  if (cells.length !== expected.cellTypes.length) {
    problems.push(`the page shows ${cells.length} cells, the notebook has ${expected.cellTypes.length}`);
    return { problems, summary: { executed: 0, images: 0, tables: 0, expectedImages: '?', expectedTables: '?' } };
  }
  const counts = [];
  let images = 0;
  let tables = 0;
  let expectedImages = 0;
  let expectedTables = 0;
  cells.forEach((cell, index) => {
    if (cell.type !== expected.cellTypes[index]) {
      problems.push(`cell ${index}: the page shows a ${cell.type} cell, the notebook has a ${expected.cellTypes[index]} cell`);
      return;
    }
    if (cell.type !== 'code') return;
    for (const error of cell.errors) problems.push(`cell ${index}: shows an error or stderr output: ${error}`);
    const count = /^\[(\d+)\]:$/.exec(cell.prompt);
    if (count) counts.push(Number(count[1]));
    cell.images.forEach((img, k) => {
      if (!img.loaded) problems.push(`cell ${index}: image ${k + 1} did not load (natural size ${img.size})`);
      else if (!img.shown) problems.push(`cell ${index}: image ${k + 1} is loaded but not shown (zero size on the page)`);
    });
    const loaded = cell.images.filter((img) => img.loaded && img.shown).length;
    const want = expected.perCell[String(index)] || { images: 0, tables: 0 };
    if (loaded !== want.images || cell.images.length !== want.images) {
      problems.push(`cell ${index}: ${want.images} image(s) expected (the headless run showed them), `
        + `the browser shows ${loaded} loaded of ${cell.images.length}`);
    }
    if (cell.tables !== want.tables) {
      problems.push(`cell ${index}: ${want.tables} HTML table(s) expected, the browser shows ${cell.tables}`);
    }
    images += loaded;
    tables += cell.tables;
    expectedImages += want.images;
    expectedTables += want.tables;
  });
  counts.sort((a, b) => a - b);
  const inOrder = counts.every((n, k) => n === k + 1);
  if (counts.length !== expected.codeCells || !inOrder) {
    problems.push(`${counts.length} of ${expected.codeCells} code cells executed`
      + (inOrder ? '' : ` (execution counts ${counts.join(', ')}, expected 1..${expected.codeCells})`));
  }
  return { problems, summary: { executed: counts.length, images, tables, expectedImages, expectedTables } };
}

/** Keeps the notebooks on disk as they were: the test must never save outputs into them. */
function snapshotNotebooks() {
  const files = [...fs.readdirSync(NOTEBOOKS), ...fs.readdirSync(SOLUTIONS).map((f) => path.join('solutions', f))]
    .filter((f) => f.endsWith('.ipynb')).map((f) => path.join(NOTEBOOKS, f));
  return new Map(files.map((f) => [f, fs.readFileSync(f)]));
}

function restoreChanged(snapshot) {
  const changed = [];
  for (const [file, bytes] of snapshot) {
    if (!fs.existsSync(file) || !fs.readFileSync(file).equals(bytes)) {
      fs.writeFileSync(file, bytes);
      changed.push(path.relative(ROOT, file));
    }
  }
  return changed;
}

function pad(text, width) {
  return String(text).padEnd(width);
}

async function main() {
  // `make e2e | head` closes our output early: carry on regardless, so that the cleanup still runs.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const executablePath = findChromium();
  const requested = process.argv.slice(2).map((f) => path.resolve(f));
  const notSource = requested.filter((f) => path.dirname(f) !== SOLUTIONS);
  if (notSource.length) {
    throw new Error(`${notSource.map((f) => path.relative(ROOT, f)).join(', ')}: the browser test opens source notebooks `
      + '(notebooks/solutions/) only; student copies fail on purpose at every exercise stub');
  }
  const files = requested.length ? requested
    : fs.readdirSync(SOLUTIONS).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(SOLUTIONS, f));
  if (!files.length) throw new Error(`no notebooks in ${path.relative(ROOT, SOLUTIONS)}`);
  const plan = files.map((file) => ({ file, expected: expectations(file) }));
  fs.mkdirSync(OUT, { recursive: true });
  const before = snapshotNotebooks();

  const lab = new JupyterLab({ jupyter: path.join(ROOT, '.venv', 'bin', 'jupyter'), rootDir: NOTEBOOKS,
    scratch: path.join(OUT, 'jupyter') });
  const ours = new Descendants();
  let browser;
  const failures = [];
  const axeReport = [];
  let stopping = false;
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    ours.remember();
    await browser?.close().catch(() => undefined);
    await lab.stop();
    const killed = await ours.killLeftovers();
    if (killed.length) console.log(`killed ${killed.length} process(es) that outlived the shutdown: ${killed.join(', ')}`);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      console.log(`${sig}: stopping JupyterLab, its kernels and Chromium`);
      stopAll().catch((e) => console.error(`cleanup: ${e.message}`)).finally(() => process.exit(130));
    });
  }

  const started = Date.now();
  try {
    await lab.start();
    console.log(`JupyterLab on ${lab.base} (token authentication), log: ${path.relative(ROOT, lab.logFile)}`);
    const refused = await lab.refusesWithoutToken();
    console.log(`the server refuses requests without the token: ${refused.length ? 'FAILED' : 'ok'}`);
    for (const p of refused) failures.push(`token check: ${p}`);

    // Our own signal handlers stop everything in order.
    browser = await launchChromium(executablePath, OUT, { ownSignals: true });
    console.log(`Chromium ${browser.version()} (${executablePath}), headless`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    console.log(`${pad('notebook', 42)} ${pad('cells', 7)} ${pad('images', 7)} ${pad('tables', 7)} ${'seconds'.padStart(7)}  result`);
    console.log('-'.repeat(86));
    for (const [k, { file, expected }] of plan.entries()) {
      if (stopping) break;
      const left = BUDGET_S - (Date.now() - started) / 1000;
      if (left < 30) {
        failures.push(`time budget of ${BUDGET_S} s (E2E_BUDGET) used up; not opened: `
          + plan.slice(k).map((p) => path.relative(ROOT, p.file)).join(', '));
        break;
      }
      const name = path.relative(ROOT, file);
      const shot = path.join(OUT, path.basename(file, '.ipynb') + '.png');
      const t0 = Date.now();
      const page = await context.newPage();
      let problems;
      let summary = { executed: 0, images: 0, tables: 0, expectedImages: '?', expectedTables: '?' };
      try {
        // A workspace of its own per notebook, so that JupyterLab does not reopen the previous notebook too.
        const route = path.relative(NOTEBOOKS, file).split(path.sep).map(encodeURIComponent).join('/');
        const workspace = encodeURIComponent(`e2e-${path.basename(file, '.ipynb')}`);
        const url = `${lab.base}/lab/workspaces/${workspace}/tree/${route}?token=${lab.token}`;
        problems = await runAllCells(page, url, expected.cellTypes.length, Math.min(NOTEBOOK_TIMEOUT_S, left) * 1000,
          watchRedraws);
        ours.remember();
        const result = check(await readCells(page), expected);
        problems.push(...result.problems);
        // Every chart's accessible name in Chromium's accessibility tree: its text alternative (issue 32).
        const named = await chartNames(page);
        problems.push(...nameProblems(named));
        // Saved for review: what a screen reader is told about each chart (build/e2e/NN-name.names.json).
        fs.writeFileSync(path.join(OUT, `${path.basename(file, '.ipynb')}.names.json`), JSON.stringify(named, null, 1));
        console.log(`  ${named.length} chart(s) with an accessible name checked (images and Vega drawings)`);
        const vega = await checkCharts(page, expected, path.basename(file, '.ipynb'), OUT);
        problems.push(...vega.problems);
        if (vega.charts) console.log(`  ${vega.charts} interactive chart(s) checked${vega.summary ? `: ${vega.summary}` : ''}`);
        // axe-core on the notebook's content area, after every cell ran: WCAG 2.0/2.1 A and AA (issue 32).
        const violations = await notebookViolations(page);
        const { ours: fromUs, known } = splitKnown(violations, await jupyterLabVersion(page));
        axeReport.push(...violations.map((v) => ({ page: name, ...v })));
        for (const v of known) {
          console.log(`  axe-core, JupyterLab's own markup (known on JupyterLab ${JUPYTERLAB_KNOWN.version}, not failing; AXE_STRICT=1 fails on it): ${v.rule} on ${v.nodes.length} `
            + `element(s): ${v.why}`);
        }
        if (fromUs.length) {
          console.log(`  axe-core: ${fromUs.length} rule(s) violated (${fromUs.map((v) => `${v.rule}: ${v.nodes.length}`)
            .join(', ')} element(s))`);
        }
        problems.push(...describeViolations(fromUs));
        ({ summary } = result);
      } catch (e) {
        problems = [`${e.message.split('\n')[0]}`];
      }
      const seconds = (Date.now() - t0) / 1000;
      try {
        await screenshot(page, shot);
      } catch (e) {
        problems.push(`no screenshot: ${e.message.split('\n')[0]}`);
      }
      await page.close();
      await lab.shutDownKernels();
      console.log(`${pad(name, 42)} ${pad(`${summary.executed}/${expected.codeCells}`, 7)} `
        + `${pad(`${summary.images}/${summary.expectedImages}`, 7)} ${pad(`${summary.tables}/${summary.expectedTables}`, 7)} `
        + `${seconds.toFixed(1).padStart(7)}  ${problems.length ? 'FAILED' : 'ok'}`);
      for (const p of problems) failures.push(`${name}: ${p} (screenshot: ${path.relative(ROOT, shot)})`);
    }
  } catch (e) {
    failures.push(e.message.split('\n')[0]);
  } finally {
    try {
      await stopAll();
    } catch (e) {
      failures.push(`cleanup: ${e.message}`);
    }
  }
  for (const file of restoreChanged(before)) {
    failures.push(`${file} was changed on disk while the test ran (restored): JupyterLab must not save notebooks`);
  }
  console.log('-'.repeat(86));
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(ROOT, OUT)}/; `
    + 'JupyterLab, its kernels and Chromium stopped');
  if (process.env.AXE_REPORT) fs.writeFileSync(process.env.AXE_REPORT, JSON.stringify(axeReport, null, 1));
  for (const f of failures) console.log(`FAILED ${f}`);
  const failedNotebooks = new Set(failures.map((f) => f.split(':')[0])).size;
  console.log(`e2e: ${Math.max(plan.length - failedNotebooks, 0)} passed, ${failures.length ? Math.max(failedNotebooks, 1) : 0} failed`);
  return failures.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
