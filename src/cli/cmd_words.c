/* The `kl words` command: the divergence between the word distributions of
 * two text files, streamed through the library's tokenizer (src/kl/wordfreq.h)
 * in memory proportional to the vocabulary. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "kl/discrete.h"
#include "kl/smooth.h"
#include "kl/wordfreq.h"

#define CHUNK (1u << 16)   /* bytes read at a time */
#define MAX_TOP 1000000L   /* the largest --top */
#define NOTE_WORDS 5       /* missing words the note names */

/* The vocabulary of the run, kept where an error (which exits, or jumps
 * back into a fuzz harness) cannot lose it: freed when the command ends
 * or, after a jump, when it next starts. */
static struct kl_wordfreq *vocab;

static void drop_vocab(void)
{
    kl_wordfreq_free(vocab);
    vocab = NULL;
}

/* A UTF-8 checker that carries a sequence over from one piece to the next
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
struct utf8 {
    unsigned need;          /* continuation bytes still expected */
    unsigned char lo, hi;   /* the range of the next one */
    size_t start;           /* offset of the sequence's first byte */
};

/* Checks the LEN bytes at S, which begin at offset AT of the file.
 * Returns 0, or 1 with the offset of the bad sequence's first byte in *BAD
 * and the byte itself in *BYTE; 2 for a NUL byte (at *BAD). */
static int utf8_check(struct utf8 *u, const unsigned char *s, size_t len,
                      size_t at, size_t *bad, unsigned *byte)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (u->need > 0) {
            if (c < u->lo || c > u->hi) {
                *bad = u->start;
                *byte = c;
                return 1;
            }
            u->need--;
            u->lo = 0x80;
            u->hi = 0xbf;
            continue;
        }
        if (c == 0) {
            *bad = at + i;
            return 2;
        }
        if (c < 0x80)
            continue;
        u->start = at + i;
        u->lo = 0x80;
        u->hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            u->need = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            u->need = 2;
            if (c == 0xe0)
                u->lo = 0xa0;       /* no overlong forms */
            if (c == 0xed)
                u->hi = 0x9f;       /* no surrogates */
        } else if (c >= 0xf0 && c <= 0xf4) {
            u->need = 3;
            if (c == 0xf0)
                u->lo = 0x90;
            if (c == 0xf4)
                u->hi = 0x8f;       /* nothing above U+10FFFF */
        } else {
            *bad = at + i;
            *byte = c;
            return 1;
        }
    }
    return 0;
}

/* Streams the file NAME ("-": standard input) into a new document of VOCAB
 * and returns its number.  WHAT is "FILE1" or "FILE2"; every failure dies
 * with one line naming it, after closing the file. */
