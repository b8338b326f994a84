/* 01-entropy — Chapter 1: information and entropy.
 *
 * Experiments: the information content of an outcome in bits and nats; the
 * entropy of a small distribution as an area; the Bernoulli entropy curve and
 * its 1-bit peak; the uniform distribution as the maximum, on random
 * distributions drawn from Dirichlet laws; the differential entropy of a
 * Gaussian against quadrature, its sign, and its link to discrete entropy.
 *
 * Run: make chapter-01 (or output/build/bin/01-entropy --params
 * chapters/01-entropy/params OUTPUT-FOLDER [NAME=VALUE ...]).  The knobs are
 * in chapters/01-entropy/params; the figures are drawn by the fig-*.gp
 * scripts beside this file from the data and values.gp written here. */
#define _DEFAULT_SOURCE /* M_PI, M_E, M_LN2 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_statistics_double.h>

#include "book/book.h"
#include "book/explorer.h"
#include "kl/density.h"
#include "kl/discrete.h"
#include "kl/gaussian.h"

enum { MAXSIZES = 6, MAXSIGMAS = 12, BINS = 50 };

static struct book *B;

static void ok(enum kl_status st, const char *what)
{
    if (st != KL_OK)
        book_fail(B, "%s: %s", what, kl_strerror(st));
}

/* -- 1. Information content ------------------------------------------------ */

/* >>> information */
/* The information content of an outcome of probability p, in base b:
 * I(p) = -log_b p = -ln p / ln b. */
static double information(double p, double base)
{
    return -log(p) / log(base);
}
/* <<< information */

static void information_figure(void)
{
    FILE *f = book_data(B, "information.tsv",
                        "information content of an outcome of probability p",
                        "p\tbits\tnats");
    for (int i = 0; i <= 400; i++) {
        double p = pow(10.0, -2.0 + 2.0 * i / 400.0);
        fprintf(f, "%.6g\t%.10g\t%.10g\n", p, information(p, 2.0),
                information(p, M_E));
    }
    book_close_file(B, f);

    f = book_data(B, "information-marks.tsv",
                  "outcomes of probability 1/2, 1/4, 1/8, 1/16",
                  "p\tbits\tlabel");
    for (int k = 1; k <= 4; k++) {
        double p = ldexp(1.0, -k);
        fprintf(f, "%.6g\t%.10g\t%d bit%s\n", p, information(p, 2.0), k,
                k == 1 ? "" : "s");
    }
    book_close_file(B, f);

    book_value(B, "info_half_bits", information(0.5, 2.0), 4);
    book_value(B, "info_half_nats", information(0.5, M_E), 4);
    book_value(B, "info_hundredth_bits", information(0.01, 2.0), 4);
    book_value(B, "info_hundredth_nats", information(0.01, M_E), 4);
    book_value(B, "nats_per_bit", M_LN2, 4);
    book_value(B, "bits_per_nat", 1.0 / M_LN2, 4);
}

/* -- 2. Entropy as expected information: a worked example ----------------- */

static void weather_example(void)
{
    static const char *const outcome[] = {"sun", "cloud", "rain", "snow"};
    /* >>> weather */
    double p[] = {0.5, 0.25, 0.125, 0.125};
    double h_bits, h_nats;
    ok(kl_discrete_entropy(p, 4, 2.0, &h_bits), "weather entropy");
    ok(kl_discrete_entropy(p, 4, KL_BASE_E, &h_nats), "weather entropy");
    /* <<< weather */

    /* Each outcome is a bar p wide and I(p) tall: the entropy is their area. */
    FILE *f = book_data(B, "weather.tsv",
                        "outcomes as bars: width p, height -log2 p",
                        "outcome\tp\tbits\tleft\tcentre\tarea");
    double left = 0.0, area = 0.0;
    for (int i = 0; i < 4; i++) {
        double I = information(p[i], 2.0);
        fprintf(f, "%s\t%.6g\t%.10g\t%.6g\t%.6g\t%.10g\n", outcome[i], p[i], I,
                left, left + p[i] / 2, p[i] * I);
        left += p[i];
        area += p[i] * I;
    }
    book_close_file(B, f);

    book_plot_value(B, "weather_h_bits", h_bits);
    book_value(B, "weather_h_bits", h_bits, 4);
    book_value(B, "weather_h_nats", h_nats, 4);
    /* 1/2 * 1 + 1/4 * 2 + 1/8 * 3 + 1/8 * 3 = 7/4, by hand */
    book_claim_abs(B, "exact rational", "weather: H = ½·1 + ¼·2 + ⅛·3 + ⅛·3 = 7/4 bits", 1.75,
                   h_bits, 1e-15);
    /* the area is Σ p(−log₂ p), the definition of H: a number to show, not a claim */
    book_value(B, "weather_area", area, 4);
    /* the library's nats against the exact value 7/4 · ln 2: a wrong base
     * conversion in the library cannot match it */
    book_claim_rel(B, "exact", "weather: H in nats = 7/4 · ln 2", 1.75 * M_LN2,
                   h_nats, 1e-15);
}

