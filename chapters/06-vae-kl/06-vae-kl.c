/* 06-vae-kl — Chapter 6: the KL term of a variational autoencoder.
 *
 * Experiments: the divergence between two multivariate normals through
 * Cholesky factors, checked against two-dimensional quadrature and the
 * univariate closed form; the three VAE forms of the KL term against each
 * other and against sums of univariate divergences; the prior and a
 * posterior as ellipses; the per-dimension KL as a map over (mu, sigma); the
 * growth of the KL term with the latent dimension; Monte Carlo estimates
 * (the plain estimator and the non-negative one) with their errors and
 * variances; and the gradient a VAE trains on, analytic, by finite
 * differences and by the reparameterisation trick.
 *
 * Run: make chapter-06 (or output/build/bin/06-vae-kl --params
 * chapters/06-vae-kl/params OUTPUT-FOLDER [NAME=VALUE ...]).  The knobs are
 * in chapters/06-vae-kl/params; the figures are drawn by the fig-*.gp
 * scripts beside this file from the data and values.gp written here. */
#define _DEFAULT_SOURCE /* M_PI */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "book/book.h"
#include "book/explorer.h"
#include "kl/gaussian.h"
#include "kl/mvn.h"

/* K: the latent dimension of the Monte Carlo and gradient experiments (the
 * params POST_* and GRAD_* have K entries); KE: the encoder output's
 * (ENC_*); the largest sizes the params allow. */
enum { K = 4, KE = 8, MAXDIMS = 16, MAXERR = 12, NSIZES = 4, MAXBETA = 8 };

static struct book *B;
static gsl_rng *RNG;
static unsigned long SEED;

static void ok(enum kl_status st, const char *what)
{
    if (st != KL_OK)
        book_fail(B, "%s: %s", what, kl_strerror(st));
}

static struct kl_mvn *mvn(const double *mu, const double *cov, size_t k,
                          const char *what)
{
    struct kl_mvn *g;
    ok(kl_mvn_alloc(mu, cov, k, &g), what);
    return g;
}

/* The k x k identity into COV (the prior's covariance). */
static void identity(double *cov, size_t k)
{
    for (size_t i = 0; i < k * k; i++)
        cov[i] = i % (k + 1) == 0 ? 1.0 : 0.0;
}

/* The N numbers V as "(a, b, ...)" into BUF, for the prose; returns BUF. */
static char *vector_text(const double *v, size_t n, char *buf, size_t size)
{
    size_t j = (size_t)snprintf(buf, size, "(");
    for (size_t i = 0; i < n && j < size; i++) {
        char num[64];
        j += (size_t)snprintf(buf + j, size - j, "%s%s", i ? ", " : "",
                              book_format(v[i], 6, 1, num, sizeof num));
    }
    if (j < size)
        snprintf(buf + j, size - j, ")");
    return buf;
}

static void value_vector(const char *name, const double *v, size_t n)
{
    char text[512];
    book_value_text(B, name, vector_text(v, n, text, sizeof text));
}

/* -- 1. The general multivariate divergence ------------------------------- */

/* >>> general-inputs */
/* A normal law in the plane from the params MU_NAME (its mean), VAR_NAME
 * (its two variances) and COV_NAME (their covariance): Sigma =
 * [[var_1, cov], [cov, var_2]], row-major.  Refuses a Sigma that is not
 * positive definite (cov^2 >= var_1 var_2). */
static struct kl_mvn *plane_law(const char *mu_name, const char *var_name,
                                const char *cov_name, double *mu, double *s)
{
    double var[2], cov = book_param_real(B, cov_name);
    book_param_real_list(B, mu_name, mu, 2);
    book_param_real_list(B, var_name, var, 2);
    if (cov * cov >= var[0] * var[1])
        book_param_refuse(B, cov_name, "with %s, the covariance matrix is "
                          "not positive definite (it needs cov² < var₁ var₂)",
                          var_name);
    s[0] = var[0], s[1] = s[2] = cov, s[3] = var[1];
    return mvn(mu, s, 2, mu_name);
}
/* <<< general-inputs */

/* Nested adaptive quadrature of p(x,y) (log p - log q) over the plane. */
struct quad2 {
    struct kl_mvn *p, *q;
    double x;
    gsl_integration_workspace *inner;
    int status;
};

static double integrand_y(double y, void *params)
{
    struct quad2 *c = params;
    double z[2] = {c->x, y}, w[2], lp, lq;
    ok(kl_mvn_logpdf(c->p, z, w, &lp), "log-density");
    ok(kl_mvn_logpdf(c->q, z, w, &lq), "log-density");
    return lp == -INFINITY ? 0.0 : exp(lp) * (lp - lq);
}

static double integrand_x(double x, void *params)
{
    struct quad2 *c = params;
    gsl_function F = {integrand_y, c};
    double v, err;
    c->x = x;
    int st = gsl_integration_qagi(&F, 1e-14, 1e-11, 1000, c->inner, &v, &err);
    if (st != GSL_SUCCESS)
        c->status = st;
    return v;
}

static double quadrature_2d(struct kl_mvn *p, struct kl_mvn *q)
{
    struct quad2 c = {p, q, 0.0, gsl_integration_workspace_alloc(1000), 0};
    gsl_integration_workspace *outer = gsl_integration_workspace_alloc(1000);
    if (c.inner == NULL || outer == NULL)
        book_fail(B, "out of memory");
    gsl_function F = {integrand_x, &c};
    double v, err;
    int st = gsl_integration_qagi(&F, 1e-13, 1e-10, 1000, outer, &v, &err);
    if (st != GSL_SUCCESS || c.status != GSL_SUCCESS)
        book_fail(B, "2-D quadrature: %s", gsl_strerror(st ? st : c.status));
    gsl_integration_workspace_free(c.inner);
    gsl_integration_workspace_free(outer);
    return v;
}

/* log det of the K x K matrix A by GSL's LU decomposition, independent of
 * the library's Cholesky factor. */
static double lu_logdet(const double *a, size_t k)
{
    gsl_matrix *m = gsl_matrix_alloc(k, k);
    gsl_permutation *perm = gsl_permutation_alloc(k);
    int sign;
    if (m == NULL || perm == NULL)
        book_fail(B, "out of memory");
    for (size_t i = 0; i < k * k; i++)
        m->data[(i / k) * m->tda + i % k] = a[i];
    if (gsl_linalg_LU_decomp(m, perm, &sign) != GSL_SUCCESS)
        book_fail(B, "LU decomposition failed");
    double v = gsl_linalg_LU_lndet(m);
    gsl_matrix_free(m);
    gsl_permutation_free(perm);
    return v;
}

/* The full VAE form written out with GSL's LU log-determinant:
 * ½(tr Σ + μᵀμ − k − log det Σ). */
static double vae_full_lu(const double *mu, const double *cov, size_t k)
{
    double tr = 0.0, mm = 0.0;
    for (size_t i = 0; i < k; i++) {
        tr += cov[i * k + i];
        mm += mu[i] * mu[i];
    }
    return 0.5 * (tr + mm - (double)k - lu_logdet(cov, k));
}

/* k = 1: the matrices are numbers and the formula is chapter 5's. */
static void univariate_cases(void)
{
    static const double cases[][4] = {{0, 1, 0, 1}, {1, 0.5, -1, 2},
                                      {0.3, 3, 0, 0.2}, {-2, 1, 2, 1}};
    enum { NCASES = sizeof cases / sizeof cases[0] };
    double worst = 0.0;
    for (size_t i = 0; i < NCASES; i++) {
        const double *c = cases[i];
        double v0 = c[1] * c[1], v1 = c[3] * c[3], d, e;
        ok(kl_mvn_divergence_raw(&c[0], &v0, &c[2], &v1, 1, &d), "k = 1");
        ok(kl_gaussian_divergence(c[0], c[1], c[2], c[3], &e), "univariate");
        worst = fmax(worst, fabs(d - e) / fmax(e, 1e-300));
    }
    char text[200];
    snprintf(text, sizeof text, "k = 1: Cholesky form = univariate closed "
             "form (worst relative gap, %d cases)", (int)NCASES);
    book_claim_le(B, "1-D closed form", text, worst, 0.0, 1e-14);
}

static void general(void)
{
    double mu0[2], s0[4], mu1[2], s1[4];
    /* >>> general */
    struct kl_mvn *p = plane_law("GEN_MU0", "GEN_VAR0", "GEN_COV0", mu0, s0);
    struct kl_mvn *q = plane_law("GEN_MU1", "GEN_VAR1", "GEN_COV1", mu1, s1);
    double d_pq, d_qp;
    ok(kl_mvn_divergence(p, q, &d_pq), "D(P||Q)");
    ok(kl_mvn_divergence(q, p, &d_qp), "D(Q||P)");
    double quad = quadrature_2d(p, q);  /* the definition, integrated */
    /* <<< general */
    book_claim_rel(B, "quadrature", "2-D: Cholesky closed form = nested adaptive quadrature",
                   quad, d_pq, 1e-8);
    book_claim_abs(B, "GSL LU", "2-D: log det Σ₀ from the library's Cholesky factor "
                   "= GSL's LU log-determinant", lu_logdet(s0, 2), p->logdet, 1e-12);
    book_claim_abs(B, "GSL LU", "2-D: log det Σ₁ from the library's Cholesky factor "
                   "= GSL's LU log-determinant", lu_logdet(s1, 2), q->logdet, 1e-12);
    book_value(B, "gen_d_pq", d_pq, 6);
    book_value(B, "gen_d_qp", d_qp, 6);
    book_value(B, "gen_quad", quad, 10);
    book_value(B, "gen_ld0", p->logdet, 4);
    book_value(B, "gen_ld1", q->logdet, 4);
    value_vector("gen_mu0", mu0, 2);
    value_vector("gen_mu1", mu1, 2);
    kl_mvn_free(p);
    kl_mvn_free(q);
    univariate_cases();
}

/* -- 2. The VAE's forms ---------------------------------------------------- */

static void encoder_forms(void)
{
    double mu[KE], lv[KE];
    book_param_real_list(B, "ENC_MU", mu, KE);
    book_param_real_list(B, "ENC_LOGVAR", lv, KE);
    value_vector("enc_mu", mu, KE);
    value_vector("enc_lv", lv, KE);
    /* >>> vae-forms */
    /* the encoder's output for one x: KE = 8 means mu and log-variances lv */
    double cov[KE * KE] = {0}, eye[KE * KE], zero[KE] = {0};
    identity(eye, KE);
    for (int j = 0; j < KE; j++)
        cov[j * KE + j] = exp(lv[j]);            /* Sigma = diag(sigma^2) */

    double d_general, d_full, d_diag, d_sum = 0.0, dj[KE];
    ok(kl_mvn_divergence_raw(mu, cov, zero, eye, KE, &d_general), "general");
    ok(kl_mvn_vae_full(mu, cov, KE, &d_full), "full VAE form");
    ok(kl_mvn_vae_diag(mu, lv, KE, &d_diag), "diagonal VAE form");
    for (int j = 0; j < KE; j++) {     /* chapter 5, one axis at a time */
        double sigma = exp(lv[j] / 2);
        ok(kl_gaussian_divergence(mu[j], sigma, 0.0, 1.0, &dj[j]), "1-D");
        d_sum += dj[j];
    }
    /* <<< vae-forms */
    char text[200];
    snprintf(text, sizeof text, "VAE, k = %d: full form ½(tr Σ + μᵀμ − k − "
             "log det Σ) = general form", KE);
    book_claim_rel(B, "general form", text, d_general, d_full, 1e-13);
    snprintf(text, sizeof text, "VAE, k = %d: full form = ½(tr Σ + μᵀμ − k − "
             "log det Σ) with GSL's LU log det", KE);
    book_claim_rel(B, "GSL LU", text, vae_full_lu(mu, cov, KE), d_full, 1e-13);
    snprintf(text, sizeof text, "VAE, k = %d: diagonal form −½Σ(1 + log σ² − "
             "μ² − σ²) = general form", KE);
    book_claim_rel(B, "general form", text, d_general, d_diag, 1e-13);
    /* the sum of univariate divergences goes through the same helper as the
     * diagonal form: an identity, shown, not claimed */
    book_value(B, "enc_sum_gap", fabs(d_sum - d_diag), 2);
    book_value(B, "enc_d", d_diag, 6);
    int jmax = 0;
    for (int j = 1; j < KE; j++)
        if (dj[j] > dj[jmax])
            jmax = j;
    book_value_int(B, "enc_jmax", jmax + 1);
    book_value(B, "enc_mu_jmax", mu[jmax], 3);
    book_value(B, "enc_sd_jmax", exp(lv[jmax] / 2), 3);
    book_value(B, "enc_dmax", dj[jmax], 4);
    book_value(B, "enc_dmax_share", 100 * dj[jmax] / d_diag, 2);
}

