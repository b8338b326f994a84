/* joint.h — information measures of a pair of discrete random variables
 * (X, Y) given by their joint law, a table of ROWS x COLS probabilities
 * P[i*COLS + j] = P(X = i, Y = j), row-major: rows are the outcomes of X,
 * columns those of Y.
 *
 *   H(X,Y)  = -sum_ij p_ij log p_ij                        joint entropy
 *   H(Y|X)  = -sum_ij p_ij log(p_ij / p_i.)                 conditional entropy
 *   H(X|Y)  = -sum_ij p_ij log(p_ij / p_.j)
 *   I(X;Y)  = D(P_XY || P_X P_Y) = sum_ij p_ij log(p_ij / (p_i. p_.j))
 *           = H(X) - H(X|Y) = H(Y) - H(Y|X) = H(X) + H(Y) - H(X,Y) >= 0,
 * zero exactly when X and Y are independent (Cover & Thomas, Elements of
 * Information Theory, 2nd ed., §2.2-2.4).
 *
 * A table must have ROWS, COLS > 0 and entries that are finite, non-negative
 * and sum to 1 within KL_SUM_TOL (kl_joint_check); anything else is refused
 * with the status of kl_discrete_check (KL_EEMPTY, KL_ENAN, KL_EINF,
 * KL_ENEGATIVE, KL_ESUM), or KL_ENOMEM for a ROWS x COLS that overflows a
 * size_t, and the outputs are left untouched.  BASE is the logarithm's base
 * as in discrete.h (KL_BASE_E for nats).  Conventions: 0 log 0 = 0.
 *
 * Mutual information is computed as the divergence itself, through
 * kl_discrete_divergence() against the product of the marginals, never as the
 * difference H(X) + H(Y) - H(X,Y), which cancels to rounding noise for a
 * nearly independent table: I keeps its relative accuracy however small it
 * is, and is never negative.  It allocates one table of ROWS x COLS doubles
 * (KL_ENOMEM if that fails) and frees it before returning; nothing else here
 * allocates.
 */
#ifndef KL_JOINT_H
#define KL_JOINT_H

#include <stddef.h>
#include "status.h"

/* Returns KL_OK when P is a ROWS x COLS probability table, or the status of
 * the first problem (entries are checked before the sum). */
enum kl_status kl_joint_check(const double *p, size_t rows, size_t cols);

/* Writes the marginals P_X (ROWS entries: the row sums) to PX and P_Y (COLS
 * entries: the column sums) to PY; either may be NULL.  Compensated sums. */
enum kl_status kl_joint_marginals(const double *p, size_t rows, size_t cols,
                                  double *px, double *py);

/* The joint entropy H(X,Y), written to H. */
enum kl_status kl_joint_entropy(const double *p, size_t rows, size_t cols,
                                double base, double *h);

/* The conditional entropy H(Y|X) (of the column given the row), written to
 * H; 0 <= H(Y|X) <= H(Y). */
enum kl_status kl_joint_entropy_y_given_x(const double *p, size_t rows,
                                          size_t cols, double base, double *h);

/* The conditional entropy H(X|Y) (of the row given the column), written to H. */
enum kl_status kl_joint_entropy_x_given_y(const double *p, size_t rows,
                                          size_t cols, double base, double *h);

/* The mutual information I(X;Y) = D(P_XY || P_X P_Y) >= 0, written to MI. */
enum kl_status kl_joint_mi(const double *p, size_t rows, size_t cols,
                           double base, double *mi);

/* Every measure of one table at once (the marginal entropies by
 * kl_discrete_entropy of the marginals). */
struct kl_joint_info {
    double hx, hy;      /* H(X), H(Y) */
    double hxy;         /* H(X,Y) */
    double hy_x, hx_y;  /* H(Y|X), H(X|Y) */
    double mi;          /* I(X;Y) */
};
enum kl_status kl_joint_info(const double *p, size_t rows, size_t cols,
                             double base, struct kl_joint_info *info);

/* Estimates of I(X;Y) from a table of COUNTS (n_ij samples with X = i,
 * Y = j; finite and non-negative, not all zero, n = their sum):
 *
 *   plugin        I of the empirical table n_ij / n, biased upwards by about
 *                 (|X| - 1)(|Y| - 1) / (2n) for a law with full support
 *                 (Miller 1955; Paninski, Neural Computation 15, 2003);
 *   miller_madow  plugin - (m_XY - m_X - m_Y + 1) / (2n), m the number of
 *                 non-empty cells, rows and columns: the Miller-Madow
 *                 correction applied to each of H(X) + H(Y) - H(X,Y);
 *   se            the delta-method standard error of plugin,
 *                 sqrt((sum_ij p_ij L_ij^2 - I^2) / n) with
 *                 L_ij = log(p_ij / (p_i. p_.j)) at the empirical table
 *                 (0 for an empirically independent table, where the
 *                 estimate's spread is of order 1/n, not 1/sqrt(n));
 *   n             the sample size.
 * All in BASE.  Returns the status of kl_discrete_check_counts, KL_EZERO for
 * all-zero counts, or KL_ENOMEM. */
struct kl_mi_estimate {
    double plugin, miller_madow, se, n;
};
enum kl_status kl_joint_mi_estimate(const double *counts, size_t rows,
                                    size_t cols, double base,
                                    struct kl_mi_estimate *est);

#endif