/* -- 3. The Bernoulli entropy curve --------------------------------------- */

/* >>> bernoulli */
/* H(Bern(p)) in bits, through the library: the distribution (p, 1 - p). */
static double bernoulli_entropy(double p, void *unused)
{
    (void)unused;
    double dist[2] = {p, 1.0 - p}, h;
    ok(kl_discrete_entropy(dist, 2, 2.0, &h), "Bernoulli entropy");
    return h;
}

static double minus_bernoulli_entropy(double p, void *unused)
{
    return -bernoulli_entropy(p, unused);
}

/* The maximiser of H(Bern(p)), by Brent's method on -H over (0, 1). */
static double bernoulli_argmax(void)
{
    gsl_function F = {minus_bernoulli_entropy, NULL};
    gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (s == NULL || gsl_min_fminimizer_set(s, &F, 0.3, 0.01, 0.99) != GSL_SUCCESS)
        book_fail(B, "cannot start the minimiser");
    int status = GSL_CONTINUE;
    for (int iter = 0; iter < 200 && status == GSL_CONTINUE; iter++) {
        if (gsl_min_fminimizer_iterate(s) != GSL_SUCCESS)
            book_fail(B, "the minimiser failed");
        status = gsl_min_test_interval(gsl_min_fminimizer_x_lower(s),
                                       gsl_min_fminimizer_x_upper(s), 1e-7, 0.0);
    }
    double x = gsl_min_fminimizer_x_minimum(s);
    gsl_min_fminimizer_free(s);
    if (status != GSL_SUCCESS)
        book_fail(B, "the minimiser did not converge");
    return x;
}
/* <<< bernoulli */

/* H(Bern(p)) in bits written independently of the library: log1p for the
 * complement, 0 log 0 = 0 by hand. */
static double bernoulli_direct(double p)
{
    double a = p > 0 ? -p * log(p) : 0.0;
    double c = p < 1 ? -(1.0 - p) * log1p(-p) : 0.0;
    return (a + c) / M_LN2;
}

static void bernoulli(void)
{
    long points = book_param_int(B, "BERN_POINTS"), N = points - 1;
    FILE *f = book_data(B, "bernoulli.tsv", "entropy of Bern(p) in bits",
                        "p\tH_bits");
    double max_asym = 0.0;
    for (int i = 0; i <= N; i++) {
        double p = (double)i / N;
        double h = bernoulli_entropy(p, NULL);
        fprintf(f, "%.6g\t%.12g\n", p, h);
        max_asym = fmax(max_asym, fabs(h - bernoulli_direct(p)));
    }
    book_close_file(B, f);

    double pstar = bernoulli_argmax();
    double hstar = bernoulli_entropy(pstar, NULL);
    double h01 = bernoulli_entropy(0.1, NULL);
    double h11 = bernoulli_entropy(0.11, NULL);

    book_plot_value(B, "bern_argmax", pstar);
    book_plot_value(B, "bern_hmax", hstar);
    book_plot_value(B, "bern_h01", h01);
    book_value(B, "bern_argmax", pstar, 8);
    book_value(B, "bern_h01", h01, 3);
    book_value(B, "bern_h11", h11, 3);
    book_plot_value(B, "bern_h04", bernoulli_entropy(0.4, NULL));
    book_value(B, "bern_h04", bernoulli_entropy(0.4, NULL), 3);
    book_value(B, "bern_h045", bernoulli_entropy(0.45, NULL), 4);
    book_value(B, "bern_loss045", 1 - bernoulli_entropy(0.45, NULL), 2);
    book_value(B, "bern_quad045", 2 * 0.05 * 0.05 / M_LN2, 2);
    /* near the top, 1 − H(½ + ε) = 2ε²/ln 2 + O(ε⁴) (Taylor: H″(½) = −4/ln 2) */
    book_claim_rel(B, "series", "Bernoulli: 1 − H(½ + ε) = 2ε²/ln 2 at ε = 0.01",
                   2 * 1e-4 / M_LN2, 1 - bernoulli_entropy(0.51, NULL), 1e-3);
    /* exercise: two independent coins, p = 0.5 and p = 0.1 */
    double joint[4] = {0.05, 0.45, 0.05, 0.45}, hj;
    ok(kl_discrete_entropy(joint, 4, 2.0, &hj), "joint entropy");
    book_value(B, "ex_joint_h", hj, 4);
    book_claim_abs(B, "exact", "two independent coins: H(X, Y) = H(X) + H(Y) = 1 + H(0.1) bits",
                   1.0 + bernoulli_direct(0.1), hj, 1e-14);
    book_claim_abs(B, "exact", "Bernoulli: Brent's method puts the maximum of H at p = ½",
                   0.5, pstar, 1e-7);
    book_claim_abs(B, "exact", "Bernoulli: the maximum is 1 bit", 1.0, hstar, 1e-14);
    book_claim_le(B, "log1p formula", "Bernoulli: library H(p) = −p log₂p − (1−p) "
                  "log₂(1−p) via log1p, on the grid (largest gap)",
                  max_asym, 0.0, 1e-14);
}

