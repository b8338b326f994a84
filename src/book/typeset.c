/* typeset.c — woven Markdown to one self-contained HTML page (typeset.h). */
#define _POSIX_C_SOURCE 200809L
#include "typeset.h"
#include "slurp.h"
#include "svgpath.h"
#include "svgtree.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The version of the cache's layout and of the pandoc options below: part
 * of every key, so changing either converts everything again. */
#define CACHE_SCHEME "typeset-2 --from markdown --to html5 --mathml --highlight-style tango" \
                     " sh=bash+kl-sh kl-run=title"

/* pandoc finds the syntax of a code block's class by name quickly, but a
 * class that is no syntax's name ("sh", the weaver's "kl-run") sends it
 * through every syntax it has, by extension and short name, which costs
 * some 0.4 CPU-s a run: most of a chapter page's conversion.  So the
 * weaver's two such fences are given to pandoc in a form it looks up by
 * name, and its output is put back as the original would have come out
 * (tests/test_typeset.c checks this against pandoc itself):
 *   ```sh         as ```{.bash .kl-sh}: the same highlighting (pandoc's
 *                 "sh" is its bash), then <pre class="sourceCode sh">;
 *   ```{.kl-run}  as ```{title=kl-run}: no class, so no highlighting (as
 *                 "kl-run" has none), then class="kl-run" for the title,
 *                 which is as long, so that pandoc wraps the line alike. */
#define FAST_SH_IN      "```{.bash .kl-sh}"
#define FAST_SH_OUT     "class=\"sourceCode bash kl-sh\">"
#define FAST_SH_ORIG    "class=\"sourceCode sh\">"
#define FAST_RUN_IN     "```{title=kl-run}"
#define FAST_RUN_OUT    "title=\"kl-run\"><code>"
#define FAST_RUN_ORIG   "class=\"kl-run\"><code>"

struct section {
    char *text;     /* its Markdown */
    char key[17];   /* the hash of the scheme, pandoc and the text */
};

struct page {
    const struct book_typeset *o;
    FILE *err;
    int errors;
    char *title, *subtitle;
    struct section *sec;
    size_t nsec, capsec;
    /* assembly */
    int counters[6];
    int cb_next;                 /* code blocks numbered so far */
    char **ids;                  /* heading ids used so far */
    size_t nids, capids;
    FILE *toc;                   /* the table of contents being written */
    char *tocbuf;
    size_t toclen;
    int toc_level;               /* 0: no list open, 1: in the first level, 2: in a sublist */
    int has_explorer;
    int svgs;                    /* SVG figures inlined so far */
    char **folders;              /* the folders of the page's Markdown files */
    int nfolders;
};

static void oom(void)
{
    fputs("typeset: out of memory\n", stderr);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (p == NULL)
        oom();
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static void fail(struct page *p, const char *what, const char *arg)
{
    fprintf(p->err, "typeset: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
    p->errors++;
}

/* Writes TEXT to PATH through PATH.tmp, so that a reader never sees half. */
static int write_atomic(const char *path, const char *text, size_t n)
{
    size_t pl = strlen(path);
    char *tmp = xrealloc(NULL, pl + 16);
    snprintf(tmp, pl + 16, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int ok = f != NULL && fwrite(text, 1, n, f) == n;
    if (f != NULL && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok)
        remove(tmp);
    free(tmp);
    return ok ? 0 : -1;
}

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* What identifies the pandoc that converts: its path, size and time, so a
 * new pandoc converts everything again. */
static char *pandoc_identity(const char *pandoc)
{
    char *found = NULL;
    if (strchr(pandoc, '/') != NULL) {
        found = xstrndup(pandoc, strlen(pandoc));
    } else {
        const char *path = getenv("PATH");
        while (path != NULL && *path && found == NULL) {
            size_t n = strcspn(path, ":");
            char *cand = xrealloc(NULL, n + strlen(pandoc) + 2);
            snprintf(cand, n + strlen(pandoc) + 2, "%.*s/%s", (int)n, path, pandoc);
            if (access(cand, X_OK) == 0)
                found = cand;
            else
                free(cand);
            path += n + (path[n] == ':');
        }
    }
    struct stat st;
    char *id = xrealloc(NULL, 4200);
    if (found != NULL && stat(found, &st) == 0)
        snprintf(id, 4200, "%s %lld %lld", found, (long long)st.st_size,
                 (long long)st.st_mtime);
    else
        snprintf(id, 4200, "%s", pandoc);
    free(found);
    return id;
}

static void add_section(struct page *p, const char *s, size_t n)
{
    if (p->nsec == p->capsec) {
        p->capsec = p->capsec ? 2 * p->capsec : 32;
        p->sec = xrealloc(p->sec, p->capsec * sizeof *p->sec);
    }
    p->sec[p->nsec].text = xstrndup(s, n);
    p->sec[p->nsec].key[0] = '\0';
    p->nsec++;
}

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "title: The KL Workbook" in a YAML block: the value, unquoted. */
static char *yaml_value(const char *line, size_t n, const char *key)
{
    size_t k = strlen(key);
    if (n <= k + 1 || strncmp(line, key, k) != 0 || line[k] != ':')
        return NULL;
    const char *v = line + k + 1;
    const char *end = line + n;
    while (v < end && *v == ' ')
        v++;
    while (end > v && (end[-1] == ' ' || end[-1] == '\r'))
        end--;
    if (end - v >= 2 && (*v == '"' || *v == '\'') && end[-1] == *v) {
        v++;
        end--;
    }
    return xstrndup(v, (size_t)(end - v));
}

/* Cuts TEXT into sections at "# " and "## " headings that are outside code
 * fences, fenced divs and <details>; a YAML block at the start gives the
 * title and subtitle. */
static void split_sections(struct page *p, const char *text)
{
    const char *s = text;
    if (starts(s, "---\n")) {
        const char *line = s + 4;
        while (*line) {
            size_t n = strcspn(line, "\n");
            if ((n == 3 && (starts(line, "---") || starts(line, "..."))) ) {
                s = line + n + (line[n] == '\n');
                break;
            }
            char *v;
            if ((v = yaml_value(line, n, "title")) != NULL) {
                free(p->title);
                p->title = v;
            } else if ((v = yaml_value(line, n, "subtitle")) != NULL) {
                free(p->subtitle);
                p->subtitle = v;
            }
            line += n + (line[n] == '\n');
        }
    }
    const char *start = s, *line = s;
    int fence = 0, divs = 0, details = 0;
    while (*line) {
        size_t n = strcspn(line, "\n");
        if (starts(line, "```") || starts(line, "~~~")) {
            fence = !fence;
        } else if (!fence) {
            if (starts(line, ":::")) {
                const char *t = line + 3;
                while (*t == ':')
                    t++;
                while (*t == ' ')
                    t++;
                if (*t == '\n' || *t == '\0')
                    divs -= divs > 0;
                else
                    divs++;
            } else if (starts(line, "<details")) {
                details++;
            } else if (starts(line, "</details>")) {
                details -= details > 0;
            } else if (divs == 0 && details == 0 &&
                       (starts(line, "# ") || starts(line, "## ")) &&
                       line > start) {
                add_section(p, start, (size_t)(line - start));
                start = line;
            }
        }
        line += n + (line[n] == '\n');
    }
    if (line > start)
        add_section(p, start, (size_t)(line - start));
}

static char *cache_path(const struct page *p, const char *key, const char *ext)
{
    size_t n = strlen(p->o->cache_dir) + strlen(key) + strlen(ext) + 3;
    char *path = xrealloc(NULL, n);
    snprintf(path, n, "%s/%s%s", p->o->cache_dir, key, ext);
    return path;
}

/* Runs pandoc on IN, writing OUT; returns its exit status (-1: not run). */
static int run_pandoc(const char *pandoc, const char *in, const char *out)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        /* a larger allocation area for pandoc's Haskell runtime (8 MB by
         * default): fewer collections, some 10% less CPU a conversion
         * (`perf stat -r 8` on chapter 4); the reader's own GHCRTS wins */
        setenv("GHCRTS", "-A64m", 0);
        execlp(pandoc, pandoc, "--from", "markdown", "--to", "html5",
               "--mathml", "--highlight-style", "tango", "-o", out, in,
               (char *)NULL);
        fprintf(stderr, "typeset: cannot run %s: %s\n", pandoc, strerror(errno));
        _exit(127);
    }
    int ws;
    if (pid < 0 || waitpid(pid, &ws, 0) != pid || !WIFEXITED(ws))
        return -1;
    return WEXITSTATUS(ws);
}

/* 1 if the N characters at S hold NEEDLE. */
static int holds(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

/* Writes a section's TEXT for pandoc with the fences above in their fast
 * form (not when the text holds the fast forms' markers itself, nor inside
 * an HTML comment, which pandoc passes on as it is); returns how many it
 * rewrote.  Fences are told as split_sections tells them. */
static size_t put_pandoc_input(FILE *f, const char *text)
{
    int fast = strstr(text, "kl-sh") == NULL && strstr(text, "title=kl-run") == NULL &&
               strstr(text, "title=\"kl-run\"") == NULL;
    int fence = 0, comment = 0;
    size_t rewritten = 0;
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\n");
        const char *as = NULL;
        if (comment) {
            comment = !holds(line, n, "-->");
        } else if (!fence && holds(line, n, "<!--")) {
            const char *open = line;
            while (!starts(open, "<!--"))
                open++;
            comment = !holds(open + 4, n - (size_t)(open + 4 - line), "-->");
        } else if (starts(line, "```") || starts(line, "~~~")) {
            if (!fence && fast && n == 5 && starts(line, "```sh"))
                as = FAST_SH_IN;
            else if (!fence && fast && n == 12 && starts(line, "```{.kl-run}"))
                as = FAST_RUN_IN;
            fence = !fence;
        }
        if (as != NULL) {
            fputs(as, f);
            rewritten++;
        } else {
            fwrite(line, 1, n, f);
        }
        if (line[n] == '\n')
            fputc('\n', f);
        line += n + (line[n] == '\n');
    }
    return rewritten;
}

/* pandoc's HTML with the fast forms put back as the original fences come
 * out; *RESTORED counts them.  pandoc wraps its lines at 72 columns and
 * may break a <pre> tag before its class: it does when the line up to
 * there, the class and the 12 characters after it pass column 72 (as
 * measured: tests/test_typeset.c compares code block ids 1 to 120). */
static char *restore_fast(const char *html, size_t *restored)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&buf, &len);
    if (o == NULL)
        oom();
    const char *c = html;
    for (;;) {
        const char *a = strstr(c, FAST_SH_OUT), *b = strstr(c, FAST_RUN_OUT);
        const char *m = a != NULL && (b == NULL || a < b) ? a : b;
        if (m == NULL)
            break;
        int tag = m - html >= 5 && strncmp(m - 5, "<pre", 4) == 0 &&
                  (m[-1] == ' ' || m[-1] == '\n');
        if (tag && m == a) {
            const char *pre = m - 5, *bol = pre;
            while (bol > html && bol[-1] != '\n')
                bol--;
            size_t col = (size_t)(pre - bol) + 4;
            fwrite(c, 1, (size_t)(pre + 4 - c), o);
            fputc(col + 1 + strlen(FAST_SH_ORIG) + 12 > 72 ? '\n' : ' ', o);
            fputs(FAST_SH_ORIG, o);
            c = m + strlen(FAST_SH_OUT);
            (*restored)++;
        } else if (tag) {
            fwrite(c, 1, (size_t)(m - c), o);
            fputs(FAST_RUN_ORIG, o);
            c = m + strlen(FAST_RUN_OUT);
            (*restored)++;
        } else {
            fwrite(c, 1, (size_t)(m + 1 - c), o);
            c = m + 1;
        }
    }
    fputs(c, o);
    if (fclose(o) != 0)
        oom();
    return buf;
}

