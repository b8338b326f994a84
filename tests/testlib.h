/* testlib.h — what every CUnit suite of the workbook shares.
 *
 * A suite file tests/test_<module>.c defines tests named
 * test_<module>_<case>[_errors] and registers them with
 *
 *     TEST_SUITE(discrete, TEST(test_discrete_entropy_uniform), ...)
 *
 * which adds the suite at program start (a constructor), so the runner needs
 * no list of suites.  ASSERT_REL and ASSERT_ABS compare doubles with a relative
 * or absolute tolerance and report both values when they fail. */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stddef.h>
#include <CUnit/CUnit.h>

struct test_case {
    const char *name;
    void (*fn)(void);
};

void testlib_register(const char *suite, const struct test_case *tests);

#define TEST(fn) {#fn, fn}
#define TEST_SUITE(suite, ...)                                               \
    static const struct test_case suite##_tests[] = {__VA_ARGS__,            \
                                                     {NULL, NULL}};          \
    __attribute__((constructor)) static void suite##_register(void)          \
    {                                                                        \
        testlib_register(#suite, suite##_tests);                             \
    }

/* |actual - expected| <= tol * |expected| (both infinite and equal passes). */
void testlib_rel(double actual, double expected, double tol, int line,
                 const char *file, const char *expr);
/* |actual - expected| <= tol */
void testlib_abs(double actual, double expected, double tol, int line,
                 const char *file, const char *expr);

#define ASSERT_REL(actual, expected, tol) \
    testlib_rel((actual), (expected), (tol), __LINE__, __FILE__, #actual)
#define ASSERT_ABS(actual, expected, tol) \
    testlib_abs((actual), (expected), (tol), __LINE__, __FILE__, #actual)

/* A fresh temporary folder (mkdtemp) whose path the caller frees; removed
 * with everything in it by testlib_rmtree. */
char *testlib_tmpdir(void);
void testlib_rmtree(const char *dir);
/* Writes TEXT to DIR/NAME; returns 0 on success. */
int testlib_write(const char *dir, const char *name, const char *text);

/* Runs FN(DIR) in a child process with its stderr captured into ERR (of
 * ERRSIZE bytes, NUL-terminated); returns the child's exit status (-1 when
 * it did not exit). */
int testlib_run_child(void (*fn)(const char *), const char *dir, char *err,
                      size_t errsize);
/* Reads DIR/NAME into a new string, or NULL. */
char *testlib_read(const char *dir, const char *name);

/* Runs the `kl` binary named by the environment variable KL_BIN with the
 * arguments ARGS (NULL-terminated, without the program name), and stores its
 * stdout and stderr in new strings (free them).  Returns its exit status, or
 * -1 if it could not be run or died on a signal. */
int testlib_run_kl(const char *const *args, char **out, char **err);
/* The same with standard input read from IN_PATH and standard output written
 * to OUT_PATH (/dev/full, ...; *OUT is then ""), either NULL for the default
 * (/dev/null in, captured out). */
int testlib_run_kl_io(const char *const *args, const char *in_path,
                      const char *out_path, char **out, char **err);

/* The calculator's output convention, asserted at the caller's line:
 * ASSERT_KL_VALUE runs kl ARGS and checks exit status 0, an empty stderr and
 * one stdout line that reads back as WANT within relative TOL (0: exactly,
 * "inf" for +infinity); ASSERT_KL_BAD checks exit status 2, an empty stdout
 * and one stderr line "kl: ..." that contains WANT.  KL_ARGS builds the
 * NULL-terminated argument list: KL_ARGS("div", "0.5,0.5", "0.9,0.1"). */
#define KL_ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})
void testlib_kl_value(const char *const *args, double want, double tol,
                      int line, const char *file);
void testlib_kl_bad(const char *const *args, const char *want, int line,
                    const char *file);
#define ASSERT_KL_VALUE(args, want, tol) \
    testlib_kl_value((args), (want), (tol), __LINE__, __FILE__)
#define ASSERT_KL_BAD(args, want) \
    testlib_kl_bad((args), (want), __LINE__, __FILE__)

#endif
