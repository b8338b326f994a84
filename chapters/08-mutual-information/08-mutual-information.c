/* 08-mutual-information — Chapter 8: mutual information, the divergence
 * between a joint law and the product of its marginals.
 *
 * Experiments: the entropies of a worked example (today's weather against
 * tomorrow's) and their information diagram; the chain rule, I(X;Y) =
 * D(P_XY‖P_X P_Y) = H(X) − H(X|Y) and its Pinsker bound on random joint
 * tables; the data-processing inequality on random Markov chains and its
 * cases of equality; the bivariate normal law, closed form against
 * two-dimensional quadrature and Monte Carlo, and what keeping only the signs
 * loses; estimating I(X;Y) from samples (the plug-in bias, Miller–Madow, the
 * standard error); the Jensen–Shannon divergence as the information a sample
 * carries about its source; the binary symmetric channel.
 *
 * Run: make chapter-08.  The knobs are in chapters/08-mutual-information/params;
 * the figures are drawn by the fig-*.gp scripts beside this file from the
 * data and values.gp written here. */
#define _DEFAULT_SOURCE /* M_PI */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "book/book.h"
#include "kl/discrete.h"
#include "kl/distance.h"
#include "kl/joint.h"

enum {
    EXK = 3,            /* the example's outcomes (sun, cloud, rain) */
    MAXT = 20,          /* the largest TABLE_MAXK */
    MAXC = 8,           /* the largest CHAIN_K */
    MAXE = 6,           /* the largest EST_K */
    MAXSIZES = 14,      /* EST_SIZES entries */
    MAXRHOS = 12,       /* GAUSS_RHOS entries */
    MAXJS = 50,         /* the largest JS_K */
    PLOTTED = 4000      /* points kept for a scatter plot */
};

static struct book *B;
static gsl_rng *RNG;
static const double LN2 = 0.693147180559945309417232121458176568;

static void ok(enum kl_status st, const char *what)
{
    if (st != KL_OK)
        book_fail(B, "%s: %s", what, kl_strerror(st));
}

/* A Dirichlet(ALPHA, ..., ALPHA) draw of K entries into OUT (K <= 400). */
static void dirichlet(size_t k, double alpha, double *out)
{
    double a[400];
    for (size_t i = 0; i < k; i++)
        a[i] = alpha;
    gsl_ran_dirichlet(RNG, k, a, out);
}

static double mi_nats(const double *t, size_t rows, size_t cols)
{
    double v;
    ok(kl_joint_mi(t, rows, cols, KL_BASE_E, &v), "I(X;Y)");
    return v;
}

/* h(e) in nats, with h(0) = h(1) = 0 */
static double h_nats(double e)
{
    if (e <= 0.0 || e >= 1.0)
        return 0.0;
    return -e * log(e) - (1.0 - e) * log1p(-e);
}

/* -- 1. The worked example and its information diagram --------------------- */

/* The area common to two discs of radii R1, R2 whose centres are D apart
 * (|R1 − R2| < D < R1 + R2). */
static double lens_area(double d, double r1, double r2)
{
    double c1 = (d * d + r1 * r1 - r2 * r2) / (2.0 * d * r1);
    double c2 = (d * d + r2 * r2 - r1 * r1) / (2.0 * d * r2);
    double a1 = acos(fmax(-1.0, fmin(1.0, c1)));
    double a2 = acos(fmax(-1.0, fmin(1.0, c2)));
    double k = (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2);
    return r1 * r1 * a1 + r2 * r2 * a2 - 0.5 * sqrt(k > 0.0 ? k : 0.0);
}

struct lens { double r1, r2, area; };

static double lens_gap(double d, void *params)
{
    const struct lens *l = params;
    return lens_area(d, l->r1, l->r2) - l->area;
}

/* The distance between the centres of discs of areas H1 and H2 whose overlap
 * has area I (0 <= I <= min(H1, H2)), by Brent's method. */
static double venn_distance(double h1, double h2, double i)
{
    struct lens l = {sqrt(h1 / M_PI), sqrt(h2 / M_PI), i};
    double lo = fabs(l.r1 - l.r2), hi = l.r1 + l.r2;
    if (i <= 0.0)
        return hi;
    if (i >= fmin(h1, h2) * (1.0 - 1e-12))
        return lo;
    gsl_function f = {lens_gap, &l};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL)
        book_fail(B, "out of memory");
    if (gsl_root_fsolver_set(s, &f, lo * (1 + 1e-15) + 1e-300, hi) != GSL_SUCCESS)
        book_fail(B, "the Venn diagram's distance cannot be bracketed");
    double d = hi;
    for (int it = 0; it < 200; it++) {
        if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
            book_fail(B, "the Venn diagram's root finder failed");
        d = gsl_root_fsolver_root(s);
        double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
        if (gsl_root_test_interval(a, b, 0.0, 1e-14) == GSL_SUCCESS)
            break;
    }
    gsl_root_fsolver_free(s);
    return d;
}

