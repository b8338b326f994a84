/* discrete.h — information measures of probability vectors.
 *
 * Every function here takes vectors of length N > 0 whose entries are finite,
 * non-negative and sum to 1 within KL_SUM_TOL; anything else is refused with a
 * distinct status (KL_EEMPTY, KL_ENAN, KL_EINF, KL_ENEGATIVE, KL_ESUM) and the
 * output is left untouched.  Counts go through kl_discrete_normalize() first.
 *
 * Conventions (Cover & Thomas, Elements of Information Theory, 2nd ed., §2.3):
 *   0 log 0 = 0, 0 log(0/q) = 0, and p log(p/0) = +inf for p > 0.
 *
 * BASE is the base of the logarithm: KL_BASE_E for nats (the default
 * everywhere), 2 for bits, 10 for hartleys, or any finite base > 0, != 1.
 * Sums are compensated (Neumaier), and KL divergence terms whose ratio p/q is
 * near 1 are evaluated through log1p and a series, so that the divergence of
 * two nearly equal vectors keeps its relative accuracy instead of vanishing
 * into the cancellation of sum(p_i - q_i) = 0.  Jensen-Shannon is a sum of
 * non-negative terms, each from a series near p_i = q_i, so it keeps its
 * relative accuracy (a few ulps) just as well.  Every measure here is
 * finite or +inf for valid input, never beyond the double range; a NaN,
 * which valid input cannot produce, is returned as KL_ENUMERIC, never as a
 * value.
 */
#ifndef KL_DISCRETE_H
#define KL_DISCRETE_H

#include <stddef.h>
#include "status.h"

#define KL_BASE_E 2.718281828459045235360287471352662

/* Returns KL_OK when P[0..N) is a probability vector, or the status of the
 * first problem found (entries are checked before the sum). */
enum kl_status kl_discrete_check(const double *p, size_t n);

/* Returns KL_OK when COUNTS[0..N) are finite and non-negative (they need not
 * sum to anything), writing the largest to MAX if it is not NULL; else
 * KL_EEMPTY, KL_ENAN, KL_EINF or KL_ENEGATIVE for the first problem. */
enum kl_status kl_discrete_check_counts(const double *counts, size_t n,
                                        double *max);

/* Writes COUNTS[0..N) / sum(COUNTS) to OUT (which may alias COUNTS).  Counts
 * must be finite and non-negative, and not all zero (KL_EZERO). */
enum kl_status kl_discrete_normalize(const double *counts, size_t n, double *out);

/* Returns through SCALE the factor 1/ln(BASE) that converts nats to BASE;
 * KL_EBASE for a base that is not finite, > 0 and != 1. */
enum kl_status kl_base_scale(double base, double *scale);

/* Shannon entropy H(P) = -sum p_i log p_i, written to H. */
enum kl_status kl_discrete_entropy(const double *p, size_t n, double base,
                                   double *h);

/* Cross-entropy H(P,Q) = -sum p_i log q_i, written to H; +inf when some
 * p_i > 0 has q_i = 0. */
enum kl_status kl_discrete_cross_entropy(const double *p, const double *q,
                                         size_t n, double base, double *h);

/* Kullback-Leibler divergence D(P||Q) = sum p_i log(p_i/q_i) >= 0, written to
 * D; +inf when some p_i > 0 has q_i = 0. */
enum kl_status kl_discrete_divergence(const double *p, const double *q,
                                      size_t n, double base, double *d);

/* Jensen-Shannon divergence JS(P,Q) = D(P||M)/2 + D(Q||M)/2 with
 * M = (P+Q)/2, written to JS; symmetric, finite, and at most log 2.  Each
 * symbol contributes (s/4) g(t) with s = p_i + q_i, t = (p_i - q_i)/s and
 * g(t) = (1+t) log(1+t) + (1-t) log(1-t) >= 0, by its series for |t| <= 1/2
 * and through the ratios 2p_i/s, 2q_i/s otherwise (M itself is never formed:
 * it underflows to 0 for subnormal entries). */
enum kl_status kl_discrete_js(const double *p, const double *q, size_t n,
                              double base, double *js);

/* The terms of D(P||Q) one symbol at a time: TERMS[i] = p_i log(p_i/q_i)
 * (0 where p_i = 0, +inf where p_i > 0 = q_i; negative where p_i < q_i),
 * each as accurate as in kl_discrete_divergence, whose value is their sum.
 * Checks P, Q and BASE as it does; TERMS untouched on error. */
enum kl_status kl_discrete_divergence_terms(const double *p, const double *q,
                                            size_t n, double base,
                                            double *terms);

/* The terms of JS(P,Q): TERMS[i] = (p_i log(p_i/m_i) + q_i log(q_i/m_i))/2,
 * m_i = (p_i + q_i)/2, each >= 0 and at most (p_i + q_i) log(2)/2, summing
 * to kl_discrete_js.  Checks as kl_discrete_js does. */
enum kl_status kl_discrete_js_terms(const double *p, const double *q, size_t n,
                                    double base, double *terms);

#endif
