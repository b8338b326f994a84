/* svgtree.c — see svgtree.h. */
#include "svgtree.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct attr {
    const char *name, *val;
    size_t nn, nv;
    char q;         /* its quote */
    int keep;
    char *own;      /* VAL when this file wrote it */
};

struct node {
    const char *text;           /* a text node: name is NULL */
    size_t ntext;
    const char *name;
    size_t nname;
    struct attr *a;
    size_t na, ca;
    struct node **kid;
    size_t nk, ck;
    int empty;                  /* written <x/> */
};

/* The inherited presentation attributes this file moves and drops. */
static const char *const INHERIT[] = {
    "fill", "stroke", "color", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-dasharray", "stroke-opacity", "fill-opacity", "font-size", "font-family",
    "text-anchor", "font-weight", "font-style",
};
#define NI (sizeof INHERIT / sizeof INHERIT[0])
enum { I_FILL, I_STROKE, I_COLOR, I_SW, I_CAP, I_JOIN, I_DASH, I_SOP, I_FOP,
       I_FSIZE, I_FFAMILY, I_ANCHOR, I_FWEIGHT, I_FSTYLE };

/* Initial values no rule of report.css selects: leaving them out where no
 * ancestor sets the attribute changes nothing. */
static const char *const INITIAL[NI] = {
    [I_STROKE] = "none", [I_SW] = "1", [I_CAP] = "butt", [I_JOIN] = "miter",
    [I_DASH] = "none", [I_SOP] = "1", [I_FOP] = "1", [I_ANCHOR] = "start",
};

struct ctx {
    const char *v[NI];
    size_t n[NI];
};

static int is(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(s, word, n) == 0;
}

static int inherit_index(const char *s, size_t n)
{
    for (size_t i = 0; i < NI; i++)
        if (is(s, n, INHERIT[i]))
            return (int)i;
    return -1;
}

static void free_node(struct node *n)
{
    if (n == NULL)
        return;
    for (size_t i = 0; i < n->nk; i++)
        free_node(n->kid[i]);
    for (size_t i = 0; i < n->na; i++)
        free(n->a[i].own);
    free(n->kid);
    free(n->a);
    free(n);
}

static int add_kid(struct node *p, struct node *k)
{
    if (p->nk == p->ck) {
        size_t c = p->ck ? 2 * p->ck : 4;
        struct node **m = realloc(p->kid, c * sizeof *m);
        if (m == NULL)
            return -1;
        p->kid = m;
        p->ck = c;
    }
    p->kid[p->nk++] = k;
    return 0;
}

/* Adds an attribute at position AT (0: first). */
static struct attr *add_attr(struct node *n, size_t at)
{
    if (n->na == n->ca) {
        size_t c = n->ca ? 2 * n->ca : 8;
        struct attr *m = realloc(n->a, c * sizeof *m);
        if (m == NULL)
            return NULL;
        n->a = m;
        n->ca = c;
    }
    memmove(n->a + at + 1, n->a + at, (n->na - at) * sizeof *n->a);
    n->na++;
    memset(n->a + at, 0, sizeof *n->a);
    n->a[at].keep = 1;
    return n->a + at;
}

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == ':' || c == '.';
}

static int space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The element whose start tag is at *PC; NULL on anything else. */
static struct node *parse(const char **pc, const char *e, int depth)
{
    const char *c = *pc;
    if (depth > 64 || c >= e || *c != '<')
        return NULL;
    struct node *n = calloc(1, sizeof *n);
    if (n == NULL)
        return NULL;
    n->name = ++c;
    while (c < e && name_char(*c))
        c++;
    n->nname = (size_t)(c - n->name);
    if (n->nname == 0)
        goto fail;
    for (;;) {
        while (c < e && space(*c))
            c++;
        if (c >= e)
            goto fail;
        if (*c == '/' && c + 1 < e && c[1] == '>') {
            n->empty = 1;
            *pc = c + 2;
            return n;
        }
        if (*c == '>')
            break;
        const char *an = c;
        while (c < e && name_char(*c))
            c++;
        size_t nn = (size_t)(c - an);
        while (c < e && space(*c))
            c++;
        if (nn == 0 || c >= e || *c != '=')
            goto fail;
        for (c++; c < e && space(*c); c++)
            ;
        if (c >= e || (*c != '\'' && *c != '"'))
            goto fail;
        char q = *c++;
        const char *v = c;
        while (c < e && *c != q && *c != '<')
            c++;
        if (c >= e || *c != q)
            goto fail;
        struct attr *a = add_attr(n, n->na);
        if (a == NULL)
            goto fail;
        a->name = an;
        a->nn = nn;
        a->val = v;
        a->nv = (size_t)(c - v);
        a->q = q;
        c++;
    }
    c++;                        /* the start tag's '>' */
    for (;;) {
        if (c >= e)
            goto fail;
        if (*c == '<' && c + 1 < e && c[1] == '/') {
            const char *cn = c + 2, *ce = cn;
            while (ce < e && name_char(*ce))
                ce++;
            if ((size_t)(ce - cn) != n->nname || memcmp(cn, n->name, n->nname) != 0)
                goto fail;
            while (ce < e && space(*ce))
                ce++;
            if (ce >= e || *ce != '>')
                goto fail;
            *pc = ce + 1;
            return n;
        }
        struct node *k;
        if (*c == '<') {
            if (c + 1 < e && (c[1] == '!' || c[1] == '?'))
                goto fail;      /* a comment, CDATA...: not expected here */
            k = parse(&c, e, depth + 1);
        } else {
            k = calloc(1, sizeof *k);
            if (k != NULL) {
                k->text = c;
                while (c < e && *c != '<')
                    c++;
                k->ntext = (size_t)(c - k->text);
            }
        }
        if (k == NULL || add_kid(n, k) != 0) {
            free_node(k);
            goto fail;
        }
    }
fail:
    free_node(n);
    return NULL;
}

