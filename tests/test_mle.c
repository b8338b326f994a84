#define _DEFAULT_SOURCE /* M_PI, M_E */
/* Tests of src/kl/mle.c: the Gamma law against GSL's density and quadrature,
 * cross-entropies against h + D by quadrature, the Gaussian and categorical
 * MLEs against hand computations, least-squares fits against the textbook
 * formulas, expectations by quadrature, and every error path. */
#include "testlib.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "kl/density.h"
#include "kl/gaussian.h"
#include "kl/mle.h"

static void test_mle_gamma_logpdf(void)
{
    double shapes[] = {0.5, 1.0, 2.0, 7.5};
    double xs[] = {1e-3, 0.3, 1.0, 4.0, 25.0};
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 5; j++) {
            struct kl_mle_gamma g = {shapes[i], 1.7};
            ASSERT_REL(kl_mle_gamma_logpdf(xs[j], &g),
                       log(gsl_ran_gamma_pdf(xs[j], shapes[i], 1.7)), 1e-12);
        }
    struct kl_mle_gamma g2 = {2.0, 1.0}, g1 = {1.0, 2.0}, gh = {0.5, 1.0};
    CU_ASSERT(isinf(kl_mle_gamma_logpdf(-1.0, &g2)) && kl_mle_gamma_logpdf(-1.0, &g2) < 0);
    CU_ASSERT(isinf(kl_mle_gamma_logpdf(0.0, &g2)) && kl_mle_gamma_logpdf(0.0, &g2) < 0);
    ASSERT_REL(kl_mle_gamma_logpdf(0.0, &g1), -log(2.0), 1e-15);
    CU_ASSERT(isinf(kl_mle_gamma_logpdf(0.0, &gh)) && kl_mle_gamma_logpdf(0.0, &gh) > 0);
}

static void test_mle_gamma_entropy(void)
{
    /* shape 1 is the exponential law: h = 1 + log(scale) */
    struct kl_mle_gamma e = {1.0, 3.0};
    double h;
    CU_ASSERT_EQUAL(kl_mle_gamma_entropy(&e, &h), KL_OK);
    ASSERT_REL(h, 1.0 + log(3.0), 1e-14);
    double shapes[] = {1.5, 2.0, 5.0, 20.0};
    for (int i = 0; i < 4; i++) {
        struct kl_mle_gamma g = {shapes[i], 0.8};
        struct kl_density d = kl_mle_gamma_density(&g);
        struct kl_quad_result r;
        CU_ASSERT_EQUAL(kl_mle_gamma_entropy(&g, &h), KL_OK);
        CU_ASSERT_EQUAL(kl_density_entropy(&d, NULL, &r), KL_OK);
        ASSERT_REL(r.value, h, 1e-10);
    }
}

/* -E_p[log q] = h(p) + D(p||q), both sides independently */
static void test_mle_gamma_cross_entropy(void)
{
    struct kl_mle_gamma p = {2.0, 1.0};
    struct kl_mle_gamma qs[] = {{2.0, 1.0}, {1.0, 2.0}, {3.5, 0.4}, {1.5, 5.0}};
    for (int i = 0; i < 4; i++) {
        struct kl_density dp = kl_mle_gamma_density(&p);
        struct kl_density dq = kl_mle_gamma_density(&qs[i]);
        struct kl_quad_result hq, dd;
        double cross;
        CU_ASSERT_EQUAL(kl_mle_gamma_cross_entropy(&p, &qs[i], &cross), KL_OK);
        CU_ASSERT_EQUAL(kl_density_entropy(&dp, NULL, &hq), KL_OK);
        CU_ASSERT_EQUAL(kl_density_divergence(&dp, &dq, NULL, &dd), KL_OK);
        ASSERT_REL(cross, hq.value + dd.value, 1e-10);
    }
    /* exponential against exponential: log(s_q) + s_p / s_q */
    struct kl_mle_gamma a = {1.0, 2.0}, b = {1.0, 0.5};
    double cross;
    CU_ASSERT_EQUAL(kl_mle_gamma_cross_entropy(&a, &b, &cross), KL_OK);
    ASSERT_REL(cross, log(0.5) + 4.0, 1e-14);
}

