package deepnets.exercises;

import deepnets.NotImplementedYet;
import deepnets.check.Check;
import deepnets.check.CheckFailure;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.tuning.Config;
import deepnets.tuning.Objective;
import deepnets.tuning.Result;
import deepnets.tuning.Search;
import deepnets.tuning.SearchSpace;
import deepnets.tuning.Uniform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Notebook 01, Exercise 2: the coarse-to-fine loop. Round r draws {@code n} configs with
 * {@code current.sample(n, seed + r)}, evaluates each once in that order, keeps the best result of all rounds (the
 * highest score, the earlier on a tie), and zooms {@code current} around this round's {@code topK} best trials.
 */
public final class CoarseToFineLoop extends Task<CoarseToFineLoop.Fn> {

    /** The student's {@code coarseToFineSearch}. */
    @FunctionalInterface
    public interface Fn {
        Result apply(SearchSpace space, int n, int rounds, int topK, double margin, long seed, Objective objective);
    }

    /** The space of notebook 01's section 3: two hyperparameters, both uniform on [0, 1]. */
    static final SearchSpace SPACE = SearchSpace.of(new Uniform("h1", 0, 1), new Uniform("h2", 0, 1));
    private static final int N = 8;
    private static final int TOP_K = 3;
    private static final double MARGIN = 0.1;
    private static final int[] ROUNDS = {1, 3, 4};
    private static final long[] SEEDS = {3, 21};

    static final String LOWEST = "you keep the lowest score instead of the highest";
    static final String LAST_ROUND = "you return the best trial of the last round only; keep the best of all rounds";
    static final String ORIGINAL_SPACE = "you sample every round from the original space: zoom after each round and "
            + "sample the next round from the zoomed space";
    static final String NEVER_ZOOMS = "you never zoom, so every round samples from the original space: after each "
            + "round, set current = current.zoom(results of this round, topK, margin)";
    static final String SAME_SEED = "you use the same seed in every round: round r samples with seed + r";
    static final String ROUNDS_FROM_ONE = "your rounds start at r = 1: the first round samples with seed + 0 = seed; "
            + "count r = 0, 1, ..., rounds - 1";
    static final String ROUND_TOO_FEW = "you run one round too few: rounds rounds of n trials, n * rounds trials in "
            + "all";
    static final String TWICE = "you evaluate each config twice: evaluate it exactly once and keep that Result, "
            + "n * rounds trials in all";
    static final String ALL_ROUNDS_ZOOM = "you zoom around the results of all rounds so far; zoom around the results "
            + "of this round only (a new list each round)";
    static final String TIE_LATER = "on a tie you keep the later trial; compare with result.score() > best.score() "
            + "so that a tie keeps the earlier one";

    CoarseToFineLoop() {
        super("01-tuning-process", "Exercise 2 (coarse-to-fine loop)", 2, Fn.class);
    }

    /**
     * The score of a trial: the hill of notebook 01's section 3 (peak 1 at (0.72, 0.28)) plus noise in
     * [-0.05, 0.05) from the trial's own seed, as a validation accuracy would have; so the best trial is not always in
     * the last round.
     */
    static double noisyPeak(Config c) {
        double d2 = Math.pow(c.get("h1") - 0.72, 2) + Math.pow(c.get("h2") - 0.28, 2);
        return 0.2 + 0.8 * Math.exp(-d2 / (2 * 0.12 * 0.12)) + 0.1 * (new Random(c.seed()).nextDouble() - 0.5);
    }

    /** {@link #noisyPeak} rounded to steps of 0.25: many trials tie, so which of them is kept shows. */
    static double steppedPeak(Config c) {
        return Math.floor(noisyPeak(c) * 4) / 4;
    }

    /** The reference: the loop of the task, written out. */
    @Solves(CoarseToFineLoop.class)
    public static Result reference(SearchSpace space, int n, int rounds, int topK, double margin, long seed,
            Objective objective) {
        EntryPoints.entered();
        SearchSpace current = space;
        Result best = null;
        for (int r = 0; r < rounds; r++) {
            List<Result> round = new ArrayList<>();
            for (Config config : current.sample(n, seed + r)) {
                Result result = objective.evaluate(config);
                round.add(result);
                if (best == null || result.score() > best.score()) {
                    best = result;
                }
            }
            current = current.zoom(round, topK, margin);
        }
        return best;
    }

    /** What one search did: the configs evaluated, in order, and the result returned (or what it threw). */
    private record Run(List<Config> evaluated, Result result, RuntimeException thrown) {
    }

    /** Runs {@code f} on one case with an objective that records the configs it evaluates. */
    private static Run run(Fn f, int rounds, long seed, boolean stepped, java.util.function.Function<java.util.function
            .Supplier<Result>, Result> how) {
        List<Config> evaluated = Collections.synchronizedList(new ArrayList<>());
        Objective recorded = c -> {
            evaluated.add(c);
            return Result.of(c, stepped ? steppedPeak(c) : noisyPeak(c));
        };
        try {
            Result r = how.apply(() -> f.apply(SPACE, N, rounds, TOP_K, MARGIN, seed, recorded));
            return new Run(List.copyOf(evaluated), r, null);
        } catch (NotImplementedYet e) {
            throw e;
        } catch (RuntimeException e) {
            return new Run(List.copyOf(evaluated), null, e);
        }
    }

