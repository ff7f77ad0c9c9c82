package deepnets.check;

/**
 * A failed notebook check; the message is written for the student who has to fix the code.
 *
 * <p>Explained in notebooks/solutions/00-start-here.ipynb (what a failed check looks like).
 */
public class CheckFailure extends AssertionError {

    /** A failure with the full student-facing message. */
    public CheckFailure(String message) {
        super(message);
    }
}
