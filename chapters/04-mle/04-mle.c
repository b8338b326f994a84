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
 * against k n / (n - k - 1)); AIC against held-out log-likelihood, with
 * Akaike weights, BIC and leave-one-out cross-validation (by leverages,
 * checked against refits) beside it; Takeuchi's penalty tr(J^-1 K) for the
 * misspecified polynomials (GSL Cholesky against its closed form) and their
 * exact finite-n bias (a noncentral chi-square series, against Monte Carlo);
 * nested models with the smaller one true, where AIC keeps the unnecessary
 * term with probability -> P(chi^2_1 > 2) (exact F tails against Monte
 * Carlo) and BIC's share goes to zero.
 *
 * Run: make chapter-04 (or output/build/bin/04-mle --params
 * chapters/04-mle/params OUTPUT-FOLDER [NAME=VALUE ...]).  The knobs are in
 * chapters/04-mle/params; the figures are drawn by the fig-*.gp scripts
 * beside this file from the data and values.gp written here. */
#define _DEFAULT_SOURCE /* M_PI */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_statistics_double.h>

#include "book/book.h"
#include "kl/density.h"
#include "kl/discrete.h"
#include "kl/gaussian.h"
#include "kl/mle.h"

/* the largest lists and counts the params file allows */
enum { MAXMLE = 5, MAXFACES = 10, KMAX = 8, NTAB = 7, MAXCAND = 11 };

/* The parameters (chapters/04-mle/params). */
static struct {
    double shape, scale;                /* the true law p = Gamma(shape, scale) */
    double exp_mean, off_mu, off_sd;    /* the models */
    long lln_n;
    long mle_sizes[MAXMLE], mle_reps;
    size_t nmle;
    double cat_p[MAXFACES];             /* the die's law, normalised weights */
    size_t faces;
    long cat_n, cat_draws, cat_plotted, cat_reps;
    long aic_reps, aic_n[2], aic_kmax, tab_k, tab_ns[NTAB];
    long sel_n, sel_maxdeg, sel_big_deg, sel_reps, sel_fresh;
    double sel_sigma;
    long nest_ns[3], nest_deg, nest_reps;
    unsigned long seed;
} C;

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

/* A value named PREFIX + I (lln_avg_0, ...). */
static void value_i(const char *prefix, int i, double v, int sig)
{
    char name[64];
    snprintf(name, sizeof name, "%s%d", prefix, i);
    book_value(B, name, v, sig);
}

/* Appends to BUF the list item TEXT as the prose writes lists ("a, b and c"),
 * I being its index among N. */
static void list_item(char *buf, size_t size, size_t i, size_t n, const char *text)
{
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, "%s%s",
             i == 0 ? "" : i + 1 == n ? " and " : ", ", text);
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

/* the die experiment accepts a law whose rarest face is expected at least
 * CAT_MIN_COUNT times and whose Williams term (sum 1/p_j - 1) / (12 n) is at
 * most CAT_MAX_WILLIAMS (0.016 for the book's die) */
enum { CAT_MIN_COUNT = 5 };
static const double CAT_MAX_WILLIAMS = 0.1;

static void read_params(void)
{
    C.shape = book_param_real(B, "SHAPE");
    C.scale = book_param_real(B, "SCALE");
    C.exp_mean = book_param_real(B, "EXP_MEAN");
    C.off_mu = book_param_real(B, "OFF_MU");
    C.off_sd = book_param_real(B, "OFF_SD");
    C.lln_n = book_param_int(B, "LLN_N");
    C.nmle = book_param_int_list(B, "MLE_SIZES", C.mle_sizes, MAXMLE);
    C.mle_reps = book_param_int(B, "MLE_REPS");
    C.faces = book_param_real_list(B, "CAT_WEIGHTS", C.cat_p, MAXFACES);
    C.cat_n = book_param_int(B, "CAT_N");
    C.cat_draws = book_param_int(B, "CAT_DRAWS");
    C.cat_plotted = book_param_int(B, "CAT_PLOTTED");
    C.cat_reps = book_param_int(B, "CAT_REPS");
    C.aic_reps = book_param_int(B, "AIC_REPS");
    book_param_int_list(B, "AIC_N", C.aic_n, 2);
    C.aic_kmax = book_param_int(B, "AIC_KMAX");
    C.tab_k = book_param_int(B, "TAB_K");
    book_param_int_list(B, "TAB_NS", C.tab_ns, NTAB - 1);
    C.tab_ns[NTAB - 1] = book_param_int(B, "TAB_N_LIMIT");
    C.sel_n = book_param_int(B, "SEL_N");
    C.sel_sigma = book_param_real(B, "SEL_SIGMA");
    C.sel_maxdeg = book_param_int(B, "SEL_MAXDEG");
    C.sel_big_deg = book_param_int(B, "SEL_BIG_DEG");
    C.sel_reps = book_param_int(B, "SEL_REPS");
    C.sel_fresh = book_param_int(B, "SEL_FRESH");
    book_param_int_list(B, "NEST_NS", C.nest_ns, 3);
    C.nest_deg = book_param_int(B, "NEST_DEG");
    C.nest_reps = book_param_int(B, "NEST_REPS");
    C.seed = (unsigned long)book_param_int(B, "SEED");
}

/* Normalises the die's weights and refuses the combinations the claims
 * cannot honour. */
static void check_params(void)
{

    double sum = 0.0;
    for (size_t j = 0; j < C.faces; j++)
        sum += C.cat_p[j];
    for (size_t j = 0; j < C.faces; j++)
        C.cat_p[j] /= sum;
    double pmin = C.cat_p[0];
    for (size_t j = 1; j < C.faces; j++)
        pmin = fmin(pmin, C.cat_p[j]);
    if (C.cat_n * pmin < CAT_MIN_COUNT)
        book_param_refuse(B, "CAT_N", "the rarest face of CAT_WEIGHTS is expected "
                          "%.3g times, fewer than the %d that Williams' formula "
                          "for the mean margin needs", C.cat_n * pmin, CAT_MIN_COUNT);
    double sum_inv = 0.0;
    for (size_t j = 0; j < C.faces; j++)
        sum_inv += 1.0 / C.cat_p[j];
    if ((sum_inv - 1.0) / (12.0 * C.cat_n) > CAT_MAX_WILLIAMS)
        book_param_refuse(B, "CAT_N", "Williams' 1/n term for CAT_WEIGHTS is "
                          "%.3g, more than %g: the terms his formula drops would "
                          "show above the Monte Carlo error",
                          (sum_inv - 1.0) / (12.0 * C.cat_n), CAT_MAX_WILLIAMS);
    C.cat_plotted = C.cat_plotted < C.cat_draws ? C.cat_plotted : C.cat_draws;
    C.sel_big_deg = C.sel_big_deg < C.sel_maxdeg ? C.sel_big_deg : C.sel_maxdeg;
    /* with k parameters, n points leave n - k + 1 degrees of freedom to the
     * residuals; the optimism involves 1/s^2, whose variance is finite only
     * for more than 4 of them (inverse chi-square), so that the standard
     * errors of the Monte Carlo claims mean something */
    if (C.aic_n[0] < C.aic_kmax + 4)
        book_param_refuse(B, "AIC_N", "k = AIC_KMAX = %ld parameters need at "
                          "least %ld points for a finite variance of the optimism",
                          C.aic_kmax, C.aic_kmax + 4);
    if (C.tab_ns[0] < C.tab_k + 4)
        book_param_refuse(B, "TAB_NS", "k = TAB_K = %ld parameters need at least "
                          "%ld points for a finite variance of the optimism",
                          C.tab_k, C.tab_k + 4);
    /* the bigger nested model has NEST_DEG + 2 coefficients; leaving one
     * point out must leave residual degrees of freedom to spare */
    if (C.nest_ns[2] < 500)
        book_param_refuse(B, "NEST_NS", "the last size must be at least 500, "
                          "where the exact share AIC takes the bigger model is "
                          "within 0.005 of P(χ²₁ > 2)");
    if (C.nest_ns[0] < C.nest_deg + 8)
        book_param_refuse(B, "NEST_NS", "the bigger model of degree NEST_DEG + 1 = "
                          "%ld needs at least %ld points", C.nest_deg + 1,
                          C.nest_deg + 8);
    /* the last size, TAB_N_LIMIT >= 1000, is where the bias is claimed to be
     * Akaike's k: there kn/(n-k-1) - k = k(k+1)/(n-k-1) is below 1% of k for
     * every k <= 8, less than the Monte Carlo error */
}

/* The true law, with its moments and entropy in closed form. */
static struct kl_mle_gamma P_GAMMA;
static struct kl_density P;
static double P_MEAN, P_VAR, P_H;
static char P_NAME[64];                 /* "Gamma(2, 1)" */

/* -- 1. Average log-likelihood and its limit -------------------------------- */

/* A candidate model: a log-density, its name, and its cross-entropy
 * -E_p[log q] in closed form (from the Gamma moments). */
struct model {
    char title[80];         /* "q = N(2, 2)" */
    char name[64];          /* "N(2, 2)" */
    struct kl_density q;
    double cross;           /* closed form */
    double h_plus_d;        /* h(p) + D(p||q), both by quadrature */
    double sd;              /* sd of log q(X) under p, by quadrature */
};

enum { NMODELS = 4 };
static struct kl_mle_gamma M_EXP;               /* shape 1: exponential */
static struct kl_gaussian M_BEST;               /* p's mean and sd */
static struct kl_gaussian M_OFF;

static double logq_square(double x, void *params)
{
    const struct kl_density *q = params;
    double l = q->logpdf(x, q->params);
    return l * l;
}

static void models_name(struct model *m)
{
    snprintf(m[0].name, sizeof m[0].name, "%s", P_NAME);
    snprintf(m[1].name, sizeof m[1].name, "Exponential, mean %g",
             M_EXP.shape * M_EXP.scale);
    snprintf(m[2].name, sizeof m[2].name, "N(%g, %g)", M_BEST.mu,
             M_BEST.sigma * M_BEST.sigma);
    snprintf(m[3].name, sizeof m[3].name, "N(%g, %g)", M_OFF.mu,
             M_OFF.sigma * M_OFF.sigma);
    snprintf(m[0].title, sizeof m[0].title, "q = p = %s", m[0].name);
    for (int j = 1; j < NMODELS; j++)
        snprintf(m[j].title, sizeof m[j].title, "q = %s", m[j].name);
    for (int j = 0; j < NMODELS; j++) {
        char name[32];
        snprintf(name, sizeof name, "model_name_%d", j);
        book_plot_text(B, name, m[j].name);
        snprintf(name, sizeof name, "model_title_%d", j);
        book_plot_text(B, name, m[j].title);
    }
}

static void models_setup(struct model *m)
{
    M_EXP = (struct kl_mle_gamma){1.0, C.exp_mean};
    M_BEST = (struct kl_gaussian){P_MEAN, sqrt(P_VAR)};
    M_OFF = (struct kl_gaussian){C.off_mu, C.off_sd};
    m[0].q = kl_mle_gamma_density(&P_GAMMA);
    m[1].q = kl_mle_gamma_density(&M_EXP);
    m[2].q = kl_gaussian_density(&M_BEST);
    m[3].q = kl_gaussian_density(&M_OFF);
    models_name(m);
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
    char text[160];
    snprintf(text, sizeof text, "h(%s): closed form = quadrature", P_NAME);
    book_claim_rel(B, "quadrature", text, P_H, h.value, 1e-10);
}

/* The prose's comparison of the exponential model with the best Gaussian. */
static void models_compare(const struct model *m)
{
    double d_exp = m[1].h_plus_d - m[0].h_plus_d;
    double d_gauss = m[2].h_plus_d - m[0].h_plus_d;
    book_value_text(B, "exp_vs_gauss", d_exp < d_gauss ? "closer to" : "further from");
    book_value_text(B, "exp_vs_gauss_why", d_exp < d_gauss
        ? "it has the right support and the right kind of skew"
        : "this Gamma law is nearly symmetric, and a Gaussian with its mean "
          "and variance matches it better than any law with the exponential's "
          "shape");
    book_value_text(B, "gauss_vs_exp", d_exp < d_gauss
        ? "Even the best Gaussian is worse than a simple exponential law."
        : "Here the best Gaussian beats the exponential law, but it still "
          "leaves a divergence that no choice of its parameters removes.");
}

