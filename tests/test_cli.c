/* Tests of the `kl` calculator's discrete commands (src/cli/cmd_discrete.c)
 * and its shared conventions (src/cli/kl.c, src/cli/cli.c), run as a real
 * process: output digits that read back exactly, and for every kind of bad
 * input one line "kl: ..." on stderr, nothing on stdout, exit status 2. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kl/discrete.h"

#define expect_value(args, want) ASSERT_KL_VALUE(args, want, 0.0)
#define expect_bad(args, want) ASSERT_KL_BAD(args, want)
#define ARGS KL_ARGS


static void test_cli_values(void)
{
    double p[] = {0.5, 0.5}, q[] = {0.9, 0.1}, v;
    kl_discrete_divergence(p, q, 2, KL_BASE_E, &v);
    expect_value(ARGS("div", "0.5,0.5", "0.9,0.1"), v);
    kl_discrete_divergence(q, p, 2, 2.0, &v);
    expect_value(ARGS("div", "0.9,0.1", "0.5,0.5", "--base", "2"), v);
    kl_discrete_cross_entropy(p, q, 2, 10.0, &v);
    expect_value(ARGS("cross", "0.5,0.5", "0.9,0.1", "--base=10"), v);
    kl_discrete_js(p, q, 2, KL_BASE_E, &v);
    expect_value(ARGS("js", "--base", "e", "0.5,0.5", "0.9,0.1"), v);
    expect_value(ARGS("entropy", "0.5,0.25,0.125,0.125", "--base", "2"), 1.75);
    expect_value(ARGS("js", "1,0", "0,1", "--base", "2"), 1.0);
    expect_value(ARGS("entropy", "1,0"), 0.0);
    /* counts */
    double c[] = {1.0 / 6, 2.0 / 6, 3.0 / 6};
    kl_discrete_entropy(c, 3, KL_BASE_E, &v);
    expect_value(ARGS("entropy", "1,2,3", "--normalize"), v);
    /* spaces around entries are accepted */
    expect_value(ARGS("entropy", " 0.5 , 0.5 ", "--base", "2"), 1.0);
}

static void test_cli_infinite(void)
{
    char *out, *err;
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("div", "0.5,0.5", "1,0"), &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(out, "inf\n");
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("cross", "0.5,0.5", "1,0"), &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(out, "inf\n");
    free(out);
    free(err);
}

static void test_cli_help(void)
{
    const char *const *cases[] = {ARGS("--help"), ARGS("-h"), ARGS("div", "--help"),
                                  ARGS("entropy", "-h"), ARGS("js", "--help"),
                                  ARGS("cross", "--help")};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out, *err;
        CU_ASSERT_EQUAL(testlib_run_kl(cases[i], &out, &err), 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(out, "usage: kl"));
        CU_ASSERT_STRING_EQUAL(err, "");
        free(out);
        free(err);
    }
}

static void test_cli_bad_input_errors(void)
{
    expect_bad(ARGS("div", "0.5,0.4", "0.5,0.5"), "P sums to");
    expect_bad(ARGS("div", "0.5,0.5", "0.5,0.5,0"), "P has 2 entries but Q has 3");
    expect_bad(ARGS("div", "0.5,,0.5", "0.5,0.5"), "entry 2 is empty");
    expect_bad(ARGS("div", "", "1"), "P is empty");
    expect_bad(ARGS("entropy", "0.5,abc"), "entry 2 'abc' is not a number");
    expect_bad(ARGS("entropy", "1.5,-0.5"), "entry 2 is negative");
    expect_bad(ARGS("entropy", "nan,1"), "entry 1 is NaN");
    expect_bad(ARGS("entropy", "inf,1"), "entry 1 is infinite");
    expect_bad(ARGS("entropy", "0,0", "--normalize"), "all zero");
    expect_bad(ARGS("entropy", "1,-1", "--normalize"), "negative");
    expect_bad(ARGS("entropy", "1", "--base", "3"), "unknown base '3'");
    expect_bad(ARGS("entropy", "1", "--base"), "--base needs a value");
    expect_bad(ARGS("entropy", "1", "--base", "2", "--base", "2"), "twice");
    expect_bad(ARGS("entropy", "1", "--frobnicate"), "unknown option '--frobnicate'");
    expect_bad(ARGS("entropy"), "entropy needs a distribution P");
    expect_bad(ARGS("div", "1"), "div needs two distributions");
    expect_bad(ARGS("entropy", "1", "1"), "unexpected '1'");
    expect_bad(ARGS("nosuch"), "unknown command 'nosuch'");
    char *out, *err;
    const char *none[] = {NULL};
    CU_ASSERT_EQUAL(testlib_run_kl(none, &out, &err), 2);
    CU_ASSERT_STRING_EQUAL(out, "");
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "kl: missing command"));
    free(out);
    free(err);
}

