/* 04-mle — Chapter 4: maximum likelihood minimises KL, and where AIC comes
 * from.
 *
 * Experiments: running averages of the log-likelihood of several models on
 * one long Gamma sample, converging to E_p[log q] = -h(p) - D(p||q) (limits by
 * quadrature); the KL divergence from the Gamma law to the Gaussian family,
 * minimised with gsl_multimin, against the moment-matched Gaussian; Gaussian
 * MLEs from repeated samples gathering at that minimiser; the categorical MLE
 * and the identity log L(q) = -n H(p-hat) - n D(p-hat||q); the bias of the
 * maximised log-likelihood against the number of parameters k (Monte Carlo
 * against k n / (n - k - 1)); AIC against held-out log-likelihood.
 *
 * Run: output/build/bin/04-mle [OUTPUT-FOLDER]   (make chapter-04)
 * Change a parameter below, then `make chapter-04` reruns what depends on it. */
#define _DEFAULT_SOURCE /* M_PI */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "book/book.h"
#include "kl/density.h"
#include "kl/discrete.h"
#include "kl/gaussian.h"
#include "kl/mle.h"

/* >>> parameters */
static const double SHAPE = 2.0, SCALE = 1.0;  /* the true law p = Gamma(2, 1) */
enum { N_LLN = 1000000 };                      /* longest running average */
static const size_t MLE_SIZES[] = {10, 100, 1000, 10000}; /* sample sizes */
enum { MLE_REPS = 300 };                       /* samples of each size */
enum { CAT_N = 200, CAT_DRAWS = 20000 };       /* die rolls; random rival laws */
enum { AIC_REPS = 20000 };                     /* data sets per bias estimate */
enum { SEL_N = 40, SEL_REPS = 4000, SEL_FRESH = 25000 }; /* model selection */
static const double SEL_SIGMA = 0.3;           /* noise sd in the selection example */
static const unsigned long SEED = 20261122;    /* fixed: the book is reproducible;
                                                  experiment i uses SEED + i */
/* <<< parameters */

enum { NMLE = sizeof MLE_SIZES / sizeof MLE_SIZES[0] };

static struct book *B;
static gsl_rng *RNG;

static void ok(enum kl_status st, const char *what)
{
    if (st != KL_OK)
        book_fail(B, "%s: %s", what, kl_strerror(st));
}


static double mean_of(const double *x, size_t n)
{
    return gsl_stats_mean(x, 1, n);
}

/* Standard error of the mean of X[0..N). */
static double se_of(const double *x, size_t n)
{
    return gsl_stats_sd(x, 1, n) / sqrt((double)n);
}

/* The true law, with its moments and entropy in closed form. */
static struct kl_mle_gamma P_GAMMA;
static struct kl_density P;
static double P_MEAN, P_VAR, P_H;

/* -- 1. Average log-likelihood and its limit -------------------------------- */

/* A candidate model: a log-density, its name, and its cross-entropy
 * -E_p[log q] in closed form (from the Gamma moments). */
struct model {
    char title[64];
    struct kl_density q;
    double cross;           /* closed form */
    double h_plus_d;        /* h(p) + D(p||q), both by quadrature */
    double sd;              /* sd of log q(X) under p, by quadrature */
};

static struct kl_mle_gamma M_EXP = {1.0, 2.0};
static struct kl_gaussian M_BEST;                /* set to p's mean and sd */
static struct kl_gaussian M_OFF = {1.5, 1.0};

static double logq_square(double x, void *params)
{
    const struct kl_density *q = params;
    double l = q->logpdf(x, q->params);
    return l * l;
}

static void models_setup(struct model *m)
{
    M_BEST = (struct kl_gaussian){P_MEAN, sqrt(P_VAR)};
    m[0] = (struct model){"", kl_mle_gamma_density(&P_GAMMA), 0, 0, 0};
    m[1] = (struct model){"", kl_mle_gamma_density(&M_EXP), 0, 0, 0};
    m[2] = (struct model){"", kl_gaussian_density(&M_BEST), 0, 0, 0};
    m[3] = (struct model){"", kl_gaussian_density(&M_OFF), 0, 0, 0};
    snprintf(m[0].title, sizeof m[0].title, "q = p = Gamma(%g, %g)", SHAPE, SCALE);
    snprintf(m[1].title, sizeof m[1].title, "q = Exponential, mean %g",
             M_EXP.shape * M_EXP.scale);
    snprintf(m[2].title, sizeof m[2].title, "q = N(%g, %g)", M_BEST.mu,
             M_BEST.sigma * M_BEST.sigma);
    snprintf(m[3].title, sizeof m[3].title, "q = N(%g, %g)", M_OFF.mu,
             M_OFF.sigma * M_OFF.sigma);
    book_value(B, "exp_mean", M_EXP.shape * M_EXP.scale, 6);
    book_value(B, "off_mu", M_OFF.mu, 6);
    book_value(B, "off_var", M_OFF.sigma * M_OFF.sigma, 6);
    ok(kl_mle_gamma_cross_entropy(&P_GAMMA, &P_GAMMA, &m[0].cross), "cross-entropy");
    ok(kl_mle_gamma_cross_entropy(&P_GAMMA, &M_EXP, &m[1].cross), "cross-entropy");
    ok(kl_mle_gaussian_cross_entropy(P_MEAN, P_VAR, M_BEST.mu, M_BEST.sigma,
                                     &m[2].cross), "cross-entropy");
    ok(kl_mle_gaussian_cross_entropy(P_MEAN, P_VAR, M_OFF.mu, M_OFF.sigma,
                                     &m[3].cross), "cross-entropy");

    /* >>> limits */
    struct kl_quad_result h, d, sq;
    ok(kl_density_entropy(&P, NULL, &h), "h(p) by quadrature");
    for (int j = 0; j < 4; j++) {
        ok(kl_density_divergence(&P, &m[j].q, NULL, &d), "D(p||q) by quadrature");
        m[j].h_plus_d = h.value + d.value;      /* = -E_p[log q(Y)] */
        ok(kl_density_expectation(&P, logq_square, &m[j].q, NULL, &sq),
           "E_p[(log q)^2] by quadrature");
        m[j].sd = sqrt(sq.value - m[j].h_plus_d * m[j].h_plus_d);
    }
    /* <<< limits */
    book_claim_rel(B, "h(Gamma(2, 1)): closed form = quadrature", P_H, h.value,
                   1e-10);
}

static void models_figure(const struct model *m)
{
    FILE *f = book_data(B, "models.tsv", "the true law and three models",
                        "x\tp_gamma\tq_exp\tq_best\tq_off");
    for (int i = 0; i <= 440; i++) {
        double x = -2.0 + 11.0 * i / 440.0;
        fprintf(f, "%.6g", x);
        for (int j = 0; j < 4; j++)
            fprintf(f, "\t%.6g", exp(m[j].q.logpdf(x, m[j].q.params)));
        fputc('\n', f);
    }
    book_close_file(B, f);

    f = book_figure(B, "fig-models", 760, 420);
    fputs("set xlabel \"y\"\n"
          "set ylabel \"density\"\n"
          "set xrange [-2:9]\n"
          "set yrange [0:0.55]\n"
          "set key top right\n",
          f);
    fprintf(f, "plot \"models.tsv\" using 1:2 with filledcurves y1=0 lt 1 notitle, \\\n"
               "     \"\" using 1:2 with lines lt 1 lw 3 title \"p = %s, the truth\"",
            m[0].title + 8);
    for (int j = 1; j < 4; j++)
        fprintf(f, ", \\\n     \"\" using 1:%d with lines lt %d%s title \"%s: D(p ‖ q) = %.3f\"",
                j + 2, j + 1, j == 3 ? " dt 2" : "", m[j].title + 4,
                m[j].h_plus_d - m[0].h_plus_d);
    fputc('\n', f);
    book_close_file(B, f);
}

