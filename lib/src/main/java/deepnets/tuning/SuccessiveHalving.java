package deepnets.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Successive halving (Jamieson and Talwalkar, 2016), the idea inside Hyperband (Li et al., 2017): a caviar
 * search under a budget. Train every config with a small budget (e.g. 1 epoch), keep the best 1/eta of them,
 * train the survivors with eta times the budget, and repeat until one config is left. Each rung trains its
 * configs from scratch with the rung's budget; a config whose score is NaN (diverged) ranks last, and ties keep
 * the configs' order. Compared with random search at the same total budget, it looks at many more configs,
 * and pays for it by judging them on short runs first. Taught in notebook 03.
 */
public final class SuccessiveHalving {

    /** A trial trained with a budget (for example a number of epochs): its score, higher is better, NaN if it diverged. */
    @FunctionalInterface
    public interface BudgetedObjective {
        double evaluate(Config config, int budget);
    }

    /** One rung: every config in it was trained with {@code budget}; {@code scores[k]} belongs to {@code configs.get(k)}. */
    public record Rung(int budget, List<Config> configs, double[] scores) {
    }

    /**
     * What a run did: its rungs, the winner (the best config of the last rung) with its score there, and the total
     * budget spent, the sum over rungs of (number of configs) x (budget).
     */
    public record Outcome(List<Rung> rungs, Config best, double bestScore, long totalBudget) {
    }

    private SuccessiveHalving() {
    }

    /**
     * Runs successive halving over {@code configs}: rung k trains the survivors with {@code minBudget * eta^k}
     * and keeps the best {@code ceil(n / eta)}; the last rung has one config.
     *
     * @param configs the configs to start from, at least 1 (e.g. {@code space.sample(n, seed)}); not modified
     * @param minBudget the budget of the first rung, &gt;= 1
     * @param eta the factor by which each rung cuts the configs and multiplies the budget, &gt;= 2
     * @param objective trains one config with one budget
     */
    public static Outcome run(List<Config> configs, int minBudget, int eta, BudgetedObjective objective) {
        String op = "SuccessiveHalving.run";
        if (configs == null || configs.isEmpty()) {
            throw new IllegalArgumentException(op + ": no configs; pass at least one, e.g. space.sample(27, seed).");
        }
        if (minBudget < 1) {
            throw new IllegalArgumentException(op + ": minBudget = " + minBudget + "; the first rung needs a budget of at least 1.");
        }
        if (eta < 2) {
            throw new IllegalArgumentException(op + ": eta = " + eta + "; it must be at least 2 (each rung keeps 1/eta of the configs; 3 is usual).");
        }
        if (objective == null) {
            throw new IllegalArgumentException(op + ": objective is null; pass a function (config, budget) -> score.");
        }
        List<Rung> rungs = new ArrayList<>();
        List<Config> alive = List.copyOf(configs);
        long budget = minBudget;
        long total = 0;
        while (true) {
            if (budget > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": the budget of rung " + rungs.size() + " exceeds " + Integer.MAX_VALUE
                        + "; use fewer configs, a smaller eta or a smaller minBudget.");
            }
            int b = (int) budget;
            double[] scores = new double[alive.size()];
            for (int k = 0; k < alive.size(); k++) {
                scores[k] = objective.evaluate(alive.get(k), b);
            }
            total += (long) alive.size() * b;
            rungs.add(new Rung(b, alive, scores.clone()));
            Integer[] order = new Integer[alive.size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            // Best first; NaN last; a stable sort keeps the configs' order among equal scores.
            Arrays.sort(order, Comparator.comparingDouble((Integer k) -> Double.isNaN(scores[k]) ? Double.NEGATIVE_INFINITY : scores[k])
                    .reversed().thenComparing(k -> Double.isNaN(scores[k]) ? 1 : 0));
            if (alive.size() == 1) {
                return new Outcome(List.copyOf(rungs), alive.get(0), scores[0], total);
            }
            int keep = (alive.size() + eta - 1) / eta;
            List<Config> next = new ArrayList<>();
            for (int k = 0; k < keep; k++) {
                next.add(alive.get(order[k]));
            }
            alive = List.copyOf(next);
            budget *= eta;
        }
    }
}
