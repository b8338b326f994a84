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

/* The same for N(MU, SIGMA^2) with LOG_SIGMA = log(SIGMA) given, worked out
 * once by a caller that evaluates one Gaussian at many x: the same
 * arithmetic, so kl_gaussian_logpdf's bits. */
double kl_gaussian_logpdf_ls(double x, double mu, double sigma,
                             double log_sigma);

/* A struct kl_density for G on the whole real line (G must outlive it). */
struct kl_density kl_gaussian_density(struct kl_gaussian *g);

/* Differential entropy h = log(sigma sqrt(2 pi e)) = (1 + log(2 pi sigma^2))/2
 * nats (Cover & Thomas, Example 8.1.2), written to H; KL_EPARAM for a bad
 * sigma.  Negative for sigma < 1/sqrt(2 pi e). */
enum kl_status kl_gaussian_entropy(double sigma, double *h);

/* D(N(mu1, sigma1^2) || N(mu2, sigma2^2))
 *   = log(sigma2/sigma1) + (sigma1^2 + (mu1 - mu2)^2) / (2 sigma2^2) - 1/2
 * (Cover & Thomas, Eq. 8.76 generalised; Kullback 1959), written to D in nats.
 * It is evaluated as ((e^u - 1 - u) + delta^2) / 2 with u = 2 log(sigma1/sigma2)
 * and delta = (mu1 - mu2)/sigma2: two non-negative terms, the first by its
 * Taylor series for |u| < 1/2 (u from log1p) and as (sigma1/sigma2)^2 - 1 - u
 * for ratios beyond [1/2, 2], so that the relative error stays within a few
 * ulps from divergences of 1e-20, where the textbook formula returns noise,
 * up to 1e308.  mu1 - mu2 is never formed where it would overflow (means of
 * 1e308 and -1e308 give their exact halves' difference), and a square whose
 * half fits is halved before it can overflow.  KL_EPARAM for a
 * non-finite mu or a sigma that is not finite and > 0; KL_ERANGE when the
 * divergence, always finite here, exceeds the largest double (D is then
 * left untouched). */
enum kl_status kl_gaussian_divergence(double mu1, double sigma1, double mu2,
                                      double sigma2, double *d);

#endif
