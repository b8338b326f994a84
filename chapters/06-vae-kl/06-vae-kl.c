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
 * Run: output/build/bin/06-vae-kl [OUTPUT-FOLDER]   (make chapter-06)
 * Change a parameter below, then `make chapter-06` reruns what depends on it. */
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
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "book/book.h"
#include "kl/gaussian.h"
#include "kl/mvn.h"

/* >>> parameters */
static const unsigned long SEED = 20261122; /* fixed: reproducible */
enum { K = 4 };                  /* latent dimension of the MC posterior */
static const double POST_MU[K] = {0.8, -0.5, 0.3, 0.0};
static const double POST_SD[K] = {1.05, 1.3, 1.0, 1.1};
static const double POST_CORR[K][K] = {  /* correlations */
    {1.0, 0.3, 0.0, 0.0},
    {0.3, 1.0, -0.2, 0.0},
    {0.0, -0.2, 1.0, 0.15},
    {0.0, 0.0, 0.15, 1.0}};
static const long MC_SIZES[] = {100, 1000, 10000, 100000};
enum { REPLICATES = 200 };       /* MC runs per n, for the error plot */
enum { GRAD_DRAWS = 20000 };     /* draws of the reparameterised gradient */
/* <<< parameters */
enum { NSIZES = sizeof MC_SIZES / sizeof MC_SIZES[0] };

static struct book *B;
static gsl_rng *RNG;

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

/* -- 1. The general multivariate divergence ------------------------------- */

/* >>> general-inputs */
/* P = N(G_M0, G_S0) and Q = N(G_M1, G_S1) in two dimensions, row-major */
static const double G_M0[2] = {0.5, -0.3}, G_S0[4] = {1.0, 0.6, 0.6, 0.8};
static const double G_M1[2] = {-0.4, 0.2}, G_S1[4] = {1.5, -0.3, -0.3, 1.0};
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

static void general(void)
{
    /* >>> general */
    struct kl_mvn *p = mvn(G_M0, G_S0, 2, "P"), *q = mvn(G_M1, G_S1, 2, "Q");
    double d_pq, d_qp;
    ok(kl_mvn_divergence(p, q, &d_pq), "D(P||Q)");
    ok(kl_mvn_divergence(q, p, &d_qp), "D(Q||P)");
    double quad = quadrature_2d(p, q);  /* the definition, integrated */
    /* <<< general */
    book_claim_rel(B, "2-D: Cholesky closed form = nested adaptive quadrature",
                   quad, d_pq, 1e-8);
    book_value(B, "gen_d_pq", d_pq, 6);
    book_value(B, "gen_d_qp", d_qp, 6);
    book_value(B, "gen_quad", quad, 10);
    book_value(B, "gen_ld0", p->logdet, 4);
    book_value(B, "gen_ld1", q->logdet, 4);
    kl_mvn_free(p);
    kl_mvn_free(q);

    /* k = 1: the matrices are numbers and the formula is chapter 5's */
    static const double cases[][4] = {{0, 1, 0, 1}, {1, 0.5, -1, 2},
                                      {0.3, 3, 0, 0.2}, {-2, 1, 2, 1}};
    double worst = 0.0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const double *c = cases[i];
        double v0 = c[1] * c[1], v1 = c[3] * c[3], d, e;
        ok(kl_mvn_divergence_raw(&c[0], &v0, &c[2], &v1, 1, &d), "k = 1");
        ok(kl_gaussian_divergence(c[0], c[1], c[2], c[3], &e), "univariate");
        worst = fmax(worst, fabs(d - e) / fmax(e, 1e-300));
    }
    book_claim_le(B, "k = 1: Cholesky form = univariate closed form "
                  "(worst relative gap, 4 cases)", worst, 0.0, 1e-14);
}

/* -- 2. The VAE's forms ---------------------------------------------------- */

