/* distance.h — two ways to measure how far apart two probability vectors are
 * that bracket the KL divergence: the total variation distance, which
 * Pinsker's inequality bounds from above by the divergence, and Pearson's
 * chi-square divergence, which bounds the divergence from above and is its
 * second-order approximation near P = Q.
 *
 *   TV(P,Q)   = (1/2) sum |p_i - q_i|                 in [0, 1], symmetric
 *   chi2(P|Q) = sum (p_i - q_i)^2 / q_i               in [0, +inf]
 *
 *   TV(P,Q) <= sqrt(D(P||Q)/2)                         (Pinsker)
 *   D(P||Q) <= log(1 + chi2(P|Q)) <= chi2(P|Q)        (Jensen, concavity of log)
 *   D(P||P + eps d) = eps^2/2 sum d_i^2/p_i + O(eps^3) = chi2(P + eps d | P)/2 + ...
 * (Tsybakov, Introduction to Nonparametric Estimation, 2009, §2.4;
 *  Cover & Thomas, Elements of Information Theory, 2nd ed., Lemma 11.6.1.)
 *
 * Both take vectors of length N whose entries are finite, non-negative and
 * sum to 1 within KL_SUM_TOL, checked with kl_discrete_check(); anything else
 * is refused with its status (KL_EEMPTY, KL_ENAN, KL_EINF, KL_ENEGATIVE,
 * KL_ESUM; P is checked before Q) and the output is left untouched.  Sums
 * are compensated (Neumaier).  Nothing is allocated.
 */
#ifndef KL_DISTANCE_H
#define KL_DISTANCE_H

#include <stddef.h>
#include "status.h"

/* Total variation distance TV(P,Q) = (1/2) sum |p_i - q_i|, the largest
 * difference P(A) - Q(A) over events A, written to TV.  It is 0 exactly when
 * P = Q and 1 exactly when the supports are disjoint (the value is clamped to
 * [0, 1] against rounding). */
enum kl_status kl_distance_tv(const double *p, const double *q, size_t n,
                              double *tv);

/* Pearson's chi-square divergence chi2(P|Q) = sum (p_i - q_i)^2 / q_i, written
 * to CHI2.  Terms with p_i = q_i = 0 are 0; the value is +inf when some
 * p_i > 0 has q_i = 0 (as for D(P||Q)), and KL_ERANGE (CHI2 untouched) when
 * it is finite but exceeds the largest double, as it may where some q_i is
 * subnormal.  Not symmetric: chi2(Q|P) swaps the roles. */
enum kl_status kl_distance_chi2(const double *p, const double *q, size_t n,
                                double *chi2);

#endif
