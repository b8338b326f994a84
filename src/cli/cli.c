#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kl/discrete.h"

void cli_die(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("kl: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(CLI_EXIT_BAD_INPUT);
}

void cli_help(const struct cli_command *cmd)
{
    printf("usage: %s\n\n%s", cmd->synopsis, cmd->help);
}

int cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int cli_option(const char *name, int argc, char **argv, int *i,
               const char **value)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, name, n) != 0)
        return 0;
    if (a[2 + n] == '=') {
        *value = a + 3 + n;
        return 1;
    }
    if (a[2 + n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        cli_die("--%s needs a value", name);
    *value = argv[++*i];
    return 1;
}

int cli_option_once(const char *name, int argc, char **argv, int *i,
                    const char **slot)
{
    const char *val;
    if (!cli_option(name, argc, argv, i, &val))
        return 0;
    if (*slot != NULL)
        cli_die("--%s given twice", name);
    *slot = val;
    return 1;
}

void cli_reject_option(const struct cli_command *cmd, const char *arg)
{
    if (arg[0] == '-' && arg[1] == '-')
        cli_die("unknown option '%s' (try 'kl %s --help')", arg, cmd->name);
}

double cli_parse_number(const char *what, const char *text)
{
    const char *s = text;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '\0')
        cli_die("%s is empty: expected a number", what);
    char *end;
    double x = strtod(s, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == s || *end != '\0')
        cli_die("%s '%s' is not a number", what, text);
    return x;
}

double *cli_parse_vector(const char *what, const char *text, size_t *n)
{
    size_t count = 1;
    for (const char *c = text; *c; c++)
        count += *c == ',';
    if (strspn(text, " \t") == strlen(text))
        cli_die("%s is empty: expected comma-separated numbers", what);
    double *v = malloc(count * sizeof *v);
    if (v == NULL)
        cli_die("out of memory");
    const char *c = text;
    for (size_t i = 0; i < count; i++) {
        const char *end = strchr(c, ',');
        size_t len = end ? (size_t)(end - c) : strlen(c);
        char *item = malloc(len + 1), label[64];
        if (item == NULL)
            cli_die("out of memory");
        memcpy(item, c, len);
        item[len] = '\0';
        snprintf(label, sizeof label, "%s: entry %zu", what, i + 1);
        if (strspn(item, " \t") == len)
            cli_die("%s is empty", label);
        char *stop;
        v[i] = strtod(item, &stop);
        while (*stop == ' ' || *stop == '\t')
            stop++;
        if (stop == item || *stop != '\0')
            cli_die("%s '%s' is not a number", label, item);
        free(item);
        c += len + (end ? 1 : 0);
    }
    *n = count;
    return v;
}

double cli_parse_base(const char *text)
{
    if (strcmp(text, "e") == 0)
        return KL_BASE_E;
    if (strcmp(text, "2") == 0)
        return 2.0;
    if (strcmp(text, "10") == 0)
        return 10.0;
    cli_die("unknown base '%s' (expected e, 2 or 10)", text);
}

char *cli_format_value(double x, char *buf, size_t size)
{
    if (isinf(x)) {
        snprintf(buf, size, "%s", x > 0 ? "inf" : "-inf");
        return buf;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x + 0.0);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}

void cli_print_value(double x)
{
    char buf[64];
    if (isnan(x))
        cli_die("the result is not a number");
    puts(cli_format_value(x, buf, sizeof buf));
}
