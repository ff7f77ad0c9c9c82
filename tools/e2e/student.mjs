// The student's view in a real browser: `make e2e-student` (part of `make e2e`) runs this.
//
//   node tools/e2e/student.mjs [notebooks/NN-name.ipynb ...]
//
// Starts JupyterLab as `make lab` does and checks what a student meets:
//   - the server's default kernel is the course's `java` (a new notebook from the launcher gets it): the
//     kernelspecs API says so, and a session started without naming a kernel runs `java`;
//   - every student copy (notebooks/*.ipynb), opened in headless Chromium, cell by cell as a student runs
//     it (Run All would stop at the first exercise stub): every code cell runs; the only errors are the
//     stubs' "not implemented yet"; every check cell says so; every cell that runs without error shows as
//     many images as the source notebook's headless run recorded (build/notebook-outputs/), all loaded;
//   - then, in 00-start-here, the worked solution of its first exercise is typed into the exercise cell
//     through the browser (the stub selected and replaced), the cell and its check are run, and the check
//     passes: no error, and the check's own "ok" line.
// Screenshots go to build/e2e/student-*.png. The notebooks on disk must be unchanged afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, launchChromium } from './chromium.mjs';
import { JupyterLab } from './jupyter.mjs';
import { Descendants, sleep } from './processes.mjs';
import { screenshot } from './notebook.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const SOLUTIONS = path.join(NOTEBOOKS, 'solutions');
const OUT = path.join(ROOT, 'build', 'e2e');
const RECORDS = path.join(ROOT, 'build', 'notebook-outputs');
const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';
const STDERR = 'application/vnd.jupyter.stderr';
const STUB = 'not implemented yet';
const TYPED = '00-start-here.ipynb';
const CELL_TIMEOUT_MS = Number(process.env.E2E_CELL_TIMEOUT || 120) * 1000;
const meta = (cell) => (cell.metadata && cell.metadata.deepnets) || {};

function kernelStatus(page) {
  return page.evaluate((panel) => {
    const toolbar = document.querySelector(`${panel} .jp-NotebookPanel-toolbar`);
    const indicator = toolbar?.querySelector('.jp-Notebook-ExecutionIndicator');
    return { kernel: toolbar?.querySelector('.jp-KernelName')?.textContent.trim() || '',
      status: indicator ? indicator.getAttribute('data-status') : 'no indicator' };
  }, PANEL);
}

