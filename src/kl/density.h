/* density.h — entropy and KL divergence of densities on the real line, by
 * GSL adaptive quadrature in log space.
 *
 * A density is given by its log-density (an analytic expression, never the log
 * of a computed density, which is -inf wherever the density underflows) and its
 * support [lower, upper], either end of which may be infinite.  Integrals run
 * over P's support with gsl_integration_qagi (whole line), qagiu / qagil
 * (half-lines) or qags (a finite interval), on the integrand
 *     p(x) (log p(x) - log q(x)),
 * which stays finite wherever both densities underflow.
 */
#ifndef KL_DENSITY_H
#define KL_DENSITY_H

#include <stddef.h>
#include "status.h"

/* log p(x) for x in the support; may return -INFINITY where p(x) = 0. */
typedef double (*kl_logpdf_fn)(double x, void *params);

struct kl_density {
    kl_logpdf_fn logpdf;
    void *params;
    double lower;   /* -INFINITY for no lower bound */
    double upper;   /* +INFINITY for no upper bound */
    /* Where the mass is: a centre (mean or mode) and a width (a standard
     * deviation, or any comparable scale).  With scale > 0 the integrals run
     * in the coordinate z = (x - centre)/scale, where the mass sits near
     * z = 0 whatever its place and width, so that a narrow density far from
     * the origin is not missed by the first samples of the adaptive rule.  Leave both 0 when unknown (the integrals then
     * run on the raw x axis). */
    double centre;
    double scale;
};

/* Tolerances and workspace size; kl_quad_default() is epsabs 0,
 * epsrel 1e-12, limit 1000 intervals. */
struct kl_quad {
    double epsabs;
    double epsrel;
    size_t limit;
};

struct kl_quad kl_quad_default(void);

/* Result of one integral: the value and GSL's estimate of its absolute error. */
struct kl_quad_result {
    double value;
    double abserr;
    size_t intervals;   /* subintervals used by the adaptive rule */
};

/* Differential entropy h(P) = -integral p log p, in nats.  OPTS may be NULL
 * for the defaults.  Returns KL_OK; KL_EQUAD when GSL could not reach the
 * tolerance, or when P was zero at every point the rule sampled (its mass was
 * missed: give the density a centre and scale) — the result is still written,
 * with GSL's error estimate, so the caller can judge it; KL_EPARAM for a
 * support with lower >= upper, a NULL callback or a negative or non-finite
 * scale; KL_ENOMEM when the workspace cannot be allocated.  Never aborts: the
 * GSL error handler is switched off for the duration of the call. */
enum kl_status kl_density_entropy(const struct kl_density *p,
                                  const struct kl_quad *opts,
                                  struct kl_quad_result *out);

/* A function of x, for expectations. */
typedef double (*kl_real_fn)(double x, void *params);

/* The expectation E_P[g(X)] = integral p(x) g(x) dx over P's support, by the
 * same quadrature and with the same statuses as kl_density_entropy.  G must
 * be finite wherever p(x) > 0. */
enum kl_status kl_density_expectation(const struct kl_density *p, kl_real_fn g,
                                      void *gparams, const struct kl_quad *opts,
                                      struct kl_quad_result *out);

/* KL divergence D(P||Q) = integral p (log p - log q) over P's support, in
 * nats, with the same statuses as kl_density_entropy.  The value is +inf, with
 * abserr 0, if Q's log-density is -inf at a point of P's support where P's
 * is finite (found while sampling the integrand), or if Q's support does not
 * contain P's. */
enum kl_status kl_density_divergence(const struct kl_density *p,
                                     const struct kl_density *q,
                                     const struct kl_quad *opts,
                                     struct kl_quad_result *out);

#endif
