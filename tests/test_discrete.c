/* Tests of src/kl/discrete.c: values against hand-derived closed forms,
 * identities on random vectors, conventions at zero, and every error path. */
#include "testlib.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
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

/* Jensen-Shannon where the midpoint m = (p+q)/2 of a subnormal entry
 * underflows to 0: the term q log(q/m) was inf, the compensated sum turned
 * it into NaN and fmax(NaN, 0) returned 0.  Reference: 0.5 sum p ln(p/m) +
 * q ln(q/m) in Python's decimal at 80 digits from the exact doubles
 * (0.2157615543388357037812852...). */
static void test_discrete_js_subnormal(void)
{
    double p[] = {0.5, 0.5, 0x1p-1074}, q[] = {1.0, 0.0, 0.0}, js = -1.0;
    CU_ASSERT_EQUAL(kl_discrete_js(p, q, 3, KL_BASE_E, &js), KL_OK);
    ASSERT_REL(js, 2.1576155433883570378e-01, 4 * DBL_EPSILON);
    CU_ASSERT_EQUAL(kl_discrete_js(q, p, 3, KL_BASE_E, &js), KL_OK);
    ASSERT_REL(js, 2.1576155433883570378e-01, 4 * DBL_EPSILON);
    /* both entries subnormal: m = 2^-1075 rounds to 0 */
    double a[] = {0.5, 0.5 - 0x1p-54, 0x1p-1074, 0.0},
           b[] = {0.5, 0.5 - 0x1p-54, 0.0, 0x1p-1074};
    CU_ASSERT_EQUAL(kl_discrete_js(a, b, 4, 2.0, &js), KL_OK);
    CU_ASSERT_EQUAL(js, 0x1p-1074); /* 2^-1075 bits from each, exactly */
}

/* Relative error within a few ulps for nearly equal inputs, where the
 * textbook sum (and the old split into D(P||M) + D(Q||M)) cancels to noise
 * (5.55e-17 for a true 4.99e-31).  References from Python's decimal at 80
 * digits on the exact doubles (Decimal(float) is exact; the random cases
 * perturb Dirichlet-like vectors by relative 1e-3 to 1e-15, seed 13). */
struct js_case {
    size_t n;
    double p[5], q[5], js;
};

