#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kl/discrete.h"

FILE *cli_out, *cli_err;
jmp_buf *cli_jump;

/* --- allocations that an error frees --------------------------------------- */

/* Every live block, in a doubly linked list in front of its bytes. */
union block {
    struct {
        union block *prev, *next;
    } link;
    max_align_t align;
};

static union block blocks = {{&blocks, &blocks}};
static int stdin_read;      /* '-' was used in this run */

static void unlink_block(union block *b)
{
    b->link.prev->link.next = b->link.next;
    b->link.next->link.prev = b->link.prev;
}

static void *link_block(union block *b)
{
    b->link.prev = &blocks;
    b->link.next = blocks.link.next;
    blocks.link.next->link.prev = b;
    blocks.link.next = b;
    return b + 1;
}

void *cli_alloc(size_t size)
{
    if (size > SIZE_MAX - sizeof(union block))
        cli_die("out of memory");
    union block *b = malloc(sizeof *b + size);
    if (b == NULL)
        cli_die("out of memory");
    return link_block(b);
}

void *cli_realloc(void *p, size_t size)
{
    if (p == NULL)
        return cli_alloc(size);
    if (size > SIZE_MAX - sizeof(union block))
        cli_die("out of memory");
    union block *b = (union block *)p - 1;
    unlink_block(b);
    union block *nb = realloc(b, sizeof *b + size);
    if (nb == NULL) {
        link_block(b); /* still owned: freed on the way out */
        cli_die("out of memory");
    }
    return link_block(nb);
}

void cli_free(void *p)
{
    if (p == NULL)
        return;
    union block *b = (union block *)p - 1;
    unlink_block(b);
    free(b);
}

void cli_free_all(void)
{
    while (blocks.link.next != &blocks) {
        union block *b = blocks.link.next;
        unlink_block(b);
        free(b);
    }
}

void cli_reset(void)
{
    cli_free_all();
    stdin_read = 0;
    if (cli_out == NULL)
        cli_out = stdout;
    if (cli_err == NULL)
        cli_err = stderr;
}

/* --- the one-line error ------------------------------------------------------ */

/* The length of the well-formed UTF-8 sequence at S (N bytes available) that
 * encodes a printable character (no C1 control, no line or paragraph
 * separator), or 0 (RFC 3629: no overlong forms, no surrogates, at most
 * U+10FFFF). */
static size_t utf8_printable(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned cp;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        cp = s[0] & 0x1fu;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        cp = s[0] & 0x0fu;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    if (cp <= 0x9f || cp == 0x2028 || cp == 0x2029)
        return 0;
    return len;
}

#define ERROR_MAX 300   /* bytes of an escaped message before "..." */

void cli_error_line(const char *msg)
{
    char out[ERROR_MAX + 16];
    size_t o = 0, n = strlen(msg);
    const unsigned char *s = (const unsigned char *)msg;
    for (size_t i = 0; i < n;) {
        char piece[8];
        size_t len = 0, take = 1;
        if (s[i] >= 0x20 && s[i] < 0x7f) {
            piece[len++] = (char)s[i];
        } else if (s[i] >= 0x80 && (take = utf8_printable(s + i, n - i)) > 0) {
            memcpy(piece, s + i, take);
            len = take;
        } else {
            take = 1;
            const char *named = s[i] == '\n' ? "\\n" : s[i] == '\r' ? "\\r"
                              : s[i] == '\t' ? "\\t" : NULL;
            if (named)
                len = (size_t)snprintf(piece, sizeof piece, "%s", named);
            else
                len = (size_t)snprintf(piece, sizeof piece, "\\x%02x", s[i]);
        }
        if (o + len > ERROR_MAX) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        memcpy(out + o, piece, len);
        o += len;
        i += take;
    }
    out[o] = '\0';
    fprintf(cli_err ? cli_err : stderr, "kl: %s\n", out);
    fflush(cli_err ? cli_err : stderr);
}

static _Noreturn void leave(int status)
{
    cli_free_all();
    if (cli_jump != NULL)
        longjmp(*cli_jump, status);
    exit(status);
}