    @Override
    protected String visible(Fn yours) {
        for (boolean stepped : new boolean[] {false, true}) {
            for (int rounds : ROUNDS) {
                for (long seed : SEEDS) {
                    oneCase(yours, rounds, seed, stepped);
                }
            }
        }
        return "1, 3 and 4 rounds of 8 trials, two seeds, a noisy score and one with ties: sample, evaluate, keep the "
                + "best, zoom, sample again";
    }

    private void oneCase(Fn yours, int rounds, long seed, boolean stepped) {
        String where = " (" + rounds + (rounds == 1 ? " round" : " rounds") + " of " + N + ", topK " + TOP_K
                + ", margin " + MARGIN + ", seed " + seed + (stepped ? ", a score in steps of 0.25 with ties" : "")
                + ")";
        Run want = run(CoarseToFineLoop::reference, rounds, seed, stepped, s -> s.get());
        Run got = run(yours, rounds, seed, stepped, s -> call(s));
        if (!got.evaluated().equals(want.evaluated())) {
            String cause = matchingMistake(got, rounds, seed, stepped, true);
            if (cause != null) {
                throw new CheckFailure("the trials coarseToFineSearch evaluated" + where + ": they match what you get "
                        + "when " + cause + ". (You evaluated " + got.evaluated().size() + " trials; the search "
                        + "evaluates n * rounds = " + N * rounds + ".)");
            }
            if (got.thrown() == null) {
                Check.close("number of trials evaluated" + where, N * rounds, got.evaluated().size(), 0,
                        "each round evaluates each of its n configs exactly once: n * rounds trials in all");
            }
            roundByRound(got, want, rounds, seed, stepped, where);
        }
        if (got.thrown() != null) {
            throw new CheckFailure("coarseToFineSearch" + where + " throws " + got.thrown() + "\nHint: it evaluated "
                    + "the expected trials; look at what it does with them (the zoom needs this round's results, "
                    + "at least topK of them).");
        }
        Check.isTrue("coarseToFineSearch returns a result" + where, got.result() != null,
                "return the best Result, not null");
        if (!got.result().equals(want.result())) {
            String cause = matchingMistake(got, rounds, seed, stepped, false);
            if (cause != null) {
                throw new CheckFailure("the result coarseToFineSearch returned" + where + ": it matches what you get "
                        + "when " + cause + ". Expected " + want.result() + ", got " + got.result() + ".");
            }
            Check.close("score of the returned result" + where, want.result().score(), got.result().score(), 0,
                    "return the result with the highest score of all rounds");
            Check.isTrue("the returned result is the one the objective gave for the best trial" + where
                    + " (expected " + want.result() + ", got " + got.result() + ")", false,
                    "return the Result the objective gave, unchanged (on a tie, the earlier trial)");
        }
    }

    /** The first known mistake whose trials (or, if {@code trials} is false, whose result) equal the student's. */
    private String matchingMistake(Run got, int rounds, long seed, boolean stepped, boolean trials) {
        for (Mistake<Fn> m : mistakes()) {
            Run theirs = run(m.code(), rounds, seed, stepped, s -> s.get());
            boolean same = trials ? theirs.evaluated().equals(got.evaluated()) && (theirs.thrown() == null)
                    == (got.thrown() == null)
                    : theirs.thrown() == null && got.result() != null && got.result().equals(theirs.result());
            if (same) {
                return m.cause();
            }
        }
        return null;
    }

    /** Names the first round whose configs are not the expected ones, and why, when it can tell. */
    private static void roundByRound(Run got, Run want, int rounds, long seed, boolean stepped, String where) {
        List<SearchSpace> spaces = spaces(rounds, seed, stepped);
        for (int r = 0; r < rounds && (r + 1) * N <= got.evaluated().size(); r++) {
            List<Config> mine = got.evaluated().subList(r * N, (r + 1) * N);
            if (mine.equals(want.evaluated().subList(r * N, (r + 1) * N))) {
                continue;
            }
            String why = "round r samples current.sample(n, seed + r), where current is the space zoomed around the "
                    + "topK best trials of round r - 1 (that round's results)";
            if (r > 0 && mine.equals(SPACE.sample(N, seed + r))) {
                why = ORIGINAL_SPACE;
            } else if (mine.equals(spaces.get(r).sample(N, seed))) {
                why = SAME_SEED;
            }
            Check.isTrue("the configs of round " + (r + 1) + where + " are the expected ones", false, why);
        }
        if (got.thrown() != null) {
            throw new CheckFailure("coarseToFineSearch" + where + " throws " + got.thrown() + " after "
                    + got.evaluated().size() + " trials\nHint: each round samples n configs from the current space, "
                    + "evaluates each once and zooms the current space around this round's results.");
        }
        Check.isTrue("the trials evaluated" + where + " are the expected ones, in the order sample returned them",
                false, "evaluate each config of the round once, in the order current.sample(n, seed + r) returned "
                        + "them");
    }

