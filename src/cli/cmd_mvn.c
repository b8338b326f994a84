#define _POSIX_C_SOURCE 200809L /* strdup */
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

/* The text of a matrix option: TEXT itself, or the contents of the file
 * named after '@' (for matrices too large for a command line). */
static char *matrix_text(const char *what, const char *text)
{
    if (text[0] != '@')
        return strdup(text);
    FILE *f = fopen(text + 1, "rb");
    if (f == NULL)
        cli_die("%s: cannot open '%s'", what, text + 1);
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (len + 1 == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (bigger == NULL)
                free(buf);
            buf = bigger;
        }
    }
    int bad = buf == NULL || ferror(f);
    fclose(f);
    if (buf == NULL)
        cli_die("out of memory");
    if (bad) {
        free(buf);
        cli_die("%s: cannot read '%s'", what, text + 1);
    }
    buf[len] = '\0';
    return buf;
}

/* Parses a square matrix: rows separated by ';' (or newlines), entries by
 * ','.  Returns a new row-major array of *K x *K entries.  Dies on a
 * malformed number, an empty matrix, a row of the wrong length, or a NaN or
 * infinite entry. */
static double *parse_matrix(const char *what, const char *arg, size_t *k)
{
    char *text = matrix_text(what, arg);
    for (char *c = text; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ';';
    /* drop empty rows at the end ("1,0;0,1;" or a final newline) */
    size_t len = strlen(text);
    while (len > 0 && strchr("; \t", text[len - 1]))
        text[--len] = '\0';
    size_t rows = 1;
    for (const char *c = text; *c; c++)
        rows += *c == ';';
    if (strspn(text, " \t") == len) {
        free(text);
        cli_die("%s is empty: expected rows like \"1,0.3;0.3,2\"", what);
    }
    double *m = malloc(rows * rows * sizeof *m);
    if (m == NULL)
        cli_die("out of memory");
    char *row = text, label[64];
    for (size_t r = 0; r < rows; r++) {
        char *end = strchr(row, ';');
        if (end)
            *end = '\0';
        size_t n;
        snprintf(label, sizeof label, "%s row %zu", what, r + 1);
        double *v = cli_parse_vector(label, row, &n);
        if (n != rows) {
            free(v);
            free(m);
            free(text);
            cli_die("%s has %zu entr%s, but the matrix has %zu rows "
                    "(it must be square)", label, n, n == 1 ? "y" : "ies",
                    rows);
        }
        for (size_t c = 0; c < n; c++) {
            if (isnan(v[c]) || isinf(v[c])) {
                const char *kind = isnan(v[c]) ? "NaN" : "infinite";
                free(v);
                free(m);
                free(text);
                cli_die("%s: entry (%zu,%zu) is %s", what, r + 1, c + 1, kind);
            }
            m[r * rows + c] = v[c];
        }
        free(v);
        row = end ? end + 1 : row;
    }
    free(text);
    *k = rows;
    return m;
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

/* Dies if COV (k x k) is not symmetric or not positive definite. */
static void check_covariance(const char *what, const double *cov, size_t k)
{
    size_t i, j;
    char a[32], b[32];
    if (!kl_mvn_symmetric(cov, k, &i, &j))
        cli_die("%s is not symmetric: entry (%zu,%zu) = %s but (%zu,%zu) "
                "= %s", what, i + 1, j + 1,
                shortest(cov[i * k + j], a, sizeof a), j + 1, i + 1,
                shortest(cov[j * k + i], b, sizeof b));
    enum kl_status st = kl_mvn_check(NULL, cov, k);
    if (st == KL_EPARAM)
        cli_die("%s is not positive definite", what);
    if (st != KL_OK)
        cli_die("%s: %s", what, kl_strerror(st));
}

/* Prints D (nats) in BASE; dies if it overflowed. */
static void print_divergence(double d, const char *base_text)
{
    double scale = 1.0;
    if (base_text != NULL &&
        kl_base_scale(cli_parse_base(base_text), &scale) != KL_OK)
        cli_die("bad base '%s'", base_text);
    if (isinf(d))
        cli_die("the divergence is too large for a double");
    cli_print_value(d * scale);
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
    double *m0 = cli_parse_vector("--mu0", mu0, &n0);
    check_vector("--mu0", m0, n0);
    double *m1 = cli_parse_vector("--mu1", mu1, &n1);
    check_vector("--mu1", m1, n1);
    if (n0 != n1)
        cli_die("--mu0 has %zu entries but --mu1 has %zu", n0, n1);
    double *s0 = parse_matrix("--cov0", cov0, &k0);
    if (k0 != n0)
        cli_die("--cov0 is %zu x %zu but --mu0 has %zu entries", k0, k0, n0);
    double *s1 = parse_matrix("--cov1", cov1, &k1);
    if (k1 != n1)
        cli_die("--cov1 is %zu x %zu but --mu1 has %zu entries", k1, k1, n1);
    check_covariance("--cov0", s0, k0);
    check_covariance("--cov1", s1, k1);

    double d;
    enum kl_status st = kl_mvn_divergence_raw(m0, s0, m1, s1, n0, &d);
    free(m0);
    free(m1);
    free(s0);
    free(s1);
    if (st != KL_OK)
        cli_die("%s", kl_strerror(st));
    print_divergence(d, base);
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
    double *m = cli_parse_vector("--mu", mu, &n);
    check_vector("--mu", m, n);
    double *l = cli_parse_vector("--logvar", logvar, &nl);
    check_vector("--logvar", l, nl);
    if (n != nl)
        cli_die("--mu has %zu entries but --logvar has %zu", n, nl);
    double d;
    enum kl_status st = kl_mvn_vae_diag(m, l, n, &d);
    free(m);
    free(l);
    if (st != KL_OK)
        cli_die("%s", kl_strerror(st));
    print_divergence(d, base);
    return 0;
}

const struct cli_command cli_mvn = {
    "mvn", "kl mvn --mu0 V --cov0 M --mu1 V --cov1 M [--base B]",
    "divergence of two multivariate normals",
    "Kullback-Leibler divergence D(N(mu0,cov0) || N(mu1,cov1)) =\n"
    "(tr(cov1^-1 cov0) + (mu1-mu0)^T cov1^-1 (mu1-mu0) - k\n"
    " + log det cov1 - log det cov0) / 2, through Cholesky factors.\n\n"
    "V is a comma-separated vector (0,1.5); M a k x k covariance with rows\n"
    "separated by ';' and entries by ',' (\"1,0.3;0.3,2\"), or @FILE to read\n"
    "it from a file (rows on lines or separated by ';').  A covariance must\n"
    "be finite, symmetric to 1e-12 relative and positive definite.\n"
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
    "encoder outputs them (logvar is log sigma^2).\n"
    "  --base B      logarithm base: e (nats, default), 2 (bits), 10\n"
    "\nexample: kl vae --mu 1,0 --logvar 0,0   prints 0.5\n",
    run_vae};
