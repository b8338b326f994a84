/* 05-gaussian-kl — Chapter 5: KL divergence between normal distributions.
 *
 * Experiments: the closed form derived step by step, each expectation checked
 * by quadrature; quadrature against the closed form over hard parameters
 * (scale ratios up to 10^3, means 40 standard deviations apart); the three
 * classic experiments (moving the mean, changing the width, the whole (mu,
 * sigma) map); why a fixed-window Riemann sum of log(p/q) fails; a closed form
 * that keeps its digits for divergences of 1e-20; forward against reverse KL
 * when a single Gaussian is fitted to a two-component mixture.
 *
 * Run: output/build/bin/05-gaussian-kl [OUTPUT-FOLDER]   (make chapter-05)
 * Change a parameter below, then `make chapter-05` reruns what depends on it. */
#define _DEFAULT_SOURCE /* M_PI, M_LN2 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_randist.h>

#include "book/book.h"
#include "kl/density.h"
#include "kl/gaussian.h"
#include "kl/mixture.h"

/* >>> parameters */
static const double WINDOW_LO = -6.0, WINDOW_HI = 6.0; /* fixed window ... */
static const double WINDOW_DX = 0.01;                  /* ... and its step */
static const double QUAD_TOL = 1e-10;  /* claim: relative error of quadrature */
static const double MIX_W[] = {0.35, 0.65};   /* the mixture of the last section */
static const double MIX_MU[] = {-2.5, 1.5};
static const double MIX_SIGMA[] = {0.6, 0.8};
/* <<< parameters */

static struct book *B;

static void ok(enum kl_status st, const char *what)
{
    if (st != KL_OK)
        book_fail(B, "%s: %s", what, kl_strerror(st));
}

/* The library's careful closed form; fails the chapter on bad parameters. */
static double closed(double m1, double s1, double m2, double s2)
{
    double d;
    ok(kl_gaussian_divergence(m1, s1, m2, s2, &d), "closed form");
    return d;
}

/* >>> textbook */
/* THE METHOD THAT FAILS for tiny divergences: the textbook expression as it
 * is printed, log(s2/s1) + (s1^2 + (m1-m2)^2)/(2 s2^2) - 1/2.  Its three
 * terms are of size 1 and cancel when P is close to Q. */
static double textbook_kl(double m1, double s1, double m2, double s2)
{
    return log(s2 / s1) + (s1 * s1 + (m1 - m2) * (m1 - m2)) / (2 * s2 * s2)
           - 0.5;
}
/* <<< textbook */

/* >>> quadrature */
/* D(P||Q) by GSL adaptive quadrature over the whole line, in log space, in
 * P's own coordinates z = (x - m1)/s1.  An affine change of variable leaves
 * KL unchanged, and in these coordinates P is N(0, 1): the integrator meets
 * its mass at the origin whatever m1 and s1 are.  Moving the parameters
 * rather than the points also keeps every digit of z: evaluating at
 * x = 1000 + 0.001 z would round z to about 1e-10. */
static struct kl_quad_result quadrature_kl(double m1, double s1, double m2,
                                           double s2)
{
    struct kl_gaussian p = {0.0, 1.0}, q = {(m2 - m1) / s1, s2 / s1};
    struct kl_density dp = kl_gaussian_density(&p);
    struct kl_density dq = kl_gaussian_density(&q);
    struct kl_quad_result r;
    ok(kl_density_divergence(&dp, &dq, NULL, &r), "quadrature");
    return r;
}
/* <<< quadrature */

/* >>> riemann */
/* THE METHOD THAT FAILS: a Riemann sum of p log(p/q) with step dx on the
 * fixed window [lo, hi], from the two densities themselves.  It ignores the
 * mass outside the window; p log(p/q) is +inf where q underflows to 0 (or
 * p/q overflows), and NaN where p does: 0 log(0/q) = 0 * (-inf). */
static double riemann_naive(double m1, double s1, double m2, double s2,
                            double lo, double hi, double dx)
{
    long n = lround((hi - lo) / dx);
    double sum = 0.0;
    for (long i = 0; i <= n; i++) {
        double x = lo + i * dx;
        double p = gsl_ran_gaussian_pdf(x - m1, s1);
        double q = gsl_ran_gaussian_pdf(x - m2, s2);
        sum += p * log(p / q);
    }
    return sum * dx;
}
/* <<< riemann */

static double riemann_window(double m1, double s1, double m2, double s2)
{
    return riemann_naive(m1, s1, m2, s2, WINDOW_LO, WINDOW_HI, WINDOW_DX);
}

/* -- 1. The closed form, one expectation at a time ------------------------ */

/* E_P[f(X)] for P = N(m, s^2) by GSL's qagi in P's coordinates z. */
struct expectation {
    double m, s;
    double (*f)(double x, const void *args);
    const void *args;
};

static double expectation_integrand(double z, void *vp)
{
    const struct expectation *e = vp;
    return exp(-0.5 * z * z) / sqrt(2 * M_PI) * e->f(e->m + e->s * z, e->args);
}

static double expect(double m, double s,
                     double (*f)(double, const void *), const void *args)
{
    struct expectation e = {m, s, f, args};
    gsl_function F = {expectation_integrand, &e};
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    double v, err;
    if (w == NULL)
        book_fail(B, "out of memory");
    int st = gsl_integration_qagi(&F, 0.0, 1e-13, 1000, w, &v, &err);
    gsl_integration_workspace_free(w);
    if (st != GSL_SUCCESS)
        book_fail(B, "expectation: %s", gsl_strerror(st));
    return v;
}

static double sq_dev(double x, const void *args)
{
    double c = *(const double *)args;
    return (x - c) * (x - c);
}

static double log_gauss(double x, const void *args)
{
    struct kl_gaussian g = *(const struct kl_gaussian *)args;
    return kl_gaussian_logpdf(x, &g);
}

static void derivation(void)
{
    /* >>> derivation */
    const double m1 = 0.7, s1 = 1.3, m2 = -0.4, s2 = 2.1; /* P, Q */
    struct kl_gaussian p = {m1, s1}, q = {m2, s2};
    double e_sq1 = expect(m1, s1, sq_dev, &m1);   /* E_P[(X - m1)^2] */
    double e_sq2 = expect(m1, s1, sq_dev, &m2);   /* E_P[(X - m2)^2] */
    double e_logp = expect(m1, s1, log_gauss, &p); /* E_P[log p(X)] */
    double e_logq = expect(m1, s1, log_gauss, &q); /* E_P[log q(X)] */
    double d_quad = e_logp - e_logq;
    /* <<< derivation */
    double d = closed(m1, s1, m2, s2);
    book_claim_rel(B, "worked pair: E_P[(X − μ₁)²] = σ₁² (quadrature)",
                   s1 * s1, e_sq1, 1e-12);
    book_claim_rel(B, "worked pair: E_P[(X − μ₂)²] = σ₁² + (μ₁ − μ₂)²",
                   s1 * s1 + (m1 - m2) * (m1 - m2), e_sq2, 1e-12);
    book_claim_rel(B, "worked pair: E_P[log p] = −½ log(2πσ₁²) − ½",
                   -0.5 * log(2 * M_PI * s1 * s1) - 0.5, e_logp, 1e-12);
    book_claim_rel(B, "worked pair: E_P[log q] = −½ log(2πσ₂²) − "
                      "(σ₁² + (μ₁−μ₂)²)/(2σ₂²)",
                   -0.5 * log(2 * M_PI * s2 * s2)
                       - (s1 * s1 + (m1 - m2) * (m1 - m2)) / (2 * s2 * s2),
                   e_logq, 1e-12);
    book_claim_rel(B, "worked pair: E_P[log p] − E_P[log q] = closed form",
                   d, d_quad, 1e-11);
    book_value(B, "wp_m1", m1, 3);
    book_value(B, "wp_s1", s1, 3);
    book_value(B, "wp_m2", m2, 3);
    book_value(B, "wp_s2", s2, 3);
    book_value(B, "wp_esq1", e_sq1, 10);
    book_value(B, "wp_esq2", e_sq2, 10);
    book_value(B, "wp_elogp", e_logp, 10);
    book_value(B, "wp_elogq", e_logq, 10);
    book_value(B, "wp_dquad", d_quad, 10);
    book_value(B, "wp_d", d, 10);
    book_value(B, "wp_d_back", closed(m2, s2, m1, s1), 10);
}

