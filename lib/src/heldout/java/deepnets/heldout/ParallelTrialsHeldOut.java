package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.ParallelTrials;
import deepnets.exercises.Trial;
import deepnets.tuning.Config;
import deepnets.tuning.Uniform;
import deepnets.tuning.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Notebook 03, Exercise 1, held out: a single config, more threads than configs, 23 configs on 3 threads, another
 * search space and seed, a trial whose score depends on many draws of its Random and whose pauses make the last
 * configs finish first; scores in the order of configs, each trial run once with a Random of its own, the pool's
 * threads ended after the return, configs unchanged.
 */
final class ParallelTrialsHeldOut extends HeldOutCheck<ParallelTrials.Fn> {

    ParallelTrialsHeldOut() {
        super(Exercises.parallelTrials());
    }

    @Override
    public ParallelTrials.Fn solution() {
        return (configs, trial, threads) -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Double>> futures = new ArrayList<>();
                for (Config config : configs) {
                    futures.add(pool.submit(() -> trial.run(config, new Random(config.seed()))));
                }
                double[] scores = new double[configs.size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = futures.get(i).get();
                }
                return scores;
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("runInParallel: a trial failed: " + e.getCause(), e);
            } finally {
                pool.shutdown();
            }
        };
    }

    @Override
    public String check(ParallelTrials.Fn yours) {
        SearchSpace space = SearchSpace.of(new Uniform("dropout", 0.05, 0.6), new Uniform("beta", 0.8, 0.999));
        int[][] cases = {{1, 3}, {7, 8}, {23, 3}};   // {configs, threads}
        for (int[] c : cases) {
            int n = c[0];
            int threads = c[1];
            List<Config> configs = space.sample(n, 1000L + n);
            String what = n + (n == 1 ? " config" : " configs") + " on " + threads + " threads";
            AtomicInteger runs = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            Set<Thread> ranOn = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
            Set<Random> randoms = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
            Trial trial = (config, rng) -> {
                runs.incrementAndGet();
                ranOn.add(Thread.currentThread());
                randoms.add(rng);
                double s = score(config, rng);
                try {
                    Thread.sleep(Math.max(0, n - 1 - config.trial()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.incrementAndGet();
                return s;
            };
            List<Config> given = new ArrayList<>(configs);
            Thread caller = Thread.currentThread();
            double[] got = run(what, () -> yours.apply(given, trial, threads));
            require(finished.get() == n, "with " + what + " not every trial had finished when your function returned");
            require(got != null && got.length == n, "with " + what + " your result does not have one score per config");
            require(runs.get() == n, "with " + what + " your function does not run each trial exactly once");
            require(randoms.size() == n, "with " + what + " some trials share a Random");
            require(!ranOn.contains(caller) && ranOn.size() <= Math.min(threads, n), "with " + what
                    + " the trials did not run on a pool of at most `threads` threads");
            require(given.equals(configs), "with " + what + " your function changes configs");
            double[] want = ParallelTrials.reference(configs, ParallelTrialsHeldOut::score);
            require(Arrays.equals(got, want), "with " + what + " your scores differ from those of a plain loop that "
                    + "gives each trial new Random(config.seed()), or are not in the order of configs");
            require(ended(ranOn, caller), "with " + what + " the pool's threads still run after your function "
                    + "returned");
        }
        return "1 config on 3 threads, 7 on 8, 23 on 3, another space, scores in order, one Random per trial, "
                + "the pool shut down";
    }

    /** A score from the config and 12 uniform draws of the trial's own Random. */
    private static double score(Config config, Random rng) {
        double s = config.get("dropout") - 2 * (1 - config.get("beta"));
        for (int k = 0; k < 12; k++) {
            s += 0.003 * (rng.nextDouble() - 0.5);
        }
        return s;
    }

    private static boolean ended(Set<Thread> ranOn, Thread caller) {
        return ParallelTrials.threadsEnd(ranOn, caller, 2000);
    }
}
