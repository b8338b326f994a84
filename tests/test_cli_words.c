/* Tests of `kl words` (src/cli/cmd_words.c) run as a real process, of the
 * streaming tokenizer it uses (kl_wordfreq_open/feed/close) and of the
 * per-symbol terms it prints (kl_discrete_divergence_terms, _js_terms).
 * The values are checked against sums written out here, and every error
 * path is provoked: a missing or unreadable file, an empty document, a bad
 * --alpha, invalid UTF-8 (with its byte offset), a NUL byte, '-' twice. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kl/discrete.h"
#include "kl/smooth.h"
#include "kl/wordfreq.h"

#define ARGS KL_ARGS

/* DIR/NAME with LEN bytes of TEXT (NUL bytes allowed); its path in PATH. */
static void put(const char *dir, const char *name, const char *text,
                size_t len, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(text, 1, len, f), len);
    fclose(f);
}

/* -- the streaming tokenizer ---------------------------------------------- */

/* Every cut of a text into two pieces (and into pieces of one byte) gives
 * the counts of the text added whole: words and joiners straddle pieces. */
static void test_cli_words_stream_pieces(void)
{
    static const char text[] = "Don't  stop--the WELL-kept café's x2 'q' "
                               "a-'b end-";
    size_t len = strlen(text);
    struct kl_wordfreq *whole = kl_wordfreq_alloc();
    size_t d;
    CU_ASSERT_EQUAL_FATAL(kl_wordfreq_add(whole, text, &d), KL_OK);
    size_t n = kl_wordfreq_size(whole);
    CU_ASSERT_EQUAL(n, 10); /* don't stop the well-kept café's x2 q a b end */
    double *want = malloc(n * sizeof *want), *got = malloc(n * sizeof *got);
    CU_ASSERT_EQUAL(kl_wordfreq_counts(whole, d, want, n), KL_OK);
    int all_same = 1;
    for (size_t cut = 0; cut <= len + 1; cut++) {
        struct kl_wordfreq *wf = kl_wordfreq_alloc();
        CU_ASSERT_EQUAL(kl_wordfreq_open(wf), KL_OK);
        if (cut <= len) {
            CU_ASSERT_EQUAL(kl_wordfreq_feed(wf, text, cut), KL_OK);
            CU_ASSERT_EQUAL(kl_wordfreq_feed(wf, text + cut, len - cut), KL_OK);
        } else {
            for (size_t i = 0; i < len; i++)
                CU_ASSERT_EQUAL(kl_wordfreq_feed(wf, text + i, 1), KL_OK);
        }
        CU_ASSERT_EQUAL(kl_wordfreq_close(wf, &d), KL_OK);
        all_same &= kl_wordfreq_size(wf) == n;
        if (kl_wordfreq_size(wf) == n) {
            kl_wordfreq_counts(wf, d, got, n);
            for (size_t i = 0; i < n; i++)
                all_same &= got[i] == want[i] &&
                            strcmp(kl_wordfreq_word(wf, i),
                                   kl_wordfreq_word(whole, i)) == 0;
        }
        kl_wordfreq_free(wf);
    }
    CU_ASSERT(all_same);
    size_t k;
    CU_ASSERT_EQUAL(kl_wordfreq_index(whole, "end", &k), KL_OK);
    CU_ASSERT_EQUAL(kl_wordfreq_index(whole, "a-'b", &k), KL_EPARAM);
    free(want);
    free(got);
    kl_wordfreq_free(whole);
}

