package io.dataflow.core.project;

import io.dataflow.core.DataflowException;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.GitOptions;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.identity.GitStateReader;
import io.dataflow.core.picture.DagPictures;
import io.dataflow.core.project.ProjectScan.Owned;
import io.dataflow.core.python.BuiltWheel;
import io.dataflow.core.python.PythonAssets;
import io.dataflow.core.python.PythonPackage;
import io.dataflow.core.python.PythonSettings;
import io.dataflow.core.python.PythonTestResult;
import io.dataflow.core.registry.AssetDeployRequest;
import io.dataflow.core.registry.AssetBuild;
import io.dataflow.core.registry.AssetPlan;
import io.dataflow.core.release.Refusals;
import io.dataflow.core.release.WorkflowPlan;
import io.dataflow.core.workflow.RenderResult;
import io.dataflow.core.workflow.ResolvedAsset;
import java.util.HashSet;
import io.dataflow.core.registry.AssetDeployment;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.Ownership;
import io.dataflow.core.registry.ToolVersion;
import io.dataflow.core.release.ReleaseContext;
import io.dataflow.core.release.ReleasedWorkflow;
import io.dataflow.core.release.WorkflowCandidate;
import io.dataflow.core.release.WorkflowReleases;
import io.dataflow.core.workflow.PendingAsset;
import io.dataflow.core.workflow.ReferenceResolver;
import io.dataflow.core.workflow.RenderResult;
import io.dataflow.core.workflow.WorkflowRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole reactor as one Dataflow project: lists its components, builds its Python wheels, verifies its
 * workflows against the builds it is about to make, and deploys everything all or nothing. Mojos only map
 * their configuration onto {@link ModuleSources} and {@link ProjectOptions}; every line of output comes from
 * here through {@link DataflowLog}.
 *
 * <p>The modules are scanned once, on first use. An instance serves one Maven invocation and is not meant to
 * be shared by threads.
 */
public final class DataflowProject {

    /** How every refusal of a deploy ends: said only when it is true. */
    static final String NOTHING_DEPLOYED = "Nothing was deployed: the registry was not changed.";

    private final List<ModuleSources> modules;
    private final DataflowLog log;
    private final DagPictures pictures;
    private ProjectScan scan;

    /**
     * A project that draws no DAG pictures ({@link DagPictures#NONE}).
     *
     * @param modules every module of the reactor, in reactor order; the first one's directory locates the git
     *     repository
     */
    public DataflowProject(List<ModuleSources> modules, DataflowLog log) {
        this(modules, log, DagPictures.NONE);
    }

    /**
     * @param modules every module of the reactor, in reactor order; the first one's directory locates the git
     *     repository
     * @param pictures draws each rendered workflow's {@code target/dataflow/<name>.svg}, which a release also
     *     stores in the bundle
     */
    public DataflowProject(List<ModuleSources> modules, DataflowLog log, DagPictures pictures) {
        this.modules = List.copyOf(modules);
        this.log = Objects.requireNonNull(log, "log");
        this.pictures = Objects.requireNonNull(pictures, "pictures");
        if (this.modules.isEmpty()) {
            throw new IllegalArgumentException("A Dataflow project needs at least one module");
        }
    }

    /**
     * What the reactor holds, for {@code dataflow:list}; touches no registry.
     *
     * @throws InvalidInputException a namespace is invalid or used twice, a declared SQL file is missing, or the
     *     project is not inside a git repository
     */
    public ProjectComponents components() {
        return scan().components();
    }

    /**
     * {@code dataflow:list}: the components, with each workflow's declared id and the {@code $S3{}} files it ships.
     * Reads the workflow files only; a workflow with problems lists what could be read (verify names the problems).
     */
    public ProjectComponents listing() {
        ProjectScan project = scan();
        Map<String, ProjectComponents.Shipped> shipped = new LinkedHashMap<>();
        for (Component workflow : project.components().workflows()) {
            RenderResult read = WorkflowRenderer.renderForListing(workflow.source(), project.workTree());
            List<String> files = read.files().stream().map(file -> "./" + file.relativePath()).toList();
            shipped.put(workflow.displayPath(), new ProjectComponents.Shipped(read.workflowId(), files));
        }
        return project.components().withShipped(shipped);
    }