/* -- 2. Quadrature against the closed form on hard cases ------------------ */

struct hard_case {
    double m1, s1, m2, s2, d, quad, err, raw_err;
};

static int by_error(const void *a, const void *b)
{
    double x = ((const struct hard_case *)a)->err;
    double y = ((const struct hard_case *)b)->err;
    return (x < y) - (x > y);
}

/* >>> raw */
/* The same integral on the raw x axis: the densities without their centre
 * and scale.  GSL's qagi maps the whole line onto (0, 1] and samples it
 * adaptively; a narrow P far from 0 can fall between all of its samples, and
 * the rule then returns 0 with a tiny error estimate.  The library notices
 * that it never saw P's mass and says KL_EQUAD instead of returning a number.
 * Returns the status and writes the value GSL found. */
static enum kl_status raw_quadrature(double m1, double s1, double m2, double s2,
                                     double *value)
{
    struct kl_gaussian p = {m1, s1}, q = {m2, s2};
    struct kl_density dp = {kl_gaussian_logpdf, &p, -INFINITY, INFINITY, 0, 0};
    struct kl_density dq = {kl_gaussian_logpdf, &q, -INFINITY, INFINITY, 0, 0};
    struct kl_quad_result r;
    enum kl_status st = kl_density_divergence(&dp, &dq, NULL, &r);
    if (st != KL_OK && st != KL_EQUAD)
        ok(st, "raw quadrature");
    *value = r.value;
    return st;
}
/* <<< raw */

static void fmt_gauss(char *buf, size_t size, double m, double s)
{
    char a[32], c[32];
    book_format(m, 10, 1, a, sizeof a);
    book_format(s, 4, 1, c, sizeof c);
    snprintf(buf, size, "N(%s, %s²)", a, c);
}

static void hard_cases(void)
{
    static const double P[][2] = {{0, 1}, {3, 0.01}, {-50, 20}, {1000, 1e-3}};
    static const double R[] = {1e-3, 1e-2, 0.1, 0.5, 0.9, 1, 1.1, 2, 10, 100, 1e3};
    static const double K[] = {0, 0.1, 1, 5, 40};
    enum { NP = 4, NR = 11, NK = 5, MAXC = NP * NR * NK * 2 };
    static struct hard_case c[MAXC];
    int n = 0, raw_bad = 0, raw_zero = 0, raw_silent = 0;
    double worst = 0.0, dmin = INFINITY, dmax = 0.0;
    for (int a = 0; a < NP; a++)
        for (int i = 0; i < NR; i++)
            for (int k = 0; k < NK; k++)
                for (int u = 0; u < 2; u++) {
                    if (k == 0 && u == 1)
                        continue; /* the same case twice */
                    double m1 = P[a][0], s1 = P[a][1], s2 = s1 * R[i];
                    /* means K standard deviations apart: of P, then of Q */
                    double m2 = m1 + K[k] * (u ? s2 : s1);
                    double d = closed(m1, s1, m2, s2);
                    if (d == 0.0)
                        continue; /* P = Q: no relative error to speak of */
                    struct kl_quad_result r = quadrature_kl(m1, s1, m2, s2);
                    double raw;
                    enum kl_status rst = raw_quadrature(m1, s1, m2, s2, &raw);
                    struct hard_case h = {m1, s1, m2, s2, d, r.value,
                                          fabs(r.value - d) / d,
                                          fabs(raw - d) / d};
                    c[n++] = h;
                    worst = fmax(worst, h.err);
                    raw_bad += !(h.raw_err <= QUAD_TOL);
                    raw_zero += raw == 0.0;
                    /* wrong, and not reported as such */
                    raw_silent += !(h.raw_err <= QUAD_TOL) && rst == KL_OK;
                    dmin = fmin(dmin, d);
                    dmax = fmax(dmax, d);
                }
    FILE *f = book_data(B, "hard.tsv",
                        "quadrature (in P's coordinates and on the raw axis) "
                        "against the closed form",
                        "m1\ts1\tm2\ts2\tclosed\tquad\trel_err\traw_rel_err");
    for (int i = 0; i < n; i++)
        fprintf(f, "%.10g\t%.10g\t%.10g\t%.10g\t%.17g\t%.17g\t%.3e\t%.3e\n",
                c[i].m1, c[i].s1, c[i].m2, c[i].s2, c[i].d, c[i].quad,
                c[i].err, c[i].raw_err);
    book_close_file(B, f);

    char text[200];
    snprintf(text, sizeof text, "quadrature = closed form on %d hard pairs "
             "(worst relative error)", n);
    book_claim_le(B, text, worst, QUAD_TOL, 0.0);
    book_value_int(B, "hard_n", n);
    book_value(B, "hard_worst", worst, 2);
    book_value(B, "hard_tol", QUAD_TOL, 1);
    book_value(B, "hard_dmin", dmin, 2);
    book_value(B, "hard_dmax", dmax, 2);
    book_value_int(B, "hard_raw_bad", raw_bad);
    book_value_int(B, "hard_raw_zero", raw_zero);
    book_value_int(B, "hard_raw_silent", raw_silent);
    book_claim_le(B, "raw axis: no wrong result is returned as KL_OK "
                  "(count of silent failures)", raw_silent, 0.0, 0.0);
    book_value(B, "hard_ratio_max", R[NR - 1], 3);
    book_value(B, "hard_sep_max", K[NK - 1], 3);

    /* one raw failure to quote: P narrow and away from 0 */
    double rq;
    enum kl_status rst = raw_quadrature(3, 0.01, 3, 0.02, &rq);
    book_value(B, "raw_example_quad", rq, 3);
    book_value(B, "raw_example_closed", closed(3, 0.01, 3, 0.02), 6);
    book_value_text(B, "raw_example_status", rst == KL_EQUAD ? "KL_EQUAD" : "KL_OK");
    book_claim_abs(B, "raw whole-line qagi misses P = N(3, 0.01²): GSL's value",
                   0.0, rq, 1e-300);
    book_claim_abs(B, "… and the library reports it (status KL_EQUAD = 1, else 0)",
                   1.0, rst == KL_EQUAD, 0.0);

    qsort(c, n, sizeof c[0], by_error);
    for (int i = 0; i < 5; i++) {
        char name[64], buf[128];
        snprintf(name, sizeof name, "hard_w%d_p", i + 1);
        fmt_gauss(buf, sizeof buf, c[i].m1, c[i].s1);
        book_value_text(B, name, buf);
        snprintf(name, sizeof name, "hard_w%d_q", i + 1);
        fmt_gauss(buf, sizeof buf, c[i].m2, c[i].s2);
        book_value_text(B, name, buf);
        snprintf(name, sizeof name, "hard_w%d_d", i + 1);
        book_value(B, name, c[i].d, 6);
        snprintf(name, sizeof name, "hard_w%d_err", i + 1);
        book_value(B, name, c[i].err, 2);
    }

    f = book_figure(B, "fig-hard", 760, 440);
    fprintf(f, "set xlabel \"closed-form divergence D(P‖Q) (nats)\"\n"
               "set ylabel \"relative error of quadrature\"\n"
               "set logscale xy\n"
               "set format x \"10^{%%L}\"\n"
               "set format y \"10^{%%L}\"\n"
               "set xrange [*:*]\n"
               "set yrange [1e-18:30]\n"
               "set key at graph 0.98, graph 0.62 right\n"
               "set arrow from graph 0, first %g to graph 1, first %g "
               "nohead lt 7 dt 2 lw 1.5\n"
               "set label \"claim: ≤ 10^{−10}\" at graph 0.02, first %g "
               "offset 0,0.7 font \",11\"\n"
               "clip(e) = e > 1e-17 ? e : 1e-17\n"
               "plot \"hard.tsv\" using 5:(clip($8)) with points lt 2 pt 6 "
               "ps 0.9 title \"raw x axis\", \\\n"
               "     \"\" using 5:(clip($7)) with points lt 1 pt 7 ps 0.6 "
               "title \"P's coordinates\"\n",
            QUAD_TOL, QUAD_TOL, QUAD_TOL);
    book_close_file(B, f);
}

