package deepnets.tuning;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.CoarseToFineLoop;

/**
 * The two rounds of a coarse-to-fine search: a wide random search, then a second one inside the space
 * zoomed around the coarse round's best trials.
 *
 * @param coarse    results of the first round, over the original space
 * @param fineSpace the space zoomed around the coarse round's top trials
 * @param fine      results of the second round, over {@code fineSpace}
 *
 * <p>Taught in notebooks/solutions/01-tuning-process.ipynb.
 */
public record CoarseToFine(Results coarse, SearchSpace fineSpace, Results fine) {

    /** Refuses null rounds. */
    public CoarseToFine {
        if (coarse == null || fineSpace == null || fine == null) {
            throw new IllegalArgumentException("CoarseToFine: coarse, fineSpace and fine must all be given (coarse = " + coarse
                    + ", fineSpace = " + fineSpace + ", fine = " + fine + ").");
        }
    }

    /** The better of the two rounds' best results (the coarse one on a tie). */
    @Solves(value = CoarseToFineLoop.class, helper = true)
    public Result best() {
        EntryPoints.entered();
        Result c = coarse.best();
        Result f = fine.best();
        boolean fineWins = !Double.isNaN(f.score()) && (Double.isNaN(c.score()) || f.score() > c.score());
        return fineWins ? f : c;
    }
}
