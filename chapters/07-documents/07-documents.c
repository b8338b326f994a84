/* 07-documents — Chapter 7: comparing real documents.
 *
 * Experiments on the license texts every Debian system carries in
 * /usr/share/common-licenses (package base-files): each text as a word
 * distribution; Zipf's law on the corpus with a slope fitted by GSL;
 * D(GPL-2 || GPL-3) and the reverse, infinite without smoothing, and the
 * words that make it; D as a function of the pseudo-count alpha; alpha
 * chosen by held-out likelihood (the second half of a text under the
 * smoothed first half, maximised by GSL's Brent minimiser) against
 * Laplace's alpha = 1; the matrices of smoothed D and of JS between every
 * pair of texts, and their asymmetry.
 *
 * Run: make chapter-07. */
#define _DEFAULT_SOURCE /* realpath, M_LN2 */
#include <dirent.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_statistics_double.h>

#include "book/book.h"
#include "kl/discrete.h"
#include "kl/smooth.h"
#include "kl/wordfreq.h"

#define CORPUS "/usr/share/common-licenses"
enum { MAXTEXTS = 64, HALF_MIN_WORDS = 500, ZIPF_HEAD = 100 };

static struct book *B;

static void ok(enum kl_status st, const char *what)
{
    if (st != KL_OK)
        book_fail(B, "%s: %s", what, kl_strerror(st));
}

/* -- the corpus ------------------------------------------------------------- */

struct corpus {
    size_t n;                       /* texts */
    char name[MAXTEXTS][64];
    size_t whole[MAXTEXTS];         /* document numbers in WF: the text, */
    size_t first[MAXTEXTS];         /* its first half, */
    size_t second[MAXTEXTS];        /* its second half */
    struct kl_wordfreq *wf;
    size_t v;                       /* vocabulary size */
    double **c;                     /* counts of every document over it */
};

static int by_name(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        book_fail(B, "cannot read %s (the license texts come with Debian's "
                  "package base-files)", path);
    size_t cap = 1 << 16, n = 0, got;
    char *s = book_malloc(B, cap);
    while ((got = fread(s + n, 1, cap - n - 1, f)) > 0)
        if ((n += got) + 1 == cap && (s = realloc(s, cap *= 2)) == NULL)
            book_fail(B, "out of memory");
    fclose(f);
    s[n] = 0;
    return s;
}

/* >>> corpus */
/* Every regular file of CORPUS, once: names that are symbolic links to
 * another file of the folder (GPL -> GPL-3) are skipped by their resolved
 * path.  Each text is added whole and as its two halves, cut at the first
 * line end at or after its middle byte. */
static void read_corpus(struct corpus *k, char *skipped, size_t size)
{
    DIR *d = opendir(CORPUS);
    if (d == NULL)
        book_fail(B, CORPUS " is missing: install Debian's package base-files");
    char names[MAXTEXTS][64], real[MAXTEXTS][PATH_MAX];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < MAXTEXTS)
        if (e->d_name[0] != '.' && strlen(e->d_name) < 64)
            snprintf(names[n++], 64, "%s", e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    k->wf = kl_wordfreq_alloc();
    if (k->wf == NULL)
        book_fail(B, "out of memory");
    k->n = 0;
    skipped[0] = 0;
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX + 80];
        snprintf(path, sizeof path, CORPUS "/%s", names[i]);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
            realpath(path, real[k->n]) == NULL)
            continue;
        int seen = 0;
        for (size_t j = 0; j < k->n; j++)
            seen |= strcmp(real[j], real[k->n]) == 0;
        char *target = strrchr(real[k->n], '/') + 1;
        if (seen || strcmp(target, names[i]) != 0) {
            size_t used = strlen(skipped);
            snprintf(skipped + used, size - used, "%s%s → %s",
                     used ? ", " : "", names[i], target);
            continue;
        }
        char *text = slurp(path);
        size_t len = strlen(text), mid = len / 2;
        while (mid < len && text[mid] != '\n')
            mid++;
        memcpy(k->name[k->n], names[i], strlen(names[i]) + 1);
        ok(kl_wordfreq_add(k->wf, text, &k->whole[k->n]), path);
        ok(kl_wordfreq_open(k->wf), "a half");
        ok(kl_wordfreq_feed(k->wf, text, mid), "a half");
        ok(kl_wordfreq_close(k->wf, &k->first[k->n]), "the first half");
        ok(kl_wordfreq_open(k->wf), "a half");
        ok(kl_wordfreq_feed(k->wf, text + mid, len - mid), "a half");
        ok(kl_wordfreq_close(k->wf, &k->second[k->n]), "the second half");
        free(text);
        k->n++;
    }
    /* <<< corpus */
    size_t docs = kl_wordfreq_documents(k->wf);
    k->v = kl_wordfreq_size(k->wf);
    k->c = book_malloc(B, docs * sizeof *k->c);
    for (size_t i = 0; i < docs; i++) {
        k->c[i] = book_malloc(B, k->v * sizeof **k->c);
        ok(kl_wordfreq_counts(k->wf, i, k->c[i], k->v), "counts");
    }
}