void cli_die(const char *fmt, ...)
{
    va_list ap;
    char small[512], *msg = small;
    va_start(ap, fmt);
    int len = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (len >= (int)sizeof small) {
        /* the message echoes long input: its start is enough */
        small[sizeof small - 1] = '\0';
    }
    if (len < 0)
        msg = "error (the message could not be formatted)";
    cli_error_line(msg);
    leave(CLI_EXIT_BAD_INPUT);
}

#define RANGE_MESSAGE \
    "the divergence is finite but too large for a double (over 1.8e308)"

void cli_die_status(const char *what, enum kl_status status)
{
    const char *msg = status == KL_ERANGE ? RANGE_MESSAGE : kl_strerror(status);
    if (what != NULL)
        cli_die("%s: %s", what, msg);
    cli_die("%s", msg);
}

void cli_help(const struct cli_command *cmd)
{
    fprintf(cli_out, "usage: %s\n\n%s\n"
            "exit status: 0 done; 1 the output could not be written\n"
            "(kl: write error: ...); 2 bad input, or a divergence too large\n"
            "for a double (one line kl: ... on stderr, nothing on stdout).\n",
            cmd->synopsis, cmd->help);
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

/* --- lists ------------------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* Where a message about the text at LINE came from: "" for an argument,
 * " (line 3 of @p.txt)" for a file. */
static const char *where(const char *source, size_t line, char *buf,
                         size_t size)
{
    if (source == NULL)
        return "";
    snprintf(buf, size, " (line %zu of %s)", line, source);
    return buf;
}

/* Dies if the LEN bytes at TEXT hold a NUL byte. */
static void refuse_nul(const char *what, const char *source, const char *text,
                       size_t len)
{
    const char *z = memchr(text, '\0', len);
    if (z != NULL)
        cli_die("%s: %s holds a NUL byte at byte %zu (not a text file?)", what,
                source ? source : "the argument", (size_t)(z - text) + 1);
}

double *cli_parse_list(const char *what, const char *source, const char *text,
                       size_t len, size_t *n)
{
    char loc[4200];
    const char *c = text, *end = text + len;
    size_t line = 1, count = 0, cap = 0;
    double *v = NULL;
    for (; c < end && is_space(*c); c++)
        line += *c == '\n';
    if (c == end)
        cli_die("%s is empty: expected numbers separated by commas", what);
    for (;;) {
        /* at the start of an entry: c < end, not a space */
        if (*c == ',')
            cli_die("%s: entry %zu is empty%s", what, count + 1,
                    where(source, line, loc, sizeof loc));
        const char *tok = c;
        while (c < end && *c != ',' && !is_space(*c))
            c++;
        size_t tlen = (size_t)(c - tok);
        if (count == CLI_MAX_ENTRIES)
            cli_die("%s has more than %u entries (the limit)", what,
                    CLI_MAX_ENTRIES);
        if (tlen > CLI_MAX_NUMBER_CHARS)
            cli_die("%s: entry %zu is longer than %u characters%s", what,
                    count + 1, CLI_MAX_NUMBER_CHARS,
                    where(source, line, loc, sizeof loc));
        char *stop;
        double x = strtod(tok, &stop);
        if (stop != c && memchr(tok, '\0', tlen) != NULL)
            refuse_nul(what, source, text, len);
        if (stop != c)
            cli_die("%s: entry %zu '%.*s' is not a number%s", what, count + 1,
                    (int)tlen, tok, where(source, line, loc, sizeof loc));
        if (count == cap) {
            cap = cap ? 2 * cap : 16;
            if (cap > CLI_MAX_ENTRIES)
                cap = CLI_MAX_ENTRIES;
            v = cli_realloc(v, cap * sizeof *v);
        }
        v[count++] = x;
        for (; c < end && is_space(*c); c++)
            line += *c == '\n';
        if (c == end)
            break;
        if (*c == ',') {
            for (c++; c < end && is_space(*c); c++)
                line += *c == '\n';
            if (c == end)
                cli_die("%s: entry %zu is empty (a comma ends the list)%s",
                        what, count + 1, where(source, line, loc, sizeof loc));
        }
    }
    *n = count;
    return v;
}

double *cli_parse_vector(const char *what, const char *text, size_t *n)
{
    return cli_parse_list(what, NULL, text, strlen(text), n);
}

/* The text of ARG: ARG itself, the contents of the file named after '@', or
 * for "-" standard input (once a run), at most MAX bytes, in a cli_alloc()
 * block with a '\0' after its *LEN bytes.  *SOURCE is NULL for ARG itself,
 * else "@FILE" or "standard input". */
static char *read_source(const char *what, const char *arg, size_t max,
                         size_t *len, const char **source)
{
    if (strcmp(arg, "-") != 0 && arg[0] != '@') {
        *source = NULL;
        *len = strlen(arg);
        return (char *)arg;
    }
    FILE *f;
    if (arg[0] == '-') {
        if (stdin_read)
            cli_die("%s: standard input ('-') can be read only once", what);
        stdin_read = 1;
        f = stdin;
        *source = "standard input";
    } else {
        if (arg[1] == '\0')
            cli_die("%s: '@' needs a file name (@FILE)", what);
        f = fopen(arg + 1, "rb");
        if (f == NULL)
            cli_die("%s: cannot open '%s': %s", what, arg + 1, strerror(errno));
        *source = arg;
    }
    /* A regular file's size is known: too large is refused unread, and the
     * buffer is sized once (no copies as it grows); its NUL bytes are found
     * by the parser.  A stream (a pipe, /dev/zero) is checked as it comes,
     * so that an endless one stops at its first NUL or at the limit. */
    struct stat st;
    int regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
    if (regular && (uintmax_t)st.st_size > max) {
        if (f != stdin)
            fclose(f);
        cli_die("%s: %s is larger than %zu MiB (the limit)", what, *source,
                max >> 20);
    }
    size_t cap = regular && st.st_size > 0 ? (size_t)st.st_size + 2 : 1 << 16;
    size_t n = 0, got;
    char *buf = cli_alloc(cap);
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        const char *z = regular ? NULL : memchr(buf + n, '\0', got);
        n += got;
        if (z != NULL || n > max) {
            if (f != stdin)
                fclose(f);
            if (z != NULL)
                cli_die("%s: %s holds a NUL byte at byte %zu (not a text "
                        "file?)", what, *source, (size_t)(z - buf) + 1);
            cli_die("%s: %s is larger than %zu MiB (the limit)", what, *source,
                    max >> 20);
        }
        if (n + 1 == cap) {
            cap = cap > max / 2 ? max + 2 : 2 * cap;
            buf = cli_realloc(buf, cap);
        }
    }
    int err = ferror(f) ? errno : 0;
    if (f != stdin)
        fclose(f);
    if (err != 0 || (f == stdin && ferror(f)))
        cli_die("%s: cannot read %s: %s", what, *source,
                err ? strerror(err) : "read error");
    buf[n] = '\0';
    *len = n;
    return buf;
}

