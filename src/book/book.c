#define _POSIX_C_SOURCE 200809L
#include "book.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <gsl/gsl_errno.h>

#include "params.h"

#define MINUS "\xe2\x88\x92" /* U+2212 MINUS SIGN */

struct open_file {
    FILE *f;
    char *path;     /* final path */
    char *tmp;      /* path being written */
};

struct value {
    char *name, *text;
};

/* How a claim compares its two numbers. */
enum claim_kind { CLAIM_ABS, CLAIM_REL, CLAIM_LE, CLAIM_GE, CLAIM_SIGMA };

struct claim {
    int kind;                   /* enum claim_kind */
    char *text, *method;
    const char *file;           /* __FILE__ of the call */
    int line;
    double expected;            /* or the bound */
    double observed;
    double tol;                 /* tolerance, slack or k (in SE) */
    double se;                  /* the standard error of a Monte Carlo claim */
    int pass;
};

/* |observed - expected|, relative to |expected| for a relative claim whose
 * expected value is not zero. */
static double claim_difference(const struct claim *c)
{
    double d = fabs(c->observed - c->expected);
    return c->kind == CLAIM_REL && c->expected != 0.0 ? d / fabs(c->expected) : d;
}

/* How far a bound claim's observed value lies outside its bound (negative
 * inside). */
static double claim_over(const struct claim *c)
{
    return c->kind == CLAIM_LE ? c->observed - c->expected
                        : c->expected - c->observed;
}

struct book {
    char *slug, *dir;
    struct book_params params;
    struct open_file *files;
    size_t nfiles, capfiles;
    struct value *values;
    size_t nvalues, capvalues;
    struct claim *claims;
    size_t nclaims, capclaims;
    struct value *plots;        /* values.gp: name, gnuplot expression */
    size_t nplots, capplots;
};

static void *grow(struct book *b, void *ptr, size_t *cap, size_t need,
                  size_t elem)
{
    if (need <= *cap)
        return ptr;
    size_t ncap = *cap ? 2 * *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(ptr, ncap * elem);
    if (p == NULL)
        book_fail(b, "out of memory");
    *cap = ncap;
    return p;
}

static char *xstrdup(struct book *b, const char *s)
{
    char *d = strdup(s);
    if (d == NULL)
        book_fail(b, "out of memory");
    return d;
}

static char *xprintf(struct book *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static char *xprintf(struct book *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    if (s == NULL)
        book_fail(b, "out of memory");
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static int mkdirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == '\0') {
            char c = buf[i];
            buf[i] = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            buf[i] = c;
        }
    }
    return 0;
}

static void add_value(struct book *b, const char *name, const char *text);
static void format_int(long long v, char *buf);
static void add_plot(struct book *b, const char *name, const char *expr);

/* Every parameter as a value of the prose and a variable of values.gp. */
static void publish_params(struct book *b)
{
    for (size_t i = 0; i < b->params.n; i++) {
        const struct book_param *p = &b->params.p[i];
        char text[2048] = "", word[64], md[128], name[80];
        size_t j = 0;
        for (size_t k = 0; k < p->n; k++) {
            if (p->integer)
                format_int((long long)p->v[k], md);
            else
                book_format(p->v[k], 15, 1, md, sizeof md);
            j += (size_t)snprintf(text + j, sizeof text - j, "%s%s",
                                  k == 0 ? "" : k + 1 == p->n ? " and " : ", ",
                                  md);
            if (j >= sizeof text)
                book_fail(b, "parameter %s is too long to quote", p->name);
        }
        add_value(b, p->name, text);
        snprintf(name, sizeof name, "%s.n", p->name);
        snprintf(md, sizeof md, "%zu", p->n);
        add_value(b, name, md);
        if (!p->list) {
            snprintf(word, sizeof word, "%.17g", p->v[0]);
            add_plot(b, p->name, word);
        } else {
            char list[2048] = "\"";
            j = 1;
            for (size_t k = 0; k < p->n && j < sizeof list; k++)
                j += (size_t)snprintf(list + j, sizeof list - j, "%s%s",
                                      k ? " " : "",
                                      book_param_number(p->v[k], p->integer,
                                                        word, sizeof word));
            if (j + 2 >= sizeof list)
                book_fail(b, "parameter %s is too long for values.gp", p->name);
            strcat(list, "\"");
            add_plot(b, p->name, list);
        }
    }
}

