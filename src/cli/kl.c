/* kl — the KL Workbook's calculator: a thin front end over src/kl/.
 *
 *   kl COMMAND ARGS... [--base B]
 *
 * On success the value alone on stdout, in the fewest digits that read back
 * as the same double (or "inf"), exit 0.  On bad input one line
 * "kl: <what is wrong>" on stderr, nothing on stdout, exit 2.  The commands
 * live in src/cli/cmd_*.c; this file lists them and dispatches. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

extern const struct cli_command cli_entropy, cli_cross, cli_div, cli_js;
extern const struct cli_command cli_mvn, cli_vae;
extern const struct cli_command cli_gauss;

/* Every command, in the order `kl --help` lists them. */
static const struct cli_command *const commands[] = {
    &cli_entropy,
    &cli_cross,
    &cli_div,
    &cli_js,
    &cli_gauss,
    &cli_mvn,
    &cli_vae,
};

static void usage(void)
{
    puts("usage: kl COMMAND ARGS... [--base B]\n"
         "\n"
         "The calculator of the KL Workbook: information measures in nats\n"
         "(--base 2 for bits, --base 10 for hartleys).\n"
         "\n"
         "commands:");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        printf("  %-50s %s\n", commands[i]->synopsis + 3, commands[i]->summary);
    puts("\n"
         "'kl COMMAND --help' explains one command, with an example.\n"
         "The value is printed alone on one line, with enough digits to read\n"
         "back the same double, or 'inf'.  Bad input prints one line\n"
         "'kl: <what is wrong>' on stderr and exits with status 2.");
}

int main(int argc, char **argv)
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
