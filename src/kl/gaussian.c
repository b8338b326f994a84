#include "gaussian.h"

#include <math.h>

/* log(2 pi) / 2 */
#define HALF_LOG_2PI 0.918938533204672741780329736405617640

enum kl_status kl_gaussian_check(double mu, double sigma)
{
    if (!isfinite(mu) || !isfinite(sigma) || !(sigma > 0.0))
        return KL_EPARAM;
    return KL_OK;
}

double kl_gaussian_logpdf(double x, void *params)
{
    const struct kl_gaussian *g = params;
    double z = (x - g->mu) / g->sigma;
    return -0.5 * z * z - log(g->sigma) - HALF_LOG_2PI;
}

struct kl_density kl_gaussian_density(struct kl_gaussian *g)
{
    struct kl_density d = {kl_gaussian_logpdf, g, -INFINITY, INFINITY, g->mu,
                           g->sigma};
    return d;
}

enum kl_status kl_gaussian_entropy(double sigma, double *h)
{
    if (kl_gaussian_check(0.0, sigma) != KL_OK)
        return KL_EPARAM;
    *h = 0.5 + HALF_LOG_2PI + log(sigma);
    return KL_OK;
}

/* e^u - 1 - u = sum_{k>=2} u^k / k!, for |u| < 1/2 (terms past k = 25 are
 * below 1e-33 of the sum). */
static double expm1_minus_u(double u)
{
    if (fabs(u) >= 0.5)
        return expm1(u) - u;
    double term = u * u / 2.0, sum = 0.0;
    for (int k = 2; k <= 25; k++) {
        sum += term;
        term *= u / (k + 1);
    }
    return sum;
}

enum kl_status kl_gaussian_divergence(double mu1, double sigma1, double mu2,
                                      double sigma2, double *d)
{
    if (kl_gaussian_check(mu1, sigma1) != KL_OK ||
        kl_gaussian_check(mu2, sigma2) != KL_OK)
        return KL_EPARAM;
    /* u = 2 log(sigma1/sigma2): near 1, through log1p of the exact
     * difference (Sterbenz); far from 1, the log of the correctly rounded
     * ratio; beyond the double range, a difference of logs. */
    double r = sigma1 / sigma2, u;
    if (r >= 0.5 && r <= 2.0)
        u = 2.0 * log1p((sigma1 - sigma2) / sigma2);
    else if (isfinite(r) && r >= 0x1p-1022)
        u = 2.0 * log(r);
    else
        u = 2.0 * (log(sigma1) - log(sigma2));
    double delta = (mu1 - mu2) / sigma2;
    *d = 0.5 * (expm1_minus_u(u) + delta * delta);
    return KL_OK;
}
