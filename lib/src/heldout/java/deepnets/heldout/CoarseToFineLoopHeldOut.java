package deepnets.heldout;

import deepnets.exercises.CoarseToFineLoop;
import deepnets.exercises.Exercises;
import deepnets.tuning.Config;
import deepnets.tuning.IntRange;
import deepnets.tuning.LogUniform;
import deepnets.tuning.Objective;
import deepnets.tuning.Result;
import deepnets.tuning.SearchSpace;
import deepnets.tuning.Uniform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Notebook 01, Exercise 2, held out: another space (a log-scale and an integer hyperparameter besides a uniform one),
 * other n, topK, margin, seeds and numbers of rounds (2 and 5), a score that is mostly noise (the best trial often
 * comes early) and one with many ties.
 */
final class CoarseToFineLoopHeldOut extends HeldOutCheck<CoarseToFineLoop.Fn> {

    private static final SearchSpace SPACE = SearchSpace.of(new LogUniform("lr", 1e-4, 1), new Uniform("keep", 0.5, 1),
            new IntRange("units", 4, 64));

    CoarseToFineLoopHeldOut() {
        super(Exercises.coarseToFineLoop());
    }

    @Override
    public CoarseToFineLoop.Fn solution() {
        return (space, n, rounds, topK, margin, seed, objective) -> {
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
        };
    }

    /** A score: a smooth hill in log10(lr), keep and units, plus noise from the trial's seed, scaled by noise. */
    private static double score(Config c, double noise, double step) {
        double lr = Math.log10(c.get("lr")) + 2.3;
        double keep = c.get("keep") - 0.8;
        double units = (c.get("units") - 40) / 30.0;
        double s = Math.exp(-(lr * lr + 4 * keep * keep + units * units)) + noise * new SplittableRandom(c.seed())
                .nextDouble();
        return step > 0 ? Math.floor(s / step) * step : s;
    }

    @Override
    public String check(CoarseToFineLoop.Fn yours) {
        Object[][] cases = {  // what, n, rounds, topK, margin, seed, noise, step
            {"2 rounds of 5 trials on a smooth score", 5, 2, 2, 0.2, 7L, 0.0, 0.0},
            {"5 rounds of 6 trials on a noisy score", 6, 5, 3, 0.05, 1000L, 0.3, 0.0},
            {"3 rounds of 4 trials on a score that is mostly noise", 4, 3, 1, 0.15, 42L, 2.0, 0.0},
            {"4 rounds of 7 trials on a score with many ties", 7, 4, 4, 0.1, 5L, 0.2, 0.5},
            {"3 rounds of 5 trials on a score that is the same for every trial", 5, 3, 2, 0.1, 77L, 0.0, 10.0},
        };
        for (Object[] c : cases) {
            String what = (String) c[0];
            int n = (int) c[1];
            int rounds = (int) c[2];
            int topK = (int) c[3];
            double margin = (double) c[4];
            long seed = (long) c[5];
            double noise = (double) c[6];
            double step = (double) c[7];
            List<Config> expectedTrials = Collections.synchronizedList(new ArrayList<>());
            List<Config> yourTrials = Collections.synchronizedList(new ArrayList<>());
            Objective expectedObjective = conf -> {
                expectedTrials.add(conf);
                return Result.of(conf, score(conf, noise, step));
            };
            Objective yourObjective = conf -> {
                yourTrials.add(conf);
                return Result.of(conf, score(conf, noise, step));
            };
            Result want = solution().apply(SPACE, n, rounds, topK, margin, seed, expectedObjective);
            Result got = run(what, () -> yours.apply(SPACE, n, rounds, topK, margin, seed, yourObjective));
            require(yourTrials.size() == n * rounds, "on " + what + " your search does not evaluate n * rounds "
                    + "trials");
            for (int r = 0; r < rounds; r++) {
                require(yourTrials.subList(r * n, (r + 1) * n).equals(expectedTrials.subList(r * n, (r + 1) * n)),
                        "on " + what + " the configs of round " + (r + 1) + " are not the ones sampled from the "
                                + "space zoomed around the previous round's best trials with seed + r");
            }
            require(got != null, "on " + what + " your search returns null");
            require(got.score() == want.score(), "on " + what + " your result does not have the best score of all "
                    + "rounds");
            require(got.equals(want), "on " + what + " your result is not the first trial with the best score");
        }
        return "another space with log-scale and integer hyperparameters, 2 to 5 rounds, noisy scores and ties";
    }
}