/* N's attribute NAME (LEN bytes), or NULL. */
static struct attr *find_n(struct node *n, const char *name, size_t len)
{
    for (size_t i = 0; i < n->na; i++)
        if (n->a[i].keep && n->a[i].nn == len && memcmp(n->a[i].name, name, len) == 0)
            return n->a + i;
    return NULL;
}

static struct attr *find(struct node *n, const char *name)
{
    return find_n(n, name, strlen(name));
}

static int named(const struct node *n, const char *name)
{
    return n->name != NULL && is(n->name, n->nname, name);
}

/* Whether N is one of the NUL-terminated list NAMES. */
static int named_any(const struct node *n, const char *const *names)
{
    for (; *names != NULL; names++)
        if (named(n, *names))
            return 1;
    return 0;
}

/* What this file does not look into: used elsewhere, or nothing to do. */
static int opaque(const struct node *n)
{
    static const char *const names[] = {"defs", "pattern", "filter", "marker", "clipPath",
                                        "mask", "symbol", "title", "desc", "style",
                                        "script", "linearGradient", "radialGradient", NULL};
    return named_any(n, names);
}

static int shape(const struct node *n)
{
    static const char *const names[] = {"path", "polygon", "polyline", "rect",
                                        "circle", "ellipse", "line", NULL};
    return named_any(n, names);
}

static int texty(const struct node *n)
{
    static const char *const names[] = {"text", "tspan", "textPath", NULL};
    return named_any(n, names);
}

/* CTX with the inherited attributes of N over it. */
static struct ctx under(const struct ctx *ctx, struct node *n)
{
    struct ctx c = *ctx;
    for (size_t i = 0; i < n->na; i++) {
        int k = n->a[i].keep ? inherit_index(n->a[i].name, n->a[i].nn) : -1;
        if (k >= 0) {
            c.v[k] = n->a[i].val;
            c.n[k] = n->a[i].nv;
        }
    }
    return c;
}

static int holds(const char *v, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; v != NULL && i + k <= n; i++)
        if (strncasecmp(v + i, needle, k) == 0)
            return 1;
    return 0;
}

enum use { USES_COLOR, STROKES, HOLDS_TEXT };

/* Whether N, under CTX, or anything in it draws in currentColor, strokes,
 * or holds text; yes where this file cannot tell. */
static int uses(struct node *n, const struct ctx *ctx, enum use what)
{
    if (n->name == NULL)
        return 0;
    if (opaque(n) || named(n, "use") || find(n, "style") != NULL)
        return 1;
    if (named(n, "image"))
        return 0;
    struct ctx c = under(ctx, n);
    if (shape(n) || texty(n)) {
        if (what == HOLDS_TEXT && texty(n))
            return 1;
        if (what == USES_COLOR &&
            (holds(c.v[I_FILL], c.n[I_FILL], "currentColor") || holds(c.v[I_FILL], c.n[I_FILL], "url(") ||
             holds(c.v[I_STROKE], c.n[I_STROKE], "currentColor") ||
             holds(c.v[I_STROKE], c.n[I_STROKE], "url(")))
            return 1;
        if (what == STROKES && c.v[I_STROKE] != NULL && !is(c.v[I_STROKE], c.n[I_STROKE], "none"))
            return 1;
    } else if (!named(n, "g") && !named(n, "svg") && !named(n, "a")) {
        return 1;               /* an element this file does not know */
    }
    for (size_t i = 0; i < n->nk; i++)
        if (uses(n->kid[i], &c, what))
            return 1;
    return 0;
}

