package deepnets.core;

/**
 * The course's refusal of a NaN or an infinity: an argument holds one (the message names the argument and the
 * entry, e.g. {@code "x[3][1] is NaN"}), or a result computed from finite arguments overflowed or underflowed in
 * double precision (the message says so and names the arguments). Thrown by {@link Require#finite} and
 * {@link Require#finiteResult} and by the layers and optimizers that use them.
 *
 * <p>An {@link IllegalArgumentException}, so code that catches that keeps working; {@code Trainer} catches this
 * type during training, where every input was checked finite at the start, and reports it as the divergence it is.
 */
public class NonFiniteException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message names the operation, the argument or result, and what to do */
    public NonFiniteException(String message) {
        super(message);
    }

    /**
     * A refusal of {@code cause} reported in the name of the operation that called it, e.g.
     * {@code "Network.evaluate: Affine.forward: the result overflowed ..."}.
     *
     * @param op the calling operation, e.g. {@code "Network.evaluate"}
     */
    public static NonFiniteException in(String op, NonFiniteException cause) {
        NonFiniteException e = new NonFiniteException(op + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }
}
