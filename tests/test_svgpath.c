/* Tests of src/book/svgpath.c: path data and polygon points rounded to
 * tenths, points on the line through their neighbours dropped (and those
 * off it kept), relative commands in the fewest characters, dots, and the
 * input it does not understand left alone. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/svgpath.h"

enum { PATH, POINTS };

/* What book_svg_path or book_svg_points writes for IN, and its status. */
static char *run(int kind, const char *in, int *status)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    *status = kind == PATH ? book_svg_path(f, in, strlen(in), 0.1)
                           : book_svg_points(f, in, strlen(in), 0.1);
    fclose(f);
    return buf;
}

static void expect(int kind, const char *in, const char *want)
{
    int status;
    char *got = run(kind, in, &status);
    CU_ASSERT_EQUAL(status, 0);
    CU_ASSERT_STRING_EQUAL(got, want);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n    '%s': wanted '%s', got '%s'\n", in, want, got);
    free(got);
}

static void test_svgpath_path(void)
{
    /* collinear points dropped; h, v, l; closed; a next subpath relative to
     * where z left the pen; a segment shorter than a tenth kept as h0 */
    expect(PATH, "M10.00,20.00 L11.00,20.00 L12.00,20.00 L12.00,25.54 L14.04,27.96 Z "
                 "M30,40 L30,40.01",
           "M10 20h2v5.5l2 2.5zm20 20h0");
    /* no separator before a minus sign, nor before ".5" after "-.5"; a
     * repeated l not written again */
    expect(PATH, "M0,0 L1.5,-0.5 L2,-1.5", "M0 0l1.5-.5.5-1");
    /* gnuplot's layout: line breaks and tabs, two spaces at the end */
    expect(PATH, "M93.60,394.68 L87.75,394.68\n\t\tL87.75,390.00  ", "M93.6 394.7h-5.8v-4.7");
    /* an open subpath: the next one starts from its last point */
    expect(PATH, "M1,1 L2,1 M3,3 L4,3", "M1 1h1m1 2h1");
}

static void test_svgpath_tolerance(void)
{
    /* 0.04 off the line: dropped; 0.2 off it: kept */
    expect(PATH, "M0,0 L5,0.04 L10,0", "M0 0h10");
    expect(PATH, "M0,0 L5,0.2 L10,0", "M0 0l5 .2 5-.2");
    /* a long curve sampled finer than the tolerance: only its turns */
    char d[20000];
    size_t at = (size_t)snprintf(d, sizeof d, "M0,0");
    for (int i = 1; i <= 200; i++)
        at += (size_t)snprintf(d + at, sizeof d - at, " L%d.00,%d.00", i, i <= 100 ? 0 : i - 100);
    expect(PATH, d, "M0 0h100l100 100");
    /* a point that turns back, though on the line, is kept */
    expect(PATH, "M0,0 L10,0 L5,0", "M0 0h10-5");
}

static void test_svgpath_points(void)
{
    expect(POINTS, "84.50,331.75 388.61,331.75 388.61,245.01 84.50,245.01 ",
           "84.5 331.8 388.6 331.8 388.6 245 84.5 245");
    expect(POINTS, "0,0 5,0 10,0 10,10", "0 0 10 0 10 10");
    expect(POINTS, "-1.5,2 3,-4", "-1.5 2 3 -4");   /* points keep their separators */
}

static void test_svgpath_dots_and_tenths(void)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    const double xy[] = {1.04, 2, 3.5, -1, 3.5, -1};
    book_svg_dots(f, xy, 3);
    fputc('|', f);
    book_svg_tenths(f, -0.04);
    fputc('|', f);
    book_svg_tenths(f, -0.5);
    fputc('|', f);
    book_svg_tenths(f, 12.0);
    fputc('|', f);
    book_svg_tenths(f, 3.14159);
    fputc('|', f);
    book_svg_tenths(f, 759.38);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "M1 2h0m2.5-3h0m0 0h0|0|-.5|12|3.1|759.4");
    free(buf);
}

static void test_svgpath_path_errors(void)
{
    const char *bad[] = {"M0,0 C1,1 2,2 3,3", "M-1,0 h2 M0,-1 v2", "M0,0 L1,", "L1,1 L2,2",
                         "", "  ", "M0,0 Z 1,1", "M0,0 Z L1,1", "M0,0 Lx,1", "M1e99,0 L0,0",
                         "M0,0 Z Z", "3,4"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int status;
        char *got = run(PATH, bad[i], &status);
        CU_ASSERT_EQUAL(status, -1);
        CU_ASSERT_STRING_EQUAL(got, "");    /* nothing written: the caller keeps it */
        if (status != -1)
            fprintf(stderr, "\n    '%s' accepted as '%s'\n", bad[i], got);
        free(got);
    }
    const char *badp[] = {"", "1,2 3", "1,2 x,3", "M1,2 3,4"};
    for (size_t i = 0; i < sizeof badp / sizeof badp[0]; i++) {
        int status;
        char *got = run(POINTS, badp[i], &status);
        CU_ASSERT_EQUAL(status, -1);
        CU_ASSERT_STRING_EQUAL(got, "");
        free(got);
    }
}

TEST_SUITE(svgpath,
           TEST(test_svgpath_path),
           TEST(test_svgpath_tolerance),
           TEST(test_svgpath_points),
           TEST(test_svgpath_dots_and_tenths),
           TEST(test_svgpath_path_errors))