async function waitForKernel(page, deadline) {
  while (Date.now() < deadline) {
    const dialog = page.locator('.jp-Dialog');
    if (await dialog.count()) {
      throw new Error(`JupyterLab asked: ${(await dialog.innerText()).replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    const { kernel, status } = await kernelStatus(page);
    if (kernel && kernel !== 'No Kernel' && ['idle', 'busy', 'unknown'].includes(status)) return kernel;
    await sleep(250);
  }
  throw new Error('the kernel was not ready in time');
}

/** Runs one cell as a student does: select it (command mode), Ctrl+Enter, wait until it has run. */
async function runCell(page, index, count) {
  const cell = page.locator(`${PANEL} .jp-Notebook .jp-Cell`).nth(index);
  await cell.scrollIntoViewIfNeeded();
  await cell.locator('.jp-InputArea-prompt').click();
  await page.keyboard.press('Control+Enter');
  const deadline = Date.now() + CELL_TIMEOUT_MS;
  let idleBefore = false;
  while (Date.now() < deadline) {
    const prompt = (await cell.locator('.jp-InputArea-prompt').innerText()).trim();
    const idle = prompt === `[${count}]:` && (await kernelStatus(page)).status === 'idle';
    if (idle && idleBefore) return;
    idleBefore = idle;
    await sleep(150);
  }
  throw new Error(`cell ${index} did not finish within ${CELL_TIMEOUT_MS / 1000} s`);
}

/** What one cell shows: its prompt, error/stderr texts, other output text, images. */
function readCell(page, index) {
  return page.locator(`${PANEL} .jp-Notebook .jp-Cell`).nth(index).evaluate(async (cell, stderr) => {
    const outputs = [...cell.querySelectorAll('.jp-OutputArea-output')];
    const images = outputs.flatMap((o) => [...o.querySelectorAll('img')]);
    await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
    return {
      errors: outputs.filter((o) => o.getAttribute('data-mime-type') === stderr).map((o) => o.textContent.trim()),
      text: outputs.filter((o) => o.getAttribute('data-mime-type') !== stderr).map((o) => o.textContent.trim()).join('\n'),
      images: images.map((img) => img.complete && img.naturalWidth > 0),
    };
  }, STDERR);
}

async function openNotebook(page, lab, file) {
  const workspace = encodeURIComponent(`student-${path.basename(file, '.ipynb')}`);
  const url = `${lab.base}/lab/workspaces/${workspace}/tree/${encodeURIComponent(path.basename(file))}?token=${lab.token}`;
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  await page.locator(`${PANEL} .jp-Notebook .jp-Cell`).nth(nb.cells.length - 1).waitFor({ state: 'attached', timeout: 60_000 });
  const kernel = await waitForKernel(page, Date.now() + 60_000);
  return { nb, kernel };
}

async function studentCopy(page, lab, file) {
  const problems = [];
  const { nb, kernel } = await openNotebook(page, lab, file);
  const recordFile = path.join(RECORDS, path.basename(file, '.ipynb') + '.json');
  const record = fs.existsSync(recordFile) ? JSON.parse(fs.readFileSync(recordFile, 'utf8')).cells : null;
  if (!record) problems.push(`no ${path.relative(ROOT, recordFile)}: run make test-notebooks first (image counts unchecked)`);
  let count = 0;
  const summary = { cells: 0, stubs: 0, checks: 0, images: 0 };
  for (const [index, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code') continue;
    count += 1;
    await runCell(page, index, count);
    const seen = await readCell(page, index);
    summary.cells += 1;
    const other = seen.errors.filter((e) => !e.toLowerCase().includes(STUB));
    other.forEach((e) => problems.push(`cell ${index}: an error that is not an exercise stub's: ${e.split('\n')[0].slice(0, 160)}`));
    summary.stubs += seen.errors.length - other.length;
    if (meta(cell).check) {
      summary.checks += 1;
      if (!seen.errors.some((e) => e.toLowerCase().includes(STUB))) {
        problems.push(`cell ${index}: the check of ${meta(cell).check} does not say "${STUB}"`);
      }
    }
    if (seen.images.some((ok) => !ok)) problems.push(`cell ${index}: an image did not load`);
    summary.images += seen.images.filter(Boolean).length;
    const want = record?.[String(index)]?.images ?? 0;
    if (record && !seen.errors.length && seen.images.length !== want) {
      problems.push(`cell ${index}: ${want} image(s) in the source notebook's run, ${seen.images.length} here`);
    }
  }
  return { problems, summary, kernel, nb };
}

/** Types the worked solution of the notebook's first exercise into its cell, runs it and its check. */
async function typeSolution(page, nb, file) {
  const solution = JSON.parse(fs.readFileSync(path.join(SOLUTIONS, path.basename(file)), 'utf8'));
  const exercise = nb.cells.findIndex((c) => meta(c).exercise);
  if (exercise < 0) return { problems: [`${path.basename(file)} has no exercise`] };
  const name = meta(nb.cells[exercise]).exercise;
  const check = nb.cells.findIndex((c) => meta(c).check === name);
  const source = [].concat(solution.cells[exercise].source).join('')
    .split('\n').filter((l) => !/^\s*\/\/ (BEGIN|END) SOLUTION/.test(l)).join('\n');
  const editor = page.locator(`${PANEL} .jp-Notebook .jp-Cell`).nth(exercise).locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(source);
  await page.keyboard.press('Escape');
  const typed = (await editor.innerText()).replace(/\u00a0/g, ' ');
  const problems = [];
  if (typed.trim() !== source.trim()) problems.push(`the exercise cell shows other text than was typed: ${typed.slice(0, 120)}`);
  const executed = nb.cells.filter((c) => c.cell_type === 'code').length;
  await runCell(page, exercise, executed + 1);
  const ran = await readCell(page, exercise);
  if (ran.errors.length) problems.push(`the typed solution fails: ${ran.errors[0].split('\n')[0]}`);
  await runCell(page, check, executed + 2);
  const checked = await readCell(page, check);
  if (checked.errors.length) problems.push(`its check fails: ${checked.errors[0].split('\n')[0].slice(0, 200)}`);
  if (!/^ok\b/m.test(checked.text)) problems.push(`its check printed no "ok" line: ${checked.text.slice(0, 200)}`);
  return { problems, name, output: checked.text.split('\n')[0] };
}

async function defaultKernel(lab) {
  const problems = [];
  const specs = await (await lab.api('GET', '/api/kernelspecs')).json();
  if (specs.default !== 'java') problems.push(`the server's default kernel is ${specs.default}, not java`);
  const response = await fetch(`${lab.base}/api/sessions`, { method: 'POST',
    headers: { Authorization: `token ${lab.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ path: 'launcher-check.ipynb', type: 'notebook', name: 'launcher-check.ipynb', kernel: {} }) });
  const session = await response.json();
  if (session.kernel?.name !== 'java') problems.push(`a session started without a kernel name runs ${session.kernel?.name}`);
  if (session.id) await lab.api('DELETE', `/api/sessions/${session.id}`);
  return problems;
}

async function main() {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const executablePath = findChromium();
  const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => path.resolve(f))
    : fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(NOTEBOOKS, f));
  const wrong = files.filter((f) => path.dirname(f) !== NOTEBOOKS);
  if (wrong.length) throw new Error(`student copies only (notebooks/*.ipynb): ${wrong.join(', ')}`);
  fs.mkdirSync(OUT, { recursive: true });
  const before = new Map(fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb'))
    .map((f) => [path.join(NOTEBOOKS, f), fs.readFileSync(path.join(NOTEBOOKS, f))]));
  const lab = new JupyterLab({ jupyter: path.join(ROOT, '.venv', 'bin', 'jupyter'), rootDir: NOTEBOOKS,
    scratch: path.join(OUT, 'jupyter-student') });
  const ours = new Descendants();
  let browser;
  const failures = [];
  const started = Date.now();
  try {
    await lab.start();
    const kernelProblems = await defaultKernel(lab);
    console.log(`default kernel for new notebooks: ${kernelProblems.length ? 'FAILED' : 'java, ok'}`);
    failures.push(...kernelProblems.map((p) => `default kernel: ${p}`));
    browser = await launchChromium(executablePath, OUT);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    for (const file of files) {
      const name = path.relative(ROOT, file);
      const t0 = Date.now();
      const page = await context.newPage();
      let problems = [];
      let line = '';
      try {
        const result = await studentCopy(page, lab, file);
        ({ problems } = result);
        const s = result.summary;
        line = `${s.cells} cells, ${s.stubs} stub error(s), ${s.checks} check(s) say "${STUB}", ${s.images} image(s)`;
        if (path.basename(file) === TYPED) {
          const typed = await typeSolution(page, result.nb, file);
          problems.push(...typed.problems.map((p) => `typing the solution of ${typed.name}: ${p}`));
          line += `; typed the solution of ${typed.name}: check says "${typed.output}"`;
        }
        ours.remember();
      } catch (e) {
        problems.push(e.message.split('\n')[0]);
      }
      const shot = path.join(OUT, `student-${path.basename(file, '.ipynb')}.png`);
      await screenshot(page, shot).catch((e) => problems.push(`no screenshot: ${e.message.split('\n')[0]}`));
      await page.close();
      await lab.shutDownKernels();
      console.log(`${name.padEnd(36)} ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${problems.length ? 'FAILED' : 'ok'}  ${line}`);
      failures.push(...problems.map((p) => `${name}: ${p}`));
    }
  } catch (e) {
    failures.push(e.message.split('\n')[0]);
  } finally {
    ours.remember();
    await browser?.close().catch(() => undefined);
    await lab.stop();
    await ours.killLeftovers();
  }
  for (const [file, bytes] of before) {
    if (!fs.readFileSync(file).equals(bytes)) {
      fs.writeFileSync(file, bytes);
      failures.push(`${path.relative(ROOT, file)} was changed on disk while the test ran (restored)`);
    }
  }
  for (const f of failures) console.log(`FAILED ${f}`);
  console.log(`e2e-student: ${files.length} student copies in ${((Date.now() - started) / 1000).toFixed(0)} s; `
    + `${failures.length} problem(s)`);
  return failures.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