    /**
     * {@code dataflow:list}: warns, without failing, when {@code dataflow:deploy} would refuse because the mainline
     * branch is unknown. Outside a git repository there is nothing to say here (deploy names that problem itself).
     */
    public void warnWhenMainlineUnknown(GitOptions gitOptions) {
        Path workTree = scan().workTree();
        if (GitStateReader.workTree(workTree).isEmpty()) {
            return;
        }
        try {
            if (GitStateReader.mainBranch(workTree, gitOptions).isEmpty()) {
                log.warn(GitState.unknownMainBranchMessage(null) + " Listing works; dataflow:deploy refuses until it "
                        + "is set.");
            }
        } catch (EnvironmentException e) {
            log.debug("Not checking the mainline branch: " + e.getMessage()); // a listing never fails for a warning
        }
    }

    /** Builds every Python package's wheel into {@code <buildDirectory>/dataflow/python/<namespace>/}. */
    public List<BuiltWheel> buildPython(PythonSettings settings) {
        return build(scan().python(), settings);
    }

    /** {@link #buildPython(PythonSettings)} with the default settings. */
    public List<BuiltWheel> buildPython() {
        return buildPython(PythonSettings.defaults());
    }

    /**
     * {@code dataflow:test}: runs the Python packages' tests, then renders every workflow into
     * {@code <module>/target/dataflow/} and validates it. References to namespaces this reactor builds resolve to
     * the build they are about to become; all others to the registry's builds. Only reads the store.
     *
     * @throws InvalidInputException after logging every failed Python test and every problem of every workflow
     */
    public VerifyReport verify(ObjectStore store, ProjectOptions options) {
        ProjectScan project = scan();
        Map<PythonPackage, PythonTestResult> pythonTests = Map.of();
        InvalidInputException pythonFailure = null;
        try {
            pythonTests = testPython(options.python());
        } catch (InvalidInputException e) {
            pythonFailure = e; // the workflows are still checked, so that one run reports everything
        }
        GitState git = gitStateForVerify(project.workTree(), options.git(), store);
        requireBuiltJars(project, "dataflow:test");
        AssetRegistry registry = new AssetRegistry(store, log);
        WorkflowBuild workflows = WorkflowBuild.render(project,
                new ReferenceResolver(registry, pending(assetFiles(options.python())), git, store::locationOf),
                options.paramOverrides(), WorkflowRenderer.Untracked.WARN);
        if (!git.equals(GitState.placeholder(project.workTree()))) {
            warnAboutForeignNamespaces(project, registry.ownership(), git);
        }
        List<RenderedWorkflow> rendered = workflows.write(log, pictures);
        workflows.logTests(log);
        warnAboutUnusedOverrides(workflows, options);
        Optional<String> workflowProblems = workflows.problemSummary("The registry was not changed.");
        if (pythonFailure != null) {
            throw new InvalidInputException(pythonFailure.getMessage()
                    + workflowProblems.map(problems -> System.lineSeparator() + problems).orElse(""), pythonFailure);
        }
        workflowProblems.ifPresent(problems -> {
            throw new InvalidInputException(problems);
        });
        new MaestroSteps(store, options, git, log).verify(rendered);
        return new VerifyReport(pythonTests, rendered);
    }

    /**
     * Verify only previews locations, so a project that cannot be deployed yet (no git repository, no commit, no
     * remote) is still tested and validated, with a placeholder identity and a warning saying what deploy needs.
     */
    private GitState gitStateForVerify(Path workTree, GitOptions gitOptions, ObjectStore store) {
        if (GitStateReader.workTree(workTree).isPresent()) {
            try {
                GitState git = GitStateReader.read(workTree, gitOptions);
                warnAboutDeployability(store, git);
                return git;
            } catch (InvalidInputException e) {
                log.warn(e.getMessage());
            }
        } else {
            log.warn(workTree + " is not inside a git repository: 'mvn deploy' will need one (git init, then commit).");
        }
        GitState placeholder = GitState.placeholder(workTree);
        log.warn("Workflows are rendered with the placeholder identity " + placeholder.owner() + "/"
                + placeholder.repo() + " on branch " + placeholder.branch() + "; deployed locations will differ.");
        return placeholder;
    }

