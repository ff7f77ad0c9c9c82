package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import java.util.List;

/**
 * Notebook 00, Exercise 1: the averaging window of an exponentially weighted average, {@code 1 / (1 - beta)}, for
 * {@code beta} in [0, 1); any other beta (NaN too) is refused with an IllegalArgumentException naming the value.
 */
public final class AveragingWindow extends Task<AveragingWindow.Fn> {

    /** The student's {@code averagingWindow}. */
    @FunctionalInterface
    public interface Fn {
        double apply(double beta);
    }

    // Whole windows (2, 10, 50, 1000) and windows that are not whole (3.33..., 2.5), so that a rounded window shows.
    private static final double[] BETAS = {0.5, 0.9, 0.98, 0.999, 0.7, 0.6};

    static final String BETA_OVER = "you return beta / (1 - beta), one step short of the window 1 / (1 - beta)";
    static final String ONE_OVER_BETA = "you return 1 / beta instead of the window 1 / (1 - beta)";
    static final String ROUNDED = "you round the window to a whole number of steps; return the exact value "
            + "1 / (1 - beta), e.g. 3.33... for beta = 0.7";
    static final String ZERO_ALLOWED = "beta = 0 is allowed (no averaging: the window is the current step alone, "
            + "1 / (1 - 0) = 1); refuse only beta < 0, beta >= 1 and NaN";
    static final String ONE_REFUSED = "beta = 1 would average forever (a division by zero): throw an "
            + "IllegalArgumentException naming the value";
    static final String NEGATIVE_REFUSED = "a negative beta is not an average: throw an IllegalArgumentException "
            + "naming the value";
    static final String NAN_REFUSED = "NaN is not in [0, 1), but every comparison with NaN is false, so "
            + "'beta < 0 || beta >= 1' lets it through: write the test so that NaN fails it";
    static final String NAME_THE_VALUE = "put the value of beta into the exception's message";
    static final String WRONG_TYPE = "throw an IllegalArgumentException (the caller passed a bad argument)";

    AveragingWindow() {
        super("00-start-here", "Exercise 1 (averaging window)", 1, Fn.class);
    }

    /** The reference: {@code 1 / (1 - beta)}. */
    @Solves(AveragingWindow.class)
    static double reference(double beta) {
        EntryPoints.entered();
        return 1 / (1 - beta);
    }

    @Override
    protected String visible(Fn yours) {
        double[] want = new double[BETAS.length];
        double[] got = new double[BETAS.length];
        for (int i = 0; i < BETAS.length; i++) {
            double beta = BETAS[i];
            want[i] = reference(beta);
            got[i] = inRange(yours, beta);
        }
        // A rounded window first: it is right on every whole window, so say so before the numbers.
        for (int i = 0; i < BETAS.length; i++) {
            double exact = want[i];
            if (Math.abs(exact - Math.rint(exact)) > 1e-6 && got[i] == Math.rint(got[i]) && Math.abs(got[i] - exact) < 1) {
                Check.isTrue("averagingWindow(" + BETAS[i] + ") is " + fmt(exact) + ", not a whole number "
                        + "(yours: " + fmt(got[i]) + ")", false, ROUNDED);
            }
        }
        int wrong = firstWrong(want, got);
        if (wrong >= 0) {
            String cause = null;
            for (var m : diagnose(AveragingWindow::windows).entrySet()) {
                if (cause == null && firstWrong(m.getValue(), got) < 0) {
                    cause = m.getKey();
                }
            }
            StringBuilder yoursAll = new StringBuilder();
            StringBuilder wantAll = new StringBuilder();
            for (int i = 0; i < BETAS.length; i++) {
                yoursAll.append(i == 0 ? "" : ", ").append(fmt(got[i]));
                wantAll.append(i == 0 ? "" : ", ").append(fmt(want[i]));
            }
            boolean sameShown = fmt(want[wrong]).equals(fmt(got[wrong]));
            throw new deepnets.check.CheckFailure("averagingWindow(" + BETAS[wrong] + "): expected "
                    + (sameShown ? String.valueOf(want[wrong]) : fmt(want[wrong])) + ", got "
                    + (sameShown ? String.valueOf(got[wrong]) : fmt(got[wrong])) + (cause == null ? "." : ": your windows match what you get when "
                    + cause + ".") + "\nFor beta = 0.5, 0.9, 0.98, 0.999, 0.7, 0.6 yours are " + yoursAll
                    + "; the windows 1 / (1 - beta) are " + wantAll + "."
                    + (cause == null ? "\nHint: the window is 1 / (1 - beta), computed in double." : ""));
        }
        // The lower end of [0, 1) is allowed.
        double atZero;
        try {
            atZero = call(() -> yours.apply(0.0));
        } catch (deepnets.NotImplementedYet e) {
            throw e;
        } catch (IllegalArgumentException refused) {
            Check.isTrue("averagingWindow(0.0), the lower end of [0, 1), is allowed (yours refused it: "
                    + refused.getMessage() + ")", false, ZERO_ALLOWED);
            atZero = Double.NaN;
        }
        Check.close("averagingWindow(0.0), the lower end of [0, 1)", 1.0, atZero, 1e-12, ZERO_ALLOWED);
        refused(yours, 1.0, "1.0", ONE_REFUSED);
        refused(yours, -0.5, "-0.5", NEGATIVE_REFUSED);
        refused(yours, Double.NaN, "NaN", NAN_REFUSED);
        return "the window 1 / (1 - beta), whole or not, for beta in [0, 1); beta = 1, a negative beta and NaN refused";
    }