static void example(void)
{
    static const char *const names[EXK] = {"sun", "cloud", "rain"};
    double w[EXK * EXK], t[EXK * EXK];
    if (book_param_real_list(B, "EX_TABLE", w, EXK * EXK) != EXK * EXK)
        book_fail(B, "EX_TABLE needs 9 entries");
    ok(kl_discrete_normalize(w, EXK * EXK, t), "EX_TABLE");
    /* >>> example */
    struct kl_joint_info in;
    double px[EXK], py[EXK];
    ok(kl_joint_info(t, EXK, EXK, 2.0, &in), "the example's entropies");
    ok(kl_joint_marginals(t, EXK, EXK, px, py), "the example's marginals");
    /* <<< example */
    for (int i = 0; i < EXK; i++) {
        char name[32];
        for (int j = 0; j < EXK; j++) {
            snprintf(name, sizeof name, "ex_p%d%d", i + 1, j + 1);
            book_value(B, name, t[i * EXK + j], 3);
        }
        snprintf(name, sizeof name, "ex_px%d", i + 1);
        book_value(B, name, px[i], 3);
        snprintf(name, sizeof name, "ex_py%d", i + 1);
        book_value(B, name, py[i], 3);
    }
    book_value(B, "ex_hx", in.hx, 4);
    book_value(B, "ex_hy", in.hy, 4);
    book_value(B, "ex_hxy", in.hxy, 4);
    book_value(B, "ex_hy_x", in.hy_x, 4);
    book_value(B, "ex_hx_y", in.hx_y, 4);
    book_value(B, "ex_mi", in.mi, 4);
    book_value(B, "ex_mi_frac", 100.0 * in.mi / in.hy, 2);

    /* the chain rule by hand: H(Y|X) as the average of the rows' entropies */
    double hrow[EXK], hy_x = 0.0;
    for (int i = 0; i < EXK; i++) {
        double row[EXK];
        for (int j = 0; j < EXK; j++)
            row[j] = t[i * EXK + j] / px[i];
        ok(kl_discrete_normalize(row, EXK, row), "a row");
        ok(kl_discrete_entropy(row, EXK, 2.0, &hrow[i]), "a row's entropy");
        hy_x += px[i] * hrow[i];
        char name[32];
        snprintf(name, sizeof name, "ex_hrow%d", i + 1);
        book_value(B, name, hrow[i], 4);
    }
    /* I(X;Y) = Σ_x p(x) D(P_{Y|x} ‖ P_Y): how far each row's law of tomorrow
     * moves from the unconditional one, averaged over today */
    double avg_div = 0.0;
    for (int i = 0; i < EXK; i++) {
        double row[EXK], dv;
        for (int j = 0; j < EXK; j++)
            row[j] = t[i * EXK + j] / px[i];
        ok(kl_discrete_normalize(row, EXK, row), "a row");
        ok(kl_discrete_divergence(row, py, EXK, 2.0, &dv), "D(P_Y|x ‖ P_Y)");
        avg_div += px[i] * dv;
        char name[32];
        snprintf(name, sizeof name, "ex_drow%d", i + 1);
        book_value(B, name, dv, 4);
    }
    book_claim_abs(B, "rows' divergences", "example: I(X;Y) = Σₓ p(x) D(P_Y|x ‖ P_Y), "
                   "the rows' divergences from P_Y averaged (bits)", in.mi, avg_div,
                   1e-14);
    book_claim_abs(B, "by rows", "example: H(Y|X) = Σᵢ p(x) H(Y | X = x), the rows' "
                   "entropies averaged", hy_x, in.hy_x, 1e-14);
    book_claim_abs(B, "chain rule", "example: H(X,Y) = H(X) + H(Y|X) = H(Y) + H(X|Y)",
                   in.hxy, 0.5 * (in.hx + in.hy_x + in.hy + in.hx_y), 1e-14);

    /* the information diagram: discs of areas H(X) and H(Y) overlapping in
     * I(X;Y); their union must then have area H(X,Y) */
    double d = venn_distance(in.hx, in.hy, in.mi);
    double r1 = sqrt(in.hx / M_PI), r2 = sqrt(in.hy / M_PI);
    double lens = d >= r1 + r2 ? 0.0 : d <= fabs(r1 - r2) ? fmin(in.hx, in.hy)
                                                          : lens_area(d, r1, r2);
    book_claim_abs(B, "geometry", "information diagram: the union of the discs H(X), "
                   "H(Y) overlapping in I has area H(X,Y) (bits)", in.hxy,
                   M_PI * r1 * r1 + M_PI * r2 * r2 - lens, 1e-10);
    book_plot_value(B, "venn_r1", r1);
    book_plot_value(B, "venn_r2", r2);
    book_plot_value(B, "venn_d", d);
    /* where the circles cross, for the label of the overlap */
    double xc = (d * d + r1 * r1 - r2 * r2) / (2.0 * d);
    book_plot_value(B, "venn_xc", xc);
    book_plot_value(B, "ex_hx", in.hx);
    book_plot_value(B, "ex_hy", in.hy);
    book_plot_value(B, "ex_hxy", in.hxy);
    book_plot_value(B, "ex_hx_y", in.hx_y);
    book_plot_value(B, "ex_hy_x", in.hy_x);
    book_plot_value(B, "ex_mi", in.mi);

    FILE *f = book_data(B, "example.tsv", "the example's joint table: X (today), "
                        "Y (tomorrow), P(X,Y)", "x\ty\tp\tname_x\tname_y");
    for (int i = 0; i < EXK; i++)
        for (int j = 0; j < EXK; j++)
            fprintf(f, "%d\t%d\t%.6f\t%s\t%s\n", i, j, t[i * EXK + j], names[i],
                    names[j]);
    book_close_file(B, f);
}

/* -- 2. Random tables: chain rule, I as a divergence, independence --------- */

/* >>> conditional-by-rows */
/* H(Y|X) = Σ_x p(x) H(Y | X = x): each row divided by its sum is the law of
 * Y given that row's x (a route that does not use kl_joint_*). */
static double h_y_given_x_rows(const double *t, size_t rows, size_t cols)
{
    double sum = 0.0, row[MAXT];
    for (size_t i = 0; i < rows; i++) {
        double px = 0.0;
        for (size_t j = 0; j < cols; j++)
            px += t[i * cols + j];
        if (px == 0.0)
            continue;
        for (size_t j = 0; j < cols; j++)
            row[j] = t[i * cols + j];
        double h;
        ok(kl_discrete_normalize(row, cols, row), "a row");
        ok(kl_discrete_entropy(row, cols, KL_BASE_E, &h), "H(Y | X = x)");
        sum += px * h;
    }
    return sum;
}
/* <<< conditional-by-rows */

