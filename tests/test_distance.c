/* Tests of src/kl/distance.c: total variation and chi-square against
 * hand-derived values, their conventions at zero, the bounds that tie them
 * to the KL divergence on random pairs, and every error path. */
#include "testlib.h"

#include <math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "kl/discrete.h"
#include "kl/distance.h"

static void test_distance_tv_known(void)
{
    /* (1/2,1/2) vs (9/10,1/10): (0.4 + 0.4)/2 = 0.4, symmetric */
    double p[] = {0.5, 0.5}, q[] = {0.9, 0.1}, tv;
    CU_ASSERT_EQUAL(kl_distance_tv(p, q, 2, &tv), KL_OK);
    ASSERT_REL(tv, 0.4, 1e-15);
    CU_ASSERT_EQUAL(kl_distance_tv(q, p, 2, &tv), KL_OK);
    ASSERT_REL(tv, 0.4, 1e-15);
    /* three outcomes: (|0.2-0.5| + |0.3-0.3| + |0.5-0.2|)/2 = 0.3 */
    double a[] = {0.2, 0.3, 0.5}, b[] = {0.5, 0.3, 0.2};
    CU_ASSERT_EQUAL(kl_distance_tv(a, b, 3, &tv), KL_OK);
    ASSERT_REL(tv, 0.3, 1e-15);
}

static void test_distance_tv_extremes(void)
{
    double p[] = {0.25, 0.75, 0.0}, q[] = {0.0, 0.0, 1.0}, tv = -1.0;
    CU_ASSERT_EQUAL(kl_distance_tv(p, p, 3, &tv), KL_OK);
    CU_ASSERT_EQUAL(tv, 0.0);
    CU_ASSERT_EQUAL(kl_distance_tv(p, q, 3, &tv), KL_OK); /* disjoint */
    CU_ASSERT_EQUAL(tv, 1.0);
}

static void test_distance_chi2_known(void)
{
    /* chi2((1/2,1/2) | (9/10,1/10)) = 0.16/0.9 + 0.16/0.1 = 16/9;
     * the other way 0.16/0.5 + 0.16/0.5 = 0.64 */
    double p[] = {0.5, 0.5}, q[] = {0.9, 0.1}, c;
    CU_ASSERT_EQUAL(kl_distance_chi2(p, q, 2, &c), KL_OK);
    ASSERT_REL(c, 16.0 / 9.0, 1e-15);
    CU_ASSERT_EQUAL(kl_distance_chi2(q, p, 2, &c), KL_OK);
    ASSERT_REL(c, 0.64, 1e-15);
    /* against the uniform on 4: 4 sum p^2 - 1 = 4 (0.49 + 0.01 + 0.04 + 0) - 1 */
    double a[] = {0.7, 0.1, 0.2, 0.0}, u[] = {0.25, 0.25, 0.25, 0.25};
    CU_ASSERT_EQUAL(kl_distance_chi2(a, u, 4, &c), KL_OK);
    ASSERT_REL(c, 1.16, 1e-14);
}

static void test_distance_chi2_zeros(void)
{
    /* p = q = 0 adds nothing; p > 0 = q is +inf; p = 0 < q adds q */
    double p[] = {0.5, 0.5, 0.0}, q[] = {0.5, 0.25, 0.25}, c = -1.0;
    CU_ASSERT_EQUAL(kl_distance_chi2(p, p, 3, &c), KL_OK);
    CU_ASSERT_EQUAL(c, 0.0);
    CU_ASSERT_EQUAL(kl_distance_chi2(q, p, 3, &c), KL_OK);
    CU_ASSERT(isinf(c) && c > 0);
    CU_ASSERT_EQUAL(kl_distance_chi2(p, q, 3, &c), KL_OK);
    ASSERT_REL(c, 0.0625 / 0.25 + 0.0625 / 0.25, 1e-15);
}