static const struct js_case js_cases[] = {
    {4, {0x1.c35c65aa46db2p-4, 0x1.3dbf3ada2a689p-2, 0x1.1a231c1043b75p-2, 0x1.37468fab00297p-2, 0x0.0p+0},
        {0x1.c35c65aa46ceap-4, 0x1.3dbf3ada2a59fp-2, 0x1.1a231c1043af3p-2, 0x1.37468fab00435p-2, 0x0.0p+0},
        3.17518679547686980e-28},
    {3, {0x1.113b43d689c12p-4, 0x1.fa6c639062a07p-2, 0x1.c144cb79faef4p-2, 0x0.0p+0, 0x0.0p+0},
        {0x1.1114514f719d0p-4, 0x1.fa8d7e184190ep-2, 0x1.c12d6d93e207ep-2, 0x0.0p+0, 0x0.0p+0},
        8.87994373389177447e-09},
    {2, {0x1.1510ab3fe8c57p-1, 0x1.d5dea9802e752p-2, 0x0.0p+0, 0x0.0p+0, 0x0.0p+0},
        {0x1.151111ce5b889p-1, 0x1.d5dddc6348eefp-2, 0x0.0p+0, 0x0.0p+0, 0x0.0p+0},
        4.70269569196150494e-12},
    {4, {0x1.feb9b73fe31eap-3, 0x1.cf29796802c63p-3, 0x1.2330f83ea23cfp-2, 0x1.ebbadedad5a14p-3, 0x0.0p+0},
        {0x1.feb9b616df76ap-3, 0x1.cf29779d81d3fp-3, 0x1.2330f9a75b8a1p-2, 0x1.ebbadefce7a15p-3, 0x0.0p+0},
        3.30183410042914970e-16},
    {5, {0x1.abefa47305ca4p-3, 0x1.16a87177a3e09p-2, 0x1.98e2e1804d09cp-3, 0x1.a2bf3b6c3ba95p-3, 0x1.d63ab76253837p-4},
        {0x1.abefa47305e2cp-3, 0x1.16a87177a4636p-2, 0x1.98e2e1804cc0bp-3, 0x1.a2bf3b6c3ae09p-3, 0x1.d63ab762536adp-4},
        1.18220666251702189e-26},
    {3, {0x1.0ea7dc33d5762p-2, 0x1.aded1229df4a1p-2, 0x1.436b11a24b3fep-2, 0x0.0p+0, 0x0.0p+0},
        {0x1.0ea7dbab417dcp-2, 0x1.aded131ea62ddp-2, 0x1.436b113618548p-2, 0x0.0p+0, 0x0.0p+0},
        1.06026500053790794e-16},
    {5, {0x1.c6b348d8354fap-4, 0x1.e17fc40900903p-4, 0x1.567a05fd2035cp-2, 0x1.c961e7e8f4eaap-3, 0x1.b59085ac2fba0p-3},
        {0x1.c6b348d834f44p-4, 0x1.e17fc4090003cp-4, 0x1.567a05fd20536p-2, 0x1.c961e7e8f3eb6p-3, 0x1.b59085ac30f1ep-3},
        2.01707604175795733e-26},
    {5, {0x1.6b9c4f2c8acd0p-3, 0x1.3dec14c65aff1p-2, 0x1.9672a8e451fd7p-2, 0x1.3452db6b0da57p-5, 0x1.3d22fd46afa14p-4},
        {0x1.6b9c4f2c8acd3p-3, 0x1.3dec14c65aff1p-2, 0x1.9672a8e451fd4p-2, 0x1.3452db6b0da5ap-5, 0x1.3d22fd46afa17p-4},
        1.78528820729182291e-32},
    {4, {0x1.45670ec1ebd8bp-2, 0x1.288bda5ba20a1p-2, 0x1.5fd5376fea39dp-4, 0x1.3a17c906778efp-2, 0x0.0p+0},
        {0x1.45670eb3e232dp-2, 0x1.288bda5c6c527p-2, 0x1.5fd5378db9f4ap-4, 0x1.3a17c90c42fdcp-2, 0x0.0p+0},
        5.83770461112798807e-19},
    {3, {0x1.d0fd64cfcb80ep-2, 0x1.3afb1d471c498p-3, 0x1.91850c8ca65a5p-2, 0x0.0p+0, 0x0.0p+0},
        {0x1.d0fd64cfcc18dp-2, 0x1.3afb1d471ae51p-3, 0x1.91850c8ca674ap-2, 0x0.0p+0, 0x0.0p+0},
        2.55510957107427042e-26},
    {4, {0x1.efd829a6e277ep-4, 0x1.035fcc2fe6887p-3, 0x1.bf25276e77cd8p-2, 0x1.4334e80fdc505p-2, 0x0.0p+0},
        {0x1.efd80e3c11b74p-4, 0x1.035fc6bf04cc0p-3, 0x1.bf2527c758d5ap-2, 0x1.4334f14a20569p-2, 0x0.0p+0},
        1.98892198317375239e-14},
    {2, {0x1.13acaf13944f2p-1, 0x1.d8a6a1d8d761ap-2, 0x0.0p+0, 0x0.0p+0, 0x0.0p+0},
        {0x1.13acaf139451ap-1, 0x1.d8a6a1d8d75cap-2, 0x0.0p+0, 0x0.0p+0, 0x0.0p+0},
        9.91934986354156315e-30},
    {4, {0x1.d7be3638c96fbp-4, 0x1.e3645f43966d1p-3, 0x1.b69de4249faffp-3, 0x1.bd0f50bdb295ap-2, 0x0.0p+0},
        {0x1.d7ca828533e83p-4, 0x1.e366ab2066852p-3, 0x1.b6a760832d152p-3, 0x1.bd06598ce938ep-2, 0x0.0p+0},
        6.86916945081738659e-10},
    {4, {0x1.38f68472538ccp-3, 0x1.bc940fef47352p-3, 0x1.9ec1133a10685p-2, 0x1.ccf3452a446d9p-3, 0x0.0p+0},
        {0x1.38f684720c845p-3, 0x1.bc940feedc420p-3, 0x1.9ec1133a7f657p-2, 0x1.ccf3452a186edp-3, 0x0.0p+0},
        3.48908590523542941e-22},
    {3, {0x1.b8f7949d0c111p-2, 0x1.58e78793b8eafp-3, 0x1.9a94a79917798p-2, 0x0.0p+0, 0x0.0p+0},
        {0x1.b8f78f287d195p-2, 0x1.58e79234500fbp-3, 0x1.9a94a7bd5adefp-2, 0x0.0p+0, 0x0.0p+0},
        6.57290971483432797e-15},
    {3, {0x1.6b1f7c4cf81dfp-2, 0x1.0e42e9dcc6a97p-2, 0x1.869d99d64138ap-2, 0x0.0p+0, 0x0.0p+0},
        {0x1.6b1f7c4b9640ap-2, 0x1.0e42e9df01f1cp-2, 0x1.869d99d567cdap-2, 0x0.0p+0, 0x0.0p+0},
        1.10739162566485589e-20},
    {2, {0x1.d8a6fddac2368p-1, 0x1.3ac81129ee4bdp-4, 0x0.0p+0, 0x0.0p+0, 0x0.0p+0},
        {0x1.d8a6fddac2368p-1, 0x1.3ac81129ee4bep-4, 0x0.0p+0, 0x0.0p+0, 0x0.0p+0},
        3.13257321110915381e-34},
    {5, {0x1.53c343c965341p-3, 0x1.2d38b99c5102dp-3, 0x1.ae5d20ebf85cep-3, 0x1.4bdfcb4309282p-4, 0x1.955b7e06666c2p-2},
        {0x1.53c43bba8837fp-3, 0x1.2d364f3b1675fp-3, 0x1.ae5d052068205p-3, 0x1.4be4ba47dfb28p-4, 0x1.955b096304ac5p-2},
        5.57438540222336533e-11},
    {4, {0x1.6bb8671779dcap-4, 0x1.a34b7110964fbp-3, 0x1.f5c3d3baa1dfbp-3, 0x1.d88a43d485712p-2, 0x0.0p+0},
        {0x1.6bb86711b5f0fp-4, 0x1.a34b7110db09bp-3, 0x1.f5c3d3b41f83ap-3, 0x1.d88a43d9153d2p-2, 0x0.0p+0},
        4.73536512276562032e-20},
    {4, {0x1.326cba6bc136dp-4, 0x1.4b67993e110e8p-2, 0x1.173b60e012db5p-2, 0x1.50c1d746ebc87p-2, 0x0.0p+0},
        {0x1.326cc62c2b82cp-4, 0x1.4b679bed9c220p-2, 0x1.173b4d798fbefp-2, 0x1.50c1e50dc93e5p-2, 0x0.0p+0},
        5.81494058012634743e-14},
    {2, {0x1.446730618ae76p-2, 0x1.5dcc67cf3a8c5p-1, 0x0.0p+0, 0x0.0p+0, 0x0.0p+0},
        {0x1.44672ad63da5fp-2, 0x1.5dcc6a94e12d1p-1, 0x0.0p+0, 0x0.0p+0, 0x0.0p+0},
        3.94173013186720402e-15},
    {3, {0x1.1f59c815d17c7p-2, 0x1.e950813bb6a8ap-2, 0x1.eeab6d5cefb63p-3, 0x0.0p+0, 0x0.0p+0},
        {0x1.1f59c815d1cb4p-2, 0x1.e950813bb5c23p-2, 0x1.eeab6d5cf0e56p-3, 0x0.0p+0, 0x0.0p+0},
        2.25224384385196067e-26},
    {2, {0x1.e059b579f295cp-2, 0x1.0fd3254306b52p-1, 0x0.0p+0, 0x0.0p+0, 0x0.0p+0},
        {0x1.e059b579fb1cap-2, 0x1.0fd325430271bp-1, 0x0.0p+0, 0x0.0p+0, 0x0.0p+0},
        1.88664792263199178e-24},
    {5, {0x1.6f6b28d8aaae4p-3, 0x1.09ec94d5a3fd9p-1, 0x1.6dac29c498c8ep-3, 0x1.1fcb64fc4fca4p-4, 0x1.ad429e3812b5ep-5},
        {0x1.6f6d55d22c663p-3, 0x1.09d98928612dfp-1, 0x1.6df12ee8ea0abp-3, 0x1.1fdc75a352b6fp-4, 0x1.ad346f46edef8p-5},
        1.78027426766899210e-08},
};

