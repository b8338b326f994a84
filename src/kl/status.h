/* status.h — the status codes every kl_* function returns.
 *
 * A function that can fail returns an enum kl_status and writes its results
 * through out-parameters; KL_OK (zero) is success.  kl_strerror() gives a
 * short English message for each code, suitable for "kl: <message>".
 */
#ifndef KL_STATUS_H
#define KL_STATUS_H

enum kl_status {
    KL_OK = 0,
    KL_EEMPTY,      /* a vector with no entries */
    KL_ENEGATIVE,   /* an entry below zero */
    KL_ENAN,        /* an entry that is NaN */
    KL_EINF,        /* an entry that is infinite */
    KL_ESUM,        /* probabilities that do not sum to 1 within KL_SUM_TOL */
    KL_EZERO,       /* counts that are all zero, so cannot be normalised */
    KL_EBASE,       /* a logarithm base that is not finite and > 0, != 1 */
    KL_EPARAM,      /* a parameter out of its domain (a scale <= 0, ...) */
    KL_EQUAD,       /* quadrature did not reach the requested tolerance */
    KL_ENOMEM,      /* an allocation failed */
    KL_ERANGE,      /* the result is finite but larger than the largest double */
    KL_ENUMERIC     /* a NaN arose inside a computation (a bug: please report) */
};

/* Tolerance on |sum(p) - 1| for a probability vector. */
#define KL_SUM_TOL 1e-9

/* Returns a static, never-NULL message for STATUS ("entries must sum to 1"). */
const char *kl_strerror(enum kl_status status);

#endif