/* The Bernoulli explorer beside the curve: on a grid of p, the entropy and
 * the surprise of each outcome in bits, through the library (kind "curve"
 * of src/book/explorer.js), and the values the prose quotes at p = 0.1. */
static void bernoulli_explorer(void)
{
    enum { NP = 201 };
    double p[NP], y[3][NP];
    for (int i = 0; i < NP; i++) {
        p[i] = i / (NP - 1.0);
        y[0][i] = bernoulli_entropy(p[i], NULL);
        y[1][i] = i == 0 ? INFINITY : information(p[i], 2.0);
        y[2][i] = i == NP - 1 ? INFINITY : information(1.0 - p[i], 2.0);
    }
    struct book_explorer *e = book_explorer_open(B, "bernoulli", "curve");
    book_explorer_text(e, "title", "A coin with P(X = 1) = p");
    book_explorer_text(e, "xname", "p");
    book_explorer_text(e, "yname", "bits");
    book_explorer_text(e, "name0", "entropy H(p)");
    book_explorer_text(e, "name1", "surprise of X = 1, −log₂ p");
    book_explorer_text(e, "name2", "surprise of X = 0, −log₂(1 − p)");
    book_explorer_number(e, "nseries", 3);
    book_explorer_number(e, "digits", 4);
    book_explorer_number(e, "ymax", 5.0);
    book_explorer_array(e, "x", p, NP, 10);
    book_explorer_array(e, "y0", y[0], NP, 12);
    book_explorer_array(e, "y1", y[1], NP, 12);
    book_explorer_array(e, "y2", y[2], NP, 12);
    book_explorer_number(e, "probe_x", 0.1);
    book_explorer_close(e);
    book_value(B, "bern_probe_h", bernoulli_entropy(0.1, NULL), 4);
    book_value(B, "bern_probe_i1", information(0.1, 2.0), 4);
    book_value(B, "bern_probe_i0", information(0.9, 2.0), 4);
}


/* -- 3b. Codes: Kraft's inequality and Huffman's code ---------------------- */

struct sym { double p; size_t i; };

static int by_probability(const void *a, const void *b)
{
    double x = ((const struct sym *)a)->p, y = ((const struct sym *)b)->p;
    return (x > y) - (x < y);
}

/* >>> huffman */
/* Huffman's code (Huffman 1952): merge the two least probable symbols into
 * one and repeat until one is left.  A symbol's codeword is one bit longer
 * for every merge it takes part in.  The leaves wait in one queue, sorted;
 * merged nodes come out in increasing weight, so they wait in a second. */
static void huffman_lengths(const double *p, size_t k, int *len)
{
    size_t nodes = 2 * k - 1, a = 0, b = k, next = k;
    struct sym *leaf = book_malloc(B, k * sizeof *leaf);
    double *w = book_malloc(B, nodes * sizeof *w);
    size_t *parent = book_malloc(B, nodes * sizeof *parent);
    int *depth = book_malloc(B, nodes * sizeof *depth);
    for (size_t i = 0; i < k; i++)
        leaf[i] = (struct sym){p[i], i};
    qsort(leaf, k, sizeof *leaf, by_probability);
    for (size_t i = 0; i < k; i++)
        w[i] = leaf[i].p;
    for (; next < nodes; next++) { /* take the two lightest fronts */
        size_t x = a < k && (b >= next || w[a] <= w[b]) ? a++ : b++;
        size_t y = a < k && (b >= next || w[a] <= w[b]) ? a++ : b++;
        w[next] = w[x] + w[y];
        parent[x] = parent[y] = next;
    }
    depth[nodes - 1] = 0; /* the root; a child is one deeper */
    for (size_t n = nodes - 1; n-- > 0;)
        depth[n] = depth[parent[n]] + 1;
    for (size_t i = 0; i < k; i++)
        len[leaf[i].i] = depth[i];
    free(leaf), free(w), free(parent), free(depth);
}