static void test_mle_gaussian_cross_entropy(void)
{
    struct kl_mle_gamma p = {2.0, 1.5};
    struct kl_density dp = kl_mle_gamma_density(&p);
    double mus[] = {3.0, 0.0, 5.0}, sigmas[] = {2.1213203435596424, 1.0, 4.0};
    for (int i = 0; i < 3; i++) {
        struct kl_gaussian g = {mus[i], sigmas[i]};
        struct kl_density dq = kl_gaussian_density(&g);
        struct kl_quad_result hq, dd;
        double cross;
        CU_ASSERT_EQUAL(kl_mle_gaussian_cross_entropy(3.0, 4.5, mus[i], sigmas[i],
                                                      &cross), KL_OK);
        CU_ASSERT_EQUAL(kl_density_entropy(&dp, NULL, &hq), KL_OK);
        CU_ASSERT_EQUAL(kl_density_divergence(&dp, &dq, NULL, &dd), KL_OK);
        ASSERT_REL(cross, hq.value + dd.value, 1e-10);
    }
    /* a Gaussian against itself: its entropy */
    double cross, h;
    CU_ASSERT_EQUAL(kl_mle_gaussian_cross_entropy(1.0, 4.0, 1.0, 2.0, &cross), KL_OK);
    CU_ASSERT_EQUAL(kl_gaussian_entropy(2.0, &h), KL_OK);
    ASSERT_REL(cross, h, 1e-15);
}

static void test_mle_gamma_errors(void)
{
    double h = 42.0;
    struct kl_mle_gamma ok = {2.0, 1.0}, bad[] = {{0.0, 1.0}, {-1.0, 1.0},
                                                  {2.0, 0.0}, {NAN, 1.0},
                                                  {2.0, INFINITY}};
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(kl_mle_gamma_check(bad[i].shape, bad[i].scale), KL_EPARAM);
        CU_ASSERT_EQUAL(kl_mle_gamma_entropy(&bad[i], &h), KL_EPARAM);
        CU_ASSERT_EQUAL(kl_mle_gamma_cross_entropy(&ok, &bad[i], &h), KL_EPARAM);
        CU_ASSERT_EQUAL(kl_mle_gamma_cross_entropy(&bad[i], &ok, &h), KL_EPARAM);
    }
    CU_ASSERT_EQUAL(kl_mle_gamma_entropy(NULL, &h), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_mle_gaussian_cross_entropy(NAN, 1, 0, 1, &h), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_mle_gaussian_cross_entropy(0, -1, 0, 1, &h), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_mle_gaussian_cross_entropy(0, 1, 0, 0, &h), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_mle_gaussian_cross_entropy(0, 1, INFINITY, 1, &h), KL_EPARAM);
    CU_ASSERT_EQUAL(h, 42.0);   /* untouched on failure */
}

static void test_mle_gaussian_fit(void)
{
    double x[] = {1, 2, 3, 4}, mu, sigma, ll;
    CU_ASSERT_EQUAL(kl_mle_gaussian_fit(x, 4, &mu, &sigma), KL_OK);
    ASSERT_REL(mu, 2.5, 1e-15);
    ASSERT_REL(sigma, sqrt(1.25), 1e-15);   /* divisor n: 5/4 */
    CU_ASSERT_EQUAL(kl_mle_gaussian_loglik(x, 4, mu, sigma, &ll), KL_OK);
    /* at the MLE: -n/2 (log(2 pi sigma^2) + 1) */
    ASSERT_REL(ll, -2.0 * (log(2 * M_PI * 1.25) + 1.0), 1e-14);
    /* anywhere else it is lower */
    double ll2;
    CU_ASSERT_EQUAL(kl_mle_gaussian_loglik(x, 4, 2.4, 1.2, &ll2), KL_OK);
    CU_ASSERT(ll2 < ll);
}