/* The densities of the truth and the models on a range that shows them all. */
static void models_figure(const struct model *m)
{
    double sd = sqrt(P_VAR);
    double lo = fmin(P_MEAN - 2.0 * M_SQRT2 * sd, C.off_mu - 3.5 * C.off_sd);
    double hi = fmax(P_MEAN + 3.5 * M_SQRT2 * sd, C.off_mu + 3.5 * C.off_sd);
    hi = fmax(hi, 3.0 * C.exp_mean);
    FILE *f = book_data(B, "models.tsv", "the true law and three models",
                        "x\tp_gamma\tq_exp\tq_best\tq_off");
    for (int i = 0; i <= 440; i++) {
        double x = (lo * (440 - i) + hi * i) / 440.0;
        fprintf(f, "%.6g", x);
        for (int j = 0; j < NMODELS; j++)
            fprintf(f, "\t%.6g", exp(m[j].q.logpdf(x, m[j].q.params)));
        fputc('\n', f);
    }
    book_close_file(B, f);
    book_plot_value(B, "models_lo", lo);
    book_plot_value(B, "models_hi", hi);
    for (int j = 0; j < NMODELS; j++) {
        char name[32];
        snprintf(name, sizeof name, "model_D_%d", j);
        book_plot_value(B, name, m[j].h_plus_d - m[0].h_plus_d);
    }
}

/* The points n at which the running averages are recorded: 20 a decade, and
 * the last, LLN_N; returns how many (at most MAXPTS). */
enum { MAXPTS = 140 };
static int lln_points(size_t *at)
{
    int n = 0;
    for (int t = 0; n < MAXPTS - 1; t++) {
        size_t v = (size_t)llround(pow(10.0, t / 20.0));
        if (v >= (size_t)C.lln_n)
            break;
        if (n == 0 || v != at[n - 1])
            at[n++] = v;
    }
    at[n++] = (size_t)C.lln_n;
    return n;
}

static void lln_claims(const struct model *m, int j, double avg, double limit,
                       double se)
{
    char text[600];
    snprintf(text, sizeof text,
             "%.79s: average log-likelihood at n = %ld → E_p[log q] "
             "(quadrature)", m[j].title, C.lln_n);
    book_claim_sigma(B, "Monte Carlo", text, limit, avg, se, 4.0);
    snprintf(text, sizeof text,
             "%.79s: −E_p[log q] closed form = h(p) + D(p‖q) by quadrature",
             m[j].title);
    book_claim_rel(B, "quadrature", text, m[j].cross, m[j].h_plus_d, 1e-10);
    value_i("lln_limit_", j, limit, 4);
    value_i("lln_avg_", j, avg, 4);
    value_i("lln_se_", j, se, 2);
    value_i("lln_D_", j, m[j].h_plus_d - m[0].h_plus_d, 3);
    value_i("lln_sd_", j, m[j].sd, 3);
}

static void lln_write(const struct model *m, const size_t *at, int npts,
                      double (*avg)[MAXPTS])
{
    char desc[200];
    snprintf(desc, sizeof desc, "running average log-likelihood of four models "
             "on one %s sample, with the limits and sd(log q)", P_NAME);
    FILE *f = book_data(B, "lln.tsv", desc,
                        "n\tavg_p\tavg_exp\tavg_best\tavg_off\t"
                        "lim_p\tlim_exp\tlim_best\tlim_off\t"
                        "sd_p\tsd_exp\tsd_best\tsd_off");
    for (int t = 0; t < npts; t++) {
        fprintf(f, "%zu", at[t]);
        for (int j = 0; j < NMODELS; j++)
            fprintf(f, "\t%.10g", avg[j][t]);
        for (int j = 0; j < NMODELS; j++)
            fprintf(f, "\t%.10g", -m[j].h_plus_d);
        for (int j = 0; j < NMODELS; j++)
            fprintf(f, "\t%.10g", m[j].sd);
        fputc('\n', f);
    }
    book_close_file(B, f);
    double top = -INFINITY, bottom = INFINITY;
    for (int j = 0; j < NMODELS; j++) {
        top = fmax(top, -m[j].h_plus_d);
        bottom = fmin(bottom, -m[j].h_plus_d);
    }
    double span = top - bottom;   /* room for the early wandering and the key */
    book_plot_value(B, "lln_ylo", bottom - fmax(0.55, 0.25 * span));
    book_plot_value(B, "lln_yhi", top + fmax(0.4, 0.1 * span));
    book_value_int(B, "lln_n", C.lln_n);
}

static void running_averages(const struct model *m)
{
    size_t N_LLN = (size_t)C.lln_n, at[MAXPTS];
    double *x = book_malloc(B, N_LLN * sizeof *x);
    double *l = book_malloc(B, N_LLN * sizeof *l);
    double avg[NMODELS][MAXPTS];
    int NPTS = lln_points(at);
    gsl_rng_set(RNG, C.seed + 1);

    /* >>> running */
    for (size_t i = 0; i < N_LLN; i++)
        x[i] = gsl_ran_gamma(RNG, C.shape, C.scale);    /* one sample from p */
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
        lln_claims(m, j, avg[j][NPTS - 1], limit, se);
    }
    free(x);
    free(l);
    lln_write(m, at, NPTS, avg);
    int widest = m[3].sd >= m[0].sd && m[3].sd >= m[1].sd && m[3].sd >= m[2].sd;
    book_value_text(B, "off_band", widest ? "the widest" : "not the widest");
    book_value_text(B, "off_band_why", widest
        ? "A badly fitting model has a noisy log-likelihood as well as a low "
          "one, because its $\\log q$ falls steeply in the tail where $p$ still "
          "has mass."
        : "A badly fitting model often has a noisy log-likelihood as well as a "
          "low one, because its $\\log q$ falls steeply in the tail where $p$ "
          "still has mass; with these parameters another model's is noisier.");
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

/* The minimiser starts from a poor guess, N(a θ / 4, a θ² / 2): for
 * Gamma(2, 1) that is N(0.5, 1). */
static void closest_gaussian(double *mu_star, double *sigma_star, double *d_star)
{
    double mu0 = P_MEAN / 4, sigma0 = sqrt(P_VAR / 2);
    /* >>> multimin */
    gsl_multimin_function F = {kl_objective, 2, NULL};
    gsl_vector *th = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
    gsl_multimin_fminimizer *s =
        gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
    if (th == NULL || step == NULL || s == NULL)
        book_fail(B, "out of memory");
    gsl_vector_set(th, 0, mu0);             /* start at N(mu0, sigma0^2) */
    gsl_vector_set(th, 1, log(sigma0));
    gsl_vector_set(step, 0, 0.5 * sigma0);
    gsl_vector_set(step, 1, 0.5);
    if (gsl_multimin_fminimizer_set(s, &F, th, step) != GSL_SUCCESS)
        book_fail(B, "cannot start the minimiser");
    int status = GSL_CONTINUE, iter = 0;
    while (status == GSL_CONTINUE && iter++ < 1000) {
        if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS)
            book_fail(B, "the minimiser stopped");
        status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), 1e-9);
    }
    /* near the minimum D changes by about size^2: below a size of ~1e-8 it
     * is flat to rounding, and the simplex may stall above 1e-9 */
    if (status != GSL_SUCCESS
        && gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), 1e-7) != GSL_SUCCESS)
        book_fail(B, "the minimiser did not converge");
    *mu_star = gsl_vector_get(s->x, 0);
    *sigma_star = exp(gsl_vector_get(s->x, 1));
    *d_star = s->fval;
    /* <<< multimin */
    book_value_int(B, "min_iter", iter);
    book_value(B, "start_mu", mu0, 3);
    book_value(B, "start_var", sigma0 * sigma0, 3);
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(th);
    gsl_vector_free(step);
}

/* The window of the map, around the minimiser. */
static double MU_LO, MU_HI, S_LO, S_HI;

/* Contour levels of D: the first seven round numbers above the minimum D*,
 * as the text of gnuplot's "set cntrparam levels discrete". */
static void contour_levels(double d_star)
{
    static const double round_[] = {0.0001, 0.0002, 0.0005, 0.001, 0.002,
                                    0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.15,
                                    0.2, 0.25, 0.35, 0.5, 0.75, 1, 1.5, 2, 3,
                                    5, 7.5, 10};
    char levels[200] = "";
    int used = 0;
    for (size_t i = 0; i < sizeof round_ / sizeof round_[0] && used < 7; i++)
        if (round_[i] > 1.02 * d_star) {
            size_t len = strlen(levels);
            snprintf(levels + len, sizeof levels - len, "%s%g", used++ ? ", " : "",
                     round_[i]);
        }
    book_plot_text(B, "klmap_levels", levels);
}

enum { MAP_STEPS = 60 };        /* the map is a grid of 61 × 61 models */

static void kl_map(double mu_star, double sigma_star, double d_star)
{
    struct kl_quad o = {0.0, 1e-9, 1000};
    MU_LO = mu_star - 1.06 * sigma_star;
    MU_HI = mu_star + 1.06 * sigma_star;
    S_LO = 0.354 * sigma_star;
    S_HI = 2.12 * sigma_star;
    char desc[200];
    snprintf(desc, sizeof desc, "D(%s || N(mu, sigma^2)) by quadrature on a grid",
             P_NAME);
    FILE *f = book_data(B, "klmap.tsv", desc, "mu\tsigma\tD");
    for (int i = 0; i <= MAP_STEPS; i++) {
        double mu = MU_LO + (MU_HI - MU_LO) * i / MAP_STEPS;
        for (int j = 0; j <= MAP_STEPS; j++) {
            double sigma = S_LO + (S_HI - S_LO) * j / MAP_STEPS;
            fprintf(f, "%.6g\t%.6g\t%.6g\n", mu, sigma, kl_to_gaussian(mu, sigma, &o));
        }
        fputc('\n', f);
    }
    book_close_file(B, f);
    contour_levels(d_star);
    book_plot_value(B, "map_mu_lo", MU_LO);
    book_plot_value(B, "map_mu_hi", MU_HI);
    book_plot_value(B, "map_s_lo", S_LO);
    book_plot_value(B, "map_s_hi", S_HI);
    book_plot_value(B, "map_steps", MAP_STEPS);
    book_plot_value(B, "mu_star", mu_star);
    book_plot_value(B, "sigma_star", sigma_star);
    book_plot_value(B, "d_star", d_star);
}

/* The claims on the MLEs of the samples of size N: their mean is mu*, and
 * the mean of sigma-hat^2 is (n-1)/n sigma*^2. */
static void mle_claims(size_t n, const double *mus, const double *vars,
                       double mu_star, double sigma_star, const char *suffix)
{
    size_t reps = (size_t)C.mle_reps;
    char name[64], text[200];
    snprintf(text, sizeof text,
             "n = %zu: mean of the MLEs μ̂ = μ* (%zu samples)", n, reps);
    book_claim_sigma(B, "Monte Carlo", text, mu_star, mean_of(mus, reps), se_of(mus, reps), 4.0);
    snprintf(text, sizeof text,
             "n = %zu: mean of σ̂² = (n−1)/n · σ*² (%zu samples)", n, reps);
    book_claim_sigma(B, "Monte Carlo", text, (n - 1.0) / n * sigma_star * sigma_star,
                     mean_of(vars, reps), se_of(vars, reps), 4.0);
    if (suffix != NULL) {
        snprintf(name, sizeof name, "mle_mean_mu_%s", suffix);
        book_value(B, name, mean_of(mus, reps), 4);
        snprintf(name, sizeof name, "mle_se_mu_%s", suffix);
        book_value(B, name, se_of(mus, reps), 2);
    }
}