/* The mean length L = sum p_i l_i and the Kraft sum sum 2^-l_i. */
static void code_stats(const double *p, const int *len, size_t k,
                       double *mean, double *kraft)
{
    *mean = *kraft = 0.0;
    for (size_t i = 0; i < k; i++) {
        *mean += p[i] * len[i];
        *kraft += ldexp(1.0, -len[i]);
    }
}
/* <<< huffman */

/* The least mean length over ALL length vectors in 1..k-1 that satisfy
 * Kraft's inequality (every one is a prefix code's), by brute force. */
static double best_lengths_brute(const double *p, size_t k)
{
    int len[8];
    double best = INFINITY;
    for (size_t i = 0; i < k; i++)
        len[i] = 1;
    for (;;) {
        double mean, kraft;
        code_stats(p, len, k, &mean, &kraft);
        if (kraft <= 1.0)
            best = fmin(best, mean);
        size_t i = 0;
        while (i < k && len[i] == (int)k - 1)
            len[i++] = 1;
        if (i == k)
            return best;
        len[i]++;
    }
}

/* Canonical codewords for the lengths, as strings of 0 and 1: shorter
 * first, each the previous plus one, shifted to its length. */
static void canonical_code(const int *len, size_t k, char words[][24])
{
    unsigned long code = 0;
    int prev = 0, done = 0;
    for (int l = 1; done < (int)k; l++)
        for (size_t i = 0; i < k; i++)
            if (len[i] == l) {
                code <<= (l - prev);
                prev = l;
                for (int j = 0; j < l; j++)
                    words[i][j] = (code >> (l - 1 - j)) & 1 ? '1' : '0';
                words[i][l] = '\0';
                code++;
                done++;
            }
}

/* Pairs (i, j) whose codeword i is a prefix of codeword j. */
static int prefix_violations(char words[][24], size_t k)
{
    int bad = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++)
            if (i != j && strncmp(words[i], words[j], strlen(words[i])) == 0)
                bad++;
    return bad;
}

/* One of the chapter's distributions coded: its values and claims. */
static void code_one(const char *name, const char *label, const double *p, size_t k,
                     int dyadic)
{
    int len[8];
    char words[8][24], key[64], text[200], list[200] = "";
    double h, mean, kraft;
    ok(kl_discrete_entropy(p, k, 2.0, &h), "entropy");
    huffman_lengths(p, k, len);
    code_stats(p, len, k, &mean, &kraft);
    canonical_code(len, k, words);
    for (size_t i = 0; i < k; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 i ? ", " : "", words[i]);
    snprintf(key, sizeof key, "code_%s_h", name), book_value(B, key, h, 4);
    snprintf(key, sizeof key, "code_%s_h1", name), book_value(B, key, h + 1, 4);
    snprintf(key, sizeof key, "code_%s_l", name), book_value(B, key, mean, 4);
    snprintf(key, sizeof key, "code_%s_excess", name), book_value(B, key, mean - h, 3);
    snprintf(key, sizeof key, "code_%s_kraft", name), book_value(B, key, kraft, 4);
    snprintf(key, sizeof key, "code_%s_words", name), book_value_text(B, key, list);
    snprintf(text, sizeof text, "%s: Huffman's L = the least L over all Kraft length vectors", label);
    book_claim_abs(B, "brute force", text, best_lengths_brute(p, k), mean, 1e-12);
    snprintf(text, sizeof text, "%s: H ≤ L < H + 1 (L − H, bits)", label);
    book_claim_ge(B, "bound", text, mean - h, 0.0, dyadic ? 1e-12 : 0.0);
    book_claim_le(B, "bound", text, mean - h, 1.0 - 1e-9, 0.0);
    snprintf(text, sizeof text, "%s: Kraft sum of Huffman's code = 1", label);
    book_claim_abs(B, "exact", text, 1.0, kraft, 1e-12);
    snprintf(text, sizeof text, "%s: codewords prefix-free (pairs checked)", label);
    book_claim_le(B, "brute force", text, prefix_violations(words, k), 0.0, 0.0);
    if (dyadic) {
        snprintf(text, sizeof text, "%s (dyadic): L = H exactly", label);
        book_claim_abs(B, "exact", text, h, mean, 1e-12);
    }
}