static void test_cli_words_stream_errors(void)
{
    struct kl_wordfreq *wf = kl_wordfreq_alloc();
    size_t d = 42;
    CU_ASSERT_EQUAL(kl_wordfreq_feed(wf, "a", 1), KL_EPARAM);  /* not open */
    CU_ASSERT_EQUAL(kl_wordfreq_close(wf, &d), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_wordfreq_open(NULL), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_wordfreq_open(wf), KL_OK);
    CU_ASSERT_EQUAL(kl_wordfreq_open(wf), KL_EPARAM);          /* twice */
    CU_ASSERT_EQUAL(kl_wordfreq_add(wf, "apple", &d), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_wordfreq_feed(wf, NULL, 1), KL_EPARAM);
    CU_ASSERT_EQUAL(kl_wordfreq_feed(wf, " ,;\0 -- ' ", 10), KL_OK);
    CU_ASSERT_EQUAL(kl_wordfreq_close(wf, &d), KL_EEMPTY);     /* no words */
    CU_ASSERT_EQUAL(d, 42);
    CU_ASSERT_EQUAL(kl_wordfreq_documents(wf), 0);
    /* after an empty one, a document opens again; NUL only separates */
    CU_ASSERT_EQUAL(kl_wordfreq_open(wf), KL_OK);
    CU_ASSERT_EQUAL(kl_wordfreq_feed(wf, "pear\0plum", 9), KL_OK);
    CU_ASSERT_EQUAL(kl_wordfreq_close(wf, &d), KL_OK);
    CU_ASSERT_EQUAL(d, 0);
    CU_ASSERT_EQUAL(kl_wordfreq_size(wf), 2);
    CU_ASSERT_EQUAL(kl_wordfreq_length(wf, 0), 2);
    kl_wordfreq_free(wf);
}

/* -- the terms of D and JS ------------------------------------------------ */

static void test_cli_words_terms(void)
{
    double p[] = {0.5, 0.25, 0.25, 0.0}, q[] = {0.25, 0.25, 0.0, 0.5};
    double r[] = {0.375, 0.25, 0.125, 0.25}, t[4], v;
    /* D(P||R) term by term against p log(p/r) written out */
    CU_ASSERT_EQUAL(kl_discrete_divergence_terms(p, r, 4, KL_BASE_E, t), KL_OK);
    ASSERT_REL(t[0], 0.5 * log(0.5 / 0.375), 1e-15);
    CU_ASSERT_EQUAL(t[1], 0.0);
    ASSERT_REL(t[2], 0.25 * log(2.0), 1e-15);
    CU_ASSERT_EQUAL(t[3], 0.0);                     /* p = 0 */
    CU_ASSERT_EQUAL(kl_discrete_divergence(p, r, 4, KL_BASE_E, &v), KL_OK);
    ASSERT_REL(t[0] + t[1] + t[2] + t[3], v, 1e-15);
    /* a term below zero where p < q, and +inf where q = 0 < p */
    CU_ASSERT_EQUAL(kl_discrete_divergence_terms(r, p, 4, 2.0, t), KL_OK);
    ASSERT_REL(t[0], 0.375 * log2(0.375 / 0.5), 1e-15);
    CU_ASSERT(t[0] < 0);
    CU_ASSERT(isinf(t[3]) && t[3] > 0);
    /* JS terms: each in [0, (p+q) log 2 / 2], summing to JS */
    CU_ASSERT_EQUAL(kl_discrete_js_terms(p, q, 4, KL_BASE_E, t), KL_OK);
    CU_ASSERT_EQUAL(kl_discrete_js(p, q, 4, KL_BASE_E, &v), KL_OK);
    ASSERT_REL(t[0] + t[1] + t[2] + t[3], v, 1e-15);
    ASSERT_REL(t[2], 0.125 * log(2.0), 1e-15);      /* q = 0: the bound */
    ASSERT_REL(t[0], 0.5 * (0.5 * log(0.5 / 0.375) + 0.25 * log(0.25 / 0.375)),
               1e-15);
    CU_ASSERT_EQUAL(t[1], 0.0);
    double bad[] = {0.5, 0.6, 0, 0};
    t[0] = 7;
    CU_ASSERT_EQUAL(kl_discrete_divergence_terms(bad, q, 4, KL_BASE_E, t), KL_ESUM);
    CU_ASSERT_EQUAL(kl_discrete_js_terms(p, q, 4, 1.0, t), KL_EBASE);
    CU_ASSERT_EQUAL(t[0], 7);
}

/* -- the command ---------------------------------------------------------- */

/* doc a: "the cat saw the dog", doc b: "The dog saw a bird"; vocabulary
 * the cat saw dog a bird; counts a = 2 1 1 1 0 0, b = 1 0 1 1 1 1. */
static const char DOC_A[] = "the cat saw the dog\n";
static const char DOC_B[] = "The dog -- saw a bird.\n";

