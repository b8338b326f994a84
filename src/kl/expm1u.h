/* expm1u.h — (e^u - 1 - u)/2, the term that the Gaussian closed forms share
 * (gaussian.c, mvn.c; internal: not part of the library's interface). */
#ifndef KL_EXPM1U_H
#define KL_EXPM1U_H

#include <math.h>

/* (e^u - 1 - u)/2 >= 0 for finite U.  For |u| < 1/2 by the series
 * sum_{k>=2} u^k / (2 k!) (terms past k = 25 are below 1e-33 of the sum), so
 * that a tiny result keeps its relative accuracy; beyond u = 709, where e^u
 * overflows but e^u/2 need not (up to u = 710.47), as e^(u/2) (e^(u/2)/2);
 * +inf only when the result itself exceeds the largest double. */
static inline double kl_half_expm1_minus_u(double u)
{
    if (u > 709.0) {
        double h = exp(0.5 * u);
        return h * (0.5 * h) - 0.5 * (1.0 + u);
    }
    if (fabs(u) >= 0.5)
        return 0.5 * (expm1(u) - u);
    double term = u * u / 2.0, sum = 0.0;
    for (int k = 2; k <= 25; k++) {
        sum += term;
        term *= u / (k + 1);
    }
    return 0.5 * sum;
}

/* x^2 / 2 without overflow where x^2 overflows but x^2/2 does not; exact
 * halving otherwise. */
static inline double kl_half_square(double x)
{
    double h = 0.5 * (x * x);
    if (isinf(h) && isfinite(x)) {
        double r = x * 0.70710678118654752440084436210484904;
        h = r * r;
    }
    return h;
}

#endif
