package deepnets.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a library method computes the result of the named exercises, so that a check refuses a student's
 * code that calls it. This is the one place where that is said: the bypass guard reads it when a hook fires, the
 * release's solution scan and the tests read it from the classes.
 *
 * <p>The method's first statement is the hook {@link EntryPoints#entered()}; a test checks that every annotated
 * method has it and every hook sits in an annotated method. The values are the exercises' classes in
 * {@code deepnets.exercises}, so a misspelt exercise is a compile error.
 *
 * <pre>{@code
 * @Solves(TestTimeNormalization.class)
 * public static double[][] forwardTest(...) {
 *     EntryPoints.entered();
 *     ...
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Solves {

    /** The exercises whose result this method computes. */
    Class<?>[] value();

    /**
     * True for a helper that the exercises may not call but that does not solve them on its own (column means,
     * the best of a list of results): its source stays readable in the student's release, where the bodies of
     * the other annotated methods ship compiled only.
     */
    boolean helper() default false;
}
