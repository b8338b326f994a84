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
    struct kl_density d = {kl_gaussian_logpdf, g, -INFINITY, INFINITY};
    return d;
}

enum kl_status kl_gaussian_entropy(double sigma, double *h)
{
    if (kl_gaussian_check(0.0, sigma) != KL_OK)
        return KL_EPARAM;
    *h = 0.5 + HALF_LOG_2PI + log(sigma);
    return KL_OK;
}