/* Converts every section whose fragment is not in the cache, in one pandoc
 * run: the sections, each after a marker comment that pandoc passes through,
 * and the output cut at the markers. */
static void convert_missing(struct page *p)
{
    char *pid = xrealloc(NULL, 32);
    snprintf(pid, 32, "batch-%ld", (long)getpid());
    char *in = cache_path(p, pid, ".md"), *out = cache_path(p, pid, ".html");
    FILE *f = NULL;
    size_t missing = 0, fast = 0;
    for (size_t i = 0; i < p->nsec; i++) {
        char *path = cache_path(p, p->sec[i].key, ".html");
        int have = access(path, R_OK) == 0;
        free(path);
        if (have)
            continue;
        int dup = 0;                /* the same section twice in one page */
        for (size_t k = 0; k < i; k++)
            dup |= strcmp(p->sec[k].key, p->sec[i].key) == 0;
        if (dup)
            continue;
        if (f == NULL && (f = fopen(in, "w")) == NULL) {
            fail(p, "cannot write", in);
            break;
        }
        fprintf(f, "<!--kl-section %s-->\n\n", p->sec[i].key);
        fast += put_pandoc_input(f, p->sec[i].text);
        fputs("\n\n", f);
        missing++;
    }
    if (f != NULL && fclose(f) != 0)
        fail(p, "cannot write", in);
    if (missing > 0 && p->errors == 0) {
        int status = run_pandoc(p->o->pandoc, in, out);
        size_t len;
        char *html = status == 0 ? book_read_file(out, &len) : NULL;
        size_t restored = 0;
        if (html != NULL) {
            char *r = restore_fast(html, &restored);
            free(html);
            html = r;
        }
        if (status != 0 || html == NULL) {
            fail(p, "pandoc failed on", in);
        } else if (restored != fast) {
            fail(p, "pandoc did not write the fast forms of ```sh and ```{.kl-run} "
                    "as expected, in", in);
        } else {
            const char *mark = "<!--kl-section ";
            char *c = strstr(html, mark);
            while (c != NULL) {
                char key[17];
                memcpy(key, c + strlen(mark), 16);
                key[16] = '\0';
                char *body = strchr(c, '\n');
                body = body ? body + 1 : c + strlen(c);
                char *next = strstr(body, mark);
                size_t n = next ? (size_t)(next - body) : strlen(body);
                char *path = cache_path(p, key, ".html");
                if (write_atomic(path, body, n) != 0)
                    fail(p, "cannot write", path);
                free(path);
                c = next;
            }
        }
        free(html);
    }
    if (p->errors == 0)
        remove(in);
    remove(out);
    free(in);
    free(out);
    free(pid);
}

/* The value of attribute NAME in the tag TAG..END ("" when absent), copied. */
static char *attr(const char *tag, const char *end, const char *name)
{
    size_t n = strlen(name);
    for (const char *c = tag + 1; c + n + 2 < end; c++) {
        if ((c[-1] == ' ' || c[-1] == '\n') && strncmp(c, name, n) == 0 &&
            c[n] == '=' && c[n + 1] == '"') {
            const char *v = c + n + 2, *q = memchr(v, '"', (size_t)(end - v));
            if (q != NULL)
                return xstrndup(v, (size_t)(q - v));
        }
    }
    return xstrndup("", 0);
}

static int id_used(const struct page *p, const char *id)
{
    for (size_t i = 0; i < p->nids; i++)
        if (strcmp(p->ids[i], id) == 0)
            return 1;
    return 0;
}

