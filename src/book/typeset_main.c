/* typeset — the typesetter's command line (see typeset.h).
 *
 *   typeset -o OUT.html --cache DIR --resources DIR [--css FILE]...
 *           [--script FILE] [--head-script FILE] [--title TEXT] [--offset N] [--pandoc PATH]
 *           MARKDOWN...
 *
 * The page is written to OUT.html.tmp and renamed only on success. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "typeset.h"

static int usage(void)
{
    fputs("usage: typeset -o OUT.html --cache DIR --resources DIR [--css FILE]...\n"
          "               [--script FILE] [--head-script FILE] [--title TEXT]\n"
          "               [--offset N] [--pandoc PATH]\n"
          "               MARKDOWN...\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    struct book_typeset o = {.pandoc = "pandoc", .lang = "en",
                             .pagetitle = "The KL Workbook"};
    const char *outpath = NULL;
    int ncss = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
        const char *opt = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (v == NULL)
            return usage();
        if (strcmp(opt, "--cache") == 0)
            o.cache_dir = v;
        else if (strcmp(opt, "--resources") == 0)
            o.resource_dir = v;
        else if (strcmp(opt, "--css") == 0 && ncss < 4)
            o.css[ncss++] = v;
        else if (strcmp(opt, "--script") == 0)
            o.script = v;
        else if (strcmp(opt, "--head-script") == 0)
            o.head_script = v;
        else if (strcmp(opt, "--title") == 0)
            o.pagetitle = v;
        else if (strcmp(opt, "--offset") == 0)
            o.number_offset = atoi(v);
        else if (strcmp(opt, "--pandoc") == 0)
            o.pandoc = v;
        else if (strcmp(opt, "--out") == 0)
            outpath = v;
        else
            return usage();
    }
    if (i + 1 < argc && strcmp(argv[i], "-o") == 0) {
        outpath = argv[i + 1];
        i += 2;
    }
    if (outpath == NULL || o.cache_dir == NULL || o.resource_dir == NULL || i >= argc)
        return usage();
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", outpath);
    FILE *out = fopen(tmp, "w");
    if (out == NULL) {
        perror(tmp);
        return 1;
    }
    int errors = book_typeset(&o, (const char *const *)argv + i, argc - i, out, stderr);
    int bad = ferror(out);
    if (fclose(out) != 0 || bad) {
        fprintf(stderr, "%s: write error\n", tmp);
        errors++;
    }
    if (errors) {
        remove(tmp);
        return 1;
    }
    if (rename(tmp, outpath) != 0) {
        perror(outpath);
        remove(tmp);
        return 1;
    }
    return 0;
}