/* A random full covariance A A^T + 0.1 I (k x k, A's entries N(0, 1/k))
 * into C, with A in the scratch space A. */
static void random_covariance(double *c, double *a, size_t k)
{
    for (size_t i = 0; i < k * k; i++)
        a[i] = gsl_ran_gaussian(RNG, 1.0 / sqrt((double)k));
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j <= i; j++) {
            double s = i == j ? 0.1 : 0.0;
            for (size_t r = 0; r < k; r++)
                s += a[i * k + r] * a[j * k + r];
            c[i * k + j] = c[j * k + i] = s;
        }
}

/* The claims of the random encoders: the worst relative gaps between the
 * diagonal and general forms, the full and general forms, and the full form
 * and the same written out with GSL's LU log det. */
static void random_claims(long cases, size_t kmax, size_t kfull, double worst_diag,
                          double worst_full, double worst_lu)
{
    char text[200];
    snprintf(text, sizeof text, "%ld random diagonal encoders, k ≤ %zu: "
             "diagonal form = general form (worst relative gap)", cases, kmax);
    book_claim_le(B, "general form", text, worst_diag, 0.0, 1e-12);
    snprintf(text, sizeof text, "%ld random full covariances, k ≤ %zu: full "
             "VAE form = general form (worst relative gap)", cases, kfull);
    book_claim_le(B, "general form", text, worst_full, 0.0, 1e-12);
    snprintf(text, sizeof text, "%ld random full covariances, k ≤ %zu: full "
             "VAE form = the same with GSL's LU log det (worst relative gap)",
             cases, kfull);
    book_claim_le(B, "GSL LU", text, worst_lu, 0.0, 1e-11);
    book_value(B, "rand_worst_diag", worst_diag, 2);
    book_value(B, "rand_worst_full", worst_full, 2);
}

/* Many random encoders, k = 1..RAND_KMAX (diagonal, random means and
 * log-variances), and random full covariances, k = 1..RAND_KFULL. */
static void random_encoders(void)
{
    long cases = book_param_int(B, "RAND_CASES");
    size_t kmax = (size_t)book_param_int(B, "RAND_KMAX");
    size_t kfull = (size_t)book_param_int(B, "RAND_KFULL");
    size_t kbig = kmax > kfull ? kmax : kfull;
    double *m = calloc(kbig, sizeof *m), *l = book_malloc(B, kmax * sizeof *l);
    double *c = book_malloc(B, kbig * kbig * sizeof *c), *e = book_malloc(B, kbig * kbig * sizeof *e);
    double *a = book_malloc(B, kfull * kfull * sizeof *a), *z = calloc(kbig, sizeof *z);
    if (m == NULL || z == NULL)
        book_fail(B, "out of memory");
    gsl_rng_set(RNG, SEED + 1);
    double worst_diag = 0.0, worst_full = 0.0, worst_lu = 0.0;
    for (long t = 0; t < cases; t++) {
        size_t k = 1 + (size_t)t % kmax;
        for (size_t i = 0; i < k * k; i++)
            c[i] = 0.0;
        identity(e, k);
        for (size_t j = 0; j < k; j++) {
            m[j] = gsl_ran_gaussian(RNG, 1.5);
            l[j] = gsl_ran_flat(RNG, -6.0, 3.0);
            c[j * k + j] = exp(l[j]);
        }
        double dd, dg, df;
        ok(kl_mvn_vae_diag(m, l, k, &dd), "diagonal");
        ok(kl_mvn_divergence_raw(m, c, z, e, k, &dg), "general");
        worst_diag = fmax(worst_diag, fabs(dd - dg) / dg);

        /* the means m are reused: the latest drawn for each coordinate, 0
         * for one no diagonal encoder has reached (k > RAND_KMAX) */
        k = 1 + (size_t)t % kfull;
        random_covariance(c, a, k);
        identity(e, k);
        ok(kl_mvn_vae_full(m, c, k, &df), "full");
        ok(kl_mvn_divergence_raw(m, c, z, e, k, &dg), "general");
        worst_full = fmax(worst_full, fabs(df - dg) / dg);
        worst_lu = fmax(worst_lu, fabs(df - vae_full_lu(m, c, k)) / df);
    }
    free(m), free(l), free(c), free(e), free(a), free(z);
    random_claims(cases, kmax, kfull, worst_diag, worst_full, worst_lu);
}

/* -- 3. Two dimensions: the prior and a posterior as ellipses ------------- */

/* Writes the ellipse {mu + r L (cos t, sin t)} of G for r = 1, 2 as two
 * blocks of F. */
static void ellipse(FILE *f, const struct kl_mvn *g)
{
    for (int r = 1; r <= 2; r++) {
        for (int i = 0; i <= 200; i++) {
            double t = 2 * M_PI * i / 200, u = r * cos(t), v = r * sin(t);
            double x = gsl_vector_get(g->mu, 0) + gsl_matrix_get(g->L, 0, 0) * u;
            double y = gsl_vector_get(g->mu, 1) + gsl_matrix_get(g->L, 1, 0) * u +
                       gsl_matrix_get(g->L, 1, 1) * v;
            fprintf(f, "%.6f\t%.6f\n", x, y);
        }
        fputs("\n\n", f);
    }
}

static void ellipse_data(const struct kl_mvn *prior, const struct kl_mvn *post,
                         const struct kl_mvn *post_d)
{
    FILE *f = book_data(B, "ellipses.tsv",
                        "1- and 2-sigma ellipses: prior, posterior, diagonal "
                        "posterior (blocks 0-1, 2-3, 4-5)", "z1\tz2");
    ellipse(f, prior);
    ellipse(f, post);
    ellipse(f, post_d);
    book_close_file(B, f);
    long draws = book_param_int(B, "ELL_DRAWS");
    f = book_data(B, "ellipse-draws.tsv", "ELL_DRAWS draws from the posterior q",
                  "z1\tz2");
    gsl_rng_set(RNG, SEED + 2);
    for (long i = 0; i < draws; i++) {
        double z[2];
        kl_mvn_sample(post, RNG, z);
        fprintf(f, "%.6f\t%.6f\n", z[0], z[1]);
    }
    book_close_file(B, f);
}

static void ellipses(void)
{
    double mu[2], sd[2], rho = book_param_real(B, "ELL_RHO");
    book_param_real_list(B, "ELL_MU", mu, 2);
    book_param_real_list(B, "ELL_SD", sd, 2);
    double cov[4] = {sd[0] * sd[0], rho * sd[0] * sd[1],
                     rho * sd[0] * sd[1], sd[1] * sd[1]};
    double diag[4] = {cov[0], 0.0, 0.0, cov[3]}, eye[4], zero[2] = {0, 0};
    identity(eye, 2);
    struct kl_mvn *prior = mvn(zero, eye, 2, "prior");
    struct kl_mvn *post = mvn(mu, cov, 2, "posterior");
    struct kl_mvn *post_d = mvn(mu, diag, 2, "diagonal posterior");
    double d_full, d_diag;
    ok(kl_mvn_divergence(post, prior, &d_full), "D(q||p)");
    ok(kl_mvn_divergence(post_d, prior, &d_diag), "D(q_diag||p)");
    book_claim_rel(B, "exact", "2-D: correlation ρ costs −½ log(1 − ρ²) nats more than "
                   "the diagonal posterior", -0.5 * log1p(-rho * rho),
                   d_full - d_diag, 1e-12);
    book_value(B, "ell_d_full", d_full, 4);
    book_value(B, "ell_d_diag", d_diag, 4);
    book_value(B, "ell_extra", -0.5 * log1p(-rho * rho), 4);
    book_plot_value(B, "ell_d_full", d_full);
    book_plot_value(B, "ell_d_diag", d_diag);
    ellipse_data(prior, post, post_d);
    kl_mvn_free(prior);
    kl_mvn_free(post);
    kl_mvn_free(post_d);
}

/* -- 4. The pull of the prior: the per-dimension KL over (mu, sigma) ------ */

static double per_dim(double mu, double sigma)
{
    double lv = 2 * log(sigma), d;
    ok(kl_mvn_vae_diag(&mu, &lv, 1, &d), "per-dimension KL");
    return d;
}

/* The steepest-descent direction -(dD/dmu, dD/dsigma) = -(mu, sigma -
 * 1/sigma) on a coarse grid, scaled to a fixed length in units of the
 * axes' spans. */
static void pull_arrows(void)
{
    FILE *f = book_data(B, "pull-arrows.tsv",
                        "unit steepest-descent directions of D over (mu, sigma)",
                        "mu\tsigma\tD\tdmu\tdsigma\tdD");
    for (int i = 0; i <= 10; i++)
        for (int j = 0; j <= 7; j++) {
            double mu = -2.5 + 5.0 * i / 10, sigma = 0.25 + 2.5 * j / 7;
            double gx = -mu / 6.0, gy = -(sigma - 1 / sigma) / 2.95;
            double n = hypot(gx, gy);
            if (n < 1e-9)
                continue;
            fprintf(f, "%.4g\t%.4g\t0\t%.5g\t%.5g\t0\n", mu, sigma,
                    0.22 * gx / n, 0.11 * gy / n);
        }
    book_close_file(B, f);
}

static void pull_map(void)
{
    FILE *f = book_data(B, "pull.tsv",
                        "per-dimension KL D(N(mu, sigma^2) || N(0,1)) in nats",
                        "mu\tsigma\tD");
    double dmin = INFINITY, at_mu = NAN, at_sigma = NAN, worst = 0.0;
    for (int i = 0; i <= 120; i++) {
        double mu = -3.0 + 6.0 * i / 120;
        for (int j = 0; j <= 118; j++) {
            double sigma = 0.05 + 2.95 * j / 118, d = per_dim(mu, sigma);
            double terms = 0.5 * (mu * mu + sigma * sigma + 1) + fabs(log(sigma));
            worst = fmax(worst, fabs(d - (0.5 * (mu * mu + sigma * sigma - 1)
                                          - log(sigma))) / terms);
            fprintf(f, "%.5g\t%.5g\t%.6g\n", mu, sigma, d);
            if (d < dmin) {
                dmin = d;
                at_mu = mu;
                at_sigma = sigma;
            }
        }
        fputc('\n', f);
    }
    book_close_file(B, f);
    /* the grid's minimum at the prior is true by construction: shown */
    book_value(B, "pull_min", dmin, 2);
    book_value(B, "pull_min_mu", at_mu, 3);
    book_value(B, "pull_min_sigma", at_sigma, 3);
    book_claim_le(B, "textbook formula", "pull map: per-dimension KL = ½(μ² + σ² − 1) "
                  "− log σ on the grid (worst gap, relative to the terms)", worst,
                  0.0, 1e-13);
    pull_arrows();

    book_value(B, "pull_sig01", per_dim(0.0, 0.1), 3);
    book_value(B, "pull_mu2", per_dim(2.0, 1.0), 3);
    book_value(B, "pull_sig3", per_dim(0.0, 3.0), 3);
}

/* The explorer beside the pull map: the KL term of one coordinate over the
 * encoder's outputs mu in [-3, 3] and l = log sigma^2 in [-4, 3] (step 0.1),
 * by the library, with sigma = exp(l/2) for the densities (kind "map" of
 * src/book/explorer.js), and the values the prose quotes at (1, -1). */
static void pull_explorer(void)
{
    enum { NX = 61, NY = 71 };
    double x[NX], y[NY], scale[NY], *z = book_malloc(B, NX * NY * sizeof *z);
    for (int i = 0; i < NX; i++)
        x[i] = (i - 30) / 10.0;
    for (int j = 0; j < NY; j++) {
        y[j] = (j - 40) / 10.0;
        scale[j] = exp(y[j] / 2);
    }
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NY; j++)
            ok(kl_mvn_vae_diag(&x[i], &y[j], 1, &z[i * NY + j]), "explorer KL");
    struct book_explorer *e = book_explorer_open(B, "pull", "map");
    book_explorer_text(e, "title", "The KL term of one latent coordinate");
    book_explorer_text(e, "xname", "μ");
    book_explorer_text(e, "yname", "log σ²");
    book_explorer_text(e, "zname", "D(q‖p)");
    book_explorer_text(e, "pname", "prior p = N(0, 1)");
    book_explorer_text(e, "qname", "posterior q = N(μ, σ²)");
    book_explorer_number(e, "digits", 4);
    book_explorer_number(e, "bits", 1.0 / M_LN2);
    book_explorer_number(e, "zref", 0.05);
    book_explorer_array(e, "x", x, NX, 10);
    book_explorer_array(e, "y", y, NY, 10);
    /* 7 significant digits: the readout shows 4 (digits), the colour far fewer */
    book_explorer_array(e, "z", z, NX * NY, 7);
    book_explorer_array(e, "loc", x, NX, 10);
    book_explorer_array(e, "scale", scale, NY, 10);
    book_explorer_number(e, "p_loc", 0.0);
    book_explorer_number(e, "p_scale", 1.0);
    book_explorer_number(e, "curve_lo", -8.0);
    book_explorer_number(e, "curve_hi", 8.0);
    book_explorer_normal_shape(e);
    book_explorer_number(e, "probe_x", 1.0);
    book_explorer_number(e, "probe_y", -1.0);
    book_explorer_close(e);
    free(z);
    double mu = 1.0, lv = -1.0, d;
    ok(kl_mvn_vae_diag(&mu, &lv, 1, &d), "explorer probe");
    book_value(B, "pull_probe_d", d, 4);
    book_value(B, "pull_probe_bits", d / M_LN2, 4);
}