static void running_averages(struct model *m)
{
    double *x = book_malloc(B, N_LLN * sizeof *x);
    double *l = book_malloc(B, N_LLN * sizeof *l);
    enum { NPTS = 121 };
    size_t at[NPTS];
    double avg[4][NPTS];
    for (int t = 0; t < NPTS; t++)
        at[t] = (size_t)llround(pow(10.0, t / 20.0));
    gsl_rng_set(RNG, SEED + 1);

    /* >>> running */
    for (size_t i = 0; i < N_LLN; i++)
        x[i] = gsl_ran_gamma(RNG, SHAPE, SCALE);        /* one sample from p */
    for (int j = 0; j < 4; j++) {
        double sum = 0.0;
        int t = 0;
        for (size_t i = 0; i < N_LLN; i++) {
            l[i] = m[j].q.logpdf(x[i], m[j].q.params);  /* log q(X_i) */
            sum += l[i];
            while (t < NPTS && at[t] == i + 1)
                avg[j][t++] = sum / (double)(i + 1);    /* (1/n) sum log q(X_i) */
        }
        double limit = -m[j].h_plus_d;                   /* E_p[log q(Y)] */
        double se = se_of(l, N_LLN);
        /* <<< running */
        char text[600], name[64];
        snprintf(text, sizeof text,
                 "%.63s: average log-likelihood at n = %d → E_p[log q] "
                 "(quadrature)", m[j].title, N_LLN);
        book_claim_sigma(B, text, limit, avg[j][NPTS - 1], se, 4.0);
        snprintf(text, sizeof text,
                 "%.63s: −E_p[log q] closed form = h(p) + D(p‖q) by quadrature",
                 m[j].title);
        book_claim_rel(B, text, m[j].cross, m[j].h_plus_d, 1e-10);
        snprintf(name, sizeof name, "lln_limit_%d", j);
        book_value(B, name, limit, 4);
        snprintf(name, sizeof name, "lln_avg_%d", j);
        book_value(B, name, avg[j][NPTS - 1], 4);
        snprintf(name, sizeof name, "lln_se_%d", j);
        book_value(B, name, se, 2);
        snprintf(name, sizeof name, "lln_D_%d", j);
        book_value(B, name, m[j].h_plus_d - m[0].h_plus_d, 3);
        snprintf(name, sizeof name, "lln_sd_%d", j);
        book_value(B, name, m[j].sd, 3);
    }
    free(x);
    free(l);

    FILE *f = book_data(B, "lln.tsv",
                        "running average log-likelihood of four models on one "
                        "Gamma(2, 1) sample, with the limits and 2 sd/sqrt(n)",
                        "n\tavg_p\tavg_exp\tavg_best\tavg_off\t"
                        "lim_p\tlim_exp\tlim_best\tlim_off\t"
                        "sd_p\tsd_exp\tsd_best\tsd_off");
    for (int t = 0; t < NPTS; t++) {
        if (t > 0 && at[t] == at[t - 1])
            continue;
        fprintf(f, "%zu", at[t]);
        for (int j = 0; j < 4; j++)
            fprintf(f, "\t%.10g", avg[j][t]);
        for (int j = 0; j < 4; j++)
            fprintf(f, "\t%.10g", -m[j].h_plus_d);
        for (int j = 0; j < 4; j++)
            fprintf(f, "\t%.10g", m[j].sd);
        fputc('\n', f);
    }
    book_close_file(B, f);

    f = book_figure(B, "fig-lln", 760, 480);
    fputs("set xlabel \"sample size n\"\n"
          "set ylabel \"average log-likelihood (1/n) Σ log q(X_i) (nats)\"\n"
          "set logscale x\n"
          "set xrange [1:1e6]\n"
          "set format x \"10^{%T}\"\n"
          "set key bottom right\n",
          f);
    double top = -INFINITY, bottom = INFINITY;
    for (int j = 0; j < 4; j++) {
        top = fmax(top, -m[j].h_plus_d);
        bottom = fmin(bottom, -m[j].h_plus_d);
    }
    fprintf(f, "set yrange [%.3f:%.3f]\n", bottom - 0.55, top + 0.4);
    fputs("plot \\\n", f);
    for (int j = 0; j < 4; j++)
        fprintf(f,
                "     \"lln.tsv\" using 1:($%d-2*$%d/sqrt($1)):($%d+2*$%d/sqrt($1)) "
                "with filledcurves lt %d fs transparent solid 0.15 notitle, \\\n"
                "     \"\" using 1:%d with lines lt %d dt 2 lw 1.5 notitle, \\\n"
                "     \"\" using 1:%d with lines lt %d title \"%s\"%s\n",
                6 + j, 10 + j, 6 + j, 10 + j, j + 1, 6 + j, j + 1, 2 + j, j + 1,
                m[j].title, j < 3 ? ", \\" : "");
    book_close_file(B, f);
    book_value_int(B, "lln_n", N_LLN);
}

/* -- 2. The KL-closest Gaussian to a Gamma law ------------------------------ */

/* D(p || N(mu, sigma^2)) by quadrature. */
static double kl_to_gaussian(double mu, double sigma, const struct kl_quad *o)
{
    struct kl_gaussian g = {mu, sigma};
    struct kl_density q = kl_gaussian_density(&g);
    struct kl_quad_result r;
    ok(kl_density_divergence(&P, &q, o, &r), "D(p||N) by quadrature");
    return r.value;
}

/* >>> minimise */
/* theta = (mu, log sigma), so that every theta is a valid model;
 * the objective is D(p || N(mu, sigma^2)) by quadrature, nothing else. */
static double kl_objective(const gsl_vector *th, void *unused)
{
    (void)unused;
    return kl_to_gaussian(gsl_vector_get(th, 0), exp(gsl_vector_get(th, 1)), NULL);
}
/* <<< minimise */

static void closest_gaussian(double *mu_star, double *sigma_star, double *d_star)
{
    /* >>> multimin */
    gsl_multimin_function F = {kl_objective, 2, NULL};
    gsl_vector *th = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
    gsl_multimin_fminimizer *s =
        gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
    if (th == NULL || step == NULL || s == NULL)
        book_fail(B, "out of memory");
    gsl_vector_set(th, 0, 0.5);             /* start at N(0.5, 1) */
    gsl_vector_set(th, 1, 0.0);
    gsl_vector_set_all(step, 0.5);
    if (gsl_multimin_fminimizer_set(s, &F, th, step) != GSL_SUCCESS)
        book_fail(B, "cannot start the minimiser");
    int status = GSL_CONTINUE, iter = 0;
    while (status == GSL_CONTINUE && iter++ < 1000) {
        if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS)
            book_fail(B, "the minimiser stopped");
        status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), 1e-9);
    }
    if (status != GSL_SUCCESS)
        book_fail(B, "the minimiser did not converge");
    *mu_star = gsl_vector_get(s->x, 0);
    *sigma_star = exp(gsl_vector_get(s->x, 1));
    *d_star = s->fval;
    /* <<< multimin */
    book_value_int(B, "min_iter", iter);
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(th);
    gsl_vector_free(step);
}

/* The window of the map, around the minimiser. */
static double MU_LO, MU_HI, S_LO, S_HI;

/* Contour levels of D: the first seven round numbers above the minimum D*. */
static void contour_levels(FILE *f, double d_star)
{
    static const double round_[] = {0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05,
                                    0.1, 0.15, 0.2, 0.25, 0.35, 0.5, 0.75, 1,
                                    1.5, 2, 3, 5, 7.5, 10};
    int used = 0;
    fputs("set cntrparam levels discrete ", f);
    for (size_t i = 0; i < sizeof round_ / sizeof round_[0] && used < 7; i++)
        if (round_[i] > 1.02 * d_star)
            fprintf(f, "%s%g", used++ ? ", " : "", round_[i]);
    fputc('\n', f);
}

