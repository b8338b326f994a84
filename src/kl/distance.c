#include "distance.h"

#include <math.h>

#include "discrete.h"
#include "ksum.h"

static enum kl_status check_pair(const double *p, const double *q, size_t n)
{
    enum kl_status st = kl_discrete_check(p, n);
    return st != KL_OK ? st : kl_discrete_check(q, n);
}

enum kl_status kl_distance_tv(const double *p, const double *q, size_t n,
                              double *tv)
{
    enum kl_status st = check_pair(p, q, n);
    if (st != KL_OK)
        return st;
    struct kl_ksum sum = KL_KSUM_ZERO;
    for (size_t i = 0; i < n; i++)
        kl_ksum_add(&sum, fabs(p[i] - q[i]));
    double v = 0.5 * kl_ksum_value(&sum);
    if (isnan(v))
        return KL_ENUMERIC;
    *tv = fmin(fmax(v, 0.0), 1.0);
    return KL_OK;
}

enum kl_status kl_distance_chi2(const double *p, const double *q, size_t n,
                                double *chi2)
{
    enum kl_status st = check_pair(p, q, n);
    if (st != KL_OK)
        return st;
    struct kl_ksum sum = KL_KSUM_ZERO;
    for (size_t i = 0; i < n; i++) {
        if (q[i] == 0.0) {
            if (p[i] > 0.0) {
                *chi2 = INFINITY;
                return KL_OK;
            }
            continue;
        }
        double d = p[i] - q[i];
        kl_ksum_add(&sum, d * d / q[i]);
    }
    /* every q_i here is > 0, so an infinite sum is an overflow: a term
     * (p - q)^2/q beyond the largest double where q is subnormal */
    double v = kl_ksum_value(&sum);
    if (isinf(v))
        return KL_ERANGE;
    if (isnan(v))
        return KL_ENUMERIC;
    *chi2 = v < 0.0 ? 0.0 : v;
    return KL_OK;
}
