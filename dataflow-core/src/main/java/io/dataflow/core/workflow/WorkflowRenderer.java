package io.dataflow.core.workflow;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.identity.AssetId;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.identity.TrackedFiles;
import io.dataflow.core.identity.TrackedFiles.NotShippable;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetCatalog;
import io.dataflow.core.registry.FileDigest;
import io.dataflow.core.workflow.ParsedWorkflow.TextSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Renders and statically validates workflow files. Rendering is text-level: the user's formatting and
 * comments stay as written, only reference texts (and overridden parameter defaults) change. References
 * are looked for inside YAML scalars only, so a commented-out reference is neither resolved nor replaced.
 * Thread-safe: one renderer can render all workflows of a build in parallel.
 */
public final class WorkflowRenderer {

    static final String ASSET_OPEN = "${";
    static final String FILE_OPEN = "$S3{";
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./@+-]*");

    /** What a {@code $S3{}} file that git does not track (untracked or ignored) does to a render. */
    public enum Untracked {
        /** A problem: deploys, which would ship the file. */
        REFUSE,
        /** A warning: verify, which only previews, so a file not added yet can still be tested. */
        WARN,
        /**
         * Not asked: a working tree released into a throw-away registry by a test harness ships nothing anywhere,
         * and its class path need not hold JGit. {@code .git} paths are still refused.
         */
        ALLOW
    }

    private final ReferenceResolver resolver;
    private final Path repositoryRoot;
    private final Path realRepositoryRoot;
    private final TrackedFiles trackedFiles;
    private final Untracked untracked;

    /** A renderer that refuses {@code $S3{}} files git does not track, as a deploy does. */
    public WorkflowRenderer(ReferenceResolver resolver, Path repositoryRoot) {
        this(resolver, repositoryRoot, Untracked.REFUSE);
    }

    /**
     * @param repositoryRoot the git work tree; {@code $S3{}} files must stay inside it and be tracked by its index.
     *     Outside a repository (verify before {@code git init}) tracking cannot be checked and is not; {@code .git}
     *     paths are refused everywhere
     * @param untracked whether a {@code $S3{}} file git does not track is a problem or a warning
     */
    public WorkflowRenderer(ReferenceResolver resolver, Path repositoryRoot, Untracked untracked) {
        this.resolver = resolver;
        this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        this.untracked = untracked;
        try {
            this.realRepositoryRoot = this.repositoryRoot.toRealPath();
        } catch (IOException e) {
            throw new EnvironmentException("The repository root " + repositoryRoot + " cannot be read: " + e, e);
        }
        this.trackedFiles = TrackedFiles.of(realRepositoryRoot);
    }

    /**
     * A render that reads no registry, for {@code dataflow:list}: the workflow's id and the {@code $S3{}} files it
     * ships ({@link RenderResult#files()}), found by the same rules as a deploy's render (untracked files included).
     * Asset references cannot resolve here, so the result's problems and rendered text mean nothing.
     */
    public static RenderResult renderForListing(Path workflowFile, Path repositoryRoot) {
        AssetCatalog nothingDeployed = new AssetCatalog() {
            @Override
            public Optional<AssetBuild> newest(AssetType type, String namespace, String branch) {
                return Optional.empty();
            }

            @Override
            public Optional<AssetBuild> build(AssetType type, String namespace, String branch, int build) {
                return Optional.empty();
            }

            @Override
            public Optional<AssetBuild> find(AssetId id) {
                return Optional.empty();
            }

            @Override
            public List<AssetBuild> list(AssetType type, String namespace) {
                return List.of();
            }
        };
        ReferenceResolver resolver = new ReferenceResolver(nothingDeployed, List.of(),
                GitState.placeholder(repositoryRoot), key -> key);
        return new WorkflowRenderer(resolver, repositoryRoot, Untracked.WARN).render(workflowFile);
    }

    /** Renders with the parameter defaults as written. */
    public RenderResult render(Path workflowFile) {
        return render(workflowFile, Map.of());
    }

    /**
     * Parses, validates and renders one file. Never throws for problems in the file: they are all in the
     * result ({@link RenderResult#requireValid()} turns them into an exception).
     *
     * @param paramOverrides new defaults for declared parameters, e.g. {@code TARGET_DB -> prod_db}
     */
    public RenderResult render(Path workflowFile, Map<String, String> paramOverrides) {
        Path file = workflowFile.toAbsolutePath().normalize();
        ParsedWorkflow parsed = WorkflowParser.parse(file);
        List<Problem> problems = new ArrayList<>(parsed.problems());
        if (parsed.document() == null) {
            return new RenderResult(file, parsed, null, List.of(), List.of(), problems, paramOverrides.keySet(),
                    List.of());
        }
        if (parsed.workflow() != null) {
            problems.addAll(WorkflowValidator.validate(parsed.workflow()));
        }
        YamlDocument document = parsed.document();
        List<Replacement> replacements = new ArrayList<>();
        Set<String> unused = new LinkedHashSet<>();
        Set<Integer> overriddenStarts = new HashSet<>();
        paramOverrides.forEach((name, value) -> {
            TextSpan span = parsed.paramValueSpans().get(name);
            if (span != null) {
                replacements.add(new Replacement(span.start(), span.end(), span.prefix() + yamlScalar(value)));
                overriddenStarts.add(span.start());
            } else if (parsed.workflow() != null && parsed.workflow().params().containsKey(name)) {
                problems.add(Problem.at(parsed.workflow().params().get(name).position(), "parameter '" + name
                        + "' has a list or mapping default and cannot be overridden with text; make the default a single value."));
            } else {
                unused.add(name);
            }
        });
        Map<AssetId, ResolvedAsset> assets = new LinkedHashMap<>();
        Map<String, BundledFile> files = new LinkedHashMap<>();
        // Each $S3{} reference as written (stripped) to the file it was checked and resolved to.
        Map<String, BundledFile> fileReferences = new HashMap<>();
        List<Problem> warnings = new ArrayList<>();
        // Scalars come in document order, so one forward search finds the '$' of every reference: most scalars
        // hold none and are skipped without searching the rest of the file for one.
        int nextDollar = -1;
        for (ScalarNode scalar : document.scalars()) {
            int start = document.offsetOf(scalar.getStartMark());
            int end = document.offsetOf(scalar.getEndMark());
            if (nextDollar < start) {
                nextDollar = document.text().indexOf('$', start);
                if (nextDollar < 0) {
                    break;
                }
            }
            // An overridden default is replaced as a whole: references in the old value no longer matter.
            if (nextDollar < end && (overriddenStarts.isEmpty() || !overriddenStarts.contains(start))) {
                scan(document, start, end, replacements, assets, files, fileReferences, problems, warnings);
            }
        }
        if (parsed.workflow() != null && problems.isEmpty()) {
            warnings.addAll(WapTableCheck.warnings(parsed.workflow(), fileReferences));
        }
        problems.sort(Problem.IN_FILE_ORDER);
        String rendered = problems.isEmpty() ? apply(document.text(), replacements) : null;
        return new RenderResult(file, parsed, rendered, List.copyOf(assets.values()), List.copyOf(files.values()),
                List.copyOf(problems), Set.copyOf(unused), List.copyOf(warnings));
    }

    private record Replacement(int start, int end, String text) {}

    private void scan(YamlDocument document, int from, int to, List<Replacement> replacements,
            Map<AssetId, ResolvedAsset> assets, Map<String, BundledFile> files, Map<String, BundledFile> fileReferences,
            List<Problem> problems, List<Problem> warnings) {
        String text = document.text();
        int index = text.indexOf('$', from);
        while (index >= 0 && index < to) {
            boolean fileRef = text.startsWith(FILE_OPEN, index);
            boolean assetRef = !fileRef && text.startsWith(ASSET_OPEN, index);
            if (!fileRef && !assetRef) {
                index = text.indexOf('$', index + 1);
                continue;
            }
            int innerStart = index + (fileRef ? FILE_OPEN.length() : ASSET_OPEN.length());
            int close = text.indexOf('}', innerStart);
            if (close < 0 || close >= to) {
                if (fileRef || text.startsWith(AssetId.PREFIX, innerStart)) {
                    problems.add(Problem.at(document.positionOfOffset(index), "unterminated reference '"
                            + text.substring(index, to).strip().replaceAll("[\"']$", "") + "'; close it with '}'."));
                }
                break;
            }
            String inner = text.substring(innerStart, close);
            SourcePosition position = document.positionOfOffset(index);
            if (fileRef) {
                BundledFile bundled = bundledFile(document.file(), inner, position, problems, warnings);
                if (bundled != null) {
                    files.putIfAbsent(bundled.relativePath(), bundled);
                    fileReferences.put(inner.strip(), bundled);
                    replacements.add(new Replacement(index, close + 1, resolver.locationOfKey(bundled.key())));
                }
            } else if (AssetReference.isDataflowReference(inner)) {
                try {
                    ResolvedAsset asset = resolver.resolve(inner);
                    assets.putIfAbsent(asset.id(), asset);
                    replacements.add(new Replacement(index, close + 1, asset.location()));
                } catch (InvalidInputException e) {
                    problems.add(Problem.at(position, e.getMessage()));
                }
            } else if (SecretReference.isSecret(inner)) {
                // Stays as written (only dataflow:run resolves it); a malformed one would never resolve.
                SecretReference.problem(inner).ifPresent(problem -> problems.add(Problem.at(position, problem)));
            }
            index = text.indexOf('$', close + 1);
        }
    }

    /**
     * Checks a {@code $S3{}} path: relative, inside the repository (symlinks included), an existing file, tracked by
     * git (the file read, after following links; never under {@code .git}).
     */
    private BundledFile bundledFile(Path workflowFile, String written, SourcePosition position, List<Problem> problems,
            List<Problem> warnings) {
        String reference = FILE_OPEN + written + "}";
        String path = written.strip();
        if (path.isEmpty()) {
            problems.add(Problem.at(position, "empty file reference " + reference + "; write the path relative to "
                    + "the workflow file, e.g. $S3{./ddl/create_table.sql}."));
            return null;
        }
        Path relative;
        try {
            relative = Path.of(path);
        } catch (InvalidPathException e) {
            problems.add(Problem.at(position, "file reference " + reference + " is not a valid path: " + e.getReason() + "."));
            return null;
        }
        if (relative.isAbsolute() || path.startsWith("/") || path.startsWith("\\") || path.startsWith("~")) {
            problems.add(Problem.at(position, "file reference " + reference + " is absolute; write it relative to the "
                    + "workflow file, e.g. $S3{./ddl/create_table.sql}, so the bundle is the same on every machine."));
            return null;
        }
        Path absolute = workflowFile.getParent().resolve(relative).normalize();
        if (!absolute.startsWith(repositoryRoot)) {
            problems.add(Problem.at(position, "file reference " + reference + " points outside the repository ("
                    + repositoryRoot + "); keep referenced files inside the repository."));
            return null;
        }
        if (!Files.exists(absolute)) {
            problems.add(Problem.at(position, "file reference " + reference + " names a missing file " + absolute
                    + "; create it or fix the path (it is relative to the workflow file)."));
            return null;
        }
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + absolute + ": " + e, e);
        }
        if (!real.startsWith(realRepositoryRoot)) {
            problems.add(Problem.at(position, "file reference " + reference + " is a symbolic link to " + real
                    + ", outside the repository; copy the file into the repository instead."));
            return null;
        }
        if (!Files.isRegularFile(real)) {
            problems.add(Problem.at(position, "file reference " + reference + " is not a regular file; reference a file,"
                    + " not a directory."));
            return null;
        }
        String relativeToRoot = slashes(repositoryRoot.relativize(absolute));
        String realRelative = slashes(realRepositoryRoot.relativize(real));
        Optional<NotShippable> notShippable = TrackedFiles.insideGitDirectory(relativeToRoot)
                || TrackedFiles.insideGitDirectory(realRelative) ? Optional.of(NotShippable.GIT_DIRECTORY)
                : untracked == Untracked.ALLOW ? Optional.empty() : trackedFiles.whyNotShippable(realRelative);
        if (notShippable.isPresent()) {
            String message = "file reference " + reference + " names " + absolute + ", which is "
                    + notShippable.get().why() + ".";
            if (untracked == Untracked.WARN && notShippable.get().fixedByCommitting()) {
                warnings.add(Problem.at(position, message + " dataflow:deploy will refuse it as it is now."));
            } else {
                problems.add(Problem.at(position, message));
                return null;
            }
        }
        FileDigest digest = resolver.digest(real);
        String key = BundledFile.contentKey(digest.sha256(), absolute.getFileName().toString());
        return new BundledFile(relativeToRoot, absolute, key, digest.sha256(), digest.size());
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    private static String apply(String text, List<Replacement> replacements) {
        replacements.sort(Comparator.comparingInt(Replacement::start));
        StringBuilder out = new StringBuilder(text.length() + replacements.size() * 64);
        int at = 0;
        for (Replacement replacement : replacements) {
            out.append(text, at, replacement.start()).append(replacement.text());
            at = replacement.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** An override value as a YAML scalar: plain when unambiguous text, else double-quoted. */
    static String yamlScalar(String value) {
        if (PLAIN_SAFE.matcher(value).matches()) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
