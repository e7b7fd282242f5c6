package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeYamlLoaderTest {

    private static final Path FILE = Path.of("wf.sch.yaml");

    @TempDir
    Path dir;

    @Test
    void billionLaughsIsRefusedByTheAliasLimit() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char name = 'b'; name <= 'j'; name++) {
            yaml.append(name).append(": &").append(name).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = name;
        }
        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, yaml.toString());

        assertThat(loaded.document()).isNull();
        assertThat(loaded.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.message()).contains("too many aliases to collections (more than 50)");
            assertThat(problem.format()).startsWith("wf.sch.yaml:");
        });
    }

    @Test
    void deepNestingIsRefused() {
        String yaml = "[".repeat(200) + "]".repeat(200);

        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, yaml);

        assertThat(loaded.document()).isNull();
        assertThat(loaded.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("nested deeper than 50 levels"));
    }

    @Test
    void oversizedFileIsRefusedBeforeParsing() throws Exception {
        Path big = dir.resolve("big.sch.yaml");
        Files.writeString(big, "# " + "x".repeat(SafeYamlLoader.MAX_CODE_POINTS) + "\n");

        SafeYamlLoader.Loaded loaded = SafeYamlLoader.load(big);

        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("workflow files are limited to " + SafeYamlLoader.MAX_CODE_POINTS + " bytes");
            assertThat(p.file()).isEqualTo(big);
        });
    }

    @Test
    void aMissingFileIsAProblemOfThatFile() {
        Path missing = dir.resolve("gone.sch.yaml");

        assertThat(SafeYamlLoader.load(missing).problems()).singleElement()
                .satisfies(p -> assertThat(p.format()).isEqualTo(missing + ":1:1: the workflow file does not exist."));
    }

    @Test
    void oversizedTextIsRefusedByTheCodePointLimit() {
        // Text handed over directly (not read from a file) is bounded by the code point limit.
        String yaml = "a: " + "x".repeat(2_000) + "\n";

        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, yaml, 1_000);

        assertThat(loaded.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("the file exceeds the size limit for workflow files (3145728 characters); split it into smaller workflows."));
    }

    @Test
    void customGlobalTagIsRefusedAndNothingIsConstructed() {
        String yaml = "Workflow:\n  id: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n";

        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, yaml);

        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("javax.script.ScriptEngineManager").contains("Custom tags are not allowed");
            assertThat(p.line()).isEqualTo(2);
        });
    }

    @Test
    void localTagIsRefusedWithItsPosition() {
        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, "a: 1\nb: !custom value\n");

        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("the tag !custom is not allowed");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(4);
        });
    }

    @Test
    void duplicateKeysAreRefusedAtTheSecondKey() {
        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, "a:\n  b: 1\n  c: 2\n  b: 3\n");

        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.format()).isEqualTo("wf.sch.yaml:4:3: duplicate key 'b' (first defined at line 2); remove one of them.");
        });
    }

    @Test
    void syntaxErrorsPointAtLineAndColumn() {
        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, "a:\n  b: [1, 2\n  c: 3\n");

        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("invalid YAML:").endsWith("Fix the syntax at this position.");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void aFewAliasesAreFine() {
        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, "a: &x [1, 2]\nb: *x\nc: *x\n");

        assertThat(loaded.ok()).isTrue();
        assertThat(loaded.document().scalars()).extracting(n -> n.getValue()).containsExactly("a", "1", "2", "b", "c");
    }

    /**
     * 48 aliases, below the alias limit, in a file of under 600 bytes: expanded, parameter L16 alone is 3^16 (43
     * million) empty lists, which exhausted any heap before the expanded size was bounded. Tagged to run in a JVM
     * of 256 MB (the dataflow-core pom's small-heap execution), where it must fail fast with a message instead.
     */
    @Test
    @Tag("small-heap")
    void anAliasBombBelowTheAliasLimitIsRefusedBeforeAnythingIsExpanded() throws Exception {
        StringBuilder yaml = nestedTriples(16).append("  jobs:\n    - job: {id: a, type: NoOp}\n");
        Path bomb = Files.writeString(dir.resolve("bomb.sch.yaml"), yaml);
        assertThat(Files.size(bomb)).isLessThan(600);
        assertThat(yaml.chars().filter(c -> c == '*').count()).isEqualTo(48);

        ParsedWorkflow parsed = WorkflowParser.parse(bomb);

        assertThat(parsed.workflow()).isNull();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(bomb);
            assertThat(p.message()).isEqualTo("the YAML holds more than 1000000 values once its aliases are expanded"
                    + " (the limit for workflow files); the value anchored here as &l12 expands to 797161 values."
                    + " Write the values out instead of repeating them through aliases.");
            assertThat(p.line()).isEqualTo(16);
        });
    }

    /** A workflow whose params are L0, an empty list, and L1 to L{levels}, each three aliases to the one before. */
    private static StringBuilder nestedTriples(int levels) {
        StringBuilder yaml = new StringBuilder("Workflow:\n  id: aliases\n  params:\n    L0: &l0 []\n");
        for (int level = 1; level <= levels; level++) {
            String previous = "*l" + (level - 1);
            yaml.append("    L").append(level).append(": &l").append(level)
                    .append(" [").append(previous).append(", ").append(previous).append(", ").append(previous).append("]\n");
        }
        return yaml;
    }

    /** The bound is low enough that a document just under it is expanded by the parser within a 256 MB heap. */
    @Test
    @Tag("small-heap")
    void aDocumentJustUnderTheExpandedLimitIsParsedInASmallHeap() throws Exception {
        StringBuilder yaml = nestedTriples(11);
        // L0..L11 expand to about 398,600 nodes, this list to 531,441 more: about 930,000 of the 1,000,000 allowed.
        yaml.append("    L12: [*l11, *l11]\n  jobs:\n    - job: {id: a, type: NoOp}\n");

        ParsedWorkflow parsed = WorkflowParser.parse(Files.writeString(dir.resolve("big.sch.yaml"), yaml));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.workflow().params().get("L12").value()).asList().hasSize(2);
    }

    @Test
    void theExpandedSizeCountsEveryNodeEachAliasRepeats() {
        // Root mapping, 'a', [x, y] (3 nodes), 'b', and [*a, *a] (1 + 3 + 3): 13 nodes once expanded.
        String yaml = "a: &a [x, y]\nb: [*a, *a]\n";

        assertThat(SafeYamlLoader.compose(FILE, yaml, 1_000, 13).ok()).isTrue();
        SafeYamlLoader.Loaded over = SafeYamlLoader.compose(FILE, yaml, 1_000, 12);

        assertThat(over.document()).isNull();
        assertThat(over.problems()).singleElement().satisfies(p -> assertThat(p.format()).isEqualTo(
                "wf.sch.yaml:2:4: the YAML holds more than 12 values once its aliases are expanded (the limit for workflow"
                        + " files). Write the values out instead of repeating them through aliases."));
    }

    @Test
    void aDocumentLargerThanTheLimitWithoutAliasesIsToldToSplit() {
        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, "a: 1\nb: 2\nc: [1, 2, 3]\n", 1_000, 7);

        assertThat(loaded.problems()).singleElement().satisfies(p -> assertThat(p.format()).isEqualTo(
                "wf.sch.yaml:3:4: the YAML holds more than 7 values once its aliases are expanded (the limit for workflow"
                        + " files); split it into smaller workflows (use subworkflow jobs)."));
    }

    @Test
    void aRecursiveAliasIsCountedOnceAndLeftToTheParserToRefuse() {
        ParsedWorkflow parsed = WorkflowParser.parse(FILE, """
                Workflow:
                  id: loop
                  params:
                    A: &a [x, *a]
                  jobs:
                    - job: {id: a, type: NoOp}
                """);

        assertThat(parsed.problems()).singleElement().satisfies(p -> assertThat(p.format())
                .isEqualTo("wf.sch.yaml:4:8: a YAML alias refers to a value that contains itself; write the value out."));
    }

    @Test
    void nullIsRecognisedExactlyAsSnakeYamlDoesAndEverythingElseStaysText() {
        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, """
                a:
                b: ~
                c: null
                d: Null
                e: NULL
                f: "null"
                g: nul
                h: 'NULL'
                i: 12
                j: true
                k: 2024-01-01
                """);

        assertThat(loaded.document().scalars()).filteredOn(node -> node.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL))
                .extracting(node -> node.getStartMark().getLine() + 1).containsExactly(1, 2, 3, 4, 5);
        assertThat(loaded.document().scalars()).filteredOn(node -> node.getTag().equals(org.yaml.snakeyaml.nodes.Tag.STR))
                .hasSize(11 + 6);
    }

    @Test
    void malformedUtf8IsRefusedButAReplacementCharacterWrittenInTheFileIsText() throws Exception {
        Path malformed = dir.resolve("malformed.sch.yaml");
        Files.write(malformed, "Workflow:\n  id: \"a".getBytes(StandardCharsets.UTF_8));
        Files.write(malformed, new byte[] {(byte) 0xff, '"', '\n'}, java.nio.file.StandardOpenOption.APPEND);
        Path replacement = Files.writeString(dir.resolve("replacement.sch.yaml"), "Workflow:\n  id: \"a\uFFFDb\"\n");

        assertThat(SafeYamlLoader.load(malformed).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("the file is not valid UTF-8 text. Save it as UTF-8."));
        SafeYamlLoader.Loaded text = SafeYamlLoader.load(replacement);
        assertThat(text.ok()).isTrue();
        assertThat(text.document().scalars()).extracting(node -> node.getValue()).contains("a\uFFFDb");
    }

    @Test
    void duplicateKeysAreFoundInLargeMappingsToo() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            yaml.append("k").append(i % 30).append(": v").append(i).append('\n');
        }

        SafeYamlLoader.Loaded loaded = SafeYamlLoader.compose(FILE, yaml.toString());

        assertThat(loaded.problems()).hasSize(10).first().satisfies(p -> assertThat(p.format())
                .isEqualTo("wf.sch.yaml:31:1: duplicate key 'k0' (first defined at line 1); remove one of them."));
    }
}
