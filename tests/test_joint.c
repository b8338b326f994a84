/* Tests of the joint-law module (src/kl/joint.c): entropies and mutual
 * information against closed forms (an independent table, a perfectly
 * dependent one, the binary symmetric channel, a table worked by hand), the
 * accuracy of a tiny I(X;Y), the estimators from counts, and bad input. */
#include "testlib.h"

#include <math.h>
#include <stdlib.h>

#include "kl/discrete.h"
#include "kl/joint.h"

static const double LN2 = 0.693147180559945309417232121458176568;

/* h(e) = -e ln e - (1-e) ln(1-e), in nats */
static double h_nats(double e)
{
    return -e * log(e) - (1.0 - e) * log1p(-e);
}

/* the table of the binary symmetric channel with flip probability E and a
 * uniform input: rows X, columns Y */
static void bsc(double e, double *t)
{
    t[0] = t[3] = (1.0 - e) / 2.0;
    t[1] = t[2] = e / 2.0;
}

static void test_joint_independent(void)
{
    const double a[] = {0.2, 0.5, 0.3}, b[] = {0.1, 0.6, 0.15, 0.15};
    double t[12], ha, hb, v;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            t[i * 4 + j] = a[i] * b[j];
    CU_ASSERT_EQUAL(kl_discrete_entropy(a, 3, KL_BASE_E, &ha), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_entropy(b, 4, KL_BASE_E, &hb), KL_OK);
    CU_ASSERT_EQUAL(kl_joint_mi(t, 3, 4, KL_BASE_E, &v), KL_OK);
    ASSERT_ABS(v, 0.0, 1e-16);
    CU_ASSERT(v >= 0.0);
    CU_ASSERT_EQUAL(kl_joint_entropy(t, 3, 4, KL_BASE_E, &v), KL_OK);
    ASSERT_REL(v, ha + hb, 1e-14);
    CU_ASSERT_EQUAL(kl_joint_entropy_y_given_x(t, 3, 4, KL_BASE_E, &v), KL_OK);
    ASSERT_REL(v, hb, 1e-14);
    CU_ASSERT_EQUAL(kl_joint_entropy_x_given_y(t, 3, 4, KL_BASE_E, &v), KL_OK);
    ASSERT_REL(v, ha, 1e-14);
    double px[3], py[4];
    CU_ASSERT_EQUAL(kl_joint_marginals(t, 3, 4, px, py), KL_OK);
    for (int i = 0; i < 3; i++)
        ASSERT_REL(px[i], a[i], 1e-15);
    for (int j = 0; j < 4; j++)
        ASSERT_REL(py[j], b[j], 1e-15);
}

/* Y = X: I(X;Y) = H(X), H(X|Y) = H(Y|X) = 0, H(X,Y) = H(X) */
static void test_joint_dependent(void)
{
    const double p[] = {0.1, 0.2, 0.3, 0.4};
    double t[16] = {0}, hx, v;
    for (int i = 0; i < 4; i++)
        t[i * 4 + i] = p[i];
    CU_ASSERT_EQUAL(kl_discrete_entropy(p, 4, 2.0, &hx), KL_OK);
    CU_ASSERT_EQUAL(kl_joint_mi(t, 4, 4, 2.0, &v), KL_OK);
    ASSERT_REL(v, hx, 1e-15);
    CU_ASSERT_EQUAL(kl_joint_entropy_x_given_y(t, 4, 4, 2.0, &v), KL_OK);
    ASSERT_ABS(v, 0.0, 0.0);
    CU_ASSERT_EQUAL(kl_joint_entropy_y_given_x(t, 4, 4, 2.0, &v), KL_OK);
    ASSERT_ABS(v, 0.0, 0.0);
    struct kl_joint_info in;
    CU_ASSERT_EQUAL(kl_joint_info(t, 4, 4, 2.0, &in), KL_OK);
    ASSERT_REL(in.hxy, hx, 1e-15);
    ASSERT_REL(in.hx, hx, 1e-15);
    ASSERT_REL(in.hy, hx, 1e-15);
    /* a permutation of the outcomes is as good as the identity */
    double perm[16] = {0};
    perm[0 * 4 + 2] = p[0];
    perm[1 * 4 + 0] = p[1];
    perm[2 * 4 + 3] = p[2];
    perm[3 * 4 + 1] = p[3];
    CU_ASSERT_EQUAL(kl_joint_mi(perm, 4, 4, 2.0, &v), KL_OK);
    ASSERT_REL(v, hx, 1e-15);
}