static void codes(void)
{
    double coin = book_param_real(B, "COIN");
    long nmax = book_param_int(B, "BLOCK_MAX");
    const double weather[] = {0.5, 0.25, 0.125, 0.125};
    const double bern[] = {coin, 1 - coin};
    const double loaded[] = {0.5, 0.1, 0.1, 0.1, 0.1, 0.1};
    const double fair[] = {1. / 6, 1. / 6, 1. / 6, 1. / 6, 1. / 6, 1. / 6};
    const double ex[] = {0.4, 0.2, 0.2, 0.1, 0.1};
    code_one("weather", "weather", weather, 4, 1);
    code_one("coin", "coin", bern, 2, coin == 0.5);
    code_one("loaded", "loaded die", loaded, 6, 0);
    code_one("fair", "fair die", fair, 6, 0);
    code_one("ex", "exercise (0.4, 0.2, 0.2, 0.1, 0.1)", ex, 5, 0);

    /* Kraft sums of two proposed length lists, for the exercises */
    book_value(B, "kraft_ex_a", 0.5 + 0.25 + 0.25 + 0.125, 4);

    /* >>> blocks */
    /* Blocks of n tosses of the coin: 2^n symbols, a block with j heads has
     * probability coin^j (1 - coin)^(n - j).  Code them with Huffman. */
    double h1, worst_lo = INFINITY, worst_hi = -INFINITY;
    ok(kl_discrete_entropy(bern, 2, 2.0, &h1), "coin entropy");
    FILE *f = book_data(B, "blocks.tsv", "Huffman code of blocks of n coin tosses",
                        "n\tL_per_toss\tH\tH_plus_1_over_n");
    for (long n = 1; n <= nmax; n++) {
        size_t m = (size_t)1 << n;
        double *p = book_malloc(B, m * sizeof *p), mean, kraft, hn;
        int *len = book_malloc(B, m * sizeof *len);
        for (size_t s = 0; s < m; s++) {
            int heads = __builtin_popcountl(s);
            p[s] = pow(coin, heads) * pow(1 - coin, n - heads);
        }
        huffman_lengths(p, m, len);
        code_stats(p, len, m, &mean, &kraft);
        /* <<< blocks */
        ok(kl_discrete_entropy(p, m, 2.0, &hn), "block entropy");
        worst_lo = fmin(worst_lo, mean / n - h1);
        worst_hi = fmax(worst_hi, (mean / n - h1) * n);
        if (n == 2) {
            book_value(B, "block2_l", mean / 2, 4);
            book_value(B, "block2_p_tt", p[0], 4);
            book_value(B, "block2_p_ht", p[1], 4);
            book_value(B, "block2_p_hh", p[3], 4);
        }
        if (n == nmax) {
            book_value(B, "blockN_l", mean / n, 4);
            book_value(B, "blockN_gap", mean / n - h1, 2);
            book_value(B, "blockN_bound", 1.0 / n, 2);
            char text[200];
            snprintf(text, sizeof text, "blocks of %ld tosses: library H(block) = n H(coin)", n);
            book_claim_rel(B, "exact", text, n * h1, hn, 1e-12);
        }
        fprintf(f, "%ld\t%.12g\t%.12g\t%.12g\n", n, mean / n, h1, h1 + 1.0 / n);
        free(p), free(len);
    }
    book_close_file(B, f);
    book_claim_ge(B, "bound", "blocks n = 1…BLOCK_MAX: L_n/n ≥ H (least L_n/n − H)", worst_lo,
                  0.0, coin == 0.5 ? 1e-12 : 0.0);
    book_claim_le(B, "bound", "blocks n = 1…BLOCK_MAX: L_n/n < H + 1/n (largest n(L_n/n − H))",
                  worst_hi, 1.0 - 1e-9, 0.0);
    book_plot_value(B, "coin_h", h1);
    book_value(B, "coin_h_bits", h1, 3);
    book_value(B, "coin_q", 1 - coin, 4);
}

/* -- 4. The uniform distribution has the largest entropy ------------------ */

/* E[H(P)] for P ~ Dirichlet(alpha, ..., alpha) on K outcomes, in nats:
 * psi(K alpha + 1) - psi(alpha + 1) (Wolpert & Wolf, Phys. Rev. E 52, 1995). */
static double dirichlet_mean_entropy(size_t k, double alpha)
{
    return gsl_sf_psi(k * alpha + 1.0) - gsl_sf_psi(alpha + 1.0);
}

/* The draws of one alphabet size K: their entropies' histogram (as a
 * fraction of ln K), the claims and the values the prose quotes. */
