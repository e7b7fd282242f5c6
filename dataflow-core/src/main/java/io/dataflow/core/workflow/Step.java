package io.dataflow.core.workflow;

import io.dataflow.contract.run.AuditFunction;
import java.util.List;
import java.util.Map;

/**
 * One entry of a {@code jobs} list: a {@code job} (Spark, Metadata, HWM, NoOp), a {@code template} (wap),
 * a {@code foreach} or a {@code subworkflow}. Every step has an id unique in its workflow.
 */
public sealed interface Step {

    String id();

    SourcePosition position();

    /** Steps nested inside this one (wap write jobs, foreach body); empty for plain jobs. */
    default List<Step> children() {
        return List.of();
    }

    /** {@code type: Spark}: runs a SQL script, a JAR main class or a Python entry point. */
    record SparkJob(String id, SparkProgram program, Map<String, Object> parameters, Map<String, Object> conf,
            SourcePosition position) implements Step {}

    /** {@code type: Metadata}: table metadata (owner, tags, lifetime in days, column types). */
    record MetadataJob(String id, List<String> tables, String owner, List<String> tags, Integer lifetime,
            Map<String, String> columnTypes, SourcePosition position) implements Step {}

    /** {@code type: HWM}: sets a table's high-water mark after a successful write. */
    record HwmJob(String id, String table, String hwmDatetime, String hwmTimezone, SourcePosition position)
            implements Step {}

    /** {@code type: NoOp}: does nothing; a join point in the DAG. */
    record NoOpJob(String id, SourcePosition position) implements Step {}

    /** {@code template} of {@code type: wap}: write to a staging branch, audit, then publish. */
    record WapTemplate(String id, List<String> tables, List<Step> writeJobs, List<Audit> audits,
            SourcePosition position) implements Step {
        @Override
        public List<Step> children() {
            return writeJobs;
        }
    }

    /** {@code foreach}: runs its jobs (ordered by its own dag) once per value of its loop parameters. */
    record Foreach(String id, Map<String, Object> params, List<Step> jobs, List<Workflow.Edge> dag,
            SourcePosition position) implements Step {
        @Override
        public List<Step> children() {
            return jobs;
        }
    }

    /** {@code subworkflow}: runs another workflow (by id) with the given parameters. */
    record Subworkflow(String id, String workflow, Map<String, Object> params, SourcePosition position)
            implements Step {}

    /** One audit of a wap template's {@code data_auditor}. */
    record Audit(AuditFunction function, boolean blocking, Map<String, Object> params, SourcePosition position) {}
}
