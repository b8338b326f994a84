#include "distance.h"

#include <math.h>

#include "discrete.h"

/* Neumaier's compensated summation (Higham, Accuracy and Stability of
 * Numerical Algorithms, 2nd ed., §4.3). */
struct nsum {
    double s, c;
};

static void nsum_add(struct nsum *k, double x)
{
    double t = k->s + x;
    if (fabs(k->s) >= fabs(x))
        k->c += (k->s - t) + x;
    else
        k->c += (x - t) + k->s;
    k->s = t;
}

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
    struct nsum sum = {0.0, 0.0};
    for (size_t i = 0; i < n; i++)
        nsum_add(&sum, fabs(p[i] - q[i]));
    *tv = fmin(fmax(0.5 * (sum.s + sum.c), 0.0), 1.0);
    return KL_OK;
}

enum kl_status kl_distance_chi2(const double *p, const double *q, size_t n,
                                double *chi2)
{
    enum kl_status st = check_pair(p, q, n);
    if (st != KL_OK)
        return st;
    struct nsum sum = {0.0, 0.0};
    for (size_t i = 0; i < n; i++) {
        if (q[i] == 0.0) {
            if (p[i] > 0.0) {
                *chi2 = INFINITY;
                return KL_OK;
            }
            continue;
        }
        double d = p[i] - q[i];
        nsum_add(&sum, d * d / q[i]);
    }
    *chi2 = fmax(sum.s + sum.c, 0.0);
    return KL_OK;
}
