/**
 * Data sets for the course: the UCI digits, small synthetic 2-D sets for decision-region pictures,
 * seeded train/validation/test splits, standardization fitted on training data only, and one-hot labels.
 *
 * <p>Every data set is a {@link deepnets.data.Dataset}: a row array {@code x} of shape (N, D) and
 * integer labels of shape (N,).
 */
package deepnets.data;