static void kl_map(double mu_star, double sigma_star, double d_star)
{
    struct kl_quad o = {0.0, 1e-9, 1000};
    MU_LO = mu_star - 1.06 * sigma_star;
    MU_HI = mu_star + 1.06 * sigma_star;
    S_LO = 0.354 * sigma_star;
    S_HI = 2.12 * sigma_star;
    FILE *f = book_data(B, "klmap.tsv",
                        "D(Gamma(2,1) || N(mu, sigma^2)) by quadrature on a grid",
                        "mu\tsigma\tD");
    for (int i = 0; i <= 60; i++) {
        double mu = MU_LO + (MU_HI - MU_LO) * i / 60.0;
        for (int j = 0; j <= 60; j++) {
            double sigma = S_LO + (S_HI - S_LO) * j / 60.0;
            fprintf(f, "%.6g\t%.6g\t%.6g\n", mu, sigma, kl_to_gaussian(mu, sigma, &o));
        }
        fputc('\n', f);
    }
    book_close_file(B, f);

    f = book_figure(B, "fig-klmap", 760, 560);
    fputs("set xlabel \"model mean μ\"\n"
          "set ylabel \"model standard deviation σ\"\n"
          "set cblabel \"D(p ‖ N(μ, σ²)) (nats, log scale)\"\n"
          "set logscale cb\n"
          "set cbtics (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3)\n"
          "set size ratio -1\n"
          "set style fill solid 1.0\n",
          f);
    contour_levels(f, d_star);
    fprintf(f, "set xrange [%.6g:%.6g]\nset yrange [%.6g:%.6g]\n"
               "set cbrange [%.6g:%.6g]\n", MU_LO, MU_HI, S_LO, S_HI,
            0.95 * d_star, d_star + 2.8);
    fputs("# gnuplot's contour table is space-separated\n"
          "set datafile separator whitespace\n"
          "set contour base\n"
          "unset surface\n"
          "set table \"fig-klmap-contours.tsv\"\n"
          "splot \"klmap.tsv\" using 1:2:3 with lines notitle\n"
          "unset table\n"
          "unset contour\n",
          f);
    fprintf(f, "set label 1 \"× minimiser found by gsl\\\\_multimin:\\n"
               "   μ* = %.4g, σ* = %.4g, D = %.4f\" at %.6g,%.6g left front "
               "textcolor rgb \"black\"\n",
            mu_star, sigma_star, d_star, MU_LO + 0.03 * (MU_HI - MU_LO),
            S_LO + 0.09 * (S_HI - S_LO));
    fputs("plot \"klmap.tsv\" using 1:2:3 with image notitle, \\\n"
          "     \"fig-klmap-contours.tsv\" using 1:2 with lines lc rgb \"white\" lw 1 "
          "notitle, \\\n"
          "     \"\" using 1:2:(sprintf(\"%g\", $3)) every 60::25 with labels "
          "textcolor rgb \"white\" font \",10\" notitle, \\\n",
          f);
    fprintf(f, "     \"-\" using 1:2 with points pt 2 ps 2.5 lw 3 lc rgb \"white\" "
               "notitle\n%.10g\t%.10g\ne\n",
            mu_star, sigma_star);
    book_close_file(B, f);
}

static void mle_clouds(double mu_star, double sigma_star, double d_star)
{
    FILE *f = book_data(B, "mle.tsv",
                        "Gaussian MLEs from repeated Gamma(2,1) samples; one "
                        "block per sample size",
                        "n\tmu_hat\tsigma_hat");
    size_t nmax = MLE_SIZES[NMLE - 1];
    double *x = book_malloc(B, nmax * sizeof *x);
    double mus[MLE_REPS], vars[MLE_REPS];
    gsl_rng_set(RNG, SEED + 2);
    for (int s = 0; s < NMLE; s++) {
        size_t n = MLE_SIZES[s];
        double rms = 0.0;
        for (int r = 0; r < MLE_REPS; r++) {
            /* >>> mle */
            double mu, sigma;
            for (size_t i = 0; i < n; i++)
                x[i] = gsl_ran_gamma(RNG, SHAPE, SCALE);
            ok(kl_mle_gaussian_fit(x, n, &mu, &sigma), "Gaussian MLE");
            /* <<< mle */
            mus[r] = mu;
            vars[r] = sigma * sigma;
            rms += (mu - mu_star) * (mu - mu_star)
                   + (sigma - sigma_star) * (sigma - sigma_star);
            fprintf(f, "%zu\t%.6g\t%.6g\n", n, mu, sigma);
        }
        fputs("\n\n", f);
        char name[64], text[200];
        snprintf(name, sizeof name, "mle_rms_%zu", n);
        book_value(B, name, sqrt(rms / MLE_REPS), 2);
        if (s == NMLE - 1 || s == 1) {
            snprintf(text, sizeof text,
                     "n = %zu: mean of the MLEs μ̂ = μ* (%d samples)", n, MLE_REPS);
            book_claim_sigma(B, text, mu_star, mean_of(mus, MLE_REPS),
                             se_of(mus, MLE_REPS), 4.0);
            snprintf(text, sizeof text,
                     "n = %zu: mean of σ̂² = (n−1)/n · σ*² (%d samples)", n,
                     MLE_REPS);
            book_claim_sigma(B, text, (n - 1.0) / n * sigma_star * sigma_star,
                             mean_of(vars, MLE_REPS), se_of(vars, MLE_REPS), 4.0);
            snprintf(name, sizeof name, "mle_mean_mu_%zu", n);
            book_value(B, name, mean_of(mus, MLE_REPS), 4);
            snprintf(name, sizeof name, "mle_se_mu_%zu", n);
            book_value(B, name, se_of(mus, MLE_REPS), 2);
        }
    }
    free(x);
    book_close_file(B, f);
    book_value_int(B, "mle_reps", MLE_REPS);

    f = book_figure(B, "fig-mle", 760, 560);
    contour_levels(f, d_star);
    fprintf(f, "set xrange [%.6g:%.6g]\nset yrange [%.6g:%.6g]\n", MU_LO, MU_HI,
            S_LO - 0.1 * (S_HI - S_LO), S_HI + 0.1 * (S_HI - S_LO));
    fputs("set xlabel \"estimated mean μ̂\"\n"
          "set ylabel \"estimated standard deviation σ̂\"\n"
          "set size ratio -1\n"
          "# gnuplot's contour table is space-separated\n"
          "set datafile separator whitespace\n"
          "set contour base\n"
          "unset surface\n"
          "set table \"fig-mle-contours.tsv\"\n"
          "splot \"klmap.tsv\" using 1:2:3 with lines notitle\n"
          "unset table\n"
          "unset contour\n"
          "set key top left opaque box width -2 spacing 1.0\n"
          "plot \"fig-mle-contours.tsv\" using 1:2 with lines lc rgb \"#BBBBBB\" lw 1 "
          "title \"contours of D\", \\\n",
          f);
    static const int colour[NMLE] = {5, 2, 3, 4};
    for (int s = 0; s < NMLE; s++)
        fprintf(f, "     \"mle.tsv\" index %d using 2:3 with points lt %d pt 7 "
                   "ps 0.45 title \"n = %zu\", \\\n", s, colour[s], MLE_SIZES[s]);
    fprintf(f, "     \"-\" using 1:2 with points pt 1 ps 3 lw 1.5 lc rgb \"black\" "
               "title \"minimiser of D\"\n%.10g\t%.10g\ne\n",
            mu_star, sigma_star);
    book_close_file(B, f);
}

