package deepnets.exercises;

import deepnets.tuning.LogUniform;
import deepnets.tuning.Sampling;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Notebook 02, Exercise 1: n learning rates on a log scale, {@code 10^r} with {@code r ~ U[log10 lo, log10 hi]},
 * {@code 0 < lo < hi}, every random number drawn from a generator made from the seed. Checked by its profile (see
 * {@link SamplerProfile}).
 */
public final class LogScaleSampling extends Task<LogScaleSampling.Fn> {

    /** The student's {@code logUniform}. */
    @FunctionalInterface
    public interface Fn {
        double[] apply(double lo, double hi, int n, long seed);
    }

    private static final double[][] RANGES = {{1e-4, 1}, {1e-6, 1e-2}, {0.003, 0.3}};

    static final String UNIFORM = "you sample alpha uniformly on [lo, hi], not on a log scale";
    static final String RETURNS_R = "you return r (a logarithm) instead of 10^r";
    static final String EXP = "you compute Math.exp(r) (base e) instead of 10^r";
    static final String LN_BOUNDS = "you take the bounds with Math.log (natural log) but compute 10^r";
    static final String NEGATIVE_R = "you compute 10^(-r) instead of 10^r, or draw r between lo and hi instead of "
            + "between log10(lo) and log10(hi)";
    static final String HARD_CODED = "you hard-code r in [-4, 0] instead of [log10(lo), log10(hi)]";
    static final String LO_HIGH = "the lower bound of r is a decade too high: log10(lo) + 1";
    static final String LO_LOW = "the lower bound of r is a decade too low: log10(lo) - 1";
    static final String HI_LOW = "the upper bound of r is a decade too low: log10(hi) - 1";
    static final String HI_HIGH = "the upper bound of r is a decade too high: log10(hi) + 1";
    static final String LOG_OF_UNIFORM = "you return log10 of a uniform value instead of 10^r";

    LogScaleSampling() {
        super("02-appropriate-scale", "Exercise 1 (log-scale sampling)", 2, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        for (int c = 0; c < RANGES.length; c++) {
            double lo = RANGES[c][0];
            double hi = RANGES[c][1];
            long seed = 10 + c;
            LogUniform scale = new LogUniform("alpha", lo, hi);
            SamplerProfile.check("logUniform", (a, b, n, s) -> call(() -> yours.apply(a, b, n, s)), scale, seed,
                    diagnose(m -> SamplerProfile.of(m.apply(lo, hi, SamplerProfile.SAMPLES, seed), scale)));
        }
        return "the profile of 20 000 samples on [1e-4, 1], [1e-6, 1e-2] and [0.003, 0.3]; the same seed gives the "
                + "same samples";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        SplittableRandom shared = new SplittableRandom(7);
        return List.of(
                new Mistake<>("samples alpha uniformly", UNIFORM, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(lo, hi, n, seed, v -> v)),
                new Mistake<>("returns r instead of 10^r", RETURNS_R, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo), Math.log10(hi), n, seed, r -> r)),
                new Mistake<>("Math.exp(r) instead of 10^r", EXP, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo), Math.log10(hi), n, seed, Math::exp)),
                new Mistake<>("natural-log bounds with 10^r", LN_BOUNDS, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log(lo), Math.log(hi), n, seed, pow10())),
                new Mistake<>("10^(-r)", NEGATIVE_R, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo), Math.log10(hi), n, seed, r -> Math.pow(10, -r))),
                new Mistake<>("r drawn between lo and hi", NEGATIVE_R, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(lo, hi, n, seed, pow10())),
                new Mistake<>("r hard-coded in [-4, 0]", HARD_CODED, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(-4, 0, n, seed, pow10())),
                new Mistake<>("lower bound of r a decade too high", LO_HIGH, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo) + 1, Math.log10(hi), n, seed, pow10())),
                new Mistake<>("lower bound of r a decade too low", LO_LOW, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo) - 1, Math.log10(hi), n, seed, pow10())),
                new Mistake<>("upper bound of r a decade too low", HI_LOW, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo), Math.log10(hi) - 1, n, seed, pow10())),
                new Mistake<>("upper bound of r a decade too high", HI_HIGH, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo), Math.log10(hi) + 1, n, seed, pow10())),
                new Mistake<>("returns log10 of a uniform value", RETURNS_R, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(lo, hi, n, seed, Math::log10)),
                new Mistake<>("reversed bounds in nextDouble(origin, bound)", SamplerProfile.REVERSED,
                        (lo, hi, n, seed) -> {
                            SplittableRandom random = new SplittableRandom(seed);
                            double[] out = new double[n];
                            for (int i = 0; i < n; i++) {
                                out[i] = Math.pow(10, random.nextDouble(Math.log10(hi), Math.log10(lo)));
                            }
                            return out;
                        }),
                new Mistake<>("Math.random() instead of the seed", SamplerProfile.SAME_SEED, (lo, hi, n, seed) -> {
                    double[] out = new double[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = Math.pow(10, Math.log10(lo) + (Math.log10(hi) - Math.log10(lo)) * Math.random());
                    }
                    return out;
                }),
                new Mistake<>("one generator shared between calls", SamplerProfile.SAME_SEED, (lo, hi, n, seed) -> {
                    double[] out = new double[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = Math.pow(10, Math.log10(lo) + (Math.log10(hi) - Math.log10(lo)) * shared.nextDouble());
                    }
                    return out;
                }),
                new Mistake<>("a fixed seed instead of the argument", SamplerProfile.FIXED_SEED, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo), Math.log10(hi), n, 42, pow10())),
                new Mistake<>("a new generator for each sample", SamplerProfile.ONE_GENERATOR, (lo, hi, n, seed) -> {
                    double[] out = new double[n];
                    for (int i = 0; i < n; i++) {
                        double u = new SplittableRandom(seed).nextDouble();
                        out[i] = Math.pow(10, Math.log10(lo) + (Math.log10(hi) - Math.log10(lo)) * u);
                    }
                    return out;
                }),
                new Mistake<>("returns n - 1 values", SamplerProfile.LENGTH, (lo, hi, n, seed) ->
                        SamplerProfile.drawn(Math.log10(lo), Math.log10(hi), n - 1, seed, pow10())));
    }

    private static DoubleUnaryOperator pow10() {
        return r -> Math.pow(10, r);
    }

    @Override
    public Fn bypass() {
        return Sampling::logUniform;
    }
}
