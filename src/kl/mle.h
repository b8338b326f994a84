/* mle.h — maximum likelihood and the expected log-likelihood: the Gaussian
 * MLE of a sample, the categorical MLE and its maximised log-likelihood,
 * least-squares polynomial regression with a Gaussian error (the models of
 * AIC), the Gamma law in closed form (a skewed "true" law for misspecified
 * Gaussian models), and expectations E_p[g(X)] by quadrature.
 *
 * The link to KL divergence: for a model q and a true law p,
 *     -E_p[log q(Y)] = h(p) + D(p || q),
 * so the model with the largest expected log-likelihood is the one closest to
 * p in KL divergence, and the maximum-likelihood estimate, which maximises the
 * average log-likelihood of the sample, estimates the KL-closest model.
 *
 * Every function returns an enum kl_status and writes its results through
 * out-parameters, which are left untouched on failure.
 */
#ifndef KL_MLE_H
#define KL_MLE_H

#include <stddef.h>
#include "density.h"
#include "status.h"

/* -- The Gamma law -------------------------------------------------------- */

/* Gamma(shape a, scale s): density x^(a-1) e^(-x/s) / (Gamma(a) s^a) on x > 0,
 * mean a s, variance a s^2. */
struct kl_mle_gamma {
    double shape;
    double scale;
};

/* KL_OK for finite SHAPE > 0 and finite SCALE > 0, else KL_EPARAM. */
enum kl_status kl_mle_gamma_check(double shape, double scale);

/* log of the Gamma density at X, with gsl_sf_lngamma for log Gamma(a);
 * -INFINITY for x < 0 (and at x = 0 when a > 1), +INFINITY at x = 0 when
 * a < 1.  PARAMS points to a struct kl_mle_gamma (kl_logpdf_fn signature). */
double kl_mle_gamma_logpdf(double x, void *params);

/* A struct kl_density for G on [0, +inf), centred at its mean a s with its
 * standard deviation sqrt(a) s as scale (G must outlive it). */
struct kl_density kl_mle_gamma_density(struct kl_mle_gamma *g);

/* Differential entropy h = a + log s + log Gamma(a) + (1 - a) psi(a) nats
 * (Cover & Thomas, Table 17.1), written to H; KL_EPARAM for bad parameters. */
enum kl_status kl_mle_gamma_entropy(const struct kl_mle_gamma *g, double *h);

/* Cross-entropy -E_p[log q(X)] of the Gamma law Q under the Gamma law P, in
 * closed form: log Gamma(a_q) + a_q log s_q - (a_q - 1) E_p[log X] + E_p[X]/s_q
 * with E_p[log X] = psi(a_p) + log s_p and E_p[X] = a_p s_p.  Written to H;
 * KL_EPARAM for bad parameters. */
enum kl_status kl_mle_gamma_cross_entropy(const struct kl_mle_gamma *p,
                                          const struct kl_mle_gamma *q,
                                          double *h);

/* -- Gaussian models ------------------------------------------------------ */

/* Cross-entropy -E_p[log N(X; mu, sigma^2)] for ANY law p with mean MEAN and
 * variance VAR:  log(sigma sqrt(2 pi)) + (VAR + (MEAN - mu)^2) / (2 sigma^2).
 * Only two moments of p enter, which is why the KL-closest Gaussian to any p
 * is the one with p's mean and variance.  KL_EPARAM for a non-finite mean,
 * a negative or non-finite VAR, or a bad (MU, SIGMA). */
enum kl_status kl_mle_gaussian_cross_entropy(double mean, double var,
                                             double mu, double sigma,
                                             double *h);

/* The maximum-likelihood estimate of N(mu, sigma^2) from X[0..N): the sample
 * mean and the root of the mean squared deviation (divisor N, not N - 1),
 * with gsl_stats_mean and gsl_stats_variance_m.  KL_EEMPTY for N = 0,
 * KL_ENAN / KL_EINF for a non-finite entry, KL_EPARAM when the sample has no
 * spread (N = 1 or all entries equal: the likelihood is unbounded). */
enum kl_status kl_mle_gaussian_fit(const double *x, size_t n, double *mu,
                                   double *sigma);

/* Log-likelihood sum_i log N(X[i]; MU, SIGMA^2), written to LL.  KL_EEMPTY
 * for N = 0, KL_ENAN / KL_EINF for non-finite data, KL_EPARAM for a bad
 * (MU, SIGMA). */
enum kl_status kl_mle_gaussian_loglik(const double *x, size_t n, double mu,
                                      double sigma, double *ll);

