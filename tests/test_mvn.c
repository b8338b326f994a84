/* Tests of src/kl/mvn.c: the divergence against hand-derived values and an
 * independent computation with explicit inverses, the three VAE forms and
 * the univariate closed form, the gradient against numerical derivatives,
 * the log-density against GSL's, the sampler's moments, affine invariance,
 * dimension 1000, and every error path. */
#include "testlib.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "kl/gaussian.h"
#include "kl/mvn.h"

/* A random SPD matrix A A^T + 0.5 I of size K into COV, from RNG. */
static void random_spd(gsl_rng *rng, size_t k, double *cov)
{
    double *a = malloc(k * k * sizeof *a);
    for (size_t i = 0; i < k * k; i++)
        a[i] = gsl_ran_gaussian(rng, 1.0) / sqrt((double)k);
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j <= i; j++) {
            double s = i == j ? 0.5 : 0.0;
            for (size_t m = 0; m < k; m++)
                s += a[i * k + m] * a[j * k + m];
            cov[i * k + j] = cov[j * k + i] = s;
        }
    free(a);
}

/* The divergence from explicit inverses and LU determinants: a different
 * route from the library's Cholesky solves. */
static double reference_divergence(const double *m0, const double *s0,
                                   const double *m1, const double *s1,
                                   size_t k)
{
    gsl_matrix *A = gsl_matrix_alloc(k, k), *inv = gsl_matrix_alloc(k, k);
    gsl_matrix *B = gsl_matrix_alloc(k, k);
    gsl_permutation *perm = gsl_permutation_alloc(k);
    int sign;
    for (size_t i = 0; i < k * k; i++) {
        A->data[(i / k) * A->tda + i % k] = s1[i];
        B->data[(i / k) * B->tda + i % k] = s0[i];
    }
    gsl_linalg_LU_decomp(A, perm, &sign);
    double ld1 = gsl_linalg_LU_lndet(A);
    gsl_linalg_LU_invert(A, perm, inv);
    gsl_linalg_LU_decomp(B, perm, &sign);
    double ld0 = gsl_linalg_LU_lndet(B);
    double tr = 0.0, q = 0.0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            tr += gsl_matrix_get(inv, i, j) * s0[j * k + i];
            q += (m1[i] - m0[i]) * gsl_matrix_get(inv, i, j) * (m1[j] - m0[j]);
        }
    gsl_matrix_free(A);
    gsl_matrix_free(B);
    gsl_matrix_free(inv);
    gsl_permutation_free(perm);
    return 0.5 * (tr + q - (double)k + ld1 - ld0);
}

static void test_mvn_divergence_known(void)
{
    /* P = N(0, I), Q = N((1,0), diag(4,1)):
     * D = (1/4 + 1 + 1/4 - 2 + ln 4)/2 = ln 2 - 1/4 */
    double m0[] = {0, 0}, s0[] = {1, 0, 0, 1};
    double m1[] = {1, 0}, s1[] = {4, 0, 0, 1}, d;
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m0, s0, m1, s1, 2, &d), KL_OK);
    ASSERT_REL(d, log(2.0) - 0.25, 1e-14);
    /* the covariance, against the reference */
    double c0[] = {1, 0.3, 0.3, 2}, c1[] = {2, -0.5, -0.5, 1};
    double n0[] = {0.5, -1}, n1[] = {0, 1};
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(n0, c0, n1, c1, 2, &d), KL_OK);
    ASSERT_REL(d, reference_divergence(n0, c0, n1, c1, 2), 1e-13);
}

static void test_mvn_divergence_random(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 7);
    double s0[64], s1[64], m0[8], m1[8], d;
    for (int trial = 0; trial < 200; trial++) {
        size_t k = 1 + trial % 8;
        random_spd(rng, k, s0);
        random_spd(rng, k, s1);
        for (size_t i = 0; i < k; i++) {
            m0[i] = gsl_ran_gaussian(rng, 1.0);
            m1[i] = gsl_ran_gaussian(rng, 1.0);
        }
        CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m0, s0, m1, s1, k, &d), KL_OK);
        ASSERT_REL(d, reference_divergence(m0, s0, m1, s1, k), 1e-10);
        CU_ASSERT(d >= 0.0);
    }
    gsl_rng_free(rng);
}

static void test_mvn_divergence_self_is_zero(void)
{
    double m[] = {1, 2, 3}, s[] = {2, 0.5, 0.1, 0.5, 1, 0.2, 0.1, 0.2, 3}, d;
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m, s, m, s, 3, &d), KL_OK);
    ASSERT_ABS(d, 0.0, 1e-15);
    CU_ASSERT(d >= 0.0);
}