static void test_discrete_js_nearly_equal(void)
{
    double p[] = {0.5, 0.5}, q[] = {0.500000000000001, 0.499999999999999}, js;
    CU_ASSERT_EQUAL(kl_discrete_js(p, q, 2, KL_BASE_E, &js), KL_OK);
    ASSERT_REL(js, 4.9920104158517153311e-31, 4 * DBL_EPSILON);
    double exps[] = {1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14};
    double want[] = {5.9523809092508819407e-17, 5.9523810726152884664e-19,
                     5.9523819368185161765e-21, 5.9523819373287210678e-23,
                     5.9521176014772336138e-25, 5.9514571725911202933e-27,
                     5.9428695426805575976e-29};
    for (int i = 0; i < 7; i++) {
        double a[] = {0.3, 0.7}, b[] = {0.3 + exps[i], 0.7 - exps[i]};
        CU_ASSERT_EQUAL(kl_discrete_js(a, b, 2, KL_BASE_E, &js), KL_OK);
        ASSERT_REL(js, want[i], 4 * DBL_EPSILON);
    }
    for (size_t i = 0; i < sizeof js_cases / sizeof js_cases[0]; i++) {
        const struct js_case *c = &js_cases[i];
        CU_ASSERT_EQUAL(kl_discrete_js(c->p, c->q, c->n, KL_BASE_E, &js), KL_OK);
        ASSERT_REL(js, c->js, 4 * DBL_EPSILON);
        CU_ASSERT_EQUAL(kl_discrete_js(c->q, c->p, c->n, KL_BASE_E, &js), KL_OK);
        ASSERT_REL(js, c->js, 4 * DBL_EPSILON);
    }
}

