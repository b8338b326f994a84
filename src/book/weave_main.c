/* weave — the weaver's command line (see weave.h).
 *
 *   weave [--kl PATH] [--labels-dir DIR] CHAPTER-DIR OUT-DIR OUT-FILE
 *                                        weave chapter.md into OUT-FILE; @kl
 *                                        lines run the calculator PATH; the
 *                                        other chapters' labels are read from
 *                                        DIR/NN-slug.tsv (else their sources)
 *   weave --labels CHAPTER-DIR OUT-FILE  write the chapter's label index
 *   weave --claims OUT-DIR...            print the claims tables
 *   weave --tries CHAPTER-DIR            list the chapter's @try variants
 *   weave [--labels-dir DIR] --glossary CHAPTERS-DIR OUT-FILE
 *                                        write the book's glossary (weave.h)
 *
 * The woven file is written to OUT-FILE.tmp and renamed only on success.
 * The label index and the glossary are rewritten only when their text
 * changes (else the file and its time stamp stay as they were, and make
 * remakes nothing that depends on them). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "weave.h"

int main(int argc, char **argv)
{
    for (;;) {
        if (argc >= 3 && strcmp(argv[1], "--kl") == 0)
            book_weave_set_kl(argv[2]);
        else if (argc >= 3 && strcmp(argv[1], "--labels-dir") == 0)
            book_weave_set_labels(argv[2]);
        else
            break;
        argv += 2;
        argc -= 2;
    }
    if (argc >= 2 && strcmp(argv[1], "--claims") == 0) {
        int failed = 0;
        for (int i = 2; i < argc; i++) {
            const char *name = strrchr(argv[i], '/');
            printf("%s\n", name ? name + 1 : argv[i]);
            int r = book_print_claims(argv[i], stdout, stderr);
            failed += r < 0 ? 1 : r;
        }
        return failed ? 1 : 0;
    }
    if (argc == 3 && strcmp(argv[1], "--tries") == 0)
        return book_weave_tries(argv[2], stdout, stderr) ? 1 : 0;
    if (argc == 4 && strcmp(argv[1], "--labels") == 0) {
        return book_weave_labels_file(argv[2], argv[3], stderr) < 0 ? 1 : 0;
    }
    int glossary = argc == 4 && strcmp(argv[1], "--glossary") == 0;
    if (argc != 4 || (argv[1][0] == '-' && !glossary)) {
        fputs("usage: weave [--kl PATH] [--labels-dir DIR] CHAPTER-DIR OUT-DIR OUT-FILE\n"
              "       weave --labels CHAPTER-DIR OUT-FILE\n"
              "       weave --claims OUT-DIR...\n"
              "       weave --tries CHAPTER-DIR\n"
              "       weave [--labels-dir DIR] --glossary CHAPTERS-DIR OUT-FILE\n", stderr);
        return 2;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[3]);
    FILE *out = fopen(tmp, "w");
    if (out == NULL) {
        perror(tmp);
        return 1;
    }
    int errors = glossary ? book_weave_glossary(argv[2], out, stderr)
                          : book_weave(argv[1], argv[2], out, stderr);
    int bad = ferror(out);
    if (fclose(out) != 0 || bad) {
        fprintf(stderr, "%s: write error\n", tmp);
        errors++;
    }
    if (errors) {
        remove(tmp);
        fprintf(stderr, "weave: %d error%s in %s\n", errors,
                errors == 1 ? "" : "s", argv[glossary ? 2 : 1]);
        return 1;
    }
    if ((glossary ? book_replace_if_changed(tmp, argv[3]) : rename(tmp, argv[3])) < 0) {
        perror(argv[3]);
        remove(tmp);
        return 1;
    }
    return 0;
}
