/* The mutual information command of `kl`: mi, I(X;Y) of a joint table. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "kl/discrete.h"
#include "kl/joint.h"

/* Dies describing the first bad entry of the ROWS x COLS table T for ST
 * (its entries are finite: the table parser refused NaN and infinities). */
static void die_table(const double *t, size_t rows, size_t cols,
                      enum kl_status st)
{
    for (size_t k = 0; k < rows * cols; k++)
        if (st == KL_ENEGATIVE && t[k] < 0)
            cli_die("P_XY: entry (%zu,%zu) is negative (%g)", k / cols + 1,
                    k % cols + 1, t[k]);
    if (st == KL_ESUM) {
        double s = 0, c = 0; /* Neumaier, as kl_discrete_check sums */
        for (size_t k = 0; k < rows * cols; k++) {
            double u = s + t[k];
            c += fabs(s) >= fabs(t[k]) ? (s - u) + t[k] : (t[k] - u) + s;
            s = u;
        }
        cli_die("P_XY sums to %.17g, not 1 (use --normalize for counts)",
                s + c);
    }
    if (st == KL_EZERO)
        cli_die("P_XY: the counts are all zero");
    cli_die_status("P_XY", st);
}

static int run_mi(const struct cli_command *cmd, int argc, char **argv)
{
    const char *table = NULL, *base_text = NULL;
    double base = KL_BASE_E;
    int normalize = 0;
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
            if (table != NULL)
                cli_die("mi takes one joint table; unexpected '%s'", a);
            table = a;
        }
    }
    if (table == NULL)
        cli_die("mi needs a joint table P_XY (usage: %s)", cmd->synopsis);

    size_t rows, cols;
    double *t = cli_read_table("P_XY", table, &rows, &cols);
    enum kl_status st = normalize ? kl_discrete_normalize(t, rows * cols, t)
                                  : kl_joint_check(t, rows, cols);
    if (st != KL_OK)
        die_table(t, rows, cols, st);
    double mi;
    st = kl_joint_mi(t, rows, cols, base, &mi);
    cli_free(t);
    cli_print_divergence(st, mi, 1.0);
    return 0;
}

const struct cli_command cli_mi = {
    "mi", "kl mi P_XY [--base B] [--normalize]",
    "mutual information I(X;Y) of a joint table",
    "Mutual information I(X;Y) = D(P_XY || P_X P_Y)\n"
    "  = sum_ij p_ij log(p_ij / (p_i. p_.j)) >= 0, zero exactly when X and Y\n"
    "are independent; equal to H(X) - H(X|Y) = H(X) + H(Y) - H(X,Y).\n\n"
    "P_XY is the joint table P(X = i, Y = j): one row for each outcome of X,\n"
    "rows separated by ';' and entries by ',' (\"0.1,0.2;0.3,0.4\"), every\n"
    "row as long as the first; entries finite, non-negative and summing to\n"
    "1 within 1e-9.  @FILE reads the table from a file and - from standard\n"
    "input (once): rows on lines (LF or CRLF) or separated by ';', entries\n"
    "by commas or spaces; at most 1000 rows, 1000 columns and 64 MiB.\n"
    "  --base B      logarithm base: e (nats, default), 2 (bits), 10\n"
    "  --normalize   P_XY holds non-negative counts; divide by their sum\n"
    "                (the plug-in estimate from a sample)\n"
    "\nexample: kl mi \"0.5,0;0,0.5\" --base 2   prints 1\n",
    run_mi};
