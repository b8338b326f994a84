/* cli.h — what the commands of the `kl` calculator share: the command table
 * entry, the one-line error convention and the parsers of numbers, vectors
 * and bases.
 *
 * A command lives in src/cli/cmd_<topic>.c, defines a const struct
 * cli_command, and is listed in the table in src/cli/kl.c.  Its run function
 * gets the arguments after the command name; it prints the result with
 * cli_print_value() and returns 0, or calls cli_die() for bad input (one line
 * "kl: <what is wrong>" on stderr, nothing on stdout, exit status 2). */
#ifndef KL_CLI_H
#define KL_CLI_H

#include <stddef.h>

#define CLI_EXIT_BAD_INPUT 2

struct cli_command {
    const char *name;       /* "div" */
    const char *synopsis;   /* "kl div P Q [--base B] [--normalize]" */
    const char *summary;    /* one line for `kl --help` */
    const char *help;       /* the text of `kl div --help` */
    int (*run)(const struct cli_command *cmd, int argc, char **argv);
};

/* Prints "kl: <message>" on stderr and exits with status 2. */
void cli_die(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/* Prints the synopsis and help of CMD on stdout. */
void cli_help(const struct cli_command *cmd);

/* Returns 1 if ARGV[*I] is "-h" or "--help". */
int cli_is_help(const char *arg);

/* If ARGV[*I] is "--NAME VALUE" or "--NAME=VALUE", stores VALUE, advances *I
 * past what it used and returns 1; dies if the value is missing; else 0. */
int cli_option(const char *name, int argc, char **argv, int *i,
               const char **value);

/* As cli_option, for an option that may be given once: stores its value in
 * *SLOT and dies ("--NAME given twice") if *SLOT is already set. */
int cli_option_once(const char *name, int argc, char **argv, int *i,
                    const char **slot);

/* Dies with "unknown option" if ARG starts with "--"; returns otherwise. */
void cli_reject_option(const struct cli_command *cmd, const char *arg);

/* Parses a whole string as a double (dies, naming WHAT, if it is not one;
 * "nan" and "inf" parse, for the caller to refuse). */
double cli_parse_number(const char *what, const char *text);

/* Parses a comma-separated list of numbers into a new array of *N entries
 * (free it); dies on an empty list or entry, naming WHAT ("P"). */
double *cli_parse_vector(const char *what, const char *text, size_t *n);

/* Parses a --base value: "e", "2" or "10"; dies otherwise.  Returns the base
 * for the kl_* functions (KL_BASE_E for e). */
double cli_parse_base(const char *text);

/* Writes X to BUF in the fewest significant digits that read back as the
 * same double, "inf" or "-inf" for infinities; returns BUF (SIZE >= 32). */
char *cli_format_value(double x, char *buf, size_t size);

/* Prints X alone on a line, as cli_format_value writes it; dies on NaN. */
void cli_print_value(double x);

#endif