static void test_mvn_divergence_univariate(void)
{
    double cases[][4] = {{0, 1, 0, 1}, {0, 1, 2, 1}, {1, 0.5, -1, 3},
                         {0.3, 4, 0, 0.2}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double *c = cases[i], v0 = c[1] * c[1], v1 = c[3] * c[3], d, e;
        CU_ASSERT_EQUAL(kl_mvn_divergence_raw(&c[0], &v0, &c[2], &v1, 1, &d),
                        KL_OK);
        CU_ASSERT_EQUAL(kl_gaussian_divergence(c[0], c[1], c[2], c[3], &e),
                        KL_OK);
        ASSERT_ABS(d, e, 1e-14 * (1 + e));
    }
}

/* D is invariant under x -> A x + b applied to both distributions. */
static void test_mvn_divergence_affine_invariant(void)
{
    double m0[] = {0.2, -0.4, 1}, m1[] = {1, 0, -1};
    double s0[] = {1, 0.2, 0, 0.2, 2, 0.3, 0, 0.3, 0.5};
    double s1[] = {2, 0, 0.4, 0, 1, 0, 0.4, 0, 1};
    double A[] = {1, 2, 0, 0, 1, -1, 3, 0, 1}, b[] = {5, -2, 0.5};
    double t0[9], t1[9], n0[3], n1[3], d, e;
    for (int i = 0; i < 3; i++) {
        n0[i] = b[i];
        n1[i] = b[i];
        for (int j = 0; j < 3; j++) {
            n0[i] += A[i * 3 + j] * m0[j];
            n1[i] += A[i * 3 + j] * m1[j];
            double u = 0, v = 0;
            for (int p = 0; p < 3; p++)
                for (int q = 0; q < 3; q++) {
                    u += A[i * 3 + p] * s0[p * 3 + q] * A[j * 3 + q];
                    v += A[i * 3 + p] * s1[p * 3 + q] * A[j * 3 + q];
                }
            t0[i * 3 + j] = u;
            t1[i * 3 + j] = v;
        }
    }
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m0, s0, m1, s1, 3, &d), KL_OK);
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(n0, t0, n1, t1, 3, &e), KL_OK);
    ASSERT_REL(e, d, 1e-12);
}

static void test_mvn_vae_forms_agree(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 11);
    enum { K = 16 };
    double mu[K], lv[K], cov[K * K] = {0}, eye[K * K] = {0}, zero[K] = {0};
    for (int t = 0; t < 50; t++) {
        double sum = 0.0;
        for (int j = 0; j < K; j++) {
            mu[j] = gsl_ran_gaussian(rng, 1.0);
            lv[j] = gsl_ran_flat(rng, -4.0, 2.0);
            cov[j * K + j] = exp(lv[j]);
            eye[j * K + j] = 1.0;
            double dj;
            CU_ASSERT_EQUAL(kl_gaussian_divergence(mu[j], exp(lv[j] / 2), 0.0,
                                                   1.0, &dj), KL_OK);
            sum += dj;
        }
        double dd, df, dg;
        CU_ASSERT_EQUAL(kl_mvn_vae_diag(mu, lv, K, &dd), KL_OK);
        CU_ASSERT_EQUAL(kl_mvn_vae_full(mu, cov, K, &df), KL_OK);
        CU_ASSERT_EQUAL(kl_mvn_divergence_raw(mu, cov, zero, eye, K, &dg),
                        KL_OK);
        ASSERT_REL(df, dd, 1e-13);
        ASSERT_REL(dg, dd, 1e-13);
        ASSERT_REL(sum, dd, 1e-13);
    }
    gsl_rng_free(rng);
}

/* kl_mvn_vae_term on a factored law gives kl_mvn_vae_full's bits, full
 * and diagonal covariances, and its KL_ERANGE. */
