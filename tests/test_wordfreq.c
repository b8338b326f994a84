/* Tests of src/kl/wordfreq.c: splitting, a shared vocabulary, counts, the
 * error paths; and the `kl` calculator examples that chapter 2 prints for
 * word-count vectors and its worked example, run through the binary in
 * $KL_BIN and read back against the library's values. */
#define _POSIX_C_SOURCE 200809L /* popen, pclose */
#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "kl/discrete.h"
#include "kl/wordfreq.h"

static const char DOC1[] = "apple banana apple orange banana apple";
static const char DOC2[] = "apple orange orange cherry cherry orange";

static void test_wordfreq_two_documents(void)
{
    struct kl_wordfreq *wf = kl_wordfreq_alloc();
    CU_ASSERT_PTR_NOT_NULL_FATAL(wf);
    size_t d1 = 99, d2 = 99;
    CU_ASSERT_EQUAL(kl_wordfreq_add(wf, DOC1, &d1), KL_OK);
    CU_ASSERT_EQUAL(kl_wordfreq_size(wf), 3);
    CU_ASSERT_EQUAL(kl_wordfreq_add(wf, DOC2, &d2), KL_OK);
    CU_ASSERT_EQUAL(d1, 0);
    CU_ASSERT_EQUAL(d2, 1);
    CU_ASSERT_EQUAL(kl_wordfreq_documents(wf), 2);
    CU_ASSERT_EQUAL_FATAL(kl_wordfreq_size(wf), 4);
    const char *want[] = {"apple", "banana", "orange", "cherry"};
    for (size_t i = 0; i < 4; i++)
        CU_ASSERT_STRING_EQUAL(kl_wordfreq_word(wf, i), want[i]);
    CU_ASSERT_PTR_NULL(kl_wordfreq_word(wf, 4));
    double c1[4], c2[4];
    CU_ASSERT_EQUAL(kl_wordfreq_counts(wf, d1, c1, 4), KL_OK);
    CU_ASSERT_EQUAL(kl_wordfreq_counts(wf, d2, c2, 4), KL_OK);
    double w1[] = {3, 2, 1, 0}, w2[] = {1, 0, 3, 2};
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(c1[i], w1[i]);
        CU_ASSERT_EQUAL(c2[i], w2[i]);
    }
    CU_ASSERT_EQUAL(kl_wordfreq_length(wf, d1), 6);
    CU_ASSERT_EQUAL(kl_wordfreq_length(wf, d2), 6);
    CU_ASSERT_EQUAL(kl_wordfreq_length(wf, 2), 0);
    size_t k = 99;
    CU_ASSERT_EQUAL(kl_wordfreq_index(wf, "Cherry", &k), KL_OK);
    CU_ASSERT_EQUAL(k, 3);
    /* "banana" never occurs in doc 2: its divergence from doc 1 is infinite */
    double p[4], q[4], d;
    CU_ASSERT_EQUAL(kl_discrete_normalize(c1, 4, p), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_normalize(c2, 4, q), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_divergence(p, q, 4, KL_BASE_E, &d), KL_OK);
    CU_ASSERT(isinf(d) && d > 0);
    kl_wordfreq_free(wf);
}

static void test_wordfreq_splitting(void)
{
    struct kl_wordfreq *wf = kl_wordfreq_alloc();
    CU_ASSERT_PTR_NOT_NULL_FATAL(wf);
    size_t d;
    CU_ASSERT_EQUAL(kl_wordfreq_add(wf, "  The cat -- the CAT, don't; "
                                        "well-kept 'quotes' x2 café\n\tthe'",
                                    &d), KL_OK);
    const char *want[] = {"the", "cat", "don't", "well-kept", "quotes", "x2",
                          "caf\xc3\xa9"};
    CU_ASSERT_EQUAL_FATAL(kl_wordfreq_size(wf), 7);
    for (size_t i = 0; i < 7; i++)
        CU_ASSERT_STRING_EQUAL(kl_wordfreq_word(wf, i), want[i]);
    double c[7];
    CU_ASSERT_EQUAL(kl_wordfreq_counts(wf, d, c, 7), KL_OK);
    CU_ASSERT_EQUAL(c[0], 3);
    CU_ASSERT_EQUAL(c[1], 2);
    CU_ASSERT_EQUAL(kl_wordfreq_length(wf, d), 10);
    kl_wordfreq_free(wf);
}

