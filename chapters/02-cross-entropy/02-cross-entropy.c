/* 02-cross-entropy — Chapter 2: cross-entropy, KL as extra information, and
 * asymmetry.
 *
 * Experiments: code lengths of a code built for the wrong distribution; the
 * identity D(P||Q) = H(P,Q) - H(P) and H(P,Q) >= H(P) on random pairs drawn
 * from Dirichlet laws; the per-symbol terms of a divergence; the asymmetry
 * D(P||Q) != D(Q||P) on random pairs and over the Bernoulli square; word
 * frequencies of toy documents, the infinite divergence of a missing word,
 * the wrong answer of the code that skips it, additive smoothing and the
 * Jensen-Shannon divergence; cross-entropy as a classification loss.
 *
 * Run: make chapter-02 (or output/build/bin/02-cross-entropy --params
 * chapters/02-cross-entropy/params OUTPUT-FOLDER [NAME=VALUE ...]).  The
 * knobs are in chapters/02-cross-entropy/params; the figures are drawn by the
 * fig-*.gp scripts beside this file from the data and values.gp written
 * here. */
#define _DEFAULT_SOURCE /* M_LN2 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "book/book.h"
#include "book/explorer.h"
#include "kl/discrete.h"
#include "kl/smooth.h"
#include "kl/wordfreq.h"

/* the largest counts the params file allows (SIZES, SCATTER_SIZES,
 * BERN_LEVELS) and the largest alphabet size */
enum { MAXSIZES = 8, MAXSCATTER = 4, MAXLEVELS = 8, MAXK = 500 };

static struct book *B;

static void ok(enum kl_status st, const char *what)
{
    if (st != KL_OK)
        book_fail(B, "%s: %s", what, kl_strerror(st));
}

static gsl_rng *rng_alloc(unsigned long seed)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (rng == NULL)
        book_fail(B, "out of memory");
    gsl_rng_set(rng, seed);
    return rng;
}

/* N with thousands separators, as book_value_int writes it: "20,000". */
static char *thousands(long n, char *buf, size_t size)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%ld", labs(n)), used = 0;
    used += snprintf(buf, size, "%s", n < 0 ? "−" : "");
    for (int i = 0; i < len && (size_t)used < size; i++)
        used += snprintf(buf + used, size - (size_t)used, "%s%c",
                         i > 0 && (len - i) % 3 == 0 ? "," : "", digits[i]);
    return buf;
}

/* -- what the `kl` calculator prints --------------------------------------- */

/* X as `kl` prints it: "inf", or the fewest significant digits that read
 * back as the same double. */
static void cli_text(double x, char *buf, size_t size)
{
    if (isinf(x)) {
        snprintf(buf, size, "%s", x > 0 ? "inf" : "-inf");
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x + 0.0);
        if (strtod(buf, NULL) == x)
            return;
    }
}

/* V[0..N) as a `kl` argument: "0.5,0.25,0.25". */
static void cli_vector(const double *v, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    for (size_t i = 0; i < n && used < size; i++) {
        char num[40];
        cli_text(v[i], num, sizeof num);
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? "," : "",
                                 num);
    }
}

/* Records the command "kl CMD P Q OPTIONS" as value NAME_cmd. */
static void cli_command(const char *name, const char *cmd, const double *p,
                        const double *q, size_t n, const char *options)
{
    char vp[200], vq[200], line[600], key[64];
    cli_vector(p, n, vp, sizeof vp);
    cli_vector(q, n, vq, sizeof vq);
    snprintf(line, sizeof line, "kl %s %s %s%s%s", cmd, vp, vq,
             options[0] ? " " : "", options);
    snprintf(key, sizeof key, "%s_cmd", name);
    book_value_text(B, key, line);
}

/* Records the command as cli_command does and the value it prints, X
 * (computed by the library on the same inputs), as NAME_out. */
static void cli_example(const char *name, const char *cmd, const double *p,
                        const double *q, size_t n, const char *options,
                        double x)
{
    char key[64], out[40];
    cli_command(name, cmd, p, q, n, options);
    cli_text(x, out, sizeof out);
    snprintf(key, sizeof key, "%s_out", name);
    book_value_text(B, key, out);
}

/* -- 1. Cross-entropy as a code length ------------------------------------- */

static const char *const WEATHER[] = {"sun", "cloud", "rain", "snow"};
/* >>> weather */
/* P: the weather here.  Q: a mountain town's weather, for which the code we
 * are handed was built.  Dyadic, so the ideal code lengths are whole bits. */
static const double P[4] = {0.5, 0.25, 0.125, 0.125};
static const double Q[4] = {0.25, 0.125, 0.125, 0.5};
/* <<< weather */

static void code_lengths(void)
{
    /* >>> cross */
    double h_p, h_q, h_pq, h_qp, d_pq, d_qp, js;
    ok(kl_discrete_entropy(P, 4, 2.0, &h_p), "H(P)");
    ok(kl_discrete_entropy(Q, 4, 2.0, &h_q), "H(Q)");
    ok(kl_discrete_cross_entropy(P, Q, 4, 2.0, &h_pq), "H(P,Q)");
    ok(kl_discrete_cross_entropy(Q, P, 4, 2.0, &h_qp), "H(Q,P)");
    ok(kl_discrete_divergence(P, Q, 4, 2.0, &d_pq), "D(P||Q)");
    ok(kl_discrete_divergence(Q, P, 4, 2.0, &d_qp), "D(Q||P)");
    ok(kl_discrete_js(P, Q, 4, 2.0, &js), "JS(P,Q)");
    /* <<< cross */

    FILE *f = book_data(B, "codes.tsv",
                        "ideal code lengths -log2 p and -log2 q of each symbol",
                        "i\tsymbol\tp\tq\tlen_p\tlen_q");
    double by_hand = 0.0;
    for (int i = 0; i < 4; i++) {
        double lp = -log2(P[i]), lq = -log2(Q[i]);
        by_hand += P[i] * lq;
        fprintf(f, "%d\t%s\t%g\t%g\t%.10g\t%.10g\n", i, WEATHER[i], P[i], Q[i],
                lp, lq);
    }
    book_close_file(B, f);
    book_plot_value(B, "w_hp", h_p);
    book_plot_value(B, "w_hpq", h_pq);

    book_value(B, "w_hp", h_p, 6);
    book_value(B, "w_hq", h_q, 6);
    book_value(B, "w_hpq", h_pq, 6);
    book_value(B, "w_hqp", h_qp, 6);
    book_value(B, "w_dpq", d_pq, 6);
    book_value(B, "w_dqp", d_qp, 6);
    book_value(B, "w_js", js, 4);
    book_value(B, "w_dpq_nats", d_pq * M_LN2, 4);
    book_value(B, "w_dqp_nats", d_qp * M_LN2, 4);
    /* 1/2 * 2 + 1/4 * 3 + 1/8 * 3 + 1/8 * 1 = 9/4 and 7/4, by hand */
    book_claim_abs(B, "exact", "weather: H(P,Q) = ½·2 + ¼·3 + ⅛·3 + ⅛·1 = 9/4 bits",
                   2.25, h_pq, 1e-15);
    /* Σ p·(−log₂ q) is the definition of H(P,Q): shown, not claimed */
    book_value(B, "w_hpq_by_hand", by_hand, 6);
    book_claim_abs(B, "exact", "weather: D(P‖Q) = 9/4 − 7/4 = ½ bit", 0.5, d_pq, 1e-15);
    book_claim_abs(B, "exact", "weather: D(Q‖P) = 19/8 − 7/4 = ⅝ bit", 0.625, d_qp,
                   1e-15);

    cli_example("cli_cross", "cross", P, Q, 4, "--base 2", h_pq);
    cli_example("cli_div", "div", P, Q, 4, "--base 2", d_pq);
    cli_example("cli_div_rev", "div", Q, P, 4, "--base 2", d_qp);
    cli_example("cli_js", "js", P, Q, 4, "--base 2", js);
}

/* -- 2. The terms of a divergence ----------------------------------------- */

/* X as a bar label: "+0.5", "−0.25" (a true minus sign), "0". */
static void signed_label(double x, char *buf, size_t size)
{
    if (x == 0.0)
        snprintf(buf, size, "0");
    else
        snprintf(buf, size, "%s%g", x < 0 ? "−" : "+", fabs(x));
}

static void contributions(void)
{
    FILE *f = book_data(B, "contrib.tsv",
                        "per-symbol terms p log2(p/q) and q log2(q/p), bits",
                        "i\tsymbol\tterm_pq\tterm_qp\tlabel_pq\tlabel_qp");
    double neg = 0.0, sum_pq = 0.0, sum_qp = 0.0;
    for (int i = 0; i < 4; i++) {
        /* >>> terms */
        double t_pq = P[i] * log2(P[i] / Q[i]); /* safe: no zeros here */
        double t_qp = Q[i] * log2(Q[i] / P[i]);
        /* <<< terms */
        char l_pq[32], l_qp[32];
        signed_label(t_pq, l_pq, sizeof l_pq);
        signed_label(t_qp, l_qp, sizeof l_qp);
        fprintf(f, "%d\t%s\t%.10g\t%.10g\t%s\t%s\n", i, WEATHER[i], t_pq, t_qp,
                l_pq, l_qp);
        neg = fmin(neg, t_pq);
        sum_pq += t_pq;
        sum_qp += t_qp;
    }
    book_close_file(B, f);
    double d_pq, d_qp;
    ok(kl_discrete_divergence(P, Q, 4, 2.0, &d_pq), "D(P||Q)");
    ok(kl_discrete_divergence(Q, P, 4, 2.0, &d_qp), "D(Q||P)");
    /* the terms add up to D by definition: shown, not claimed */
    book_value(B, "w_terms_sum", sum_pq, 6);
    book_claim_le(B, "bound", "weather: some term of D(P‖Q) is negative (smallest)", neg,
                  0.0, 0.0);
    book_value(B, "w_term_neg", neg, 4);
    book_plot_value(B, "w_dpq", d_pq);
    book_plot_value(B, "w_dqp", d_qp);
}

/* -- The explorer of two distributions on four outcomes ------------------ */

/* The term p log2(p/q) of a divergence, by a route of its own (long double,
 * log1p of the exact difference): the reference for the explorer's script. */
static long double reference_term(double p, double q)
{
    if (p == 0.0)
        return 0.0L;
    if (q == 0.0)
        return INFINITY;
    return p * log1pl(((long double)p - q) / q) / logl(2.0L);
}

/* One row of the table the browser test checks the explorer's formulas on:
 * P, Q, then H(P), H(P,Q), D(P||Q), D(Q||P) by the library, in bits, and
 * the terms of both divergences. */
static void check_row(FILE *f, const double *p, const double *q)
{
    double h, hpq, dpq, dqp;
    ok(kl_discrete_entropy(p, 4, 2.0, &h), "explorer check H(P)");
    ok(kl_discrete_cross_entropy(p, q, 4, 2.0, &hpq), "explorer check H(P,Q)");
    ok(kl_discrete_divergence(p, q, 4, 2.0, &dpq), "explorer check D(P||Q)");
    ok(kl_discrete_divergence(q, p, 4, 2.0, &dqp), "explorer check D(Q||P)");
    for (int i = 0; i < 8; i++)
        fprintf(f, "%.17g\t", i < 4 ? p[i] : q[i - 4]);
    fprintf(f, "%.17g\t%.17g\t%.17g\t%.17g", h, hpq, dpq, dqp);
    for (int i = 0; i < 8; i++)
        fprintf(f, "\t%.17Lg", i < 4 ? reference_term(p[i], q[i])
                                     : reference_term(q[i - 4], p[i - 4]));
    fputc('\n', f);
}

