/* svgpath.c — shorter SVG geometry that draws the same picture (svgpath.h).
 *
 * The simplification is Douglas and Peucker's ("Algorithms for the
 * reduction of the number of points required to represent a digitized line
 * or its caricature", The Canadian Cartographer 10(2), 1973): keep the end
 * points of a run, and the point farthest from the segment between them if
 * it is farther than the tolerance, and split the run there. */
#define _POSIX_C_SOURCE 200809L
#include "svgpath.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct pt {
    long x, y;      /* in tenths */
};

struct sub {
    size_t at, n;   /* its points, pts[at .. at + n - 1] */
    int closed, drawn;  /* ends with z; had a segment (even of no length) */
};

struct shape {
    struct pt *pts;
    size_t npts, cappts;
    struct sub *subs;
    size_t nsubs, capsubs;
};

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(p, c * size);
    if (q == NULL) {
        fputs("out of memory\n", stderr);
        exit(1);
    }
    *cap = c;
    return q;
}

static void shape_free(struct shape *s)
{
    free(s->pts);
    free(s->subs);
}

static int is_sep(char c)
{
    return c == ' ' || c == ',' || c == '\n' || c == '\t' || c == '\r';
}

/* The number at *C, rounded to tenths, into *T; 0, or -1 if there is none
 * or it is out of range. */
static int read_tenths(const char **c, long *t)
{
    char *end;
    double v = strtod(*c, &end);
    if (end == *c || !isfinite(v) || fabs(v) > 1e8)
        return -1;
    *t = lround(v * 10);
    *c = end;
    return 0;
}

static int add_point(struct shape *s, const char **c)
{
    struct pt p;
    if (read_tenths(c, &p.x) != 0)
        return -1;
    while (is_sep(**c))
        (*c)++;
    if (read_tenths(c, &p.y) != 0)
        return -1;
    s->pts = grow(s->pts, &s->cappts, s->npts + 1, sizeof *s->pts);
    s->pts[s->npts++] = p;
    return 0;
}

static void new_sub(struct shape *s)
{
    s->subs = grow(s->subs, &s->capsubs, s->nsubs + 1, sizeof *s->subs);
    s->subs[s->nsubs++] = (struct sub){s->npts, 0, 0, 0};
}

/* Path data of M, L, Z and z into S; 0, or -1 on anything else. */
static int parse_path(struct shape *s, const char *d)
{
    char cmd = 0;
    for (const char *c = d;;) {
        while (is_sep(*c))
            c++;
        if (*c == '\0')
            return s->nsubs > 0 ? 0 : -1;
        if (*c == 'M' || *c == 'L') {
            cmd = *c++;
            if (cmd == 'L' && (s->nsubs == 0 || s->subs[s->nsubs - 1].closed))
                return -1;
            continue;
        }
        if (*c == 'Z' || *c == 'z') {
            if (s->nsubs == 0 || s->subs[s->nsubs - 1].closed)
                return -1;
            s->subs[s->nsubs - 1].closed = 1;
            cmd = 0;
            c++;
            continue;
        }
        if (cmd == 0)
            return -1;      /* a number with no command, or another command */
        if (cmd == 'M')
            new_sub(s);
        else
            s->subs[s->nsubs - 1].drawn = 1;
        if (add_point(s, &c) != 0)
            return -1;
        s->subs[s->nsubs - 1].n++;
        cmd = 'L';
    }
}

/* A polygon's points into S as one closed run; 0, or -1. */
static int parse_points(struct shape *s, const char *p)
{
    new_sub(s);
    s->subs[0].closed = 1;
    for (const char *c = p;;) {
        while (is_sep(*c))
            c++;
        if (*c == '\0')
            return s->subs[0].n > 0 ? 0 : -1;
        if (add_point(s, &c) != 0)
            return -1;
        s->subs[0].n++;
    }
}

/* The squared distance from P to the segment AB. */
static double dist2(struct pt p, struct pt a, struct pt b)
{
    double dx = (double)(b.x - a.x), dy = (double)(b.y - a.y);
    double px = (double)(p.x - a.x), py = (double)(p.y - a.y);
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
    if (t < 0)
        t = 0;
    else if (t > 1)
        t = 1;
    double ex = px - t * dx, ey = py - t * dy;
    return ex * ex + ey * ey;
}

/* Simplifies the run P[0 .. *N-1] in place: repeated points dropped, then
 * Douglas–Peucker with the squared tolerance TOL2 (in tenths squared). */
static void simplify(struct pt *p, size_t *n, double tol2)
{
    size_t m = 0;
    for (size_t i = 0; i < *n; i++)
        if (m == 0 || p[i].x != p[m - 1].x || p[i].y != p[m - 1].y)
            p[m++] = p[i];
    *n = m;
    if (m < 3)
        return;
    unsigned char *keep = calloc(m, 1);
    size_t *stack = malloc(2 * m * sizeof *stack);
    if (keep == NULL || stack == NULL) {
        fputs("out of memory\n", stderr);
        exit(1);
    }
    keep[0] = keep[m - 1] = 1;
    size_t top = 0;
    stack[top++] = 0;
    stack[top++] = m - 1;
    while (top > 0) {
        size_t j = stack[--top], i = stack[--top];
        double worst = -1;
        size_t at = i;
        for (size_t k = i + 1; k < j; k++) {
            double e = dist2(p[k], p[i], p[j]);
            if (e > worst) {
                worst = e;
                at = k;
            }
        }
        if (worst > tol2) {
            keep[at] = 1;
            stack[top++] = i;
            stack[top++] = at;
            stack[top++] = at;
            stack[top++] = j;
        }
    }
    size_t w = 0;
    for (size_t i = 0; i < m; i++)
        if (keep[i])
            p[w++] = p[i];
    *n = w;
    free(keep);
    free(stack);
}