static size_t find(const struct corpus *k, const char *name)
{
    for (size_t i = 0; i < k->n; i++)
        if (strcmp(k->name[i], name) == 0)
            return i;
    book_fail(B, CORPUS "/%s is missing: install Debian's package base-files",
              name);
}

/* >>> pair */
/* The counts of documents A and B over their own vocabulary, the words
 * either has (as `kl words` builds it): writes them to CA, CB and returns
 * how many words there are. */
static size_t pair(const struct corpus *k, size_t a, size_t b, double *ca,
                   double *cb)
{
    size_t m = 0;
    for (size_t i = 0; i < k->v; i++)
        if (k->c[a][i] > 0 || k->c[b][i] > 0) {
            ca[m] = k->c[a][i];
            cb[m] = k->c[b][i];
            m++;
        }
    return m;
}

/* D(A || B) in nats after smoothing both with pseudo-count ALPHA (0: none). */
static double smoothed_d(const struct corpus *k, size_t a, size_t b,
                         double alpha, int js)
{
    double *ca = book_malloc(B, k->v * sizeof *ca), *cb = book_malloc(B, k->v * sizeof *cb);
    size_t m = pair(k, a, b, ca, cb);
    double d;
    ok(kl_smooth_additive(ca, m, alpha, ca), "smoothing");
    ok(kl_smooth_additive(cb, m, alpha, cb), "smoothing");
    ok(js ? kl_discrete_js(ca, cb, m, KL_BASE_E, &d)
          : kl_discrete_divergence(ca, cb, m, KL_BASE_E, &d), "divergence");
    free(ca);
    free(cb);
    return d;
}
/* <<< pair */

/* The same divergence written out in long double, without the library. */
static double direct_d(const struct corpus *k, size_t a, size_t b, double alpha)
{
    double *ca = book_malloc(B, k->v * sizeof *ca), *cb = book_malloc(B, k->v * sizeof *cb);
    size_t m = pair(k, a, b, ca, cb);
    long double na = 0, nb = 0, d = 0;
    for (size_t i = 0; i < m; i++) {
        na += ca[i] + alpha;
        nb += cb[i] + alpha;
    }
    for (size_t i = 0; i < m; i++) {
        long double p = (ca[i] + alpha) / na, q = (cb[i] + alpha) / nb;
        if (p > 0)
            d += p * logl(p / q);
    }
    free(ca);
    free(cb);
    return (double)d;
}

/* -- 1. the texts and Zipf's law ------------------------------------------ */