/* A random distribution on four outcomes, some entries zero at times. */
static void random_four(gsl_rng *rng, double *p)
{
    static const double alpha[4] = {0.5, 0.5, 0.5, 0.5};
    gsl_ran_dirichlet(rng, 4, alpha, p);
    if (gsl_rng_uniform(rng) < 0.3) {
        p[gsl_rng_uniform_int(rng, 4)] = 0.0;
        double s = p[0] + p[1] + p[2] + p[3];
        for (int i = 0; i < 4; i++)
            p[i] /= s;
    }
}

/* The test inputs: the weather pair both ways, zeros on either side (+inf),
 * P = Q (0), nearly equal pairs, a point mass, and random pairs. */
static void explorer_checks(void)
{
    static const double fixed[][2][4] = {
        {{0.5, 0.25, 0.125, 0.125}, {0.25, 0.125, 0.125, 0.5}},
        {{0.4, 0.3, 0.2, 0.1}, {0.4, 0.3, 0.2, 0.1}},
        {{0.5, 0.5, 0, 0}, {0.25, 0.25, 0.25, 0.25}},
        {{1, 0, 0, 0}, {0.97, 0.01, 0.01, 0.01}},
        {{0.3, 0.3, 0.2, 0.2}, {0.3000001, 0.2999999, 0.2, 0.2}},
        {{0.25, 0.25, 0.25, 0.25}, {0.26, 0.24, 0.25, 0.25}},
        {{0.01, 0.02, 0.03, 0.94}, {0.7, 0.1, 0.1, 0.1}},
    };
    FILE *f = book_data(B, "bars-check.tsv", "inputs of the four-outcome "
                        "explorer and the library's results in bits (test "
                        "table of tests/browser)", "p1\tp2\tp3\tp4\tq1\tq2\t"
                        "q3\tq4\tH_P\tH_PQ\tD_PQ\tD_QP\tt1\tt2\tt3\tt4\tu1\t"
                        "u2\tu3\tu4");
    for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
        check_row(f, fixed[k][0], fixed[k][1]);
        check_row(f, fixed[k][1], fixed[k][0]);
    }
    gsl_rng *rng = rng_alloc(12);
    for (int k = 0; k < 40; k++) {
        double p[4], q[4];
        random_four(rng, p);
        random_four(rng, q);
        check_row(f, p, q);
    }
    gsl_rng_free(rng);
    book_close_file(B, f);
}

/* The explorer beside the terms figure: the weather pair to start from
 * (kind "bars" of src/book/explorer.js, which computes the measures). */
static void bars_explorer(void)
{
    struct book_explorer *e = book_explorer_open(B, "bars", "bars");
    book_explorer_text(e, "title", "Drag the bars of P and Q");
    for (int i = 0; i < 4; i++) {
        char key[16];
        snprintf(key, sizeof key, "label%d", i);
        book_explorer_text(e, key, WEATHER[i]);
    }
    book_explorer_number(e, "n", 4);
    book_explorer_number(e, "digits", 4);
    book_explorer_number(e, "step", 0.01);
    book_explorer_text(e, "unit", "bits");
    book_explorer_array(e, "p", P, 4, 17);
    book_explorer_array(e, "q", Q, 4, 17);
    book_explorer_close(e);
    explorer_checks();
}

/* -- 3. Random pairs: the identity, Gibbs' inequality, asymmetry ---------- */

/* The random pairs' setting, from the params file. */
struct pairs_setup {
    long pairs;                 /* PAIRS */
    long sizes[MAXSIZES];       /* SIZES, nsizes of them */
    size_t nsizes;
    double alpha[MAXK];         /* DIRICHLET, for every outcome */
    unsigned long seed;         /* SEED */
};

/* Below this many nats a computed divergence is rounding, not a value: the
 * drawn probabilities sum to 1 only to about 1e-16 a term, and the library's
 * sum carries that error.  A ratio of two directions means something only
 * where both are above it. */
static const double RATIO_FLOOR = 1e-12;

/* H(P,Q) and H(P) are sums rounded on their own: where a pair's divergence
 * is below rounding (spiky draws), their difference is a few ulps of
 * H <= ln 500 either way.  The slack of the claim H(P,Q) - H(P) >= 0. */
static const double GAP_SLACK = 1e-13;

/* What the pairs found.  A divergence is +inf where Q gives probability 0 to
 * an outcome P has (a spiky Dirichlet law rounds tiny entries to exactly 0);
 * the ratio of the two directions is taken over the pairs whose two
 * divergences are finite and at least RATIO_FLOOR, and the other pairs are
 * counted instead. */
struct pairs_result {
    double worst_identity, min_gap, min_term, max_ratio;
    long p_larger, q_larger;    /* D(P||Q) > D(Q||P), and the reverse */
    long infinite, both_infinite, tiny, ratio_pairs;
    long pq_infinite;           /* D(P||Q) = +inf */
};

/* The scatter plot's pairs: the first SCATTER_POINTS pairs of each of the
 * SCATTER_SIZES, as (D(P||Q), D(Q||P)); those with an infinite direction
 * cannot be drawn and are counted. */
struct scatter {
    long sizes[MAXSCATTER];
    size_t nsizes;
    long points;
    double *d[MAXSCATTER];      /* 2 * points: the finite pairs */
    long drawn[MAXSCATTER], seen[MAXSCATTER], infinite[MAXSCATTER];
};

/* >>> gibbs */
/* p log(p/q) - p + q >= 0 term by term, as ln x <= x - 1; the added q - p
 * sum to zero, so the divergence is a sum of these.  A term with p = 0 is q
 * (0 log 0 = 0), one with q = 0 < p is +inf.  Near p = q through log1p, for
 * accuracy; elsewhere as p (ln p - ln q), since p/q may underflow. */
static double adjusted_term(double p, double q)
{
    if (p == 0.0)
        return q;
    if (q == 0.0)
        return INFINITY;
    if (fabs(p - q) < 0.5 * q)
        return p * log1p((p - q) / q) - (p - q);
    return p * (log(p) - log(q)) - (p - q);
}
/* <<< gibbs */

/* Checks the identity, Gibbs' inequality term by term and the asymmetry on
 * one pair P, Q of size K, into R; returns D(P||Q) and D(Q||P). */
static void check_pair(const double *p, const double *q, size_t k,
                       struct pairs_result *r, double dd[2])
{
    /* >>> identity */
    double h, hpq, d, dqp;
    ok(kl_discrete_entropy(p, k, KL_BASE_E, &h), "H(P)");
    ok(kl_discrete_cross_entropy(p, q, k, KL_BASE_E, &hpq), "H(P,Q)");
    ok(kl_discrete_divergence(p, q, k, KL_BASE_E, &d), "D(P||Q)");
    ok(kl_discrete_divergence(q, p, k, KL_BASE_E, &dqp), "D(Q||P)");
    /* where Q misses an outcome of P, both sides must be +inf */
    double err = isinf(d) && isinf(hpq) ? 0.0 : fabs(d - (hpq - h));
    r->worst_identity = fmax(r->worst_identity, err);
    r->min_gap = fmin(r->min_gap, hpq - h);       /* H(P,Q) >= H(P) */
    /* <<< identity */
    for (size_t i = 0; i < k; i++)
        r->min_term = fmin(r->min_term, adjusted_term(p[i], q[i]));
    r->p_larger += d > dqp;
    r->q_larger += dqp > d;
    r->pq_infinite += isinf(d);
    if (isinf(d) || isinf(dqp)) {
        r->infinite++;
        r->both_infinite += isinf(d) && isinf(dqp);
    } else if (d < RATIO_FLOOR || dqp < RATIO_FLOOR) {
        r->tiny++;
    } else {
        r->ratio_pairs++;
        r->max_ratio = fmax(r->max_ratio, fmax(d / dqp, dqp / d));
    }
    dd[0] = d;
    dd[1] = dqp;
}

/* Keeps the pair (D(P||Q), D(Q||P)) of size K if the scatter wants it. */
static void scatter_add(struct scatter *s, long k, const double dd[2])
{
    for (size_t i = 0; i < s->nsizes; i++) {
        if (s->sizes[i] != k || s->seen[i] == s->points)
            continue;
        s->seen[i]++;
        if (isinf(dd[0]) || isinf(dd[1]) || dd[0] == 0.0 || dd[1] == 0.0) {
            s->infinite[i] += isinf(dd[0]) || isinf(dd[1]);
            continue;
        }
        s->d[i][2 * s->drawn[i]] = dd[0];
        s->d[i][2 * s->drawn[i] + 1] = dd[1];
        s->drawn[i]++;
    }
}

/* The experiment: PAIRS pairs, the sizes of SIZES in turn. */
static struct pairs_result random_pairs(const struct pairs_setup *ps,
                                        struct scatter *sc, gsl_rng *rng)
{
    struct pairs_result r = {0.0, INFINITY, INFINITY, 1.0, 0, 0, 0, 0, 0, 0, 0};
    for (long t = 0; t < ps->pairs; t++) {
        size_t k = (size_t)ps->sizes[t % (long)ps->nsizes];
        double p[MAXK], q[MAXK], dd[2];
        gsl_ran_dirichlet(rng, k, ps->alpha, p);
        gsl_ran_dirichlet(rng, k, ps->alpha, q);
        check_pair(p, q, k, &r, dd);
        scatter_add(sc, (long)k, dd);
    }
    return r;
}

/* Pairs of their own for the scatter sizes that are not among SIZES (the
 * experiment's counts do not include them). */
static void scatter_fill(const struct pairs_setup *ps, struct scatter *sc,
                         gsl_rng *rng)
{
    for (size_t i = 0; i < sc->nsizes; i++) {
        size_t k = (size_t)sc->sizes[i];
        struct pairs_result unused = {0};
        while (sc->seen[i] < sc->points) {
            double p[MAXK], q[MAXK], dd[2];
            gsl_ran_dirichlet(rng, k, ps->alpha, p);
            gsl_ran_dirichlet(rng, k, ps->alpha, q);
            check_pair(p, q, k, &unused, dd);
            scatter_add(sc, (long)k, dd);
        }
    }
}

/* The 1% quantile of the coordinates of the scatter's points (+inf if
 * there are none). */
static double scatter_low(const struct scatter *sc)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->nsizes; i++)
        n += 2 * (size_t)sc->drawn[i];
    if (n == 0)
        return INFINITY;
    double *all = book_malloc(B, n * sizeof *all);
    n = 0;
    for (size_t i = 0; i < sc->nsizes; i++)
        for (long j = 0; j < 2 * sc->drawn[i]; j++)
            all[n++] = sc->d[i][j];
    gsl_sort(all, 1, n);
    double q = gsl_stats_quantile_from_sorted_data(all, 1, n, 0.01);
    free(all);
    return q;
}

/* The scatter's data, one block (gnuplot's index) a size, its axis range
 * and its caption. */
