/* Tests of the `kl mi` command (src/cli/cmd_mi.c), run as a real process:
 * values against the library and closed forms, tables from @FILE and
 * standard input, and every kind of bad input provoked on purpose: one line
 * "kl: ..." on stderr, nothing on stdout, exit status 2. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kl/joint.h"

#define ARGS KL_ARGS

static void test_cli_mi_values(void)
{
    const double t[] = {0.1, 0.2, 0.3, 0.4};
    double mi, bits;
    CU_ASSERT_EQUAL(kl_joint_mi(t, 2, 2, 2.718281828459045235360287471352662,
                                &mi), KL_OK);
    CU_ASSERT_EQUAL(kl_joint_mi(t, 2, 2, 2.0, &bits), KL_OK);
    ASSERT_KL_VALUE(ARGS("mi", "0.1,0.2;0.3,0.4"), mi, 0.0);
    ASSERT_KL_VALUE(ARGS("mi", "0.1,0.2;0.3,0.4", "--base", "2"), bits, 0.0);
    ASSERT_KL_VALUE(ARGS("mi", "--base=2", "0.1 0.2; 0.3 0.4;"), bits, 0.0);
    ASSERT_KL_VALUE(ARGS("mi", "1,2;3,4", "--normalize"), mi, 1e-15);
    /* closed forms: Y = X on two outcomes is 1 bit, independence is 0,
     * the BSC with e = 0.1 and a uniform input is 1 - h(0.1) bits */
    ASSERT_KL_VALUE(ARGS("mi", "0.5,0;0,0.5", "--base", "2"), 1.0, 0.0);
    ASSERT_KL_VALUE(ARGS("mi", "0.25,0.25;0.25,0.25"), 0.0, 0.0);
    double h = -(0.1 * log2(0.1) + 0.9 * log2(0.9));
    ASSERT_KL_VALUE(ARGS("mi", "0.45,0.05;0.05,0.45", "--base", "2"), 1.0 - h,
                    1e-15);
    /* a rectangular table (2 x 3, worked by hand: 0.5 bits) and one row */
    ASSERT_KL_VALUE(ARGS("mi", "0.25,0.25,0;0,0.25,0.25", "--base", "2"), 0.5,
                    1e-15);
    ASSERT_KL_VALUE(ARGS("mi", "0.2,0.3,0.5"), 0.0, 0.0);
    ASSERT_KL_VALUE(ARGS("mi", "0.2;0.3;0.5"), 0.0, 0.0);
}

static void test_cli_mi_files(void)
{
    char *dir = testlib_tmpdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char a[4200], path[4200];
    CU_ASSERT_EQUAL(testlib_write(dir, "t", "0.25 0.25 0\r\n0, 0.25, 0.25\r\n\r\n"), 0);
    snprintf(a, sizeof a, "@%s/t", dir);
    snprintf(path, sizeof path, "%s/t", dir);
    ASSERT_KL_VALUE(ARGS("mi", a, "--base", "2"), 0.5, 1e-15);
    char *out, *err;
    CU_ASSERT_EQUAL(testlib_run_kl_io(ARGS("mi", "-", "--base", "2"), path,
                                      NULL, &out, &err), 0);
    ASSERT_ABS(strtod(out, NULL), 0.5, 1e-15);
    free(out);
    free(err);
    /* a ragged row in a file is named with its line */
    CU_ASSERT_EQUAL(testlib_write(dir, "t", "0.25,0.25\n0.25,0.125,0.125\n"), 0);
    ASSERT_KL_BAD(ARGS("mi", a), "P_XY row 2 has 3 entries, but row 1 has 2 "
                  "(every row must have as many) (line 2 of @");
    CU_ASSERT_EQUAL(testlib_write(dir, "t", "0.5,0.5\n0,nan\n"), 0);
    ASSERT_KL_BAD(ARGS("mi", a), "P_XY: entry (2,2) is NaN (line 2 of @");
    /* too many columns */
    char *row = malloc(4 * 1001 + 1);
    for (int i = 0; i < 1001; i++)
        memcpy(row + 2 * i, "0,", 2);
    row[2 * 1001 - 1] = '\0';
    CU_ASSERT_EQUAL(testlib_write(dir, "t", row), 0);
    free(row);
    ASSERT_KL_BAD(ARGS("mi", a), "P_XY row 1 has 1001 entries, more than 1000 (the limit)");
    ASSERT_KL_BAD(ARGS("mi", "@/nonexistent/kl-table"), "P_XY: cannot open");
    ASSERT_KL_BAD(ARGS("mi", "@/dev/zero"), "holds a NUL byte at byte 1");
    testlib_rmtree(dir);
    free(dir);
}

static void test_cli_mi_errors(void)
{
    ASSERT_KL_BAD(ARGS("mi", "0.5,-0.1;0.3,0.3"),
                  "P_XY: entry (1,2) is negative (-0.1)");
    ASSERT_KL_BAD(ARGS("mi", "0.5,0.1;nan,0.3"), "P_XY: entry (2,1) is NaN");
    ASSERT_KL_BAD(ARGS("mi", "0.5,inf;0.1,0.3"), "P_XY: entry (1,2) is infinite");
    ASSERT_KL_BAD(ARGS("mi", "0.5,0.1;0.3,0.3"),
                  "P_XY sums to 1.2, not 1 (use --normalize for counts)");
    ASSERT_KL_BAD(ARGS("mi", "0.5,0.5;0.5"),
                  "P_XY row 2 has 1 entry, but row 1 has 2 (every row must have as many)");
    ASSERT_KL_BAD(ARGS("mi", "0.5;0.25,0.25"),
                  "P_XY row 2 has 2 entries, but row 1 has 1");
    ASSERT_KL_BAD(ARGS("mi", "0.5,0.5;;0,0"), "P_XY row 2 is empty");
    ASSERT_KL_BAD(ARGS("mi", ""), "P_XY is empty");
    ASSERT_KL_BAD(ARGS("mi", "0.5,x;0.25,0.25"), "P_XY row 1: entry 2 'x' is not a number");
    ASSERT_KL_BAD(ARGS("mi", "0,0;0,0", "--normalize"), "P_XY: the counts are all zero");
    ASSERT_KL_BAD(ARGS("mi", "1,-2;3,4", "--normalize"),
                  "P_XY: entry (1,2) is negative (-2)");
    ASSERT_KL_BAD(ARGS("mi"), "mi needs a joint table P_XY");
    ASSERT_KL_BAD(ARGS("mi", "1", "1"), "mi takes one joint table; unexpected '1'");
    ASSERT_KL_BAD(ARGS("mi", "1", "--base", "3"), "unknown base '3'");
    ASSERT_KL_BAD(ARGS("mi", "1", "--base", "2", "--base", "2"), "--base given twice");
    ASSERT_KL_BAD(ARGS("mi", "1", "--base"), "--base needs a value");
    ASSERT_KL_BAD(ARGS("mi", "1", "--frob"), "unknown option '--frob' (try 'kl mi --help')");
}

static void test_cli_mi_help(void)
{
    char *out, *err;
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("mi", "--help"), &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "usage: kl mi P_XY"));
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("--help"), &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "mutual information I(X;Y)"));
    free(out);
    free(err);
}

TEST_SUITE(cli_mi, TEST(test_cli_mi_values), TEST(test_cli_mi_files),
           TEST(test_cli_mi_errors), TEST(test_cli_mi_help))
