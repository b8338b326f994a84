#define _POSIX_C_SOURCE 200809L
#include "weave.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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

static char *dup(const char *s, size_t n)
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
        strs_push(lines, dup(line, (size_t)n));
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

struct weaver {
    const char *chapter_dir, *out_dir;
    char *slug, *md_path;
    int chapter;
    FILE *out, *err;
    int errors;
    struct strs value_names, value_texts;
    struct strs figure_files;   /* from figures.list, as NAME.svg / NAME.gif */
    int *figure_used;
    struct strs fig_labels;     /* labels in the prose, in order */
    struct strs used_tags;      /* "FILE\tTAG" shown by @code */
};

static void error_at(struct weaver *w, const char *file, size_t line,
                     const char *fmt, const char *arg)
{
    fprintf(w->err, "%s:%zu: ", file, line);
    fprintf(w->err, fmt, arg);
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

/* Writes LINE with {{name}} and @fig:label replaced. */
static void expand_inline(struct weaver *w, const char *line, size_t lineno)
{
    const char *c = line;
    while (*c) {
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
                char *nm = dup(name, n);
                error_at(w, w->md_path, lineno,
                         "unknown value '%s' (not in values.tsv)", nm);
                free(nm);
            } else {
                fputs(v, w->out);
            }
            c = end + 2;
        } else if (strncmp(c, "@fig:", 5) == 0 && is_label_char(c[5]) &&
                   (c == line || !is_label_char(c[-1]))) {
            const char *label = c + 5;
            size_t n = 0;
            while (is_label_char(label[n]))
                n++;
            int k = figure_number(w, label, n);
            char *lb = dup(label, n);
            if (k == 0)
                error_at(w, w->md_path, lineno, "unknown figure '@fig:%s'", lb);
            else
                fprintf(w->out, "[Figure %d.%d](#fig:%02d-%s)", w->chapter, k,
                        w->chapter, lb);
            free(lb);
            c = label + n;
        } else {
            fputc(*c++, w->out);
        }
    }
    fputc('\n', w->out);
}

/* Parses "![CAPTION](FILE){#fig:LABEL}" (trailing spaces allowed); returns 1
 * and pointers into LINE on a match. */
static int parse_figure(const char *line, const char **cap, size_t *ncap,
                        const char **file, size_t *nfile, const char **label,
                        size_t *nlabel)
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
    if (n == 0 || l[n] != '}')
        return 0;
    for (const char *t = l + n + 1; *t; t++)
        if (!isspace((unsigned char)*t))
            return 0;
    *cap = line + 2;
    *ncap = (size_t)(close - *cap);
    *file = close + 2;
    *nfile = (size_t)(fend - *file);
    *label = l;
    *nlabel = n;
    return 1;
}

static void weave_figure(struct weaver *w, const char *line, size_t lineno)
{
    const char *cap, *file, *label;
    size_t ncap, nfile, nlabel;
    parse_figure(line, &cap, &ncap, &file, &nfile, &label, &nlabel);
    char *fname = dup(file, nfile);
    int found = 0;
    for (size_t i = 0; i < w->figure_files.n; i++)
        if (strcmp(w->figure_files.v[i], fname) == 0) {
            w->figure_used[i] = 1;
            found = 1;
        }
    if (!found)
        error_at(w, w->md_path, lineno,
                 "image '%s' is not drawn by the chapter program", fname);
    int k = figure_number(w, label, nlabel);
    char *lb = dup(label, nlabel);
    char *capt = dup(cap, ncap);
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
    fprintf(w->out, "](%s/%s){#fig:%02d-%s}\n", w->slug, fname, w->chapter,
            lb);
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
    return dup(t, n);
}

static int is_marker(const char *line)
{
    char *a = marker_tag(line, '>'), *b = marker_tag(line, '<');
    int r = a != NULL || b != NULL;
    free(a);
    free(b);
    return r;
}

static void weave_code(struct weaver *w, const char *args, size_t lineno)
{
    char file[512], tag[256], extra[8];
    int n = sscanf(args, "%511s %255s %7s", file, tag, extra);
    if (n != 2) {
        error_at(w, w->md_path, lineno, "%s", "usage: @code FILE TAG");
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
        fprintf(w->out, "::: {.listing}\n[`%s` — %s]{.listing-title}\n\n"
                        "```c\n", file, tag);
        for (size_t i = start + 1; i < end; i++) {
            const char *l = lines.v[i];
            if (is_marker(l))
                continue;
            fprintf(w->out, "%s\n", strlen(l) >= indent ? l + indent : "");
        }
        fputs("```\n:::\n", w->out);
        strs_push(&w->used_tags, cat3(file, "\t", tag));
    }
    strs_free(&lines);
    free(path);
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
    fputs("::: {.claims}\n"
          "| Claim | Expected | Observed | Error | Tolerance | Holds |\n"
          "|:------|-------:|-------:|-----:|-----:|:--:|\n", w->out);
    int rows = 0;
    for (size_t i = 0; i < lines.n; i++) {
        char *f[6];
        if (lines.v[i][0] == '#' || lines.v[i][0] == '\0')
            continue;
        if (split_tabs(lines.v[i], f, 6) != 6) {
            error_at(w, path, i + 1, "%s", "a claims row needs 6 fields");
            continue;
        }
        fputs("| ", w->out);
        for (int k = 0; k < 5; k++) {
            escape_cell(w->out, f[k]);
            fputs(" | ", w->out);
        }
        fputs(strcmp(f[5], "yes") == 0 ? "[✓]{.pass}" : "[✗]{.fail}", w->out);
        fputs(" |\n", w->out);
        rows++;
    }
    fputs(":::\n", w->out);
    if (rows == 0)
        error_at(w, w->md_path, lineno, "%s", "@claims, but the program "
                 "checked no claim");
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
        strs_push(&w->value_names, dup(f[0], strlen(f[0])));
        strs_push(&w->value_texts, dup(f[1], strlen(f[1])));
    }
    strs_free(&lines);
    free(path);
    return r;
}

