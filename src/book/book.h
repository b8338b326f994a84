/* book.h — the workbook machinery a chapter program uses: the numbers its
 * prose quotes (values.tsv), the derivations it checks (claims.tsv), its data
 * files, the numbers its figures need (values.gp, gnuplot variables) and its
 * parameters (chapters/NN-slug/params, read with book_param_*).
 *
 * Usage, in a chapter program:
 *
 *     struct book *b = book_open("01-entropy", argc, argv);
 *     long draws = book_param_int(b, "DRAWS");
 *     FILE *f = book_data(b, "bernoulli.tsv", "H(Bern(p)) in bits", "p\tH");
 *     ... fprintf(f, ...); book_close_file(b, f);
 *     book_value(b, "h_max", hmax, 4);
 *     book_plot_value(b, "h_max", hmax);     (for chapters/NN-slug/fig-*.gp)
 *     book_claim_rel(b, "quadrature", "closed form = quadrature", exact, quad,
 *                    1e-10);
 *     return book_close(b);
 *
 * Every file is written to NAME.tmp in the chapter's output folder and renamed
 * into place only when it is complete, so a failed run leaves no half-written
 * file; values.tsv is written last, and only when every claim holds.  Any
 * failure (an unwritable file, a duplicate value name) ends the program with
 * one line "SLUG: <what is wrong>" on stderr and exit status 1.
 */
#ifndef BOOK_H
#define BOOK_H

#include <stdio.h>

struct book;

/* Starts chapter SLUG from its command line
 *
 *     SLUG [--params FILE] [OUTPUT-FOLDER] [NAME=VALUE ...]
 *
 * The output folder defaults to output/SLUG and is created if missing; the
 * parameters are read from FILE (default chapters/SLUG/params, see
 * src/book/params.h) and overridden by the NAME=VALUE words.  A bad
 * parameter ends the program with one line naming it, where it was given and
 * its valid range.  Every parameter becomes a value the prose can quote
 * ({{NAME}}: lists as "2, 3, 10 and 100", and {{NAME.n}} their count) and a
 * variable of values.gp (lists as a string of words, for gnuplot's word()).
 * Also switches GSL's aborting error handler off.  Never returns NULL. */
struct book *book_open(const char *slug, int argc, char **argv);

/* Parameters, by their declared type.  Asking for a name the params file
 * does not declare, or with the wrong type (an integer getter on a real, a
 * scalar getter on a list), is a programming error and fails the program.
 * book_param_*_list copy the values into OUT, which holds MAX entries (the
 * declaration's largest count must fit), and return how many there are.
 * book_close fails if a declared parameter was never read. */
long book_param_int(struct book *b, const char *name);
double book_param_real(struct book *b, const char *name);
size_t book_param_int_list(struct book *b, const char *name, long *out,
                           size_t max);
size_t book_param_real_list(struct book *b, const char *name, double *out,
                            size_t max);

/* Refuses a setting the chapter cannot honour although each value is in its
 * declared range (a combination, say): "SLUG: WHERE: NAME = VALUE: <why>",
 * exit 1. */
void book_param_refuse(struct book *b, const char *name, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));

/* Prints "SLUG: <message>" to stderr, removes the files not yet complete and
 * exits with status 1. */
