/* cli.h — what the commands of the `kl` calculator share: the command table
 * entry, the one-line error convention, the parsers of numbers, lists,
 * matrices and bases, the readers of @FILE and - (standard input), and the
 * allocations that an error frees.
 *
 * A command lives in src/cli/cmd_<topic>.c, defines a const struct
 * cli_command, and is listed in the table in src/cli/kl.c.  Its run function
 * gets the arguments after the command name; it prints the result with
 * cli_print_value() or cli_print_divergence() and returns 0, or calls
 * cli_die() for bad input (one line "kl: <what is wrong>" on stderr, nothing
 * on stdout, exit status 2).  kl_main() reports a failed write of the output
 * as "kl: write error: ..." with exit status 1.
 *
 * Memory: cli_alloc() and cli_realloc() die on exhaustion, and every block
 * they return is freed by cli_free() or, at the latest, when kl_main()
 * returns or cli_die() exits, so no error path leaks. */
#ifndef KL_CLI_H
#define KL_CLI_H

#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>

#include "kl/status.h"

#define CLI_EXIT_WRITE 1
#define CLI_EXIT_BAD_INPUT 2

/* Limits on input, stated in `kl --help`. */
#define CLI_MAX_ENTRIES 10000000u       /* entries of one list (10^7) */
#define CLI_MAX_LIST_BYTES (512u << 20) /* bytes of one list's @FILE or - */
#define CLI_MAX_DIM 1000u               /* rows (= columns) of a matrix */
#define CLI_MAX_MATRIX_BYTES (64u << 20) /* bytes of one matrix's @FILE or - */
#define CLI_MAX_NUMBER_CHARS 200u       /* characters of one number */

struct cli_command {
    const char *name;       /* "div" */
    const char *synopsis;   /* "kl div P Q [--base B] [--normalize]" */
    const char *summary;    /* one line for `kl --help` */
    const char *help;       /* the text of `kl div --help` */
    int (*run)(const struct cli_command *cmd, int argc, char **argv);
};

/* The calculator: argv[1] is the command.  Returns the exit status (0, 1 for
 * a write error, 2 for bad input), or exits with it from cli_die() unless
 * cli_jump is set.  Defined in kl.c. */
int kl_main(int argc, char **argv);

/* Where the output and the error line go (stdout and stderr unless a test
 * harness sets them before kl_main()). */
extern FILE *cli_out, *cli_err;

/* When not NULL, cli_die() frees every cli_alloc() block and longjmp()s here
 * with its exit status instead of calling exit() (for the fuzz harnesses). */
extern jmp_buf *cli_jump;

/* Prints "kl: <message>" on stderr as one line (control characters and bytes
 * that are not UTF-8 escaped as \n, \x1b, ...; at most about 300 bytes),
 * frees every cli_alloc() block and exits with status 2. */
void cli_die(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/* Dies with the message of STATUS after "WHAT: " (WHAT may be NULL); for
 * KL_ERANGE the range policy's message. */
void cli_die_status(const char *what, enum kl_status status)
    __attribute__((noreturn));

/* Writes MSG to the error stream as "kl: <escaped MSG>\n" (no exit). */
void cli_error_line(const char *msg);

/* malloc/realloc that die ("out of memory") instead of returning NULL; the
 * block is freed by cli_free() or by cli_free_all(). */
void *cli_alloc(size_t size);
void *cli_realloc(void *p, size_t size);
void cli_free(void *p);
void cli_free_all(void);

/* Resets the per-run state (standard input unread, no blocks). */
void cli_reset(void);

/* Prints the synopsis and help of CMD on the output stream. */
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

/* Parses the LEN bytes at TEXT (TEXT[LEN] must be a byte that ends a number:
 * '\0', ',', ';', whitespace) as a list of numbers separated by commas and/or
 * whitespace (spaces, tabs, CR, newlines) into a new cli_alloc() array of *N
 * entries.  Dies, naming WHAT, on an empty list or entry, a NUL byte, a
 * malformed number, a number longer than CLI_MAX_NUMBER_CHARS or more than
 * CLI_MAX_ENTRIES entries.  SOURCE, when not NULL, names where the text came
 * from ("@p.txt", "standard input") and adds the line number to messages. */
double *cli_parse_list(const char *what, const char *source, const char *text,
                       size_t len, size_t *n);

/* cli_parse_list of the string TEXT itself. */
double *cli_parse_vector(const char *what, const char *text, size_t *n);

/* A list given as an argument ARG: the numbers themselves, "@FILE" (read the
 * file) or "-" (read standard input, once per run); at most
 * CLI_MAX_LIST_BYTES are read. */
double *cli_read_vector(const char *what, const char *arg, size_t *n);

/* A square matrix given as ARG (text, "@FILE" or "-", at most
 * CLI_MAX_MATRIX_BYTES): rows separated by ';' or line ends (LF or CRLF),
 * entries as in cli_parse_list, empty rows at the end ignored.  Returns a new
 * cli_alloc() row-major array of *K x *K finite entries; dies on a malformed
 * or non-finite entry, an empty matrix or row, a row of the wrong length or
 * more than CLI_MAX_DIM rows (before allocating anything that large). */
double *cli_read_matrix(const char *what, const char *arg, size_t *k);

/* cli_read_matrix of the LEN bytes at TEXT (the fuzz harness's entry). */
double *cli_parse_matrix(const char *what, const char *source,
                         const char *text, size_t len, size_t *k);

/* A table given as ARG, as cli_read_matrix reads a matrix but of any shape:
 * *ROWS rows of *COLS entries each (both at most CLI_MAX_DIM), every row as
 * long as the first (a ragged row dies, naming it).  Returns a new
 * cli_alloc() row-major array of finite entries. */
double *cli_read_table(const char *what, const char *arg, size_t *rows,
                       size_t *cols);

/* cli_read_table of the LEN bytes at TEXT. */
double *cli_parse_table(const char *what, const char *source,
                        const char *text, size_t len, size_t *rows,
                        size_t *cols);

/* Parses a --base value: "e", "2" or "10"; dies otherwise.  Returns the base
 * for the kl_* functions (KL_BASE_E for e). */
double cli_parse_base(const char *text);

/* Writes X to BUF in the fewest significant digits that read back as the
 * same double, "inf" or "-inf" for infinities; returns BUF (SIZE >= 32). */
char *cli_format_value(double x, char *buf, size_t size);

/* Prints X alone on a line, as cli_format_value writes it; a NaN is an
 * internal error (dies, never printed). */
void cli_print_value(double x);

/* The range policy, the same for every command: prints the divergence D
 * (from a kl_* call that returned ST) times SCALE (1/ln base).  +inf, a
 * divergence that is infinite, prints "inf"; a divergence that is finite but
 * larger than the largest double, reported by the library as KL_ERANGE or
 * reached by the change of base, is refused with a one-line error; any
 * other failed ST dies with its message. */
void cli_print_divergence(enum kl_status st, double d, double scale);

#endif