    /**
     * What in the git state would make a deploy refuse, said as warnings: verify previews, so it goes on. Assets of the
     * reactor still render under the current branch's name and references fall back to mainline only when it is
     * known, so the preview shows what that branch's deploy would use once it is allowed.
     */
    private void warnAboutDeployability(ObjectStore store, GitState git) {
        if (!git.mainBranchKnown()) {
            log.warn(git.unknownMainBranchMessage() + " Verify goes on; dataflow:deploy refuses until it is set.");
        }
        BranchClaims claims = new BranchClaims(store);
        claims.heldByAnotherBranch(git).ifPresent(holder -> log.warn(claims.collisionMessage(git, holder)
                + " Verify goes on; dataflow:deploy refuses."));
    }

    /**
     * {@code dataflow:deploy}, all or nothing: reads the git state, validates every workflow against the builds it
     * is about to make and checks the release rules (another repository's namespace or workflow id, a mainline
     * deploy older than the active version): any problem fails before the store is touched. Then claims the
     * namespaces and workflow ids nobody owns yet, deploys every asset (Python, SQL, JAR), renders every workflow
     * against the registry now holding them, and releases all workflows with one activation (branch-scoped ids
     * off mainline).
     */
    public DeployReport deploy(ObjectStore store, ProjectOptions options) {
        Preflight checked = preflight(store, options, Refusals.THROW, "dataflow:deploy");
        GitState git = checked.git();
        ReleaseContext context = checked.context();
        WorkflowReleases releases = checked.releases();
        releases.check(checked.render().workflowIds(), context, options.release());
        // The first write: binds this branch's sanitized name, or refuses if a racing deploy of a colliding name won.
        checked.branchClaims().claim(git);
        // Then a namespace or workflow id nobody owns yet becomes this repository's.
        Ownership owners = checked.registry().ownership();
        checked.project().components().assets().forEach(asset -> owners.claimNamespace(asset.type(),
                asset.namespace(), git, options.deployer(), asset.displayPath()));
        releases.claim(checked.render().workflowIds(), context);

        AssetRegistry registry = checked.registry();
        List<DeployedAsset> assets = deployAssets(checked.project(), registry, git, checked.assetFiles(),
                options.forceBuild());
        long bytesSent = assets.stream().mapToLong(asset -> asset.deployment().bytesSent()).sum();
        if (!assets.isEmpty()) {
            log.info(sentLine(assets, bytesSent, store.root().replaceFirst("/+$", "")));
        }

        WorkflowBuild release = WorkflowBuild.render(checked.project(),
                new ReferenceResolver(registry, List.of(), git, store::locationOf), options.paramOverrides(),
                WorkflowRenderer.Untracked.REFUSE);
        // The same files rendered without problems a moment ago; a problem now means they changed meanwhile.
        release.requireValid("The assets above were deployed, but no workflow was released.");
        List<RenderedWorkflow> rendered = release.write(log, pictures);
        List<ReleasedWorkflow> released = releaseWorkflows(releases, context, rendered, options, checked.maestro());
        return new DeployReport(git, assets, bytesSent, rendered, released);
    }

