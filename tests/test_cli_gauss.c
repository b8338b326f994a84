/* Tests of `kl gauss` (src/cli/cmd_gauss.c), run as a real process (the
 * binary named by KL_BIN): the value alone on stdout and exit 0; --base;
 * --check's labelled lines; and for every kind of bad input one line
 * "kl: ..." on stderr, nothing on stdout, exit status 2. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kl/gaussian.h"

#define ARGS KL_ARGS
#define expect_value(args, want, tol) ASSERT_KL_VALUE(args, want, tol)
#define expect_bad(args, want) ASSERT_KL_BAD(args, want)

/* Cover & Thomas, Elements of Information Theory, Eq. (8.76) generalised,
 * written out independently of the library (fine away from D -> 0). */
static double textbook(double m1, double s1, double m2, double s2)
{
    return log(s2 / s1) + (s1 * s1 + (m1 - m2) * (m1 - m2)) / (2 * s2 * s2) - 0.5;
}

static void test_cli_gauss_values(void)
{
    expect_value(ARGS("gauss", "0", "1", "1", "1"), 0.5, 0.0);
    expect_value(ARGS("gauss", "0", "1", "-4", "1"), 8.0, 0.0);
    expect_value(ARGS("gauss", "2.5", "0.3", "2.5", "0.3"), 0.0, 0.0);
    expect_value(ARGS("gauss", "0", "1", "0", "2"), textbook(0, 1, 0, 2), 1e-15);
    expect_value(ARGS("gauss", "-1", "0.5", "2", "3"), textbook(-1, 0.5, 2, 3),
                 1e-15);
    /* the same as the library, digit for digit */
    double d;
    CU_ASSERT_EQUAL(kl_gaussian_divergence(0.7, 1.3, -0.4, 2.1, &d), KL_OK);
    expect_value(ARGS("gauss", "0.7", "1.3", "-0.4", "2.1"), d, 0.0);
    /* a tiny divergence keeps its digits: D = delta^2 / 2 exactly */
    expect_value(ARGS("gauss", "0", "1", "1e-12", "1"), 5e-25, 1e-15);
    /* asymmetry */
    expect_value(ARGS("gauss", "0", "2", "0", "1"), textbook(0, 2, 0, 1), 1e-15);
}

static void test_cli_gauss_base(void)
{
    expect_value(ARGS("gauss", "0", "1", "1", "1", "--base", "2"),
                 0.5 / log(2.0), 1e-15);
    expect_value(ARGS("gauss", "--base=10", "0", "1", "1", "1"),
                 0.5 / log(10.0), 1e-15);
    expect_value(ARGS("gauss", "0", "1", "1", "1", "--base", "e"), 0.5, 0.0);
}

/* --check: four labelled lines, the closed form first, and a quadrature that
 * agrees with it. */
static void test_cli_gauss_check(void)
{
    const char *const *cases[] = {
        ARGS("gauss", "0", "1", "1", "1", "--check"),
        ARGS("gauss", "3", "0.01", "3", "0.02", "--check"), /* narrow P off 0 */
        ARGS("gauss", "0", "1", "40", "1", "--check"),      /* 40 sd apart */
        ARGS("gauss", "--check", "0", "5", "0", "1", "--base", "2"),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out, *err;
        CU_ASSERT_EQUAL(testlib_run_kl(cases[i], &out, &err), 0);
        CU_ASSERT_PTR_NOT_NULL_FATAL(out);
        CU_ASSERT_STRING_EQUAL(err, "");
        double closed = NAN, quad = NAN, diff = NAN, qerr = NAN;
        char *c = strstr(out, "closed form"), *q = strstr(out, "quadrature");
        char *df = strstr(out, "difference"), *qe = strstr(out, "quad. error");
        CU_ASSERT(c == out);
        CU_ASSERT_PTR_NOT_NULL_FATAL(q);
        CU_ASSERT_PTR_NOT_NULL_FATAL(df);
        CU_ASSERT_PTR_NOT_NULL_FATAL(qe);
        CU_ASSERT(sscanf(c, "closed form %lf", &closed) == 1);
        CU_ASSERT(sscanf(q, "quadrature %lf", &quad) == 1);
        CU_ASSERT(sscanf(df, "difference %lf", &diff) == 1);
        CU_ASSERT(sscanf(qe, "quad. error %lf", &qerr) == 1);
        ASSERT_REL(quad, closed, 1e-10);
        CU_ASSERT(fabs(diff) <= 1e-10 * closed);
        CU_ASSERT(qerr >= 0.0);
        free(out);
        free(err);
    }
    /* the closed-form line is the plain command's value */
    char *out, *err;
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("gauss", "0", "5", "0", "1", "--check",
                                        "--base", "2"), &out, &err), 0);
    double d;
    kl_gaussian_divergence(0, 5, 0, 1, &d);
    CU_ASSERT(strncmp(out, "closed form  ", 13) == 0);
    CU_ASSERT_DOUBLE_EQUAL(strtod(out + 13, NULL), d / log(2.0),
                           1e-15 * d / log(2.0));
    free(out);
    free(err);
}