    /** {@code yours.apply(beta)} for a beta in [0, 1), where nothing may be thrown. */
    private double inRange(Fn yours, double beta) {
        try {
            return call(() -> yours.apply(beta));
        } catch (deepnets.NotImplementedYet e) {
            throw e;
        } catch (RuntimeException e) {
            throw new deepnets.check.CheckFailure("averagingWindow(" + beta + ") returns a window: beta = " + beta
                    + " is in [0, 1), but yours threw " + e + ".\nHint: refuse only beta < 0, beta >= 1 "
                    + "and NaN.");
        }
    }

    /** Requires {@code yours.apply(beta)} to throw an IllegalArgumentException whose message names the value. */
    private void refused(Fn yours, double beta, String shown, String why) {
        String what = "averagingWindow(" + shown + ")";
        RuntimeException thrown;
        try {
            double got = call(() -> yours.apply(beta));
            Check.isTrue(what + " throws an IllegalArgumentException (yours returned " + fmt(got) + ")",
                    false, why);
            return;
        } catch (deepnets.NotImplementedYet e) {
            throw e;
        } catch (RuntimeException e) {
            thrown = e;
        }
        Check.isTrue(what + " throws an IllegalArgumentException (yours threw " + thrown.getClass().getSimpleName()
                + ")", thrown instanceof IllegalArgumentException, WRONG_TYPE);
        Check.isTrue(what + " throws with a message that names the value " + shown + " (yours: \""
                + thrown.getMessage() + "\")", thrown.getMessage() != null && thrown.getMessage().contains(shown),
                NAME_THE_VALUE);
    }

    /** The first i where got[i] is not within 1e-9 (relative above 1) of want[i], or -1. */
    private static int firstWrong(double[] want, double[] got) {
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(got[i] - want[i]) <= 1e-9 * Math.max(1, Math.abs(want[i])))) {
                return i;
            }
        }
        return -1;
    }

    /** v to 6 significant digits, without trailing zeros: 9.000000000000002 shows as 9, 1/0.3 as 3.33333. */
    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static double[] windows(Fn f) {
        double[] out = new double[BETAS.length];
        for (int i = 0; i < BETAS.length; i++) {
            out[i] = f.apply(BETAS[i]);
        }
        return out;
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("returns beta / (1 - beta)", BETA_OVER, beta -> valid(beta) / (1 - beta)),
                new Mistake<>("returns 1 / beta", ONE_OVER_BETA, beta -> 1 / valid(beta)),
                new Mistake<>("rounds the window to a whole number", ROUNDED,
                        beta -> Math.round(1 / (1 - valid(beta)))),
                new Mistake<>("casts the window to an int", ROUNDED, beta -> (int) (1 / (1 - valid(beta)))),
                new Mistake<>("refuses beta = 0", ZERO_ALLOWED, beta -> {
                    if (!(beta > 0 && beta < 1)) {
                        throw new IllegalArgumentException("averagingWindow: beta must be in (0, 1) but was " + beta);
                    }
                    return 1 / (1 - beta);
                }),
                new Mistake<>("does not reject beta = 1", ONE_REFUSED, beta -> {
                    if (beta < 0 || Double.isNaN(beta)) {
                        throw new IllegalArgumentException("averagingWindow: beta must be in [0, 1) but was " + beta);
                    }
                    return 1 / (1 - beta);
                }),
                new Mistake<>("rejects only beta > 1", ONE_REFUSED, beta -> {
                    if (!(beta >= 0 && beta <= 1)) {
                        throw new IllegalArgumentException("averagingWindow: beta must be in [0, 1) but was " + beta);
                    }
                    return 1 / (1 - beta);
                }),
                new Mistake<>("lets NaN through (beta < 0 || beta >= 1)", NAN_REFUSED, beta -> {
                    if (beta < 0 || beta >= 1) {
                        throw new IllegalArgumentException("averagingWindow: beta must be in [0, 1) but was " + beta);
                    }
                    return 1 / (1 - beta);
                }),
                new Mistake<>("rejects without naming the value", NAME_THE_VALUE, beta -> {
                    if (!(beta >= 0 && beta < 1)) {
                        throw new IllegalArgumentException("averagingWindow: beta must be in [0, 1)");
                    }
                    return 1 / (1 - beta);
                }),
                new Mistake<>("throws ArithmeticException", WRONG_TYPE, beta -> {
                    if (!(beta >= 0 && beta < 1)) {
                        throw new ArithmeticException("averagingWindow: beta must be in [0, 1) but was " + beta);
                    }
                    return 1 / (1 - beta);
                }));
    }

    /** beta, refused as the task asks: the mistakes that get the formula wrong still check their argument. */
    private static double valid(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("averagingWindow: beta must be in [0, 1) but was " + beta);
        }
        return beta;
    }

    @Override
    public Fn bypass() {
        return null;
    }

    @Override
    public String noSolverBecause() {
        return "nothing in the library computes the averaging window 1 / (1 - beta)";
    }
}