static void test_wordfreq_large_vocabulary(void)
{
    /* enough words to grow the hash table several times */
    enum { N = 5000 };
    char *text = malloc(N * 8 + 1), *t = text;
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    for (int i = 0; i < N; i++)
        t += sprintf(t, "w%d ", i % 2500);
    struct kl_wordfreq *wf = kl_wordfreq_alloc();
    size_t d;
    CU_ASSERT_EQUAL(kl_wordfreq_add(wf, text, &d), KL_OK);
    CU_ASSERT_EQUAL(kl_wordfreq_size(wf), 2500);
    double *c = malloc(2500 * sizeof *c);
    CU_ASSERT_EQUAL(kl_wordfreq_counts(wf, d, c, 2500), KL_OK);
    int all_two = 1;
    for (int i = 0; i < 2500; i++)
        all_two &= c[i] == 2.0;
    CU_ASSERT(all_two);
    size_t k;
    CU_ASSERT_EQUAL(kl_wordfreq_index(wf, "w1234", &k), KL_OK);
    CU_ASSERT_STRING_EQUAL(kl_wordfreq_word(wf, k), "w1234");
    free(c);
    free(text);
    kl_wordfreq_free(wf);
}

static void test_wordfreq_add_errors(void)
{
    struct kl_wordfreq *wf = kl_wordfreq_alloc();
    CU_ASSERT_PTR_NOT_NULL_FATAL(wf);
    size_t d = 42;
    CU_ASSERT_EQUAL(kl_wordfreq_add(wf, "", &d), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_wordfreq_add(wf, " \t\n ,.;!? -- ' ", &d), KL_EEMPTY);
    CU_ASSERT_EQUAL(kl_wordfreq_add(wf, NULL, &d), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_wordfreq_add(NULL, "apple", &d), KL_EPARAM);
    CU_ASSERT_EQUAL(d, 42);
    CU_ASSERT_EQUAL(kl_wordfreq_documents(wf), 0);
    CU_ASSERT_EQUAL(kl_wordfreq_size(wf), 0);
    kl_wordfreq_free(wf);
    kl_wordfreq_free(NULL);
}

static void test_wordfreq_query_errors(void)
{
    struct kl_wordfreq *wf = kl_wordfreq_alloc();
    CU_ASSERT_PTR_NOT_NULL_FATAL(wf);
    size_t k = 42;
    double c[3] = {7, 7, 7};
    CU_ASSERT_EQUAL(kl_wordfreq_index(wf, "apple", &k), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_wordfreq_counts(wf, 0, c, 0), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_wordfreq_add(wf, "apple pear", NULL), KL_OK);
    CU_ASSERT_EQUAL(kl_wordfreq_index(wf, "plum", &k), KL_EPARAM);
    CU_ASSERT_EQUAL(k, 42);
    CU_ASSERT_EQUAL(kl_wordfreq_counts(wf, 1, c, 2), KL_EPARAM); /* no doc 1 */
    CU_ASSERT_EQUAL(kl_wordfreq_counts(wf, 0, c, 3), KL_EPARAM); /* wrong n */
    CU_ASSERT_EQUAL(c[0], 7);
    CU_ASSERT_EQUAL(kl_wordfreq_size(NULL), 0);
    CU_ASSERT_PTR_NULL(kl_wordfreq_word(NULL, 0));
    kl_wordfreq_free(wf);
}

/* -- the calculator examples of chapter 2 --------------------------------- */

