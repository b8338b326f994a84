#define _DEFAULT_SOURCE /* M_PI, M_E */
/* Tests of src/kl/density.c and src/kl/gaussian.c: quadrature against closed
 * forms on the whole line, a half-line and an interval; infinite divergence;
 * the error paths. */
#include "testlib.h"

#include <float.h>
#include <math.h>

#include "kl/density.h"
#include "kl/gaussian.h"

/* Cover & Thomas, Elements of Information Theory, 2nd ed., Eq. (8.76) for the
 * normal pair; written out here independently of the library. */
static double gauss_kl(double m1, double s1, double m2, double s2)
{
    return log(s2 / s1) + (s1 * s1 + (m1 - m2) * (m1 - m2)) / (2 * s2 * s2) - 0.5;
}

static void test_density_gaussian_entropy(void)
{
    double sigmas[] = {0.01, 0.1, 1.0, 7.5, 1e3};
    for (int i = 0; i < 5; i++) {
        struct kl_gaussian g = {0.3, sigmas[i]};
        struct kl_density d = kl_gaussian_density(&g);
        struct kl_quad_result r;
        double h;
        CU_ASSERT_EQUAL(kl_density_entropy(&d, NULL, &r), KL_OK);
        CU_ASSERT_EQUAL(kl_gaussian_entropy(sigmas[i], &h), KL_OK);
        ASSERT_REL(h, 0.5 * log(2 * M_PI * M_E * sigmas[i] * sigmas[i]), 1e-14);
        ASSERT_REL(r.value, h, 1e-10);
        CU_ASSERT(r.abserr < 1e-9 * fabs(h) + 1e-12);
    }
}

static void test_density_gaussian_divergence(void)
{
    double cases[][4] = {
        {0, 1, 0, 1}, {0, 1, 1, 1}, {0, 1, 0, 2}, {-1, 0.5, 2, 3},
        {0, 1, 40, 1},      /* far apart: log p - log q stays exact */
        {0, 30, 0, 1},      /* p much wider than q */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct kl_gaussian a = {cases[i][0], cases[i][1]};
        struct kl_gaussian b = {cases[i][2], cases[i][3]};
        struct kl_density p = kl_gaussian_density(&a), q = kl_gaussian_density(&b);
        struct kl_quad_result r;
        CU_ASSERT_EQUAL(kl_density_divergence(&p, &q, NULL, &r), KL_OK);
        double want = gauss_kl(a.mu, a.sigma, b.mu, b.sigma);
        if (want == 0.0) {
            ASSERT_ABS(r.value, 0.0, 1e-15);
        } else {
            ASSERT_REL(r.value, want, 1e-10);
        }
    }
}

/* Exponential(rate) on [0, inf) */
static double exp_logpdf(double x, void *params)
{
    double rate = *(double *)params;
    return x < 0 ? -INFINITY : log(rate) - rate * x;
}

static void test_density_half_line(void)
{
    double l1 = 2.0, l2 = 0.5;
    struct kl_density p = {exp_logpdf, &l1, 0.0, INFINITY, 0.0, 0.0};
    struct kl_density q = {exp_logpdf, &l2, 0.0, INFINITY, 0.0, 0.0};
    struct kl_quad_result r;
    CU_ASSERT_EQUAL(kl_density_entropy(&p, NULL, &r), KL_OK);
    ASSERT_REL(r.value, 1.0 - log(l1), 1e-10);
    CU_ASSERT_EQUAL(kl_density_divergence(&p, &q, NULL, &r), KL_OK);
    ASSERT_REL(r.value, log(l1 / l2) + l2 / l1 - 1.0, 1e-10);
}

static double uniform01_logpdf(double x, void *params)
{
    (void)params;
    return (x >= 0 && x <= 1) ? 0.0 : -INFINITY;
}