double *cli_read_vector(const char *what, const char *arg, size_t *n)
{
    size_t len;
    const char *source;
    char *text = read_source(what, arg, CLI_MAX_LIST_BYTES, &len, &source);
    double *v = cli_parse_list(what, source, text, len, n);
    if (text != arg)
        cli_free(text);
    return v;
}

/* --- matrices ---------------------------------------------------------------- */

/* 1 if C ends a row: ';' or a line end. */
static int row_end(char c)
{
    return c == ';' || c == '\n';
}

/* The rows of a matrix (SQUARE: K x K, the columns as many as the rows) or
 * of a table (every row as long as the first), as cli_parse_matrix and
 * cli_parse_table describe them. */
static double *parse_rows(const char *what, const char *source,
                          const char *text, size_t len, int square,
                          size_t *nrows, size_t *ncols)
{
    char label[96], loc[4200];
    refuse_nul(what, source, text, len);
    /* drop empty rows and spaces at the end ("1,0;0,1;" or a final CRLF) */
    while (len > 0 && (row_end(text[len - 1]) || is_space(text[len - 1])))
        len--;
    size_t rows = 1;
    for (size_t i = 0; i < len; i++)
        rows += row_end(text[i]);
    size_t blank = 0;
    while (blank < len && is_space(text[blank]))
        blank++;
    if (blank == len)
        cli_die("%s is empty: expected rows like \"1,0.3;0.3,2\"", what);
    if (rows > CLI_MAX_DIM)
        cli_die("%s has %zu rows, more than %u (the limit)", what, rows,
                CLI_MAX_DIM);
    size_t cols = square ? rows : 0;
    double *m = square ? cli_alloc(rows * rows * sizeof *m) : NULL;
    const char *row = text, *end = text + len;
    size_t line = 1;
    for (size_t r = 0; r < rows; r++) {
        const char *stop = row;
        while (stop < end && !row_end(*stop))
            stop++;
        snprintf(label, sizeof label, "%s row %zu", what, r + 1);
        size_t n;
        /* the row's text ends at ';', '\n' or the end, none part of a
         * number */
        double *v = cli_parse_list(label, source, row, (size_t)(stop - row), &n);
        if (m == NULL) {
            /* a table: the first row sets the number of columns */
            if (n > CLI_MAX_DIM)
                cli_die("%s has %zu entries, more than %u (the limit)%s",
                        label, n, CLI_MAX_DIM,
                        where(source, line, loc, sizeof loc));
            cols = n;
            m = cli_alloc(rows * cols * sizeof *m);
        }
        if (n != cols && square)
            cli_die("%s has %zu entr%s, but the matrix has %zu rows (it must "
                    "be square)%s", label, n, n == 1 ? "y" : "ies", rows,
                    where(source, line, loc, sizeof loc));
        if (n != cols)
            cli_die("%s has %zu entr%s, but row 1 has %zu (every row must "
                    "have as many)%s", label, n, n == 1 ? "y" : "ies", cols,
                    where(source, line, loc, sizeof loc));
        for (size_t c = 0; c < n; c++) {
            if (!isfinite(v[c]))
                cli_die("%s: entry (%zu,%zu) is %s%s", what, r + 1, c + 1,
                        isnan(v[c]) ? "NaN" : "infinite",
                        where(source, line, loc, sizeof loc));
            m[r * cols + c] = v[c];
        }
        cli_free(v);
        for (const char *c = row; c < stop; c++)
            line += *c == '\n';
        line += stop < end && *stop == '\n';
        row = stop + 1;
    }
    *nrows = rows;
    *ncols = cols;
    return m;
}

