package deepnets;

import java.util.Map;

/**
 * The notebooks' knobs: whole numbers read from environment variables (COURSE_EPOCHS, COURSE_TRIALS, ...), each
 * with a default and a documented range within which the notebook is known to run and pass its checks. A value
 * outside the range, or not a whole number, stops the notebook at its first cell with a message naming the
 * variable, the value, the range and the fix, instead of failing an assert far below.
 */
public final class Knobs {

    private Knobs() {
    }

    /** {@link #intKnob(Map, String, int, int, int)} on {@link System#getenv()}. */
    public static int intKnob(String name, int defaultValue, int min, int max) {
        return intKnob(System.getenv(), name, defaultValue, min, max);
    }

    /**
     * The value of {@code name} in {@code env} as an int in [min, max], or {@code defaultValue} when it is unset or blank.
     *
     * @throws IllegalArgumentException if the value is not a whole number or lies outside [min, max]
     */
    public static int intKnob(Map<String, String> env, String name, int defaultValue, int min, int max) {
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("Knobs.intKnob: " + name + " has default " + defaultValue + " and range " + min
                    + ".." + max + "; the default must lie in the range and min <= max.");
        }
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + name + " = \"" + text + "\" is not a whole number; set it to a "
                    + "value from " + min + " to " + max + ", or unset it for the default " + defaultValue + ".");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("environment variable " + name + " = " + value + " is outside the range this notebook is "
                    + "tested with, " + min + " to " + max + "; set a value in the range, or unset it for the default " + defaultValue + ".");
        }
        return value;
    }
}