static void test_density_interval(void)
{
    /* D(U[0,1] || N(0,1)) = log sqrt(2 pi) + E[x^2]/2 = log sqrt(2 pi) + 1/6 */
    struct kl_gaussian g = {0, 1};
    struct kl_density p = {uniform01_logpdf, NULL, 0.0, 1.0, 0.0, 0.0};
    struct kl_density q = kl_gaussian_density(&g);
    struct kl_quad_result r;
    CU_ASSERT_EQUAL(kl_density_divergence(&p, &q, NULL, &r), KL_OK);
    ASSERT_REL(r.value, 0.5 * log(2 * M_PI) + 1.0 / 6.0, 1e-12);
    CU_ASSERT_EQUAL(kl_density_entropy(&p, NULL, &r), KL_OK);
    ASSERT_ABS(r.value, 0.0, 1e-15);
}

static void test_density_divergence_infinite(void)
{
    struct kl_gaussian g = {0, 1};
    double rate = 1.0;
    struct kl_density p = kl_gaussian_density(&g);
    /* Q's support is a half-line: known from the supports */
    struct kl_density q = {exp_logpdf, &rate, 0.0, INFINITY, 0.0, 0.0};
    struct kl_quad_result r;
    CU_ASSERT_EQUAL(kl_density_divergence(&p, &q, NULL, &r), KL_OK);
    CU_ASSERT(isinf(r.value) && r.value > 0);
    /* the same Q declared on the whole line: found while integrating */
    struct kl_density q2 = {exp_logpdf, &rate, -INFINITY, INFINITY, 0.0, 0.0};
    CU_ASSERT_EQUAL(kl_density_divergence(&p, &q2, NULL, &r), KL_OK);
    CU_ASSERT(isinf(r.value) && r.value > 0);
    /* the other way round it is finite: 1/2 log(2 pi) + E[x^2]/2 - h(Exp(1))
     * = 1/2 log(2 pi) + 1 - 1 */
    struct kl_density p2 = {exp_logpdf, &rate, 0.0, INFINITY, 0.0, 0.0};
    CU_ASSERT_EQUAL(kl_density_divergence(&p2, &p, NULL, &r), KL_OK);
    ASSERT_REL(r.value, 0.5 * log(2 * M_PI), 1e-10);
}

static void test_density_errors(void)
{
    struct kl_gaussian g = {0, 1};
    struct kl_density p = kl_gaussian_density(&g);
    struct kl_density nofn = {NULL, NULL, -INFINITY, INFINITY, 0.0, 0.0};
    struct kl_density empty = {uniform01_logpdf, NULL, 1.0, 1.0, 0.0, 0.0};
    struct kl_quad_result r;
    CU_ASSERT_EQUAL(kl_density_entropy(NULL, NULL, &r), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_density_entropy(&nofn, NULL, &r), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_density_entropy(&empty, NULL, &r), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_density_divergence(&p, &nofn, NULL, &r), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_density_divergence(&p, NULL, NULL, &r), KL_EPARAM);
    struct kl_quad zero_limit = {0.0, 1e-12, 0};
    CU_ASSERT_EQUAL(kl_density_entropy(&p, &zero_limit, &r), KL_EPARAM);
    /* an unreachable tolerance with one interval: GSL gives up, we report it
     * and still return GSL's estimate (no abort) */
    struct kl_quad tight = {0.0, 1e-15, 1};
    struct kl_gaussian w = {0, 50};
    struct kl_density pw = kl_gaussian_density(&w);
    CU_ASSERT_EQUAL(kl_density_entropy(&pw, &tight, &r), KL_EQUAD);
    CU_ASSERT(isfinite(r.value));
    CU_ASSERT(isfinite(r.abserr));
    CU_ASSERT_EQUAL(kl_gaussian_check(0, 0), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_gaussian_check(0, -1), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_gaussian_check(NAN, 1), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_gaussian_check(0, INFINITY), KL_EPARAM);
    double h = 5.0;
    CU_ASSERT_EQUAL(kl_gaussian_entropy(0.0, &h), KL_EPARAM);
    CU_ASSERT_EQUAL(h, 5.0);
}