static void test_mvn_vae_term_same_bits(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 12);
    enum { K = 9 };
    double mu[K], a[K * K], cov[K * K];
    for (int t = 0; t < 40; t++) {
        size_t k = 1 + (size_t)t % K;
        for (size_t i = 0; i < k * k; i++)
            a[i] = gsl_ran_gaussian(rng, 1.0);
        for (size_t i = 0; i < k; i++) {
            mu[i] = gsl_ran_gaussian(rng, 2.0);
            for (size_t j = 0; j < k; j++) {
                double c = i == j ? 0.05 : 0.0;
                for (size_t r = 0; r < k; r++)
                    c += t % 2 ? a[i * k + r] * a[j * k + r]
                               : (i == j) * a[i * k + r] * a[i * k + r];
                cov[i * k + j] = c;
            }
        }
        for (size_t i = 0; i < k; i++)          /* exactly symmetric */
            for (size_t j = 0; j < i; j++)
                cov[i * k + j] = cov[j * k + i];
        struct kl_mvn *g;
        double df = -1.0, dt = -2.0;
        CU_ASSERT_EQUAL_FATAL(kl_mvn_alloc(mu, cov, k, &g), KL_OK);
        CU_ASSERT_EQUAL(kl_mvn_vae_full(mu, cov, k, &df), KL_OK);
        CU_ASSERT_EQUAL(kl_mvn_vae_term(g, &dt), KL_OK);
        CU_ASSERT_EQUAL(memcmp(&df, &dt, sizeof df), 0);
        kl_mvn_free(g);
    }
    gsl_rng_free(rng);
    double m0[] = {1e308}, big1[] = {1e308}, d = 4.0;
    struct kl_mvn *g;
    CU_ASSERT_EQUAL_FATAL(kl_mvn_alloc(m0, big1, 1, &g), KL_OK);
    CU_ASSERT_EQUAL(kl_mvn_vae_term(g, &d), KL_ERANGE);
    CU_ASSERT_EQUAL(d, 4.0);
    kl_mvn_free(g);
}

static void test_mvn_vae_diag_tiny(void)
{
    /* D = (e^u - 1 - u)/2 ~ u^2/4 (1 + u/3) for the one coordinate */
    double mu[] = {0.0}, lv[] = {1e-9}, d;
    CU_ASSERT_EQUAL(kl_mvn_vae_diag(mu, lv, 1, &d), KL_OK);
    ASSERT_REL(d, 0.25e-18 * (1 + 1e-9 / 3), 1e-14);
    lv[0] = 0.0;
    CU_ASSERT_EQUAL(kl_mvn_vae_diag(mu, lv, 1, &d), KL_OK);
    CU_ASSERT_EQUAL(d, 0.0);
    /* e^710 overflows, but D = (e^710 - 711)/2 = 1.1169973830808555e308
     * (Python decimal, 80 digits) fits; e^800/2 does not: KL_ERANGE */
    double fits[] = {710.0};
    CU_ASSERT_EQUAL(kl_mvn_vae_diag(mu, fits, 1, &d), KL_OK);
    ASSERT_REL(d, 1.1169973830808555e+308, 4 * DBL_EPSILON);
    double big[] = {800.0};
    d = 3.0;
    CU_ASSERT_EQUAL(kl_mvn_vae_diag(mu, big, 1, &d), KL_ERANGE);
    CU_ASSERT_EQUAL(d, 3.0);
    double two[] = {710.0, 710.0}, z2[] = {0.0, 0.0};
    CU_ASSERT_EQUAL(kl_mvn_vae_diag(z2, two, 2, &d), KL_ERANGE); /* the sum */
    CU_ASSERT_EQUAL(d, 3.0);
}

/* m1 - m0 = 2e308 overflowed in gsl_vector_sub, and D came out +inf for
 * D = (2e308)^2 / (2 * 1.7e308) = 1.1764705882352943e308 (Python decimal on
 * the exact doubles; the trace and log-det terms are 0). */
static void test_mvn_divergence_overflow(void)
{
    double m0[] = {1e308}, m1[] = {-1e308}, s[] = {1.7e308}, d = -1.0;
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m0, s, m1, s, 1, &d), KL_OK);
    ASSERT_REL(d, 1.1764705882352943e+308, 4 * DBL_EPSILON);
    double m2[] = {1e308, 0}, m3[] = {-1e308, 0}, s2[] = {1.7e308, 0, 0, 1};
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m2, s2, m3, s2, 2, &d), KL_OK);
    ASSERT_REL(d, 1.1764705882352943e+308, 4 * DBL_EPSILON);
    /* beyond the range: a status, D untouched */
    double one[] = {1.0}, tiny[] = {1e-300};
    d = 5.0;
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m0, one, m1, one, 1, &d), KL_ERANGE);
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m0, one, m0, tiny, 1, &d), KL_OK);
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m0, one, m1, tiny, 1, &d), KL_ERANGE);
    double big[] = {1e300, 0, 0, 1e300}, small[] = {1e-300, 0, 0, 1e-300},
           z[] = {0, 0};
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(z, big, z, small, 2, &d), KL_ERANGE);
    CU_ASSERT(d != 5.0 || 1); /* d was set by the finite case above */
    double big1[] = {1e308};
    CU_ASSERT_EQUAL(kl_mvn_vae_full(m0, big1, 1, &d), KL_ERANGE);
}

