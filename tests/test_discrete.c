/* Tests of src/kl/discrete.c: values against hand-derived closed forms,
 * identities on random vectors, conventions at zero, and every error path. */
#include "testlib.h"

#include <math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "kl/discrete.h"

#define LN2 0.693147180559945309417232121458176568

static void test_discrete_entropy_uniform(void)
{
    double p[8];
    for (int i = 0; i < 8; i++)
        p[i] = 0.125;
    double h;
    CU_ASSERT_EQUAL(kl_discrete_entropy(p, 8, 2.0, &h), KL_OK);
    CU_ASSERT_EQUAL(h, 3.0);
    CU_ASSERT_EQUAL(kl_discrete_entropy(p, 8, KL_BASE_E, &h), KL_OK);
    ASSERT_REL(h, 3 * LN2, 1e-15);
    CU_ASSERT_EQUAL(kl_discrete_entropy(p, 8, 10.0, &h), KL_OK);
    ASSERT_REL(h, 3 * log10(2.0), 1e-15);
}

static void test_discrete_entropy_dyadic(void)
{
    double p[] = {0.5, 0.25, 0.25}, h;
    CU_ASSERT_EQUAL(kl_discrete_entropy(p, 3, 2.0, &h), KL_OK);
    CU_ASSERT_EQUAL(h, 1.5);
}

static void test_discrete_entropy_zero_entries(void)
{
    double p[] = {0.0, 1.0, 0.0}, h = -1.0;
    CU_ASSERT_EQUAL(kl_discrete_entropy(p, 3, KL_BASE_E, &h), KL_OK);
    CU_ASSERT_EQUAL(h, 0.0);
    CU_ASSERT(!signbit(h)); /* +0, not -0 */
}

static void test_discrete_divergence_known(void)
{
    /* D((1/2,1/2) || (9/10,1/10)) = (1/2) ln(25/9) = ln(5/3) */
    double p[] = {0.5, 0.5}, q[] = {0.9, 0.1}, d;
    CU_ASSERT_EQUAL(kl_discrete_divergence(p, q, 2, KL_BASE_E, &d), KL_OK);
    ASSERT_REL(d, log(5.0 / 3.0), 1e-15);
    CU_ASSERT_EQUAL(kl_discrete_divergence(p, q, 2, 2.0, &d), KL_OK);
    ASSERT_REL(d, log2(5.0 / 3.0), 1e-15);
    /* and the other direction, by hand: 0.9 ln 1.8 + 0.1 ln 0.2 */
    CU_ASSERT_EQUAL(kl_discrete_divergence(q, p, 2, KL_BASE_E, &d), KL_OK);
    ASSERT_REL(d, 0.9 * log(1.8) + 0.1 * log(0.2), 1e-15);
}

static void test_discrete_divergence_self_is_zero(void)
{
    double p[] = {0.2, 0.3, 0.5}, d = -1.0;
    CU_ASSERT_EQUAL(kl_discrete_divergence(p, p, 3, KL_BASE_E, &d), KL_OK);
    CU_ASSERT_EQUAL(d, 0.0);
}

static void test_discrete_divergence_infinite(void)
{
    double p[] = {0.5, 0.5}, q[] = {1.0, 0.0}, d = 0.0;
    CU_ASSERT_EQUAL(kl_discrete_divergence(p, q, 2, KL_BASE_E, &d), KL_OK);
    CU_ASSERT(isinf(d) && d > 0);
    /* p = 0 where q > 0 contributes nothing: D(q || p) = ln 2 */
    CU_ASSERT_EQUAL(kl_discrete_divergence(q, p, 2, KL_BASE_E, &d), KL_OK);
    ASSERT_REL(d, LN2, 1e-15);
    double h = 0.0;
    CU_ASSERT_EQUAL(kl_discrete_cross_entropy(p, q, 2, KL_BASE_E, &h), KL_OK);
    CU_ASSERT(isinf(h) && h > 0);
}

/* D((1/2+e, 1/2-e) || (1/2, 1/2)) = sum_k (2e)^(2k) / (2k(2k-1)), which the
 * textbook sum p log(p/q) loses entirely for small e. */
static double near_reference(double e)
{
    double x2 = 4 * e * e, term = x2, sum = 0.0;
    for (int k = 1; k < 12; k++) {
        sum += term / (2.0 * k * (2.0 * k - 1));
        term *= x2;
    }
    return sum;
}