static void mle_clouds(double mu_star, double sigma_star)
{
    char desc[200], rms_list[400] = "";
    snprintf(desc, sizeof desc, "Gaussian MLEs from repeated %s samples; one "
             "block per sample size", P_NAME);
    FILE *f = book_data(B, "mle.tsv", desc, "n\tmu_hat\tsigma_hat");
    size_t nmax = (size_t)C.mle_sizes[C.nmle - 1], reps = (size_t)C.mle_reps;
    double *x = book_malloc(B, nmax * sizeof *x);
    double *mus = book_malloc(B, reps * sizeof *mus);
    double *vars = book_malloc(B, reps * sizeof *vars), worst_var = 0.0;
    gsl_rng_set(RNG, C.seed + 2);
    for (size_t s = 0; s < C.nmle; s++) {
        size_t n = (size_t)C.mle_sizes[s];
        double rms = 0.0;
        for (size_t r = 0; r < reps; r++) {
            /* >>> mle */
            double mu, sigma;
            for (size_t i = 0; i < n; i++)
                x[i] = gsl_ran_gamma(RNG, C.shape, C.scale);
            ok(kl_mle_gaussian_fit(x, n, &mu, &sigma), "Gaussian MLE");
            /* <<< mle */
            worst_var = fmax(worst_var, fabs(sigma * sigma
                             - gsl_stats_variance_with_fixed_mean(x, 1, n, mu))
                             / (sigma * sigma));
            mus[r] = mu;
            vars[r] = sigma * sigma;
            rms += (mu - mu_star) * (mu - mu_star)
                   + (sigma - sigma_star) * (sigma - sigma_star);
            fprintf(f, "%zu\t%.6g\t%.6g\n", n, mu, sigma);
        }
        fputs("\n\n", f);
        char item[96], num[40], big[32];
        book_format(sqrt(rms / reps), 2, 1, num, sizeof num);
        grouped((long)n, big, sizeof big);
        snprintf(item, sizeof item, "%s at *n* = %s", num, big);
        list_item(rms_list, sizeof rms_list, s, C.nmle, item);
        if (s == C.nmle - 1 || s == 1)
            mle_claims(n, mus, vars, mu_star, sigma_star,
                       s == C.nmle - 1 ? "last" : NULL);
    }
    free(x);
    free(mus);
    free(vars);
    book_close_file(B, f);
    book_claim_le(B, "GSL", "every fit: σ̂² = (1/n) Σ (xᵢ − μ̂)², the MLE's "
                  "divisor n (GSL's variance with fixed mean; largest "
                  "relative difference)", worst_var, 0.0, 1e-12);
    book_value_text(B, "mle_rms_list", rms_list);
    book_value_int(B, "mle_n_last", C.mle_sizes[C.nmle - 1]);
    book_value_int(B, "mle_n_second", C.mle_sizes[1]);
}

static void misspecified(void)
{
    double mu_star, sigma_star, d_star, d_closed;
    closest_gaussian(&mu_star, &sigma_star, &d_star);
    ok(kl_mle_gaussian_cross_entropy(P_MEAN, P_VAR, P_MEAN, sqrt(P_VAR), &d_closed),
       "cross-entropy");
    d_closed -= P_H;   /* D = cross-entropy - entropy, both closed forms */
    book_claim_abs(B, "gsl_multimin", "minimiser of D(p‖N(μ, σ²)): μ* = E_p[X] = aθ",
                   P_MEAN, mu_star, 1e-6);
    book_claim_abs(B, "gsl_multimin", "minimiser of D(p‖N(μ, σ²)): σ* = sd_p(X) = √a θ",
                   sqrt(P_VAR), sigma_star, 1e-6);
    book_claim_rel(B, "quadrature", "min D (quadrature) = ½ ln(2πe σ*²) − h(p) (closed forms)",
                   d_closed, d_star, 1e-9);
    book_value(B, "mu_star", mu_star, 8);
    book_value(B, "sigma_star", sigma_star, 8);
    book_value(B, "d_star", d_star, 4);
    book_value(B, "p_mean", P_MEAN, 3);
    book_value(B, "p_var", P_VAR, 3);
    book_value(B, "p_h", P_H, 4);
    kl_map(mu_star, sigma_star, d_star);
    mle_clouds(mu_star, sigma_star);
}

/* -- 3. The categorical model ---------------------------------------------- */

struct cat_data {
    size_t k;
    double freq[MAXFACES];
};

/* Minus the average log-likelihood of softmax(z) with z_K = 0, and its
 * gradient -(freq_j - pi_j). */
static void softmax(const gsl_vector *z, size_t k, double *pi)
{
    double zmax = 0.0, sum = 0.0;
    for (size_t j = 0; j + 1 < k; j++)
        zmax = fmax(zmax, gsl_vector_get(z, j));
    for (size_t j = 0; j < k; j++) {
        pi[j] = exp((j + 1 < k ? gsl_vector_get(z, j) : 0.0) - zmax);
        sum += pi[j];
    }
    for (size_t j = 0; j < k; j++)
        pi[j] /= sum;
}

static double cat_f(const gsl_vector *z, void *vp)
{
    const struct cat_data *d = vp;
    double pi[MAXFACES], s = 0.0;
    softmax(z, d->k, pi);
    for (size_t j = 0; j < d->k; j++)
        if (d->freq[j] > 0)
            s -= d->freq[j] * log(pi[j]);
    return s;
}

static void cat_df(const gsl_vector *z, void *vp, gsl_vector *g)
{
    const struct cat_data *d = vp;
    double pi[MAXFACES];
    softmax(z, d->k, pi);
    for (size_t j = 0; j + 1 < d->k; j++)
        gsl_vector_set(g, j, pi[j] - d->freq[j]);
}

static void cat_fdf(const gsl_vector *z, void *vp, double *f, gsl_vector *g)
{
    *f = cat_f(z, vp);
    cat_df(z, vp, g);
}

/* The die and its rolls: the outcome of each roll into ROLLS, the counts of
 * the faces into COUNTS. */
static void cat_roll(int *rolls, double *counts)
{
    gsl_rng_set(RNG, C.seed + 3);
    gsl_ran_discrete_t *table = gsl_ran_discrete_preproc(C.faces, C.cat_p);
    if (table == NULL)
        book_fail(B, "out of memory");
    for (size_t j = 0; j < C.faces; j++)
        counts[j] = 0.0;
    for (long i = 0; i < C.cat_n; i++) {
        rolls[i] = (int)gsl_ran_discrete(RNG, table);
        counts[rolls[i]] += 1.0;
    }
    gsl_ran_discrete_free(table);
    for (size_t j = 0; j < C.faces; j++)
        if (counts[j] == 0)
            book_param_refuse(B, "CAT_N", "face %zu of CAT_WEIGHTS never comes up "
                              "in the rolls, so D(p ‖ p̂) is infinite", j + 1);
}

/* The MLE found numerically from the uniform law, by BFGS over softmax
 * coordinates, into PNUM; returns its largest gap to the frequencies PHAT. */
static double cat_numerical(const double *phat, double *pnum)
{
    size_t K = C.faces;
    struct cat_data data = {K, {0}};
    for (size_t j = 0; j < K; j++)
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
    double worst = 0.0;
    softmax(s->x, K, pnum);
    for (size_t j = 0; j < K; j++)
        worst = fmax(worst, fabs(pnum[j] - phat[j]));
    gsl_multimin_fdfminimizer_free(s);
    gsl_vector_free(z);
    return worst;
}

/* A rival that gives the most frequent face probability 0 (the rest
 * uniform): one observed roll it calls impossible makes log L(q) = -inf,
 * and D(p-hat || q) = +inf with it. */
static void cat_blind_rival(const double *counts, const double *phat)
{
    size_t K = C.faces, top = 0;
    double q[MAXFACES], llq, d;
    for (size_t j = 1; j < K; j++)
        if (counts[j] > counts[top])
            top = j;
    for (size_t j = 0; j < K; j++)
        q[j] = j == top ? 0.0 : 1.0 / (double)(K - 1);
    ok(kl_mle_categorical_loglik(counts, q, K, &llq), "log L(q)");
    ok(kl_discrete_divergence(phat, q, K, KL_BASE_E, &d), "D(p-hat||q)");
    book_claim_le(B, "exact", "categorical: a q with q = 0 on an observed face "
                  "has log L(q) = −∞", llq, -DBL_MAX, 0.0);
    book_claim_ge(B, "exact", "   … and D(p̂‖q) = +∞, so log L(q) = log L(p̂) "
                  "− n D(p̂‖q) still holds", d, DBL_MAX, 0.0);
}

/* Random rival laws q ~ Dirichlet(1): none beats the MLE, and each loses
 * exactly n D(p-hat || q) (an identity, shown as the worst relative gap
 * *ID_GAP, not claimed).  Returns the smallest shortfall. */
static double cat_rivals(const double *counts, const double *phat, double loglik,
                         double *id_gap)
{
    size_t K = C.faces;
    long CAT_N = C.cat_n;
    FILE *f = book_data(B, "cat-rivals.tsv",
                        "random laws q ~ Dirichlet(1): D(p-hat||q), D(p||q) and "
                        "the average log-likelihood log L(q) / n",
                        "D_hat\tD_true\tavg_loglik");
    double alpha[MAXFACES], q[MAXFACES], worst_gap = -INFINITY, worst_id = 0.0;
    for (size_t j = 0; j < K; j++)
        alpha[j] = 1.0;
    for (long r = 0; r < C.cat_draws; r++) {
        /* >>> rivals */
        double llq, d;
        gsl_ran_dirichlet(RNG, K, alpha, q);
        ok(kl_mle_categorical_loglik(counts, q, K, &llq), "log L(q)");
        ok(kl_discrete_divergence(phat, q, K, KL_BASE_E, &d), "D(p-hat||q)");
        worst_gap = fmax(worst_gap, llq - loglik);          /* should be <= 0 */
        worst_id = fmax(worst_id, fabs(llq - (loglik - CAT_N * d))
                                      / fabs(llq));
        /* <<< rivals */
        if (r < C.cat_plotted) {
            double d_true;
            ok(kl_discrete_divergence(C.cat_p, q, K, KL_BASE_E, &d_true), "D(p||q)");
            fprintf(f, "%.6g\t%.6g\t%.6g\n", d, d_true, llq / CAT_N);
        }
    }
    book_close_file(B, f);
    book_claim_le(B, "bound", "categorical: log L(q) ≤ log L(p̂) for every random q "
                  "(largest log L(q) − log L(p̂))", worst_gap, 0.0, 0.0);
    cat_blind_rival(counts, phat);
    *id_gap = worst_id;
    return -worst_gap;
}

/* The mean margin of the MLE over the truth on its own data, against
 * Williams' formula. */
static void cat_wilks(void)
{
    size_t K = C.faces;
    long CAT_N = C.cat_n;
    const double *ptrue = C.cat_p;
    /* >>> wilks */
    /* log L(p-hat) - log L(p) = n D(p-hat || p) >= 0 on every sample; its mean
     * over many samples is (K - 1)/2 plus a small O(1/n) term (Williams 1976):
     * E = (K - 1)/2 + (sum_j 1/p_j - 1) / (12 n). */
    size_t CAT_REPS = (size_t)C.cat_reps;
    double *opt = book_malloc(B, CAT_REPS * sizeof *opt), sum_inv = 0.0;
    for (size_t r = 0; r < CAT_REPS; r++) {
        unsigned int c[MAXFACES];
        double cd[MAXFACES], ph[MAXFACES];
        gsl_ran_multinomial(RNG, K, (unsigned int)CAT_N, ptrue, c);
        for (size_t j = 0; j < K; j++)
            cd[j] = c[j];
        ok(kl_mle_categorical_fit(cd, K, ph, NULL), "categorical MLE");
        ok(kl_discrete_divergence(ph, ptrue, K, KL_BASE_E, &opt[r]), "D(p-hat||p)");
        opt[r] *= CAT_N;
    }
    for (size_t j = 0; j < K; j++)
        sum_inv += 1.0 / ptrue[j];
    double wilks = (K - 1) / 2.0 + (sum_inv - 1.0) / (12.0 * CAT_N);
    /* <<< wilks */
    book_claim_sigma(B, "Monte Carlo", "categorical: mean of log L(p̂) − log L(p) = n D(p̂‖p) "
                     "= (K−1)/2 + (Σ1/pⱼ − 1)/(12n)", wilks,
                     mean_of(opt, CAT_REPS), se_of(opt, CAT_REPS), 4.0);
    book_value(B, "cat_opt_mean", mean_of(opt, CAT_REPS), 4);
    book_value(B, "cat_opt_se", se_of(opt, CAT_REPS), 2);
    book_value(B, "cat_opt_williams", wilks, 4);
    free(opt);
}

