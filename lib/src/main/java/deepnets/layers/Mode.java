package deepnets.layers;

/**
 * Whether a layer runs on a training mini-batch or at test time (batch norm uses different statistics).
 *
 * <p>Taught in notebooks/solutions/06-batch-norm-test-time.ipynb (training versus test mode).
 */
public enum Mode {
    /** Mini-batch statistics are used and running averages are updated. */
    TRAIN,
    /** Running averages are used; nothing is updated. */
    TEST
}