static void misspecified(void)
{
    double mu_star, sigma_star, d_star, d_closed;
    closest_gaussian(&mu_star, &sigma_star, &d_star);
    ok(kl_mle_gaussian_cross_entropy(P_MEAN, P_VAR, P_MEAN, sqrt(P_VAR), &d_closed),
       "cross-entropy");
    d_closed -= P_H;   /* D = cross-entropy - entropy, both closed forms */
    book_claim_abs(B, "minimiser of D(p‖N(μ, σ²)): μ* = E_p[X] = aθ",
                   P_MEAN, mu_star, 1e-6);
    book_claim_abs(B, "minimiser of D(p‖N(μ, σ²)): σ* = sd_p(X) = √a θ",
                   sqrt(P_VAR), sigma_star, 1e-6);
    book_claim_rel(B, "min D (quadrature) = ½ ln(2πe σ*²) − h(p) (closed forms)",
                   d_closed, d_star, 1e-9);
    book_value(B, "mu_star", mu_star, 8);
    book_value(B, "sigma_star", sigma_star, 8);
    book_value(B, "d_star", d_star, 4);
    book_value(B, "p_mean", P_MEAN, 3);
    book_value(B, "p_var", P_VAR, 3);
    book_value(B, "p_h", P_H, 4);
    kl_map(mu_star, sigma_star, d_star);
    mle_clouds(mu_star, sigma_star, d_star);
}

/* -- 3. The categorical model ---------------------------------------------- */

enum { K = 6 };

struct cat_data {
    double freq[K];
};

/* Minus the average log-likelihood of softmax(z) with z_K = 0, and its
 * gradient -(freq_j - pi_j). */
static void softmax(const gsl_vector *z, double *pi)
{
    double zmax = 0.0, sum = 0.0;
    for (int j = 0; j < K - 1; j++)
        zmax = fmax(zmax, gsl_vector_get(z, j));
    for (int j = 0; j < K; j++) {
        pi[j] = exp((j < K - 1 ? gsl_vector_get(z, j) : 0.0) - zmax);
        sum += pi[j];
    }
    for (int j = 0; j < K; j++)
        pi[j] /= sum;
}

static double cat_f(const gsl_vector *z, void *vp)
{
    const struct cat_data *d = vp;
    double pi[K], s = 0.0;
    softmax(z, pi);
    for (int j = 0; j < K; j++)
        if (d->freq[j] > 0)
            s -= d->freq[j] * log(pi[j]);
    return s;
}

static void cat_df(const gsl_vector *z, void *vp, gsl_vector *g)
{
    const struct cat_data *d = vp;
    double pi[K];
    softmax(z, pi);
    for (int j = 0; j < K - 1; j++)
        gsl_vector_set(g, j, pi[j] - d->freq[j]);
}

static void cat_fdf(const gsl_vector *z, void *vp, double *f, gsl_vector *g)
{
    *f = cat_f(z, vp);
    cat_df(z, vp, g);
}