struct book *book_open(const char *slug, int argc, char **argv)
{
    gsl_set_error_handler_off();
    struct book *b = calloc(1, sizeof *b);
    if (b == NULL) {
        fprintf(stderr, "%s: out of memory\n", slug);
        exit(1);
    }
    b->slug = strdup(slug);
    if (b->slug == NULL) {
        fprintf(stderr, "%s: out of memory\n", slug);
        exit(1);
    }
    const char *params = NULL, *dir = NULL;
    int first_set = argc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--params") == 0 && i + 1 < argc && params == NULL)
            params = argv[++i];
        else if (strchr(argv[i], '=') == NULL && argv[i][0] != '-' &&
                 dir == NULL && first_set == argc)
            dir = argv[i];
        else if (strchr(argv[i], '=') != NULL && argv[i][0] != '-') {
            if (first_set == argc)
                first_set = i;
        } else
            book_fail(b, "usage: %s [--params FILE] [OUTPUT-FOLDER] "
                      "[NAME=VALUE ...]", slug);
    }
    b->dir = dir ? xstrdup(b, dir) : xprintf(b, "output/%s", slug);
    char *path = params ? xstrdup(b, params)
                        : xprintf(b, "chapters/%s/params", slug);
    char err[4608];
    if (book_params_read(path, &b->params, err, sizeof err) != 0)
        book_fail(b, "%s", err);
    free(path);
    for (int i = first_set; i < argc; i++)
        if (book_params_set(&b->params, argv[i], err, sizeof err) != 0)
            book_fail(b, "%s", err);
    if (mkdirs(b->dir) != 0)
        book_fail(b, "cannot create folder %s: %s", b->dir, strerror(errno));
    publish_params(b);
    return b;
}

/* The declared parameter NAME, checked against the type a getter expects. */
static struct book_param *param(struct book *b, const char *name, int integer,
                                int list)
{
    struct book_param *p = book_params_find(&b->params, name);
    if (p == NULL)
        book_fail(b, "the program reads parameter %s, which %s does not "
                  "declare", name, b->params.path);
    if (p->integer != integer || p->list != list)
        book_fail(b, "parameter %s is declared in %s as %s%s, but the program "
                  "reads it as %s%s", name, b->params.path,
                  p->list ? "a list of " : "", p->integer ? "integers" : "reals",
                  list ? "a list of " : "", integer ? "integers" : "reals");
    p->used = 1;
    return p;
}

long book_param_int(struct book *b, const char *name)
{
    return (long)param(b, name, 1, 0)->v[0];
}

double book_param_real(struct book *b, const char *name)
{
    return param(b, name, 0, 0)->v[0];
}

static size_t list_fits(struct book *b, const struct book_param *p, size_t max)
{
    if (p->max_n > max)
        book_fail(b, "parameter %s allows %zu values (%s), but the program "
                  "holds only %zu", p->name, p->max_n, b->params.path, max);
    return p->n;
}

size_t book_param_int_list(struct book *b, const char *name, long *out,
                           size_t max)
{
    const struct book_param *p = param(b, name, 1, 1);
    size_t n = list_fits(b, p, max);
    for (size_t i = 0; i < n; i++)
        out[i] = (long)p->v[i];
    return n;
}

size_t book_param_real_list(struct book *b, const char *name, double *out,
                            size_t max)
{
    const struct book_param *p = param(b, name, 0, 1);
    size_t n = list_fits(b, p, max);
    memcpy(out, p->v, n * sizeof *out);
    return n;
}