/* -- 5. The KL term grows with the latent dimension ----------------------- */

/* >>> equicorr */
/* Equicorrelated posterior N(mu 1, s^2 ((1 - rho) I + rho 1 1^T)) against
 * N(0, I): det of the correlation matrix = (1 - rho)^(k-1) (1 + (k-1) rho). */
static double equicorr_closed(size_t k, double mu, double s, double rho)
{
    double kk = (double)k;
    double logdet = kk * log(s * s) + (kk - 1) * log1p(-rho)
                    + log1p((kk - 1) * rho);
    return 0.5 * (kk * s * s + kk * mu * mu - kk - logdet);
}

static void equicorr_cov(double *cov, size_t k, double s, double rho)
{
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++)
            cov[i * k + j] = s * s * (i == j ? 1.0 : rho);
}
/* <<< equicorr */

/* The diagonal KL term of N(mu 1, s^2 I) in k dimensions, into *D; M and L
 * hold k doubles of scratch. */
static void diag_term(size_t k, double mu, double s, double *m, double *l,
                      double *d, const char *what)
{
    for (size_t j = 0; j < k; j++) {
        m[j] = mu;
        l[j] = 2 * log(s);
    }
    ok(kl_mvn_vae_diag(m, l, k, d), what);
}

struct dim_setting {
    double mu_a, s_a, mu_b, s_b, rho;
};

/* The KL terms of posteriors A, B and A with equicorrelation rho at each k
 * of KS (dimension.tsv); returns the worst relative gap between the
 * Cholesky route and the closed form, A's terms at the largest k, and the
 * correlated A at the largest k, factored, at *LARGEST (the caller frees
 * it).  COV (kmax^2), M and L (kmax) are scratch. */
static double dimension_table(const long *ks, size_t nk,
                              const struct dim_setting *s, double *cov,
                              double *m, double *l, double last[2],
                              struct kl_mvn **largest)
{
    FILE *f = book_data(B, "dimension.tsv",
                        "KL term against latent dimension k: diagonal A "
                        "(mu DIM_MU_A, sd DIM_SD_A), diagonal B (mu DIM_MU_B, "
                        "sd DIM_SD_B), A with equicorrelation DIM_RHO "
                        "(Cholesky) and its closed form",
                        "k\tdiagA\tdiagB\tcorrA\tcorrA_closed");
    double worst = 0.0;
    for (size_t i = 0; i < nk; i++) {
        size_t k = (size_t)ks[i];
        double da, db, dc;
        diag_term(k, s->mu_b, s->s_b, m, l, &db, "diagonal B");
        diag_term(k, s->mu_a, s->s_a, m, l, &da, "diagonal A");
        equicorr_cov(cov, k, s->s_a, s->rho);
        struct kl_mvn *a = mvn(m, cov, k, "correlated A");
        ok(kl_mvn_vae_term(a, &dc), "correlated A");    /* kl_mvn_vae_full */
        kl_mvn_free(*largest);
        *largest = a;
        double closed = equicorr_closed(k, s->mu_a, s->s_a, s->rho);
        worst = fmax(worst, fabs(dc - closed) / closed);
        fprintf(f, "%zu\t%.10g\t%.10g\t%.10g\t%.10g\n", k, da, db, dc, closed);
        last[0] = da;
        last[1] = dc;
    }
    book_close_file(B, f);
    return worst;
}

static void dimension(void)
{
    long ks[MAXDIMS];
    size_t nk = book_param_int_list(B, "DIM_KS", ks, MAXDIMS);
    struct dim_setting s = {
        book_param_real(B, "DIM_MU_A"), book_param_real(B, "DIM_SD_A"),
        book_param_real(B, "DIM_MU_B"), book_param_real(B, "DIM_SD_B"),
        book_param_real(B, "DIM_RHO")};
    if (s.mu_b == 0.0 && s.s_b == 1.0)
        book_param_refuse(B, "DIM_SD_B", "with DIM_MU_B = 0 posterior B is the "
                          "prior, whose KL term 0 a log axis cannot show");
    size_t kmax = (size_t)ks[nk - 1];
    double *cov = book_malloc(B, kmax * kmax * sizeof *cov);
    double *m = book_malloc(B, kmax * sizeof *m), *l = book_malloc(B, kmax * sizeof *l);
    double last[2] = {NAN, NAN};
    struct kl_mvn *post = NULL;
    double worst = dimension_table(ks, nk, &s, cov, m, l, last, &post);

    /* at the largest k, the general Cholesky route against N(0, I) as well */
    double d1, dgen, *eye = cov;        /* the scratch, reused */
    identity(eye, kmax);
    struct kl_mvn *prior = mvn(NULL, eye, kmax, "prior");
    /* >>> dimension */
    /* one coordinate of the diagonal posterior, by chapter 5's formula */
    ok(kl_gaussian_divergence(s.mu_a, s.s_a, 0.0, 1.0, &d1), "one dimension");
    /* the equicorrelated posterior against N(0, I), k = kmax, by the general
     * formula, from the factor its full VAE form used */
    ok(kl_mvn_divergence(post, prior, &dgen), "largest k");
    /* <<< dimension */
    kl_mvn_free(post), kl_mvn_free(prior);
    free(cov), free(m), free(l);

    char text[200];
    /* k x one dimension and the general form at k = kmax are identities of
     * the same helpers and the same Cholesky factor: shown, not claimed */
    book_value(B, "dim_k_times_gap", fabs((double)kmax * d1 - last[0]), 2);
    book_value(B, "dim_gen_gap", fabs(last[1] - dgen), 2);
    snprintf(text, sizeof text, "equicorrelated ρ = %g, k ≤ %zu: full VAE form "
             "(Cholesky log det) = closed form with the log det above (worst "
             "relative gap)", s.rho, kmax);
    book_claim_le(B, "closed form", text, worst, 0.0, 1e-11);

    book_value_int(B, "dim_kmax", (long long)kmax);
    book_value(B, "dim_d1", d1, 4);
    book_value(B, "dim_a_kmax", last[0], 5);
    book_value(B, "dim_c_kmax", last[1], 5);
    book_value(B, "dim_b1", per_dim(s.mu_b, s.s_b), 3);
    book_value(B, "dim_b_kmax", (double)kmax * per_dim(s.mu_b, s.s_b), 3);
    book_value(B, "dim_extra_kmax", last[1] - last[0], 4);
}

/* -- 6. Monte Carlo --------------------------------------------------------- */

/* The smallest eigenvalue of the K x K symmetric COV. */
static double min_eigenvalue(const double *cov)
{
    gsl_matrix *a = gsl_matrix_alloc(K, K);
    gsl_vector *ev = gsl_vector_alloc(K);
    gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(K);
    if (a == NULL || ev == NULL || ws == NULL)
        book_fail(B, "out of memory");
    for (int i = 0; i < K * K; i++)
        gsl_matrix_set(a, i / K, i % K, cov[i]);
    if (gsl_eigen_symm(a, ev, ws) != GSL_SUCCESS)
        book_fail(B, "eigenvalues failed");
    double m = gsl_vector_min(ev);
    gsl_matrix_free(a);
    gsl_vector_free(ev);
    gsl_eigen_symm_free(ws);
    return m;
}

/* A k x k row-major array into a new gsl_matrix. */
static gsl_matrix *matrix_of(const double *a, size_t k)
{
    gsl_matrix *m = gsl_matrix_alloc(k, k);
    if (m == NULL)
        book_fail(B, "out of memory");
    for (size_t i = 0; i < k * k; i++)
        gsl_matrix_set(m, i / k, i % k, a[i]);
    return m;
}

/* log of the integral of p^m q^(1-m) for p = N(a, Ca), q = N(c, Cc) in k
 * dimensions (k <= K): with the precision Lam = m Ca^-1 + (1-m) Cc^-1 and
 * h = m Ca^-1 a + (1-m) Cc^-1 c, it is
 *   -m/2 log det Ca - (1-m)/2 log det Cc - 1/2 log det Lam
 *   - 1/2 (m a^T Ca^-1 a + (1-m) c^T Cc^-1 c) + 1/2 h^T Lam^-1 h
 * (the 2 pi's cancel), and +inf where Lam is not positive definite (the
 * integral diverges).  With p the prior and q a posterior it is
 * log E_q[r^m], r = p/q.  Fails the program if Ca or Cc is not positive
 * definite. */
static double log_power_integral(size_t k, const double *a, const double *ca,
                                 const double *c, const double *cc, double m)
{
    gsl_matrix *A = matrix_of(ca, k), *C = matrix_of(cc, k), *L = gsl_matrix_alloc(k, k);
    gsl_vector_const_view va = gsl_vector_const_view_array(a, k);
    gsl_vector_const_view vc = gsl_vector_const_view_array(c, k);
    gsl_vector *ia = gsl_vector_alloc(k), *ic = gsl_vector_alloc(k);
    gsl_vector *h = gsl_vector_alloc(k), *x = gsl_vector_alloc(k);
    if (L == NULL || ia == NULL || ic == NULL || h == NULL || x == NULL)
        book_fail(B, "out of memory");
    if (gsl_linalg_cholesky_decomp1(A) != GSL_SUCCESS
        || gsl_linalg_cholesky_decomp1(C) != GSL_SUCCESS)
        book_fail(B, "a covariance is not positive definite");
    double ld_a = 0.0, ld_c = 0.0, ld_l = 0.0, qa, qc, ql, v = INFINITY;
    for (size_t i = 0; i < k; i++) {
        ld_a += 2 * log(gsl_matrix_get(A, i, i));
        ld_c += 2 * log(gsl_matrix_get(C, i, i));
    }
    gsl_linalg_cholesky_solve(A, &va.vector, ia);     /* Ca^-1 a */
    gsl_linalg_cholesky_solve(C, &vc.vector, ic);     /* Cc^-1 c */
    gsl_blas_ddot(&va.vector, ia, &qa);
    gsl_blas_ddot(&vc.vector, ic, &qc);
    gsl_linalg_cholesky_invert(A);
    gsl_linalg_cholesky_invert(C);
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < k; j++)
            gsl_matrix_set(L, i, j, m * gsl_matrix_get(A, i, j)
                                    + (1 - m) * gsl_matrix_get(C, i, j));
        gsl_vector_set(h, i, m * gsl_vector_get(ia, i) + (1 - m) * gsl_vector_get(ic, i));
    }
    if (gsl_linalg_cholesky_decomp1(L) == GSL_SUCCESS) {
        for (size_t i = 0; i < k; i++)
            ld_l += 2 * log(gsl_matrix_get(L, i, i));
        gsl_linalg_cholesky_solve(L, h, x);
        gsl_blas_ddot(h, x, &ql);
        v = -0.5 * m * ld_a - 0.5 * (1 - m) * ld_c - 0.5 * ld_l
            - 0.5 * (m * qa + (1 - m) * qc) + 0.5 * ql;
    }
    gsl_matrix_free(A), gsl_matrix_free(C), gsl_matrix_free(L);
    gsl_vector_free(ia), gsl_vector_free(ic), gsl_vector_free(h), gsl_vector_free(x);
    return v;
}

/* log E_q[r^m], r = p/q, for p = N(0, I) and q = N(MU, COV) in k dimensions. */
static double log_ratio_moment(const double *mu, const double *cov, size_t k, double m)
{
    double eye[K * K], zero[K] = {0};
    identity(eye, k);
    return log_power_integral(k, zero, eye, mu, cov, m);
}

/* The Monte Carlo posterior N(POST_MU, Sigma), Sigma = D R D from POST_SD
 * and POST_CORR, with its mean into MU, Sigma into COV and Sigma's smallest
 * eigenvalue into *LMIN.  Refuses a Sigma whose smallest eigenvalue is not
 * above 1/2 (then (r - 1) - log r has an infinite variance), and a
 * posterior with E_q[r^2] above R2_MAX: there the terms (r - 1) - log r are
 * so skewed that at n = 100 the estimate falls outside 4 standard errors
 * in some seeds (found by the parameter sweep; the default posterior has
 * E_q[r^2] = 3.8). */
static const double R2_MAX = 4.0;

