// The accessible name of every chart in a notebook's outputs, as Chromium computes it for a screen reader
// (issue 32, item 1): every image output (<img>) and every Vega chart (the element Vega labels with the
// spec's description, role graphics-document) must have a real text alternative, never none, never nbconvert's placeholder. The names come from Chromium's
// accessibility tree (DevTools protocol, Accessibility.getPartialAXTree), not from reading attributes, so
// whatever JupyterLab's renderers do to the markup, this is what assistive technology is given.

const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';
const MARK = 'data-e2e-chart'; // set on every chart found, so that the DevTools protocol finds the same elements
export const PLACEHOLDER = 'No description has been provided for this image';
/** As tools/tests/site_checks.py's real_alt: a text alternative made from data is never this short. */
const MIN_LENGTH = 20;

/**
 * Every chart on the page in document order: its cell index, what it is (img, svg, canvas), its role and
 * accessible name in Chromium's accessibility tree, and whether that tree ignores it.
 */
export async function chartNames(page) {
  const where = await page.evaluate(({ panel, mark }) => {
    const cells = [...document.querySelectorAll(`${panel} .jp-Notebook .jp-Cell`)];
    // An image output's <img>; for a Vega output, the element Vega labels with the spec's description (its
    // container, role graphics-document), or else the drawing itself, which then counts as unnamed.
    const charts = [...document.querySelectorAll(`${panel} .jp-Notebook .jp-OutputArea-output img, `
      + `${panel} .jp-Notebook .jp-OutputArea-output .vega-embed`)].map((el) => (el.tagName === 'IMG' ? el
      : (el.matches('[role="graphics-document"]') ? el : el.querySelector('[role="graphics-document"]'))
        || el.querySelector('svg, canvas') || el)).filter((el, k, all) => all.indexOf(el) === k);
    document.querySelectorAll(`[${mark}]`).forEach((el) => el.removeAttribute(mark));
    return charts.map((el, k) => {
      el.setAttribute(mark, String(k));
      return { cell: cells.indexOf(el.closest('.jp-Cell')), tag: el.tagName.toLowerCase() };
    });
  }, { panel: PANEL, mark: MARK });
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('Accessibility.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: false });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: `[${MARK}]` });
    if (nodeIds.length !== where.length) {
      throw new Error(`chart names: the page has ${where.length} charts, the DevTools protocol finds ${nodeIds.length}`);
    }
    const named = [];
    for (const nodeId of nodeIds) {
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
      const node = nodes[0] || {};
      const { attributes } = await cdp.send('DOM.getAttributes', { nodeId });
      const index = Number(attributes[attributes.indexOf(MARK) + 1]);
      named.push({ ...where[index], role: node.role?.value || '', name: node.name?.value || '', ignored: !!node.ignored });
    }
    return named;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The problems: a chart with no accessible name, the placeholder, a too short one, or hidden from the tree. */
export function nameProblems(charts) {
  const problems = [];
  for (const c of charts) {
    const what = `cell ${c.cell}: ${c.tag === 'img' ? 'image' : `Vega chart (${c.tag}, role ${c.role || 'none'})`}`;
    const name = c.name.trim();
    if (c.ignored) problems.push(`${what} is hidden from screen readers (ignored in the accessibility tree)`);
    else if (!name) problems.push(`${what} has no accessible name (role ${c.role || 'none'})`);
    else if (name.includes(PLACEHOLDER)) problems.push(`${what} has the placeholder as its name: ${name.slice(0, 80)}`);
    else if (name.length < MIN_LENGTH) problems.push(`${what} has no real text alternative: "${name}"`);
  }
  return problems;
}