/* -- Categorical models --------------------------------------------------- */

/* The maximum-likelihood estimate of a categorical law on K outcomes from the
 * counts COUNTS[0..K) (non-negative, finite, not all zero): the frequencies
 * PHAT[i] = COUNTS[i] / n, and the maximised log-likelihood
 * LOGLIK = sum_i COUNTS[i] log PHAT[i] (0 log 0 = 0), which equals
 * -n H(PHAT).  Either output may be NULL.  Statuses as kl_discrete_normalize
 * (KL_EEMPTY, KL_ENAN, KL_EINF, KL_ENEGATIVE, KL_EZERO). */
enum kl_status kl_mle_categorical_fit(const double *counts, size_t k,
                                      double *phat, double *loglik);

/* Log-likelihood sum_i COUNTS[i] log Q[i] of the categorical law Q, written
 * to LL: -inf when some COUNTS[i] > 0 has Q[i] = 0.  Q must be a probability
 * vector (kl_discrete_check's statuses); counts as above. */
enum kl_status kl_mle_categorical_loglik(const double *counts, const double *q,
                                         size_t k, double *ll);

/* -- Polynomial regression with a Gaussian error --------------------------- */

/* The model y_i = c_0 + c_1 x_i + ... + c_{m-1} x_i^{m-1} + e_i with
 * e_i ~ N(0, sigma^2), for a design X[0..N) fixed once: M = NCOEF mean
 * coefficients (NCOEF = 0 is the model y_i ~ N(0, sigma^2)) plus sigma, so
 * k = NCOEF + 1 parameters.  The design matrix is decomposed once
 * (gsl_multifit_linear_svd) and each fit is a solve with it, the steps of
 * gsl_multifit_linear_solve (the same bits) without the residual and
 * solution norms it also computes, which is what gsl_multifit_linear does
 * in one call; reusing the decomposition makes repeated fits on the same
 * design cheap.  Opaque; free with kl_mle_poly_free. */
struct kl_mle_poly;

/* Allocates the model for the design X[0..N) with NCOEF coefficients (X is
 * copied).  Returns NULL with *STATUS set: KL_EEMPTY for N = 0, KL_ENAN /
 * KL_EINF for a non-finite x, KL_EPARAM when NCOEF + 1 > N (sigma could not
 * be estimated) or the design has rank < NCOEF, KL_ENOMEM.  STATUS may be
 * NULL. */
struct kl_mle_poly *kl_mle_poly_alloc(const double *x, size_t n, size_t ncoef,
                                      enum kl_status *status);

/* Frees W; W may be NULL. */
void kl_mle_poly_free(struct kl_mle_poly *w);

/* The number of parameters k = NCOEF + 1 of the model. */
size_t kl_mle_poly_nparams(const struct kl_mle_poly *w);

/* Fits the responses Y[0..n) by maximum likelihood (least squares for the
 * coefficients, sigma^2 = RSS / n).  Writes the coefficients to COEF[0..NCOEF)
 * (lowest power first), the fitted means to FITTED[0..n), sigma-hat to SIGMA
 * and the maximised log-likelihood -n/2 (log(2 pi sigma^2) + 1) to LOGLIK; any
 * output may be NULL.  KL_ENAN / KL_EINF for non-finite responses, KL_EPARAM
 * for a perfect fit (residuals at rounding level, RSS <= (64 eps)^2 sum y^2:
 * sigma-hat = 0 and the likelihood is unbounded). */
enum kl_status kl_mle_poly_fit(struct kl_mle_poly *w, const double *y,
                               double *coef, double *fitted, double *sigma,
                               double *loglik);

/* Fits NSETS response vectors at once, each as kl_mle_poly_fit would (the
 * same bits).  YS is the block of data sets as columns, a row a design
 * point: point i of data set j at YS[i NSETS + j] (so that several models
 * can fit one block as it was drawn).  The fitted means of data set j go to
 * FITTED[j n .. j n + n), its sigma-hat to SIGMA[j] and its maximised
 * log-likelihood to LOGLIK[j]; any output may be NULL.  U^T Y and X C are
 * one gsl_blas_dgemm a block instead of one gsl_blas_dgemv a data set (the
 * reference CBLAS sums every entry in the same order in both).  Statuses as
 * kl_mle_poly_fit, the first failing data set's, and KL_ENOMEM when the
 * block's work space cannot be allocated; on failure no output is written. */
enum kl_status kl_mle_poly_fit_many(struct kl_mle_poly *w, const double *ys,
                                    size_t nsets, double *fitted, double *sigma,
                                    double *loglik);

#endif
