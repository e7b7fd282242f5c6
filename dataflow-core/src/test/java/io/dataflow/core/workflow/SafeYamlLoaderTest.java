package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