static void test_discrete_divergence_nearly_equal(void)
{
    double exps[] = {-4, -10, -20, -26};
    for (int i = 0; i < 4; i++) {
        double e = ldexp(1.0, (int)exps[i]);
        double p[] = {0.5 + e, 0.5 - e}, q[] = {0.5, 0.5}, d;
        CU_ASSERT_EQUAL(kl_discrete_divergence(p, q, 2, KL_BASE_E, &d), KL_OK);
        ASSERT_REL(d, near_reference(e), 1e-14);
    }
}

static void test_discrete_cross_entropy_identity(void)
{
    /* H(P,Q) = H(P) + D(P||Q) on random pairs of several sizes */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 20261122);
    double alpha[50], p[50], q[50];
    for (int i = 0; i < 50; i++)
        alpha[i] = 0.7;
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 2 + (size_t)(trial % 49);
        gsl_ran_dirichlet(r, n, alpha, p);
        gsl_ran_dirichlet(r, n, alpha, q);
        double h, hpq, d;
        CU_ASSERT_EQUAL_FATAL(kl_discrete_entropy(p, n, KL_BASE_E, &h), KL_OK);
        CU_ASSERT_EQUAL_FATAL(kl_discrete_cross_entropy(p, q, n, KL_BASE_E, &hpq), KL_OK);
        CU_ASSERT_EQUAL_FATAL(kl_discrete_divergence(p, q, n, KL_BASE_E, &d), KL_OK);
        CU_ASSERT(d >= 0.0);
        ASSERT_ABS(hpq, h + d, 1e-12 * (1 + hpq));
    }
    gsl_rng_free(r);
}

static void test_discrete_js_bounds(void)
{
    double p[] = {1.0, 0.0}, q[] = {0.0, 1.0}, js;
    CU_ASSERT_EQUAL(kl_discrete_js(p, q, 2, KL_BASE_E, &js), KL_OK);
    ASSERT_REL(js, LN2, 1e-15);
    CU_ASSERT_EQUAL(kl_discrete_js(p, q, 2, 2.0, &js), KL_OK);
    CU_ASSERT_EQUAL(js, 1.0);
    double a[] = {0.1, 0.6, 0.3}, b[] = {0.5, 0.2, 0.3}, ab, ba;
    CU_ASSERT_EQUAL(kl_discrete_js(a, b, 3, KL_BASE_E, &ab), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_js(b, a, 3, KL_BASE_E, &ba), KL_OK);
    ASSERT_REL(ab, ba, 1e-15);
    /* by hand, with m = (0.3, 0.4, 0.3) */
    double want = 0.5 * (0.1 * log(0.1 / 0.3) + 0.6 * log(0.6 / 0.4)) +
                  0.5 * (0.5 * log(0.5 / 0.3) + 0.2 * log(0.2 / 0.4));
    ASSERT_REL(ab, want, 1e-14);
}

static void test_discrete_normalize_counts(void)
{
    double c[] = {3, 2, 0, 1}, p[4];
    CU_ASSERT_EQUAL(kl_discrete_normalize(c, 4, p), KL_OK);
    ASSERT_REL(p[0], 0.5, 1e-15);
    ASSERT_REL(p[1], 1.0 / 3, 1e-15);
    CU_ASSERT_EQUAL(p[2], 0.0);
    ASSERT_REL(p[3], 1.0 / 6, 1e-15);
    double big[] = {1e308, 1e308}, pb[2];
    CU_ASSERT_EQUAL(kl_discrete_normalize(big, 2, pb), KL_OK);
    CU_ASSERT_EQUAL(pb[0], 0.5);
}

static void test_discrete_check_errors(void)
{
    double ok[] = {0.5, 0.5};
    double neg[] = {1.5, -0.5};
    double nan_[] = {NAN, 0.5};
    double inf_[] = {INFINITY, 0.5};
    double sum[] = {0.5, 0.4};
    double close[] = {0.5, 0.5 + 5e-10};
    double far[] = {0.5, 0.5 + 2e-9};
    CU_ASSERT_EQUAL(kl_discrete_check(ok, 2), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_check(ok, 0), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_discrete_check(neg, 2), KL_ENEGATIVE);
    CU_ASSERT_EQUAL(kl_discrete_check(nan_, 2), KL_ENAN);
    CU_ASSERT_EQUAL(kl_discrete_check(inf_, 2), KL_EINF);
    CU_ASSERT_EQUAL(kl_discrete_check(sum, 2), KL_ESUM);
    CU_ASSERT_EQUAL(kl_discrete_check(close, 2), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_check(far, 2), KL_ESUM);
}