static struct kl_mvn *mc_posterior(double *mu, double *cov, double *lmin)
{
    double sd[K], rho[K * (K - 1) / 2], corr[K][K];
    book_param_real_list(B, "POST_MU", mu, K);
    book_param_real_list(B, "POST_SD", sd, K);
    book_param_real_list(B, "POST_CORR", rho, K * (K - 1) / 2);
    value_vector("post_mu", mu, K);
    value_vector("post_sd", sd, K);
    value_vector("post_corr", rho, K * (K - 1) / 2);
    for (int i = 0, r = 0; i < K; i++) {
        corr[i][i] = 1.0;
        for (int j = i + 1; j < K; j++, r++)
            corr[i][j] = corr[j][i] = rho[r];   /* r12, r13, r14, r23, ... */
    }
    for (int i = 0; i < K; i++)
        for (int j = 0; j < K; j++)
            cov[i * K + j] = sd[i] * corr[i][j] * sd[j];
    *lmin = min_eigenvalue(cov);
    if (!(*lmin > 0.5))
        book_param_refuse(B, "POST_SD", "with POST_CORR, the smallest "
                          "eigenvalue of Σ is %.3g, not above ½: (r − 1) − "
                          "log r would have an infinite variance and its "
                          "standard errors would mean nothing", *lmin);
    double r2 = exp(log_ratio_moment(mu, cov, K, 2));
    if (r2 > R2_MAX)
        book_param_refuse(B, "POST_MU", "with POST_SD and POST_CORR, E_q[r²] "
                          "is %.3g, above %g: the terms of (r − 1) − log r are "
                          "too skewed for runs of a hundred draws to have "
                          "trustworthy standard errors", r2, R2_MAX);
    book_value(B, "mc_r2", r2, 3);
    return mvn(mu, cov, K, "posterior");
}

/* >>> estimators */
/* n draws z ~ q; for each, log r = log p(z) - log q(z).  The plain
 * estimator averages -log r; the other averages (r - 1) - log r, which is
 * >= 0 term by term and has the same mean because E_q[r] = 1. */
static void mc_terms(const struct kl_mvn *q, const struct kl_mvn *p, long n,
                     double *plain_terms, double *nonneg_terms)
{
    double z[K], w[K], lq, lp;
    for (long i = 0; i < n; i++) {
        kl_mvn_sample(q, RNG, z);
        ok(kl_mvn_logpdf(q, z, w, &lq), "log q");
        ok(kl_mvn_logpdf(p, z, w, &lp), "log p");
        double log_r = lp - lq;
        plain_terms[i] = -log_r;
        nonneg_terms[i] = expm1(log_r) - log_r;
    }
}

/* An estimate: the mean of n terms, with its standard error. */
struct estimate {
    double mean, se;
};

static struct estimate estimate_of(const double *terms, long n)
{
    struct estimate e;
    e.mean = gsl_stats_mean(terms, 1, n);
    e.se = gsl_stats_sd_m(terms, 1, n, e.mean) / sqrt((double)n);
    return e;
}
/* <<< estimators */

/* Both estimates from n draws; their terms are left in PLAIN_TERMS and
 * NONNEG_TERMS. */
static void mc_kl(const struct kl_mvn *q, const struct kl_mvn *p, long n,
                  struct estimate *plain, struct estimate *nonneg,
                  double *plain_terms, double *nonneg_terms)
{
    mc_terms(q, p, n, plain_terms, nonneg_terms);
    *plain = estimate_of(plain_terms, n);
    *nonneg = estimate_of(nonneg_terms, n);
}

/* The draws themselves: N draws z = mu + L e from Q must have Q's
 * covariance.  Returns the largest deviation of the 10 entries of the
 * sample covariance (about the known mean) from Sigma, in standard errors
 * estimated from the same draws. */
static double sample_cov_z(const struct kl_mvn *q, const double *cov, long n)
{
    double z[K], sum[K * K] = {0}, sum2[K * K] = {0}, worst = 0.0;
    gsl_rng_set(RNG, SEED + 7);
    for (long t = 0; t < n; t++) {
        kl_mvn_sample(q, RNG, z);
        for (int i = 0; i < K; i++)
            for (int j = i; j < K; j++) {
                double c = (z[i] - gsl_vector_get(q->mu, i))
                           * (z[j] - gsl_vector_get(q->mu, j));
                sum[i * K + j] += c;
                sum2[i * K + j] += c * c;
            }
    }
    for (int i = 0; i < K; i++)
        for (int j = i; j < K; j++) {
            double m = sum[i * K + j] / n;
            double se = sqrt((sum2[i * K + j] / n - m * m) / n);
            worst = fmax(worst, fabs(m - cov[i * K + j]) / se);
        }
    return worst;
}

/* The table of estimates at each n of MC_SIZES; T1 and T2 (the largest n
 * doubles) keep the terms of the last run. */
static void mc_table(const struct kl_mvn *q, const struct kl_mvn *p,
                     double exact, const long *sizes, double *t1, double *t2)
{
    char text[200], name[64];
    struct estimate plain, nonneg;
    gsl_rng_set(RNG, SEED + 3);
    for (int s = 0; s < NSIZES; s++) {
        long n = sizes[s];
        mc_kl(q, p, n, &plain, &nonneg, t1, t2);
        snprintf(text, sizeof text, "MC, n = %ld: plain estimator "
                 "mean of log q − log p", n);
        book_claim_sigma(B, "Monte Carlo", text, exact, plain.mean, plain.se, 4.0);
        snprintf(text, sizeof text, "MC, n = %ld: mean of (r − 1) − log r", n);
        book_claim_sigma(B, "Monte Carlo", text, exact, nonneg.mean, nonneg.se, 4.0);
        snprintf(name, sizeof name, "mc_n%d", s);
        book_value_int(B, name, n);
        snprintf(name, sizeof name, "mc_plain%d", s);
        book_value(B, name, plain.mean, 5);
        snprintf(name, sizeof name, "mc_plain_se%d", s);
        book_value(B, name, plain.se, 2);
        snprintf(name, sizeof name, "mc_nonneg%d", s);
        book_value(B, name, nonneg.mean, 5);
        snprintf(name, sizeof name, "mc_nonneg_se%d", s);
        book_value(B, name, nonneg.se, 2);
    }
}

/* The terms T1 (plain) and T2 (non-negative) of the last run, N of them:
 * their variances, and the plain estimator's variance in closed form,
 * 1/2 |Sigma - I|_F^2 + mu^T Sigma mu.  Returns the closed form in
 * V[0] and the non-negative estimator's sample variance in V[1]. */
static void mc_variances(const double *mu, const double *cov, const double *t1,
                         const double *t2, long n, double v[2])
{
    double v_plain = gsl_stats_variance(t1, 1, n);
    double v_nonneg = gsl_stats_variance(t2, 1, n);
    double m1 = gsl_stats_mean(t1, 1, n), m4 = 0.0;
    for (long i = 0; i < n; i++)
        m4 += pow(t1[i] - m1, 4) / n;
    double v_se = sqrt((m4 - v_plain * v_plain) / n);
    double v_closed = 0.0;
    for (int i = 0; i < K; i++)
        for (int j = 0; j < K; j++) {
            double a = cov[i * K + j] - (i == j);
            v_closed += 0.5 * a * a + mu[i] * cov[i * K + j] * mu[j];
        }
    book_claim_sigma(B, "Monte Carlo", "MC: variance of log q − log p = ½ tr((Σ − I)²) + μᵀΣμ",
                     v_closed, v_plain, v_se, 4.0);
    book_value(B, "mc_var_plain", v_plain, 4);
    book_value(B, "mc_var_plain_se", v_se, 2);
    book_value(B, "mc_var_closed", v_closed, 4);
    book_value(B, "mc_var_nonneg", v_nonneg, 4);
    book_value(B, "mc_var_ratio", v_plain / v_nonneg, 3);
    book_value_text(B, "mc_var_verdict", v_nonneg < v_plain
                    ? "the better one" : "not the better one");
    v[0] = v_closed;
    v[1] = v_nonneg;
}

/* ERR_SIZES, checked: spanning a factor of 100 or more, and with
 * REPLICATES runs at each within the time the chapter allows. */
static size_t error_sizes(long *ns, long replicates)
{
    size_t nn = book_param_int_list(B, "ERR_SIZES", ns, MAXERR);
    double draws = 0.0;
    for (size_t i = 0; i < nn; i++)
        draws += (double)ns[i] * (double)replicates;
    if (ns[nn - 1] < 100 * ns[0])
        book_param_refuse(B, "ERR_SIZES", "the sizes must span a factor of "
                          "at least 100 for the fitted slope to mean something");
    if (draws > 2e7)
        book_param_refuse(B, "REPLICATES", "with ERR_SIZES that is %.3g draws, "
                          "more than the 2 × 10⁷ the chapter allows", draws);
    return nn;
}

/* The RMS error of REPLICATES runs at each of the NN sizes NS
 * (mc-error.tsv), and the fitted log-log slopes.  V: the two per-draw variances;
 * T1 and T2 hold the largest n doubles. */
static void mc_error(const struct kl_mvn *q, const struct kl_mvn *p,
                     double exact, const long *ns, size_t nn, long replicates,
                     const double v[2], double *t1, double *t2)
{
    double lx[MAXERR], ly1[MAXERR], ly2[MAXERR];
    FILE *f = book_data(B, "mc-error.tsv",
                        "RMS error of the two estimators over replicated runs, "
                        "and the predicted sd/sqrt(n)",
                        "n\trms_plain\trms_nonneg\tpred_plain\tpred_nonneg");
    gsl_rng_set(RNG, SEED + 4);
    for (size_t i = 0; i < nn; i++) {
        double s1 = 0, s2 = 0;
        for (long r = 0; r < replicates; r++) {  /* the means alone */
            mc_terms(q, p, ns[i], t1, t2);
            double m1 = gsl_stats_mean(t1, 1, ns[i]), m2 = gsl_stats_mean(t2, 1, ns[i]);
            s1 += (m1 - exact) * (m1 - exact);
            s2 += (m2 - exact) * (m2 - exact);
        }
        double r1 = sqrt(s1 / replicates), r2 = sqrt(s2 / replicates);
        lx[i] = log((double)ns[i]);
        ly1[i] = log(r1);
        ly2[i] = log(r2);
        fprintf(f, "%ld\t%.6g\t%.6g\t%.6g\t%.6g\n", ns[i], r1, r2,
                sqrt(v[0] / ns[i]), sqrt(v[1] / ns[i]));
    }
    book_close_file(B, f);
    double c0, slope1, slope2, cv00, cv01, cv11, ss;
    gsl_fit_linear(lx, 1, ly1, 1, nn, &c0, &slope1, &cv00, &cv01, &cv11, &ss);
    gsl_fit_linear(lx, 1, ly2, 1, nn, &c0, &slope2, &cv00, &cv01, &cv11, &ss);
    book_claim_abs(B, "Monte Carlo", "MC error ∝ n^(−½): fitted log–log slope, plain "
                   "estimator", -0.5, slope1, 0.05);
    book_claim_abs(B, "Monte Carlo", "MC error ∝ n^(−½): fitted log–log slope, (r − 1) − "
                   "log r", -0.5, slope2, 0.05);
    book_value(B, "mc_slope_plain", slope1, 3);
    book_value(B, "mc_slope_nonneg", slope2, 3);
}

static void k_estimators(const double *mu4, const double *cov4, double lmin4,
                         const double *minus_log_r4, long n4);

static void monte_carlo(void)
{
    double mu[K], cov[K * K], eye[K * K], zero[K] = {0}, lmin, exact, v[2];
    identity(eye, K);
    struct kl_mvn *q = mc_posterior(mu, cov, &lmin), *p = mvn(zero, eye, K, "prior");
    ok(kl_mvn_divergence(q, p, &exact), "closed form");
    /* lmin > 1/2 is enforced by mc_posterior (refused otherwise): shown */
    book_value(B, "mc_lmin", lmin, 3);
    book_value(B, "mc_exact", exact, 6);

    long sizes[NSIZES], ns[MAXERR], replicates = book_param_int(B, "REPLICATES");
    book_param_int_list(B, "MC_SIZES", sizes, NSIZES);
    size_t nn = error_sizes(ns, replicates);
    long nmax = sizes[NSIZES - 1] > ns[nn - 1] ? sizes[NSIZES - 1] : ns[nn - 1];
    double *t1 = book_malloc(B, nmax * sizeof *t1), *t2 = book_malloc(B, nmax * sizeof *t2);
    char text[160];
    snprintf(text, sizeof text, "the sampler: %ld draws z = μ + L e have "
             "covariance Σ (largest of the 10 entries' deviations, in SE)",
             sizes[NSIZES - 1]);
    book_claim_le(B, "Monte Carlo", text, sample_cov_z(q, cov, sizes[NSIZES - 1]),
                  4.0, 0.0);
    mc_table(q, p, exact, sizes, t1, t2);
    mc_variances(mu, cov, t1, t2, sizes[NSIZES - 1], v);
    k_estimators(mu, cov, lmin, t1, sizes[NSIZES - 1]);
    mc_error(q, p, exact, ns, nn, replicates, v, t1, t2);
    free(t1);
    free(t2);
    kl_mvn_free(q);
    kl_mvn_free(p);
}