    /**
     * {@code dataflow:plan}: what {@link #deploy} would do now, decided by the deploy's own code (the same checks, the
     * same asset and version rules) and written nowhere: no claim, no record, no rendered file. Every rule that would
     * refuse the deploy is reported with the deploy's message instead of failing.
     *
     * @throws InvalidInputException what stops a plan as well as a deploy: no git repository, a JAR not built
     */
    public DeployPlan plan(ObjectStore store, ProjectOptions options) {
        Refusals.Collected refusals = new Refusals.Collected();
        Preflight checked = preflight(store, options, refusals, "dataflow:plan");
        GitState git = checked.git();

        List<DeployPlan.AssetEntry> assets = new ArrayList<>();
        Set<String> notStoredYet = new HashSet<>();
        checked.assetPlans().forEach((component, plan) -> {
            if (!plan.unchanged()) {
                notStoredYet.add(plan.key());
            }
            assets.add(new DeployPlan.AssetEntry(component.displayPath(), component.type().id(),
                    component.namespace(), plan.unchanged() ? DeployPlan.AssetStatus.UNCHANGED : DeployPlan.AssetStatus.NEW,
                    plan.id().format(), plan.id().build(), store.locationOf(plan.key()), plan.digest().sha256(),
                    plan.digest().size()));
        });

        List<WorkflowCandidate> candidates = new ArrayList<>();
        Map<String, String> renderedById = new LinkedHashMap<>();
        Map<String, String> displayPaths = new LinkedHashMap<>();
        for (WorkflowBuild.Rendering rendering : checked.render().valid()) {
            RenderResult result = rendering.result();
            candidates.add(new WorkflowCandidate(result.workflowId(), result.renderedText(), sourcePath(git,
                    result.file()), result.assets().stream().map(asset -> planned(git, asset)).toList(),
                    result.files()));
            renderedById.put(result.workflowId(), result.renderedText());
            displayPaths.put(result.workflowId(), rendering.displayPath());
        }
        List<WorkflowPlan> plans = checked.releases().plan(candidates, checked.context(), options.release(),
                notStoredYet, refusals);
        List<DeployPlan.WorkflowEntry> workflows = plans.stream().map(plan -> workflowEntry(plan,
                displayPaths.get(plan.fileId()), renderedById.get(plan.fileId()))).toList();

        List<String> notes = new ArrayList<>();
        store.firstWriteCheck().ifPresent(notes::add);
        DeployPlan.GitInfo gitInfo = new DeployPlan.GitInfo(git.branch(), git.sanitizedBranch(), git.commit(),
                git.mainBranchKnown() ? git.mainBranch() : null, git.onMainBranch(), git.dirty());
        return new DeployPlan(store.root().replaceFirst("/+$", ""), gitInfo, assets, workflows, refusals.messages(), notes);
    }

    private static DeployPlan.WorkflowEntry workflowEntry(WorkflowPlan plan, String displayPath, String rendered) {
        String diff = plan.activeRenderedYaml() == null ? null : String.join("\n", UnifiedDiff.of(
                plan.workflowId() + " version " + plan.activeVersion() + " (active)", plan.activeRenderedYaml(),
                plan.workflowId() + " version " + plan.version() + " (this deploy)", rendered));
        return new DeployPlan.WorkflowEntry(displayPath, plan.fileId(), plan.workflowId(),
                plan.newVersion() ? DeployPlan.WorkflowStatus.NEW_VERSION : DeployPlan.WorkflowStatus.UNCHANGED,
                plan.version(), plan.activeVersion(), plan.activation() == WorkflowPlan.Activation.ACTIVATE,
                plan.activation() == WorkflowPlan.Activation.KEEP, diff);
    }

    /** A referenced build as a release records it; one the deploy would store first is described by its plan. */
    private static AssetBuild planned(GitState git, ResolvedAsset asset) {
        if (asset instanceof ResolvedAsset.Deployed deployed) {
            return deployed.build();
        }
        return new AssetBuild(asset.id(), asset.key(), asset.location(), asset.sha256(), asset.size(), null,
                git.commit(), git.branch());
    }

    /** What {@link #preflight} decided; nothing of it was written. */
    private record Preflight(ProjectScan project, GitState git, BranchClaims branchClaims, AssetRegistry registry,
            Map<Component, Path> assetFiles, Map<Component, AssetPlan> assetPlans, WorkflowBuild render,
            MaestroSteps maestro, ReleaseContext context, WorkflowReleases releases) {}