static void categorical(void)
{
    static const double ptrue[K] = {0.30, 0.20, 0.15, 0.15, 0.12, 0.08};
    gsl_rng_set(RNG, SEED + 3);
    gsl_ran_discrete_t *table = gsl_ran_discrete_preproc(K, ptrue);
    if (table == NULL)
        book_fail(B, "out of memory");
    int rolls[CAT_N];
    double counts[K] = {0};
    for (int i = 0; i < CAT_N; i++) {
        rolls[i] = (int)gsl_ran_discrete(RNG, table);
        counts[rolls[i]] += 1.0;
    }
    gsl_ran_discrete_free(table);

    /* >>> categorical */
    double phat[K], loglik, h_hat;
    ok(kl_mle_categorical_fit(counts, K, phat, &loglik), "categorical MLE");
    ok(kl_discrete_entropy(phat, K, KL_BASE_E, &h_hat), "H(p-hat)");
    double ll_obs = 0.0;                  /* sum over the rolls, one by one */
    for (int i = 0; i < CAT_N; i++)
        ll_obs += log(phat[rolls[i]]);
    /* <<< categorical */
    book_claim_rel(B, "categorical: Σᵢ log p̂(xᵢ) over the rolls = −n H(p̂)",
                   -CAT_N * h_hat, ll_obs, 1e-12);
    book_claim_rel(B, "categorical: Σⱼ nⱼ log p̂ⱼ from the counts = −n H(p̂)",
                   -CAT_N * h_hat, loglik, 1e-12);

    /* the MLE found numerically, from the uniform law */
    struct cat_data data;
    for (int j = 0; j < K; j++)
        data.freq[j] = phat[j];
    gsl_multimin_function_fdf F = {cat_f, cat_df, cat_fdf, K - 1, &data};
    gsl_vector *z = gsl_vector_calloc(K - 1);
    gsl_multimin_fdfminimizer *s =
        gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, K - 1);
    if (z == NULL || s == NULL)
        book_fail(B, "out of memory");
    if (gsl_multimin_fdfminimizer_set(s, &F, z, 0.1, 0.1) != GSL_SUCCESS)
        book_fail(B, "cannot start the minimiser");
    /* iterate until the gradient vanishes or BFGS can improve f no further
     * (f is then flat to rounding); the claim below checks the result */
    int status = GSL_CONTINUE;
    for (int iter = 0; status == GSL_CONTINUE && iter < 500; iter++) {
        int it = gsl_multimin_fdfminimizer_iterate(s);
        if (it == GSL_ENOPROG)
            break;
        if (it != GSL_SUCCESS)
            book_fail(B, "the categorical minimiser stopped: %s", gsl_strerror(it));
        status = gsl_multimin_test_gradient(s->gradient, 1e-10);
    }
    double pnum[K], worst = 0.0;
    softmax(s->x, pnum);
    for (int j = 0; j < K; j++)
        worst = fmax(worst, fabs(pnum[j] - phat[j]));
    gsl_multimin_fdfminimizer_free(s);
    gsl_vector_free(z);
    book_claim_le(B, "categorical: numerical maximiser of log L (gsl_multimin) "
                  "= frequencies (largest gap)", worst, 0.0, 1e-6);

    /* random rival laws: log L(q) = -n H(p-hat) - n D(p-hat || q) <= log L(p-hat) */
    FILE *f = book_data(B, "cat-rivals.tsv",
                        "random laws q ~ Dirichlet(1): D(p-hat||q), D(p||q) and "
                        "the average log-likelihood log L(q) / n",
                        "D_hat\tD_true\tavg_loglik");
    enum { CAT_PLOT = 1000 };             /* rival laws drawn in the figure */
    double alpha[K], q[K], worst_gap = -INFINITY, worst_id = 0.0;
    for (int j = 0; j < K; j++)
        alpha[j] = 1.0;
    for (int r = 0; r < CAT_DRAWS; r++) {
        /* >>> rivals */
        double llq, d;
        gsl_ran_dirichlet(RNG, K, alpha, q);
        ok(kl_mle_categorical_loglik(counts, q, K, &llq), "log L(q)");
        ok(kl_discrete_divergence(phat, q, K, KL_BASE_E, &d), "D(p-hat||q)");
        worst_gap = fmax(worst_gap, llq - loglik);          /* should be <= 0 */
        worst_id = fmax(worst_id, fabs(llq - (loglik - CAT_N * d))
                                      / fabs(llq));
        /* <<< rivals */
        if (r < CAT_PLOT) {
            double d_true;
            ok(kl_discrete_divergence(ptrue, q, K, KL_BASE_E, &d_true), "D(p||q)");
            fprintf(f, "%.6g\t%.6g\t%.6g\n", d, d_true, llq / CAT_N);
        }
    }
    book_close_file(B, f);
    book_claim_le(B, "categorical: log L(q) ≤ log L(p̂) for every random q "
                  "(largest log L(q) − log L(p̂))", worst_gap, 0.0, 0.0);
    book_claim_le(B, "categorical: log L(q) = log L(p̂) − n D(p̂‖q) "
                  "(worst relative gap)", worst_id, 0.0, 1e-12);

    f = book_data(B, "categorical.tsv", "a loaded die: true law, MLE from the "
                  "rolls, numerical maximiser", "face\tp_true\tp_hat\tp_num\tcount");
    for (int j = 0; j < K; j++)
        fprintf(f, "%d\t%.6g\t%.10g\t%.10g\t%.0f\n", j + 1, ptrue[j], phat[j],
                pnum[j], counts[j]);
    book_close_file(B, f);

    f = book_figure(B, "fig-categorical", 760, 400);
    fputs("set xlabel \"face of the die\"\n"
          "set ylabel \"probability\"\n"
          "set xrange [0.4:6.6]\n"
          "set yrange [0:0.4]\n"
          "set xtics 1\n"
          "set boxwidth 0.36\n"
          "set style fill solid 0.6 noborder\n"
          "set key top right\n"
          "plot \"categorical.tsv\" using ($1-0.19):2 with boxes lt 1 title \"true law p\", \\\n"
          "     \"\" using ($1+0.19):3 with boxes lt 2 title \"MLE p̂ = counts / n\", \\\n"
          "     \"\" using ($1+0.19):4 with points lt 7 pt 2 ps 1.6 lw 2 "
          "title \"maximiser found by gsl\\\\_multimin\"\n",
          f);
    book_close_file(B, f);

    /* the truth on its own data, and the MLE's optimism n D(p-hat || p) */
    double h_true, ll_true, d_hat_true;
    ok(kl_discrete_entropy(ptrue, K, KL_BASE_E, &h_true), "H(p)");
    ok(kl_mle_categorical_loglik(counts, ptrue, K, &ll_true), "log L(p)");
    ok(kl_discrete_divergence(ptrue, phat, K, KL_BASE_E, &d_hat_true), "D(p||p-hat)");

    f = book_figure(B, "fig-cat-rivals", 760, 440);
    fputs("set xlabel \"D(p ‖ q): divergence from the true law (nats)\"\n"
          "set ylabel \"average log-likelihood log L(q) / n (nats)\"\n"
          "set xrange [0:1.5]\n"
          "set yrange [-3.4:-1.5]\n"
          "set key top right\n",
          f);
    fprintf(f, "plot \"cat-rivals.tsv\" using 2:3 with points lt 1 pt 7 ps 0.35 "
               "title \"random laws q (Dirichlet(1))\", \\\n"
               "     -%.12g - x with lines lt 2 lw 1.5 "
               "title \"its expectation −H(p) − D(p ‖ q)\", \\\n"
               "     \"-\" using 1:2 with points lt 7 pt 8 ps 2.4 lw 2 "
               "title \"q = p, the truth\", \\\n"
               "     \"-\" using 1:2 with points lt 3 pt 7 ps 1.1 "
               "title \"q = p̂, the MLE\"\n"
               "0\t%.12g\ne\n%.12g\t%.12g\ne\n",
            h_true, ll_true / CAT_N, d_hat_true, -h_hat);
    book_close_file(B, f);

    /* >>> wilks */
    /* log L(p-hat) - log L(p) = n D(p-hat || p) >= 0 on every sample; its mean
     * over many samples is (K - 1)/2 plus a small O(1/n) term (Williams 1976):
     * E = (K - 1)/2 + (sum_j 1/p_j - 1) / (12 n). */
    enum { CAT_REPS = 20000 };
    double *opt = book_malloc(B, CAT_REPS * sizeof *opt), sum_inv = 0.0;
    for (int r = 0; r < CAT_REPS; r++) {
        unsigned int c[K];
        double cd[K], ph[K];
        gsl_ran_multinomial(RNG, K, CAT_N, ptrue, c);
        for (int j = 0; j < K; j++)
            cd[j] = c[j];
        ok(kl_mle_categorical_fit(cd, K, ph, NULL), "categorical MLE");
        ok(kl_discrete_divergence(ph, ptrue, K, KL_BASE_E, &opt[r]), "D(p-hat||p)");
        opt[r] *= CAT_N;
    }
    for (int j = 0; j < K; j++)
        sum_inv += 1.0 / ptrue[j];
    double wilks = (K - 1) / 2.0 + (sum_inv - 1.0) / (12.0 * CAT_N);
    /* <<< wilks */
    book_claim_sigma(B, "categorical: mean of log L(p̂) − log L(p) = n D(p̂‖p) "
                     "= (K−1)/2 + (Σ1/pⱼ − 1)/(12n)", wilks,
                     mean_of(opt, CAT_REPS), se_of(opt, CAT_REPS), 4.0);
    book_value(B, "cat_opt_mean", mean_of(opt, CAT_REPS), 4);
    book_value(B, "cat_opt_se", se_of(opt, CAT_REPS), 2);
    book_value(B, "cat_opt_williams", wilks, 4);
    book_value_int(B, "cat_reps", CAT_REPS);
    free(opt);
    book_value(B, "cat_h_true", h_true, 4);
    book_value(B, "cat_ll_true", ll_true, 5);
    book_value(B, "cat_ll_gain", loglik - ll_true, 3);

    book_value_int(B, "cat_n", CAT_N);
    book_value_int(B, "cat_draws", CAT_DRAWS);
    book_value_int(B, "cat_plotted", CAT_PLOT);
    book_value(B, "cat_h_hat", h_hat, 4);
    book_value(B, "cat_loglik", loglik, 5);
    book_value(B, "cat_best_shortfall", -worst_gap, 3);
    book_value(B, "cat_num_gap", worst, 2);
    char csv[128] = "", pcsv[128] = "", hcsv[128] = "";
    for (int j = 0; j < K; j++) {
        char name[32], item[32];
        snprintf(name, sizeof name, "cat_count_%d", j + 1);
        book_value_int(B, name, (long long)counts[j]);
        snprintf(item, sizeof item, "%s%.0f", j ? "," : "", counts[j]);
        strcat(csv, item);
        snprintf(item, sizeof item, "%s%g", j ? "," : "", ptrue[j]);
        strcat(pcsv, item);
        snprintf(item, sizeof item, "%s%g", j ? ", " : "", ptrue[j]);
        strcat(hcsv, item);
    }
    book_value_text(B, "cat_counts_csv", csv);
    book_value_text(B, "cat_ptrue_csv", pcsv);
    book_value_text(B, "cat_ptrue", hcsv);
    book_value_int(B, "cat_k", K);
    book_value_int(B, "cat_k_minus_1", K - 1);
    book_value(B, "cat_half_k_minus_1", (K - 1) / 2.0, 3);
}

/* -- 4. The optimism of the maximised log-likelihood, and AIC -------------- */

/* The design: n points equally spaced on [-1, 1]. */
static void design(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = -1.0 + 2.0 * (double)i / (double)(n - 1);
}

/* >>> expected */
/* n E_p[log q(Y | theta-hat)]: the expected log-likelihood of the fitted
 * model on a fresh response vector at the same design points, where the
 * truth is Y_i ~ N(f_i, sigma^2) and the fitted model says N(fitted_i, s^2):
 *   sum_i E log q_i = -sum_i [ h(N(f_i, sigma^2)) + D_i ],
 *   D_i = D(N(f_i, sigma^2) || N(fitted_i, s^2)),
 * and each divergence splits into a spread part, the same for every i, and a
 * location part:
 *   D_i = D(N(0, sigma^2) || N(0, s^2)) + (f_i - fitted_i)^2 / (2 s^2).   */
static double expected_loglik(const double *f, double sigma, const double *fitted,
                              double s, size_t n)
{
    double h, d_spread, miss = 0.0;
    ok(kl_gaussian_entropy(sigma, &h), "entropy");
    ok(kl_gaussian_divergence(0.0, sigma, 0.0, s, &d_spread), "divergence");
    for (size_t i = 0; i < n; i++)
        miss += (f[i] - fitted[i]) * (f[i] - fitted[i]);
    return -(double)n * (h + d_spread) - miss / (2 * s * s);
}
/* <<< expected */

