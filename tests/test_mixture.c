#define _DEFAULT_SOURCE /* M_PI */
/* Tests of src/kl/mixture.c: the log-sum-exp log-density against a direct
 * sum where that is safe and against the dominant component far in the
 * tails, where the direct sum underflows; normalisation and moments by
 * quadrature; KL divergences that involve a mixture; the error paths. */
#include "testlib.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>

#include "kl/density.h"
#include "kl/gaussian.h"
#include "kl/mixture.h"

static const double W[] = {0.35, 0.65}, MU[] = {-2.5, 1.5}, SG[] = {0.6, 0.8};

/* log of the direct sum of weighted densities (GSL's pdf), fine where no term
 * underflows */
static double direct_log(double x)
{
    double s = 0.0;
    for (int i = 0; i < 2; i++)
        s += W[i] * gsl_ran_gaussian_pdf(x - MU[i], SG[i]);
    return log(s);
}

static void test_mixture_logpdf_direct(void)
{
    struct kl_mixture m = {2, W, MU, SG};
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_OK);
    for (int i = 0; i <= 100; i++) {
        double x = -8.0 + 0.16 * i;
        ASSERT_REL(kl_mixture_logpdf(x, &m), direct_log(x), 1e-13);
    }
}

/* More components than the log-density keeps (mixture.c, MIX_KEEP = 16):
 * 40 of them, some of weight 0, against the direct sum, at points where
 * the largest term is among the first and among the last. */
static void test_mixture_logpdf_many(void)
{
    double w[40], mu[40], sg[40], total = 0.0;
    for (int i = 0; i < 40; i++) {
        w[i] = i % 7 == 3 ? 0.0 : 1.0 + i % 5;
        mu[i] = -10.0 + 0.5 * i;
        sg[i] = 0.5 + 0.05 * (i % 4);
        total += w[i];
    }
    for (int i = 0; i < 40; i++)
        w[i] /= total;
    struct kl_mixture m = {40, w, mu, sg};
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_OK);
    const double xs[] = {-9.8, -4.0, 0.3, 7.6, 9.4};
    for (size_t t = 0; t < sizeof xs / sizeof *xs; t++) {
        double direct = 0.0;
        for (int i = 0; i < 40; i++)
            direct += w[i] * gsl_ran_gaussian_pdf(xs[t] - mu[i], sg[i]);
        ASSERT_REL(kl_mixture_logpdf(xs[t], &m), log(direct), 1e-13);
    }
}

static void test_mixture_logpdf_tails(void)
{
    struct kl_mixture m = {2, W, MU, SG};
    /* at x = -60 and x = 80 every density underflows to 0 in double, so the
     * direct sum gives log 0 = -inf; the log-sum-exp stays finite and equals
     * the dominant component up to log1p of the other's tiny share */
    double xs[] = {-60.0, 80.0, -1e3, 1e4};
    for (int k = 0; k < 4; k++) {
        double x = xs[k];
        CU_ASSERT(isinf(direct_log(x)));
        double a[2];
        for (int i = 0; i < 2; i++) {
            struct kl_gaussian g = {MU[i], SG[i]};
            a[i] = log(W[i]) + kl_gaussian_logpdf(x, &g);
        }
        double top = fmax(a[0], a[1]), low = fmin(a[0], a[1]);
        double want = top + log1p(exp(low - top));
        double got = kl_mixture_logpdf(x, &m);
        CU_ASSERT(isfinite(got));
        ASSERT_REL(got, want, 1e-15);
    }
    /* far to the left the narrow left component no longer dominates: the
     * wider one (sigma 0.8) wins beyond some x, as log-sum-exp must see */
    CU_ASSERT(kl_mixture_logpdf(-1e3, &m) > log(W[0]) +
              kl_gaussian_logpdf(-1e3, &(struct kl_gaussian){MU[0], SG[0]}));
}

static void test_mixture_single_component(void)
{
    double w = 1.0, mu = 0.3, sg = 2.0;
    struct kl_mixture m = {1, &w, &mu, &sg};
    struct kl_gaussian g = {mu, sg};
    for (int i = -20; i <= 20; i++)
        ASSERT_REL(kl_mixture_logpdf(i * 3.0, &m), kl_gaussian_logpdf(i * 3.0, &g),
                   1e-15);
    /* a zero weight is skipped, not log(0) */
    double w2[] = {1.0, 0.0}, mu2[] = {0.3, 5.0}, sg2[] = {2.0, 1.0};
    struct kl_mixture m2 = {2, w2, mu2, sg2};
    CU_ASSERT_EQUAL(kl_mixture_check(&m2), KL_OK);
    ASSERT_REL(kl_mixture_logpdf(5.0, &m2), kl_gaussian_logpdf(5.0, &g), 1e-15);
}