static int desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static void zipf(const struct corpus *k)
{
    long min_count = book_param_int(B, "ZIPF_MIN_COUNT");
    double *f = book_malloc(B, k->v * sizeof *f);
    for (size_t i = 0; i < k->v; i++) {
        f[i] = 0;
        for (size_t t = 0; t < k->n; t++)
            f[i] += k->c[k->whole[t]][i];
    }
    size_t top = 0;
    for (size_t i = 1; i < k->v; i++)
        if (f[i] > f[top])
            top = i;
    book_value_text(B, "zipf_top_word", kl_wordfreq_word(k->wf, top));
    qsort(f, k->v, sizeof *f, desc);
    double total = 0;
    for (size_t i = 0; i < k->v; i++)
        total += f[i];
    /* >>> zipf */
    /* log f = a + b log r over the ranks whose count is at least
     * ZIPF_MIN_COUNT, by least squares (GSL) */
    size_t m = 0;
    while (m < k->v && f[m] >= min_count)
        m++;
    double *x = book_malloc(B, m * sizeof *x), *y = book_malloc(B, m * sizeof *y);
    for (size_t r = 0; r < m; r++) {
        x[r] = log((double)(r + 1));
        y[r] = log(f[r]);
    }
    double a, slope, c00, c01, c11, sumsq;
    if (gsl_fit_linear(x, 1, y, 1, m, &a, &slope, &c00, &c01, &c11, &sumsq))
        book_fail(B, "the Zipf fit failed");
    /* <<< zipf */
    double cov = gsl_stats_covariance(x, 1, y, 1, m);
    double var = gsl_stats_variance(x, 1, m);
    book_claim_rel(B, "GSL statistics", "the fitted slope is cov(log r, log f) / "
                   "var(log r)", cov / var, slope, 1e-10);
    book_claim_le(B, "bound", "Zipf: the fitted slope is within 0.3 of −1 "
                  "(below −0.7)", slope, -0.7, 0.0);
    book_claim_ge(B, "bound", "Zipf: the fitted slope is within 0.3 of −1 "
                  "(above −1.3)", slope, -1.3, 0.0);
    FILE *o = book_data(B, "zipf.tsv", "rank and count of every word of the corpus",
                        "rank\tcount\tfit");
    for (size_t r = 0; r < k->v; r++)
        fprintf(o, "%zu\t%g\t%.6g\n", r + 1, f[r], exp(a + slope * log(r + 1.0)));
    book_close_file(B, o);
    /* the head alone: the slope depends on the range fitted */
    size_t mh = m < ZIPF_HEAD ? m : ZIPF_HEAD;
    double ah, sh, h00, h01, h11, hsq;
    if (gsl_fit_linear(x, 1, y, 1, mh, &ah, &sh, &h00, &h01, &h11, &hsq))
        book_fail(B, "the Zipf fit of the head failed");
    book_claim_rel(B, "GSL statistics", "the slope over the head is cov(log r, "
                   "log f) / var(log r) over the head",
                   gsl_stats_covariance(x, 1, y, 1, mh) / gsl_stats_variance(x, 1, mh),
                   sh, 1e-10);
    book_value_int(B, "zipf_head_ranks", (long long)mh);
    book_value(B, "zipf_head_slope", sh, 2);
    book_value_int(B, "zipf_fit_top", (long long)lround(exp(a)));
    /* words seen once or twice: in the corpus, and within each text */
    size_t rare = 0;
    for (size_t i = 0; i < k->v; i++)
        rare += f[i] <= 2;
    double lo = 1, hi = 0;
    for (size_t t = 0; t < k->n; t++) {
        size_t vt = 0, rt = 0;
        for (size_t i = 0; i < k->v; i++) {
            double c = k->c[k->whole[t]][i];
            vt += c > 0;
            rt += c > 0 && c <= 2;
        }
        lo = fmin(lo, (double)rt / (double)vt);
        hi = fmax(hi, (double)rt / (double)vt);
    }
    char pc[32];
    snprintf(pc, sizeof pc, "%.0f%%", 100 * lo);
    book_value_text(B, "rare_text_lo", pc);
    snprintf(pc, sizeof pc, "%.0f%%", 100 * hi);
    book_value_text(B, "rare_text_hi", pc);
    snprintf(pc, sizeof pc, "%.0f%%", 100.0 * (double)rare / (double)k->v);
    book_value_text(B, "rare_corpus", pc);
    book_value(B, "zipf_slope", slope, 3);
    book_value(B, "zipf_se", sqrt(c11), 2);
    book_value_int(B, "zipf_ranks", (long long)m);
    book_value_int(B, "corpus_words", (long long)total);
    book_value_int(B, "corpus_vocab", (long long)k->v);
    book_value_int(B, "zipf_top", (long long)f[0]);
    book_value(B, "zipf_top_share", f[0] / total, 3);
    book_plot_value(B, "zipf_a", a);
    book_plot_value(B, "zipf_slope", slope);
    book_plot_value(B, "zipf_ranks", (double)m);
    free(x);
    free(y);
    free(f);
}

/* -- 2. GPL-2 against GPL-3 ------------------------------------------------ */

struct term {
    double t;
    const char *w;
};

static int by_term(const void *a, const void *b)
{
    const struct term *x = a, *y = b;
    if (x->t != y->t)
        return (x->t < y->t) - (x->t > y->t);
    return strcmp(x->w, y->w);
}

