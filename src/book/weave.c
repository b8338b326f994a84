#define _POSIX_C_SOURCE 200809L
#include "weave.h"
#include "slurp.h"

#include "params.h"

#include <ctype.h>
#include <stdarg.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A growable array of strings. */
struct strs {
    char **v;
    size_t n, cap;
};

static void strs_push(struct strs *s, char *str)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        char **v = realloc(s->v, s->cap * sizeof *v);
        if (v == NULL) {
            fputs("weave: out of memory\n", stderr);
            exit(1);
        }
        s->v = v;
    }
    s->v[s->n++] = str;
}

static void strs_free(struct strs *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static char *sdup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d == NULL) {
        fputs("weave: out of memory\n", stderr);
        exit(1);
    }
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *cat3(const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *s = malloc(la + lb + lc + 1);
    if (s == NULL) {
        fputs("weave: out of memory\n", stderr);
        exit(1);
    }
    memcpy(s, a, la);
    memcpy(s + la, b, lb);
    memcpy(s + la + lb, c, lc);
    s[la + lb + lc] = '\0';
    return s;
}

/* Reads PATH as lines (without their newlines) into LINES; -1 if unreadable. */
static int read_lines(const char *path, struct strs *lines)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        strs_push(lines, sdup(line, (size_t)n));
    }
    free(line);
    fclose(f);
    return 0;
}

/* Splits LINE at tabs into at most MAX fields (pointers into LINE). */
static int split_tabs(char *line, char **fields, int max)
{
    int n = 0;
    fields[n++] = line;
    for (char *c = line; *c && n < max; c++)
        if (*c == '\t') {
            *c = '\0';
            fields[n++] = c + 1;
        }
    return n;
}

/* A label that a reference can name: a figure, an equation, a section, an
 * exercise, a chapter or a defined term, in this chapter or another. */
enum label_kind { L_FIG, L_EQ, L_SEC, L_EX, L_CH, L_DEF, L_KINDS };
static const char *const kind_prefix[L_KINDS] = {"fig", "eq", "sec", "ex", "ch", "def"};
static const char *const kind_word[L_KINDS] = {"figure", "equation", "section",
                                              "exercise", "chapter", "term"};

struct label {
    int kind, chapter;
    char *id;       /* the HTML id, "eq:03-gibbs" */
    char *number;   /* "3.2" ("3" for a chapter); a term's text for L_DEF */
    char *slug;     /* the chapter's folder, "03-jensen" */
    char *where;    /* a term's section: "3.2\tTitle" (L_DEF and L_CH) */
    char *file;     /* where it is defined */
    size_t line;
};

struct labels {
    struct label *v;
    size_t n, cap;
};

/* A labelled display equation of the chapter: lines START..END (1-based). */
struct eqspan {
    size_t start, end;
    char *id, *number;
};

struct weaver {
    const char *chapter_dir, *out_dir;
    char *slug, *md_path;
    int chapter;
    FILE *out, *err;
    int errors;
    struct strs value_names, value_texts;
    struct strs figure_files;   /* the fig-*.gp sources, as NAME.svg / NAME.gif */
    struct strs figure_sources; /* their paths, chapter_dir/NAME.gp */
    int *figure_used;
    struct strs fig_labels;     /* labels in the prose, in order */
    struct strs used_tags;      /* "FILE\tTAG" shown by @code */
    struct strs explorers;      /* NAMEs shown by @explorer */
    int in_math;                /* inside $...$ or $$...$$ of the paragraph */
    int *figure_width;          /* the width of each figure's terminal, px (0: unknown) */
    size_t solution_line;       /* the line of an open @solution, or 0 */
    struct labels *labels;      /* every chapter's labels (references) */
    struct eqspan *eqs;         /* the chapter's labelled equations */
    size_t neqs;
    int exercises;              /* @exercise lines woven so far */
    int in_fence;               /* inside a code fence: no references */
    int titled;                 /* the chapter's heading has its id */
};

/* How far a figure may shrink: the house style's text (house.gp: 13 px in
 * SVG, 12 px in GIF animations) stays at 9 px. */
#define SVG_MIN_SCALE 0.7
#define GIF_MIN_SCALE 0.75

/* The kl calculator that @kl runs (book_weave_set_kl). */
static const char *kl_path;

void book_weave_set_kl(const char *path)
{
    kl_path = path;
}

/* The folder of the chapters' label indexes (book_weave_set_labels), or
 * NULL to read the other chapters' labels from their chapter.md. */
static const char *labels_dir;

void book_weave_set_labels(const char *dir)
{
    labels_dir = dir;
}

static void error_at(struct weaver *w, const char *file, size_t line,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(w->err, "%s:%zu: ", file, line);
    vfprintf(w->err, fmt, ap);
    va_end(ap);
    fputc('\n', w->err);
    w->errors++;
}

static const char *lookup_value(struct weaver *w, const char *name, size_t n)
{
    for (size_t i = 0; i < w->value_names.n; i++)
        if (strlen(w->value_names.v[i]) == n &&
            strncmp(w->value_names.v[i], name, n) == 0)
            return w->value_texts.v[i];
    return NULL;
}

static int figure_number(struct weaver *w, const char *label, size_t n)
{
    for (size_t i = 0; i < w->fig_labels.n; i++)
        if (strlen(w->fig_labels.v[i]) == n &&
            strncmp(w->fig_labels.v[i], label, n) == 0)
            return (int)i + 1;
    return 0;
}

static int is_label_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '_';
}

/* Whether P, inside maths, is the comma of a digit group ("1,000"): a digit
 * before it, exactly three after it.  TeX would make it punctuation
 * ("1, 000"); \text{,} keeps it a plain comma between the digits. */
static int is_group_comma(const char *start, const char *p)
{
    return p[0] == ',' && p > start && isdigit((unsigned char)p[-1]) &&
           isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
           isdigit((unsigned char)p[3]) && !isdigit((unsigned char)p[4]);
}

/* Writes the value V, formatted as Markdown ("2.5 × 10^−7^", "1,000"),
 * inside TeX maths, where a superscript is "10^{−7}", × is \times and a
 * digit group's comma is \text{,}. */
static void put_math_value(FILE *out, const char *v)
{
    const char *times = " × ", *ten = "10^", *start = v;
    while (*v) {
        if (is_group_comma(start, v)) {
            fputs("\\text{,}", out);
            v++;
        } else if (strncmp(v, times, strlen(times)) == 0) {
            fputs(" \\times ", out);
            v += strlen(times);
        } else if (strncmp(v, ten, strlen(ten)) == 0 && strchr(v + 3, '^')) {
            const char *end = strchr(v + 3, '^');
            fprintf(out, "10^{%.*s}", (int)(end - (v + 3)), v + 3);
            v = end + 1;
        } else {
            fputc(*v++, out);
        }
    }
}

static int compare_strings(const void *a, const void *b);
static const struct label *find_label(const struct labels *ls, const char *id);
static const char *parse_define(const char *c, char **text, char **term);
static char *term_id(int chapter, const char *term);
static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A reference "@KIND:LABEL" at C (KIND fig, eq, sec, ex or ch; Eq, Sec and
 * Ch for the start of a sentence): writes the link and returns the end of
 * the reference, or NULL if C starts none.  LABEL names a label of this
 * chapter, or, as NN-LABEL, one of chapter NN; a chapter is @ch:NN or
 * @ch:SLUG.  A link into another chapter goes to its page,
 * ../NN-slug/chapter.html#ID (the report's typesetter makes it #ID). */
static const char *put_reference(struct weaver *w, const char *line,
                                 const char *c, size_t lineno)
{
    static const struct {
        const char *name;
        int kind;
        const char *text;
    } refs[] = {
        {"fig", L_FIG, "Figure %s"},     {"Fig", L_FIG, "Figure %s"},
        {"eq", L_EQ, "equation (%s)"},   {"Eq", L_EQ, "Equation (%s)"},
        {"sec", L_SEC, "section %s"},    {"Sec", L_SEC, "Section %s"},
        {"ex", L_EX, "Exercise %s"},     {"Ex", L_EX, "Exercise %s"},
        {"ch", L_CH, "chapter %s"},      {"Ch", L_CH, "Chapter %s"},
    };
    if (c[0] != '@' || (c > line && is_label_char(c[-1])) || w->in_fence)
        return NULL;
    size_t r = 0, len = 0;
    for (; r < sizeof refs / sizeof refs[0]; r++) {
        len = strlen(refs[r].name);
        if (strncmp(c + 1, refs[r].name, len) == 0 && c[1 + len] == ':' &&
            is_label_char(c[2 + len]))
            break;
    }
    if (r == sizeof refs / sizeof refs[0])
        return NULL;
    int kind = refs[r].kind;
    const char *label = c + 2 + len;
    size_t n = 0;
    while (is_label_char(label[n]))
        n++;
    while (n > 1 && label[n - 1] == '-')
        n--;
    char *lb = sdup(label, n);
    const struct label *found = NULL;
    size_t digits = strspn(lb, "0123456789");
    if (kind == L_CH) {
        char *id = NULL;
        if (digits > 0 && (lb[digits] == '\0' || lb[digits] == '-'))
            id = xprintf("ch:%02d", atoi(lb));
        if (id != NULL)
            found = find_label(w->labels, id);
        if (found != NULL && lb[digits] == '-' && strcmp(found->slug, lb) != 0)
            found = NULL;
        for (size_t i = 0; id == NULL && found == NULL && i < w->labels->n; i++) {
            const struct label *l = &w->labels->v[i];
            const char *dash = strchr(l->slug, '-');
            if (l->kind == L_CH && dash != NULL && strcmp(dash + 1, lb) == 0)
                found = l;
        }
        free(id);
    } else {
        char *id = xprintf("%s:%02d-%s", kind_prefix[kind], w->chapter, lb);
        found = find_label(w->labels, id);
        free(id);
        if (found == NULL && digits > 0 && lb[digits] == '-' && lb[digits + 1]) {
            id = xprintf("%s:%02d-%s", kind_prefix[kind], atoi(lb), lb + digits + 1);
            found = find_label(w->labels, id);
            free(id);
        }
    }
    if (found == NULL) {
        char *what = xprintf("unknown %s '@%s:%s'", kind_word[kind],
                             refs[r].name, lb);
        error_at(w, w->md_path, lineno, "%s", what);
        free(what);
    } else {
        fputc('[', w->out);
        fprintf(w->out, refs[r].text, found->number);
        if (found->chapter == w->chapter)
            fprintf(w->out, "](#%s)", found->id);
        else
            fprintf(w->out, "](../%s/chapter.html#%s)", found->slug, found->id);
    }
    free(lb);
    return label + n;
}

/* Writes LINE with {{name}} and @fig:label replaced; a value inside maths
 * is written as TeX.  Inline maths ends with its paragraph. */