/* A heading id not used before in the page: ID, else ID-1, ID-2... */
static char *unique_id(struct page *p, const char *id)
{
    char *u = xstrndup(id, strlen(id));
    for (int k = 1; id_used(p, u); k++) {
        free(u);
        u = xrealloc(NULL, strlen(id) + 16);
        snprintf(u, strlen(id) + 16, "%s-%d", id, k);
    }
    if (p->nids == p->capids) {
        p->capids = p->capids ? 2 * p->capids : 64;
        p->ids = xrealloc(p->ids, p->capids * sizeof *p->ids);
    }
    p->ids[p->nids++] = xstrndup(u, strlen(u));
    return u;
}

static const char *put_math(const char *tag, FILE *out);

static void toc_entry(struct page *p, int level, const char *number,
                      const char *id, const char *inner, size_t ninner)
{
    if (level == 1) {
        if (p->toc_level == 2)
            fputs("</li>\n</ul></li>\n", p->toc);
        else if (p->toc_level == 1)
            fputs("</li>\n", p->toc);
        p->toc_level = 1;
    } else {
        if (p->toc_level == 0)
            p->toc_level = 1;       /* a section before any chapter */
        if (p->toc_level == 1)
            fputs("\n<ul>\n", p->toc);
        else
            fputs("</li>\n", p->toc);
        p->toc_level = 2;
    }
    fprintf(p->toc, "<li><a href=\"#%s\">", id);
    if (number[0])
        fprintf(p->toc, "<span class=\"toc-section-number\">%s</span> ", number);
    for (const char *c = inner, *e = inner + ninner, *after; c < e;) {
        const char *m = starts(c, "<math ") ? strstr(c, "</math>") : NULL;
        if (m != NULL && m < e && (after = put_math(c, p->toc)) != NULL) {
            c = after;
        } else {
            fputc(*c, p->toc);
            c++;
        }
    }
    fputs("</a>", p->toc);
}

/* A heading: its number, a unique id, an entry in the contents.  TAG points
 * at "<hN"; returns the end of the heading's start tag. */
static const char *put_heading(struct page *p, const char *tag, FILE *out)
{
    int level = tag[2] - '0';
    const char *end = strchr(tag, '>');
    if (end == NULL) {
        fputs(tag, out);
        return tag + strlen(tag);
    }
    char *cls = attr(tag, end, "class"), *id = attr(tag, end, "id");
    int numbered = strstr(cls, "unnumbered") == NULL;
    char number[64] = "";
    if (numbered) {
        p->counters[level - 1]++;
        for (int k = level; k < 6; k++)
            p->counters[k] = 0;
        size_t at = 0;
        for (int k = 0; k < level && at < sizeof number - 12; k++)
            at += (size_t)snprintf(number + at, sizeof number - at, "%s%d",
                                   k ? "." : "",
                                   p->counters[k] + (k == 0 ? p->o->number_offset : 0));
    }
    char *uid = id[0] ? unique_id(p, id) : NULL;
    fprintf(out, "<h%d", level);
    if (numbered)
        fprintf(out, " data-number=\"%s\"", number);
    if (uid != NULL)
        fprintf(out, " id=\"%s\"", uid);
    if (cls[0])
        fprintf(out, " class=\"%s\"", cls);
    fputc('>', out);
    if (numbered)
        fprintf(out, "<span class=\"header-section-number\">%s</span> ", number);
    if (level <= 2 && uid != NULL) {
        char close[8];
        snprintf(close, sizeof close, "</h%d>", level);
        const char *stop = strstr(end + 1, close);
        if (stop != NULL)
            toc_entry(p, level, number, uid, end + 1, (size_t)(stop - end - 1));
    }
    free(cls);
    free(id);
    free(uid);
    return end + 1;
}

static void put_base64(FILE *out, const unsigned char *s, size_t n)
{
    static const char tab[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)s[i + 1] << 8;
        if (i + 2 < n)
            v |= s[i + 2];
        fputc(tab[(v >> 18) & 63], out);
        fputc(tab[(v >> 12) & 63], out);
        fputc(i + 1 < n ? tab[(v >> 6) & 63] : '=', out);
        fputc(i + 2 < n ? tab[v & 63] : '=', out);
    }
}

/* A gnuplot point, <use xlink:href='#M' transform='translate(X,Y) scale(S)'
 * REST/>: on a match, M, X, Y, S and REST (up to the "/>") are returned
 * through the pointers and lengths, and the end of the element. */
struct point_use {
    const char *m, *x, *y, *sc, *rest;
    int nm, nx, ny, nsc, nrest;
};

static const char *match_point(const char *c, struct point_use *u)
{
    const char *head = "<use xlink:href='#";
    if (!starts(c, head))
        return NULL;
    const char *m = c + strlen(head), *q = strchr(m, '\'');
    if (q == NULL || !starts(q, "' transform='translate("))
        return NULL;
    const char *x = q + strlen("' transform='translate("), *comma = strchr(x, ',');
    const char *close = comma ? strchr(comma, ')') : NULL;
    if (close == NULL || !starts(close, ") scale("))
        return NULL;
    const char *sc = close + strlen(") scale("), *sclose = strchr(sc, ')');
    if (sclose == NULL || sclose[1] != '\'')
        return NULL;
    const char *rest = sclose + 2, *end = strstr(rest, "/>"), *gt = strchr(rest, '>');
    if (end == NULL || gt < end || end - rest > 200 || q - m > 40 || sclose - sc > 20)
        return NULL;
    *u = (struct point_use){m, x, comma + 1, sc, rest, (int)(q - m),
                            (int)(comma - x), (int)(close - comma - 1),
                            (int)(sclose - sc), (int)(end - rest)};
    return end + 2;
}

/* Whether two points have the same marker, scale and other attributes. */
static int same_point(const struct point_use *a, const struct point_use *b)
{
    return a->nm == b->nm && memcmp(a->m, b->m, (size_t)a->nm) == 0 &&
           a->nsc == b->nsc && memcmp(a->sc, b->sc, (size_t)a->nsc) == 0 &&
           a->nrest == b->nrest && memcmp(a->rest, b->rest, (size_t)a->nrest) == 0;
}

/* gnuplot's colour "rgb( 85,  85,  85)" at C, of at most MAX characters,
 * written as "#555555": the form in which the page's style sheet finds the
 * figures' neutral colours to restyle them in the dark theme (report.css).
 * Returns the characters consumed, or 0 (nothing written) when C does not
 * start such a colour. */
static int put_rgb(FILE *out, const char *c, size_t max)
{
    /* by hand: sscanf would measure the rest of the figure at every call */
    int v[3];
    size_t i = 4;
    if (max < 10 || !starts(c, "rgb("))
        return 0;
    for (int k = 0; k < 3; k++) {
        while (i < max && c[i] == ' ')
            i++;
        size_t d0 = i;
        v[k] = 0;
        while (i < max && i - d0 < 3 && c[i] >= '0' && c[i] <= '9')
            v[k] = 10 * v[k] + (c[i++] - '0');
        while (i < max && c[i] == ' ')
            i++;
        if (i == d0 || i >= max || v[k] > 255 || c[i] != (k < 2 ? ',' : ')'))
            return 0;
        i++;
    }
    fprintf(out, "#%02x%02x%02x", v[0], v[1], v[2]);
    return (int)i;
}

/* N bytes of attributes at S, with their rgb() colours as hex. */
static void put_attrs(FILE *out, const char *s, int n)
{
    for (const char *c = s, *e = s + n; c < e;) {
        int k = *c == 'r' ? put_rgb(out, c, (size_t)(e - c)) : 0;
        if (k > 0 && c + k <= e) {
            c += k;
        } else {
            fputc(*c, out);
            c++;
        }
    }
}