    /** The space each round of the reference samples from. */
    private static List<SearchSpace> spaces(int rounds, long seed, boolean stepped) {
        List<SearchSpace> out = new ArrayList<>();
        SearchSpace current = SPACE;
        for (int r = 0; r < rounds; r++) {
            out.add(current);
            List<Result> round = new ArrayList<>();
            for (Config c : current.sample(N, seed + r)) {
                round.add(Result.of(c, stepped ? steppedPeak(c) : noisyPeak(c)));
            }
            current = current.zoom(round, TOP_K, MARGIN);
        }
        return out;
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("keeps the lowest score", LOWEST, (space, n, rounds, topK, margin, seed, objective) ->
                        loop(space, n, rounds, topK, margin, seed, objective, Variant.LOWEST)),
                new Mistake<>("returns the best of the last round only", LAST_ROUND,
                        (space, n, rounds, topK, margin, seed, objective) ->
                                loop(space, n, rounds, topK, margin, seed, objective, Variant.LAST_ROUND)),
                new Mistake<>("samples every round from the original space", ORIGINAL_SPACE,
                        (space, n, rounds, topK, margin, seed, objective) ->
                                loop(space, n, rounds, topK, margin, seed, objective, Variant.ORIGINAL_SPACE)),
                new Mistake<>("never zooms", NEVER_ZOOMS, (space, n, rounds, topK, margin, seed, objective) ->
                        loop(space, n, rounds, topK, margin, seed, objective, Variant.NEVER_ZOOMS)),
                new Mistake<>("the same seed in every round", SAME_SEED,
                        (space, n, rounds, topK, margin, seed, objective) ->
                                loop(space, n, rounds, topK, margin, seed, objective, Variant.SAME_SEED)),
                new Mistake<>("rounds counted from 1", ROUNDS_FROM_ONE,
                        (space, n, rounds, topK, margin, seed, objective) ->
                                loop(space, n, rounds, topK, margin, seed, objective, Variant.FROM_ONE)),
                new Mistake<>("one round too few", ROUND_TOO_FEW, (space, n, rounds, topK, margin, seed, objective) ->
                        loop(space, n, rounds, topK, margin, seed, objective, Variant.ROUND_TOO_FEW)),
                new Mistake<>("evaluates each config twice", TWICE, (space, n, rounds, topK, margin, seed, objective) ->
                        loop(space, n, rounds, topK, margin, seed, objective, Variant.TWICE)),
                new Mistake<>("zooms around the results of all rounds", ALL_ROUNDS_ZOOM,
                        (space, n, rounds, topK, margin, seed, objective) ->
                                loop(space, n, rounds, topK, margin, seed, objective, Variant.ALL_ROUNDS)),
                new Mistake<>("keeps the later trial on a tie", TIE_LATER,
                        (space, n, rounds, topK, margin, seed, objective) ->
                                loop(space, n, rounds, topK, margin, seed, objective, Variant.TIE_LATER)));
    }

    /** The ways the known mistakes change the loop. */
    private enum Variant { LOWEST, LAST_ROUND, ORIGINAL_SPACE, NEVER_ZOOMS, SAME_SEED, FROM_ONE, ROUND_TOO_FEW, TWICE,
        ALL_ROUNDS, TIE_LATER }

    /** The task's loop with one mistake in it. */
    private static Result loop(SearchSpace space, int n, int rounds, int topK, double margin, long seed,
            Objective objective, Variant v) {
        SearchSpace current = space;
        Result best = null;
        List<Result> round = new ArrayList<>();
        int first = v == Variant.FROM_ONE ? 1 : 0;
        int stop = v == Variant.FROM_ONE ? rounds + 1 : v == Variant.ROUND_TOO_FEW ? rounds - 1 : rounds;
        for (int r = first; r < stop; r++) {
            if (v != Variant.ALL_ROUNDS) {
                round = new ArrayList<>();
            }
            if (v == Variant.LAST_ROUND) {
                best = null;
            }
            SearchSpace from = v == Variant.ORIGINAL_SPACE ? space : current;
            for (Config config : from.sample(n, v == Variant.SAME_SEED ? seed : seed + r)) {
                Result result = objective.evaluate(config);
                round.add(v == Variant.TWICE ? objective.evaluate(config) : result);
                boolean better = best == null || switch (v) {
                    case LOWEST -> result.score() < best.score();
                    case TIE_LATER -> result.score() >= best.score();
                    default -> result.score() > best.score();
                };
                if (better) {
                    best = result;
                }
            }
            if (v != Variant.NEVER_ZOOMS) {
                current = current.zoom(round, topK, margin);
            }
        }
        return best;
    }

    @Override
    public Fn bypass() {
        return (space, n, rounds, topK, margin, seed, objective) ->
                Search.sequential().coarseToFine(space, n, n, topK, margin, seed, objective).best();
    }
}