static void expand_inline(struct weaver *w, const char *line, size_t lineno)
{
    const char *c = line, *after;
    char *text, *term;
    int in_code = 0;            /* inside `code`: no references */
    if (line[strspn(line, " \t")] == '\0')
        w->in_math = 0;
    while (*c) {
        if (c[0] == '`' && !w->in_math)
            in_code = !in_code;
        if (c[0] == '$' && (c == line || c[-1] != '\\')) {
            size_t k = c[1] == '$' ? 2 : 1;      /* $ or $$ */
            fwrite(c, 1, k, w->out);
            c += k;
            w->in_math = !w->in_math;
            continue;
        }
        if (w->in_math && is_group_comma(line, c)) {
            fputs("\\text{,}", w->out);
            c++;
            continue;
        }
        if (c[0] == '{' && c[1] == '{') {
            const char *end = strstr(c + 2, "}}");
            if (end == NULL) {
                error_at(w, w->md_path, lineno, "%s", "unclosed {{");
                return;
            }
            const char *name = c + 2;
            size_t n = (size_t)(end - name);
            const char *v = lookup_value(w, name, n);
            if (v == NULL) {
                char *nm = sdup(name, n);
                error_at(w, w->md_path, lineno,
                         "unknown value '%s' (not in values.tsv)", nm);
                free(nm);
            } else if (w->in_math) {
                put_math_value(w->out, v);
            } else {
                fputs(v, w->out);
            }
            c = end + 2;
        } else if (c[0] == '@' && !in_code &&
                   (after = put_reference(w, line, c, lineno)) != NULL) {
            c = after;
        } else if (c[0] == '[' && !w->in_math && !w->in_fence && !in_code &&
                   (after = parse_define(c, &text, &term)) != NULL) {
            char *id = term_id(w->chapter, term);
            fprintf(w->out, "[%s]{#%s .define}", text, id);
            free(id);
            free(text);
            free(term);
            c = after;
        } else {
            fputc(*c++, w->out);
        }
    }
    fputc('\n', w->out);
}

/* Parses "![CAPTION](FILE){#fig:LABEL alt="TEXT"}" (the alt attribute
 * optional here, so that its absence can be reported; trailing spaces
 * allowed); returns 1 and pointers into LINE on a match, *ALT NULL when
 * there is no alt attribute. */
static int parse_figure(const char *line, const char **cap, size_t *ncap,
                        const char **file, size_t *nfile, const char **label,
                        size_t *nlabel, const char **alt, size_t *nalt)
{
    if (strncmp(line, "![", 2) != 0)
        return 0;
    const char *close = strstr(line, "](");
    if (close == NULL)
        return 0;
    const char *fend = strchr(close + 2, ')');
    if (fend == NULL || strncmp(fend, "){#fig:", 7) != 0)
        return 0;
    const char *l = fend + 7;
    size_t n = 0;
    while (is_label_char(l[n]))
        n++;
    if (n == 0)
        return 0;
    const char *t = l + n, *a = NULL;
    size_t na = 0;
    if (strncmp(t, " alt=\"", 6) == 0) {
        a = t + 6;
        const char *q = strchr(a, '"');
        if (q == NULL)
            return 0;
        na = (size_t)(q - a);
        t = q + 1;
    }
    if (*t != '}')
        return 0;
    for (t++; *t; t++)
        if (!isspace((unsigned char)*t))
            return 0;
    *cap = line + 2;
    *ncap = (size_t)(close - *cap);
    *file = close + 2;
    *nfile = (size_t)(fend - *file);
    *label = l;
    *nlabel = n;
    *alt = a;
    *nalt = na;
    return 1;
}

