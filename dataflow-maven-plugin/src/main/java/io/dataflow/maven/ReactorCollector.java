package io.dataflow.maven;

import io.dataflow.core.project.ModuleSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.SessionData;

/**
 * The modules that ran one goal of one reactor build, each as Maven injected its configuration, collected so that
 * one execution acts for all: the last module of {@code test}/{@code deploy} (like maven-deploy-plugin's
 * deployAtEnd: a module that fails stops the build before anything reaches the registry, and workflows of one
 * module may reference JARs built in another), or {@code list} after the {@code list-module} goal it forks. Lives in the session's data, never in a
 * static, so parallel builds and embedded Maven runs do not share it.
 */
final class ReactorCollector {

    /**
     * One collector per goal. The key's class is loaded by the plugin's class loader, so two plugin versions in
     * one build never share a collector.
     */
    private record Key(String goal) {}

    private final Map<String, Optional<ModuleSources>> reported = new LinkedHashMap<>();
    private boolean taken;

    static ReactorCollector of(MavenSession session, String goal) {
        SessionData data = session.getRepositorySession().getData();
        Key key = new Key(goal);
        ReactorCollector fresh = new ReactorCollector();
        // Compare-and-set: exactly one instance per session and goal even when modules run in parallel.
        while (true) {
            Object existing = data.get(key);
            if (existing instanceof ReactorCollector collector) {
                return collector;
            }
            if (data.set(key, null, fresh)) {
                return fresh;
            }
        }
    }

    /** Records what module {@code projectId} contributes (nothing when skipped), for {@link #takeAll}. */
    synchronized void report(String projectId, Optional<ModuleSources> module) {
        reported.put(projectId, module);
    }

    /**
     * Every module reported so far, in reactor order, and forgets them: a second goal of the same build collects anew.
     *
     * @param reactorOrder the ids of the reactor's projects in reactor order
     */
    synchronized List<ModuleSources> takeAll(List<String> reactorOrder) {
        List<ModuleSources> modules = inOrder(reactorOrder);
        reported.clear();
        return modules;
    }

    /**
     * Records what module {@code projectId} contributes (nothing when skipped) and, once every expected module
     * has reported, hands the modules to exactly one caller.
     *
     * @param reactorOrder the ids of the reactor's projects in reactor order, which the result follows
     * @return every contributed module in reactor order, or empty while other modules are still to come
     */
    synchronized Optional<List<ModuleSources>> reportAndTakeWhenComplete(String projectId,
            Optional<ModuleSources> module, Set<String> expectedProjectIds, List<String> reactorOrder) {
        reported.put(projectId, module);
        if (taken || !reported.keySet().containsAll(expectedProjectIds)) {
            return Optional.empty();
        }
        taken = true;
        return Optional.of(inOrder(reactorOrder));
    }

    private List<ModuleSources> inOrder(List<String> reactorOrder) {
        List<ModuleSources> modules = new ArrayList<>();
        for (String id : reactorOrder) {
            reported.getOrDefault(id, Optional.empty()).ifPresent(modules::add);
        }
        return modules;
    }
}