static void random_tables(void)
{
    const long n = book_param_int(B, "TABLES");
    const size_t kmax = (size_t)book_param_int(B, "TABLE_MAXK");
    const double alpha = book_param_real(B, "TABLE_ALPHA");
    double t[MAXT * MAXT], q[MAXT * MAXT], a[MAXT], b[MAXT];
    double worst_chain = 0.0, worst_diff = 0.0, min_mi = INFINITY,
           min_pinsker = INFINITY, worst_indep = 0.0, min_room = INFINITY,
           min_mi_tv = 0.0;
    long plotted = 0, every = n / PLOTTED + 1;
    FILE *f = book_data(B, "tables.tsv", "random joint tables: I(X;Y) and the "
                        "total variation from independence, in nats",
                        "tv\tmi\trows\tcols");
    for (long s = 0; s < n; s++) {
        size_t r = 2 + gsl_rng_uniform_int(RNG, kmax - 1);
        size_t c = 2 + gsl_rng_uniform_int(RNG, kmax - 1);
        dirichlet(r * c, alpha, t);
        struct kl_joint_info in;
        ok(kl_joint_info(t, r, c, KL_BASE_E, &in), "a random table");
        /* >>> chain-rule */
        double hxy = in.hxy;                              /* from the cells   */
        double by_x = in.hx + h_y_given_x_rows(t, r, c);  /* H(X) + H(Y|X)    */
        double by_y = in.hy + in.hx_y;                    /* H(Y) + H(X|Y)    */
        double via_h = in.hx - in.hx_y;                   /* H(X) − H(X|Y)    */
        worst_chain = fmax(worst_chain, fmax(fabs(hxy - by_x), fabs(hxy - by_y)));
        worst_diff = fmax(worst_diff, fabs(in.mi - via_h));
        /* <<< chain-rule */
        double mi_before = min_mi;
        min_mi = fmin(min_mi, in.mi);
        min_room = fmin(min_room, fmin(in.hx, in.hy) - in.mi);
        /* Pinsker against the product of the marginals */
        double px[MAXT], py[MAXT], tv;
        ok(kl_joint_marginals(t, r, c, px, py), "marginals");
        for (size_t i = 0; i < r; i++)
            for (size_t j = 0; j < c; j++)
                q[i * c + j] = px[i] * py[j];
        ok(kl_distance_tv(t, q, r * c, &tv), "TV");
        min_pinsker = fmin(min_pinsker, in.mi - 2.0 * tv * tv);
        if (min_mi < mi_before)
            min_mi_tv = tv;            /* the table with the smallest I so far */
        if (s % every == 0) {
            fprintf(f, "%.6g\t%.6g\t%zu\t%zu\n", tv, in.mi, r, c);
            plotted++;
        }
        /* an independent table: the product of two random marginals */
        dirichlet(r, alpha, a);
        dirichlet(c, alpha, b);
        for (size_t i = 0; i < r; i++)
            for (size_t j = 0; j < c; j++)
                t[i * c + j] = a[i] * b[j];
        worst_indep = fmax(worst_indep, mi_nats(t, r, c));
    }
    book_close_file(B, f);
    char text[200];
    snprintf(text, sizeof text, "chain rule on %ld random tables: H(X,Y) = H(X) + "
             "H(Y|X) (rows) = H(Y) + H(X|Y) (largest difference, nats)", n);
    book_claim_abs(B, "by rows", text, 0.0, worst_chain, 1e-13);
    snprintf(text, sizeof text, "I(X;Y) = D(P_XY‖P_X P_Y) equals H(X) − H(X|Y) on "
             "the %ld tables (largest difference, nats)", n);
    book_claim_abs(B, "entropies", text, 0.0, worst_diff, 1e-13);
    book_claim_ge(B, "bound", "I(X;Y) ≥ 0 on the random tables (smallest I)",
                  min_mi, 0.0, 0.0);
    book_claim_ge(B, "bound (Pinsker)", "I(X;Y) ≥ 2 TV(P_XY, P_X P_Y)² on the random "
                  "tables (smallest slack)", min_pinsker, 0.0, 1e-15);
    book_claim_ge(B, "bound", "I(X;Y) ≤ min(H(X), H(Y)) on the random tables "
                  "(smallest room)", min_room, 0.0, 1e-13);
    book_claim_abs(B, "exact", "independent tables P_X P_Y: I(X;Y) = 0 (largest I "
                   "found)", 0.0, worst_indep, 1e-15);
    book_value(B, "tables_worst_chain", worst_chain, 2);
    book_value(B, "tables_worst_diff", worst_diff, 2);
    book_value(B, "tables_min_mi", min_mi, 2);
    book_value(B, "tables_min_mi_tv", min_mi_tv, 2);
    book_plot_value(B, "tables_min_mi", min_mi);
    book_plot_value(B, "tables_min_mi_tv", min_mi_tv);
    book_value(B, "tables_min_pinsker", min_pinsker, 2);
    book_value(B, "tables_worst_indep", worst_indep, 2);
    book_value_int(B, "tables_plotted", plotted);
    book_plot_value(B, "tables_plotted", (double)plotted);
}

/* -- 3. The data-processing inequality ------------------------------------- */

/* I(X;B|C) for the K x K x K table p(x, y, z) (x slowest): with given = 0
 * it is I(X;Y|Z), with given = 1 I(X;Z|Y); the average over the conditioning
 * value c of p(c) times the information of the slice p(x, b | c). */
static double cond_mi(const double *p, size_t k, int given)
{
    double slice[MAXC * MAXC], sum = 0.0;
    for (size_t c = 0; c < k; c++) {
        double pc = 0.0;
        for (size_t x = 0; x < k; x++)
            for (size_t b = 0; b < k; b++) {
                size_t i = given == 0 ? x * k * k + b * k + c : x * k * k + c * k + b;
                slice[x * k + b] = p[i];
                pc += p[i];
            }
        if (pc <= 0.0)
            continue;
        for (size_t i = 0; i < k * k; i++)
            slice[i] /= pc;
        sum += pc * mi_nats(slice, k, k);
    }
    return sum;
}

/* The joint tables of a chain X → Y → Z of K outcomes each: P_X, the
 * channels A (x → y) and C (y → z), K x K row-stochastic. */
/* >>> chain-tables */
static void chain_tables(size_t k, const double *px, const double *a,
                         const double *c, double *xy, double *xz, double *yz,
                         double *x_yz)
{
    for (size_t x = 0; x < k; x++)
        for (size_t y = 0; y < k; y++)
            xy[x * k + y] = px[x] * a[x * k + y];      /* P(x, y) = p(x) A(y|x) */
    for (size_t i = 0; i < k * k; i++)
        xz[i] = yz[i] = 0.0;
    for (size_t x = 0; x < k; x++)
        for (size_t y = 0; y < k; y++)
            for (size_t z = 0; z < k; z++) {
                double p = xy[x * k + y] * c[y * k + z]; /* P(x, y, z) */
                xz[x * k + z] += p;
                yz[y * k + z] += p;
                x_yz[x * k * k + y * k + z] = p;     /* X against the pair (Y, Z) */
            }
}
/* <<< chain-tables */

