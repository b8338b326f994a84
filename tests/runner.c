/* runner — runs the CUnit suites that the test files register.
 *
 *   test-runner              every suite
 *   test-runner NAME...      only the suites or tests with these names
 *                            (test_discrete, test_discrete_entropy_uniform)
 *
 * Exit status: 0 when every test passes, 1 when any fails, 2 for an unknown
 * name or a CUnit error. */
#define _XOPEN_SOURCE 700
#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/wait.h>
#include <unistd.h>
#include <CUnit/Basic.h>

struct suite_entry {
    const char *name;
    const struct test_case *tests;
};

static struct suite_entry suites[64];
static size_t nsuites;

void testlib_register(const char *suite, const struct test_case *tests)
{
    if (nsuites == sizeof suites / sizeof suites[0]) {
        fputs("runner: too many suites\n", stderr);
        exit(2);
    }
    suites[nsuites].name = suite;
    suites[nsuites].tests = tests;
    nsuites++;
}

static void report(int ok, int line, const char *file, const char *fmt,
                   const char *expr, double actual, double expected, double tol)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, expr, actual, expected, tol);
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, (unsigned)line, msg, file,
                            "", CU_FALSE);
}

void testlib_rel(double actual, double expected, double tol, int line,
                 const char *file, const char *expr)
{
    int ok;
    if (isinf(expected) || isinf(actual))
        ok = actual == expected;
    else
        ok = fabs(actual - expected) <= tol * fabs(expected);
    report(ok, line, file, "%s = %.17g, expected %.17g within rel %.3g", expr,
           actual, expected, tol);
}

void testlib_abs(double actual, double expected, double tol, int line,
                 const char *file, const char *expr)
{
    int ok = fabs(actual - expected) <= tol;
    report(ok, line, file, "%s = %.17g, expected %.17g within abs %.3g", expr,
           actual, expected, tol);
}

char *testlib_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/kl-test-XXXXXX", base ? base : "/tmp");
    if (mkdtemp(tmpl) == NULL)
        return NULL;
    return strdup(tmpl);
}

static int rm_entry(const char *path, const struct stat *st, int flag,
                    struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void testlib_rmtree(const char *dir)
{
    if (dir != NULL)
        nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int testlib_write(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fputs(text, f);
    return fclose(f) == 0 ? 0 : -1;
}

char *testlib_read(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
            } else {
                buf = nb;
            }
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

static char *slurp_fd(int fd)
{
    size_t cap = 1024, n = 0;
    char *buf = malloc(cap);
    ssize_t r;
    while (buf && (r = read(fd, buf + n, cap - n - 1)) > 0) {
        n += (size_t)r;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL)
                free(buf);
            buf = nb;
        }
    }
    if (buf)
        buf[n] = '\0';
    return buf;
}

int testlib_run_kl(const char *const *args, char **out, char **err)
{
    return testlib_run_kl_io(args, NULL, NULL, out, err);
}