/* --- labels and references ----------------------------------------------
 * Every chapter's labels are read from the chapter.md sources (the chapters
 * are the folders NN-slug beside this one), numbered as the weaver and the
 * typesetter will number them, so that a reference to another chapter needs
 * nothing of it built. */

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *xprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    if (s == NULL) {
        fputs("weave: out of memory\n", stderr);
        exit(1);
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static void label_free(struct label *l)
{
    free(l->id);
    free(l->number);
    free(l->slug);
    free(l->where);
    free(l->file);
}

static void labels_free(struct labels *ls)
{
    if (ls == NULL)
        return;
    for (size_t i = 0; i < ls->n; i++)
        label_free(&ls->v[i]);
    free(ls->v);
    ls->v = NULL;
    ls->n = ls->cap = 0;
}

static const struct label *find_label(const struct labels *ls, const char *id)
{
    for (size_t i = 0; i < ls->n; i++)
        if (strcmp(ls->v[i].id, id) == 0)
            return &ls->v[i];
    return NULL;
}

/* ASCII case-insensitive equality (other bytes as they are). */
static int same_term(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

/* A chapter's scan: the labels found go to LS; with W (the chapter being
 * woven) duplicates and malformed labels are reported at FILE:LINE. */
struct scan {
    struct weaver *w;
    struct labels *ls;
    const char *file, *slug;
    int chapter;
};

static void scan_error(struct scan *s, size_t line, const char *fmt, const char *arg)
{
    if (s->w != NULL)
        error_at(s->w, s->file, line, fmt, arg);
}

/* Adds a label, taking ID, NUMBER and WHERE; one with an id already used,
 * or a term defined before anywhere in the book, is an error. */
static void add_label(struct scan *s, int kind, char *id, char *number,
                      char *where, size_t line)
{
    struct labels *ls = s->ls;
    for (size_t i = 0; i < ls->n; i++) {
        const struct label *o = &ls->v[i];
        if (o->chapter != s->chapter || (s->w == NULL && kind == L_DEF))
            continue;   /* another chapter's, or the glossary's: compared later */
        if (strcmp(o->id, id) != 0 &&
            !(kind == L_DEF && o->kind == L_DEF && same_term(o->number, number)))
            continue;
        if (s->w != NULL) {
            const char *name = kind == L_DEF ? number : strchr(id, '-') ? strchr(id, '-') + 1 : id;
            char *what = xprintf("%s '%s' defined twice (also at %s:%zu)",
                                 kind_word[kind], name, o->file, o->line);
            error_at(s->w, s->file, line, "%s", what);
            free(what);
        }
        free(id);
        free(number);
        free(where);
        return;
    }
    if (ls->n == ls->cap) {
        ls->cap = ls->cap ? 2 * ls->cap : 64;
        ls->v = realloc(ls->v, ls->cap * sizeof *ls->v);
        if (ls->v == NULL) {
            fputs("weave: out of memory\n", stderr);
            exit(1);
        }
    }
    ls->v[ls->n++] = (struct label){kind, s->chapter, id, number,
                                    sdup(s->slug, strlen(s->slug)), where,
                                    sdup(s->file, strlen(s->file)), line};
}

/* An ATX heading "## Title {#id .class}": its level (0 if LINE is none),
 * its title and its attributes (without braces; empty if none), copied. */
static int parse_heading(const char *line, char **title, char **attrs)
{
    int level = 0;
    while (line[level] == '#')
        level++;
    if (level == 0 || level > 6 || line[level] != ' ')
        return 0;
    const char *t = line + level + 1, *end = t + strlen(t);
    while (end > t && isspace((unsigned char)end[-1]))
        end--;
    const char *open = NULL;
    if (end > t && end[-1] == '}')
        for (const char *c = end - 1; c > t; c--)
            if (*c == '{') {
                open = c;
                break;
            }
    if (open != NULL && open[-1] == ' ') {
        *attrs = sdup(open + 1, (size_t)(end - 1 - open - 1));
        end = open;
        while (end > t && end[-1] == ' ')
            end--;
    } else {
        *attrs = sdup("", 0);
    }
    *title = sdup(t, (size_t)(end - t));
    return level;
}

/* Whether the attributes hold the word WORD ("-", ".unnumbered"). */
static int has_attr_word(const char *attrs, const char *word)
{
    size_t n = strlen(word);
    for (const char *c = attrs; (c = strstr(c, word)) != NULL; c += n)
        if ((c == attrs || c[-1] == ' ') && (c[n] == '\0' || c[n] == ' '))
            return 1;
    return 0;
}

/* The label of "#PREFIX:label" in ATTRS (a pointer into it, length in N). */
static const char *attr_label(const char *attrs, const char *prefix, size_t *n)
{
    char key[16];
    snprintf(key, sizeof key, "#%s:", prefix);
    const char *c = strstr(attrs, key);
    if (c == NULL || (c > attrs && c[-1] != ' ' && c[-1] != '{'))
        return NULL;
    c += strlen(key);
    *n = 0;
    while (is_label_char(c[*n]))
        (*n)++;
    return c;
}

/* A term's id: its ASCII letters and digits in lower case, every other run
 * of characters one '-' (pandoc takes no other letters in an id). */
static char *term_id(int chapter, const char *term)
{
    char *id = xprintf("def:%02d-%s", chapter, term), *o = id + 7;
    int dash = 0;
    for (const char *c = term; *c; c++) {
        unsigned char u = (unsigned char)*c;
        if (u < 0x80 && isalnum(u)) {
            if (dash && o > id + 7)
                *o++ = '-';
            *o++ = (char)tolower(u);
            dash = 0;
        } else {
            dash = 1;
        }
    }
    *o = '\0';
    return id;
}

/* A definition "[TEXT]{.define}" or "[TEXT]{.define term="TERM"}" at C
 * (which points at '['): returns its end, the text and the term (copied),
 * or NULL if C starts none. */
static const char *parse_define(const char *c, char **text, char **term)
{
    if (c[0] != '[')
        return NULL;
    const char *close = strchr(c + 1, ']');
    if (close == NULL || close == c + 1 || memchr(c + 1, '[', (size_t)(close - c - 1)))
        return NULL;
    const char *a = close + 1;
    if (strncmp(a, "{.define}", 9) == 0) {
        *text = sdup(c + 1, (size_t)(close - c - 1));
        *term = sdup(*text, strlen(*text));
        return a + 9;
    }
    if (strncmp(a, "{.define term=\"", 15) == 0) {
        const char *t = a + 15, *q = strchr(t, '"');
        if (q == NULL || q == t || q[1] != '}')
            return NULL;
        *text = sdup(c + 1, (size_t)(close - c - 1));
        *term = sdup(t, (size_t)(q - t));
        return q + 2;
    }
    return NULL;
}

/* The equation label "$$ {#eq:NAME}" ending LINE: NAME (a pointer into
 * LINE, length in N) and where the label starts, or NULL. */
static const char *eq_label(const char *line, size_t *n, const char **at)
{
    const char *c = strstr(line, "$$ {#eq:");
    if (c == NULL)
        return NULL;
    const char *l = c + 8;
    *n = 0;
    while (is_label_char(l[*n]))
        (*n)++;
    if (*n == 0 || l[*n] != '}')
        return NULL;
    for (const char *t = l + *n + 1; *t; t++)
        if (!isspace((unsigned char)*t))
            return NULL;
    *at = c + 2;
    return l;
}

static void push_eq(struct weaver *w, size_t start, size_t end, const char *id,
                    const char *number)
{
    struct eqspan *e = realloc(w->eqs, (w->neqs + 1) * sizeof *e);
    if (e == NULL) {
        fputs("weave: out of memory\n", stderr);
        exit(1);
    }
    w->eqs = e;
    e[w->neqs++] = (struct eqspan){start, end, sdup(id, strlen(id)),
                                   sdup(number, strlen(number))};
}

/* The id of the exercise that LINE ("@exercise [{#ex:NAME}] TEXT") starts,
 * the K-th of CHAPTER: "ex:NN-NAME", or "ex:NN-K" without a name (the
 * caller frees); NULL for a malformed name.  *TEXT, if asked, is where the
 * exercise's text starts. */
static char *exercise_id(const char *line, int chapter, int k, const char **text)
{
    const char *e = line + 9 + strspn(line + 9, " ");
    char *id;
    if (strncmp(e, "{#ex:", 5) == 0) {
        size_t n = 0;
        while (is_label_char(e[5 + n]))
            n++;
        if (n == 0 || e[5 + n] != '}')
            return NULL;
        id = xprintf("ex:%02d-%.*s", chapter, (int)n, e + 5);
        e += 6 + n;
        e += strspn(e, " ");
    } else {
        id = xprintf("ex:%02d-%d", chapter, k);
    }
    if (text != NULL)
        *text = e;
    return id;
}

/* Scans the lines MD of one chapter for its labels, numbering sections as
 * the typesetter will (the chapter's heading is chapter N, "## " its
 * sections N.1, N.2..., an @claims line one more; {.unnumbered} and {-}
 * none), figures, labelled equations and exercises in their order. */
static void scan_chapter(struct scan *s, const struct strs *md)
{
    int counters[6] = {0}, figs = 0, eqs = 0, exs = 0, fence = 0, titled = 0;
    char *section = xprintf("chapter %d", s->chapter);
    for (size_t i = 0; i < md->n; i++) {
        const char *line = md->v[i];
        size_t lineno = i + 1;
        if (strncmp(line, "```", 3) == 0 || strncmp(line, "~~~", 3) == 0) {
            fence = !fence;
            continue;
        }
        if (fence)
            continue;
        char *title, *attrs;
        int level = parse_heading(line, &title, &attrs);
        if (strcmp(line, "@claims") == 0) {
            level = 2;
            title = sdup("Claims checked in this chapter", 30);
            attrs = sdup("", 0);
        }
        if (level > 0) {
            int numbered = !has_attr_word(attrs, ".unnumbered") &&
                           !has_attr_word(attrs, "-");
            char number[64] = "";
            if (level == 1) {
                counters[0] = s->chapter;
                for (int k = 1; k < 6; k++)
                    counters[k] = 0;
                snprintf(number, sizeof number, "%d", s->chapter);
                if (!titled)
                    add_label(s, L_CH, xprintf("ch:%02d", s->chapter),
                              sdup(number, strlen(number)),
                              xprintf("%d\t%s", s->chapter, title), lineno);
                titled = 1;
            } else if (numbered) {
                counters[0] = s->chapter;
                counters[level - 1]++;
                for (int k = level; k < 6; k++)
                    counters[k] = 0;
                size_t at = 0;
                for (int k = 0; k < level; k++)
                    at += (size_t)snprintf(number + at, sizeof number - at,
                                           "%s%d", k ? "." : "", counters[k]);
            }
            if (level > 1 || numbered) {
                free(section);
                section = number[0] ? xprintf("%s\t%s", number, title)
                                    : xprintf("\t%s", title);
            }
            size_t n;
            const char *l = attr_label(attrs, "sec", &n);
            if (l != NULL && (n == 0 || level == 1 || !numbered)) {
                scan_error(s, lineno, "%s", level == 1 ? "a chapter's heading "
                           "takes no #sec: label (refer to it with @ch:NN)"
                           : "a section label is #sec:NAME on a numbered heading");
            } else if (l != NULL) {
                add_label(s, L_SEC, xprintf("sec:%02d-%.*s", s->chapter, (int)n, l),
                          sdup(number, strlen(number)), NULL, lineno);
            }
            free(title);
            free(attrs);
            continue;
        }
        const char *cap, *file, *flabel, *alt;
        size_t ncap, nfile, nflabel, nalt;
        if (parse_figure(line, &cap, &ncap, &file, &nfile, &flabel, &nflabel, &alt,
                         &nalt)) {
            figs++;
            if (s->w != NULL && !figure_number(s->w, flabel, nflabel))
                strs_push(&s->w->fig_labels, sdup(flabel, nflabel));
            add_label(s, L_FIG, xprintf("fig:%02d-%.*s", s->chapter, (int)nflabel, flabel),
                      xprintf("%d.%d", s->chapter, figs), NULL, lineno);
            continue;
        }
        size_t n;
        const char *at;
        const char *l = eq_label(line, &n, &at);
        if (l != NULL) {
            /* the opening $$: on this line ("$$ x $$ {#eq:y}") or above */
            size_t start = i;
            const char *t = line + strspn(line, " ");
            if (!(strncmp(t, "$$", 2) == 0 && t + 2 < at - 2)) {
                while (start > 0) {
                    start--;
                    const char *u = md->v[start] + strspn(md->v[start], " ");
                    if (strncmp(u, "$$", 2) == 0)
                        break;
                    if (u[0] == '\0') {
                        start = (size_t)-1;
                        break;
                    }
                }
                if (start == i || start == (size_t)-1 ||
                    strncmp(md->v[start] + strspn(md->v[start], " "), "$$", 2) != 0) {
                    scan_error(s, lineno, "%s", "an equation label {#eq:NAME} "
                               "follows the $$ that closes a display equation "
                               "opened by a line starting with $$");
                    continue;
                }
            }
            eqs++;
            char *id = xprintf("eq:%02d-%.*s", s->chapter, (int)n, l);
            char *number = xprintf("%d.%d", s->chapter, eqs);
            if (s->w != NULL)
                push_eq(s->w, start + 1, lineno, id, number);
            add_label(s, L_EQ, id, number, NULL, lineno);
        } else if (strstr(line, "{#eq:") != NULL) {
            scan_error(s, lineno, "%s", "an equation label is \"$$ {#eq:NAME}\" "
                       "at the end of the line that closes the equation");
        }
        if (strncmp(line, "@exercise", 9) == 0 &&
            (line[9] == '\0' || line[9] == ' ')) {
            exs++;
            char *id = exercise_id(line, s->chapter, exs, NULL);
            if (id == NULL) {
                scan_error(s, lineno, "%s", "usage: @exercise [{#ex:NAME}] TEXT");
                continue;
            }
            add_label(s, L_EX, id, xprintf("%d.%d", s->chapter, exs), NULL, lineno);
        } else if (strncmp(line, "**Exercise ", 11) == 0 &&
                   isdigit((unsigned char)line[11])) {
            scan_error(s, lineno, "%s", "an exercise starts with @exercise "
                       "(the weaver numbers it)");
        }
        for (const char *c = strchr(line, '['); c != NULL; c = strchr(c + 1, '[')) {
            char *text, *term;
            int ticks = 0;      /* inside `code` (as expand_inline sees it) */
            for (const char *t = line; t < c; t++)
                ticks += *t == '`';
            if (ticks % 2)
                continue;
            if (parse_define(c, &text, &term) == NULL) {
                if (strncmp(strchr(c, ']') ? strchr(c, ']') : c, "]{.define", 9) == 0)
                    scan_error(s, lineno, "%s", "a definition is [TEXT]{.define} "
                               "or [TEXT]{.define term=\"TERM\"}, on one line");
                continue;
            }
            add_label(s, L_DEF, term_id(s->chapter, term), term,
                      sdup(section, strlen(section)), lineno);
            free(text);
        }
    }
    free(section);
}

/* The numbered folders NN-slug of PARENT, sorted. */
static void chapter_folders(const char *parent, struct strs *names)
{
    DIR *d = opendir(parent);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (isdigit((unsigned char)e->d_name[0]) && atoi(e->d_name) > 0 &&
            strchr(e->d_name, '-') != NULL)
            strs_push(names, sdup(e->d_name, strlen(e->d_name)));
    closedir(d);
    if (names->n > 1)
        qsort(names->v, names->n, sizeof *names->v, compare_strings);
}

/* The folder holding CHAPTER_DIR ("." if none), copied. */
static char *parent_folder(const char *chapter_dir)
{
    size_t n = strlen(chapter_dir);
    while (n > 1 && chapter_dir[n - 1] == '/')
        n--;
    while (n > 0 && chapter_dir[n - 1] != '/')
        n--;
    while (n > 1 && chapter_dir[n - 1] == '/')
        n--;
    return n == 0 ? sdup(".", 1) : sdup(chapter_dir, n);
}

/* --- the label index of a chapter ---------------------------------------
 * "# FILE\tkind\tid\tnumber\twhere" and then one line a label: its kind
 * (fig, eq, sec, ex, ch, def), id, number (a term's text) and where (a term's
 * or chapter's section, "3.2<TAB>Title"), a tab inside a field written \t and
 * a backslash \\.  No line numbers: a line added to the prose leaves the
 * index as it was, and so the chapters that read it. */

static void put_field(FILE *out, const char *s)
{
    for (; s != NULL && *s; s++)
        if (*s == '\t')
            fputs("\\t", out);
        else if (*s == '\\')
            fputs("\\\\", out);
        else
            fputc(*s, out);
}

/* FIELD with \t and \\ undone, copied; NULL for an empty one if EMPTY_NULL.
 * Sets *BAD for any other backslash. */
static char *unescape(const char *field, int empty_null, int *bad)
{
    if (empty_null && field[0] == '\0')
        return NULL;
    char *s = sdup(field, strlen(field)), *o = s;
    for (const char *c = field; *c; c++) {
        if (*c != '\\') {
            *o++ = *c;
        } else if (c[1] == 't' || c[1] == '\\') {
            *o++ = c[1] == 't' ? '\t' : '\\';
            c++;
        } else {
            *bad = 1;
        }
    }
    *o = '\0';
    return s;
}

/* The folder name of CHAPTER_DIR (its last component), copied. */
static char *folder_name(const char *chapter_dir)
{
    size_t dl = strlen(chapter_dir);
    while (dl > 1 && chapter_dir[dl - 1] == '/')
        dl--;
    const char *base = chapter_dir + dl;
    while (base > chapter_dir && base[-1] != '/')
        base--;
    return sdup(base, (size_t)(chapter_dir + dl - base));
}

int book_weave_labels(const char *chapter_dir, FILE *out, FILE *err)
{
    char *slug = folder_name(chapter_dir);
    char *path = cat3(chapter_dir, "/", "chapter.md");
    int chapter = atoi(slug), errors = 0;
    struct strs md = {0};
    struct labels ls = {0};
    if (!isdigit((unsigned char)slug[0]) || chapter <= 0) {
        fprintf(err, "%s: a chapter folder is named NN-slug\n", chapter_dir);
        errors++;
    } else if (read_lines(path, &md) != 0) {
        fprintf(err, "%s: cannot read\n", path);
        errors++;
    } else {
        /* its errors are reported when the chapter itself is woven */
        struct scan sc = {NULL, &ls, path, slug, chapter};
        scan_chapter(&sc, &md);
        fputs("# ", out);
        put_field(out, path);
        fputs("\tkind\tid\tnumber\twhere\n", out);
        for (size_t i = 0; i < ls.n; i++) {
            const struct label *l = &ls.v[i];
            fprintf(out, "%s\t", kind_prefix[l->kind]);
            put_field(out, l->id);
            fputc('\t', out);
            put_field(out, l->number);
            fputc('\t', out);
            put_field(out, l->where);
            fputc('\n', out);
        }
    }
    labels_free(&ls);
    strs_free(&md);
    free(path);
    free(slug);
    return errors;
}

/* Adds the labels of the index PATH, of the chapter SLUG, to LS.  Returns
 * the number of errors reported on ERR (an unreadable or malformed index). */
static int read_index(const char *path, const char *slug, struct labels *ls,
                      FILE *err)
{
    struct strs lines = {0};
    if (read_lines(path, &lines) != 0) {
        fprintf(err, "%s: cannot read the labels of chapter %s "
                "(weave --labels writes them)\n", path, slug);
        return 1;
    }
    int errors = 0, bad = 0;
    char *file = NULL;
    if (lines.n > 0 && strncmp(lines.v[0], "# ", 2) == 0) {
        char *tab = strchr(lines.v[0], '\t');
        if (tab != NULL)
            *tab = '\0';
        file = unescape(lines.v[0] + 2, 0, &bad);
    }
    if (file == NULL || bad) {
        fprintf(err, "%s:1: not a label index (\"# FILE\\tkind\\tid\\tnumber\\twhere\")\n", path);
        errors++;
    }
    struct scan sc = {NULL, ls, file, slug, atoi(slug)};
    for (size_t i = 1; errors == 0 && i < lines.n; i++) {
        char *f[4];
        int kind = 0;
        if (split_tabs(lines.v[i], f, 4) == 4)
            while (kind < L_KINDS && strcmp(f[0], kind_prefix[kind]) != 0)
                kind++;
        else
            kind = L_KINDS;
        char *id = NULL, *number = NULL, *where = NULL;
        if (kind < L_KINDS) {
            id = unescape(f[1], 0, &bad);
            number = unescape(f[2], 0, &bad);
            where = unescape(f[3], 1, &bad);
        }
        if (kind == L_KINDS || bad || id[0] == '\0') {
            fprintf(err, "%s:%zu: not a label (kind, id, number, where)\n", path, i + 1);
            errors++;
            free(id);
            free(number);
            free(where);
            break;
        }
        add_label(&sc, kind, id, number, where, 0);
    }
    free(file);
    strs_free(&lines);
    return errors;
}

/* The labels of the chapter SLUG of the folder PARENT, added to LS: from its
 * index in labels_dir if one is set, else from its chapter.md (silently: its
 * errors are its own).  Returns the number of errors reported on ERR. */
static int other_labels(const char *parent, const char *slug, struct labels *ls,
                        FILE *err)
{
    if (labels_dir != NULL) {
        char *name = cat3(slug, ".", "tsv");
        char *path = cat3(labels_dir, "/", name);
        int errors = read_index(path, slug, ls, err);
        free(path);
        free(name);
        return errors;
    }
    char *dir = cat3(parent, "/", slug);
    char *path = cat3(dir, "/", "chapter.md");
    struct strs lines = {0};
    if (read_lines(path, &lines) == 0) {
        struct scan other = {NULL, ls, path, slug, atoi(slug)};
        scan_chapter(&other, &lines);
    }
    strs_free(&lines);
    free(path);
    free(dir);
    return 0;
}

/* The line of L's source that defines it, when L was read from an index
 * (which keeps no lines): the first label of its kind and id in that file. */
static size_t label_line(const struct label *l)
{
    if (l->line != 0 || l->file == NULL)
        return l->line;
    struct strs lines = {0};
    struct labels ls = {0};
    size_t line = 0;
    if (read_lines(l->file, &lines) == 0) {
        struct scan sc = {NULL, &ls, l->file, l->slug, l->chapter};
        scan_chapter(&sc, &lines);
        for (size_t i = 0; line == 0 && i < ls.n; i++)
            if (ls.v[i].kind == l->kind && strcmp(ls.v[i].id, l->id) == 0)
                line = ls.v[i].line;
    }
    labels_free(&ls);
    strs_free(&lines);
    return line;
}

/* Reads the labels of this chapter (MD, reporting its errors) and of every
 * other chapter folder beside it (other_labels).  Returns the number of
 * indexes that could not be read. */
static int load_labels(struct weaver *w, const struct strs *md)
{
    int index_errors = 0;
    w->labels = calloc(1, sizeof *w->labels);
    if (w->labels == NULL) {
        fputs("weave: out of memory\n", stderr);
        exit(1);
    }
    struct scan own = {w, w->labels, w->md_path, w->slug, w->chapter};
    scan_chapter(&own, md);
    char *parent = parent_folder(w->chapter_dir);
    struct strs names = {0};
    chapter_folders(parent, &names);
    for (size_t i = 0; i < names.n; i++) {
        if (strcmp(names.v[i], w->slug) != 0)
            index_errors += other_labels(parent, names.v[i], w->labels, w->err);
    }
    w->errors += index_errors;
    /* a term this chapter defines that another chapter defines too */
    for (size_t i = 0; i < w->labels->n; i++) {
        const struct label *a = &w->labels->v[i];
        if (a->kind != L_DEF || a->chapter != w->chapter)
            continue;
        for (size_t k = 0; k < w->labels->n; k++) {
            const struct label *b = &w->labels->v[k];
            if (b->kind == L_DEF && b->chapter != w->chapter &&
                same_term(a->number, b->number)) {
                char *what = xprintf("term '%s' defined twice (also at %s:%zu)",
                                     a->number, b->file, label_line(b));
                error_at(w, a->file, a->line, "%s", what);
                free(what);
            }
        }
    }
    strs_free(&names);
    free(parent);
    return index_errors;
}

/* Writes the value V, formatted as Markdown, as plain text for an
 * attribute: "10^−7^" as "10⁻⁷", maths without its dollars ("$\mathcal
 * N(0, 0.8^2)$" as "N(0, 0.8²)"), emphasis without its stars.  Returns -1
 * (having written what it could) on markup it cannot write plainly. */
static int put_plain_value(FILE *out, const char *v)
{
    static const char *const sup[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    int ok = 0;
    while (*v) {
        if (*v == '$' || *v == '*') {
            v++;
        } else if (strncmp(v, "\\mathcal ", 9) == 0) {
            v += 9;
        } else if (*v == '^') {
            /* "^−7^" (Markdown) or "^2" (TeX, one character) */
            const char *e = strchr(v + 1, '^');
            const char *stop = e != NULL ? e : v + 2;
            for (v++; v < stop && *v; ) {
                if (isdigit((unsigned char)*v)) {
                    fputs(sup[*v - '0'], out);
                    v++;
                } else if (strncmp(v, "−", strlen("−")) == 0 || *v == '-') {
                    fputs("⁻", out);
                    v += *v == '-' ? 1 : strlen("−");
                } else {
                    ok = -1;
                    v++;
                }
            }
            if (e != NULL)
                v = e + 1;
        } else if (*v == '\\' || *v == '"' || *v == '_' || *v == '`') {
            ok = -1;
            v++;
        } else {
            fputc(*v++, out);
        }
    }
    return ok;
}

/* The figure's text alternative ALT (N bytes) with its {{name}} values
 * written plainly, into memory (the caller frees); NULL after an error. */
static char *expand_alt(struct weaver *w, const char *alt, size_t n, size_t lineno)
{
    char *buf = NULL;
    size_t bufsize = 0;
    FILE *mem = open_memstream(&buf, &bufsize);
    if (mem == NULL) {
        fputs("weave: out of memory\n", stderr);
        exit(1);
    }
    int bad = 0;
    const char *c = alt, *end = alt + n;
    while (c < end) {
        if (c[0] == '{' && c + 1 < end && c[1] == '{') {
            const char *close = strstr(c + 2, "}}");
            if (close == NULL || close >= end) {
                error_at(w, w->md_path, lineno, "%s", "unclosed {{ in the figure's alt text");
                bad = 1;
                break;
            }
            const char *v = lookup_value(w, c + 2, (size_t)(close - c - 2));
            char *nm = sdup(c + 2, (size_t)(close - c - 2));
            if (v == NULL) {
                error_at(w, w->md_path, lineno,
                         "unknown value '%s' (not in values.tsv)", nm);
                bad = 1;
            } else if (put_plain_value(mem, v) != 0) {
                error_at(w, w->md_path, lineno, "value '%s' (%s) cannot be "
                         "written as plain text in the figure's alt text", nm, v);
                bad = 1;
            }
            free(nm);
            c = close + 2;
        } else if (*c == '\\' || *c == '$') {
            error_at(w, w->md_path, lineno, "the figure's alt text is plain text: "
                     "no '%c' (write maths in words or Unicode)", *c);
            bad = 1;
            break;
        } else {
            fputc(*c++, mem);
        }
    }
    fclose(mem);
    if (bad) {
        free(buf);
        return NULL;
    }
    return buf;
}

static void weave_figure(struct weaver *w, const char *line, size_t lineno)
{
    const char *cap, *file, *label, *alt;
    size_t ncap, nfile, nlabel, nalt;
    parse_figure(line, &cap, &ncap, &file, &nfile, &label, &nlabel, &alt, &nalt);
    char *fname = sdup(file, nfile);
    int found = 0, width = 0;
    for (size_t i = 0; i < w->figure_files.n; i++)
        if (strcmp(w->figure_files.v[i], fname) == 0) {
            w->figure_used[i] = 1;
            width = w->figure_width[i];
            found = 1;
        }
    if (!found)
        error_at(w, w->md_path, lineno, "image '%s' has no figure script "
                 "fig-NAME.gp in the chapter folder (or it draws another "
                 "format)", fname);
    int k = figure_number(w, label, nlabel);
    char *lb = sdup(label, nlabel);
    char *capt = sdup(cap, ncap);
    /* A text alternative that says what the figure shows: a screen reader
     * reads it in place of the picture, and the caption after it. */
    char *alttext = NULL;
    while (alt != NULL && nalt > 0 && alt[0] == ' ')
        alt++, nalt--;
    if (alt == NULL || nalt == 0)
        error_at(w, w->md_path, lineno, "figure '%s' has no text alternative: "
                 "write {#fig:%s alt=\"what it shows: the axes, the curves or "
                 "points, the trend\"}", lb, lb);
    else if (nalt == ncap && strncmp(alt, cap, ncap) == 0)
        error_at(w, w->md_path, lineno, "figure '%s': its alt text repeats the "
                 "caption; say what the figure shows", lb);
    else if ((alttext = expand_alt(w, alt, nalt, lineno)) != NULL &&
             strstr(alttext, fname) != NULL) {
        error_at(w, w->md_path, lineno, "figure '%s': its alt text names the "
                 "file; say what the figure shows", lb);
        free(alttext);
        alttext = NULL;
    }
    fprintf(w->out, "![**Figure %d.%d.** ", w->chapter, k);
    /* the caption may quote values; expand_inline ends with a newline, so
     * expand it into memory and write it without */
    FILE *saved = w->out;
    if (capt[0] != '\0') {
        char *buf = NULL;
        size_t bufsize = 0;
        FILE *mem = open_memstream(&buf, &bufsize);
        if (mem == NULL) {
            fputs("weave: out of memory\n", stderr);
            exit(1);
        }
        w->out = mem;
        expand_inline(w, capt, lineno);
        fclose(mem);
        w->out = saved;
        if (bufsize > 0 && buf[bufsize - 1] == '\n')
            buf[bufsize - 1] = '\0';
        fputs(buf, w->out);
        free(buf);
    }
    /* A figure shrinks with the page down to the scale where its text is
     * still 9 px; on a narrower page it scrolls sideways (report.css). */
    size_t nf = strlen(fname);
    double scale = nf > 4 && strcmp(fname + nf - 4, ".gif") == 0
                   ? GIF_MIN_SCALE : SVG_MIN_SCALE;
    fprintf(w->out, "](%s/%s){#fig:%02d-%s alt=\"%s\"", w->slug, fname,
            w->chapter, lb, alttext != NULL ? alttext : "");
    if (width > 0)
        fprintf(w->out, " style=\"min-width:%dpx\"", (int)(width * scale + 0.5));
    fputs("}\n", w->out);
    free(alttext);
    free(lb);
    free(capt);
    free(fname);
}

/* Returns the tag of a marker line "/" "* >>> TAG *" "/" (KIND '>') or
 * "<<<" (KIND '<'), or NULL. */
static char *marker_tag(const char *line, char kind)
{
    const char *open = kind == '>' ? "/* >>> " : "/* <<< ";
    const char *m = strstr(line, open);
    if (m == NULL)
        return NULL;
    const char *t = m + 7;
    size_t n = 0;
    while (is_label_char(t[n]))
        n++;
    if (n == 0 || strncmp(t + n, " */", 3) != 0)
        return NULL;
    return sdup(t, n);
}

static int is_marker(const char *line)
{
    char *a = marker_tag(line, '>'), *b = marker_tag(line, '<');
    int r = a != NULL || b != NULL;
    free(a);
    free(b);
    return r;
}

/* Writes PATH with its "dir/../" and "./" steps removed ("chapters/06-vae-
 * kl/../../src/kl/mvn.c" as "src/kl/mvn.c"): a listing's title names the
 * file as it is in the repository. */
static void put_repo_path(FILE *out, const char *path)
{
    struct strs parts = {0};
    const char *p = path;
    while (*p) {
        size_t n = strcspn(p, "/");
        if (n == 2 && strncmp(p, "..", 2) == 0 && parts.n > 0 &&
            strcmp(parts.v[parts.n - 1], "..") != 0) {
            free(parts.v[--parts.n]);
        } else if (n > 0 && !(n == 1 && p[0] == '.')) {
            strs_push(&parts, sdup(p, n));
        }
        p += n;
        if (*p == '/')
            p++;
    }
    for (size_t i = 0; i < parts.n; i++)
        fprintf(out, "%s%s", i || path[0] == '/' ? "/" : "", parts.v[i]);
    strs_free(&parts);
}

/* @code FILE TAG, or (FOLD) @code-fold FILE TAG: the listing folded under
 * a summary that shows it on demand. */
static void weave_code(struct weaver *w, const char *args, size_t lineno,
                       int fold)
{
    char file[512], tag[256], extra[8];
    int n = sscanf(args, "%511s %255s %7s", file, tag, extra);
    if (n != 2) {
        error_at(w, w->md_path, lineno, "%s", fold ? "usage: @code-fold FILE TAG"
                                                   : "usage: @code FILE TAG");
        return;
    }
    char *path = cat3(w->chapter_dir, "/", file);
    struct strs lines = {0};
    if (read_lines(path, &lines) != 0) {
        error_at(w, w->md_path, lineno, "cannot read '%s'", path);
        free(path);
        return;
    }
    size_t start = 0, end = 0;
    int have_start = 0, have_end = 0;
    for (size_t i = 0; i < lines.n; i++) {
        char *t = marker_tag(lines.v[i], have_start ? '<' : '>');
        if (t != NULL && strcmp(t, tag) == 0) {
            if (!have_start) {
                start = i;
                have_start = 1;
            } else {
                end = i;
                have_end = 1;
                free(t);
                break;
            }
        }
        free(t);
    }
    if (!have_start || !have_end) {
        char msg[1024];
        snprintf(msg, sizeof msg, "tag '%s' not found (or not closed) in %s",
                 tag, path);
        error_at(w, w->md_path, lineno, "%s", msg);
    } else {
        /* dedent by the smallest indentation of a non-blank line */
        size_t indent = (size_t)-1;
        for (size_t i = start + 1; i < end; i++) {
            const char *l = lines.v[i];
            size_t k = strspn(l, " ");
            if (l[k] != '\0' && !is_marker(l) && k < indent)
                indent = k;
        }
        if (indent == (size_t)-1)
            indent = 0;
        if (fold)
            fprintf(w->out, "<details class=\"listing-fold\">\n<summary>Show "
                            "the code: %s</summary>\n\n", tag);
        fputs("::: {.listing}\n[`", w->out);
        put_repo_path(w->out, path);
        fprintf(w->out, "` — %s]{.listing-title}\n\n```c\n", tag);
        for (size_t i = start + 1; i < end; i++) {
            const char *l = lines.v[i];
            if (is_marker(l))
                continue;
            fprintf(w->out, "%s\n", strlen(l) >= indent ? l + indent : "");
        }
        fputs("```\n:::\n", w->out);
        if (fold)
            fputs("\n</details>\n", w->out);
        strs_push(&w->used_tags, cat3(file, "\t", tag));
    }
    strs_free(&lines);
    free(path);
}

/* The most lines of output a @kl line may show. */
#define KL_MAX_LINES 40

/* Splits ARGS into words at spaces; "double quotes" group (and are
 * removed).  Returns the number of words (at most MAX - 1, ARGV ends with
 * NULL), or -1 for an unclosed quote or too many words. */
static int split_words(char *args, char **argv, int max)
{
    int n = 0;
    char *p = args;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0')
            break;
        if (n == max - 1)
            return -1;
        char *word = p, *o = p;
        while (*p && *p != ' ' && *p != '\t') {
            if (*p == '"') {
                char *close = strchr(p + 1, '"');
                if (close == NULL)
                    return -1;
                memmove(o, p + 1, (size_t)(close - p - 1));
                o += close - p - 1;
                p = close + 1;
            } else {
                *o++ = *p++;
            }
        }
        int at_end = *p == '\0';
        *o = '\0';
        argv[n++] = word;
        if (at_end)
            break;
        p++;
    }
    argv[n] = NULL;
    return n;
}


static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Runs the calculator with the words of ARGS, in the chapter's output
 * folder; returns its exit status (-1 if it could not run) and its
 * standard output and error in OUT and ERR (to be freed). */
static int run_kl(struct weaver *w, const char *args, char **out, char **err)
{
    char *copy = sdup(args, strlen(args)), *argv[66];
    *out = *err = NULL;
    argv[0] = "kl";
    if (split_words(copy, argv + 1, 65) < 0) {
        free(copy);
        *err = sdup("an unclosed \" or more than 64 words", 35);
        return -1;
    }
    char *exe;
    if (kl_path[0] == '/') {
        exe = sdup(kl_path, strlen(kl_path));
    } else {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd) == NULL) {
            free(copy);
            *err = sdup("cannot read the working folder", 30);
            return -1;
        }
        exe = cat3(cwd, "/", kl_path);
    }
    FILE *fo = tmpfile(), *fe = tmpfile();
    int status = -1;
    if (fo != NULL && fe != NULL) {
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            if (chdir(w->out_dir) != 0 || dup2(fileno(fo), 1) < 0 ||
                dup2(fileno(fe), 2) < 0)
                _exit(127);
            execv(exe, argv);
            _exit(127);
        }
        int ws;
        if (pid > 0 && waitpid(pid, &ws, 0) == pid && WIFEXITED(ws))
            status = WEXITSTATUS(ws);
        rewind(fo);
        rewind(fe);
        *out = book_slurp(fo, NULL);
        *err = book_slurp(fe, NULL);
        if (*out == NULL || *err == NULL) {
            free(*out);
            free(*err);
            *out = NULL;
            *err = sdup("cannot read what kl printed", 27);
            status = -1;
        } else if (status == 127 && (*err)[0] == '\0') {
            free(*err);
            *err = cat3("cannot run ", exe, "");
            status = -1;
        }
    } else {
        *err = cat3("cannot make a temporary file: ", strerror(errno), "");
    }
    if (fo != NULL)
        fclose(fo);
    if (fe != NULL)
        fclose(fe);
    free(exe);
    free(copy);
    return status;
}