/* What put_svg may leave out or draw more briefly in one figure, found
 * before it copies the figure. */
struct svg_plan {
    double dot;             /* the outer diameter of gnuplot's filled circle
                               gpPt6 (marker units), or 0: not recognised */
    int no_caps, no_joins;  /* every stroke-linecap is butt, every join
                               miter: the initial values, left out */
    char font[64];          /* the one font-family of every text, given to
                               the <svg> once; "" if there are several */
};

/* Whether every NAME="..." or NAME='...' in SVG has the value VALUE. */
static int only_value(const char *svg, const char *name, const char *value)
{
    size_t nn = strlen(name), nv = strlen(value);
    for (const char *c = strstr(svg, name); c != NULL; c = strstr(c + 1, name)) {
        const char *v = c + nn;
        if (c > svg && c[-1] != ' ')
            continue;               /* the end of a longer name */
        if (v[0] != '=' || (v[1] != '"' && v[1] != '\''))
            return 0;               /* a form not understood: keep them all */
        if (strncmp(v + 2, value, nv) != 0 || v[2 + nv] != v[1])
            return 0;
    }
    return 1;
}

static struct svg_plan plan_svg(const char *svg)
{
    struct svg_plan p = {0};
    const char *circle = "<circle id='gpPt5' stroke-width='";
    const char *c5 = strstr(svg, circle);
    double w;
    int n = 0;
    if (c5 != NULL &&
        strstr(svg, "<use xlink:href='#gpPt5' id='gpPt6' fill='currentColor' stroke='none'/>") &&
        sscanf(c5 + strlen(circle), "%lf' stroke='currentColor' cx='0' cy='0' r='1'/>%n",
               &w, &n) == 1 && n > 0 && w >= 0 && w < 1)
        p.dot = 2 + w;
    p.no_caps = only_value(svg, "stroke-linecap", "butt");
    p.no_joins = only_value(svg, "stroke-linejoin", "miter");
    const char *f = strstr(svg, "font-family=\"");
    const char *q = f ? strchr(f + 13, '"') : NULL;
    if (q != NULL && q - f - 13 < (int)sizeof p.font) {
        snprintf(p.font, sizeof p.font, "%.*s", (int)(q - f - 13), f + 13);
        if (strchr(p.font, '\'') || !only_value(svg, "font-family", p.font))
            p.font[0] = '\0';
    }
    return p;
}

/* Whether C starts the attribute ' NAME="VALUE"' or ' NAME='VALUE''; its
 * length, or 0. */
static size_t attr_is(const char *c, const char *name, const char *value)
{
    size_t nn = strlen(name), nv = strlen(value);
    if (c[0] != ' ' || strncmp(c + 1, name, nn) != 0 || c[1 + nn] != '=')
        return 0;
    char q = c[2 + nn];
    if ((q != '"' && q != '\'') || strncmp(c + 3 + nn, value, nv) != 0 ||
        c[3 + nn + nv] != q)
        return 0;
    return 4 + nn + nv;
}

/* A decimal number with trailing zeros at C, up to the quote Q ("1.00",
 * "0.550000"), written without them; the length read, or 0. */
static size_t put_trimmed(FILE *out, const char *c, char q)
{
    const char *e = c, *dot = NULL;
    if (*e == '-')
        e++;
    while ((*e >= '0' && *e <= '9') || (*e == '.' && dot == NULL)) {
        if (*e == '.')
            dot = e;
        e++;
    }
    if (*e != q || dot == NULL || e[-1] != '0' || dot == c || !(dot[-1] >= '0' && dot[-1] <= '9'))
        return 0;
    const char *z = e;
    while (z[-1] == '0')
        z--;
    if (z[-1] == '.')
        z--;
    fwrite(c, 1, (size_t)(z - c), out);
    return (size_t)(e - c);
}

/* How far a curve may move when put_svg shortens it, in viewBox units (the
 * figures' 900-px viewBoxes: a tenth of a pixel at their natural size). */
#define SVG_TOLERANCE 0.1

/* Whether the point U may be drawn as a dot: the filled circle, with no
 * attribute but its colour. */
static int is_dot_use(const struct point_use *u)
{
    if (u->nm != 5 || memcmp(u->m, "gpPt6", 5) != 0)
        return 0;
    if (u->nrest == 0)
        return 1;
    const char *r = u->rest, *e = r + u->nrest;
    if (!starts(r, " color='"))
        return 0;
    const char *q = memchr(r + 8, '\'', (size_t)(e - r - 8));
    return q == e - 1;
}

/* Whether two points have the same marker and scale. */
static int same_marker(const struct point_use *a, const struct point_use *b)
{
    return a->nm == b->nm && memcmp(a->m, b->m, (size_t)a->nm) == 0 &&
           a->nsc == b->nsc && memcmp(a->sc, b->sc, (size_t)a->nsc) == 0;
}

/* A run of filled circles (gnuplot's gpPt6) of one scale, at C: a group
 * whose stroke is round-capped and as wide as the circle's outer diameter
 * (its radius 1 and its stroke, times the scale), and in it a path for
 * each run of one colour, a segment of no length at each point: the same
 * discs in the same places and order.  Returns the end of the run. */
static const char *put_dots(FILE *out, const char *c, const struct point_use *first,
                            double dot)
{
    double *xy = NULL;
    size_t n = 0, cap = 0;
    struct point_use u = *first, run = *first;
    const char *after;
    fprintf(out, "<g stroke='currentColor' stroke-width='%.4g' stroke-linecap='round'>\n",
            strtod(first->sc, NULL) * dot);
    for (;;) {
        after = match_point(c, &u);
        int more = after != NULL && same_marker(&u, first) && is_dot_use(&u);
        if (n > 0 && (!more || !same_point(&u, &run))) {
            fputs("<path", out);
            put_attrs(out, run.rest, run.nrest);
            fputs(" d='", out);
            book_svg_dots(out, xy, n);
            fputs("'/>\n", out);
            n = 0;
        }
        if (!more)
            break;
        if (n == 0)
            run = u;
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            xy = xrealloc(xy, 2 * cap * sizeof *xy);
        }
        xy[2 * n] = strtod(u.x, NULL);
        xy[2 * n + 1] = strtod(u.y, NULL);
        n++;
        c = after;
        while (*c == '\n' || *c == '\t' || *c == ' ')
            c++;
    }
    fputs("</g>\n", out);
    free(xy);
    return c;
}

/* Whether a point's other attributes are its colour alone, " color='...'",
 * which a group can give its points (color is inherited). */
static int colour_only(const struct point_use *u)
{
    const char *r = u->rest, *e = u->rest + u->nrest;
    if (u->nrest < 10 || !starts(r, " color='"))
        return 0;
    const char *q = memchr(r + 8, '\'', (size_t)(e - r - 8));
    if (q == NULL)
        return 0;
    for (q++; q < e; q++)
        if (*q != ' ')
            return 0;
    return 1;
}

/* gnuplot's points from C, the first FIRST, as uses of the page's marker
 * PREFIX m M moved by x and y.  A run of points of the same marker and
 * colour goes into a group that gives them the colour once (the colour is
 * a third of a point's bytes).  Returns the end of what was read. */
