/* fuzz_list — libFuzzer harness of the list parser (cli_parse_list): the
 * bytes are the text of a list, as an argument or as an @FILE (with NUL
 * bytes, CRLF, any garbage).  Besides fuzz.h's contract: a list that parses
 * has between 1 and CLI_MAX_ENTRIES entries, no more than there are bytes. */
#include "fuzz.h"

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
        size_t n = 0;
        double *v = cli_parse_list("P", size % 2 ? "@fuzz" : NULL, text, size,
                                   &n);
        if (n < 1 || n > size || n > CLI_MAX_ENTRIES || v == NULL)
            abort();
        cli_free(v);
    }
    cli_jump = NULL;
    fuzz_end(&r, status);
    free(text);
    return 0;
}
