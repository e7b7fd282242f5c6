package io.dataflow.core.identity;

/** Branch names as they appear in UUIDs and registry paths. */
public final class BranchNames {

    private BranchNames() {}

    /**
     * Every character outside {@code [A-Za-z0-9_-]} becomes {@code -}, so that a branch is one UUID segment
     * and one path segment: {@code feature/x.y} becomes {@code feature-x-y}.
     */
    public static String sanitize(String branch) {
        StringBuilder out = new StringBuilder(branch.length());
        for (int i = 0; i < branch.length(); i++) {
            char c = branch.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-';
            out.append(allowed ? c : '-');
        }
        return out.toString();
    }
}