static void scatter_write(struct scatter *sc)
{
    static const char *const colour[MAXSCATTER] = {"blue", "orange", "green",
                                                   "pink"};
    FILE *f = book_data(B, "pairs.tsv", "D(P||Q) and D(Q||P) in nats for "
                        "random pairs, one block a size K of SCATTER_SIZES",
                        "D_pq\tD_qp");
    double top = 0.0;
    char caption[600] = "", num[32];
    size_t used = 0;
    long missing = 0;
    for (size_t i = 0; i < sc->nsizes; i++) {
        fprintf(f, "%s# K = %ld\n", i ? "\n\n" : "", sc->sizes[i]);
        for (long j = 0; j < sc->drawn[i]; j++) {
            fprintf(f, "%.8g\t%.8g\n", sc->d[i][2 * j], sc->d[i][2 * j + 1]);
            top = fmax(top, fmax(sc->d[i][2 * j], sc->d[i][2 * j + 1]));
        }
        if (sc->drawn[i] == 0) /* gnuplot wants a point a block */
            fputs("NaN\tNaN\n", f);
        used += (size_t)snprintf(caption + used, sizeof caption - used,
                                 "%s%ld outcomes (%s)", i == 0 ? ""
                                 : i + 1 < sc->nsizes ? ", " : " and ",
                                 sc->sizes[i], colour[i]);
        missing += sc->infinite[i];
    }
    book_close_file(B, f);
    if (missing > 0)
        snprintf(caption + used, sizeof caption - used, "; %s of the pairs "
                 "have an infinite direction and cannot be drawn",
                 thousands(missing, num, sizeof num));
    book_value_text(B, "scatter_caption", caption);
    /* 3 × a power of ten above the largest point, 4.5 decades deep or down
     * to the decade of the 1% quantile if that is lower (spiky draws) */
    double hi = 3.0 * pow(10.0, top > 0.0 ? ceil(log10(top)) : 1.0);
    double low = scatter_low(sc);
    double lo = fmax(RATIO_FLOOR, fmin(hi / 3e4, pow(10.0, floor(log10(low)))));
    book_plot_value(B, "scatter_hi", hi);
    book_plot_value(B, "scatter_lo", lo);
    for (size_t i = 0; i < sc->nsizes; i++)
        free(sc->d[i]);
}

/* The asymmetry in words: the largest ratio of the two directions over the
 * pairs where it means something, and how many pairs had no such ratio. */
static void ratio_text(const struct pairs_result *r)
{
    char text[1000], n1[32], n2[32], n3[32], n4[32], ratio[32], floor[32];
    size_t used = 0;
    book_format(r->max_ratio, 3, 1, ratio, sizeof ratio);
    book_format(RATIO_FLOOR, 1, 1, floor, sizeof floor);
    if (r->ratio_pairs > 0)
        used += (size_t)snprintf(text, sizeof text, "for a single pair the two "
                                 "directions can differ by a factor of up to %s "
                                 "in this sample", ratio);
    else
        used += (size_t)snprintf(text, sizeof text, "no pair in this sample has "
                                 "two finite divergences of at least %s nats to "
                                 "compare", floor);
    if (r->infinite + r->tiny == 0) {
        book_value_text(B, "pairs_ratio_text", text);
        return;
    }
    used += (size_t)snprintf(text + used, sizeof text - used, " (%s%s pairs "
                             "whose two divergences are finite and at least %s "
                             "nats", r->ratio_pairs > 0 ? "over the " : "out of ",
                             thousands(r->ratio_pairs, n1, sizeof n1), floor);
    if (r->infinite > 0)
        used += (size_t)snprintf(text + used, sizeof text - used, "; on %s pairs "
                                 "a direction is +∞ (on %s of them both), and no "
                                 "finite factor describes the difference",
                                 thousands(r->infinite, n2, sizeof n2),
                                 thousands(r->both_infinite, n3, sizeof n3));
    if (r->tiny > 0)
        used += (size_t)snprintf(text + used, sizeof text - used, "; on %s a "
                                 "direction is below %s nats, where the rounding "
                                 "of the probabilities themselves decides the "
                                 "ratio", thousands(r->tiny, n4, sizeof n4), floor);
    snprintf(text + used, sizeof text - used, ")");
    book_value_text(B, "pairs_ratio_text", text);
}

/* The smallest gap H(P,Q) - H(P) in words: negative only by rounding. */
static void gap_text(double min_gap)
{
    char text[400], num[32], slack[32];
    book_format(min_gap, 2, 1, num, sizeof num);
    book_format(GAP_SLACK, 2, 1, slack, sizeof slack);
    if (min_gap >= 0.0)
        snprintf(text, sizeof text, "%s nats, not below zero", num);
    else
        snprintf(text, sizeof text, "%s nats: below zero only by rounding, on a "
                 "pair whose divergence is itself below the rounding of the two "
                 "sums (the claims table allows %s nats)", num, slack);
    book_value_text(B, "pairs_gap_text", text);
}

/* The identity's exceptions in words: the pairs where both sides are +inf. */
static void infinite_text(const struct pairs_result *r, long pairs)
{
    char text[600], n1[32], n2[32];
    if (r->infinite == 0)
        snprintf(text, sizeof text, "No divergence of these pairs is infinite "
                 "(with spikier draws some are: see the exercises at the end of "
                 "the chapter).");
    else
        snprintf(text, sizeof text, "On %s of the %s pairs a draw gave some "
                 "outcome probability exactly 0 and a divergence is +∞; where "
                 "$D(P\\,\\|\\,Q) = +\\infty$, $H(P,Q) = +\\infty$ too, and the "
                 "check counts the two sides as agreeing (the section on missing "
                 "words below says why the infinity is the honest answer).",
                 thousands(r->infinite, n1, sizeof n1),
                 thousands(pairs, n2, sizeof n2));
    book_value_text(B, "pairs_infinite_text", text);
}

/* The pairs' claims and values. */
static void pairs_report(const struct pairs_result *r, long pairs)
{
    long untied = r->p_larger + r->q_larger;
    if (untied < 100)
        book_param_refuse(B, "DIRICHLET", "only %ld of the random pairs have two "
                          "different divergences (100 are needed to test the "
                          "asymmetry): the draws are too spiky", untied);
    double frac = (double)r->p_larger / (double)untied;
    char text[200], num[32];
    if (r->pq_infinite == 0)
        snprintf(text, sizeof text, "random pairs: |D(P‖Q) − (H(P,Q) − H(P))| "
                 "(largest)");
    else
        snprintf(text, sizeof text, "random pairs: |D(P‖Q) − (H(P,Q) − H(P))| "
                 "(largest; on the %s pairs with D(P‖Q) = +∞, 0 if H(P,Q) = +∞)",
                 thousands(r->pq_infinite, num, sizeof num));
    book_claim_le(B, "bound", text, r->worst_identity, 0.0, 1e-12);
    book_claim_ge(B, "bound", "random pairs: H(P,Q) − H(P) ≥ 0 (smallest)", r->min_gap,
                  0.0, GAP_SLACK);
    book_claim_ge(B, "bound", "random pairs: every p log(p/q) − p + q ≥ 0 (smallest)",
                  r->min_term, 0.0, 0.0);
    book_claim_sigma(B, "Monte Carlo", "random pairs: D(P‖Q) > D(Q‖P) for half of those whose "
                     "directions differ (P, Q exchangeable)", 0.5, frac,
                     sqrt(0.25 / (double)untied), 4.0);
    book_value_int(B, "pairs", pairs);
    book_value_int(B, "pairs_untied", untied);
    book_value(B, "pairs_worst_identity", r->worst_identity, 2);
    book_value(B, "pairs_min_gap", r->min_gap, 2);
    book_value(B, "pairs_frac", frac, 4);
    ratio_text(r);
    gap_text(r->min_gap);
    infinite_text(r, pairs);
}

/* What a Dirichlet(alpha, ..., alpha) law is, in words for the prose. */
static void dirichlet_words(double alpha)
{
    char text[300], num[32];
    book_format(alpha, 3, 1, num, sizeof num);
    if (alpha == 1.0) {
        book_value_text(B, "dirichlet_law", "the uniform Dirichlet distribution");
        book_value_text(B, "dirichlet_reading", " on the simplex");
        return;
    }
    snprintf(text, sizeof text, "the symmetric Dirichlet distribution of "
             "concentration %s", num);
    book_value_text(B, "dirichlet_law", text);
    book_value_text(B, "dirichlet_reading", alpha < 1.0
                    ? " (which favours spiky vectors, with most of their mass on "
                      "a few outcomes)"
                    : " (which favours vectors close to the uniform distribution)");
}

static void pairs_setup_read(struct pairs_setup *ps)
{
    ps->pairs = book_param_int(B, "PAIRS");
    ps->nsizes = book_param_int_list(B, "SIZES", ps->sizes, MAXSIZES);
    double alpha = book_param_real(B, "DIRICHLET");
    for (size_t i = 0; i < MAXK; i++)
        ps->alpha[i] = alpha;
    ps->seed = (unsigned long)book_param_int(B, "SEED");
}

static void pairs_experiment(const struct pairs_setup *ps)
{
    struct scatter sc = {0};
    sc.nsizes = book_param_int_list(B, "SCATTER_SIZES", sc.sizes, MAXSCATTER);
    sc.points = book_param_int(B, "SCATTER_POINTS");
    for (size_t i = 0; i < sc.nsizes; i++)
        sc.d[i] = book_malloc(B, 2 * (size_t)sc.points * sizeof *sc.d[i]);

    gsl_rng *rng = rng_alloc(ps->seed);
    struct pairs_result r = random_pairs(ps, &sc, rng);
    scatter_fill(ps, &sc, rng);
    gsl_rng_free(rng);
    scatter_write(&sc);
    pairs_report(&r, ps->pairs);
    dirichlet_words(ps->alpha[0]);
}

/* -- 4. The Bernoulli square ---------------------------------------------- */

/* >>> bernoulli */
/* D(Bern(a) || Bern(b)) in nats, through the library. */
static double bern_kl(double a, double b)
{
    double p[2] = {a, 1.0 - a}, q[2] = {b, 1.0 - b}, d;
    ok(kl_discrete_divergence(p, q, 2, KL_BASE_E, &d), "Bernoulli divergence");
    return d;
}
/* <<< bernoulli */

/* Where each contour level crosses column I of the N x N grid of cell
 * centres, walking away from the diagonal (upwards if ABOVE, else
 * downwards) and interpolating linearly between cells, into B[l]; NAN for
 * a level the column never reaches. */
static void label_column(long n, long i, int above, const double *levels,
                         size_t nlevels, double *b_at)
{
    double a = (i + 0.5) / n;
    for (size_t l = 0; l < nlevels; l++) {
        b_at[l] = NAN;
        double prev = 0.0, prev_b = a;
        for (long j = i; j >= 0 && j < n; j += above ? 1 : -1) {
            double b = (j + 0.5) / n, d = bern_kl(a, b);
            if (prev < levels[l] && d >= levels[l]) {
                b_at[l] = prev_b + (levels[l] - prev) / (d - prev) * (b - prev_b);
                break;
            }
            prev = d;
            prev_b = b;
        }
    }
}

/* The map of D(Bern(a)||Bern(b)) on an N x N grid of cell centres, and where
 * each contour level crosses the column a = LABEL_A below the diagonal and
 * the column a = 1 - LABEL_A above it, for their labels.  Returns the
 * largest |D(a||b) - D(b||a)| on the grid. */
static double bernoulli_grid(long n, double label_a, const double *levels,
                             size_t nlevels)
{
    double max_asym = 0.0;
    FILE *f = book_data(B, "bern-map.tsv",
                        "D(Bern(a)||Bern(b)) in nats on a grid, rows of constant a",
                        "a\tb\tD");
    for (long i = 0; i < n; i++) {
        double a = (i + 0.5) / n;
        for (long j = n - 1; j >= 0; j--) {
            double b = (j + 0.5) / n, d = bern_kl(a, b);
            max_asym = fmax(max_asym, fabs(d - bern_kl(b, a)));
            fprintf(f, "%.6g\t%.6g\t%.8g\n", a, b, d);
        }
        fputc('\n', f);
    }
    book_close_file(B, f);

    long label_i[2] = {(long)floor(label_a * (double)n), 0};
    label_i[1] = n - 1 - label_i[0];       /* the mirror column, 1 - a */
    f = book_data(B, "bern-labels.tsv", "where the contours cross the column "
                  "a = BERN_LABEL_A (below the diagonal) and a = 1 - BERN_LABEL_A "
                  "(above it), for their labels", "a\tb\tlevel");
    long nlabels = 0;
    for (int side = 0; side < 2; side++) {
        double b_at[MAXLEVELS];
        label_column(n, label_i[side], side, levels, nlevels, b_at);
        for (size_t l = 0; l < nlevels; l++)
            if (!isnan(b_at[l])) {
                fprintf(f, "%.6g\t%.6g\t%g\n", (label_i[side] + 0.5) / n,
                        b_at[l], levels[l]);
                nlabels++;
            }
    }
    book_close_file(B, f);
    book_plot_value(B, "bern_labels", (double)nlabels);
    book_value_fixed(B, "bern_label_a", (label_i[0] + 0.5) / n, 3);
    book_value_fixed(B, "bern_label_a2", (label_i[1] + 0.5) / n, 3);
    return max_asym;
}