/* D between the additively smoothed counts, the sum written out. */
static double direct(const double *ca, const double *cb, double alpha,
                     double base, int js)
{
    double na = 0, nb = 0, d = 0;
    for (int i = 0; i < 6; i++) {
        na += ca[i] + alpha;
        nb += cb[i] + alpha;
    }
    for (int i = 0; i < 6; i++) {
        double p = (ca[i] + alpha) / na, q = (cb[i] + alpha) / nb;
        double m = (p + q) / 2;
        if (js)
            d += (p > 0 ? p * log(p / m) : 0) / 2 + (q > 0 ? q * log(q / m) : 0) / 2;
        else if (p > 0)
            d += p * log(p / q);
    }
    return d / log(base);
}

static void test_cli_words_values(void)
{
    char *dir = testlib_tmpdir(), a[4200], b[4200];
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    put(dir, "a.txt", DOC_A, strlen(DOC_A), a, sizeof a);
    put(dir, "b.txt", DOC_B, strlen(DOC_B), b, sizeof b);
    double ca[] = {2, 1, 1, 1, 0, 0}, cb[] = {1, 0, 1, 1, 1, 1};
    ASSERT_KL_VALUE(ARGS("words", a, b, "--alpha", "1"),
                    direct(ca, cb, 1, exp(1.0), 0), 1e-14);
    ASSERT_KL_VALUE(ARGS("words", b, a, "--alpha=0.5", "--base", "2"),
                    direct(cb, ca, 0.5, 2, 0), 1e-14);
    ASSERT_KL_VALUE(ARGS("words", a, b, "--js"), direct(ca, cb, 0, exp(1.0), 1),
                    1e-14);
    ASSERT_KL_VALUE(ARGS("words", a, b, "--js", "--alpha", "0.1", "--base", "10"),
                    direct(ca, cb, 0.1, 10, 1), 1e-14);
    ASSERT_KL_VALUE(ARGS("words", a, a), 0.0, 0.0);
    /* the same file as standard input */
    char *out, *err;
    CU_ASSERT_EQUAL(testlib_run_kl_io(ARGS("words", "-", b, "--alpha", "1"), a,
                                      NULL, &out, &err), 0);
    ASSERT_REL(strtod(out, NULL), direct(ca, cb, 1, exp(1.0), 0), 1e-14);
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
    /* unsmoothed, "cat" is missing from b: inf, and a note naming it */
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("words", a, b), &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(out, "inf\n");
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "kl: note: 1 word of"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "(cat)"));
    CU_ASSERT_PTR_NOT_NULL(strchr(err, '\n') == err + strlen(err) - 1 ? err : NULL);
    free(out);
    free(err);
    testlib_rmtree(dir);
    free(dir);
}

/* --top N: the value, then N lines WORD<TAB>TERM, largest first, each the
 * term written out; the terms of all words sum to the value. */
static void test_cli_words_top(void)
{
    char *dir = testlib_tmpdir(), a[4200], b[4200];
    put(dir, "a.txt", DOC_A, strlen(DOC_A), a, sizeof a);
    put(dir, "b.txt", DOC_B, strlen(DOC_B), b, sizeof b);
    char *out, *err;
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("words", a, b, "--alpha", "1", "--top",
                                        "10"), &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    /* p = (3,2,2,2,1,1)/11, q = (2,1,2,2,2,2)/11 over the cat saw dog a
     * bird: cat (2/11 log 2), the (3/11 log 3/2), then dog and saw (zero,
     * by word), then a and bird (1/11 log 1/2, by word) */
    const char *want[] = {"cat", "the", "dog", "saw", "a", "bird"};
    char *line = strtok(out, "\n");
    double value = line ? strtod(line, NULL) : NAN, sum = 0;
    int lines = 0;
    while ((line = strtok(NULL, "\n")) != NULL && lines < 6) {
        char *tab = strchr(line, '\t');
        CU_ASSERT_PTR_NOT_NULL_FATAL(tab);
        *tab = '\0';
        CU_ASSERT_STRING_EQUAL(line, want[lines]);
        sum += strtod(tab + 1, NULL);
        lines++;
    }
    CU_ASSERT_EQUAL(lines, 6);  /* only 6 words, though 10 were asked */
    ASSERT_REL(sum, value, 1e-14);
    free(out);
    free(err);
    /* the first term against p log(p/q) written out */
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("words", a, b, "--alpha", "1", "--top",
                                        "1", "--base", "2"), &out, &err), 0);
    char *tab = strchr(out, '\t');
    CU_ASSERT_PTR_NOT_NULL_FATAL(tab);
    ASSERT_REL(strtod(tab + 1, NULL), 2.0 / 11, 1e-14);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\ncat\t"));
    free(out);
    free(err);
    /* unsmoothed, the missing word's term is inf; --js terms are finite */
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("words", a, b, "--top", "1"), &out,
                                   &err), 0);
    CU_ASSERT_STRING_EQUAL(out, "inf\ncat\tinf\n");
    free(out);
    free(err);
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("words", a, b, "--js", "--top", "2"),
                                   &out, &err), 0);
    CU_ASSERT_PTR_NULL(strstr(out, "inf"));
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
    testlib_rmtree(dir);
    free(dir);
}