/* -- 3. Moving the mean: P = N(0,1), Q = N(mu,1) -------------------------- */

/* Writes the densities p and q_k(x) on [-6, 6] for the NQ frames. */
static void densities_file(const char *name, int nq, const double *mu,
                           const double *sigma)
{
    FILE *f = book_data(B, name, "x, p(x) = N(0,1), then q(x) for each frame",
                        "x\tp\tq_1...");
    for (int i = 0; i <= 480; i++) {
        double x = -6.0 + i * 0.025;
        fprintf(f, "%.6g\t%.8g", x, gsl_ran_gaussian_pdf(x, 1.0));
        for (int k = 0; k < nq; k++)
            fprintf(f, "\t%.8g", gsl_ran_gaussian_pdf(x - mu[k], sigma[k]));
        fputc('\n', f);
    }
    book_close_file(B, f);
}

/* Space-separated numbers for a gnuplot word() list, with SIG significant
 * digits and a true minus sign. */
static void word_list(FILE *f, const char *var, int n, const double *v, int sig)
{
    fprintf(f, "%s = \"", var);
    for (int i = 0; i < n; i++) {
        char buf[64];
        book_format(v[i], sig, 0, buf, sizeof buf);
        fputs(i ? " " : "", f);
        for (const char *c = buf; *c; c++)
            fputs(*c == '-' ? "−" : (char[]){*c, 0}, f);
    }
    fputs("\"\n", f);
}

enum { NMU = 9, NSIG = 15 };

static void mean_experiment(void)
{
    double mu[NMU], one[NMU], kl[NMU], quad[NMU], riem[NMU];
    double worst_q = 0.0, worst_r = 0.0, worst_c = 0.0;
    for (int i = 0; i < NMU; i++) {
        /* >>> mean-shift */
        mu[i] = -4.0 + i;       /* the grid -4, -3, ..., 4 */
        one[i] = 1.0;
        kl[i] = closed(0.0, 1.0, mu[i], 1.0);
        quad[i] = quadrature_kl(0.0, 1.0, mu[i], 1.0).value;
        riem[i] = riemann_window(0.0, 1.0, mu[i], 1.0);
        /* <<< mean-shift */
        worst_c = fmax(worst_c, fabs(kl[i] - mu[i] * mu[i] / 2));
        worst_q = fmax(worst_q, fabs(quad[i] - mu[i] * mu[i] / 2));
        worst_r = fmax(worst_r, fabs(riem[i] - mu[i] * mu[i] / 2));
    }
    book_claim_le(B, "mean shift: closed form = μ²/2, μ = −4 … 4 (worst "
                     "absolute difference)", worst_c, 1e-14, 0.0);
    book_claim_le(B, "mean shift: quadrature = μ²/2 (worst absolute error)",
                  worst_q, 1e-12, 0.0);
    book_claim_le(B, "mean shift: the window sum is fine here (worst abs. error)",
                  worst_r, 1e-6, 0.0);
    book_value(B, "mean_worst_riemann", worst_r, 2);
    book_value(B, "mean_kl4", kl[NMU - 1], 3);

    densities_file("mean-densities.tsv", NMU, mu, one);
    FILE *f = book_data(B, "mean-kl.tsv", "D(N(0,1) || N(mu,1)) on a fine grid",
                        "mu\tD");
    for (int i = 0; i <= 400; i++) {
        double m = -4.0 + i * 0.02;
        fprintf(f, "%.6g\t%.12g\n", m, closed(0.0, 1.0, m, 1.0));
    }
    book_close_file(B, f);
    f = book_data(B, "mean-points.tsv", "the grid: closed form, quadrature, "
                  "window Riemann sum", "mu\tclosed\tquad\triemann");
    for (int i = 0; i < NMU; i++)
        fprintf(f, "%.6g\t%.12g\t%.12g\t%.12g\n", mu[i], kl[i], quad[i], riem[i]);
    book_close_file(B, f);

    /* the animation: one frame a mean */
    f = book_animation(B, "anim-mean", 880, 400, 80);
    word_list(f, "mus", NMU, mu, 3);
    word_list(f, "kls", NMU, kl, 3);
    fputs("do for [i=1:9] {\n"
          "  set multiplot layout 1,2\n"
          "  set title sprintf(\"q = N(%s, 1)\", word(mus,i)) noenhanced\n"
          "  set xlabel \"x\"\n  set ylabel \"density\"\n"
          "  set xrange [-6:6]\n  set yrange [0:0.56]\n  set key top left\n"
          "  plot \"mean-densities.tsv\" using 1:2 with lines lt 1 title \"p = N(0, 1)\", \\\n"
          "       \"\" using 1:(column(i+2)) with lines lt 2 title \"q\"\n"
          "  set title sprintf(\"D(p‖q) = %s nats\", word(kls,i)) noenhanced\n"
          "  set xlabel \"mean of q, μ\"\n  set ylabel \"D(p‖q) (nats)\"\n"
          "  set xrange [-4.2:4.2]\n  set yrange [0:8.5]\n  set key top center\n"
          "  plot \"mean-kl.tsv\" using 1:2 with lines lt 1 title \"μ²/2\", \\\n"
          "       \"mean-points.tsv\" every ::i-1::i-1 using 1:3 with points "
          "lt 2 pt 7 ps 1.6 title \"quadrature\"\n"
          "  unset multiplot\n"
          "}\n", f);
    book_close_file(B, f);

    /* the static companion: all frames at once */
    f = book_figure(B, "fig-mean-frames", 900, 680);
    word_list(f, "mus", NMU, mu, 3);
    word_list(f, "kls", NMU, kl, 3);
    fputs("set multiplot layout 3,3 margins 0.085,0.975,0.10,0.94 spacing 0.05,0.13\n"
          "set xrange [-6:6]\nset yrange [0:0.45]\nset xtics 3\nset ytics 0.2\n"
          "unset key\n"
          "do for [i=1:9] {\n"
          "  set title sprintf(\"μ = %s:  D = %s\", word(mus,i), word(kls,i)) "
          "font \",12\"\n"
          "  if (i > 6) { set xlabel \"x\" } else { unset xlabel }\n"
          "  if (i % 3 == 1) { set ylabel \"density\" } else { unset ylabel }\n"
          "  if (i == 1) { set key top right samplen 1.5 } else { unset key }\n"
          "  plot \"mean-densities.tsv\" using 1:2 with lines lt 1 title \"p\", \\\n"
          "       \"\" using 1:(column(i+2)) with lines lt 2 title \"q\"\n"
          "}\n"
          "unset multiplot\n", f);
    book_close_file(B, f);
}

/* -- 4. Changing the width: P = N(0,1), Q = N(0, sigma^2) ----------------- */

