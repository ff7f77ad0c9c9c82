/**
 * The checks that notebook assert cells call. A failed check throws a {@link deepnets.check.CheckFailure}
 * (an {@code AssertionError}) whose message says what was expected, what was got, where, and the
 * likely mistake; a passed check returns quietly. NaN never passes.
 */
package deepnets.check;
