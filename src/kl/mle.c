#define _DEFAULT_SOURCE /* M_PI */
#include "mle.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_vector.h>

#include "discrete.h"
#include "gaussian.h"

/* -- The Gamma law -------------------------------------------------------- */

enum kl_status kl_mle_gamma_check(double shape, double scale)
{
    return (isfinite(shape) && shape > 0 && isfinite(scale) && scale > 0)
               ? KL_OK
               : KL_EPARAM;
}

double kl_mle_gamma_logpdf(double x, void *params)
{
    const struct kl_mle_gamma *g = params;
    double a = g->shape, s = g->scale;
    if (x < 0)
        return -INFINITY;
    if (x == 0)
        return a > 1 ? -INFINITY : a < 1 ? INFINITY : -log(s);
    return (a - 1) * log(x) - x / s - gsl_sf_lngamma(a) - a * log(s);
}

struct kl_density kl_mle_gamma_density(struct kl_mle_gamma *g)
{
    struct kl_density d = {kl_mle_gamma_logpdf, g, 0.0, INFINITY,
                           g->shape * g->scale, sqrt(g->shape) * g->scale};
    return d;
}

enum kl_status kl_mle_gamma_entropy(const struct kl_mle_gamma *g, double *h)
{
    if (g == NULL || kl_mle_gamma_check(g->shape, g->scale) != KL_OK)
        return KL_EPARAM;
    double a = g->shape;
    *h = a + log(g->scale) + gsl_sf_lngamma(a) + (1 - a) * gsl_sf_psi(a);
    return KL_OK;
}

enum kl_status kl_mle_gamma_cross_entropy(const struct kl_mle_gamma *p,
                                          const struct kl_mle_gamma *q,
                                          double *h)
{
    if (p == NULL || q == NULL || kl_mle_gamma_check(p->shape, p->scale) != KL_OK
        || kl_mle_gamma_check(q->shape, q->scale) != KL_OK)
        return KL_EPARAM;
    double elog = gsl_sf_psi(p->shape) + log(p->scale);   /* E_p[log X] */
    double mean = p->shape * p->scale;                    /* E_p[X] */
    *h = gsl_sf_lngamma(q->shape) + q->shape * log(q->scale)
         - (q->shape - 1) * elog + mean / q->scale;
    return KL_OK;
}

/* -- Gaussian models ------------------------------------------------------ */

enum kl_status kl_mle_gaussian_cross_entropy(double mean, double var,
                                             double mu, double sigma,
                                             double *h)
{
    if (!isfinite(mean) || !isfinite(var) || var < 0
        || kl_gaussian_check(mu, sigma) != KL_OK)
        return KL_EPARAM;
    double d = mean - mu;
    *h = log(sigma) + 0.5 * log(2 * M_PI) + (var + d * d) / (2 * sigma * sigma);
    return KL_OK;
}

static enum kl_status check_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]))
            return KL_ENAN;
        if (isinf(x[i]))
            return KL_EINF;
    }
    return KL_OK;
}

enum kl_status kl_mle_gaussian_fit(const double *x, size_t n, double *mu,
                                   double *sigma)
{
    if (n == 0)
        return KL_EEMPTY;
    enum kl_status st = check_finite(x, n);
    if (st != KL_OK)
        return st;
    if (n < 2)
        return KL_EPARAM;
    double m = gsl_stats_mean(x, 1, n);
    /* gsl_stats_variance_m divides by n - 1; the MLE divides by n */
    double v = gsl_stats_variance_m(x, 1, n, m) * (double)(n - 1) / (double)n;
    if (!(v > 0))
        return KL_EPARAM;
    *mu = m;
    *sigma = sqrt(v);
    return KL_OK;
}

enum kl_status kl_mle_gaussian_loglik(const double *x, size_t n, double mu,
                                      double sigma, double *ll)
{
    if (n == 0)
        return KL_EEMPTY;
    enum kl_status st = check_finite(x, n);
    if (st != KL_OK)
        return st;
    if (kl_gaussian_check(mu, sigma) != KL_OK)
        return KL_EPARAM;
    struct kl_gaussian g = {mu, sigma};
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += kl_gaussian_logpdf(x[i], &g);
    *ll = sum;
    return KL_OK;
}

/* -- Categorical models --------------------------------------------------- */

static enum kl_status check_counts(const double *counts, size_t k, double *n)
{
    if (k == 0)
        return KL_EEMPTY;
    double total = 0.0;
    for (size_t i = 0; i < k; i++) {
        if (isnan(counts[i]))
            return KL_ENAN;
        if (isinf(counts[i]))
            return KL_EINF;
        if (counts[i] < 0)
            return KL_ENEGATIVE;
        total += counts[i];
    }
    if (!(total > 0))
        return KL_EZERO;
    *n = total;
    return KL_OK;
}