/* One pair (a, b) of the prose, both ways: values NAME_a, NAME_b, NAME_pq
 * = D(Bern(a)||Bern(b)) and NAME_qp = D(Bern(b)||Bern(a)). */
static void bernoulli_example(const char *param, const char *name)
{
    double ab[2];
    char key[64];
    book_param_real_list(B, param, ab, 2);
    snprintf(key, sizeof key, "%s_a", name);
    book_value(B, key, ab[0], 6);
    snprintf(key, sizeof key, "%s_b", name);
    book_value(B, key, ab[1], 6);
    snprintf(key, sizeof key, "%s_pq", name);
    book_value(B, key, bern_kl(ab[0], ab[1]), 4);
    snprintf(key, sizeof key, "%s_qp", name);
    book_value(B, key, bern_kl(ab[1], ab[0]), 4);
}

/* Near the diagonal D = (a - b)^2 / (2 a (1 - a)) + O((a - b)^3): the Fisher
 * information of Bern(a) is 1/(a(1-a)). */
static void bernoulli_near(void)
{
    const double tol = 1e-3;
    /* a on a grid of 2^-20 and delta on one of 2^-40, so that a, a + delta,
     * 1 - a and 1 - (a + delta) are all exact doubles: the vectors the
     * library gets then sum to 1 exactly.  (Otherwise their rounding, an ulp
     * of 1/2, enters D as a linear term of about 1e-16, which is 1e-7 of a
     * D of 1e-9.)  The shift is below 1e-6 of either parameter. */
    double a0 = round(ldexp(book_param_real(B, "BERN_NEAR_A"), 20)) / 0x1p20;
    double delta = round(ldexp(book_param_real(B, "BERN_DELTA"), 40)) / 0x1p40;
    double b0 = a0 + delta;
    double fisher = delta * delta / (2 * a0 * (1 - a0));
    char text[200], sa[32], sd[32];
    book_format(a0, 6, 0, sa, sizeof sa);
    book_format(delta, 6, 0, sd, sizeof sd);
    snprintf(text, sizeof text, "Bernoulli: D(Bern(a)‖Bern(a+δ)) ≈ δ²/(2a(1−a)) "
             "at a = %s, δ = %s", sa, sd);
    book_claim_rel(B, "series", text, fisher, bern_kl(a0, b0), tol);
    snprintf(text, sizeof text, "Bernoulli: D(Bern(a+δ)‖Bern(a)) ≈ the same "
             "δ²/(2a(1−a)) at a = %s, δ = %s", sa, sd);
    book_claim_rel(B, "series", text, fisher, bern_kl(b0, a0), tol);
    /* the same divergence from its two terms, each through log1p, in long
     * double: the terms (about delta) cancel down to about delta^2, which
     * costs log10(delta / D) digits of the 19 that long double carries */
    long double la = a0, lb = b0, ld = delta;
    double exact = (double)(la * log1pl(-ld / lb)
                            + (1 - la) * log1pl(ld / (1 - lb)));
    double p[2] = {a0, 1 - a0}, q[2] = {b0, 1 - b0}, bits;
    ok(kl_discrete_divergence(p, q, 2, 2.0, &bits), "Bernoulli divergence");
    snprintf(text, sizeof text, "Bernoulli: D(Bern(a)‖Bern(a+δ)) = a log(a/b) "
             "+ (1−a) log((1−a)/(1−b)) at δ = %s, in nats", sd);
    book_claim_rel(B, "log1p formula", text, exact, bern_kl(a0, b0), 1e-12);
    snprintf(text, sizeof text, "   … and in bits (the same divided by ln 2)");
    book_claim_rel(B, "log1p formula", text, exact / M_LN2, bits, 1e-12);
    book_value(B, "bern_near_pq", bern_kl(a0, b0), 4);
    book_value(B, "bern_near_qp", bern_kl(b0, a0), 4);
    book_value(B, "bern_near_quad", fisher, 4);
    book_value(B, "bern_near_tol", tol, 2);
    book_value(B, "bern_near_rel_pq", fabs(bern_kl(a0, b0) / fisher - 1), 2);
    book_value(B, "bern_near_rel_qp", fabs(bern_kl(b0, a0) / fisher - 1), 2);

    /* The third-order terms, from the derivatives of the two directions at
     * delta = 0 (Taylor): with c = 1/(1-a)^2 - 1/a^2,
     *   D(Bern(a) || Bern(a+delta)) = delta^2/(2a(1-a)) + c delta^3/3 + ...
     *   D(Bern(a+delta) || Bern(a)) = delta^2/(2a(1-a)) + c delta^3/6 + ...
     * The fourth-order terms are at most delta^4 (1/a^3 + 1/(1-a)^3)/4,
     * and the library's D carries a rounding error of a few ulps of the
     * two terms it adds (each about delta): the tolerance. */
    double c = 1 / ((1 - a0) * (1 - a0)) - 1 / (a0 * a0);
    double d3 = delta * delta * delta;
    double tol4 = 2 * delta * delta * delta * delta
                      * (1 / (a0 * a0 * a0) + 1 / pow(1 - a0, 3)) / 4
                  + 16 * DBL_EPSILON * delta;
    snprintf(text, sizeof text, "Bernoulli: D(Bern(a)‖Bern(a+δ)) − δ²/(2a(1−a)) "
             "= cδ³/3, c = 1/(1−a)² − 1/a² (a = %s, δ = %s)", sa, sd);
    book_claim_abs(B, "series", text, c * d3 / 3, bern_kl(a0, b0) - fisher, tol4);
    snprintf(text, sizeof text, "   … and D(Bern(a+δ)‖Bern(a)) − δ²/(2a(1−a)) = "
             "cδ³/6 (half as much)");
    book_claim_abs(B, "series", text, c * d3 / 6, bern_kl(b0, a0) - fisher, tol4);
}

static void bernoulli_map(void)
{
    double levels[MAXLEVELS];
    size_t nlevels = book_param_real_list(B, "BERN_LEVELS", levels, MAXLEVELS);
    double max_asym = bernoulli_grid(book_param_int(B, "BERN_GRID"),
                                     book_param_real(B, "BERN_LABEL_A"),
                                     levels, nlevels);
    book_param_real(B, "BERN_CBMAX"); /* read by fig-bernoulli-map.gp */
    book_value(B, "bern_max_asym", max_asym, 3);
    bernoulli_near();
    bernoulli_example("BERN_EXAMPLE_1", "bern_ex1");
    bernoulli_example("BERN_EXAMPLE_2", "bern_ex2");
}

/* -- 5. Documents: a missing word, the wrong fix, smoothing, JS ------------ */

/* >>> naive */
/* WRONG, on purpose: the tempting loop that skips the words Q lacks.  It
 * returns a finite number where the divergence is +inf, and can even return
 * a negative one. */
static double skip_missing_divergence(const double *p, const double *q,
                                      size_t n)
{
    double d = 0.0;
    for (size_t i = 0; i < n; i++)
        if (p[i] > 0 && q[i] > 0)
            d += p[i] * log(p[i] / q[i]);
    return d;
}
/* <<< naive */

/* D(smoothed A || smoothed B) in nats, both with pseudo-count ALPHA. */
static double smoothed_kl(const double *ca, const double *cb, size_t n,
                          double alpha)
{
    double p[8], q[8], d;
    /* >>> smooth */
    ok(kl_smooth_additive(ca, n, alpha, p), "smoothing P");
    ok(kl_smooth_additive(cb, n, alpha, q), "smoothing Q");
    ok(kl_discrete_divergence(p, q, n, KL_BASE_E, &d), "smoothed divergence");
    /* <<< smooth */
    return d;
}

/* D(A||B) with pseudo-count ALPHA as `kl div --normalize` computes it from
 * the counts plus ALPHA: another route to the same number. */
static double counts_plus_alpha_kl(const double *ca, const double *cb,
                                   size_t n, double alpha)
{
    double p[8], q[8], d;
    for (size_t i = 0; i < n; i++) {
        p[i] = ca[i] + alpha;
        q[i] = cb[i] + alpha;
    }
    ok(kl_discrete_normalize(p, n, p), "counts + alpha");
    ok(kl_discrete_normalize(q, n, q), "counts + alpha");
    ok(kl_discrete_divergence(p, q, n, KL_BASE_E, &d), "divergence");
    return d;
}

/* The slope of D against ln(1/alpha) as alpha -> 0, measured between
 * alpha = 1e-7 and 1e-8. */
static double small_alpha_slope(const double *ca, const double *cb, size_t n)
{
    return (smoothed_kl(ca, cb, n, 1e-8) - smoothed_kl(ca, cb, n, 1e-7)) /
           log(10.0);
}

/* The three documents' word counts C and frequencies P over their shared
 * vocabulary of N words, and the places of banana and cherry in it. */
struct documents {
    size_t n, i_banana, i_cherry;
    double c[3][8], p[3][8];
};

static struct documents count_documents(void)
{
    struct documents ds;
    /* >>> documents */
    static const char *const doc[] = {
        "apple banana apple orange banana apple",     /* doc 1 */
        "apple orange orange cherry cherry orange",   /* doc 2 */
        "cherry cherry cherry apple",                 /* doc 3 */
    };
    struct kl_wordfreq *wf = kl_wordfreq_alloc();
    if (wf == NULL)
        book_fail(B, "out of memory");
    for (int k = 0; k < 3; k++)
        ok(kl_wordfreq_add(wf, doc[k], NULL), "splitting a document");
    size_t n = kl_wordfreq_size(wf);                  /* the shared vocabulary */
    double c[3][8], p[3][8];
    for (int k = 0; k < 3; k++) {
        ok(kl_wordfreq_counts(wf, k, c[k], n), "counting words");
        ok(kl_discrete_normalize(c[k], n, p[k]), "word frequencies");
    }
    /* <<< documents */
    if (n != 4)
        book_fail(B, "expected a vocabulary of 4 words, got %zu", n);
    ds.n = n;
    memcpy(ds.c, c, sizeof c);
    memcpy(ds.p, p, sizeof p);
    ok(kl_wordfreq_index(wf, "banana", &ds.i_banana), "banana");
    ok(kl_wordfreq_index(wf, "cherry", &ds.i_cherry), "cherry");

    /* the vocabulary and the counts as a table for the prose */
    char row[400];
    size_t used = 0;
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(row + used, sizeof row - used, "%s%s",
                                 i ? ", " : "", kl_wordfreq_word(wf, i));
    book_value_text(B, "doc_vocab", row);
    for (int k = 0; k < 3; k++) {
        char name[32];
        snprintf(name, sizeof name, "doc%d_counts", k + 1);
        used = 0;
        for (size_t i = 0; i < n; i++)
            used += (size_t)snprintf(row + used, sizeof row - used, "%s%g",
                                     i ? ", " : "", c[k][i]);
        book_value_text(B, name, row);
        snprintf(name, sizeof name, "doc%d_len", k + 1);
        book_value_int(B, name, (long long)kl_wordfreq_length(wf, (size_t)k));
    }
    kl_wordfreq_free(wf);
    return ds;
}

