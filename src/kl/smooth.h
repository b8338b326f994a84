/* smooth.h — additive smoothing of counts into a probability vector.
 *
 * Additive (Lidstone) smoothing adds a pseudo-count ALPHA to every one of the
 * N categories before normalising (Lidstone 1920; Manning & Schütze,
 * Foundations of Statistical NLP, §6.2.2):
 *
 *     p_i = (c_i + alpha) / (C + N alpha),   C = sum_i c_i.
 *
 * alpha = 1 is Laplace's rule of succession, alpha = 1/2 the Jeffreys-Perks
 * ("expected likelihood") estimate, and alpha = 0 the unsmoothed relative
 * frequencies.  Any alpha > 0 gives every category a positive probability, so
 * that a divergence D(P||Q) against the smoothed Q is finite.
 */
#ifndef KL_SMOOTH_H
#define KL_SMOOTH_H

#include <stddef.h>
#include "status.h"

/* Returns KL_OK when ALPHA is a usable pseudo-count (finite and >= 0), else
 * KL_EPARAM (negative, infinite or NaN). */
enum kl_status kl_smooth_check_alpha(double alpha);

/* Writes the additively smoothed probabilities of COUNTS[0..N) with
 * pseudo-count ALPHA to OUT[0..N) (OUT may alias COUNTS).  Counts must be
 * finite and non-negative (KL_ENAN, KL_EINF, KL_ENEGATIVE for the first bad
 * entry); N = 0 is KL_EEMPTY; a bad ALPHA is KL_EPARAM; ALPHA = 0 with counts
 * that are all zero is KL_EZERO.  On error OUT is left untouched. */
enum kl_status kl_smooth_additive(const double *counts, size_t n, double alpha,
                                  double *out);

/* Laplace's rule: kl_smooth_additive with ALPHA = 1. */
enum kl_status kl_smooth_laplace(const double *counts, size_t n, double *out);

#endif
