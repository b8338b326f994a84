/* Tests of src/book/book.c: number formatting, the files a chapter program
 * writes, claims that hold and fail, and the exits of book_fail. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "book/book.h"

static void check_format(double v, int sig, int md, const char *want)
{
    char buf[128];
    book_format(v, sig, md, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, want);
    if (strcmp(buf, want) != 0)
        fprintf(stderr, "\n    book_format(%.17g, %d) = '%s', want '%s'\n",
                v, sig, buf, want);
}

static void test_book_format(void)
{
    check_format(0.5, 4, 1, "0.5");
    check_format(1.0, 4, 1, "1");
    check_format(-0.25, 4, 1, "\xe2\x88\x92" "0.25");
    check_format(3.14159265, 3, 1, "3.14");
    check_format(9.9996, 4, 1, "10");
    check_format(123456.0, 3, 1, "123000");
    check_format(1234567.0, 3, 1, "1.23 × 10^6^");
    check_format(1e-5, 3, 1, "10^\xe2\x88\x92" "5^");
    check_format(-2.5e-7, 2, 1, "\xe2\x88\x92" "2.5 × 10^\xe2\x88\x92" "7^");
    check_format(9.99e-5, 2, 1, "0.0001");
    check_format(0.0, 4, 1, "0");
    check_format(INFINITY, 4, 1, "∞");
    check_format(NAN, 4, 1, "NaN");
    check_format(2.5e-7, 2, 0, "2.5e-7");
    check_format(-0.125, 3, 0, "-0.125");
}

/* Opens chapter 99-test in DIR with the parameters DIR/params (a reals list
 * SIZES and a real ALPHA) and the override words SET (NULL-terminated). */
static struct book *open_test(const char *dir, char **set)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/params", dir);
    char *argv[16] = {"99-test", "--params", path, (char *)dir};
    int argc = 4;
    while (set != NULL && *set != NULL && argc < 15)
        argv[argc++] = *set++;
    argv[argc] = NULL;
    return book_open("99-test", argc, argv);
}

static const char test_params[] =
    "# test parameters\n"
    "ALPHA = 0.5   # a concentration; real in (0, 2]\n"
    "\n"
    "SIZES = 2, 10  # alphabet sizes; integers in [2, 100], 1 to 3 of them, increasing\n";

static void good_chapter(const char *dir)
{
    struct book *b = open_test(dir, NULL);
    long sizes[3];
    CU_ASSERT_EQUAL(book_param_int_list(b, "SIZES", sizes, 3), 2);
    CU_ASSERT_EQUAL(sizes[1], 10);
    book_plot_value(b, "alpha_sq", book_param_real(b, "ALPHA") * 2);
    book_plot_text(b, "label", "say \"hi\"");
    FILE *f = book_data(b, "d.tsv", "test data", "x\ty");
    fprintf(f, "1\t2\n");
    book_close_file(b, f);
    book_value(b, "half", 0.5, 3);
    book_value_int(b, "big", 1234567);
    book_value_fixed(b, "fixed", -0.0001, 2);
    book_value_text(b, "name", "N(0, 1)");
    book_claim_rel(b, "library", "one equals one", 1.0, 1.0 + 1e-12, 1e-10);
    book_claim_le(b, "bound", "small", 1e-9, 0.0, 1e-8);
    book_claim_sigma(b, "Monte Carlo", "mc", 0.0, 0.1, 0.05, 4.0);
    exit(book_close(b));
}

static void failing_claim_chapter(const char *dir)
{
    struct book *b = open_test(dir, NULL);
    book_param_real(b, "ALPHA");
    book_param_int_list(b, "SIZES", (long[3]){0}, 3);
    book_value(b, "x", 1.0, 3);
    book_claim_abs(b, "exact", "two is *three*", 3.0, 2.0, 0.5);
    book_claim_abs(b, "exact", "NaN never holds", 0.0, NAN, 1.0);
    book_claim_le(b, "bound", "10^−3^ is below 10^−4^", 1e-3, 1e-4, 0.0);
    exit(book_close(b));
}

