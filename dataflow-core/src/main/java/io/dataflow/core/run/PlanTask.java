package io.dataflow.core.run;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One task of {@code plan.json}, the contract of the forked runner ({@code docs/running.md}): already expanded,
 * parameters resolved, every path a bundle copy. The JSON {@code kind} field names the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PlanTask.Sql.class, name = "sql"),
    @JsonSubTypes.Type(value = PlanTask.Jar.class, name = "jar"),
    @JsonSubTypes.Type(value = PlanTask.Python.class, name = "python"),
    @JsonSubTypes.Type(value = PlanTask.Metadata.class, name = "metadata"),
    @JsonSubTypes.Type(value = PlanTask.Hwm.class, name = "hwm"),
    @JsonSubTypes.Type(value = PlanTask.Wap.class, name = "wap"),
    @JsonSubTypes.Type(value = PlanTask.Noop.class, name = "noop")
})
public sealed interface PlanTask {

    /** Unique in the plan. */
    String id();

    /** Ids of earlier tasks that must succeed (or warn) first. */
    List<String> dependsOn();

    /**
     * Runs the statements of a SQL file; {@code ${NAME}} in it is replaced by {@code params}. {@code conf}: Spark
     * settings for this task only (the DSL job's {@code conf}), as for jar and python tasks.
     */
    record Sql(String id, List<String> dependsOn, String file, Map<String, String> params, Map<String, String> conf)
            implements PlanTask {
        public Sql {
            dependsOn = list(dependsOn);
            params = map(params);
            conf = map(conf);
        }
    }

    /** Calls {@code mainClass.main(args)} from a bundled JAR in the runner's Spark session. */
    record Jar(String id, List<String> dependsOn, String jar, String mainClass, List<String> args,
            Map<String, String> conf) implements PlanTask {
        public Jar {
            dependsOn = list(dependsOn);
            args = list(args);
            conf = map(conf);
        }
    }

    /** A PySpark job: a bundled {@code .py} file, or a wheel plus its {@code entry}. */
    record Python(String id, List<String> dependsOn, String file, String entry, List<String> args,
            Map<String, String> conf) implements PlanTask {
        public Python {
            dependsOn = list(dependsOn);
            args = list(args);
            conf = map(conf);
        }
    }

    /** Table comment, owner, tags, lifetime (days) and column types (e.g. {@code pk}), the same for every table. */
    record Metadata(String id, List<String> dependsOn, List<String> tables, String comment, String owner,
            List<String> tags, Integer lifetime, Map<String, String> columnTypes, Map<String, String> columnComments,
            Map<String, String> properties) implements PlanTask {
        public Metadata {
            dependsOn = list(dependsOn);
            tables = list(tables);
            tags = list(tags);
            columnTypes = map(columnTypes);
            columnComments = map(columnComments);
            properties = map(properties);
        }
    }

    /** High-water mark of a table. */
    record Hwm(String id, List<String> dependsOn, String table, String datetime, String timezone)
            implements PlanTask {
        public Hwm {
            dependsOn = list(dependsOn);
        }
    }

    /** Write-Audit-Publish: {@code writes} (sql or jar tasks, in order) are staged, audited, then published. */
    record Wap(String id, List<String> dependsOn, List<String> tables, List<PlanTask> writes, List<Audit> audits)
            implements PlanTask {
        public Wap {
            dependsOn = list(dependsOn);
            tables = list(tables);
            writes = list(writes);
            audits = list(audits);
        }
    }

    /** One audit of a {@link Wap} task. */
    record Audit(String function, boolean blocking, Map<String, Object> params) {
        public Audit {
            params = map(params);
        }
    }

    /** A join point. */
    record Noop(String id, List<String> dependsOn) implements PlanTask {
        public Noop {
            dependsOn = list(dependsOn);
        }
    }

    /** Keeps the order of the file (readable plans) and allows null values, unlike Map.copyOf. */
    private static <K, V> Map<K, V> map(Map<K, V> values) {
        return values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