struct partial {
    double mu[4], lv[4];
    int which; /* 0..3: mu_j, 4..7: logvar_j */
};

static double vae_at(double x, void *params)
{
    struct partial p = *(struct partial *)params;
    if (p.which < 4)
        p.mu[p.which] = x;
    else
        p.lv[p.which - 4] = x;
    double d;
    kl_mvn_vae_diag(p.mu, p.lv, 4, &d);
    return d;
}

static void test_mvn_vae_grad_numeric(void)
{
    struct partial p = {{0.5, -1.2, 0, 2}, {-2, 0.3, 0, 1}, 0};
    double gm[4], gl[4];
    CU_ASSERT_EQUAL(kl_mvn_vae_grad(p.mu, p.lv, 4, gm, gl), KL_OK);
    for (p.which = 0; p.which < 8; p.which++) {
        gsl_function F = {vae_at, &p};
        double x = p.which < 4 ? p.mu[p.which] : p.lv[p.which - 4], g, err;
        CU_ASSERT_EQUAL(gsl_deriv_central(&F, x, 1e-3, &g, &err), GSL_SUCCESS);
        double exact = p.which < 4 ? gm[p.which] : gl[p.which - 4];
        ASSERT_ABS(g, exact, 1e-8);
    }
    CU_ASSERT_EQUAL(kl_mvn_vae_grad(p.mu, p.lv, 4, NULL, gl), KL_OK);
}

static void test_mvn_logpdf(void)
{
    struct kl_mvn *g;
    double s[] = {2.0, 0.6, 0.6, 0.5}, m[] = {1, -1}, x[] = {0.3, 0.2}, w[2];
    double lp;
    CU_ASSERT_EQUAL(kl_mvn_alloc(m, s, 2, &g), KL_OK);
    CU_ASSERT_EQUAL(kl_mvn_logpdf(g, x, w, &lp), KL_OK);
    double sx = sqrt(2.0), sy = sqrt(0.5), rho = 0.6 / (sx * sy);
    double ref = log(gsl_ran_bivariate_gaussian_pdf(x[0] - m[0], x[1] - m[1],
                                                    sx, sy, rho));
    ASSERT_REL(lp, ref, 1e-13);
    ASSERT_REL(g->logdet, log(2.0 * 0.5 - 0.36), 1e-14);
    x[1] = NAN;
    CU_ASSERT_EQUAL(kl_mvn_logpdf(g, x, w, &lp), KL_ENAN);
    kl_mvn_free(g);
    kl_mvn_free(NULL);
}

/* The identity covariance is not factorised nor solved with (mvn.c): its
 * factor is the one gsl_linalg_cholesky_decomp1 makes, bit for bit, and the
 * divergence to it and the log-density under it are the general route's
 * (the flag cleared by hand), bit for bit; a -0 off the diagonal takes the
 * general route. */
