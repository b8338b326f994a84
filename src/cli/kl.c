/* kl — the KL Workbook's calculator: a thin front end over src/kl/.
 *
 *   kl COMMAND ARGS... [--base B]
 *
 * On success the value alone on stdout, in the fewest digits that read back
 * as the same double (or "inf" for an infinite divergence), exit 0.  On bad
 * input one line "kl: <what is wrong>" on stderr, nothing on stdout, exit 2;
 * when the output cannot be written, "kl: write error: ..." and exit 1.  The
 * commands live in src/cli/cmd_*.c; this file lists them and dispatches.
 * Built with -DKL_NO_MAIN (the fuzz harnesses), it defines kl_main() alone. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "cli/cli.h"

extern const struct cli_command cli_entropy, cli_cross, cli_div, cli_js;
extern const struct cli_command cli_mvn, cli_vae;
extern const struct cli_command cli_gauss;
extern const struct cli_command cli_mi;
extern const struct cli_command cli_words;

/* Every command, in the order `kl --help` lists them. */
static const struct cli_command *const commands[] = {
    &cli_entropy,
    &cli_cross,
    &cli_div,
    &cli_js,
    &cli_mi,
    &cli_gauss,
    &cli_mvn,
    &cli_vae,
    &cli_words,
};

static void usage(void)
{
    fputs("usage: kl COMMAND ARGS... [--base B]\n"
          "\n"
          "The calculator of the KL Workbook: information measures in nats\n"
          "(--base 2 for bits, --base 10 for hartleys).\n"
          "\n"
          "commands:\n", cli_out);
    int width = 0;      /* the summaries line up after the longest synopsis */
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if ((int)strlen(commands[i]->synopsis + 3) > width)
            width = (int)strlen(commands[i]->synopsis + 3);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(cli_out, "  %-*s  %s\n", width, commands[i]->synopsis + 3,
                commands[i]->summary);
    fputs("\n"
          "'kl COMMAND --help' explains one command, with an example.\n"
          "The value is printed alone on one line, with enough digits to read\n"
          "back the same double, or 'inf' for a divergence that is infinite.\n"
          "A divergence that is finite but larger than the largest double\n"
          "(1.8e308), in any command and any base, is refused as an error.\n"
          "Bad input prints one line 'kl: <what is wrong>' on stderr and exits\n"
          "with status 2; an output that cannot be written prints\n"
          "'kl: write error: ...' and exits with status 1.\n", cli_out);
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2)
        cli_die("missing command (try 'kl --help')");
    if (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        usage();
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i]->name) == 0)
            return commands[i]->run(commands[i], argc - 2, argv + 2);
    cli_die("unknown command '%s' (try 'kl --help')", argv[1]);
}

int kl_main(int argc, char **argv)
{
    cli_reset();
    gsl_set_error_handler_off(); /* every GSL status is checked */
    int status = dispatch(argc, argv);
    cli_free_all();
    /* the value is only out once it is written: a full disk or a closed
     * stdout is an error, not a silent success */
    errno = 0;
    if (fflush(cli_out) != 0 || ferror(cli_out)) {
        char msg[256];
        snprintf(msg, sizeof msg, "write error: %s",
                 errno ? strerror(errno) : "the output could not be written");
        cli_error_line(msg);
        return CLI_EXIT_WRITE;
    }
    return status;
}

#ifndef KL_NO_MAIN
int main(int argc, char **argv)
{
    return kl_main(argc, argv);
}
#endif
