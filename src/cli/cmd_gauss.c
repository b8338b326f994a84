/* The `kl gauss` command: D(N(MU1, SIGMA1^2) || N(MU2, SIGMA2^2)) by the
 * library's careful closed form, and with --check the same divergence by
 * adaptive quadrature beside it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "kl/density.h"
#include "kl/discrete.h"
#include "kl/gaussian.h"

static const char *const arg_names[4] = {"MU1", "SIGMA1", "MU2", "SIGMA2"};

/* Prints one labelled line of --check in the fewest digits that read back. */
static void print_labelled(const char *label, double x)
{
    char buf[64];
    fprintf(cli_out, "%-12s %s\n", label, cli_format_value(x, buf, sizeof buf));
}

static int run_gauss(const struct cli_command *cmd, int argc, char **argv)
{
    double base = KL_BASE_E, v[4];
    int check = 0, nargs = 0;
    const char *args[4], *base_text = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            cli_help(cmd);
            return 0;
        }
        if (strcmp(a, "--check") == 0) {
            check = 1;
        } else if (cli_option_once("base", argc, argv, &i, &base_text)) {
            base = cli_parse_base(base_text);
        } else {
            cli_reject_option(cmd, a);
            if (nargs == 4)
                cli_die("gauss takes 4 numbers MU1 SIGMA1 MU2 SIGMA2; "
                        "unexpected '%s'", a);
            args[nargs++] = a;
        }
    }
    if (nargs < 4)
        cli_die("gauss needs 4 numbers, got %d (usage: %s)", nargs,
                cmd->synopsis);
    for (int k = 0; k < 4; k++) {
        v[k] = cli_parse_number(arg_names[k], args[k]);
        if (k % 2 == 0 && !isfinite(v[k]))
            cli_die("%s must be finite (got '%s')", arg_names[k], args[k]);
        if (k % 2 == 1 && !(isfinite(v[k]) && v[k] > 0.0))
            cli_die("%s must be a finite standard deviation > 0 (got '%s')",
                    arg_names[k], args[k]);
    }
    double scale, d;
    if (kl_base_scale(base, &scale) != KL_OK)
        cli_die("bad base");
    enum kl_status st = kl_gaussian_divergence(v[0], v[1], v[2], v[3], &d);
    if (!check) {
        cli_print_divergence(st, d, scale);
        return 0;
    }
    /* the closed form is refused (too large for a double) before anything
     * is printed */
    if (st != KL_OK || !isfinite(d * scale))
        cli_print_divergence(st, d, scale);
    /* Quadrature in P's own coordinates z = (x - MU1)/SIGMA1, where P is
     * N(0, 1): KL is unchanged by the affine map, and the integrator finds
     * P's mass at the origin however narrow or far away P is. */
    struct kl_gaussian p = {0.0, 1.0};
    struct kl_gaussian q = {(v[2] - v[0]) / v[1], v[3] / v[1]};
    if (kl_gaussian_check(q.mu, q.sigma) != KL_OK)
        cli_die("--check: the parameters are too far apart for quadrature");
    struct kl_density dp = kl_gaussian_density(&p);
    struct kl_density dq = kl_gaussian_density(&q);
    struct kl_quad_result r;
    st = kl_density_divergence(&dp, &dq, NULL, &r);
    if (st != KL_OK && st != KL_EQUAD)
        cli_die("--check: %s", kl_strerror(st));
    print_labelled("closed form", d * scale);
    if (isfinite(r.value) && isfinite(r.abserr)) {
        print_labelled("quadrature", r.value * scale);
        print_labelled("difference", (r.value - d) * scale);
        print_labelled("quad. error", r.abserr * scale);
        if (st == KL_EQUAD)
            fputs("note         the quadrature did not reach its tolerance\n",
                  cli_out);
    } else {
        /* log q = -(z - mu)^2 / (2 sigma^2) - ... overflows to -inf where
         * P has mass, so the integrand is not a number: no comparison */
        fputs("note         no quadrature: log q overflows a double where P "
              "has mass\n", cli_out);
    }
    return 0;
}

const struct cli_command cli_gauss = {
    "gauss", "kl gauss MU1 SIGMA1 MU2 SIGMA2 [--base B] [--check]",
    "KL divergence between two normal distributions",
    "D(N(MU1, SIGMA1^2) || N(MU2, SIGMA2^2))\n"
    "  = log(SIGMA2/SIGMA1) + (SIGMA1^2 + (MU1 - MU2)^2)/(2 SIGMA2^2) - 1/2,\n"
    "evaluated with log1p and a series so that tiny divergences keep their\n"
    "digits.  SIGMA1 and SIGMA2 are standard deviations (finite, > 0).\n"
    "  --base B   logarithm base: e (nats, default), 2 (bits), 10\n"
    "  --check    also integrate p (log p - log q) over the whole line by\n"
    "             adaptive quadrature and print, labelled, the closed form,\n"
    "             the quadrature, their difference and GSL's error estimate\n"
    "             (or a note where log q overflows a double)\n"
    "The divergence is always finite; one larger than the largest double\n"
    "(1.8e308) in the chosen base is refused as an error, never printed as\n"
    "inf.\n"
    "\nexample: kl gauss 0 1 1 1   prints 0.5\n",
    run_gauss};
