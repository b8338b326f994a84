#define _POSIX_C_SOURCE 200809L
#include "params.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    return -1;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/* Skips S past the literal WORD and following spaces; NULL if absent. */
static const char *skip_word(const char *s, const char *word)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(word);
    if (strncmp(s, word, n) != 0)
        return NULL;
    s += n;
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

static const char *parse_double(const char *s, double *x)
{
    char *end;
    errno = 0;
    *x = strtod(s, &end);
    if (end == s || errno == ERANGE || !isfinite(*x))
        return NULL;
    return end;
}

/* Parses the declaration after the last ';' of a comment:
 * TYPE in RANGE[, N to M of them][, increasing]. */
static int parse_spec(struct book_param *p, const char *spec)
{
    const char *s;
    if ((s = skip_word(spec, "integers")) != NULL)
        p->integer = 1, p->list = 1;
    else if ((s = skip_word(spec, "integer")) != NULL)
        p->integer = 1;
    else if ((s = skip_word(spec, "reals")) != NULL)
        p->list = 1;
    else if ((s = skip_word(spec, "real")) != NULL)
        ;
    else
        return -1;
    if ((s = skip_word(s, "in")) == NULL)
        return -1;
    if (*s != '[' && *s != '(')
        return -1;
    p->lo_open = *s++ == '(';
    if ((s = parse_double(s, &p->lo)) == NULL || (s = skip_word(s, ",")) == NULL ||
        (s = parse_double(s, &p->hi)) == NULL)
        return -1;
    while (isspace((unsigned char)*s))
        s++;
    if (*s != ']' && *s != ')')
        return -1;
    p->hi_open = *s++ == ')';
    if (!(p->lo < p->hi))
        return -1;
    p->min_n = 1;
    p->max_n = p->list ? BOOK_PARAM_MAX_LIST : 1;
    for (;;) {
        while (isspace((unsigned char)*s))
            s++;
        if (*s == '\0')
            return 0;
        if ((s = skip_word(s, ",")) == NULL)
            return -1;
        const char *t;
        if ((t = skip_word(s, "increasing")) != NULL && p->list) {
            p->increasing = 1;
            s = t;
            continue;
        }
        char *end;
        long a = strtol(s, &end, 10), b = a;
        if (end == s || a < 1 || !p->list)
            return -1;
        if ((t = skip_word(end, "to")) != NULL) {
            b = strtol(t, &end, 10);
            if (end == t)
                return -1;
        }
        if ((t = skip_word(end, "of them")) == NULL || b < a ||
            b > BOOK_PARAM_MAX_LIST)
            return -1;
        p->min_n = (size_t)a;
        p->max_n = (size_t)b;
        s = t;
    }
}

char *book_param_range(const struct book_param *p, char *buf, size_t size)
{
    char lo[32], hi[32], count[64] = "";
    snprintf(lo, sizeof lo, "%.15g", p->lo);
    snprintf(hi, sizeof hi, "%.15g", p->hi);
    if (p->list && p->min_n == p->max_n)
        snprintf(count, sizeof count, "%zu ", p->min_n);
    else if (p->list)
        snprintf(count, sizeof count, "%zu to %zu ", p->min_n, p->max_n);
    snprintf(buf, size, "%s%s in %c%s, %s%c%s",
             p->list ? count : p->integer ? "an " : "a ",
             p->integer ? (p->list ? "integers" : "integer")
                        : (p->list ? "reals" : "real"),
             p->lo_open ? '(' : '[', lo, hi, p->hi_open ? ')' : ']',
             p->increasing ? ", increasing" : "");
    return buf;
}

char *book_param_number(double v, int integer, char *buf, size_t size)
{
    if (integer) {
        snprintf(buf, size, "%.0f", v);
        return buf;
    }
    int plain = fabs(v) >= 1e-4 && fabs(v) < 1e15;
    for (int d = 1; d <= 17; d++) {
        snprintf(buf, size, "%.*g", d, v);
        if ((!plain || strchr(buf, 'e') == NULL) && strtod(buf, NULL) == v)
            return buf;
    }
    snprintf(buf, size, "%.17g", v);
    return buf;
}