static void test_distance_bounds_random(void)
{
    /* Pinsker TV <= sqrt(D/2) and D <= log(1 + chi2) on random pairs */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 20261122);
    double alpha[40], p[40], q[40];
    for (int i = 0; i < 40; i++)
        alpha[i] = 0.5;
    for (int trial = 0; trial < 300; trial++) {
        size_t n = 2 + (size_t)(trial % 39);
        gsl_ran_dirichlet(r, n, alpha, p);
        gsl_ran_dirichlet(r, n, alpha, q);
        double tv, tv2, chi2, d;
        CU_ASSERT_EQUAL_FATAL(kl_distance_tv(p, q, n, &tv), KL_OK);
        CU_ASSERT_EQUAL_FATAL(kl_distance_tv(q, p, n, &tv2), KL_OK);
        CU_ASSERT_EQUAL_FATAL(kl_distance_chi2(p, q, n, &chi2), KL_OK);
        CU_ASSERT_EQUAL_FATAL(kl_discrete_divergence(p, q, n, KL_BASE_E, &d), KL_OK);
        CU_ASSERT(tv >= 0.0 && tv <= 1.0);
        CU_ASSERT_EQUAL(tv, tv2);
        CU_ASSERT(tv <= sqrt(d / 2.0) * (1 + 1e-12));
        CU_ASSERT(d <= log1p(chi2) * (1 + 1e-12));
    }
    gsl_rng_free(r);
}

static void test_distance_chi2_local(void)
{
    /* D(P || P + eps d) / (chi2(P + eps d | P) / 2) -> 1 as eps -> 0 */
    double p[] = {0.1, 0.2, 0.3, 0.4}, d[] = {1, -1, 2, -2}, q[4];
    for (int i = 0; i < 4; i++)
        q[i] = p[i] + 1e-6 * d[i];
    double kl, c;
    CU_ASSERT_EQUAL(kl_discrete_divergence(p, q, 4, KL_BASE_E, &kl), KL_OK);
    CU_ASSERT_EQUAL(kl_distance_chi2(q, p, 4, &c), KL_OK);
    ASSERT_REL(c, 1e-12 * (10.0 + 5.0 + 4.0 / 0.3 + 10.0), 1e-9);
    ASSERT_REL(kl, c / 2.0, 1e-5);
}

/* chi2 with a subnormal q_i: the term 0.25/2^-1074 overflows, and the
 * compensated sum used to turn inf - inf into NaN, which fmax hid as 0.  The
 * value, 2^1072 (1.1e322) ... is finite but beyond the double range. */
static void test_distance_chi2_overflow(void)
{
    double p[] = {0.5, 0.5}, q[] = {1.0, 0x1p-1074}, chi2 = -1.0;
    CU_ASSERT_EQUAL(kl_distance_chi2(p, q, 2, &chi2), KL_ERANGE);
    CU_ASSERT_EQUAL(chi2, -1.0);
    /* a q_i = 0 under p_i > 0 is still infinite */
    double z[] = {1.0, 0.0};
    CU_ASSERT_EQUAL(kl_distance_chi2(p, z, 2, &chi2), KL_OK);
    CU_ASSERT(isinf(chi2) && chi2 > 0);
}

static void test_distance_errors(void)
{
    double good[] = {0.5, 0.5}, neg[] = {1.5, -0.5}, nan_[] = {NAN, 0.5},
           inf_[] = {INFINITY, 0.5}, sum[] = {0.5, 0.6}, out = 42.0;
    enum kl_status (*fns[])(const double *, const double *, size_t, double *) = {
        kl_distance_tv, kl_distance_chi2};
    for (int f = 0; f < 2; f++) {
        CU_ASSERT_EQUAL(fns[f](good, good, 0, &out), KL_EEMPTY);
        CU_ASSERT_EQUAL(fns[f](neg, good, 2, &out), KL_ENEGATIVE);
        CU_ASSERT_EQUAL(fns[f](good, neg, 2, &out), KL_ENEGATIVE);
        CU_ASSERT_EQUAL(fns[f](nan_, good, 2, &out), KL_ENAN);
        CU_ASSERT_EQUAL(fns[f](good, nan_, 2, &out), KL_ENAN);
        CU_ASSERT_EQUAL(fns[f](inf_, good, 2, &out), KL_EINF);
        CU_ASSERT_EQUAL(fns[f](good, inf_, 2, &out), KL_EINF);
        CU_ASSERT_EQUAL(fns[f](sum, good, 2, &out), KL_ESUM);
        CU_ASSERT_EQUAL(fns[f](good, sum, 2, &out), KL_ESUM);
        /* P is checked before Q */
        CU_ASSERT_EQUAL(fns[f](sum, neg, 2, &out), KL_ESUM);
    }
    CU_ASSERT_EQUAL(out, 42.0); /* untouched on every error */
}

TEST_SUITE(distance,
           TEST(test_distance_chi2_overflow),
           TEST(test_distance_tv_known),
           TEST(test_distance_tv_extremes),
           TEST(test_distance_chi2_known),
           TEST(test_distance_chi2_zeros),
           TEST(test_distance_bounds_random),
           TEST(test_distance_chi2_local),
           TEST(test_distance_errors))