/* @kl ARGS (FAILS 0): runs the calculator and shows the command and its
 * output; it must succeed.  @kl-fails ARGS: the command must be refused
 * with exit status 2 and one "kl: " line. */
static void weave_kl(struct weaver *w, const char *args, size_t lineno,
                     int fails)
{
    const char *what = fails ? "@kl-fails" : "@kl";
    char msg[512];
    if (kl_path == NULL) {
        snprintf(msg, sizeof msg, "%s: no calculator was given to the weaver "
                 "(weave --kl PATH)", what);
        error_at(w, w->md_path, lineno, "%s", msg);
        return;
    }
    char *out, *err;
    int status = run_kl(w, args, &out, &err);
    const char *bad = NULL;
    if (status < 0)
        bad = "could not run";
    else if (!fails && status != 0)
        bad = "kl failed";
    else if (fails && status != 2)
        bad = "kl did not refuse it with exit status 2";
    else if (fails && (strncmp(err, "kl: ", 4) != 0 || count_lines(err) != 1))
        bad = "kl's refusal is not one \"kl: \" line";
    else if (count_lines(out) + count_lines(err) > KL_MAX_LINES)
        bad = "more output than a page should show (40 lines)";
    else if (strstr(out, "```") != NULL || strstr(err, "```") != NULL)
        bad = "its output holds ```";
    if (bad != NULL) {
        size_t k = strcspn(err, "\n");
        snprintf(msg, sizeof msg, "%s %s: %s (status %d)%s%.*s", what, args,
                 bad, status, k ? ": " : "", (int)(k > 200 ? 200 : k), err);
        error_at(w, w->md_path, lineno, "%s", msg);
    } else {
        fprintf(w->out, "```{.kl-run}\n$ kl %s\n%s", args, out);
        if (out[0] != '\0' && out[strlen(out) - 1] != '\n')
            fputc('\n', w->out);
        fputs(err, w->out);
        if (err[0] != '\0' && err[strlen(err) - 1] != '\n')
            fputc('\n', w->out);
        fputs("```\n", w->out);
    }
    free(out);
    free(err);
}

