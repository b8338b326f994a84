#include "gaussian.h"

#include <math.h>

#include "expm1u.h"

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
    return kl_gaussian_logpdf_ls(x, g->mu, g->sigma, log(g->sigma));
}

double kl_gaussian_logpdf_ls(double x, double mu, double sigma,
                             double log_sigma)
{
    double z = (x - mu) / sigma;
    return -0.5 * z * z - log_sigma - HALF_LOG_2PI;
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

enum kl_status kl_gaussian_divergence(double mu1, double sigma1, double mu2,
                                      double sigma2, double *d)
{
    if (kl_gaussian_check(mu1, sigma1) != KL_OK ||
        kl_gaussian_check(mu2, sigma2) != KL_OK)
        return KL_EPARAM;
    /* (e^u - 1 - u)/2 with u = 2 log(sigma1/sigma2).  Near 1, u is the
     * log1p of the exact difference (Sterbenz) and the series takes over;
     * far from 1, e^u is r^2 itself: exp of a rounded u would lose about |u|
     * ulps (60 at sigma1/sigma2 = 1e154), the square of r loses one.  u is
     * the log of the correctly rounded ratio, or beyond the double range a
     * difference of logs (r^2/2 then underflows to 0 or overflows to
     * +inf, which is KL_ERANGE below). */
    double r = sigma1 / sigma2, half_v;
    if (r >= 0.5 && r <= 2.0) {
        half_v = kl_half_expm1_minus_u(2.0 * log1p((sigma1 - sigma2) / sigma2));
    } else {
        double u = (isfinite(r) && r >= 0x1p-1022)
                       ? 2.0 * log(r)
                       : 2.0 * (log(sigma1) - log(sigma2));
        half_v = kl_half_square(r) - 0.5 * (1.0 + u);
    }
    /* delta^2/2 with delta = (mu1 - mu2)/sigma2; when mu1 - mu2 overflows
     * (1e308 and -1e308) the halves are subtracted, exactly, instead. */
    double diff = mu1 - mu2, half_d2;
    if (isfinite(diff)) {
        half_d2 = kl_half_square(diff / sigma2);
    } else {
        double x = (0.5 * mu1 - 0.5 * mu2) / sigma2;
        half_d2 = 2.0 * (x * x);
    }
    double v = half_v + half_d2;
    if (isnan(v))
        return KL_ENUMERIC;
    if (isinf(v))
        return KL_ERANGE;
    *d = v;
    return KL_OK;
}