static void duplicate_value_chapter(const char *dir)
{
    struct book *b = open_test(dir, NULL);
    book_param_real(b, "ALPHA");
    book_param_int_list(b, "SIZES", (long[3]){0}, 3);
    FILE *f = book_file(b, "partial.tsv");
    fputs("half written", f);
    book_value(b, "x", 1.0, 3);
    book_value(b, "x", 2.0, 3);
    exit(0);
}

static void nonfinite_value_chapter(const char *dir)
{
    struct book *b = open_test(dir, NULL);
    book_param_real(b, "ALPHA");
    book_param_int_list(b, "SIZES", (long[3]){0}, 3);
    book_value(b, "x", NAN, 3);
    exit(0);
}

static void test_book_chapter_files(void)
{
    char *dir = testlib_tmpdir(), err[4096];
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    testlib_write(dir, "params", test_params);
    CU_ASSERT_EQUAL(testlib_run_child(good_chapter, dir, err, sizeof err), 0);
    char *values = testlib_read(dir, "values.tsv");
    char *claims = testlib_read(dir, "claims.tsv");
    char *figs = testlib_read(dir, "params.tsv");
    char *gp = testlib_read(dir, "values.gp");
    CU_ASSERT_PTR_NOT_NULL_FATAL(values);
    CU_ASSERT_PTR_NOT_NULL_FATAL(claims);
    CU_ASSERT_PTR_NOT_NULL_FATAL(figs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(gp);
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "half\t0.5\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "big\t1,234,567\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "fixed\t0.00\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "name\tN(0, 1)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(claims, "one equals one\tlibrary\t1\t"));
    CU_ASSERT_PTR_NOT_NULL(strstr(claims, "small\tbound\t≤ 0\t10^−9^\t"
                                  "10^−9^ above the bound\tup to 10^−8^ "
                                  "above\tyes\ttests/test_book.c:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(claims, "\tyes\t"));
    CU_ASSERT_PTR_NULL(strstr(claims, "\tno\t"));
    CU_ASSERT_PTR_NOT_NULL(strstr(claims, "2 SE"));
    /* the parameters: values of the prose, variables of the figures */
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "ALPHA\t0.5\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "SIZES\t2 and 10\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "SIZES.n\t2\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(gp, "\nALPHA = 0.5\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(gp, "\nSIZES = \"2 10\"\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(gp, "\nalpha_sq = 1\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(gp, "\nlabel = \"say \\\"hi\\\"\"\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(figs, "SIZES\t2, 10\talphabet sizes\t"
                                  "1 to 3 integers in [2, 100], increasing\t"));
    CU_ASSERT_PTR_NOT_NULL(strstr(figs, "/params:4\n"));
    CU_ASSERT_PTR_NULL(testlib_read(dir, "d.tsv.tmp"));
    free(values);
    free(claims);
    free(figs);
    free(gp);
    testlib_rmtree(dir);
    free(dir);
}

static void test_book_claims_fail(void)
{
    char *dir = testlib_tmpdir(), err[4096];
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    testlib_write(dir, "params", test_params);
    CU_ASSERT_EQUAL(testlib_run_child(failing_claim_chapter, dir, err, sizeof err), 1);
    /* each failure on one plain line, at the claim's source */
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "tests/test_book.c:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, ": claim does not hold: two is three "
                                  "[exact]: expected 3, observed 2, "
                                  "difference 1, allowed 0.5\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "NaN never holds [exact]: expected 0,"
                                  " observed NaN, difference NaN"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "claim does not hold: 10^−3 is below "
                                  "10^−4 [bound]: expected ≤ 0.0001, observed"
                                  " 0.001, difference 0.0009 above the bound,"
                                  " allowed none above\n"));
    CU_ASSERT_PTR_NULL(strstr(err, "×"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "99-test: 3 claims failed"));
    /* no values.tsv: make sees the run as failed */
    char *values = testlib_read(dir, "values.tsv");
    CU_ASSERT_PTR_NULL(values);
    free(values);
    char *claims = testlib_read(dir, "claims.tsv");
    CU_ASSERT_PTR_NOT_NULL(claims);
    if (claims)
        CU_ASSERT_PTR_NOT_NULL(strstr(claims, "\tno\t"));
    free(claims);
    testlib_rmtree(dir);
    free(dir);
}