static void gpl(const struct corpus *k, size_t g2, size_t g3)
{
    double alpha = book_param_real(B, "TERMS_ALPHA");
    long top = book_param_int(B, "TOP_TERMS");
    size_t a = k->whole[g2], b = k->whole[g3];
    /* the unsmoothed divergences, and the words that make them infinite */
    double d23 = smoothed_d(k, a, b, 0, 0), d32 = smoothed_d(k, b, a, 0, 0);
    size_t miss23 = 0, miss32 = 0;
    double mass23 = 0, len2 = 0;
    size_t miss_top = SIZE_MAX;
    for (size_t i = 0; i < k->v; i++)
        len2 += k->c[a][i];
    for (size_t i = 0; i < k->v; i++) {
        miss23 += k->c[a][i] > 0 && k->c[b][i] == 0;
        miss32 += k->c[b][i] > 0 && k->c[a][i] == 0;
        if (k->c[a][i] > 0 && k->c[b][i] == 0) {
            mass23 += k->c[a][i] / len2;
            if (miss_top == SIZE_MAX || k->c[a][i] > k->c[a][miss_top])
                miss_top = i;
        }
    }
    book_claim_ge(B, "exact", "without smoothing, D(GPL-2 ‖ GPL-3) = +∞",
                  d23, DBL_MAX, 0.0);
    book_claim_ge(B, "exact", "without smoothing, D(GPL-3 ‖ GPL-2) = +∞",
                  d32, DBL_MAX, 0.0);
    book_value_int(B, "miss23", (long long)miss23);
    book_value_int(B, "miss32", (long long)miss32);
    book_value(B, "mass23", mass23, 3);
    book_value_text(B, "miss_top", kl_wordfreq_word(k->wf, miss_top));
    book_value_int(B, "miss_top_n", (long long)k->c[a][miss_top]);
    /* as alpha -> 0 the missing words' terms grow like -p log alpha */
    double s = (smoothed_d(k, a, b, 1e-7, 0) - smoothed_d(k, a, b, 1e-8, 0)) / log(10.0);
    book_claim_rel(B, "closed form", "as α → 0, dD(GPL-2 ‖ GPL-3)/d ln α → "
                   "−(GPL-2's share of the words GPL-3 lacks)", -mass23, s, 1e-3);

    /* smoothed: values, a check written out, and the largest terms */
    double d = smoothed_d(k, a, b, alpha, 0), r = smoothed_d(k, b, a, alpha, 0);
    book_claim_rel(B, "direct sum", "D(GPL-2 ‖ GPL-3) at TERMS_ALPHA, against "
                   "a sum written out in long double", direct_d(k, a, b, alpha),
                   d, 1e-12);
    book_value(B, "d23", d, 4);
    book_value(B, "d32", r, 4);
    book_plot_value(B, "d23", d);
    book_plot_value(B, "d32", r);
    FILE *o = book_data(B, "terms.tsv", "the largest terms of D(GPL-2‖GPL-3) "
                        "and of D(GPL-3‖GPL-2), in nats",
                        "row\tword23\tterm23\tword32\tterm32");
    struct term *t[2];
    double *ca = book_malloc(B, k->v * sizeof *ca), *cb = book_malloc(B, k->v * sizeof *cb);
    double *tt = book_malloc(B, k->v * sizeof *tt);
    const char **w = book_malloc(B, k->v * sizeof *w);
    size_t m = 0;
    for (int dir = 0; dir < 2; dir++) {
        size_t x = dir ? b : a, y = dir ? a : b;
        m = 0;
        for (size_t i = 0; i < k->v; i++)
            if (k->c[x][i] > 0 || k->c[y][i] > 0) {
                ca[m] = k->c[x][i];
                cb[m] = k->c[y][i];
                w[m++] = kl_wordfreq_word(k->wf, i);
            }
        ok(kl_smooth_additive(ca, m, alpha, ca), "smoothing");
        ok(kl_smooth_additive(cb, m, alpha, cb), "smoothing");
        ok(kl_discrete_divergence_terms(ca, cb, m, KL_BASE_E, tt), "terms");
        t[dir] = book_malloc(B, m * sizeof **t);
        double sum = 0, h = 0, hpq = 0;
        for (size_t i = 0; i < m; i++) {
            t[dir][i] = (struct term){tt[i], w[i]};
            sum += tt[i];
        }
        ok(kl_discrete_entropy(ca, m, KL_BASE_E, &h), "entropy");
        ok(kl_discrete_cross_entropy(ca, cb, m, KL_BASE_E, &hpq), "cross-entropy");
        book_claim_rel(B, "H(P,Q) − H(P)", dir ? "the terms of D(GPL-3 ‖ GPL-2) "
                       "sum to H(P,Q) − H(P)" : "the terms of D(GPL-2 ‖ GPL-3) "
                       "sum to H(P,Q) − H(P)", hpq - h, sum, 1e-10);
        qsort(t[dir], m, sizeof **t, by_term);
    }
    for (long i = 0; i < top; i++)
        fprintf(o, "%ld\t%s\t%.6g\t%s\t%.6g\n", i, t[0][i].w, t[0][i].t,
                t[1][i].w, t[1][i].t);
    book_close_file(B, o);
    book_value_text(B, "top23", t[0][0].w);
    book_value_text(B, "top32", t[1][0].w);
    book_value(B, "top23_term", t[0][0].t, 3);
    book_value(B, "top32_term", t[1][0].t, 3);
    book_value_int(B, "vocab_pair", (long long)m);
    free(t[0]);
    free(t[1]);
    free(ca);
    free(cb);
    free(tt);
    free(w);
}