static double moment_integrand(double x, void *params)
{
    int k = *(int *)params;
    struct kl_mixture m = {2, W, MU, SG};
    return exp(kl_mixture_logpdf(x, &m)) * pow(x, k);
}

static void test_mixture_moments(void)
{
    struct kl_mixture m = {2, W, MU, SG};
    double mean, sd;
    CU_ASSERT_EQUAL(kl_mixture_moments(&m, &mean, &sd), KL_OK);
    ASSERT_REL(mean, 0.35 * -2.5 + 0.65 * 1.5, 1e-15);
    /* quadrature of 1, x and x^2 against the density */
    double v[3];
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    for (int k = 0; k < 3; k++) {
        gsl_function F = {moment_integrand, &k};
        double err;
        CU_ASSERT_EQUAL(gsl_integration_qagi(&F, 1e-14, 1e-12, 1000, w, &v[k],
                                             &err), 0);
    }
    gsl_integration_workspace_free(w);
    ASSERT_REL(v[0], 1.0, 1e-12);
    ASSERT_REL(v[1], mean, 1e-11);
    ASSERT_REL(sqrt(v[2] - v[1] * v[1]), sd, 1e-11);
}

static void test_mixture_divergence(void)
{
    struct kl_mixture m = {2, W, MU, SG};
    struct kl_density p = kl_mixture_density(&m);
    CU_ASSERT(isinf(p.lower) && p.lower < 0 && isinf(p.upper) && p.upper > 0);
    /* D(p || p) = 0 */
    struct kl_quad_result r;
    struct kl_quad abs_tol = {1e-14, 0.0, 1000};
    CU_ASSERT_EQUAL(kl_density_divergence(&p, &p, &abs_tol, &r), KL_OK);
    ASSERT_ABS(r.value, 0.0, 1e-13);
    /* D(component || mixture) <= -log(weight), since p >= w_i c_i */
    for (int i = 0; i < 2; i++) {
        struct kl_gaussian g = {MU[i], SG[i]};
        struct kl_density c = kl_gaussian_density(&g);
        CU_ASSERT_EQUAL(kl_density_divergence(&c, &p, NULL, &r), KL_OK);
        CU_ASSERT(r.value > 0.0 && r.value <= -log(W[i]));
    }
    /* a two-component mixture of identical components is that component */
    double w2[] = {0.5, 0.5}, mu2[] = {1.0, 1.0}, sg2[] = {2.0, 2.0};
    struct kl_mixture same = {2, w2, mu2, sg2};
    struct kl_density ps = kl_mixture_density(&same);
    struct kl_gaussian g = {0.0, 1.0};
    struct kl_density q = kl_gaussian_density(&g);
    double want;
    CU_ASSERT_EQUAL(kl_gaussian_divergence(1.0, 2.0, 0.0, 1.0, &want), KL_OK);
    CU_ASSERT_EQUAL(kl_density_divergence(&ps, &q, NULL, &r), KL_OK);
    ASSERT_REL(r.value, want, 1e-10);
}

static void test_mixture_check_errors(void)
{
    double w[] = {0.5, 0.5}, mu[] = {0.0, 1.0}, sg[] = {1.0, 1.0};
    struct kl_mixture m = {2, w, mu, sg};
    double mean, sd;
    CU_ASSERT_EQUAL(kl_mixture_check(NULL), KL_EPARAM);
    m.n = 0;
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_EEMPTY);
    m.n = 2;
    w[0] = NAN;
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_ENAN);
    w[0] = INFINITY;
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_EINF);
    w[0] = -0.5;
    w[1] = 1.5;
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_ENEGATIVE);
    w[0] = 0.5;
    w[1] = 0.6;
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_ESUM);
    CU_ASSERT_EQUAL(kl_mixture_moments(&m, &mean, &sd), KL_ESUM);
    w[1] = 0.5;
    sg[1] = 0.0;
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_EPARAM);
    sg[1] = NAN;
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_EPARAM);
    sg[1] = 1.0;
    mu[0] = INFINITY;
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_EPARAM);
    mu[0] = 0.0;
    m.sigma = NULL;
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_EPARAM);
    m.sigma = sg;
    CU_ASSERT_EQUAL(kl_mixture_check(&m), KL_OK);
    /* all weights zero cannot sum to 1; the log-density of such a mixture
     * would be -inf */
    double z[] = {0.0, 0.0};
    struct kl_mixture mz = {2, z, mu, sg};
    CU_ASSERT_EQUAL(kl_mixture_check(&mz), KL_ESUM);
    CU_ASSERT(isinf(kl_mixture_logpdf(0.0, &mz)));
}

