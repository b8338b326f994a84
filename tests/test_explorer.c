/* Tests of src/book/explorer.c: the data file an explorer reads, its JSON
 * (escapes, infinities), and the one-line failures of bad input. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "book/book.h"
#include "book/explorer.h"

static const char PARAMS[] = "ALPHA = 0.5   # a concentration; real in (0, 2]\n";

/* Opens chapter 99-test in DIR (parameters DIR/params). */
static struct book *open_dir(const char *dir)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/params", dir);
    char *argv[] = {"99-test", "--params", path, (char *)dir, NULL};
    struct book *b = book_open("99-test", 4, argv);
    book_param_real(b, "ALPHA");
    return b;
}

static void good_explorer(const char *dir)
{
    struct book *b = open_dir(dir);
    struct book_explorer *e = book_explorer_open(b, "demo-1", "map");
    double v[18];
    for (int i = 0; i < 18; i++)
        v[i] = i / 4.0;
    v[1] = INFINITY;
    v[2] = -INFINITY;
    v[3] = -0.0;
    book_explorer_text(e, "title", "D(P‖Q) \"quoted\" </script> & a\\b\n");
    book_explorer_number(e, "third", 1.0 / 3.0);
    book_explorer_array(e, "x", v, 18, 3);
    book_explorer_array(e, "empty", v, 0, 3);
    book_explorer_close(e);
    exit(book_close(b));
}

static void test_explorer_file(void)
{
    char *dir = testlib_tmpdir(), err[4096];
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    testlib_write(dir, "params", PARAMS);
    CU_ASSERT_EQUAL(testlib_run_child(good_explorer, dir, err, sizeof err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    char *json = testlib_read(dir, "demo-1.explorer.json");
    CU_ASSERT_PTR_NOT_NULL_FATAL(json);
    CU_ASSERT_STRING_EQUAL(json,
        "{\"kind\":\"map\",\n"
        "\"title\":\"D(P‖Q) \\\"quoted\\\" \\u003c/script\\u003e \\u0026 "
        "a\\\\b\\u000a\",\n"
        "\"third\":0.33333333333333331,\n"
        "\"x\":[0,1e999,-1e999,0,1,1.25,1.5,1.75,2,2.25,2.5,2.75,3,3.25,3.5,3.75,\n"
        "4,4.25],\n"
        "\"empty\":[]}\n");
    free(json);
    testlib_rmtree(dir);
    free(dir);
}

static const char *bad_case;

static void bad_explorer(const char *dir)
{
    struct book *b = open_dir(dir);
    if (strcmp(bad_case, "name") == 0)
        book_explorer_open(b, "a b", "map");
    if (strcmp(bad_case, "kind") == 0)
        book_explorer_open(b, "a", "pie");
    struct book_explorer *e = book_explorer_open(b, "a", "bars");
    double nan = NAN;
    if (strcmp(bad_case, "nan") == 0)
        book_explorer_array(e, "x", &nan, 1, 6);
    if (strcmp(bad_case, "twice") == 0) {
        book_explorer_number(e, "x", 1);
        book_explorer_number(e, "x", 2);
    }
    if (strcmp(bad_case, "key") == 0)
        book_explorer_number(e, "9x", 1);
    if (strcmp(bad_case, "sig") == 0)
        book_explorer_array(e, "x", &nan, 1, 0);
    exit(0);
}

static void expect_failure(const char *which, const char *want)
{
    char *dir = testlib_tmpdir(), err[4096];
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    testlib_write(dir, "params", PARAMS);
    bad_case = which;
    CU_ASSERT_EQUAL(testlib_run_child(bad_explorer, dir, err, sizeof err), 1);
    CU_ASSERT_STRING_EQUAL(err, want);
    /* nothing half-written is left */
    char *tmp = testlib_read(dir, "a.explorer.json.tmp");
    char *fin = testlib_read(dir, "a.explorer.json");
    CU_ASSERT_PTR_NULL(tmp);
    CU_ASSERT_PTR_NULL(fin);
    free(tmp);
    free(fin);
    testlib_rmtree(dir);
    free(dir);
}

static void test_explorer_errors(void)
{
    expect_failure("name", "99-test: explorer 'a b': a name is a letter, then "
                   "letters, digits or '-' (at most 47)\n");
    expect_failure("kind", "99-test: explorer a: unknown kind 'pie' (map, curve, "
                   "bars or fit)\n");
    expect_failure("nan", "99-test: explorer a: x holds a NaN\n");
    expect_failure("twice", "99-test: explorer a: key 'x' set twice\n");
    expect_failure("key", "99-test: explorer a: '9x' is not a key (a letter, "
                   "then letters, digits or _, at most 31)\n");
    expect_failure("sig", "99-test: explorer a: x: 0 significant digits (1 to "
                   "17)\n");
}

TEST_SUITE(explorer,
           TEST(test_explorer_file),
           TEST(test_explorer_errors))