enum kl_status kl_mle_categorical_fit(const double *counts, size_t k,
                                      double *phat, double *loglik)
{
    double n;
    enum kl_status st = check_counts(counts, k, &n);
    if (st != KL_OK)
        return st;
    double ll = 0.0;
    for (size_t i = 0; i < k; i++)
        if (counts[i] > 0)
            ll += counts[i] * log(counts[i] / n);   /* 0 log 0 = 0 */
    if (phat != NULL)
        for (size_t i = 0; i < k; i++)
            phat[i] = counts[i] / n;
    if (loglik != NULL)
        *loglik = ll;
    return KL_OK;
}

enum kl_status kl_mle_categorical_loglik(const double *counts, const double *q,
                                         size_t k, double *ll)
{
    double n;
    enum kl_status st = check_counts(counts, k, &n);
    if (st != KL_OK)
        return st;
    st = kl_discrete_check(q, k);
    if (st != KL_OK)
        return st;
    double sum = 0.0;
    for (size_t i = 0; i < k; i++) {
        if (counts[i] == 0)
            continue;
        if (q[i] == 0) {
            *ll = -INFINITY;
            return KL_OK;
        }
        sum += counts[i] * log(q[i]);
    }
    *ll = sum;
    return KL_OK;
}

/* -- Polynomial regression ------------------------------------------------ */

struct kl_mle_poly {
    size_t n, ncoef;
    gsl_matrix *X;                          /* n x ncoef, X[i][j] = x_i^j */
    gsl_vector *c, *fit;
    gsl_multifit_linear_workspace *work;
    gsl_matrix *qsi;                        /* V S^-1, ncoef x ncoef */
    gsl_vector *xt;                         /* U^T y */
    /* kl_mle_poly_fit_many's block of up to cap data sets, one a column */
    size_t cap;
    gsl_matrix *UtY, *Cs, *Ds, *Fs;         /* ncoef, ncoef, ncoef, n x cap */
};

static void many_free(struct kl_mle_poly *w)
{
    gsl_matrix_free(w->UtY);
    gsl_matrix_free(w->Cs);
    gsl_matrix_free(w->Ds);
    gsl_matrix_free(w->Fs);
    w->UtY = w->Cs = w->Ds = w->Fs = NULL;
    w->cap = 0;
}

void kl_mle_poly_free(struct kl_mle_poly *w)
{
    if (w == NULL)
        return;
    gsl_matrix_free(w->X);
    gsl_vector_free(w->c);
    gsl_vector_free(w->fit);
    gsl_matrix_free(w->qsi);
    gsl_vector_free(w->xt);
    many_free(w);
    if (w->work != NULL)
        gsl_multifit_linear_free(w->work);
    free(w);
}

static struct kl_mle_poly *poly_fail(struct kl_mle_poly *w, enum kl_status st,
                                     enum kl_status *status)
{
    kl_mle_poly_free(w);
    if (status != NULL)
        *status = st;
    return NULL;
}

struct kl_mle_poly *kl_mle_poly_alloc(const double *x, size_t n, size_t ncoef,
                                      enum kl_status *status)
{
    if (n == 0)
        return poly_fail(NULL, KL_EEMPTY, status);
    enum kl_status st = check_finite(x, n);
    if (st != KL_OK)
        return poly_fail(NULL, st, status);
    if (ncoef + 1 > n)
        return poly_fail(NULL, KL_EPARAM, status);
    struct kl_mle_poly *w = calloc(1, sizeof *w);
    if (w == NULL)
        return poly_fail(NULL, KL_ENOMEM, status);
    w->n = n;
    w->ncoef = ncoef;
    w->fit = gsl_vector_alloc(n);
    if (w->fit == NULL)
        return poly_fail(w, KL_ENOMEM, status);
    if (ncoef > 0) {
        w->X = gsl_matrix_alloc(n, ncoef);
        w->c = gsl_vector_alloc(ncoef);
        w->work = gsl_multifit_linear_alloc(n, ncoef);
        if (w->X == NULL || w->c == NULL || w->work == NULL)
            return poly_fail(w, KL_ENOMEM, status);
        for (size_t i = 0; i < n; i++) {
            double power = 1.0;
            for (size_t j = 0; j < ncoef; j++) {
                gsl_matrix_set(w->X, i, j, power);
                power *= x[i];
            }
        }
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        int gs = gsl_multifit_linear_svd(w->X, w->work);
        size_t rank = gs == GSL_SUCCESS
                          ? gsl_multifit_linear_rank(1e-12, w->work)
                          : 0;
        gsl_set_error_handler(old);
        if (gs != GSL_SUCCESS || rank < ncoef)
            return poly_fail(w, KL_EPARAM, status);
        /* V S^-1 once, as gsl_multifit_linear_solve forms it for each solve
         * (GSL 2.7, multifit/linear_common.c, lambda = 0: singular values at
         * most GSL_DBL_EPSILON s_0 dropped); see kl_mle_poly_fit. */
        w->qsi = gsl_matrix_alloc(ncoef, ncoef);
        w->xt = gsl_vector_alloc(ncoef);
        if (w->qsi == NULL || w->xt == NULL)
            return poly_fail(w, KL_ENOMEM, status);
        gsl_matrix_const_view Q = gsl_matrix_const_submatrix(w->work->Q, 0, 0, ncoef, ncoef);
        gsl_matrix_memcpy(w->qsi, &Q.matrix);
        double s0 = gsl_vector_get(w->work->S, 0);
        for (size_t j = 0; j < ncoef; j++) {
            gsl_vector_view col = gsl_matrix_column(w->qsi, j);
            double sj = gsl_vector_get(w->work->S, j);
            gsl_vector_scale(&col.vector, sj <= GSL_DBL_EPSILON * s0 ? 0.0 : 1.0 / sj);
        }
    }
    if (status != NULL)
        *status = KL_OK;
    return w;
}

