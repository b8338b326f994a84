/* fuzz_cli — libFuzzer harness of the whole command line (kl_main).
 *
 * The input is ARG '\0' ARG '\0' ... and, after the first "\0\0", the
 * contents of a file: every argument that starts with '@' reads that file
 * (and '-', standard input, reads it too), so the fuzzer reaches the readers
 * without touching any other file.  Besides fuzz.h's contract: gauss, mvn,
 * vae and mi, whose values are always finite, never print "inf"; a command
 * without --help, --check or --top (words) prints exactly one line. */
#include "fuzz.h"

#include <unistd.h>

#define MAX_ARGS 16

static char path[64];

static void remove_file(void)
{
    remove(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (path[0] == '\0') {
        const char *tmp = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/kl-fuzz-%ld", tmp && strlen(tmp) < 40 ? tmp : "/tmp",
                 (long)getpid());
        atexit(remove_file);
    }
    const uint8_t *sep = memmem(data, size, "\0\0", 2);
    size_t args_len = sep ? (size_t)(sep - data) : size;
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return 0;
    if (sep)
        fwrite(sep + 2, 1, size - args_len - 2, f);
    fclose(f);
    if (freopen(path, "rb", stdin) == NULL)
        abort();

    char *text = malloc(args_len + 1), *argv[MAX_ARGS + 2];
    char at_path[80];
    snprintf(at_path, sizeof at_path, "@%s", path);
    memcpy(text, data, args_len);
    text[args_len] = '\0';
    int argc = 0, help = 0, check = 0;
    argv[argc++] = "kl";
    for (char *a = text; argc <= MAX_ARGS && a <= text + args_len;
         a += strlen(a) + 1) {
        argv[argc] = a[0] == '@' ? at_path : a;
        help |= strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 ||
                strcmp(a, "help") == 0;
        check |= strcmp(a, "--check") == 0 || strncmp(a, "--top", 5) == 0;
        argc++;
    }
    argv[argc] = NULL;

    struct fuzz_run r;
    fuzz_begin(&r);
    jmp_buf jump;
    cli_jump = &jump;
    int status = setjmp(jump);
    if (status == 0)
        status = kl_main(argc, argv);
    cli_jump = NULL;
    if (status == 0 && argc > 1 && !help) {
        fflush(r.fo);
        const char *cmd = argv[1];
        int finite = strcmp(cmd, "gauss") == 0 || strcmp(cmd, "mvn") == 0 ||
                     strcmp(cmd, "vae") == 0 || strcmp(cmd, "mi") == 0;
        if (finite && memmem(r.out, r.out_len, "inf", 3) != NULL)
            fuzz_fail("inf printed for a finite divergence", &r);
        if (!check && (r.out_len == 0 || memchr(r.out, '\n', r.out_len) !=
                                             r.out + r.out_len - 1))
            fuzz_fail("a value is not one line", &r);
    }
    fuzz_end(&r, status);
    free(text);
    return 0;
}