static void escape_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', out);
        fputc(*s, out);
    }
}

static void weave_claims(struct weaver *w, size_t lineno)
{
    char *path = cat3(w->out_dir, "/", "claims.tsv");
    struct strs lines = {0};
    if (read_lines(path, &lines) != 0) {
        error_at(w, w->md_path, lineno, "cannot read '%s'", path);
        free(path);
        return;
    }
    fputs("## Claims checked in this chapter\n\n"
          "Each row is a statement of this chapter that the machine checks "
          "every time the book is built. The observed value is computed one "
          "way and compared with an expected value computed another way "
          "(the *checked against* column), or with a bound it must respect. "
          "*Difference* is how far apart the two are (relative where it says "
          "so, in standard errors (SE) for a Monte Carlo estimate, or the "
          "distance to the bound and on which side); *allowed* is the "
          "tolerance. The chapter does not build unless every row holds.\n\n"
          "::: {.claims role=\"region\" tabindex=\"0\" aria-label=\"Claims "
          "checked in this chapter (a table; it may scroll sideways)\"}\n"
          "| Claim | Checked against | Expected | Observed | Difference "
          "| Allowed | Holds |\n"
          "|:------|:-----|-------:|-------:|-----:|-----:|:--:|\n", w->out);
    int rows = 0;
    for (size_t i = 0; i < lines.n; i++) {
        char *f[8];
        if (lines.v[i][0] == '#' || lines.v[i][0] == '\0')
            continue;
        if (split_tabs(lines.v[i], f, 8) != 8) {
            error_at(w, path, i + 1, "%s", "a claims row needs 8 fields");
            continue;
        }
        fputs("| ", w->out);
        for (int k = 0; k < 6; k++) {
            escape_cell(w->out, f[k]);
            fputs(" | ", w->out);
        }
        fputs(strcmp(f[6], "yes") == 0 ? "[✓]{.pass}" : "[✗]{.fail}", w->out);
        fputs(" |\n", w->out);
        rows++;
    }
    /* the table's name, for a screen reader (report.css hides it: the
     * heading above says it) */
    fprintf(w->out, "\nTable: The claims of chapter %d: each statement, what "
            "it was checked against, the expected and observed values, their "
            "difference, the tolerance allowed, and whether it holds.\n:::\n",
            w->chapter);
    if (rows == 0)
        error_at(w, w->md_path, lineno, "%s", "@claims, but the program "
                 "checked no claim");
    strs_free(&lines);
    free(path);
}

