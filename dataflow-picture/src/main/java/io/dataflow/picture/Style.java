package io.dataflow.picture;

/**
 * Sizes of the text and boxes the layout reserves and the SVG draws: one place, so that what ELK sizes is what
 * the picture shows. Text is monospaced so that its width follows from its length on every machine (the layout
 * does not depend on the fonts installed where it runs) and labels are never clipped.
 */
final class Style {

    static final String FONT_FAMILY = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";
    static final double TITLE_SIZE = 12;
    static final double LINE_SIZE = 11;
    static final double HEADING_SIZE = 15;
    /** Advance of one character as a share of the font size: 0.602 for DejaVu Sans Mono, 0.6 for most others. */
    private static final double ADVANCE = 0.62;
    static final double LINE_GAP = 4;
    static final double PAD_X = 10;
    static final double PAD_Y = 8;
    /** Margin around the whole picture. */
    static final double MARGIN = 16;

    private Style() {}

    static double width(String text, double fontSize) {
        return text.codePointCount(0, text.length()) * fontSize * ADVANCE;
    }

    /** Height of a title line plus the lines below it, without padding. */
    static double textHeight(int lines) {
        return TITLE_SIZE + lines * (LINE_SIZE + LINE_GAP);
    }

    /** Width of a title line and the lines below it, without padding. */
    static double textWidth(String title, Iterable<String> lines) {
        double width = width(title, TITLE_SIZE);
        for (String line : lines) {
            width = Math.max(width, width(line, LINE_SIZE));
        }
        return width;
    }
}
