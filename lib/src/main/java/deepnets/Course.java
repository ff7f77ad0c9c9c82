package deepnets;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Facts about the course library that the first cell of every notebook prints.
 *
 * <p>Used by every notebook from notebooks/solutions/00-start-here.ipynb on.
 */
public final class Course {

    private Course() {
    }

    /** One line saying which library this kernel loaded and from where, e.g. to spot a stale build. */
    public static String about() {
        return "deepnets course library " + version() + " from " + location() + " on Java "
                + Runtime.version().feature() + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    /** The library's version from its jar manifest, or "dev" when it runs from class files. */
    public static String version() {
        String v = Course.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String location() {
        try {
            return Path.of(Course.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return "an unknown location";
        }
    }
}