/* Item 1 of issue 13: the midpoint of a subnormal entry underflowed and JS
 * printed 0; item 2: nearly equal inputs lost every digit (5.55e-17 for
 * 4.99e-31).  References: Python decimal at 80 digits (see test_discrete). */
static void test_cli_js_accuracy(void)
{
    ASSERT_KL_VALUE(ARGS("js", "0.5,0.5,5e-324", "1,0,0"),
                    2.1576155433883570378e-01, 4 * 2.2e-16);
    ASSERT_KL_VALUE(ARGS("js", "0.5,0.5", "0.500000000000001,0.499999999999999"),
                    4.9920104158517153311e-31, 4 * 2.2e-16);
    ASSERT_KL_VALUE(ARGS("js", "0.3,0.7", "0.30000000001,0.69999999999"),
                    5.9523819373287210678e-23, 4 * 2.2e-16);
}

/* Runs kl ARGS and checks the error contract: exit 2, no stdout, one line
 * "kl: ..." holding WANT and only printable ASCII or UTF-8 (no control
 * byte but the final newline). */
static void expect_clean_error(const char *const *args, const char *want)
{
    char *out, *err;
    int st = testlib_run_kl(args, &out, &err);
    CU_ASSERT_EQUAL(st, 2);
    CU_ASSERT_STRING_EQUAL(out, "");
    size_t n = strlen(err);
    CU_ASSERT(n > 5 && strncmp(err, "kl: ", 4) == 0 && err[n - 1] == '\n');
    for (size_t i = 0; i + 1 < n; i++)
        CU_ASSERT((unsigned char)err[i] >= 0x20 && err[i] != 0x7f);
    CU_ASSERT(n < 400);
    if (strstr(err, want) == NULL)
        fprintf(stderr, "\nstderr '%s' lacks '%s'\n", err, want);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
    free(out);
    free(err);
}

/* Item 6: input was echoed raw, so a newline made two stderr lines and ESC
 * or CR reached the terminal. */
static void test_cli_errors_escaped(void)
{
    expect_clean_error(ARGS("gauss", "0\n1", "1", "0", "1"),
                       "MU1 '0\\n1' is not a number");
    expect_clean_error(ARGS("entropy", "0.5,\x1b[31mred"), "'\\x1b[31mred'");
    expect_clean_error(ARGS("gauss", "0", "1\r", "0", "1"), "'1\\r'");
    /* in a list, line ends and CR separate entries, as in a file */
    ASSERT_KL_VALUE(ARGS("entropy", "0.5,0.5\n"), 0.69314718055994531, 0.0);
    ASSERT_KL_VALUE(ARGS("div", "1\r", "1"), 0.0, 0.0);
    expect_clean_error(ARGS("entropy", "1", "--b\xff\xfe"), "--b\\xff\\xfe");
    /* valid UTF-8 stays, an overlong form and a C1 control do not */
    expect_clean_error(ARGS("entropy", "0.5,\xce\xbc"), "'\xce\xbc' is not");
    expect_clean_error(ARGS("entropy", "0.5,\xc0\xaf"), "'\\xc0\\xaf'");
    expect_clean_error(ARGS("entropy", "0.5,\xc2\x9b"), "'\\xc2\\x9b'");
    expect_clean_error(ARGS("nosuch\n\n"), "unknown command 'nosuch\\n\\n'");
    /* a long echo is cut, still one line */
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    expect_clean_error(ARGS("gauss", big, "1", "0", "1"), "...");
}

/* Writes TEXT (LEN bytes, may hold NUL) to DIR/NAME and returns "@DIR/NAME"
 * in ARG. */
static void write_file(const char *dir, const char *name, const char *text,
                       size_t len, char *arg, size_t size)
{
    snprintf(arg, size, "@%s/%s", dir, name);
    FILE *f = fopen(arg + 1, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(text, 1, len, f), len);
    CU_ASSERT_EQUAL(fclose(f), 0);
}

/* Item 7: P and Q from @FILE and standard input; separators, CRLF, NUL and
 * trailing garbage, the entry limit; and two 10^5-entry count vectors,
 * beyond the 128 KiB a single argument may hold. */