/* The infinite divergences, the skipping loop and the Jensen-Shannon
 * divergences of the raw frequencies. */
static void missing_words(const struct documents *ds, double js[2])
{
    size_t n = ds->n;
    double d12, d21;
    ok(kl_discrete_divergence(ds->p[0], ds->p[1], n, KL_BASE_E, &d12), "D(doc1||doc2)");
    ok(kl_discrete_divergence(ds->p[1], ds->p[0], n, KL_BASE_E, &d21), "D(doc2||doc1)");
    ok(kl_discrete_js(ds->p[0], ds->p[1], n, KL_BASE_E, &js[0]), "JS(doc1,doc2)");
    ok(kl_discrete_js(ds->p[0], ds->p[2], n, KL_BASE_E, &js[1]), "JS(doc1,doc3)");
    if (!isinf(d12) || !isinf(d21))
        book_fail(B, "expected infinite divergences between doc 1 and doc 2");
    book_value_text(B, "d12", "+∞");
    double h12;
    ok(kl_discrete_cross_entropy(ds->p[0], ds->p[1], n, KL_BASE_E, &h12),
       "H(doc1, doc2)");
    book_claim_ge(B, "exact", "without smoothing, H(doc 1, doc 2) = +∞ as "
                  "well: doc 2's code has no word for banana", h12, DBL_MAX,
                  0.0);
    book_value(B, "p1_banana", ds->p[0][ds->i_banana], 4);
    book_value(B, "p3_cherry", ds->p[2][ds->i_cherry], 4);

    double skip12 = skip_missing_divergence(ds->p[0], ds->p[1], n);
    double skip31 = skip_missing_divergence(ds->p[2], ds->p[0], n);
    /* by hand: apple 1/2 ln((1/2)/(1/6)) + orange 1/6 ln((1/6)/(1/2)) */
    book_claim_rel(B, "exact", "the skipping loop returns ½ ln 3 − ⅙ ln 3 = ⅓ ln 3 for "
                   "doc 1 ‖ doc 2", log(3.0) / 3, skip12, 1e-15);
    book_claim_le(B, "bound", "the skipping loop returns a negative number for doc 3 ‖ doc 1",
                  skip31, 0.0, 0.0);
    book_value(B, "skip12", skip12, 4);
    book_value(B, "skip31", skip31, 4);
    book_value(B, "js12", js[0], 4);
    book_value(B, "js13", js[1], 4);
    book_value(B, "ln2", M_LN2, 4);
    book_plot_value(B, "js12", js[0]);
    book_plot_value(B, "js13", js[1]);
    book_plot_value(B, "ln2", M_LN2);

    /* these two print "inf" (both divergences were checked infinite above):
     * the prose types it, as make sweep takes an "inf" among the values for
     * a number gone wrong */
    cli_command("cli_docs", "div", ds->c[0], ds->c[1], n, "--normalize");
    cli_command("cli_docs_rev", "div", ds->c[1], ds->c[0], n, "--normalize");
    cli_example("cli_docs_js", "js", ds->c[0], ds->c[1], n, "--normalize", js[0]);
}

/* D against alpha, both directions, for two pairs; the values the prose
 * quotes at the pseudo-counts it names; the slopes as alpha -> 0. */
static void smoothing(const struct documents *ds)
{
    const double (*c)[8] = ds->c;
    const double *p1 = ds->p[0], *p3 = ds->p[2];
    size_t n = ds->n;
    FILE *f = book_data(B, "smoothing.tsv",
                        "divergence (nats) between additively smoothed documents",
                        "alpha\tD12\tD21\tD13\tD31");
    for (int i = 0; i <= 120; i++) {
        double a = pow(10.0, -4.0 + 6.0 * i / 120.0);
        fprintf(f, "%.6g\t%.10g\t%.10g\t%.10g\t%.10g\n", a,
                smoothed_kl(c[0], c[1], n, a), smoothed_kl(c[1], c[0], n, a),
                smoothed_kl(c[0], c[2], n, a), smoothed_kl(c[2], c[0], n, a));
    }
    book_close_file(B, f);

    /* the prose names these: Laplace's 1, the 1/2 of the terminal example */
    static const double shown[] = {0.001, 0.01, 0.5, 1.0};
    static const char *const shown_name[] = {"a0001", "a001", "a05", "a1"};
    for (int i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "s12_%s", shown_name[i]);
        book_value(B, name, smoothed_kl(c[0], c[1], n, shown[i]), 4);
        snprintf(name, sizeof name, "s13_%s", shown_name[i]);
        book_value(B, name, smoothed_kl(c[0], c[2], n, shown[i]), 4);
        snprintf(name, sizeof name, "s31_%s", shown_name[i]);
        book_value(B, name, smoothed_kl(c[2], c[0], n, shown[i]), 4);
    }
    /* the slope in ln(1/alpha) is the mass P puts on words Q lacks */
    book_claim_rel(B, "limit α → 0", "smoothing: D(doc 1 ‖ doc 2) grows like p(banana) · ln(1/α)",
                   p1[ds->i_banana], small_alpha_slope(c[0], c[1], n), 1e-4);
    book_claim_rel(B, "limit α → 0", "smoothing: D(doc 1 ‖ doc 3) grows like p(banana, orange) · ln(1/α)",
                   1.0 - p1[0], small_alpha_slope(c[0], c[2], n), 1e-4);
    book_claim_rel(B, "limit α → 0", "smoothing: D(doc 3 ‖ doc 1) grows like p(cherry) · ln(1/α)",
                   p3[ds->i_cherry], small_alpha_slope(c[2], c[0], n), 1e-4);
    book_claim_rel(B, "exact", "smoothing: kl_smooth_additive = normalising counts + α "
                   "(α = ½, doc 1 ‖ doc 2)", counts_plus_alpha_kl(c[0], c[1], n, 0.5),
                   smoothed_kl(c[0], c[1], n, 0.5), 1e-14);
    book_value(B, "slope13", 1.0 - p1[0], 3);

    /* the calculator, on the same counts plus 1/2 */
    double ch[2][8];
    for (size_t i = 0; i < n; i++) {
        ch[0][i] = c[0][i] + 0.5;
        ch[1][i] = c[1][i] + 0.5;
    }
    cli_example("cli_docs_half", "div", ch[0], ch[1], n, "--normalize",
                counts_plus_alpha_kl(c[0], c[1], n, 0.5));
    cli_example("cli_docs_half_rev", "div", ch[1], ch[0], n, "--normalize",
                counts_plus_alpha_kl(c[1], c[0], n, 0.5));
}

static void documents(void)
{
    struct documents ds = count_documents();
    double js[2];
    missing_words(&ds, js);
    smoothing(&ds);
}

/* The Jensen-Shannon bound on random pairs whose supports often differ. */
/* JS(P,Q) written another way than the library's two divergences to the
 * mixture: H(M) - (H(P) + H(Q))/2 with M = (P+Q)/2 (Lin 1991), in nats. */
static double js_by_entropies(const double *p, const double *q, size_t k)
{
    double m[MAXK], hm, hp, hq;
    for (size_t i = 0; i < k; i++)
        m[i] = 0.5 * (p[i] + q[i]);
    ok(kl_discrete_entropy(m, k, KL_BASE_E, &hm), "H(M)");
    ok(kl_discrete_entropy(p, k, KL_BASE_E, &hp), "H(P)");
    ok(kl_discrete_entropy(q, k, KL_BASE_E, &hq), "H(Q)");
    return hm - 0.5 * (hp + hq);
}

static void js_bound(const struct pairs_setup *ps)
{
    gsl_rng *rng = rng_alloc(ps->seed + 1);
    double worst = 0.0, asym = 0.0, gap = 0.0, at_bound = 0.0;
    long disjoint = 0;
    for (long t = 0; t < ps->pairs; t++) {
        size_t k = (size_t)ps->sizes[t % (long)ps->nsizes];
        double p[MAXK], q[MAXK], js, js_rev;
        gsl_ran_dirichlet(rng, k, ps->alpha, p);
        gsl_ran_dirichlet(rng, k, ps->alpha, q);
        /* >>> js-bound */
        /* knock out each entry with probability 1/2, keeping one at least
         * (the largest, if the one drawn is already 0) */
        size_t keep_p = gsl_rng_uniform_int(rng, k), keep_q = gsl_rng_uniform_int(rng, k);
        if (p[keep_p] == 0.0) keep_p = gsl_stats_max_index(p, 1, k);
        if (q[keep_q] == 0.0) keep_q = gsl_stats_max_index(q, 1, k);
        int overlap = 0;
        for (size_t i = 0; i < k; i++) {
            if (i != keep_p && gsl_rng_uniform(rng) < 0.5) p[i] = 0.0;
            if (i != keep_q && gsl_rng_uniform(rng) < 0.5) q[i] = 0.0;
            overlap |= p[i] > 0 && q[i] > 0;
        }
        ok(kl_discrete_normalize(p, k, p), "P");
        ok(kl_discrete_normalize(q, k, q), "Q");
        ok(kl_discrete_js(p, q, k, KL_BASE_E, &js), "JS(P,Q)");
        ok(kl_discrete_js(q, p, k, KL_BASE_E, &js_rev), "JS(Q,P)");
        worst = fmax(worst, js);
        /* <<< js-bound */
        if (!overlap)
            at_bound = fmax(at_bound, fabs(js - M_LN2));
        asym = fmax(asym, fabs(js - js_rev));
        gap = fmax(gap, fabs(js - js_by_entropies(p, q, k)));
        disjoint += !overlap;
    }
    gsl_rng_free(rng);
    book_claim_le(B, "bound", "random sparse pairs: JS(P,Q) ≤ ln 2 (largest)", worst,
                  M_LN2, 1e-15);
    book_claim_le(B, "entropies of M, P, Q", "random sparse pairs: JS(P,Q) = H(M) − "
                  "½H(P) − ½H(Q), M = ½(P+Q) (largest gap)", gap, 0.0, 1e-12);
    if (disjoint > 0)
        book_claim_le(B, "bound", "random sparse pairs with disjoint supports: JS = ln 2 "
                      "(largest |JS − ln 2|)", at_bound, 0.0, 1e-15);
    book_value(B, "js_asym", asym, 2);
    book_value_int(B, "js_disjoint", disjoint);
    book_value(B, "js_worst", worst, 10);
}

/* -- 5b. Two readings of JS: a code and a mutual information ------------- */

/* I(X;S) for a fair coin S that picks P (S = 0) or Q (S = 1) and a draw X
 * from the one picked, as H(S) - H(S|X): the label's entropy ln 2 less the
 * mean entropy of its posterior P(S = 0 | X = x) = p_x/(p_x + q_x), in nats.
 * No mixture, no divergence: a route of its own to JS(P,Q). */
static double mi_by_posterior(const double *p, const double *q, size_t k)
{
    double h_cond = 0.0;
    for (size_t i = 0; i < k; i++) {
        double s = p[i] + q[i];
        if (s == 0.0)
            continue;
        double post[2] = {p[i] / s, q[i] / s}, h;
        ok(kl_discrete_entropy(post, 2, KL_BASE_E, &h), "H(S | X = x)");
        h_cond += 0.5 * s * h;                    /* P(X = x) = s/2 */
    }
    return M_LN2 - h_cond;
}

/* >>> js-joint */
/* I(X;S) = D(P_SX || P_S P_X): the joint table of (S, X) is (P/2, Q/2), and
 * the product of its margins is (M/2, M/2), M = (P + Q)/2. */