double *cli_parse_matrix(const char *what, const char *source,
                         const char *text, size_t len, size_t *k)
{
    size_t cols;
    return parse_rows(what, source, text, len, 1, k, &cols);
}

double *cli_parse_table(const char *what, const char *source,
                        const char *text, size_t len, size_t *rows,
                        size_t *cols)
{
    return parse_rows(what, source, text, len, 0, rows, cols);
}

double *cli_read_matrix(const char *what, const char *arg, size_t *k)
{
    size_t len;
    const char *source;
    char *text = read_source(what, arg, CLI_MAX_MATRIX_BYTES, &len, &source);
    double *m = cli_parse_matrix(what, source, text, len, k);
    if (text != arg)
        cli_free(text);
    return m;
}

double *cli_read_table(const char *what, const char *arg, size_t *rows,
                       size_t *cols)
{
    size_t len;
    const char *source;
    char *text = read_source(what, arg, CLI_MAX_MATRIX_BYTES, &len, &source);
    double *m = cli_parse_table(what, source, text, len, rows, cols);
    if (text != arg)
        cli_free(text);
    return m;
}

/* --- values ------------------------------------------------------------------ */

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
        cli_die_status(NULL, KL_ENUMERIC);
    fprintf(cli_out, "%s\n", cli_format_value(x, buf, sizeof buf));
}

void cli_print_divergence(enum kl_status st, double d, double scale)
{
    if (st != KL_OK)
        cli_die_status(NULL, st);
    if (isnan(d))
        cli_die_status(NULL, KL_ENUMERIC);
    double v = d * scale;
    if (isfinite(d) && !isfinite(v))
        cli_die_status(NULL, KL_ERANGE);
    cli_print_value(v);
}