static void maxent_size(gsl_rng *rng, size_t k, long draws, double alpha,
                        double *hist, double *worst_excess, double frac[2])
{
    double *a = book_malloc(B, k * sizeof *a), *p = book_malloc(B, k * sizeof *p);
    double *u = book_malloc(B, k * sizeof *u), *h = book_malloc(B, (size_t)draws * sizeof *h);
    double hmax = -INFINITY;
    for (size_t i = 0; i < k; i++) {
        a[i] = alpha;
        u[i] = 1.0 / k;
    }
    /* >>> dirichlet */
    double log_k;
    ok(kl_discrete_entropy(u, k, KL_BASE_E, &log_k), "uniform entropy");
    for (long d = 0; d < draws; d++) {
        gsl_ran_dirichlet(rng, k, a, p);
        ok(kl_discrete_entropy(p, k, KL_BASE_E, &h[d]), "entropy");
        hmax = fmax(hmax, h[d]);
    }
    /* <<< dirichlet */
    for (long d = 0; d < draws; d++) {
        int bin = (int)(h[d] / log_k * BINS);
        hist[bin < 0 ? 0 : bin < BINS ? bin : BINS - 1] += 1.0;
    }
    double mean = gsl_stats_mean(h, 1, (size_t)draws);
    double se = gsl_stats_sd_m(h, 1, (size_t)draws, mean) / sqrt((double)draws);
    *worst_excess = fmax(*worst_excess, hmax - log_k);

    char text[200];
    snprintf(text, sizeof text, "K = %zu: H(uniform) = ln K", k);
    book_claim_rel(B, "exact", text, log((double)k), log_k, 1e-15);
    snprintf(text, sizeof text,
             "K = %zu: no random P has H(P) > ln K (largest H − ln K)", k);
    book_claim_le(B, "bound", text, hmax - log_k, 0.0, 1e-13);
    snprintf(text, sizeof text,
             "K = %zu: mean H of Dirichlet(α) draws = ψ(Kα+1) − ψ(α+1)", k);
    book_claim_sigma(B, "Monte Carlo", text, dirichlet_mean_entropy(k, alpha), mean, se, 4.0);
    frac[0] = hmax / log_k;
    frac[1] = mean / log_k;
    free(a), free(p), free(u), free(h);
}

/* What a Dirichlet(alpha, ..., alpha) law favours, in words for the prose. */
static const char *dirichlet_reading(double alpha)
{
    if (alpha == 1.0)
        return "the uniform law on the set of all probability vectors";
    if (alpha < 1.0)
        return "a law that favours sparse vectors, with most of their mass "
               "on a few outcomes";
    return "a law that favours vectors close to the uniform distribution";
}

static void uniform_maximum(void)
{
    long sizes[MAXSIZES];
    size_t nsizes = book_param_int_list(B, "SIZES", sizes, MAXSIZES);
    long draws = book_param_int(B, "DRAWS");
    double alpha = book_param_real(B, "ALPHA");
    double hist[MAXSIZES][BINS] = {{0}}, worst_excess = -INFINITY;
    double frac[MAXSIZES][2];
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (rng == NULL)
        book_fail(B, "out of memory");
    gsl_rng_set(rng, (unsigned long)book_param_int(B, "SEED"));
    for (size_t s = 0; s < nsizes; s++)
        maxent_size(rng, (size_t)sizes[s], draws, alpha, hist[s],
                    &worst_excess, frac[s]);
    gsl_rng_free(rng);

    char columns[200] = "h_over_lnK";
    for (size_t s = 0; s < nsizes; s++)
        snprintf(columns + strlen(columns), sizeof columns - strlen(columns),
                 "\tK%ld", sizes[s]);
    FILE *f = book_data(B, "maxent.tsv", "histogram of H(P)/ln K over "
                        "Dirichlet(ALPHA) draws, as a density on [0, 1]", columns);
    for (int i = 0; i < BINS; i++) {
        fprintf(f, "%.6g", (i + 0.5) / BINS);
        for (size_t s = 0; s < nsizes; s++)
            fprintf(f, "\t%.6g", hist[s][i] * BINS / draws);
        fputc('\n', f);
    }
    book_close_file(B, f);

    book_value_int(B, "maxent_total", draws * (long)nsizes);
    book_value(B, "maxent_worst_excess", worst_excess, 2);
    book_value_text(B, "dirichlet_reading", dirichlet_reading(alpha));
    /* the prose compares the smallest alphabet with the largest */
    book_value_int(B, "maxent_k_first", sizes[0]);
    book_value_int(B, "maxent_k_last", sizes[nsizes - 1]);
    book_value(B, "maxent_first_hmax_frac", frac[0][0], 4);
    book_value(B, "maxent_first_hmax_gap", 1 - frac[0][0], 2);
    /* the exercises' predictions, from the closed-form mean entropy */
    book_value(B, "ex_alpha01_first", dirichlet_mean_entropy((size_t)sizes[0], 0.1) / log((double)sizes[0]), 3);
    book_value(B, "ex_alpha01_last", dirichlet_mean_entropy((size_t)sizes[nsizes - 1], 0.1) / log((double)sizes[nsizes - 1]), 3);
    book_value(B, "ex_k1000_mean", dirichlet_mean_entropy(1000, alpha) / log(1000.0), 3);
    book_value(B, "maxent_last_hmax_frac", frac[nsizes - 1][0], 4);
    book_value(B, "maxent_first_mean_frac", frac[0][1], 3);
    book_value(B, "maxent_last_mean_frac", frac[nsizes - 1][1], 3);
}

/* -- 5. Differential entropy of a Gaussian -------------------------------- */