static void test_book_fail_errors(void)
{
    char *dir = testlib_tmpdir(), err[4096];
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    testlib_write(dir, "params", test_params);
    CU_ASSERT_EQUAL(testlib_run_child(duplicate_value_chapter, dir, err, sizeof err), 1);
    CU_ASSERT_STRING_EQUAL(err, "99-test: value 'x' set twice\n");
    /* the half-written file is gone */
    char *tmp = testlib_read(dir, "partial.tsv.tmp");
    char *fin = testlib_read(dir, "partial.tsv");
    CU_ASSERT_PTR_NULL(tmp);
    CU_ASSERT_PTR_NULL(fin);
    free(tmp);
    free(fin);
    CU_ASSERT_EQUAL(testlib_run_child(nonfinite_value_chapter, dir, err, sizeof err), 1);
    CU_ASSERT_STRING_EQUAL(err, "99-test: value 'x' is not finite\n");
    testlib_rmtree(dir);
    free(dir);
}

/* The child of the parameter tests: opens 99-test with SET_WORDS, reads
 * what PARAM_READS says, and closes. */
static char *set_words[4];
static const char *param_reads = "both";

static void param_chapter(const char *dir)
{
    struct book *b = open_test(dir, set_words);
    if (strcmp(param_reads, "alpha-as-int") == 0)
        book_param_int(b, "ALPHA");
    if (strcmp(param_reads, "refuse") == 0)
        book_param_refuse(b, "ALPHA", "the chapter needs ALPHA below 1");
    book_param_real(b, "ALPHA");
    if (strcmp(param_reads, "alpha-only") != 0)
        book_param_int_list(b, "SIZES", (long[3]){0}, 3);
    book_claim_abs(b, "library", "x", 0, 0, 0);
    exit(book_close(b));
}

/* Runs param_chapter with PARAMS as the params file and the words W1, W2;
 * checks its exit status and that its stderr is the one line WANT. */
static void check_param_error(const char *params, const char *w1,
                              const char *w2, const char *want)
{
    char *dir = testlib_tmpdir(), err[4096], line[4400];
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    testlib_write(dir, "params", params);
    err[0] = '\0';
    set_words[0] = (char *)w1;
    set_words[1] = (char *)w2;
    set_words[2] = NULL;
    int status = testlib_run_child(param_chapter, dir, err, sizeof err);
    /* one line, starting "99-test: WANT"; where WANT starts with /params,
     * it is compared from the params file's name on (the folder varies) */
    snprintf(line, sizeof line, "99-test: %s", want);
    const char *got = err;
    if (strncmp(want, "/params", 7) == 0) {
        got = strstr(err, "/params");
        snprintf(line, sizeof line, "%s", want);
    }
    CU_ASSERT_EQUAL(status, 1);
    int one_line = strchr(err, '\n') == err + strlen(err) - 1;
    int match = got != NULL && strncmp(got, line, strlen(line)) == 0;
    CU_ASSERT(one_line && match);
    if (!one_line || !match)
        fprintf(stderr, "\n    got  '%s'\n    want '%s...'\n", err, line);
    CU_ASSERT_PTR_NULL(testlib_read(dir, "values.tsv"));
    testlib_rmtree(dir);
    free(dir);
}

