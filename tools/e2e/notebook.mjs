// One notebook in the browser, as a student meets it: open it in JupyterLab, pick the Java kernel if asked,
// Run > Run All Cells, wait until the kernel is idle, then read what the page shows.
import { sleep } from './processes.mjs';

// The notebook on show (JupyterLab hides the panels of background tabs with lm-mod-hidden).
const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';
const STDERR = 'application/vnd.jupyter.stderr'; // how JupyterLab marks error outputs and stderr streams

/**
 * Opens the notebook at `url`, runs all its cells and waits until they have run.
 * @returns {Promise<string[]>} problems met on the way (a dialog, a timeout); empty if none
 */
export async function runAllCells(page, url, cellCount, timeoutMs, beforeRun = async () => undefined) {
  const deadline = Date.now() + timeoutMs;
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator(`${PANEL} .jp-Notebook .jp-Cell`).nth(cellCount - 1)
    .waitFor({ state: 'attached', timeout: timeoutMs });
  const panels = await page.locator('.jp-NotebookPanel').count();
  if (panels !== 1) return [`JupyterLab opened ${panels} notebooks instead of one`];
  const problems = await waitForKernel(page, deadline);
  if (problems.length) return problems;
  await beforeRun(page);
  await page.locator('.lm-MenuBar-item', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click();
  return waitUntilIdle(page, deadline);
}

/**
 * Waits until the notebook is connected to its kernel; chooses `java` in the kernel dialog if JupyterLab
 * asks. JJava reports no status before its first execution, so "unknown" after connecting counts as ready.
 */
async function waitForKernel(page, deadline) {
  while (Date.now() < deadline) {
    const dialog = page.locator('.jp-Dialog');
    if (await dialog.count()) {
      const select = dialog.locator('select');
      if (!(await select.count())) return [`an unexpected dialog: ${(await dialog.innerText()).replace(/\s+/g, ' ')}`];
      await select.selectOption('java');
      await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
    } else {
      const { kernel, status } = await kernelStatus(page);
      if (kernel && kernel !== 'No Kernel' && ['idle', 'busy', 'unknown'].includes(status)) return [];
    }
    await sleep(250);
  }
  const { kernel, status } = await kernelStatus(page);
  return [`the kernel was not ready in time (kernel: ${kernel || 'none'}, status: ${status})`];
}

/** The notebook's kernel and its status as the notebook's toolbar shows them: idle, busy, connecting, ... */
function kernelStatus(page) {
  return page.evaluate((panel) => {
    const toolbar = document.querySelector(`${panel} .jp-NotebookPanel-toolbar`);
    const indicator = toolbar?.querySelector('.jp-Notebook-ExecutionIndicator');
    return {
      kernel: toolbar?.querySelector('.jp-KernelName')?.textContent.trim() || '',
      status: indicator ? indicator.getAttribute('data-status') : 'no indicator',
    };
  }, PANEL);
}

/** Done when no cell is queued or running (`[*]`) and the kernel has been idle twice in a row. */
async function waitUntilIdle(page, deadline) {
  let idleBefore = false;
  while (Date.now() < deadline) {
    const running = await page.evaluate((panel) => [...document.querySelectorAll(`${panel} .jp-CodeCell .jp-InputPrompt`)]
      .some((prompt) => prompt.textContent.includes('*')), PANEL);
    const idle = !running && (await kernelStatus(page)).status === 'idle';
    if (idle && idleBefore) return [];
    idleBefore = idle;
    await sleep(500);
  }
  return ['the notebook was still running when its time was up'];
}

/** What every cell of the notebook shows, in notebook order; images have been decoded first. */
export function readCells(page) {
  return page.evaluate(async ({ panel, stderrMime }) => {
    const cells = [...document.querySelectorAll(`${panel} .jp-Notebook .jp-Cell`)];
    await Promise.all(cells.flatMap((cell) => [...cell.querySelectorAll('.jp-OutputArea-output img')])
      .map((img) => img.decode().catch(() => undefined)));
    return cells.map((cell) => {
      const outputs = [...cell.querySelectorAll('.jp-OutputArea-output')];
      const prompt = cell.querySelector('.jp-InputArea .jp-InputPrompt');
      return {
        type: cell.classList.contains('jp-CodeCell') ? 'code' : cell.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw',
        prompt: prompt ? prompt.textContent.trim() : '',
        errors: outputs.filter((o) => o.getAttribute('data-mime-type') === stderrMime)
          .map((o) => o.textContent.trim().split('\n')[0].slice(0, 200)),
        images: outputs.flatMap((o) => [...o.querySelectorAll('img')]).map((img) => ({
          loaded: img.complete && img.naturalWidth > 0 && img.naturalHeight > 0,
          shown: img.getBoundingClientRect().width > 0 && img.getBoundingClientRect().height > 0,
          size: `${img.naturalWidth}x${img.naturalHeight}`,
        })),
        tables: outputs.filter((o) => o.getAttribute('data-mime-type') === 'text/html')
          .filter((o) => o.querySelector('table tr')).length,
      };
    });
  }, { panel: PANEL, stderrMime: STDERR });
}

/**
 * A screenshot of the whole notebook: the window is made as tall as the notebook (up to maxHeight pixels),
 * so that every chart is in the picture, then put back.
 */
export async function screenshot(page, file, maxHeight = 16000) {
  const viewport = page.viewportSize();
  // How much taller than the window the notebook is, down to its last cell (not the blank scroll-past-end).
  const extra = await page.evaluate((panel) => {
    const scroller = document.querySelector(`${panel} .jp-WindowedPanel-outer`);
    const cells = scroller?.querySelectorAll('.jp-Cell');
    if (!cells?.length) return 0;
    const bottom = cells[cells.length - 1].getBoundingClientRect().bottom - scroller.getBoundingClientRect().top
      + scroller.scrollTop;
    return Math.max(0, Math.ceil(bottom) + 24 - scroller.clientHeight);
  }, PANEL);
  await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + extra, maxHeight) });
  // Run All leaves the last cell selected and scrolled into view: start the picture at the top.
  await page.evaluate((panel) => document.querySelector(`${panel} .jp-WindowedPanel-outer`)?.scrollTo(0, 0), PANEL);
  await sleep(300);
  await page.screenshot({ path: file, timeout: 30_000 });
  await page.setViewportSize(viewport);
}