/* The two estimators' per-draw standard deviations for isotropic
 * posteriors N(m, s^2 I) against N(0, I), s from 0.3 to 2 in steps of
 * 0.05 (s = 1 at step 14, s = 1/2 at step 4). */
static void variance_scan(void)
{
    long n = book_param_int(B, "VAR_DRAWS");
    const double m = book_param_real(B, "VAR_MEAN");
    double *t1 = book_malloc(B, n * sizeof *t1), *t2 = book_malloc(B, n * sizeof *t2);
    double eye[K * K], zero[K] = {0}, mu[K], cov[K * K];
    identity(eye, K);
    for (int j = 0; j < K; j++)
        mu[j] = m;
    struct kl_mvn *p = mvn(zero, eye, K, "prior");
    FILE *f = book_data(B, "variance.tsv",
                        "per-draw standard deviation of the two estimators, "
                        "posterior N(VAR_MEAN, s^2 I) in 4 dimensions",
                        "s\tsd_plain\tsd_nonneg\tsd_plain_closed\tkl");
    gsl_rng_set(RNG, SEED + 5);
    double sd1_at1 = NAN, sd2_at1 = NAN, sd2_half = NAN;
    for (int i = 0; i <= 34; i++) {
        double s = 0.3 + 0.05 * i;
        for (int j = 0; j < K * K; j++)
            cov[j] = j % (K + 1) == 0 ? s * s : 0.0;
        struct kl_mvn *q = mvn(mu, cov, K, "posterior");
        struct estimate a, b;
        double d;
        ok(kl_mvn_divergence(q, p, &d), "closed form");
        mc_kl(q, p, n, &a, &b, t1, t2);
        double sd1 = a.se * sqrt((double)n), sd2 = b.se * sqrt((double)n);
        double closed = sqrt(0.5 * K * (s * s - 1) * (s * s - 1) + s * s * K * m * m);
        if (i == 14) { /* s = 1: q differs from p only by its mean */
            sd1_at1 = sd1;
            sd2_at1 = sd2;
        }
        if (i == 4) /* s = 1/2, where (r - 1) - log r has infinite variance */
            sd2_half = sd2;
        fprintf(f, "%.3f\t%.6g\t%.6g\t%.6g\t%.6g\n", s, sd1, sd2, closed, d);
        kl_mvn_free(q);
    }
    book_close_file(B, f);
    book_claim_le(B, "Monte Carlo", "variance scan, s = 1: (r − 1) − log r varies less than "
                  "log q − log p (its sd)", sd2_at1, sd1_at1, 0.0);
    book_value(B, "var_sd1_at1", sd1_at1, 3);
    book_value(B, "var_sd2_at1", sd2_at1, 3);
    book_value(B, "var_sd2_half", sd2_half, 3);
    free(t1);
    free(t2);
    kl_mvn_free(p);
}

/* -- 7. Gradients ----------------------------------------------------------- */

/* the encoder output at which the gradient is taken: GRAD_MU, GRAD_LOGVAR */
static double G_MU[K], G_LV[K];

/* D as a function of one parameter (0..K-1: mu_j, K..2K-1: logvar_j) */
struct param {
    int which;
};

static double kl_of(double x, void *params)
{
    int w = ((struct param *)params)->which;
    double mu[K], lv[K], d;
    memcpy(mu, G_MU, sizeof mu);
    memcpy(lv, G_LV, sizeof lv);
    if (w < K)
        mu[w] = x;
    else
        lv[w - K] = x;
    ok(kl_mvn_vae_diag(mu, lv, K, &d), "KL term");
    return d;
}

/* The analytic gradient into ANALYTIC and central finite differences into
 * FD (2K entries each: the means, then the log-variances). */
static void gradient_fd(double *analytic, double *fd)
{
    double g_mu[K], g_lv[K];
    ok(kl_mvn_vae_grad(G_MU, G_LV, K, g_mu, g_lv), "gradient");
    double worst_fd = 0.0;
    for (int w = 0; w < 2 * K; w++) {
        analytic[w] = w < K ? g_mu[w] : g_lv[w - K];
        struct param prm = {w};
        gsl_function F = {kl_of, &prm};
        double x = w < K ? G_MU[w] : G_LV[w - K], err;
        if (gsl_deriv_central(&F, x, 1e-3, &fd[w], &err) != GSL_SUCCESS)
            book_fail(B, "finite differences failed");
        worst_fd = fmax(worst_fd, fabs(fd[w] - analytic[w]));
    }
    char text[200];
    snprintf(text, sizeof text, "gradient: analytic (μⱼ, ½(σⱼ² − 1)) = "
             "central finite differences (worst absolute gap, %d components)",
             2 * K);
    book_claim_le(B, "finite differences", text, worst_fd, 0.0, 1e-9);
    book_value(B, "grad_fd_worst", worst_fd, 2);
}

/* The reparameterised Monte Carlo gradient from DRAWS draws: its mean and
 * standard error for each of the 2K components. */
static void gradient_reparam(long draws, double *mean, double *se)
{
    /* >>> reparam */
    /* z = mu + sigma eps, eps ~ N(0, I).  The per-draw term is
     * f = log q(z) - log p(z) = sum_j (-eps_j^2/2 - l_j/2 + z_j^2/2) + const,
     * so df/dmu_j = z_j and df/dl_j = -1/2 + z_j sigma_j eps_j / 2. */
    double sum[2 * K] = {0}, sum2[2 * K] = {0};
    gsl_rng_set(RNG, SEED + 6);
    for (long i = 0; i < draws; i++) {
        for (int j = 0; j < K; j++) {
            double sigma = exp(G_LV[j] / 2), eps = gsl_ran_gaussian(RNG, 1.0);
            double z = G_MU[j] + sigma * eps;
            double g[2] = {z, -0.5 + 0.5 * z * sigma * eps};
            for (int c = 0; c < 2; c++) {
                sum[j + c * K] += g[c];
                sum2[j + c * K] += g[c] * g[c];
            }
        }
    }
    /* <<< reparam */
    for (int w = 0; w < 2 * K; w++) {
        mean[w] = sum[w] / draws;
        double var = (sum2[w] - draws * mean[w] * mean[w]) / (draws - 1);
        se[w] = sqrt(var / draws);
    }
}

static void gradients(void)
{
    long draws = book_param_int(B, "GRAD_DRAWS");
    double analytic[2 * K], fd[2 * K], mean[2 * K], se[2 * K];
    book_param_real_list(B, "GRAD_MU", G_MU, K);
    book_param_real_list(B, "GRAD_LOGVAR", G_LV, K);
    value_vector("grad_mu", G_MU, K);
    value_vector("grad_lv", G_LV, K);
    gradient_fd(analytic, fd);
    gradient_reparam(draws, mean, se);
    FILE *f = book_data(B, "gradient.tsv",
                        "KL-term gradient: analytic, and reparameterised MC "
                        "estimate with its standard error",
                        "index\tlabel\tanalytic\tmc\tse\tfinite_diff");
    double worst_z = 0.0;
    for (int w = 0; w < 2 * K; w++) {
        worst_z = fmax(worst_z, fabs(mean[w] - analytic[w]) / se[w]);
        fprintf(f, "%d\t%s%d\t%.10g\t%.10g\t%.6g\t%.10g\n", w + 1,
                w < K ? "μ" : "log σ²", w % K + 1, analytic[w], mean[w], se[w],
                fd[w]);
    }
    book_close_file(B, f);
    book_claim_sigma(B, "Monte Carlo", "reparameterised MC gradient, ∂/∂μ₁", analytic[0],
                     mean[0], se[0], 4.0);
    book_claim_sigma(B, "Monte Carlo", "reparameterised MC gradient, ∂/∂log σ₁²",
                     analytic[K], mean[K], se[K], 4.0);
    char text[200];
    snprintf(text, sizeof text, "reparameterised MC gradient: all %d "
             "components within 4 standard errors (largest |error|/SE)", 2 * K);
    book_claim_le(B, "Monte Carlo", text, worst_z, 4.0, 0.0);
    book_value(B, "grad_mu1", analytic[0], 4);
    book_value(B, "grad_mu1_mc", mean[0], 4);
    book_value(B, "grad_mu1_se", se[0], 2);
    book_value(B, "grad_lv1", analytic[K], 4);
    book_value(B, "grad_lv1_mc", mean[K], 4);
    book_value(B, "grad_lv1_se", se[K], 2);
    book_value(B, "grad_worst_z", worst_z, 2);
}

/* -- 8. Why the KL term is in the loss: the ELBO of a linear-Gaussian model */

/* The model z ~ N(0, I_LK), x | z ~ N(W z + b, sigma^2 I_LD), where every
 * quantity the ELBO involves has a closed form. */
enum { LK = 2, LD = 3 };

struct lg_model {
    double w[LD * LK], b[LD], x[LD], sigma;  /* W row-major, LD x LK */
    double r[LD];                            /* x - b */
    double logev;                            /* log p(x) */
    double m[LK], s[LK * LK];                /* the posterior N(m, S) */
    double p[LK * LK];                       /* W^T W / sigma^2 */
    double g[LK];                            /* W^T (x - b) / sigma^2 */
    double qmu[LK], qsd[LK];                 /* the chosen diagonal q */
};

/* log p(x | z) = log N(x; W z + b, sigma^2 I). */
static double lg_loglik(const struct lg_model *g, const double *z)
{
    double ss = 0.0;
    for (int i = 0; i < LD; i++) {
        double e = g->r[i];
        for (int j = 0; j < LK; j++)
            e -= g->w[i * LK + j] * z[j];
        ss += e * e;
    }
    return -0.5 * LD * log(2 * M_PI * g->sigma * g->sigma)
           - ss / (2 * g->sigma * g->sigma);
}

/* log p(z) = log N(z; 0, I). */
static double lg_logprior(const double *z)
{
    double ss = 0.0;
    for (int j = 0; j < LK; j++)
        ss += z[j] * z[j];
    return -0.5 * LK * log(2 * M_PI) - 0.5 * ss;
}

/* >>> elbo-recon */
/* E_q[log p(x | z)] for q = N(mu, Sigma), in closed form: the expected
 * squared residual |x - b - W z|^2 is |x - b - W mu|^2 + tr(W Sigma W^T). */
static double lg_recon(const struct lg_model *g, const double *mu, const double *cov)
{
    double ss = 0.0, tr = 0.0;
    for (int i = 0; i < LD; i++) {
        double e = g->r[i];
        for (int j = 0; j < LK; j++) {
            e -= g->w[i * LK + j] * mu[j];
            for (int l = 0; l < LK; l++)
                tr += g->w[i * LK + j] * cov[j * LK + l] * g->w[i * LK + l];
        }
        ss += e * e;
    }
    return -0.5 * LD * log(2 * M_PI * g->sigma * g->sigma)
           - (ss + tr) / (2 * g->sigma * g->sigma);
}
/* <<< elbo-recon */

/* The beta-ELBO E_q[log p(x | z)] - beta D(q || p(z)) of q = N(mu, Sigma). */
static double lg_beta_elbo(const struct lg_model *g, const double *mu,
                           const double *cov, double beta)
{
    double d;
    ok(kl_mvn_vae_full(mu, cov, LK, &d), "KL term");
    return lg_recon(g, mu, cov) - beta * d;
}

/* The model from the params LG_*: the evidence through the library's
 * normal law N(b, W W^T + sigma^2 I) and the posterior through GSL's
 * Cholesky factor of its precision I + W^T W / sigma^2. */