static void test_mle_gaussian_fit_errors(void)
{
    double x[] = {1, NAN}, y[] = {1, INFINITY}, same[] = {3, 3, 3};
    double mu = 7, sigma = 7, ll = 7;
    CU_ASSERT_EQUAL(kl_mle_gaussian_fit(x, 0, &mu, &sigma), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_mle_gaussian_fit(x, 2, &mu, &sigma), KL_ENAN);
    CU_ASSERT_EQUAL(kl_mle_gaussian_fit(y, 2, &mu, &sigma), KL_EINF);
    CU_ASSERT_EQUAL(kl_mle_gaussian_fit(x, 1, &mu, &sigma), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_mle_gaussian_fit(same, 3, &mu, &sigma), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_mle_gaussian_loglik(x, 0, 0, 1, &ll), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_mle_gaussian_loglik(x, 2, 0, 1, &ll), KL_ENAN);
    CU_ASSERT_EQUAL(kl_mle_gaussian_loglik(same, 3, 0, 0, &ll), KL_EPARAM);
    CU_ASSERT(mu == 7 && sigma == 7 && ll == 7);
}

static void test_mle_categorical_fit(void)
{
    double counts[] = {3, 1, 0, 4}, phat[4], ll;
    CU_ASSERT_EQUAL(kl_mle_categorical_fit(counts, 4, phat, &ll), KL_OK);
    ASSERT_REL(phat[0], 3.0 / 8, 1e-15);
    ASSERT_REL(phat[1], 1.0 / 8, 1e-15);
    ASSERT_ABS(phat[2], 0.0, 0.0);
    ASSERT_REL(phat[3], 0.5, 1e-15);
    double want = 3 * log(3.0 / 8) + log(1.0 / 8) + 4 * log(0.5);
    ASSERT_REL(ll, want, 1e-14);
    /* the likelihood of the MLE beats that of another law */
    double q[] = {0.25, 0.25, 0.25, 0.25}, llq;
    CU_ASSERT_EQUAL(kl_mle_categorical_loglik(counts, q, 4, &llq), KL_OK);
    ASSERT_REL(llq, 8 * log(0.25), 1e-15);
    CU_ASSERT(llq < ll);
    /* and the MLE itself as Q gives the maximised value */
    CU_ASSERT_EQUAL(kl_mle_categorical_loglik(counts, phat, 4, &llq), KL_OK);
    ASSERT_REL(llq, ll, 1e-14);
    /* a zero of Q where a count is positive: -inf */
    double z[] = {0.5, 0.0, 0.0, 0.5};
    CU_ASSERT_EQUAL(kl_mle_categorical_loglik(counts, z, 4, &llq), KL_OK);
    CU_ASSERT(isinf(llq) && llq < 0);
    /* NULL outputs are allowed */
    CU_ASSERT_EQUAL(kl_mle_categorical_fit(counts, 4, NULL, NULL), KL_OK);
}

static void test_mle_categorical_fit_errors(void)
{
    double nan[] = {1, NAN}, inf[] = {1, INFINITY}, neg[] = {1, -1}, zero[] = {0, 0};
    double ok[] = {1, 1}, q[] = {0.5, 0.5}, badq[] = {0.5, 0.6};
    double phat[2] = {7, 7}, ll = 7;
    CU_ASSERT_EQUAL(kl_mle_categorical_fit(ok, 0, phat, &ll), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_mle_categorical_fit(nan, 2, phat, &ll), KL_ENAN);
    CU_ASSERT_EQUAL(kl_mle_categorical_fit(inf, 2, phat, &ll), KL_EINF);
    CU_ASSERT_EQUAL(kl_mle_categorical_fit(neg, 2, phat, &ll), KL_ENEGATIVE);
    CU_ASSERT_EQUAL(kl_mle_categorical_fit(zero, 2, phat, &ll), KL_EZERO);
    CU_ASSERT_EQUAL(kl_mle_categorical_loglik(neg, q, 2, &ll), KL_ENEGATIVE);
    CU_ASSERT_EQUAL(kl_mle_categorical_loglik(ok, badq, 2, &ll), KL_ESUM);
    CU_ASSERT(phat[0] == 7 && phat[1] == 7 && ll == 7);
}

/* A straight line through (0,1), (1,3), (2,2), (3,5): slope Sxy/Sxx = 1.1,
 * intercept 1.1, RSS = 2.7 (by hand). */
