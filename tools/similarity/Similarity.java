import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.java.JavaLanguage;
import de.jplag.options.JPlagOptions;
import de.jplag.reporting.reportobject.ReportObjectFactory;

import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs JPlag (its Java API: the CLI is not on Maven Central) for make similarity; started by
 * tools/classroom/similarity.py, which prepares the folders, on a JDK 21+ as a single-file program:
 *
 *   java -cp 'build/similarity/lib/*' tools/similarity/Similarity.java ROOT BASE REPORT.jplag PAIRS.csv TOP MIN_TOKENS
 *
 * ROOT holds one folder per submission, BASE the base code (the stubs). Writes JPlag's report (open it in JPlag's
 * report viewer) and the TOP most similar pairs as CSV: rank, first, second, similarity (average, percent),
 * max_similarity (percent), matched_tokens. Ranked by the maximum similarity (the matched share of the smaller of
 * the two): a student's few methods copied from the large library submission rank high by it, not by the average.
 */
public class Similarity {
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: Similarity ROOT BASE REPORT.jplag PAIRS.csv TOP MIN_TOKENS");
            System.exit(2);
        }
        File root = new File(args[0]), base = new File(args[1]), report = new File(args[2]), pairs = new File(args[3]);
        int top = Integer.parseInt(args[4]);
        int minTokens = Integer.parseInt(args[5]);
        JPlagOptions options = new JPlagOptions(new JavaLanguage(), Set.of(root), Set.of())
                .withBaseCodeSubmissionDirectory(base)
                .withMinimumTokenMatch(minTokens);
        JPlagResult result = JPlag.run(options);
        new ReportObjectFactory(report).createAndSaveReport(result);
        List<JPlagComparison> all = new ArrayList<>(result.getAllComparisons());
        all.sort(Comparator.comparingDouble(JPlagComparison::maximalSimilarity).reversed()
                .thenComparing(c -> c.firstSubmission().getName() + "\u0000" + c.secondSubmission().getName()));
        try (PrintWriter out = new PrintWriter(pairs, StandardCharsets.UTF_8)) {
            out.print("rank,first,second,similarity,max_similarity,matched_tokens\r\n");
            for (int i = 0; i < Math.min(top, all.size()); i++) {
                JPlagComparison c = all.get(i);
                String a = c.firstSubmission().getName(), b = c.secondSubmission().getName();
                if (a.compareTo(b) > 0) {
                    String t = a; a = b; b = t;
                }
                out.printf(Locale.ROOT, "%d,%s,%s,%.1f,%.1f,%d\r\n", i + 1, csv(a), csv(b), 100 * c.similarity(),
                        100 * c.maximalSimilarity(), c.getNumberOfMatchedTokens());
            }
        }
        System.out.printf(Locale.ROOT, "similarity: %d submissions compared, %d pairs%n",
                result.getNumberOfSubmissions(), all.size());
    }

    static String csv(String s) {
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
