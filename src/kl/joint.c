#include "joint.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "discrete.h"
#include "ksum.h"

enum kl_status kl_joint_check(const double *p, size_t rows, size_t cols)
{
    if (rows == 0 || cols == 0)
        return KL_EEMPTY;
    if (rows > SIZE_MAX / sizeof(double) / cols)
        return KL_ENOMEM;
    return kl_discrete_check(p, rows * cols);
}

/* The marginals of a checked table (either output may be NULL). */
static void marginals(const double *p, size_t rows, size_t cols, double *px,
                      double *py)
{
    if (px != NULL) {
        for (size_t i = 0; i < rows; i++) {
            struct kl_ksum s = KL_KSUM_ZERO;
            for (size_t j = 0; j < cols; j++)
                kl_ksum_add(&s, p[i * cols + j]);
            px[i] = kl_ksum_value(&s);
        }
    }
    if (py != NULL) {
        for (size_t j = 0; j < cols; j++) {
            struct kl_ksum s = KL_KSUM_ZERO;
            for (size_t i = 0; i < rows; i++)
                kl_ksum_add(&s, p[i * cols + j]);
            py[j] = kl_ksum_value(&s);
        }
    }
}

enum kl_status kl_joint_marginals(const double *p, size_t rows, size_t cols,
                                  double *px, double *py)
{
    enum kl_status st = kl_joint_check(p, rows, cols);
    if (st != KL_OK)
        return st;
    marginals(p, rows, cols, px, py);
    return KL_OK;
}

/* log in BASE (SCALE = 1/ln BASE), exact where log2 and log10 are. */
static double log_base(double x, double base, double scale)
{
    if (base == KL_BASE_E)
        return log(x);
    if (base == 2.0)
        return log2(x);
    if (base == 10.0)
        return log10(x);
    return log(x) * scale;
}

enum kl_status kl_joint_entropy(const double *p, size_t rows, size_t cols,
                                double base, double *h)
{
    enum kl_status st = kl_joint_check(p, rows, cols);
    if (st != KL_OK)
        return st;
    return kl_discrete_entropy(p, rows * cols, base, h);
}

/* H(Y|X) of a table whose rows are X (TRANSPOSE = 0), or H(X|Y) (TRANSPOSE =
 * 1): -sum p_ij log(p_ij / m), m the marginal of the conditioning variable.
 * Each ratio p_ij / m is at most 1 (up to rounding), so every term is >= 0. */
static enum kl_status conditional(const double *p, size_t rows, size_t cols,
                                  double base, int transpose, double *h)
{
    enum kl_status st = kl_joint_check(p, rows, cols);
    double scale;
    if (st == KL_OK)
        st = kl_base_scale(base, &scale);
    if (st != KL_OK)
        return st;
    size_t outer = transpose ? cols : rows, inner = transpose ? rows : cols;
    struct kl_ksum sum = KL_KSUM_ZERO;
    for (size_t a = 0; a < outer; a++) {
        struct kl_ksum ms = KL_KSUM_ZERO;
        for (size_t b = 0; b < inner; b++)
            kl_ksum_add(&ms, transpose ? p[b * cols + a] : p[a * cols + b]);
        double m = kl_ksum_value(&ms);
        for (size_t b = 0; b < inner; b++) {
            double x = transpose ? p[b * cols + a] : p[a * cols + b];
            if (x > 0.0) {
                double r = x / m;
                kl_ksum_add(&sum, r < 1.0 ? -x * log_base(r, base, scale) : 0.0);
            }
        }
    }
    double v = kl_ksum_value(&sum);
    if (isnan(v))
        return KL_ENUMERIC;
    *h = v + 0.0;
    return KL_OK;
}

enum kl_status kl_joint_entropy_y_given_x(const double *p, size_t rows,
                                          size_t cols, double base, double *h)
{
    return conditional(p, rows, cols, base, 0, h);
}

enum kl_status kl_joint_entropy_x_given_y(const double *p, size_t rows,
                                          size_t cols, double base, double *h)
{
    return conditional(p, rows, cols, base, 1, h);
}

/* I(X;Y) of a checked table, in BASE: D(P || Q) with Q the product of the
 * marginals scaled to P's own total s (q_ij = p_i. p_.j / s, so that
 * sum (p - q) = 0 to rounding and a table that sums to 1 + 1e-10 gains no
 * spurious 1e-10).  The marginals are copied to M (ROWS + COLS doubles)
 * unless M is NULL. */
static enum kl_status mi_checked(const double *p, size_t rows, size_t cols,
                                 double base, double *mi, double *m)
{
    size_t n = rows * cols;
    double *q = malloc((n + rows + cols) * sizeof *q);
    if (q == NULL)
        return KL_ENOMEM;
    double *px = q + n, *py = px + rows;
    marginals(p, rows, cols, px, py);
    struct kl_ksum ts = KL_KSUM_ZERO;
    for (size_t i = 0; i < rows; i++)
        kl_ksum_add(&ts, px[i]);
    double s = kl_ksum_value(&ts);
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++)
            q[i * cols + j] = px[i] * (py[j] / s);
    if (m != NULL)
        memcpy(m, px, (rows + cols) * sizeof *m);
    enum kl_status st = kl_discrete_divergence(p, q, n, base, mi);
    free(q);
    return st;
}

