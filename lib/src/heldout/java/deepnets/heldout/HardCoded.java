package deepnets.heldout;

import deepnets.exercises.Task;
import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A submission that hard-codes the answers of the visible check: it first runs the exercise's visible check on a
 * correct solution and records each call's arguments and answer; afterwards it returns the recorded answer for
 * arguments equal to a recorded call, and the first recorded answer for any other. It passes the visible check by
 * construction, so only a held-out check can tell it from a solution.
 */
final class HardCoded {

    private HardCoded() {
    }

    static <F> F of(Task<F> task, F solution) {
        List<Object[]> calls = new ArrayList<>();
        List<Object> answers = new ArrayList<>();
        boolean[] recording = {true};
        F proxy = task.type().cast(Proxy.newProxyInstance(task.type().getClassLoader(), new Class<?>[] {task.type()},
                (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(calls, args);
                    }
                    Object[] key = deepCopy(args);
                    if (recording[0]) {
                        Object answer;
                        try {
                            answer = method.invoke(solution, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause(); // e.g. the IllegalArgumentException the visible check asks for
                        }
                        calls.add(key);
                        answers.add(deepCopy(new Object[] {answer})[0]);
                        return answer;
                    }
                    for (int i = 0; i < calls.size(); i++) {
                        if (Arrays.deepEquals(calls.get(i), key)) {
                            return deepCopy(new Object[] {answers.get(i)})[0];
                        }
                    }
                    return answers.isEmpty() ? null : deepCopy(new Object[] {answers.get(0)})[0];
                }));
        task.check(proxy);
        recording[0] = false;
        return proxy;
    }

    private static Object[] deepCopy(Object[] args) {
        if (args == null) {
            return new Object[0];
        }
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = copy(args[i]);
        }
        return out;
    }

    private static Object copy(Object o) {
        if (o == null || !o.getClass().isArray()) {
            return o;
        }
        int n = Array.getLength(o);
        Object out = Array.newInstance(o.getClass().getComponentType(), n);
        for (int i = 0; i < n; i++) {
            Array.set(out, i, copy(Array.get(o, i)));
        }
        return out;
    }
}
