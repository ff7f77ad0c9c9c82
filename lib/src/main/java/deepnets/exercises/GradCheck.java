package deepnets.exercises;

/**
 * What notebook 05's Exercise 3 ({@code gradientCheck}) returns: a numeric gradient and its relative error against
 * an analytic one. Given code, not part of the answer.
 *
 * @param numeric       the centred-difference estimate of the gradient, the shape of the point
 * @param relativeError {@code max_ij |a_ij - n_ij| / max(1e-8, |a_ij| + |n_ij|)}
 */
public record GradCheck(double[][] numeric, double relativeError) {
}
