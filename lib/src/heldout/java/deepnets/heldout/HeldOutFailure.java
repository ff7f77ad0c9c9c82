package deepnets.heldout;

import deepnets.check.CheckFailure;

/**
 * A failed held-out check: it names the property that failed (e.g. "your function changes its input x") and the
 * kind of input, never the expected values.
 */
public class HeldOutFailure extends CheckFailure {

    public HeldOutFailure(String exercise, String property) {
        super(exercise + ", held-out check (it runs only when grading, on other inputs than the check cell): "
                + property + ". Test your method on inputs of your own, e.g. the kind named here.");
    }
}