/* The quadrature value of h(N(0, sigma^2)), and its error estimate. */
static struct kl_quad_result quad_entropy(double sigma)
{
    struct kl_gaussian g = {0.0, sigma};
    struct kl_density p = kl_gaussian_density(&g);
    struct kl_quad_result q;
    ok(kl_density_entropy(&p, NULL, &q), "quadrature");
    return q;
}

/* Closed form against quadrature at each of the chapter's SIGMAS. */
static void gaussian_entropy_check(void)
{
    double sigmas[MAXSIGMAS], worst = 0.0;
    size_t nsig = book_param_real_list(B, "SIGMAS", sigmas, MAXSIGMAS);
    FILE *f = book_data(B, "gauss-entropy-quad.tsv",
                        "differential entropy of N(0, sigma^2) by quadrature",
                        "sigma\th_quad\th_closed\tabserr");
    for (size_t i = 0; i < nsig; i++) {
        /* >>> gauss-entropy */
        struct kl_gaussian g = {0.0, sigmas[i]};
        struct kl_density p = kl_gaussian_density(&g);
        struct kl_quad_result quad;
        double closed;
        ok(kl_density_entropy(&p, NULL, &quad), "quadrature");
        ok(kl_gaussian_entropy(sigmas[i], &closed), "closed form");
        /* <<< gauss-entropy */
        worst = fmax(worst, fabs(quad.value - closed) / fmax(fabs(closed), 1.0));
        fprintf(f, "%.6g\t%.15g\t%.15g\t%.3g\n", sigmas[i], quad.value, closed,
                quad.abserr);
    }
    book_close_file(B, f);
    char text[200], lo[32], hi[32];
    snprintf(text, sizeof text, "Gaussian: ½ ln(2πeσ²) = quadrature at %zu σ "
             "from %s to %s (worst error, relative to max(|h|, 1))", nsig,
             book_format(sigmas[0], 3, 0, lo, sizeof lo),
             book_format(sigmas[nsig - 1], 3, 0, hi, sizeof hi));
    book_claim_le(B, "quadrature", text, worst, 0.0, 1e-10);
    book_value(B, "sigmas_lo", sigmas[0], 3);
    book_value(B, "sigmas_hi", sigmas[nsig - 1], 3);

    /* the closed-form curve, over the checked range and at least 0.01..100 */
    double from = fmin(0.01, sigmas[0]), to = fmax(100.0, sigmas[nsig - 1]);
    f = book_data(B, "gauss-entropy.tsv", "h(N(0, sigma^2)) = ln(sigma sqrt(2 pi e))",
                  "sigma\th_nats");
    for (int i = 0; i <= 400; i++) {
        double s = from * pow(to / from, i / 400.0), h;
        ok(kl_gaussian_entropy(s, &h), "closed form");
        fprintf(f, "%.6g\t%.10g\n", s, h);
    }
    book_close_file(B, f);
    book_plot_value(B, "sigma_from", from);
    book_plot_value(B, "sigma_to", to);
}

static void gaussian_entropy(void)
{
    gaussian_entropy_check();
    struct kl_quad_result q1 = quad_entropy(1.0);
    double h1, h01;
    ok(kl_gaussian_entropy(1.0, &h1), "closed form");
    ok(kl_gaussian_entropy(0.1, &h01), "closed form");
    book_value(B, "h_std_normal", h1, 6);
    book_value(B, "h_std_normal_quad", q1.value, 12);
    book_value(B, "h_std_normal_err", q1.abserr, 2);
    book_value(B, "h_sigma01", h01, 4);

    double sigma0 = 1.0 / sqrt(2.0 * M_PI * M_E);
    struct kl_gaussian g0 = {0.0, sigma0};
    struct kl_density p0 = kl_gaussian_density(&g0);
    struct kl_quad_result q0;
    /* the value is zero, so ask for an absolute tolerance */
    struct kl_quad abs_tol = {1e-14, 0.0, 1000};
    ok(kl_density_entropy(&p0, &abs_tol, &q0), "quadrature");
    book_claim_abs(B, "closed form", "Gaussian: h = 0 at σ₀ = 1/√(2πe) (quadrature)", 0.0,
                   q0.value, 1e-12);
    book_claim_le(B, "bound", "Gaussian: h(N(0, 0.1²)) is negative (quadrature)",
                  quad_entropy(0.1).value, 0.0, 0.0);
    book_value(B, "sigma0", sigma0, 4);
    book_plot_value(B, "sigma0", sigma0);
    /* exercise: the uniform law on [0, a] has h = ln a; a Gaussian of the
     * same variance a²/12 has ½ ln(πe/6) more, whatever a */
    for (int i = 0; i < 2; i++) {
        double a = i ? 0.5 : 2.0, hg;
        ok(kl_gaussian_entropy(a / sqrt(12.0), &hg), "closed form");
        char text[200];
        snprintf(text, sizeof text, "uniform on [0, %g]: h(Gaussian, same variance) − ln a = ½ ln(πe/6)", a);
        book_claim_rel(B, "closed form", text, 0.5 * log(M_PI * M_E / 6), hg - log(a), 1e-12);
    }
    book_value(B, "ex_unif_h05", log(0.5), 4);
    book_value(B, "ex_unif_gap", 0.5 * log(M_PI * M_E / 6), 4);
    /* exercise: the loaded die, H = log K − D(P‖U) */
    {
        double p[6] = {0.5, 0.1, 0.1, 0.1, 0.1, 0.1}, u[6], h, d;
        for (int i = 0; i < 6; i++)
            u[i] = 1.0 / 6;
        ok(kl_discrete_entropy(p, 6, 2.0, &h), "entropy");
        ok(kl_discrete_divergence(p, u, 6, 2.0, &d), "divergence");
        book_claim_abs(B, "exact", "loaded die: H(P) + D(P‖U) = log₂ 6", log2(6.0), h + d, 1e-14);
        book_value(B, "ex_die_d", d, 4);
        book_value(B, "ex_log6", log2(6.0), 4);
    }
    book_value(B, "peak_sigma01", 1.0 / (0.1 * sqrt(2 * M_PI)), 3);
}