static double mi_by_joint(const double *p, const double *q, size_t k)
{
    double joint[2 * MAXK], product[2 * MAXK], mi;
    for (size_t i = 0; i < k; i++) {
        joint[i] = 0.5 * p[i];
        joint[k + i] = 0.5 * q[i];
        product[i] = product[k + i] = 0.5 * (0.5 * (p[i] + q[i]));
    }
    ok(kl_discrete_divergence(joint, product, 2 * k, KL_BASE_E, &mi), "I(X;S)");
    return mi;
}
/* <<< js-joint */

/* The extra code length of the mixture code, as an expectation over the
 * joint table: half the time X ~ P and costs -log m(x) instead of -log p(x),
 * half the time X ~ Q, in bits. */
static double mixture_extra_bits(const double *p, const double *q, size_t k)
{
    double extra = 0.0;
    for (size_t i = 0; i < k; i++) {
        double m = 0.5 * (p[i] + q[i]);
        if (p[i] > 0) extra += 0.5 * p[i] * (-log2(m) + log2(p[i]));
        if (q[i] > 0) extra += 0.5 * q[i] * (-log2(m) + log2(q[i]));
    }
    return extra;
}

/* Both readings on random pairs (the library's JS against the joint table's
 * divergence and against the posterior's entropy), the weather pair's
 * numbers, and a Monte Carlo run of the mixture code on the weather. */
static void js_readings(const struct pairs_setup *ps)
{
    gsl_rng *rng = rng_alloc(ps->seed + 2);
    double gap_joint = 0.0, gap_post = 0.0;
    for (long t = 0; t < ps->pairs; t++) {
        size_t k = (size_t)ps->sizes[t % (long)ps->nsizes];
        double p[MAXK], q[MAXK], js;
        gsl_ran_dirichlet(rng, k, ps->alpha, p);
        gsl_ran_dirichlet(rng, k, ps->alpha, q);
        ok(kl_discrete_js(p, q, k, KL_BASE_E, &js), "JS(P,Q)");
        /* JS <= ln 2 and |error| a few ulps of ln 2 on either route */
        gap_joint = fmax(gap_joint, fabs(mi_by_joint(p, q, k) - js));
        gap_post = fmax(gap_post, fabs(mi_by_posterior(p, q, k) - js));
    }
    book_claim_le(B, "joint table", "random pairs: JS(P,Q) = I(X;S) = D(P_SX ‖ P_S P_X) "
                  "(largest gap)", gap_joint, 0.0, 1e-13);
    book_claim_le(B, "posterior entropy", "random pairs: JS(P,Q) = I(X;S) = H(S) − H(S|X) "
                  "(largest gap)", gap_post, 0.0, 1e-13);

    /* the weather, in bits */
    double js, hm, hp, hq, m[4];
    ok(kl_discrete_js(P, Q, 4, 2.0, &js), "JS(P,Q)");
    for (int i = 0; i < 4; i++)
        m[i] = 0.5 * (P[i] + Q[i]);
    ok(kl_discrete_entropy(m, 4, 2.0, &hm), "H(M)");
    ok(kl_discrete_entropy(P, 4, 2.0, &hp), "H(P)");
    ok(kl_discrete_entropy(Q, 4, 2.0, &hq), "H(Q)");
    double extra = mixture_extra_bits(P, Q, 4);
    book_claim_rel(B, "expectation", "weather: mean extra length of the mixture code, "
                   "Σ ½p(log p − log m) + ½q(log q − log m) = JS (bits)", js, extra, 1e-14);
    book_value(B, "w_hm", hm, 6);
    book_value(B, "w_js_mi", mi_by_posterior(P, Q, 4) / M_LN2, 4);
    for (int i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "w_m_%s", WEATHER[i]);
        book_value(B, name, m[i], 6);
        snprintf(name, sizeof name, "w_post_%s", WEATHER[i]);
        book_value(B, name, P[i] / (P[i] + Q[i]), 4);
    }

    /* >>> js-monte-carlo */
    /* Toss a fair coin for the source, draw a day's weather from it, and
     * count the bits the mixture code spends beyond the source's own code. */
    long draws = book_param_int(B, "JS_DRAWS");
    gsl_ran_discrete_t *from[2] = {gsl_ran_discrete_preproc(4, P),
                                   gsl_ran_discrete_preproc(4, Q)};
    if (from[0] == NULL || from[1] == NULL)
        book_fail(B, "out of memory");
    double *bits = book_malloc(B, (size_t)draws * sizeof *bits);
    for (long i = 0; i < draws; i++) {
        int s = (int)gsl_rng_uniform_int(rng, 2);          /* the label S */
        size_t x = gsl_ran_discrete(rng, from[s]);           /* the day X */
        double right = s == 0 ? P[x] : Q[x];
        bits[i] = log2(right) - log2(m[x]);     /* -log2 m(x) - (-log2 right) */
    }
    double mean = gsl_stats_mean(bits, 1, (size_t)draws);
    double se = gsl_stats_sd_m(bits, 1, (size_t)draws, mean) / sqrt((double)draws);
    /* <<< js-monte-carlo */
    gsl_ran_discrete_free(from[0]);
    gsl_ran_discrete_free(from[1]);
    free(bits);
    gsl_rng_free(rng);
    book_claim_sigma(B, "Monte Carlo", "weather: the mixture code's mean extra bits "
                     "on fair-coin draws from P or Q = JS (within 4 SE)", js, mean, se, 4.0);
    book_value(B, "js_mc", mean, 4);
    book_value(B, "js_mc_se", se, 2);
}

/* -- 5c. Shannon's whole-bit code for Q ------------------------------------ */

/* Codeword lengths must be whole bits: Shannon's code for Q gives outcome i
 * ceil(-log2 q_i) bits (Kraft's sum is then at most 1, so a prefix code
 * with these lengths exists), and its mean length under P lies in
 * [H(P,Q), H(P,Q) + 1).  Checked on random pairs against the library's
 * cross-entropy in bits. */
static void shannon_codes(const struct pairs_setup *ps)
{
    gsl_rng *rng = rng_alloc(ps->seed + 3);
    double lo = INFINITY, hi = -INFINITY, kraft = 0.0;
    long used = 0;
    for (long t = 0; t < ps->pairs; t++) {
        size_t k = (size_t)ps->sizes[t % (long)ps->nsizes];
        double p[MAXK], q[MAXK], h;
        gsl_ran_dirichlet(rng, k, ps->alpha, p);
        gsl_ran_dirichlet(rng, k, ps->alpha, q);
        ok(kl_discrete_cross_entropy(p, q, k, 2.0, &h), "H(P,Q)");
        if (isinf(h))               /* Q rules out an outcome of P: no code */
            continue;
        /* >>> shannon */
        double len = 0.0, sum = 0.0;
        for (size_t i = 0; i < k; i++) {
            if (q[i] == 0.0)        /* no codeword needed: P never sends it */
                continue;
            double l = ceil(-log2(q[i]));     /* whole bits, l >= -log2 q */
            sum += exp2(-l);                  /* Kraft's sum */
            len += p[i] * l;                  /* the mean length under P */
        }
        /* <<< shannon */
        lo = fmin(lo, len - h);
        hi = fmax(hi, len - h);
        kraft = fmax(kraft, sum);
        used++;
    }
    gsl_rng_free(rng);
    if (used == 0)
        book_param_refuse(B, "DIRICHLET", "every random pair has an infinite "
                          "cross-entropy: no code to test");
    book_claim_ge(B, "bound", "random pairs: Shannon's code for Q, mean length ≥ "
                  "H(P,Q) bits (smallest excess)", lo, 0.0, 1e-12);
    book_claim_le(B, "bound", "   … and < H(P,Q) + 1 bits (largest excess)", hi, 1.0, 0.0);
    book_claim_le(B, "bound", "   … and Kraft's sum Σ 2^−ℓ ≤ 1 (largest)", kraft, 1.0, 1e-12);
    book_value(B, "sh_lo", lo, 2);
    /* close to 1 (spiky draws), three digits would print "1" */
    char text[64], num[32];
    if (1.0 - hi < 5e-4)
        snprintf(text, sizeof text, "1 − %s",
                 book_format(1.0 - hi, 2, 1, num, sizeof num));
    else
        book_format(hi, 3, 1, text, sizeof text);
    book_value_text(B, "sh_hi", text);
}

/* -- 5d. Not a metric -------------------------------------------------------- */

/* Euclidean and Manhattan distances between P and Q. */
static double dist_l2(const double *p, const double *q, size_t k)
{
    double s = 0.0;
    for (size_t i = 0; i < k; i++)
        s += (p[i] - q[i]) * (p[i] - q[i]);
    return sqrt(s);
}

static double dist_l1(const double *p, const double *q, size_t k)
{
    double s = 0.0;
    for (size_t i = 0; i < k; i++)
        s += fabs(p[i] - q[i]);
    return s;
}

static double div_nats(const double *p, const double *q, size_t k)
{
    double d;
    ok(kl_discrete_divergence(p, q, k, KL_BASE_E, &d), "D");
    return d;
}

static double js_nats(const double *p, const double *q, size_t k)
{
    double d;
    ok(kl_discrete_js(p, q, k, KL_BASE_E, &d), "JS");
    return d;
}

/* D(P||Q) in long double, term by term: the check of a counterexample. */
static long double div_long(const double *p, const double *q, size_t k)
{
    long double d = 0.0L;
    for (size_t i = 0; i < k; i++)
        if (p[i] > 0)
            d += p[i] * logl((long double)p[i] / q[i]);
    return d;
}

/* The measures of the triangle table, in the order of fig-triangle's
 * histograms. */
enum { T_KL, T_SQRT_KL, T_SQRT_JS, T_L1, T_L2, T_MEASURES };
static const char *const T_NAME[T_MEASURES] = {"D", "sqrtD", "sqrtJS", "L1", "L2"};

/* The triangle d(A,C) <= d(A,B) + d(B,C) for three distributions X[0..3)
 * of size K, for each measure: writes to EXCESS[measure][ordering] the
 * excess d(A,C) - d(A,B) - d(B,C) and to RATIO the ratio of the two sides,
 * for the six orderings (A, B, C) of the three. */