/* The die's law and counts as the prose quotes them. */
static void cat_values(const double *counts)
{
    char csv[256] = "", pcsv[256] = "", list[256] = "", plist[256] = "";
    for (size_t j = 0; j < C.faces; j++) {
        char item[32];
        snprintf(item, sizeof item, "%s%.0f", j ? "," : "", counts[j]);
        strcat(csv, item);
        snprintf(item, sizeof item, "%s%.6g", j ? "," : "", C.cat_p[j]);
        strcat(pcsv, item);
        snprintf(item, sizeof item, "%.0f", counts[j]);
        list_item(list, sizeof list, j, C.faces, item);
        snprintf(item, sizeof item, "%s%.3g", j ? ", " : "", C.cat_p[j]);
        strcat(plist, item);
    }
    book_value_text(B, "cat_counts_csv", csv);
    book_value_text(B, "cat_ptrue_csv", pcsv);
    book_value_text(B, "cat_counts", list);
    book_value_text(B, "cat_ptrue", plist);
    book_value_int(B, "cat_k", (long long)C.faces);
    book_value(B, "cat_half_k_minus_1", (C.faces - 1) / 2.0, 3);
    book_plot_value(B, "cat_k", (double)C.faces);
}

static void categorical(void)
{
    size_t K = C.faces;
    long CAT_N = C.cat_n;
    int *rolls = book_malloc(B, (size_t)CAT_N * sizeof *rolls);
    double counts[MAXFACES];
    cat_roll(rolls, counts);

    /* >>> categorical */
    double phat[MAXFACES], loglik, h_hat;
    ok(kl_mle_categorical_fit(counts, K, phat, &loglik), "categorical MLE");
    ok(kl_discrete_entropy(phat, K, KL_BASE_E, &h_hat), "H(p-hat)");
    double ll_obs = 0.0;                  /* sum over the rolls, one by one */
    for (long i = 0; i < CAT_N; i++)
        ll_obs += log(phat[rolls[i]]);
    /* <<< categorical */
    free(rolls);
    book_claim_rel(B, "roll-by-roll sum", "categorical: −n H(p̂) (library entropy) "
                   "= Σᵢ log p̂(xᵢ) summed over the rolls", ll_obs, -CAT_N * h_hat, 1e-12);
    book_claim_rel(B, "roll-by-roll sum", "categorical: log L(p̂) from the counts "
                   "(kl_mle_categorical_fit) = Σᵢ log p̂(xᵢ) over the rolls",
                   ll_obs, loglik, 1e-12);

    double pnum[MAXFACES], worst = cat_numerical(phat, pnum);
    book_claim_le(B, "gsl_multimin", "categorical: numerical maximiser of log L (gsl_multimin) "
                  "= frequencies (largest gap)", worst, 0.0, 1e-6);
    double id_gap, shortfall = cat_rivals(counts, phat, loglik, &id_gap);

    FILE *f = book_data(B, "categorical.tsv", "a loaded die: true law, MLE from the "
                        "rolls, numerical maximiser", "face\tp_true\tp_hat\tp_num\tcount");
    for (size_t j = 0; j < K; j++)
        fprintf(f, "%zu\t%.6g\t%.10g\t%.10g\t%.0f\n", j + 1, C.cat_p[j], phat[j],
                pnum[j], counts[j]);
    book_close_file(B, f);

    /* the truth on its own data, and the MLE's optimism n D(p-hat || p) */
    double h_true, ll_true, d_hat_true;
    ok(kl_discrete_entropy(C.cat_p, K, KL_BASE_E, &h_true), "H(p)");
    ok(kl_mle_categorical_loglik(counts, C.cat_p, K, &ll_true), "log L(p)");
    ok(kl_discrete_divergence(C.cat_p, phat, K, KL_BASE_E, &d_hat_true), "D(p||p-hat)");
    book_plot_value(B, "cat_h_true", h_true);
    book_plot_value(B, "cat_truth_avg", ll_true / CAT_N);
    book_plot_value(B, "cat_mle_d", d_hat_true);
    book_plot_value(B, "cat_mle_avg", -h_hat);

    cat_wilks();
    book_value(B, "cat_h_true", h_true, 4);
    book_value(B, "cat_ll_true", ll_true, 5);
    book_value(B, "cat_ll_gain", loglik - ll_true, 3);
    book_value(B, "cat_h_hat", h_hat, 4);
    book_value(B, "cat_loglik", loglik, 5);
    book_value(B, "cat_best_shortfall", shortfall, 3);
    book_value(B, "cat_num_gap", worst, 2);
    book_value(B, "cat_id_gap", id_gap, 2);
    cat_values(counts);
    book_value_int(B, "cat_plotted", C.cat_plotted);
}

/* -- 4. The optimism of the maximised log-likelihood, and AIC -------------- */

/* The design: n points equally spaced on [-1, 1]. */
static void design(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = -1.0 + 2.0 * (double)i / (double)(n - 1);
}

/* Leverages H[0..N) of the least-squares fit with NCOEF polynomial
 * coefficients on the design X[0..N): the diagonal of the hat matrix
 * X (X'X)^-1 X'.  From a QR decomposition X = QR (gsl_linalg_QR_decomp),
 * h_i = |z|^2 with R' z = x_i (the row i of X), so that no n x n matrix is
 * formed.  NCOEF = 0 (no mean term) gives h = 0. */
static void leverages(const double *x, size_t n, size_t ncoef, double *h)
{
    if (ncoef == 0) {
        for (size_t i = 0; i < n; i++)
            h[i] = 0.0;
        return;
    }
    gsl_matrix *X = gsl_matrix_alloc(n, ncoef);
    gsl_vector *tau = gsl_vector_alloc(ncoef), *z = gsl_vector_alloc(ncoef);
    if (X == NULL || tau == NULL || z == NULL)
        book_fail(B, "out of memory");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < ncoef; j++)
            gsl_matrix_set(X, i, j, pow(x[i], (double)j));
    if (gsl_linalg_QR_decomp(X, tau) != GSL_SUCCESS)
        book_fail(B, "QR decomposition of the design failed");
    gsl_matrix_const_view R = gsl_matrix_const_submatrix(X, 0, 0, ncoef, ncoef);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < ncoef; j++)
            gsl_vector_set(z, j, pow(x[i], (double)j));
        gsl_blas_dtrsv(CblasUpper, CblasTrans, CblasNonUnit, &R.matrix, z);
        h[i] = gsl_blas_dnrm2(z) * gsl_blas_dnrm2(z);
    }
    gsl_matrix_free(X);
    gsl_vector_free(tau);
    gsl_vector_free(z);
}

/* >>> loo */
/* The leave-one-out log-likelihood sum_i log q(y_i | theta-hat_(-i)) of a
 * Gaussian linear fit, without refitting: leaving point i out moves its
 * residual e_i to u_i = e_i / (1 - h_i) and the residual sum of squares to
 * RSS - e_i u_i, so sigma-hat^2_(-i) = s2_i is that over n - 1, and point i
 * scores the Gaussian log-density of u_i under N(0, s2_i). */
static double loo_loglik(const double *y, const double *fit, const double *h,
                         size_t n)
{
    double rss = 0.0, ll = 0.0;
    for (size_t i = 0; i < n; i++)
        rss += (y[i] - fit[i]) * (y[i] - fit[i]);
    for (size_t i = 0; i < n; i++) {
        double e = y[i] - fit[i], u = e / (1.0 - h[i]);
        double s2 = (rss - e * u) / (double)(n - 1);
        ll += -0.5 * u * u / s2 - 0.5 * log(2 * M_PI * s2);
    }
    return ll;
}
/* <<< loo */

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

/* Data sets are drawn and fitted a block at a time (kl_mle_poly_fit_many):
 * BLOCK_POINTS responses a block, at least one data set. */
enum { BLOCK_POINTS = 32768 };

static size_t block_sets(size_t n, size_t reps)
{
    size_t nb = BLOCK_POINTS / n;
    return nb < 1 ? 1 : nb > reps ? reps : nb;
}

/* NB data sets y = F + N(0, 1) noise of N points each, drawn one data set
 * after the other, into the columns of the block YS (point i of set r at
 * YS[i NB + r], as kl_mle_poly_fit_many reads them). */
static void noise_block(double *ys, const double *f, size_t n, size_t nb)
{
    for (size_t r = 0; r < nb; r++)
        for (size_t i = 0; i < n; i++)
            ys[i * nb + r] = f[i] + gsl_ran_gaussian_ziggurat(RNG, 1.0);
}

/* The bias E[log L(theta-hat) - n E_p log q(Y | theta-hat)] of the models with
 * k = KMIN..KMAX parameters on pure noise (every model holds the truth), by
 * Monte Carlo over AIC_REPS data sets (the same data sets for every k): mean
 * and standard error into BIAS[k-1], SE[k-1]. */
