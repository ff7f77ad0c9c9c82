package deepnets.exercises;

import deepnets.core.Solves;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The exercises as the tools read them: {@code java -cp <library> deepnets.exercises.Catalog} prints one JSON
 * object per exercise (notebook, name, points, its known mistakes' names, whether the library can bypass it, and
 * the library methods annotated {@code @Solves} with it). The grader takes the points from here; the release's
 * solution scan takes the solving methods.
 */
public final class Catalog {

    private Catalog() {
    }

    /** The library methods that solve each exercise, "Class.method", sorted; read from the compiled classes. */
    public static Map<Class<?>, List<String>> solvingMethods() {
        Map<Class<?>, java.util.SortedSet<String>> found = new LinkedHashMap<>();
        for (Task<?> task : Exercises.all()) {
            found.put(task.getClass(), new java.util.TreeSet<>());
        }
        for (Class<?> cls : libraryClasses()) {
            List<Executable> members = new ArrayList<>(Arrays.asList(cls.getDeclaredMethods()));
            members.addAll(Arrays.asList(cls.getDeclaredConstructors()));
            for (Executable member : members) {
                Solves solves = member.getAnnotation(Solves.class);
                if (solves == null) {
                    continue;
                }
                String name = cls.getName().substring(cls.getName().lastIndexOf('.') + 1).replace('$', '.') + "."
                        + (member instanceof java.lang.reflect.Constructor ? "<init>" : member.getName());
                for (Class<?> task : solves.value()) {
                    java.util.SortedSet<String> names = found.get(task);
                    if (names == null) {
                        throw new IllegalStateException("@Solves(" + task.getName() + ".class) on " + name + ": "
                                + "that class is not an exercise listed in Exercises.all()");
                    }
                    names.add(name);
                }
            }
        }
        Map<Class<?>, List<String>> out = new LinkedHashMap<>();
        found.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /** Every class of the library (package deepnets and below), loaded without initializing it. */
    public static List<Class<?>> libraryClasses() {
        Path where;
        try {
            where = Path.of(Catalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Catalog: cannot tell where the library's classes are", e);
        }
        List<String> names;
        try {
            if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.walk(where.resolve("deepnets"))) {
                    names = files.filter(p -> p.toString().endsWith(".class"))
                            .map(p -> where.relativize(p).toString()).collect(Collectors.toList());
                }
            } else {
                try (ZipFile jar = new ZipFile(where.toFile())) {
                    names = jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith("deepnets/") && n.endsWith(".class"))
                            .collect(Collectors.toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Catalog: cannot list the library's classes in " + where, e);
        }
        List<Class<?>> classes = new ArrayList<>();
        ClassLoader loader = Catalog.class.getClassLoader();
        for (String file : names) {
            String name = file.substring(0, file.length() - ".class".length()).replace('/', '.').replace('\\', '.');
            if (name.endsWith("package-info") || name.endsWith("module-info") || name.startsWith("deepnets.jupyter.")) {
                continue;   // deepnets.jupyter is the kernel's extension, built against the kernel's own jars
            }
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("Catalog: cannot load " + name + ": " + e, e);
            }
        }
        return classes;
    }

    /** Prints the catalog as a JSON array (see the class comment). */
    public static void main(String[] args) {
        Map<Class<?>, List<String>> solving = solvingMethods();
        StringBuilder out = new StringBuilder("[\n");
        List<Task<?>> all = Exercises.all();
        for (int i = 0; i < all.size(); i++) {
            Task<?> t = all.get(i);
            Map<String, Object> fields = new TreeMap<>();
            out.append("  {\"class\": ").append(quote(t.getClass().getSimpleName()))
                    .append(", \"notebook\": ").append(quote(t.notebook()))
                    .append(", \"name\": ").append(quote(t.name()))
                    .append(", \"points\": ").append(t.points())
                    .append(", \"mistakes\": [")
                    .append(t.mistakes().stream().map(m -> quote(m.name())).collect(Collectors.joining(", ")))
                    .append("], \"bypass\": ").append(t.bypass() != null)
                    .append(", \"solvedBy\": [")
                    .append(solving.get(t.getClass()).stream().map(Catalog::quote).collect(Collectors.joining(", ")))
                    .append("]}").append(i + 1 < all.size() ? ",\n" : "\n");
            fields.clear();
        }
        System.out.print(out.append("]\n"));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
