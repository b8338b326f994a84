#include "discrete.h"

#include <float.h>
#include <math.h>

#include "ksum.h"

enum kl_status kl_discrete_check(const double *p, size_t n)
{
    if (n == 0)
        return KL_EEMPTY;
    /* The usual case first, with a plain sum: n entries in [0, DBL_MAX]
     * whose plain sum s is within KL_SUM_TOL - 4 (n + 2) u s of 1 (u the
     * unit roundoff) sum to 1 within KL_SUM_TOL by the compensated sum
     * below too, which is within about 2u S of the exact sum S, as s is
     * within (n - 1) u S of it (Higham, Accuracy and Stability of Numerical
     * Algorithms, 2nd ed., (4.4), which holds for any order of the
     * additions: here four interleaved partial sums, so that the additions
     * do not wait for one another).  The entries are known to be in range
     * when none is below 0 and s is finite: an infinite or NaN entry makes
     * s infinite or NaN.  Anything else, the exact decision. */
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, lo = 0.0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += p[i];
        s1 += p[i + 1];
        s2 += p[i + 2];
        s3 += p[i + 3];
        double a = p[i] < p[i + 1] ? p[i] : p[i + 1];
        double b = p[i + 2] < p[i + 3] ? p[i + 2] : p[i + 3];
        double m = a < b ? a : b;
        lo = m < lo ? m : lo;
    }
    for (; i < n; i++) {
        s0 += p[i];
        lo = p[i] < lo ? p[i] : lo;
    }
    double s = (s0 + s1) + (s2 + s3);
    if (lo >= 0.0 && fabs(s - 1.0) <= KL_SUM_TOL - 2.0 * (double)(n + 2) * DBL_EPSILON * s)
        return KL_OK;
    struct kl_ksum sum = KL_KSUM_ZERO;
    for (size_t i = 0; i < n; i++) {
        if (isnan(p[i]))
            return KL_ENAN;
        if (isinf(p[i]))
            return KL_EINF;
        if (p[i] < 0.0)
            return KL_ENEGATIVE;
        kl_ksum_add(&sum, p[i]);
    }
    if (!(fabs(kl_ksum_value(&sum) - 1.0) <= KL_SUM_TOL))
        return KL_ESUM;
    return KL_OK;
}

enum kl_status kl_discrete_check_counts(const double *counts, size_t n,
                                        double *max)
{
    if (n == 0)
        return KL_EEMPTY;
    double m = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(counts[i]))
            return KL_ENAN;
        if (isinf(counts[i]))
            return KL_EINF;
        if (counts[i] < 0.0)
            return KL_ENEGATIVE;
        if (counts[i] > m)
            m = counts[i];
    }
    if (max != NULL)
        *max = m;
    return KL_OK;
}

enum kl_status kl_discrete_normalize(const double *counts, size_t n, double *out)
{
    double max;
    enum kl_status st = kl_discrete_check_counts(counts, n, &max);
    if (st != KL_OK)
        return st;
    if (max == 0.0)
        return KL_EZERO;
    /* Scale by the largest count first so that the sum cannot overflow. */
    struct kl_ksum sum = KL_KSUM_ZERO;
    for (size_t i = 0; i < n; i++)
        kl_ksum_add(&sum, counts[i] / max);
    double total = kl_ksum_value(&sum);
    for (size_t i = 0; i < n; i++)
        out[i] = (counts[i] / max) / total;
    return KL_OK;
}

enum kl_status kl_base_scale(double base, double *scale)
{
    if (!isfinite(base) || !(base > 0.0) || base == 1.0)
        return KL_EBASE;
    *scale = (base == KL_BASE_E) ? 1.0 : 1.0 / log(base);
    return KL_OK;
}

/* The logarithm in the requested base, exact where the library's log2 and
 * log10 are (so that H(1/2,1/4,1/4) is 1.5 bits, not 1.4999999999999998). */
struct log_base {
    double scale;               /* 1/ln(base) */
    double (*fn)(double);       /* log, log2, log10, or NULL for log * scale */
};

static double log_in(const struct log_base *lb, double x)
{
    return lb->fn ? lb->fn(x) : log(x) * lb->scale;
}