/* Parses the directive "@try WORDS" or "@try-fails \"TEXT\" WORDS" (LINE
 * starts with "@try").  On success returns 0, the NAME=VALUE words in WORDS
 * (space-separated) and the expected failure in EXPECT (empty when the
 * variant must build); on error writes the reason to WORDS and returns -1. */
static int parse_try(const char *line, char *words, size_t nwords,
                     char *expect, size_t nexpect)
{
    const char *s = line + 4;
    expect[0] = words[0] = '\0';
    if (strncmp(s, "-fails ", 7) == 0) {
        s += 7;
        while (*s == ' ')
            s++;
        const char *end = *s == '"' ? strchr(s + 1, '"') : NULL;
        if (end == NULL || end == s + 1 || (size_t)(end - s) >= nexpect) {
            snprintf(words, nwords, "usage: @try-fails \"WHAT THE BUILD "
                     "PRINTS\" NAME=VALUE ...");
            return -1;
        }
        memcpy(expect, s + 1, (size_t)(end - s - 1));
        expect[end - s - 1] = '\0';
        s = end + 1;
    } else if (*s != ' ') {
        snprintf(words, nwords, "unknown directive (@try or @try-fails)");
        return -1;
    }
    size_t j = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0')
            break;
        size_t n = strcspn(s, " \t");
        const char *eq = memchr(s, '=', n);
        int ok = eq != NULL && eq > s && isupper((unsigned char)s[0]) &&
                 (size_t)(eq - s) + 1 < n;
        for (const char *c = s; ok && c < s + n; c++)
            if (*c == '\'' || *c == '"' || *c == '\\' || *c == '$' ||
                *c == '`' || (c < eq && !(isupper((unsigned char)*c) ||
                                          isdigit((unsigned char)*c) || *c == '_')))
                ok = 0;
        if (!ok || j + n + 2 >= nwords) {
            snprintf(words, nwords, "a @try word is NAME=VALUE, without "
                     "quotes or spaces: '%.*s'", (int)(n < 200 ? n : 200), s);
            return -1;
        }
        j += (size_t)snprintf(words + j, nwords - j, "%s%.*s", j ? " " : "",
                              (int)n, s);
        s += n;
    }
    if (j == 0) {
        snprintf(words, nwords, "@try needs at least one NAME=VALUE");
        return -1;
    }
    return 0;
}

/* Checks the words of a @try against the chapter's params (a variant that
 * is meant to be refused may hold a bad value, not an unknown name). */
static void check_try_words(struct weaver *w, const char *words,
                            const char *expect, size_t lineno)
{
    char *path = cat3(w->chapter_dir, "/", "params");
    struct book_params ps = {0};
    char err[4608];
    if (book_params_read(path, &ps, err, sizeof err) != 0) {
        error_at(w, w->md_path, lineno, "@try: %s", err);
    } else {
        char *copy = sdup(words, strlen(words));
        for (char *t = strtok(copy, " "); t != NULL; t = strtok(NULL, " ")) {
            if (book_params_set(&ps, t, err, sizeof err) == 0)
                continue;
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)strcspn(t, "="), t);
            if (expect[0] == '\0' || book_params_find(&ps, name) == NULL)
                error_at(w, w->md_path, lineno, "@try: %s", err);
        }
        free(copy);
    }
    book_params_free(&ps);
    free(path);
}

static void weave_try(struct weaver *w, const char *line, size_t lineno)
{
    char words[2048], expect[512];
    if (parse_try(line, words, sizeof words, expect, sizeof expect) != 0) {
        error_at(w, w->md_path, lineno, "%s", words);
        return;
    }
    check_try_words(w, words, expect, lineno);
    fprintf(w->out, "::: {.try}\n```sh\nmake chapter-%02d SET='%s'\n```\n",
            w->chapter, words);
    if (expect[0] != '\0')
        fprintf(w->out, "\n[This build stops, as it should: its last word is "
                        "`%s`.]{.try-expect}\n", expect);
    fputs(":::\n", w->out);
}

int book_weave_tries(const char *chapter_dir, FILE *out, FILE *err)
{
    char *path = cat3(chapter_dir, "/", "chapter.md");
    struct strs md = {0};
    int errors = 0;
    if (read_lines(path, &md) != 0) {
        fprintf(err, "%s: cannot read\n", path);
        free(path);
        return 1;
    }
    for (size_t i = 0; i < md.n; i++) {
        char words[2048], expect[512];
        if (strncmp(md.v[i], "@try", 4) != 0)
            continue;
        if (parse_try(md.v[i], words, sizeof words, expect, sizeof expect)) {
            fprintf(err, "%s:%zu: %s\n", path, i + 1, words);
            errors++;
        } else {
            fprintf(out, "%s\t%s\n", words, expect);
        }
    }
    strs_free(&md);
    free(path);
    return errors;
}

/* A data file the program wrote with book_data (its second comment line
 * names the columns), as a table of right-aligned cells. */
static void weave_table(struct weaver *w, const char *args, size_t lineno)
{
    char file[512], extra[8];
    if (sscanf(args, "%511s %7s", file, extra) != 1 || strchr(file, '/')) {
        error_at(w, w->md_path, lineno, "%s", "usage: @table FILE.tsv (a data "
                 "file of the chapter program)");
        return;
    }
    char *path = cat3(w->out_dir, "/", file);
    struct strs lines = {0};
    if (read_lines(path, &lines) != 0 || lines.n < 2 ||
        strncmp(lines.v[1], "# ", 2) != 0) {
        error_at(w, w->md_path, lineno, "cannot read the table '%s' (written "
                 "by book_data?)", path);
        strs_free(&lines);
        free(path);
        return;
    }
    char *head[32];
    int ncol = split_tabs(lines.v[1] + 2, head, 32);
    fputs("::: {.data-table}\n|", w->out);
    for (int k = 0; k < ncol; k++) {
        fputc(' ', w->out);
        escape_cell(w->out, head[k]);
        fputs(" |", w->out);
    }
    fputs("\n|", w->out);
    for (int k = 0; k < ncol; k++)
        fputs(" ---: |", w->out);
    fputc('\n', w->out);
    for (size_t i = 2; i < lines.n; i++) {
        char *f[32];
        if (lines.v[i][0] == '#' || lines.v[i][0] == '\0')
            continue;
        if (split_tabs(lines.v[i], f, 32) != ncol) {
            error_at(w, path, i + 1, "%s", "a row with another number of "
                     "cells than the header");
            continue;
        }
        fputc('|', w->out);
        for (int k = 0; k < ncol; k++) {
            fputc(' ', w->out);
            escape_cell(w->out, f[k]);
            fputs(" |", w->out);
        }
        fputc('\n', w->out);
    }
    fputs(":::\n", w->out);
    strs_free(&lines);
    free(path);
}

/* Reads all of PATH into a string (NULL if unreadable). */

static int is_explorer_name(const char *s)
{
    if (!isalpha((unsigned char)*s))
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-')
            return 0;
    return 1;
}

/* @explorer NAME: the data NAME.explorer.json the program wrote (with
 * book_explorer_*), inlined in an element that src/book/explorer.js turns
 * into the explorer; hidden until then, so without script (and in print)
 * only the static figure beside it shows. */
static void weave_explorer(struct weaver *w, const char *args, size_t lineno)
{
    char name[64], extra[8];
    if (sscanf(args, "%63s %7s", name, extra) != 1 || !is_explorer_name(name)) {
        error_at(w, w->md_path, lineno, "%s", "usage: @explorer NAME (the "
                 "program's NAME.explorer.json)");
        return;
    }
    for (size_t i = 0; i < w->explorers.n; i++)
        if (strcmp(w->explorers.v[i], name) == 0) {
            error_at(w, w->md_path, lineno, "explorer '%s' shown twice", name);
            return;
        }
    strs_push(&w->explorers, sdup(name, strlen(name)));
    char *file = cat3(name, ".explorer.json", "");
    char *path = cat3(w->out_dir, "/", file);
    char *json = book_read_file(path, NULL);
    if (json == NULL || strncmp(json, "{\"kind\":", 8) != 0 ||
        strstr(json, "</") != NULL || strstr(json, "```") != NULL)
        error_at(w, w->md_path, lineno, "cannot read the explorer data '%s' "
                 "(written by book_explorer_open?)", path);
    else
        /* a placeholder: the typesetter puts the data in (typeset.h) */
        fprintf(w->out, "```{=html}\n<div class=\"explorer\" id=\"x%02d-%s\" "
                "hidden data-explorer=\"%s/%s\"></div>\n```\n", w->chapter,
                name, w->slug, file);
    free(json);
    free(path);
    free(file);
}