/* -- 3. smoothing chosen by held-out likelihood --------------------------- */

struct heldout {
    const struct corpus *k;
    size_t train, test;
};

/* >>> heldout */
/* The mean log-likelihood (nats a word) of the words of TEST under the
 * words of TRAIN smoothed with pseudo-count ALPHA over the words of both:
 * (1/N) sum_w c_test(w) log((c_train(w) + alpha) / (N_train + V alpha)). */
static double loglik(const struct heldout *h, double alpha)
{
    const double *tr = h->k->c[h->train], *te = h->k->c[h->test];
    double ntr = 0, nte = 0, v = 0, sum = 0;
    for (size_t i = 0; i < h->k->v; i++)
        if (tr[i] > 0 || te[i] > 0) {
            ntr += tr[i];
            nte += te[i];
            v++;
        }
    for (size_t i = 0; i < h->k->v; i++)
        if (te[i] > 0)
            sum += te[i] * log((tr[i] + alpha) / (ntr + v * alpha));
    return sum / nte;
}

static double minus_loglik(double log_alpha, void *h)
{
    return -loglik(h, exp(log_alpha));
}

/* The alpha that maximises the held-out likelihood: Brent's method on
 * -loglik over ln alpha, started at the best point of the grid. */
static double best_alpha(struct heldout *h, double lo, double hi, double start)
{
    gsl_function F = {minus_loglik, h};
    gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (s == NULL || gsl_min_fminimizer_set(s, &F, log(start), log(lo), log(hi)))
        book_fail(B, "cannot start the minimiser");
    int status = GSL_CONTINUE;
    for (int it = 0; it < 200 && status == GSL_CONTINUE; it++) {
        if (gsl_min_fminimizer_iterate(s) != GSL_SUCCESS)
            book_fail(B, "the minimiser failed");
        status = gsl_min_test_interval(gsl_min_fminimizer_x_lower(s),
                                       gsl_min_fminimizer_x_upper(s), 1e-6, 0);
    }
    double x = gsl_min_fminimizer_x_minimum(s);
    gsl_min_fminimizer_free(s);
    if (status != GSL_SUCCESS)
        book_fail(B, "the minimiser did not converge");
    return exp(x);
}
/* <<< heldout */

/* Maximises the held-out likelihood of the second half of text T under its
 * first half; writes the curve on the grid when F is not NULL. */
static double choose_alpha(const struct corpus *k, size_t t, FILE *f,
                           const double *grid, long ng, double *l_best,
                           double *l_grid_best)
{
    struct heldout h = {k, k->first[t], k->second[t]};
    double best = grid[0], lb = -INFINITY;
    for (long i = 0; i < ng; i++) {
        double l = loglik(&h, grid[i]);
        if (l > lb) {
            lb = l;
            best = grid[i];
        }
    }
    double lo = grid[0], hi = grid[ng - 1];
    if (best == lo || best == hi)
        book_fail(B, "%s: the held-out likelihood is largest at the end of the "
                  "grid of α", k->name[t]);
    double a = best_alpha(&h, lo, hi, best);
    *l_best = loglik(&h, a);
    *l_grid_best = lb;
    (void)f;
    return a;
}

