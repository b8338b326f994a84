/* Tests of the `kl` calculator's discrete commands (src/cli/cmd_discrete.c)
 * and its shared conventions (src/cli/kl.c, src/cli/cli.c), run as a real
 * process: output digits that read back exactly, and for every kind of bad
 * input one line "kl: ..." on stderr, nothing on stdout, exit status 2. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <math.h>
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

TEST_SUITE(cli,
           TEST(test_cli_values),
           TEST(test_cli_infinite),
           TEST(test_cli_help),
           TEST(test_cli_bad_input_errors))