/* Every NAME.explorer.json the program wrote must be shown by @explorer. */
static void check_unused_explorers(struct weaver *w)
{
    DIR *d = opendir(w->out_dir);
    if (d == NULL)
        return; /* load_values has reported the folder */
    struct dirent *e;
    const char *suffix = ".explorer.json";
    size_t ns = strlen(suffix);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n <= ns || strcmp(e->d_name + n - ns, suffix) != 0)
            continue;
        int used = 0;
        for (size_t i = 0; i < w->explorers.n; i++)
            if (strlen(w->explorers.v[i]) == n - ns &&
                strncmp(w->explorers.v[i], e->d_name, n - ns) == 0)
                used = 1;
        if (!used) {
            char *path = cat3(w->out_dir, "/", e->d_name);
            error_at(w, path, 1, "%s", "explorer data never shown by an "
                     "@explorer in chapter.md");
            free(path);
        }
    }
    closedir(d);
}

/* The chapter's parameters as this run used them (params.tsv). */
static void weave_params(struct weaver *w, size_t lineno)
{
    char *path = cat3(w->out_dir, "/", "params.tsv");
    struct strs lines = {0};
    if (read_lines(path, &lines) != 0) {
        error_at(w, w->md_path, lineno, "cannot read '%s'", path);
        free(path);
        return;
    }
    fputs("::: {.params}\n"
          "| Parameter | Value | What it is | Valid values |\n"
          "|:--|:--|:------|:----|\n", w->out);
    for (size_t i = 0; i < lines.n; i++) {
        char *f[5];
        if (lines.v[i][0] == '#' || lines.v[i][0] == '\0')
            continue;
        if (split_tabs(lines.v[i], f, 5) != 5) {
            error_at(w, path, i + 1, "%s", "a params row needs 5 fields");
            continue;
        }
        fprintf(w->out, "| `%s` | `%s`%s | ", f[0], f[1],
                strncmp(f[4], "SET ", 4) == 0 ? " (set for this build)" : "");
        escape_cell(w->out, f[2]);
        fputs(" | ", w->out);
        escape_cell(w->out, f[3]);
        fputs(" |\n", w->out);
    }
    fputs(":::\n", w->out);
    strs_free(&lines);
    free(path);
}

static int load_values(struct weaver *w)
{
    char *path = cat3(w->out_dir, "/", "values.tsv");
    struct strs lines = {0};
    int r = read_lines(path, &lines);
    if (r != 0) {
        fprintf(w->err, "%s: cannot read (has the chapter program run?)\n",
                path);
        w->errors++;
    }
    for (size_t i = 0; i < lines.n; i++) {
        char *f[2];
        if (lines.v[i][0] == '#' || lines.v[i][0] == '\0')
            continue;
        if (split_tabs(lines.v[i], f, 2) != 2) {
            error_at(w, path, i + 1, "%s", "a value row needs 2 fields");
            continue;
        }
        strs_push(&w->value_names, sdup(f[0], strlen(f[0])));
        strs_push(&w->value_texts, sdup(f[1], strlen(f[1])));
    }
    strs_free(&lines);
    free(path);
    return r;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The figures are the chapter's fig-*.gp scripts; one whose terminal is gif
 * draws NAME.gif (an animation), any other NAME.svg. */
static void load_figures(struct weaver *w)
{
    DIR *d = opendir(w->chapter_dir);
    struct strs names = {0};
    if (d == NULL) {
        fprintf(w->err, "%s: cannot read the chapter folder\n", w->chapter_dir);
        w->errors++;
    } else {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n > 7 && strncmp(e->d_name, "fig-", 4) == 0 &&
                strcmp(e->d_name + n - 3, ".gp") == 0)
                strs_push(&names, sdup(e->d_name, n));
        }
        closedir(d);
    }
    if (names.n > 1)
        qsort(names.v, names.n, sizeof *names.v, compare_strings);
    int *widths = calloc(names.n + 1, sizeof *widths);
    if (widths == NULL) {
        fputs("weave: out of memory\n", stderr);
        exit(1);
    }
    for (size_t i = 0; i < names.n; i++) {
        char *gp = names.v[i];
        char *gppath = cat3(w->chapter_dir, "/", gp);
        struct strs script = {0};
        const char *ext = "svg";
        int width = 0;
        if (read_lines(gppath, &script) == 0)
            for (size_t k = 0; k < script.n; k++) {
                const char *t = script.v[k], *size;
                if (strncmp(t, "set terminal ", 13) != 0)
                    continue;
                if (strncmp(t, "set terminal gif", 16) == 0)
                    ext = "gif";
                if ((size = strstr(t, " size ")) != NULL)
                    width = atoi(size + 6);
            }
        widths[i] = width;
        gp[strlen(gp) - 2] = '\0';
        strs_push(&w->figure_files, cat3(gp, "", ext));
        strs_push(&w->figure_sources, gppath);
        strs_free(&script);
    }
    w->figure_used = calloc(w->figure_files.n + 1, sizeof *w->figure_used);
    w->figure_width = widths;
    strs_free(&names);
}

/* Every tag in the chapter's own source must be shown by some @code. */
static void check_unused_tags(struct weaver *w)
{
    char *file = cat3(w->slug, ".c", "");
    char *path = cat3(w->chapter_dir, "/", file);
    struct strs lines = {0};
    if (read_lines(path, &lines) != 0) {
        fprintf(w->err, "%s: cannot read the chapter source\n", path);
        w->errors++;
    }
    struct strs open = {0};
    size_t *open_line = calloc(lines.n + 1, sizeof *open_line);
    if (open_line == NULL) {
        fputs("weave: out of memory\n", stderr);
        exit(1);
    }
    for (size_t i = 0; i < lines.n; i++) {
        char *t = marker_tag(lines.v[i], '>');
        if (t != NULL) {
            char *key = cat3(file, "\t", t);
            int used = 0;
            for (size_t k = 0; k < w->used_tags.n; k++)
                if (strcmp(w->used_tags.v[k], key) == 0)
                    used = 1;
            if (!used)
                error_at(w, path, i + 1,
                         "tag '%s' is not shown by any @code in chapter.md", t);
            open_line[open.n] = i + 1;
            strs_push(&open, t);
            free(key);
        }
        char *c = marker_tag(lines.v[i], '<');
        if (c != NULL) {
            int found = 0;
            for (size_t k = 0; k < open.n; k++)
                if (open.v[k][0] != '\0' && strcmp(open.v[k], c) == 0) {
                    open.v[k][0] = '\0';
                    found = 1;
                }
            if (!found)
                error_at(w, path, i + 1, "closing marker for '%s' with no "
                         "opening marker", c);
            free(c);
        }
    }
    for (size_t k = 0; k < open.n; k++)
        if (open.v[k][0] != '\0')
            error_at(w, path, open_line[k], "tag '%s' is never closed",
                     open.v[k]);
    free(open_line);
    strs_free(&open);
    strs_free(&lines);
    free(path);
    free(file);
}

static void weaver_free(struct weaver *w)
{
    strs_free(&w->value_names);
    strs_free(&w->value_texts);
    strs_free(&w->figure_files);
    strs_free(&w->figure_sources);
    strs_free(&w->fig_labels);
    strs_free(&w->used_tags);
    strs_free(&w->explorers);
    free(w->figure_used);
    free(w->figure_width);
    labels_free(w->labels);
    free(w->labels);
    for (size_t i = 0; i < w->neqs; i++) {
        free(w->eqs[i].id);
        free(w->eqs[i].number);
    }
    free(w->eqs);
    free(w->slug);
    free(w->md_path);
}

/* A heading line with its id: the chapter's heading gets #ch:NN, a
 * {#sec:NAME} becomes {#sec:NN-NAME}.  Returns a copy, or NULL for a line
 * that is no heading. */
static char *heading_line(struct weaver *w, const char *line)
{
    char *title, *attrs;
    int level = parse_heading(line, &title, &attrs);
    if (level == 0)
        return NULL;
    char *out;
    size_t n;
    const char *l = attr_label(attrs, "sec", &n);
    if (level == 1 && !w->titled) {
        w->titled = 1;
        out = attrs[0] ? xprintf("# %s {#ch:%02d %s}", title, w->chapter, attrs)
                       : xprintf("# %s {#ch:%02d}", title, w->chapter);
    } else if (l != NULL && n > 0) {
        size_t at = (size_t)(l - attrs);
        out = xprintf("%.*s %s {%.*s%02d-%s}", level, "######", title, (int)at,
                      attrs, w->chapter, l);
    } else {
        out = sdup(line, strlen(line));
    }
    free(title);
    free(attrs);
    return out;
}

/* @exercise [{#ex:NAME}] TEXT: "Exercise N.K", with its id, and TEXT. */
static void weave_exercise(struct weaver *w, const char *line, size_t lineno)
{
    w->exercises++;
    const char *e;
    char *id = exercise_id(line, w->chapter, w->exercises, &e);
    if (id == NULL)     /* reported by the labels' scan */
        return;
    fprintf(w->out, "[**Exercise %d.%d**]{#%s .exercise} ", w->chapter,
            w->exercises, id);
    expand_inline(w, e, lineno);
    free(id);
}