static void sigma_experiment(double *sig_out)
{
    double sig[NSIG], zero[NSIG], kl[NSIG], quad[NSIG], riem[NSIG];
    double worst_q = 0.0, worst_r = 0.0, worst_c = 0.0;
    for (int i = 0; i < NSIG; i++) {
        /* the grid 0.5 ... 0.9 by 0.1, 1 ... 1.8 by 0.2, 2 ... 4 by 0.5 */
        sig[i] = i < 5 ? (5 + i) / 10.0 : i < 10 ? (10 + 2 * (i - 5)) / 10.0
                                                 : (20 + 5 * (i - 10)) / 10.0;
        sig_out[i] = sig[i];
        zero[i] = 0.0;
        /* >>> width */
        kl[i] = closed(0.0, 1.0, 0.0, sig[i]);
        double formula = log(sig[i]) + 1 / (2 * sig[i] * sig[i]) - 0.5;
        quad[i] = quadrature_kl(0.0, 1.0, 0.0, sig[i]).value;
        riem[i] = riemann_window(0.0, 1.0, 0.0, sig[i]);
        /* <<< width */
        if (kl[i] > 0) {
            worst_c = fmax(worst_c, fabs(kl[i] - formula) / kl[i]);
            worst_q = fmax(worst_q, fabs(quad[i] - kl[i]) / kl[i]);
        }
        worst_r = fmax(worst_r, fabs(riem[i] - kl[i]));
    }
    book_claim_le(B, "width: closed form = log σ + 1/(2σ²) − ½ on the σ grid "
                     "(worst relative difference)", worst_c, 1e-14, 0.0);
    book_claim_le(B, "width: quadrature = closed form (worst relative error)",
                  worst_q, QUAD_TOL, 0.0);
    book_claim_le(B, "width: the window sum is fine here (worst abs. error)",
                  worst_r, 1e-6, 0.0);
    book_value_int(B, "sig_n", NSIG);
    book_value(B, "sig_worst_riemann", worst_r, 2);
    book_value(B, "sig_kl05", kl[0], 4);
    book_value(B, "sig_kl2", kl[10], 4);
    book_value(B, "sig_kl4", kl[NSIG - 1], 4);

    densities_file("sigma-densities.tsv", NSIG, zero, sig);
    FILE *f = book_data(B, "sigma-kl.tsv", "D(N(0,1) || N(0,sigma^2))",
                        "sigma\tD");
    for (int i = 0; i <= 350; i++) {
        double s = 0.5 + i * 0.01;
        fprintf(f, "%.6g\t%.12g\n", s, closed(0.0, 1.0, 0.0, s));
    }
    book_close_file(B, f);
    f = book_data(B, "sigma-points.tsv", "the grid: closed form, quadrature, "
                  "window Riemann sum", "sigma\tclosed\tquad\triemann");
    for (int i = 0; i < NSIG; i++)
        fprintf(f, "%.6g\t%.12g\t%.12g\t%.12g\n", sig[i], kl[i], quad[i],
                riem[i]);
    book_close_file(B, f);

    f = book_animation(B, "anim-sigma", 880, 400, 80);
    word_list(f, "sigs", NSIG, sig, 3);
    word_list(f, "kls", NSIG, kl, 3);
    fprintf(f, "do for [i=1:%d] {\n", NSIG);
    fputs("  set multiplot layout 1,2\n"
          "  set title sprintf(\"q = N(0, %s²)\", word(sigs,i)) noenhanced\n"
          "  set xlabel \"x\"\n  set ylabel \"density\"\n"
          "  set xrange [-6:6]\n  set yrange [0:0.85]\n  set key top left\n"
          "  plot \"sigma-densities.tsv\" using 1:2 with lines lt 1 title \"p = N(0, 1)\", \\\n"
          "       \"\" using 1:(column(i+2)) with lines lt 2 title \"q\"\n"
          "  set title sprintf(\"D(p‖q) = %s nats\", word(kls,i)) noenhanced\n"
          "  set xlabel \"standard deviation of q, σ\"\n  set ylabel \"D(p‖q) (nats)\"\n"
          "  set xrange [0.4:4.1]\n  set yrange [0:1.05]\n  set key top center\n"
          "  plot \"sigma-kl.tsv\" using 1:2 with lines lt 1 title \"log σ + 1/(2σ²) − ½\", \\\n"
          "       \"sigma-points.tsv\" every ::i-1::i-1 using 1:3 with points "
          "lt 2 pt 7 ps 1.6 title \"quadrature\"\n"
          "  unset multiplot\n"
          "}\n", f);
    book_close_file(B, f);

    f = book_figure(B, "fig-sigma-frames", 1000, 640);
    word_list(f, "sigs", NSIG, sig, 3);
    word_list(f, "kls", NSIG, kl, 3);
    fputs("set multiplot layout 3,5 margins 0.075,0.98,0.11,0.94 spacing 0.035,0.13\n"
          "set xrange [-6:6]\nset yrange [0:0.85]\nset xtics 3\nset ytics 0.4\n"
          "unset key\n"
          "do for [i=1:15] {\n"
          "  set title sprintf(\"σ = %s:  D = %s\", word(sigs,i), word(kls,i)) "
          "font \",11\"\n"
          "  if (i > 10) { set xlabel \"x\" } else { unset xlabel }\n"
          "  if (i % 5 == 1) { set ylabel \"density\" } else { unset ylabel }\n"
          "  if (i == 1) { set key top right samplen 1.5 } else { unset key }\n"
          "  plot \"sigma-densities.tsv\" using 1:2 with lines lt 1 title \"p\", \\\n"
          "       \"\" using 1:(column(i+2)) with lines lt 2 title \"q\"\n"
          "}\n"
          "unset multiplot\n", f);
    book_close_file(B, f);

    /* both curves with every numerical method on the grids */
    f = book_figure(B, "fig-curves", 900, 400);
    fputs("set multiplot layout 1,2 margins 0.07,0.98,0.17,0.93 spacing 0.08\n"
          "set key top center\n"
          "set title \"q = N(μ, 1)\"\n"
          "set xlabel \"mean of q, μ\"\nset ylabel \"D(p‖q) (nats)\"\n"
          "set xrange [-4.3:4.3]\nset yrange [0:9]\n"
          "plot \"mean-kl.tsv\" using 1:2 with lines lt 1 title \"closed form μ²/2\", \\\n"
          "     \"mean-points.tsv\" using 1:3 with points lt 2 pt 7 ps 1.1 title \"quadrature\", \\\n"
          "     \"\" using 1:4 with points lt 3 pt 6 ps 1.8 title \"window sum\"\n"
          "set title \"q = N(0, σ²)\"\n"
          "set xlabel \"standard deviation of q, σ\"\n"
          "set xrange [0.4:4.1]\nset yrange [0:1.1]\n"
          "plot \"sigma-kl.tsv\" using 1:2 with lines lt 1 title \"log σ + 1/(2σ²) − ½\", \\\n"
          "     \"sigma-points.tsv\" using 1:3 with points lt 2 pt 7 ps 1.1 title \"quadrature\", \\\n"
          "     \"\" using 1:4 with points lt 3 pt 6 ps 1.8 title \"window sum\"\n"
          "unset multiplot\n", f);
    book_close_file(B, f);
}

/* -- 5. The (mu, sigma) landscape ------------------------------------------ */

