/* kl — a calculator for the information measures of the KL Workbook.
 *
 *   kl entropy P [--base B] [--normalize]      H(P)
 *   kl cross   P Q [--base B] [--normalize]    H(P,Q)
 *   kl div     P Q [--base B] [--normalize]    D(P||Q)
 *   kl js      P Q [--base B] [--normalize]    JS(P,Q)
 *
 * Success: the value alone on stdout, in the fewest digits that read back as
 * the same double (or "inf"), exit 0.  Bad input: one line "kl: <what is
 * wrong>" on stderr, nothing on stdout, exit 2. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kl/discrete.h"

#define EXIT_BAD_INPUT 2

static const char usage_text[] =
    "usage: kl COMMAND ARGS... [--base B] [--normalize]\n"
    "\n"
    "Information measures of discrete distributions, in nats unless --base\n"
    "says otherwise.  P and Q are comma-separated probabilities, such as\n"
    "0.5,0.25,0.25; they must be finite, non-negative and sum to 1 (within\n"
    "1e-9).\n"
    "\n"
    "commands:\n"
    "  kl entropy P        Shannon entropy H(P) = -sum p log p\n"
    "  kl cross   P Q      cross-entropy H(P,Q) = -sum p log q\n"
    "  kl div     P Q      KL divergence D(P||Q) = sum p log(p/q)\n"
    "  kl js      P Q      Jensen-Shannon divergence (D(P||M) + D(Q||M))/2,\n"
    "                      M = (P+Q)/2\n"
    "\n"
    "options:\n"
    "  --base B            logarithm base: e (nats, the default), 2 (bits)\n"
    "                      or 10 (hartleys)\n"
    "  --normalize         P and Q are non-negative counts; divide each by its\n"
    "                      sum first\n"
    "  -h, --help          this help; 'kl COMMAND --help' for one command\n"
    "\n"
    "The value is printed alone on one line, with enough digits to read back\n"
    "the same double, or 'inf' (D(P||Q) is infinite where some p > 0 has\n"
    "q = 0).  Bad input prints 'kl: <what is wrong>' on stderr and exits 2.\n";

struct command {
    const char *name;
    int nvec;                   /* how many vectors it takes: 1 or 2 */
    const char *synopsis;
    const char *help;
    enum kl_status (*fn1)(const double *, size_t, double, double *);
    enum kl_status (*fn2)(const double *, const double *, size_t, double,
                          double *);
};

static const struct command commands[] = {
    {"entropy", 1, "kl entropy P [--base B] [--normalize]",
     "Shannon entropy H(P) = -sum_i p_i log p_i (0 log 0 = 0).\n"
     "Example: kl entropy 0.5,0.25,0.25 --base 2   prints 1.5\n",
     kl_discrete_entropy, NULL},
    {"cross", 2, "kl cross P Q [--base B] [--normalize]",
     "Cross-entropy H(P,Q) = -sum_i p_i log q_i: the mean code length when\n"
     "the code is built for Q and the data come from P.  Infinite where some\n"
     "p_i > 0 has q_i = 0.  H(P,Q) = H(P) + D(P||Q).\n"
     "Example: kl cross 0.5,0.5 0.9,0.1 --base 2\n",
     NULL, kl_discrete_cross_entropy},
    {"div", 2, "kl div P Q [--base B] [--normalize]",
     "Kullback-Leibler divergence D(P||Q) = sum_i p_i log(p_i/q_i) >= 0,\n"
     "zero exactly when P = Q, infinite where some p_i > 0 has q_i = 0.\n"
     "Not symmetric: compare 'kl div P Q' with 'kl div Q P'.\n"
     "Example: kl div 0.5,0.5 0.9,0.1   prints 0.5108256237659907\n",
     NULL, kl_discrete_divergence},
    {"js", 2, "kl js P Q [--base B] [--normalize]",
     "Jensen-Shannon divergence JS(P,Q) = (D(P||M) + D(Q||M))/2 with\n"
     "M = (P+Q)/2: symmetric, always finite, at most log 2 (1 bit).\n"
     "Example: kl js 1,0 0,1 --base 2   prints 1\n",
     NULL, kl_discrete_js},
};

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