size_t kl_mle_poly_nparams(const struct kl_mle_poly *w)
{
    return w->ncoef + 1;
}

/* Whether a fit's residual sum of squares RSS (of responses whose squares
 * sum to YY, N of them) is a fit at all: not perfect up to rounding
 * (residuals at the level of DBL_EPSILON), its variance RSS/N finite. */
static int poly_fit_ok(double rss, double yy, size_t n)
{
    double floor_ = 64 * DBL_EPSILON;
    return rss > floor_ * floor_ * yy && isfinite(rss / (double)n);
}

/* The fit's sigma-hat and maximised log-likelihood from RSS, where asked. */
static void poly_fit_put(double rss, size_t n, double *sigma, double *loglik)
{
    double s2 = rss / (double)n;
    if (sigma != NULL)
        *sigma = sqrt(s2);
    if (loglik != NULL)
        *loglik = -0.5 * (double)n * (log(2 * M_PI * s2) + 1.0);
}

enum kl_status kl_mle_poly_fit(struct kl_mle_poly *w, const double *y,
                               double *coef, double *fitted, double *sigma,
                               double *loglik)
{
    enum kl_status st = check_finite(y, w->n);
    if (st != KL_OK)
        return st;
    gsl_vector_const_view yv = gsl_vector_const_view_array(y, w->n);
    double *fit = w->fit->data;             /* contiguous: allocated by us */
    if (w->ncoef > 0) {
        /* c = D^-1 V S^-1 U^T y: the steps of gsl_multifit_linear_solve
         * (lambda = 0) in its order, so the same bits, without its residual
         * and solution norms (an n x ncoef product and two norms a fit),
         * which are not used here, and with V S^-1 formed once. */
        gsl_matrix_const_view U = gsl_matrix_const_submatrix(w->work->A, 0, 0, w->n, w->ncoef);
        gsl_vector_const_view D = gsl_vector_const_subvector(w->work->D, 0, w->ncoef);
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        int gs = gsl_blas_dgemv(CblasTrans, 1.0, &U.matrix, &yv.vector, 0.0, w->xt);
        if (gs == GSL_SUCCESS)
            gs = gsl_blas_dgemv(CblasNoTrans, 1.0, w->qsi, w->xt, 0.0, w->c);
        if (gs == GSL_SUCCESS)
            gs = gsl_vector_div(w->c, &D.vector);
        if (gs == GSL_SUCCESS)
            gs = gsl_blas_dgemv(CblasNoTrans, 1.0, w->X, w->c, 0.0, w->fit);
        gsl_set_error_handler(old);
        if (gs != GSL_SUCCESS)
            return KL_EPARAM;
    } else {
        gsl_vector_set_zero(w->fit);
    }
    double rss = 0.0, yy = 0.0;
    for (size_t i = 0; i < w->n; i++) {
        double r = y[i] - fit[i];
        rss += r * r;
        yy += y[i] * y[i];
    }
    if (!poly_fit_ok(rss, yy, w->n))
        return KL_EPARAM;
    if (coef != NULL)
        for (size_t j = 0; j < w->ncoef; j++)
            coef[j] = gsl_vector_get(w->c, j);
    if (fitted != NULL)
        for (size_t i = 0; i < w->n; i++)
            fitted[i] = fit[i];
    poly_fit_put(rss, w->n, sigma, loglik);
    return KL_OK;
}