static void landscape(void)
{
    enum { NM = 41, NS = 71 };
    FILE *f = book_data(B, "map.tsv", "D(N(0,1) || N(mu, sigma^2)) on the grid "
                        "(blocks of constant mu)", "mu\tsigma\tD");
    double worst = 0.0, dmin = INFINITY, dmax = 0.0, amu = NAN, asig = NAN;
    for (int i = 0; i < NM; i++) {
        for (int j = 0; j < NS; j++) {
            /* >>> map */
            double mu = (i - 20) / 10.0;          /* -2 ... 2 by 0.1 */
            double sigma = (10 + j) / 20.0;       /* 0.5 ... 4 by 0.05 */
            double d = closed(0.0, 1.0, mu, sigma);
            double quad = quadrature_kl(0.0, 1.0, mu, sigma).value;
            /* <<< map */
            if (d > 0)
                worst = fmax(worst, fabs(quad - d) / d);
            else
                worst = fmax(worst, fabs(quad)); /* at P = Q, absolute */
            if (d < dmin) {
                dmin = d;
                amu = mu;
                asig = sigma;
            }
            dmax = fmax(dmax, d);
            fprintf(f, "%.6g\t%.6g\t%.12g\n", mu, sigma, d);
        }
        fputc('\n', f);
    }
    book_close_file(B, f);
    char text[160];
    snprintf(text, sizeof text, "map: quadrature = closed form on all %d grid "
             "points (worst error)", NM * NS);
    book_claim_le(B, text, worst, QUAD_TOL, 0.0);
    book_claim_abs(B, "map: the smallest D on the grid is at μ = 0 …", 0.0, amu,
                   1e-15);
    book_claim_abs(B, "   … and σ = 1, where P = Q", 1.0, asig, 1e-15);
    book_claim_abs(B, "map: D = 0 there", 0.0, dmin, 0.0);
    book_value_int(B, "map_n", NM * NS);
    book_value(B, "map_max", dmax, 3);
    book_value(B, "map_corner_wide", closed(0, 1, 2, 4), 3);

    /* cross-sections */
    static const double SIGS[] = {0.5, 1, 2, 4};
    static const double MUS[] = {0, 1, 2};
    f = book_data(B, "map-cut-mu.tsv", "D against mu at sigma = 0.5, 1, 2, 4",
                  "mu\ts05\ts1\ts2\ts4");
    for (int i = 0; i <= 200; i++) {
        double mu = -2.0 + i * 0.02;
        fprintf(f, "%.6g", mu);
        for (int k = 0; k < 4; k++)
            fprintf(f, "\t%.10g", closed(0.0, 1.0, mu, SIGS[k]));
        fputc('\n', f);
    }
    book_close_file(B, f);
    f = book_data(B, "map-cut-sigma.tsv", "D against sigma at mu = 0, 1, 2",
                  "sigma\tm0\tm1\tm2");
    for (int j = 0; j <= 350; j++) {
        double s = 0.5 + j * 0.01;
        fprintf(f, "%.6g", s);
        for (int k = 0; k < 3; k++)
            fprintf(f, "\t%.10g", closed(0.0, 1.0, MUS[k], s));
        fputc('\n', f);
    }
    book_close_file(B, f);

    f = book_figure(B, "fig-map", 900, 520);
    fputs("set multiplot\n"
          /* the map, left; colour on a log scale, D clipped at 0.01 */
          "set lmargin at screen 0.09\nset rmargin at screen 0.45\n"
          "set bmargin at screen 0.19\nset tmargin at screen 0.92\n"
          "set view map\nset pm3d map\n"
          "set style fill solid 1.0 noborder\n"
          "set contour base\n"
          "set cntrparam levels discrete 0.05,0.2,0.5,1,2,4,8\n"
          "set cntrlabel onecolor format \"%g\" font \",11\" start 25 interval 400\n"
          "set style textbox opaque noborder\n"
          "set xrange [-2:2]\nset yrange [0.5:4]\n"
          "set logscale cb\nset cbrange [0.01:10]\n"
          "set cbtics (\"0.01\" 0.01, \"0.1\" 0.1, \"1\" 1, \"10\" 10)\n"
          "unset xlabel\n"
          "set label 9 \"mean of q, μ\" at screen 0.27, screen 0.075 center\n"
          "set ylabel \"standard deviation of q, σ\"\n"
          "set cblabel \"D(p‖q) (nats, log scale)\" offset -0.5,0\n"
          "set colorbox user origin screen 0.465,0.19 size screen 0.015,0.73\n"
          "set title \"D(N(0,1) ‖ N(μ, σ²))\"\n"
          "set arrow 1 from -2,1 to 2,1 nohead front lc rgb \"#ffffff\" dt 2 lw 1.2\n"
          "set arrow 2 from 1,0.5 to 1,4 nohead front lc rgb \"#ffffff\" dt 2 lw 1.2\n"
          "unset key\n"
          "splot \"map.tsv\" using 1:2:($3 < 0.01 ? 0.01 : $3) with image nocontour, \\\n"
          "      \"\" using 1:2:3 with lines nosurface lc rgb \"#ffffff\" lw 1, \\\n"
          "      \"\" using 1:2:3 with labels boxed nosurface, \\\n"
          "      \"-\" using 1:2:(0.01) with points nocontour pt 3 ps 2.5 lc rgb \"#D55E00\"\n"
          "0\t1\ne\n"
          "unset view\nunset pm3d\nunset contour\nunset colorbox\nunset arrow\n"
          "unset label 9\n"
          "unset cblabel\nunset logscale cb\n"
          /* the cuts at sigma = const, top right */
          "set lmargin at screen 0.66\nset rmargin at screen 0.98\n"
          "set bmargin at screen 0.63\nset tmargin at screen 0.93\n"
          "set title \"cuts at fixed σ\"\n"
          "set xlabel \"μ\" offset 0,0.6\nset ylabel \"D (nats)\"\n"
          "set xrange [-2:2]\nset yrange [0:9]\nset xtics 1\n"
          "set key top center title \"σ\" samplen 1.5\n"
          "plot \"map-cut-mu.tsv\" using 1:2 with lines lt 1 title \"0.5\", \\\n"
          "     \"\" using 1:3 with lines lt 2 title \"1\", \\\n"
          "     \"\" using 1:4 with lines lt 3 title \"2\", \\\n"
          "     \"\" using 1:5 with lines lt 4 title \"4\"\n"
          /* the cuts at mu = const, bottom right */
          "set bmargin at screen 0.13\nset tmargin at screen 0.43\n"
          "set title \"cuts at fixed μ\"\n"
          "set xlabel \"σ\" offset 0,0.6\n"
          "set xrange [0.5:4]\nset yrange [0:9]\nset xtics 0.5\n"
          "set key top right title \"μ\"\n"
          "plot \"map-cut-sigma.tsv\" using 1:2 with lines lt 1 title \"0\", \\\n"
          "     \"\" using 1:3 with lines lt 2 title \"1\", \\\n"
          "     \"\" using 1:4 with lines lt 3 title \"2\"\n"
          "unset multiplot\n", f);
    book_close_file(B, f);
}

/* -- 6. Why the naive method fails ---------------------------------------- */

/* What the window sum converges to when P is wide: the integral over [-a, a]
 * alone, in closed form.  For P = N(0, s^2), Q = N(0, 1),
 * p (log p - log q) = p (c + k x^2) with c = -log s, k = 1/2 - 1/(2 s^2), and
 * E[1; |X| < a] = 1 - 2 Phi(-a/s), E[X^2; |X| < a] = s^2 (m0 - 2 (a/s) phi(a/s)).
 * A sum over both ends of the grid adds dx times the end value f(a) (it is a
 * trapezoid rule plus two half steps). */
static double truncated_sum(double s, double a, double dx)
{
    double t = a / s, c = -log(s), k = 0.5 - 0.5 / (s * s);
    double m0 = 1.0 - 2.0 * gsl_cdf_ugaussian_P(-t);
    double m2 = s * s * (m0 - 2.0 * t * gsl_ran_ugaussian_pdf(t));
    double end = gsl_ran_gaussian_pdf(a, s) * (c + k * a * a);
    return c * m0 + k * m2 + dx * end;
}

