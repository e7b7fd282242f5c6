package io.dataflow.core.registry;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A registry in a local directory, the zero-configuration default. Objects are written to a temporary file
 * first and then published with a hard link, which the file system creates atomically and refuses when the
 * name exists: a reader never sees half an object and exactly one racing creator wins.
 */
public final class LocalObjectStore implements ObjectStore {

    private static final String TEMP_DIR = ".tmp";

    private final Path root;
    private final AtomicLong bytesSent = new AtomicLong();

    /**
     * Creates nothing: the directory appears with the first write, so that read-only goals (verify, list, history)
     * leave no trace of a registry that was never deployed to.
     */
    public LocalObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
            throw new EnvironmentException("The registry " + this.root + " is not a directory. Check the path in "
                    + "dataflow.registry.");
        }
    }

    public Path rootDirectory() {
        return root;
    }

    @Override
    public String root() {
        return root.toUri().toString();
    }

    @Override
    public String locationOf(String key) {
        return resolve(key).toUri().toString();
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        Path target = resolve(key);
        if (Files.exists(target)) {
            return false;
        }
        Path temp = null;
        try {
            temp = newTempFile();
            Files.write(temp, content);
            return publish(temp, target);
        } catch (IOException e) {
            throw failure("write", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void putFile(String key, Path file) {
        Path target = resolve(key);
        Path temp = null;
        try {
            temp = newTempFile();
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            bytesSent.addAndGet(Files.size(temp));
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failure("store", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void copy(String sourceKey, String targetKey) {
        Path source = resolve(sourceKey);
        Path target = resolve(targetKey);
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            try {
                // Objects are immutable, so sharing one inode is safe and costs no bytes.
                Files.createLink(target, source);
            } catch (UnsupportedOperationException | IOException linkFailed) {
                Path temp = newTempFile();
                try {
                    Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    deleteQuietly(temp);
                }
            }
        } catch (NoSuchFileException e) {
            throw new EnvironmentException("Registry object " + locationOf(sourceKey) + " is missing; cannot copy it.", e);
        } catch (IOException e) {
            throw failure("copy", sourceKey + " -> " + targetKey, e);
        }
    }

    @Override
    public Optional<byte[]> read(String key) {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public void download(String key, Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(resolve(key), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new EnvironmentException("Registry object " + locationOf(key) + " does not exist.", e);
        } catch (IOException e) {
            throw failure("download", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<String> list(String prefix) {
        Path start = resolveDirectoryOf(prefix);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        String startKey = start.equals(root) ? "" : root.relativize(start).toString().replace('\\', '/') + "/";
        List<String> keys = new ArrayList<>();
        try {
            // The walker hands over each file's attributes: no extra stat per file, which matters for lines
            // with thousands of builds.
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                private final StringBuilder folder = new StringBuilder(startKey);

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (dir.equals(start)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    if (folder.length() == 0 && name.equals(TEMP_DIR)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    folder.append(name).append('/');
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        String key = folder + file.getFileName().toString();
                        if (key.startsWith(prefix)) {
                            keys.add(key);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // removed while we walked
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    if (!dir.equals(start)) {
                        int end = folder.length() - 1;
                        folder.setLength(folder.lastIndexOf("/", end - 1) + 1);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new EnvironmentException("Cannot list registry folder " + start + ": " + e, e);
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void close() {
        // Nothing to release: every operation opens and closes its own files.
    }

    private boolean publish(Path temp, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private Path newTempFile() throws IOException {
        Path tempDir = root.resolve(TEMP_DIR);
        Files.createDirectories(tempDir);
        return Files.createTempFile(tempDir, "put-", ".tmp");
    }

    private Path resolve(String key) {
        Path resolved = root.resolve(key).normalize();
        if (key.isEmpty() || key.startsWith("/") || !resolved.startsWith(root) || resolved.equals(root)) {
            throw new InvalidInputException("Registry key '" + key + "' is not a relative path inside the registry.");
        }
        return resolved;
    }

    private Path resolveDirectoryOf(String prefix) {
        int slash = prefix.lastIndexOf('/');
        return slash < 0 ? root : resolve(prefix.substring(0, slash));
    }

    private EnvironmentException failure(String action, String key, IOException e) {
        return new EnvironmentException("Cannot " + action + " registry object " + key + " under " + root + ": " + e, e);
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless: it is never listed.
            }
        }
    }
}
