package io.dataflow.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A local registry shared by several users: what one deploys, the others can read. Files get the permissions the
 * process umask allows, like files made by any other tool. The writes run in a JVM started under the umask being
 * tested, because a JVM cannot change its own umask.
 */
class LocalRegistryPermissionsTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "umask {0}")
    @CsvSource({"022, rw-r--r--, rwxr-xr-x", "027, rw-r-----, rwxr-x---"})
    void everyFileAndDirectoryGetsWhatTheUmaskAllows(String umask, String filePermissions, String directoryPermissions)
            throws Exception {
        assumeTrue(Files.getFileStore(temp).supportsFileAttributeView("posix") && Files.isExecutable(Path.of("/bin/sh")),
                "needs a POSIX file system and /bin/sh to start a JVM under a given umask");
        Path registry = temp.resolve("registry-" + umask);

        writeUnderUmask(umask, registry);

        List<Path> files = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(registry)) {
            paths.forEach(path -> (Files.isDirectory(path) ? directories : files).add(path));
        }
        assertThat(files).as("records, uploaded files and copies").hasSizeGreaterThanOrEqualTo(3);
        assertThat(files).allSatisfy(file -> assertThat(permissions(file)).as(file.toString())
                .isEqualTo(filePermissions));
        assertThat(directories).allSatisfy(directory -> assertThat(permissions(directory)).as(directory.toString())
                .isEqualTo(directoryPermissions));
    }

    private void writeUnderUmask(String umask, Path registry) throws Exception {
        Path log = temp.resolve("writer-" + umask + ".log");
        Process process = new ProcessBuilder("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), registry.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("writer finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one of each kind of object into the registry named by its argument. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path registry = Path.of(args[0]);
            try (LocalObjectStore store = new LocalObjectStore(registry)) {
                store.createIfAbsent("jars/app/user/repo/main/.claims/1",
                        "{\"build\":1}".getBytes(StandardCharsets.UTF_8));
                Path jar = Files.createTempFile("app", ".jar"); // 0600 on purpose: the registry copy must not be
                Files.writeString(jar, "jar bytes");
                store.putFile("jars/app/user/repo/main/0123abcd/1.jar", jar, FileDigest.of(jar));
                store.copy("jars/app/user/repo/main/0123abcd/1.jar", "workflows/daily/versions/1/assets/app.jar",
                        FileDigest.of(jar));
                Files.delete(jar);
            }
        }
    }
}