static void window_failure(void)
{
    FILE *f = book_data(B, "window.tsv",
                        "P = N(0, s1^2), Q = N(0,1): error of the window sum "
                        "and of adaptive quadrature",
                        "s1\tclosed\twindow_sum\tquad\twindow_err\tquad_err");
    double worst_q = 0.0, worst_t = 0.0, e3 = NAN, e5 = NAN, nan_below = NAN;
    for (int i = 0; i <= 160; i++) {
        double s1 = pow(10.0, -3.0 + 4.0 * i / 160.0); /* 10^-3 ... 10 */
        /* >>> window */
        double d = closed(0.0, s1, 0.0, 1.0);
        double sum = riemann_window(0.0, s1, 0.0, 1.0);
        double quad = quadrature_kl(0.0, s1, 0.0, 1.0).value;
        /* <<< window */
        double ew = fabs(sum - d), eq = fabs(quad - d);
        worst_q = fmax(worst_q, eq / d);
        if (s1 >= 1.5) /* wide P: the sum is the truncated integral */
            worst_t = fmax(worst_t, fabs(sum - truncated_sum(s1, WINDOW_HI, WINDOW_DX)));
        fprintf(f, "%.6g\t%.12g\t%.12g\t%.12g\t%.3e\t%.3e\n", s1, d, sum, quad,
                ew, eq);
        if (isnan(sum))
            nan_below = s1; /* p underflows inside the window: 0 log 0 */
    }
    book_close_file(B, f);
    e3 = riemann_window(0, 3, 0, 1) - closed(0, 3, 0, 1);
    e5 = riemann_window(0, 5, 0, 1) - closed(0, 5, 0, 1);
    book_claim_le(B, "window: adaptive quadrature = closed form, σ₁ from "
                     "10⁻³ to 10 (worst relative error)", worst_q, QUAD_TOL, 0.0);
    book_claim_le(B, "window: for σ₁ ≥ 1.5 the sum equals the integral over "
                     "[−6, 6] alone (worst abs. difference)", worst_t, 1e-5, 0.0);
    book_claim_abs(B, "window: at σ₁ = 3 the error is the lost tail",
                   truncated_sum(3, WINDOW_HI, WINDOW_DX) - closed(0, 3, 0, 1), e3, 1e-5);
    book_claim_abs(B, "window: at σ₁ = 5 the error is the lost tail",
                   truncated_sum(5, WINDOW_HI, WINDOW_DX) - closed(0, 5, 0, 1), e5, 1e-5);
    book_value(B, "win_lo", WINDOW_LO, 3);
    book_value(B, "win_hi", WINDOW_HI, 3);
    book_value(B, "win_dx", WINDOW_DX, 3);
    book_value(B, "win_err3", e3, 3);
    book_value(B, "win_err5", e5, 3);
    book_value(B, "win_abserr3", fabs(e3), 2);
    book_value(B, "win_abserr5", fabs(e5), 1);
    book_value(B, "win_kl3", closed(0, 3, 0, 1), 4);
    book_value(B, "win_kl5", closed(0, 5, 0, 1), 4);
    book_value(B, "win_sum3", riemann_window(0, 3, 0, 1), 4);
    book_value(B, "win_sum5", riemann_window(0, 5, 0, 1), 4);
    if (isnan(nan_below))
        book_fail(B, "the window sum was expected to be NaN for a narrow p");
    book_value(B, "win_nan_below", nan_below, 3);
    book_value_text(B, "win_sum_small",
                    isnan(riemann_window(0, 1e-3, 0, 1)) ? "NaN" : "a number");
    book_value(B, "win_kl_small", closed(0, 1e-3, 0, 1), 4);
    book_value(B, "win_quad_worst", worst_q, 2);

    f = book_figure(B, "fig-window", 760, 440);
    fprintf(f, "set object 2 rect from 1e-3,1e-17 to %.10g,1e3 behind "
               "fc rgb \"#CC79A7\" fillstyle transparent solid 0.15 noborder\n",
            nan_below);
    fputs("set xlabel \"standard deviation of p, σ₁   (q = N(0, 1))\"\n"
          "set ylabel \"absolute error (nats)\"\n"
          "set logscale xy\n"
          "set format x \"%g\"\n"
          "set format y \"10^{%L}\"\n"
          "set xrange [1e-3:10]\nset yrange [1e-17:1e3]\nset ytics 1e-16,1e4\n"
          "set key top center\n"
          "set object 1 rect from 1,1e-17 to 10,1e3 behind fc rgb \"#E69F00\" "
          "fillstyle transparent solid 0.08 noborder\n"
          "set label \"σ₁ > 1: p's tails\\nreach past ±6\" at 1.2,1e-12 font \",11\"\n"
          "set label \"window sum = NaN\\n(p underflows: 0·log 0)\" "
          "at 1.2e-3,1e-13 font \",11\"\n"
          "clip(e) = e > 1e-17 ? e : 1e-17\n"
          "plot \"window.tsv\" using 1:(clip($5)) with lines lt 2 "
          "title \"Riemann sum, dx = 0.01 on [−6, 6]\", \\\n"
          "     \"\" using 1:(clip($6)) with lines lt 1 "
          "title \"adaptive quadrature (log space, whole line)\"\n", f);
    book_close_file(B, f);
}

/* The underflow: P = N(0,1), Q = N(40,1), the integrand two ways. */
static void underflow(void)
{
    const double mu = 40.0;
    double inf_lo = NAN, inf_hi = NAN, nan_hi = NAN, ok_lo = NAN, ok_hi = NAN;
    FILE *f = book_data(B, "underflow.tsv",
                        "integrand for P = N(0,1), Q = N(40,1): "
                        "p log(p/q) from densities, and p (log p - log q)",
                        "x\tlog_space\tnaive\tclass");
    for (int i = 0; i <= 2000; i++) {
        double x = -50.0 + i * 0.05;
        /* >>> integrands */
        double p = gsl_ran_gaussian_pdf(x, 1.0);
        double q = gsl_ran_gaussian_pdf(x - mu, 1.0);
        double naive = p * log(p / q);               /* inf or NaN */
        struct kl_gaussian gp = {0.0, 1.0}, gq = {mu, 1.0};
        double lp = kl_gaussian_logpdf(x, &gp), lq = kl_gaussian_logpdf(x, &gq);
        double logspace = exp(lp) * (lp - lq);       /* always finite */
        /* <<< integrands */
        int cls = isnan(naive) ? 2 : isinf(naive) ? 1 : 0;
        if (cls == 1) {
            if (isnan(inf_lo))
                inf_lo = x;
            inf_hi = x;
        } else if (cls == 2 && x < 0) {
            nan_hi = x;
        } else if (cls == 0) {
            if (isnan(ok_lo))
                ok_lo = x;
            ok_hi = x;
        }
        fprintf(f, "%.6g\t%.10g\t%.10g\t%d\n", x, logspace,
                cls == 0 ? naive : 0.0, cls);
    }
    book_close_file(B, f);

    double wide = riemann_naive(0, 1, mu, 1, -60, 60, WINDOW_DX);
    double wide0 = riemann_naive(0, 1, 0, 1, -60, 60, WINDOW_DX);
    double fixed = riemann_window(0, 1, mu, 1);
    double quad = quadrature_kl(0, 1, mu, 1).value;
    book_claim_rel(B, "underflow: log-space quadrature = μ²/2 = 800 at μ = 40",
                   mu * mu / 2, quad, QUAD_TOL);
    book_claim_ge(B, "underflow: the window sum on [−6, 6] at μ = 40 overflows "
                     "(≥ the largest double)", fixed, DBL_MAX, 0.0);
    book_value(B, "uf_nan_hi", nan_hi, 3);
    book_value(B, "uf_inf_lo", inf_lo, 3);
    book_value(B, "uf_inf_hi", inf_hi, 3);
    book_value(B, "uf_ok_lo", ok_lo, 3);
    book_value(B, "uf_ok_hi", ok_hi, 3);
    book_value_text(B, "uf_fixed", isinf(fixed) ? "+∞" : "finite");
    book_value_text(B, "uf_wide", isnan(wide) ? "NaN" : "a number");
    book_value_text(B, "uf_wide0", isnan(wide0) ? "NaN" : "a number");
    book_value(B, "uf_quad", quad, 12);
    if (!isnan(wide) || !isnan(wide0))
        book_fail(B, "the wide-window sum was expected to be NaN");
    /* where the fixed window first breaks: q(-6) underflows past mu ~ 32.6 */
    double first_inf = NAN;
    for (int k = 0; k <= 400 && isnan(first_inf); k++)
        if (isinf(riemann_window(0, 1, k * 0.1, 1)))
            first_inf = k * 0.1;
    book_value(B, "uf_first_inf", first_inf, 3);

    f = book_figure(B, "fig-underflow", 820, 440);
    fprintf(f, "set xlabel \"x\"\n"
               "set ylabel \"integrand (nats per unit x)\"\n"
               "set xrange [-50:50]\nset yrange [-60:380]\n"
               "set key at first 37, first 120 right\n"
               "set object 1 rect from -50,-60 to %.10g,380 behind "
               "fc rgb \"#999999\" fillstyle transparent solid 0.25 noborder\n"
               "set object 2 rect from %.10g,-60 to %.10g,380 behind "
               "fc rgb \"#CC79A7\" fillstyle transparent solid 0.18 noborder\n"
               "set object 3 rect from %.10g,-60 to 50,380 behind "
               "fc rgb \"#999999\" fillstyle transparent solid 0.25 noborder\n"
               "set label \"p = q = 0:\\n0·log(0/0)\\n= NaN\" at -49,200 font \",11\"\n"
               "set label \"q ≈ 0 < p:\\np/q overflows,\\nlog(p/q) = +∞\" at -30,200 font \",11\"\n"
               "set label \"both finite\" at 14,200 font \",11\"\n"
               "set label \"p = 0:\\n0·(−∞)\\n= NaN\" at 39.5,200 font \",11\"\n"
               "plot \"underflow.tsv\" using 1:2 with lines lt 1 lw 2.5 "
               "title \"p (log p − log q), analytic logs\", \\\n"
               "     \"\" using 1:($4 == 0 ? $3 : 1/0) with lines lt 2 dt 2 lw 2.5 "
               "title \"p log(p/q) where finite\"\n",
            nan_hi + 0.025, nan_hi + 0.025, inf_hi + 0.025, ok_hi + 0.025);
    book_close_file(B, f);
}

