package io.dataflow.core.project;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitStateReader;
import io.dataflow.core.identity.Namespaces;
import io.dataflow.core.python.PythonPackage;
import io.dataflow.core.python.PythonPackageDiscovery;
import io.dataflow.core.sql.SqlAsset;
import io.dataflow.core.sql.SqlAssets;
import io.dataflow.core.workflow.WorkflowDiscovery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The components of a reactor, found once by the discovery rules of the other packages: every module owns the
 * files under its directory except its build directory and the directories of other modules nested in it.
 */
final class ProjectScan {

    /** A component with the module that owns it (and, for a Python asset, its package). */
    record Owned(ModuleSources module, Component component, PythonPackage pythonPackage) {}

    private final Path workTree;
    private final List<Owned> python = new ArrayList<>();
    private final List<Owned> sql = new ArrayList<>();
    private final List<Owned> jars = new ArrayList<>();
    private final List<Owned> workflows = new ArrayList<>();
    private final ProjectComponents components;

    ProjectScan(List<ModuleSources> modules) {
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("A project has at least one module");
        }
        Path rootModule = modules.get(0).directory();
        // Outside git the root module stands in for the work tree: listing and verifying work on a freshly
        // generated project, and deploy still requires git (GitStateReader says how to set it up).
        this.workTree = GitStateReader.workTree(rootModule).orElse(rootModule.toAbsolutePath().normalize());
        for (ModuleSources module : modules) {
            List<Path> foreign = foreignDirectories(module, modules);
            for (PythonPackage pythonPackage : PythonPackageDiscovery.discover(module.directory(), foreign,
                    module.pythonNamespaces())) {
                python.add(new Owned(module, new Component(module.name(), AssetType.WHL, pythonPackage.namespace(),
                        pythonPackage.directory(), display(pythonPackage.directory()) + "/"), pythonPackage));
            }
            for (SqlAsset asset : SqlAssets.resolve(module.directory(), module.sqlAssets())) {
                sql.add(owned(module, AssetType.SQL, asset.namespace(), asset.file(), display(asset.file())));
            }
            if (module.jar() != null) {
                Namespaces.validate(module.jar().namespace(), "the <namespace> of " + module.pomFile());
                jars.add(owned(module, AssetType.JAR, module.jar().namespace(), module.jar().file(),
                        display(module.pomFile())));
            }
            for (Path file : WorkflowDiscovery.find(module.directory(), foreign)) {
                workflows.add(owned(module, null, null, file, display(file)));
            }
        }
        this.components = new ProjectComponents(components(python), components(sql), components(jars),
                components(workflows));
        requireUniqueNamespaces(components.assets());
    }

    Path workTree() {
        return workTree;
    }

    ProjectComponents components() {
        return components;
    }

    List<Owned> python() {
        return python;
    }

    List<Owned> sql() {
        return sql;
    }

    List<Owned> jars() {
        return jars;
    }

    List<Owned> workflows() {
        return workflows;
    }

    /** {@code ./path/relative/to/the/work/tree}, with forward slashes. */
    String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        String relative = absolute.startsWith(workTree)
                ? workTree.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
        return relative.isEmpty() ? "." : absolute.startsWith(workTree) ? "./" + relative : relative;
    }

    private static Owned owned(ModuleSources module, AssetType type, String namespace, Path source, String display) {
        return new Owned(module, new Component(module.name(), type, namespace, source, display), null);
    }

    /** The sub-modules' directories, any other module nested in this one, and the build directory. */
    private static List<Path> foreignDirectories(ModuleSources module, List<ModuleSources> modules) {
        Set<Path> foreign = new HashSet<>(module.subModuleDirectories());
        for (ModuleSources other : modules) {
            if (!other.directory().equals(module.directory()) && other.directory().startsWith(module.directory())) {
                foreign.add(other.directory());
            }
        }
        foreign.add(module.buildDirectory());
        return List.copyOf(foreign);
    }

    private static List<Component> components(List<Owned> owned) {
        return owned.stream().map(Owned::component).toList();
    }

    /**
     * Namespaces name one asset line across the whole registry, so two assets of one reactor may never share
     * one, whatever their types: a reference could not tell which is meant.
     */
    private static void requireUniqueNamespaces(List<Component> assets) {
        Map<String, Component> byNamespace = new LinkedHashMap<>();
        for (Component asset : assets) {
            Component clash = byNamespace.putIfAbsent(asset.namespace(), asset);
            if (clash != null) {
                throw new InvalidInputException("Namespace '" + asset.namespace() + "' is used by " + describe(clash)
                        + " and by " + describe(asset) + "; a namespace names one asset line across the whole "
                        + "registry. Configure a distinct namespace for one of them.");
            }
        }
    }

    private static String describe(Component asset) {
        return "the " + asset.type() + " asset " + asset.displayPath() + " (module " + asset.module() + ")";
    }
}
