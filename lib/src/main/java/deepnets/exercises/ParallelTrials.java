package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.tuning.Config;
import deepnets.tuning.IntRange;
import deepnets.tuning.LogUniform;
import deepnets.tuning.Result;
import deepnets.tuning.Search;
import deepnets.tuning.SearchSpace;
import deepnets.tuning.Uniform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Notebook 03, Exercise 1: {@code runInParallel(configs, trial, threads)} runs one {@link Trial} per config on a
 * pool of {@code threads} threads and returns the scores in the order of {@code configs}, exactly those of a plain
 * loop that gives each trial {@code new Random(config.seed())}, and shuts the pool down before it returns.
 *
 * <p>The check's trials are a stand-in for training: a score from the config and from numbers drawn from the
 * trial's {@code Random}, and a pause that is longest for the first config, so that trials finish out of order.
 * It runs the student's code with 1, 2 and 4 threads.
 */
public final class ParallelTrials extends Task<ParallelTrials.Fn> {

    /** The student's {@code runInParallel}. */
    @FunctionalInterface
    public interface Fn {
        double[] apply(List<Config> configs, Trial trial, int threads);
    }

    static final String NOT_WAITING = "some trials had not finished when runInParallel returned: wait for each one "
            + "with future.get() before reading its score";
    static final String TWICE = "run each trial exactly once: in a real search each one is a full training run";
    static final String SHARED = "one Random is shared by several trials (or one per thread): it hands out its "
            + "numbers in whatever order the threads ask for them; give each trial its own new Random(config.seed())";
    static final String SEQUENTIAL = "every trial ran on the calling thread, one after the other: submit them to "
            + "Executors.newFixedThreadPool(threads)";
    static final String POOL_SIZE = "use a pool of exactly `threads` threads: Executors.newFixedThreadPool(threads)";
    static final String FINISH_ORDER = "the scores are in the order the trials finished, not in the order of "
            + "configs: return scores[i] for configs.get(i), e.g. by reading the futures in order";
    static final String BY_INDEX = "trial i is seeded with its index i instead of its own seed, "
            + "new Random(config.seed())";
    static final String NO_SHUTDOWN = "the pool is never shut down, so its threads live on after runInParallel "
            + "returns: call pool.shutdown() in a finally";

    private static final SearchSpace SPACE = SearchSpace.of(new LogUniform("learningRate", 1e-3, 1),
            new IntRange("hiddenUnits", 16, 128));
    private static final int N = 16;
    private static final long SEED = 5;
    private static final int[] THREADS = {1, 2, 4};
    /** How long a pool's threads may take to end after runInParallel returned, in ms. */
    private static final long SHUTDOWN_WAIT_MS = 2000;

    ParallelTrials() {
        super("03-pandas-vs-caviar", "Exercise 1 (parallel trials)", 2, Fn.class);
    }

    /** The check's score: from the config and five Gaussian draws of the trial's own Random. */
    private static double score(Config c, Random rng) {
        double noise = 0;
        for (int k = 0; k < 5; k++) {
            noise += rng.nextGaussian();
        }
        return -Math.abs(Math.log10(c.get("learningRate")) + 1.5) + c.get("hiddenUnits") / 1000 + 0.01 * noise;
    }

    /** The reference: the trials one after the other, each with a Random of its own seed. */
    @Solves(ParallelTrials.class)
    public static double[] reference(List<Config> configs, Trial trial) {
        EntryPoints.entered();
        double[] out = new double[configs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = trial.run(configs.get(i), new Random(configs.get(i).seed()));
        }
        return out;
    }

    /**
     * What the trials of one run of the student's code saw: how many ran and finished, on which threads, with which
     * Random objects.
     */
    static final class Watch {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final Set<Thread> threads = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        final Set<Random> randoms = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