void book_param_refuse(struct book *b, const char *name, const char *fmt, ...)
{
    struct book_param *p = book_params_find(&b->params, name);
    if (p == NULL)
        book_fail(b, "book_param_refuse: no parameter %s", name);
    char why[1024], text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    book_fail(b, "%s: %s = %s: %s", p->where, name,
              book_param_text(p, text, sizeof text), why);
}

void book_fail(struct book *b, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", b->slug);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    for (size_t i = 0; i < b->nfiles; i++) {
        if (b->files[i].f != NULL) {
            fclose(b->files[i].f);
            remove(b->files[i].tmp);
        }
    }
    exit(1);
}

void *book_malloc(struct book *b, size_t n)
{
    void *p = malloc(n > 0 ? n : 1);
    if (p == NULL)
        book_fail(b, "out of memory");
    return p;
}

FILE *book_file(struct book *b, const char *name)
{
    if (name[0] == '\0' || strchr(name, '/') != NULL)
        book_fail(b, "bad output file name '%s'", name);
    b->files = grow(b, b->files, &b->capfiles, b->nfiles + 1, sizeof *b->files);
    struct open_file *of = &b->files[b->nfiles];
    of->path = xprintf(b, "%s/%s", b->dir, name);
    of->tmp = xprintf(b, "%s/%s.tmp", b->dir, name);
    of->f = fopen(of->tmp, "w");
    if (of->f == NULL)
        book_fail(b, "cannot write %s: %s", of->tmp, strerror(errno));
    b->nfiles++;
    return of->f;
}

void book_close_file(struct book *b, FILE *f)
{
    for (size_t i = 0; i < b->nfiles; i++) {
        struct open_file *of = &b->files[i];
        if (of->f != f)
            continue;
        int bad = ferror(f);
        of->f = NULL;
        if (fclose(f) != 0 || bad) {
            remove(of->tmp);
            book_fail(b, "cannot write %s", of->path);
        }
        if (rename(of->tmp, of->path) != 0) {
            remove(of->tmp);
            book_fail(b, "cannot rename %s: %s", of->tmp, strerror(errno));
        }
        return;
    }
    book_fail(b, "book_close_file: not a file of this book");
}

FILE *book_data(struct book *b, const char *name, const char *description,
                const char *columns)
{
    FILE *f = book_file(b, name);
    fprintf(f, "# %s — %s\n# %s\n", name, description, columns);
    return f;
}

/* Replaces every '-' by U+2212 while copying SRC to DST. */
static void true_minus(const char *src, char *dst, size_t size)
{
    size_t j = 0;
    for (; *src && j + 4 < size; src++) {
        if (*src == '-') {
            memcpy(dst + j, MINUS, 3);
            j += 3;
        } else {
            dst[j++] = *src;
        }
    }
    dst[j] = '\0';
}

/* Drops trailing zeros after a decimal point, and the point itself. */
static void strip_zeros(char *s)
{
    char *dot = strchr(s, '.');
    if (dot == NULL)
        return;
    char *end = s + strlen(s) - 1;
    while (end > dot && *end == '0')
        *end-- = '\0';
    if (end == dot)
        *end = '\0';
}

