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
 * Run: output/build/bin/02-cross-entropy [OUTPUT-FOLDER]   (make chapter-02)
 * Change a parameter below, then `make chapter-02` reruns what depends on it. */
#define _DEFAULT_SOURCE /* M_LN2 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "book/book.h"
#include "kl/discrete.h"
#include "kl/smooth.h"
#include "kl/wordfreq.h"

/* >>> parameters */
enum { PAIRS = 20000 };                     /* random pairs (P, Q) */
static const size_t SIZES[] = {2, 3, 5, 10, 50};  /* alphabet sizes, in turn */
static const double DIRICHLET = 1.0;        /* Dirichlet concentration */
static const unsigned long SEED = 20261122; /* fixed: the book is reproducible */
/* <<< parameters */
enum { NSIZES = sizeof SIZES / sizeof SIZES[0], MAXK = 50 };

static struct book *B;

static void ok(enum kl_status st, const char *what)
{
    if (st != KL_OK)
        book_fail(B, "%s: %s", what, kl_strerror(st));
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

/* Records the command "kl CMD P Q OPTIONS" as value NAME_cmd and the value
 * it prints, X (computed by the library on the same inputs), as NAME_out. */
static void cli_example(const char *name, const char *cmd, const double *p,
                        const double *q, size_t n, const char *options,
                        double x)
{
    char vp[200], vq[200], line[600], key[64], out[40];
    cli_vector(p, n, vp, sizeof vp);
    cli_vector(q, n, vq, sizeof vq);
    snprintf(line, sizeof line, "kl %s %s %s%s%s", cmd, vp, vq,
             options[0] ? " " : "", options);
    snprintf(key, sizeof key, "%s_cmd", name);
    book_value_text(B, key, line);
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

    f = book_figure(B, "fig-codes", 760, 420);
    fputs("set ylabel \"code length of the symbol (bits)\"\n"
          "set xrange [-0.6:4.7]\n"
          "set bmargin 4.5\n"
          "set yrange [0:4.2]\n"
          "set ytics 1\n"
          "set boxwidth 0.36\n"
          "set style fill solid 0.6 border lc rgb \"#333333\"\n"
          "set key top left maxrows 2 width -2\n"
          "set grid noxtics\n",
          f);
    fprintf(f, "set arrow from -0.6,%.10g to 4.7,%.10g nohead lt 1 dt 2 lw 1.5 front\n"
               "set arrow from -0.6,%.10g to 4.7,%.10g nohead lt 2 dt 2 lw 1.5 front\n"
               "set label \"H(P) = %g bits\" at 4.65,%.10g right offset 0,-0.7 textcolor lt 1 front\n"
               "set label \"H(P,Q) = %g bits\" at 4.65,%.10g right offset 0,0.7 textcolor lt 2 front\n",
            h_p, h_p, h_pq, h_pq, h_p, h_p, h_pq, h_pq);
    fputs("plot \"codes.tsv\" using ($1-0.19):5:xtic(sprintf(\"%s\\n(p = %g)\", "
          "stringcolumn(2), $3)) with boxes lt 1 title \"code built for P: −log₂ p\", \\\n"
          "     \"\" using ($1+0.19):6 with boxes lt 2 title \"code built for Q: −log₂ q\"\n",
          f);
    book_close_file(B, f);

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
    book_claim_abs(B, "weather: H(P,Q) = ½·2 + ¼·3 + ⅛·3 + ⅛·1 = 9/4 bits",
                   2.25, h_pq, 1e-15);
    book_claim_rel(B, "weather: H(P,Q) = Σ p · (length of Q's codeword)",
                   by_hand, h_pq, 1e-15);
    book_claim_abs(B, "weather: D(P‖Q) = 9/4 − 7/4 = ½ bit", 0.5, d_pq, 1e-15);
    book_claim_abs(B, "weather: D(Q‖P) = 19/8 − 7/4 = ⅝ bit", 0.625, d_qp,
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
    book_claim_rel(B, "weather: the terms p log₂(p/q) add up to D(P‖Q)", d_pq,
                   sum_pq, 1e-15);
    book_claim_le(B, "weather: some term of D(P‖Q) is negative (smallest)", neg,
                  0.0, 0.0);
    book_value(B, "w_term_neg", neg, 4);

    f = book_figure(B, "fig-contrib", 760, 420);
    fputs("set ylabel \"term of the divergence (bits)\"\n"
          "set xrange [-0.6:3.6]\n"
          "set yrange [-0.45:1.15]\n"
          "set boxwidth 0.36\n"
          "set style fill solid 0.6 border lc rgb \"#333333\"\n"
          "set key top left\n"
          "set grid noxtics\n"
          "set xzeroaxis lt 7 lw 1\n",
          f);
    fprintf(f, "set label \"sum: D(P‖Q) = %g bit\" at 1.7,0.62 left textcolor lt 1\n"
               "set label \"sum: D(Q‖P) = %g bit\" at 1.7,0.52 left textcolor lt 2\n",
            d_pq, d_qp);
    fputs("plot \"contrib.tsv\" using ($1-0.19):3:xtic(2) with boxes lt 1 "
          "title \"p log₂(p/q), terms of D(P‖Q)\", \\\n"
          "     \"\" using ($1+0.19):4 with boxes lt 2 "
          "title \"q log₂(q/p), terms of D(Q‖P)\", \\\n"
          "     \"\" using ($1-0.19):($3 < 0 ? $3-0.06 : $3+0.06):5 "
          "with labels font \",10\" notitle, \\\n"
          "     \"\" using ($1+0.19):($4 < 0 ? $4-0.06 : $4+0.06):6 "
          "with labels font \",10\" notitle\n",
          f);
    book_close_file(B, f);
}

/* -- 3. Random pairs: the identity, Gibbs' inequality, asymmetry ---------- */

static void random_pairs(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (rng == NULL)
        book_fail(B, "out of memory");
    gsl_rng_set(rng, SEED);
    double alpha[MAXK];
    for (size_t i = 0; i < MAXK; i++)
        alpha[i] = DIRICHLET;

    FILE *f = book_data(B, "pairs.tsv",
                        "D(P||Q) and D(Q||P) in nats for random pairs, K = 3 and 10",
                        "K\tD_pq\tD_qp");
    double worst_identity = 0.0, min_gap = INFINITY, min_term = INFINITY;
    double max_ratio = 1.0;
    long p_larger = 0;
    for (int t = 0; t < PAIRS; t++) {
        size_t k = SIZES[t % NSIZES];
        double p[MAXK], q[MAXK];
        gsl_ran_dirichlet(rng, k, alpha, p);
        gsl_ran_dirichlet(rng, k, alpha, q);
        /* >>> identity */
        double h, hpq, d, dqp;
        ok(kl_discrete_entropy(p, k, KL_BASE_E, &h), "H(P)");
        ok(kl_discrete_cross_entropy(p, q, k, KL_BASE_E, &hpq), "H(P,Q)");
        ok(kl_discrete_divergence(p, q, k, KL_BASE_E, &d), "D(P||Q)");
        ok(kl_discrete_divergence(q, p, k, KL_BASE_E, &dqp), "D(Q||P)");
        worst_identity = fmax(worst_identity, fabs(d - (hpq - h)));
        min_gap = fmin(min_gap, hpq - h);       /* H(P,Q) >= H(P) */
        /* <<< identity */
        /* >>> gibbs */
        /* p log(p/q) - p + q >= 0 term by term, as ln x <= x - 1; the added
         * q - p sum to zero, so the divergence is a sum of these. */
        for (size_t i = 0; i < k; i++) {
            double term = p[i] * log1p((p[i] - q[i]) / q[i]) - (p[i] - q[i]);
            min_term = fmin(min_term, term);
        }
        /* <<< gibbs */
        p_larger += d > dqp;
        max_ratio = fmax(max_ratio, fmax(d / dqp, dqp / d));
        if ((k == 3 || k == 10) && t < 10000)
            fprintf(f, "%zu\t%.8g\t%.8g\n", k, d, dqp);
    }
    book_close_file(B, f);
    gsl_rng_free(rng);

    double frac = (double)p_larger / PAIRS;
    book_claim_le(B, "random pairs: |D(P‖Q) − (H(P,Q) − H(P))| (largest)",
                  worst_identity, 0.0, 1e-12);
    book_claim_ge(B, "random pairs: H(P,Q) − H(P) ≥ 0 (smallest)", min_gap, 0.0,
                  0.0);
    book_claim_ge(B, "random pairs: every p log(p/q) − p + q ≥ 0 (smallest)",
                  min_term, 0.0, 0.0);
    book_claim_sigma(B, "random pairs: D(P‖Q) > D(Q‖P) for half of them "
                     "(P, Q exchangeable)", 0.5, frac, sqrt(0.25 / PAIRS), 4.0);
    book_value_int(B, "pairs", PAIRS);
    book_value(B, "pairs_worst_identity", worst_identity, 2);
    book_value(B, "pairs_min_gap", min_gap, 2);
    book_value(B, "pairs_frac", frac, 4);
    book_value(B, "pairs_max_ratio", max_ratio, 3);

    f = book_figure(B, "fig-scatter", 720, 560);
    fputs("set xlabel \"D(P‖Q) (nats)\"\n"
          "set ylabel \"D(Q‖P) (nats)\"\n"
          "set logscale xy\n"
          "set xrange [0.001:30]\n"
          "set yrange [0.001:30]\n"
          "set format x \"%g\"\n"
          "set format y \"%g\"\n"
          "set size ratio -1\n"
          "set key top left\n"
          "plot \"pairs.tsv\" using ($1 == 3 ? $2 : 1/0):3 with points lt 1 "
          "pt 7 ps 0.35 title \"K = 3 outcomes\", \\\n"
          "     \"\" using ($1 == 10 ? $2 : 1/0):3 with points lt 2 pt 7 ps 0.35 "
          "title \"K = 10 outcomes\", \\\n"
          "     x with lines lt 7 dt 2 lw 1.5 title \"D(P‖Q) = D(Q‖P)\"\n",
          f);
    book_close_file(B, f);
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

static void bernoulli_map(void)
{
    enum { N = 200, LABEL_I = 160, NLEVELS = 5 };
    static const double levels[NLEVELS] = {0.05, 0.2, 0.5, 1.0, 2.0};
    FILE *f = book_data(B, "bern-map.tsv",
                        "D(Bern(a)||Bern(b)) in nats on a grid, rows of constant a",
                        "a\tb\tD");
    double max_asym = 0.0, label_b[NLEVELS] = {0}, prev = 0.0;
    for (int i = 0; i < N; i++) {
        double a = (i + 0.5) / N;
        for (int j = N - 1; j >= 0; j--) {
            double b = (j + 0.5) / N, d = bern_kl(a, b);
            max_asym = fmax(max_asym, fabs(d - bern_kl(b, a)));
            fprintf(f, "%.6g\t%.6g\t%.8g\n", a, b, d);
            for (size_t l = 0; i == LABEL_I && j < i && l < NLEVELS; l++)
                if (prev < levels[l] && d >= levels[l])
                    label_b[l] = b + (levels[l] - d) / (prev - d) / N;
            prev = d;
        }
        fputc('\n', f);
    }
    book_close_file(B, f);

    /* near the diagonal D = (a - b)^2 / (2 a (1 - a)) + O((a - b)^3): the
     * Fisher information of Bern(a) is 1/(a(1-a)) */
    double a0 = 0.3, b0 = 0.3 + 1e-4;
    double fisher = (a0 - b0) * (a0 - b0) / (2 * a0 * (1 - a0));
    book_claim_rel(B, "Bernoulli: D(Bern(0.3)‖Bern(0.3001)) ≈ δ²/(2a(1−a))",
                   fisher, bern_kl(a0, b0), 1e-3);
    book_claim_rel(B, "Bernoulli: D(Bern(0.3001)‖Bern(0.3)) ≈ the same δ²/(2a(1−a))",
                   fisher, bern_kl(b0, a0), 1e-3);
    book_value(B, "bern_near_pq", bern_kl(a0, b0), 4);
    book_value(B, "bern_near_qp", bern_kl(b0, a0), 4);
    book_value(B, "bern_1_5", bern_kl(0.1, 0.5), 4);
    book_value(B, "bern_5_1", bern_kl(0.5, 0.1), 4);
    book_value(B, "bern_01_2", bern_kl(0.01, 0.2), 4);
    book_value(B, "bern_2_01", bern_kl(0.2, 0.01), 4);
    book_value(B, "bern_max_asym", max_asym, 3);
    book_value_int(B, "bern_grid", N);
    book_value_fixed(B, "bern_label_a", (LABEL_I + 0.5) / N, 3);
    char text[100];
    size_t used = 0;
    for (size_t l = 0; l < NLEVELS; l++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%s%g",
                                 l == 0 ? "" : l + 1 < NLEVELS ? ", " : " and ",
                                 levels[l]);
    book_value_text(B, "bern_levels", text);

    f = book_figure(B, "fig-bernoulli-map", 720, 620);
    fputs("set xlabel \"a, the success probability of P = Bern(a)\"\n"
          "set ylabel \"b, the success probability of Q = Bern(b)\"\n"
          "set cblabel \"D(Bern(a) ‖ Bern(b)) (nats)\"\n"
          "set xrange [0:1]\n"
          "set yrange [0:1]\n"
          "set cbrange [0:2.5]\n" /* the corners go to +inf */
          "set datafile separator whitespace\n" /* the tables use spaces */
          "set style fill solid 1.0\n"
          "set size ratio -1\n"
          "set grid front lc rgb \"#80ffffff\"\n"
          "unset key\n" /* white lines would vanish on a key's white ground */
          "set contour base\n"
          "unset surface\n"
          "set view map\n",
          f);
    fputs("set cntrparam levels discrete ", f);
    for (size_t l = 0; l < NLEVELS; l++)
        fprintf(f, "%s%g", l ? "," : "", levels[l]);
    fputs("\n"
          "set table $mine\n"
          "splot \"bern-map.tsv\" using 1:2:3 with lines\n"
          "set table $mirror\n"
          "splot \"bern-map.tsv\" using 2:1:3 with lines\n"
          "unset table\n"
          "unset contour\n",
          f);
    /* label each level where its contour crosses the column a = LABEL_A,
     * below the diagonal (found on the grid, interpolated linearly) */
    for (size_t l = 0; l < NLEVELS; l++)
        fprintf(f, "set label \"%g\" at %.6g,%.6g left front textcolor rgb "
                   "\"%s\" font \",11\" offset 0.5,-0.6\n", levels[l],
                (LABEL_I + 0.5) / N, label_b[l],
                levels[l] < 1.5 ? "white" : "#222222"); /* dark on yellow */
    fputs("plot \"bern-map.tsv\" using 1:2:3 with image notitle, \\\n"
          "     $mine using 1:2 with lines lc rgb \"white\" lw 2 "
          "title \"contours of D(Bern(a)‖Bern(b))\", \\\n"
          "     $mirror using 1:2 with lines lc rgb \"#E69F00\" lw 2 dt 2 "
          "title \"mirror image, D(Bern(b)‖Bern(a))\", \\\n"
          "     x with lines lc rgb \"#cccccc\" lw 1 dt 3 notitle\n",
          f);
    book_close_file(B, f);
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

static void documents(void)
{
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
    size_t i_banana, i_cherry;
    ok(kl_wordfreq_index(wf, "banana", &i_banana), "banana");
    ok(kl_wordfreq_index(wf, "cherry", &i_cherry), "cherry");
    book_value(B, "p1_banana", p[0][i_banana], 4);
    book_value(B, "p3_cherry", p[2][i_cherry], 4);
    kl_wordfreq_free(wf);

    double d12, d21, js12, js13;
    ok(kl_discrete_divergence(p[0], p[1], n, KL_BASE_E, &d12), "D(doc1||doc2)");
    ok(kl_discrete_divergence(p[1], p[0], n, KL_BASE_E, &d21), "D(doc2||doc1)");
    ok(kl_discrete_js(p[0], p[1], n, KL_BASE_E, &js12), "JS(doc1,doc2)");
    ok(kl_discrete_js(p[0], p[2], n, KL_BASE_E, &js13), "JS(doc1,doc3)");
    if (!isinf(d12) || !isinf(d21))
        book_fail(B, "expected infinite divergences between doc 1 and doc 2");
    book_value_text(B, "d12", "+∞");

    double skip12 = skip_missing_divergence(p[0], p[1], n);
    double skip31 = skip_missing_divergence(p[2], p[0], n);
    /* by hand: apple 1/2 ln((1/2)/(1/6)) + orange 1/6 ln((1/6)/(1/2)) */
    book_claim_rel(B, "the skipping loop returns ½ ln 3 − ⅙ ln 3 = ⅓ ln 3 for "
                   "doc 1 ‖ doc 2", log(3.0) / 3, skip12, 1e-15);
    book_claim_le(B, "the skipping loop returns a negative number for doc 3 ‖ doc 1",
                  skip31, 0.0, 0.0);
    book_value(B, "skip12", skip12, 4);
    book_value(B, "skip31", skip31, 4);
    book_value(B, "js12", js12, 4);
    book_value(B, "js13", js13, 4);
    book_value(B, "ln2", M_LN2, 4);

    /* smoothing: D against alpha, both directions, for two pairs */
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

    static const double shown[] = {0.01, 0.5, 1.0};
    static const char *const shown_name[] = {"a001", "a05", "a1"};
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "s12_%s", shown_name[i]);
        book_value(B, name, smoothed_kl(c[0], c[1], n, shown[i]), 4);
        snprintf(name, sizeof name, "s13_%s", shown_name[i]);
        book_value(B, name, smoothed_kl(c[0], c[2], n, shown[i]), 4);
        snprintf(name, sizeof name, "s31_%s", shown_name[i]);
        book_value(B, name, smoothed_kl(c[2], c[0], n, shown[i]), 4);
    }
    /* the slope in ln(1/alpha) is the mass P puts on words Q lacks */
    book_claim_rel(B, "smoothing: D(doc 1 ‖ doc 2) grows like p(banana) · ln(1/α)",
                   p[0][i_banana], small_alpha_slope(c[0], c[1], n), 1e-4);
    book_claim_rel(B, "smoothing: D(doc 1 ‖ doc 3) grows like p(banana, orange) · ln(1/α)",
                   1.0 - p[0][0], small_alpha_slope(c[0], c[2], n), 1e-4);
    book_claim_rel(B, "smoothing: D(doc 3 ‖ doc 1) grows like p(cherry) · ln(1/α)",
                   p[2][i_cherry], small_alpha_slope(c[2], c[0], n), 1e-4);
    book_claim_rel(B, "smoothing: kl_smooth_additive = normalising counts + α "
                   "(α = ½, doc 1 ‖ doc 2)", counts_plus_alpha_kl(c[0], c[1], n, 0.5),
                   smoothed_kl(c[0], c[1], n, 0.5), 1e-14);
    book_value(B, "slope13", 1.0 - p[0][0], 3);

    /* the calculator, on the same counts */
    double ch[2][8];
    for (size_t i = 0; i < n; i++) {
        ch[0][i] = c[0][i] + 0.5;
        ch[1][i] = c[1][i] + 0.5;
    }
    cli_example("cli_docs", "div", c[0], c[1], n, "--normalize", d12);
    cli_example("cli_docs_rev", "div", c[1], c[0], n, "--normalize", d21);
    cli_example("cli_docs_js", "js", c[0], c[1], n, "--normalize", js12);
    cli_example("cli_docs_half", "div", ch[0], ch[1], n, "--normalize",
                counts_plus_alpha_kl(c[0], c[1], n, 0.5));
    cli_example("cli_docs_half_rev", "div", ch[1], ch[0], n, "--normalize",
                counts_plus_alpha_kl(c[1], c[0], n, 0.5));

    f = book_figure(B, "fig-smoothing", 900, 430);
    fprintf(f, "set multiplot layout 1,2\n"
               "set xlabel \"pseudo-count α\"\n"
               "set ylabel \"divergence (nats)\"\n"
               "set logscale x\n"
               "set xrange [1e-4:100]\n"
               "set yrange [0:8.5]\n"
               "set format x \"10^{%%L}\"\n"
               "set key top right\n"
               "set title \"doc 1 and doc 2\"\n"
               "set arrow 1 from 1e-4,%.10g to 100,%.10g nohead lt 7 dt 3 lw 1\n"
               "set label 1 \"ln 2\" at 40,%.10g right offset 0,0.6\n"
               "plot \"smoothing.tsv\" using 1:2 with lines lt 1 lw 3 title \"D(doc 1 ‖ doc 2)\", \\\n"
               "     \"\" using 1:3 with lines lt 2 dt 2 title \"D(doc 2 ‖ doc 1)\", \\\n"
               "     %.10g with lines lt 3 title \"JS(doc 1, doc 2), unsmoothed\"\n"
               "set title \"doc 1 and doc 3\"\n"
               "plot \"smoothing.tsv\" using 1:4 with lines lt 1 lw 3 title \"D(doc 1 ‖ doc 3)\", \\\n"
               "     \"\" using 1:5 with lines lt 2 title \"D(doc 3 ‖ doc 1)\", \\\n"
               "     %.10g with lines lt 3 title \"JS(doc 1, doc 3), unsmoothed\"\n"
               "unset multiplot\n",
            M_LN2, M_LN2, M_LN2, js12, js13);
    book_close_file(B, f);
}

/* The Jensen-Shannon bound on random pairs whose supports often differ. */
static void js_bound(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (rng == NULL)
        book_fail(B, "out of memory");
    gsl_rng_set(rng, SEED + 1);
    double alpha[MAXK], worst = 0.0, asym = 0.0;
    for (size_t i = 0; i < MAXK; i++)
        alpha[i] = DIRICHLET;
    long disjoint = 0;
    for (int t = 0; t < PAIRS; t++) {
        size_t k = SIZES[t % NSIZES];
        double p[MAXK], q[MAXK], js, js_rev;
        gsl_ran_dirichlet(rng, k, alpha, p);
        gsl_ran_dirichlet(rng, k, alpha, q);
        /* >>> js-bound */
        /* knock out each entry with probability 1/2, keeping one at least */
        size_t keep_p = gsl_rng_uniform_int(rng, k), keep_q = gsl_rng_uniform_int(rng, k);
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
        asym = fmax(asym, fabs(js - js_rev));
        disjoint += !overlap;
    }
    gsl_rng_free(rng);
    book_claim_le(B, "random sparse pairs: JS(P,Q) ≤ ln 2 (largest)", worst,
                  M_LN2, 1e-15);
    book_claim_le(B, "random sparse pairs: |JS(P,Q) − JS(Q,P)| (largest)", asym,
                  0.0, 1e-15);
    book_value_int(B, "js_disjoint", disjoint);
    book_value(B, "js_worst", worst, 10);
}

/* -- 6. Cross-entropy as a classification loss ----------------------------- */

/* >>> softmax */
/* Softmax probabilities of logits Z[0..N), shifted by the largest logit so
 * that exp cannot overflow; returns log sum exp(z) for the loss. */
static double softmax(const double *z, size_t n, double *p)
{
    double m = z[0], s = 0.0;
    for (size_t i = 1; i < n; i++)
        m = fmax(m, z[i]);
    for (size_t i = 0; i < n; i++)
        s += p[i] = exp(z[i] - m);
    for (size_t i = 0; i < n; i++)
        p[i] /= s;
    return m + log(s);
}
/* <<< softmax */

static void classification(void)
{
    static const char *const cls[] = {"cat", "dog", "bird"};
    /* >>> loss */
    double z[3] = {2.0, 1.0, 0.1};          /* the network's logits */
    double y[3] = {1.0, 0.0, 0.0};          /* one-hot label: a cat */
    double p[3], loss, d;
    double lse = softmax(z, 3, p);
    ok(kl_discrete_cross_entropy(y, p, 3, KL_BASE_E, &loss), "H(y, p)");
    ok(kl_discrete_divergence(y, p, 3, KL_BASE_E, &d), "D(y || p)");
    /* <<< loss */
    double y_bird[3] = {0.0, 0.0, 1.0}, loss_bird;
    ok(kl_discrete_cross_entropy(y_bird, p, 3, KL_BASE_E, &loss_bird), "H(y, p)");

    book_claim_rel(B, "softmax: H(one-hot, p) = log Σ e^z − z_true (from the logits)",
                   lse - z[0], loss, 1e-15);
    book_claim_rel(B, "softmax: D(one-hot ‖ p) = H(one-hot, p), as H(one-hot) = 0",
                   loss, d, 1e-14);
    book_claim_rel(B, "softmax: a bird label costs log Σ e^z − z_bird",
                   lse - z[2], loss_bird, 1e-15);
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "sm_z_%s", cls[i]);
        book_value(B, name, z[i], 3);
        snprintf(name, sizeof name, "sm_p_%s", cls[i]);
        book_value_fixed(B, name, p[i], 4);
    }
    book_value(B, "sm_loss", loss, 4);
    book_value(B, "sm_loss_bits", loss / M_LN2, 4);
    book_value(B, "sm_loss_bird", loss_bird, 4);
    book_value(B, "sm_lse", lse, 4);

    FILE *f = book_data(B, "loss.tsv",
                        "cross-entropy loss -ln p of the probability given to the true class",
                        "p_true\tloss");
    for (int i = 0; i <= 300; i++) {
        double q = pow(10.0, -3.0 + 3.0 * i / 300.0);
        fprintf(f, "%.6g\t%.10g\n", q, -log(q));
    }
    book_close_file(B, f);

    f = book_figure(B, "fig-loss", 720, 420);
    fprintf(f, "set xlabel \"probability the model gives to the true class, p_{true}\"\n"
               "set ylabel \"loss (nats) = −ln p_{true}\"\n"
               "set xrange [0:1]\n"
               "set yrange [0:7]\n"
               "set key top right\n"
               "set label 1 \"true class cat:\\np = %.3f, loss %.3f\" at %.10g,%.10g "
               "left offset 1.2,1.8\n"
               "set label 2 \"true class bird:\\np = %.3f, loss %.3f\" at %.10g,%.10g "
               "left offset 1.2,1.4\n"
               "plot \"loss.tsv\" using 1:2 with lines lt 1 title \"−ln p_{true}\", \\\n"
               "     \"-\" using 1:2 with points lt 2 pt 7 ps 1.4 notitle\n"
               "%.10g\t%.10g\n%.10g\t%.10g\ne\n",
            p[0], loss, p[0], loss, p[2], loss_bird, p[2], loss_bird, p[0],
            loss, p[2], loss_bird);
    book_close_file(B, f);
}

int main(int argc, char **argv)
{
    B = book_open("02-cross-entropy", argc, argv);
    code_lengths();
    contributions();
    random_pairs();
    bernoulli_map();
    documents();
    js_bound();
    classification();
    return book_close(B);
}
