/**
 * Interactive charts for JupyterLab: a chart described once ({@link deepnets.charts.interactive.VegaChart}:
 * columns of data, a mark, encodings, sliders, tooltips, a brush) becomes one display bundle with a Vega-Lite v5
 * spec, a PNG fallback drawn with XChart and a line of text ({@link deepnets.charts.interactive.Bundle}).
 * JupyterLab draws the spec itself, offline; its sliders and brushes run in the browser without the kernel, so
 * everything a slider shows is computed in Java beforehand and carried in the spec. Front ends that cannot draw
 * Vega-Lite (a static HTML export, a GitHub preview) show the PNG.
 * {@link deepnets.charts.interactive.LiveTrainingChart} redraws one such chart in place after every epoch.
 */
package deepnets.charts.interactive;