static const char *put_points(FILE *out, const char *c, const struct point_use *first,
                              const char *prefix, int m)
{
    struct point_use u = *first;
    const char *after = match_point(c, &u), *next = after;
    while (*next == '\n' || *next == '\t' || *next == ' ')
        next++;
    struct point_use v;
    int group = colour_only(first) && match_point(next, &v) != NULL && same_point(first, &v);
    if (group) {
        fputs("<g", out);
        put_attrs(out, first->rest, first->nrest);
        fputs(">\n", out);
    }
    for (;;) {
        fprintf(out, "<use href='#%sm%d' x='", prefix, m);
        book_svg_tenths(out, strtod(u.x, NULL));
        fputs("' y='", out);
        book_svg_tenths(out, strtod(u.y, NULL));
        fputc('\'', out);
        if (!group)
            put_attrs(out, u.rest, u.nrest);
        fputs("/>", out);
        for (c = after; *c == '\n' || *c == '\t' || *c == ' '; c++)
            ;
        if (c > after || group)
            fputc('\n', out);
        if (!group || (after = match_point(c, &u)) == NULL || !same_point(first, &u))
            break;
    }
    if (group)
        fputs("</g>\n", out);
    return c;
}

/* An SVG drawn by gnuplot, inline: the <svg> element takes the image's id,
 * style and alt text; the ids it defines (gnuplot names them alike in every
 * figure) are prefixed with "sN-" for the page's Nth figure, and so are the
 * references to them (a short prefix: a scatter refers to its marker
 * thousands of times).  The same picture in fewer bytes: a run of filled
 * circles becomes one path of dots (put_dots); another point refers to its
 * marker scaled once (a definition added at the end) and is moved by x and
 * y; a path's data and a polygon's points are rounded to tenths, cleared of
 * points on the line through their neighbours and written relative
 * (svgpath.h); rgb() colours are written in hex, numbers without trailing
 * zeros; attributes at their initial values, a font-family that every text
 * repeats, empty groups and the space between elements are left out. */
static void put_svg_marks(FILE *out, const char *svg, const char *id,
                          const char *style, const char *alt, int n)
{
    const char *open = strstr(svg, "<svg");
    const char *tag_end = open ? strchr(open, '>') : NULL;
    if (tag_end == NULL)
        return;
    struct svg_plan plan = plan_svg(svg);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "s%d-", n);
    fputs("<svg", out);
    /* gnuplot's xlink namespace: its xlink:href are written href below */
    static const char xlink[] = " xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
    for (const char *c = open + 4; c < tag_end; c++) {
        if (strncmp(c, xlink, strlen(xlink)) == 0 && c + strlen(xlink) <= tag_end) {
            c += strlen(xlink) - 1;
            continue;
        }
        fputc(*c == '\n' ? ' ' : *c, out);
    }
    fprintf(out, " id=\"%s\" class=\"figure-svg\" role=\"img\" aria-label=\"%s\"",
            id, alt);
    if (style[0])
        fprintf(out, " style=\"%s\"", style);
    if (plan.font[0])
        fprintf(out, " font-family=\"%s\"", plan.font);
    fputc('>', out);
    const char *c = tag_end + 1;
    const char *stop = strstr(c, "</svg>");
    if (stop == NULL)
        stop = c + strlen(c);
    char marks[64][64];     /* "M S" of each scaled marker defined */
    int nmarks = 0, in_defs = 0, titled = 0;
    while (c < stop) {
        struct point_use u;
        const char *after;
        size_t k;
        if (c[0] == '<' && (after = match_point(c, &u)) != NULL) {
            if (plan.dot > 0 && is_dot_use(&u)) {
                c = put_dots(out, c, &u, plan.dot);
                continue;
            }
            char key[64];
            snprintf(key, sizeof key, "%.*s %.*s", u.nm, u.m, u.nsc, u.sc);
            int m = 0;
            while (m < nmarks && strcmp(marks[m], key) != 0)
                m++;
            if (m < 64) {
                if (m == nmarks)
                    memcpy(marks[nmarks++], key, sizeof key);
                c = put_points(out, c, &u, prefix, m);
                continue;
            }
        }
        if (starts(c, "<defs>"))
            in_defs = 1;
        else if (starts(c, "</defs>"))
            in_defs = 0;
        if (starts(c, "<title>")) {
            /* the first is gnuplot's "Gnuplot": the figure's alt text
             * instead; a plot's own is its key title, kept, or the name
             * gnuplot gives an untitled plot, "gnuplot_plot_N", left out */
            const char *e = strstr(c, "</title>");
            if (e != NULL && !titled) {
                fprintf(out, "<title>%s</title>", alt);
                titled = 1;
                c = e + 8;
                continue;
            }
            if (e != NULL && starts(c + 7, "gnuplot_plot_")) {
                c = e + 8;
                continue;
            }
        }
        if (starts(c, "<desc>")) {
            const char *e = strstr(c, "</desc>");
            if (e != NULL) {
                c = e + 7;
                continue;
            }
        }
        if (starts(c, "<g ")) {
            /* an empty group (gnuplot opens one for each colour change):
             * nothing to draw, left out */
            const char *gt = strchr(c, '>');
            if (gt != NULL && gt < stop && starts(gt + 1, "\n</g>")) {
                c = gt + 6;
                continue;
            }
        }
        if (starts(c, "<tspan")) {
            /* a tspan with no attribute left (its font is the <svg>'s)
             * around plain text: only the text */
            const char *gt = strchr(c, '>'), *a = c + 6;
            const char *lt = gt ? strchr(gt, '<') : NULL;
            while (gt != NULL && a < gt && *a == ' ')
                a++;
            if (gt != NULL && a > c + 6 && plan.font[0] &&
                (k = attr_is(a - 1, "font-family", plan.font)) > 0)
                for (a += k - 1; a < gt && *a == ' '; a++)
                    ;
            if (lt != NULL && a == gt && starts(lt, "</tspan>") && lt < stop) {
                fwrite(gt + 1, 1, (size_t)(lt - gt - 1), out);
                c = lt + 8;
                continue;
            }
        }
        if (c[0] == '>' && (c[1] == '\n' || c[1] == '\t')) {
            /* the line breaks and tabs between elements: no text, only bytes */
            const char *t = c + 1;
            while (*t == '\n' || *t == '\t' || *t == ' ')
                t++;
            if (*t == '<' && t < stop) {
                fputs(">\n", out);
                c = t;
                continue;
            }
        }
        if (c[0] == ' ') {
            if ((plan.no_caps && (k = attr_is(c, "stroke-linecap", "butt")) > 0) ||
                (plan.no_joins && (k = attr_is(c, "stroke-linejoin", "miter")) > 0) ||
                (plan.font[0] && (k = attr_is(c, "font-family", plan.font)) > 0)) {
                c += k;
                continue;
            }
            const char *q = NULL;
            int path = starts(c, " d='") || starts(c, " d=\"");
            int points = starts(c, " points = '") || starts(c, " points='");
            if (!in_defs && (path || points)) {
                const char *v = strchr(c, path ? c[3] : '\'') + 1;
                q = strchr(v, v[-1]);
                if (q != NULL && q < stop) {
                    fputs(path ? " d='" : " points='", out);
                    int r = path ? book_svg_path(out, v, (size_t)(q - v), SVG_TOLERANCE)
                                 : book_svg_points(out, v, (size_t)(q - v), SVG_TOLERANCE);
                    if (r != 0)     /* not understood: as it was */
                        fwrite(v, 1, (size_t)(q - v), out);
                    fputc('\'', out);
                    c = q + 1;
                    continue;
                }
            }
            if (starts(c, " = ") && (c[3] == '\'' || c[3] == '"')) {
                /* gnuplot's "fill = '#0072b2'" */
                fputc('=', out);
                fputc(c[3], out);
                c += 4;
                c += put_trimmed(out, c, c[-1]);
                continue;
            }
        }
        if (c[0] == '=' && (c[1] == '"' || c[1] == '\'')) {
            fwrite(c, 1, 2, out);
            c += 2;
            c += put_trimmed(out, c, c[-1]);
            continue;
        }
        if ((k = (size_t)put_rgb(out, c, (size_t)(stop - c))) > 0) {
            c += k;
            continue;
        }
        if (starts(c, "xlink:href=")) {
            c += 6;             /* SVG 2's href: what HTML's inline SVG reads */
            continue;
        }
        if (starts(c, "id='gnuplot_") || starts(c, "id=\"gnuplot_")) {
            /* gnuplot's names for its canvas and plots, for its mouse
             * script: unused here, and repeated in a multiplot */
            const char *q = strchr(c + 4, c[3]);
            c = q != NULL ? q + 1 : c + 4;
        } else if (starts(c, "id='") || starts(c, "id=\"")) {
            fwrite(c, 1, 4, out);
            fputs(prefix, out);
            c += 4;
        } else if (starts(c, "href='#") || starts(c, "href=\"#")) {
            fwrite(c, 1, 7, out);
            fputs(prefix, out);
            c += 7;
        } else if (starts(c, "url(#")) {
            fputs("url(#", out);
            fputs(prefix, out);
            c += 5;
        } else {
            /* up to the next character that may start one of the above */
            const char *next = c + 1;
            while (next < stop && *next != '<' && *next != 'i' && *next != 'h' &&
                   *next != 'u' && *next != '>' && *next != 'r' && *next != 'x' &&
                   *next != ' ' && *next != '=')
                next++;
            fwrite(c, 1, (size_t)(next - c), out);
            c = next;
        }
    }
    if (nmarks > 0) {
        fputs("<defs>", out);
        for (int m = 0; m < nmarks; m++) {
            const char *sp = strchr(marks[m], ' ');
            fprintf(out, "<use id='%sm%d' href='#%s%.*s' transform='scale(%s)'/>",
                    prefix, m, prefix, (int)(sp - marks[m]), marks[m], sp + 1);
        }
        fputs("</defs>\n", out);
    }
    fputs("</svg>", out);
}