/* The bias E[log L(theta-hat) - n E_p log q(Y | theta-hat)] of the models with
 * k = 1..KMAX parameters on pure noise (every model holds the truth), by
 * Monte Carlo: mean and standard error into BIAS[k-1], SE[k-1]. */
enum { KMAX = 6 };

static void optimism(size_t n, int kmin, int kmax, double *bias, double *se)
{
    double *x = book_malloc(B, n * sizeof *x), *y = book_malloc(B, n * sizeof *y);
    double *f = book_malloc(B, n * sizeof *f), *fit = book_malloc(B, n * sizeof *fit);
    double *gap[KMAX];
    struct kl_mle_poly *w[KMAX];
    design(x, n);
    for (size_t i = 0; i < n; i++)
        f[i] = 0.0;                                 /* the truth: pure noise */
    for (int k = kmin; k <= kmax; k++) {
        enum kl_status st;
        w[k - 1] = kl_mle_poly_alloc(x, n, (size_t)k - 1, &st);
        ok(st, "polynomial model");
        gap[k - 1] = book_malloc(B, AIC_REPS * sizeof(double));
    }
    for (int r = 0; r < AIC_REPS; r++) {
        for (size_t i = 0; i < n; i++)
            y[i] = f[i] + gsl_ran_gaussian_ziggurat(RNG, 1.0);
        for (int k = kmin; k <= kmax; k++) {
            /* >>> optimism */
            double s, loglik;
            ok(kl_mle_poly_fit(w[k - 1], y, NULL, fit, &s, &loglik), "fit");
            gap[k - 1][r] = loglik - expected_loglik(f, 1.0, fit, s, n);
            /* <<< optimism */
        }
    }
    for (int k = kmin; k <= kmax; k++) {
        bias[k - 1] = mean_of(gap[k - 1], AIC_REPS);
        se[k - 1] = se_of(gap[k - 1], AIC_REPS);
        free(gap[k - 1]);
        kl_mle_poly_free(w[k - 1]);
    }
    free(x);
    free(y);
    free(f);
    free(fit);
}

/* Hurvich & Tsai (Biometrika 76, 1989): for a Gaussian linear model with k
 * parameters (k - 1 coefficients and sigma) that holds the truth, the bias is
 * exactly k n / (n - k - 1). */
static double bias_exact(int k, size_t n)
{
    return (double)k * (double)n / ((double)n - k - 1.0);
}

static void aic_bias(void)
{
    static const size_t FIG_N[] = {25, 200};
    double bias[2][KMAX], se[2][KMAX];
    double worst_z = 0.0;
    for (int s = 0; s < 2; s++) {
    gsl_rng_set(RNG, SEED + 4);
        optimism(FIG_N[s], 1, KMAX, bias[s], se[s]);
        for (int k = 1; k <= KMAX; k++) {
            double z = fabs(bias[s][k - 1] - bias_exact(k, FIG_N[s])) / se[s][k - 1];
            if (s == 1) {
                char text[200];
                snprintf(text, sizeof text,
                         "n = %zu, k = %d: bias of log L(θ̂) = kn/(n−k−1)",
                         FIG_N[s], k);
                book_claim_sigma(B, text, bias_exact(k, FIG_N[s]), bias[s][k - 1],
                                 se[s][k - 1], 4.0);
            } else {
                worst_z = fmax(worst_z, z);
            }
        }
    }
    char text[200];
    snprintf(text, sizeof text,
             "n = %zu, k = 1…%d: bias = kn/(n−k−1) (largest |error| / SE)",
             FIG_N[0], KMAX);
    book_claim_le(B, text, worst_z, 4.0, 0.0);

    FILE *f = book_data(B, "aic-bias.tsv",
                        "Monte Carlo bias of the maximised log-likelihood with "
                        "standard errors, and k n / (n - k - 1)",
                        "k\tbias_small_n\tse_small_n\texact_small_n\t"
                        "bias_large_n\tse_large_n\texact_large_n");
    for (int k = 1; k <= KMAX; k++)
        fprintf(f, "%d\t%.8g\t%.4g\t%.8g\t%.8g\t%.4g\t%.8g\n", k, bias[0][k - 1],
                se[0][k - 1], bias_exact(k, FIG_N[0]), bias[1][k - 1], se[1][k - 1],
                bias_exact(k, FIG_N[1]));
    book_close_file(B, f);

    f = book_figure(B, "fig-aic-bias", 760, 460);
    fputs("set xlabel \"number of parameters k\"\n"
          "set ylabel \"bias: E[log L(θ̂)] − n E[log q(Y | θ̂)] (nats)\"\n"
          "set xrange [0.5:6.5]\n"
          "set yrange [0:9.5]\n"
          "set xtics 1\n"
          "set key top left\n"
          "plot x with lines lt 8 lw 2 title \"bias = k (Akaike)\", \\\n",
          f);
    fprintf(f, "     \"aic-bias.tsv\" using 1:4 with lines lt 1 dt 2 title \"kn/(n−k−1), n = %zu\", \\\n"
               "     \"\" using ($1-0.06):2:(2*$3) with yerrorbars lt 1 pt 7 ps 0.9 "
               "title \"simulated, n = %zu (±2 SE)\", \\\n"
               "     \"\" using 1:7 with lines lt 2 dt 2 title \"kn/(n−k−1), n = %zu\", \\\n"
               "     \"\" using ($1+0.06):5:(2*$6) with yerrorbars lt 2 pt 5 ps 0.9 "
               "title \"simulated, n = %zu (±2 SE)\"\n",
            FIG_N[0], FIG_N[0], FIG_N[1], FIG_N[1]);
    book_close_file(B, f);
    for (int k = 1; k <= KMAX; k++) {
        char name[64];
        snprintf(name, sizeof name, "bias25_k%d", k);
        book_value(B, name, bias[0][k - 1], 3);
        snprintf(name, sizeof name, "bias200_k%d", k);
        book_value(B, name, bias[1][k - 1], 3);
    }
    book_value_int(B, "aic_reps", AIC_REPS);
    book_value_int(B, "aic_n_small", (long long)FIG_N[0]);
    book_value_int(B, "aic_n_large", (long long)FIG_N[1]);
    book_value_int(B, "aic_kmax", KMAX);

    /* one model, k = 4, at growing n */
    static const size_t NS[] = {10, 20, 50, 100, 200, 500, 1000};
    enum { NNS = sizeof NS / sizeof NS[0], KTAB = 4 };
    for (size_t i = 0; i < NNS; i++) {
        double b[KMAX], e[KMAX];
        optimism(NS[i], KTAB, KTAB, b, e);
        char name[64], text[200];
        snprintf(text, sizeof text, "k = 4, n = %zu: bias = kn/(n−k−1)", NS[i]);
        book_claim_sigma(B, text, bias_exact(KTAB, NS[i]), b[KTAB - 1], e[KTAB - 1],
                         4.0);
        snprintf(name, sizeof name, "tab_n%zu_bias", NS[i]);
        book_value(B, name, b[KTAB - 1], 3);
        snprintf(name, sizeof name, "tab_n%zu_se", NS[i]);
        book_value(B, name, e[KTAB - 1], 2);
        snprintf(name, sizeof name, "tab_n%zu_exact", NS[i]);
        book_value(B, name, bias_exact(KTAB, NS[i]), 4);
        snprintf(name, sizeof name, "tab_size_%zu", i);
        book_value_int(B, name, (long long)NS[i]);
        if (i == 0)
            book_value_int(B, "tab_k", KTAB);
        if (i == NNS - 1)
            book_claim_sigma(B, "k = 4, n = 1000: bias = k (Akaike's limit)",
                             (double)KTAB, b[KTAB - 1], e[KTAB - 1], 4.0);
    }
}

