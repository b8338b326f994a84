/* The multivariate normal commands of `kl`: mvn (the divergence between two
 * normals) and vae (the KL term of a variational autoencoder). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "kl/discrete.h"
#include "kl/mvn.h"

/* Dies naming the first NaN or infinite entry of the N entries of V. */
static void check_vector(const char *what, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            cli_die("%s: entry %zu is NaN", what, i + 1);
        if (isinf(v[i]))
            cli_die("%s: entry %zu is infinite", what, i + 1);
    }
}

/* X in the fewest significant digits that read back as X, into BUF. */
static const char *shortest(double x, char *buf, size_t size)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}

/* Dies if COV (k x k) is not symmetric, naming the first pair. */
static void check_symmetric(const char *what, const double *cov, size_t k)
{
    size_t i, j;
    char a[32], b[32];
    if (!kl_mvn_symmetric(cov, k, &i, &j))
        cli_die("%s is not symmetric: entry (%zu,%zu) = %s but (%zu,%zu) "
                "= %s", what, i + 1, j + 1,
                shortest(cov[i * k + j], a, sizeof a), j + 1, i + 1,
                shortest(cov[j * k + i], b, sizeof b));
}

/* Factors N(MU, COV) once (the factor serves the check and the divergence);
 * on failure frees OTHER (may be NULL) and dies, "not positive definite"
 * for a symmetric COV that GSL's Cholesky refuses. */
static struct kl_mvn *factor(const char *what, const double *mu,
                             const double *cov, size_t k,
                             struct kl_mvn *other)
{
    struct kl_mvn *g;
    enum kl_status st = kl_mvn_alloc(mu, cov, k, &g);
    if (st == KL_OK)
        return g;
    kl_mvn_free(other);
    if (st == KL_EPARAM)
        cli_die("%s is not positive definite", what);
    cli_die_status(what, st);
}

/* Prints D (nats, from a call that returned ST) in BASE, by the range
 * policy of cli_print_divergence. */
static void print_divergence(enum kl_status st, double d, const char *base_text)
{
    double scale = 1.0;
    if (base_text != NULL &&
        kl_base_scale(cli_parse_base(base_text), &scale) != KL_OK)
        cli_die("bad base '%s'", base_text);
    cli_print_divergence(st, d, scale);
}

static int run_mvn(const struct cli_command *cmd, int argc, char **argv)
{
    const char *mu0 = NULL, *cov0 = NULL, *mu1 = NULL, *cov1 = NULL,
               *base = NULL;
    for (int i = 0; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            cli_help(cmd);
            return 0;
        }
        if (cli_option_once("mu0", argc, argv, &i, &mu0) ||
            cli_option_once("cov0", argc, argv, &i, &cov0) ||
            cli_option_once("mu1", argc, argv, &i, &mu1) ||
            cli_option_once("cov1", argc, argv, &i, &cov1) ||
            cli_option_once("base", argc, argv, &i, &base))
            continue;
        cli_reject_option(cmd, argv[i]);
        cli_die("unexpected argument '%s' (usage: %s)", argv[i],
                cmd->synopsis);
    }
    if (!mu0 || !cov0 || !mu1 || !cov1)
        cli_die("mvn needs --%s (usage: %s)",
                !mu0 ? "mu0" : !cov0 ? "cov0" : !mu1 ? "mu1" : "cov1",
                cmd->synopsis);
    if (base != NULL)
        cli_parse_base(base); /* a bad base is reported before the work */

    size_t n0, n1, k0, k1;
    double *m0 = cli_read_vector("--mu0", mu0, &n0);
    check_vector("--mu0", m0, n0);
    double *m1 = cli_read_vector("--mu1", mu1, &n1);
    check_vector("--mu1", m1, n1);
    if (n0 != n1)
        cli_die("--mu0 has %zu entries but --mu1 has %zu", n0, n1);
    if (n0 > CLI_MAX_DIM)
        cli_die("--mu0 has %zu entries, more than %u (the limit)", n0,
                CLI_MAX_DIM);
    double *s0 = cli_read_matrix("--cov0", cov0, &k0);
    if (k0 != n0)
        cli_die("--cov0 is %zu x %zu but --mu0 has %zu entries", k0, k0, n0);
    double *s1 = cli_read_matrix("--cov1", cov1, &k1);
    if (k1 != n1)
        cli_die("--cov1 is %zu x %zu but --mu1 has %zu entries", k1, k1, n1);
    check_symmetric("--cov0", s0, k0);
    check_symmetric("--cov1", s1, k1);
    struct kl_mvn *p = factor("--cov0", m0, s0, k0, NULL);
    struct kl_mvn *q = factor("--cov1", m1, s1, k1, p);
    double d;
    enum kl_status st = kl_mvn_divergence(p, q, &d);
    kl_mvn_free(p);
    kl_mvn_free(q);
    cli_free(m0);
    cli_free(m1);
    cli_free(s0);
    cli_free(s1);
    print_divergence(st, d, base);
    return 0;
}