typedef enum kl_status (*measure_fn)(const double *, const double *, size_t,
                                     double, double *);

struct cli_example {
    const char *args[8];
    measure_fn fn;
    int normalize;
    double base;
    double p[4], q[4];
};

static void test_wordfreq_cli_chapter02(void)
{
    if (getenv("KL_BIN") == NULL) {
        CU_FAIL("KL_BIN is not set (run through make test)");
        return;
    }
#define WP "0.5,0.25,0.125,0.125"
#define WQ "0.25,0.125,0.125,0.5"
    static const struct cli_example ex[] = {
        {{"cross", WP, WQ, "--base", "2"}, kl_discrete_cross_entropy, 0, 2,
         {0.5, 0.25, 0.125, 0.125}, {0.25, 0.125, 0.125, 0.5}},
        {{"div", WP, WQ, "--base", "2"}, kl_discrete_divergence, 0, 2,
         {0.5, 0.25, 0.125, 0.125}, {0.25, 0.125, 0.125, 0.5}},
        {{"div", WQ, WP, "--base", "2"}, kl_discrete_divergence, 0, 2,
         {0.25, 0.125, 0.125, 0.5}, {0.5, 0.25, 0.125, 0.125}},
        {{"js", WP, WQ, "--base", "2"}, kl_discrete_js, 0, 2,
         {0.5, 0.25, 0.125, 0.125}, {0.25, 0.125, 0.125, 0.5}},
        {{"div", "3,2,1,0", "1,0,3,2", "--normalize"}, kl_discrete_divergence,
         1, KL_BASE_E, {3, 2, 1, 0}, {1, 0, 3, 2}},
        {{"div", "1,0,3,2", "3,2,1,0", "--normalize"}, kl_discrete_divergence,
         1, KL_BASE_E, {1, 0, 3, 2}, {3, 2, 1, 0}},
        {{"js", "3,2,1,0", "1,0,3,2", "--normalize"}, kl_discrete_js, 1,
         KL_BASE_E, {3, 2, 1, 0}, {1, 0, 3, 2}},
        {{"div", "3.5,2.5,1.5,0.5", "1.5,0.5,3.5,2.5", "--normalize"},
         kl_discrete_divergence, 1, KL_BASE_E, {3.5, 2.5, 1.5, 0.5},
         {1.5, 0.5, 3.5, 2.5}},
        {{"div", "1.5,0.5,3.5,2.5", "3.5,2.5,1.5,0.5", "--normalize"},
         kl_discrete_divergence, 1, KL_BASE_E, {1.5, 0.5, 3.5, 2.5},
         {3.5, 2.5, 1.5, 0.5}},
    };
#undef WP
#undef WQ
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
        double p[4], q[4], want;
        if (ex[i].normalize) {
            CU_ASSERT_EQUAL_FATAL(kl_discrete_normalize(ex[i].p, 4, p), KL_OK);
            CU_ASSERT_EQUAL_FATAL(kl_discrete_normalize(ex[i].q, 4, q), KL_OK);
        } else {
            memcpy(p, ex[i].p, sizeof p);
            memcpy(q, ex[i].q, sizeof q);
        }
        CU_ASSERT_EQUAL_FATAL(ex[i].fn(p, q, 4, ex[i].base, &want), KL_OK);
        /* the same double, read back (or "inf") */
        ASSERT_KL_VALUE(ex[i].args, want, 0.0);
    }
    /* and a bad input fails in the documented way */
    ASSERT_KL_BAD(KL_ARGS("div", "3,2,1,0", "1,0,3,2"), "sums to");
}

TEST_SUITE(wordfreq,
           TEST(test_wordfreq_two_documents),
           TEST(test_wordfreq_splitting),
           TEST(test_wordfreq_large_vocabulary),
           TEST(test_wordfreq_add_errors),
           TEST(test_wordfreq_query_errors),
           TEST(test_wordfreq_cli_chapter02))