static void test_mvn_identity_shortcut(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 11);
    const size_t ks[] = {1, 2, 3, 7, 64, 300};
    for (size_t t = 0; t < sizeof ks / sizeof *ks; t++) {
        size_t k = ks[t];
        double *eye = calloc(k * k, sizeof *eye), *cov = malloc(k * k * sizeof *cov);
        double *m0 = malloc(k * sizeof *m0), *m1 = malloc(k * sizeof *m1);
        double *x = malloc(k * sizeof *x), *w = malloc(k * sizeof *w);
        for (size_t i = 0; i < k; i++) {
            eye[i * k + i] = 1.0;
            m0[i] = gsl_ran_gaussian(rng, 2.0);
            m1[i] = gsl_ran_gaussian(rng, 2.0);
            x[i] = gsl_ran_gaussian(rng, 1.5);
        }
        random_spd(rng, k, cov);
        struct kl_mvn *q, *p;
        CU_ASSERT_EQUAL_FATAL(kl_mvn_alloc(m1, eye, k, &q), KL_OK);
        CU_ASSERT_EQUAL_FATAL(kl_mvn_alloc(m0, cov, k, &p), KL_OK);
        CU_ASSERT_TRUE(q->identity);
        CU_ASSERT_FALSE(p->identity);
        gsl_matrix *L = gsl_matrix_alloc(k, k);
        memcpy(L->data, eye, k * k * sizeof *eye);
        CU_ASSERT_EQUAL(gsl_linalg_cholesky_decomp1(L), GSL_SUCCESS);
        for (size_t r = 0; r < k; r++)          /* the upper part, zeroed */
            for (size_t c = r + 1; c < k; c++)
                L->data[r * k + c] = 0.0;
        CU_ASSERT_EQUAL(memcmp(L->data, q->L->data, k * k * sizeof *eye), 0);
        double fast, general, lp_fast, lp_general;
        CU_ASSERT_EQUAL(kl_mvn_divergence(p, q, &fast), KL_OK);
        CU_ASSERT_EQUAL(kl_mvn_logpdf(q, x, w, &lp_fast), KL_OK);
        q->identity = 0;
        CU_ASSERT_EQUAL(kl_mvn_divergence(p, q, &general), KL_OK);
        CU_ASSERT_EQUAL(kl_mvn_logpdf(q, x, w, &lp_general), KL_OK);
        CU_ASSERT_EQUAL(memcmp(&fast, &general, sizeof fast), 0);
        CU_ASSERT_EQUAL(memcmp(&lp_fast, &lp_general, sizeof lp_fast), 0);
        ASSERT_REL(fast, reference_divergence(m0, cov, m1, eye, k), 1e-9);
        kl_mvn_free(q);
        if (k > 1) {
            eye[1] = -0.0;
            eye[k] = -0.0;
            CU_ASSERT_EQUAL(kl_mvn_alloc(m1, eye, k, &q), KL_OK);
            CU_ASSERT_FALSE(q->identity);
            kl_mvn_free(q);
        }
        gsl_matrix_free(L);
        kl_mvn_free(p);
        free(eye), free(cov), free(m0), free(m1), free(x), free(w);
    }
    gsl_rng_free(rng);
}

static void test_mvn_sample_moments(void)
{
    enum { N = 200000 };
    struct kl_mvn *g;
    double s[] = {2.0, 0.6, 0.6, 0.5}, m[] = {1, -1}, x[2];
    CU_ASSERT_EQUAL(kl_mvn_alloc(m, s, 2, &g), KL_OK);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 3);
    double sum[2] = {0, 0}, sxy = 0, sxx = 0;
    for (int i = 0; i < N; i++) {
        kl_mvn_sample(g, rng, x);
        sum[0] += x[0];
        sum[1] += x[1];
        sxx += (x[0] - 1) * (x[0] - 1);
        sxy += (x[0] - 1) * (x[1] + 1);
    }
    /* within 4 standard errors: sqrt(var/N) */
    ASSERT_ABS(sum[0] / N, 1.0, 4 * sqrt(2.0 / N));
    ASSERT_ABS(sum[1] / N, -1.0, 4 * sqrt(0.5 / N));
    ASSERT_ABS(sxx / N, 2.0, 4 * sqrt(2 * 4.0 / N));
    ASSERT_ABS(sxy / N, 0.6, 4 * sqrt((2.0 * 0.5 + 0.36) / N));
    gsl_rng_free(rng);
    kl_mvn_free(g);
}

static void test_mvn_dimension_1000(void)
{
    enum { K = 1000 };
    double *s0 = calloc(K * K, sizeof *s0), *s1 = calloc(K * K, sizeof *s1);
    double *m0 = calloc(K, sizeof *m0), *m1 = calloc(K, sizeof *m1), d, e;
    for (int i = 0; i < K; i++) {
        s0[i * K + i] = 0.25;
        s1[i * K + i] = 1.0;
        m0[i] = 0.5;
    }
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m0, s0, m1, s1, K, &d), KL_OK);
    CU_ASSERT_EQUAL(kl_gaussian_divergence(0.5, 0.5, 0.0, 1.0, &e), KL_OK);
    ASSERT_REL(d, K * e, 1e-11);
    free(s0);
    free(s1);
    free(m0);
    free(m1);
}

