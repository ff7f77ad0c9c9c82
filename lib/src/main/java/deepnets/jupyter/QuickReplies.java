package deepnets.jupyter;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.LongSupplier;

/**
 * Makes the JJava kernel answer a queued cell at once instead of after up to 50 ms.
 *
 * <p>JJava (1.0) reads its shell and control sockets in a loop ({@code org.dflib.jjava.jupyter.channels.Loop}) that
 * polls without waiting, handles a message if there is one, and then sleeps 50 ms, whether or not a message was
 * handled and whether or not the next one is already waiting. "Run All" on a notebook of 40 cells therefore waits
 * about 2 s for nothing. {@link #install()} replaces the body of each such loop with one that first waits on the
 * loop's own ZeroMQ poller for up to those 50 ms, returning as soon as a message arrives, then runs JJava's body
 * and asks for no sleep after it. An idle kernel still sleeps in the poller (no busy waiting); a busy one goes
 * from one message to the next.
 *
 * <p>This reaches into JJava's internals by reflection, so it checks every step: a loop that does not look exactly
 * as described (another JJava version) is left alone, and the kernel is only slower, without a word.
 *
 * <p>Installed by {@link CourseExtension} when the kernel loads the course library (every notebook's first cell).
 */
final class QuickReplies {

    private static final String LOOP = "org.dflib.jjava.jupyter.channels.Loop";
    private static final String SHELL = "org.dflib.jjava.jupyter.channels.ShellChannel";
    private static final String POLLER = "org.dflib.jjava.shaded.org.zeromq.ZMQ$Poller";

    private QuickReplies() {
    }

    /**
     * Patches the shell and control loops, now if they are running, else from a daemon thread that looks for them
     * every 20 ms for up to 10 s (JJava installs extensions before it binds its sockets). Never throws.
     */
    static void install() {
        if (patchAll() >= 2) {
            return;
        }
        Thread finder = new Thread(() -> {
            for (int tries = 0; tries < 500 && patchAll() < 2; tries++) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "deepnets-quick-replies");
        finder.setDaemon(true);
        finder.start();
    }

    /** Patches every shell and control loop of this JVM not patched yet; returns how many are patched now. */
    static int patchAll() {
        int patched = 0;
        try {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getClass().getName().equals(LOOP) && patch(thread)) {
                    patched++;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // Left as JJava made it: the kernel is only slower.
        }
        return patched;
    }

    private static boolean patch(Thread loop) {
        try {
            Field bodyField = loop.getClass().getDeclaredField("loopBody");
            bodyField.setAccessible(true);
            Object body = bodyField.get(loop);
            if (body instanceof Patched) {
                return true;
            }
            if (!(body instanceof LongSupplier original)) {
                return false;
            }
            // JJava's body: a lambda holding the shell channel's Runnable and the sleep (50 ms); the Runnable, a
            // lambda holding the channel, its poller and its name.
            Object target = captured(body, Runnable.class);
            Long sleep = (Long) captured(body, long.class);
            if (target == null || sleep == null || sleep <= 0) {
                return false;
            }
            Object channel = capturedOfType(target, SHELL);
            Object poller = capturedOfType(target, POLLER);
            if (channel == null || poller == null) {
                return false;
            }
            Method poll = poller.getClass().getMethod("poll", long.class);
            bodyField.set(loop, new Patched(original, poller, poll, sleep));
            // A volatile write the loop reads on every turn, so that it sees the new body.
            Field running = loop.getClass().getDeclaredField("running");
            running.setAccessible(true);
            running.setBoolean(loop, running.getBoolean(loop));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The value of the first field of {@code lambda} declared with type {@code type}, or null. */
    private static Object captured(Object lambda, Class<?> type) throws IllegalAccessException {
        for (Field f : lambda.getClass().getDeclaredFields()) {
            if (f.getType() == type) {
                f.setAccessible(true);
                return f.get(lambda);
            }
        }
        return null;
    }

    /** The value of the first field of {@code lambda} whose type is named {@code className}, or null. */
    private static Object capturedOfType(Object lambda, String className) throws IllegalAccessException {
        for (Field f : lambda.getClass().getDeclaredFields()) {
            if (f.getType().getName().equals(className)) {
                f.setAccessible(true);
                return f.get(lambda);
            }
        }
        return null;
    }

    /** Waits for a message (at most the old sleep), handles it with JJava's body, and asks for no sleep. */
    private static final class Patched implements LongSupplier {
        private final LongSupplier original;
        private final Object poller;
        private final Method poll;
        private final long wait;

        Patched(LongSupplier original, Object poller, Method poll, long wait) {
            this.original = original;
            this.poller = poller;
            this.poll = poll;
            this.wait = wait;
        }

        @Override
        public long getAsLong() {
            try {
                poll.invoke(poller, wait);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // The socket is closing (or the poller failed): JJava's own body and pace, as without the patch.
                return original.getAsLong();
            }
            original.getAsLong();
            return 0;
        }
    }
}