static void test_mle_poly_line(void)
{
    double x[] = {0, 1, 2, 3}, y[] = {1, 3, 2, 5}, c[2], fit[4], s, ll;
    enum kl_status st;
    struct kl_mle_poly *w = kl_mle_poly_alloc(x, 4, 2, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(st, KL_OK);
    CU_ASSERT_EQUAL(kl_mle_poly_nparams(w), 3);
    CU_ASSERT_EQUAL(kl_mle_poly_fit(w, y, c, fit, &s, &ll), KL_OK);
    ASSERT_REL(c[0], 1.1, 1e-13);
    ASSERT_REL(c[1], 1.1, 1e-13);
    ASSERT_REL(fit[3], 4.4, 1e-13);
    ASSERT_REL(s * s, 2.7 / 4, 1e-13);
    ASSERT_REL(ll, -2.0 * (log(2 * M_PI * 2.7 / 4) + 1.0), 1e-13);
    /* the fit's log-likelihood is the Gaussian log-likelihood of the residuals
     * at sigma-hat, summed independently */
    double r[4], llr;
    for (int i = 0; i < 4; i++)
        r[i] = y[i] - fit[i];
    CU_ASSERT_EQUAL(kl_mle_gaussian_loglik(r, 4, 0.0, s, &llr), KL_OK);
    ASSERT_REL(llr, ll, 1e-13);
    kl_mle_poly_free(w);
}

static void test_mle_poly_recovers(void)
{
    /* a quadratic plus a cubic term: the cubic model recovers all four */
    double x[7], y[7], c[4], s;
    for (int i = 0; i < 7; i++) {
        x[i] = -1.0 + i / 3.0;
        y[i] = 0.5 - 2.0 * x[i] + 1.5 * x[i] * x[i] + 0.25 * x[i] * x[i] * x[i]
               + (i % 2 ? 1e-3 : -1e-3);
    }
    struct kl_mle_poly *w = kl_mle_poly_alloc(x, 7, 4, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(kl_mle_poly_fit(w, y, c, NULL, &s, NULL), KL_OK);
    ASSERT_ABS(c[0], 0.5, 2e-3);
    ASSERT_ABS(c[1], -2.0, 5e-3);
    ASSERT_ABS(c[2], 1.5, 5e-3);
    ASSERT_ABS(c[3], 0.25, 5e-3);
    CU_ASSERT(s > 0 && s < 1.1e-3);
    kl_mle_poly_free(w);
    /* no coefficients: y ~ N(0, sigma^2), sigma^2 = mean of y^2 */
    double z[] = {1, -2, 2}, ll;
    w = kl_mle_poly_alloc(z, 3, 0, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(kl_mle_poly_nparams(w), 1);
    CU_ASSERT_EQUAL(kl_mle_poly_fit(w, z, NULL, NULL, &s, &ll), KL_OK);
    ASSERT_REL(s, sqrt(3.0), 1e-15);
    ASSERT_REL(ll, -1.5 * (log(2 * M_PI * 3.0) + 1.0), 1e-14);
    kl_mle_poly_free(w);
}

static void test_mle_poly_errors(void)
{
    double x[] = {0, 1, 2}, same[] = {1, 1, 1}, nan[] = {0, NAN, 1};
    double inf[] = {0, 1, INFINITY};
    enum kl_status st;
    CU_ASSERT_PTR_NULL(kl_mle_poly_alloc(x, 0, 1, &st));
    CU_ASSERT_EQUAL(st, KL_EEMPTY);
    CU_ASSERT_PTR_NULL(kl_mle_poly_alloc(x, 3, 3, &st)); /* k = 4 > n */
    CU_ASSERT_EQUAL(st, KL_EPARAM);
    CU_ASSERT_PTR_NULL(kl_mle_poly_alloc(same, 3, 2, &st)); /* rank 1 */
    CU_ASSERT_EQUAL(st, KL_EPARAM);
    CU_ASSERT_PTR_NULL(kl_mle_poly_alloc(nan, 3, 1, &st));
    CU_ASSERT_EQUAL(st, KL_ENAN);
    CU_ASSERT_PTR_NULL(kl_mle_poly_alloc(inf, 3, 1, NULL));
    kl_mle_poly_free(NULL);
    struct kl_mle_poly *w = kl_mle_poly_alloc(x, 3, 2, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    double s = 7;
    CU_ASSERT_EQUAL(kl_mle_poly_fit(w, nan, NULL, NULL, &s, NULL), KL_ENAN);
    CU_ASSERT_EQUAL(kl_mle_poly_fit(w, inf, NULL, NULL, &s, NULL), KL_EINF);
    double line[] = {1, 3, 5};  /* a perfect fit: sigma-hat = 0 */
    CU_ASSERT_EQUAL(kl_mle_poly_fit(w, line, NULL, NULL, &s, NULL), KL_EPARAM);
    CU_ASSERT_EQUAL(s, 7);
    kl_mle_poly_free(w);
}

/* A block of data sets fitted at once gives the bits of one fit each: every
 * design size and model size the chapter uses, blocks of one and of many
 * data sets, a block smaller than an earlier one (the work space kept) */
static void test_mle_poly_fit_many(void)
{
    size_t ns[] = {5, 20, 25, 200}, nsets[] = {1, 7, 33, 4};
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rng);
    for (size_t a = 0; a < 4; a++) {
        size_t n = ns[a];
        double *x = malloc(n * sizeof *x), *ys = malloc(33 * n * sizeof *ys);
        double *fits = malloc(33 * n * sizeof *fits), *fit = malloc(n * sizeof *fit);
        double *y = malloc(n * sizeof *y), s[33], ll[33];
        CU_ASSERT_FATAL(x && ys && fits && fit && y);
        for (size_t i = 0; i < n; i++)
            x[i] = -1.0 + 2.0 * (double)i / (double)(n - 1);
        for (size_t m = 0; m + 2 <= n && m <= 8; m++) {
            struct kl_mle_poly *w = kl_mle_poly_alloc(x, n, m, NULL);
            CU_ASSERT_PTR_NOT_NULL_FATAL(w);
            for (size_t b = 0; b < 4; b++) {
                size_t nb = nsets[b];
                for (size_t i = 0; i < n * nb; i++)
                    ys[i] = 0.3 * x[i / nb] + gsl_ran_gaussian(rng, 1.0);
                CU_ASSERT_EQUAL_FATAL(kl_mle_poly_fit_many(w, ys, nb, fits, s, ll), KL_OK);
                for (size_t j = 0; j < nb; j++) {
                    double s1, ll1;
                    for (size_t i = 0; i < n; i++)
                        y[i] = ys[i * nb + j];
                    CU_ASSERT_EQUAL(kl_mle_poly_fit(w, y, NULL, fit, &s1, &ll1), KL_OK);
                    CU_ASSERT(memcmp(fit, fits + j * n, n * sizeof *fit) == 0);
                    CU_ASSERT(memcmp(&s1, &s[j], sizeof s1) == 0);
                    CU_ASSERT(memcmp(&ll1, &ll[j], sizeof ll1) == 0);
                }
                /* the outputs are optional */
                CU_ASSERT_EQUAL(kl_mle_poly_fit_many(w, ys, nb, NULL, NULL, NULL), KL_OK);
            }
            kl_mle_poly_free(w);
        }
        free(x);
        free(ys);
        free(fits);
        free(fit);
        free(y);
    }
    gsl_rng_free(rng);
}

static void test_mle_poly_fit_many_errors(void)
{
    double x[] = {0, 1, 2, 3}, s[3] = {7, 7, 7}, ll[3] = {7, 7, 7}, fits[12];
    struct kl_mle_poly *w = kl_mle_poly_alloc(x, 4, 2, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(kl_mle_poly_fit_many(w, x, 0, fits, s, ll), KL_OK);
    /* three data sets as columns, point i of set j at [3 i + j]; set 1 is
     * the line 1 + 2x (a perfect fit), set 2 has an infinity and set 0 a NaN
     * further down: the first bad data set's status, nothing written */
    double ys[] = {1, 1, 0,   2, 3, 1,   0, 5, INFINITY,   NAN, 7, 2};
    CU_ASSERT_EQUAL(kl_mle_poly_fit_many(w, ys, 3, fits, s, ll), KL_ENAN);
    ys[9] = 1;
    CU_ASSERT_EQUAL(kl_mle_poly_fit_many(w, ys, 3, fits, s, ll), KL_EINF);
    ys[8] = 4;
    CU_ASSERT_EQUAL(kl_mle_poly_fit_many(w, ys, 3, fits, s, ll), KL_EPARAM);
    CU_ASSERT(s[0] == 7 && s[2] == 7 && ll[0] == 7 && ll[2] == 7);
    ys[4] = 4;
    CU_ASSERT_EQUAL(kl_mle_poly_fit_many(w, ys, 3, fits, s, ll), KL_OK);
    CU_ASSERT(s[1] > 0 && isfinite(ll[1]));
    kl_mle_poly_free(w);
}

static double identity(double x, void *params)
{
    (void)params;
    return x;
}

static double square(double x, void *params)
{
    (void)params;
    return x * x;
}

static void test_mle_gamma_moments(void)
{
    struct kl_mle_gamma g = {2.5, 1.2};
    struct kl_density p = kl_mle_gamma_density(&g);
    struct kl_quad_result r;
    CU_ASSERT_EQUAL(kl_density_expectation(&p, identity, NULL, NULL, &r), KL_OK);
    ASSERT_REL(r.value, 3.0, 1e-10);               /* a s */
    CU_ASSERT_EQUAL(kl_density_expectation(&p, square, NULL, NULL, &r), KL_OK);
    ASSERT_REL(r.value, 3.0 * 3.0 + 2.5 * 1.44, 1e-10);   /* mean^2 + a s^2 */
    struct kl_gaussian n = {-1.0, 2.0};
    struct kl_density q = kl_gaussian_density(&n);
    CU_ASSERT_EQUAL(kl_density_expectation(&q, square, NULL, NULL, &r), KL_OK);
    ASSERT_REL(r.value, 5.0, 1e-10);
    /* a narrow law far from the origin: found through its centre and scale */
    struct kl_gaussian far = {1e4, 1e-2};
    struct kl_density pf = kl_gaussian_density(&far);
    CU_ASSERT_EQUAL(kl_density_expectation(&pf, identity, NULL, NULL, &r), KL_OK);
    ASSERT_REL(r.value, 1e4, 1e-12);
    CU_ASSERT_EQUAL(kl_density_expectation(&pf, square, NULL, NULL, &r), KL_OK);
    ASSERT_REL(r.value, 1e8 + 1e-4, 1e-12);
}

static void test_mle_gamma_moments_errors(void)
{
    struct kl_mle_gamma g = {2.5, 1.2};
    struct kl_density p = kl_mle_gamma_density(&g);
    struct kl_density empty = {kl_mle_gamma_logpdf, &g, 1.0, 1.0, 0.0, 0.0};
    struct kl_quad zero = {0.0, 1e-10, 0};
    struct kl_quad_result r;
    CU_ASSERT_EQUAL(kl_density_expectation(NULL, identity, NULL, NULL, &r), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_density_expectation(&p, NULL, NULL, NULL, &r), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_density_expectation(&empty, identity, NULL, NULL, &r), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_density_expectation(&p, identity, NULL, &zero, &r), KL_EPARAM);
    struct kl_density neg = p, nan = p;
    neg.scale = -1.0;
    nan.centre = NAN;
    CU_ASSERT_EQUAL(kl_density_expectation(&neg, identity, NULL, NULL, &r), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_density_expectation(&nan, identity, NULL, NULL, &r), KL_EPARAM);
    struct kl_quad tight = {0.0, 1e-15, 1};
    CU_ASSERT_EQUAL(kl_density_expectation(&p, square, NULL, &tight, &r), KL_EQUAD);
    CU_ASSERT(isfinite(r.value));
}

TEST_SUITE(mle,
           TEST(test_mle_gamma_logpdf),
           TEST(test_mle_gamma_entropy),
           TEST(test_mle_gamma_cross_entropy),
           TEST(test_mle_gaussian_cross_entropy),
           TEST(test_mle_gamma_errors),
           TEST(test_mle_gaussian_fit),
           TEST(test_mle_gaussian_fit_errors),
           TEST(test_mle_categorical_fit),
           TEST(test_mle_categorical_fit_errors),
           TEST(test_mle_poly_line),
           TEST(test_mle_poly_recovers),
           TEST(test_mle_poly_errors),
           TEST(test_mle_poly_fit_many),
           TEST(test_mle_poly_fit_many_errors),
           TEST(test_mle_gamma_moments),
           TEST(test_mle_gamma_moments_errors))