static void lg_open(struct lg_model *g, int zero_decoder)
{
    book_param_real_list(B, "LG_W", g->w, LD * LK);
    book_param_real_list(B, "LG_B", g->b, LD);
    book_param_real_list(B, "LG_X", g->x, LD);
    g->sigma = book_param_real(B, "LG_SIGMA");
    if (zero_decoder)
        for (int i = 0; i < LD * LK; i++)
            g->w[i] = 0.0;
    double s2 = g->sigma * g->sigma, c[LD * LD];
    for (int i = 0; i < LD; i++)
        g->r[i] = g->x[i] - g->b[i];
    /* >>> elbo-exact */
    /* the evidence: x ~ N(b, W W^T + sigma^2 I) */
    for (int i = 0; i < LD; i++)
        for (int l = 0; l < LD; l++) {
            c[i * LD + l] = i == l ? s2 : 0.0;
            for (int j = 0; j < LK; j++)
                c[i * LD + l] += g->w[i * LK + j] * g->w[l * LK + j];
        }
    struct kl_mvn *ev = mvn(g->b, c, LD, "evidence");
    double work[LD];
    ok(kl_mvn_logpdf(ev, g->x, work, &g->logev), "log p(x)");
    kl_mvn_free(ev);

    /* the posterior: S = (I + W^T W / sigma^2)^-1, m = S W^T (x - b) / sigma^2 */
    gsl_matrix *prec = gsl_matrix_alloc(LK, LK);
    gsl_vector_view gv = gsl_vector_view_array(g->g, LK);
    gsl_vector_view mv = gsl_vector_view_array(g->m, LK);
    for (int j = 0; j < LK; j++) {
        g->g[j] = 0.0;
        for (int i = 0; i < LD; i++)
            g->g[j] += g->w[i * LK + j] * g->r[i] / s2;
        for (int l = 0; l < LK; l++) {
            double v = 0.0;
            for (int i = 0; i < LD; i++)
                v += g->w[i * LK + j] * g->w[i * LK + l] / s2;
            g->p[j * LK + l] = v;
            gsl_matrix_set(prec, j, l, (j == l) + v);
        }
    }
    if (gsl_linalg_cholesky_decomp1(prec) != GSL_SUCCESS)
        book_fail(B, "the posterior precision is not positive definite");
    gsl_linalg_cholesky_solve(prec, &gv.vector, &mv.vector);
    gsl_linalg_cholesky_invert(prec);
    /* <<< elbo-exact */
    for (int i = 0; i < LK * LK; i++)
        g->s[i] = gsl_matrix_get(prec, i / LK, i % LK);
    gsl_matrix_free(prec);
    /* the chosen q: diagonal, shifted and widened from the posterior's
     * marginals by LG_Q_SHIFT and LG_Q_WIDEN */
    double shift[LK], widen[LK];
    book_param_real_list(B, "LG_Q_SHIFT", shift, LK);
    book_param_real_list(B, "LG_Q_WIDEN", widen, LK);
    for (int j = 0; j < LK; j++) {
        double sd = sqrt(g->s[j * LK + j]);
        g->qmu[j] = g->m[j] + shift[j] * sd;
        g->qsd[j] = widen[j] * sd;
    }
}

/* One run of N draws z ~ Q: the means and standard errors of the ELBO's
 * terms log p(x, z) - log q(z) (E[0]), of log p(x | z) (E[1]), and of the
 * importance weights p(x, z) / (q(z) p(x)) (E[2]); the largest distance
 * of a term from log p(x) into *SPREAD. */
static void lg_elbo_mc(const struct lg_model *g, const struct kl_mvn *q, long n,
                       struct estimate e[3], double *spread)
{
    double s[3] = {0}, s2[3] = {0}, z[LK], w[LK], lq;
    *spread = 0.0;
    for (long i = 0; i < n; i++) {
        kl_mvn_sample(q, RNG, z);
        ok(kl_mvn_logpdf(q, z, w, &lq), "log q");
        double ll = lg_loglik(g, z), t = ll + lg_logprior(z) - lq;
        double v[3] = {t, ll, exp(t - g->logev)};
        for (int c = 0; c < 3; c++) {
            s[c] += v[c];
            s2[c] += v[c] * v[c];
        }
        *spread = fmax(*spread, fabs(t - g->logev));
    }
    for (int c = 0; c < 3; c++) {
        e[c].mean = s[c] / n;
        e[c].se = sqrt(fmax(s2[c] / n - e[c].mean * e[c].mean, 0.0) / (n - 1));
    }
}

static void elbo(struct lg_model *g)
{
    long n = book_param_int(B, "ELBO_DRAWS");
    const double *qmu = g->qmu, *qsd = g->qsd;
    double qcov[LK * LK] = {0};
    for (int j = 0; j < LK; j++)
        qcov[j * LK + j] = qsd[j] * qsd[j];
    /* the importance weights need E_q[(p(z|x)/q)^2] finite, and not huge */
    double w2 = exp(log_power_integral(LK, g->m, g->s, qmu, qcov, 2));
    if (!(w2 < 4.0))
        book_param_refuse(B, "LG_Q_SHIFT", "with LG_Q_WIDEN and the model LG_*, "
                          "E_q[(p(z|x)/q(z))²] is %.3g, not below 4: q is too "
                          "far from the posterior for the "
                          "importance weights to have a trustworthy standard "
                          "error", w2);
    struct kl_mvn *q = mvn(qmu, qcov, LK, "q"), *post = mvn(g->m, g->s, LK, "posterior");
    double gap, kl_prior, gap_post, elbo_post, spread;
    ok(kl_mvn_divergence(q, post, &gap), "D(q || p(z|x))");
    ok(kl_mvn_vae_full(qmu, qcov, LK, &kl_prior), "D(q || p(z))");
    double recon = lg_recon(g, qmu, qcov), elbo_closed = recon - kl_prior;
    struct estimate e[3];
    gsl_rng_set(RNG, SEED + 8);
    lg_elbo_mc(g, q, n, e, &spread);
    char text[200];
    snprintf(text, sizeof text, "ELBO by Jensen, %ld draws: mean of log p(x, z) − "
             "log q(z) = log p(x) − D(q ‖ p(z|x))", n);
    book_claim_sigma(B, "Monte Carlo", text, g->logev - gap, e[0].mean, e[0].se, 4.0);
    book_claim_rel(B, "closed forms", "ELBO: log p(x) − [E_q log p(x|z) − D(q ‖ p(z))] "
                   "= D(q ‖ p(z|x)) (evidence, posterior and reconstruction "
                   "computed apart)", gap, g->logev - elbo_closed, 1e-10);
    book_claim_sigma(B, "Monte Carlo", "ELBO: mean of log p(x|z) over z ∼ q = its "
                     "closed form", recon, e[1].mean, e[1].se, 4.0);
    book_claim_sigma(B, "Monte Carlo", "importance weights p(x, z)/q(z) average to "
                     "p(x) (their mean over p(x))", 1.0, e[2].mean, e[2].se, 4.0);
    book_value(B, "lg_logev", g->logev, 6);
    book_value(B, "lg_gap", gap, 4);
    book_value(B, "lg_kl_prior", kl_prior, 4);
    book_value(B, "lg_recon", recon, 5);
    book_value(B, "lg_elbo", elbo_closed, 6);
    book_value(B, "lg_elbo_expected", g->logev - gap, 6);
    book_value(B, "lg_elbo_mc", e[0].mean, 5);
    book_value(B, "lg_elbo_se", e[0].se, 2);
    book_value(B, "lg_recon_mc", e[1].mean, 5);
    book_value(B, "lg_recon_se", e[1].se, 2);
    book_value(B, "lg_w_mc", e[2].mean, 4);
    book_value(B, "lg_w_se", e[2].se, 2);
    book_value(B, "lg_log_w", log(e[2].mean) + g->logev, 5);
    book_value(B, "lg_w2", w2, 3);
    value_vector("lg_m", g->m, LK);
    value_vector("lg_qmu", g->qmu, LK);
    value_vector("lg_qsd", g->qsd, LK);
    double sd_post[LK] = {sqrt(g->s[0]), sqrt(g->s[3])};
    value_vector("lg_post_sd", sd_post, LK);
    book_value(B, "lg_post_rho", g->s[1] / sqrt(g->s[0] * g->s[3]), 3);

    /* q = the true posterior: every term is log p(x), the gap is 0 */
    ok(kl_mvn_vae_full(g->m, g->s, LK, &gap_post), "D(p(z|x) || p(z))");
    elbo_post = lg_recon(g, g->m, g->s) - gap_post;
    lg_elbo_mc(g, post, 1000, e, &spread);
    book_claim_rel(B, "closed forms", "q = p(z|x): E_q log p(x|z) − D(q ‖ p(z)) = "
                   "log p(x)", g->logev, elbo_post, 1e-12);
    book_claim_le(B, "exact", "q = p(z|x): each of 1000 draws' log p(x, z) − log q(z) "
                  "is log p(x) (largest gap)", spread, 0.0, 1e-12 * (1 + fabs(g->logev)));
    book_value(B, "lg_spread", spread, 2);
    book_value(B, "lg_kl_post", gap_post, 4);
    book_value(B, "lg_recon_post", lg_recon(g, g->m, g->s), 5);
    kl_mvn_free(q);
    kl_mvn_free(post);
}

/* -- 9. beta and posterior collapse ----------------------------------------- */

/* >>> beta-optimum */
/* The maximiser of the beta-ELBO over all normal q: setting its gradient to
 * zero gives Sigma^-1 = I + W^T W / (beta sigma^2) and
 * mu = (W^T W / sigma^2 + beta I)^-1 W^T (x - b) / sigma^2 = Sigma g / beta.
 * At beta = 1 it is the true posterior. */
static void beta_optimum(const struct lg_model *g, double beta, double *mu, double *cov)
{
    gsl_matrix *a = gsl_matrix_alloc(LK, LK);
    for (int j = 0; j < LK; j++)
        for (int l = 0; l < LK; l++)
            gsl_matrix_set(a, j, l, (j == l) + g->p[j * LK + l] / beta);
    if (gsl_linalg_cholesky_decomp1(a) != GSL_SUCCESS)
        book_fail(B, "beta-ELBO: not positive definite");
    gsl_linalg_cholesky_invert(a);
    for (int j = 0; j < LK; j++) {
        mu[j] = 0.0;
        for (int l = 0; l < LK; l++) {
            cov[j * LK + l] = gsl_matrix_get(a, j, l);
            mu[j] += cov[j * LK + l] * g->g[l] / beta;
        }
    }
    gsl_matrix_free(a);
}
/* <<< beta-optimum */

struct beta_fit {
    const struct lg_model *g;
    double beta;
};

/* theta = (mu_1, mu_2, log L_11, L_21, log L_22), Sigma = L L^T. */
static void theta_q(const double *t, double *mu, double *cov)
{
    double l11 = exp(t[2]), l21 = t[3], l22 = exp(t[4]);
    mu[0] = t[0], mu[1] = t[1];
    cov[0] = l11 * l11, cov[1] = cov[2] = l11 * l21, cov[3] = l21 * l21 + l22 * l22;
}

static double neg_beta_elbo(const gsl_vector *v, void *params)
{
    const struct beta_fit *f = params;
    double mu[LK], cov[LK * LK];
    theta_q(v->data, mu, cov);
    return -lg_beta_elbo(f->g, mu, cov, f->beta);
}

/* The maximiser of the beta-ELBO found by GSL's Nelder-Mead simplex, from
 * the prior, into MU and COV. */
static void beta_minimise(const struct lg_model *g, double beta, double *mu, double *cov)
{
    struct beta_fit fit = {g, beta};
    gsl_multimin_function F = {neg_beta_elbo, 5, &fit};
    gsl_vector *x = gsl_vector_calloc(5), *step = gsl_vector_alloc(5);
    gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(
        gsl_multimin_fminimizer_nmsimplex2, 5);
    if (x == NULL || step == NULL || m == NULL)
        book_fail(B, "out of memory");
    int status = GSL_CONTINUE;
    for (int round = 0; round < 2; round++) {  /* a restart: the simplex can stall */
        gsl_vector_set_all(step, round ? 0.01 : 0.3);
        gsl_multimin_fminimizer_set(m, &F, x, step);
        status = GSL_CONTINUE;
        for (int it = 0; it < 20000 && status == GSL_CONTINUE; it++) {
            if (gsl_multimin_fminimizer_iterate(m) != GSL_SUCCESS)
                break;
            status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), 1e-6);
        }
        gsl_vector_memcpy(x, m->x);
    }
    if (status != GSL_SUCCESS)
        book_fail(B, "beta-ELBO: the simplex did not converge at beta = %g", beta);
    theta_q(m->x->data, mu, cov);
    gsl_multimin_fminimizer_free(m);
    gsl_vector_free(x);
    gsl_vector_free(step);
}

/* D(N(MU0, COV0) || N(MU1, COV1)) in LK dimensions. */
static double lk_divergence(const double *mu0, const double *cov0,
                            const double *mu1, const double *cov1)
{
    double d;
    ok(kl_mvn_divergence_raw(mu0, cov0, mu1, cov1, LK, &d), "D");
    return d;
}

/* The KL term of the beta-optimum along each eigenvector of W^T W / sigma^2
 * (eigenvalues EV, eigenvectors the columns of V): there Sigma is diagonal,
 * beta / (beta + ev_i), and the KL term is a sum over the directions. */
