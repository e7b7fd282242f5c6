package io.dataflow.core.check;

import io.dataflow.core.EnvironmentException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one {@link RegistryCheck} found and did.
 *
 * @param registry the registry root
 * @param builds asset builds whose bytes were verified
 * @param versions workflow versions whose bundles were verified
 * @param activations activation records read
 * @param ownership records read of who owns namespaces, workflow ids and branch segments, and of Maestro pushes
 * @param sharedFiles content-addressed {@code $S3{}} files verified
 * @param findings everything found, in key order
 * @param removed the findings repair removed
 * @param notChecked keys this version of Dataflow does not know, counted per top-level folder
 * @param options what the check was allowed to do
 */
public record CheckReport(String registry, int builds, int versions, int activations, int ownership, int sharedFiles,
        List<Finding> findings, List<Finding> removed, SortedMap<String, Integer> notChecked, CheckOptions options) {

    public CheckReport {
        findings = List.copyOf(findings);
        removed = List.copyOf(removed);
        notChecked = new TreeMap<>(notChecked);
    }

    public List<Finding> findings(Finding.Kind kind) {
        return findings.stream().filter(finding -> finding.kind() == kind).toList();
    }

    /** Damaged, corrupt and missing records: what makes the check fail. */
    public List<Finding> problems() {
        return findings.stream().filter(finding -> finding.kind().problem()).toList();
    }

    /** The lines a user reads, summary last. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Checked registry " + registry + (options.repair() ? " (repair: removing garbage older than "
                + CheckOptions.describe(options.grace()) + ")" : " (read-only)") + ":");
        lines.add("-> " + builds + " asset build(s): bytes match their sha256 and size, or are reported below");
        lines.add("-> " + versions + " workflow version(s): bundles match their manifests, or are reported below");
        lines.add("-> " + activations + " activation record(s) read");
        lines.add("-> " + ownership + " ownership record(s) read (namespaces, workflow ids, branch names, Maestro versions)");
        lines.add("-> " + sharedFiles + " shared $S3{} file(s): bytes match the sha256 in their key, or are reported "
                + "below");
        for (Finding finding : findings) {
            lines.add(finding.line());
        }
        for (Finding finding : removed) {
            lines.add("REMOVED " + finding.location());
        }
        if (!notChecked.isEmpty()) {
            lines.add("Not checked (unknown to this version of Dataflow): " + notChecked.entrySet().stream()
                    .map(entry -> entry.getValue() + " object(s) under " + entry.getKey())
                    .collect(Collectors.joining(", ")) + ".");
        }
        long orphans = findings(Finding.Kind.ORPHAN).size();
        long removable = findings.stream().filter(Finding::removable).count();
        lines.add("Summary: " + problems().size() + " damaged, corrupt or missing record(s), " + orphans
                + " orphan(s) (" + (options.repair() ? removed.size() + " removed" : removable
                        + " removable with -Ddataflow.repair") + "), " + findings(Finding.Kind.NEVER_ACTIVATED).size()
                + " version(s) never activated.");
        return lines;
    }

    /** Fails when the registry holds damaged, corrupt or missing records, naming how many and where to look. */
    public void requireNoProblems() {
        List<Finding> problems = problems();
        if (!problems.isEmpty()) {
            throw new EnvironmentException("The registry " + registry + " holds " + problems.size() + " damaged, "
                    + "corrupt or missing record(s), listed above (first: " + problems.get(0).location() + "). "
                    + "Registry objects are never edited, so they were changed outside Dataflow: restore them from a "
                    + "backup; for asset builds, deploying again makes a new build the newest of its line.");
        }
    }
}
