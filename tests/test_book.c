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

/* Runs FN in a child process; returns its exit status and its stderr. */
static int run_child(void (*fn)(const char *), const char *dir, char *err,
                     size_t errsize)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        fn(dir);
        _exit(0);
    }
    close(fds[1]);
    size_t n = 0;
    ssize_t r;
    while (n + 1 < errsize && (r = read(fds[0], err + n, errsize - n - 1)) > 0)
        n += (size_t)r;
    err[n] = '\0';
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void good_chapter(const char *dir)
{
    char *argv[] = {"99-test", (char *)dir, NULL};
    struct book *b = book_open("99-test", 2, argv);
    FILE *f = book_data(b, "d.tsv", "test data", "x\ty");
    fprintf(f, "1\t2\n");
    book_close_file(b, f);
    f = book_figure(b, "fig-t", 400, 300);
    fputs("plot \"d.tsv\" using 1:2\n", f);
    book_close_file(b, f);
    book_value(b, "half", 0.5, 3);
    book_value_int(b, "big", 1234567);
    book_value_fixed(b, "fixed", -0.0001, 2);
    book_value_text(b, "name", "N(0, 1)");
    book_claim_rel(b, "one equals one", 1.0, 1.0 + 1e-12, 1e-10);
    book_claim_le(b, "small", 1e-9, 0.0, 1e-8);
    book_claim_sigma(b, "mc", 0.0, 0.1, 0.05, 4.0);
    exit(book_close(b));
}

static void failing_claim_chapter(const char *dir)
{
    char *argv[] = {"99-test", (char *)dir, NULL};
    struct book *b = book_open("99-test", 2, argv);
    book_value(b, "x", 1.0, 3);
    book_claim_abs(b, "two is three", 3.0, 2.0, 0.5);
    book_claim_abs(b, "NaN never holds", 0.0, NAN, 1.0);
    exit(book_close(b));
}

static void duplicate_value_chapter(const char *dir)
{
    char *argv[] = {"99-test", (char *)dir, NULL};
    struct book *b = book_open("99-test", 2, argv);
    FILE *f = book_file(b, "partial.tsv");
    fputs("half written", f);
    book_value(b, "x", 1.0, 3);
    book_value(b, "x", 2.0, 3);
    exit(0);
}

static void nonfinite_value_chapter(const char *dir)
{
    char *argv[] = {"99-test", (char *)dir, NULL};
    struct book *b = book_open("99-test", 2, argv);
    book_value(b, "x", NAN, 3);
    exit(0);
}

static void test_book_chapter_files(void)
{
    char *dir = testlib_tmpdir(), err[4096];
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    CU_ASSERT_EQUAL(run_child(good_chapter, dir, err, sizeof err), 0);
    char *values = testlib_read(dir, "values.tsv");
    char *claims = testlib_read(dir, "claims.tsv");
    char *figs = testlib_read(dir, "figures.list");
    char *gp = testlib_read(dir, "fig-t.gp");
    CU_ASSERT_PTR_NOT_NULL_FATAL(values);
    CU_ASSERT_PTR_NOT_NULL_FATAL(claims);
    CU_ASSERT_PTR_NOT_NULL_FATAL(figs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(gp);
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "half\t0.5\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "big\t1,234,567\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "fixed\t0.00\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(values, "name\tN(0, 1)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(claims, "one equals one\t"));
    CU_ASSERT_PTR_NOT_NULL(strstr(claims, "\tyes\n"));
    CU_ASSERT_PTR_NULL(strstr(claims, "\tno\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(claims, "2 SE"));
    CU_ASSERT_STRING_EQUAL(figs, "fig-t.gp\n");
    CU_ASSERT_PTR_NOT_NULL(strstr(gp, "set output \"fig-t.svg\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(gp, "DejaVu Sans"));
    CU_ASSERT_PTR_NOT_NULL(strstr(gp, "#0072B2"));
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
    CU_ASSERT_EQUAL(run_child(failing_claim_chapter, dir, err, sizeof err), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "two is three"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "NaN never holds"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "99-test: 2 claims failed"));
    /* no values.tsv: make sees the run as failed */
    char *values = testlib_read(dir, "values.tsv");
    CU_ASSERT_PTR_NULL(values);
    free(values);
    char *claims = testlib_read(dir, "claims.tsv");
    CU_ASSERT_PTR_NOT_NULL(claims);
    if (claims)
        CU_ASSERT_PTR_NOT_NULL(strstr(claims, "\tno\n"));
    free(claims);
    testlib_rmtree(dir);
    free(dir);
}

static void test_book_fail_errors(void)
{
    char *dir = testlib_tmpdir(), err[4096];
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    CU_ASSERT_EQUAL(run_child(duplicate_value_chapter, dir, err, sizeof err), 1);
    CU_ASSERT_STRING_EQUAL(err, "99-test: value 'x' set twice\n");
    /* the half-written file is gone */
    char *tmp = testlib_read(dir, "partial.tsv.tmp");
    char *fin = testlib_read(dir, "partial.tsv");
    CU_ASSERT_PTR_NULL(tmp);
    CU_ASSERT_PTR_NULL(fin);
    free(tmp);
    free(fin);
    CU_ASSERT_EQUAL(run_child(nonfinite_value_chapter, dir, err, sizeof err), 1);
    CU_ASSERT_STRING_EQUAL(err, "99-test: value 'x' is not finite\n");
    testlib_rmtree(dir);
    free(dir);
}

TEST_SUITE(book,
           TEST(test_book_format),
           TEST(test_book_chapter_files),
           TEST(test_book_claims_fail),
           TEST(test_book_fail_errors))
