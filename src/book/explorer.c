#include "explorer.h"

#include "book.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>

enum { MAX_KEYS = 64, MAX_KEY = 32 };

struct book_explorer {
    struct book *b;
    FILE *f;
    char name[64];
    char keys[MAX_KEYS][MAX_KEY];
    int nkeys;
};

static int valid_name(const char *s, size_t max, int dash)
{
    size_t n = strlen(s);
    if (n == 0 || n >= max || !isalpha((unsigned char)s[0]))
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && !(dash && *s == '-'))
            return 0;
    return 1;
}

/* Writes S as a JSON string; '<', '>' and '&' as \u escapes so that the text
 * can never end the <script> block it is inlined in. */
static void put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\')
            fprintf(f, "\\%c", *c);
        else if (*c < 0x20 || *c == '<' || *c == '>' || *c == '&')
            fprintf(f, "\\u%04x", *c);
        else
            fputc(*c, f);
    }
    fputc('"', f);
}

static void put_number(struct book_explorer *e, const char *key, double v,
                       int sig)
{
    if (isnan(v))
        book_fail(e->b, "explorer %s: %s holds a NaN", e->name, key);
    if (isinf(v))
        fputs(v > 0 ? "1e999" : "-1e999", e->f);
    else
        fprintf(e->f, "%.*g", sig, v + 0.0);
}

/* Writes the separator and "KEY": after checking KEY is new and valid. */
static void put_key(struct book_explorer *e, const char *key)
{
    if (!valid_name(key, MAX_KEY, 0))
        book_fail(e->b, "explorer %s: '%s' is not a key (a letter, then "
                  "letters, digits or _, at most %d)", e->name, key,
                  MAX_KEY - 1);
    for (int i = 0; i < e->nkeys; i++)
        if (strcmp(e->keys[i], key) == 0)
            book_fail(e->b, "explorer %s: key '%s' set twice", e->name, key);
    if (e->nkeys == MAX_KEYS)
        book_fail(e->b, "explorer %s: more than %d keys", e->name, MAX_KEYS);
    strcpy(e->keys[e->nkeys++], key);
    fprintf(e->f, ",\n\"%s\":", key);
}

struct book_explorer *book_explorer_open(struct book *b, const char *name,
                                         const char *kind)
{
    if (!valid_name(name, 48, 1))
        book_fail(b, "explorer '%s': a name is a letter, then letters, "
                  "digits or '-' (at most 47)", name);
    if (strcmp(kind, "map") != 0 && strcmp(kind, "curve") != 0 &&
        strcmp(kind, "bars") != 0 && strcmp(kind, "fit") != 0)
        book_fail(b, "explorer %s: unknown kind '%s' (map, curve, bars or fit)",
                  name, kind);
    struct book_explorer *e = book_malloc(b, sizeof *e);
    char file[80];
    snprintf(file, sizeof file, "%s.explorer.json", name);
    *e = (struct book_explorer){.b = b, .f = book_file(b, file)};
    snprintf(e->name, sizeof e->name, "%s", name);
    fputs("{\"kind\":", e->f);
    put_string(e->f, kind);
    return e;
}

void book_explorer_text(struct book_explorer *e, const char *key,
                        const char *text)
{
    put_key(e, key);
    put_string(e->f, text);
}

void book_explorer_number(struct book_explorer *e, const char *key, double v)
{
    put_key(e, key);
    put_number(e, key, v, 17);
}

void book_explorer_array(struct book_explorer *e, const char *key,
                         const double *v, size_t n, int sig)
{
    if (sig < 1 || sig > 17)
        book_fail(e->b, "explorer %s: %s: %d significant digits (1 to 17)",
                  e->name, key, sig);
    put_key(e, key);
    fputc('[', e->f);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            fputs(i % 16 == 0 ? ",\n" : ",", e->f);
        put_number(e, key, v[i], sig);
    }
    fputc(']', e->f);
}

void book_explorer_close(struct book_explorer *e)
{
    fputs("}\n", e->f);
    book_close_file(e->b, e->f);
    free(e);
}

void book_explorer_normal_shape(struct book_explorer *e)
{
    enum { NZ = 1601 };
    double phi[NZ];
    for (int i = 0; i < NZ; i++)
        phi[i] = gsl_ran_ugaussian_pdf(-8.0 + 0.01 * i);
    book_explorer_number(e, "shape_lo", -8.0);
    book_explorer_number(e, "shape_step", 0.01);
    book_explorer_array(e, "shape", phi, NZ, 6);
}