/* A file larger than the reader's 64 KiB pieces, with a word and a
 * two-byte character across the boundary, gives the library's value for
 * the text added whole. */
static void test_cli_words_large_file(void)
{
    enum { N = 200000 };
    char *text = malloc(N + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    size_t o = 0;
    for (int i = 0; o + 16 < N; i++)
        o += (size_t)snprintf(text + o, N - o, "w%d ", i % 997);
    /* a word across 65536, and é's two bytes either side of 131072 */
    memcpy(text + 1000, " caf\xc3\xa9 caf\xc3\xa9 ", 13);
    memcpy(text + 65530, "longwordlong", 12);
    memcpy(text + 131070, " \xc3\xa9t\xc3\xa9 ", 7);
    text[o] = '\0';
    char *dir = testlib_tmpdir(), a[4200], b[4200];
    put(dir, "big.txt", text, o, a, sizeof a);
    put(dir, "b.txt", DOC_B, strlen(DOC_B), b, sizeof b);
    struct kl_wordfreq *wf = kl_wordfreq_alloc();
    size_t d1, d2;
    CU_ASSERT_EQUAL_FATAL(kl_wordfreq_add(wf, text, &d1), KL_OK);
    CU_ASSERT_EQUAL_FATAL(kl_wordfreq_add(wf, DOC_B, &d2), KL_OK);
    size_t n = kl_wordfreq_size(wf);
    double *c1 = malloc(n * sizeof *c1), *c2 = malloc(n * sizeof *c2), v;
    kl_wordfreq_counts(wf, d1, c1, n);
    kl_wordfreq_counts(wf, d2, c2, n);
    kl_smooth_additive(c1, n, 0.5, c1);
    kl_smooth_additive(c2, n, 0.5, c2);
    CU_ASSERT_EQUAL(kl_discrete_divergence(c1, c2, n, KL_BASE_E, &v), KL_OK);
    ASSERT_KL_VALUE(ARGS("words", a, b, "--alpha", "0.5"), v, 0.0);
    free(c1);
    free(c2);
    kl_wordfreq_free(wf);
    free(text);
    testlib_rmtree(dir);
    free(dir);
}

static void test_cli_words_help(void)
{
    char *out, *err;
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("words", "--help"), &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "usage: kl words FILE1 FILE2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "kl_wordfreq"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--alpha A"));
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
    CU_ASSERT_EQUAL(testlib_run_kl(ARGS("--help"), &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "words FILE1 FILE2"));
    free(out);
    free(err);
}

