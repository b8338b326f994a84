/* mvn.c — multivariate normal distributions through Cholesky factors. */
#include "mvn.h"

#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>

#define LOG_2PI 1.837877066409345483560659472811235280

/* KL_OK, KL_ENAN or KL_EINF for the N entries of V. */
static enum kl_status check_finite(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            return KL_ENAN;
        if (isinf(v[i]))
            return KL_EINF;
    }
    return KL_OK;
}

int kl_mvn_symmetric(const double *cov, size_t k, size_t *i, size_t *j)
{
    for (size_t r = 0; r < k; r++)
        for (size_t c = r + 1; c < k; c++) {
            double a = cov[r * k + c], b = cov[c * k + r];
            if (!(fabs(a - b) <= KL_MVN_SYM_TOL * fmax(fabs(a), fabs(b)))) {
                if (i)
                    *i = r;
                if (j)
                    *j = c;
                return 0;
            }
        }
    return 1;
}

/* The lower Cholesky factor of the symmetric K x K matrix COV, with its
 * upper part zeroed, in a new matrix at *L; KL_EPARAM when COV is not
 * positive definite. */
static enum kl_status factor(const double *cov, size_t k, gsl_matrix **out)
{
    gsl_matrix *L = gsl_matrix_alloc(k, k);
    *out = NULL;
    if (L == NULL)
        return KL_ENOMEM;
    for (size_t r = 0; r < k; r++)
        for (size_t c = 0; c < k; c++)
            gsl_matrix_set(L, r, c, cov[r * k + c]);
    /* not positive definite is an answer here, not an abort */
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int status = gsl_linalg_cholesky_decomp1(L);
    gsl_set_error_handler(old);
    if (status != GSL_SUCCESS) {
        gsl_matrix_free(L);
        return KL_EPARAM;
    }
    for (size_t r = 0; r < k; r++) {
        /* decomp1 checks for a failing pivot, not for a tiny one */
        if (!(gsl_matrix_get(L, r, r) > 0.0)) {
            gsl_matrix_free(L);
            return KL_EPARAM;
        }
        for (size_t c = r + 1; c < k; c++)
            gsl_matrix_set(L, r, c, 0.0);
    }
    *out = L;
    return KL_OK;
}

/* 2 sum_i log L_ii */
static double logdet(const gsl_matrix *L)
{
    double s = 0.0;
    for (size_t i = 0; i < L->size1; i++)
        s += log(gsl_matrix_get(L, i, i));
    return 2.0 * s;
}

/* The checks that need no factorisation: a dimension, finite entries and a
 * symmetric covariance. */
static enum kl_status check_entries(const double *mu, const double *cov,
                                    size_t k)
{
    if (k == 0)
        return KL_EEMPTY;
    enum kl_status st;
    if (mu != NULL && (st = check_finite(mu, k)) != KL_OK)
        return st;
    if ((st = check_finite(cov, k * k)) != KL_OK)
        return st;
    if (!kl_mvn_symmetric(cov, k, NULL, NULL))
        return KL_EPARAM;
    return KL_OK;
}

enum kl_status kl_mvn_check(const double *mu, const double *cov, size_t k)
{
    enum kl_status st = check_entries(mu, cov, k);
    if (st != KL_OK)
        return st;
    gsl_matrix *L;
    if ((st = factor(cov, k, &L)) != KL_OK)
        return st;
    gsl_matrix_free(L);
    return KL_OK;
}

enum kl_status kl_mvn_alloc(const double *mu, const double *cov, size_t k,
                            struct kl_mvn **out)
{
    *out = NULL;
    enum kl_status st = check_entries(mu, cov, k);
    if (st != KL_OK)
        return st;
    struct kl_mvn *g = malloc(sizeof *g);
    if (g == NULL)
        return KL_ENOMEM;
    g->k = k;
    g->L = NULL;
    g->mu = gsl_vector_calloc(k);
    if (g->mu == NULL) {
        kl_mvn_free(g);
        return KL_ENOMEM;
    }
    if (mu != NULL)
        for (size_t i = 0; i < k; i++)
            gsl_vector_set(g->mu, i, mu[i]);
    if ((st = factor(cov, k, &g->L)) != KL_OK) {
        kl_mvn_free(g);
        return st;
    }
    g->logdet = logdet(g->L);
    *out = g;
    return KL_OK;
}

void kl_mvn_free(struct kl_mvn *g)
{
    if (g == NULL)
        return;
    gsl_vector_free(g->mu);
    gsl_matrix_free(g->L);
    free(g);
}

enum kl_status kl_mvn_logpdf(const struct kl_mvn *g, const double *x,
                             double *work, double *lp)
{
    enum kl_status st = check_finite(x, g->k);
    if (st != KL_OK)
        return st;
    gsl_vector_view w = gsl_vector_view_array(work, g->k);
    for (size_t i = 0; i < g->k; i++)
        work[i] = x[i] - gsl_vector_get(g->mu, i);
    /* w = L^-1 (x - mu): forward substitution */
    gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, g->L, &w.vector);
    double m2;
    gsl_blas_ddot(&w.vector, &w.vector, &m2);
    *lp = -0.5 * ((double)g->k * LOG_2PI + g->logdet + m2);
    return KL_OK;
}

