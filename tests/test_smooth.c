/* Tests of src/kl/smooth.c: additive smoothing against hand-computed
 * fractions, its limits (alpha = 0 and alpha -> infinity), the finiteness it
 * buys a divergence, and every error path. */
#include "testlib.h"

#include <math.h>

#include "kl/discrete.h"
#include "kl/smooth.h"

static void test_smooth_additive_known(void)
{
    /* counts 3, 2, 1, 0 (C = 6, N = 4) */
    double c[] = {3, 2, 1, 0}, p[4];
    CU_ASSERT_EQUAL(kl_smooth_additive(c, 4, 1.0, p), KL_OK);
    ASSERT_REL(p[0], 4.0 / 10, 1e-15);
    ASSERT_REL(p[1], 3.0 / 10, 1e-15);
    ASSERT_REL(p[2], 2.0 / 10, 1e-15);
    ASSERT_REL(p[3], 1.0 / 10, 1e-15);
    CU_ASSERT_EQUAL(kl_smooth_additive(c, 4, 0.5, p), KL_OK);
    ASSERT_REL(p[0], 3.5 / 8, 1e-15);
    ASSERT_REL(p[3], 0.5 / 8, 1e-15);
    CU_ASSERT_EQUAL(kl_discrete_check(p, 4), KL_OK);
    double q[4];
    CU_ASSERT_EQUAL(kl_smooth_laplace(c, 4, q), KL_OK);
    ASSERT_REL(q[1], 0.3, 1e-15);
}

static void test_smooth_additive_limits(void)
{
    double c[] = {3, 2, 1, 0}, p[4], f[4];
    /* alpha = 0: the relative frequencies, zero stays zero */
    CU_ASSERT_EQUAL(kl_smooth_additive(c, 4, 0.0, p), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_normalize(c, 4, f), KL_OK);
    for (int i = 0; i < 4; i++)
        ASSERT_REL(p[i], f[i], 1e-15);
    CU_ASSERT_EQUAL(p[3], 0.0);
    /* a huge alpha: nearly uniform, and no overflow */
    CU_ASSERT_EQUAL(kl_smooth_additive(c, 4, 1e300, p), KL_OK);
    for (int i = 0; i < 4; i++)
        ASSERT_REL(p[i], 0.25, 1e-15);
    double big[] = {1e308, 1e308, 0};
    CU_ASSERT_EQUAL(kl_smooth_additive(big, 3, 1e308, p), KL_OK);
    ASSERT_REL(p[0], 0.4, 1e-15);
    ASSERT_REL(p[1], 0.4, 1e-15);
    ASSERT_REL(p[2], 0.2, 1e-15);
    /* all-zero counts with alpha > 0: uniform */
    double z[] = {0, 0, 0, 0};
    CU_ASSERT_EQUAL(kl_smooth_additive(z, 4, 0.1, p), KL_OK);
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(p[i], 0.25);
}

static void test_smooth_additive_in_place(void)
{
    double c[] = {1, 0, 3};
    CU_ASSERT_EQUAL(kl_smooth_additive(c, 3, 2.0, c), KL_OK);
    ASSERT_REL(c[0], 3.0 / 10, 1e-15);
    ASSERT_REL(c[1], 2.0 / 10, 1e-15);
    ASSERT_REL(c[2], 5.0 / 10, 1e-15);
}

static void test_smooth_additive_makes_divergence_finite(void)
{
    /* P has a category Q never saw: infinite before smoothing, finite after,
     * and shrinking towards 0 as alpha grows (both tend to uniform). */
    double cp[] = {3, 2, 1, 0}, cq[] = {1, 0, 3, 2}, p[4], q[4], d, last = INFINITY;
    CU_ASSERT_EQUAL(kl_discrete_normalize(cp, 4, p), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_normalize(cq, 4, q), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_divergence(p, q, 4, KL_BASE_E, &d), KL_OK);
    CU_ASSERT(isinf(d));
    double alphas[] = {1e-9, 1e-3, 0.5, 1, 10, 1e4};
    for (int i = 0; i < 6; i++) {
        CU_ASSERT_EQUAL(kl_smooth_additive(cp, 4, alphas[i], p), KL_OK);
        CU_ASSERT_EQUAL(kl_smooth_additive(cq, 4, alphas[i], q), KL_OK);
        CU_ASSERT_EQUAL(kl_discrete_divergence(p, q, 4, KL_BASE_E, &d), KL_OK);
        CU_ASSERT(isfinite(d) && d > 0 && d < last);
        last = d;
    }
}

static void test_smooth_additive_errors(void)
{
    double c[] = {3, 2, 1, 0}, out[4] = {7, 7, 7, 7};
    double bad_alpha[] = {-1.0, -1e-300, NAN, -NAN, INFINITY, -INFINITY};
    for (int i = 0; i < 6; i++) {
        CU_ASSERT_EQUAL(kl_smooth_additive(c, 4, bad_alpha[i], out), KL_EPARAM);
        CU_ASSERT_EQUAL(kl_smooth_check_alpha(bad_alpha[i]), KL_EPARAM);
    }
    CU_ASSERT_EQUAL(kl_smooth_check_alpha(0.0), KL_OK);
    CU_ASSERT_EQUAL(kl_smooth_check_alpha(2.5), KL_OK);
    CU_ASSERT_EQUAL(kl_smooth_additive(c, 0, 1.0, out), KL_EEMPTY);
    double nan_[] = {1, NAN}, inf_[] = {1, INFINITY}, neg[] = {1, -1}, z[] = {0, 0};
    CU_ASSERT_EQUAL(kl_smooth_additive(nan_, 2, 1.0, out), KL_ENAN);
    CU_ASSERT_EQUAL(kl_smooth_additive(inf_, 2, 1.0, out), KL_EINF);
    CU_ASSERT_EQUAL(kl_smooth_additive(neg, 2, 1.0, out), KL_ENEGATIVE);
    CU_ASSERT_EQUAL(kl_smooth_additive(z, 2, 0.0, out), KL_EZERO);
    for (int i = 0; i < 4; i++)
        CU_ASSERT_EQUAL(out[i], 7.0); /* untouched on error */
}

TEST_SUITE(smooth,
           TEST(test_smooth_additive_known),
           TEST(test_smooth_additive_limits),
           TEST(test_smooth_additive_in_place),
           TEST(test_smooth_additive_makes_divergence_finite),
           TEST(test_smooth_additive_errors))