    /**
     * Everything a deploy checks and decides before its first write, shared by {@link #deploy} (which stops at the
     * first refusal) and {@link #plan} (which collects them): the git state and mainline, the branch name's claim,
     * the built files and what deploying each would do, every workflow rendered against those builds, the Maestro
     * validation and the namespaces' owners. The release rules of the workflows follow in
     * {@link WorkflowReleases#check} or {@link WorkflowReleases#plan}.
     *
     * @param goal the goal the user ran, for the message about unbuilt JARs
     */
    private Preflight preflight(ObjectStore store, ProjectOptions options, Refusals refusals, String goal) {
        ProjectScan project = scan();
        GitState git = GitStateReader.read(project.workTree(), options.git());
        refusals.check(() -> {
            if (!git.mainBranchKnown()) {
                throw new InvalidInputException(git.unknownMainBranchMessage() + " " + NOTHING_DEPLOYED);
            }
        });
        BranchClaims branchClaims = new BranchClaims(store);
        refusals.check(() -> branchClaims.heldByAnotherBranch(git).ifPresent(holder -> {
            throw new InvalidInputException(branchClaims.collisionMessage(git, holder) + " " + NOTHING_DEPLOYED);
        }));
        requireBuiltJars(project, goal);
        Map<Component, Path> assetFiles = assetFiles(options.python());
        AssetRegistry registry = new AssetRegistry(store, log);
        Map<Component, String> coordinates = new LinkedHashMap<>();
        project.jars().forEach(owned -> coordinates.put(owned.component(), owned.module().jar().coordinates()));
        Map<Component, AssetPlan> assetPlans = new LinkedHashMap<>();
        assetFiles.forEach((component, file) -> assetPlans.put(component, registry.plan(new AssetDeployRequest(
                component.type(), component.namespace(), git, file, coordinates.get(component), options.forceBuild()))));

        List<PendingAsset> pending = assetPlans.entrySet().stream().map(entry -> new PendingAsset(
                entry.getKey().type(), entry.getKey().namespace(), assetFiles.get(entry.getKey()), entry.getValue()))
                .toList();
        WorkflowBuild check = WorkflowBuild.render(project,
                new ReferenceResolver(registry, pending, git, store::locationOf), options.paramOverrides(),
                WorkflowRenderer.Untracked.REFUSE);
        if (!check.problems().isEmpty()) {
            check.logTests(log);
            refusals.check(() -> check.requireValid(NOTHING_DEPLOYED));
        }
        warnAboutUnusedOverrides(check, options);
        MaestroSteps maestro = new MaestroSteps(store, options, git, log);
        refusals.check(() -> maestro.checkBeforeDeploy(check.valid()));

        ReleaseContext context = new ReleaseContext(git, options.deployer(), Instant.now(), ToolVersion.current());
        WorkflowReleases releases = new WorkflowReleases(store, log, maestro.listener());
        Ownership owners = registry.ownership();
        project.components().assets().forEach(asset -> refusals.check(() -> owners.requireNamespace(asset.type(),
                asset.namespace(), git, asset.displayPath())));
        return new Preflight(project, git, branchClaims, registry, assetFiles, assetPlans, check, maestro, context,
                releases);
    }

    private synchronized ProjectScan scan() {
        if (scan == null) {
            scan = new ProjectScan(modules);
        }
        return scan;
    }

    private Map<PythonPackage, PythonTestResult> testPython(PythonSettings settings) {
        List<PythonPackage> packages = scan().python().stream().map(Owned::pythonPackage).toList();
        if (packages.isEmpty()) {
            return Map.of();
        }
        log.info("Testing Python Assets:");
        try {
            Map<PythonPackage, PythonTestResult> results = new PythonAssets(settings, log).test(packages);
            WorkflowBuild.summary(log, results.size(), 0);
            return results;
        } catch (InvalidInputException e) {
            log.info("Summary: Python tests failed; see above.");
            throw e;
        }
    }

