/* The discrete commands of `kl`: entropy, cross, div, js. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "kl/discrete.h"

/* The library function behind each command, by number of vectors. */
struct discrete_fn {
    const char *name;
    enum kl_status (*one)(const double *, size_t, double, double *);
    enum kl_status (*two)(const double *, const double *, size_t, double,
                          double *);
};

static const struct discrete_fn fns[] = {
    {"entropy", kl_discrete_entropy, NULL},
    {"cross", NULL, kl_discrete_cross_entropy},
    {"div", NULL, kl_discrete_divergence},
    {"js", NULL, kl_discrete_js},
};

/* Dies describing the first bad entry of V for STATUS. */
static void die_vector(const char *what, const double *v, size_t n,
                       enum kl_status st)
{
    for (size_t i = 0; i < n; i++) {
        if (st == KL_ENAN && isnan(v[i]))
            cli_die("%s: entry %zu is NaN", what, i + 1);
        if (st == KL_EINF && isinf(v[i]))
            cli_die("%s: entry %zu is infinite", what, i + 1);
        if (st == KL_ENEGATIVE && v[i] < 0)
            cli_die("%s: entry %zu is negative (%g)", what, i + 1, v[i]);
    }
    if (st == KL_ESUM) {
        double s = 0, c = 0; /* Neumaier, as kl_discrete_check sums */
        for (size_t i = 0; i < n; i++) {
            double t = s + v[i];
            c += fabs(s) >= fabs(v[i]) ? (s - t) + v[i] : (v[i] - t) + s;
            s = t;
        }
        s += c;
        cli_die("%s sums to %.17g, not 1 (use --normalize for counts)", what, s);
    }
    if (st == KL_EZERO)
        cli_die("%s: the counts are all zero", what);
    cli_die_status(what, st);
}

static int run_discrete(const struct cli_command *cmd, int argc, char **argv)
{
    const struct discrete_fn *fn = NULL;
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (strcmp(fns[i].name, cmd->name) == 0)
            fn = &fns[i];
    int nvec = fn->one ? 1 : 2;
    double base = KL_BASE_E;
    int normalize = 0, nargs = 0;
    const char *args[2] = {NULL, NULL}, *base_text = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            cli_help(cmd);
            return 0;
        }
        if (strcmp(a, "--normalize") == 0) {
            normalize = 1;
        } else if (cli_option_once("base", argc, argv, &i, &base_text)) {
            base = cli_parse_base(base_text);
        } else {
            cli_reject_option(cmd, a);
            if (nargs == nvec)
                cli_die("%s takes %d distribution%s; unexpected '%s'",
                        cmd->name, nvec, nvec == 1 ? "" : "s", a);
            args[nargs++] = a;
        }
    }
    if (nargs < nvec)
        cli_die("%s needs %s (usage: %s)", cmd->name,
                nvec == 1 ? "a distribution P" : "two distributions P and Q",
                cmd->synopsis);

    static const char *const names[2] = {"P", "Q"};
    double *v[2] = {NULL, NULL};
    size_t n[2] = {0, 0};
    for (int k = 0; k < nargs; k++) {
        v[k] = cli_read_vector(names[k], args[k], &n[k]);
        enum kl_status st = normalize ? kl_discrete_normalize(v[k], n[k], v[k])
                                      : kl_discrete_check(v[k], n[k]);
        if (st != KL_OK)
            die_vector(names[k], v[k], n[k], st);
    }
    if (nargs == 2 && n[0] != n[1])
        cli_die("P has %zu entries but Q has %zu", n[0], n[1]);
    double result;
    enum kl_status st = nvec == 1 ? fn->one(v[0], n[0], base, &result)
                                  : fn->two(v[0], v[1], n[0], base, &result);
    cli_free(v[0]);
    cli_free(v[1]);
    cli_print_divergence(st, result, 1.0);
    return 0;
}

#define OPTIONS_HELP                                                        \
    "P and Q are comma-separated probabilities (0.5,0.25,0.25): finite,\n"  \
    "non-negative, summing to 1 within 1e-9.  @FILE reads one from a file\n" \
    "and - from standard input (once): numbers separated by commas,\n"      \
    "spaces or line ends (LF or CRLF), at most 10000000 entries and\n"      \
    "512 MiB; a NUL byte or anything that is not a number is refused.\n"    \
    "  --base B      logarithm base: e (nats, default), 2 (bits), 10\n"     \
    "  --normalize   P and Q are non-negative counts; divide by their sums\n"

const struct cli_command cli_entropy = {
    "entropy", "kl entropy P [--base B] [--normalize]",
    "Shannon entropy H(P)",
    "Shannon entropy H(P) = -sum_i p_i log p_i, with 0 log 0 = 0.\n\n"
    OPTIONS_HELP
    "\nexample: kl entropy 0.5,0.25,0.25 --base 2   prints 1.5\n",
    run_discrete};

const struct cli_command cli_cross = {
    "cross", "kl cross P Q [--base B] [--normalize]",
    "cross-entropy H(P,Q)",
    "Cross-entropy H(P,Q) = -sum_i p_i log q_i: the mean code length when\n"
    "the code is built for Q and the data come from P.  It is infinite where\n"
    "some p_i > 0 has q_i = 0, and H(P,Q) = H(P) + D(P||Q).\n\n"
    OPTIONS_HELP
    "\nexample: kl cross 0.5,0.5 0.25,0.75 --base 2   prints 1.207518749639422\n",
    run_discrete};

const struct cli_command cli_div = {
    "div", "kl div P Q [--base B] [--normalize]",
    "Kullback-Leibler divergence D(P||Q)",
    "Kullback-Leibler divergence D(P||Q) = sum_i p_i log(p_i/q_i) >= 0: zero\n"
    "exactly when P = Q, infinite where some p_i > 0 has q_i = 0, and not\n"
    "symmetric (compare 'kl div P Q' with 'kl div Q P').\n\n"
    OPTIONS_HELP
    "\nexample: kl div 0.5,0.5 0.9,0.1   prints 0.5108256237659907\n",
    run_discrete};

const struct cli_command cli_js = {
    "js", "kl js P Q [--base B] [--normalize]",
    "Jensen-Shannon divergence JS(P,Q)",
    "Jensen-Shannon divergence JS(P,Q) = (D(P||M) + D(Q||M))/2 with\n"
    "M = (P+Q)/2: symmetric, always finite, at most log 2 (1 bit).\n\n"
    OPTIONS_HELP
    "\nexample: kl js 1,0 0,1 --base 2   prints 1\n",
    run_discrete};
