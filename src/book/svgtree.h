/* svgtree.h — an inline SVG figure in fewer elements and attributes, the
 * same picture.
 *
 * gnuplot wraps nearly every mark in a group of its own that sets the
 * stroke, fill, colour and width again (a tick: a group for its line, and
 * one more for its label, which only moves it), and repeats attributes at
 * the values the mark would inherit anyway.  book_svg_flatten reads the
 * figure as a tree and writes it back with
 *
 *  - a group of presentation attributes only (inherited properties: fill,
 *    stroke, colour, the stroke's width, caps, joins and dashes, opacities
 *    of fill and stroke, the font and the text's anchor) replaced by its
 *    children when giving each child the attributes it needs is shorter
 *    than the group;
 *  - a group that only translates one <text> replaced by the text at x, y
 *    (the same numbers);
 *  - a definition (a marker, a text box's filter) that nothing refers to
 *    left out: gnuplot defines seventeen in every figure;
 *  - an attribute left out where it changes nothing: the value its parent
 *    gives already, a stroke's width, caps, joins or dashes where nothing
 *    below is stroked, a colour where nothing below draws in currentColor,
 *    a font on a mark that holds no text, and the initial values that no
 *    style sheet rule selects (stroke-width 1, butt caps, miter joins,
 *    text-anchor start, opacities 1).
 *
 * It leaves alone what it cannot see through: <defs>, patterns, filters
 * and markers (used elsewhere, they inherit there), a group with any other
 * attribute (transform, style, opacity, id, class...) or with a title, and
 * every attribute of a <use> target.  report.css restyles the figures by
 * attribute value (the dark theme): moving an attribute from a group to
 * its children, or dropping one equal to the inherited value, keeps the
 * computed colours, and the one element-type rule (an opaque key box, a
 * polygon with fill #FFFFFF) keeps its attribute. */
#ifndef BOOK_SVGTREE_H
#define BOOK_SVGTREE_H

#include <stddef.h>
#include <stdio.h>

/* Writes the N bytes of SVG at S (an <svg> element, as put_svg writes it)
 * to OUT, shortened as above; returns 0.  Returns -1 and writes nothing if
 * S is not the well-formed tree it expects. */
int book_svg_flatten(FILE *out, const char *s, size_t n);

#endif