static void dpi(void)
{
    const long n = book_param_int(B, "CHAINS");
    const size_t k = (size_t)book_param_int(B, "CHAIN_K");
    const double alpha = book_param_real(B, "CHAIN_ALPHA");
    double px[MAXC], a[MAXC * MAXC], c[MAXC * MAXC], xy[MAXC * MAXC],
           xz[MAXC * MAXC], yz[MAXC * MAXC], x_yz[MAXC * MAXC * MAXC];
    double ones[MAXC];
    for (size_t i = 0; i < k; i++)
        ones[i] = 1.0;
    double min_margin = INFINITY, min_margin_yz = INFINITY, worst_pair = 0.0,
           max_margin = 0.0, worst_chain_mi = 0.0, worst_markov = 0.0;
    long every = n / PLOTTED + 1, plotted = 0;
    double *margins = book_malloc(B, (size_t)n * sizeof *margins);
    FILE *f = book_data(B, "chains.tsv", "random Markov chains X → Y → Z: "
                        "I(X;Y), I(X;Z), I(Y;Z) in bits", "ixy\tixz\tiyz");
    for (long s = 0; s < n; s++) {
        gsl_ran_dirichlet(RNG, k, ones, px);
        for (size_t i = 0; i < k; i++) {
            dirichlet(k, alpha, a + i * k);
            dirichlet(k, alpha, c + i * k);
        }
        chain_tables(k, px, a, c, xy, xz, yz, x_yz);
        double ixy = mi_nats(xy, k, k), ixz = mi_nats(xz, k, k),
               iyz = mi_nats(yz, k, k), ix_yz = mi_nats(x_yz, k, k * k);
        min_margin = fmin(min_margin, ixy - ixz);
        min_margin_yz = fmin(min_margin_yz, iyz - ixz);
        max_margin = fmax(max_margin, ixy - ixz);
        /* I(X; Y,Z) = I(X;Y) + I(X;Z|Y), and I(X;Z|Y) = 0 on a chain */
        worst_pair = fmax(worst_pair, fabs(ix_yz - ixy));
        /* the chain rule I(X; Y,Z) = I(X;Z) + I(X;Y|Z), with I(X;Y|Z) as the
         * average over z of the information in the slices P_{XY|z} */
        double ixy_z = cond_mi(x_yz, k, 0), ixz_y = cond_mi(x_yz, k, 1);
        worst_chain_mi = fmax(worst_chain_mi, fabs(ix_yz - (ixz + ixy_z)));
        worst_markov = fmax(worst_markov, fabs(ixz_y));
        margins[s] = ixy > 0.0 ? (ixy - ixz) / ixy : 0.0;
        if (s % every == 0) {
            fprintf(f, "%.6g\t%.6g\t%.6g\n", ixy / LN2, ixz / LN2, iyz / LN2);
            plotted++;
        }
    }
    book_close_file(B, f);
    char text[200];
    snprintf(text, sizeof text, "data processing on %ld random chains X → Y → Z: "
             "I(X;Z) ≤ I(X;Y) (smallest margin, nats)", n);
    book_claim_ge(B, "bound", text, min_margin, 0.0, 1e-15);
    book_claim_ge(B, "bound", "… and I(X;Z) ≤ I(Y;Z) (smallest margin, nats)",
                  min_margin_yz, 0.0, 1e-15);
    book_claim_abs(B, "pair table", "on the chains, I(X; Y,Z) = I(X;Y): Z adds nothing "
                   "once Y is known (largest difference, nats)", 0.0, worst_pair,
                   1e-13);
    book_claim_abs(B, "chain rule", "on the chains, I(X; Y,Z) = I(X;Z) + I(X;Y|Z), "
                   "I(X;Y|Z) = Σ_z p(z) D(P_XY|z ‖ P_X|z P_Y|z) (largest difference, "
                   "nats)", 0.0, worst_chain_mi, 1e-13);
    book_claim_abs(B, "Markov", "on the chains, I(X;Z|Y) = 0 (largest value, nats)",
                   0.0, worst_markov, 1e-13);
    double sorted_median;
    gsl_sort(margins, 1, (size_t)n);
    sorted_median = gsl_stats_median_from_sorted_data(margins, 1, (size_t)n);
    double least = margins[0];
    free(margins);
    book_value(B, "dpi_min_margin", min_margin, 2);
    book_value(B, "dpi_min_margin_yz", min_margin_yz, 2);
    book_value(B, "dpi_worst_pair", worst_pair, 2);
    book_value(B, "dpi_worst_chain_mi", worst_chain_mi, 2);
    book_value(B, "dpi_worst_markov", worst_markov, 2);
    book_value_int(B, "dpi_plotted", plotted);
    book_value(B, "dpi_median_loss", 100.0 * sorted_median, 2);
    book_value(B, "dpi_least_loss", 100.0 * least, 2);

    /* Equality.  (a) C a permutation: Z is Y relabelled.  (b) C merges two
     * outcomes of Y whose columns of A are proportional: the merged Z is a
     * sufficient statistic.  (c) C with equal rows: Z ignores Y, I(X;Z) = 0. */
    /* >>> dpi-equality */
    gsl_ran_dirichlet(RNG, k, ones, px);
    for (size_t i = 0; i < k; i++)
        dirichlet(k, 1.0, a + i * k);
    for (size_t i = 0; i < k * k; i++)                 /* (a) a cyclic shift */
        c[i] = (i / k + 1) % k == i % k ? 1.0 : 0.0;
    chain_tables(k, px, a, c, xy, xz, yz, x_yz);
    double eq_perm = mi_nats(xz, k, k), ixy = mi_nats(xy, k, k);
    for (size_t x = 0; x < k; x++) {                   /* (b) A(1|x) = A(0|x)/2 */
        double s0 = a[x * k] + a[x * k + 1];
        a[x * k] = s0 * 2.0 / 3.0;
        a[x * k + 1] = s0 / 3.0;
    }
    for (size_t i = 0; i < k * k; i++)                 /* Z merges y = 0 and 1 */
        c[i] = (i / k <= 1 ? i % k == 0 : i % k == i / k) ? 1.0 : 0.0;
    chain_tables(k, px, a, c, xy, xz, yz, x_yz);
    double eq_merge_xy = mi_nats(xy, k, k), eq_merge = mi_nats(xz, k, k);
    dirichlet(k, 1.0, c);                              /* (c) rows all equal */
    for (size_t i = k; i < k * k; i++)
        c[i] = c[i % k];
    chain_tables(k, px, a, c, xy, xz, yz, x_yz);
    double eq_const = mi_nats(xz, k, k);
    /* <<< dpi-equality */
    book_claim_abs(B, "exact", "equality: Z a permutation of Y, I(X;Z) = I(X;Y) "
                   "(nats)", ixy, eq_perm, 1e-14);
    book_claim_abs(B, "exact", "equality: Z merges two outcomes of Y with "
                   "proportional likelihoods, I(X;Z) = I(X;Y) (nats)", eq_merge_xy,
                   eq_merge, 1e-14);
    book_claim_abs(B, "exact", "Z independent of Y (equal rows): I(X;Z) = 0",
                   0.0, eq_const, 1e-16);
    book_value(B, "dpi_eq_ixy", ixy / LN2, 4);
    book_value(B, "dpi_eq_merge", eq_merge / LN2, 4);
    book_plot_value(B, "dpi_eq_ixy", ixy / LN2);
    book_plot_value(B, "dpi_eq_merge", eq_merge / LN2);
    book_value(B, "dpi_max_margin", max_margin / LN2, 3);
}