static struct log_base make_log_base(double base, double scale)
{
    struct log_base lb = {scale, NULL};
    if (base == KL_BASE_E)
        lb.fn = log;
    else if (base == 2.0)
        lb.fn = log2;
    else if (base == 10.0)
        lb.fn = log10;
    return lb;
}

static enum kl_status check_pair(const double *p, const double *q, size_t n,
                                 double base, double *scale)
{
    enum kl_status st = kl_discrete_check(p, n);
    if (st == KL_OK && q != NULL)
        st = kl_discrete_check(q, n);
    if (st == KL_OK)
        st = kl_base_scale(base, scale);
    return st;
}

/* Writes a measure's value X to OUT: -0 becomes +0, and a NaN, which valid
 * input never produces, becomes KL_ENUMERIC rather than an answer. */
static enum kl_status finish(double x, double *out)
{
    if (isnan(x))
        return KL_ENUMERIC;
    *out = x + 0.0;
    return KL_OK;
}

enum kl_status kl_discrete_entropy(const double *p, size_t n, double base,
                                   double *h)
{
    double scale;
    enum kl_status st = check_pair(p, NULL, n, base, &scale);
    if (st != KL_OK)
        return st;
    struct log_base lb = make_log_base(base, scale);
    struct kl_ksum sum = KL_KSUM_ZERO;
    for (size_t i = 0; i < n; i++)
        if (p[i] > 0.0)
            kl_ksum_add(&sum, -p[i] * log_in(&lb, p[i]));
    return finish(kl_ksum_value(&sum), h);
}

enum kl_status kl_discrete_cross_entropy(const double *p, const double *q,
                                         size_t n, double base, double *h)
{
    double scale;
    enum kl_status st = check_pair(p, q, n, base, &scale);
    if (st != KL_OK)
        return st;
    struct log_base lb = make_log_base(base, scale);
    struct kl_ksum sum = KL_KSUM_ZERO;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == 0.0)
            continue;
        if (q[i] == 0.0) {
            *h = INFINITY;
            return KL_OK;
        }
        kl_ksum_add(&sum, -p[i] * log_in(&lb, q[i]));
    }
    return finish(kl_ksum_value(&sum), h);
}

/* phi(d) = (1+d) log(1+d) - d for |d| < 0.1, by its Taylor series
 * sum_{k>=2} (-d)^k / (k(k-1)), truncated where the terms fall below 1e-20 of
 * the first.  The direct formula loses about log10(2/|d|) digits.
 *
 * The loop stops early, with the same result, once a term t is below
 * 2^-55 |sum|: with 2^e <= |sum| < 2^(e+1), |t| < 2^(e-54), under half the
 * spacing of the doubles on either side of sum, so sum + t rounds to sum;
 * and every later term is no larger (the computed |term| shrinks by |d| a
 * step and the divisor grows, and rounding is monotone), so none of them
 * changes sum either.  (|t| 2^55 is exact: a scaling by a power of 2.) */
static double phi_series(double d)
{
    double term = d * d, sum = 0.0;
    for (int k = 2; k <= 22; k++) {
        double t = term / ((double)k * (k - 1));
        if (fabs(t) * 0x1p55 < fabs(sum))
            break;
        sum += t;
        term *= -d;
    }
    return sum;
}

/* Adds p log(p/q) (p > 0, q > 0) to SUM.  Near p = q the term is split as
 * q phi((p-q)/q) + (p-q): the first part is tiny and exact to a few ulps, the
 * second is exact (Sterbenz) and cancels across the vector.  Inline, so
 * that the sum stays in registers across the loop of kl_discrete_divergence. */
static inline void add_kl_term(struct kl_ksum *sum, const struct log_base *lb,
                               double p, double q)
{
    double diff = p - q;
    double d = diff / q;
    if (fabs(d) < 0.1) {
        kl_ksum_add(sum, q * phi_series(d) * lb->scale);
        kl_ksum_add(sum, diff * lb->scale);
        return;
    }
    double r = p / q;
    if (isfinite(r) && r >= 0x1p-1022)
        kl_ksum_add(sum, p * log_in(lb, r));
    else
        kl_ksum_add(sum, p * (log_in(lb, p) - log_in(lb, q)));
}

