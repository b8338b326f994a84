#include "smooth.h"

#include <math.h>

#include "discrete.h"
#include "ksum.h"

enum kl_status kl_smooth_check_alpha(double alpha)
{
    /* NaN fails both comparisons */
    if (!(alpha >= 0.0 && alpha < INFINITY))
        return KL_EPARAM;
    return KL_OK;
}

enum kl_status kl_smooth_additive(const double *counts, size_t n, double alpha,
                                  double *out)
{
    if (n == 0)
        return KL_EEMPTY;
    enum kl_status st = kl_smooth_check_alpha(alpha);
    if (st != KL_OK)
        return st;
    double max;
    if ((st = kl_discrete_check_counts(counts, n, &max)) != KL_OK)
        return st;
    if (max == 0.0 && alpha == 0.0)
        return KL_EZERO;
    /* Scale by the largest of the counts and alpha, so that neither the total
     * nor the pseudo-counts can overflow; compensated sum (Neumaier). */
    double scale = fmax(max, alpha);
    double a = alpha / scale;
    struct kl_ksum sum = KL_KSUM_ZERO;
    for (size_t i = 0; i < n; i++)
        kl_ksum_add(&sum, counts[i] / scale + a);
    double total = kl_ksum_value(&sum);
    for (size_t i = 0; i < n; i++)
        out[i] = (counts[i] / scale + a) / total;
    return KL_OK;
}

enum kl_status kl_smooth_laplace(const double *counts, size_t n, double *out)
{
    return kl_smooth_additive(counts, n, 1.0, out);
}