char *book_param_text(const struct book_param *p, char *buf, size_t size)
{
    size_t j = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < p->n && j < size; i++) {
        char one[40];
        book_param_number(p->v[i], p->integer, one, sizeof one);
        j += (size_t)snprintf(buf + j, size - j, "%s%s", i ? ", " : "", one);
    }
    return buf;
}

/* Parses TEXT as the values of P, checking type, range, count and order.
 * WHERE says where TEXT came from, for the message. */
static int parse_values(struct book_param *p, const char *text,
                        const char *where, char *err, size_t errsize)
{
    double v[BOOK_PARAM_MAX_LIST];
    size_t n = 0;
    char range[160];
    book_param_range(p, range, sizeof range);
    const char *s = text;
    for (;;) {
        while (isspace((unsigned char)*s))
            s++;
        if (n == BOOK_PARAM_MAX_LIST || n == p->max_n)
            return fail(err, errsize, "%s: %s = %s has too many values: "
                        "%s is %s", where, p->name, text, p->name, range);
        char *end;
        errno = 0;
        double x;
        if (p->integer) {
            long long k = strtoll(s, &end, 10);
            x = (double)k;
            if (errno == ERANGE || fabs(x) > 9007199254740992.0)
                end = (char *)s;
        } else {
            x = strtod(s, &end);
            if (errno == ERANGE || !isfinite(x))
                end = (char *)s;
        }
        const char *e = end;
        while (isspace((unsigned char)*e))
            e++;
        if (end == s || (*e != ',' && *e != '\0'))
            return fail(err, errsize, "%s: %s = %s is not %s: %s is %s",
                        where, p->name, text,
                        p->list ? (p->integer ? "a list of integers"
                                              : "a list of numbers")
                                : (p->integer ? "an integer" : "a number"),
                        p->name, range);
        if (x < p->lo || x > p->hi || (p->lo_open && x == p->lo) ||
            (p->hi_open && x == p->hi))
            return fail(err, errsize, "%s: %s = %s is out of range: %s is %s",
                        where, p->name, text, p->name, range);
        if (p->increasing && n > 0 && !(x > v[n - 1]))
            return fail(err, errsize, "%s: %s = %s is not increasing: %s is %s",
                        where, p->name, text, p->name, range);
        v[n++] = x;
        if (*e == '\0')
            break;
        s = e + 1;
    }
    if (n < p->min_n)
        return fail(err, errsize, "%s: %s = %s has too few values: %s is %s",
                    where, p->name, text, p->name, range);
    double *nv = malloc(n * sizeof *nv);
    char *nw = strdup(where);
    if (nv == NULL || nw == NULL) {
        free(nv);
        free(nw);
        return fail(err, errsize, "out of memory");
    }
    memcpy(nv, v, n * sizeof *nv);
    free(p->v);
    free(p->where);
    p->v = nv;
    p->n = n;
    p->where = nw;
    return 0;
}

static int valid_name(const char *s)
{
    if (!isupper((unsigned char)s[0]))
        return 0;
    for (; *s; s++)
        if (!(isupper((unsigned char)*s) || isdigit((unsigned char)*s) ||
              *s == '_'))
            return 0;
    return 1;
}

struct book_param *book_params_find(const struct book_params *ps,
                                    const char *name)
{
    for (size_t i = 0; i < ps->n; i++)
        if (strcmp(ps->p[i].name, name) == 0)
            return &ps->p[i];
    return NULL;
}