/* -- 6. Differential entropy as a limit of discrete entropy --------------- */

/* >>> discretize */
/* Entropy of X ~ N(0, sigma^2) rounded to bins of width delta: the bins'
 * probabilities come from the normal CDF (GSL), out to 12 sigma. */
static double binned_entropy(double sigma, double delta)
{
    size_t half = (size_t)ceil(12.0 * sigma / delta);
    size_t n = 2 * half;
    double *p = book_malloc(B, n * sizeof *p), h;
    for (size_t i = 0; i < n; i++) {
        double a = ((double)i - (double)half) * delta;
        /* the tail that is smaller, for accuracy */
        p[i] = a >= 0 ? gsl_cdf_gaussian_Q(a, sigma) - gsl_cdf_gaussian_Q(a + delta, sigma)
                      : gsl_cdf_gaussian_P(a + delta, sigma) - gsl_cdf_gaussian_P(a, sigma);
    }
    ok(kl_discrete_normalize(p, n, p), "bin probabilities");
    ok(kl_discrete_entropy(p, n, KL_BASE_E, &h), "binned entropy");
    free(p);
    return h;
}
/* H(X_delta) + ln(delta) -> h(X) as delta -> 0 (Cover & Thomas, Thm 8.3.1) */
/* <<< discretize */

static void discretize(void)
{
    const double sigmas[] = {0.1, 1.0};
    FILE *f = book_data(B, "discretize.tsv",
                        "binned entropy plus ln(delta) against bin width",
                        "delta_over_sigma\tH_plus_ln_delta_s01\tH_s01\t"
                        "H_plus_ln_delta_s1\tH_s1");
    double last[2] = {0, 0}, lastH[2] = {0, 0};
    for (int i = 0; i <= 30; i++) {
        double r = pow(10.0, 0.5 - 3.5 * i / 30.0); /* delta / sigma */
        fprintf(f, "%.6g", r);
        for (int s = 0; s < 2; s++) {
            double delta = r * sigmas[s];
            double H = binned_entropy(sigmas[s], delta);
            last[s] = H + log(delta);
            lastH[s] = H;
            fprintf(f, "\t%.12g\t%.12g", last[s], H);
        }
        fputc('\n', f);
    }
    book_close_file(B, f);

    double h01 = quad_entropy(0.1).value, h1 = quad_entropy(1.0).value;
    book_claim_abs(B, "GSL CDF, quadrature", "σ = 1: H(binned, Δ = 10⁻³σ) + ln Δ → h(N(0,1))", h1,
                   last[1], 1e-6);
    book_claim_abs(B, "GSL CDF, quadrature", "σ = 0.1: H(binned, Δ = 10⁻³σ) + ln Δ → h(N(0,0.01))",
                   h01, last[0], 1e-6);
    book_value(B, "disc_H_s01", lastH[0], 4);
    book_value(B, "disc_lndelta_s01", log(1e-3 * 0.1), 4);

    book_plot_value(B, "disc_h1", h1);
    book_plot_value(B, "disc_h01", h01);
}

int main(int argc, char **argv)
{
    B = book_open("01-entropy", argc, argv);
    information_figure();
    weather_example();
    bernoulli();
    bernoulli_explorer();
    codes();
    uniform_maximum();
    gaussian_entropy();
    discretize();
    return book_close(B);
}
