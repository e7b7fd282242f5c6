package io.dataflow.maven;

import io.dataflow.core.params.BranchEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code <environment>} of the plugin's {@code <environments>}: workflow parameter defaults for the branches
 * it names. Maven fills the fields from the pom; the engine's {@link BranchEnvironment} decides what applies.
 *
 * <pre>{@code
 * <environment>
 *   <branches>main,master</branches>
 *   <params><TARGET_DB>prod_db</TARGET_DB></params>
 * </environment>
 * }</pre>
 */
public class Environment {

    /** Comma-separated branch globs ({@code *} any characters, {@code ?} one), e.g. {@code main,release/*}. */
    private String branches;

    /** Workflow parameter name to the value it gets on these branches. */
    private Map<String, String> params = new LinkedHashMap<>();

    public Environment() {}

    Environment(String branches, Map<String, String> params) {
        this.branches = branches;
        this.params = params;
    }

    public String getBranches() {
        return branches;
    }

    public void setBranches(String branches) {
        this.branches = branches;
    }

    BranchEnvironment toBranchEnvironment() {
        return new BranchEnvironment(branches, params);
    }

    public Map<String, String> getParams() {
        return params;
    }

    public void setParams(Map<String, String> params) {
        this.params = params;
    }
}
