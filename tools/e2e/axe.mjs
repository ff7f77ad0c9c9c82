// axe-core (npm `axe-core`, run in the page) on a notebook's content area in JupyterLab (issue 32, item 7):
// the cells of the open notebook (`.jp-Notebook` inside the visible notebook panel), not JupyterLab's menus,
// side bars, tabs or the notebook's toolbar. The rules are those tagged WCAG 2.0/2.1 A and AA.
import { createRequire } from 'node:module';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const CONTENT = '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook';

/**
 * Violations in JupyterLab's own markup inside the notebook panel, which neither a notebook nor the kernel's
 * outputs can change; found on JupyterLab 4.6.6 (issue 32). Each is matched narrowly (rule, the element's
 * HTML and where it sits) and holds only for that version: on another JupyterLab every one fails again until
 * re-checked. They are printed on every run, never dropped silently; AXE_STRICT=1 fails on them too.
 */
export const JUPYTERLAB_KNOWN = {
  version: '4.6.6',
  entries: [
    { rule: 'aria-input-field-name', html: /^<div [^>]*class="cm-content"[^>]*role="textbox/, where: '.jp-InputArea-editor',
      why: "the CodeMirror editor of each cell (role=textbox) has no accessible name" },
    { rule: 'aria-required-children', html: /^<div role="feed" aria-label="Cells" class="jp-WindowedPanel-viewport/,
      where: '.jp-WindowedPanel-viewport', why: 'the list of cells (role=feed) holds cells that are not role=article' },
    { rule: 'button-name', html: /^<button class="jp-Button jp-collapseHeadingButton"/, where: '.jp-InputPrompt',
      why: "the button that folds a heading's section has neither text nor label" },
  ],
};

/** JupyterLab's version, from the page's configuration (`appVersion`). */
export async function jupyterLabVersion(page) {
  return page.evaluate(() => {
    try {
      return JSON.parse(document.getElementById('jupyter-config-data').textContent).appVersion || '';
    } catch {
      return '';
    }
  });
}

/**
 * Splits violations into `ours` (fail the test) and `known` (JupyterLab's own markup on the version it was
 * found on), element by element; a rule keeps only the elements of its side.
 */
export function splitKnown(violations, version, strict = process.env.AXE_STRICT === '1') {
  const ours = [];
  const known = [];
  for (const v of violations) {
    const match = (n) => !strict && version === JUPYTERLAB_KNOWN.version && JUPYTERLAB_KNOWN.entries.find(
      (k) => k.rule === v.rule && k.html.test(n.html) && (n.inside || []).includes(k.where));
    const mine = v.nodes.filter((n) => !match(n));
    const theirs = v.nodes.filter((n) => match(n));
    if (mine.length) ours.push({ ...v, nodes: mine });
    if (theirs.length) known.push({ ...v, nodes: theirs, why: match(theirs[0]).why });
  }
  return { ours, known };
}

/**
 * The WCAG A/AA violations inside the notebook's content area: one entry per rule, with every element it
 * names (axe's CSS path, the start of its HTML and axe's summary of what fails).
 */
export async function notebookViolations(page) {
  if (!(await page.locator(CONTENT).count())) throw new Error(`axe: no notebook content area (${CONTENT}) on the page`);
  await page.addScriptTag({ path: AXE });
  const places = JUPYTERLAB_KNOWN.entries.map((k) => k.where);
  return page.evaluate(async ({ tags, content, places }) => {
    const result = await window.axe.run({ include: [[content]] },
      { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], elementRef: true });
    return result.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160),
        // Which of the known places of JupyterLab's markup the element sits in (axe's target may be as short as "img").
        inside: places.filter((p) => n.element && n.element.closest(p)),
        summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 200) })) }));
  }, { tags: WCAG_TAGS, content: CONTENT, places });
}

/**
 * One problem line per element, "axe RULE (impact): help; element TARGET: HTML; SUMMARY", at most `perRule`
 * per rule and then one line with the count of the rest (AXE_REPORT=file.json keeps them all).
 */
export function describeViolations(violations, perRule = 10) {
  return violations.flatMap((v) => [
    ...v.nodes.slice(0, perRule).map((n) => `axe ${v.rule} (${v.impact}): ${v.help}; element ${n.target}: `
      + `${n.html}${n.summary ? `; ${n.summary}` : ''}`),
    ...(v.nodes.length > perRule ? [`axe ${v.rule}: and ${v.nodes.length - perRule} more element(s)`] : []),
  ]);
}