static void vae_forms(void)
{
    /* >>> vae-forms */
    /* an encoder's output for one x: 8 means and 8 log-variances */
    enum { KE = 8 };
    static const double mu[KE] = {0.9, -1.4, 0.1, 0.0, 2.1, -0.3, 0.6, -0.05};
    static const double lv[KE] = {-2.3, -0.4, 0.2, 0.0, -4.0, -1.1, 0.7, -0.02};
    double cov[KE * KE] = {0}, eye[KE * KE], zero[KE] = {0};
    identity(eye, KE);
    for (int j = 0; j < KE; j++)
        cov[j * KE + j] = exp(lv[j]);            /* Sigma = diag(sigma^2) */

    double d_general, d_full, d_diag, d_sum = 0.0;
    ok(kl_mvn_divergence_raw(mu, cov, zero, eye, KE, &d_general), "general");
    ok(kl_mvn_vae_full(mu, cov, KE, &d_full), "full VAE form");
    ok(kl_mvn_vae_diag(mu, lv, KE, &d_diag), "diagonal VAE form");
    for (int j = 0; j < KE; j++) {     /* chapter 5, one axis at a time */
        double dj, sigma = exp(lv[j] / 2);
        ok(kl_gaussian_divergence(mu[j], sigma, 0.0, 1.0, &dj), "1-D");
        d_sum += dj;
    }
    /* <<< vae-forms */
    book_claim_rel(B, "VAE, k = 8: full form ½(tr Σ + μᵀμ − k − log det Σ) "
                   "= general form", d_general, d_full, 1e-13);
    book_claim_rel(B, "VAE, k = 8: diagonal form −½Σ(1 + log σ² − μ² − σ²) "
                   "= general form", d_general, d_diag, 1e-13);
    book_claim_rel(B, "VAE, k = 8: diagonal form = sum of 8 univariate "
                   "divergences", d_sum, d_diag, 1e-13);
    book_value(B, "enc_d", d_diag, 6);
    double dmax = 0;
    int jmax = 0;
    for (int j = 0; j < KE; j++) {
        double dj;
        ok(kl_gaussian_divergence(mu[j], exp(lv[j] / 2), 0.0, 1.0, &dj), "1-D");
        if (dj > dmax) {
            dmax = dj;
            jmax = j;
        }
    }
    book_value_int(B, "enc_jmax", jmax + 1);
    book_value(B, "enc_dmax", dmax, 4);
    book_value(B, "enc_dmax_share", 100 * dmax / d_diag, 2);

    /* many random encoders, k = 1..64 (diagonal) and random full
     * covariances A A^T + 0.1 I, k = 1..12 */
    gsl_rng_set(RNG, SEED + 1);
    double worst_diag = 0.0, worst_full = 0.0;
    enum { CASES = 1000, KMAX = 64, KFULL = 12 };
    double *m = book_malloc(B, KMAX * sizeof *m), *l = book_malloc(B, KMAX * sizeof *l);
    double *c = book_malloc(B, KMAX * KMAX * sizeof *c), *e = book_malloc(B, KMAX * KMAX * sizeof *e);
    double *a = book_malloc(B, KFULL * KFULL * sizeof *a), *z = calloc(KMAX, sizeof *z);
    if (z == NULL)
        book_fail(B, "out of memory");
    for (int t = 0; t < CASES; t++) {
        size_t k = 1 + (size_t)t % KMAX;
        for (size_t i = 0; i < k * k; i++)
            c[i] = 0.0;
        identity(e, k);
        for (size_t j = 0; j < k; j++) {
            m[j] = gsl_ran_gaussian(RNG, 1.5);
            l[j] = gsl_ran_flat(RNG, -6.0, 3.0);
            c[j * k + j] = exp(l[j]);
        }
        double dd, dg;
        ok(kl_mvn_vae_diag(m, l, k, &dd), "diagonal");
        ok(kl_mvn_divergence_raw(m, c, z, e, k, &dg), "general");
        worst_diag = fmax(worst_diag, fabs(dd - dg) / dg);

        k = 1 + (size_t)t % KFULL;
        for (size_t i = 0; i < k * k; i++)
            a[i] = gsl_ran_gaussian(RNG, 1.0 / sqrt((double)k));
        for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j <= i; j++) {
                double s = i == j ? 0.1 : 0.0;
                for (size_t r = 0; r < k; r++)
                    s += a[i * k + r] * a[j * k + r];
                c[i * k + j] = c[j * k + i] = s;
            }
        identity(e, k);
        double df;
        ok(kl_mvn_vae_full(m, c, k, &df), "full");
        ok(kl_mvn_divergence_raw(m, c, z, e, k, &dg), "general");
        worst_full = fmax(worst_full, fabs(df - dg) / dg);
    }
    free(m);
    free(l);
    free(c);
    free(e);
    free(a);
    free(z);
    book_claim_le(B, "1000 random diagonal encoders, k ≤ 64: diagonal form = "
                  "general form (worst relative gap)", worst_diag, 0.0, 1e-12);
    book_claim_le(B, "1000 random full covariances, k ≤ 12: full VAE form = "
                  "general form (worst relative gap)", worst_full, 0.0, 1e-12);
    book_value_int(B, "rand_cases", CASES);
    book_value(B, "rand_worst_diag", worst_diag, 2);
    book_value(B, "rand_worst_full", worst_full, 2);
}

