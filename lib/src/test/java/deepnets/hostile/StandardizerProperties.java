package deepnets.hostile;

import static deepnets.Hostile.anyMatrix;
import static deepnets.Hostile.assertFinite;
import static deepnets.Hostile.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import deepnets.Hostile.Outcome;
import deepnets.data.Standardizer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Hostile calls into deepnets.data.Standardizer, checked against means and deviations computed here. */
class StandardizerProperties {

    @Provide
    Arbitrary<double[][]> matrices() {
        return anyMatrix(3);
    }

    @Property(seed = "17")
    void fitMeasuresMeanAndStd(@ForAll("matrices") double[][] x) {
        Outcome<Standardizer> s = call("Standardizer.fit", () -> Standardizer.fit(x));
        if (s.returned()) {
            for (int j = 0; j < x[0].length; j++) {
                double mean = 0;
                for (double[] row : x) {
                    mean += row[j] / x.length;
                }
                assertEquals(mean, s.value().mean()[j], 1e-9 * (1 + Math.abs(mean)));
            }
        }
    }

    @Property(seed = "17")
    void transformOfFiniteInputIsFinite(@ForAll("matrices") double[][] x, @ForAll("matrices") double[][] y) {
        Outcome<Standardizer> s = call("Standardizer.fit", () -> Standardizer.fit(x));
        if (s.returned()) {
            assertFinite("Standardizer.fit", s.value().std());
            Outcome<double[][]> t = call("Standardizer.transform", () -> s.value().transform(y));
            if (t.returned()) {
                for (double[] row : t.value()) {
                    assertFinite("Standardizer.transform", row);
                }
            }
        }
    }
}
