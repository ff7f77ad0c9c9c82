package deepnets.exercises;

/**
 * A plausible wrong solution of an exercise, kept next to its check: a small function of the exercise's type that
 * makes one mistake, and the cause the check's message must name when a student makes it.
 *
 * <p>The same object serves twice: the visible check runs it on its own inputs to tell which mistake a wrong answer
 * matches (see {@link Task#diagnose}), and the tests hand it to {@link Task#check} and require a failure whose
 * message contains {@link #cause()}.
 *
 * @param name  a short name for test reports, e.g. "eps outside the square root"
 * @param cause the words the failure must contain, written for the student, e.g.
 *              "eps is added outside the square root"
 * @param code  the wrong implementation
 */
public record Mistake<F>(String name, String cause, F code) {

    public Mistake {
        if (name == null || name.isBlank() || cause == null || cause.isBlank() || code == null) {
            throw new IllegalArgumentException("Mistake: a name, the cause its check must name and the code are "
                    + "needed (got name " + name + ", cause " + cause + ")");
        }
    }

    /** A mistake whose short name is its cause. */
    public static <F> Mistake<F> of(String cause, F code) {
        return new Mistake<>(cause, cause, code);
    }

    @Override
    public String toString() {
        return name;
    }
}