static int run_vae(const struct cli_command *cmd, int argc, char **argv)
{
    const char *mu = NULL, *logvar = NULL, *base = NULL;
    for (int i = 0; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            cli_help(cmd);
            return 0;
        }
        if (cli_option_once("mu", argc, argv, &i, &mu) ||
            cli_option_once("logvar", argc, argv, &i, &logvar) ||
            cli_option_once("base", argc, argv, &i, &base))
            continue;
        cli_reject_option(cmd, argv[i]);
        cli_die("unexpected argument '%s' (usage: %s)", argv[i],
                cmd->synopsis);
    }
    if (!mu || !logvar)
        cli_die("vae needs --%s (usage: %s)", !mu ? "mu" : "logvar",
                cmd->synopsis);
    if (base != NULL)
        cli_parse_base(base);
    size_t n, nl;
    double *m = cli_read_vector("--mu", mu, &n);
    check_vector("--mu", m, n);
    double *l = cli_read_vector("--logvar", logvar, &nl);
    check_vector("--logvar", l, nl);
    if (n != nl)
        cli_die("--mu has %zu entries but --logvar has %zu", n, nl);
    double d;
    enum kl_status st = kl_mvn_vae_diag(m, l, n, &d);
    cli_free(m);
    cli_free(l);
    print_divergence(st, d, base);
    return 0;
}

const struct cli_command cli_mvn = {
    "mvn", "kl mvn --mu0 V --cov0 M --mu1 V --cov1 M [--base B]",
    "divergence of two multivariate normals",
    "Kullback-Leibler divergence D(N(mu0,cov0) || N(mu1,cov1)) =\n"
    "(tr(cov1^-1 cov0) + (mu1-mu0)^T cov1^-1 (mu1-mu0) - k\n"
    " + log det cov1 - log det cov0) / 2, through Cholesky factors.\n\n"
    "V is a comma-separated vector (0,1.5); M a k x k covariance with rows\n"
    "separated by ';' and entries by ',' (\"1,0.3;0.3,2\").  Either may be\n"
    "@FILE, read from a file, or - for standard input (once): rows on lines\n"
    "(LF or CRLF) or separated by ';', entries by commas or spaces; a NUL\n"
    "byte is refused; at most k = 1000 and 64 MiB a matrix.  A covariance\n"
    "must be finite, symmetric to 1e-12 relative and positive definite.\n"
    "  --base B      logarithm base: e (nats, default), 2 (bits), 10\n"
    "\nexample: kl mvn --mu0 0,0 --cov0 \"1,0;0,1\" --mu1 1,0 --cov1 \"1,0;0,1\""
    "   prints 0.5\n",
    run_mvn};

const struct cli_command cli_vae = {
    "vae", "kl vae --mu V --logvar V [--base B]",
    "VAE KL term D(N(mu,diag(exp(logvar))) || N(0,I))",
    "The KL term of a variational autoencoder with a diagonal Gaussian\n"
    "posterior against the standard normal prior:\n"
    "D(N(mu, diag(exp(logvar))) || N(0, I))\n"
    "  = -1/2 sum_j (1 + logvar_j - mu_j^2 - exp(logvar_j)).\n\n"
    "--mu and --logvar are comma-separated vectors of the same length, as an\n"
    "encoder outputs them (logvar is log sigma^2); either may be @FILE or\n"
    "- (standard input, once), as for kl div.\n"
    "  --base B      logarithm base: e (nats, default), 2 (bits), 10\n"
    "\nexample: kl vae --mu 1,0 --logvar 0,0   prints 0.5\n",
    run_vae};