static void test_book_params_set(void)
{
    char *dir = testlib_tmpdir(), err[4096];
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    testlib_write(dir, "params", test_params);
    set_words[0] = "ALPHA=2";
    set_words[1] = "SIZES=3,4,99";
    set_words[2] = NULL;
    param_reads = "both";
    CU_ASSERT_EQUAL(testlib_run_child(param_chapter, dir, err, sizeof err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    char *values = testlib_read(dir, "values.tsv");
    char *params = testlib_read(dir, "params.tsv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(values);
    CU_ASSERT_PTR_NOT_NULL_FATAL(params);
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "ALPHA\t2\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "SIZES\t3, 4 and 99\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(params, "\tSET SIZES=3,4,99\n"));
    free(values);
    free(params);
    testlib_rmtree(dir);
    free(dir);
}

static void test_book_params_errors(void)
{
    param_reads = "both";
    check_param_error(test_params, "ALPHA=0", NULL,
                      "SET ALPHA=0: ALPHA = 0 is out of range: ALPHA is a real in (0, 2]");
    check_param_error(test_params, "ALPHA=2.5", NULL,
                      "SET ALPHA=2.5: ALPHA = 2.5 is out of range: ALPHA is a real in (0, 2]");
    check_param_error(test_params, "ALPHA=nan", NULL,
                      "SET ALPHA=nan: ALPHA = nan is not a number: ALPHA is a real in (0, 2]");
    check_param_error(test_params, "ALPHA=0.5x", NULL,
                      "SET ALPHA=0.5x: ALPHA = 0.5x is not a number: ALPHA is a real in (0, 2]");
    check_param_error(test_params, "SIZES=2.5", NULL,
                      "SET SIZES=2.5: SIZES = 2.5 is not a list of integers: SIZES is 1 to 3 integers in [2, 100], increasing");
    check_param_error(test_params, "SIZES=5,3", NULL,
                      "SET SIZES=5,3: SIZES = 5,3 is not increasing: SIZES is 1 to 3 integers in [2, 100], increasing");
    check_param_error(test_params, "SIZES=2,3,4,5", NULL,
                      "SET SIZES=2,3,4,5: SIZES = 2,3,4,5 has too many values: SIZES is 1 to 3 integers in [2, 100], increasing");
    check_param_error(test_params, "SIZES=", NULL,
                      "SET SIZES=: SIZES =  is not a list of integers: SIZES is 1 to 3 integers in [2, 100], increasing");
    check_param_error(test_params, "ALPHA=1", "BETA=2",
                      "SET BETA=2: unknown parameter BETA (");
    check_param_error("ALPHA = 3  # a; real in (0, 2]\nSIZES = 2 # s; integers in [2, 9]\n",
                      NULL, NULL, "/params:1: ALPHA = 3 is out of range: ALPHA is a real in (0, 2]");
    check_param_error("ALPHA = 1\n", NULL, NULL,
                      "/params:1: ALPHA has no comment saying what it is and its range (# what it is; real in [lo, hi])");
    check_param_error("ALPHA = 1  # a concentration\n", NULL, NULL,
                      "/params:1: the comment of ALPHA must end with its range, as '; real in [0, 1]', '; integer in [1, 100]' or '; integers in [2, 10], 1 to 4 of them, increasing'");
    check_param_error("ALPHA 1  # a; real in [0, 2]\n", NULL, NULL,
                      "/params:1: expected NAME = VALUE  # what it is; TYPE in RANGE");
    check_param_error("ALPHA = 1 # a; real in [0, 2]\nALPHA = 1 # a; real in [0, 2]\n",
                      NULL, NULL, "/params:2: parameter ALPHA declared twice");
    param_reads = "alpha-only";
    check_param_error(test_params, NULL, NULL, "parameter SIZES is declared in ");
    param_reads = "alpha-as-int";
    check_param_error(test_params, NULL, NULL, "parameter ALPHA is declared in ");
    param_reads = "refuse";
    check_param_error(test_params, "ALPHA=1.5", NULL,
                      "SET ALPHA=1.5: ALPHA = 1.5: the chapter needs ALPHA below 1");
    param_reads = "both";
}

TEST_SUITE(book,
           TEST(test_book_params_set),
           TEST(test_book_params_errors),
           TEST(test_book_format),
           TEST(test_book_chapter_files),
           TEST(test_book_claims_fail),
           TEST(test_book_fail_errors))