static double heldout(const struct corpus *k, size_t g2, size_t g3,
                      const double *grid, long ng)
{
    /* GPL-3 in detail */
    struct heldout h = {k, k->first[g3], k->second[g3]};
    double lbest, lgrid;
    double a = choose_alpha(k, g3, NULL, grid, ng, &lbest, &lgrid);
    book_claim_ge(B, "grid", "Brent's α for GPL-3 is at least as good as the "
                  "best point of the grid", lbest, lgrid, 1e-12);
    book_claim_le(B, "neighbours", "held-out likelihood at 1.05 α* is lower",
                  loglik(&h, a * 1.05), lbest, 0.0);
    book_claim_le(B, "neighbours", "held-out likelihood at α*/1.05 is lower",
                  loglik(&h, a / 1.05), lbest, 0.0);
    /* chapter 4's link: -loglik = H(P_test) + D(P_test || Q_alpha) */
    double *ce = book_malloc(B, k->v * sizeof *ce), *cq = book_malloc(B, k->v * sizeof *cq);
    size_t m = pair(k, h.test, h.train, ce, cq);
    double hp, d;
    ok(kl_discrete_normalize(ce, m, ce), "normalising");
    ok(kl_smooth_additive(cq, m, a, cq), "smoothing");
    ok(kl_discrete_entropy(ce, m, KL_BASE_E, &hp), "entropy");
    ok(kl_discrete_divergence(ce, cq, m, KL_BASE_E, &d), "divergence");
    book_claim_rel(B, "library D", "−(held-out log-likelihood) = H(second half) "
                   "+ D(second half ‖ smoothed first half)", hp + d, -lbest, 1e-10);
    free(ce);
    free(cq);
    double l1 = loglik(&h, 1.0);
    book_value(B, "ho_alpha", a, 3);
    book_value(B, "ho_l", lbest, 5);
    book_value(B, "ho_l1", l1, 5);
    book_value(B, "ho_gain", lbest - l1, 3);
    book_value(B, "ho_d", d, 4);
    book_plot_value(B, "ho_alpha", a);
    book_plot_value(B, "ho_l", lbest);
    book_plot_value(B, "ho_l1", l1);
    FILE *f = book_data(B, "heldout.tsv", "held-out mean log-likelihood "
                        "(nats a word) of GPL-3's second half, and of GPL-2's",
                        "alpha\tgpl3\tgpl2\td23\td32");
    struct heldout h2 = {k, k->first[g2], k->second[g2]};
    for (long i = 0; i < ng; i++)
        fprintf(f, "%.6g\t%.8g\t%.8g\t%.8g\t%.8g\n", grid[i], loglik(&h, grid[i]),
                loglik(&h2, grid[i]),
                smoothed_d(k, k->whole[g2], k->whole[g3], grid[i], 0),
                smoothed_d(k, k->whole[g3], k->whole[g2], grid[i], 0));
    book_close_file(B, f);
    /* every text's choice */
    double alphas[MAXTEXTS];
    char list[4096] = "";
    for (size_t t = 0; t < k->n; t++) {
        alphas[t] = choose_alpha(k, t, NULL, grid, ng, &lbest, &lgrid);
        size_t used = strlen(list);
        char num[64];
        snprintf(list + used, sizeof list - used, "%s%s %s",
                 t ? (t + 1 == k->n ? " and " : ", ") : "", k->name[t],
                 book_format(alphas[t], 3, 1, num, sizeof num));
    }
    book_value_text(B, "ho_list", list);
    double sorted[MAXTEXTS];
    memcpy(sorted, alphas, k->n * sizeof *sorted);
    qsort(sorted, k->n, sizeof *sorted, desc);
    double med = gsl_stats_median_from_sorted_data(sorted, 1, k->n);
    book_value(B, "ho_median", med, 3);
    book_value(B, "d23_ho", smoothed_d(k, k->whole[g2], k->whole[g3], a, 0), 4);
    book_value(B, "d23_laplace", smoothed_d(k, k->whole[g2], k->whole[g3], 1, 0), 4);
    return med;
}

/* -- 4. the whole corpus -------------------------------------------------- */

/* 1 when texts A and B are versions of one license: the same name up to
 * the first '-' (GPL-2 and GPL-3, not GPL-3 and LGPL-3). */
static int family(const struct corpus *k, size_t a, size_t b)
{
    size_t la = strcspn(k->name[a], "-"), lb = strcspn(k->name[b], "-");
    return la == lb && strncmp(k->name[a], k->name[b], la) == 0;
}