int testlib_run_kl_io(const char *const *args, const char *in_path,
                      const char *out_path, char **out, char **err)
{
    const char *bin = getenv("KL_BIN");
    *out = *err = NULL;
    if (bin == NULL || bin[0] == '\0') {
        fputs("runner: KL_BIN is not set (run through make test)\n", stderr);
        return -1;
    }
    char *argv[64];
    size_t n = 0;
    argv[n++] = (char *)bin;
    for (; args[n - 1] != NULL && n < 63; n++)
        argv[n] = (char *)args[n - 1];
    argv[n] = NULL;
    /* temporary files, not pipes: no deadlock on large outputs */
    char *dir = testlib_tmpdir();
    if (dir == NULL)
        return -1;
    char opath[4200], epath[4200];
    snprintf(opath, sizeof opath, "%s/out", dir);
    snprintf(epath, sizeof epath, "%s/err", dir);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        int o = open(out_path ? out_path : opath, O_WRONLY | O_CREAT | O_TRUNC,
                     0600);
        int e = open(epath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int in = open(in_path ? in_path : "/dev/null", O_RDONLY);
        if (o < 0 || e < 0 || in < 0)
            _exit(127);
        dup2(in, 0);
        dup2(o, 1);
        dup2(e, 2);
        execv(bin, argv);
        _exit(127);
    }
    int status = -1;
    if (pid > 0)
        waitpid(pid, &status, 0);
    int fo = open(opath, O_RDONLY), fe = open(epath, O_RDONLY);
    *out = fo >= 0 ? slurp_fd(fo) : strdup("");
    *err = fe >= 0 ? slurp_fd(fe) : strdup("");
    if (fo >= 0)
        close(fo);
    if (fe >= 0)
        close(fe);
    testlib_rmtree(dir);
    free(dir);
    if (pid < 0 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/* "kl div 0.5,0.5 0.9,0.1" for messages */
static void join_args(const char *const *args, char *buf, size_t size)
{
    size_t n = (size_t)snprintf(buf, size, "kl");
    for (size_t i = 0; args[i] != NULL && n < size; i++)
        n += (size_t)snprintf(buf + n, size - n, " %s", args[i]);
}

void testlib_kl_value(const char *const *args, double want, double tol,
                      int line, const char *file)
{
    char cmd[512], msg[1200];
    char *out, *err;
    join_args(args, cmd, sizeof cmd);
    int st = testlib_run_kl(args, &out, &err);
    int ok = st == 0 && out != NULL && err != NULL && err[0] == '\0';
    double got = NAN;
    if (ok) {
        size_t n = strlen(out);
        char *end;
        ok = n > 1 && out[n - 1] == '\n' && strchr(out, '\n') == out + n - 1;
        got = strtod(out, &end);
        ok = ok && end == out + n - 1;
        if (isinf(want) || tol == 0.0)
            ok = ok && got == want;
        else
            ok = ok && fabs(got - want) <= tol * fabs(want);
    }
    snprintf(msg, sizeof msg, "%s: exit %d, stdout '%.200s', stderr '%.200s'; "
             "want %.17g within rel %g", cmd, st, out ? out : "",
             err ? err : "", want, tol);
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, (unsigned)line, msg, file,
                            "", CU_FALSE);
    free(out);
    free(err);
}

void testlib_kl_bad(const char *const *args, const char *want, int line,
                    const char *file)
{
    char cmd[512], msg[1200];
    char *out, *err;
    join_args(args, cmd, sizeof cmd);
    int st = testlib_run_kl(args, &out, &err);
    int ok = st == 2 && out != NULL && err != NULL && out[0] == '\0' &&
             strncmp(err, "kl: ", 4) == 0 &&
             strchr(err, '\n') == err + strlen(err) - 1 &&
             strstr(err, want) != NULL;
    snprintf(msg, sizeof msg, "%s: exit %d, stdout '%.200s', stderr '%.200s'; "
             "want exit 2, no stdout, one line 'kl: ...%s...'", cmd, st,
             out ? out : "", err ? err : "", want);
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, (unsigned)line, msg, file,
                            "", CU_FALSE);
    free(out);
    free(err);
}

static int wanted(int argc, char **argv, const char *suite, const char *test)
{
    if (argc < 2)
        return 1;
    char full[256];
    snprintf(full, sizeof full, "test_%s", suite);
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], full) == 0 || strcmp(argv[i], suite) == 0 ||
            (test && strcmp(argv[i], test) == 0))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    /* every name given must match something */
    for (int i = 1; i < argc; i++) {
        int found = 0;
        for (size_t s = 0; s < nsuites && !found; s++) {
            char full[256];
            snprintf(full, sizeof full, "test_%s", suites[s].name);
            if (strcmp(argv[i], full) == 0 || strcmp(argv[i], suites[s].name) == 0)
                found = 1;
            for (const struct test_case *t = suites[s].tests; t->name && !found; t++)
                if (strcmp(argv[i], t->name) == 0)
                    found = 1;
        }
        if (!found) {
            fprintf(stderr, "runner: no suite or test named '%s'\n", argv[i]);
            CU_cleanup_registry();
            return 2;
        }
    }
    for (size_t s = 0; s < nsuites; s++) {
        int whole = wanted(argc, argv, suites[s].name, NULL);
        CU_pSuite suite = NULL;
        for (const struct test_case *t = suites[s].tests; t->name; t++) {
            if (!whole && !wanted(argc, argv, suites[s].name, t->name))
                continue;
            if (suite == NULL) {
                static char full[64][128];
                snprintf(full[s], sizeof full[s], "test_%s", suites[s].name);
                suite = CU_add_suite(full[s], NULL, NULL);
                if (suite == NULL)
                    return 2;
            }
            if (CU_add_test(suite, t->name, t->fn) == NULL)
                return 2;
        }
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    if (CU_basic_run_tests() != CUE_SUCCESS) {
        CU_cleanup_registry();
        return 2;
    }
    unsigned failed = CU_get_number_of_failures() +
                      CU_get_number_of_suites_failed();
    unsigned tests = CU_get_number_of_tests_run();
    unsigned tests_failed = CU_get_number_of_tests_failed();
    printf("\n%u passed, %u failed\n", tests - tests_failed, tests_failed);
    CU_cleanup_registry();
    return failed ? 1 : 0;
}

/* Runs FN in a child process; returns its exit status and its stderr. */
int testlib_run_child(void (*fn)(const char *), const char *dir, char *err,
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