/* -- 3. Two dimensions: the prior and a posterior as ellipses ------------- */

static const double E_MU[2] = {1.2, -0.6};
static const double E_SD[2] = {0.45, 0.3}, E_RHO = 0.75;

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

static void ellipses(void)
{
    double cov[4] = {E_SD[0] * E_SD[0], E_RHO * E_SD[0] * E_SD[1],
                     E_RHO * E_SD[0] * E_SD[1], E_SD[1] * E_SD[1]};
    double diag[4] = {cov[0], 0.0, 0.0, cov[3]}, eye[4], zero[2] = {0, 0};
    identity(eye, 2);
    struct kl_mvn *prior = mvn(zero, eye, 2, "prior");
    struct kl_mvn *post = mvn(E_MU, cov, 2, "posterior");
    struct kl_mvn *post_d = mvn(E_MU, diag, 2, "diagonal posterior");
    double d_full, d_diag;
    ok(kl_mvn_divergence(post, prior, &d_full), "D(q||p)");
    ok(kl_mvn_divergence(post_d, prior, &d_diag), "D(q_diag||p)");
    book_claim_rel(B, "2-D: correlation ρ costs −½ log(1 − ρ²) nats more than "
                   "the diagonal posterior", -0.5 * log1p(-E_RHO * E_RHO),
                   d_full - d_diag, 1e-12);
    book_value(B, "ell_d_full", d_full, 4);
    book_value(B, "ell_d_diag", d_diag, 4);
    book_value(B, "ell_rho", E_RHO, 3);
    book_value(B, "ell_extra", -0.5 * log1p(-E_RHO * E_RHO), 4);
    book_value(B, "ell_mu1", E_MU[0], 3);
    book_value(B, "ell_mu2", E_MU[1], 3);
    book_value(B, "ell_sd1", E_SD[0], 3);
    book_value(B, "ell_sd2", E_SD[1], 3);

    FILE *f = book_data(B, "ellipses.tsv",
                        "1- and 2-sigma ellipses: prior, posterior, diagonal "
                        "posterior (blocks 0-1, 2-3, 4-5)", "z1\tz2");
    ellipse(f, prior);
    ellipse(f, post);
    ellipse(f, post_d);
    book_close_file(B, f);
    f = book_data(B, "ellipse-draws.tsv", "300 draws from the posterior q",
                  "z1\tz2");
    gsl_rng_set(RNG, SEED + 2);
    for (int i = 0; i < 300; i++) {
        double z[2];
        kl_mvn_sample(post, RNG, z);
        fprintf(f, "%.6f\t%.6f\n", z[0], z[1]);
    }
    book_close_file(B, f);

    f = book_figure(B, "fig-ellipses", 760, 640);
    fprintf(f, "set xlabel \"latent coordinate z₁\"\n"
               "set ylabel \"latent coordinate z₂\"\n"
               "set size ratio -1\n"
               "set xrange [-2.6:2.8]\n"
               "set yrange [-2.3:3.9]\n"
               "set key top left samplen 2\n"
               "plot \"ellipses.tsv\" index 0 with lines lt 1 lw 2 title \"prior N(0, I): 1σ, 2σ\", \\\n"
               "     \"\" index 1 with lines lt 1 lw 1 dt 2 notitle, \\\n"
               "     \"ellipse-draws.tsv\" with points lt 7 pt 7 ps 0.35 title \"300 draws z ∼ q\", \\\n"
               "     \"ellipses.tsv\" index 2 with lines lt 2 lw 2.5 title \"posterior q, ρ = %.2f: D = %.3f nats\", \\\n"
               "     \"\" index 3 with lines lt 2 lw 1 dt 2 notitle, \\\n"
               "     \"\" index 4 with lines lt 3 lw 2 title \"diagonal q, ρ = 0: D = %.3f nats\", \\\n"
               "     \"\" index 5 with lines lt 3 lw 1 dt 2 notitle\n",
            E_RHO, d_full, d_diag);
    book_close_file(B, f);
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

static void pull_map(void)
{
    FILE *f = book_data(B, "pull.tsv",
                        "per-dimension KL D(N(mu, sigma^2) || N(0,1)) in nats",
                        "mu\tsigma\tD");
    double dmin = INFINITY, at_mu = NAN, at_sigma = NAN;
    for (int i = 0; i <= 120; i++) {
        double mu = -3.0 + 6.0 * i / 120;
        for (int j = 0; j <= 118; j++) {
            double sigma = 0.05 + 2.95 * j / 118, d = per_dim(mu, sigma);
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
    book_claim_abs(B, "pull map: the grid minimum is D = 0", 0.0, dmin, 1e-15);
    book_claim_abs(B, "pull map: ... at μ = 0", 0.0, at_mu, 1e-12);
    book_claim_abs(B, "pull map: ... and σ = 1", 1.0, at_sigma, 1e-12);

    /* the steepest-descent direction -(dD/dmu, dD/dsigma) = -(mu, sigma -
     * 1/sigma), scaled to a fixed length in units of the axes' spans */
    f = book_data(B, "pull-arrows.tsv",
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

    f = book_figure(B, "fig-pull", 760, 560);
    fputs("set view map\n"
          "set xlabel \"posterior mean μⱼ\"\n"
          "set ylabel \"posterior standard deviation σⱼ\"\n"
          "set cblabel \"KL of one latent dimension (nats)\"\n"
          "set xrange [-3:3]\n"
          "set yrange [0.05:3]\n"
          "set cbrange [0:5]\n"
          "set contour base\n"
          "set cntrparam levels discrete 0.1, 0.5, 1, 2, 3, 4\n"
          "set cntrlabel onecolor format \"%g\" start 60 interval 700\n"
          "set style fill solid 1.0 noborder\n"
          "unset grid\n"
          "unset key\n"
          "splot \"pull.tsv\" using 1:2:3 with image nocontour, \\\n"
          "      \"\" using 1:2:3 with lines nosurface lc rgb \"#ffffff\" lw 1, \\\n"
          "      \"\" using 1:2:3 with labels nosurface font \",10\" tc rgb \"#ffffff\", \\\n"
          "      \"pull-arrows.tsv\" using 1:2:3:4:5:6 with vectors nocontour "
          "head filled size screen 0.008,25 lc rgb \"#f0f0f0\" lw 1.2, \\\n"
          "      \"-\" using 1:2:3 with points nocontour pt 7 ps 1.5 lc rgb \"#D55E00\"\n"
          "0\t1\t0\ne\n",
          f);
    book_close_file(B, f);

    book_value(B, "pull_sig01", per_dim(0.0, 0.1), 3);
    book_value(B, "pull_mu2", per_dim(2.0, 1.0), 3);
    book_value(B, "pull_sig3", per_dim(0.0, 3.0), 3);
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

static void dimension(void)
{
    static const size_t ks[] = {1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000};
    enum { NK = sizeof ks / sizeof ks[0], KMAX = 1000 };
    const double mu_a = 0.5, s_a = 0.5, mu_b = 0.0, s_b = 0.9, rho = 0.5;
    double *cov = book_malloc(B, KMAX * KMAX * sizeof *cov);
    double *m = book_malloc(B, KMAX * sizeof *m), *l = book_malloc(B, KMAX * sizeof *l);
    FILE *f = book_data(B, "dimension.tsv",
                        "KL term against latent dimension k: diagonal A "
                        "(mu 0.5, sd 0.5), diagonal B (mu 0, sd 0.9), A with "
                        "equicorrelation 0.5 (Cholesky) and its closed form",
                        "k\tdiagA\tdiagB\tcorrA\tcorrA_closed");
    double worst = 0.0, d_a1000 = 0, d_c1000 = 0;
    for (int i = 0; i < NK; i++) {
        size_t k = ks[i];
        double da, db, dc;
        for (size_t j = 0; j < k; j++) {
            m[j] = mu_a;
            l[j] = 2 * log(s_a);
        }
        ok(kl_mvn_vae_diag(m, l, k, &da), "diagonal A");
        for (size_t j = 0; j < k; j++) {
            m[j] = mu_b;
            l[j] = 2 * log(s_b);
        }
        ok(kl_mvn_vae_diag(m, l, k, &db), "diagonal B");
        for (size_t j = 0; j < k; j++)
            m[j] = mu_a;
        equicorr_cov(cov, k, s_a, rho);
        ok(kl_mvn_vae_full(m, cov, k, &dc), "correlated A");
        double closed = equicorr_closed(k, mu_a, s_a, rho);
        worst = fmax(worst, fabs(dc - closed) / closed);
        fprintf(f, "%zu\t%.10g\t%.10g\t%.10g\t%.10g\n", k, da, db, dc, closed);
        if (k == 1000) {
            d_a1000 = da;
            d_c1000 = dc;
        }
    }
    book_close_file(B, f);

    /* at k = 1000, the general Cholesky route against N(0, I) as well */
    double d1, dgen, *eye = calloc((size_t)KMAX * KMAX, sizeof *eye);
    double *zero = calloc(KMAX, sizeof *zero);
    if (eye == NULL || zero == NULL)
        book_fail(B, "out of memory");
    identity(eye, KMAX);
    /* >>> dimension */
    /* one coordinate of the diagonal posterior, by chapter 5's formula */
    ok(kl_gaussian_divergence(mu_a, s_a, 0.0, 1.0, &d1), "one dimension");
    /* the equicorrelated posterior (m, cov) against N(0, I), k = 1000 */
    ok(kl_mvn_divergence_raw(m, cov, zero, eye, KMAX, &dgen), "k = 1000");
    /* <<< dimension */
    book_claim_rel(B, "k = 1000, diagonal: KL term = k × one dimension's "
                   "(chapter 5)", 1000 * d1, d_a1000, 1e-12);
    book_claim_le(B, "equicorrelated ρ = ½, k ≤ 1000: Cholesky log det = "
                  "closed form (worst relative gap)", worst, 0.0, 1e-11);
    book_claim_rel(B, "k = 1000, equicorrelated: general form (1000 × 1000 "
                   "Cholesky solves) = full VAE form", d_c1000, dgen, 1e-11);
    free(eye);
    free(zero);
    free(cov);
    free(m);
    free(l);

    book_value(B, "dim_mu_a", mu_a, 3);
    book_value(B, "dim_s_a", s_a, 3);
    book_value(B, "dim_s_b", s_b, 3);
    book_value(B, "dim_d1", d1, 4);
    book_value(B, "dim_a1000", d_a1000, 5);
    book_value(B, "dim_c1000", d_c1000, 5);
    book_value(B, "dim_b1", per_dim(mu_b, s_b), 3);
    book_value(B, "dim_b1000", 1000 * per_dim(mu_b, s_b), 3);
    book_value(B, "dim_extra1000", d_c1000 - d_a1000, 4);

    f = book_figure(B, "fig-dimension", 720, 460);
    fputs("set xlabel \"latent dimension k\"\n"
          "set ylabel \"KL term D(q ‖ N(0, I)) (nats)\"\n"
          "set logscale xy\n"
          "set format x \"%g\"\n"
          "set format y \"%g\"\n"
          "set xrange [0.8:1300]\n"
          "set yrange [0.005:2000]\n"
          "set key top left\n"
          "plot \"dimension.tsv\" using 1:4 with linespoints lt 3 pt 5 ps 0.9 "
          "title \"μⱼ = 0.5, σⱼ = 0.5, correlation ½\", \\\n"
          "     \"\" using 1:2 with linespoints lt 1 pt 7 ps 0.9 "
          "title \"μⱼ = 0.5, σⱼ = 0.5, diagonal\", \\\n"
          "     \"\" using 1:3 with linespoints lt 2 pt 9 ps 1.0 "
          "title \"μⱼ = 0, σⱼ = 0.9, diagonal\"\n",
          f);
    book_close_file(B, f);
}

/* -- 6. Monte Carlo --------------------------------------------------------- */

/* The Monte Carlo posterior: Sigma = D R D from POST_SD and POST_CORR. */
static struct kl_mvn *mc_posterior(double *cov)
{
    for (int i = 0; i < K; i++)
        for (int j = 0; j < K; j++)
            cov[i * K + j] = POST_SD[i] * POST_CORR[i][j] * POST_SD[j];
    return mvn(POST_MU, cov, K, "posterior");
}

/* >>> estimators */
/* n draws z ~ q; for each, log r = log p(z) - log q(z).  The plain
 * estimator averages -log r; the other averages (r - 1) - log r, which is
 * >= 0 term by term and has the same mean because E_q[r] = 1. */
struct estimate {
    double mean, se;
};

static void mc_kl(const struct kl_mvn *q, const struct kl_mvn *p, long n,
                  struct estimate *plain, struct estimate *nonneg,
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
    plain->mean = gsl_stats_mean(plain_terms, 1, n);
    plain->se = gsl_stats_sd_m(plain_terms, 1, n, plain->mean)
                / sqrt((double)n);
    nonneg->mean = gsl_stats_mean(nonneg_terms, 1, n);
    nonneg->se = gsl_stats_sd_m(nonneg_terms, 1, n, nonneg->mean)
                 / sqrt((double)n);
}
/* <<< estimators */

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

static void monte_carlo(void)
{
    double cov[K * K], eye[K * K], zero[K] = {0};
    identity(eye, K);
    struct kl_mvn *q = mc_posterior(cov), *p = mvn(zero, eye, K, "prior");
    double exact;
    ok(kl_mvn_divergence(q, p, &exact), "closed form");
    long nmax = MC_SIZES[NSIZES - 1];
    double *t1 = book_malloc(B, nmax * sizeof *t1), *t2 = book_malloc(B, nmax * sizeof *t2);
    char text[200], name[64];

    double lmin = min_eigenvalue(cov);
    book_claim_ge(B, "MC posterior: every eigenvalue of Σ exceeds ½, so "
                  "(r − 1) − log r has a finite variance", lmin, 0.5, 0.0);
    book_value(B, "mc_lmin", lmin, 3);
    book_value(B, "mc_exact", exact, 6);

    gsl_rng_set(RNG, SEED + 3);
    struct estimate plain, nonneg;
    for (int s = 0; s < NSIZES; s++) {
        long n = MC_SIZES[s];
        mc_kl(q, p, n, &plain, &nonneg, t1, t2);
        snprintf(text, sizeof text, "MC, n = %ld: plain estimator "
                 "mean of log q − log p", n);
        book_claim_sigma(B, text, exact, plain.mean, plain.se, 4.0);
        snprintf(text, sizeof text, "MC, n = %ld: mean of (r − 1) − log r", n);
        book_claim_sigma(B, text, exact, nonneg.mean, nonneg.se, 4.0);
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

    /* the last run (n = nmax): per-term variances, and the plain
     * estimator's variance in closed form, 1/2 |Sigma - I|_F^2 + mu^T Sigma mu */
    double v_plain = gsl_stats_variance(t1, 1, nmax);
    double v_nonneg = gsl_stats_variance(t2, 1, nmax);
    double m1 = gsl_stats_mean(t1, 1, nmax), m4 = 0.0;
    for (long i = 0; i < nmax; i++)
        m4 += pow(t1[i] - m1, 4) / nmax;
    double v_se = sqrt((m4 - v_plain * v_plain) / nmax);
    double v_closed = 0.0;
    for (int i = 0; i < K; i++)
        for (int j = 0; j < K; j++) {
            double a = cov[i * K + j] - (i == j);
            v_closed += 0.5 * a * a + POST_MU[i] * cov[i * K + j] * POST_MU[j];
        }
    book_claim_sigma(B, "MC: variance of log q − log p = ½ tr((Σ − I)²) + μᵀΣμ",
                     v_closed, v_plain, v_se, 4.0);
    book_value(B, "mc_var_plain", v_plain, 4);
    book_value(B, "mc_var_plain_se", v_se, 2);
    book_value(B, "mc_var_closed", v_closed, 4);
    book_value(B, "mc_var_nonneg", v_nonneg, 4);
    book_value(B, "mc_var_ratio", v_plain / v_nonneg, 3);

    /* error against n: the RMS error of REPLICATES runs at each n */
    static const long ns[] = {10, 32, 100, 316, 1000, 3162, 10000};
    enum { NN = sizeof ns / sizeof ns[0] };
    double lx[NN], ly1[NN], ly2[NN];
    FILE *f = book_data(B, "mc-error.tsv",
                        "RMS error of the two estimators over replicated runs, "
                        "and the predicted sd/sqrt(n)",
                        "n\trms_plain\trms_nonneg\tpred_plain\tpred_nonneg");
    gsl_rng_set(RNG, SEED + 4);
    for (int i = 0; i < NN; i++) {
        double s1 = 0, s2 = 0;
        for (int r = 0; r < REPLICATES; r++) {
            mc_kl(q, p, ns[i], &plain, &nonneg, t1, t2);
            s1 += (plain.mean - exact) * (plain.mean - exact);
            s2 += (nonneg.mean - exact) * (nonneg.mean - exact);
        }
        double r1 = sqrt(s1 / REPLICATES), r2 = sqrt(s2 / REPLICATES);
        lx[i] = log((double)ns[i]);
        ly1[i] = log(r1);
        ly2[i] = log(r2);
        fprintf(f, "%ld\t%.6g\t%.6g\t%.6g\t%.6g\n", ns[i], r1, r2,
                sqrt(v_closed / ns[i]), sqrt(v_nonneg / ns[i]));
    }
    book_close_file(B, f);
    double c0, slope1, slope2, cv00, cv01, cv11, ss;
    gsl_fit_linear(lx, 1, ly1, 1, NN, &c0, &slope1, &cv00, &cv01, &cv11, &ss);
    gsl_fit_linear(lx, 1, ly2, 1, NN, &c0, &slope2, &cv00, &cv01, &cv11, &ss);
    book_claim_abs(B, "MC error ∝ n^(−½): fitted log–log slope, plain "
                   "estimator", -0.5, slope1, 0.05);
    book_claim_abs(B, "MC error ∝ n^(−½): fitted log–log slope, (r − 1) − "
                   "log r", -0.5, slope2, 0.05);
    book_value(B, "mc_slope_plain", slope1, 3);
    book_value(B, "mc_slope_nonneg", slope2, 3);
    book_value_int(B, "mc_replicates", REPLICATES);

    f = book_figure(B, "fig-mc-error", 720, 460);
    fputs("set xlabel \"number of draws n\"\n"
          "set ylabel \"RMS error of the estimate (nats)\"\n"
          "set logscale xy\n"
          "set format x \"10^{%T}\"\n"
          "set format y \"%g\"\n"
          "set xrange [7:14000]\n"
          "set key bottom left\n"
          "plot \"mc-error.tsv\" using 1:4 with lines lt 1 dt 2 "
          "title \"plain: predicted sd/√n\", \\\n"
          "     \"\" using 1:2 with points lt 1 pt 7 ps 1.2 "
          "title \"plain, mean of log q − log p\", \\\n"
          "     \"\" using 1:5 with lines lt 2 dt 2 "
          "title \"(r − 1) − log r: sd/√n\", \\\n"
          "     \"\" using 1:3 with points lt 2 pt 5 ps 1.1 "
          "title \"mean of (r − 1) − log r\"\n",
          f);
    book_close_file(B, f);
    free(t1);
    free(t2);
    kl_mvn_free(q);
    kl_mvn_free(p);
}

/* The two estimators' per-draw standard deviations for isotropic
 * posteriors N(m, s^2 I) against N(0, I), s from 0.3 to 2. */
static void variance_scan(void)
{
    enum { N = 20000 };
    const double m = 0.3;
    double *t1 = book_malloc(B, N * sizeof *t1), *t2 = book_malloc(B, N * sizeof *t2);
    double eye[K * K], zero[K] = {0}, mu[K], cov[K * K];
    identity(eye, K);
    for (int j = 0; j < K; j++)
        mu[j] = m;
    struct kl_mvn *p = mvn(zero, eye, K, "prior");
    FILE *f = book_data(B, "variance.tsv",
                        "per-draw standard deviation of the two estimators, "
                        "posterior N(0.3, s^2 I) in 4 dimensions",
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
        mc_kl(q, p, N, &a, &b, t1, t2);
        double sd1 = a.se * sqrt((double)N), sd2 = b.se * sqrt((double)N);
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
    book_claim_le(B, "variance scan, s = 1: (r − 1) − log r varies less than "
                  "log q − log p (its sd)", sd2_at1, sd1_at1, 0.0);
    book_value(B, "var_sd1_at1", sd1_at1, 3);
    book_value(B, "var_sd2_at1", sd2_at1, 3);
    book_value(B, "var_sd2_half", sd2_half, 3);
    book_value(B, "var_m", m, 2);
    free(t1);
    free(t2);
    kl_mvn_free(p);

    f = book_figure(B, "fig-variance", 720, 460);
    fprintf(f, "set xlabel \"posterior standard deviation s (prior: 1)\"\n"
               "set ylabel \"standard deviation of one draw's term (nats)\"\n"
               "set logscale y\n"
               "set format y \"%%g\"\n"
               "set xrange [0.3:2]\n"
               "set yrange [0.03:300]\n"
               "set key top right\n"
               "set arrow from %.10g,graph 0 to %.10g,graph 1 nohead lt 7 dt 2\n"
               "set label \"s = 1/√2: below, (r − 1) − log r\\nhas infinite variance\" "
               "at %.10g,60 left offset 0.8,0\n"
               "plot \"variance.tsv\" using 1:4 with lines lt 1 "
               "title \"log q − log p: closed form\", \\\n"
               "     \"\" using 1:2 with points lt 1 pt 7 ps 0.7 "
               "title \"log q − log p: sample\", \\\n"
               "     \"\" using 1:3 with linespoints lt 2 pt 5 ps 0.7 "
               "title \"(r − 1) − log r: sample\"\n",
            M_SQRT1_2, M_SQRT1_2, M_SQRT1_2);
    book_close_file(B, f);
}

/* -- 7. Gradients ----------------------------------------------------------- */

/* >>> grad-point */
/* the encoder output at which the gradient is taken: mu and l = log sigma^2 */
static const double G_MU[K] = {1.0, -0.5, 0.2, 0.0};
static const double G_LV[K] = {-1.5, -0.3, 0.4, 0.0};
/* <<< grad-point */

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

static void gradients(void)
{
    double g_mu[K], g_lv[K], analytic[2 * K], fd[2 * K];
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
    book_claim_le(B, "gradient: analytic (μⱼ, ½(σⱼ² − 1)) = central finite "
                  "differences (worst absolute gap, 8 components)",
                  worst_fd, 0.0, 1e-9);
    book_value(B, "grad_fd_worst", worst_fd, 2);

    /* >>> reparam */
    /* z = mu + sigma eps, eps ~ N(0, I).  The per-draw term is
     * f = log q(z) - log p(z) = sum_j (-eps_j^2/2 - l_j/2 + z_j^2/2) + const,
     * so df/dmu_j = z_j and df/dl_j = -1/2 + z_j sigma_j eps_j / 2. */
    double sum[2 * K] = {0}, sum2[2 * K] = {0};
    gsl_rng_set(RNG, SEED + 6);
    for (long i = 0; i < GRAD_DRAWS; i++) {
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
    FILE *f = book_data(B, "gradient.tsv",
                        "KL-term gradient: analytic, and reparameterised MC "
                        "estimate with its standard error",
                        "index\tlabel\tanalytic\tmc\tse\tfinite_diff");
    double worst_z = 0.0;
    for (int w = 0; w < 2 * K; w++) {
        double mean = sum[w] / GRAD_DRAWS;
        double var = (sum2[w] - GRAD_DRAWS * mean * mean) / (GRAD_DRAWS - 1);
        double se = sqrt(var / GRAD_DRAWS);
        worst_z = fmax(worst_z, fabs(mean - analytic[w]) / se);
        fprintf(f, "%d\t%s%d\t%.10g\t%.10g\t%.6g\t%.10g\n", w + 1,
                w < K ? "μ" : "log σ²", w % K + 1, analytic[w], mean, se, fd[w]);
        if (w == 0) {
            book_claim_sigma(B, "reparameterised MC gradient, ∂/∂μ₁", analytic[w],
                             mean, se, 4.0);
            book_value(B, "grad_mu1_mc", mean, 4);
            book_value(B, "grad_mu1_se", se, 2);
        }
        if (w == K) {
            book_claim_sigma(B, "reparameterised MC gradient, ∂/∂log σ₁²",
                             analytic[w], mean, se, 4.0);
            book_value(B, "grad_lv1", analytic[w], 4);
            book_value(B, "grad_lv1_mc", mean, 4);
            book_value(B, "grad_lv1_se", se, 2);
        }
    }
    book_close_file(B, f);
    book_claim_le(B, "reparameterised MC gradient: all 8 components within 4 "
                  "standard errors (largest |error|/SE)", worst_z, 4.0, 0.0);
    book_value(B, "grad_worst_z", worst_z, 2);
    book_value_int(B, "grad_draws", GRAD_DRAWS);

    f = book_figure(B, "fig-gradient", 720, 440);
    fputs("set xlabel \"component of the gradient\"\n"
          "set ylabel \"estimate − analytic gradient\"\n"
          "set xrange [0.4:8.6]\n"
          "set yrange [-0.06:0.08]\n"
          "set xtics (\"∂/∂μ₁\" 1, \"∂/∂μ₂\" 2, \"∂/∂μ₃\" 3, \"∂/∂μ₄\" 4, "
          "\"∂/∂ℓ₁\" 5, \"∂/∂ℓ₂\" 6, \"∂/∂ℓ₃\" 7, \"∂/∂ℓ₄\" 8)\n"
          "set arrow from 0.4,0 to 8.6,0 nohead lt 7 lw 1\n"
          "set arrow from 4.5,graph 0 to 4.5,graph 1 nohead lt 8 dt 3\n"
          "set key top left\n"
          "plot \"gradient.tsv\" using 1:($4-$3):(4*$5) with yerrorbars lt 2 pt 7 "
          "ps 1 lw 1.5 title \"reparameterised Monte Carlo ± 4 SE\", \\\n"
          "     \"\" using 1:($6-$3) with points lt 1 pt 6 ps 1.6 lw 2 "
          "title \"central finite differences\"\n",
          f);
    book_close_file(B, f);
}

int main(int argc, char **argv)
{
    B = book_open("06-vae-kl", argc, argv);
    RNG = gsl_rng_alloc(gsl_rng_mt19937);
    if (RNG == NULL)
        book_fail(B, "out of memory");
    general();
    vae_forms();
    ellipses();
    pull_map();
    dimension();
    monte_carlo();
    variance_scan();
    gradients();
    gsl_rng_free(RNG);
    return book_close(B);
}