    /**
     * The file each asset of the reactor deploys: Python wheels, SQL files, JARs, in that order. They also form
     * the overlay that lets workflows reference builds not deployed yet.
     */
    private Map<Component, Path> assetFiles(PythonSettings settings) {
        Map<Component, Path> files = new LinkedHashMap<>(wheels(settings));
        scan().sql().forEach(owned -> files.put(owned.component(), owned.component().source()));
        scan().jars().forEach(owned -> files.put(owned.component(), owned.component().source()));
        return files;
    }

    private static List<PendingAsset> pending(Map<Component, Path> assetFiles) {
        return assetFiles.entrySet().stream()
                .map(entry -> new PendingAsset(entry.getKey().type(), entry.getKey().namespace(), entry.getValue()))
                .toList();
    }

    /** Each Python asset's wheel: the one the package phase left when still up to date, else a fresh build. */
    private Map<Component, Path> wheels(PythonSettings settings) {
        Map<PythonPackage, Path> wheels = new LinkedHashMap<>();
        List<Owned> toBuild = new ArrayList<>();
        for (Owned owned : scan().python()) {
            PythonAssets.upToDateWheel(owned.pythonPackage(), wheelDirectory(owned.module())).ifPresentOrElse(
                    built -> wheels.put(owned.pythonPackage(), built.wheel()), () -> toBuild.add(owned));
        }
        build(toBuild, settings).forEach(built -> wheels.put(built.pythonPackage(), built.wheel()));
        Map<Component, Path> byComponent = new LinkedHashMap<>();
        scan().python().forEach(owned -> byComponent.put(owned.component(), wheels.get(owned.pythonPackage())));
        return byComponent;
    }

    /** Builds the packages' wheels, one interpreter probe and one output directory per module. */
    private List<BuiltWheel> build(List<Owned> packages, PythonSettings settings) {
        if (packages.isEmpty()) {
            return List.of();
        }
        log.info("Building Python Assets:");
        PythonAssets python = new PythonAssets(settings, log);
        List<BuiltWheel> wheels = new ArrayList<>();
        for (ModuleSources module : modules) {
            List<PythonPackage> own = packages.stream().filter(owned -> owned.module().equals(module))
                    .map(Owned::pythonPackage).toList();
            if (!own.isEmpty()) {
                wheels.addAll(python.build(own, wheelDirectory(module)));
            }
        }
        WorkflowBuild.summary(log, wheels.size(), 0);
        return wheels;
    }

    private static Path wheelDirectory(ModuleSources module) {
        return module.outputDirectory().resolve("python");
    }

    /**
     * A reactor JAR is referenced by its bytes (verify) and deployed (deploy): without its package phase neither
     * can work, so fail first, before the store is touched.
     */
    private static void requireBuiltJars(ProjectScan project, String goal) {
        for (Owned owned : project.jars()) {
            Path jar = owned.component().source();
            if (jar == null || !Files.isRegularFile(jar)) {
                throw new InvalidInputException("The JAR of module " + owned.module().name()
                        + (jar == null ? "" : " (" + jar + ")") + " has not been built. Run the build through the "
                        + "package phase ('mvn verify', 'mvn deploy', or 'mvn package " + goal + "') rather than a "
                        + "dataflow goal alone.");
            }
        }
    }

    /** Deploys the Python, SQL and JAR assets, one section each; a failure stops the deploy before any release. */
    /**
     * "Sent N bytes to R.", saying when bytes were already stored (an unchanged asset, or bytes the store held under
     * another build and copied inside itself), so that "Sent 0 bytes" after "DEPLOYED AS" does not read as a failure.
     */
    static String sentLine(List<DeployedAsset> assets, long bytesSent, String root) {
        long alreadyStored = assets.stream().map(DeployedAsset::deployment)
                .filter(deployment -> deployment.unchanged() || deployment.bytesSent() < deployment.build().size())
                .count();
        String sent = "Sent " + bytesSent + " bytes to " + root;
        if (alreadyStored == 0) {
            return sent + ".";
        }
        return sent + (alreadyStored == assets.size() ? " (already stored)."
                : " (" + alreadyStored + " of " + assets.size() + " assets already stored).");
    }