static void triangle_excess(double *const x[3], size_t k,
                            double excess[T_MEASURES][6],
                            double ratio[T_MEASURES][6])
{
    static const int order[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                    {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    double d[T_MEASURES][3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double kl = i == j ? 0.0 : div_nats(x[i], x[j], k);
            d[T_KL][i][j] = kl;
            d[T_SQRT_KL][i][j] = sqrt(kl);
            if (j < i) {    /* JS, L1 and L2 are symmetric: found already */
                for (int m = T_SQRT_JS; m <= T_L2; m++)
                    d[m][i][j] = d[m][j][i];
                continue;
            }
            double js = i == j ? 0.0 : js_nats(x[i], x[j], k);
            d[T_SQRT_JS][i][j] = sqrt(js);
            d[T_L1][i][j] = dist_l1(x[i], x[j], k);
            d[T_L2][i][j] = dist_l2(x[i], x[j], k);
        }
    /* >>> triangle */
    /* d[m][i][j]: measure m from x[i] to x[j] (D, sqrt D, sqrt JS, L1, L2) */
    for (int m = 0; m < T_MEASURES; m++)
        for (int o = 0; o < 6; o++) {     /* the six orderings (A, B, C) */
            int a = order[o][0], b = order[o][1], c = order[o][2];
            double two = d[m][a][b] + d[m][b][c];       /* the detour by B */
            excess[m][o] = d[m][a][c] - two;            /* > 0: broken */
            ratio[m][o] = d[m][a][c] / two;
        }
    /* <<< triangle */
}

/* The fixed triple of the prose: D fails the triangle, Euclid and
 * Manhattan keep it, and so (here) does the square root of D. */
static const double TP[3] = {0.7, 0.2, 0.1}, TQ[3] = {0.4, 0.4, 0.2},
                    TR[3] = {0.1, 0.3, 0.6};

static void triangle_fixed(void)
{
    struct { const char *name; double (*f)(const double *, const double *, size_t);
             int root; } m[] = {
        {"kl", div_nats, 0}, {"rkl", div_nats, 1}, {"rjs", js_nats, 1},
        {"l1", dist_l1, 0}, {"l2", dist_l2, 0}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        double pr = m[i].f(TP, TR, 3), pq = m[i].f(TP, TQ, 3), qr = m[i].f(TQ, TR, 3);
        if (m[i].root) {
            pr = sqrt(pr);
            pq = sqrt(pq);
            qr = sqrt(qr);
        }
        char name[32];
        snprintf(name, sizeof name, "tri_%s_pr", m[i].name);
        book_value_fixed(B, name, pr, 4);
        snprintf(name, sizeof name, "tri_%s_pq", m[i].name);
        book_value_fixed(B, name, pq, 4);
        snprintf(name, sizeof name, "tri_%s_qr", m[i].name);
        book_value_fixed(B, name, qr, 4);
        snprintf(name, sizeof name, "tri_%s_sum", m[i].name);
        book_value_fixed(B, name, pq + qr, 4);
        snprintf(name, sizeof name, "tri_%s_ratio", m[i].name);
        book_value_fixed(B, name, pr / (pq + qr), 3);
    }
    /* the counterexample, with D from a long-double sum of its own */
    long double pr = div_long(TP, TR, 3), pq = div_long(TP, TQ, 3),
                qr = div_long(TQ, TR, 3);
    book_claim_ge(B, "long double", "triangle: D(P‖R) > D(P‖Q) + D(Q‖R) for "
                  "P = (.7,.2,.1), Q = (.4,.4,.2), R = (.1,.3,.6) (excess)",
                  (double)(pr - pq - qr), 0.0, 0.0);
    book_claim_rel(B, "long double", "   … D(P‖R) by the library", (double)pr,
                   div_nats(TP, TR, 3), 1e-14);
    book_claim_le(B, "bound", "   … while L1(P,R) ≤ L1(P,Q) + L1(Q,R) (excess)",
                  dist_l1(TP, TR, 3) - dist_l1(TP, TQ, 3) - dist_l1(TQ, TR, 3), 0.0, 0.0);
    book_claim_le(B, "bound", "   … and L2(P,R) ≤ L2(P,Q) + L2(Q,R) (excess)",
                  dist_l2(TP, TR, 3) - dist_l2(TP, TQ, 3) - dist_l2(TQ, TR, 3), 0.0, 0.0);
    /* "D behaves like a squared distance": for P, its midpoint Q and R on a
     * line, close together, D(P||R) is 4 D(P||Q) and the triangle's ratio
     * tends to 2 (the second-order term of the Bernoulli section) */
    double a = 0.3, h = 1e-3;
    double r2 = bern_kl(a, a + 2 * h) / (bern_kl(a, a + h) + bern_kl(a + h, a + 2 * h));
    book_claim_abs(B, "series", "triangle: Bern(a), Bern(a+h), Bern(a+2h): ratio "
                   "D(P‖R)/(D(P‖Q) + D(Q‖R)) → 2 (a = 0.3, h = 10⁻³)", 2.0, r2, 1e-2);
    book_value(B, "tri_line_ratio", r2, 4);
}

/* Random triples: how often and how far each measure breaks the triangle,
 * a histogram of the ratio d(A,C)/(d(A,B) + d(B,C)) for fig-triangle, and
 * the largest excess of the square root of JS (a metric: Endres &
 * Schindelin 2003). */
enum { T_BINS = 45 };     /* 15 a decade: the bins meet at ratio 1 */
static const double T_RATIO_LO = 0.01, T_RATIO_HI = 10.0;

static void triangle_random(const struct pairs_setup *ps)
{
    long triples = book_param_int(B, "TRIPLES");
    gsl_rng *rng = rng_alloc(ps->seed + 4);
    long hist[T_MEASURES][T_BINS] = {{0}}, viol[T_MEASURES] = {0};
    double worst[T_MEASURES];
    long counted = 0, skipped = 0;
    for (int m = 0; m < T_MEASURES; m++)
        worst[m] = -INFINITY;
    for (long t = 0; t < triples; t++) {
        size_t k = (size_t)ps->sizes[t % (long)ps->nsizes];
        double a[MAXK], b[MAXK], c[MAXK], *x[3] = {a, b, c};
        double excess[T_MEASURES][6], ratio[T_MEASURES][6];
        for (int i = 0; i < 3; i++)
            gsl_ran_dirichlet(rng, k, ps->alpha, x[i]);
        triangle_excess(x, k, excess, ratio);
        int finite = 1;
        for (int o = 0; o < 6; o++)
            finite &= isfinite(excess[T_KL][o]) && isfinite(ratio[T_KL][o]);
        if (!finite) {                 /* an infinite D: no triangle to test */
            skipped++;
            continue;
        }
        counted++;
        for (int m = 0; m < T_MEASURES; m++)
            for (int o = 0; o < 6; o++) {
                worst[m] = fmax(worst[m], excess[m][o]);
                /* a break beyond rounding: three points on a line (K = 2)
                 * are ties for L1, up to an ulp either way */
                viol[m] += ratio[m][o] > 1 + 1e-12;
                /* a tie (within rounding) counts below 1, where it belongs */
                double r = ratio[m][o] <= 1 + 1e-12 ? fmin(ratio[m][o], 1 - 1e-9)
                                                    : ratio[m][o];
                if (r >= T_RATIO_LO && r < T_RATIO_HI) {   /* the plotted range */
                    int bin = (int)floor(T_BINS * log(r / T_RATIO_LO)
                                         / log(T_RATIO_HI / T_RATIO_LO));
                    hist[m][bin < 0 ? 0 : bin >= T_BINS ? T_BINS - 1 : bin]++;
                }
            }
    }
    gsl_rng_free(rng);
    if (counted == 0)
        book_param_refuse(B, "DIRICHLET", "every random triple has an infinite "
                          "divergence: no triangle to test");

    /* the histogram: the fraction of (triple, ordering) in each bin */
    FILE *f = book_data(B, "triangle.tsv", "ratio d(A,C)/(d(A,B)+d(B,C)) over "
                        "random triples and their 6 orderings: the fraction of "
                        "all in each log-spaced bin of [0.01, 10), per measure",
                        "ratio_lo\tratio_hi\tD\tsqrtD\tsqrtJS\tL1\tL2");
    for (int i = 0; i < T_BINS; i++) {
        double lo = T_RATIO_LO * pow(T_RATIO_HI / T_RATIO_LO, (double)i / T_BINS);
        double hi = T_RATIO_LO * pow(T_RATIO_HI / T_RATIO_LO, (double)(i + 1) / T_BINS);
        fprintf(f, "%.6g\t%.6g", lo, hi);
        for (int m = 0; m < T_MEASURES; m++)
            fprintf(f, "\t%.6g", (double)hist[m][i] / (6.0 * (double)counted));
        fputc('\n', f);
    }
    book_close_file(B, f);

    double total = 6.0 * (double)counted;
    for (int m = 0; m < T_MEASURES; m++) {
        char name[40];
        snprintf(name, sizeof name, "tri_viol_%s", T_NAME[m]);
        book_value_fixed(B, name, 100.0 * (double)viol[m] / total, 1);
        snprintf(name, sizeof name, "tri_viol_%s", T_NAME[m]);
        book_plot_value(B, name, (double)viol[m] / total);
    }
    book_value_int(B, "tri_triples", counted);
    book_value_int(B, "tri_orderings", 6 * counted);
    book_value_int(B, "tri_skipped", skipped);
    char skip_text[200] = "", num[32];
    if (skipped > 0)
        snprintf(skip_text, sizeof skip_text, "; %s more triples had an infinite "
                 "divergence, where there is no triangle to test, and are left out",
                 thousands(skipped, num, sizeof num));
    book_value_text(B, "tri_skipped_text", skip_text);
    book_value(B, "tri_worst_sqrtjs", worst[T_SQRT_JS], 2);
    book_claim_le(B, "bound", "random triples: √JS keeps the triangle (largest excess "
                  "√JS(A,C) − √JS(A,B) − √JS(B,C))", worst[T_SQRT_JS], 0.0, 1e-12);
    book_claim_le(B, "bound", "random triples: L1 keeps it (largest excess)",
                  worst[T_L1], 0.0, 1e-14);
    book_claim_le(B, "bound", "random triples: L2 keeps it (largest excess)",
                  worst[T_L2], 0.0, 1e-14);
    book_claim_ge(B, "bound", "random triples: D breaks it on some (largest excess)",
                  worst[T_KL], 0.0, 0.0);

}

/* A counterexample for the square root of D: the first random triple on
 * three outcomes (flat Dirichlet law, a seed of its own) that breaks the
 * triangle for sqrt(D) and still does, by 1% at least, once rounded to two
 * decimals so that a reader can type it; checked with D in long double. */
static void sqrt_kl_counterexample(const struct pairs_setup *ps)
{
    static const double flat[3] = {1, 1, 1};
    const size_t k = 3;
    long triples = book_param_int(B, "TRIPLES");
    gsl_rng *rng = rng_alloc(ps->seed + 6);
    int found = 0;
    double ce[3][MAXK] = {{0}}, ce_ratio = 0.0;
    size_t ce_k = k;
    long ce_at = 0;
    for (long t = 0; t < triples && !found; t++) {
        double a[MAXK], b[MAXK], c[MAXK], *x[3] = {a, b, c};
        double excess[T_MEASURES][6], ratio[T_MEASURES][6];
        for (int i = 0; i < 3; i++)
            gsl_ran_dirichlet(rng, k, flat, x[i]);
        triangle_excess(x, k, excess, ratio);
        for (int o = 0; o < 6 && !found; o++) {
            if (excess[T_SQRT_KL][o] <= 0)
                continue;
            double r[3][MAXK], *y[3] = {r[0], r[1], r[2]};
            int ok_round = 1;
            for (int i = 0; i < 3; i++) {
                double rest = 1.0;
                for (size_t j = 0; j + 1 < k; j++) {
                    r[i][j] = round(100 * x[i][j]) / 100;
                    rest -= r[i][j];
                    ok_round &= r[i][j] >= 0.01;
                }
                r[i][k - 1] = round(100 * rest) / 100;
                ok_round &= r[i][k - 1] >= 0.01;
            }
            if (!ok_round)
                continue;
            double ex2[T_MEASURES][6], ra2[T_MEASURES][6];
            triangle_excess(y, k, ex2, ra2);
            if (ra2[T_SQRT_KL][o] < 1.01)
                continue;
            static const int order[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                            {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
            for (int i = 0; i < 3; i++)
                memcpy(ce[i], r[order[o][i]], k * sizeof ce[i][0]);
            ce_k = k;
            ce_ratio = ra2[T_SQRT_KL][o];
            ce_at = t + 1;
            found = 1;
        }
    }
    gsl_rng_free(rng);
    if (!found)
        book_param_refuse(B, "TRIPLES", "no triple on three outcomes among the first "
                          "%ld breaks the triangle for √D (by 1%% once rounded to two "
                          "decimals)", triples);
    /* the counterexample for sqrt(D), checked with D in long double */
    double *pa = ce[0], *pb = ce[1], *pc = ce[2];
    long double ac = sqrtl(div_long(pa, pc, ce_k)), ab = sqrtl(div_long(pa, pb, ce_k)),
                bc = sqrtl(div_long(pb, pc, ce_k));
    book_claim_ge(B, "long double", "√D: the counterexample found has "
                  "√D(A‖C) > √D(A‖B) + √D(B‖C) (excess)", (double)(ac - ab - bc), 0.0, 0.0);
    book_claim_rel(B, "long double", "   … its ratio, by the library",
                   (double)(ac / (ab + bc)), ce_ratio, 1e-12);
    char vec[3][200];
    for (int i = 0; i < 3; i++)
        cli_vector(ce[i], ce_k, vec[i], sizeof vec[i]);
    static const char *const letter[3] = {"a", "b", "c"};
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "ce_%s", letter[i]);
        book_value_text(B, name, vec[i]);
    }
    cli_example("cli_ce_ac", "div", pa, pc, ce_k, "", div_nats(pa, pc, ce_k));
    cli_example("cli_ce_ab", "div", pa, pb, ce_k, "", div_nats(pa, pb, ce_k));
    cli_example("cli_ce_bc", "div", pb, pc, ce_k, "", div_nats(pb, pc, ce_k));
    book_value_int(B, "ce_k", (long long)ce_k);
    book_value_int(B, "ce_at", ce_at);
    book_value_fixed(B, "ce_ac", (double)ac, 4);
    book_value_fixed(B, "ce_ab", (double)ab, 4);
    book_value_fixed(B, "ce_bc", (double)bc, 4);
    book_value_fixed(B, "ce_sum", (double)(ab + bc), 4);
    book_value_fixed(B, "ce_ratio", ce_ratio, 3);
}

/* -- 6. Cross-entropy as a classification loss ----------------------------- */

/* >>> softmax */
/* The model's distribution Q = softmax(Z) of logits Z[0..N), shifted by the
 * largest logit so that exp cannot overflow; returns log sum exp(z) for the
 * loss. */
static double softmax(const double *z, size_t n, double *q)
{
    double m = z[0], s = 0.0;
    for (size_t i = 1; i < n; i++)
        m = fmax(m, z[i]);
    for (size_t i = 0; i < n; i++)
        s += q[i] = exp(z[i] - m);
    for (size_t i = 0; i < n; i++)
        q[i] /= s;
    return m + log(s);
}
/* <<< softmax */

/* The loss -ln q against q, from below the smaller of the two examples'
 * probabilities to 1, for fig-loss. */
static void loss_curve(double q_cat, double q_bird, double loss_max)
{
    double from = fmin(1e-3, 0.5 * fmin(q_cat, q_bird));
    FILE *f = book_data(B, "loss.tsv",
                        "cross-entropy loss -ln p of the probability given to the true class",
                        "q_true\tloss");
    for (int i = 0; i <= 300; i++) {
        double q = from * pow(1.0 / from, i / 300.0);
        fprintf(f, "%.6g\t%.10g\n", q, -log(q));
    }
    book_close_file(B, f);
    book_plot_value(B, "sm_q_cat", q_cat);
    book_plot_value(B, "sm_q_bird", q_bird);
    /* the y axis: 0 to 7 nats, or further if a point lies higher */
    book_plot_value(B, "loss_top", fmax(7.0, ceil(1.25 * loss_max)));
}

/* Label smoothing with eps = 1/10 for the exercises: the cat label becomes
 * (1 - eps) y + eps/K = (28, 1, 1)/30, and the loss H(y', q) of a model
 * that predicts q = (0.7, 0.2, 0.1) can no longer reach 0: it is
 * H(y') + D(y' || q) >= H(y') > 0. */
static void label_smoothing(void)
{
    const double eps = 0.1, q[3] = {0.7, 0.2, 0.1};
    double y[3], loss, h, d;
    for (int i = 0; i < 3; i++)
        y[i] = (1 - eps) * (i == 0) + eps / 3;
    ok(kl_discrete_cross_entropy(y, q, 3, KL_BASE_E, &loss), "H(y', q)");
    ok(kl_discrete_entropy(y, 3, KL_BASE_E, &h), "H(y')");
    ok(kl_discrete_divergence(y, q, 3, KL_BASE_E, &d), "D(y' || q)");
    /* by hand, in long double: (14/15) ln(1/0.7) + (1/30) ln(1/0.2) + (1/30) ln(1/0.1) */
    long double by_hand = -(14.0L / 15) * logl(0.7L) - logl(0.2L) / 30 - logl(0.1L) / 30;
    book_claim_rel(B, "exact", "label smoothing (ε = 0.1, q = (.7,.2,.1)): H(y′, q) = "
                   "(14/15) ln(1/.7) + (1/30) ln(1/.2) + (1/30) ln(1/.1)",
                   (double)by_hand, loss, 1e-14);
    book_claim_ge(B, "bound", "   … which stays above H(y′), the best any q can do "
                  "(margin D(y′‖q))", loss - h, 0.0, 0.0);
    book_value(B, "ls_loss", loss, 4);
    book_value(B, "ls_h", h, 4);
    book_value(B, "ls_d", d, 4);
    double one_hot[3] = {1, 0, 0}, plain;
    ok(kl_discrete_cross_entropy(one_hot, q, 3, KL_BASE_E, &plain), "H(y, q)");
    book_value(B, "ls_plain", plain, 4);
}

/* The exercises' numbers: a dyadic pair, two Bernoulli pairs, smoothing at
 * alpha = 0.001, and H(P) <= log K on random vectors. */
static void exercises(const struct pairs_setup *ps)
{
    /* 1: P = (1/2, 1/4, 1/4), Q = (1/4, 1/4, 1/2), bits: 7/4, 3/2, 1/4 */
    static const double p1[3] = {0.5, 0.25, 0.25}, q1[3] = {0.25, 0.25, 0.5};
    double hpq, hp, d, dqp;
    ok(kl_discrete_cross_entropy(p1, q1, 3, 2.0, &hpq), "ex H(P,Q)");
    ok(kl_discrete_entropy(p1, 3, 2.0, &hp), "ex H(P)");
    ok(kl_discrete_divergence(p1, q1, 3, 2.0, &d), "ex D(P||Q)");
    ok(kl_discrete_divergence(q1, p1, 3, 2.0, &dqp), "ex D(Q||P)");
    book_claim_abs(B, "exact", "exercise: H(P,Q) = ½·2 + ¼·2 + ¼·1 = 7/4 bits", 1.75, hpq, 1e-15);
    book_claim_abs(B, "exact", "exercise: D(P‖Q) = 7/4 − 3/2 = ¼ bit", 0.25, d, 1e-15);
    book_claim_abs(B, "exact", "   … and D(Q‖P) = ¼ bit as well", 0.25, dqp, 1e-15);
    book_value(B, "ex1_hpq", hpq, 6);
    book_value(B, "ex1_hp", hp, 6);
    book_value(B, "ex1_d", d, 6);

    /* 2: Bern(1/2) against Bern(1/4), bits: 1 - (1/2) log2 3 and (3/4) log2 3 - 1;
     * the anti-diagonal: D(Bern(a) || Bern(1-a)) = (2a - 1) ln(a/(1-a)) both ways */
    double b_pq = bern_kl(0.5, 0.25) / M_LN2, b_qp = bern_kl(0.25, 0.5) / M_LN2;
    book_claim_rel(B, "closed form", "exercise: D(Bern(½)‖Bern(¼)) = 1 − ½ log₂ 3 bits",
                   1 - 0.5 * log2(3.0), b_pq, 1e-14);
    book_claim_rel(B, "closed form", "exercise: D(Bern(¼)‖Bern(½)) = ¾ log₂ 3 − 1 bits",
                   0.75 * log2(3.0) - 1, b_qp, 1e-14);
    double anti = (2 * 0.2 - 1) * log(0.2 / 0.8);
    book_claim_rel(B, "closed form", "exercise: D(Bern(.2)‖Bern(.8)) = (2a − 1) ln(a/(1−a)) "
                   "= 0.6 ln 4", anti, bern_kl(0.2, 0.8), 1e-14);
    book_claim_rel(B, "closed form", "   … = D(Bern(.8)‖Bern(.2))", anti, bern_kl(0.8, 0.2), 1e-14);
    book_value(B, "ex2_pq", b_pq, 4);
    book_value(B, "ex2_qp", b_qp, 4);
    book_value(B, "ex2_anti", anti, 4);

    /* 7: H(P) <= log K on random vectors (Q = uniform in Gibbs' inequality) */
    gsl_rng *rng = rng_alloc(ps->seed + 5);
    double worst = -INFINITY;
    for (long t = 0; t < ps->pairs; t++) {
        size_t k = (size_t)ps->sizes[t % (long)ps->nsizes];
        double p[MAXK], h;
        gsl_ran_dirichlet(rng, k, ps->alpha, p);
        ok(kl_discrete_entropy(p, k, KL_BASE_E, &h), "H(P)");
        worst = fmax(worst, h - log((double)k));
    }
    gsl_rng_free(rng);
    book_claim_le(B, "bound", "exercise: H(P) ≤ ln K on random P (largest H(P) − ln K)",
                  worst, 0.0, 1e-13);
    book_value(B, "ex7_worst", worst, 2);
}

static void classification(void)
{
    static const char *const cls[] = {"cat", "dog", "bird"};
    /* >>> loss */
    double z[3], y[3] = {1.0, 0.0, 0.0};      /* one-hot label: a cat */
    book_param_real_list(B, "LOGITS", z, 3);  /* the network's logits */
    double q[3], loss, d;                     /* the model's distribution */
    double lse = softmax(z, 3, q);
    ok(kl_discrete_cross_entropy(y, q, 3, KL_BASE_E, &loss), "H(y, q)");
    ok(kl_discrete_divergence(y, q, 3, KL_BASE_E, &d), "D(y || q)");
    /* <<< loss */
    double y_bird[3] = {0.0, 0.0, 1.0}, loss_bird;
    ok(kl_discrete_cross_entropy(y_bird, q, 3, KL_BASE_E, &loss_bird), "H(y, q)");

    /* both routes round to a few ulps of the largest number they handle,
     * max(|log Σ e^z|, 1): an absolute tolerance of 4 of them (a relative
     * one fails where the loss is small, q_true near 1) */
    double tol = 4 * DBL_EPSILON * fmax(fabs(lse), 1.0);
    book_claim_abs(B, "log-sum-exp", "softmax: H(one-hot, q) = log Σ e^z − z_true (from the logits)",
                   lse - z[0], loss, tol);
    book_claim_rel(B, "cross-entropy", "softmax: D(one-hot ‖ q) = H(one-hot, q), as H(one-hot) = 0",
                   loss, d, 1e-14);
    book_claim_abs(B, "log-sum-exp", "softmax: a bird label costs log Σ e^z − z_bird",
                   lse - z[2], loss_bird, tol);
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "sm_z_%s", cls[i]);
        book_value(B, name, z[i], 3);
        snprintf(name, sizeof name, "sm_q_%s", cls[i]);
        book_value_fixed(B, name, q[i], 4);
    }
    book_value(B, "sm_loss", loss, 4);
    book_value(B, "sm_loss_bits", loss / M_LN2, 4);
    book_value(B, "sm_loss_bird", loss_bird, 4);
    book_value(B, "sm_lse", lse, 4);
    book_plot_value(B, "sm_loss", loss);
    book_plot_value(B, "sm_loss_bird", loss_bird);
    loss_curve(q[0], q[2], fmax(loss, loss_bird));
}

int main(int argc, char **argv)
{
    B = book_open("02-cross-entropy", argc, argv);
    struct pairs_setup ps;
    pairs_setup_read(&ps);
    code_lengths();
    contributions();
    bars_explorer();
    pairs_experiment(&ps);
    bernoulli_map();
    documents();
    js_bound(&ps);
    js_readings(&ps);
    shannon_codes(&ps);
    triangle_fixed();
    triangle_random(&ps);
    sqrt_kl_counterexample(&ps);
    classification();
    label_smoothing();
    exercises(&ps);
    return book_close(B);
}