/* Second pass: every line, through the directive it holds. */
static void weave_lines(struct weaver *w, const struct strs *md)
{
    int in_fence = 0;
    for (size_t i = 0; i < md->n; i++) {
        const char *line = md->v[i];
        size_t lineno = i + 1;
        const struct eqspan *eq = NULL;
        for (size_t k = 0; k < w->neqs && !in_fence; k++)
            if (w->eqs[k].start == lineno)
                fprintf(w->out, "<span class=\"equation\" id=\"%s\">\n", w->eqs[k].id);
        for (size_t k = 0; k < w->neqs && !in_fence; k++)
            if (w->eqs[k].end == lineno)
                eq = &w->eqs[k];
        char *heading = in_fence ? NULL : heading_line(w, line);
        if (strncmp(line, "```", 3) == 0 || strncmp(line, "~~~", 3) == 0) {
            in_fence = !in_fence;
            w->in_fence = 0;
            expand_inline(w, line, lineno);
            w->in_fence = in_fence;
        } else if (in_fence) {
            expand_inline(w, line, lineno);
        } else if (eq != NULL) {
            size_t n;
            const char *at;
            eq_label(line, &n, &at);
            char *math = sdup(line, (size_t)(at - line));
            expand_inline(w, math, lineno);
            fprintf(w->out, "<span class=\"eq-number\">(%s)</span></span>\n",
                    eq->number);
            free(math);
        } else if (heading != NULL) {
            expand_inline(w, heading, lineno);
        } else if (strncmp(line, "@exercise", 9) == 0 &&
                   (line[9] == '\0' || line[9] == ' ')) {
            weave_exercise(w, line, lineno);
        } else if (strcmp(line, "@claims") == 0) {
            weave_claims(w, lineno);
        } else if (strncmp(line, "@code ", 6) == 0) {
            weave_code(w, line + 6, lineno, 0);
        } else if (strncmp(line, "@code-fold ", 11) == 0) {
            weave_code(w, line + 11, lineno, 1);
        } else if (strcmp(line, "@solution") == 0) {
            if (w->solution_line)
                error_at(w, w->md_path, lineno, "%s", "@solution inside a "
                         "@solution (close the first with @end-solution)");
            w->solution_line = lineno;
            fputs("<details class=\"solution\">\n<summary>Solution</summary>"
                  "\n\n", w->out);
        } else if (strcmp(line, "@end-solution") == 0) {
            if (!w->solution_line)
                error_at(w, w->md_path, lineno, "%s",
                         "@end-solution without a @solution");
            w->solution_line = 0;
            fputs("\n</details>\n", w->out);
        } else if (strncmp(line, "@kl ", 4) == 0) {
            weave_kl(w, line + 4, lineno, 0);
        } else if (strncmp(line, "@kl-fails ", 10) == 0) {
            weave_kl(w, line + 10, lineno, 1);
        } else if (strcmp(line, "@params") == 0) {
            weave_params(w, lineno);
        } else if (strncmp(line, "@explorer ", 10) == 0) {
            weave_explorer(w, line + 10, lineno);
        } else if (strncmp(line, "@table ", 7) == 0) {
            weave_table(w, line + 7, lineno);
        } else if (strncmp(line, "@try", 4) == 0) {
            weave_try(w, line, lineno);
        } else if (parse_figure(line, &(const char *){0}, &(size_t){0},
                                &(const char *){0}, &(size_t){0},
                                &(const char *){0}, &(size_t){0},
                                &(const char *){0}, &(size_t){0})) {
            weave_figure(w, line, lineno);
        } else {
            expand_inline(w, line, lineno);
        }
        free(heading);
    }
    if (w->solution_line)
        error_at(w, w->md_path, w->solution_line, "%s",
                 "@solution is never closed (@end-solution)");
}

int book_weave(const char *chapter_dir, const char *out_dir, FILE *out,
               FILE *err)
{
    struct weaver w = {0};
    w.chapter_dir = chapter_dir;
    w.out_dir = out_dir;
    w.out = out;
    w.err = err;
    size_t dl = strlen(chapter_dir);
    while (dl > 1 && chapter_dir[dl - 1] == '/')
        dl--;
    const char *base = chapter_dir + dl;
    while (base > chapter_dir && base[-1] != '/')
        base--;
    w.slug = sdup(base, (size_t)(chapter_dir + dl - base));
    w.chapter = atoi(w.slug);
    w.md_path = cat3(chapter_dir, "/", "chapter.md");
    struct strs md = {0};
    if (!isdigit((unsigned char)w.slug[0]) || w.chapter <= 0) {
        fprintf(err, "%s: a chapter folder is named NN-slug\n", chapter_dir);
        w.errors++;
    } else if (read_lines(w.md_path, &md) != 0) {
        fprintf(err, "%s: cannot read\n", w.md_path);
        w.errors++;
    } else {
        load_values(&w);
        load_figures(&w);
    }
    /* without the program's outputs every line would be an error */
    /* ... and without the other chapters' labels every reference */
    if (w.errors == 0 && load_labels(&w, &md) == 0) {
        weave_lines(&w, &md);
        check_unused_tags(&w);
        check_unused_explorers(&w);
        for (size_t i = 0; i < w.figure_files.n; i++)
            if (!w.figure_used[i])
                error_at(&w, w.figure_sources.v[i], 1, "figure '%s' is never "
                         "shown in chapter.md (give it a caption there)",
                         w.figure_files.v[i]);
    }
    int errors = w.errors;
    strs_free(&md);
    weaver_free(&w);
    return errors;
}

int book_replace_if_changed(const char *tmp, const char *path)
{
    size_t nt, np;
    char *t = book_read_file(tmp, &nt);
    if (t == NULL)
        return -1;
    char *o = book_read_file(path, &np);
    int same = o != NULL && nt == np && memcmp(t, o, nt) == 0;
    free(t);
    free(o);
    if (same)
        return remove(tmp) == 0 ? 0 : -1;
    return rename(tmp, path) == 0 ? 1 : -1;
}

int book_weave_labels_file(const char *chapter_dir, const char *path, FILE *err)
{
    char *tmp = cat3(path, ".", "tmp");
    FILE *out = fopen(tmp, "w");
    if (out == NULL) {
        fprintf(err, "%s: %s\n", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    int errors = book_weave_labels(chapter_dir, out, err);
    int bad = ferror(out);
    if (fclose(out) != 0 || bad) {
        fprintf(err, "%s: write error\n", tmp);
        errors++;
    }
    int r = -1;
    if (errors == 0) {
        r = book_replace_if_changed(tmp, path);
        if (r < 0)
            fprintf(err, "%s: %s\n", path, strerror(errno));
    }
    if (r < 0)
        remove(tmp);
    free(tmp);
    return r;
}

static int compare_terms(const void *a, const void *b)
{
    const struct label *x = a, *y = b;
    for (const char *p = x->number, *q = y->number;; p++, q++) {
        int c = tolower((unsigned char)*p), d = tolower((unsigned char)*q);
        if (c != d || c == '\0')
            return c != d ? c - d : strcmp(x->number, y->number);
    }
}

int book_weave_glossary(const char *chapters_dir, FILE *out, FILE *err)
{
    struct labels ls = {0};
    struct strs names = {0};
    int errors = 0;
    chapter_folders(chapters_dir, &names);
    const char *index = labels_dir;
    size_t nd = 0;
    for (;;) {
        for (size_t i = 0; i < names.n; i++)
            errors += other_labels(chapters_dir, names.v[i], &ls, err);
        nd = 0;
        for (size_t i = 0; i < ls.n; i++)
            if (ls.v[i].kind == L_DEF)
                ls.v[nd++] = ls.v[i];
            else
                label_free(&ls.v[i]);
        ls.n = nd;
        if (nd > 1)
            qsort(ls.v, nd, sizeof *ls.v, compare_terms);
        int twice = 0;
        for (size_t i = 0; i + 1 < nd; i++)
            twice |= same_term(ls.v[i].number, ls.v[i + 1].number);
        if (!twice || labels_dir == NULL || errors)
            break;
        /* the indexes keep no lines: the sources name both places */
        labels_free(&ls);
        labels_dir = NULL;
    }
    labels_dir = index;
    for (size_t i = 0; i + 1 < nd; i++)
        if (same_term(ls.v[i].number, ls.v[i + 1].number)) {
            const struct label *a = &ls.v[i], *b = &ls.v[i + 1];
            if (a->chapter > b->chapter || (a->chapter == b->chapter && a->line > b->line)) {
                const struct label *t = a;
                a = b;
                b = t;
            }
            fprintf(err, "%s:%zu: term '%s' defined twice (also at %s:%zu)\n",
                    b->file, b->line, b->number, a->file, a->line);
            errors++;
        }
    if (nd == 0) {
        fprintf(err, "%s: no chapter defines a term ([TERM]{.define})\n", chapters_dir);
        errors++;
    }
    fputs("# Glossary {#glossary .unnumbered}\n\n"
          "The terms the book defines, each linked to the place that defines it.\n\n"
          "::: {.glossary}\n", out);
    for (size_t i = 0; i < nd; i++) {
        const struct label *l = &ls.v[i];
        const char *tab = strchr(l->where, '\t');
        fprintf(out, "- [%s](#%s) — ", l->number, l->id);
        if (tab == NULL)
            fprintf(out, "%s\n", l->where);
        else if (memchr(l->where, '.', (size_t)(tab - l->where)) != NULL)
            fprintf(out, "section %.*s, *%s*\n", (int)(tab - l->where), l->where, tab + 1);
        else
            fprintf(out, "chapter %d, *%s*\n", l->chapter, tab + 1);
    }
    fputs(":::\n", out);
    labels_free(&ls);
    strs_free(&names);
    return errors;
}

/* Writes the Markdown cell S as plain text: "3 × 10^−11^" as "3e-11",
 * "10^−15^" as "1e-15", U+2212 as '-', and no other markup characters. */
static void plain_cell(FILE *out, const char *s)
{
    const char *times = " × 10^", *minus = "−";
    for (const char *start = s; *s;) {
        int exponent = 0;
        if (strncmp(s, times, strlen(times)) == 0) {
            s += strlen(times);
            exponent = 1;
        } else if (strncmp(s, "10^", 3) == 0 && (s == start || s[-1] == ' ')) {
            s += 3;
            fputc('1', out);
            exponent = 1;
        }
        if (exponent) {
            fputc('e', out);
            for (; *s && *s != '^'; s++)
                if (strncmp(s, minus, strlen(minus)) == 0) {
                    fputc('-', out);
                    s += strlen(minus) - 1;
                } else {
                    fputc(*s, out);
                }
            if (*s == '^')
                s++;
        } else if (strncmp(s, minus, strlen(minus)) == 0) {
            fputc('-', out);
            s += strlen(minus);
        } else {
            if (*s != '^' && *s != '~' && *s != '*' && *s != '\\')
                fputc(*s, out);
            s++;
        }
    }
}

int book_print_claims(const char *out_dir, FILE *out, FILE *err)
{
    char *path = cat3(out_dir, "/", "claims.tsv");
    struct strs lines = {0};
    if (read_lines(path, &lines) != 0) {
        fprintf(err, "%s: cannot read (run the chapter first)\n", path);
        free(path);
        return -1;
    }
    int failed = 0;
    for (size_t i = 0; i < lines.n; i++) {
        char *f[8];
        if (lines.v[i][0] == '#' || lines.v[i][0] == '\0')
            continue;
        if (split_tabs(lines.v[i], f, 8) != 8)
            continue;
        int ok = strcmp(f[6], "yes") == 0;
        failed += !ok;
        fprintf(out, "  %s ", ok ? "✓" : "✗");
        plain_cell(out, f[0]);
        fprintf(out, " [%s]\n      expected ", f[1]);
        const char *label[] = {", observed ", ", difference ", ", allowed "};
        for (int k = 2; k <= 5; k++) {
            plain_cell(out, f[k]);
            if (k < 5)
                fputs(label[k - 2], out);
        }
        fprintf(out, " (%s)\n", f[7]);
    }
    strs_free(&lines);
    free(path);
    return failed;
}