char *book_format(double v, int sig, int markdown, char *buf, size_t size)
{
    char raw[64];
    if (sig < 1)
        sig = 1;
    if (sig > 17)
        sig = 17;
    if (isnan(v)) {
        snprintf(buf, size, "NaN");
        return buf;
    }
    if (isinf(v)) {
        snprintf(buf, size, "%s%s", v < 0 ? (markdown ? MINUS : "-") : "",
                 markdown ? "∞" : "inf");
        return buf;
    }
    if (v == 0.0) {
        snprintf(buf, size, "0");
        return buf;
    }
    /* Round to SIG digits first: 9.9996 at 4 digits is 10.00, exponent 1. */
    snprintf(raw, sizeof raw, "%.*e", sig - 1, v);
    int e = atoi(strchr(raw, 'e') + 1);
    if (e >= -4 && e < 6) {
        int decimals = sig - 1 - e;
        /* print the value rounded to SIG digits (123456 at 3 is 123000) */
        snprintf(raw, sizeof raw, "%.*f", decimals > 0 ? decimals : 0,
                 strtod(raw, NULL));
        strip_zeros(raw);
        if (markdown)
            true_minus(raw, buf, size);
        else
            snprintf(buf, size, "%s", raw);
        return buf;
    }
    char mant[64];
    snprintf(mant, sizeof mant, "%.*f", sig - 1, v / pow(10.0, e));
    /* v / 10^e can round up to 10.0 */
    if (fabs(atof(mant)) >= 10.0) {
        e++;
        snprintf(mant, sizeof mant, "%.*f", sig - 1, v / pow(10.0, e));
    }
    strip_zeros(mant);
    if (markdown) {
        char tmp[96], m[96];
        if (strcmp(mant, "1") == 0)
            snprintf(tmp, sizeof tmp, "10^%d^", e);
        else if (strcmp(mant, "-1") == 0)
            snprintf(tmp, sizeof tmp, "-10^%d^", e);
        else
            snprintf(tmp, sizeof tmp, "%s × 10^%d^", mant, e);
        true_minus(tmp, m, sizeof m);
        snprintf(buf, size, "%s", m);
    } else {
        snprintf(buf, size, "%se%d", mant, e);
    }
    return buf;
}