/* put_svg_marks' figure, then with its groups and attributes thinned
 * (svgtree.h): gnuplot's group around every tick and label, and the
 * attributes that repeat what a mark inherits, are a fifth of a figure. */
static void put_svg(FILE *out, const char *svg, const char *id,
                    const char *style, const char *alt, int n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (m == NULL) {
        put_svg_marks(out, svg, id, style, alt, n);
        return;
    }
    put_svg_marks(m, svg, id, style, alt, n);
    if (fclose(m) != 0 || buf == NULL) {
        free(buf);
        put_svg_marks(out, svg, id, style, alt, n);
        return;
    }
    if (book_svg_flatten(out, buf, len) != 0)
        fwrite(buf, 1, len, out);       /* not the tree expected: as it was */
    free(buf);
}

static char *resource(const struct page *p, const char *rel)
{
    size_t n = strlen(p->o->resource_dir) + strlen(rel) + 2;
    char *path = xrealloc(NULL, n);
    snprintf(path, n, "%s/%s", p->o->resource_dir, rel);
    return path;
}

/* An <img>: inline when it is an SVG, a data: URI otherwise.  TAG points
 * at "<img"; returns the end of the tag. */
static const char *put_image(struct page *p, const char *tag, FILE *out)
{
    const char *end = strstr(tag, "/>");
    const char *gt = strchr(tag, '>');
    if (gt != NULL && (end == NULL || gt < end))
        end = gt;
    else if (end != NULL)
        end++;
    if (end == NULL) {
        fputs(tag, out);
        return tag + strlen(tag);
    }
    char *src = attr(tag, end, "src"), *id = attr(tag, end, "id");
    char *style = attr(tag, end, "style"), *alt = attr(tag, end, "alt");
    char *path = resource(p, src);
    size_t len = 0;
    char *data = book_read_file(path, &len);
    size_t ns = strlen(src);
    if (data == NULL) {
        fail(p, "cannot read the image", path);
    } else if (ns > 4 && strcmp(src + ns - 4, ".svg") == 0 && strstr(data, "<svg")) {
        put_svg(out, data, id, style, alt, ++p->svgs);
    } else {
        const char *type = ns > 4 && strcmp(src + ns - 4, ".gif") == 0 ? "image/gif"
                         : ns > 4 && strcmp(src + ns - 4, ".png") == 0 ? "image/png"
                         : ns > 4 && strcmp(src + ns - 4, ".svg") == 0 ? "image/svg+xml"
                         : "application/octet-stream";
        fprintf(out, "<img src=\"data:%s;base64,", type);
        put_base64(out, (const unsigned char *)data, len);
        fputc('"', out);
        if (id[0])
            fprintf(out, " id=\"%s\"", id);
        if (style[0])
            fprintf(out, " style=\"%s\"", style);
        fprintf(out, " alt=\"%s\" />", alt);
    }
    free(data);
    free(path);
    free(src);
    free(id);
    free(style);
    free(alt);
    return end + 1;
}

/* An explorer placeholder: the data inline.  TAG points at "<div"; returns
 * the end of the placeholder. */
static const char *put_explorer(struct page *p, const char *tag, FILE *out)
{
    const char *end = strchr(tag, '>');
    const char *close = end ? strstr(end, "</div>") : NULL;
    if (close == NULL) {
        fputs(tag, out);
        return tag + strlen(tag);
    }
    char *id = attr(tag, end, "id"), *file = attr(tag, end, "data-explorer");
    char *path = resource(p, file);
    char *json = book_read_file(path, NULL);
    if (json == NULL || strstr(json, "</") != NULL)
        fail(p, "cannot read the explorer data (or it holds \"</\")", path);
    else
        fprintf(out, "<div class=\"explorer\" id=\"%s\" hidden>\n"
                     "<script type=\"application/json\">\n%s</script>\n</div>",
                id, json);
    p->has_explorer = 1;
    free(json);
    free(path);
    free(id);
    free(file);
    return close + 6;
}

/* A link to another chapter's page, href="../FOLDER/chapter.html#ID" (as
 * the weaver writes references to another chapter): when FOLDER's chapter
 * is part of this page (the report), the link stays in the page, "#ID".
 * Returns the end of what was written, or NULL if C holds no such link. */
static const char *put_local_link(struct page *p, const char *c, FILE *out)
{
    const char *f = c + strlen("href=\"../");
    const char *slash = strchr(f, '/');
    if (slash == NULL || !starts(slash, "/chapter.html#"))
        return NULL;
    for (int i = 0; i < p->nfolders; i++)
        if (strlen(p->folders[i]) == (size_t)(slash - f) &&
            strncmp(p->folders[i], f, (size_t)(slash - f)) == 0) {
            fputs("href=\"", out);
            return slash + strlen("/chapter.html");
        }
    return NULL;
}

/* The N bytes of MathML at S, as the browser draws them in fewer bytes:
 *  - an <mrow> around the whole formula is left out (<math> is one);
 *  - a fence that pandoc marks stretchy="true" form="prefix" as the first of
 *    an <mrow>'s several children (form="postfix" as the last) is written
 *    bare: that position gives the form, and the operator dictionary makes
 *    ( ) [ ] | stretchy in either form (MathML Core, section 3.2.4.1) --
 *    two thirds of the attributes' bytes;
 *  - an empty <mspace ...></mspace> as <mspace .../>. */