/* Items 3-5 of issue 13: mu1 - mu2 overflowed before it was scaled
 * (printed inf for 2 and for 2.0e16); a finite divergence beyond the largest
 * double printed inf; --check printed "difference -nan".  References:
 * Python decimal at 80 digits on the exact doubles. */
static void test_cli_gauss_overflow(void)
{
    expect_value(ARGS("gauss", "1e308", "1e308", "-1e308", "1e308"), 2.0, 0.0);
    expect_value(ARGS("gauss", "1e308", "1", "-1e308", "1e300"),
                 2.000000000000069e+16, 4 * 2.2e-16);
    expect_value(ARGS("gauss", "1.5e154", "1", "0", "1"),
                 1.1250000000000002e+308, 4 * 2.2e-16);
    /* the range policy: refused, one line, never "inf" */
    const char *range = "finite but too large for a double";
    expect_bad(ARGS("gauss", "0", "1", "0", "1e-300"), range);
    expect_bad(ARGS("gauss", "0", "1", "0", "1e-320", "--check"), range);
    expect_bad(ARGS("gauss", "1e308", "1", "-1e308", "1e-10"), range);
    /* 1.445e308 nats fit, 2.08e308 bits do not: the base counts too */
    expect_value(ARGS("gauss", "0", "1", "1.7e154", "1"),
                 1.4449999999999998e+308, 4 * 2.2e-16);
    expect_bad(ARGS("gauss", "0", "1", "1.7e154", "1", "--base", "2"), range);
    /* --check where log q overflows a double: the closed form and a note,
     * no NaN and no inf */
    char *out, *err;
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("gauss", "0", "1", "0", "1e-154",
                                        "--check"), &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "closed form  5e+307\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "note         no quadrature"));
    CU_ASSERT_PTR_NULL(strstr(out, "nan"));
    CU_ASSERT_PTR_NULL(strstr(out, "inf"));
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
}

static void test_cli_gauss_help(void)
{
    char *out, *err;
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("gauss", "--help"), &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "usage: kl gauss"));
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("--help"), &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "gauss MU1 SIGMA1 MU2 SIGMA2"));
    free(out);
    free(err);
}

static void test_cli_gauss_bad_input_errors(void)
{
    /* standard deviations: zero, negative, NaN, infinite */
    expect_bad(ARGS("gauss", "0", "0", "1", "1"), "SIGMA1");
    expect_bad(ARGS("gauss", "0", "1", "1", "0"), "SIGMA2");
    expect_bad(ARGS("gauss", "0", "-1", "1", "1"), "SIGMA1");
    expect_bad(ARGS("gauss", "0", "1", "1", "-2.5"), "SIGMA2");
    expect_bad(ARGS("gauss", "0", "nan", "1", "1"), "SIGMA1");
    expect_bad(ARGS("gauss", "0", "1", "1", "NaN"), "SIGMA2");
    expect_bad(ARGS("gauss", "0", "inf", "1", "1"), "SIGMA1");
    expect_bad(ARGS("gauss", "0", "1", "1", "-inf"), "SIGMA2");
    expect_bad(ARGS("gauss", "0", "1e999", "1", "1"), "SIGMA1");
    expect_bad(ARGS("gauss", "0", "-0", "1", "1"), "SIGMA1");
    /* means that are not finite */
    expect_bad(ARGS("gauss", "nan", "1", "1", "1"), "MU1");
    expect_bad(ARGS("gauss", "0", "1", "inf", "1"), "MU2");
    /* not numbers */
    expect_bad(ARGS("gauss", "x", "1", "1", "1"), "MU1 'x' is not a number");
    expect_bad(ARGS("gauss", "0", "1two", "1", "1"), "SIGMA1 '1two' is not a number");
    expect_bad(ARGS("gauss", "0", "1", "", "1"), "MU2 is empty");
    expect_bad(ARGS("gauss", "0", "1", "1", "1,2"), "SIGMA2 '1,2' is not a number");
    /* wrong number of arguments */
    expect_bad(ARGS("gauss"), "gauss needs 4 numbers, got 0");
    expect_bad(ARGS("gauss", "0", "1", "1"), "gauss needs 4 numbers, got 3");
    expect_bad(ARGS("gauss", "0", "1", "1", "1", "5"), "unexpected '5'");
    expect_bad(ARGS("gauss", "--check", "0", "1"), "got 2");
    /* options */
    expect_bad(ARGS("gauss", "0", "1", "1", "1", "--base", "3"), "unknown base '3'");
    expect_bad(ARGS("gauss", "0", "1", "1", "1", "--base"), "--base needs a value");
    expect_bad(ARGS("gauss", "0", "1", "1", "1", "--base", "2", "--base", "2"),
               "twice");
    expect_bad(ARGS("gauss", "0", "1", "1", "1", "--frobnicate"),
               "unknown option '--frobnicate'");
}

TEST_SUITE(cli_gauss,
           TEST(test_cli_gauss_overflow),
           TEST(test_cli_gauss_values),
           TEST(test_cli_gauss_base),
           TEST(test_cli_gauss_check),
           TEST(test_cli_gauss_help),
           TEST(test_cli_gauss_bad_input_errors))
