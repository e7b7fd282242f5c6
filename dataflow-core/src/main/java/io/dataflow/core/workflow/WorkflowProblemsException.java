package io.dataflow.core.workflow;

import io.dataflow.core.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/** A workflow file (or several) has problems the user must fix; the message lists every one of them. */
public class WorkflowProblemsException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public WorkflowProblemsException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in workflow files; fix each line below and run the build again (see docs/workflow-dsl.md):\n"
                + problems.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n"));
    }
}
