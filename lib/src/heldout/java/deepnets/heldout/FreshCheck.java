package deepnets.heldout;

import deepnets.NotImplementedYet;
import deepnets.check.CheckFailure;
import deepnets.exercises.Exercises;
import deepnets.exercises.Task;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The grader's check run for one exercise, in a JVM of its own (tools/grading/fresh.py): runs the exercise's
 * visible check and then its held-out check on the student's exercise cell, compiled as a class, and prints the
 * result on a line tagged with a secret that the grader writes to stdin before any of the student's code loads.
 * Nothing the student's code prints can pass for that line, and a run that ends without it (an exit, a crash, a
 * hang) fails the exercise.
 *
 * <p>{@code java deepnets.heldout.FreshCheck "<exercise name>" <entry class>}: the entry class (written by the
 * grader) has {@code public static Object yours()}, the check cell's lambda around the student's method.
 *
 * <p>Output: {@code <secret> started}, then {@code <secret> result <status> <kind> <held-out> <message in
 * Base64>}, status {@code passed}, {@code failed} or {@code not-implemented}; kind as the grader's Kind; held-out
 * {@code passed}, {@code failed} or {@code -} when it did not run. Not part of the student's release.
 */
public final class FreshCheck {

    private FreshCheck() {
    }

    public static void main(String[] args) {
        // The channel and the secret are taken before any of the student's code is loaded; both stay local to
        // this frame, out of reach of reflection.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String secret = readLine(new FileInputStream(FileDescriptor.in));
        if (args.length != 2 || secret.length() < 16) {
            out.println("\nFreshCheck: usage: java deepnets.heldout.FreshCheck EXERCISE ENTRY_CLASS, with a secret "
                    + "of at least 16 characters on stdin");
            out.flush();
            Runtime.getRuntime().halt(2);
        }
        out.println("\n" + secret + " started");
        String[] result = run(args[0], args[1]);
        out.println("\n" + secret + " result " + result[0] + " " + result[1] + " " + result[2] + " "
                + Base64.getEncoder().encodeToString(result[3].getBytes(StandardCharsets.UTF_8)));
        out.flush();
        Runtime.getRuntime().halt(0);   // threads the student's code left running do not keep the JVM alive
    }

    private static String readLine(InputStream in) {
        StringBuilder line = new StringBuilder();
        try {
            for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 200; c = in.read()) {
                line.append((char) c);
            }
        } catch (IOException e) {
            return "";
        }
        return line.toString().trim();
    }

    /** {status, kind, held-out, message}. */
    private static String[] run(String name, String entry) {
        Task<?> task;
        try {
            task = Exercises.named(name);
        } catch (RuntimeException e) {
            return new String[] {"error", "missing", "-", "FreshCheck: " + e.getMessage()};
        }
        Object yours;
        try {
            yours = Class.forName(entry).getMethod("yours").invoke(null);
        } catch (InvocationTargetException | ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failure(cause, "-", "Your exercise cell failed when its class was loaded: ");
        } catch (ReflectiveOperationException | LinkageError e) {
            return new String[] {"failed", "compile", "-", "Your exercise cell could not be loaded as a class: " + e};
        }
        String[] visible = phase(task, yours, false);
        if (visible != null) {
            return visible;
        }
        String[] heldOut = phase(task, yours, true);
        return heldOut != null ? heldOut : new String[] {"passed", "-", "passed", ""};
    }

    private static String[] phase(Task<?> task, Object yours, boolean heldOut) {
        try {
            checkOn(task, yours, heldOut);
            return null;
        } catch (Throwable e) {
            return failure(e, heldOut ? "failed" : "-", heldOut
                    ? "Your code passes the visible check, but not the held-out check that grading adds: " : "");
        }
    }

    private static <F> void checkOn(Task<F> task, Object yours, boolean heldOut) {
        F code = task.type().cast(yours);
        if (heldOut) {
            HeldOut.of(task).check(code);
        } else {
            task.check(code);
        }
    }

    private static String[] failure(Throwable e, String heldOut, String prefix) {
        while ((e instanceof ExceptionInInitializerError || e instanceof InvocationTargetException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        String kind;
        String status = "failed";
        if (e instanceof NotImplementedYet) {
            kind = "not-implemented";
            status = "not-implemented";
        } else if (e instanceof CheckFailure || e instanceof AssertionError || e instanceof HeldOutFailure) {
            kind = "check";
        } else if (e instanceof OutOfMemoryError) {
            kind = "exception";
            prefix = prefix + "your code ran out of memory: ";
        } else {
            kind = "exception";
        }
        String message = e instanceof CheckFailure || e instanceof HeldOutFailure || e instanceof NotImplementedYet
                ? String.valueOf(e.getMessage()) : e.toString();
        StringBuilder where = new StringBuilder();
        if ("exception".equals(kind)) {
            for (StackTraceElement frame : e.getStackTrace()) {
                if (frame.getClassName().startsWith("submission.")) {
                    where.append("\n    at ").append(frame.getMethodName()).append(" (").append(frame.getFileName())
                            .append(":").append(frame.getLineNumber()).append(")");
                    if (where.length() > 600) {
                        break;
                    }
                }
            }
        }
        return new String[] {status, kind, heldOut, prefix + message + where};
    }
}
