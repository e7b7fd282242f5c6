package io.dataflow.core.project;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** A unified diff ({@code diff -u}, three lines of context) of two texts, as git and patch print and read it. */
final class UnifiedDiff {

    private static final int CONTEXT_LINES = 3;

    private UnifiedDiff() {}

    /** @return the diff's lines, empty when the texts are equal */
    static List<String> of(String fromName, String from, String toName, String to) {
        List<String> fromLines = from.lines().toList();
        List<String> toLines = to.lines().toList();
        Patch<String> patch = DiffUtils.diff(fromLines, toLines);
        if (patch.getDeltas().isEmpty()) {
            return List.of();
        }
        return UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, fromLines, patch, CONTEXT_LINES);
    }
}