static void beta_directions(const gsl_vector *ev, const gsl_matrix *v,
                            double beta, const double *mu, double *d)
{
    for (int i = 0; i < LK; i++) {
        double s = beta / (beta + gsl_vector_get(ev, i)), m = 0.0;
        for (int j = 0; j < LK; j++)
            m += gsl_matrix_get(v, j, i) * mu[j];
        d[i] = 0.5 * (s + m * m - 1 - log(s));
    }
}

static void beta_vae(const struct lg_model *g)
{
    double betas[MAXBETA], mu[LK], cov[LK * LK], mu2[LK], cov2[LK * LK], dirs[LK];
    size_t nb = book_param_real_list(B, "BETA_CHECK", betas, MAXBETA);
    gsl_matrix *pm = matrix_of(g->p, LK), *v = gsl_matrix_alloc(LK, LK);
    gsl_vector *ev = gsl_vector_alloc(LK);
    gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(LK);
    if (v == NULL || ev == NULL || ws == NULL)
        book_fail(B, "out of memory");
    if (gsl_eigen_symmv(pm, ev, v, ws) != GSL_SUCCESS)
        book_fail(B, "eigenvectors failed");
    gsl_eigen_symmv_sort(ev, v, GSL_EIGEN_SORT_VAL_DESC);
    FILE *f = book_data(B, "beta.tsv", "the maximiser of the beta-ELBO, closed "
                        "form: its KL term, along each eigenvector of W^T W "
                        "(strong, weak), and its reconstruction loss",
                        "beta\tkl\tkl_strong\tkl_weak\trecon_loss");
    double worst = 0.0, kl1 = NAN, kl_hi = NAN, dirs1[LK] = {NAN, NAN};
    for (int i = 0; i <= 60; i++) {
        double beta = pow(10.0, -2.0 + i / 15.0), d;
        beta_optimum(g, beta, mu, cov);
        ok(kl_mvn_vae_full(mu, cov, LK, &d), "KL term");
        beta_directions(ev, v, beta, mu, dirs);
        worst = fmax(worst, fabs(dirs[0] + dirs[1] - d) / d);
        fprintf(f, "%.6g\t%.10g\t%.10g\t%.10g\t%.10g\n", beta, d, dirs[0], dirs[1],
                -lg_recon(g, mu, cov));
        if (i == 30) {
            kl1 = d;
            memcpy(dirs1, dirs, sizeof dirs1);
        }
        kl_hi = d;
    }
    book_close_file(B, f);
    book_claim_le(B, "eigenvectors", "β-ELBO optimum: KL term (Cholesky) = sum over "
                  "the eigenvectors of WᵀW (worst relative gap, 61 values of β)",
                  worst, 0.0, 1e-10);
    f = book_data(B, "beta-check.tsv", "the maximiser found by GSL's Nelder-Mead "
                  "simplex at each BETA_CHECK", "beta\tkl\trecon_loss");
    double worst_fit = 0.0;
    for (size_t i = 0; i < nb; i++) {
        double d;
        beta_minimise(g, betas[i], mu2, cov2);
        beta_optimum(g, betas[i], mu, cov);
        worst_fit = fmax(worst_fit, lk_divergence(mu2, cov2, mu, cov));
        ok(kl_mvn_vae_full(mu2, cov2, LK, &d), "KL term");
        fprintf(f, "%.6g\t%.10g\t%.10g\n", betas[i], d, -lg_recon(g, mu2, cov2));
    }
    book_close_file(B, f);
    char text[200];
    snprintf(text, sizeof text, "β-ELBO: GSL's simplex maximiser = the closed-form "
             "optimum at %zu values of β (largest D between them)", nb);
    book_claim_le(B, "GSL minimiser", text, worst_fit, 0.0, 1e-9);
    beta_minimise(g, 1.0, mu2, cov2);
    book_claim_le(B, "GSL minimiser", "β = 1: the maximiser of the ELBO is the true "
                  "posterior (D(q* ‖ p(z|x)))", lk_divergence(mu2, cov2, g->m, g->s),
                  0.0, 1e-9);
    book_value(B, "beta_kl1", kl1, 4);
    book_value(B, "beta_kl1_strong", dirs1[0], 4);
    book_value(B, "beta_kl1_weak", dirs1[1], 3);
    book_value(B, "beta_kl_hi", kl_hi, 2);
    book_value(B, "beta_ev_strong", gsl_vector_get(ev, 0), 3);
    book_value(B, "beta_ev_weak", gsl_vector_get(ev, 1), 3);
    gsl_matrix_free(pm), gsl_matrix_free(v), gsl_vector_free(ev);
    gsl_eigen_symmv_free(ws);

    /* a decoder that ignores z (W = 0): the maximiser is the prior */
    struct lg_model g0;
    double zero[LK] = {0}, eye[LK * LK];
    identity(eye, LK);
    lg_open(&g0, 1);
    beta_minimise(&g0, 1.0, mu2, cov2);
    book_claim_le(B, "GSL minimiser", "W = 0 (the decoder ignores z): the maximiser of "
                  "the ELBO is the prior, D(q* ‖ N(0, I))", lk_divergence(mu2, cov2, zero, eye),
                  0.0, 1e-9);
}

/* -- 10. Score-function and reparameterised gradients ---------------------- */

/* f(z) = log p(x, z) of the linear-Gaussian model, and its gradient in z:
 * W^T (x - b - W z) / sigma^2 - z. */
static double lg_joint(const struct lg_model *g, const double *z, double *grad)
{
    double e[LD];
    for (int i = 0; i < LD; i++) {
        e[i] = g->r[i];
        for (int j = 0; j < LK; j++)
            e[i] -= g->w[i * LK + j] * z[j];
    }
    for (int j = 0; j < LK; j++) {
        grad[j] = -z[j];
        for (int i = 0; i < LD; i++)
            grad[j] += g->w[i * LK + j] * e[i] / (g->sigma * g->sigma);
    }
    return lg_loglik(g, z) + lg_logprior(z);
}

/* Moments of one estimator's draws: sums of x, x^2, x^3, x^4. */
struct moments {
    double s[4];
};

static void moments_add(struct moments *m, double x)
{
    double p = x;
    for (int i = 0; i < 4; i++, p *= x)
        m->s[i] += p;
}

/* mean, its SE, the per-draw sd, and the SE of the per-draw variance. */
static void moments_get(const struct moments *m, long n, double *mean, double *se,
                        double *sd, double *var_se)
{
    double a = m->s[0] / n, v = m->s[1] / n - a * a;
    double m4 = m->s[3] / n - 4 * a * m->s[2] / n + 6 * a * a * m->s[1] / n - 3 * a * a * a * a;
    *mean = a;
    *se = sqrt(v / (n - 1));
    *sd = sqrt(v * n / (n - 1));
    if (var_se)
        *var_se = sqrt(fmax(m4 - v * v, 0.0) / n);
}

/* Draws of three estimates of d/dmu_1 E_q[f(z)], q = N(mu, s^2 I), from the
 * same noise: the score function, the score function with the baseline
 * f(mu), and the reparameterised gradient.  M[c][j]: estimator c,
 * component j. */
static void grad_estimates(const struct lg_model *g, const double *mu, double s,
                           long n, struct moments m[3][LK])
{
    double gm[LK], fmu = lg_joint(g, mu, gm);
    memset(m, 0, 3 * LK * sizeof m[0][0]);
    for (long i = 0; i < n; i++) {
        double eps[LK], z[LK], grad[LK];
        for (int j = 0; j < LK; j++) {
            eps[j] = gsl_ran_gaussian(RNG, 1.0);
            z[j] = mu[j] + s * eps[j];
        }
        /* >>> score-reparam */
        double f = lg_joint(g, z, grad);    /* f(z) and its gradient at z */
        for (int j = 0; j < LK; j++) {
            double score = eps[j] / s;           /* d/dmu_j log q(z) */
            moments_add(&m[0][j], f * score);           /* score function */
            moments_add(&m[1][j], (f - fmu) * score);   /* ... with a baseline */
            moments_add(&m[2][j], grad[j]);             /* reparameterised */
        }
        /* <<< score-reparam */
    }
}

static void gradient_estimators(const struct lg_model *g)
{
    long n = book_param_int(B, "GRADEST_DRAWS");
    double mu[LK], exact[LK], h2 = 0.0, h[LK * LK];
    memcpy(mu, g->qmu, sizeof mu);
    lg_joint(g, mu, exact);     /* f is quadratic: E_q grad f = grad f(mu) */
    /* H = -(W^T W / sigma^2 + I): the reparameterised draws have variance
     * s^2 (H^2)_11 in component 1 */
    for (int i = 0; i < LK * LK; i++)
        h[i] = -(g->p[i] + (i % (LK + 1) == 0));
    for (int l = 0; l < LK; l++)
        h2 += h[l] * h[l];
    FILE *f = book_data(B, "score-reparam.tsv", "per-draw sd of three estimators "
                        "of d/dmu_1 E_q[log p(x, z)], q = N(the mean of q, s^2 I)",
                        "s\tsd_score\tsd_baseline\tsd_reparam\tsd_reparam_closed");
    gsl_rng_set(RNG, SEED + 9);
    double worst_ratio = INFINITY, at1[3] = {NAN, NAN, NAN}, at0[3] = {NAN, NAN, NAN};
    for (int i = 0; i <= 13; i++) {
        double s = pow(2.0, (i - 10) / 3.0), sd[3];
        struct moments m[3][LK];
        grad_estimates(g, mu, s, n, m);
        for (int c = 0; c < 3; c++) {
            double mean, se, vse;
            moments_get(&m[c][0], n, &mean, &se, &sd[c], &vse);
            if (i == 10) {  /* s = 1: unbiased, and the closed-form variance */
                static const char *name[3] = {"score function",
                    "score function with baseline f(μ)", "reparameterised"};
                for (int j = 0; j < LK; j++) {
                    double mj, sej, sdj;
                    moments_get(&m[c][j], n, &mj, &sej, &sdj, NULL);
                    char text[200];
                    snprintf(text, sizeof text, "s = 1, %ld draws: %s estimate of "
                             "∂/∂μ%s E_q log p(x, z)", n, name[c], j ? "₂" : "₁");
                    book_claim_sigma(B, "Monte Carlo", text, exact[j], mj, sej, 4.0);
                }
                if (c == 2)
                    book_claim_sigma(B, "Monte Carlo", "s = 1: variance of the "
                                     "reparameterised ∂/∂μ₁ = s²(H²)₁₁, H = −(WᵀW/σ² + I)",
                                     h2, sd[2] * sd[2] * (n - 1) / n, vse, 4.0);
                at1[c] = sd[c];
            }
            if (i == 0)
                at0[c] = sd[c];
        }
        worst_ratio = fmin(worst_ratio, fmin(sd[0], sd[1]) / sd[2]);
        fprintf(f, "%.6g\t%.6g\t%.6g\t%.6g\t%.6g\n", s, sd[0], sd[1], sd[2], s * sqrt(h2));
    }
    book_close_file(B, f);
    book_claim_ge(B, "Monte Carlo", "at every s (14 values, 0.1 to 2), both score-function "
                  "estimators vary more than the reparameterised one (smallest sd ratio)",
                  worst_ratio, 1.0, 0.0);
    book_value(B, "ge_exact1", exact[0], 4);
    book_value(B, "ge_sd_score1", at1[0], 3);
    book_value(B, "ge_sd_base1", at1[1], 3);
    book_value(B, "ge_sd_rep1", at1[2], 3);
    book_value(B, "ge_sd_score0", at0[0], 3);
    book_value(B, "ge_sd_base0", at0[1], 3);
    book_value(B, "ge_sd_rep0", at0[2], 3);
    book_value(B, "ge_s0", pow(2.0, -10 / 3.0), 2);
    book_value(B, "ge_ratio1", at1[0] / at1[2], 2);
    book_value(B, "ge_ratio_min", worst_ratio, 2);
    book_value(B, "ge_draws_ratio1", pow(at1[0] / at1[2], 2), 2);
}

/* -- 11. The k1, k2, k3 estimators ------------------------------------------ */

/* One case of the table: its name, D(q || p), the closed forms of the
 * per-draw variance V of k1 = -log r, of E[k2] = (V + D^2)/2 and of
 * Var k3 = E r^2 - 1 - 2 D(p || q) - 2 D + V, and the draws' log r. */
struct kcase {
    const char *name;
    double d, v, e_k2, var_k3, lmin;
};

/* Closed forms of a case q = N(mu, cov) against p = N(0, I) in k dims. */
static void kcase_closed(struct kcase *c, const double *mu, const double *cov, size_t k)
{
    double zero[K] = {0}, eye[K * K], fwd, v = 0.0;
    identity(eye, k);
    ok(kl_mvn_divergence_raw(mu, cov, zero, eye, k, &c->d), "D(q || p)");
    ok(kl_mvn_divergence_raw(zero, eye, mu, cov, k, &fwd), "D(p || q)");
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            double a = cov[i * k + j] - (i == j);
            v += 0.5 * a * a + mu[i] * cov[i * k + j] * mu[j];
        }
    c->v = v;
    c->e_k2 = 0.5 * (v + c->d * c->d);
    c->var_k3 = expm1(log_ratio_moment(mu, cov, k, 2)) - 2 * fwd - 2 * c->d + v;
}

