/**
 * Pictures for the notebooks, all in one look (white background, one palette, readable fonts).
 *
 * <p>{@link deepnets.charts.Charts} and {@link deepnets.charts.Histograms} return XChart charts,
 * which the kernel shows as PNG; {@link deepnets.charts.Images} and
 * {@link deepnets.charts.ConfusionMatrix} draw pictures XChart cannot (decision regions, digit
 * grids, objective landscapes, confusion matrices) straight into a {@code BufferedImage}. Every
 * picture has a title and axis labels; bad input fails fast with a message that names both
 * lengths or the bad value.
 */
package deepnets.charts;