static void add_value(struct book *b, const char *name, const char *text)
{
    for (const char *c = name; *c; c++)
        if (!(*c == '_' || *c == '-' || *c == '.' ||
              (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
              (*c >= 'A' && *c <= 'Z')))
            book_fail(b, "bad value name '%s'", name);
    if (name[0] == '\0' || strchr(text, '\t') || strchr(text, '\n'))
        book_fail(b, "bad value '%s'", name);
    for (size_t i = 0; i < b->nvalues; i++)
        if (strcmp(b->values[i].name, name) == 0)
            book_fail(b, "value '%s' set twice", name);
    b->values = grow(b, b->values, &b->capvalues, b->nvalues + 1,
                     sizeof *b->values);
    b->values[b->nvalues].name = xstrdup(b, name);
    b->values[b->nvalues].text = xstrdup(b, text);
    b->nvalues++;
}

void book_value(struct book *b, const char *name, double v, int sig)
{
    char buf[128];
    if (!isfinite(v))
        book_fail(b, "value '%s' is not finite", name);
    add_value(b, name, book_format(v, sig, 1, buf, sizeof buf));
}

void book_value_fixed(struct book *b, const char *name, double v, int decimals)
{
    char raw[128], buf[192];
    if (!isfinite(v))
        book_fail(b, "value '%s' is not finite", name);
    snprintf(raw, sizeof raw, "%.*f", decimals, v);
    if (strspn(raw, "-0.") == strlen(raw) && raw[0] == '-')
        memmove(raw, raw + 1, strlen(raw)); /* no "-0.00" */
    true_minus(raw, buf, sizeof buf);
    add_value(b, name, buf);
}

char *book_format_int(long long v, char *buf, size_t size)
{
    char tmp[64];
    format_int(v, tmp);
    snprintf(buf, size, "%s", tmp);
    return buf;
}

/* V with thousands separators and a true minus sign into BUF (>= 40). */
static void format_int(long long v, char *buf)
{
    char digits[32];
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
                                 : (unsigned long long)v;
    snprintf(digits, sizeof digits, "%llu", u);
    size_t n = strlen(digits), j = 0;
    if (v < 0) {
        memcpy(buf, MINUS, 3);
        j = 3;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[j++] = ',';
        buf[j++] = digits[i];
    }
    buf[j] = '\0';
}

void book_value_int(struct book *b, const char *name, long long v)
{
    char buf[64];
    format_int(v, buf);
    add_value(b, name, buf);
}

static int gnuplot_name(const char *s)
{
    if (!(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_'))
            return 0;
    return 1;
}

static void add_plot(struct book *b, const char *name, const char *expr)
{
    if (!gnuplot_name(name))
        book_fail(b, "bad figure variable name '%s'", name);
    for (size_t i = 0; i < b->nplots; i++)
        if (strcmp(b->plots[i].name, name) == 0)
            book_fail(b, "figure variable '%s' set twice", name);
    b->plots = grow(b, b->plots, &b->capplots, b->nplots + 1, sizeof *b->plots);
    b->plots[b->nplots].name = xstrdup(b, name);
    b->plots[b->nplots].text = xstrdup(b, expr);
    b->nplots++;
}

void book_plot_value(struct book *b, const char *name, double v)
{
    char buf[64];
    if (!isfinite(v))
        book_fail(b, "figure variable '%s' is not finite", name);
    snprintf(buf, sizeof buf, "%.17g", v);
    add_plot(b, name, buf);
}

void book_plot_text(struct book *b, const char *name, const char *text)
{
    size_t n = strlen(text);
    char *q = book_malloc(b, 2 * n + 3), *d = q;
    *d++ = '"';
    for (const char *c = text; *c; c++) {
        if (*c == '\n' || *c == '\r')
            book_fail(b, "figure variable '%s' holds a newline", name);
        if (*c == '"' || *c == '\\')
            *d++ = '\\';
        *d++ = *c;
    }
    *d++ = '"';
    *d = '\0';
    add_plot(b, name, q);
    free(q);
}

void book_value_text(struct book *b, const char *name, const char *text)
{
    add_value(b, name, text);
}

/* Validates and records a claim; returns whether it holds. */
static int add_claim(struct book *b, struct claim c)
{
    if (strpbrk(c.text, "\t\n") || strpbrk(c.method, "\t\n"))
        book_fail(b, "claim text with a tab or newline: %s", c.text);
    if (c.method[0] == '\0' || strlen(c.method) > 24)
        book_fail(b, "%s:%d: a claim's method is 1 to 24 bytes: '%s'",
                  c.file, c.line, c.method);
    if (c.kind == CLAIM_SIGMA)
        c.pass = c.tol > 0.0 && c.se > 0.0 &&
                 fabs(c.observed - c.expected) / c.se <= c.tol;
    else if (c.kind == CLAIM_LE || c.kind == CLAIM_GE)
        c.pass = c.tol >= 0.0 && claim_over(&c) <= c.tol;
    else
        c.pass = c.tol >= 0.0 && claim_difference(&c) <= c.tol;
    b->claims = grow(b, b->claims, &b->capclaims, b->nclaims + 1,
                     sizeof *b->claims);
    c.text = xstrdup(b, c.text);
    c.method = xstrdup(b, c.method);
    b->claims[b->nclaims++] = c;
    return c.pass;
}

int book_claim_abs_at(struct book *b, const char *file, int line,
                      const char *method, const char *text, double expected,
                      double observed, double tol)
{
    return add_claim(b, (struct claim){ CLAIM_ABS, (char *)text,
                     (char *)method, file, line, expected, observed, tol,
                     0.0, 0 });
}

int book_claim_rel_at(struct book *b, const char *file, int line,
                      const char *method, const char *text, double expected,
                      double observed, double tol)
{
    return add_claim(b, (struct claim){ CLAIM_REL, (char *)text,
                     (char *)method, file, line, expected, observed, tol,
                     0.0, 0 });
}

int book_claim_le_at(struct book *b, const char *file, int line,
                     const char *method, const char *text, double observed,
                     double bound, double slack)
{
    return add_claim(b, (struct claim){ CLAIM_LE, (char *)text,
                     (char *)method, file, line, bound, observed, slack,
                     0.0, 0 });
}

int book_claim_ge_at(struct book *b, const char *file, int line,
                     const char *method, const char *text, double observed,
                     double bound, double slack)
{
    return add_claim(b, (struct claim){ CLAIM_GE, (char *)text,
                     (char *)method, file, line, bound, observed, slack,
                     0.0, 0 });
}

int book_claim_sigma_at(struct book *b, const char *file, int line,
                        const char *method, const char *text,
                        double expected, double observed, double stderr_,
                        double k)
{
    return add_claim(b, (struct claim){ CLAIM_SIGMA, (char *)text,
                     (char *)method, file, line, expected, observed, k,
                     stderr_, 0 });
}

/* The columns of a claim's row: expected, difference and allowed, in
 * Markdown (MD) or plain text. */
struct claim_cells {
    char expected[96], observed[64], difference[128], allowed[96];
};

static void bound_cells(const struct claim *c, int md, struct claim_cells *r)
{
    char n[64];
    double over = claim_over(c);
    const char *side = c->kind == CLAIM_LE ? "below" : "above";
    const char *other = c->kind == CLAIM_LE ? "above" : "below";
    snprintf(r->expected, sizeof r->expected, "%s %s",
             c->kind == CLAIM_LE ? "≤" : "≥",
             book_format(c->expected, 9, md, n, sizeof n));
    if (over == 0.0)
        snprintf(r->difference, sizeof r->difference, "on the bound");
    else if (over != over)
        snprintf(r->difference, sizeof r->difference, "not a number");
    else
        snprintf(r->difference, sizeof r->difference, "%s %s the bound",
                 book_format(fabs(over), 2, md, n, sizeof n),
                 over < 0.0 ? side : other);
    if (c->tol == 0.0)
        snprintf(r->allowed, sizeof r->allowed, "none %s", other);
    else
        snprintf(r->allowed, sizeof r->allowed, "up to %s %s",
                 book_format(c->tol, 2, md, n, sizeof n), other);
}

static void claim_cells(const struct claim *c, int md, struct claim_cells *r)
{
    char n[64], m[64];
    book_format(c->observed, 9, md, r->observed, sizeof r->observed);
    if (c->kind == CLAIM_LE || c->kind == CLAIM_GE) {
        bound_cells(c, md, r);
        return;
    }
    book_format(c->expected, 9, md, r->expected, sizeof r->expected);
    if (c->kind == CLAIM_SIGMA) {
        snprintf(r->difference, sizeof r->difference, "%s SE (SE %s)",
                 book_format(fabs(c->observed - c->expected) / c->se, 2, md,
                             n, sizeof n),
                 book_format(c->se, 2, md, m, sizeof m));
        snprintf(r->allowed, sizeof r->allowed, "%s SE",
                 book_format(c->tol, 3, md, n, sizeof n));
        return;
    }
    const char *rel = c->kind == CLAIM_REL && c->expected != 0.0
                      ? " relative" : "";
    snprintf(r->difference, sizeof r->difference, "%s%s",
             book_format(claim_difference(c), 2, md, n, sizeof n), rel);
    if (c->tol == 0.0)
        snprintf(r->allowed, sizeof r->allowed, "0 (exact)");
    else
        snprintf(r->allowed, sizeof r->allowed, "%s%s",
                 book_format(c->tol, 2, md, n, sizeof n), rel);
}

/* The failing claim C, on one plain-text line of stderr, at its source. */
static void report_failure(const struct claim *c)
{
    struct claim_cells r;
    claim_cells(c, 0, &r);
    fprintf(stderr, "%s:%d: claim does not hold: ", c->file, c->line);
    int sup = 0;        /* inside ^superscript^: keep the opening caret */
    for (const char *s = c->text; *s; s++) {
        if (*s == '^' && (sup = !sup) == 0)
            continue;
        if (*s != '~' && *s != '*' && *s != '$' && *s != '\\')
            fputc(*s, stderr);
    }
    fprintf(stderr, " [%s]: expected %s, observed %s, difference %s, "
                    "allowed %s\n", c->method, r.expected, r.observed,
            r.difference, r.allowed);
}

/* Writes claims.tsv; returns the number of claims that do not hold, each
 * reported on stderr. */
static int write_claims(struct book *b)
{
    int failed = 0;
    FILE *f = book_file(b, "claims.tsv");
    fputs("# claim\tmethod\texpected\tobserved\tdifference\tallowed\tholds"
          "\tsource\n", f);
    for (size_t i = 0; i < b->nclaims; i++) {
        struct claim *c = &b->claims[i];
        struct claim_cells r;
        claim_cells(c, 1, &r);
        fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s:%d\n", c->text, c->method,
                r.expected, r.observed, r.difference, r.allowed,
                c->pass ? "yes" : "no", c->file, c->line);
        if (!c->pass) {
            report_failure(c);
            failed++;
        }
    }
    book_close_file(b, f);
    return failed;
}

/* The parameters as this run used them, for @params in the prose. */
static void write_params(struct book *b)
{
    FILE *f = book_file(b, "params.tsv");
    fputs("# name\tvalue\tmeaning\trange\tgiven at\n", f);
    for (size_t i = 0; i < b->params.n; i++) {
        const struct book_param *p = &b->params.p[i];
        char text[2048], range[160];
        fprintf(f, "%s\t%s\t%s\t%s\t%s\n", p->name,
                book_param_text(p, text, sizeof text), p->description,
                book_param_range(p, range, sizeof range), p->where);
    }
    book_close_file(b, f);
}

/* values.gp, then values.tsv, the file make waits for. */
static void write_values(struct book *b)
{
    FILE *f = book_file(b, "values.gp");
    fprintf(f, "# values.gp — the numbers of chapter %s for its figure "
               "scripts, written by its program.\n", b->slug);
    for (size_t i = 0; i < b->nplots; i++)
        fprintf(f, "%s = %s\n", b->plots[i].name, b->plots[i].text);
    book_close_file(b, f);
    f = book_file(b, "values.tsv");
    fputs("# name\tvalue\n", f);
    for (size_t i = 0; i < b->nvalues; i++)
        fprintf(f, "%s\t%s\n", b->values[i].name, b->values[i].text);
    book_close_file(b, f);
}

/* Removes OUTPUT-FOLDER/NAME, so that make sees the run as failed. */
static void remove_output(struct book *b, const char *name)
{
    char *path = xprintf(b, "%s/%s", b->dir, name);
    remove(path);
    free(path);
}

static void free_pairs(struct value *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].text);
    }
    free(v);
}

