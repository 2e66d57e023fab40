import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Merges a classpath into one runnable jar (used by scripts/package; run with `java FatJar.java`).
 * Usage: java FatJar.java OUTPUT.jar MAIN_CLASS CLASSPATH
 *
 * The first jar on the classpath wins for an ordinary file. Service registrations
 * (META-INF/services/*) and AWS SDK interceptor lists (*.interceptors) are concatenated instead, so
 * gRPC's name resolvers, load balancers and transports found through ServiceLoader survive.
 * Signatures (META-INF/*.SF, .RSA, .DSA, .EC) and module descriptors are dropped: the result is a
 * plain classpath jar whose main class may sit in the unnamed package.
 */
public class FatJar {
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java FatJar.java OUTPUT.jar MAIN_CLASS CLASSPATH");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        Set<String> written = new LinkedHashSet<>();
        int duplicates = 0;
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, args[1]);
        manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
        Files.createDirectories(output.toAbsolutePath().getParent());
        Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), manifest)) {
            written.add("META-INF/MANIFEST.MF");
            for (String entry : args[2].split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                try (JarFile jar = new JarFile(entry)) {
                    for (JarEntry e : java.util.Collections.list(jar.entries())) {
                        String name = e.getName();
                        if (e.isDirectory() || dropped(name)) {
                            continue;
                        }
                        if (mergeable(name)) {
                            try (InputStream in = jar.getInputStream(e)) {
                                Set<String> lines = merged.computeIfAbsent(name, k -> new LinkedHashSet<>());
                                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                                    String l = line.replaceFirst("#.*", "").strip();
                                    if (!l.isEmpty()) {
                                        lines.add(l);
                                    }
                                }
                            }
                            continue;
                        }
                        if (!written.add(name)) {
                            duplicates++;
                            continue;
                        }
                        out.putNextEntry(new JarEntry(name));
                        try (InputStream in = jar.getInputStream(e)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
            for (Map.Entry<String, Set<String>> m : merged.entrySet()) {
                out.putNextEntry(new JarEntry(m.getKey()));
                out.write((String.join("\n", m.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Set<String>> m : merged.entrySet()) {
            if (!m.getKey().startsWith("META-INF/services/")) {
                continue;
            }
            for (String provider : m.getValue()) {
                if (!written.contains(provider.replace('.', '/') + ".class")) {
                    missing.add(m.getKey() + ": " + provider);
                }
            }
        }
        Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.err.println("FatJar: " + output + ": " + written.size() + " files, " + merged.size()
                + " merged service/interceptor lists, " + duplicates + " duplicates skipped (first wins)");
        for (String m : missing) {
            System.err.println("FatJar: warning: provider class not in the jar: " + m);
        }
    }

    private static boolean dropped(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return name.equals("META-INF/MANIFEST.MF") || name.endsWith("module-info.class")
                || (upper.startsWith("META-INF/") && !upper.substring(9).contains("/")
                        && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")));
    }

    private static boolean mergeable(String name) {
        return (name.startsWith("META-INF/services/") && name.indexOf('/', 18) < 0) || name.endsWith(".interceptors");
    }
}