static void die(const char *fmt, ...)
{
    va_list ap;
    fputs("kl: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(EXIT_BAD_INPUT);
}

/* Parses a comma-separated list of numbers into a new array; dies on a
 * malformed or empty list.  NAME ("P") is used in messages. */
static double *parse_vector(const char *name, const char *text, size_t *n)
{
    size_t count = 1;
    for (const char *c = text; *c; c++)
        count += *c == ',';
    double *v = malloc(count * sizeof *v);
    if (v == NULL)
        die("out of memory");
    const char *c = text;
    for (size_t i = 0; i < count; i++) {
        const char *end = strchr(c, ',');
        size_t len = end ? (size_t)(end - c) : strlen(c);
        char buf[128];
        while (len > 0 && (*c == ' ' || *c == '\t')) {
            c++;
            len--;
        }
        while (len > 0 && (c[len - 1] == ' ' || c[len - 1] == '\t'))
            len--;
        if (len == 0) {
            free(v);
            if (count == 1)
                die("%s is empty: expected comma-separated numbers", name);
            die("%s: entry %zu is empty", name, i + 1);
        }
        if (len >= sizeof buf) {
            free(v);
            die("%s: entry %zu is too long", name, i + 1);
        }
        memcpy(buf, c, len);
        buf[len] = '\0';
        char *stop;
        errno = 0;
        double x = strtod(buf, &stop);
        if (*stop != '\0') {
            free(v);
            die("%s: entry %zu '%s' is not a number", name, i + 1, buf);
        }
        v[i] = x;
        c += len;
        while (*c && *c != ',')
            c++;
        if (*c == ',')
            c++;
    }
    *n = count;
    return v;
}

/* Describes the first bad entry of V for STATUS (from kl_discrete_check). */
static void die_vector(const char *name, const double *v, size_t n,
                       enum kl_status st)
{
    for (size_t i = 0; i < n; i++) {
        if (st == KL_ENAN && isnan(v[i]))
            die("%s: entry %zu is NaN", name, i + 1);
        if ((st == KL_EINF) && isinf(v[i]))
            die("%s: entry %zu is infinite", name, i + 1);
        if (st == KL_ENEGATIVE && v[i] < 0)
            die("%s: entry %zu is negative (%g)", name, i + 1, v[i]);
    }
    if (st == KL_ESUM) {
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += v[i];
        die("%s sums to %.17g, not 1 (use --normalize for counts)", name, s);
    }
    die("%s: %s", name, kl_strerror(st));
}

/* Prints X in the fewest significant digits that read back as X. */
static void print_value(double x)
{
    if (isinf(x)) {
        puts(x > 0 ? "inf" : "-inf");
        return;
    }
    char buf[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    puts(buf);
}

static void command_help(const struct command *cmd)
{
    printf("usage: %s\n\n%s\n"
           "P and Q are comma-separated probabilities (0.5,0.25,0.25).\n"
           "  --base B      e (default), 2 or 10\n"
           "  --normalize   accept non-negative counts and normalise them\n",
           cmd->synopsis, cmd->help);
}

static double parse_base(const char *s)
{
    if (strcmp(s, "e") == 0)
        return KL_BASE_E;
    if (strcmp(s, "2") == 0)
        return 2.0;
    if (strcmp(s, "10") == 0)
        return 10.0;
    die("unknown base '%s' (expected e, 2 or 10)", s);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        die("missing command (try 'kl --help')");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    const struct command *cmd = NULL;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            cmd = &commands[i];
    if (cmd == NULL)
        die("unknown command '%s' (try 'kl --help')", argv[1]);

    double base = KL_BASE_E;
    int normalize = 0, have_base = 0;
    const char *args[2] = {NULL, NULL};
    int nargs = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            command_help(cmd);
            return 0;
        }
        if (strcmp(a, "--normalize") == 0) {
            normalize = 1;
        } else if (strcmp(a, "--base") == 0 || strncmp(a, "--base=", 7) == 0) {
            const char *val = a[6] == '=' ? a + 7 : NULL;
            if (val == NULL) {
                if (i + 1 >= argc)
                    die("--base needs a value (e, 2 or 10)");
                val = argv[++i];
            }
            if (have_base)
                die("--base given twice");
            have_base = 1;
            base = parse_base(val);
        } else if (a[0] == '-' && a[1] == '-') {
            die("unknown option '%s'", a);
        } else {
            if (nargs == cmd->nvec)
                die("%s takes %d distribution%s, got an extra argument '%s'",
                    cmd->name, cmd->nvec, cmd->nvec == 1 ? "" : "s", a);
            args[nargs++] = a;
        }
    }
    if (nargs < cmd->nvec)
        die("%s needs %s (usage: %s)", cmd->name,
            cmd->nvec == 1 ? "a distribution P" : "two distributions P and Q",
            cmd->synopsis);

    const char *names[2] = {"P", "Q"};
    double *v[2] = {NULL, NULL};
    size_t n[2] = {0, 0};
    for (int k = 0; k < nargs; k++) {
        v[k] = parse_vector(names[k], args[k], &n[k]);
        enum kl_status st = normalize ? kl_discrete_normalize(v[k], n[k], v[k])
                                      : kl_discrete_check(v[k], n[k]);
        if (st != KL_OK)
            die_vector(names[k], v[k], n[k], st);
    }
    if (nargs == 2 && n[0] != n[1])
        die("P has %zu entries but Q has %zu", n[0], n[1]);

    double result;
    enum kl_status st = cmd->nvec == 1
                            ? cmd->fn1(v[0], n[0], base, &result)
                            : cmd->fn2(v[0], v[1], n[0], base, &result);
    free(v[0]);
    free(v[1]);
    if (st != KL_OK)
        die("%s", kl_strerror(st));
    if (isnan(result))
        die("the result is not a number");
    print_value(result);
    return 0;
}