static void test_cli_file_input(void)
{
    char *dir = testlib_tmpdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char p[4200], q[4200], a[4200];
    double pp[] = {0.5, 0.5}, qq[] = {0.9, 0.1}, v;
    kl_discrete_divergence(pp, qq, 2, KL_BASE_E, &v);
    write_file(dir, "p", "0.5\n0.5\n", 8, p, sizeof p);
    write_file(dir, "q", " 0.9, 0.1\r\n\r\n", 13, q, sizeof q);
    expect_value(ARGS("div", p, q), v);
    expect_value(ARGS("div", "0.5 0.5", q), v);
    write_file(dir, "t", "0.9\t0.1", 7, a, sizeof a);
    expect_value(ARGS("div", p, a), v);
    /* standard input, once */
    char *out, *err;
    CU_ASSERT_EQUAL(testlib_run_kl_io(ARGS("div", "-", q), p + 1, NULL, &out,
                                      &err), 0);
    CU_ASSERT_EQUAL(strtod(out, NULL), v);
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
    CU_ASSERT_EQUAL(testlib_run_kl_io(ARGS("div", "-", "-"), p + 1, NULL, &out,
                                      &err), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "Q: standard input ('-') can be read only once"));
    CU_ASSERT_STRING_EQUAL(out, "");
    free(out);
    free(err);
    /* errors, one line each, with the line of the file */
    write_file(dir, "nul", "0.5\n\0\n0.5", 9, a, sizeof a);
    expect_clean_error(ARGS("entropy", a), "holds a NUL byte at byte 5");
    expect_clean_error(ARGS("entropy", "@/dev/zero"), "holds a NUL byte at byte 1");
    write_file(dir, "junk", "0.5\n0.5\nend\n", 12, a, sizeof a);
    expect_clean_error(ARGS("entropy", a), "entry 3 'end' is not a number (line 3 of @");
    write_file(dir, "junk2", "0.5,\n0.5x", 9, a, sizeof a);
    expect_clean_error(ARGS("entropy", a), "entry 2 '0.5x' is not a number (line 2");
    write_file(dir, "comma", "0.5,0.5,\n", 9, a, sizeof a);
    expect_clean_error(ARGS("entropy", a), "entry 3 is empty");
    write_file(dir, "empty", "\r\n \n", 4, a, sizeof a);
    expect_clean_error(ARGS("entropy", a), "P is empty");
    expect_clean_error(ARGS("div", p, "@/nonexistent/kl-q"),
                       "Q: cannot open '/nonexistent/kl-q': No such file");
    expect_clean_error(ARGS("div", p, "@"), "'@' needs a file name");
    expect_clean_error(ARGS("entropy", "@/"), "cannot read @/");
    expect_value(ARGS("entropy", "0.5 , 0.5", "--base", "2"), 1.0);

    /* two count vectors of 10^5 words, and 10^7 + 1 entries refused */
    enum { N = 100000 };
    char *big = malloc(N * 8 + 1), *c = big;
    double *cp = malloc(N * sizeof *cp), *cq = malloc(N * sizeof *cq);
    for (int i = 0; i < N; i++) {
        cp[i] = 1 + i % 7;
        c += sprintf(c, "%d\n", 1 + i % 7);
    }
    write_file(dir, "cp", big, (size_t)(c - big), p, sizeof p);
    c = big;
    for (int i = 0; i < N; i++) {
        cq[i] = 1 + i % 5;
        c += sprintf(c, "%d,", 1 + i % 5);
    }
    c[-1] = '\n';
    write_file(dir, "cq", big, (size_t)(c - big), q, sizeof q);
    kl_discrete_normalize(cp, N, cp);
    kl_discrete_normalize(cq, N, cq);
    kl_discrete_divergence(cp, cq, N, 2.0, &v);
    expect_value(ARGS("div", p, q, "--normalize", "--base", "2"), v);
    free(big);
    free(cp);
    free(cq);
    size_t over = 10000001;
    char *many = malloc(2 * over);
    for (size_t i = 0; i < over; i++) {
        many[2 * i] = '0';
        many[2 * i + 1] = '\n';
    }
    write_file(dir, "many", many, 2 * over, a, sizeof a);
    free(many);
    expect_clean_error(ARGS("entropy", a, "--normalize"),
                       "P has more than 10000000 entries (the limit)");
    testlib_rmtree(dir);
    free(dir);
}

/* Item 8: a value written to a full disk was lost with exit status 0. */
static void test_cli_write_errors(void)
{
    const char *const *cases[] = {ARGS("entropy", "1"), ARGS("--help"),
                                  ARGS("div", "--help"),
                                  ARGS("gauss", "0", "1", "1", "1", "--check")};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out, *err;
        CU_ASSERT_EQUAL(testlib_run_kl_io(cases[i], NULL, "/dev/full", &out,
                                          &err), 1);
        CU_ASSERT_STRING_EQUAL(err, "kl: write error: No space left on device\n");
        free(out);
        free(err);
    }
}

TEST_SUITE(cli,
           TEST(test_cli_js_accuracy),
           TEST(test_cli_errors_escaped),
           TEST(test_cli_file_input),
           TEST(test_cli_write_errors),
           TEST(test_cli_values),
           TEST(test_cli_infinite),
           TEST(test_cli_help),
           TEST(test_cli_bad_input_errors))