/* Parses one declaration LINE (modified) at WHERE into a new entry of PS. */
static int parse_line(struct book_params *ps, char *line, const char *where,
                      char *err, size_t errsize)
{
    char *hash = strchr(line, '#');
    char *eq = strchr(line, '=');
    if (eq == NULL || (hash != NULL && hash < eq))
        return fail(err, errsize, "%s: expected NAME = VALUE  # what it is; "
                    "TYPE in RANGE", where);
    *eq = '\0';
    char *name = trim(line);
    if (hash == NULL)
        return fail(err, errsize, "%s: %s has no comment saying what it is "
                    "and its range (# what it is; real in [lo, hi])", where,
                    name);
    *hash = '\0';
    char *value = trim(eq + 1), *comment = trim(hash + 1);
    if (!valid_name(name))
        return fail(err, errsize, "%s: bad parameter name '%s' (capitals, "
                    "digits and _)", where, name);
    if (book_params_find(ps, name) != NULL)
        return fail(err, errsize, "%s: parameter %s declared twice", where,
                    name);
    char *semi = strrchr(comment, ';');
    struct book_param p = {0};
    if (semi == NULL || parse_spec(&p, semi + 1) != 0)
        return fail(err, errsize, "%s: the comment of %s must end with its "
                    "range, as '; real in [0, 1]', '; integer in [1, 100]' or "
                    "'; integers in [2, 10], 1 to 4 of them, increasing'",
                    where, name);
    *semi = '\0';
    struct book_param *np = realloc(ps->p, (ps->n + 1) * sizeof *np);
    if (np == NULL)
        return fail(err, errsize, "out of memory");
    ps->p = np;
    p.name = strdup(name);
    p.description = strdup(trim(comment));
    ps->p[ps->n++] = p;
    if (p.name == NULL || p.description == NULL)
        return fail(err, errsize, "out of memory");
    return parse_values(&ps->p[ps->n - 1], value, where, err, errsize);
}

int book_params_read(const char *path, struct book_params *ps, char *err,
                     size_t errsize)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return fail(err, errsize, "cannot read the parameters %s: %s", path,
                    strerror(errno));
    ps->path = strdup(path);
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    int r = ps->path == NULL ? fail(err, errsize, "out of memory") : 0;
    while (r == 0 && getline(&line, &cap, f) >= 0) {
        char where[4200];
        lineno++;
        snprintf(where, sizeof where, "%s:%zu", path, lineno);
        char *t = trim(line);
        if (*t == '\0' || *t == '#')
            continue;
        r = parse_line(ps, t, where, err, errsize);
    }
    free(line);
    fclose(f);
    return r;
}

int book_params_set(struct book_params *ps, const char *word, char *err,
                    size_t errsize)
{
    const char *eq = strchr(word, '=');
    char where[300];
    snprintf(where, sizeof where, "SET %.280s", word);
    if (eq == NULL || eq == word)
        return fail(err, errsize, "%s: expected NAME=VALUE", where);
    char name[64];
    size_t n = (size_t)(eq - word);
    if (n >= sizeof name)
        return fail(err, errsize, "%s: unknown parameter", where);
    memcpy(name, word, n);
    name[n] = '\0';
    struct book_param *p = book_params_find(ps, name);
    if (p == NULL) {
        char known[1024] = "";
        size_t j = 0;
        for (size_t i = 0; i < ps->n && j < sizeof known; i++)
            j += (size_t)snprintf(known + j, sizeof known - j, "%s%s",
                                  i ? ", " : "", ps->p[i].name);
        return fail(err, errsize, "%s: unknown parameter %s (%s declares %s)",
                    where, name, ps->path ? ps->path : "the params file",
                    known);
    }
    return parse_values(p, eq + 1, where, err, errsize);
}

void book_params_free(struct book_params *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        free(ps->p[i].name);
        free(ps->p[i].v);
        free(ps->p[i].description);
        free(ps->p[i].where);
    }
    free(ps->p);
    free(ps->path);
    ps->p = NULL;
    ps->n = 0;
    ps->path = NULL;
}