        /** A trial that records itself, then pauses {@code pauseMs(config)} ms before it returns its score. */
        Trial trial(Trial score, java.util.function.ToLongFunction<Config> pauseMs) {
            return (c, rng) -> {
                runs.incrementAndGet();
                threads.add(Thread.currentThread());
                randoms.add(rng);
                double s = score.run(c, rng);
                try {
                    Thread.sleep(pauseMs.applyAsLong(c));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.incrementAndGet();
                return s;
            };
        }

        /** Whether every thread that ran a trial, other than {@code caller}, ends within the given time. */
        boolean poolEnded(Thread caller, long waitMs) {
            return threadsEnd(threads, caller, waitMs);
        }
    }

    @Override
    protected String visible(Fn yours) {
        List<Config> configs = SPACE.sample(N, SEED);
        double[] expected = reference(configs, ParallelTrials::score);
        for (int k : THREADS) {
            String what = "runInParallel on " + N + " trials with threads = " + k;
            Watch watch = new Watch();
            // The first config pauses longest: with 2 or more threads the trials finish out of order.
            Trial trial = watch.trial(ParallelTrials::score, c -> Math.max(0, N - 1 - c.trial()));
            List<Config> given = new ArrayList<>(configs);
            Thread caller = Thread.currentThread();
            double[] got = call(() -> yours.apply(given, trial, k));
            int finishedAtReturn = watch.finished.get();
            Check.isTrue(what + ": every trial had finished when it returned (" + finishedAtReturn + " of " + N + ")",
                    finishedAtReturn >= N, NOT_WAITING);
            Check.isTrue(what + ": one score per config", got != null && got.length == N,
                    "return a double[] with one score per config, in the order of configs");
            Check.close(what + ": number of trial runs", N, watch.runs.get(), 0, TWICE);
            Check.isTrue(what + ": each trial has a Random of its own (yours: " + watch.randoms.size()
                    + " Random objects for " + N + " trials)", watch.randoms.size() == N, SHARED);
            Set<Thread> pool = Collections.newSetFromMap(new IdentityHashMap<>());
            pool.addAll(watch.threads);
            pool.remove(caller);
            Check.isTrue(what + ": the trials ran on a pool of " + (k == 1 ? "1 thread" : "at most " + k + " threads")
                    + ", not on the calling thread (yours: " + pool.size()
                    + (pool.size() == 1 ? " pool thread" : " pool threads")
                    + (watch.threads.contains(caller) ? " and the calling thread" : "") + ")",
                    !pool.isEmpty() && pool.size() <= k && !watch.threads.contains(caller),
                    pool.isEmpty() ? SEQUENTIAL : POOL_SIZE);
            Check.isTrue(what + ": configs is unchanged", given.equals(configs),
                    "read configs; do not add, remove or reorder its entries");
            if (!Arrays.equals(got, expected)) {
                double[] sortedGot = got.clone();
                double[] sortedExpected = expected.clone();
                Arrays.sort(sortedGot);
                Arrays.sort(sortedExpected);
                Check.isTrue(what + ": the scores are in the order of configs", !Arrays.equals(sortedGot,
                        sortedExpected), FINISH_ORDER);
                String scores = what + ": the scores against those of a plain loop that gives each trial "
                        + "new Random(config.seed())";
                // Only the mistakes whose scores are the student's are named; a message never lists those it is not.
                Map<String, double[]> matching = new LinkedHashMap<>();
                diagnose(m -> m.apply(new ArrayList<>(configs), ParallelTrials::score, k)).forEach((cause, s) -> {
                    if (Arrays.equals(s, got)) {
                        matching.put(cause, s);
                    }
                });
                if (!matching.isEmpty()) {
                    Check.allCloseWithDiagnosis(scores, expected, got, 0, matching);
                }
                Check.allClose(scores, expected, got, 0, "each trial must draw its numbers from a Random of its own, "
                        + "made from its own seed, new Random(config.seed()), and from nothing else");
            }
            Check.isTrue(what + ": the pool's threads end once it returned", watch.poolEnded(caller,
                    SHUTDOWN_WAIT_MS), NO_SHUTDOWN);
        }
        return N + " trials with 1, 2 and 4 threads, the same scores as the loop, in the order of configs, the "
                + "pool shut down";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("one Random shared by all trials", SHARED, (configs, trial, threads) -> {
                    Random shared = new Random(configs.get(0).seed());
                    return inPool(configs, threads, c -> trial.run(c, shared));
                }),
                new Mistake<>("seeds each trial with its index", BY_INDEX, (configs, trial, threads) -> {
                    List<Double> scores = new ArrayList<>();
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    try {
                        List<Future<Double>> futures = new ArrayList<>();
                        for (int i = 0; i < configs.size(); i++) {
                            Config config = configs.get(i);
                            long seed = i;
                            futures.add(pool.submit(() -> trial.run(config, new Random(seed))));
                        }
                        for (Future<Double> f : futures) {
                            scores.add(f.get());
                        }
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        pool.shutdown();
                    }
                    return scores.stream().mapToDouble(Double::doubleValue).toArray();
                }),
                new Mistake<>("scores in the order the trials finish", FINISH_ORDER, (configs, trial, threads) -> {
                    List<Double> finished = Collections.synchronizedList(new ArrayList<>());
                    inPool(configs, threads, c -> {
                        double s = trial.run(c, new Random(c.seed()));
                        finished.add(s);
                        return s;
                    });
                    return finished.stream().mapToDouble(Double::doubleValue).toArray();
                }),
                new Mistake<>("does not wait for the trials", NOT_WAITING, (configs, trial, threads) -> {
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    double[] scores = new double[configs.size()];
                    for (int i = 0; i < configs.size(); i++) {
                        int k = i;
                        Config config = configs.get(i);
                        pool.execute(() -> scores[k] = trial.run(config, new Random(config.seed())));
                    }
                    pool.shutdown();
                    return scores;
                }),
                new Mistake<>("runs the trials one after the other", SEQUENTIAL, (configs, trial, threads) -> {
                    double[] scores = new double[configs.size()];
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] = trial.run(configs.get(i), new Random(configs.get(i).seed()));
                    }
                    return scores;
                }),
                new Mistake<>("runs every trial twice", TWICE, (configs, trial, threads) -> {
                    inPool(configs, threads, c -> trial.run(c, new Random(c.seed())));
                    return inPool(configs, threads, c -> trial.run(c, new Random(c.seed())));
                }),
                new Mistake<>("a pool of 4 threads whatever `threads` says", POOL_SIZE,
                        (configs, trial, threads) -> inPool(configs, 4, c -> trial.run(c, new Random(c.seed())))),
                new Mistake<>("never shuts the pool down", NO_SHUTDOWN, (configs, trial, threads) -> {
                    // Daemon threads, so that this mistake does not keep the tests' JVM alive; the check waits for
                    // the pool's threads to end all the same.
                    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                        Thread t = new Thread(r);
                        t.setDaemon(true);
                        return t;
                    });
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
                        throw new IllegalStateException(e);
                    }
                }));
    }

    /** Runs {@code score} for every config on a pool of {@code threads}, waits, shuts it down; scores in order. */
    private static double[] inPool(List<Config> configs, int threads,
                                   java.util.function.ToDoubleFunction<Config> score) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Double>> futures = new ArrayList<>();
            for (Config config : configs) {
                futures.add(pool.submit(() -> score.applyAsDouble(config)));
            }
            double[] scores = new double[configs.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = futures.get(i).get();
            }
            return scores;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("a trial failed: " + e.getCause(), e);
        } finally {
            pool.shutdown();
        }
    }

    @Override
    public Fn bypass() {
        return (configs, trial, threads) -> Search.parallel().run(SearchSpace.of(new Uniform("learningRate", 1e-3,
                1)), configs, c -> Result.of(c, trial.run(c, new Random(c.seed())))).scores();
    }

    /**
     * Whether every thread of {@code threads} other than {@code caller} ends within {@code waitMs} ms (the held-out
     * check asks the same of the pool's threads).
     */
    public static boolean threadsEnd(java.util.Collection<Thread> threads, Thread caller, long waitMs) {
        long end = System.currentTimeMillis() + waitMs;
        for (Thread t : List.copyOf(threads)) {
            if (t == caller) {
                continue;
            }
            try {
                t.join(Math.max(1, end - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