void kl_mvn_sample(const struct kl_mvn *g, gsl_rng *rng, double *x)
{
    size_t k = g->k;
    for (size_t i = 0; i < k; i++)
        x[i] = gsl_ran_gaussian(rng, 1.0);
    gsl_vector_view v = gsl_vector_view_array(x, k);
    /* x = L e, then + mu */
    gsl_blas_dtrmv(CblasLower, CblasNoTrans, CblasNonUnit, g->L, &v.vector);
    gsl_vector_add(&v.vector, g->mu);
}

enum kl_status kl_mvn_divergence(const struct kl_mvn *p,
                                 const struct kl_mvn *q, double *d)
{
    size_t k = p->k;
    if (q->k != k)
        return KL_EPARAM;
    gsl_matrix *M = gsl_matrix_alloc(k, k);
    gsl_vector *delta = gsl_vector_alloc(k);
    if (M == NULL || delta == NULL) {
        gsl_matrix_free(M);
        gsl_vector_free(delta);
        return KL_ENOMEM;
    }
    /* >>> mvn-divergence */
    /* M = L1^-1 L0, so tr(S1^-1 S0) = tr(M M^T) = |M|_F^2 */
    gsl_matrix_memcpy(M, p->L);
    gsl_blas_dtrsm(CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, 1.0,
                   q->L, M);
    double trace = 0.0;
    for (size_t r = 0; r < k; r++) {
        gsl_vector_view row = gsl_matrix_row(M, r);
        double s = gsl_blas_dnrm2(&row.vector);
        trace += s * s;
    }
    /* delta = L1^-1 (m1 - m0), so the quadratic form is |delta|^2 */
    gsl_vector_memcpy(delta, q->mu);
    gsl_vector_sub(delta, p->mu);
    gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, q->L, delta);
    double maha;
    gsl_blas_ddot(delta, delta, &maha);
    gsl_matrix_free(M);
    gsl_vector_free(delta);
    *d = 0.5 * ((trace - (double)k) + maha + (q->logdet - p->logdet));
    /* <<< mvn-divergence */
    if (*d < 0.0) /* rounding when P = Q; the divergence is >= 0 */
        *d = 0.0;
    return KL_OK;
}

enum kl_status kl_mvn_divergence_raw(const double *mu0, const double *cov0,
                                     const double *mu1, const double *cov1,
                                     size_t k, double *d)
{
    struct kl_mvn *p = NULL, *q = NULL;
    enum kl_status st = kl_mvn_alloc(mu0, cov0, k, &p);
    if (st == KL_OK)
        st = kl_mvn_alloc(mu1, cov1, k, &q);
    if (st == KL_OK)
        st = kl_mvn_divergence(p, q, d);
    kl_mvn_free(p);
    kl_mvn_free(q);
    return st;
}

enum kl_status kl_mvn_vae_full(const double *mu, const double *cov, size_t k,
                               double *d)
{
    struct kl_mvn *g;
    enum kl_status st = kl_mvn_alloc(mu, cov, k, &g);
    if (st != KL_OK)
        return st;
    double trace = 0.0, mm = 0.0;
    for (size_t i = 0; i < k; i++) {
        trace += cov[i * k + i];
        mm += mu[i] * mu[i];
    }
    *d = 0.5 * ((trace - (double)k - g->logdet) + mm);
    if (*d < 0.0)
        *d = 0.0;
    kl_mvn_free(g);
    return KL_OK;
}

/* e^u - 1 - u >= 0, by its series sum_{n>=2} u^n/n! for |u| < 1/2 (terms
 * past n = 25 are below 1e-33 of the sum). */
static double expm1_minus_u(double u)
{
    if (fabs(u) >= 0.5)
        return expm1(u) - u;
    double term = u * u / 2.0, sum = 0.0;
    for (int n = 2; n <= 25; n++) {
        sum += term;
        term *= u / (n + 1);
    }
    return sum;
}

static enum kl_status check_diag(const double *mu, const double *logvar,
                                 size_t k)
{
    if (k == 0)
        return KL_EEMPTY;
    enum kl_status st = check_finite(mu, k);
    return st != KL_OK ? st : check_finite(logvar, k);
}

enum kl_status kl_mvn_vae_diag(const double *mu, const double *logvar,
                               size_t k, double *d)
{
    enum kl_status st = check_diag(mu, logvar, k);
    if (st != KL_OK)
        return st;
    /* >>> vae-diag */
    double s = 0.0;
    for (size_t j = 0; j < k; j++)
        s += expm1_minus_u(logvar[j]) + mu[j] * mu[j];
    *d = 0.5 * s;
    /* <<< vae-diag */
    return KL_OK;
}

enum kl_status kl_mvn_vae_grad(const double *mu, const double *logvar,
                               size_t k, double *grad_mu,
                               double *grad_logvar)
{
    enum kl_status st = check_diag(mu, logvar, k);
    if (st != KL_OK)
        return st;
    for (size_t j = 0; j < k; j++) {
        if (grad_mu)
            grad_mu[j] = mu[j];
        if (grad_logvar)
            grad_logvar[j] = 0.5 * expm1(logvar[j]);
    }
    return KL_OK;
}