/* The mixture with its logs worked out once: kl_mixture_logpdf's bits at
 * every x, tails and a weight of 0 included; the density's fields; its
 * errors.  kl_gaussian_logpdf_ls, under it, is kl_gaussian_logpdf. */
static void test_mixture_logs_same_bits(void)
{
    double w[] = {0.2, 0.0, 0.5, 0.3}, mu[] = {-3.0, 0.0, 0.5, 40.0},
           sg[] = {0.3, 1.0, 2.0, 1e-3};
    struct kl_mixture m = {4, w, mu, sg};
    struct kl_mixture_logs l;
    CU_ASSERT_EQUAL_FATAL(kl_mixture_logs_init(&l, &m), KL_OK);
    for (int i = -4000; i <= 4000; i++) {
        double x = i * 0.0137 + (i % 7) * 1e-9, a = kl_mixture_logpdf(x, &m),
               b = kl_mixture_logs_logpdf(x, &l);
        CU_ASSERT_EQUAL(memcmp(&a, &b, sizeof a), 0);
        struct kl_gaussian g = {mu[i & 3], sg[i & 3]};
        a = kl_gaussian_logpdf(x, &g);
        b = kl_gaussian_logpdf_ls(x, g.mu, g.sigma, log(g.sigma));
        CU_ASSERT_EQUAL(memcmp(&a, &b, sizeof a), 0);
    }
    struct kl_density d = kl_mixture_density(&m), e = kl_mixture_logs_density(&l);
    CU_ASSERT(e.logpdf == kl_mixture_logs_logpdf && e.params == &l);
    CU_ASSERT(e.lower == d.lower && e.upper == d.upper);
    CU_ASSERT(e.centre == d.centre && e.scale == d.scale);
    struct kl_quad_result r1, r2;
    struct kl_gaussian g = {0.3, 1.7};
    struct kl_density q = kl_gaussian_density(&g);
    CU_ASSERT_EQUAL(kl_density_divergence(&q, &d, NULL, &r1), KL_OK);
    CU_ASSERT_EQUAL(kl_density_divergence(&q, &e, NULL, &r2), KL_OK);
    CU_ASSERT_EQUAL(memcmp(&r1.value, &r2.value, sizeof r1.value), 0);
    /* errors: kl_mixture_check's, and too many components */
    double bad[] = {0.5, 0.6};
    struct kl_mixture mb = {2, bad, mu, sg};
    CU_ASSERT_EQUAL(kl_mixture_logs_init(&l, &mb), KL_ESUM);
    double wn[KL_MIX_LOGS + 1], mn[KL_MIX_LOGS + 1], sn[KL_MIX_LOGS + 1];
    for (int i = 0; i <= KL_MIX_LOGS; i++)
        wn[i] = 1.0 / (KL_MIX_LOGS + 1), mn[i] = i, sn[i] = 1.0;
    struct kl_mixture big = {KL_MIX_LOGS + 1, wn, mn, sn};
    CU_ASSERT_EQUAL(kl_mixture_check(&big), KL_OK);
    CU_ASSERT_EQUAL(kl_mixture_logs_init(&l, &big), KL_EPARAM);
}

TEST_SUITE(mixture,
           TEST(test_mixture_logpdf_direct),
           TEST(test_mixture_logpdf_many),
           TEST(test_mixture_logpdf_tails),
           TEST(test_mixture_single_component),
           TEST(test_mixture_moments),
           TEST(test_mixture_divergence),
           TEST(test_mixture_check_errors),
           TEST(test_mixture_logs_same_bits))