static void test_cli_words_errors(void)
{
    char *dir = testlib_tmpdir(), a[4200], b[4200], p[4200];
    put(dir, "a.txt", DOC_A, strlen(DOC_A), a, sizeof a);
    put(dir, "b.txt", DOC_B, strlen(DOC_B), b, sizeof b);
    /* arguments */
    ASSERT_KL_BAD(ARGS("words", a), "words needs two files");
    ASSERT_KL_BAD(ARGS("words", a, b, a), "unexpected");
    ASSERT_KL_BAD(ARGS("words", a, b, "--frob"), "unknown option '--frob'");
    ASSERT_KL_BAD(ARGS("words", "-", "-"), "standard input ('-') can be read only once");
    ASSERT_KL_BAD(ARGS("words", a, b, "--alpha", "0"), "--alpha 0: the pseudo-count must be a finite number > 0");
    ASSERT_KL_BAD(ARGS("words", a, b, "--alpha", "-1"), "--alpha -1: the pseudo-count");
    ASSERT_KL_BAD(ARGS("words", a, b, "--alpha", "nan"), "--alpha nan: the pseudo-count");
    ASSERT_KL_BAD(ARGS("words", a, b, "--alpha", "inf"), "--alpha inf: the pseudo-count");
    ASSERT_KL_BAD(ARGS("words", a, b, "--alpha", "x"), "--alpha 'x' is not a number");
    ASSERT_KL_BAD(ARGS("words", a, b, "--alpha", "1", "--alpha", "2"), "--alpha given twice");
    ASSERT_KL_BAD(ARGS("words", a, b, "--alpha"), "--alpha needs a value");
    ASSERT_KL_BAD(ARGS("words", a, b, "--top", "0"), "--top 0: expected a whole number");
    ASSERT_KL_BAD(ARGS("words", a, b, "--top", "2.5"), "--top 2.5");
    ASSERT_KL_BAD(ARGS("words", a, b, "--base", "3"), "unknown base '3'");
    /* files */
    snprintf(p, sizeof p, "%s/none.txt", dir);
    ASSERT_KL_BAD(ARGS("words", p, b), "FILE1: cannot open");
    ASSERT_KL_BAD(ARGS("words", a, p), "FILE2: cannot open");
    ASSERT_KL_BAD(ARGS("words", a, p), "No such file");
    ASSERT_KL_BAD(ARGS("words", dir, b), "FILE1: cannot read");  /* a folder */
    put(dir, "empty.txt", "", 0, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", p, b), "FILE1: '");
    ASSERT_KL_BAD(ARGS("words", a, p), "has no words");
    put(dir, "punct.txt", " -- , . ; ' \r\n", 13, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", a, p), "FILE2: '");
    ASSERT_KL_BAD(ARGS("words", a, p), "has no words");
    ASSERT_KL_BAD(ARGS("words", "-", b), "FILE1: 'standard input' has no words");
    /* not text: a NUL byte, invalid UTF-8 with the offset of its sequence */
    put(dir, "nul.bin", "abc\0def", 7, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", p, b), "NUL byte at byte offset 3");
    put(dir, "ff.txt", "abc \xff def", 9, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", a, p), "invalid byte 0xff in the character at byte offset 4");
    put(dir, "cont.txt", "ab\x80", 3, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", p, b), "invalid byte 0x80 in the character at byte offset 2");
    put(dir, "overlong.txt", "x \xc0\xaf", 4, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", p, b), "invalid byte 0xc0 in the character at byte offset 2");
    put(dir, "overlong3.txt", "xy \xe0\x80\xaf", 6, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", p, b), "invalid byte 0x80 in the character at byte offset 3");
    put(dir, "surrogate.txt", "caf\xed\xa0\x80", 6, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", p, b), "invalid byte 0xa0 in the character at byte offset 3");
    put(dir, "big.txt", "\xf4\x90\x80\x80", 4, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", p, b), "byte offset 0");
    put(dir, "short.txt", "abc \xe2\x82", 6, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", p, b), "ends inside the character at byte offset 4");
    put(dir, "cut.txt", "\xe2\x82z", 3, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", p, b), "invalid byte 0x7a in the character at byte offset 0");
    /* valid: a byte-order mark, and every length of character */
    put(dir, "bom.txt", "\xef\xbb\xbfthe cat saw the dog", 22, p, sizeof p);
    ASSERT_KL_VALUE(ARGS("words", p, a), 0.0, 0.0);
    put(dir, "utf8.txt", "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf", 16, p, sizeof p);
    ASSERT_KL_VALUE(ARGS("words", p, p), 0.0, 0.0);
    /* the offset is counted from the start of the file across pieces */
    enum { N = 70000 };
    char *big = malloc(N);
    memset(big, 'a', N);
    for (size_t i = 5; i < N; i += 6)
        big[i] = ' ';
    big[66000] = (char)0xfe;
    put(dir, "late.txt", big, N, p, sizeof p);
    ASSERT_KL_BAD(ARGS("words", a, p), "invalid byte 0xfe in the character at byte offset 66000");
    free(big);
    testlib_rmtree(dir);
    free(dir);
}

TEST_SUITE(cli_words,
           TEST(test_cli_words_stream_pieces),
           TEST(test_cli_words_stream_errors),
           TEST(test_cli_words_terms),
           TEST(test_cli_words_values),
           TEST(test_cli_words_top),
           TEST(test_cli_words_large_file),
           TEST(test_cli_words_help),
           TEST(test_cli_words_errors))
