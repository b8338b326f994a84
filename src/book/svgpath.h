/* svgpath.h — shorter SVG geometry that draws the same picture.
 *
 * gnuplot writes every coordinate with two decimals, absolute, and a curve
 * with a point per sample, however close the samples lie.  These functions
 * rewrite a path's data or a polygon's points: coordinates rounded to a
 * tenth of a unit (a tenth of a pixel in the figures' 900-px viewBoxes),
 * points closer than TOL to the line through their neighbours dropped
 * (Douglas–Peucker), and a path written with relative commands and the
 * fewest characters (h and v for straight moves, no separator before a
 * minus sign or a second decimal point).  The picture differs from the
 * original by at most TOL + 0.05 units anywhere. */
#ifndef BOOK_SVGPATH_H
#define BOOK_SVGPATH_H

#include <stddef.h>
#include <stdio.h>

/* Writes the path data D (N bytes: gnuplot's commands M, L and Z or z with
 * absolute coordinates, separated by spaces, commas or line breaks) to OUT,
 * shortened as above; returns 0.  Returns -1 and writes nothing when D holds
 * anything else (another command, a bad number): the caller keeps D. */
int book_svg_path(FILE *out, const char *d, size_t n, double tol);

/* The same for a polygon's points P (N bytes of "x,y" pairs): written as
 * absolute pairs, since points have no relative form; 0, or -1 and
 * nothing written. */
int book_svg_points(FILE *out, const char *p, size_t n, double tol);

/* Path data for N dots at XY[0], XY[1], ... XY[2N-1] (rounded to tenths):
 * a segment of no length at each, "M x y h0 m dx dy h0 ...", which a stroke
 * with round caps draws as a disc of the stroke's width, in the order given. */
void book_svg_dots(FILE *out, const double *xy, size_t n);

/* Writes V rounded to a tenth, in the fewest characters ("12", "-.5",
 * "3.1"). */
void book_svg_tenths(FILE *out, double v);

#endif