static void put_mathml(FILE *out, const char *s, size_t n)
{
    static const char *pre = "<mrow><mo stretchy=\"true\" form=\"prefix\">";
    static const char *post = "<mo stretchy=\"true\" form=\"postfix\">";
    const char *e = s + n, *s0 = s;
    if (n > 13 && starts(s, "<mrow>") && memcmp(e - 7, "</mrow>", 7) == 0) {
        int depth = 0;
        const char *c = s;
        for (; c < e; c++) {
            if (starts(c, "<mrow>") || starts(c, "<mrow "))
                depth++;
            else if (starts(c, "</mrow>") && --depth == 0)
                break;
        }
        if (c == e - 7) {           /* the first <mrow> closes at the end */
            s += 6;
            e -= 7;
        }
    }
    while (s < e) {
        const char *lt = memchr(s, '<', (size_t)(e - s));
        if (lt == NULL) {
            fwrite(s, 1, (size_t)(e - s), out);
            break;
        }
        fwrite(s, 1, (size_t)(lt - s), out);
        s = lt;
        size_t k;
        size_t left = (size_t)(e - s);
        if (left > strlen(pre) + 13 && starts(s, pre) && strchr("([|", s[strlen(pre)]) != NULL &&
            starts(s + strlen(pre) + 1, "</mo>") && !starts(s + strlen(pre) + 6, "</mrow>")) {
            fprintf(out, "<mrow><mo>%c", s[strlen(pre)]);
            s += strlen(pre) + 1;
        } else if (left >= strlen(post) + 13 && starts(s, post) &&
                   strchr(")]|", s[strlen(post)]) != NULL &&
                   starts(s + strlen(post) + 1, "</mo></mrow>") &&
                   !(s - s0 >= 6 && memcmp(s - 6, "<mrow>", 6) == 0)) {
            fprintf(out, "<mo>%c", s[strlen(post)]);
            s += strlen(post) + 1;
        } else if (starts(s, "<mspace ") && (k = strcspn(s, ">")) + 10 <= left &&
                   s[k - 1] != '/' && starts(s + k + 1, "</mspace>")) {
            fwrite(s, 1, k, out);
            fputs("/>", out);
            s += k + 1 + strlen("</mspace>");
        } else {
            fputc('<', out);
            s++;
        }
    }
}

/* pandoc's MathML at TAG ("<math display=... xmlns=...><semantics>BODY
 * <annotation encoding="application/x-tex">TEX</annotation></semantics>
 * </math>") as "<math>BODY</math>", display="block" kept: an HTML page puts
 * <math> in the MathML namespace by itself, inline is the default display,
 * and a browser draws a <semantics> as its first child and never shows the
 * TeX, which is in the chapter's source (a fifth of the MathML's bytes).
 * Returns the end of the element, or NULL (nothing written) for another
 * form. */
static const char *put_math(const char *tag, FILE *out)
{
    const char *gt = strchr(tag, '>'), *end = strstr(tag, "</math>");
    const char *tex = "<annotation encoding=\"application/x-tex\">";
    const char *tail = "</annotation></semantics>";
    if (gt == NULL || end == NULL || !starts(gt + 1, "<semantics>"))
        return NULL;
    const char *body = gt + 1 + strlen("<semantics>"), *ann = NULL;
    size_t nt = strlen(tail);
    if ((size_t)(end - body) < nt || strncmp(end - nt, tail, nt) != 0)
        return NULL;
    for (const char *a = end - nt; a >= body && ann == NULL; a--)
        if (*a == '<' && starts(a, tex))
            ann = a;        /* the last annotation: the TeX has no '<' */
    if (ann == NULL)
        return NULL;
    char *display = attr(tag, gt, "display");
    fputs(strcmp(display, "block") == 0 ? "<math display=\"block\" tabindex=\"0\">" : "<math>", out);
    free(display);
    put_mathml(out, body, (size_t)(ann - body));
    fputs("</math>", out);
    return end + strlen("</math>");
}

/* pandoc's alignment of a table cell at C, ' style="text-align: X;"', as
 * the class that report.css gives the same rule (" class=\"aX\"", with
 * !important, as strong as the style attribute was: a tenth of a claims
 * table's bytes); returns how much of C it stood for, 0 if C holds another
 * attribute. */
static size_t put_align(const char *c, FILE *out)
{
    static const char *const names[] = {"left", "right", "center"};
    const char *a = " style=\"text-align: ";
    if (!starts(c, a))
        return 0;
    for (int i = 0; i < 3; i++) {
        const char *v = c + strlen(a);
        size_t k = strlen(names[i]);
        if (strncmp(v, names[i], k) == 0 && starts(v + k, ";\"")) {
            fprintf(out, " class=\"a%c\"", names[i][0]);
            return strlen(a) + k + 2;
        }
    }
    return 0;
}

/* pandoc's anchor on a line of a listing, <span id="cbN-M"><a
 * href="#cbN-M" aria-hidden="true" tabindex="-1"></a>, at C: its length,
 * or 0.  Nothing links to a listing's lines, and the anchors were a tenth
 * of the report's listings; the line is written as a plain <span>. */
static size_t line_anchor(const char *c)
{
    const char *id = "<span id=\"cb", *a = "\"><a href=\"#cb";
    const char *tail = "\" aria-hidden=\"true\" tabindex=\"-1\"></a>";
    if (!starts(c, id))
        return 0;
    const char *n = c + strlen(id), *e = n + strspn(n, "0123456789-");
    if (e == n || !starts(e, a) || strncmp(e + strlen(a), n, (size_t)(e - n)) != 0)
        return 0;
    const char *t = e + strlen(a) + (e - n);
    return starts(t, tail) ? (size_t)(t + strlen(tail) - c) : 0;
}

/* One section's fragment into the page: headings numbered, ids unique,
 * figures, maths and explorer data inline (put_svg, put_math,
 * put_explorer), header cells scoped to their column, what may scroll
 * sideways (display maths, figures, tables) focusable.  Code blocks are
 * numbered cb1, cb2... through the page, whatever pandoc called them in the
 * fragment. */
static void put_fragment(struct page *p, const char *html, FILE *out)
{
    int map_old[512], map_new[512], nmap = 0, in_claims = 0;
    const char *c = html;
    while (*c) {
        const char *after;
        size_t na;
        if (starts(c, "href=\"../") && (after = put_local_link(p, c, out)) != NULL) {
            c = after;
        } else if (c[0] == '<' && c[1] == 'h' && c[2] >= '1' && c[2] <= '6' &&
            (c[3] == ' ' || c[3] == '\n' || c[3] == '>')) {
            c = put_heading(p, c, out);
        } else if (starts(c, "<img ") || starts(c, "<img\n")) {
            c = put_image(p, c, out);
        } else if (starts(c, "<math ") && (after = put_math(c, out)) != NULL) {
            c = after;
        } else if (starts(c, "<figure>") || starts(c, "<figure ") ||
                   starts(c, "<div class=\"sourceCode\"") ||
                   ((starts(c, "<table>") || starts(c, "<table ")) && !in_claims)) {
            /* a figure, a listing or a table wider than a narrow page
             * scrolls sideways (report.css): focusable, so that the
             * keyboard can scroll it (the claims' region is focusable
             * itself) */
            size_t n = strlen(starts(c, "<figure") ? "<figure"
                              : starts(c, "<div") ? "<div class=\"sourceCode\""
                              : "<table");
            fwrite(c, 1, n, out);
            fputs(" tabindex=\"0\"", out);
            c += n;
        } else if (starts(c, "<div class=\"claims\"")) {
            in_claims = 1;
            fputs("<div class=\"claims\"", out);
            c += strlen("<div class=\"claims\"");
        } else if (starts(c, "</table>")) {
            in_claims = 0;
            fputs("</table>", out);
            c += strlen("</table>");
        } else if (starts(c, "<th>") || starts(c, "<th ")) {
            /* pandoc's header cells head the columns below them */
            fputs("<th scope=\"col\"", out);
            c += 3;
            c += put_align(c, out);
        } else if (starts(c, "<td ")) {
            /* a cell's left alignment is the one it has: no class (a
             * claims table's last column, centred by report.css, is
             * pandoc's centred column) */
            fputs("<td", out);
            c += 3;
            if (starts(c, " style=\"text-align: left;\""))
                c += strlen(" style=\"text-align: left;\"");
            else if (in_claims && starts(c, " style=\"text-align: ") &&
                     strchr(c + strlen(" style=\""), '"') != NULL)
                /* a claims table's columns are always aligned alike (the
                 * weaver's table): report.css aligns them */
                c = strchr(c + strlen(" style=\""), '"') + 1;
            else
                c += put_align(c, out);
        } else if (starts(c, "<tr class=\"odd\">") || starts(c, "<tr class=\"even\">")) {
            /* pandoc's row parity: the style sheet counts rows itself */
            fputs("<tr>", out);
            c += starts(c, "<tr class=\"odd\">") ? strlen("<tr class=\"odd\">")
                                                 : strlen("<tr class=\"even\">");
        } else if (starts(c, "<math display=\"block\"")) {
            /* a display formula wider than the column scrolls sideways:
             * focusable, so that the keyboard can scroll it too */
            fputs("<math display=\"block\" tabindex=\"0\"", out);
            c += strlen("<math display=\"block\"");
        } else if (starts(c, "<div class=\"explorer\"") &&
                   strstr(c, "data-explorer=\"") != NULL &&
                   strstr(c, "data-explorer=\"") < strchr(c, '>')) {
            c = put_explorer(p, c, out);
        } else if (c[0] == '<' && (na = line_anchor(c)) > 0) {
            fputs("<span>", out);
            c += na;
        } else if ((starts(c, "\"cb") || starts(c, "\"#cb")) &&
                   c[c[1] == '#' ? 4 : 3] >= '0' && c[c[1] == '#' ? 4 : 3] <= '9') {
            const char *d = c + (c[1] == '#' ? 4 : 3);
            char *e;
            long old = strtol(d, &e, 10);
            if (*e != '"' && *e != '-') {
                fputc(*c++, out);
                continue;
            }
            int k = 0;
            while (k < nmap && map_old[k] != old)
                k++;
            if (k == nmap && nmap < 512) {
                map_old[nmap] = (int)old;
                map_new[nmap++] = ++p->cb_next;
            }
            fprintf(out, "%.*s%d", (int)(d - c), c, k < nmap ? map_new[k] : (int)old);
            c = e;
        } else {
            size_t n = 1 + strcspn(c + 1, "<\"h");
            fwrite(c, 1, n, out);
            c += n;
        }
    }
}