static void free_book(struct book *b)
{
    for (size_t i = 0; i < b->nfiles; i++) {
        free(b->files[i].path);
        free(b->files[i].tmp);
    }
    for (size_t i = 0; i < b->nclaims; i++) {
        struct claim *c = &b->claims[i];
        free(c->text);
        free(c->method);
    }
    free_pairs(b->values, b->nvalues);
    free_pairs(b->plots, b->nplots);
    book_params_free(&b->params);
    free(b->files);
    free(b->claims);
    free(b->dir);
    free(b->slug);
    free(b);
}

int book_close(struct book *b)
{
    for (size_t i = 0; i < b->nfiles; i++)
        if (b->files[i].f != NULL)
            book_fail(b, "%s was never closed", b->files[i].path);
    for (size_t i = 0; i < b->params.n; i++)
        if (!b->params.p[i].used)
            book_fail(b, "parameter %s is declared in %s but the program "
                      "never reads it", b->params.p[i].name, b->params.path);
    int failed = write_claims(b);
    write_params(b);
    if (failed) {
        remove_output(b, "values.tsv");
        remove_output(b, "values.gp");
        fprintf(stderr, "%s: %d claim%s failed\n", b->slug, failed,
                failed == 1 ? "" : "s");
    } else {
        write_values(b);
    }
    free_book(b);
    return failed ? 1 : 0;
}
