/**
 * The checks that notebook assert cells call. A failed check throws a {@link deepnets.check.CheckFailure}
 * (an {@code AssertionError}) whose message says what was expected, what was got, where, and the
 * likely mistake; a passed check returns quietly. NaN never passes. When no listed mistake matches,
 * {@link deepnets.check.Diagnosis} adds the cause a simple relation reveals (a factor such as N, the
 * opposite sign, a transpose, NaN from an overflow, ...). {@link deepnets.check.Exercise} runs a
 * student's exercise code with the library's own solution of that exercise forbidden.
 */
package deepnets.check;
