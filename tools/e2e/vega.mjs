// Interactive Vega-Lite charts in the browser (issue 14): for every chart the headless run recorded, check that
// Vega drew it (an SVG or canvas in the output), that moving its slider changes the drawing, that a chart with a
// brush redraws when a rectangle is dragged and a chart with tooltips shows one on hover; and, for notebooks
// listed in LIVE, that a live chart was redrawn at least that many times while the notebook ran.
// Self-contained: run.mjs calls watchRedraws() before Run All and checkCharts() after the run.
import path from 'node:path';
import { sleep } from './processes.mjs';

const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';
/** Notebooks with a live training chart, and how often it must at least be drawn during Run All. */
const LIVE = { '08-putting-it-together': 3 };
/** Charts whose before/after screenshots are kept (notebook name -> how many of its slider charts). */
const SHOTS = { '00-start-here': 1, '07-softmax-regression': 1 };

/** Counts, per cell index, the SVG/canvas elements Vega adds while the notebook runs. */
export async function watchRedraws(page) {
  await page.evaluate((panel) => {
    window.__vegaDraws = {};
    const notebook = document.querySelector(`${panel} .jp-Notebook`);
    new MutationObserver((records) => {
      const cells = [...notebook.querySelectorAll('.jp-Cell')];
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          const drawn = node.matches('canvas, svg.marks') || node.querySelector('canvas, svg.marks');
          const output = node.closest('.jp-OutputArea-output');
          if (!drawn || !output || !output.querySelector('.vega-embed')) continue;
          const index = cells.indexOf(node.closest('.jp-Cell'));
          window.__vegaDraws[index] = (window.__vegaDraws[index] || 0) + 1;
        }
      }
    }).observe(notebook, { childList: true, subtree: true });
  }, PANEL);
}

/** What the chart's drawing looks like now: the canvas pixels or the SVG markup. */
function signature(chart) {
  return chart.evaluate((el) => {
    const canvas = el.querySelector('canvas');
    if (canvas) return canvas.toDataURL();
    const svg = el.querySelector('svg.marks');
    return svg ? svg.outerHTML : '';
  });
}

async function changed(chart, before, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await signature(chart)) !== before) return true;
    await sleep(100);
  }
  return false;
}

/**
 * Checks every interactive chart of the notebook on the page against the headless record.
 * @returns {Promise<{problems: string[], charts: number, summary: string}>}
 */
export async function checkCharts(page, expected, name, outDir) {
  const problems = [];
  const cells = page.locator(`${PANEL} .jp-Notebook .jp-Cell`);
  let checked = 0;
  let shots = 0;
  const notes = [];
  for (const [index, want] of Object.entries(expected.perCell)) {
    if (!want.charts) continue;
    const charts = cells.nth(Number(index)).locator('.jp-OutputArea-output .vega-embed');
    const count = await charts.count();
    if (count !== want.charts) {
      problems.push(`cell ${index}: ${want.charts} interactive chart(s) expected, the browser shows ${count}`);
      continue;
    }
    for (let k = 0; k < count; k++) {
      const chart = charts.nth(k);
      await chart.scrollIntoViewIfNeeded();
      const drawn = chart.locator('canvas, svg.marks').first();
      try {
        await drawn.waitFor({ state: 'visible', timeout: 10_000 });
      } catch {
        problems.push(`cell ${index}: Vega drew nothing (no visible SVG or canvas)`);
        continue;
      }
      const box = await drawn.boundingBox();
      if (!box || box.width < 50 || box.height < 50) {
        problems.push(`cell ${index}: the chart is only ${box ? `${box.width}x${box.height}` : 'not'} drawn`);
        continue;
      }
      const sliders = chart.locator('.vega-bindings input[type="range"]');
      const kinds = (want.chart_kinds || [])[k] || [];
      if (kinds.includes('slider') !== (await sliders.count() > 0)) {
        problems.push(`cell ${index}: the headless run recorded interactions ${JSON.stringify(kinds)}, `
          + `the browser shows ${await sliders.count()} slider(s)`);
      }
      if (await sliders.count()) {
        const shot = (shots < (SHOTS[name] || 0)) ? path.join(outDir, `${name}-cell${index}`) : null;
        if (shot) await chart.screenshot({ path: `${shot}-before.png` });
        for (let s = 0; s < await sliders.count(); s++) {
          const slider = sliders.nth(s);
          const before = await signature(chart);
          await slider.evaluate((input) => {
            const min = Number(input.min);
            const max = Number(input.max);
            const next = Number(input.value) === max ? min : max;
            input.value = String(next);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            input.dispatchEvent(new Event('change', { bubbles: true }));
          });
          if (!(await changed(chart, before))) {
            problems.push(`cell ${index}: moving slider ${s + 1} did not change the drawing`);
          }
        }
        if (shot) {
          await chart.screenshot({ path: `${shot}-after.png` });
          shots += 1;
          notes.push(`${path.basename(shot)}-before/after.png`);
        }
      } else if (kinds.includes('brush')) {
        // No slider: a chart of points with tooltips (hover a mark) and a brush (drag a rectangle).
        let tooltip = false;
        for (let gy = 0.1; gy <= 0.9 && !tooltip; gy += 0.05) {
          for (let gx = 0.05; gx <= 0.95 && !tooltip; gx += 0.03) {
            await page.mouse.move(box.x + gx * box.width, box.y + gy * box.height);
            tooltip = await page.evaluate(() => {
              const t = document.querySelector('#vg-tooltip-element');
              return !!t && t.classList.contains('visible') && t.textContent.trim().length > 0;
            });
          }
        }
        if (!tooltip) problems.push(`cell ${index}: hovering over the chart showed no tooltip`);
        await page.mouse.move(box.x + 5, box.y + 5);
        const before = await signature(chart);
        await page.mouse.move(box.x + 0.3 * box.width, box.y + 0.3 * box.height);
        await page.mouse.down();
        await page.mouse.move(box.x + 0.6 * box.width, box.y + 0.7 * box.height, { steps: 8 });
        await page.mouse.up();
        if (!(await changed(chart, before))) problems.push(`cell ${index}: dragging a rectangle did not change the drawing`);
      }
      checked += 1;
    }
  }
  if (LIVE[name]) {
    const draws = await page.evaluate(() => window.__vegaDraws || {});
    const most = Math.max(0, ...Object.values(draws));
    if (most < LIVE[name]) {
      problems.push(`the live training chart was drawn ${most} time(s) during the run, at least ${LIVE[name]} expected`);
    }
    notes.push(`live chart drawn ${most} times`);
  }
  return { problems, charts: checked, summary: notes.join('; ') };
}
