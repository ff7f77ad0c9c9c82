package deepnets.exercises;

/**
 * What notebook 04's Exercise 1 ({@code batchNormForward}) returns: the batch-norm output and the pieces the
 * backward pass needs. Given code, not part of the answer.
 *
 * @param out   {@code gamma * zNorm + beta}, (m, n)
 * @param mu    the batch mean of each unit (column), (n,)
 * @param var   the batch variance of each unit, divided by m, (n,)
 * @param zNorm {@code (z - mu) / sqrt(var + eps)}, (m, n)
 */
public record BnForward(double[][] out, double[] mu, double[] var, double[][] zNorm) {
}
