/* mixture.h — a finite mixture of univariate normal distributions,
 *     p(x) = sum_i w_i N(x; mu_i, sigma_i^2),
 * with a log-density that stays finite far in the tails, for quadrature.
 *
 * The log-density is computed by log-sum-exp: with a_i = log w_i +
 * log N(x; mu_i, sigma_i^2) and m = max_i a_i,
 *     log p(x) = m + log1p(sum_{i != argmax} exp(a_i - m)),
 * so no term is exponentiated before the largest is taken out; exp(a_i) alone
 * underflows to 0 for |x - mu_i| beyond about 38 sigma_i, and log(sum) would
 * then be -inf.  The struct does not own its arrays. */
#ifndef KL_MIXTURE_H
#define KL_MIXTURE_H

#include <stddef.h>

#include "density.h"
#include "status.h"

struct kl_mixture {
    size_t n;               /* number of components, >= 1 */
    const double *weight;   /* n weights >= 0 summing to 1 within KL_SUM_TOL */
    const double *mu;       /* n finite means */
    const double *sigma;    /* n standard deviations, finite and > 0 */
};

/* Returns KL_OK for a valid mixture; KL_EEMPTY for n = 0; KL_ENAN,
 * KL_EINF or KL_ENEGATIVE for a bad weight; KL_ESUM when the weights do not
 * sum to 1; KL_EPARAM for a NULL array, a non-finite mean or a standard
 * deviation that is not finite and > 0. */
enum kl_status kl_mixture_check(const struct kl_mixture *m);

/* log p(x) by log-sum-exp (above).  PARAMS points to a struct kl_mixture that
 * kl_mixture_check() accepted; the signature is kl_logpdf_fn's.  Components
 * of weight 0 are skipped. */
double kl_mixture_logpdf(double x, void *params);

/* A struct kl_density for M on the whole real line (M must outlive it). */
struct kl_density kl_mixture_density(struct kl_mixture *m);

/* A mixture with the logs of its weights and standard deviations worked
 * out once, where kl_mixture_logpdf works them out at every x: for the
 * many evaluations of a quadrature.  Its log-density is kl_mixture_logpdf's
 * to the last bit (the same values in the same arithmetic).  It refers to
 * M, whose arrays must outlive it and not change. */
#define KL_MIX_LOGS 16      /* components at most */
struct kl_mixture_logs {
    struct kl_mixture *m;
    double log_weight[KL_MIX_LOGS];     /* -inf for a weight of 0 */
    double log_sigma[KL_MIX_LOGS];
};

/* Fills L for M.  Statuses as kl_mixture_check, and KL_EPARAM for more
 * than KL_MIX_LOGS components. */
enum kl_status kl_mixture_logs_init(struct kl_mixture_logs *l,
                                    struct kl_mixture *m);

/* log p(x) as kl_mixture_logpdf, from the logs; PARAMS points to a struct
 * kl_mixture_logs that kl_mixture_logs_init() filled. */
double kl_mixture_logs_logpdf(double x, void *params);

/* kl_mixture_density's density, with kl_mixture_logs_logpdf (L must outlive
 * it). */
struct kl_density kl_mixture_logs_density(struct kl_mixture_logs *l);

/* The mean and standard deviation of the mixture, written to MEAN and SD:
 *     mean = sum w_i mu_i,  var = sum w_i (sigma_i^2 + (mu_i - mean)^2)
 * (law of total variance).  Statuses as kl_mixture_check. */
enum kl_status kl_mixture_moments(const struct kl_mixture *m, double *mean,
                                  double *sd);

#endif
