package io.dataflow.core.project;

import io.dataflow.core.python.PythonPackage;
import io.dataflow.core.python.PythonTestResult;
import java.util.List;
import java.util.Map;

/**
 * What {@code dataflow:test} checked. Only returned when everything passed; problems are thrown.
 *
 * @param pythonTests each Python package's test result (empty when tests were skipped)
 * @param workflows every workflow, rendered against the reactor's pending builds and the registry
 */
public record VerifyReport(Map<PythonPackage, PythonTestResult> pythonTests, List<RenderedWorkflow> workflows) {}
