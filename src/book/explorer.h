/* explorer.h — the data of an interactive explorer in the report.
 *
 * A chapter program writes what an explorer shows (grids, curves, labels)
 * as NAME.explorer.json in its output folder; `@explorer NAME` in chapter.md
 * inlines it beside a figure, and the small script src/book/explorer.js
 * (one copy a page) draws it: it only looks numbers up, never computes them,
 * except the "bars" kind, whose formulas tests/browser checks against the
 * library.  The file is one flat JSON object of keys (identifiers) to
 * numbers, strings and arrays of numbers; +inf and -inf are written as
 * 1e999 and -1e999 (JSON.parse reads them as Infinity), a NaN is refused.
 *
 *     struct book_explorer *e = book_explorer_open(b, "map", "map");
 *     book_explorer_text(e, "xname", "μ");
 *     book_explorer_array(e, "x", mu, nmu, 6);
 *     book_explorer_close(e);
 *
 * Every failure (a bad key, a duplicate key, a NaN, a write error) ends the
 * program through book_fail.  Which keys a kind reads is documented at the
 * top of src/book/explorer.js. */
#ifndef BOOK_EXPLORER_H
#define BOOK_EXPLORER_H

#include <stddef.h>

struct book;
struct book_explorer;

/* Starts NAME.explorer.json (NAME: letters, digits and '-') of KIND ("map",
 * "curve", "bars" or "fit").  Never returns NULL; freed by book_explorer_close. */
struct book_explorer *book_explorer_open(struct book *b, const char *name,
                                         const char *kind);

/* KEY = TEXT (UTF-8, escaped for JSON and for an HTML <script> block). */
void book_explorer_text(struct book_explorer *e, const char *key,
                        const char *text);

/* KEY = V, with 17 significant digits. */
void book_explorer_number(struct book_explorer *e, const char *key, double v);

/* KEY = [V[0], ..., V[N-1]], each with SIG significant digits (1 to 17). */
void book_explorer_array(struct book_explorer *e, const char *key,
                         const double *v, size_t n, int sig);

/* The standard normal density on [-8, 8] in steps of 0.01 (keys shape,
 * shape_lo, shape_step): the shape the map kind places at a grid point's
 * location and scale to draw a normal density. */
void book_explorer_normal_shape(struct book_explorer *e);

/* Ends the object, closes the file and renames it into place; frees E. */
void book_explorer_close(struct book_explorer *e);

#endif
