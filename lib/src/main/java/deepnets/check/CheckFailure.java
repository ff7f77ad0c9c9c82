package deepnets.check;

/** A failed notebook check; the message is written for the student who has to fix the code. */
public class CheckFailure extends AssertionError {

    /** A failure with the full student-facing message. */
    public CheckFailure(String message) {
        super(message);
    }
}