enum kl_status kl_joint_mi(const double *p, size_t rows, size_t cols,
                           double base, double *mi)
{
    enum kl_status st = kl_joint_check(p, rows, cols);
    double scale;
    if (st == KL_OK)
        st = kl_base_scale(base, &scale);
    if (st != KL_OK)
        return st;
    return mi_checked(p, rows, cols, base, mi, NULL);
}

enum kl_status kl_joint_info(const double *p, size_t rows, size_t cols,
                             double base, struct kl_joint_info *info)
{
    struct kl_joint_info r;
    enum kl_status st = kl_joint_check(p, rows, cols);
    double scale;
    if (st == KL_OK)
        st = kl_base_scale(base, &scale);
    if (st != KL_OK)
        return st;
    double *m = malloc((rows + cols) * sizeof *m);
    if (m == NULL)
        return KL_ENOMEM;
    st = mi_checked(p, rows, cols, base, &r.mi, m);   /* and the marginals */
    if (st != KL_OK) {
        free(m);
        return st;
    }
    st = kl_discrete_entropy(m, rows, base, &r.hx);
    if (st == KL_OK)
        st = kl_discrete_entropy(m + rows, cols, base, &r.hy);
    free(m);
    if (st == KL_OK)
        st = kl_joint_entropy(p, rows, cols, base, &r.hxy);
    if (st == KL_OK)
        st = kl_joint_entropy_y_given_x(p, rows, cols, base, &r.hy_x);
    if (st == KL_OK)
        st = kl_joint_entropy_x_given_y(p, rows, cols, base, &r.hx_y);
    if (st == KL_OK)
        *info = r;
    return st;
}

enum kl_status kl_joint_mi_estimate(const double *counts, size_t rows,
                                    size_t cols, double base,
                                    struct kl_mi_estimate *est)
{
    if (rows == 0 || cols == 0)
        return KL_EEMPTY;
    if (rows > SIZE_MAX / sizeof(double) / cols)
        return KL_ENOMEM;
    size_t n = rows * cols;
    double max, scale;
    enum kl_status st = kl_discrete_check_counts(counts, n, &max);
    if (st == KL_OK && max == 0.0)
        st = KL_EZERO;
    if (st == KL_OK)
        st = kl_base_scale(base, &scale);
    if (st != KL_OK)
        return st;
    double *p = malloc((n + 2 * (rows + cols)) * sizeof *p);
    if (p == NULL)
        return KL_ENOMEM;
    double *px = p + n, *py = px + rows;
    double *lpx = py + cols, *lpy = lpx + rows;     /* their logs */
    /* the sample size, scaled by the largest count so it cannot overflow
     * before the end */
    struct kl_ksum total = KL_KSUM_ZERO;
    for (size_t k = 0; k < n; k++)
        kl_ksum_add(&total, counts[k] / max);
    double size = kl_ksum_value(&total) * max;
    st = kl_discrete_normalize(counts, n, p);
    struct kl_mi_estimate e = {0.0, 0.0, 0.0, size};
    if (st == KL_OK)    /* and the marginals, into px and py */
        st = mi_checked(p, rows, cols, KL_BASE_E, &e.plugin, px);
    if (st != KL_OK) {
        free(p);
        return st;
    }
    for (size_t i = 0; i < rows; i++)
        lpx[i] = log(px[i]);
    for (size_t j = 0; j < cols; j++)
        lpy[j] = log(py[j]);
    long mxy = 0, mx = 0, my = 0;
    struct kl_ksum l2 = KL_KSUM_ZERO;
    for (size_t i = 0; i < rows; i++) {
        mx += px[i] > 0.0;
        for (size_t j = 0; j < cols; j++) {
            double x = p[i * cols + j];
            if (x > 0.0) {
                double l = log(x) - lpx[i] - lpy[j];
                kl_ksum_add(&l2, x * l * l);
                mxy++;
            }
        }
    }
    for (size_t j = 0; j < cols; j++)
        my += py[j] > 0.0;
    free(p);
    double var = kl_ksum_value(&l2) - e.plugin * e.plugin;
    e.se = var > 0.0 ? sqrt(var / size) : 0.0;
    e.miller_madow = e.plugin - (double)(mxy - mx - my + 1) / (2.0 * size);
    e.plugin *= scale;
    e.miller_madow *= scale;
    e.se *= scale;
    if (isnan(e.plugin) || isnan(e.miller_madow) || isnan(e.se))
        return KL_ENUMERIC;
    *est = e;
    return KL_OK;
}
