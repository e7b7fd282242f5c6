package io.dataflow.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pictures of the archetype samples under {@code docs/images/dag/} are what the code draws from the samples as
 * generated (made from the archetypes' own templates with the properties of their ITs). Regenerate them, SVG and PNG, with
 * {@value #COMMAND}.
 */
class SamplePicturesTest {

    static final String REGENERATE = "dataflow.pictures.regenerate";
    static final String COMMAND = "mvn -B -pl dataflow-picture -am test -Dtest=SamplePicturesTest -D" + REGENERATE;
    /** The PNGs are drawn larger than the SVG's own size so that they stay sharp on high-density screens. */
    static final float PNG_SCALE = 1.5f;

    static Stream<Arguments> samples() {
        return Workflows.ARCHETYPES.stream()
                .flatMap(archetype -> Workflows.SAMPLE_NAMES.stream().map(name -> Arguments.of(archetype, name)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void theDocsShowWhatTheSampleDrawsNow(String archetype, String name) throws Exception {
        String svg = new ElkDagPictures().svg(Workflows.load(Workflows.sample(archetype, name))).orElseThrow();

        Path svgFile = Workflows.REPOSITORY.resolve("docs/images/dag/" + archetype + "-" + name + ".svg");
        Path pngFile = svgFile.resolveSibling(archetype + "-" + name + ".png");
        if (regenerate()) {
            Files.createDirectories(svgFile.getParent());
            Files.writeString(svgFile, svg, StandardCharsets.UTF_8);
            Files.write(pngFile, RenderedSvg.parse(svg).pngBytes(PNG_SCALE));
        }
        String outOfDate = Workflows.REPOSITORY.relativize(svgFile) + " is out of date; regenerate the pictures with: "
                + COMMAND;
        assertThat(svgFile).as(outOfDate).exists();
        assertThat(Files.readString(svgFile, StandardCharsets.UTF_8)).as(outOfDate).isEqualTo(svg);
        assertThat(pngFile).as(outOfDate).isNotEmptyFile();
    }

    /** {@code -Ddataflow.pictures.regenerate} or {@code -Ddataflow.pictures.regenerate=true}. */
    private static boolean regenerate() {
        String value = System.getProperty(REGENERATE);
        return value != null && (value.isEmpty() || Boolean.parseBoolean(value));
    }
}