/* An infinite term keeps the compensated sum infinite (it used to become
 * inf - inf = NaN in the correction): D = +inf, not NaN. */
static void test_discrete_divergence_infinite_not_nan(void)
{
    double p[] = {0.25, 0.25, 0.5}, q[] = {0.5, 0.5, 0.0}, d = 0.0;
    CU_ASSERT_EQUAL(kl_discrete_divergence(p, q, 3, KL_BASE_E, &d), KL_OK);
    CU_ASSERT(isinf(d) && d > 0);
    CU_ASSERT_EQUAL(kl_discrete_cross_entropy(p, q, 3, 2.0, &d), KL_OK);
    CU_ASSERT(isinf(d) && d > 0);
    CU_ASSERT_PTR_NOT_NULL(kl_strerror(KL_ERANGE));
    CU_ASSERT_PTR_NOT_NULL(kl_strerror(KL_ENUMERIC));
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

/* The plain-sum shortcut of kl_discrete_check decides as the compensated
 * sum does: sums just inside and just outside 1 +- KL_SUM_TOL, with few and
 * many entries, against a long double sum; errors are still the first bad
 * entry's, wherever the shortcut stops. */
static void test_discrete_check_shortcut(void)
{
    const size_t ns[] = {2, 10, 1000, 100000};
    const double ts[] = {0.0, 0.5e-9, 0.999e-9, 1.001e-9, 2e-9, -0.999e-9, -1.001e-9};
    for (size_t a = 0; a < sizeof ns / sizeof *ns; a++) {
        size_t n = ns[a];
        double *p = malloc(n * sizeof *p);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        for (size_t b = 0; b < sizeof ts / sizeof *ts; b++) {
            long double exact = 0.0L;
            for (size_t i = 0; i < n; i++) {
                p[i] = (1.0 + ts[b]) * (i % 2 ? 0.5 : 1.5) / (double)n;
                exact += p[i];
            }
            int inside = fabsl(exact - 1.0L) <= 1e-9L;
            CU_ASSERT_EQUAL(inside, fabs(ts[b]) < 1e-9);
            CU_ASSERT_EQUAL(kl_discrete_check(p, n), inside ? KL_OK : KL_ESUM);
        }
        p[n - 1] = NAN;
        CU_ASSERT_EQUAL(kl_discrete_check(p, n), KL_ENAN);
        p[n / 2] = -1e-300;
        CU_ASSERT_EQUAL(kl_discrete_check(p, n), KL_ENEGATIVE);
        p[0] = INFINITY;
        CU_ASSERT_EQUAL(kl_discrete_check(p, n), KL_EINF);
        free(p);
    }
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
           TEST(test_discrete_js_subnormal),
           TEST(test_discrete_js_nearly_equal),
           TEST(test_discrete_divergence_infinite_not_nan),
           TEST(test_discrete_normalize_counts),
           TEST(test_discrete_check_errors),
           TEST(test_discrete_check_shortcut),
           TEST(test_discrete_measures_errors),
           TEST(test_discrete_normalize_errors))