/* Whether attribute A of N is needed, N being under CTX. */
static int needed(struct node *n, const struct ctx *ctx, struct attr *a)
{
    int k = inherit_index(a->name, a->nn);
    if (k < 0 || opaque(n) || named(n, "svg"))
        return 1;
    if (k == I_FILL && named(n, "polygon") && a->nv == 7 && strncasecmp(a->val, "#FFFFFF", 7) == 0)
        return 1;               /* report.css: an opaque key's box */
    if (ctx->v[k] != NULL && ctx->n[k] == a->nv && memcmp(ctx->v[k], a->val, a->nv) == 0)
        return 0;
    if (ctx->v[k] == NULL && INITIAL[k] != NULL && is(a->val, a->nv, INITIAL[k]))
        return 0;
    switch (k) {
    case I_COLOR:
        return uses(n, ctx, USES_COLOR);
    case I_SW: case I_CAP: case I_JOIN: case I_DASH: case I_SOP:
        return uses(n, ctx, STROKES);
    case I_FSIZE: case I_FFAMILY: case I_ANCHOR: case I_FWEIGHT: case I_FSTYLE:
        return uses(n, ctx, HOLDS_TEXT);
    default:
        return 1;
    }
}

static void prune(struct node *n, const struct ctx *ctx)
{
    for (size_t i = 0; i < n->na; i++)
        if (n->a[i].keep && !needed(n, ctx, n->a + i))
            n->a[i].keep = 0;
}

static size_t attr_len(const struct attr *a)
{
    return a->nn + a->nv + 4;           /* ' name="value"' */
}

/* How many bytes group G (under CTX) saves by giving way to its children
 * (> 0: it may); a transform goes to its one child. */
static long flat_gain(struct node *g, const struct ctx *ctx)
{
    if (!named(g, "g") || g->na == 0)
        return 0;
    struct attr *tr = NULL;
    long old = 2 + 1 + 4;               /* "<g" ">" "</g>" */
    for (size_t i = 0; i < g->na; i++) {
        if (!g->a[i].keep)
            continue;
        old += (long)attr_len(g->a + i);
        if (is(g->a[i].name, g->a[i].nn, "transform"))
            tr = g->a + i;
        else if (inherit_index(g->a[i].name, g->a[i].nn) < 0)
            return 0;
    }
    size_t elems = 0;
    struct node *only = NULL;
    for (size_t i = 0; i < g->nk; i++) {
        struct node *k = g->kid[i];
        if (k->name == NULL) {
            for (size_t j = 0; j < k->ntext; j++)
                if (!space(k->text[j]))
                    return 0;
            continue;
        }
        if (named(k, "title") || named(k, "desc"))
            return 0;
        elems++;
        only = k;
    }
    if (tr != NULL && (elems != 1 || find(only, "transform") != NULL || named(only, "svg")))
        return 0;
    long now = tr != NULL ? (long)attr_len(tr) : 0;
    /* each child with the group's attributes it lacks: those it needs */
    for (size_t i = 0; i < g->nk; i++) {
        struct node *k = g->kid[i];
        if (k->name == NULL)
            continue;
        size_t pushed = 0;
        for (size_t j = 0; j < g->na; j++) {
            struct attr *a = g->a + j;
            if (!a->keep || a == tr || find_n(k, a->name, a->nn) != NULL)
                continue;
            struct attr *p = add_attr(k, pushed);
            if (p == NULL)
                return 0;
            *p = *a;
            p->own = NULL;
            pushed++;
        }
        for (size_t j = 0; j < pushed; j++)
            if (needed(k, ctx, k->a + j))
                now += (long)attr_len(k->a + j);
        memmove(k->a, k->a + pushed, (k->na - pushed) * sizeof *k->a);
        k->na -= pushed;
    }
    return old - now;
}

/* G replaced by its children in P at I. */
static int splice(struct node *p, size_t i, struct node *g, const struct ctx *ctx)
{
    for (size_t c = 0, at = 0; c < g->nk; c++) {
        struct node *k = g->kid[c];
        if (k->name == NULL)
            continue;
        at = 0;
        for (size_t j = 0; j < g->na; j++) {
            struct attr *a = g->a + j;
            if (!a->keep || find_n(k, a->name, a->nn) != NULL)
                continue;       /* (a transform: flat_gain saw that K has none) */
            struct attr *q = add_attr(k, at++);
            if (q == NULL)
                return -1;
            *q = *a;
            q->own = NULL;
        }
        prune(k, ctx);
    }
    size_t nk = p->nk - 1 + g->nk;
    if (nk > p->ck) {
        struct node **m = realloc(p->kid, nk * sizeof *m);
        if (m == NULL)
            return -1;
        p->kid = m;
        p->ck = nk;
    }
    memmove(p->kid + i + g->nk, p->kid + i + 1, (p->nk - i - 1) * sizeof *p->kid);
    memcpy(p->kid + i, g->kid, g->nk * sizeof *g->kid);
    p->nk = nk;
    g->nk = 0;
    free_node(g);
    return 0;
}