/* the binary symmetric channel: I = ln 2 - h(e), in nats and bits */
static void test_joint_bsc(void)
{
    const double es[] = {0.0, 0.01, 0.1, 0.25, 0.4, 0.5, 0.75, 1.0};
    for (size_t k = 0; k < sizeof es / sizeof es[0]; k++) {
        double e = es[k], t[4], v, want;
        bsc(e, t);
        want = e == 0.0 || e == 1.0 ? LN2 : LN2 - h_nats(e);
        CU_ASSERT_EQUAL(kl_joint_mi(t, 2, 2, KL_BASE_E, &v), KL_OK);
        ASSERT_ABS(v, want, 4e-16);
        CU_ASSERT_EQUAL(kl_joint_mi(t, 2, 2, 2.0, &v), KL_OK);
        ASSERT_ABS(v, want / LN2, 6e-16);
        CU_ASSERT_EQUAL(kl_joint_entropy_y_given_x(t, 2, 2, KL_BASE_E, &v),
                        KL_OK);
        ASSERT_ABS(v, e == 0.0 || e == 1.0 ? 0.0 : h_nats(e), 4e-16);
    }
}

/* near independence I is tiny and keeps its digits: e = 1/2 - u/2 gives
 * I = ((1+u) ln(1+u) + (1-u) ln(1-u))/2 = u^2/2 + u^4/12 + ... */
static void test_joint_tiny(void)
{
    /* powers of two, so that 1/4 +- u/4 are exact */
    const double us[] = {0x1p-10, 0x1p-17, 0x1p-24};
    for (int k = 0; k < 3; k++) {
        double u = us[k], t[4], v;
        t[0] = t[3] = 0.25 + u / 4.0;
        t[1] = t[2] = 0.25 - u / 4.0;
        CU_ASSERT_EQUAL(kl_joint_mi(t, 2, 2, KL_BASE_E, &v), KL_OK);
        ASSERT_REL(v, u * u / 2.0 + u * u * u * u / 12.0, 1e-9);
    }
}

/* a 2 x 3 table worked by hand, in bits: H(X) = 1, H(Y) = 1.5,
 * H(X,Y) = 2, H(Y|X) = 1, H(X|Y) = 0.5, I = 0.5 */
static void test_joint_by_hand(void)
{
    const double t[] = {0.25, 0.25, 0.0, 0.0, 0.25, 0.25};
    struct kl_joint_info in;
    CU_ASSERT_EQUAL(kl_joint_info(t, 2, 3, 2.0, &in), KL_OK);
    ASSERT_ABS(in.hx, 1.0, 1e-15);
    ASSERT_ABS(in.hy, 1.5, 1e-15);
    ASSERT_ABS(in.hxy, 2.0, 1e-15);
    ASSERT_ABS(in.hy_x, 1.0, 1e-15);
    ASSERT_ABS(in.hx_y, 0.5, 1e-15);
    ASSERT_ABS(in.mi, 0.5, 1e-15);
    /* the same table transposed: X and Y trade places */
    const double tt[] = {0.25, 0.0, 0.25, 0.25, 0.0, 0.25};
    struct kl_joint_info it;
    CU_ASSERT_EQUAL(kl_joint_info(tt, 3, 2, 2.0, &it), KL_OK);
    ASSERT_ABS(it.hx_y, 1.0, 1e-15);
    ASSERT_ABS(it.hy_x, 0.5, 1e-15);
    ASSERT_ABS(it.mi, 0.5, 1e-15);
    /* a base other than e, 2 and 10: ln I / ln 3 */
    double v;
    CU_ASSERT_EQUAL(kl_joint_mi(t, 2, 3, 3.0, &v), KL_OK);
    ASSERT_REL(v, 0.5 * LN2 / log(3.0), 1e-15);
}

static void test_joint_estimate(void)
{
    /* counts 10, 20; 30, 40: n = 100, all cells full, so Miller-Madow
     * subtracts (4 - 2 - 2 + 1)/(2n) = 1/200 nats */
    const double c[] = {10, 20, 30, 40}, p[] = {0.1, 0.2, 0.3, 0.4};
    struct kl_mi_estimate e;
    double mi;
    CU_ASSERT_EQUAL(kl_joint_mi_estimate(c, 2, 2, KL_BASE_E, &e), KL_OK);
    CU_ASSERT_EQUAL(kl_joint_mi(p, 2, 2, KL_BASE_E, &mi), KL_OK);
    ASSERT_REL(e.plugin, mi, 1e-14);
    ASSERT_REL(e.miller_madow, mi - 1.0 / 200.0, 1e-14);
    ASSERT_REL(e.n, 100.0, 0.0);
    /* the delta method by hand: L_ij = ln(p_ij/(p_i p_j)) */
    const double px[] = {0.3, 0.7}, py[] = {0.4, 0.6};
    double m2 = 0.0;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double l = log(p[i * 2 + j] / (px[i] * py[j]));
            m2 += p[i * 2 + j] * l * l;
        }
    ASSERT_REL(e.se, sqrt((m2 - mi * mi) / 100.0), 1e-10);
    /* bits */
    struct kl_mi_estimate b;
    CU_ASSERT_EQUAL(kl_joint_mi_estimate(c, 2, 2, 2.0, &b), KL_OK);
    ASSERT_REL(b.plugin, e.plugin / LN2, 1e-14);
    ASSERT_REL(b.se, e.se / LN2, 1e-14);
    /* an empirically independent table: plug-in 0, no delta-method spread */
    const double u[] = {3, 3, 3, 3};
    CU_ASSERT_EQUAL(kl_joint_mi_estimate(u, 2, 2, KL_BASE_E, &e), KL_OK);
    ASSERT_ABS(e.plugin, 0.0, 1e-16);
    ASSERT_ABS(e.se, 0.0, 1e-8);
    ASSERT_REL(e.miller_madow, -1.0 / 24.0, 1e-12);
    /* empty cells do not count in Miller-Madow: 4 full cells of 6 */
    const double z[] = {1, 1, 0, 0, 1, 1};
    CU_ASSERT_EQUAL(kl_joint_mi_estimate(z, 2, 3, 2.0, &e), KL_OK);
    ASSERT_ABS(e.plugin, 0.5, 1e-15);
    ASSERT_ABS(e.miller_madow, 0.5, 1e-15); /* 4 - 2 - 3 + 1 = 0 */
}