/* -- 4. The bivariate normal law ------------------------------------------- */

/* >>> gauss-integrand */
/* p(x,y) [log p(x,y) − log p(x) − log p(y)] for the standard bivariate normal
 * law with correlation ρ, the log-ratio written out analytically, at
 * y = ρx + u. */
struct gauss2 { double rho, x; gsl_integration_workspace *w; int status; };

static double gauss_integrand(double u, void *params)
{
    const struct gauss2 *g = params;
    double x = g->x, r = g->rho, s = 1.0 - r * r, y = r * x + u;
    double q = (x * x - 2.0 * r * x * y + y * y) / s;
    double log_pxy = -log(2.0 * M_PI) - 0.5 * log(s) - 0.5 * q;
    double log_px_py = -log(2.0 * M_PI) - 0.5 * (x * x + y * y);
    return exp(log_pxy) * (log_pxy - log_px_py);
}

/* the inner integral over y = ρx + u, for one x (qagi maps u onto (0, 1],
 * finest near u = 0: centred there, it finds the ridge y ≈ ρx however
 * narrow it is) */
static double gauss_inner(double x, void *params)
{
    struct gauss2 *g = params, h = *g;
    h.x = x;
    gsl_function f = {gauss_integrand, &h};
    double v, err;
    int st = gsl_integration_qagi(&f, 1e-13, 1e-10, 1000, g->w, &v, &err);
    if (st != GSL_SUCCESS)
        g->status = st;
    return v;
}
/* <<< gauss-integrand */

/* I(X;Y) of the bivariate normal by nested qagi (nats). */
static double gauss_quadrature(double rho)
{
    gsl_integration_workspace *wi = gsl_integration_workspace_alloc(1000);
    gsl_integration_workspace *wo = gsl_integration_workspace_alloc(1000);
    if (wi == NULL || wo == NULL)
        book_fail(B, "out of memory");
    struct gauss2 g = {rho, 0.0, wi, GSL_SUCCESS};
    gsl_function f = {gauss_inner, &g};
    double v, err;
    int st = gsl_integration_qagi(&f, 1e-12, 1e-9, 1000, wo, &v, &err);
    gsl_integration_workspace_free(wi);
    gsl_integration_workspace_free(wo);
    if (st != GSL_SUCCESS || g.status != GSL_SUCCESS)
        book_fail(B, "quadrature at rho = %g: %s", rho,
                  gsl_strerror(st != GSL_SUCCESS ? st : g.status));
    return v;
}

/* The table of (sign X, sign Y): P(signs differ) = arccos(ρ)/π (Sheppard). */
static double sign_mi(double rho)
{
    double e = acos(rho) / M_PI, t[4] = {(1 - e) / 2, e / 2, e / 2, (1 - e) / 2};
    return mi_nats(t, 2, 2);
}