/* Room for NSETS data sets in W's block matrices; D^-1 spread over the
 * columns of Ds, so that one gsl_matrix_div_elements divides a block. */
static enum kl_status many_reserve(struct kl_mle_poly *w, size_t nsets)
{
    if (nsets <= w->cap)
        return KL_OK;
    many_free(w);
    w->Fs = gsl_matrix_alloc(w->n, nsets);
    if (w->Fs == NULL)
        return many_free(w), KL_ENOMEM;
    if (w->ncoef > 0) {
        w->UtY = gsl_matrix_alloc(w->ncoef, nsets);
        w->Cs = gsl_matrix_alloc(w->ncoef, nsets);
        w->Ds = gsl_matrix_alloc(w->ncoef, nsets);
        if (w->UtY == NULL || w->Cs == NULL || w->Ds == NULL)
            return many_free(w), KL_ENOMEM;
        for (size_t j = 0; j < w->ncoef; j++) {
            gsl_vector_view row = gsl_matrix_row(w->Ds, j);
            gsl_vector_set_all(&row.vector, gsl_vector_get(w->work->D, j));
        }
    } else {
        gsl_matrix_set_zero(w->Fs);
    }
    w->cap = nsets;
    return KL_OK;
}

enum kl_status kl_mle_poly_fit_many(struct kl_mle_poly *w, const double *ys,
                                    size_t nsets, double *fitted, double *sigma,
                                    double *loglik)
{
    if (nsets == 0)
        return KL_OK;
    size_t n = w->n, m = w->ncoef;
    enum kl_status st = check_finite(ys, n * nsets);
    for (size_t j = 0; st != KL_OK && j < nsets; j++)   /* the first bad set's */
        for (size_t i = 0; i < n; i++)
            if (!isfinite(ys[i * nsets + j]))
                return isnan(ys[i * nsets + j]) ? KL_ENAN : KL_EINF;
    st = many_reserve(w, nsets);
    if (st != KL_OK)
        return st;
    gsl_matrix_const_view Y = gsl_matrix_const_view_array(ys, n, nsets);
    gsl_matrix_view F = gsl_matrix_submatrix(w->Fs, 0, 0, n, nsets);
    if (m > 0) {
        /* kl_mle_poly_fit's three products, a block of data sets at a time */
        gsl_matrix_const_view U = gsl_matrix_const_submatrix(w->work->A, 0, 0, n, m);
        gsl_matrix_view UtY = gsl_matrix_submatrix(w->UtY, 0, 0, m, nsets);
        gsl_matrix_view Cs = gsl_matrix_submatrix(w->Cs, 0, 0, m, nsets);
        gsl_matrix_view Ds = gsl_matrix_submatrix(w->Ds, 0, 0, m, nsets);
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        int gs = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &U.matrix, &Y.matrix,
                                0.0, &UtY.matrix);
        if (gs == GSL_SUCCESS)
            gs = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, w->qsi, &UtY.matrix,
                                0.0, &Cs.matrix);
        if (gs == GSL_SUCCESS)
            gs = gsl_matrix_div_elements(&Cs.matrix, &Ds.matrix);
        if (gs == GSL_SUCCESS)
            gs = gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, w->X, &Cs.matrix,
                                0.0, &F.matrix);
        gsl_set_error_handler(old);
        if (gs != GSL_SUCCESS)
            return KL_EPARAM;
    }
    /* each set's sums point by point in kl_mle_poly_fit's order, the sets
     * side by side along a row of the block */
    double *rss = calloc(2 * nsets, sizeof *rss), *yy = rss + nsets;
    if (rss == NULL)
        return KL_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const double *yi = gsl_matrix_const_ptr(&Y.matrix, i, 0);
        const double *fi = gsl_matrix_const_ptr(&F.matrix, i, 0);
        for (size_t j = 0; j < nsets; j++) {
            double r = yi[j] - fi[j];
            rss[j] += r * r;
            yy[j] += yi[j] * yi[j];
        }
    }
    for (size_t j = 0; j < nsets; j++)
        if (!poly_fit_ok(rss[j], yy[j], n)) {
            free(rss);
            return KL_EPARAM;
        }
    if (fitted != NULL)
        for (size_t j = 0; j < nsets; j++) {       /* column j to data set j */
            gsl_vector_view to = gsl_vector_view_array(fitted + j * n, n);
            gsl_vector_const_view from = gsl_matrix_const_column(&F.matrix, j);
            gsl_vector_memcpy(&to.vector, &from.vector);
        }
    for (size_t j = 0; j < nsets; j++)
        poly_fit_put(rss[j], n, sigma ? sigma + j : NULL, loglik ? loglik + j : NULL);
    free(rss);
    return KL_OK;
}
