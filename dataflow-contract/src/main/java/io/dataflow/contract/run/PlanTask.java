package io.dataflow.contract.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task of a {@link RunPlan}. The plan is already expanded (no foreach or subworkflow inside), parameters are
 * resolved, and every path points at a bundle copy. The JSON field {@code kind} names the record; each record's
 * {@link JsonTypeName} is that name, and {@link #kind()} reads it from there.
 *
 * <p>Lists are never null (a missing list is empty). Maps are never null either, keep the order they were given
 * in (plans read like the workflow) and may hold {@code null} and {@code ""} values: both survive the JSON round
 * trip, so an empty SQL parameter reaches the runner as an empty value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(PlanTask.Sql.class),
    @JsonSubTypes.Type(PlanTask.Jar.class),
    @JsonSubTypes.Type(PlanTask.Python.class),
    @JsonSubTypes.Type(PlanTask.Metadata.class),
    @JsonSubTypes.Type(PlanTask.Hwm.class),
    @JsonSubTypes.Type(PlanTask.Wap.class),
    @JsonSubTypes.Type(PlanTask.Noop.class)
})
public sealed interface PlanTask {

    /** Unique in the plan; results and log lines use it. */
    String id();

    /** Ids of tasks that must have succeeded (or warned) before this one runs; all appear earlier in the plan. */
    List<String> dependsOn();

    /** The JSON {@code kind} of this task: {@code sql}, {@code jar}, … */
    @JsonIgnore
    default String kind() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }

    /** The same task depending on {@code ids} instead. */
    default PlanTask withDependsOn(List<String> ids) {
        if (this instanceof Sql t) {
            return new Sql(t.id(), ids, t.file(), t.params(), t.conf());
        } else if (this instanceof Jar t) {
            return new Jar(t.id(), ids, t.jar(), t.mainClass(), t.args(), t.conf());
        } else if (this instanceof Python t) {
            return new Python(t.id(), ids, t.file(), t.entry(), t.args(), t.conf());
        } else if (this instanceof Metadata t) {
            return new Metadata(t.id(), ids, t.tables(), t.comment(), t.owner(), t.tags(), t.lifetime(), t.columnTypes(),
                    t.columnComments(), t.properties());
        } else if (this instanceof Hwm t) {
            return new Hwm(t.id(), ids, t.table(), t.datetime(), t.timezone());
        } else if (this instanceof Wap t) {
            return new Wap(t.id(), ids, t.tables(), t.writes(), t.audits());
        }
        return new Noop(id(), ids);
    }

    /**
     * Runs the statements of a SQL file (see {@link io.dataflow.contract.sql.SqlScript}), {@code ${NAME}} replaced
     * by {@code params}. {@code conf}: Spark settings for this task only (the DSL job's {@code conf}).
     */
    @JsonTypeName("sql")
    record Sql(String id, List<String> dependsOn, String file, Map<String, String> params, Map<String, String> conf)
            implements PlanTask {
        public Sql {
            dependsOn = list(dependsOn);
            params = map(params);
            conf = map(conf);
        }
    }

    /** Calls {@code mainClass.main(args)} from {@code jar} inside the runner's Spark session. */
    @JsonTypeName("jar")
    record Jar(String id, List<String> dependsOn, String jar, String mainClass, List<String> args,
            Map<String, String> conf) implements PlanTask {
        public Jar {
            dependsOn = list(dependsOn);
            args = list(args);
            conf = map(conf);
        }
    }

    /**
     * A PySpark job: a {@code .py} file, or a wheel plus its {@code entry}, a module ({@code pkg.main}, run like
     * {@code python -m}) or a function ({@code pkg.main:run}, called with no arguments).
     */
    @JsonTypeName("python")
    record Python(String id, List<String> dependsOn, String file, String entry, List<String> args,
            Map<String, String> conf) implements PlanTask {
        public Python {
            dependsOn = list(dependsOn);
            args = list(args);
            conf = map(conf);
        }
    }

    /**
     * Descriptive metadata of tables (the DSL's {@code Metadata} job), the same for every table: comment, owner,
     * tags, lifetime (days), column kinds ({@code pk}), column comments and further table properties.
     */
    @JsonTypeName("metadata")
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

    /** High-water mark: the date/time whose data the table now holds, with the time zone it is meant in. */
    @JsonTypeName("hwm")
    record Hwm(String id, List<String> dependsOn, String table, String datetime, String timezone) implements PlanTask {
        public Hwm {
            dependsOn = list(dependsOn);
        }
    }

    /**
     * Write-Audit-Publish: {@code writes} (sql, jar or python tasks, in order, without {@code dependsOn}) land on an
     * audit branch ({@link WapBranch}), {@code audits} read it, and only then is the branch published to {@code main}.
     * A python write names the branch in its {@code conf}: PySpark starts a driver of its own.
     */
    @JsonTypeName("wap")
    record Wap(String id, List<String> dependsOn, List<String> tables, List<PlanTask> writes, List<Audit> audits)
            implements PlanTask {
        public Wap {
            dependsOn = list(dependsOn);
            tables = list(tables);
            writes = list(writes);
            audits = list(audits);
        }
    }

    /**
     * One audit of a {@link Wap} task: an {@link AuditFunction} by name, its parameters, and whether a failure stops
     * the publish ({@code blocking}, the default when the JSON leaves it out) or only warns.
     */
    record Audit(String function, boolean blocking, Map<String, Object> params) {
        public Audit {
            params = map(params);
        }

        @JsonCreator
        static Audit fromJson(@JsonProperty("function") String function, @JsonProperty("blocking") Boolean blocking,
                @JsonProperty("params") Map<String, Object> params) {
            return new Audit(function, blocking == null || blocking, params);
        }
    }

    /** Does nothing; a join point of the DAG. */
    @JsonTypeName("noop")
    record Noop(String id, List<String> dependsOn) implements PlanTask {
        public Noop {
            dependsOn = list(dependsOn);
        }
    }

    /** Unlike {@code Map.copyOf}: keeps the given order and allows null values. */
    private static <V> Map<String, V> map(Map<String, V> values) {
        return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