/* Model selection: polynomial regressions of degree 0..8 for a curve that no
 * polynomial matches exactly. */
enum { NCAND = 9 };

static double truth(double x)
{
    return exp(x) * sin(2.5 * x);
}

/* For one data set Y: the maximised log-likelihood, AIC and the exact expected
 * log-likelihood of each candidate; fitted values into FITS when not NULL. */
static void candidates(struct kl_mle_poly **w, const double *f, const double *y,
                       double *loglik, double *aic, double *expect,
                       double (*fits)[SEL_N])
{
    double fit[SEL_N], s;
    for (int c = 0; c < NCAND; c++) {
        /* >>> aic */
        ok(kl_mle_poly_fit(w[c], y, NULL, fit, &s, &loglik[c]), "fit");
        double k = (double)kl_mle_poly_nparams(w[c]);
        aic[c] = -2.0 * loglik[c] + 2.0 * k;
        expect[c] = expected_loglik(f, SEL_SIGMA, fit, s, SEL_N);
        /* <<< aic */
        if (fits != NULL)
            memcpy(fits[c], fit, sizeof fit);
    }
}

/* V with thousands separators ("1,000,000") into BUF. */
static void grouped(long v, char *buf, size_t size)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%ld", v), j = 0;
    for (int i = 0; i < n && (size_t)j + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[j++] = ',';
        buf[j++] = digits[i];
    }
    buf[j] = '\0';
}

static int argmin(const double *v, int n)
{
    int best = 0;
    for (int i = 1; i < n; i++)
        if (v[i] < v[best])
            best = i;
    return best;
}