/* The row of case C from the N draws' LOG_R: claims and values kN_*. */
static void kcase_row(const struct kcase *c, int row, const double *log_r, long n,
                      FILE *f)
{
    struct moments m[4] = {0};
    for (long i = 0; i < n; i++) {
        double lr = log_r[i], k1 = -lr, k2 = 0.5 * lr * lr, k3 = expm1(lr) - lr;
        moments_add(&m[0], k1);
        moments_add(&m[1], k2);
        moments_add(&m[2], k3);
        moments_add(&m[3], k2 - k1);
    }
    double mean[4], se[4], sd[4], vse[4];
    for (int e = 0; e < 4; e++)
        moments_get(&m[e], n, &mean[e], &se[e], &sd[e], &vse[e]);
    char text[200], name[64];
    snprintf(text, sizeof text, "k1 = −log r, %s: unbiased", c->name);
    book_claim_sigma(B, "Monte Carlo", text, c->d, mean[0], se[0], 4.0);
    snprintf(text, sizeof text, "k3 = (r − 1) − log r, %s: unbiased", c->name);
    book_claim_sigma(B, "Monte Carlo", text, c->d, mean[2], se[2], 4.0);
    snprintf(text, sizeof text, "k2 = ½(log r)², %s: mean = ½(V + D²)", c->name);
    book_claim_sigma(B, "Monte Carlo", text, c->e_k2, mean[1], se[1], 4.0);
    snprintf(text, sizeof text, "k2 − k1, %s: mean = the bias ½(V + D²) − D", c->name);
    book_claim_sigma(B, "Monte Carlo", text, c->e_k2 - c->d, mean[3], se[3], 4.0);
    double bias = c->e_k2 - c->d;
    if (fabs(bias) > 8 * se[3]) {   /* resolvable: the sign must show */
        snprintf(text, sizeof text, "k2's bias is %s for %s: mean of k2 − k1, in SE "
                 "(signed)", bias > 0 ? "positive" : "negative", c->name);
        book_claim_ge(B, "Monte Carlo", text, (bias > 0 ? 1 : -1) * mean[3] / se[3], 4.0, 0.0);
    }
    if (c->lmin > 0.875) {  /* E r^8 finite: the sample variance's SE means something */
        snprintf(text, sizeof text, "k3, %s: variance = E r² − 1 − 2D(p‖q) − 2D + V",
                 c->name);
        book_claim_sigma(B, "Monte Carlo", text, c->var_k3, sd[2] * sd[2] * (n - 1) / n,
                         vse[2], 4.0);
    }
    fprintf(f, "%d\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g\t%.8g\n", row, c->d, mean[0],
            mean[1], mean[2], sd[0], sd[1], sd[2]);
    static const char *est[3] = {"k1", "k2", "k3"};
    for (int e = 0; e < 3; e++) {
        snprintf(name, sizeof name, "%s_mean%d", est[e], row);
        book_value(B, name, mean[e], 4);
        snprintf(name, sizeof name, "%s_se%d", est[e], row);
        book_value(B, name, se[e], 2);
        snprintf(name, sizeof name, "%s_sd%d", est[e], row);
        book_value(B, name, sd[e], 3);
    }
    snprintf(name, sizeof name, "kd%d", row);
    book_value(B, name, c->d, 4);
    snprintf(name, sizeof name, "k2_bias%d", row);
    book_value(B, name, c->e_k2 - c->d, 3);
    snprintf(name, sizeof name, "k2_bias_mc%d", row);
    book_value(B, name, mean[3], 3);
    snprintf(name, sizeof name, "k2_bias_se%d", row);
    book_value(B, name, se[3], 2);
    snprintf(name, sizeof name, "k1_sd_closed%d", row);
    book_value(B, name, sqrt(c->v), 3);
    snprintf(name, sizeof name, "k3_sd_closed%d", row);
    book_value(B, name, sqrt(c->var_k3), 3);
    snprintf(name, sizeof name, "k_rel%d", row);
    book_value(B, name, sqrt(c->v) / c->d, 3);
}

/* The three one-dimensional cases q = N(mu, s^2) of KEST_MU, KEST_SD, and the
 * four-dimensional posterior of the Monte Carlo section, whose draws'
 * -log r are LOG4 (N4 of them, negated here). */
static void k_estimators(const double *mu4, const double *cov4, double lmin4,
                         const double *minus_log_r4, long n4)
{
    long n = book_param_int(B, "KEST_DRAWS");
    double kmu[3], ksd[3];
    book_param_real_list(B, "KEST_MU", kmu, 3);
    book_param_real_list(B, "KEST_SD", ksd, 3);
    double *lr = book_malloc(B, (size_t)(n > n4 ? n : n4) * sizeof *lr);
    FILE *f = book_data(B, "k-estimators.tsv", "the k1, k2, k3 estimators: exact D, "
                        "their means and per-draw sds", "case\tD\tk1\tk2\tk3\tsd1\tsd2\tsd3");
    gsl_rng_set(RNG, SEED + 10);
    char labels[3][64];
    for (int c = 0; c < 3; c++) {
        double mu = kmu[c], s = ksd[c], cov = s * s;
        if (mu == 0.0 && s == 1.0)
            book_param_refuse(B, "KEST_SD", "with KEST_MU, case %d is the prior itself, whose "
                              "D = 0 leaves nothing to estimate", c + 1);
        snprintf(labels[c], sizeof labels[c], "q = N(%g, %g²)", mu, s);
        struct kcase kc = {labels[c], 0, 0, 0, 0, s * s};
        kcase_closed(&kc, &mu, &cov, 1);
        for (long i = 0; i < n; i++) {
            double z = mu + s * gsl_ran_gaussian(RNG, 1.0);
            lr[i] = -0.5 * z * z + 0.5 * (z - mu) * (z - mu) / cov + log(s);
        }
        kcase_row(&kc, c, lr, n, f);
        if (s == 1.0) {    /* log r = -mu^2/2 - mu eps: E k2 - D = mu^4/8 */
            char text[320];
            snprintf(text, sizeof text, "%s: the bias of k2, ½(V + D²) − D, is "
                     "μ⁴/8 (one-dimensional derivation)", labels[c]);
            book_claim_rel(B, "exact", text, pow(mu, 4) / 8, kc.e_k2 - kc.d, 1e-9);
        }
        char name[32], text[64];
        snprintf(name, sizeof name, "kname%d", c);
        snprintf(text, sizeof text, "$\\mathcal N(%g, %g^2)$", mu, s);
        book_value_text(B, name, text);
    }
    struct kcase k4 = {"the 4-D posterior", 0, 0, 0, 0, lmin4};
    kcase_closed(&k4, mu4, cov4, K);
    for (long i = 0; i < n4; i++)
        lr[i] = -minus_log_r4[i];
    kcase_row(&k4, 3, lr, n4, f);
    book_close_file(B, f);
    free(lr);
}

/* -- 12. Where the moments of r stop existing --------------------------------- */

/* +1 where E_q[r^m] is finite for q = N(0, s^2) against N(0, 1) (the
 * Cholesky test of log_power_integral), -1 where it diverges. */
struct moment_order {
    double m;
};

static double moment_finite(double s, void *params)
{
    double m = ((struct moment_order *)params)->m, mu = 0.0, cov = s * s;
    return isfinite(log_ratio_moment(&mu, &cov, 1, m)) ? 1.0 : -1.0;
}

/* The smallest s at which E_q[r^m] is finite, by GSL's bisection on the
 * sign of moment_finite over [0.1, 1]. */
static double moment_threshold(double m)
{
    struct moment_order o = {m};
    gsl_function F = {moment_finite, &o};
    gsl_root_fsolver *r = gsl_root_fsolver_alloc(gsl_root_fsolver_bisection);
    if (r == NULL)
        book_fail(B, "out of memory");
    gsl_root_fsolver_set(r, &F, 0.1, 1.0);
    int status = GSL_CONTINUE;
    for (int it = 0; it < 200 && status == GSL_CONTINUE; it++) {
        gsl_root_fsolver_iterate(r);
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(r),
                                        gsl_root_fsolver_x_upper(r), 1e-13, 0.0);
    }
    double s = 0.5 * (gsl_root_fsolver_x_lower(r) + gsl_root_fsolver_x_upper(r));
    gsl_root_fsolver_free(r);
    if (status != GSL_SUCCESS)
        book_fail(B, "bisection for the moment threshold did not converge");
    return s;
}

/* E_q[r^m] < inf exactly when m I + (1 - m) Sigma^-1 is positive definite:
 * for Sigma = s^2 I, s^2 > (m - 1)/m.  m = 2: the variance of (r - 1) - log r;
 * m = 4: the variance of its sample variance. */
static void moment_thresholds(void)
{
    double s2 = moment_threshold(2), s4 = moment_threshold(4);
    book_claim_abs(B, "bisection", "E_q[r²] finite exactly for s > 1/√2 (GSL bisection "
                   "on the Cholesky test)", M_SQRT1_2, s2, 1e-10);
    book_claim_abs(B, "bisection", "E_q[r⁴] finite exactly for s > √¾ (GSL bisection "
                   "on the Cholesky test)", sqrt(0.75), s4, 1e-10);
    book_value(B, "thr2", s2, 4);
    book_value(B, "thr4", s4, 4);
    book_plot_value(B, "thr2", s2);
    book_plot_value(B, "thr4", s4);
}

/* -- 13. The direction flips --------------------------------------------------- */

/* A posterior too wide or too narrow by a factor F, in the VAE's direction
 * D(q || p) and in chapter 5's D(p || q). */
static void direction_flip(void)
{
    static const double factors[] = {2, 3, 10};
    double worst = 0.0, least = INFINITY;
    for (int i = 0; i < 3; i++) {
        double f = factors[i], wide = per_dim(0.0, f), narrow = per_dim(0.0, 1 / f);
        double fw, fn;     /* chapter 5's direction, p = N(0, 1) first */
        ok(kl_gaussian_divergence(0, 1, 0, f, &fw), "D(p || q)");
        ok(kl_gaussian_divergence(0, 1, 0, 1 / f, &fn), "D(p || q)");
        /* D(N(0, s^2) || N(0, 1)) = D(N(0, 1) || N(0, 1/s^2)) */
        worst = fmax(worst, fmax(fabs(wide - fn) / fn, fabs(narrow - fw) / fw));
        least = fmin(least, wide / narrow);
        char name[32];
        snprintf(name, sizeof name, "flip_wide%d", i);
        book_value(B, name, wide, 3);
        snprintf(name, sizeof name, "flip_narrow%d", i);
        book_value(B, name, narrow, 3);
        snprintf(name, sizeof name, "flip_fwide%d", i);
        book_value(B, name, fw, 3);
        snprintf(name, sizeof name, "flip_fnarrow%d", i);
        book_value(B, name, fn, 3);
        snprintf(name, sizeof name, "flip_ratio%d", i);
        book_value(B, name, wide / narrow, 3);
    }
    book_claim_le(B, "chapter 5", "D(N(0, s²) ‖ N(0, 1)) = D(N(0, 1) ‖ N(0, 1/s²)) "
                  "for s = 2, 3, 10 and their inverses (worst relative gap)",
                  worst, 0.0, 1e-13);
    /* for the exercises' solutions */
    book_value(B, "ex_rho05", -0.5 * log1p(-0.25), 4);
    book_value(B, "ex_rho099", -0.5 * log1p(-0.99 * 0.99), 4);
    book_value(B, "ex_prior_s", 0.5 * ((0.25 + 0.25) / 4 - 1 - log(0.25) + log(4.0)), 4);
    book_claim_ge(B, "closed form", "D(q ‖ p): a posterior too wide by 2, 3 or 10 costs "
                  "more than one too narrow by the same factor (smallest ratio)",
                  least, 1.0, 0.0);
}

int main(int argc, char **argv)
{
    B = book_open("06-vae-kl", argc, argv);
    SEED = (unsigned long)book_param_int(B, "SEED");
    RNG = gsl_rng_alloc(gsl_rng_mt19937);
    if (RNG == NULL)
        book_fail(B, "out of memory");
    general();
    encoder_forms();
    random_encoders();
    ellipses();
    pull_map();
    pull_explorer();
    dimension();
    monte_carlo();
    variance_scan();
    gradients();
    struct lg_model lg;
    lg_open(&lg, 0);
    elbo(&lg);
    beta_vae(&lg);
    gradient_estimators(&lg);
    moment_thresholds();
    direction_flip();
    gsl_rng_free(RNG);
    return book_close(B);
}
