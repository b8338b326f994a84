/* fuzz.h — what the libFuzzer harnesses of tests/fuzz/ share: running a
 * piece of the calculator with cli_die() turned into a longjmp, its output
 * and error line captured in memory, and the calculator's contract checked
 * on every input (abort() on a breach, which libFuzzer reports as a crash):
 *
 *   exit status 2: nothing on stdout, exactly one line "kl: ..." on stderr,
 *                  printable ASCII or UTF-8 only (no control character, no
 *                  C1 control, no byte that is not UTF-8), at most 400 bytes;
 *   exit status 0: nothing on stderr, and no "nan" on stdout.
 *
 * Memory safety is ASan's and UBSan's part (make fuzz builds with both, and
 * LeakSanitizer checks that no error path leaks). */
#ifndef KL_FUZZ_H
#define KL_FUZZ_H

#define _GNU_SOURCE
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

struct fuzz_run {
    char *out, *err;        /* what was written (NUL-terminated) */
    size_t out_len, err_len;
    FILE *fo, *fe;
};

static void fuzz_fail(const char *why, const struct fuzz_run *r)
{
    fprintf(stderr, "fuzz: contract broken: %s\nstdout: '%.*s'\nstderr: '%.*s'\n",
            why, (int)r->out_len, r->out, (int)r->err_len, r->err);
    abort();
}

static void fuzz_begin(struct fuzz_run *r)
{
    memset(r, 0, sizeof *r);
    r->fo = open_memstream(&r->out, &r->out_len);
    r->fe = open_memstream(&r->err, &r->err_len);
    if (r->fo == NULL || r->fe == NULL)
        abort();
    cli_out = r->fo;
    cli_err = r->fe;
}

/* 1 if S[0..N) is well-formed UTF-8 with no control character (C0, DEL, C1,
 * U+2028/9). */
static int fuzz_printable(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x20 || c == 0x7f)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
        if (len == 0 || c > 0xf4 || i + len > n)
            return 0;
        unsigned cp = c & (0x7f >> len);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp <= 0x9f ||
            cp == 0x2028 || cp == 0x2029)
            return 0;
        i += len;
    }
    return 1;
}

/* Closes the streams, checks the contract for exit STATUS, frees all. */
static void fuzz_end(struct fuzz_run *r, int status)
{
    fclose(r->fo);
    fclose(r->fe);
    cli_out = cli_err = NULL;
    if (status == CLI_EXIT_BAD_INPUT) {
        if (r->out_len != 0)
            fuzz_fail("output before an error", r);
        if (r->err_len < 6 || strncmp(r->err, "kl: ", 4) != 0 ||
            r->err[r->err_len - 1] != '\n' || r->err_len > 400)
            fuzz_fail("the error is not one line 'kl: ...'", r);
        if (!fuzz_printable((const unsigned char *)r->err, r->err_len - 1))
            fuzz_fail("the error line holds an unescaped byte", r);
    } else if (status == 0) {
        if (r->err_len != 0)
            fuzz_fail("stderr written on success", r);
        if (memmem(r->out, r->out_len, "nan", 3) != NULL)
            fuzz_fail("NaN printed", r);
    } else {
        fuzz_fail("unexpected exit status", r);
    }
    free(r->out);
    free(r->err);
    cli_free_all();
}

#endif