enum kl_status kl_discrete_divergence(const double *p, const double *q,
                                      size_t n, double base, double *d)
{
    double scale;
    enum kl_status st = check_pair(p, q, n, base, &scale);
    if (st != KL_OK)
        return st;
    struct log_base lb = make_log_base(base, scale);
    struct kl_ksum sum = KL_KSUM_ZERO;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == 0.0)
            continue;
        if (q[i] == 0.0) {
            *d = INFINITY;
            return KL_OK;
        }
        add_kl_term(&sum, &lb, p[i], q[i]);
    }
    /* Rounding can leave a result of a few ulps below zero for P = Q (a NaN
     * is not clamped: finish() reports it). */
    double v = kl_ksum_value(&sum);
    return finish(v < 0.0 ? 0.0 : v, d);
}

/* g(t) = (1+t) log(1+t) + (1-t) log(1-t) = sum_{k>=1} t^(2k) / (k(2k-1)) for
 * |t| <= 1/2 (Abramowitz & Stegun 4.1.24-25 combined), truncated where the
 * terms fall below 1e-19 of the first (t^2 <= 1/4: 30 terms).  Every term is
 * positive, so the sum keeps its relative accuracy however small t is. */
static double js_series(double t)
{
    double t2 = t * t, term = t2, sum = 0.0;
    for (int k = 1; k <= 30; k++) {
        sum += term / ((double)k * (2 * k - 1));
        term *= t2;
    }
    return sum;
}

/* Twice the contribution of one symbol to JS(P,Q), in the base of LB:
 *   p log(p/m) + q log(q/m),  m = (p+q)/2  (p + q > 0),
 * never negative (the sum is halved once, at the end, so that subnormal
 * terms are not rounded twice).  With s = p + q and t = (p - q)/s it equals
 * (s/2) g(t);
 * near p = q by the series of g (no cancellation at all), elsewhere directly
 * with the ratios 2p/s and 2q/s, never through m itself, which underflows to 0
 * when p + q is the smallest subnormal and would make a term infinite. */
static double js_term(const struct log_base *lb, double p, double q)
{
    double s = p + q, t = (p - q) / s;
    if (fabs(t) <= 0.5)
        return 0.5 * s * js_series(t) * lb->scale;
    double a = p > 0.0 ? p * log_in(lb, 2.0 * p / s) : 0.0;
    double b = q > 0.0 ? q * log_in(lb, 2.0 * q / s) : 0.0;
    /* a + b > 0: a >= p log 1.5 outweighs b for p >= 3q (and vice versa) */
    return a + b;
}

enum kl_status kl_discrete_js(const double *p, const double *q, size_t n,
                              double base, double *js)
{
    double scale;
    enum kl_status st = check_pair(p, q, n, base, &scale);
    if (st != KL_OK)
        return st;
    struct log_base lb = make_log_base(base, scale);
    struct kl_ksum sum = KL_KSUM_ZERO;
    for (size_t i = 0; i < n; i++)
        if (p[i] > 0.0 || q[i] > 0.0)
            kl_ksum_add(&sum, js_term(&lb, p[i], q[i]));
    return finish(0.5 * kl_ksum_value(&sum), js);
}

enum kl_status kl_discrete_divergence_terms(const double *p, const double *q,
                                            size_t n, double base,
                                            double *terms)
{
    double scale;
    enum kl_status st = check_pair(p, q, n, base, &scale);
    if (st != KL_OK)
        return st;
    struct log_base lb = make_log_base(base, scale);
    for (size_t i = 0; i < n; i++) {
        if (p[i] == 0.0) {
            terms[i] = 0.0;
        } else if (q[i] == 0.0) {
            terms[i] = INFINITY;
        } else {
            struct kl_ksum one = KL_KSUM_ZERO;
            add_kl_term(&one, &lb, p[i], q[i]);
            terms[i] = kl_ksum_value(&one) + 0.0;
        }
    }
    return KL_OK;
}

enum kl_status kl_discrete_js_terms(const double *p, const double *q, size_t n,
                                    double base, double *terms)
{
    double scale;
    enum kl_status st = check_pair(p, q, n, base, &scale);
    if (st != KL_OK)
        return st;
    struct log_base lb = make_log_base(base, scale);
    for (size_t i = 0; i < n; i++)
        terms[i] = (p[i] > 0.0 || q[i] > 0.0) ? 0.5 * js_term(&lb, p[i], q[i])
                                              : 0.0;
    return KL_OK;
}