/* Numbers with the fewest separators: none before a minus sign, nor before
 * a leading decimal point when the number before has one (path data only). */
struct writer {
    FILE *out;
    int compact, after_num, had_dot;
};

static void fmt_tenths(char *buf, size_t size, long t)
{
    const char *sign = t < 0 ? "-" : "";
    long a = t < 0 ? -t : t;
    if (a % 10 == 0)
        snprintf(buf, size, "%s%ld", a ? sign : "", a / 10);
    else if (a < 10)
        snprintf(buf, size, "%s.%ld", sign, a);
    else
        snprintf(buf, size, "%s%ld.%ld", sign, a / 10, a % 10);
}

static void put_num(struct writer *w, long t)
{
    char buf[32];
    fmt_tenths(buf, sizeof buf, t);
    if (w->after_num &&
        !(w->compact && (buf[0] == '-' || (buf[0] == '.' && w->had_dot))))
        fputc(' ', w->out);
    fputs(buf, w->out);
    w->after_num = 1;
    w->had_dot = strchr(buf, '.') != NULL;
}

/* Command C, unless it repeats the last one (the numbers then go on). */
static void put_cmd(struct writer *w, char *last, char c)
{
    if (*last != c) {
        fputc(c, w->out);
        w->after_num = 0;
    }
    *last = c;
}

static long tenths(double v);

void book_svg_tenths(FILE *out, double v)
{
    char buf[32];
    fmt_tenths(buf, sizeof buf, tenths(v));
    fputs(buf, out);
}

static int prepare(struct shape *s, const char *text, size_t n, int path, double tol)
{
    char *t = malloc(n + 1);
    if (t == NULL) {
        fputs("out of memory\n", stderr);
        exit(1);
    }
    memcpy(t, text, n);
    t[n] = '\0';
    int r = path ? parse_path(s, t) : parse_points(s, t);
    free(t);
    if (r != 0)
        return -1;
    double tol2 = tol * 10 * tol * 10;
    for (size_t k = 0; k < s->nsubs; k++)
        simplify(s->pts + s->subs[k].at, &s->subs[k].n, tol2);
    return 0;
}

int book_svg_path(FILE *out, const char *d, size_t n, double tol)
{
    struct shape s = {0};
    if (prepare(&s, d, n, 1, tol) != 0) {
        shape_free(&s);
        return -1;
    }
    struct writer w = {out, 1, 0, 0};
    struct pt cur = {0, 0};
    char last = 0;
    for (size_t k = 0; k < s.nsubs; k++) {
        const struct sub *b = &s.subs[k];
        const struct pt *p = s.pts + b->at;
        put_cmd(&w, &last, k == 0 ? 'M' : 'm');
        put_num(&w, k == 0 ? p[0].x : p[0].x - cur.x);
        put_num(&w, k == 0 ? p[0].y : p[0].y - cur.y);
        last = k == 0 ? 'L' : 'l';      /* what further pairs would mean */
        for (size_t i = 1; i < b->n; i++) {
            long dx = p[i].x - p[i - 1].x, dy = p[i].y - p[i - 1].y;
            if (dy == 0) {
                put_cmd(&w, &last, 'h');
                put_num(&w, dx);
            } else if (dx == 0) {
                put_cmd(&w, &last, 'v');
                put_num(&w, dy);
            } else {
                put_cmd(&w, &last, 'l');
                put_num(&w, dx);
                put_num(&w, dy);
            }
        }
        if (b->n == 1 && b->drawn) {
            /* a segment shorter than the rounding: still drawn (as a dot
             * with round caps), so kept */
            put_cmd(&w, &last, 'h');
            put_num(&w, 0);
        }
        cur = p[b->n - 1];
        if (b->closed) {
            put_cmd(&w, &last, 'z');
            cur = p[0];
        }
    }
    shape_free(&s);
    return 0;
}

int book_svg_points(FILE *out, const char *p, size_t n, double tol)
{
    struct shape s = {0};
    if (prepare(&s, p, n, 0, tol) != 0) {
        shape_free(&s);
        return -1;
    }
    struct writer w = {out, 0, 0, 0};
    for (size_t i = 0; i < s.subs[0].n; i++) {
        put_num(&w, s.pts[i].x);
        put_num(&w, s.pts[i].y);
    }
    shape_free(&s);
    return 0;
}

static long tenths(double v)
{
    return isfinite(v) && fabs(v) < 1e8 ? lround(v * 10) : 0;
}

void book_svg_dots(FILE *out, const double *xy, size_t n)
{
    struct writer w = {out, 1, 0, 0};
    char last = 0;
    long cx = 0, cy = 0;
    for (size_t i = 0; i < n; i++) {
        long x = tenths(xy[2 * i]), y = tenths(xy[2 * i + 1]);
        put_cmd(&w, &last, i == 0 ? 'M' : 'm');
        put_num(&w, i == 0 ? x : x - cx);
        put_num(&w, i == 0 ? y : y - cy);
        last = 0;
        put_cmd(&w, &last, 'h');
        put_num(&w, 0);
        cx = x;
        cy = y;
    }
}