static void test_density_gaussian_closed_form(void)
{
    double cases[][4] = {{0, 1, 0, 1}, {0, 1, 1, 1}, {0, 1, 0, 2},
                         {-1, 0.5, 2, 3}, {3, 1e-3, -2, 1e3}, {0, 1e3, 0, 1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double d;
        CU_ASSERT_EQUAL(kl_gaussian_divergence(cases[i][0], cases[i][1],
                                               cases[i][2], cases[i][3], &d),
                        KL_OK);
        double want = gauss_kl(cases[i][0], cases[i][1], cases[i][2], cases[i][3]);
        if (want == 0.0) {
            CU_ASSERT_EQUAL(d, 0.0);
        } else {
            ASSERT_REL(d, want, 1e-13);
        }
    }
    /* tiny divergences: sigma1 = 1 + e, sigma2 = 1: D = (e^u - 1 - u)/2 with
     * u = 2 log(1 + e) = 2e - e^2 + ..., so D = e^2 - e^3/... ; reference by
     * long double series through u */
    double eps[] = {1e-3, 1e-6, 1e-9};
    for (int i = 0; i < 3; i++) {
        double s1 = 1.0 + eps[i], d;
        long double e = (long double)s1 - 1.0L;
        long double u = 2.0L * log1pl(e), term = u * u / 2.0L, sum = 0.0L;
        for (int k = 2; k < 30; k++) {
            sum += term;
            term *= u / (k + 1);
        }
        CU_ASSERT_EQUAL(kl_gaussian_divergence(0, s1, 0, 1, &d), KL_OK);
        ASSERT_REL(d, (double)(0.5L * sum), 1e-14);
    }
    double d = 9.0;
    CU_ASSERT_EQUAL(kl_gaussian_divergence(0, 0, 0, 1, &d), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_gaussian_divergence(0, 1, NAN, 1, &d), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_gaussian_divergence(0, 1, 0, -1, &d), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_gaussian_divergence(0, INFINITY, 0, 1, &d), KL_EPARAM);
    CU_ASSERT_EQUAL(d, 9.0);
}

/* A narrow density far from the origin: found through its centre and scale;
 * without them the rule never samples its mass, and says so. */
/* Overflow before scaling: mu1 - mu2 = 2e308 overflowed and D came out +inf
 * (true 2); squares whose halves fit overflowed; exp of a rounded
 * u = 2 log(sigma1/sigma2) lost 60 ulps at a ratio of 1e154.  References:
 * log(s2/s1) + (s1^2 + (m1-m2)^2)/(2 s2^2) - 1/2 in Python's decimal at 80
 * digits on the exact doubles. */
static void test_density_gaussian_divergence_overflow(void)
{
    const double cases[][5] = {
        {1e308, 1e308, -1e308, 1e308, 2.0},
        {1e308, 1, -1e308, 1e300, 2.000000000000069e+16},
        {1.5e154, 1, 0, 1, 1.1250000000000002e+308},    /* delta^2 > DBL_MAX */
        {0, 1, 0, 1e-154, 5e+307},                      /* e^u > DBL_MAX */
        {0, 1, 0, 6.053819614540418e-155, 1.3643036845527107e+308},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const double *c = cases[i];
        double d = -1.0;
        CU_ASSERT_EQUAL(kl_gaussian_divergence(c[0], c[1], c[2], c[3], &d), KL_OK);
        ASSERT_REL(d, c[4], 4 * DBL_EPSILON);
    }
    /* finite divergences beyond the largest double: a status, D untouched */
    const double over[][4] = {
        {0, 1, 0, 1e-300}, {0, 1e300, 0, 1e-300}, {1e308, 1, -1e308, 1e-10},
        {0, 1, 0, 1e-320}, {2e154, 1, 0, 1},
    };
    for (size_t i = 0; i < sizeof over / sizeof over[0]; i++) {
        double d = 7.0;
        const double *c = over[i];
        CU_ASSERT_EQUAL(kl_gaussian_divergence(c[0], c[1], c[2], c[3], &d),
                        KL_ERANGE);
        CU_ASSERT_EQUAL(d, 7.0);
    }
}

static void test_density_narrow_far(void)
{
    struct kl_gaussian a = {3.0, 0.01}, b = {3.0, 0.02}, c = {1000.0, 1e-3};
    struct kl_density p = kl_gaussian_density(&a), q = kl_gaussian_density(&b);
    struct kl_quad_result r;
    CU_ASSERT_EQUAL(kl_density_divergence(&p, &q, NULL, &r), KL_OK);
    ASSERT_REL(r.value, gauss_kl(3.0, 0.01, 3.0, 0.02), 1e-10);
    struct kl_density pc = kl_gaussian_density(&c);
    CU_ASSERT_EQUAL(kl_density_entropy(&pc, NULL, &r), KL_OK);
    ASSERT_REL(r.value, 0.5 * log(2 * M_PI * M_E * 1e-6), 1e-10);
    /* the same densities without a centre and scale */
    struct kl_density bare_p = {kl_gaussian_logpdf, &a, -INFINITY, INFINITY, 0.0, 0.0};
    struct kl_density bare_q = {kl_gaussian_logpdf, &b, -INFINITY, INFINITY, 0.0, 0.0};
    CU_ASSERT_EQUAL(kl_density_divergence(&bare_p, &bare_q, NULL, &r), KL_EQUAD);
    struct kl_density bare_c = {kl_gaussian_logpdf, &c, -INFINITY, INFINITY, 0.0, 0.0};
    CU_ASSERT_EQUAL(kl_density_entropy(&bare_c, NULL, &r), KL_EQUAD);
    /* a bad scale is refused */
    struct kl_density neg = {kl_gaussian_logpdf, &a, -INFINITY, INFINITY, 3.0, -1.0};
    CU_ASSERT_EQUAL(kl_density_entropy(&neg, NULL, &r), KL_EPARAM);
    struct kl_density nanc = {kl_gaussian_logpdf, &a, -INFINITY, INFINITY, NAN, 1.0};
    CU_ASSERT_EQUAL(kl_density_entropy(&nanc, NULL, &r), KL_EPARAM);
}

static double square(double x, void *params)
{
    (void)params;
    return x * x;
}

static void test_density_expectation(void)
{
    /* E[X^2] = mu^2 + sigma^2, for a wide law and a narrow one far away */
    double cases[][2] = {{0.0, 1.0}, {-2.0, 30.0}, {3.0, 0.01}, {1000.0, 1e-3}};
    for (int i = 0; i < 4; i++) {
        struct kl_gaussian g = {cases[i][0], cases[i][1]};
        struct kl_density p = kl_gaussian_density(&g);
        struct kl_quad_result r;
        CU_ASSERT_EQUAL(kl_density_expectation(&p, square, NULL, NULL, &r), KL_OK);
        ASSERT_REL(r.value, g.mu * g.mu + g.sigma * g.sigma, 1e-11);
    }
    /* E[X^2] = 2 / rate^2 for the exponential law on the half-line */
    double rate = 4.0;
    struct kl_density e = {exp_logpdf, &rate, 0.0, INFINITY, 0.0, 0.0};
    struct kl_quad_result r;
    CU_ASSERT_EQUAL(kl_density_expectation(&e, square, NULL, NULL, &r), KL_OK);
    ASSERT_REL(r.value, 2.0 / 16.0, 1e-11);
}

static void test_density_expectation_errors(void)
{
    struct kl_gaussian g = {3.0, 0.01};
    struct kl_density p = kl_gaussian_density(&g);
    struct kl_density bare = {kl_gaussian_logpdf, &g, -INFINITY, INFINITY, 0.0, 0.0};
    struct kl_quad_result r;
    CU_ASSERT_EQUAL(kl_density_expectation(NULL, square, NULL, NULL, &r), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_density_expectation(&p, NULL, NULL, NULL, &r), KL_EPARAM);
    /* the mass is missed without a centre and scale, and that is reported */
    CU_ASSERT_EQUAL(kl_density_expectation(&bare, square, NULL, NULL, &r), KL_EQUAD);
}

TEST_SUITE(density,
           TEST(test_density_gaussian_divergence_overflow),
           TEST(test_density_expectation),
           TEST(test_density_expectation_errors),
           TEST(test_density_narrow_far),
           TEST(test_density_gaussian_closed_form),
           TEST(test_density_gaussian_entropy),
           TEST(test_density_gaussian_divergence),
           TEST(test_density_half_line),
           TEST(test_density_interval),
           TEST(test_density_divergence_infinite),
           TEST(test_density_errors))