static size_t read_document(const char *what, const char *name)
{
    int is_stdin = strcmp(name, "-") == 0;
    const char *shown = is_stdin ? "standard input" : name;
    FILE *f = is_stdin ? stdin : fopen(name, "rb");
    if (f == NULL)
        cli_die("%s: cannot open '%s': %s", what, name, strerror(errno));
    enum kl_status st = kl_wordfreq_open(vocab);
    char *buf = cli_alloc(CHUNK);
    struct utf8 u = {0, 0x80, 0xbf, 0};
    size_t at = 0, got, bad = 0;
    unsigned byte = 0;
    int problem = 0;
    while (st == KL_OK && (got = fread(buf, 1, CHUNK, f)) > 0) {
        size_t skip = 0;
        /* a byte-order mark is not part of the first word */
        if (at == 0 && got >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
            skip = 3;
        if ((problem = utf8_check(&u, (unsigned char *)buf + skip, got - skip,
                                  at + skip, &bad, &byte)) != 0)
            break;
        st = kl_wordfreq_feed(vocab, buf + skip, got - skip);
        at += got;
    }
    if (problem == 0 && st == KL_OK && u.need > 0) {
        problem = 3;        /* the file ends inside a character */
        bad = u.start;
    }
    int failed = ferror(f), err = failed ? errno : 0;
    if (!is_stdin)
        fclose(f);
    cli_free(buf);
    if (problem == 1)
        cli_die("%s: '%s' is not UTF-8 text: invalid byte 0x%02x in the "
                "character at byte offset %zu", what, shown, byte, bad);
    if (problem == 2)
        cli_die("%s: '%s' holds a NUL byte at byte offset %zu (not a text "
                "file?)", what, shown, bad);
    if (problem == 3)
        cli_die("%s: '%s' is not UTF-8 text: it ends inside the character "
                "at byte offset %zu", what, shown, bad);
    if (failed)
        cli_die("%s: cannot read '%s': %s", what, shown,
                err ? strerror(err) : "read error");
    size_t doc = 0;
    if (st == KL_OK)
        st = kl_wordfreq_close(vocab, &doc);
    if (st == KL_EEMPTY)
        cli_die("%s: '%s' has no words (an empty document has no word "
                "distribution)", what, shown);
    if (st != KL_OK)
        cli_die_status(what, st);
    return doc;
}

/* Index order for --top: the larger term first; equal terms (the infinite
 * ones, say) by the larger p1, then by word. */
static const double *sort_terms, *sort_p;

static int by_term(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    if (sort_terms[i] != sort_terms[j])
        return sort_terms[i] > sort_terms[j] ? -1 : 1;
    if (sort_p[i] != sort_p[j])
        return sort_p[i] > sort_p[j] ? -1 : 1;
    return strcmp(kl_wordfreq_word(vocab, i), kl_wordfreq_word(vocab, j));
}

/* The one-line note of an unsmoothed divergence that is infinite: how many
 * words of FILE1 FILE2 lacks, and the first few of them. */
static void note_missing(const double *c1, const double *c2, size_t n,
                         const char *f1, const char *f2)
{
    char msg[512];
    size_t missing = 0, used = 0;
    for (size_t i = 0; i < n; i++)
        missing += c1[i] > 0 && c2[i] == 0;
    used = (size_t)snprintf(msg, sizeof msg,
                            "note: %zu word%s of '%s' never occur%s in '%s' (",
                            missing, missing == 1 ? "" : "s", f1,
                            missing == 1 ? "s" : "", f2);
    size_t shown = 0;
    for (size_t i = 0; i < n && shown < NOTE_WORDS && used < sizeof msg; i++)
        if (c1[i] > 0 && c2[i] == 0)
            used += (size_t)snprintf(msg + used, sizeof msg - used, "%s%s",
                                     shown++ ? ", " : "",
                                     kl_wordfreq_word(vocab, i));
    if (used < sizeof msg)
        snprintf(msg + used, sizeof msg - used,
                 "%s), so D is infinite; --alpha A smooths both",
                 missing > shown ? ", ..." : "");
    cli_error_line(msg);
}

static int run_words(const struct cli_command *cmd, int argc, char **argv)
{
    const char *files[2] = {NULL, NULL}, *alpha_text = NULL, *base_text = NULL,
               *top_text = NULL;
    int nfiles = 0, js = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) {
            cli_help(cmd);
            return 0;
        }
        if (strcmp(a, "--js") == 0) {
            js = 1;
        } else if (cli_option_once("alpha", argc, argv, &i, &alpha_text) ||
                   cli_option_once("base", argc, argv, &i, &base_text) ||
                   cli_option_once("top", argc, argv, &i, &top_text)) {
            continue;
        } else {
            cli_reject_option(cmd, a);
            if (nfiles == 2)
                cli_die("words takes two files; unexpected '%s'", a);
            files[nfiles++] = a;
        }
    }
    if (nfiles < 2)
        cli_die("words needs two files (usage: %s)", cmd->synopsis);
    if (strcmp(files[0], "-") == 0 && strcmp(files[1], "-") == 0)
        cli_die("FILE2: standard input ('-') can be read only once");
    double base = base_text ? cli_parse_base(base_text) : KL_BASE_E;
    double alpha = 0.0;
    if (alpha_text != NULL) {
        alpha = cli_parse_number("--alpha", alpha_text);
        if (!(alpha > 0.0) || kl_smooth_check_alpha(alpha) != KL_OK)
            cli_die("--alpha %s: the pseudo-count must be a finite number "
                    "> 0", alpha_text);
    }
    long top = 0;
    if (top_text != NULL) {
        char *end;
        errno = 0;
        top = strtol(top_text, &end, 10);
        if (end == top_text || *end != '\0' || errno != 0 || top < 1 ||
            top > MAX_TOP)
            cli_die("--top %s: expected a whole number of words from 1 to %ld",
                    top_text, MAX_TOP);
    }

    drop_vocab();   /* left over from a run that ended by an error jump */
    if ((vocab = kl_wordfreq_alloc()) == NULL)
        cli_die("out of memory");
    size_t d1 = read_document("FILE1", files[0]);
    size_t d2 = read_document("FILE2", files[1]);
    size_t n = kl_wordfreq_size(vocab);
    double *c1 = cli_alloc(n * sizeof *c1), *c2 = cli_alloc(n * sizeof *c2);
    double *p = cli_alloc(n * sizeof *p), *q = cli_alloc(n * sizeof *q);
    enum kl_status st = kl_wordfreq_counts(vocab, d1, c1, n);
    if (st == KL_OK)
        st = kl_wordfreq_counts(vocab, d2, c2, n);
    if (st == KL_OK)
        st = kl_smooth_additive(c1, n, alpha, p);
    if (st == KL_OK)
        st = kl_smooth_additive(c2, n, alpha, q);
    double value = 0.0;
    if (st == KL_OK)
        st = js ? kl_discrete_js(p, q, n, base, &value)
                : kl_discrete_divergence(p, q, n, base, &value);
    if (st != KL_OK)
        cli_die_status(NULL, st);
    if (!js && isinf(value))
        note_missing(c1, c2, n, strcmp(files[0], "-") ? files[0] : "-",
                     strcmp(files[1], "-") ? files[1] : "-");
    cli_print_divergence(st, value, 1.0);

    if (top > 0) {
        double *terms = c2;     /* the counts are no longer needed */
        st = js ? kl_discrete_js_terms(p, q, n, base, terms)
                : kl_discrete_divergence_terms(p, q, n, base, terms);
        if (st != KL_OK)
            cli_die_status(NULL, st);
        size_t *order = cli_alloc(n * sizeof *order);
        for (size_t i = 0; i < n; i++)
            order[i] = i;
        sort_terms = terms;
        sort_p = p;
        qsort(order, n, sizeof *order, by_term);
        char num[64];
        for (size_t k = 0; k < n && k < (size_t)top; k++)
            fprintf(cli_out, "%s\t%s\n", kl_wordfreq_word(vocab, order[k]),
                    cli_format_value(terms[order[k]], num, sizeof num));
        cli_free(order);
    }
    cli_free(c1);
    cli_free(c2);
    cli_free(p);
    cli_free(q);
    drop_vocab();
    return 0;
}