static int simplify(struct node *p, const struct ctx *ctx, int depth)
{
    if (depth > 64)
        return -1;
    for (size_t i = 0; i < p->nk;) {
        struct node *c = p->kid[i];
        if (c->name == NULL || opaque(c)) {
            i++;
            continue;
        }
        if (flat_gain(c, ctx) > 0) {
            if (splice(p, i, c, ctx) != 0)
                return -1;
            continue;           /* the first child, now at I */
        }
        prune(c, ctx);
        struct ctx sub = under(ctx, c);
        if (simplify(c, &sub, depth + 1) != 0)
            return -1;
        i++;
    }
    return 0;
}

static void write_node(FILE *out, const struct node *n)
{
    if (n->name == NULL) {
        fwrite(n->text, 1, n->ntext, out);
        return;
    }
    fprintf(out, "<%.*s", (int)n->nname, n->name);
    for (size_t i = 0; i < n->na; i++)
        if (n->a[i].keep)
            fprintf(out, " %.*s=%c%.*s%c", (int)n->a[i].nn, n->a[i].name, n->a[i].q,
                    (int)n->a[i].nv, n->a[i].val, n->a[i].q);
    if (n->empty && n->nk == 0) {
        fputs("/>", out);
        return;
    }
    fputc('>', out);
    /* between elements (not in a text or a title), a run of white space,
     * which the groups left out leave behind, as one line break */
    int keep_space = texty(n) || opaque(n), gap = 0;
    for (size_t i = 0; i < n->nk; i++) {
        const struct node *k = n->kid[i];
        size_t j = 0;
        if (!keep_space && k->name == NULL) {
            while (j < k->ntext && space(k->text[j]))
                j++;
            if (j == k->ntext) {
                gap = 1;
                continue;
            }
        }
        if (gap)
            fputc('\n', out);
        gap = 0;
        write_node(out, k);
    }
    if (gap)
        fputc('\n', out);
    fprintf(out, "</%.*s>", (int)n->nname, n->name);
}

/* Whether an attribute of N or of anything in it, other than SKIP, refers
 * to the id ID (NID bytes): "#ID" in an href or a url(). */
static int refers(const struct node *n, const struct node *skip, const char *id, size_t nid)
{
    if (n == skip || n->name == NULL)
        return 0;
    for (size_t i = 0; i < n->na; i++) {
        const struct attr *a = n->a + i;
        if (!a->keep)
            continue;
        for (size_t j = 0; j + nid < a->nv; j++)
            if (a->val[j] == '#' && memcmp(a->val + j + 1, id, nid) == 0 &&
                (j + 1 + nid == a->nv || !name_char(a->val[j + 1 + nid])))
                return 1;
    }
    for (size_t i = 0; i < n->nk; i++)
        if (refers(n->kid[i], skip, id, nid))
            return 1;
    return 0;
}

/* The definitions nothing refers to left out: gnuplot defines its fifteen
 * point markers and two text boxes in every figure, and a figure uses one
 * or two of them (a tenth of a small figure's bytes).  Again until none
 * goes, as a marker may be used only by another one that goes. */
static void drop_unused(struct node *root, struct node *n)
{
    for (size_t i = 0; i < n->nk; i++)
        if (named(n->kid[i], "defs") || (n->kid[i]->name != NULL && !opaque(n->kid[i])))
            drop_unused(root, n->kid[i]);
    if (!named(n, "defs"))
        return;
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < n->nk; i++) {
            struct node *k = n->kid[i];
            struct attr *id = k->name != NULL ? find(k, "id") : NULL;
            if (id == NULL || id->nv == 0 || refers(root, k, id->val, id->nv))
                continue;
            free_node(k);
            memmove(n->kid + i, n->kid + i + 1, (n->nk - i - 1) * sizeof *n->kid);
            n->nk--;
            i--;
            again = 1;
        }
    }
}

int book_svg_flatten(FILE *out, const char *s, size_t n)
{
    const char *c = s, *e = s + n;
    struct node *root = parse(&c, e, 0);
    if (root == NULL)
        return -1;
    while (c < e && space(*c))
        c++;
    struct ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    struct ctx sub = under(&ctx, root);
    if (c != e || !named(root, "svg") || simplify(root, &sub, 0) != 0) {
        free_node(root);
        return -1;
    }
    drop_unused(root, root);
    write_node(out, root);
    free_node(root);
    return 0;
}
