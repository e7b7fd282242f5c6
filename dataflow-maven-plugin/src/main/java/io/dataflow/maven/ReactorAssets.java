package io.dataflow.maven;

import io.dataflow.core.identity.GitState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.SessionData;

/**
 * The assets the modules of one reactor build want deployed, collected so that the last module deploys
 * them all (like maven-deploy-plugin's deployAtEnd): a failing module stops the build before anything
 * reaches the registry. Lives in the session's data, never in a static, so parallel builds and
 * embedded Maven runs do not share it.
 */
final class ReactorAssets {

    /** One module's JAR, validated and built, waiting to be deployed. */
    record JarAsset(String projectId, String namespace, Path pomFile, Path jar, String coordinates, GitState git) {}

    /** The class itself: one key per plugin class loader, so two plugin versions in one build never clash. */
    private static final Object KEY = ReactorAssets.class;

    private final Map<String, Optional<JarAsset>> marked = new LinkedHashMap<>();
    private boolean taken;

    static ReactorAssets of(MavenSession session) {
        SessionData data = session.getRepositorySession().getData();
        ReactorAssets fresh = new ReactorAssets();
        // Compare-and-set: exactly one instance per session even when modules run in parallel.
        while (true) {
            Object existing = data.get(KEY);
            if (existing instanceof ReactorAssets assets) {
                return assets;
            }
            if (data.set(KEY, null, fresh)) {
                return fresh;
            }
        }
    }

    /**
     * Records what module {@code projectId} contributes (possibly nothing) and, when every expected module
     * has reported, hands the collected assets to exactly one caller.
     *
     * @return the assets to deploy now, in reactor order, or empty when other modules are still to come
     */
    synchronized Optional<List<JarAsset>> markAndTakeWhenComplete(
            String projectId, Optional<JarAsset> asset, Set<String> expectedProjectIds) {
        marked.put(projectId, asset);
        if (taken || !marked.keySet().containsAll(expectedProjectIds)) {
            return Optional.empty();
        }
        taken = true;
        List<JarAsset> assets = new ArrayList<>();
        marked.values().forEach(a -> a.ifPresent(assets::add));
        return Optional.of(assets);
    }
}
