/* params.h — a chapter's parameters: the knobs its reader turns, in
 * chapters/NN-slug/params, one a line:
 *
 *     NAME = VALUE        # what it is; TYPE in RANGE[, N to M of them][, increasing]
 *
 * TYPE is "integer" or "real" for one value, "integers" or "reals" for a
 * comma-separated list; RANGE is an interval "[lo, hi]", "(lo, hi]",
 * "[lo, hi)" or "(lo, hi)".  A list takes 1 to 64 entries unless it says
 * "N to M of them" (or "N of them"), and "increasing" asks for strictly
 * increasing entries.  Blank lines and lines starting with '#' are comments.
 * Example:
 *
 *     SIZES = 2, 3, 10, 100   # alphabet sizes K; integers in [2, 100], 1 to 6 of them, increasing
 *     ALPHA = 1               # Dirichlet concentration; real in [0.05, 20]
 *
 * A build may override values with words NAME=VALUE (make chapter-NN
 * SET='ALPHA=0.1'); an override is checked against the same declaration.
 *
 * Every function that can fail writes a one-line message to ERR (of ERRSIZE
 * bytes) naming the parameter, where it was given (file:line or "SET
 * NAME=VALUE") and the valid range, and returns -1; 0 on success.  Nothing
 * here prints or exits: src/book/book.c and the params tool decide. */
#ifndef BOOK_PARAMS_H
#define BOOK_PARAMS_H

#include <stddef.h>

enum { BOOK_PARAM_MAX_LIST = 64 };

struct book_param {
    char *name;
    int integer;            /* integers (1) or reals (0) */
    int list;               /* a comma-separated list (1) or one value */
    double lo, hi;          /* the interval */
    int lo_open, hi_open;   /* 1 where the bound is excluded */
    size_t min_n, max_n;    /* list lengths (1, 1 for a scalar) */
    int increasing;         /* list entries strictly increasing */
    double *v;              /* the values, n of them */
    size_t n;
    char *description;      /* the comment before ';' */
    char *where;            /* "FILE:LINE" or "SET NAME=VALUE" */
    int used;               /* read by the program (book.c sets it) */
};

struct book_params {
    struct book_param *p;
    size_t n;
    char *path;
};

/* Reads and checks the declarations in PATH into PS (zeroed by the caller;
 * free with book_params_free even on failure). */
int book_params_read(const char *path, struct book_params *ps, char *err,
                     size_t errsize);

/* Overrides one parameter with the word NAME=VALUE. */
int book_params_set(struct book_params *ps, const char *word, char *err,
                    size_t errsize);

/* The parameter NAME, or NULL. */
struct book_param *book_params_find(const struct book_params *ps,
                                    const char *name);

/* Writes the declared type and range of P, as the params file states it
 * ("a real in (0, 20]", "2 to 6 integers in [2, 100], increasing"), to BUF;
 * returns BUF. */
char *book_param_range(const struct book_param *p, char *buf, size_t size);

/* Writes the values of P as a params file line would ("2, 3, 10"); returns
 * BUF.  Reals take the fewest digits that read back as the same double. */
char *book_param_text(const struct book_param *p, char *buf, size_t size);

/* Writes V as a params file would: an integer plainly, a real in the fewest
 * digits that read back as the same double ("0.05", "100", "1e-06");
 * returns BUF (SIZE >= 32). */
char *book_param_number(double v, int integer, char *buf, size_t size);

void book_params_free(struct book_params *ps);

#endif