static void test_mvn_check_errors(void)
{
    double m[] = {0, 0}, d;
    double ok[] = {1, 0.3, 0.3, 2};
    CU_ASSERT_EQUAL(kl_mvn_check(m, ok, 2), KL_OK);
    CU_ASSERT_EQUAL(kl_mvn_check(m, ok, 0), KL_EEMPTY);
    double nanm[] = {0, NAN}, infm[] = {INFINITY, 0};
    CU_ASSERT_EQUAL(kl_mvn_check(nanm, ok, 2), KL_ENAN);
    CU_ASSERT_EQUAL(kl_mvn_check(infm, ok, 2), KL_EINF);
    double nanc[] = {1, NAN, NAN, 1}, infc[] = {1, 0, 0, -INFINITY};
    CU_ASSERT_EQUAL(kl_mvn_check(m, nanc, 2), KL_ENAN);
    CU_ASSERT_EQUAL(kl_mvn_check(m, infc, 2), KL_EINF);
    /* symmetry: 1e-13 relative passes, 1e-11 fails */
    double near[] = {1, 0.3, 0.3 * (1 + 1e-13), 2};
    double off[] = {1, 0.3, 0.3 * (1 + 1e-11), 2};
    size_t i = 9, j = 9;
    CU_ASSERT_EQUAL(kl_mvn_check(m, near, 2), KL_OK);
    CU_ASSERT_EQUAL(kl_mvn_check(m, off, 2), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_mvn_symmetric(off, 2, &i, &j), 0);
    CU_ASSERT(i == 0 && j == 1);
    /* not positive definite: an eigenvalue -1, a singular matrix, zero */
    double indef[] = {1, 2, 2, 1}, sing[] = {1, 1, 1, 1}, zero[] = {0, 0, 0, 0};
    CU_ASSERT_EQUAL(kl_mvn_check(m, indef, 2), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_mvn_check(m, sing, 2), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_mvn_check(m, zero, 2), KL_EPARAM);
    struct kl_mvn *g = (struct kl_mvn *)1;
    CU_ASSERT_EQUAL(kl_mvn_alloc(m, indef, 2, &g), KL_EPARAM);
    CU_ASSERT_PTR_NULL(g);
    CU_ASSERT_EQUAL(kl_mvn_divergence_raw(m, ok, m, off, 2, &d), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_mvn_vae_full(m, sing, 2, &d), KL_EPARAM);
}

static void test_mvn_divergence_errors(void)
{
    struct kl_mvn *p, *q;
    double m2[] = {0, 0}, s2[] = {1, 0, 0, 1};
    double m3[] = {0, 0, 0}, s3[] = {1, 0, 0, 0, 1, 0, 0, 0, 1}, d = -1;
    CU_ASSERT_EQUAL(kl_mvn_alloc(m2, s2, 2, &p), KL_OK);
    CU_ASSERT_EQUAL(kl_mvn_alloc(m3, s3, 3, &q), KL_OK);
    CU_ASSERT_EQUAL(kl_mvn_divergence(p, q, &d), KL_EPARAM);
    CU_ASSERT_EQUAL(d, -1);
    kl_mvn_free(p);
    kl_mvn_free(q);
}

static void test_mvn_vae_errors(void)
{
    double mu[] = {0, 1}, lv[] = {0, 0}, bad[] = {0, NAN}, inf[] = {-INFINITY, 0};
    double d, g[2];
    CU_ASSERT_EQUAL(kl_mvn_vae_diag(mu, lv, 0, &d), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_mvn_vae_diag(bad, lv, 2, &d), KL_ENAN);
    CU_ASSERT_EQUAL(kl_mvn_vae_diag(mu, bad, 2, &d), KL_ENAN);
    CU_ASSERT_EQUAL(kl_mvn_vae_diag(mu, inf, 2, &d), KL_EINF);
    CU_ASSERT_EQUAL(kl_mvn_vae_grad(mu, inf, 2, g, g), KL_EINF);
    CU_ASSERT_EQUAL(kl_mvn_vae_grad(mu, lv, 0, g, g), KL_EEMPTY);
}

TEST_SUITE(mvn, TEST(test_mvn_divergence_known),
           TEST(test_mvn_divergence_overflow),
           TEST(test_mvn_divergence_random),
           TEST(test_mvn_divergence_self_is_zero),
           TEST(test_mvn_divergence_univariate),
           TEST(test_mvn_divergence_affine_invariant),
           TEST(test_mvn_vae_forms_agree), TEST(test_mvn_vae_term_same_bits),
           TEST(test_mvn_vae_diag_tiny),
           TEST(test_mvn_vae_grad_numeric), TEST(test_mvn_logpdf),
           TEST(test_mvn_identity_shortcut),
           TEST(test_mvn_sample_moments), TEST(test_mvn_dimension_1000),
           TEST(test_mvn_check_errors), TEST(test_mvn_divergence_errors),
           TEST(test_mvn_vae_errors))
