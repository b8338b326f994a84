/* mvn.h — the multivariate normal distribution N(mu, Sigma) in k dimensions:
 * its Cholesky factor, log-density and sampler, the divergence between two
 * of them in closed form, and the KL term of a variational autoencoder
 * against the standard normal prior N(0, I), with its gradient.
 *
 * Matrices are plain row-major arrays of k*k doubles.  Every function works
 * through the Cholesky factor Sigma = L L^T (gsl_linalg_cholesky_decomp1):
 * triangular solves instead of inverses, log det Sigma = 2 sum_i log L_ii.
 * Results are in nats.
 *
 * A covariance is accepted when its entries are finite (KL_ENAN, KL_EINF),
 * it is symmetric to 1e-12 relative, |a_ij - a_ji| <= 1e-12 max(|a_ij|,
 * |a_ji|), and it is positive definite (both KL_EPARAM otherwise); k = 0 is
 * KL_EEMPTY. */
#ifndef KL_MVN_H
#define KL_MVN_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>

#include "status.h"

/* Relative tolerance of the symmetry check. */
#define KL_MVN_SYM_TOL 1e-12

/* A factored normal distribution: allocate with kl_mvn_alloc, free with
 * kl_mvn_free.  The fields are read-only for the caller. */
struct kl_mvn {
    size_t k;          /* dimension */
    gsl_vector *mu;    /* mean, k entries */
    gsl_matrix *L;     /* lower Cholesky factor of Sigma; upper part zero */
    double logdet;     /* log det Sigma = 2 sum_i log L_ii */
    double half_trace; /* tr Sigma / 2, summed from the diagonal of COV */
    int identity;      /* Sigma is exactly I (so is L): solves with L skipped */
};

/* Checks a mean MU (k entries, may be NULL to skip) and a covariance COV
 * (k*k) as described above.  Returns KL_OK or the first failure found:
 * KL_EEMPTY, KL_ENAN, KL_EINF, KL_EPARAM (not symmetric or not positive
 * definite). */
enum kl_status kl_mvn_check(const double *mu, const double *cov, size_t k);

/* Returns 1 if COV (k*k) is symmetric to KL_MVN_SYM_TOL relative, else 0;
 * on 0 the first offending pair is (*I, *J) with i < j (either may be
 * NULL). */
int kl_mvn_symmetric(const double *cov, size_t k, size_t *i, size_t *j);

/* Factors N(MU, COV) into a new struct kl_mvn written to *OUT (free it with
 * kl_mvn_free).  MU may be NULL for a zero mean.  Fails as kl_mvn_check, or
 * KL_ENOMEM; *OUT is then NULL. */
enum kl_status kl_mvn_alloc(const double *mu, const double *cov, size_t k,
                            struct kl_mvn **out);

/* Frees G; kl_mvn_free(NULL) does nothing. */
void kl_mvn_free(struct kl_mvn *g);

/* log N(x; mu, Sigma) = -(k log 2 pi + log det Sigma + |L^-1 (x - mu)|^2)/2,
 * written to LP.  WORK holds k doubles of scratch (the whitened x).
 * KL_ENAN/KL_EINF for a bad entry of X. */
enum kl_status kl_mvn_logpdf(const struct kl_mvn *g, const double *x,
                             double *work, double *lp);

/* Draws X ~ G as x = mu + L e with e ~ N(0, I) from RNG
 * (gsl_ran_gaussian_ziggurat, exact and about three times as fast as the
 * polar method of gsl_ran_gaussian); X has k entries.  Never fails. */
void kl_mvn_sample(const struct kl_mvn *g, gsl_rng *rng, double *x);

/* D(P || Q) = ( tr(S1^-1 S0) + (m1 - m0)^T S1^-1 (m1 - m0) - k
 *              + log det S1 - log det S0 ) / 2
 * for P = N(m0, S0), Q = N(m1, S1) (Kullback 1959; Duchi, "Derivations for
 * linear algebra and optimization", 2007), with tr(S1^-1 S0) = |L1^-1 L0|_F^2
 * and the quadratic form |L1^-1 (m1 - m0)|^2 from triangular solves
 * (gsl_blas_dtrsm, O(k^3)).  KL_EPARAM when the dimensions differ,
 * KL_ENOMEM, KL_ERANGE when the divergence (always finite) or the trace or
 * quadratic form on the way exceeds the largest double; m1 - m0 is halved
 * where it would overflow.  Written to D in nats; a result that rounding makes negative
 * (P = Q) is returned as 0.  Near P = Q the three terms cancel, so the
 * absolute error is about k times the machine epsilon. */
enum kl_status kl_mvn_divergence(const struct kl_mvn *p,
                                 const struct kl_mvn *q, double *d);

/* The same from raw arrays: factors both (as kl_mvn_alloc) and divides. */
enum kl_status kl_mvn_divergence_raw(const double *mu0, const double *cov0,
                                     const double *mu1, const double *cov1,
                                     size_t k, double *d);

/* The VAE's KL term with a full covariance:
 * D(N(mu, Sigma) || N(0, I)) = ( tr Sigma + mu^T mu - k - log det Sigma ) / 2,
 * with log det Sigma from the Cholesky factor.  Fails as kl_mvn_check, or
 * KL_ERANGE when tr Sigma / 2 + mu^T mu / 2 exceeds the largest double. */
enum kl_status kl_mvn_vae_full(const double *mu, const double *cov, size_t k,
                               double *d);

/* The same for a factored G = N(mu, Sigma): kl_mvn_vae_full's value, bit
 * for bit, from G's mean, trace and log det, without factoring again (so
 * that one factor can serve this form and kl_mvn_divergence).  KL_ERANGE
 * as kl_mvn_vae_full. */
enum kl_status kl_mvn_vae_term(const struct kl_mvn *g, double *d);

/* The VAE's KL term with a diagonal covariance diag(exp(LOGVAR)), as an
 * encoder outputs it:
 * D = -1/2 sum_j (1 + logvar_j - mu_j^2 - exp(logvar_j))
 *   =  1/2 sum_j ((e^l_j - 1 - l_j) + mu_j^2),
 * the second form evaluated without cancellation (a series for |l_j| < 1/2)
 * (Kingma & Welling, "Auto-Encoding Variational Bayes", 2014, App. B).
 * exp(l_j)/2 is found for l_j past 709, where exp(l_j) alone overflows.
 * KL_EEMPTY for k = 0, KL_ENAN/KL_EINF for a bad entry; KL_ERANGE (D left
 * untouched) when the divergence, always finite, exceeds the largest
 * double. */
enum kl_status kl_mvn_vae_diag(const double *mu, const double *logvar,
                               size_t k, double *d);

/* The gradient of kl_mvn_vae_diag: dD/dmu_j = mu_j and
 * dD/dlogvar_j = (exp(logvar_j) - 1)/2, written to GRAD_MU and GRAD_LOGVAR
 * (k entries each; either may be NULL).  Fails as kl_mvn_vae_diag. */
enum kl_status kl_mvn_vae_grad(const double *mu, const double *logvar,
                               size_t k, double *grad_mu,
                               double *grad_logvar);

#endif