static void gauss(void)
{
    double rhos[MAXRHOS];
    size_t nr = book_param_real_list(B, "GAUSS_RHOS", rhos, MAXRHOS);
    const long draws = book_param_int(B, "GAUSS_DRAWS");
    FILE *f = book_data(B, "gauss-points.tsv", "I(X;Y) of the bivariate normal "
                        "by quadrature and by Monte Carlo (with its standard "
                        "error), nats", "rho\tquad\tmc\tse");
    double worst_quad = 0.0, worst_z = 0.0, worst_z_sign = 0.0;
    for (size_t i = 0; i < nr; i++) {
        double rho = rhos[i];
        /* >>> gauss-closed */
        double closed = -0.5 * log1p(-rho * rho);     /* −½ log(1 − ρ²) */
        /* <<< gauss-closed */
        double quad = gauss_quadrature(rho);
        double rel = closed > 0.0 ? fabs(quad - closed) / closed : fabs(quad);
        worst_quad = fmax(worst_quad, rel);
        char text[200];
        snprintf(text, sizeof text, "bivariate normal, ρ = %g: −½ log(1 − ρ²) = "
                 "nested qagi", rho);
        if (closed > 0.0)
            book_claim_rel(B, "quadrature", text, closed, quad, 1e-8);
        else
            book_claim_abs(B, "quadrature", text, closed, quad, 1e-12);
        /* Monte Carlo: the mean log-ratio over draws from the law, and the
         * fraction of draws whose signs differ */
        double s = 1.0 - rho * rho, sum = 0.0, sum2 = 0.0;
        double c = -0.5 * log(s);   /* the log-ratio's constant, found once */
        long differ = 0;
        for (long d = 0; d < draws; d++) {
            double x, y;
            gsl_ran_bivariate_gaussian(RNG, 1.0, 1.0, rho, &x, &y);
            double l = c - 0.5 * (x * x - 2 * rho * x * y + y * y) / s
                       + 0.5 * (x * x + y * y);
            sum += l;
            sum2 += l * l;
            differ += (x > 0) != (y > 0);
        }
        double mean = sum / draws, var = sum2 / draws - mean * mean;
        double se = sqrt(fmax(var, 0.0) / (draws - 1.0));
        fprintf(f, "%g\t%.12g\t%.12g\t%.6g\n", rho, quad, mean, se);
        snprintf(text, sizeof text, "bivariate normal, ρ = %g: mean log-ratio of "
                 "%ld draws = −½ log(1 − ρ²)", rho, draws);
        if (se > 0.0) {
            book_claim_sigma(B, "Monte Carlo", text, closed, mean, se, 4.0);
            worst_z = fmax(worst_z, fabs(mean - closed) / se);
        } else {
            book_claim_abs(B, "Monte Carlo", text, closed, mean, 1e-15);
        }
        double e = acos(rho) / M_PI, frac = (double)differ / draws;
        double se_e = sqrt(e * (1 - e) / draws);
        snprintf(text, sizeof text, "ρ = %g: P(sign X ≠ sign Y) = arccos(ρ)/π "
                 "(Sheppard), %ld draws", rho, draws);
        book_claim_sigma(B, "Monte Carlo", text, e, frac, se_e, 4.0);
        worst_z_sign = fmax(worst_z_sign, fabs(frac - e) / se_e);
    }
    book_close_file(B, f);
    book_value(B, "gauss_worst_quad", worst_quad, 2);
    book_value(B, "gauss_worst_z", worst_z, 2);
    book_value(B, "gauss_worst_z_sign", worst_z_sign, 2);
    book_value(B, "gauss_mi_09", -0.5 * log1p(-0.81), 4);
    book_value(B, "gauss_mi_09_bits", -0.5 * log1p(-0.81) / LN2, 4);
    book_value(B, "gauss_sign_09", sign_mi(0.9), 4);
    book_value(B, "gauss_sign_09_frac", 100.0 * sign_mi(0.9) / (-0.5 * log1p(-0.81)), 2);

    /* the curves, and the signs keep less than the numbers */
    FILE *c = book_data(B, "gauss-curve.tsv", "I(X;Y) of the bivariate normal and "
                        "of its signs, nats", "rho\tmi\tsign\tsmall");
    double worst_sign = INFINITY;
    for (int i = -999; i <= 999; i++) {
        double rho = i / 1000.0, mi = -0.5 * log1p(-rho * rho), sg = sign_mi(rho);
        if (i != 0)
            worst_sign = fmin(worst_sign, mi - sg);
        if (i % 3 == 0 || abs(i) > 950)
            fprintf(c, "%g\t%.10g\t%.10g\t%.10g\n", rho, mi, sg, rho * rho / 2);
    }
    book_close_file(B, c);
    book_claim_ge(B, "bound", "data processing: I(sign X; sign Y) < I(X;Y) for ρ "
                  "≠ 0 in (−1, 1) (smallest margin)", worst_sign, 1e-300, 0.0);
}

/* -- 5. Estimating I(X;Y) from a sample ------------------------------------ */

/* >>> symmetric-channel */
/* X uniform on K symbols; Y = X with probability 1 − ε, else one of the
 * other K − 1 symbols, uniformly.  I = log K − h(ε) − ε log(K − 1). */
static void symmetric_channel(size_t k, double eps, double *t)
{
    for (size_t x = 0; x < k; x++)
        for (size_t y = 0; y < k; y++)
            t[x * k + y] = (x == y ? 1.0 - eps : eps / (k - 1.0)) / k;
}
/* <<< symmetric-channel */