static void corpus_matrices(const struct corpus *k, double alpha)
{
    size_t n = k->n;
    double *d = book_malloc(B, n * n * sizeof *d), *j = book_malloc(B, n * n * sizeof *j);
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++) {
            d[a * n + b] = smoothed_d(k, k->whole[a], k->whole[b], alpha, 0);
            j[a * n + b] = smoothed_d(k, k->whole[a], k->whole[b], 0, 1);
        }
    /* >>> cluster */
    /* average linkage on JS: merge the two closest clusters, the distance
     * between clusters being the mean JS over their pairs of texts; the
     * leaves are read off in the order of the merges */
    size_t members[MAXTEXTS][MAXTEXTS], size[MAXTEXTS], alive = n;
    for (size_t a = 0; a < n; a++) {
        members[a][0] = a;
        size[a] = 1;
    }
    while (alive > 1) {
        double best = INFINITY;
        size_t x = 0, y = 0;
        for (size_t a = 0; a < n; a++)
            for (size_t b = a + 1; b < n; b++) {
                if (size[a] == 0 || size[b] == 0)
                    continue;
                double s = 0;
                for (size_t u = 0; u < size[a]; u++)
                    for (size_t v = 0; v < size[b]; v++)
                        s += j[members[a][u] * n + members[b][v]];
                s /= (double)(size[a] * size[b]);
                if (s < best) {
                    best = s;
                    x = a;
                    y = b;
                }
            }
        for (size_t v = 0; v < size[y]; v++)
            members[x][size[x]++] = members[y][v];
        size[y] = 0;
        alive--;
    }
    const size_t *order = members[0];
    /* <<< cluster */
    FILE *f = book_data(B, "matrix.tsv", "D(row ‖ column) smoothed, and JS, "
                        "in nats, texts in the clustering's order",
                        "i\tj\tD\tJS");
    double jmax = 0, amax = 0;
    size_t ai = 0, aj = 0;
    for (size_t a = 0; a < n; a++) {
        for (size_t b = 0; b < n; b++) {
            size_t x = order[a], y = order[b];
            fprintf(f, "%zu\t%zu\t%.6g\t%.6g\n", b, a, d[x * n + y], j[x * n + y]);
            jmax = fmax(jmax, j[x * n + y]);
            double asym = d[x * n + y] - d[y * n + x];
            if (asym > amax) {
                amax = asym;
                ai = x;
                aj = y;
            }
        }
        fputc('\n', f);
    }
    book_close_file(B, f);
    book_claim_le(B, "bound", "every JS of the corpus is at most ln 2", jmax,
                  M_LN2, 0.0);
    /* nearest neighbour under JS, per text */
    char names[2048] = "", near[4096] = "";
    size_t with_sibling = 0, near_family = 0;
    for (size_t a = 0; a < n; a++) {
        size_t used = strlen(names);
        snprintf(names + used, sizeof names - used, "%s%s", a ? " " : "",
                 k->name[order[a]]);
        size_t nn = a == 0 ? 1 : 0;
        for (size_t b = 0; b < n; b++)
            if (b != a && j[a * n + b] < j[a * n + nn])
                nn = b;
        int sibling = 0;
        for (size_t b = 0; b < n; b++)
            sibling |= b != a && family(k, a, b);
        with_sibling += sibling;
        near_family += sibling && family(k, a, nn);
        if (sibling) {
            used = strlen(near);
            snprintf(near + used, sizeof near - used, "%s%s → %s",
                     used ? ", " : "", k->name[a], k->name[nn]);
        }
    }
    book_claim_abs(B, "count", "every text with another version in the corpus "
                   "has its nearest neighbour (JS) among those versions",
                   (double)with_sibling, (double)near_family, 0.0);
    book_value_int(B, "with_sibling", (long long)with_sibling);
    /* each text's second half against its own first half and against the
     * first half of every text that is not a version of it */
    size_t own_wins = 0, long_texts = 0, short_wins = 0;
    char short_texts[512] = "";
    double margin = INFINITY;
    for (size_t a = 0; a < n; a++) {
        double own = smoothed_d(k, k->second[a], k->first[a], 0, 1), other = INFINITY;
        for (size_t b = 0; b < n; b++)
            if (b != a && !family(k, a, b))
                other = fmin(other, smoothed_d(k, k->second[a], k->first[b], 0, 1));
        if (kl_wordfreq_length(k->wf, k->whole[a]) < HALF_MIN_WORDS) {
            size_t used = strlen(short_texts);
            snprintf(short_texts + used, sizeof short_texts - used, "%s%s",
                     used ? ", " : "", k->name[a]);
            if (own < other)
                short_wins++;
            continue;
        }
        long_texts++;
        own_wins += own < other;
        margin = fmin(margin, other - own);
    }
    book_claim_abs(B, "count", "every text of at least 500 words has its second "
                   "half closer (JS) to its own first half than to the first "
                   "half of any other license", (double)long_texts,
                   (double)own_wins, 0.0);
    book_value(B, "half_margin", margin, 2);
    book_value_int(B, "half_long", (long long)long_texts);
    book_value_text(B, "half_short", short_texts[0] ? short_texts : "none");
    book_value_text(B, "half_short_wins", short_wins ? "holds" : "fails");
    book_plot_text(B, "texts", names);
    book_plot_value(B, "ntexts", (double)n);
    book_value_text(B, "nearest", near);
    char order_text[2048] = "";
    for (size_t a = 0; a < n; a++) {
        size_t used = strlen(order_text);
        snprintf(order_text + used, sizeof order_text - used, "%s%s",
                 a ? ", " : "", k->name[order[a]]);
    }
    book_value_text(B, "order", order_text);
    book_value(B, "jsmax", jmax, 3);
    book_value(B, "matrix_alpha", alpha, 2);
    book_value_text(B, "asym_big", k->name[ai]);
    book_value_text(B, "asym_small", k->name[aj]);
    book_value(B, "asym_d1", d[ai * n + aj], 3);
    book_value(B, "asym_d2", d[aj * n + ai], 3);
    /* the asymmetry and the vocabulary sizes */
    size_t vs[MAXTEXTS];
    for (size_t a = 0; a < n; a++) {
        vs[a] = 0;
        for (size_t i = 0; i < k->v; i++)
            vs[a] += k->c[k->whole[a]][i] > 0;
    }
    size_t agree = 0, pairs = 0;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) {
            pairs++;
            double asym = d[a * n + b] - d[b * n + a];
            agree += (asym > 0) == (vs[a] < vs[b]);
        }
    /* the same count, and the most asymmetric pair (largest |difference|),
     * at other pseudo-counts */
    static const double alphas[] = {0.01, 0.1, 0.5, 1, 2, 5};
    char by_alpha[1024] = "", pair_alpha[2048] = "";
    for (size_t q = 0; q < sizeof alphas / sizeof *alphas; q++) {
        size_t ag = 0, bi = 0, bj = 0;
        double big = -1;
        for (size_t a = 0; a < n; a++)
            for (size_t b = a + 1; b < n; b++) {
                double dab = smoothed_d(k, k->whole[a], k->whole[b], alphas[q], 0);
                double dba = smoothed_d(k, k->whole[b], k->whole[a], alphas[q], 0);
                ag += (dab - dba > 0) == (vs[a] < vs[b]);
                if (fabs(dab - dba) > big) {
                    big = fabs(dab - dba);
                    bi = dab > dba ? a : b;
                    bj = dab > dba ? b : a;
                }
            }
        char num[32];
        size_t used = strlen(by_alpha), last = q + 1 == sizeof alphas / sizeof *alphas;
        book_format(alphas[q], 3, 1, num, sizeof num);
        snprintf(by_alpha + used, sizeof by_alpha - used, "%s%zu at α = %s",
                 q ? (last ? " and " : ", ") : "", ag, num);
        used = strlen(pair_alpha);
        snprintf(pair_alpha + used, sizeof pair_alpha - used,
                 "%s%s ‖ %s at α = %s", q ? (last ? " and " : ", ") : "",
                 k->name[bi], k->name[bj], num);
    }
    book_value_text(B, "asym_by_alpha", by_alpha);
    book_value_text(B, "asym_pair_by_alpha", pair_alpha);
    /* the smaller text's real counts against the pseudo-counts it gets */
    {
        double *ca = book_malloc(B, k->v * sizeof *ca), *cb = book_malloc(B, k->v * sizeof *cb);
        size_t m = pair(k, k->whole[ai], k->whole[aj], ca, cb);
        book_value_int(B, "asym_n_big", (long long)kl_wordfreq_length(k->wf, k->whole[ai]));
        book_value_int(B, "asym_vpair", (long long)m);
        book_value_int(B, "asym_pseudo", (long long)lround(alpha * (double)m));
        free(ca);
        free(cb);
    }
    book_value_int(B, "asym_agree", (long long)agree);
    book_value_int(B, "asym_pairs", (long long)pairs);
    book_value_int(B, "vocab_big", (long long)vs[ai]);
    book_value_int(B, "vocab_small", (long long)vs[aj]);
    free(d);
    free(j);
}