static void aic_selection(void)
{
    double x[SEL_N], f[SEL_N], y[SEL_N];
    struct kl_mle_poly *w[NCAND];
    gsl_rng_set(RNG, SEED + 5);
    design(x, SEL_N);
    for (int i = 0; i < SEL_N; i++)
        f[i] = truth(x[i]);
    for (int c = 0; c < NCAND; c++) {
        enum kl_status st;
        w[c] = kl_mle_poly_alloc(x, SEL_N, (size_t)c + 1, &st);
        ok(st, "polynomial model");
    }

    /* one data set, with a large held-out sample of fresh responses */
    double loglik[NCAND], aic[NCAND], expect[NCAND], fits[NCAND][SEL_N];
    for (int i = 0; i < SEL_N; i++)
        y[i] = f[i] + gsl_ran_gaussian_ziggurat(RNG, SEL_SIGMA);
    candidates(w, f, y, loglik, aic, expect, fits);
    double *held = book_malloc(B, (size_t)SEL_FRESH * NCAND * sizeof *held);
    double heldmean[NCAND], heldse[NCAND], sigmas[NCAND];
    for (int c = 0; c < NCAND; c++)
        ok(kl_mle_poly_fit(w[c], y, NULL, NULL, &sigmas[c], NULL), "fit");
    for (int m = 0; m < SEL_FRESH; m++) {
        double fresh[SEL_N];
        for (int i = 0; i < SEL_N; i++)
            fresh[i] = f[i] + gsl_ran_gaussian_ziggurat(RNG, SEL_SIGMA);
        for (int c = 0; c < NCAND; c++) {
            /* >>> heldout */
            double ll = 0.0;            /* log q(fresh | theta-hat), n points */
            struct kl_gaussian q = {0.0, sigmas[c]};
            for (int i = 0; i < SEL_N; i++) {
                q.mu = fits[c][i];
                ll += kl_gaussian_logpdf(fresh[i], &q);
            }
            held[(size_t)c * SEL_FRESH + m] = ll;
            /* <<< heldout */
        }
    }
    double worst_z = 0.0;
    for (int c = 0; c < NCAND; c++) {
        heldmean[c] = mean_of(held + (size_t)c * SEL_FRESH, SEL_FRESH);
        heldse[c] = se_of(held + (size_t)c * SEL_FRESH, SEL_FRESH);
        worst_z = fmax(worst_z, fabs(heldmean[c] - expect[c]) / heldse[c]);
    }
    free(held);
    char text[200];
    snprintf(text, sizeof text, "held-out log-likelihood on %ld fresh points = "
             "exact expectation via KL, degrees 0…%d (largest |error| / SE)",
             (long)SEL_FRESH * SEL_N, NCAND - 1);
    book_claim_le(B, text, worst_z, 4.0, 0.0);
    int pick_aic = argmin(aic, NCAND);
    double neg_held[NCAND];
    for (int c = 0; c < NCAND; c++)
        neg_held[c] = -heldmean[c];
    int pick_held = argmin(neg_held, NCAND);
    book_value_int(B, "sel_fresh_total", (long long)SEL_FRESH * SEL_N);
    book_value_int(B, "sel_pick_aic_deg", pick_aic);
    book_value_int(B, "sel_pick_held_deg", pick_held);
    book_value_int(B, "sel_n", SEL_N);
    book_value_int(B, "sel_maxdeg", NCAND - 1);
    book_value_int(B, "sel_fresh", SEL_FRESH);
    book_value(B, "sel_sigma", SEL_SIGMA, 2);
    book_value(B, "sel_worst_z", worst_z, 2);

    FILE *fp = book_data(B, "aic-example.tsv",
                         "one data set: -2 log L, AIC and -2 x held-out "
                         "log-likelihood for polynomial degree 0..8",
                         "degree\tk\tminus2loglik\taic\theld_dev\theld_dev_se\texact_dev");
    for (int c = 0; c < NCAND; c++)
        fprintf(fp, "%d\t%d\t%.8g\t%.8g\t%.8g\t%.4g\t%.8g\n", c, c + 2,
                -2 * loglik[c], aic[c], -2 * heldmean[c], 2 * heldse[c],
                -2 * expect[c]);
    book_close_file(B, fp);
    fp = book_data(B, "aic-fits.tsv",
                   "one data set: design, truth, responses and three fits",
                   "x\tf\ty\tfit_deg1\tfit_aic\tfit_deg8");
    for (int i = 0; i < SEL_N; i++)
        fprintf(fp, "%.6g\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g\n", x[i], f[i], y[i],
                fits[1][i], fits[pick_aic][i], fits[NCAND - 1][i]);
    book_close_file(B, fp);

    FILE *g = book_figure(B, "fig-aic-example", 960, 440);
    fputs("set multiplot layout 1,2\n"
          "set xlabel \"x\"\n"
          "set ylabel \"y\"\n"
          "set key top left\n"
          "set yrange [-1.5:3.3]\n",
          g);
    fprintf(g, "plot \"aic-fits.tsv\" using 1:3 with points lt 8 pt 7 ps 0.6 title \"data (n = %d)\", \\\n"
               "     \"\" using 1:2 with lines lt 8 dt 2 title \"truth\", \\\n"
               "     \"\" using 1:4 with lines lt 1 title \"degree 1\", \\\n"
               "     \"\" using 1:5 with lines lt 3 title \"degree %d (AIC's pick)\", \\\n"
               "     \"\" using 1:6 with lines lt 2 title \"degree 8\"\n",
            SEL_N, pick_aic);
    fputs("set xlabel \"polynomial degree (k = degree + 2)\"\n"
          "set ylabel \"deviance (−2 × log-likelihood, log scale)\"\n"
          "set xrange [-0.5:8.5]\n"
          "set logscale y\n"
          "set yrange [5:200]\n"
          "set ytics (5, 10, 20, 50, 100, 200)\n"
          "set xtics 1\n"
          "set key top right\n"
          "plot \"aic-example.tsv\" using 1:3 with linespoints lt 8 pt 6 title \"−2 log L(θ̂) (training)\", \\\n"
          "     \"\" using 1:4 with linespoints lt 1 pt 7 title \"AIC = −2 log L + 2k\", \\\n"
          "     \"\" using 1:5 with lines lt 2 notitle, \\\n",
          g);
    char nfresh[64];
    grouped((long)SEL_FRESH * SEL_N, nfresh, sizeof nfresh);
    fprintf(g, "     \"\" using 1:5:6 with yerrorbars lt 2 pt 5 ps 0.8 "
               "title \"held-out, %s fresh points\"\n"
               "unset multiplot\n", nfresh);
    book_close_file(B, g);

    /* many data sets: AIC's average against the expected deviance, and picks */
    double sum_aic[NCAND] = {0}, sum_dev[NCAND] = {0}, sum_m2ll[NCAND] = {0};
    double *aics = book_malloc(B, (size_t)SEL_REPS * NCAND * sizeof *aics);
    double *devs = book_malloc(B, (size_t)SEL_REPS * NCAND * sizeof *devs);
    int picks_aic[NCAND] = {0}, picks_best[NCAND] = {0};
    double regret_aic = 0.0, regret_big = 0.0, regret_small = 0.0;
    for (int r = 0; r < SEL_REPS; r++) {
        for (int i = 0; i < SEL_N; i++)
            y[i] = f[i] + gsl_ran_gaussian_ziggurat(RNG, SEL_SIGMA);
        candidates(w, f, y, loglik, aic, expect, NULL);
        double dev[NCAND];
        for (int c = 0; c < NCAND; c++) {
            dev[c] = -2.0 * expect[c];
            sum_aic[c] += aic[c];
            sum_dev[c] += dev[c];
            sum_m2ll[c] += -2.0 * loglik[c];
            aics[(size_t)c * SEL_REPS + r] = aic[c];
            devs[(size_t)c * SEL_REPS + r] = dev[c];
        }
        int a = argmin(aic, NCAND), b = argmin(dev, NCAND);
        picks_aic[a]++;
        picks_best[b]++;
        regret_aic += dev[a] - dev[b];
        regret_big += dev[NCAND - 1] - dev[b];
        regret_small += dev[1] - dev[b];
    }
    fp = book_data(B, "aic-picks.tsv",
                   "over many data sets: mean AIC, mean expected deviance, mean "
                   "training deviance, and how often each degree is picked",
                   "degree\tmean_aic\tse_aic\tmean_dev\tse_dev\tmean_m2ll\t"
                   "pick_aic\tpick_best\tmean_aicc");
    for (int c = 0; c < NCAND; c++) {
        /* AICc = AIC + 2k(k+1)/(n-k-1): twice the exact bias k n/(n-k-1) */
        double k = c + 2.0;
        double aicc = sum_aic[c] / SEL_REPS + 2 * k * (k + 1) / (SEL_N - k - 1);
        fprintf(fp, "%d\t%.8g\t%.4g\t%.8g\t%.4g\t%.8g\t%.6g\t%.6g\t%.8g\n", c,
                sum_aic[c] / SEL_REPS, se_of(aics + (size_t)c * SEL_REPS, SEL_REPS),
                sum_dev[c] / SEL_REPS, se_of(devs + (size_t)c * SEL_REPS, SEL_REPS),
                sum_m2ll[c] / SEL_REPS, (double)picks_aic[c] / SEL_REPS,
                (double)picks_best[c] / SEL_REPS, aicc);
    }
    book_close_file(B, fp);
    free(aics);
    free(devs);
    int mode_aic = 0, mode_best = 0;
    for (int c = 1; c < NCAND; c++) {
        if (picks_aic[c] > picks_aic[mode_aic])
            mode_aic = c;
        if (picks_best[c] > picks_best[mode_best])
            mode_best = c;
    }
    book_value_int(B, "sel_reps", SEL_REPS);
    book_value_int(B, "sel_mode_aic", mode_aic);
    book_value_int(B, "sel_mode_best", mode_best);
    book_value(B, "sel_mode_aic_frac", 100.0 * picks_aic[mode_aic] / SEL_REPS, 3);
    book_value(B, "sel_mode_best_frac", 100.0 * picks_best[mode_best] / SEL_REPS, 3);
    book_value(B, "sel_regret_aic", regret_aic / SEL_REPS, 3);
    book_value(B, "sel_regret_big", regret_big / SEL_REPS, 3);
    book_value(B, "sel_regret_small", regret_small / SEL_REPS, 3);
    int best_mean = argmin(sum_dev, NCAND), best_aic_mean = argmin(sum_aic, NCAND);
    book_value_int(B, "sel_best_mean_deg", best_mean);
    book_value_int(B, "sel_aic_mean_deg", best_aic_mean);
    enum { BIG_DEG = 6 };                 /* "large" models: degree 6 and up */
    int big_picks = 0;
    for (int c = BIG_DEG; c < NCAND; c++)
        big_picks += picks_aic[c];
    book_value(B, "sel_aic_big_frac", 100.0 * big_picks / SEL_REPS, 2);
    book_value_int(B, "sel_big_deg", BIG_DEG);

    g = book_figure(B, "fig-aic-picks", 960, 420);
    fputs("set multiplot layout 1,2\n"
          "set xlabel \"polynomial degree\"\n"
          "set ylabel \"mean over data sets (deviance, log scale)\"\n"
          "set xrange [-0.5:8.5]\n"
          "set logscale y\n"
          "set yrange [4:200]\n"
          "set ytics (5, 10, 20, 50, 100, 200)\n"
          "set xtics 1\n"
          "set key top right\n"
          "plot \"aic-picks.tsv\" using 1:6 with linespoints lt 8 pt 6 title \"−2 log L(θ̂) (training)\", \\\n"
          "     \"\" using 1:2 with linespoints lt 1 pt 7 title \"AIC\", \\\n"
          "     \"\" using 1:9 with lines lt 3 dt 3 title \"AICc\", \\\n"
          "     \"\" using 1:4 with linespoints lt 2 pt 5 dt 2 title \"−2n E[log q(Y | θ̂)]\"\n"
          "unset logscale y\n"
          "set ylabel \"fraction of data sets\"\n"
          "set yrange [0:1.1]\n"
          "set boxwidth 0.38\n"
          "set style fill solid 0.6 noborder\n"
          "plot \"aic-picks.tsv\" using ($1-0.2):7 with boxes lt 1 title \"degree AIC picks\", \\\n"
          "     \"\" using ($1+0.2):8 with boxes lt 2 title \"best degree (oracle)\"\n"
          "unset multiplot\n",
          g);
    book_close_file(B, g);
    for (int c = 0; c < NCAND; c++)
        kl_mle_poly_free(w[c]);
}

int main(int argc, char **argv)
{
    B = book_open("04-mle", argc, argv);
    RNG = gsl_rng_alloc(gsl_rng_mt19937);
    if (RNG == NULL)
        book_fail(B, "out of memory");

    P_GAMMA = (struct kl_mle_gamma){SHAPE, SCALE};
    P = kl_mle_gamma_density(&P_GAMMA);
    P_MEAN = SHAPE * SCALE;
    P_VAR = SHAPE * SCALE * SCALE;
    ok(kl_mle_gamma_entropy(&P_GAMMA, &P_H), "h(p)");

    book_value(B, "shape", SHAPE, 6);
    book_value(B, "scale", SCALE, 6);
    for (int i = 0; i < NMLE; i++) {
        char name[32];
        snprintf(name, sizeof name, "mle_n%d", i);
        book_value_int(B, name, (long long)MLE_SIZES[i]);
    }
    struct model m[4];
    models_setup(m);
    models_figure(m);
    running_averages(m);
    misspecified();
    categorical();
    aic_bias();
    aic_selection();
    gsl_rng_free(RNG);
    return book_close(B);
}