static void estimation(void)
{
    const size_t k = (size_t)book_param_int(B, "EST_K");
    const double eps = book_param_real(B, "EST_FLIP");
    const long reps = book_param_int(B, "EST_REPS");
    long sizes[MAXSIZES];
    size_t ns = book_param_int_list(B, "EST_SIZES", sizes, MAXSIZES);
    if (sizes[ns - 1] < 100 * sizes[0])
        book_param_refuse(B, "EST_SIZES", "the sizes span a factor of %.3g, "
                          "less than the 100 the bias needs to show its 1/n",
                          (double)sizes[ns - 1] / sizes[0]);
    double t[MAXE * MAXE], counts[MAXE * MAXE];
    unsigned int cnt[MAXE * MAXE];
    symmetric_channel(k, eps, t);
    double exact = mi_nats(t, k, k);
    double closed = log((double)k) - h_nats(eps) - eps * log(k - 1.0);
    book_claim_rel(B, "closed form", "K-ary symmetric channel: I = log K − h(ε) − "
                   "ε log(K − 1)", closed, exact, 1e-13);
    double pmin = eps / (k * (k - 1.0));
    double bias_coef = (k - 1.0) * (k - 1.0) / 2.0;   /* (|X|−1)(|Y|−1)/2 */

    double *plug = book_malloc(B, (size_t)reps * sizeof *plug);
    double *mm = book_malloc(B, (size_t)reps * sizeof *mm);
    double *ses = book_malloc(B, (size_t)reps * sizeof *ses);
    FILE *f = book_data(B, "estimates.tsv",
                        "plug-in and Miller-Madow estimates of I(X;Y) against n: "
                        "means, standard deviations and standard errors of the "
                        "means over the samples, nats",
                        "n\tplug_mean\tplug_sd\tplug_sem\tmm_mean\tmm_sd\tmm_sem"
                        "\tdelta_se\tmean_se\tn_bias_plug\tn_bias_mm\tn_bias_sem"
                        "\tn_bias_mm_sem");
    double worst_mm_z = 0.0, worst_plug_z = 0.0;
    long mm_claimed = 0, mm_from = 0, full = 0, in_range = 0;
    for (size_t s = 0; s < ns; s++) {
        long n = sizes[s];
        /* >>> estimate */
        for (long r = 0; r < reps; r++) {
            gsl_ran_multinomial(RNG, k * k, (unsigned)n, t, cnt);
            for (size_t i = 0; i < k * k; i++)
                counts[i] = cnt[i];
            struct kl_mi_estimate e;
            ok(kl_joint_mi_estimate(counts, k, k, KL_BASE_E, &e), "estimate");
            plug[r] = e.plugin;            /* I of the empirical table      */
            mm[r] = e.miller_madow;        /* minus (m_XY − m_X − m_Y + 1)/2n */
            ses[r] = e.se;                 /* the delta-method standard error */
            if (n * pmin >= 10.0) {
                size_t filled = 0;
                for (size_t i = 0; i < k * k; i++)
                    filled += cnt[i] > 0;
                full += filled == k * k;
                in_range++;
            }
        }
        /* <<< estimate */
        double pm = gsl_stats_mean(plug, 1, (size_t)reps);
        double psd = gsl_stats_sd_m(plug, 1, (size_t)reps, pm);
        double mmm = gsl_stats_mean(mm, 1, (size_t)reps);
        double msd = gsl_stats_sd_m(mm, 1, (size_t)reps, mmm);
        double mse = gsl_stats_mean(ses, 1, (size_t)reps);
        double psem = psd / sqrt((double)reps), msem = msd / sqrt((double)reps);
        /* the delta-method standard error at the true law */
        for (size_t i = 0; i < k * k; i++)
            counts[i] = t[i] * n;
        struct kl_mi_estimate e;
        ok(kl_joint_mi_estimate(counts, k, k, KL_BASE_E, &e), "delta method");
        fprintf(f, "%ld\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g"
                "\t%.8g\t%.8g\n", n, pm, psd, psem, mmm, msd, msem, e.se, mse,
                n * (pm - exact), n * (mmm - exact), n * psem, n * msem);
        char text[220];
        /* Miller-Madow is unbiased to first order once every cell expects a
         * few samples; the claims start where each expects at least 10 */
        if (n * pmin >= 10.0) {
            if (mm_claimed == 0)
                mm_from = n;
            snprintf(text, sizeof text, "n = %ld: the Miller–Madow estimate is "
                     "unbiased (mean of %ld samples = exact I)", n, reps);
            book_claim_sigma(B, "Monte Carlo", text, exact, mmm, msem, 4.0);
            worst_mm_z = fmax(worst_mm_z, fabs(mmm - exact) / msem);
            mm_claimed++;
        }
        if (n * pmin >= 10.0) {
            snprintf(text, sizeof text, "n = %ld: plug-in bias = (|X| − 1)(|Y| − 1)"
                     "/(2n) (mean of %ld samples)", n, reps);
            book_claim_sigma(B, "Monte Carlo", text, bias_coef / n, pm - exact,
                             psem, 4.0);
            worst_plug_z = fmax(worst_plug_z, fabs(pm - exact - bias_coef / n) / psem);
        }
        if (s == ns - 1) {
            snprintf(text, sizeof text, "n = %ld: spread of the plug-in estimates "
                     "= delta-method standard error", n);
            book_claim_sigma(B, "Monte Carlo", text, e.se, psd,
                             psd / sqrt(2.0 * (reps - 1.0)), 4.0);
            book_value_int(B, "est_big_n", n);
            book_value(B, "est_big_bias", pm - exact, 3);
            book_value(B, "est_big_bias_se", psem, 2);
            book_value(B, "est_big_pred", bias_coef / n, 3);
            book_value(B, "est_big_sd", psd, 3);
            book_value(B, "est_big_delta", e.se, 3);
            book_value(B, "est_big_mean_se", mse, 3);
        }
        if (s == 0) {
            book_value_int(B, "est_small_n", n);
            book_value(B, "est_small_mean", pm, 3);
            book_value(B, "est_small_bias", pm - exact, 3);
            book_value(B, "est_small_pred", bias_coef / n, 3);
            book_value(B, "est_small_mm", mmm, 3);
            book_value(B, "est_small_sd", psd, 3);
            book_value(B, "est_small_ratio", (pm - exact) / psd, 2);
        }
    }
    book_close_file(B, f);
    if (mm_claimed == 0)
        book_param_refuse(B, "EST_SIZES", "no size n gives every cell 10 expected "
                          "samples (n × %.3g ≥ 10): nothing to check", pmin);
    free(plug);
    free(mm);
    free(ses);
    book_value(B, "est_exact", exact, 4);
    book_value(B, "est_exact_bits", exact / LN2, 4);
    book_value(B, "est_bias_coef", bias_coef, 3);
    book_value(B, "est_pmin", pmin, 3);
    book_value_int(B, "est_mm_from", mm_from);
    book_value(B, "est_full_pct", 100.0 * full / in_range, 4);
    book_value(B, "est_bias_coef_bits", bias_coef / LN2, 3);
    book_value(B, "est_worst_mm_z", worst_mm_z, 2);
    book_value(B, "est_worst_plug_z", worst_plug_z, 2);
    book_value_int(B, "est_cells", (long long)(k * k));
    book_plot_value(B, "est_exact", exact);
    book_plot_value(B, "est_bias_coef", bias_coef);
    book_plot_value(B, "est_mm_from", (double)mm_from);
}

/* -- 6. Jensen–Shannon as a mutual information ----------------------------- */

/* >>> js-table */
/* S a coin with P(S = 1) = π; X drawn from P when S = 1, from Q when S = 0.
 * The joint table of (S, X): row 1 is π P, row 0 is (1 − π) Q. */
static void label_table(const double *p, const double *q, size_t k, double pi,
                        double *t)
{
    for (size_t i = 0; i < k; i++) {
        t[i] = pi * p[i];
        t[k + i] = (1.0 - pi) * q[i];
    }
}
/* <<< js-table */