static void put_escaped(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else if (*s == '&')
            fputs("&amp;", out);
        else if (*s == '"')
            fputs("&quot;", out);
        else
            fputc(*s, out);
    }
}

/* Whether TEXT holds "</script" in any case (which ends a script in HTML). */
static int holds_script_end(const char *text)
{
    for (const char *c = strstr(text, "</"); c != NULL; c = strstr(c + 2, "</"))
        if (strncasecmp(c + 2, "script", 6) == 0)
            return 1;
    return 0;
}

static int put_file(struct page *p, FILE *out, const char *path, int script)
{
    char *text = book_read_file(path, NULL);
    if (text == NULL || (script && holds_script_end(text))) {
        fail(p, text ? "a script may not hold \"</script\"" : "cannot read", path);
        free(text);
        return -1;
    }
    fputs(text, out);
    free(text);
    return 0;
}

int book_typeset(const struct book_typeset *opts, const char *const *md,
                 int nmd, FILE *out, FILE *err)
{
    struct page pg = {0}, *p = &pg;
    p->o = opts;
    p->err = err;
    mkdir(opts->cache_dir, 0777);
    p->folders = xrealloc(NULL, (size_t)(nmd > 0 ? nmd : 1) * sizeof *p->folders);
    for (int i = 0; i < nmd; i++) {
        const char *end = strrchr(md[i], '/'), *start = end;
        while (start != NULL && start > md[i] && start[-1] != '/')
            start--;
        p->folders[p->nfolders++] = end != NULL ? xstrndup(start, (size_t)(end - start))
                                                : xstrndup(".", 1);
    }
    for (int i = 0; i < nmd; i++) {
        char *text = book_read_file(md[i], NULL);
        if (text == NULL) {
            fail(p, "cannot read", md[i]);
            continue;
        }
        split_sections(p, text);
        free(text);
    }
    char *ident = pandoc_identity(opts->pandoc);
    for (size_t i = 0; i < p->nsec; i++) {
        uint64_t h = 0xcbf29ce484222325ULL;
        h = fnv1a(h, CACHE_SCHEME, sizeof CACHE_SCHEME);
        h = fnv1a(h, ident, strlen(ident) + 1);
        h = fnv1a(h, p->sec[i].text, strlen(p->sec[i].text));
        snprintf(p->sec[i].key, sizeof p->sec[i].key, "%016llx", (unsigned long long)h);
    }
    free(ident);
    if (p->errors == 0)
        convert_missing(p);
    char *body = NULL;
    size_t bodylen = 0;
    FILE *b = open_memstream(&body, &bodylen);
    p->toc = open_memstream(&p->tocbuf, &p->toclen);
    if (b == NULL || p->toc == NULL)
        oom();
    for (size_t i = 0; i < p->nsec && p->errors == 0; i++) {
        char *path = cache_path(p, p->sec[i].key, ".html");
        char *html = book_read_file(path, NULL);
        if (html == NULL)
            fail(p, "a converted section is missing", path);
        else
            put_fragment(p, html, b);
        free(html);
        free(path);
    }
    if (p->toc_level == 2)
        fputs("</li>\n</ul></li>\n", p->toc);
    else if (p->toc_level == 1)
        fputs("</li>\n", p->toc);
    fclose(b);
    fclose(p->toc);

    if (p->errors == 0) {
        fprintf(out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                     "lang=\"%s\" xml:lang=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n"
                     "<meta name=\"generator\" content=\"pandoc\" />\n"
                     "<meta name=\"viewport\" content=\"width=device-width, "
                     "initial-scale=1.0, user-scalable=yes\" />\n<title>",
                opts->lang, opts->lang);
        put_escaped(out, p->title ? p->title : opts->pagetitle);
        fputs("</title>\n<style>\n", out);
        for (int i = 0; i < 4 && opts->css[i]; i++)
            put_file(p, out, opts->css[i], 0);
        fputs("</style>\n", out);
        if (opts->head_script != NULL) {
            fputs("<script id=\"kl-theme\">\n", out);
            put_file(p, out, opts->head_script, 1);
            fputs("</script>\n", out);
        }
        fputs("</head>\n<body>\n", out);
        if (p->title != NULL) {
            fputs("<header id=\"title-block-header\">\n<h1 class=\"title\">", out);
            put_escaped(out, p->title);
            fputs("</h1>\n", out);
            if (p->subtitle != NULL) {
                fputs("<p class=\"subtitle\">", out);
                put_escaped(out, p->subtitle);
                fputs("</p>\n", out);
            }
            fputs("</header>\n", out);
        }
        if (p->toclen > 0)
            fprintf(out, "<nav id=\"TOC\" role=\"doc-toc\">\n<ul>\n%s</ul>\n</nav>\n",
                    p->tocbuf);
        fwrite(body, 1, bodylen, out);
        if (p->has_explorer && opts->script != NULL) {
            fputs("<script>\n", out);
            put_file(p, out, opts->script, 1);
            fputs("</script>\n", out);
        }
        fputs("</body>\n</html>\n", out);
    }
    free(body);
    free(p->tocbuf);
    for (size_t i = 0; i < p->nsec; i++)
        free(p->sec[i].text);
    free(p->sec);
    for (size_t i = 0; i < p->nids; i++)
        free(p->ids[i]);
    free(p->ids);
    for (int i = 0; i < p->nfolders; i++)
        free(p->folders[i]);
    free(p->folders);
    free(p->title);
    free(p->subtitle);
    return p->errors;
}