const struct cli_command cli_words = {
    "words", "kl words FILE1 FILE2 [--alpha A] [--base B] [--top N] [--js]",
    "divergence between the words of two text files",
    "D(P1||P2) between the word distributions P1 of FILE1 and P2 of FILE2,\n"
    "printed alone on the first line (JS(P1,P2) with --js).\n"
    "\n"
    "FILE1 and FILE2 are UTF-8 text files of any size, read as they stream\n"
    "by (memory grows with the vocabulary, not with the text); - reads one\n"
    "of them from standard input.  A byte-order mark is skipped; a NUL byte,\n"
    "invalid UTF-8 (its byte offset is named) and a file without words are\n"
    "refused.\n"
    "\n"
    "Words are split as the library's kl_wordfreq does: a word is a maximal\n"
    "run of ASCII letters and digits and non-ASCII characters, where an\n"
    "apostrophe or hyphen between two of them belongs to the word (don't,\n"
    "well-kept); everything else separates.  ASCII letters are folded to\n"
    "lower case.  The vocabulary is the union of both files' words.\n"
    "\n"
    "  --alpha A   additive smoothing: A (> 0) is added to the count of every\n"
    "              word of the vocabulary in both files before normalising;\n"
    "              A = 1 is Laplace's rule.  Without it the counts are used\n"
    "              as they are, and a word of FILE1 that FILE2 lacks makes D\n"
    "              infinite ('inf', with a note on stderr naming how many\n"
    "              such words there are and the first few).\n"
    "  --base B    logarithm base: e (nats, default), 2 (bits), 10\n"
    "  --top N     after the value, N lines WORD<TAB>TERM: the words whose\n"
    "              terms p1 log(p1/p2) (of JS with --js) are largest, in\n"
    "              decreasing order (at most 1000000)\n"
    "  --js        Jensen-Shannon divergence instead, finite and symmetric\n"
    "\n"
    "example: kl words /usr/share/common-licenses/GPL-2 "
    "/usr/share/common-licenses/GPL-3 --alpha 0.5 --top 5\n",
    run_words};