static void js(void)
{
    const long n = book_param_int(B, "JS_PAIRS");
    const size_t k = (size_t)book_param_int(B, "JS_K");
    double p[MAXJS], q[MAXJS], t[2 * MAXJS], worst = 0.0, worst_rel = 0.0;
    for (long s = 0; s < n; s++) {
        dirichlet(k, 1.0, p);
        dirichlet(k, 1.0, q);
        label_table(p, q, k, 0.5, t);
        double j, i = mi_nats(t, 2, k);
        ok(kl_discrete_js(p, q, k, KL_BASE_E, &j), "JS");
        worst = fmax(worst, fabs(i - j));
        if (j >= 1e-6)
            worst_rel = fmax(worst_rel, fabs(i - j) / j);
    }
    char text[200];
    snprintf(text, sizeof text, "JS(P,Q) = I(X;S) for a fair coin S, on %ld random "
             "pairs (largest difference, nats)", n);
    book_claim_abs(B, "JS (chapter 2)", text, 0.0, worst, 1e-14);
    book_value(B, "js_worst", worst, 2);
    book_value(B, "js_worst_rel", worst_rel, 2);

    /* one pair as π moves: I(X;S) = H(πP + (1 − π)Q) − πH(P) − (1 − π)H(Q) ≤ h(π) */
    const double pp[] = {0.5, 0.3, 0.15, 0.05, 0.0}, qq[] = {0.05, 0.15, 0.2, 0.3, 0.3};
    double hp, hq, worst_mix = 0.0, worst_room = INFINITY, jsv;
    ok(kl_discrete_entropy(pp, 5, KL_BASE_E, &hp), "H(P)");
    ok(kl_discrete_entropy(qq, 5, KL_BASE_E, &hq), "H(Q)");
    ok(kl_discrete_js(pp, qq, 5, 2.0, &jsv), "JS");
    FILE *f = book_data(B, "js-prior.tsv", "I(X;S) against the prior π of the "
                        "label, and its bound h(π), bits", "pi\tmi\th");
    for (int i = 0; i <= 200; i++) {
        double pi = i / 200.0, tt[10], m[5], hm;
        label_table(pp, qq, 5, pi, tt);
        double mi = mi_nats(tt, 2, 5);
        for (int j = 0; j < 5; j++)
            m[j] = pi * pp[j] + (1 - pi) * qq[j];
        ok(kl_discrete_normalize(m, 5, m), "mixture");
        ok(kl_discrete_entropy(m, 5, KL_BASE_E, &hm), "H(M)");
        worst_mix = fmax(worst_mix, fabs(mi - (hm - pi * hp - (1 - pi) * hq)));
        worst_room = fmin(worst_room, h_nats(pi) - mi);
        fprintf(f, "%g\t%.8g\t%.8g\n", pi, mi / LN2, h_nats(pi) / LN2);
    }
    book_close_file(B, f);
    book_claim_abs(B, "entropies", "I(X;S) = H(πP + (1 − π)Q) − πH(P) − (1 − π)H(Q) "
                   "for π in [0, 1] (largest difference, nats)", 0.0, worst_mix,
                   1e-14);
    book_claim_ge(B, "bound", "I(X;S) ≤ H(S) = h(π) for π in [0, 1] (smallest room)",
                  worst_room, 0.0, 1e-15);
    book_value(B, "js_pair", jsv, 4);
    book_value_text(B, "js_p", "(0.5, 0.3, 0.15, 0.05, 0)");
    book_value_text(B, "js_q", "(0.05, 0.15, 0.2, 0.3, 0.3)");
    book_plot_value(B, "js_pair", jsv);
}

/* -- 7. The binary symmetric channel --------------------------------------- */

/* I(X;Y) in nats of the BSC with flip probability e and P(X = 1) = q. */
static double bsc_mi(double e, double q)
{
    double t[4] = {(1 - q) * (1 - e), (1 - q) * e, q * e, q * (1 - e)};
    return mi_nats(t, 2, 2);
}

struct bsc_params { double e; };

static double neg_bsc(double q, void *params)
{
    return -bsc_mi(((struct bsc_params *)params)->e, q);
}

static void bsc(void)
{
    FILE *f = book_data(B, "bsc.tsv", "I(X;Y) of the binary symmetric channel "
                        "against the flip probability, bits, for inputs with "
                        "P(X = 1) = 1/2, 0.2, 0.05", "e\tuniform\tq20\tq05\tclosed");
    double worst = 0.0;
    for (int i = 0; i <= 400; i++) {
        double e = i / 400.0, u = bsc_mi(e, 0.5);
        double closed = (LN2 - h_nats(e)) / LN2;
        worst = fmax(worst, fabs(u / LN2 - closed));
        fprintf(f, "%g\t%.8g\t%.8g\t%.8g\t%.8g\n", e, u / LN2, bsc_mi(e, 0.2) / LN2,
                bsc_mi(e, 0.05) / LN2, closed);
    }
    book_close_file(B, f);
    book_claim_abs(B, "closed form", "BSC, uniform input: I = 1 − h₂(ε) bits for ε in "
                   "[0, 1] (largest difference)", 0.0, worst, 1e-15);
    /* the input that carries the most: Brent's minimiser over P(X = 1) */
    struct bsc_params bp = {0.1};
    gsl_function fn = {neg_bsc, &bp};
    gsl_min_fminimizer *m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (m == NULL || gsl_min_fminimizer_set(m, &fn, 0.3, 0.01, 0.99) != GSL_SUCCESS)
        book_fail(B, "the capacity search could not start");
    double best = 0.3;
    for (int it = 0; it < 100; it++) {
        if (gsl_min_fminimizer_iterate(m) != GSL_SUCCESS)
            book_fail(B, "the capacity search failed");
        best = gsl_min_fminimizer_x_minimum(m);
        if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(m),
                                  gsl_min_fminimizer_x_upper(m), 1e-7, 0.0)
            == GSL_SUCCESS)
            break;
    }
    gsl_min_fminimizer_free(m);
    book_claim_abs(B, "minimiser", "BSC, ε = 0.1: the uniform input carries the most "
                   "(Brent's argmax of I over P(X = 1))", 0.5, best, 1e-5);
    book_value(B, "bsc_01", 1.0 - h_nats(0.1) / LN2, 4);
    book_value(B, "bsc_01_q20", bsc_mi(0.1, 0.2) / LN2, 4);
    book_value(B, "bsc_025", 1.0 - h_nats(0.25) / LN2, 4);
    book_value(B, "bsc_h01", h_nats(0.1) / LN2, 4);
}

int main(int argc, char **argv)
{
    B = book_open("08-mutual-information", argc, argv);
    RNG = gsl_rng_alloc(gsl_rng_mt19937);
    if (RNG == NULL)
        book_fail(B, "out of memory");
    gsl_rng_set(RNG, (unsigned long)book_param_int(B, "SEED"));
    example();
    random_tables();
    dpi();
    gauss();
    estimation();
    js();
    bsc();
    gsl_rng_free(RNG);
    return book_close(B);
}
