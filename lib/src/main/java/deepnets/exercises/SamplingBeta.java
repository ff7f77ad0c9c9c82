package deepnets.exercises;

import deepnets.tuning.EwaBeta;
import deepnets.tuning.Sampling;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Notebook 02, Exercise 2: n averaging parameters on a log scale of {@code 1 - beta}, {@code beta = 1 - 10^r} with
 * {@code r ~ U[log10(1 - hi), log10(1 - lo)]}, {@code 0 < lo < hi < 1}, every random number drawn from a generator
 * made from the seed. Checked by its profile (see {@link SamplerProfile}).
 */
public final class SamplingBeta extends Task<SamplingBeta.Fn> {

    /** The student's {@code sampleBeta}. */
    @FunctionalInterface
    public interface Fn {
        double[] apply(double lo, double hi, int n, long seed);
    }

    private static final double[][] RANGES = {{0.9, 0.999}, {0.99, 0.9999}, {0.5, 0.99}};

    static final String BETA_ITSELF = "you sample beta itself (on a log scale, 10^r with r in [log10(lo), "
            + "log10(hi)], or uniformly) instead of 1 - beta on a log scale";
    static final String ONE_MINUS = "you return 1 - beta = 10^r instead of beta = 1 - 10^r, or take log10(lo), "
            + "log10(hi) as the bounds of r instead of log10(1 - hi), log10(1 - lo)";
    static final String RETURNS_R = "you return r instead of 1 - 10^r, or draw r between 1 - hi and 1 - lo without "
            + "the log10";
    static final String EXP = "you compute 1 - Math.exp(r) (base e) instead of 1 - 10^r";
    static final String LN_BOUNDS = "you take the bounds with Math.log (natural log) but compute 1 - 10^r";
    static final String HARD_CODED = "you hard-code r in [-3, -1] instead of [log10(1 - hi), log10(1 - lo)]";
    static final String LO_HIGH = "the lower bound of r is a decade too high: log10(1 - hi) + 1";
    static final String LO_LOW = "the lower bound of r is a decade too low: log10(1 - hi) - 1";
    static final String HI_LOW = "the upper bound of r is a decade too low: log10(1 - lo) - 1";
    static final String HI_HIGH = "the upper bound of r is a decade too high: log10(1 - lo) + 1";

    SamplingBeta() {
        super("02-appropriate-scale", "Exercise 2 (sampling beta)", 1, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        for (int c = 0; c < RANGES.length; c++) {
            double lo = RANGES[c][0];
            double hi = RANGES[c][1];
            long seed = 20 + c;
            EwaBeta scale = new EwaBeta("beta", lo, hi);
            SamplerProfile.check("sampleBeta", (a, b, n, s) -> call(() -> yours.apply(a, b, n, s)), scale, seed,
                    diagnose(m -> SamplerProfile.of(m.apply(lo, hi, SamplerProfile.SAMPLES, seed), scale)));
        }
        return "the profile of 20 000 samples on [0.9, 0.999], [0.99, 0.9999] and [0.5, 0.99]; the same seed gives "
                + "the same samples";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("samples beta itself on a log scale", BETA_ITSELF, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo), Math.log10(hi), n, seed, r -> Math.pow(10, r))),
                new Mistake<>("samples beta uniformly", BETA_ITSELF, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(lo, hi, n, seed, v -> v)),
                new Mistake<>("returns 1 - beta = 10^r", ONE_MINUS, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(1 - hi), Math.log10(1 - lo), n, seed, r -> Math.pow(10, r))),
                new Mistake<>("log10(lo), log10(hi) as bounds of r", ONE_MINUS, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo), Math.log10(hi), n, seed, oneMinusPow10())),
                new Mistake<>("returns r", RETURNS_R, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(1 - hi), Math.log10(1 - lo), n, seed, r -> r)),
                new Mistake<>("bounds 1 - hi, 1 - lo without log10", RETURNS_R, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(1 - hi, 1 - lo, n, seed, oneMinusPow10())),
                new Mistake<>("1 - Math.exp(r)", EXP, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(1 - hi), Math.log10(1 - lo), n, seed, r -> 1 - Math.exp(r))),
                new Mistake<>("natural-log bounds with 1 - 10^r", LN_BOUNDS, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log(1 - hi), Math.log(1 - lo), n, seed, oneMinusPow10())),
                new Mistake<>("r hard-coded in [-3, -1]", HARD_CODED, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(-3, -1, n, seed, oneMinusPow10())),
                new Mistake<>("lower bound of r a decade too high", LO_HIGH, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(1 - hi) + 1, Math.log10(1 - lo), n, seed, oneMinusPow10())),
                new Mistake<>("lower bound of r a decade too low", LO_LOW, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(1 - hi) - 1, Math.log10(1 - lo), n, seed, oneMinusPow10())),
                new Mistake<>("upper bound of r a decade too low", HI_LOW, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(1 - hi), Math.log10(1 - lo) - 1, n, seed, oneMinusPow10())),
                new Mistake<>("upper bound of r a decade too high", HI_HIGH, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(1 - hi), Math.log10(1 - lo) + 1, n, seed, oneMinusPow10())),
                new Mistake<>("reversed bounds in nextDouble(origin, bound)", SamplerProfile.REVERSED,
                        (lo, hi, n, seed) -> {
                            SplittableRandom random = new SplittableRandom(seed);
                            double[] out = new double[n];
                            for (int i = 0; i < n; i++) {
                                out[i] = 1 - Math.pow(10, random.nextDouble(Math.log10(1 - lo), Math.log10(1 - hi)));
                            }
                            return out;
                        }),
                new Mistake<>("a fixed seed instead of the argument", SamplerProfile.FIXED_SEED, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(1 - hi), Math.log10(1 - lo), n, 1, oneMinusPow10())),
                new Mistake<>("a new generator for each sample", SamplerProfile.ONE_GENERATOR, (lo, hi, n, seed) -> {
                    double[] out = new double[n];
                    double a = Math.log10(1 - hi);
                    double b = Math.log10(1 - lo);
                    for (int i = 0; i < n; i++) {
                        out[i] = 1 - Math.pow(10, a + (b - a) * new SplittableRandom(seed).nextDouble());
                    }
                    return out;
                }));
    }

    private static DoubleUnaryOperator oneMinusPow10() {
        return r -> 1 - Math.pow(10, r);
    }

    @Override
    public Fn bypass() {
        return Sampling::beta;
    }
}
