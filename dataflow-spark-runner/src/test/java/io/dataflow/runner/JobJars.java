package io.dataflow.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles a one-class Spark job against the test class path and packs it as a job JAR. */
final class JobJars {

    private JobJars() {}

    /** The test class path (Spark, Iceberg, the runner), also for forked JVMs. */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static Path compile(Path dir, String className, String source) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path sourceFile = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(sourceFile, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("-classpath", testClassPath(), "-d", classes.toString(), "--release", "17"), null,
                compiler.getStandardFileManager(null, null, null).getJavaFileObjects(sourceFile.toFile())).call();
        assertThat(compiled).as("job source compiles: %s", diagnostics).isTrue();
        Path jar = dir.resolve(className.replace('.', '-') + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }
}
