/* ksum.h — compensated summation, shared by the modules of src/kl/ (internal:
 * not part of the library's interface).
 *
 * Neumaier's variant of Kahan summation (Neumaier 1974; Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., §4.3): the error of the sum is
 * about one rounding of the result, whatever the number of terms and however
 * they cancel.  Start from KL_KSUM_ZERO, add terms, read kl_ksum_value().
 * Once the running sum is infinite or NaN it stays so (the correction term
 * would otherwise turn inf - inf into a NaN that hides an overflow), and a
 * NaN term makes the sum NaN: callers test the value, never clamp it. */
#ifndef KL_KSUM_H
#define KL_KSUM_H

#include <math.h>

struct kl_ksum {
    double s;   /* running sum */
    double c;   /* the low-order bits it lost */
};

#define KL_KSUM_ZERO {0.0, 0.0}

static inline void kl_ksum_add(struct kl_ksum *k, double x)
{
    double t = k->s + x;
    if (!isfinite(t)) {
        k->s = t;
        k->c = 0.0;
        return;
    }
    if (fabs(k->s) >= fabs(x))
        k->c += (k->s - t) + x;
    else
        k->c += (x - t) + k->s;
    k->s = t;
}

static inline double kl_ksum_value(const struct kl_ksum *k)
{
    return isfinite(k->s) ? k->s + k->c : k->s;
}

#endif
