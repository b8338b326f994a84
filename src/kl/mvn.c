/* mvn.c — multivariate normal distributions through Cholesky factors. */
#include "mvn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>

#include "expm1u.h"

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

/* 1 if every entry of V is finite. */
static int finite_vector(const gsl_vector *v)
{
    for (size_t i = 0; i < v->size; i++)
        if (!isfinite(gsl_vector_get(v, i)))
            return 0;
    return 1;
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

/* 1 if the K x K COV is exactly the identity: ones on the diagonal and +0
 * elsewhere (a -0 is left to the factorisation, whose signs it keeps). */
static int is_identity(const double *cov, size_t k)
{
    for (size_t r = 0; r < k; r++)
        for (size_t c = 0; c < k; c++) {
            double v = cov[r * k + c];
            if (r == c ? v != 1.0 : (v != 0.0 || signbit(v)))
                return 0;
        }
    return 1;
}

/* The lower Cholesky factor of the symmetric K x K matrix COV, with its
 * upper part zeroed, in a new matrix at *L, and whether COV is exactly the
 * identity at *IDENTITY; KL_EPARAM when COV is not positive definite. */
static enum kl_status factor(const double *cov, size_t k, gsl_matrix **out,
                             int *identity)
{
    gsl_matrix *L = gsl_matrix_alloc(k, k);
    *out = NULL;
    if (L == NULL)
        return KL_ENOMEM;
    /* the identity is its own factor: not worked out (k^3 / 3 operations,
     * the same bits: ones and +0s, tests/test_mvn.c) */
    *identity = is_identity(cov, k);
    if (*identity) {
        memcpy(L->data, cov, k * k * sizeof *cov);      /* L->tda == k */
        *out = L;
        return KL_OK;
    }
    for (size_t r = 0; r < k; r++)
        memcpy(L->data + r * L->tda, cov + r * k, k * sizeof *cov);
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
            L->data[r * L->tda + c] = 0.0;
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
    int identity;
    if ((st = factor(cov, k, &L, &identity)) != KL_OK)
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
    g->identity = 0;
    g->mu = gsl_vector_calloc(k);
    if (g->mu == NULL) {
        kl_mvn_free(g);
        return KL_ENOMEM;
    }
    if (mu != NULL)
        for (size_t i = 0; i < k; i++)
            gsl_vector_set(g->mu, i, mu[i]);
    if ((st = factor(cov, k, &g->L, &g->identity)) != KL_OK) {
        kl_mvn_free(g);
        return st;
    }
    g->logdet = logdet(g->L);
    g->half_trace = 0.0;
    for (size_t i = 0; i < k; i++)
        g->half_trace += 0.5 * cov[i * k + i];
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
    const double *mu = g->mu->data;     /* stride 1: allocated here */
    for (size_t i = 0; i < g->k; i++)
        work[i] = x[i] - mu[i];
    /* w = L^-1 (x - mu): forward substitution (none for L = I, which would
     * leave w as it is up to the sign of a zero, and w^T w the same) */
    if (!g->identity)
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
        x[i] = gsl_ran_gaussian_ziggurat(rng, 1.0);
    gsl_vector_view v = gsl_vector_view_array(x, k);
    /* x = L e, then + mu */
    gsl_blas_dtrmv(CblasLower, CblasNoTrans, CblasNonUnit, g->L, &v.vector);
    for (size_t i = 0; i < k; i++)
        x[i] += g->mu->data[i];
}

/* The end of kl_mvn_divergence: the value V from its parts, checked. */
static enum kl_status divergence_value(double half_trace, double half_maha,
                                       double v, double *d)
{
    /* Every input is finite, so a non-finite trace or quadratic form is an
     * overflow of a sum of squares (in the solves, possibly as inf - inf). */
    if (!isfinite(half_trace) || !isfinite(half_maha) || isinf(v))
        return KL_ERANGE;
    if (isnan(v))
        return KL_ENUMERIC;
    *d = v < 0.0 ? 0.0 : v; /* rounding when P = Q; the divergence is >= 0 */
    return KL_OK;
}

/* kl_mvn_divergence when Q's covariance is the identity: L1 = I, so the two
 * solves with it leave M = L0 and delta as they are (up to the sign of a
 * zero, which the norms do not see) and are not done; the rest is the same
 * arithmetic, the same bits (tests/test_mvn.c). */
static enum kl_status divergence_to_identity(const struct kl_mvn *p,
                                             const struct kl_mvn *q, double *d)
{
    size_t k = p->k;
    gsl_vector *delta = gsl_vector_alloc(k);
    if (delta == NULL)
        return KL_ENOMEM;
    double half_trace = 0.0;
    for (size_t r = 0; r < k; r++) {
        gsl_vector_const_view row = gsl_matrix_const_row(p->L, r);
        half_trace += kl_half_square(gsl_blas_dnrm2(&row.vector));
    }
    double scale = 1.0;
    gsl_vector_memcpy(delta, q->mu);
    gsl_vector_sub(delta, p->mu);
    if (!finite_vector(delta)) {
        gsl_vector_memcpy(delta, q->mu);
        gsl_vector_scale(delta, 0.5);
        gsl_blas_daxpy(-0.5, p->mu, delta);
        scale = 2.0;
    }
    double half_maha = kl_half_square(scale * gsl_blas_dnrm2(delta));
    gsl_vector_free(delta);
    double v = (half_trace - 0.5 * (double)k) + half_maha +
               0.5 * (q->logdet - p->logdet);
    return divergence_value(half_trace, half_maha, v, d);
}

enum kl_status kl_mvn_divergence(const struct kl_mvn *p,
                                 const struct kl_mvn *q, double *d)
{
    size_t k = p->k;
    if (q->k != k)
        return KL_EPARAM;
    if (q->identity)
        return divergence_to_identity(p, q, d);
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
    double half_trace = 0.0;    /* |M|_F^2 / 2, row by row */
    for (size_t r = 0; r < k; r++) {
        gsl_vector_view row = gsl_matrix_row(M, r);
        half_trace += kl_half_square(gsl_blas_dnrm2(&row.vector));
    }
    /* delta = L1^-1 (m1 - m0), so the quadratic form is |delta|^2; where
     * m1 - m0 overflows, delta is found for (m1 - m0)/2 and scaled back */
    double scale = 1.0;
    gsl_vector_memcpy(delta, q->mu);
    gsl_vector_sub(delta, p->mu);
    if (!finite_vector(delta)) {
        gsl_vector_memcpy(delta, q->mu);
        gsl_vector_scale(delta, 0.5);
        gsl_blas_daxpy(-0.5, p->mu, delta);
        scale = 2.0;
    }
    gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, q->L, delta);
    double half_maha = kl_half_square(scale * gsl_blas_dnrm2(delta));
    gsl_matrix_free(M);
    gsl_vector_free(delta);
    double v = (half_trace - 0.5 * (double)k) + half_maha +
               0.5 * (q->logdet - p->logdet);
    /* <<< mvn-divergence */
    return divergence_value(half_trace, half_maha, v, d);
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
    st = kl_mvn_vae_term(g, d);
    kl_mvn_free(g);
    return st;
}

enum kl_status kl_mvn_vae_term(const struct kl_mvn *g, double *d)
{
    size_t k = g->k;
    double half_trace = g->half_trace, half_mm = 0.0;
    for (size_t i = 0; i < k; i++)
        half_mm += kl_half_square(g->mu->data[i]);
    double v = (half_trace - 0.5 * ((double)k + g->logdet)) + half_mm;
    if (isinf(half_trace + half_mm))
        return KL_ERANGE;
    if (isnan(v))
        return KL_ENUMERIC;
    *d = v < 0.0 ? 0.0 : v;
    return KL_OK;
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
        s += kl_half_expm1_minus_u(logvar[j]) + kl_half_square(mu[j]);
    /* <<< vae-diag */
    if (isinf(s))
        return KL_ERANGE;
    if (isnan(s))
        return KL_ENUMERIC;
    *d = s;
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