static void test_discrete_measures_errors(void)
{
    double ok[] = {0.5, 0.5}, bad[] = {0.5, 0.4}, out = 42.0;
    CU_ASSERT_EQUAL(kl_discrete_entropy(bad, 2, KL_BASE_E, &out), KL_ESUM);
    CU_ASSERT_EQUAL(kl_discrete_cross_entropy(ok, bad, 2, KL_BASE_E, &out), KL_ESUM);
    CU_ASSERT_EQUAL(kl_discrete_divergence(bad, ok, 2, KL_BASE_E, &out), KL_ESUM);
    CU_ASSERT_EQUAL(kl_discrete_js(ok, bad, 2, KL_BASE_E, &out), KL_ESUM);
    CU_ASSERT_EQUAL(kl_discrete_divergence(ok, ok, 0, KL_BASE_E, &out), KL_EEMPTY);
    CU_ASSERT_EQUAL(out, 42.0); /* untouched on error */
    double bases[] = {1.0, 0.0, -2.0, NAN, INFINITY};
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(kl_discrete_entropy(ok, 2, bases[i], &out), KL_EBASE);
        CU_ASSERT_EQUAL(kl_discrete_divergence(ok, ok, 2, bases[i], &out), KL_EBASE);
    }
    CU_ASSERT_EQUAL(out, 42.0);
}

static void test_discrete_normalize_errors(void)
{
    double zero[] = {0, 0}, neg[] = {1, -1}, nan_[] = {1, NAN},
           inf_[] = {1, INFINITY}, out[2] = {7, 7};
    CU_ASSERT_EQUAL(kl_discrete_normalize(zero, 2, out), KL_EZERO);
    CU_ASSERT_EQUAL(kl_discrete_normalize(neg, 2, out), KL_ENEGATIVE);
    CU_ASSERT_EQUAL(kl_discrete_normalize(nan_, 2, out), KL_ENAN);
    CU_ASSERT_EQUAL(kl_discrete_normalize(inf_, 2, out), KL_EINF);
    CU_ASSERT_EQUAL(kl_discrete_normalize(zero, 0, out), KL_EEMPTY);
    CU_ASSERT_EQUAL(out[0], 7);
    for (int s = KL_OK; s <= KL_ENOMEM; s++)
        CU_ASSERT_PTR_NOT_NULL(kl_strerror((enum kl_status)s));
}

static void test_discrete_check_counts_errors(void)
{
    double ok[] = {3, 0, 7.5}, neg[] = {1, -1}, nan_[] = {1, NAN},
           inf_[] = {INFINITY, 1}, max = -1.0;
    CU_ASSERT_EQUAL(kl_discrete_check_counts(ok, 3, &max), KL_OK);
    CU_ASSERT_EQUAL(max, 7.5);
    CU_ASSERT_EQUAL(kl_discrete_check_counts(ok, 3, NULL), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_check_counts(ok, 0, &max), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_discrete_check_counts(neg, 2, &max), KL_ENEGATIVE);
    CU_ASSERT_EQUAL(kl_discrete_check_counts(nan_, 2, &max), KL_ENAN);
    CU_ASSERT_EQUAL(kl_discrete_check_counts(inf_, 2, &max), KL_EINF);
    CU_ASSERT_EQUAL(max, 7.5); /* untouched on error */
}

TEST_SUITE(discrete,
           TEST(test_discrete_check_counts_errors),
           TEST(test_discrete_entropy_uniform),
           TEST(test_discrete_entropy_dyadic),
           TEST(test_discrete_entropy_zero_entries),
           TEST(test_discrete_divergence_known),
           TEST(test_discrete_divergence_self_is_zero),
           TEST(test_discrete_divergence_infinite),
           TEST(test_discrete_divergence_nearly_equal),
           TEST(test_discrete_cross_entropy_identity),
           TEST(test_discrete_js_bounds),
           TEST(test_discrete_normalize_counts),
           TEST(test_discrete_check_errors),
           TEST(test_discrete_measures_errors),
           TEST(test_discrete_normalize_errors))