static void optimism(size_t n, int kmin, int kmax, double *bias, double *se)
{
    size_t AIC_REPS = (size_t)C.aic_reps, NB = block_sets(n, AIC_REPS);
    double *x = book_malloc(B, n * sizeof *x), *f = book_malloc(B, n * sizeof *f);
    double *ys = book_malloc(B, NB * n * sizeof *ys);
    double *fits = book_malloc(B, NB * n * sizeof *fits);
    double *s = book_malloc(B, NB * sizeof *s), *loglik = book_malloc(B, NB * sizeof *loglik);
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
    for (size_t r0 = 0; r0 < AIC_REPS; r0 += NB) {
        size_t nb = AIC_REPS - r0 < NB ? AIC_REPS - r0 : NB;
        noise_block(ys, f, n, nb);                  /* data sets r0 .. r0 + nb */
        for (int k = kmin; k <= kmax; k++) {
            /* >>> optimism */
            /* the block's nb data sets r0, r0 + 1, ...: fit, then log L - n E log q */
            ok(kl_mle_poly_fit_many(w[k - 1], ys, nb, fits, s, loglik), "fit");
            for (size_t r = 0; r < nb; r++)
                gap[k - 1][r0 + r] = loglik[r]
                                     - expected_loglik(f, 1.0, fits + r * n, s[r], n);
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
    free(f);
    free(ys);
    free(fits);
    free(s);
    free(loglik);
}

/* Hurvich & Tsai (Biometrika 76, 1989): for a Gaussian linear model with k
 * parameters (k - 1 coefficients and sigma) that holds the truth, the bias is
 * exactly k n / (n - k - 1). */
static double bias_exact(int k, size_t n)
{
    return (double)k * (double)n / ((double)n - k - 1.0);
}

/* The exact bias of a Gaussian linear model with M mean coefficients that
 * may miss the true mean: on N points with noise sd SIGMA, the truth's
 * distance from the model's column space |r|^2 = |(I - H) f|^2 gives the
 * noncentrality lambda = |r|^2 / sigma^2.  The gap is
 *   -n/2 + (n sigma^2 + |r|^2 + |H eps|^2) / (2 sigma-hat^2),
 * whose numerator is independent of RSS = n sigma-hat^2 ~ sigma^2
 * chi'^2_{n-m}(lambda), so
 *   b = n/2 [(n + lambda + m) E[1/chi'^2_{n-m}(lambda)] - 1],
 * with E[1/chi'^2_nu(lambda)] = sum_j Poisson(j; lambda/2) / (nu + 2j - 2)
 * summed outwards from the Poisson mode.  lambda = 0 gives k n / (n-k-1). */
static double bias_exact_miss(size_t m, size_t n, double lambda)
{
    double nu = (double)n - (double)m, mu = lambda / 2.0, inv = 0.0, mass = 0.0;
    long j0 = (long)floor(mu);
    /* the weights relative to the mode's, normalised by their own sum: an
     * error in the mode's probability would otherwise be amplified by the
     * subtraction of 1 below */
    double p = 1.0;
    for (long j = j0; p > 1e-18 || j < j0 + 5; j++) {              /* upwards */
        inv += p / (nu + 2.0 * j - 2.0);
        mass += p;
        p *= mu / (double)(j + 1);
    }
    p = 1.0;
    for (long j = j0 - 1; j >= 0; j--) {                           /* downwards */
        p *= (double)(j + 1) / mu;
        if (p < 1e-18)
            break;
        inv += p / (nu + 2.0 * j - 2.0);
        mass += p;
    }
    return 0.5 * (double)n * (((double)n + lambda + (double)m) * (inv / mass) - 1.0);
}

/* >>> tic */
/* Takeuchi's penalty tr(J^-1 K) for the polynomial model with M coefficients
 * on the design X[0..N) when the truth is y_i ~ N(F_i, SIGMA^2), in the
 * parameters (beta, tau = sigma^2), at the pseudo-true point: beta* the
 * least-squares fit to F (fitted means MU), tau* = s^2 = sigma^2 + mean r_i^2
 * with r_i = F_i - MU_i.  Per point, with e = y - mu_i = r_i + eps, the
 * blocks (beta beta, beta tau, tau tau) are
 *   J_i = E[-Hessian of log q]:
 *         x x'/s^2,  x r_i/s^4,  (sigma^2 + r_i^2)/s^6 - 1/(2 s^4)
 *   K_i = Var[gradient]:
 *         x x' sigma^2/s^4,  x r_i sigma^2/s^6,
 *         (sigma^4 + 2 r_i^2 sigma^2)/(2 s^8)
 * J and K are their averages over the design (fresh responses come at the
 * same x); the trace of J^-1 K by a Cholesky solve (gsl_linalg_cholesky_*). */
static double tic_penalty(const double *x, const double *f, const double *mu,
                          size_t n, size_t m, double sigma)
{
    size_t d = m + 1;
    double s2 = sigma * sigma, v = sigma * sigma;
    for (size_t i = 0; i < n; i++)
        s2 += (f[i] - mu[i]) * (f[i] - mu[i]) / (double)n;
    gsl_matrix *J = gsl_matrix_calloc(d, d), *K = gsl_matrix_calloc(d, d);
    gsl_vector *col = gsl_vector_alloc(d);
    if (J == NULL || K == NULL || col == NULL)
        book_fail(B, "out of memory");
    for (size_t i = 0; i < n; i++) {
        double r = f[i] - mu[i], g[KMAX + 4];
        for (size_t a = 0; a < m; a++)
            g[a] = pow(x[i], (double)a);
        for (size_t a = 0; a < m; a++) {
            for (size_t b = 0; b < m; b++) {
                *gsl_matrix_ptr(J, a, b) += g[a] * g[b] / s2 / n;
                *gsl_matrix_ptr(K, a, b) += g[a] * g[b] * v / (s2 * s2) / n;
            }
            *gsl_matrix_ptr(J, a, m) += g[a] * r / (s2 * s2) / n;
            *gsl_matrix_ptr(K, a, m) += g[a] * r * v / (s2 * s2 * s2) / n;
        }
        *gsl_matrix_ptr(J, m, m) += ((v + r * r) / (s2 * s2 * s2)
                                     - 0.5 / (s2 * s2)) / n;
        *gsl_matrix_ptr(K, m, m) += (v * v + 2.0 * r * r * v)
                                    / (2.0 * s2 * s2 * s2 * s2) / n;
    }
    for (size_t a = 0; a < m; a++) {                 /* the lower triangles */
        gsl_matrix_set(J, m, a, gsl_matrix_get(J, a, m));
        gsl_matrix_set(K, m, a, gsl_matrix_get(K, a, m));
    }
    if (gsl_linalg_cholesky_decomp1(J) != GSL_SUCCESS)
        book_fail(B, "J is not positive definite");
    double trace = 0.0;
    for (size_t b = 0; b < d; b++) {                 /* column b of J^-1 K */
        gsl_matrix_get_col(col, K, b);
        if (gsl_linalg_cholesky_svx(J, col) != GSL_SUCCESS)
            book_fail(B, "Cholesky solve failed");
        trace += gsl_vector_get(col, b);
    }
    /* <<< tic */
    gsl_matrix_free(J);
    gsl_matrix_free(K);
    gsl_vector_free(col);
    return trace;
}

static void aic_bias_write(double (*bias)[KMAX], double (*se)[KMAX])
{
    int kmax = (int)C.aic_kmax;
    size_t n0 = (size_t)C.aic_n[0], n1 = (size_t)C.aic_n[1];
    FILE *f = book_data(B, "aic-bias.tsv",
                        "Monte Carlo bias of the maximised log-likelihood with "
                        "standard errors, and k n / (n - k - 1)",
                        "k\tbias_small_n\tse_small_n\texact_small_n\t"
                        "bias_large_n\tse_large_n\texact_large_n");
    for (int k = 1; k <= kmax; k++)
        fprintf(f, "%d\t%.8g\t%.4g\t%.8g\t%.8g\t%.4g\t%.8g\n", k, bias[0][k - 1],
                se[0][k - 1], bias_exact(k, n0), bias[1][k - 1], se[1][k - 1],
                bias_exact(k, n1));
    book_close_file(B, f);
}

static void aic_bias(void)
{
    int kmax = (int)C.aic_kmax;
    double bias[2][KMAX], se[2][KMAX];
    double worst_z = 0.0;
    /* one stream for both sizes: the two sizes see independent data sets,
     * while within a size every k is fitted to the same data sets (so the
     * k points of one size are correlated; see the prose) */
    gsl_rng_set(RNG, C.seed + 4);
    for (int s = 0; s < 2; s++) {
        size_t n = (size_t)C.aic_n[s];
        optimism(n, 1, kmax, bias[s], se[s]);
        for (int k = 1; k <= kmax; k++) {
            double z = fabs(bias[s][k - 1] - bias_exact(k, n)) / se[s][k - 1];
            if (s == 1) {
                char text[200];
                snprintf(text, sizeof text,
                         "n = %zu, k = %d: bias of log L(θ̂) = kn/(n−k−1)", n, k);
                book_claim_sigma(B, "Monte Carlo", text, bias_exact(k, n), bias[s][k - 1],
                                 se[s][k - 1], 4.0);
            } else {
                worst_z = fmax(worst_z, z);
            }
        }
    }
    char text[200];
    snprintf(text, sizeof text,
             "n = %ld, k = 1…%d: bias = kn/(n−k−1) (largest |error| / SE)",
             C.aic_n[0], kmax);
    book_claim_le(B, "Monte Carlo", text, worst_z, 4.0, 0.0);
    aic_bias_write(bias, se);
}

/* Akaike's limit b -> k at the largest n.  Within 4 standard errors the
 * experiment tells k from the exact k n / (n - k - 1) only when the two are
 * further apart than 4 SE; the claim says which. */
static void akaike_limit_claim(int k, size_t n, double bias, double se)
{
    double apart = bias_exact(k, n) - k;
    char text[240], d[40], tol[40];
    book_format(apart, 2, 0, d, sizeof d);
    book_format(4.0 * se, 2, 0, tol, sizeof tol);
    snprintf(text, sizeof text, "k = %d, n = %zu: bias = k (Akaike's limit); %s "
             "k from kn/(n−k−1), %s apart, with 4 SE = %s", k, n,
             apart > 4.0 * se ? "tells" : "cannot tell", d, tol);
    book_claim_sigma(B, "Monte Carlo", text, (double)k, bias, se, 4.0);
    book_value_text(B, "akaike_tell", apart > 4.0 * se ? "and it can tell"
                    : "but it cannot tell");
    book_value(B, "akaike_apart", apart, 2);
    book_value(B, "akaike_4se", 4.0 * se, 2);
}

/* One model, k = TAB_K, at the growing sizes TAB_NS. */
static void aic_table(void)
{
    int KTAB = (int)C.tab_k;
    for (int i = 0; i < NTAB; i++) {
        size_t n = (size_t)C.tab_ns[i];
        double b[KMAX], e[KMAX];
        optimism(n, KTAB, KTAB, b, e);
        char text[200];
        snprintf(text, sizeof text, "k = %d, n = %zu: bias = kn/(n−k−1)", KTAB, n);
        book_claim_sigma(B, "Monte Carlo", text, bias_exact(KTAB, n), b[KTAB - 1], e[KTAB - 1],
                         4.0);
        value_i("tab_bias_", i, b[KTAB - 1], 3);
        value_i("tab_se_", i, e[KTAB - 1], 2);
        value_i("tab_exact_", i, bias_exact(KTAB, n), 4);
        char name[32];
        snprintf(name, sizeof name, "tab_n_%d", i);
        book_value_int(B, name, (long long)n);
        if (i == NTAB - 1)
            akaike_limit_claim(KTAB, n, b[KTAB - 1], e[KTAB - 1]);
    }
}

/* -- 5. Model selection: polynomial regressions of degree 0..SEL_MAXDEG for
 * a curve that no polynomial matches exactly. ----------------------------- */

static double truth(double x)
{
    return exp(x) * sin(2.5 * x);
}

/* The design, the true curve on it, and the candidate models. */
static struct sel {
    size_t n;
    int ncand;
    double *x, *f, *y;
    struct kl_mle_poly *w[MAXCAND];
    double *h[MAXCAND];             /* leverages of each candidate */
    double tic[MAXCAND];            /* Takeuchi's tr(J^-1 K) */
    double exact[MAXCAND];          /* the exact bias, truth missed */
} S;

static void sel_setup(void)
{
    S.n = (size_t)C.sel_n;
    S.ncand = (int)C.sel_maxdeg + 1;
    S.x = book_malloc(B, S.n * sizeof *S.x);
    S.f = book_malloc(B, S.n * sizeof *S.f);
    S.y = book_malloc(B, S.n * sizeof *S.y);
    design(S.x, S.n);
    for (size_t i = 0; i < S.n; i++)
        S.f[i] = truth(S.x[i]);
    for (int c = 0; c < S.ncand; c++) {
        enum kl_status st;
        S.w[c] = kl_mle_poly_alloc(S.x, S.n, (size_t)c + 1, &st);
        ok(st, "polynomial model");
        S.h[c] = book_malloc(B, S.n * sizeof(double));
        leverages(S.x, S.n, (size_t)c + 1, S.h[c]);
    }
}

/* Each candidate's penalties when every candidate misses the truth:
 * Takeuchi's tr(J^-1 K) at the pseudo-true point, checked against its closed
 * form m sigma^2/s^2 + (sigma^4 + 2 sigma^2 rbar^2)/s^4 (the cross terms
 * vanish by the normal equations), and the exact finite-n bias. */
static void sel_penalties(void)
{
    double *mu = book_malloc(B, S.n * sizeof *mu), worst_tic = 0.0, worst_lim = 0.0;
    double v = C.sel_sigma * C.sel_sigma;
    for (int c = 0; c < S.ncand; c++) {
        size_t m = (size_t)c + 1;
        double rms;                 /* sqrt(mean r_i^2): the fit to f itself */
        ok(kl_mle_poly_fit(S.w[c], S.f, NULL, mu, &rms, NULL), "fit to the truth");
        double r2 = rms * rms, s2 = v + r2;
        S.tic[c] = tic_penalty(S.x, S.f, mu, S.n, m, C.sel_sigma);
        double closed = m * v / s2 + (v * v + 2.0 * v * r2) / (s2 * s2);
        worst_tic = fmax(worst_tic, fabs(S.tic[c] - closed) / closed);
        S.exact[c] = bias_exact_miss(m, S.n, (double)S.n * r2 / v);
        /* n -> infinity with the same mean misfit: the exact bias tends to
         * Takeuchi's penalty (it differs by O(1/n)) */
        double big = 1e6, lim = bias_exact_miss(m, (size_t)big, big * r2 / v);
        worst_lim = fmax(worst_lim, fabs(lim - closed) / closed);
    }
    free(mu);
    book_claim_le(B, "GSL linalg", "TIC: tr(J⁻¹K) by Cholesky = m σ²/s² + (σ⁴ + "
                  "2σ² r̄²)/s⁴, degrees 0…max (largest relative error)",
                  worst_tic, 0.0, 1e-9);
    book_claim_le(B, "series", "TIC: exact bias (noncentral χ² series) at "
                  "n = 10⁶ with the same misfit = tr(J⁻¹K), every degree "
                  "(largest relative error; O(1/n))", worst_lim, 0.0, 1e-4);
}

static void sel_free(void)
{
    for (int c = 0; c < S.ncand; c++) {
        kl_mle_poly_free(S.w[c]);
        free(S.h[c]);
    }
    free(S.x);
    free(S.f);
    free(S.y);
}

/* New responses y_i = f(x_i) + noise into Y. */
static void sel_respond(double *y)
{
    for (size_t i = 0; i < S.n; i++)
        y[i] = S.f[i] + gsl_ran_gaussian_ziggurat(RNG, C.sel_sigma);
}

/* What one data set says about each candidate c. */
struct cand {
    double loglik[MAXCAND];     /* the maximised log-likelihood */
    double aic[MAXCAND], bic[MAXCAND];
    double loo[MAXCAND];        /* the leave-one-out log-likelihood */
    double expect[MAXCAND];     /* n E_p[log q(Y | theta-hat)], exact */
};

/* Fits every candidate to the data set Y; fitted values into FITS
 * (candidate c at FITS + c n) when not NULL. */
static void candidates(const double *y, struct cand *o, double *fits)
{
    const double *f = S.f;
    double SEL_SIGMA = C.sel_sigma, s;
    size_t SEL_N = S.n;
    double *fit = book_malloc(B, SEL_N * sizeof *fit);
    double *loglik = o->loglik, *aic = o->aic, *bic = o->bic, *loo = o->loo;
    double *expect = o->expect;
    for (int c = 0; c < S.ncand; c++) {
        struct kl_mle_poly **w = S.w;
        double **h = S.h;
        /* >>> aic */
        ok(kl_mle_poly_fit(w[c], y, NULL, fit, &s, &loglik[c]), "fit");
        double k = (double)kl_mle_poly_nparams(w[c]);
        aic[c] = -2.0 * loglik[c] + 2.0 * k;
        bic[c] = -2.0 * loglik[c] + k * log((double)SEL_N);
        loo[c] = loo_loglik(y, fit, h[c], SEL_N);
        expect[c] = expected_loglik(f, SEL_SIGMA, fit, s, SEL_N);
        /* <<< aic */
        if (fits != NULL)
            memcpy(fits + (size_t)c * SEL_N, fit, SEL_N * sizeof *fit);
    }
    free(fit);
}

static int argmin(const double *v, int n)
{
    int best = 0;
    for (int i = 1; i < n; i++)
        if (v[i] < v[best])
            best = i;
    return best;
}

/* The fitted models FITS of one data set scored on SEL_FRESH fresh response
 * vectors: mean and standard error of each one's log-likelihood. */
static void sel_heldout(const double *fits, double *heldmean, double *heldse)
{
    size_t SEL_N = S.n, SEL_FRESH = (size_t)C.sel_fresh;
    double *held = book_malloc(B, SEL_FRESH * (size_t)S.ncand * sizeof *held);
    double *fresh = book_malloc(B, SEL_N * sizeof *fresh), sigmas[MAXCAND];
    double log_sigmas[MAXCAND];
    for (int c = 0; c < S.ncand; c++) {
        ok(kl_mle_poly_fit(S.w[c], S.y, NULL, NULL, &sigmas[c], NULL), "fit");
        log_sigmas[c] = log(sigmas[c]);         /* once, not once a point */
    }
    for (size_t m = 0; m < SEL_FRESH; m++) {
        sel_respond(fresh);
        for (int c = 0; c < S.ncand; c++) {
            const double *fit = fits + (size_t)c * SEL_N;
            /* >>> heldout */
            double ll = 0.0;            /* log q(fresh | theta-hat), n points */
            /* N(fit_i, sigma-hat^2) at fresh_i, log sigma-hat worked out once */
            for (size_t i = 0; i < SEL_N; i++)
                ll += kl_gaussian_logpdf_ls(fresh[i], fit[i], sigmas[c], log_sigmas[c]);
            held[(size_t)c * SEL_FRESH + m] = ll;
            /* <<< heldout */
        }
    }
    for (int c = 0; c < S.ncand; c++) {
        heldmean[c] = mean_of(held + (size_t)c * SEL_FRESH, SEL_FRESH);
        heldse[c] = se_of(held + (size_t)c * SEL_FRESH, SEL_FRESH);
    }
    free(held);
    free(fresh);
}

static void sel_example_write(const struct cand *o, const double *heldmean,
                              const double *heldse, const double *fits, int pick)
{
    int last = S.ncand - 1;
    FILE *fp = book_data(B, "aic-example.tsv",
                         "one data set: -2 log L, AIC and -2 x held-out "
                         "log-likelihood for each polynomial degree",
                         "degree\tk\tminus2loglik\taic\theld_dev\theld_dev_se\texact_dev");
    double lowest = INFINITY;
    for (int c = 0; c < S.ncand; c++) {
        fprintf(fp, "%d\t%d\t%.8g\t%.8g\t%.8g\t%.4g\t%.8g\n", c, c + 2,
                -2 * o->loglik[c], o->aic[c], -2 * heldmean[c], 2 * heldse[c],
                -2 * o->expect[c]);
        lowest = fmin(lowest, fmin(-2 * o->loglik[c], -2 * heldmean[c] - 2 * heldse[c]));
    }
    book_close_file(B, fp);
    fp = book_data(B, "aic-fits.tsv",
                   "one data set: design, truth, responses and three fits",
                   "x\tf\ty\tfit_deg1\tfit_aic\tfit_degmax");
    for (size_t i = 0; i < S.n; i++)
        fprintf(fp, "%.6g\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g\n", S.x[i], S.f[i], S.y[i],
                fits[S.n + i], fits[(size_t)pick * S.n + i],
                fits[(size_t)last * S.n + i]);
    book_close_file(B, fp);
    book_plot_value(B, "example_dev_min", lowest);
    book_plot_value(B, "example_pick", pick);
}

/* The leave-one-out log-likelihood of candidate C on the data set S.y the
 * long way: N refits, each on the other n - 1 points, each scoring the point
 * it left out.  Checks loo_loglik's shortcut. */
static double loo_by_refits(int c)
{
    size_t n = S.n, m = (size_t)c + 1;
    double *x = book_malloc(B, n * sizeof *x), *y = book_malloc(B, n * sizeof *y);
    double coef[MAXCAND], ll = 0.0;
    for (size_t out = 0; out < n; out++) {
        size_t j = 0;
        for (size_t i = 0; i < n; i++)
            if (i != out) {
                x[j] = S.x[i];
                y[j++] = S.y[i];
            }
        enum kl_status st;
        struct kl_mle_poly *w = kl_mle_poly_alloc(x, n - 1, m, &st);
        ok(st, "polynomial model");
        struct kl_gaussian q = {0.0, 0.0};
        ok(kl_mle_poly_fit(w, y, coef, NULL, &q.sigma, NULL), "fit");
        kl_mle_poly_free(w);
        for (size_t a = m; a-- > 0;)                /* Horner */
            q.mu = q.mu * S.x[out] + coef[a];
        ll += kl_gaussian_logpdf(S.y[out], &q);
    }
    free(x);
    free(y);
    return ll;
}

/* Akaike weights w_c = exp(-dAIC_c / 2) / sum, dAIC_c = AIC_c - min AIC, of
 * the example data set, and the same for BIC; the values the prose quotes. */
static void sel_weights(const struct cand *o, int pick_aic)
{
    int nc = S.ncand, pick_bic = argmin(o->bic, nc);
    double wa[MAXCAND], wb[MAXCAND], suma = 0.0, sumb = 0.0;
    for (int c = 0; c < nc; c++) {
        /* >>> weights */
        wa[c] = exp(-0.5 * (o->aic[c] - o->aic[pick_aic]));  /* exp(-dAIC/2) */
        suma += wa[c];
        /* <<< weights */
        wb[c] = exp(-0.5 * (o->bic[c] - o->bic[pick_bic]));
        sumb += wb[c];
    }
    FILE *fp = book_data(B, "aic-weights.tsv", "one data set: delta AIC, Akaike "
                         "weights, delta BIC and BIC weights by degree",
                         "degree\tdelta_aic\tw_aic\tdelta_bic\tw_bic");
    double w_big = 0.0;
    int within2 = 0;
    for (int c = 0; c < nc; c++) {
        wa[c] /= suma;
        wb[c] /= sumb;
        fprintf(fp, "%d\t%.6g\t%.6g\t%.6g\t%.6g\n", c, o->aic[c] - o->aic[pick_aic],
                wa[c], o->bic[c] - o->bic[pick_bic], wb[c]);
        if (c >= C.sel_big_deg)
            w_big += wa[c];
        within2 += o->aic[c] - o->aic[pick_aic] <= 2.0;
    }
    book_close_file(B, fp);
    /* the runner-up of AIC */
    int second = pick_aic == 0 ? 1 : 0;
    for (int c = 0; c < nc; c++)
        if (c != pick_aic && o->aic[c] < o->aic[second])
            second = c;
    book_value(B, "sel_w_pick", wa[pick_aic], 2);
    book_value_int(B, "sel_second_deg", second);
    book_value(B, "sel_second_daic", o->aic[second] - o->aic[pick_aic], 2);
    book_value(B, "ex_w_two", 1.0 / (1.0 + exp(-(o->aic[second] - o->aic[pick_aic]) / 2.0)), 3);
    book_value(B, "sel_w_second", wa[second], 2);
    book_value(B, "sel_w_ratio", wa[pick_aic] / wa[second], 2);
    book_value(B, "sel_w_big", 100.0 * w_big, 2);
    book_value_int(B, "sel_within2", within2);
    book_value_int(B, "sel_pick_bic_deg", pick_bic);
    book_value(B, "sel_wbic_pick", wb[pick_bic], 2);
    book_value(B, "log_sel_n", log((double)S.n), 3);
    /* for the exercises: the two best fits' log-likelihoods and AICs */
    book_value(B, "ex_ll_pick", o->loglik[pick_aic], 5);
    book_value(B, "ex_ll_second", o->loglik[second], 5);
    book_value(B, "ex_aic_pick", o->aic[pick_aic], 5);
    book_value(B, "ex_aic_second", o->aic[second], 5);
    book_value_int(B, "ex_k_second", second + 2);
    book_value(B, "ex_gain", o->loglik[second] - o->loglik[pick_aic], 3);
    book_value(B, "ex_log8", log(8.0), 3);
    book_value(B, "ex_log100", log(100.0), 3);
    book_value(B, "ex_p_bic8", 100.0 * gsl_cdf_chisq_Q(log(8.0), 1.0), 3);
    book_value(B, "ex_p_bic100", 100.0 * gsl_cdf_chisq_Q(log(100.0), 1.0), 2);
}

/* One data set, with a large held-out sample of fresh responses. */
static void sel_example(void)
{
    struct cand o;
    double heldmean[MAXCAND], heldse[MAXCAND], neg_held[MAXCAND];
    double *fits = book_malloc(B, (size_t)S.ncand * S.n * sizeof *fits);
    sel_respond(S.y);
    candidates(S.y, &o, fits);
    sel_heldout(fits, heldmean, heldse);
    double worst_z = 0.0, worst_loo = 0.0;
    for (int c = 0; c < S.ncand; c++) {
        worst_z = fmax(worst_z, fabs(heldmean[c] - o.expect[c]) / heldse[c]);
        neg_held[c] = -heldmean[c];
        worst_loo = fmax(worst_loo, fabs(loo_by_refits(c) - o.loo[c]) / fabs(o.loo[c]));
    }
    char text[200], total[40];
    snprintf(text, sizeof text, "held-out log-likelihood on %ld fresh points = "
             "exact expectation via KL, degrees 0…%d (largest |error| / SE)",
             C.sel_fresh * C.sel_n, S.ncand - 1);
    book_claim_le(B, "Monte Carlo", text, worst_z, 4.0, 0.0);
    snprintf(text, sizeof text, "leave-one-out log-likelihood by leverages "
             "(QR) = by %zu refits each, degrees 0…%d (largest relative error)",
             S.n, S.ncand - 1);
    book_claim_le(B, "refits", text, worst_loo, 0.0, 1e-9);
    int pick_aic = argmin(o.aic, S.ncand), pick_held = argmin(neg_held, S.ncand);
    double neg_loo[MAXCAND];
    for (int c = 0; c < S.ncand; c++)
        neg_loo[c] = -o.loo[c];
    int pick_loo = argmin(neg_loo, S.ncand);
    book_value_int(B, "sel_fresh_total", (long long)C.sel_fresh * C.sel_n);
    grouped(C.sel_fresh * C.sel_n, total, sizeof total);
    book_plot_text(B, "sel_fresh_total", total);
    book_value_int(B, "sel_pick_aic_deg", pick_aic);
    book_value_int(B, "sel_pick_held_deg", pick_held);
    book_value_int(B, "sel_pick_loo_deg", pick_loo);
    char held[80] = "and so is the held-out deviance";
    if (pick_held != pick_aic)
        snprintf(held, sizeof held, "the held-out deviance at degree %d", pick_held);
    book_value_text(B, "sel_pick_held", held);
    book_value(B, "sel_worst_z", worst_z, 2);
    book_value(B, "sel_loo_pen_pick", o.loglik[pick_aic] - o.loo[pick_aic], 3);
    book_value_int(B, "sel_k_pick", pick_aic + 2);
    sel_weights(&o, pick_aic);
    sel_example_write(&o, heldmean, heldse, fits, pick_aic);
    free(fits);
}

/* What many data sets say: sums over them of each candidate's AIC, expected
 * deviance and training deviance, how often each rule picks each degree, and
 * the excess deviance of the rules over the oracle. */
enum { R_AIC, R_BIC, R_LOO, R_BEST, NRULES };
struct sel_tally {
    double sum_aic[MAXCAND], sum_dev[MAXCAND], sum_m2ll[MAXCAND];
    double se_aic[MAXCAND], se_dev[MAXCAND];
    double opt[MAXCAND], opt_se[MAXCAND];       /* log L - n E log q */
    double pen[MAXCAND], pen_se[MAXCAND];       /* log L - LOO */
    int picks[NRULES][MAXCAND];
    long larger, smaller;                 /* AIC's pick against the oracle's */
    long bic_above_aic;                   /* data sets where BIC picks larger */
    double regret[NRULES], regret_big, regret_small;
};

/* Mean and standard error of column c of the REPS x NC array V into M, SE. */
static void column_stats(const double *v, size_t reps, int nc, double *m, double *se)
{
    for (int c = 0; c < nc; c++) {
        m[c] = mean_of(v + (size_t)c * reps, reps);
        se[c] = se_of(v + (size_t)c * reps, reps);
    }
}

static void sel_repeat(struct sel_tally *t)
{
    size_t reps = (size_t)C.sel_reps;
    int nc = S.ncand;
    struct cand o;
    double dev[MAXCAND], neg_loo[MAXCAND];
    double *aics = book_malloc(B, reps * (size_t)nc * sizeof *aics);
    double *devs = book_malloc(B, reps * (size_t)nc * sizeof *devs);
    double *opts = book_malloc(B, reps * (size_t)nc * sizeof *opts);
    double *pens = book_malloc(B, reps * (size_t)nc * sizeof *pens);
    memset(t, 0, sizeof *t);
    for (size_t r = 0; r < reps; r++) {
        sel_respond(S.y);
        candidates(S.y, &o, NULL);
        for (int c = 0; c < nc; c++) {
            dev[c] = -2.0 * o.expect[c];
            neg_loo[c] = -o.loo[c];
            t->sum_aic[c] += o.aic[c];
            t->sum_dev[c] += dev[c];
            t->sum_m2ll[c] += -2.0 * o.loglik[c];
            aics[(size_t)c * reps + r] = o.aic[c];
            devs[(size_t)c * reps + r] = dev[c];
            opts[(size_t)c * reps + r] = o.loglik[c] - o.expect[c];
            pens[(size_t)c * reps + r] = o.loglik[c] - o.loo[c];
        }
        int pick[NRULES] = {argmin(o.aic, nc), argmin(o.bic, nc),
                            argmin(neg_loo, nc), argmin(dev, nc)};
        int a = pick[R_AIC], b = pick[R_BEST];
        for (int u = 0; u < NRULES; u++) {
            t->picks[u][pick[u]]++;
            t->regret[u] += dev[pick[u]] - dev[b];
        }
        t->larger += a > b;
        t->smaller += a < b;
        t->bic_above_aic += pick[R_BIC] > a;
        t->regret_big += dev[nc - 1] - dev[b];
        t->regret_small += dev[1] - dev[b];
    }
    column_stats(aics, reps, nc, t->sum_aic, t->se_aic);
    column_stats(devs, reps, nc, t->sum_dev, t->se_dev);
    column_stats(opts, reps, nc, t->opt, t->opt_se);
    column_stats(pens, reps, nc, t->pen, t->pen_se);
    for (int c = 0; c < nc; c++) {              /* back to sums, as before */
        t->sum_aic[c] *= (double)reps;
        t->sum_dev[c] *= (double)reps;
    }
    free(aics);
    free(devs);
    free(opts);
    free(pens);
}

static void sel_repeat_write(const struct sel_tally *t)
{
    double reps = (double)C.sel_reps, n = (double)S.n, lowest = INFINITY;
    FILE *fp = book_data(B, "aic-picks.tsv",
                   "over many data sets: mean AIC, mean expected deviance, mean "
                   "training deviance, and how often each degree is picked",
                   "degree\tmean_aic\tse_aic\tmean_dev\tse_dev\tmean_m2ll\t"
                   "pick_aic\tpick_best\tmean_aicc\tpick_bic\tpick_loo");
    for (int c = 0; c < S.ncand; c++) {
        /* AICc = AIC + 2k(k+1)/(n-k-1): twice the exact bias k n/(n-k-1) */
        double k = c + 2.0;
        double aicc = t->sum_aic[c] / reps + 2 * k * (k + 1) / (n - k - 1);
        fprintf(fp, "%d\t%.8g\t%.4g\t%.8g\t%.4g\t%.8g\t%.6g\t%.6g\t%.8g\t%.6g\t%.6g\n", c,
                t->sum_aic[c] / reps, t->se_aic[c], t->sum_dev[c] / reps,
                t->se_dev[c], t->sum_m2ll[c] / reps, t->picks[R_AIC][c] / reps,
                t->picks[R_BEST][c] / reps, aicc, t->picks[R_BIC][c] / reps,
                t->picks[R_LOO][c] / reps);
        lowest = fmin(lowest, t->sum_m2ll[c] / reps);
    }
    book_close_file(B, fp);
    book_plot_value(B, "picks_dev_min", lowest);
    fp = book_data(B, "aic-penalties.tsv",
                   "each candidate's optimism in nats: k, AICc's kn/(n-k-1), "
                   "Takeuchi's tr(J^-1 K), the exact bias with the truth missed, "
                   "the Monte Carlo optimism and the mean LOO penalty log L - LOO",
                   "degree\tk\taicc\ttic\texact\tmc\tmc_se\tloo_pen\tloo_pen_se");
    double top = 0.0;
    for (int c = 0; c < S.ncand; c++) {
        double k = c + 2.0;
        fprintf(fp, "%d\t%g\t%.8g\t%.8g\t%.8g\t%.8g\t%.4g\t%.8g\t%.4g\n", c, k,
                bias_exact((int)k, S.n), S.tic[c], S.exact[c], t->opt[c],
                t->opt_se[c], t->pen[c], t->pen_se[c]);
        top = fmax(top, fmax(bias_exact((int)k, S.n), t->pen[c]));
    }
    book_close_file(B, fp);
    book_plot_value(B, "pen_top", top);
}

/* The share of the rule's picks at degree SEL_BIG_DEG or more, in %. */
static double big_share(const int *picks)
{
    int big = 0;
    for (int c = (int)C.sel_big_deg; c < S.ncand; c++)
        big += picks[c];
    return 100.0 * big / (double)C.sel_reps;
}

/* The most frequent pick of a rule. */
static int mode_of(const int *picks)
{
    int mode = 0;
    for (int c = 1; c < S.ncand; c++)
        if (picks[c] > picks[mode])
            mode = c;
    return mode;
}

/* The numbers the prose quotes about the many data sets. */
static void sel_repeat_values(const struct sel_tally *t)
{
    double reps = (double)C.sel_reps;
    int nc = S.ncand;
    int mode_aic = mode_of(t->picks[R_AIC]), mode_best = mode_of(t->picks[R_BEST]);
    book_value_int(B, "sel_mode_aic", mode_aic);
    book_value_int(B, "sel_mode_best", mode_best);
    book_value_int(B, "sel_mode_bic", mode_of(t->picks[R_BIC]));
    book_value(B, "sel_mode_aic_frac", 100.0 * t->picks[R_AIC][mode_aic] / reps, 3);
    book_value(B, "sel_mode_best_frac", 100.0 * t->picks[R_BEST][mode_best] / reps, 3);
    book_value(B, "sel_regret_aic", t->regret[R_AIC] / reps, 3);
    book_value(B, "sel_regret_bic", t->regret[R_BIC] / reps, 3);
    book_value(B, "sel_regret_loo", t->regret[R_LOO] / reps, 3);
    book_value(B, "sel_regret_big", t->regret_big / reps, 3);
    book_value(B, "sel_regret_small", t->regret_small / reps, 3);
    int best_mean = argmin(t->sum_dev, nc), aic_mean = argmin(t->sum_aic, nc);
    char where[96] = "where the expected deviance has its own minimum";
    if (best_mean != aic_mean)
        snprintf(where, sizeof where, "while the expected deviance has its own "
                 "minimum at degree %d", best_mean);
    book_value_int(B, "sel_aic_mean_deg", aic_mean);
    book_value_text(B, "sel_mean_where", where);
    book_value(B, "sel_aic_big_frac", big_share(t->picks[R_AIC]), 2);
    book_value(B, "sel_bic_big_frac", big_share(t->picks[R_BIC]), 2);
    book_value(B, "sel_loo_big_frac", big_share(t->picks[R_LOO]), 2);
    book_value(B, "sel_best_big_frac", big_share(t->picks[R_BEST]), 2);
    book_value_int(B, "sel_big_deg", C.sel_big_deg);
    book_value(B, "sel_larger_frac", 100.0 * t->larger / reps, 3);
    book_value(B, "sel_smaller_frac", 100.0 * t->smaller / reps, 3);
    book_value_text(B, "sel_lean", t->larger >= t->smaller ? "too large" : "too small");
    /* the largest model's exact optimism in deviance against AIC's 2k */
    double k = nc + 1.0, exact = 2.0 * bias_exact((int)k, S.n);
    book_value(B, "sel_big_k", k, 3);
    book_value(B, "sel_big_2k", 2.0 * k, 3);
    book_value(B, "sel_big_optimism", exact, 3);
    book_value(B, "sel_big_optimism_pct", 100.0 * (exact - 2.0 * k) / (2.0 * k), 2);
    /* the penalties of the smallest and the largest candidate */
    book_value(B, "pen_tic_0", S.tic[0], 3);
    book_value(B, "pen_exact_0", S.exact[0], 3);
    book_value(B, "pen_mc_0", t->opt[0], 3);
    book_value(B, "pen_loo_0", t->pen[0], 3);
    book_value(B, "pen_tic_last", S.tic[nc - 1], 3);
    book_value(B, "pen_exact_last", S.exact[nc - 1], 3);
    book_value(B, "pen_mc_last", t->opt[nc - 1], 3);
    book_value(B, "pen_loo_last", t->pen[nc - 1], 3);
    book_value(B, "pen_aicc_last", bias_exact(nc + 1, S.n), 3);
}

/* The claims about the many data sets. */
static void sel_repeat_claims(const struct sel_tally *t)
{
    /* with log n > 2 BIC's penalty per parameter exceeds AIC's, so if BIC
     * preferred a larger model than AIC on some data set, AIC (whose
     * penalty is smaller) would prefer it too: impossible */
    char text[240];
    snprintf(text, sizeof text, "BIC never picks a larger degree than AIC "
             "(log n = %.3g > 2; data sets where it does, of %ld)",
             log((double)S.n), C.sel_reps);
    book_claim_le(B, "exact", text, (double)t->bic_above_aic, 0.0, 0.0);
    double worst = 0.0;
    for (int c = 0; c < S.ncand; c++)
        worst = fmax(worst, fabs(t->opt[c] - S.exact[c]) / t->opt_se[c]);
    snprintf(text, sizeof text, "misspecified polynomials: Monte Carlo optimism "
             "= exact bias from the noncentral χ² series, degrees 0…%d "
             "(largest |error| / SE)", S.ncand - 1);
    book_claim_le(B, "Monte Carlo", text, worst, 4.0, 0.0);
}

static void aic_selection(void)
{
    gsl_rng_set(RNG, C.seed + 5);
    sel_setup();
    sel_penalties();
    sel_example();
    struct sel_tally t;
    sel_repeat(&t);
    sel_repeat_write(&t);
    sel_repeat_values(&t);
    sel_repeat_claims(&t);
    sel_free();
}

/* -- 6. Nested models where the smaller one is true ------------------------- */

/* For nested Gaussian linear models, the smaller one true, with d = 1 extra
 * coefficient and nu = n - m_big residual degrees of freedom in the bigger:
 * the likelihood-ratio statistic is exactly
 *   LR = 2 (l_big - l_small) = n log(RSS_small / RSS_big) = n log(1 + F / nu),
 * F ~ F(1, nu).  So P(LR > c) = P(F > nu (e^{c/n} - 1)), and LR -> chi^2_1. */
static double lr_tail(double c, size_t n, double nu)
{
    return gsl_cdf_fdist_Q(nu * expm1(c / (double)n), 1.0, nu);
}

/* The integrand of E[w_big]: the Akaike weight of the bigger model,
 * w = 1 / (1 + e^{1 - LR/2}), against the F(1, nu) density, in t = sqrt(F)
 * (dF = 2t dt removes the density's 1/sqrt(F) pole at 0). */
struct weight_params { double n, nu; };
static double weight_integrand(double t, void *vp)
{
    const struct weight_params *p = vp;
    double F = t * t, lr = p->n * log1p(F / p->nu);
    return 2.0 * t * gsl_ran_fdist_pdf(F, 1.0, p->nu) / (1.0 + exp(1.0 - 0.5 * lr));
}

static double mean_weight_exact(size_t n, double nu)
{
    struct weight_params wp = {(double)n, nu};
    gsl_function F = {weight_integrand, &wp};
    gsl_integration_workspace *ws = gsl_integration_workspace_alloc(1000);
    double v, err;
    if (ws == NULL)
        book_fail(B, "out of memory");
    if (gsl_integration_qagiu(&F, 0.0, 1e-12, 1e-10, 1000, ws, &v, &err) != GSL_SUCCESS)
        book_fail(B, "quadrature of the mean Akaike weight failed");
    gsl_integration_workspace_free(ws);
    return v;
}

/* What NEST_REPS data sets of size N say: the shares of them on which AIC,
 * BIC and LOO prefer the bigger model, the mean Akaike weight of the bigger
 * model, and the mean LOO penalty l - LOO of the bigger model. */
struct nest_result {
    double aic, bic, loo;           /* shares */
    double w, w_se, pen, pen_se;
};

static void nested_one(size_t n, struct nest_result *res)
{
    size_t ms = (size_t)C.nest_deg + 1, mb = ms + 1, reps = (size_t)C.nest_reps;
    size_t NB = block_sets(n, reps);
    double *x = book_malloc(B, n * sizeof *x), *f = book_malloc(B, n * sizeof *f);
    double *ys = book_malloc(B, NB * n * sizeof *ys), *y = book_malloc(B, n * sizeof *y);
    double *fs = book_malloc(B, NB * n * sizeof *fs), *fb = book_malloc(B, NB * n * sizeof *fb);
    double *ls = book_malloc(B, NB * sizeof *ls), *lb = book_malloc(B, NB * sizeof *lb);
    double *hs = book_malloc(B, n * sizeof *hs), *hb = book_malloc(B, n * sizeof *hb);
    double *w = book_malloc(B, reps * sizeof *w), *pen = book_malloc(B, reps * sizeof *pen);
    enum kl_status st;
    design(x, n);
    for (size_t i = 0; i < n; i++) {            /* the truth: 1 + x + ... + x^deg */
        f[i] = 0.0;
        for (long j = C.nest_deg; j >= 0; j--)
            f[i] = f[i] * x[i] + 1.0;
    }
    struct kl_mle_poly *small = kl_mle_poly_alloc(x, n, ms, &st);
    ok(st, "polynomial model");
    struct kl_mle_poly *big = kl_mle_poly_alloc(x, n, mb, &st);
    ok(st, "polynomial model");
    leverages(x, n, ms, hs);
    leverages(x, n, mb, hb);
    long aic = 0, bic = 0, loo = 0;
    for (size_t r0 = 0; r0 < reps; r0 += NB) {
        size_t nb = reps - r0 < NB ? reps - r0 : NB;
        noise_block(ys, f, n, nb);                  /* data sets r0 .. r0 + nb */
        ok(kl_mle_poly_fit_many(small, ys, nb, fs, NULL, ls), "fit");
        ok(kl_mle_poly_fit_many(big, ys, nb, fb, NULL, lb), "fit");
        for (size_t j = 0, r = r0; j < nb; j++, r++) {
            gsl_vector_view yv = gsl_vector_view_array(y, n);
            gsl_vector_const_view col = gsl_vector_const_view_array_with_stride(ys + j, nb, n);
            gsl_vector_memcpy(&yv.vector, &col.vector);  /* data set r */
            double loo_s = loo_loglik(y, fs + j * n, hs, n);
            double loo_b = loo_loglik(y, fb + j * n, hb, n);
            /* >>> nested */
            double lr = 2.0 * (lb[j] - ls[j]);  /* likelihood-ratio statistic, ~ chi^2_1 */
            aic += lr > 2.0;                    /* AIC: one more parameter costs 2 */
            bic += lr > log((double)n);         /* BIC: it costs log n */
            /* <<< nested */
            loo += loo_b > loo_s;
            w[r] = 1.0 / (1.0 + exp(1.0 - 0.5 * lr));
            pen[r] = lb[j] - loo_b;
        }
    }
    res->aic = (double)aic / reps;
    res->bic = (double)bic / reps;
    res->loo = (double)loo / reps;
    res->w = mean_of(w, reps);
    res->w_se = se_of(w, reps);
    res->pen = mean_of(pen, reps);
    res->pen_se = se_of(pen, reps);
    kl_mle_poly_free(small);
    kl_mle_poly_free(big);
    free(x);
    free(f);
    free(ys);
    free(y);
    free(fs);
    free(fb);
    free(ls);
    free(lb);
    free(hs);
    free(hb);
    free(w);
    free(pen);
}

/* A binomial share SHARE of NEST_REPS data sets against the probability P. */
static void share_claim(const char *text, double p, double share)
{
    book_claim_sigma(B, "Monte Carlo", text, p, share,
                     sqrt(p * (1.0 - p) / (double)C.nest_reps), 4.0);
}

/* The exact curves of the figure: P(LR > 2) and P(LR > log n) from 12 points up. */
static void nested_curves(size_t mb)
{
    FILE *fp = book_data(B, "nested-exact.tsv", "nested models, the smaller true: "
                         "exact probabilities that AIC and BIC take the bigger one",
                         "n\tp_aic\tp_bic");
    double top = (double)C.nest_ns[2] * 2.0;
    for (int i = 0; i <= 120; i++) {
        double n = exp(log(12.0) + (log(top) - log(12.0)) * i / 120.0);
        size_t nn = (size_t)llround(n);
        if (nn <= mb + 2)
            continue;
        double nu = (double)(nn - mb);
        fprintf(fp, "%zu\t%.8g\t%.8g\n", nn, lr_tail(2.0, nn, nu),
                lr_tail(log((double)nn), nn, nu));
    }
    book_close_file(B, fp);
    book_plot_value(B, "nest_n_top", top);
}

static void nested(void)
{
    size_t mb = (size_t)C.nest_deg + 2;
    long kb = (long)mb + 1;                     /* parameters of the bigger */
    /* >>> chisq */
    double p_limit = gsl_cdf_chisq_Q(2.0, 1.0);    /* P(chi^2_1 > 2) */
    /* <<< chisq */
    book_claim_rel(B, "libc erfc", "P(χ²₁ > 2) by gsl_cdf_chisq_Q = P(|Z| > √2) "
                   "= erfc(1)", erfc(1.0), p_limit, 1e-12);
    book_value(B, "p_chisq_2", 100.0 * p_limit, 3);
    book_plot_value(B, "p_chisq_limit", p_limit);
    gsl_rng_set(RNG, C.seed + 6);
    FILE *fp = book_data(B, "nested.tsv", "nested models, the smaller true: shares "
                         "of data sets on which AIC, BIC and LOO take the bigger, "
                         "with binomial SEs, and the exact shares",
                         "n\taic\taic_se\tbic\tbic_se\tloo\tloo_se\tp_aic\tp_bic");
    for (int s = 0; s < 3; s++) {
        size_t n = (size_t)C.nest_ns[s];
        double nu = (double)(n - mb), R = (double)C.nest_reps;
        struct nest_result res;
        nested_one(n, &res);
        double pa = lr_tail(2.0, n, nu), pb = lr_tail(log((double)n), n, nu);
        char text[240];
        snprintf(text, sizeof text, "n = %zu: share of data sets where AIC takes the "
                 "bigger nested model = P(F(1, %g) > ν(e^{2/n} − 1)) (exact)", n, nu);
        share_claim(text, pa, res.aic);
        snprintf(text, sizeof text, "n = %zu: share where BIC takes it = "
                 "P(LR > log n) (exact, F)", n);
        share_claim(text, pb, res.bic);
        double wex = mean_weight_exact(n, nu);
        snprintf(text, sizeof text, "n = %zu: mean Akaike weight of the bigger "
                 "model = ∫ 1/(1 + e^{1 − LR/2}) over the F law (quadrature)", n);
        book_claim_sigma(B, "Monte Carlo", text, wex, res.w, res.w_se, 4.0);
        fprintf(fp, "%zu\t%.6g\t%.4g\t%.6g\t%.4g\t%.6g\t%.4g\t%.8g\t%.8g\n", n,
                res.aic, sqrt(res.aic * (1 - res.aic) / R), res.bic,
                sqrt(res.bic * (1 - res.bic) / R), res.loo,
                sqrt(res.loo * (1 - res.loo) / R), pa, pb);
        value_i("nest_aic_", s, 100.0 * res.aic, 3);
        value_i("nest_bic_", s, 100.0 * res.bic, 2);
        value_i("nest_loo_", s, 100.0 * res.loo, 3);
        value_i("nest_paic_", s, 100.0 * pa, 3);
        value_i("nest_pbic_", s, 100.0 * pb, 2);
        value_i("nest_w_", s, res.w, 3);
        value_i("nest_pen_", s, res.pen, 4);
        value_i("nest_pen_se_", s, res.pen_se, 2);
        char name[32];
        snprintf(name, sizeof name, "nest_n_%d", s);
        book_value_int(B, name, (long long)n);
        if (s == 2) {
            /* Stone (1977): l - LOO -> tr(J^-1 K) = k when the model holds the
             * truth; at finite n it is larger by O(k^2 / n) */
            snprintf(text, sizeof text, "Stone: n = %zu, model holds the truth: mean "
                     "log L − LOO = k = %ld (within 2%%: O(k²/n) corrections)", n, kb);
            book_claim_rel(B, "Monte Carlo", text, (double)kb, res.pen, 0.02);
            snprintf(text, sizeof text, "n = %zu: share where LOO takes the bigger "
                     "model = AIC's exact P(LR > 2) (Stone's equivalence)", n);
            share_claim(text, pa, res.loo);
            snprintf(text, sizeof text, "n = %zu: exact P(LR > 2) = P(χ²₁ > 2) "
                     "within 0.005 (its O(1/n) approach)", n);
            book_claim_abs(B, "GSL cdf", text, p_limit, pa, 0.005);
        }
    }
    book_close_file(B, fp);
    nested_curves(mb);
    book_value_int(B, "nest_k_big", kb);
    book_value_int(B, "nest_deg", C.nest_deg);
    book_value_int(B, "nest_deg_big", C.nest_deg + 1);
    book_value(B, "p_chisq_2_2", 100.0 * gsl_cdf_chisq_Q(4.0, 2.0), 3);
    book_value(B, "p_chisq_3_3", 100.0 * gsl_cdf_chisq_Q(6.0, 3.0), 3);
}

int main(int argc, char **argv)
{
    B = book_open("04-mle", argc, argv);
    read_params();
    check_params();
    RNG = gsl_rng_alloc(gsl_rng_mt19937);
    if (RNG == NULL)
        book_fail(B, "out of memory");

    P_GAMMA = (struct kl_mle_gamma){C.shape, C.scale};
    P = kl_mle_gamma_density(&P_GAMMA);
    P_MEAN = C.shape * C.scale;
    P_VAR = C.shape * C.scale * C.scale;
    ok(kl_mle_gamma_entropy(&P_GAMMA, &P_H), "h(p)");
    snprintf(P_NAME, sizeof P_NAME, "Gamma(%g, %g)", C.shape, C.scale);
    book_value_text(B, "p_name", P_NAME);

    struct model m[NMODELS];
    models_setup(m);
    models_compare(m);
    models_figure(m);
    running_averages(m);
    misspecified();
    categorical();
    aic_bias();
    aic_table();
    aic_selection();
    nested();
    gsl_rng_free(RNG);
    return book_close(B);
}
