/* gaussian.h — the univariate normal distribution N(mu, sigma^2) in closed
 * form: its log-density (for quadrature) and its differential entropy. */
#ifndef KL_GAUSSIAN_H
#define KL_GAUSSIAN_H

#include "density.h"
#include "status.h"

struct kl_gaussian {
    double mu;
    double sigma;   /* standard deviation, finite and > 0 */
};

/* Returns KL_OK for finite MU and finite SIGMA > 0, else KL_EPARAM. */
enum kl_status kl_gaussian_check(double mu, double sigma);

/* log N(x; mu, sigma^2) = -(x-mu)^2/(2 sigma^2) - log sigma - log(2 pi)/2.
 * PARAMS points to a struct kl_gaussian; the signature is kl_logpdf_fn's. */
double kl_gaussian_logpdf(double x, void *params);

/* A struct kl_density for G on the whole real line (G must outlive it). */
struct kl_density kl_gaussian_density(struct kl_gaussian *g);

/* Differential entropy h = log(sigma sqrt(2 pi e)) = (1 + log(2 pi sigma^2))/2
 * nats (Cover & Thomas, Example 8.1.2), written to H; KL_EPARAM for a bad
 * sigma.  Negative for sigma < 1/sqrt(2 pi e). */
enum kl_status kl_gaussian_entropy(double sigma, double *h);

#endif