static void test_joint_errors(void)
{
    const double ok[] = {0.25, 0.25, 0.25, 0.25};
    double v = 42.0;
    struct kl_joint_info in;
    struct kl_mi_estimate e;
    CU_ASSERT_EQUAL(kl_joint_mi(ok, 0, 4, KL_BASE_E, &v), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_joint_mi(ok, 4, 0, KL_BASE_E, &v), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_joint_check(ok, (size_t)-1 / 4, 8), KL_ENOMEM);
    const double nan_[] = {0.25, NAN, 0.25, 0.25};
    const double inf_[] = {0.25, INFINITY, 0.25, 0.25};
    const double neg[] = {0.5, -0.25, 0.5, 0.25};
    const double sum[] = {0.3, 0.3, 0.3, 0.3};
    CU_ASSERT_EQUAL(kl_joint_mi(nan_, 2, 2, KL_BASE_E, &v), KL_ENAN);
    CU_ASSERT_EQUAL(kl_joint_mi(inf_, 2, 2, KL_BASE_E, &v), KL_EINF);
    CU_ASSERT_EQUAL(kl_joint_mi(neg, 2, 2, KL_BASE_E, &v), KL_ENEGATIVE);
    CU_ASSERT_EQUAL(kl_joint_mi(sum, 2, 2, KL_BASE_E, &v), KL_ESUM);
    CU_ASSERT_EQUAL(kl_joint_mi(ok, 2, 2, 1.0, &v), KL_EBASE);
    CU_ASSERT_EQUAL(kl_joint_mi(ok, 2, 2, -2.0, &v), KL_EBASE);
    CU_ASSERT_EQUAL(kl_joint_entropy(neg, 2, 2, KL_BASE_E, &v), KL_ENEGATIVE);
    CU_ASSERT_EQUAL(kl_joint_entropy_y_given_x(sum, 2, 2, KL_BASE_E, &v), KL_ESUM);
    CU_ASSERT_EQUAL(kl_joint_entropy_x_given_y(nan_, 2, 2, KL_BASE_E, &v), KL_ENAN);
    CU_ASSERT_EQUAL(kl_joint_entropy_x_given_y(ok, 2, 2, NAN, &v), KL_EBASE);
    CU_ASSERT_EQUAL(kl_joint_marginals(sum, 2, 2, NULL, NULL), KL_ESUM);
    CU_ASSERT_EQUAL(kl_joint_info(inf_, 2, 2, KL_BASE_E, &in), KL_EINF);
    ASSERT_ABS(v, 42.0, 0.0); /* untouched */
    const double zero[] = {0, 0, 0, 0};
    CU_ASSERT_EQUAL(kl_joint_mi_estimate(zero, 2, 2, KL_BASE_E, &e), KL_EZERO);
    CU_ASSERT_EQUAL(kl_joint_mi_estimate(neg, 2, 2, KL_BASE_E, &e), KL_ENEGATIVE);
    CU_ASSERT_EQUAL(kl_joint_mi_estimate(nan_, 2, 2, KL_BASE_E, &e), KL_ENAN);
    CU_ASSERT_EQUAL(kl_joint_mi_estimate(ok, 0, 2, KL_BASE_E, &e), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_joint_mi_estimate(ok, 2, 2, 0.0, &e), KL_EBASE);
}

TEST_SUITE(joint, TEST(test_joint_independent), TEST(test_joint_dependent),
           TEST(test_joint_bsc), TEST(test_joint_tiny),
           TEST(test_joint_by_hand), TEST(test_joint_estimate),
           TEST(test_joint_errors))