/* -- 7. Tiny divergences --------------------------------------------------- */

/* >>> reference */
/* A reference for tiny divergences, independent of the library's route: in
 * long double, with e = (s1 - s2)/s2 and delta = (m1 - m2)/s2,
 *   D = e + e^2/2 - log(1 + e) + delta^2/2
 *     = e^2 - e^3/3 + e^4/4 - ... + delta^2/2   (series for |e| < 0.1). */
static long double reference_kl(double m1, double s1, double m2, double s2)
{
    long double e = ((long double)s1 - s2) / s2;
    long double delta = ((long double)m1 - m2) / s2, ds;
    if (fabsl(e) < 0.1L) {
        long double term = e * e, sum = term; /* the k = 2 term, e^2 */
        for (int k = 3; k <= 40; k++) {
            term *= -e;
            sum += term / k;
        }
        ds = sum;
    } else {
        ds = e + e * e / 2 - log1pl(e);
    }
    return ds + delta * delta / 2;
}
/* <<< reference */

static void tiny(void)
{
    /* three families approaching P = Q: the mean alone, the width alone, both */
    static const char *const names[] = {"mean", "width", "both"};
    FILE *f = book_data(B, "tiny.tsv",
                        "relative error of the textbook and the careful closed "
                        "form against a long-double reference",
                        "family\treference\ttextbook_err\tcareful_err");
    double worst_careful = 0.0, worst_text = 0.0, text_at_1e8 = NAN;
    double text_at_1e12 = NAN, text_at_1e4 = NAN;
    int n = 0, text_negative = 0;
    for (int fam = 0; fam < 3; fam++) {
        for (int i = 0; i <= 100; i++) {
            double target = pow(10.0, -20.0 + 20.0 * i / 100.0); /* 1e-20..1 */
            double eps = sqrt(2.0 * target);
            double m1 = 0.3, s1 = 1.7, m2 = m1, s2 = s1;
            if (fam == 0)
                m2 = m1 + eps * s1;
            else if (fam == 1)
                s2 = s1 * (1.0 + eps / sqrt(2.0));
            else {
                m2 = m1 + 0.6 * eps * s1;
                s2 = s1 * (1.0 - 0.8 * eps / sqrt(2.0));
            }
            /* >>> tiny */
            long double ref = reference_kl(m1, s1, m2, s2);
            double careful = closed(m1, s1, m2, s2);
            double text = textbook_kl(m1, s1, m2, s2);
            double ec = fabs((double)((careful - ref) / ref));
            double et = fabs((double)((text - ref) / ref));
            /* <<< tiny */
            worst_careful = fmax(worst_careful, ec);
            text_negative += text < 0.0;
            worst_text = fmax(worst_text, et);
            if (fam == 2 && i == 60)
                text_at_1e8 = et;
            if (fam == 2 && i == 40)
                text_at_1e12 = et;
            if (fam == 2 && i == 80)
                text_at_1e4 = et;
            fprintf(f, "%s\t%.6Le\t%.3e\t%.3e\n", names[fam], ref, et, ec);
            n++;
        }
        fputs("\n\n", f);
    }
    book_close_file(B, f);
    char text[200];
    snprintf(text, sizeof text, "tiny: careful closed form, %d pairs with D "
             "from 10⁻²⁰ to 1 (worst relative error)", n);
    book_claim_le(B, text, worst_careful, 8 * DBL_EPSILON, 0.0);
    book_claim_ge(B, "tiny: the textbook formula loses every digit somewhere "
                     "(worst relative error)", worst_text, 1.0, 0.0);
    /* the reference itself against quadrature where quadrature can judge */
    long double r1 = reference_kl(0.3, 1.7, 0.3 + 0.6 * 1.7, 1.7 * (1 - 0.8 / sqrt(2.0)));
    double q1 = quadrature_kl(0.3, 1.7, 0.3 + 0.6 * 1.7, 1.7 * (1 - 0.8 / sqrt(2.0))).value;
    book_claim_rel(B, "tiny: the long-double reference = quadrature at D ≈ 1",
                   q1, (double)r1, QUAD_TOL);
    book_value_int(B, "tiny_n", n);
    book_value_int(B, "tiny_text_neg", text_negative);
    book_value(B, "tiny_worst_careful", worst_careful, 2);
    book_value(B, "tiny_worst_text", worst_text, 2);
    book_value(B, "tiny_text_1e4", text_at_1e4, 2);
    book_value(B, "tiny_text_1e8", text_at_1e8, 2);
    book_value(B, "tiny_text_1e12", text_at_1e12, 2);
    book_value(B, "dbl_eps", DBL_EPSILON, 3);
    book_value(B, "tiny_claim_tol", 8 * DBL_EPSILON, 2);

    f = book_figure(B, "fig-tiny", 800, 440);
    fprintf(f, "set xlabel \"divergence D(P‖Q) (nats)\"\n"
               "set ylabel \"relative error\"\n"
               "set logscale xy\n"
               "set format x \"10^{%%L}\"\nset format y \"10^{%%L}\"\n"
               "set xrange [1e-20:1]\nset yrange [1e-20:1e6]\n"
               "set xtics 1e-20,1e4,1\nset ytics 1e-20,1e5\n"
               "set key at graph 0.98, graph 0.98 right top\n"
               "set arrow from 1e-20,%.10g to 1,%.10g nohead lt 7 dt 2 lw 1\n"
               "set label \"machine ε\" at 2e-20,%.10g offset 0,0.6 font \",11\"\n"

               "clip(e) = e > 1e-19 ? e : 1e-19\n"
               "plot \"tiny.tsv\" index 0 using 2:(clip($3)) with points lt 2 pt 6 "
               "ps 0.7 title \"textbook, mean\", \\\n"
               "     \"\" index 1 using 2:(clip($3)) with points lt 5 pt 8 ps 0.7 "
               "title \"textbook, width\", \\\n"
               "     \"\" index 2 using 2:(clip($3)) with points lt 4 pt 4 ps 0.6 "
               "title \"textbook, both\", \\\n"
               "     \"\" index 0 using 2:(clip($4)) with points lt 1 pt 7 ps 0.45 "
               "title \"careful (all)\", \\\n"
               "     \"\" index 1 using 2:(clip($4)) with points lt 1 pt 7 ps 0.45 "
               "notitle, \\\n"
               "     \"\" index 2 using 2:(clip($4)) with points lt 1 pt 7 ps 0.45 "
               "notitle\n",
            DBL_EPSILON, DBL_EPSILON, DBL_EPSILON);
    book_close_file(B, f);
}

/* -- 8. Forward against reverse KL ----------------------------------------- */

struct fit {
    struct kl_mixture *mix;
    int reverse;        /* 0: minimise D(p||q); 1: minimise D(q||p) */
};

/* >>> objective */
/* The objective over v = (mu, log sigma) of q = N(mu, sigma^2):
 * D(p||q) or D(q||p) by adaptive quadrature in log space; the mixture's
 * log-density is a log-sum-exp, so it never underflows to -inf. */