    private List<DeployedAsset> deployAssets(ProjectScan project, AssetRegistry registry, GitState git,
            Map<Component, Path> files, boolean forceBuild) {
        Map<Component, String> coordinates = new LinkedHashMap<>();
        project.jars().forEach(owned -> coordinates.put(owned.component(), owned.module().jar().coordinates()));

        List<DeployedAsset> deployed = new ArrayList<>();
        List<DataflowException> failures = new ArrayList<>();
        for (Section section : List.of(new Section("Deploying Python Assets:", project.components().pythonAssets()),
                new Section("Deploying SQL Assets:", project.components().sqlAssets()),
                new Section("Deploying JAR Assets:", project.components().jarAssets()))) {
            if (section.components().isEmpty()) {
                continue;
            }
            log.info(section.heading());
            int failed = 0;
            for (Component component : section.components()) {
                try {
                    AssetDeployment deployment = registry.deploy(new AssetDeployRequest(component.type(),
                            component.namespace(), git, files.get(component), coordinates.get(component), forceBuild));
                    DeployedAsset asset = new DeployedAsset(component, deployment);
                    log.info("-> " + component.displayPath() + "\u2026 " + asset.summary());
                    deployed.add(asset);
                } catch (DataflowException e) {
                    log.warn("-> " + component.displayPath() + "\u2026 FAILED: " + e.getMessage());
                    failures.add(e);
                    failed++;
                }
            }
            WorkflowBuild.summary(log, section.components().size() - failed, failed);
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        if (!failures.isEmpty()) {
            throw new EnvironmentException(failures.size() + " assets failed to deploy (see above), so no workflow "
                    + "was released. The first failure: " + failures.get(0).getMessage(), failures.get(0));
        }
        return deployed;
    }

    private record Section(String heading, List<Component> components) {}

    private List<ReleasedWorkflow> releaseWorkflows(WorkflowReleases releases, ReleaseContext context,
            List<RenderedWorkflow> rendered, ProjectOptions options, MaestroSteps maestro) {
        if (rendered.isEmpty()) {
            return List.of();
        }
        List<WorkflowCandidate> candidates = rendered.stream().map(workflow -> candidate(context.git(), workflow))
                .toList();
        List<ReleasedWorkflow> released = releases.release(candidates, context, options.release());
        log.info("Deploying Scheduler Workflows:");
        for (int i = 0; i < released.size(); i++) {
            log.info("-> " + rendered.get(i).displayPath() + "\u2026 " + released.get(i).summary());
        }
        WorkflowBuild.summary(log, released.size(), 0);
        maestro.publishAlreadyActive(released);
        return released;
    }

    private static WorkflowCandidate candidate(GitState git, RenderedWorkflow workflow) {
        return new WorkflowCandidate(workflow.workflowId(), workflow.renderedText(), sourcePath(git, workflow.source()),
                workflow.result().deployedBuilds(), workflow.files(),
                workflow.picture() == null ? null : workflow.picture().svg());
    }

    /** Verify changes nothing, but says early what deploy will refuse: assets whose namespace another repo owns. */
    private void warnAboutForeignNamespaces(ProjectScan project, Ownership owners, GitState git) {
        for (Component asset : project.components().assets()) {
            try {
                owners.requireNamespace(asset.type(), asset.namespace(), git, asset.displayPath());
            } catch (InvalidInputException e) {
                log.warn("dataflow:deploy will fail: " + e.getMessage());
            }
        }
    }

    /** A workflow file relative to the repository root, '/'-separated, as manifests record it. */
    static String sourcePath(GitState git, Path file) {
        return git.workTree().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    private void warnAboutUnusedOverrides(WorkflowBuild workflows, ProjectOptions options) {
        Set<String> unused = workflows.overridesNoWorkflowUses(options.paramOverrides());
        if (!unused.isEmpty()) {
            log.warn("Parameter override(s) " + String.join(", ", unused.stream().sorted().toList())
                    + " match no parameter of any workflow; check the names in the plugin configuration.");
        }
    }
}
