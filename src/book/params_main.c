/* params — the parameter files of the chapters, from the command line.
 *
 *   params check FILE            read FILE and report its first error
 *   params sweep FILE N SEED     print N random settings of FILE's
 *                                parameters, one a line as NAME=VALUE words
 *
 * A sweep setting changes each parameter with probability 1/2 (at least
 * one), drawing from its declared range: uniformly, or uniformly in the
 * logarithm where a positive range spans two decades or more; a list gets
 * a random length (up to two more entries than its default) and, if it must
 * increase, sorted distinct entries.  Every word printed passes the same
 * check as the chapter program's.  The draws come from GSL's MT19937
 * seeded with SEED, so a sweep is repeatable.
 *
 * Exit status: 0, 1 for a bad FILE (one line on stderr), 2 for bad usage. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>

#include "params.h"

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double draw_one(gsl_rng *r, const struct book_param *p)
{
    double lo = p->lo, hi = p->hi, x;
    if (lo > 0 && hi / lo >= 100)
        x = exp(log(lo) + gsl_rng_uniform(r) * (log(hi) - log(lo)));
    else
        x = lo + gsl_rng_uniform(r) * (hi - lo);
    if (p->integer)
        return round(x);
    char buf[32];
    snprintf(buf, sizeof buf, "%.3g", x); /* short values, as a reader types */
    return strtod(buf, NULL);
}

/* Writes a random NAME=VALUE word for P to WORD; 0 when it passes the
 * declaration's check, made on CHECK (a second copy of the file, whose values
 * it may overwrite), -1 otherwise. */
static int draw_word(gsl_rng *r, struct book_params *check,
                     const struct book_param *p, char *word, size_t size)
{
    double v[BOOK_PARAM_MAX_LIST];
    size_t top = p->n + 2 > p->max_n ? p->max_n : p->n + 2;
    if (top < p->min_n)
        top = p->min_n;
    size_t n = p->list ? p->min_n + gsl_rng_uniform_int(r, top - p->min_n + 1)
                       : 1;
    for (size_t i = 0; i < n; i++)
        v[i] = draw_one(r, p);
    if (p->increasing)
        qsort(v, n, sizeof *v, compare_doubles);
    size_t j = (size_t)snprintf(word, size, "%s=", p->name);
    for (size_t i = 0; i < n && j < size; i++)
        j += (size_t)snprintf(word + j, size - j, "%s%.15g", i ? "," : "", v[i]);
    char err[4608];
    return j < size && book_params_set(check, word, err, sizeof err) == 0 ? 0
                                                                          : -1;
}

static int sweep(const struct book_params *ps, struct book_params *check,
                 long count, unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r == NULL) {
        fputs("params: out of memory\n", stderr);
        return 1;
    }
    gsl_rng_set(r, seed);
    for (long k = 0; k < count; k++) {
        int changed = 0;
        char line[8192] = "";
        size_t j = 0;
        while (!changed && ps->n > 0) {
            for (size_t i = 0; i < ps->n; i++) {
                const struct book_param *p = &ps->p[i];
                char word[2048];
                if (gsl_rng_uniform(r) >= 0.5)
                    continue;
                int tries = 0;
                while (draw_word(r, check, p, word, sizeof word) != 0)
                    if (++tries == 1000) {
                        fprintf(stderr, "params: cannot draw a valid value "
                                "of %s\n", p->name);
                        gsl_rng_free(r);
                        return 1;
                    }
                j += (size_t)snprintf(line + j, sizeof line - j, "%s%s",
                                      changed ? " " : "", word);
                changed = 1;
            }
        }
        printf("%s\n", line);
    }
    gsl_rng_free(r);
    return 0;
}

int main(int argc, char **argv)
{
    struct book_params ps = {0};
    char err[4608];
    if (argc < 3 || (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "sweep") != 0) ||
        (strcmp(argv[1], "check") == 0 && argc != 3) ||
        (strcmp(argv[1], "sweep") == 0 && argc != 5)) {
        fputs("usage: params check FILE\n"
              "       params sweep FILE N SEED\n", stderr);
        return 2;
    }
    if (book_params_read(argv[2], &ps, err, sizeof err) != 0) {
        fprintf(stderr, "params: %s\n", err);
        book_params_free(&ps);
        return 1;
    }
    int status = 0;
    if (strcmp(argv[1], "sweep") == 0) {
        char *e1, *e2;
        long n = strtol(argv[3], &e1, 10);
        unsigned long seed = strtoul(argv[4], &e2, 10);
        if (*e1 != '\0' || *e2 != '\0' || n < 0) {
            fputs("params: N and SEED are non-negative integers\n", stderr);
            status = 2;
        } else {
            struct book_params check = {0};
            if (book_params_read(argv[2], &check, err, sizeof err) != 0) {
                fprintf(stderr, "params: %s\n", err);
                status = 1;
            } else {
                status = sweep(&ps, &check, n, seed);
            }
            book_params_free(&check);
        }
    }
    book_params_free(&ps);
    return status;
}