static double fit_objective(const gsl_vector *v, void *params)
{
    const struct fit *fit = params;
    struct kl_gaussian g = {gsl_vector_get(v, 0), exp(gsl_vector_get(v, 1))};
    if (kl_gaussian_check(g.mu, g.sigma) != KL_OK)
        return GSL_POSINF;
    struct kl_density q = kl_gaussian_density(&g);
    struct kl_density p = kl_mixture_density(fit->mix);
    struct kl_quad_result r;
    enum kl_status st = fit->reverse ? kl_density_divergence(&q, &p, NULL, &r)
                                     : kl_density_divergence(&p, &q, NULL, &r);
    return st == KL_OK ? r.value : GSL_NAN;
}
/* <<< objective */

/* Minimises the objective from (MU0, SIGMA0) with the Nelder-Mead simplex;
 * writes the fitted mu and sigma and returns the minimum. */
static double fit_gaussian(struct fit *fit, double mu0, double sigma0,
                           double *mu, double *sigma)
{
    gsl_multimin_function F = {fit_objective, 2, fit};
    gsl_vector *x = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
    gsl_multimin_fminimizer *s =
        gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
    if (x == NULL || step == NULL || s == NULL)
        book_fail(B, "out of memory");
    gsl_vector_set(x, 0, mu0);
    gsl_vector_set(x, 1, log(sigma0));
    gsl_vector_set_all(step, 0.3);
    if (gsl_multimin_fminimizer_set(s, &F, x, step) != GSL_SUCCESS)
        book_fail(B, "cannot start the minimiser");
    int status = GSL_CONTINUE, iter;
    for (iter = 0; iter < 2000 && status == GSL_CONTINUE; iter++) {
        if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS)
            book_fail(B, "the minimiser failed");
        status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), 1e-7);
    }
    if (status != GSL_SUCCESS)
        book_fail(B, "the minimiser did not converge from (%g, %g)", mu0,
                  sigma0);
    *mu = gsl_vector_get(s->x, 0);
    *sigma = exp(gsl_vector_get(s->x, 1));
    double fmin = s->fval;
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(x);
    gsl_vector_free(step);
    return fmin;
}

/* D(A||B) for a Gaussian and the mixture, in either order. */
static double mix_div(struct kl_mixture *mix, double mu, double sigma,
                      int gauss_first)
{
    struct kl_gaussian g = {mu, sigma};
    struct kl_density q = kl_gaussian_density(&g), p = kl_mixture_density(mix);
    struct kl_quad_result r;
    ok(gauss_first ? kl_density_divergence(&q, &p, NULL, &r)
                   : kl_density_divergence(&p, &q, NULL, &r), "mixture KL");
    return r.value;
}

static void forward_reverse(void)
{
    struct kl_mixture mix = {2, MIX_W, MIX_MU, MIX_SIGMA};
    ok(kl_mixture_check(&mix), "mixture");
    double mean, sd;
    ok(kl_mixture_moments(&mix, &mean, &sd), "mixture moments");

    /* >>> fits */
    struct fit fwd = {&mix, 0}, rev = {&mix, 1};
    double fm, fs, rm, rs, lm, ls;
    double f_min = fit_gaussian(&fwd, 0.0, 1.0, &fm, &fs);       /* D(p||q) */
    double r_min = fit_gaussian(&rev, 1.0, 1.0, &rm, &rs);       /* D(q||p) */
    double l_min = fit_gaussian(&rev, -2.0, 1.0, &lm, &ls);      /* other start */
    /* <<< fits */

    book_claim_abs(B, "forward fit: μ = the mixture's mean", mean, fm, 1e-5);
    book_claim_rel(B, "forward fit: σ = the mixture's standard deviation", sd,
                   fs, 1e-5);
    book_claim_le(B, "reverse fit (right mode): min D(q‖p) ≤ −log w₂",
                  r_min, -log(MIX_W[1]), 0.0);
    book_claim_le(B, "reverse fit (left mode): min D(q‖p) ≤ −log w₁",
                  l_min, -log(MIX_W[0]), 0.0);
    book_claim_le(B, "each fit wins its own objective: D(p‖q_fwd) ≤ D(p‖q_rev)",
                  f_min, mix_div(&mix, rm, rs, 0), 0.0);
    book_claim_le(B, "   … and D(q_rev‖p) ≤ D(q_fwd‖p)", r_min,
                  mix_div(&mix, fm, fs, 1), 0.0);

    book_value(B, "mix_w1", MIX_W[0], 3);
    book_value(B, "mix_w2", MIX_W[1], 3);
    book_value(B, "mix_m1", MIX_MU[0], 3);
    book_value(B, "mix_m2", MIX_MU[1], 3);
    book_value(B, "mix_s1", MIX_SIGMA[0], 3);
    book_value(B, "mix_s2", MIX_SIGMA[1], 3);
    book_value(B, "mix_mean", mean, 4);
    book_value(B, "mix_sd", sd, 4);
    book_value(B, "fwd_mu", fm, 4);
    book_value(B, "fwd_sigma", fs, 4);
    book_value(B, "fwd_min", f_min, 4);
    book_value(B, "fwd_rev", mix_div(&mix, fm, fs, 1), 4);
    book_value(B, "rev_mu", rm, 4);
    book_value(B, "rev_sigma", rs, 4);
    book_value(B, "rev_min", r_min, 4);
    book_value(B, "rev_fwd", mix_div(&mix, rm, rs, 0), 4);
    book_value(B, "loc_mu", lm, 4);
    book_value(B, "loc_sigma", ls, 4);
    book_value(B, "loc_min", l_min, 4);
    book_value(B, "rev_bound", -log(MIX_W[1]), 4);
    book_value(B, "loc_bound", -log(MIX_W[0]), 4);

    FILE *f = book_data(B, "fit.tsv", "the mixture and the fitted Gaussians",
                        "x\tmixture\tforward\treverse\treverse_local");
    for (int i = 0; i <= 800; i++) {
        double x = -6.0 + i * 0.015;
        fprintf(f, "%.6g\t%.8g\t%.8g\t%.8g\t%.8g\n", x,
                exp(kl_mixture_logpdf(x, &mix)), gsl_ran_gaussian_pdf(x - fm, fs),
                gsl_ran_gaussian_pdf(x - rm, rs), gsl_ran_gaussian_pdf(x - lm, ls));
    }
    book_close_file(B, f);

    char lab[3][2][32];
    const double par[3][2] = {{fm, fs}, {rm, rs}, {lm, ls}};
    for (int k = 0; k < 3; k++)
        for (int j = 0; j < 2; j++) /* two decimals, a true minus sign */
            snprintf(lab[k][j], sizeof lab[k][j], "%s%.2f",
                     par[k][j] < 0 ? "−" : "", fabs(par[k][j]));
    f = book_figure(B, "fig-fit", 820, 440);
    fprintf(f, "set xlabel \"x\"\nset ylabel \"density\"\n"
               "set xrange [-6:5.5]\nset yrange [0:0.9]\n"
               "set key top right\n"
               "plot \"fit.tsv\" using 1:2 with filledcurves y1=0 lc rgb \"#999999\" "
               "title \"p: the mixture\", \\\n"
               "     \"\" using 1:3 with lines lt 1 "
               "title \"min D(p‖q): N(%s, %s²)\", \\\n"
               "     \"\" using 1:4 with lines lt 2 "
               "title \"min D(q‖p): N(%s, %s²)\", \\\n"
               "     \"\" using 1:5 with lines lt 2 dt 2 "
               "title \"local min D(q‖p): N(%s, %s²)\"\n",
            lab[0][0], lab[0][1], lab[1][0], lab[1][1], lab[2][0], lab[2][1]);
    book_close_file(B, f);
}

int main(int argc, char **argv)
{
    double sig[NSIG];
    B = book_open("05-gaussian-kl", argc, argv);
    derivation();
    hard_cases();
    mean_experiment();
    sigma_experiment(sig);
    landscape();
    window_failure();
    underflow();
    tiny();
    forward_reverse();
    return book_close(B);
}