void book_fail(struct book *b, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

/* malloc(N) that ends the program with "SLUG: out of memory" on failure. */
void *book_malloc(struct book *b, size_t n);

/* Opens NAME in the output folder for writing (through NAME.tmp). */
FILE *book_file(struct book *b, const char *name);

/* Closes F, checks that every write succeeded and renames it into place. */
void book_close_file(struct book *b, FILE *f);

/* A data file for gnuplot: opens NAME and writes a header of comment lines,
 * "# DESCRIPTION" and "# COLUMNS" (tab-separated column names). */
FILE *book_data(struct book *b, const char *name, const char *description,
                const char *columns);

/* Values quoted in the prose, as {{NAME}} in chapter.md.  A name may be set
 * once.  book_value writes V with SIG significant digits (trailing zeros
 * dropped), a true minus sign and "a × 10^n^" outside [1e-4, 1e6);
 * book_value_fixed with DECIMALS digits after the point; book_value_int with
 * thousands separators; book_value_text verbatim. */
void book_value(struct book *b, const char *name, double v, int sig);
void book_value_fixed(struct book *b, const char *name, double v, int decimals);
void book_value_int(struct book *b, const char *name, long long v);
void book_value_text(struct book *b, const char *name, const char *text);

/* Numbers for the figure scripts: NAME = V (all 17 digits) or NAME = "TEXT"
 * in values.gp, which every chapters/NN-slug/fig-*.gp loads.  NAME must be a
 * gnuplot identifier; a name may be set once. */
void book_plot_value(struct book *b, const char *name, double v);
void book_plot_text(struct book *b, const char *name, const char *text);

/* Claims: a derivation checked by numbers.  Each records a row of the
 * chapter's claims table; book_close() fails the program if any does not hold.
 * A claim compares two computations that could disagree, and METHOD says in
 * a word or two (at most 24 bytes) what the observed value was checked
 * against: "quadrature", "Monte Carlo", "GSL", "exact", "closed form",
 * "series", "brute force", "bound"...
 *   abs:   |observed - expected| <= tol
 *   rel:   |observed - expected| <= tol |expected|
 *   le/ge: observed <= bound + slack / observed >= bound - slack
 *   sigma: |observed - expected| <= k * stderr (a Monte Carlo estimate)
 * NaN never passes.  Each returns 1 if the claim holds, else 0.  The macros
 * record the call's file:line, which a failing claim reports. */
#define book_claim_abs(b, method, text, expected, observed, tol)            \
    book_claim_abs_at(b, __FILE__, __LINE__, method, text, expected,      \
                      observed, tol)
#define book_claim_rel(b, method, text, expected, observed, tol)            \
    book_claim_rel_at(b, __FILE__, __LINE__, method, text, expected,      \
                      observed, tol)
#define book_claim_le(b, method, text, observed, bound, slack)              \
    book_claim_le_at(b, __FILE__, __LINE__, method, text, observed, bound, \
                     slack)
#define book_claim_ge(b, method, text, observed, bound, slack)              \
    book_claim_ge_at(b, __FILE__, __LINE__, method, text, observed, bound, \
                     slack)
#define book_claim_sigma(b, method, text, expected, observed, stderr_, k)   \
    book_claim_sigma_at(b, __FILE__, __LINE__, method, text, expected,    \
                        observed, stderr_, k)
int book_claim_abs_at(struct book *b, const char *file, int line,
                      const char *method, const char *text, double expected,
                      double observed, double tol);
int book_claim_rel_at(struct book *b, const char *file, int line,
                      const char *method, const char *text, double expected,
                      double observed, double tol);
int book_claim_le_at(struct book *b, const char *file, int line,
                     const char *method, const char *text, double observed,
                     double bound, double slack);
int book_claim_ge_at(struct book *b, const char *file, int line,
                     const char *method, const char *text, double observed,
                     double bound, double slack);
int book_claim_sigma_at(struct book *b, const char *file, int line,
                        const char *method, const char *text,
                        double expected, double observed, double stderr_,
                        double k);

/* Writes claims.tsv, params.tsv and (when every claim holds) values.gp and,
 * last, values.tsv.
 * Returns 0 when every claim holds; otherwise prints the failing rows to
 * stderr and returns 1, to be the program's exit status.  Frees B. */
int book_close(struct book *b);

/* Formats V with SIG significant digits into BUF of SIZE bytes and returns
 * BUF.  With MARKDOWN, as book_value does (U+2212 minus, "a × 10^n^");
 * without, plain ASCII for a terminal ("-2.5e-7"). */
char *book_format(double v, int sig, int markdown, char *buf, size_t size);

/* Formats V as book_value_int does (thousands separators, U+2212 minus)
 * into BUF of SIZE bytes and returns BUF. */
char *book_format_int(long long v, char *buf, size_t size);

#endif