static void load_figures(struct weaver *w)
{
    char *path = cat3(w->out_dir, "/", "figures.list");
    struct strs lines = {0};
    if (read_lines(path, &lines) != 0) {
        fprintf(w->err, "%s: cannot read\n", path);
        w->errors++;
    }
    for (size_t i = 0; i < lines.n; i++) {
        char *gp = lines.v[i];
        size_t n = strlen(gp);
        if (n < 4 || strcmp(gp + n - 3, ".gp") != 0)
            continue;
        /* an animation writes NAME.gif; look at its terminal line */
        char *gppath = cat3(w->out_dir, "/", gp);
        struct strs script = {0};
        const char *ext = "svg";
        if (read_lines(gppath, &script) == 0)
            for (size_t k = 0; k < script.n; k++)
                if (strncmp(script.v[k], "set terminal gif", 16) == 0)
                    ext = "gif";
        gp[n - 2] = '\0';
        strs_push(&w->figure_files, cat3(gp, "", ext));
        strs_free(&script);
        free(gppath);
    }
    w->figure_used = calloc(w->figure_files.n + 1, sizeof *w->figure_used);
    strs_free(&lines);
    free(path);
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
            error_at(w, path, 0, "tag '%s' is never closed", open.v[k]);
    strs_free(&open);
    strs_free(&lines);
    free(path);
    free(file);
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
    w.slug = dup(base, (size_t)(chapter_dir + dl - base));
    w.chapter = atoi(w.slug);
    w.md_path = cat3(chapter_dir, "/", "chapter.md");
    if (!isdigit((unsigned char)w.slug[0]) || w.chapter <= 0) {
        fprintf(err, "%s: a chapter folder is named NN-slug\n", chapter_dir);
        free(w.slug);
        free(w.md_path);
        return 1;
    }

    struct strs md = {0};
    if (read_lines(w.md_path, &md) != 0) {
        fprintf(err, "%s: cannot read\n", w.md_path);
        free(w.slug);
        free(w.md_path);
        return 1;
    }
    load_values(&w);
    load_figures(&w);
    if (w.errors > 0) {
        /* without the program's outputs every line would be an error */
        int errors = w.errors;
        strs_free(&md);
        strs_free(&w.value_names);
        strs_free(&w.value_texts);
        strs_free(&w.figure_files);
        free(w.figure_used);
        free(w.slug);
        free(w.md_path);
        return errors;
    }

    /* first pass: number the figures */
    for (size_t i = 0; i < md.n; i++) {
        const char *cap, *file, *label;
        size_t ncap, nfile, nlabel;
        if (parse_figure(md.v[i], &cap, &ncap, &file, &nfile, &label, &nlabel)) {
            if (figure_number(&w, label, nlabel)) {
                char *lb = dup(label, nlabel);
                error_at(&w, w.md_path, i + 1, "figure '%s' defined twice", lb);
                free(lb);
            }
            strs_push(&w.fig_labels, dup(label, nlabel));
        }
    }

    int in_fence = 0;
    for (size_t i = 0; i < md.n; i++) {
        const char *line = md.v[i];
        size_t lineno = i + 1;
        if (strncmp(line, "```", 3) == 0 || strncmp(line, "~~~", 3) == 0) {
            in_fence = !in_fence;
            expand_inline(&w, line, lineno);
        } else if (in_fence) {
            expand_inline(&w, line, lineno);
        } else if (strcmp(line, "@claims") == 0) {
            weave_claims(&w, lineno);
        } else if (strncmp(line, "@code ", 6) == 0) {
            weave_code(&w, line + 6, lineno);
        } else if (parse_figure(line, &(const char *){0}, &(size_t){0},
                                &(const char *){0}, &(size_t){0},
                                &(const char *){0}, &(size_t){0})) {
            weave_figure(&w, line, lineno);
        } else {
            expand_inline(&w, line, lineno);
        }
    }
    check_unused_tags(&w);
    for (size_t i = 0; i < w.figure_files.n; i++)
        if (!w.figure_used[i])
            error_at(&w, w.md_path, 0, "figure '%s' is drawn by the program "
                     "but never shown (give it a caption)",
                     w.figure_files.v[i]);

    int errors = w.errors;
    strs_free(&md);
    strs_free(&w.value_names);
    strs_free(&w.value_texts);
    strs_free(&w.figure_files);
    strs_free(&w.fig_labels);
    strs_free(&w.used_tags);
    free(w.figure_used);
    free(w.slug);
    free(w.md_path);
    return errors;
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
        char *f[6];
        if (lines.v[i][0] == '#' || lines.v[i][0] == '\0')
            continue;
        if (split_tabs(lines.v[i], f, 6) != 6)
            continue;
        int ok = strcmp(f[5], "yes") == 0;
        failed += !ok;
        fprintf(out, "  %s %s\n      expected %s, observed %s, error %s, "
                     "tolerance %s\n", ok ? "✓" : "✗", f[0], f[1], f[2], f[3],
                f[4]);
    }
    strs_free(&lines);
    free(path);
    return failed;
}
