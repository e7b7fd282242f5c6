package io.dataflow.core.registry;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A registry in a local directory, the zero-configuration default. Objects are written to a temporary file
 * first, synced to disk, and then published with a hard link (records) or a rename (files), after which the
 * directory is synced too: a reader never sees half an object, exactly one racing creator wins, and a crash
 * cannot leave a published name pointing at unwritten bytes.
 *
 * <p>Files and directories get the permissions the process umask allows (0644 and 0755 under umask 022),
 * never fewer, so that other users can read a shared registry.
 */
public final class LocalObjectStore implements ObjectStore {

    static final String TEMP_DIR = ".tmp";

    private static final int BUFFER_SIZE = 1 << 20;
    private static final boolean WINDOWS = File.separatorChar == '\\';

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
        ObjectStore.requireRecordSize(locationOf(key), content);
        if (Files.exists(target)) {
            return false;
        }
        Path temp = null;
        try {
            temp = newTempFile();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return publish(temp, target);
        } catch (IOException e) {
            throw failure("write", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void putFile(String key, Path file, FileDigest expected) {
        Path target = resolve(key);
        Path temp = null;
        try {
            temp = newTempFile();
            FileDigest stored = copyAndDigest(file, temp);
            if (!stored.equals(expected)) {
                throw new EnvironmentException("File " + file + " changed while it was being stored as "
                        + locationOf(key) + " (now " + stored.describe() + ", expected " + expected.describe()
                        + "). Nothing was published; run the deploy again once the file is final.");
            }
            bytesSent.addAndGet(stored.size());
            createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(target.getParent());
        } catch (IOException e) {
            throw failure("store", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void copy(String sourceKey, String targetKey, FileDigest expected) {
        Path source = resolve(sourceKey);
        Path target = resolve(targetKey);
        if (!Files.isRegularFile(source)) {
            throw new EnvironmentException("Registry object " + locationOf(sourceKey) + " is missing; cannot copy it.");
        }
        Path temp = null;
        try {
            createDirectories(target.getParent());
            Files.deleteIfExists(target);
            FileDigest actual = FileDigest.of(source);
            requireSameContent(sourceKey, actual, expected);
            try {
                // Objects are immutable, so sharing one inode is safe and costs no bytes.
                Files.createLink(target, source);
            } catch (UnsupportedOperationException | IOException linkFailed) {
                temp = newTempFile();
                requireSameContent(sourceKey, copyAndDigest(source, temp), expected);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory(target.getParent());
        } catch (NoSuchFileException e) {
            throw new EnvironmentException("Registry object " + locationOf(sourceKey) + " is missing; cannot copy it.", e);
        } catch (IOException e) {
            throw failure("copy", sourceKey + " -> " + targetKey, e);
        } finally {
            deleteQuietly(temp);
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
    public List<StoredObject> listObjects(String prefix) {
        Path start = resolveDirectoryOf(prefix);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        String startKey = start.equals(root) ? "" : root.relativize(start).toString().replace('\\', '/') + "/";
        List<StoredObject> objects = new ArrayList<>();
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
                            objects.add(new StoredObject(key, attributes.size(),
                                    attributes.lastModifiedTime().toInstant()));
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
        objects.sort(Comparator.comparing(StoredObject::key));
        return objects;
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public List<Leftover> leftovers() {
        Path tempDir = root.resolve(TEMP_DIR);
        if (!Files.isDirectory(tempDir)) {
            return List.of();
        }
        List<Leftover> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tempDir)) {
            for (Path file : files) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    found.add(new Leftover(Leftover.Kind.TEMPORARY_FILE, TEMP_DIR + "/" + file.getFileName(), null,
                            attributes.lastModifiedTime().toInstant()));
                } catch (NoSuchFileException gone) {
                    // finished or cleaned up while we looked
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException("Cannot list temporary files in " + tempDir + ": " + e, e);
        }
        found.sort(Comparator.comparing(Leftover::key));
        return found;
    }

    @Override
    public void remove(Leftover leftover) {
        String name = leftover.key().substring(leftover.key().indexOf('/') + 1);
        if (leftover.kind() != Leftover.Kind.TEMPORARY_FILE || !leftover.key().equals(TEMP_DIR + "/" + name)
                || name.isEmpty() || name.contains("/") || name.equals("..")) {
            throw new IllegalArgumentException("Not a temporary file of this registry: " + leftover);
        }
        try {
            Files.deleteIfExists(root.resolve(TEMP_DIR).resolve(name));
        } catch (IOException e) {
            throw failure("delete", leftover.key(), e);
        }
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
        Path parent = target.getParent();
        createDirectories(parent);
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            // Network file systems may answer "exists" to a retried link that did succeed: the inode tells.
            if (!sameFile(target, temp)) {
                return false;
            }
        } catch (IOException e) {
            if (!sameFile(target, temp)) {
                throw e;
            }
        }
        syncDirectory(parent);
        return true;
    }

    /**
     * A new, empty temporary file. Created by name rather than with {@code Files.createTempFile}, which makes
     * files only their owner can read: the published object keeps these permissions.
     */
    private Path newTempFile() throws IOException {
        Path tempDir = root.resolve(TEMP_DIR);
        createDirectories(tempDir);
        Path temp = tempDir.resolve(UUID.randomUUID() + ".tmp");
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
    }

    /** Copies {@code source} into {@code target}, syncs it, and returns the digest of the bytes written. */
    private static FileDigest copyAndDigest(Path source, Path target) throws IOException {
        MessageDigest digest = FileDigest.sha256Digest();
        long size = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
            while (in.read(buffer) >= 0) {
                buffer.flip();
                size += buffer.remaining();
                digest.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                buffer.clear();
            }
            out.force(true);
        }
        return new FileDigest(HexFormat.of().formatHex(digest.digest()), size);
    }

    private void requireSameContent(String sourceKey, FileDigest actual, FileDigest expected) {
        if (!actual.equals(expected)) {
            throw new EnvironmentException("Registry object " + locationOf(sourceKey) + " does not hold the bytes "
                    + "the registry's records name (" + actual.describe() + ", expected " + expected.describe()
                    + "): it was changed outside Dataflow. Nothing was copied; run mvn dataflow:check-registry to "
                    + "find every damaged object.");
        }
    }

    /** Like {@link Files#createDirectories}, but each new directory's entry is synced to disk. */
    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir);
            if (parent != null) {
                syncDirectory(parent);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** Makes the directory's entries (a new name) durable; without it a crash can lose a published name. */
    private static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return; // directories cannot be opened for syncing there; NTFS journals metadata itself
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
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
                // A leftover temporary file is harmless: it is never listed, and check-registry reports it.
            }
        }
    }
}
