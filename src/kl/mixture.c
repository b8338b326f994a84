#include "mixture.h"

#include <math.h>

#include "gaussian.h"

enum kl_status kl_mixture_check(const struct kl_mixture *m)
{
    if (m == NULL || m->weight == NULL || m->mu == NULL || m->sigma == NULL)
        return KL_EPARAM;
    if (m->n == 0)
        return KL_EEMPTY;
    double sum = 0.0;
    for (size_t i = 0; i < m->n; i++) {
        double w = m->weight[i];
        if (isnan(w))
            return KL_ENAN;
        if (isinf(w))
            return KL_EINF;
        if (w < 0.0)
            return KL_ENEGATIVE;
        if (kl_gaussian_check(m->mu[i], m->sigma[i]) != KL_OK)
            return KL_EPARAM;
        sum += w;
    }
    return fabs(sum - 1.0) <= KL_SUM_TOL ? KL_OK : KL_ESUM;
}

#define MIX_KEEP 16

/* a_i = log w_i + log N(x; mu_i, sigma_i^2), with the logs from LW and LS
 * or, where those are NULL, worked out here */
static double component(const struct kl_mixture *m, const double *lw,
                        const double *ls, size_t i, double x)
{
    if (lw == NULL) {
        struct kl_gaussian g = {m->mu[i], m->sigma[i]};
        return log(m->weight[i]) + kl_gaussian_logpdf(x, &g);
    }
    return lw[i] + kl_gaussian_logpdf_ls(x, m->mu[i], m->sigma[i], ls[i]);
}

/* kl_mixture_logpdf, with the logs of the weights and standard deviations
 * from LW and LS (n each) or, where those are NULL, worked out at x. */
static double log_sum_exp(const struct kl_mixture *m, const double *lw,
                          const double *ls, double x)
{
    size_t top = m->n;
    double amax = -INFINITY;
    double keep[MIX_KEEP];      /* the first MIX_KEEP a_i, not worked out twice */
    /* find the largest a_i */
    for (size_t i = 0; i < m->n; i++) {
        if (!(m->weight[i] > 0.0))
            continue;
        double a = component(m, lw, ls, i, x);
        if (i < MIX_KEEP)
            keep[i] = a;
        if (a > amax) {
            amax = a;
            top = i;
        }
    }
    if (top == m->n)
        return -INFINITY;
    double rest = 0.0;
    for (size_t i = 0; i < m->n; i++) {
        if (i == top || !(m->weight[i] > 0.0))
            continue;
        double a = i < MIX_KEEP ? keep[i] : component(m, lw, ls, i, x);
        rest += exp(a - amax);
    }
    return amax + log1p(rest);
}

double kl_mixture_logpdf(double x, void *params)
{
    return log_sum_exp(params, NULL, NULL, x);
}

enum kl_status kl_mixture_logs_init(struct kl_mixture_logs *l,
                                    struct kl_mixture *m)
{
    enum kl_status st = kl_mixture_check(m);
    if (st != KL_OK)
        return st;
    if (m->n > KL_MIX_LOGS)
        return KL_EPARAM;
    l->m = m;
    for (size_t i = 0; i < m->n; i++) {
        l->log_weight[i] = log(m->weight[i]);
        l->log_sigma[i] = log(m->sigma[i]);
    }
    return KL_OK;
}

double kl_mixture_logs_logpdf(double x, void *params)
{
    const struct kl_mixture_logs *l = params;
    return log_sum_exp(l->m, l->log_weight, l->log_sigma, x);
}

struct kl_density kl_mixture_logs_density(struct kl_mixture_logs *l)
{
    struct kl_density d = kl_mixture_density(l->m);
    d.logpdf = kl_mixture_logs_logpdf;
    d.params = l;
    return d;
}

struct kl_density kl_mixture_density(struct kl_mixture *m)
{
    struct kl_density d = {kl_mixture_logpdf, m, -INFINITY, INFINITY, 0.0, 0.0};
    /* where the mass is: the mixture's mean and standard deviation */
    double mean, sd;
    if (kl_mixture_moments(m, &mean, &sd) == KL_OK && sd > 0.0 && isfinite(sd)) {
        d.centre = mean;
        d.scale = sd;
    }
    return d;
}

enum kl_status kl_mixture_moments(const struct kl_mixture *m, double *mean,
                                  double *sd)
{
    enum kl_status st = kl_mixture_check(m);
    if (st != KL_OK)
        return st;
    double mu = 0.0, var = 0.0;
    for (size_t i = 0; i < m->n; i++)
        mu += m->weight[i] * m->mu[i];
    for (size_t i = 0; i < m->n; i++) {
        double d = m->mu[i] - mu;
        var += m->weight[i] * (m->sigma[i] * m->sigma[i] + d * d);
    }
    *mean = mu;
    *sd = sqrt(var);
    return KL_OK;
}