int main(int argc, char **argv)
{
    B = book_open("07-documents", argc, argv);
    struct corpus k;
    char skipped[1024];
    read_corpus(&k, skipped, sizeof skipped);
    size_t g2 = find(&k, "GPL-2"), g3 = find(&k, "GPL-3");
    char list[4096] = "";
    for (size_t t = 0; t < k.n; t++) {
        char num[32];
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s (%s)",
                 t ? (t + 1 == k.n ? " and " : ", ") : "", k.name[t],
                 book_format_int((long long)kl_wordfreq_length(k.wf, k.whole[t]),
                                 num, sizeof num));
    }
    book_value_text(B, "texts", list);
    book_value_text(B, "skipped", skipped[0] ? skipped : "none");
    book_value_int(B, "ntexts", (long long)k.n);

    long ng = book_param_int(B, "ALPHA_GRID");
    double *grid = book_malloc(B, (size_t)ng * sizeof *grid);
    for (long i = 0; i < ng; i++)
        grid[i] = pow(10.0, -4.0 + 6.0 * (double)i / (double)(ng - 1));
    /* a file that is not UTF-8, for the refusal in exercise 7.7 */
    FILE *bad = book_file(B, "latin1.txt");
    fputs("caf\xe9 cr\xe8me\n", bad);
    book_close_file(B, bad);
    zipf(&k);
    gpl(&k, g2, g3);
    double med = heldout(&k, g2, g3, grid, ng);
    (void)med;
    corpus_matrices(&k, book_param_real(B, "TERMS_ALPHA"));
    free(grid);
    for (size_t i = 0; i < kl_wordfreq_documents(k.wf); i++)
        free(k.c[i]);
    free(k.c);
    kl_wordfreq_free(k.wf);
    return book_close(B);
}
