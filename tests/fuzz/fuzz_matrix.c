/* fuzz_matrix — libFuzzer harness of the matrix parser (cli_parse_matrix):
 * the bytes are a covariance as text or as an @FILE.  Besides fuzz.h's
 * contract: a matrix that parses is k x k with 1 <= k <= CLI_MAX_DIM and
 * finite entries. */
#include "fuzz.h"

#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct fuzz_run r;
    fuzz_begin(&r);
    jmp_buf jump;
    cli_jump = &jump;
    int status = setjmp(jump);
    if (status == 0) {
        size_t k = 0;
        double *m = cli_parse_matrix("--cov0", size % 2 ? "@fuzz" : NULL, text,
                                     size, &k);
        if (k < 1 || k > CLI_MAX_DIM || m == NULL)
            abort();
        for (size_t i = 0; i < k * k; i++)
            if (!isfinite(m[i]))
                abort();
        cli_free(m);
    }
    cli_jump = NULL;
    fuzz_end(&r, status);
    free(text);
    return 0;
}
