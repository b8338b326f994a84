#include "status.h"

const char *kl_strerror(enum kl_status status)
{
    switch (status) {
    case KL_OK:        return "success";
    case KL_EEMPTY:    return "empty probability vector";
    case KL_ENEGATIVE: return "negative entry";
    case KL_ENAN:      return "entry is NaN";
    case KL_EINF:      return "entry is infinite";
    case KL_ESUM:      return "entries do not sum to 1 (within 1e-9); use --normalize for counts";
    case KL_EZERO:     return "counts are all zero";
    case KL_EBASE:     return "logarithm base must be finite, positive and not 1";
    case KL_EPARAM:    return "parameter out of range";
    case KL_EQUAD:     return "quadrature did not reach the requested tolerance";
    case KL_ENOMEM:    return "out of memory";
    case KL_ERANGE:    return "the result is finite but larger than the largest double (1.8e308)";
    case KL_ENUMERIC:  return "internal numerical error (NaN); please report this input";
    }
    return "unknown error";
}
