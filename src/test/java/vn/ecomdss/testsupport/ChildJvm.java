package vn.ecomdss.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.ecomdss.DssApplication;

/**
 * How the tests start the platform in a child JVM: the test class path, with the compiled classes as jars, and a
 * class-data-sharing archive of a started platform, which cuts a child's start by about a third (21 s against
 * 34 s on a busy two-core machine), and the kill tests start twenty of them.
 *
 * <p>The archive is made once per test JVM, by a first child that starts the platform, lists its (no) executions
 * and stops it as every command does ({@code spring.context.exit=onRefresh} would leave its PostgreSQL running).
 * CDS takes classes only from jars, so the class directories are packed first. Without the archive (it could not be made) children start as before, only slower.
 */
final class ChildJvm {

    private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);
    /** Per test JVM, so that two of them never share an archive whose jars the other rewrites. */
    private static final Path DIR = Path.of("target", "child-jvm", Long.toString(ProcessHandle.current().pid()))
            .toAbsolutePath();

    private static List<String> options;

    private ChildJvm() {
    }

    /** The java command's options before the main class: class path and, when it could be made, the archive. */
    static synchronized List<String> options() {
        if (options == null) {
            options = prepare();
        }
        return options;
    }

    private static List<String> prepare() {
        String classPath = jarredClassPath();
        Path archive = DIR.resolve("platform.jsa");
        List<String> training = new ArrayList<>(List.of(java(), "-Xmx768m", "-XX:ArchiveClassesAtExit=" + archive,
                "-cp", classPath, DssApplication.class.getName(), "executions",
                "--dss.data-dir=" + DIR.resolve("training"), "--dss.db.embedded-binaries-dir=" + PostgresBinaries.DIR));
        Path trainingLog = DIR.resolve("training.log");
        try {
            Process process = new ProcessBuilder(training).redirectErrorStream(true).redirectOutput(trainingLog.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(DIR.resolve("training"));
        if (!Files.exists(archive)) {
            log.warn("no class-data-sharing archive for the child JVMs (see {}): they start without one", trainingLog);
            return List.of("-cp", classPath);
        }
        // -Xshare:auto (the default) starts without the archive should it not fit, instead of failing.
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", classPath);
    }

    /** The test class path with each class directory (target/classes, target/test-classes) as a jar under DIR. */
    private static String jarredClassPath() {
        List<String> entries = new ArrayList<>();
        int directories = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = DIR.resolve("classes-" + directories++ + ".jar");
                pack(path, jar);
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void pack(Path directory, Path jar) {
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                 Stream<Path> files = Files.walk(directory)) {
                for (Path path : (Iterable<Path>) files.sorted()::iterator) {
                    String name = directory.relativize(path).toString().replace(File.separatorChar, '/');
                    if (name.isEmpty()) {
                        continue;
                    }
                    if (Files.isDirectory(path)) {
                        out.putNextEntry(new JarEntry(name + "/"));
                    } else {
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(path, out);
                    }
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + directory + " into " + jar, e);
        }
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("could not remove {}: {}", root, e.toString());
        }
    }
}
