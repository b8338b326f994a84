#include "density.h"

#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>

struct kl_quad kl_quad_default(void)
{
    struct kl_quad q = {0.0, 1e-12, 1000};
    return q;
}

struct integrand {
    const struct kl_density *p, *q;
    kl_real_fn g;           /* for expectations */
    void *gparams;
    double centre, scale;   /* x = centre + scale z; scale 1 on the raw axis */
    int q_missing;      /* set when q = 0 where p > 0: the divergence is +inf */
    long seen;          /* evaluations where p(x) > 0 */
};

static double entropy_integrand(double z, void *vp)
{
    struct integrand *in = vp;
    double x = in->centre + in->scale * z;
    double lp = in->p->logpdf(x, in->p->params);
    if (!(lp > -INFINITY))
        return 0.0;
    double w = exp(lp);
    in->seen += w > 0.0;
    return -w * lp * in->scale;
}

static double expectation_integrand(double z, void *vp)
{
    struct integrand *in = vp;
    double x = in->centre + in->scale * z;
    double lp = in->p->logpdf(x, in->p->params);
    if (!(lp > -INFINITY))
        return 0.0;
    double w = exp(lp);
    in->seen += w > 0.0;
    return w == 0.0 ? 0.0 : w * in->g(x, in->gparams) * in->scale;
}

static double divergence_integrand(double z, void *vp)
{
    struct integrand *in = vp;
    double x = in->centre + in->scale * z;
    double lp = in->p->logpdf(x, in->p->params);
    if (!(lp > -INFINITY))
        return 0.0;
    double lq = in->q->logpdf(x, in->q->params);
    if (!(lq > -INFINITY)) {
        in->q_missing = 1;
        return 0.0;
    }
    double w = exp(lp);
    in->seen += w > 0.0;
    return w == 0.0 ? 0.0 : w * (lp - lq) * in->scale;
}

/* Picks the GSL routine that fits the support [a, b]. */
static int integrate(gsl_function *f, double a, double b,
                     const struct kl_quad *o, gsl_integration_workspace *w,
                     double *value, double *abserr)
{
    if (isinf(a) && isinf(b))
        return gsl_integration_qagi(f, o->epsabs, o->epsrel, o->limit, w,
                                    value, abserr);
    if (isinf(b))
        return gsl_integration_qagiu(f, a, o->epsabs, o->epsrel, o->limit, w,
                                     value, abserr);
    if (isinf(a))
        return gsl_integration_qagil(f, b, o->epsabs, o->epsrel, o->limit, w,
                                     value, abserr);
    return gsl_integration_qags(f, a, b, o->epsabs, o->epsrel, o->limit, w,
                                value, abserr);
}

static enum kl_status run(double (*fn)(double, void *), struct integrand *in,
                          const struct kl_quad *opts, struct kl_quad_result *out)
{
    struct kl_quad o = opts ? *opts : kl_quad_default();
    const struct kl_density *p = in->p;
    if (p->logpdf == NULL || !(p->lower < p->upper) || o.limit == 0 ||
        !isfinite(p->scale) || p->scale < 0.0 || !isfinite(p->centre))
        return KL_EPARAM;
    /* the integration variable z and its limits */
    in->centre = p->scale > 0.0 ? p->centre : 0.0;
    in->scale = p->scale > 0.0 ? p->scale : 1.0;
    double a = (p->lower - in->centre) / in->scale;
    double b = (p->upper - in->centre) / in->scale;
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(o.limit);
    if (w == NULL)
        return KL_ENOMEM;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    gsl_function f = {fn, in};
    double value = NAN, abserr = NAN;
    int failed = integrate(&f, a, b, &o, w, &value, &abserr) != GSL_SUCCESS;
    size_t intervals = w->size;
    out->value = value;
    out->abserr = abserr;
    out->intervals = intervals;
    gsl_set_error_handler(old);
    gsl_integration_workspace_free(w);
    if (in->seen == 0 && !in->q_missing)
        return KL_EQUAD;    /* P's mass was never sampled */
    if (isnan(value) && !in->q_missing)
        return KL_ENUMERIC; /* never an answer */
    return failed ? KL_EQUAD : KL_OK;
}

enum kl_status kl_density_entropy(const struct kl_density *p,
                                  const struct kl_quad *opts,
                                  struct kl_quad_result *out)
{
    if (p == NULL)
        return KL_EPARAM;
    struct integrand in = {p, NULL, NULL, NULL, 0.0, 1.0, 0, 0};
    return run(entropy_integrand, &in, opts, out);
}

enum kl_status kl_density_expectation(const struct kl_density *p, kl_real_fn g,
                                      void *gparams, const struct kl_quad *opts,
                                      struct kl_quad_result *out)
{
    if (p == NULL || g == NULL)
        return KL_EPARAM;
    struct integrand in = {p, NULL, g, gparams, 0.0, 1.0, 0, 0};
    return run(expectation_integrand, &in, opts, out);
}

enum kl_status kl_density_divergence(const struct kl_density *p,
                                     const struct kl_density *q,
                                     const struct kl_quad *opts,
                                     struct kl_quad_result *out)
{
    if (p == NULL || q == NULL || q->logpdf == NULL)
        return KL_EPARAM;
    if (q->lower > p->lower || q->upper < p->upper) {
        if (!(p->lower < p->upper) || p->logpdf == NULL)
            return KL_EPARAM;
        out->value = INFINITY;
        out->abserr = 0.0;
        out->intervals = 0;
        return KL_OK;
    }
    struct integrand in = {p, q, NULL, NULL, 0.0, 1.0, 0, 0};
    enum kl_status st = run(divergence_integrand, &in, opts, out);
    if (in.q_missing && (st == KL_OK || st == KL_EQUAD)) {
        out->value = INFINITY;
        out->abserr = 0.0;
        return KL_OK;
    }
    return st;
}
