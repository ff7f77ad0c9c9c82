/**
 * The bridge to the JJava kernel: renderers that show charts and tables inline in a notebook.
 */
package deepnets.jupyter;
