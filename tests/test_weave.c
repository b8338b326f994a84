/* Tests of src/book/weave.c: every directive, figure numbering, and every
 * error the weaver must report with its file and line. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "book/weave.h"

static const char SOURCE[] =
    "int main(void)\n"
    "{\n"
    "    /* >>> setup */\n"
    "    int x = 1;\n"
    "    /* >>> inner */\n"
    "    x += 2;\n"
    "    /* <<< inner */\n"
    "    /* <<< setup */\n"
    "    return x;\n"
    "}\n";

static const char VALUES[] =
    "# name\tvalue\n"
    "kl\t0.5108\n"
    "n\t1,000\n"
    "tiny\t2.5 × 10^−7^\n";

static const char CLAIMS[] =
    "# claim\tmethod\texpected\tobserved\tdifference\tallowed\tholds\tsource\n"
    "closed form = quadrature\tquadrature\t0.5\t0.5\t2 × 10^−17^ relative\t10^−12^ relative\tyes\tc.c:7\n"
    "a | pipe\texact\t1\t2\t1\t0.5\tno\tc.c:9\n";

static const char PARAMS[] =
    "ALPHA = 1   # a concentration; real in (0, 20]\n"
    "SIZES = 2, 3  # sizes; integers in [2, 50], 1 to 4 of them, increasing\n";

static const char PARAMS_TSV[] =
    "# name\tvalue\tmeaning\trange\tgiven at\n"
    "ALPHA\t0.1\ta concentration\ta real in (0, 20]\tSET ALPHA=0.1\n"
    "SIZES\t2, 3\tsizes | pipes\t1 to 4 integers in [2, 50], increasing\tparams:2\n";

static const char GOOD_MD[] =
    "# Demo\n"
    "\n"
    "The divergence is {{kl}} over {{n}} draws; see @fig:map.\n"
    "Small: {{tiny}}, in maths $D = {{tiny}}$ and $$\\delta = {{tiny}}\n"
    "$$ and out {{tiny}}.\n"
    "\n"
    "@code 07-demo.c setup\n"
    "\n"
    "@code 07-demo.c inner\n"
    "\n"
    "![A map at {{kl}}.](fig-map.svg){#fig:map alt=\"A map, lowest {{tiny}} over {{n}} points.\"}\n"
    "\n"
    "![An animation.](fig-anim.gif){#fig:anim alt=\"Frames.\"}\n"
    "\n"
    "```\n"
    "@claims inside a fence is text\n"
    "```\n"
    "\n"
    "@params\n"
    "\n"
    "@try ALPHA=0.1 SIZES=2,3,5\n"
    "\n"
    "@try-fails \"is out of range\" ALPHA=30\n"
    "\n"
    "@claims\n";

struct fixture {
    char *root, chapter[4096], out[4096];
};

static void setup(struct fixture *fx, const char *md, const char *source)
{
    fx->root = testlib_tmpdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fx->root);
    char chapters[4096];
    snprintf(chapters, sizeof chapters, "%s/chapters", fx->root);
    snprintf(fx->chapter, sizeof fx->chapter, "%s/chapters/07-demo", fx->root);
    snprintf(fx->out, sizeof fx->out, "%s/out", fx->root);
    mkdir(chapters, 0777);
    mkdir(fx->chapter, 0777);
    mkdir(fx->out, 0777);
    testlib_write(fx->chapter, "chapter.md", md);
    testlib_write(fx->chapter, "07-demo.c", source);
    testlib_write(fx->out, "values.tsv", VALUES);
    testlib_write(fx->out, "claims.tsv", CLAIMS);
    testlib_write(fx->out, "params.tsv", PARAMS_TSV);
    testlib_write(fx->chapter, "params", PARAMS);
    testlib_write(fx->chapter, "fig-map.gp", "set terminal svg\nplot x\n");
    testlib_write(fx->chapter, "fig-anim.gp", "set terminal gif animate\nplot x\n");
}

static void teardown(struct fixture *fx)
{
    testlib_rmtree(fx->root);
    free(fx->root);
}

/* Weaves the fixture; returns the error count, with OUT and ERR (free both). */
static int weave(struct fixture *fx, char **out, char **err)
{
    size_t on = 0, en = 0;
    FILE *o = open_memstream(out, &on), *e = open_memstream(err, &en);
    int r = book_weave(fx->chapter, fx->out, o, e);
    fclose(o);
    fclose(e);
    return r;
}

static void test_weave_directives(void)
{
    struct fixture fx;
    setup(&fx, GOOD_MD, SOURCE);
    char *out, *err;
    int r = weave(&fx, &out, &err);
    CU_ASSERT_EQUAL(r, 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "The divergence is 0.5108 over 1,000 draws; "
                                      "see [Figure 7.1](#fig:07-map)."));
    /* the outer region, dedented, without the inner markers */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "```c\nint x = 1;\nx += 2;\n```"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "```c\nx += 2;\n```"));
    CU_ASSERT_PTR_NULL(strstr(out, ">>>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "![**Figure 7.1.** A map at 0.5108.]"
                                      "(07-demo/fig-map.svg){#fig:07-map alt=\"A map, lowest 2.5 × 10⁻⁷ over 1,000 points.\"}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "![**Figure 7.2.** An animation.]"
                                      "(07-demo/fig-anim.gif){#fig:07-anim alt=\"Frames.\"}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "@claims inside a fence is text"));
    /* a value in maths is TeX, outside it Markdown */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Small: 2.5 × 10^−7^, in maths "
                                  "$D = 2.5 \\times 10^{−7}$ and "
                                  "$$\\delta = 2.5 \\times 10^{−7}\n"
                                  "$$ and out 2.5 × 10^−7^.\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "## Claims checked in this chapter\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "| Claim | Checked against | Expected "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "| closed form = quadrature | quadrature "
                                      "| 0.5 | 0.5 | 2 × 10^−17^ relative "
                                      "| 10^−12^ relative | [✓]{.pass} |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "| a \\| pipe |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "[✗]{.fail}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "| `ALPHA` | `0.1` (set for this build) | "
                                      "a concentration | a real in (0, 20] |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "| `SIZES` | `2, 3` | sizes \\| pipes |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "```sh\nmake chapter-07 SET='ALPHA=0.1 "
                                      "SIZES=2,3,5'\n```"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "make chapter-07 SET='ALPHA=30'\n```\n\n"
                                      "[This build stops, as it should: its last "
                                      "word is `is out of range`.]{.try-expect}"));
    free(out);
    free(err);
    teardown(&fx);
}

static void test_weave_tries(void)
{
    struct fixture fx;
    setup(&fx, GOOD_MD, SOURCE);
    char *out, *err;
    size_t on = 0, en = 0;
    FILE *o = open_memstream(&out, &on), *e = open_memstream(&err, &en);
    int r = book_weave_tries(fx.chapter, o, e);
    fclose(o);
    fclose(e);
    CU_ASSERT_EQUAL(r, 0);
    CU_ASSERT_STRING_EQUAL(out, "ALPHA=0.1 SIZES=2,3,5\t\nALPHA=30\tis out of range\n");
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
    teardown(&fx);
}

/* Weaves MD (with SOURCE) and checks that the error output contains WANT. */
static void expect_error(const char *md, const char *source, const char *want)
{
    struct fixture fx;
    setup(&fx, md, source);
    char *out, *err;
    int r = weave(&fx, &out, &err);
    CU_ASSERT(r > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
    if (strstr(err, want) == NULL)
        fprintf(stderr, "\n    wanted '%s' in:\n%s", want, err);
    free(out);
    free(err);
    teardown(&fx);
}

static const char TAIL[] =
    "@code 07-demo.c setup\n@code 07-demo.c inner\n"
    "![a](fig-map.svg){#fig:map alt=\"A line.\"}\n![b](fig-anim.gif){#fig:anim alt=\"Frames.\"}\n";

/* Solutions and folded listings are <details>; a listing's title is its
 * path in the repository; a figure carries the width below which it
 * scrolls; a digit group's comma in maths stays a comma. */
static void test_weave_solutions_and_folds(void)
{
    struct fixture fx;
    setup(&fx, "# T\n\n@exercise Compute it.\n\n@solution\nIt is {{kl}}, "
               "and $n = {{n}}$, $m = 10,000$ but $(1,2)$.\n@end-solution\n\n"
               "@code-fold 07-demo.c setup\n@code 07-demo.c inner\n"
               "@code ../../lib.c t\n"
               "![a](fig-map.svg){#fig:map alt=\"A line.\"}\n![b](fig-anim.gif){#fig:anim alt=\"Frames.\"}\n",
          SOURCE);
    testlib_write(fx.root, "lib.c", "/* >>> t */\nint t;\n/* <<< t */\n");
    testlib_write(fx.chapter, "fig-map.gp", "set terminal svg size 720,420 @SVG\nplot x\n");
    testlib_write(fx.chapter, "fig-anim.gp", "set terminal gif animate size 880,400 @GIF\nplot x\n");
    char *out, *err;
    CU_ASSERT_EQUAL(weave(&fx, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<details class=\"solution\">\n<summary>Solution"
                                       "</summary>\n\nIt is 0.5108, and "
                                       "$n = 1\\text{,}000$, $m = 10\\text{,}000$ "
                                       "but $(1,2)$.\n\n</details>\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "<details class=\"listing-fold\">\n<summary>"
                                       "Show the code: setup</summary>\n\n"
                                       "::: {.listing}\n[`"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "/chapters/07-demo/07-demo.c` — inner]"));
    char title[4200];
    snprintf(title, sizeof title, "[`%s/lib.c` — t]", fx.root);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, title));
    CU_ASSERT_PTR_NULL(strstr(out, "../"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "{#fig:07-map alt=\"A line.\" style=\"min-width:504px\"}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "{#fig:07-anim alt=\"Frames.\" style=\"min-width:660px\"}"));
    free(out);
    free(err);
    teardown(&fx);
    char md[1024];
    snprintf(md, sizeof md, "# T\n@solution\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: @solution is never closed");
    snprintf(md, sizeof md, "# T\n@solution\n@solution\n@end-solution\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:3: @solution inside a @solution");
    snprintf(md, sizeof md, "# T\n\n@end-solution\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:3: @end-solution without a @solution");
    expect_error("# T\n@code-fold 07-demo.c\n", SOURCE,
                 "chapter.md:2: usage: @code-fold FILE TAG");
}

/* A stand-in calculator: prints its arguments one a line and the folder it
 * ran in; "bad" makes it refuse like kl, "oops" fail otherwise, "loud"
 * print too much. */
static const char FAKE_KL[] =
    "#!/bin/sh\n"
    "case \"$1\" in\n"
    "bad) echo \"kl: bad input '$2'\" >&2; exit 2;;\n"
    "oops) echo 'kl: broken' >&2; echo 'and more' >&2; exit 1;;\n"
    "loud) seq 1 50; exit 0;;\n"
    "esac\n"
    "for a in \"$@\"; do echo \"[$a]\"; done\n"
    "basename \"$PWD\"\n";

static void weave_with_kl(const char *md, int want_errors, const char *want_out,
                          const char *want_err)
{
    struct fixture fx;
    setup(&fx, md, SOURCE);
    testlib_write(fx.root, "kl", FAKE_KL);
    char kl[4200];
    snprintf(kl, sizeof kl, "%s/kl", fx.root);
    CU_ASSERT_EQUAL_FATAL(chmod(kl, 0755), 0);
    book_weave_set_kl(kl);
    char *out, *err;
    int r = weave(&fx, &out, &err);
    book_weave_set_kl(NULL);
    CU_ASSERT_EQUAL(r, want_errors);
    if (want_out != NULL) {
        CU_ASSERT_PTR_NOT_NULL(strstr(out, want_out));
        if (strstr(out, want_out) == NULL)
            fprintf(stderr, "\n    wanted '%s' in:\n%s", want_out, out);
    }
    if (want_err != NULL) {
        CU_ASSERT_PTR_NOT_NULL(strstr(err, want_err));
        if (strstr(err, want_err) == NULL)
            fprintf(stderr, "\n    wanted '%s' in:\n%s", want_err, err);
    }
    free(out);
    free(err);
    teardown(&fx);
}

static void test_weave_kl(void)
{
    char md[1024];
    snprintf(md, sizeof md, "# T\n@kl div \"1,0.3;0.3, 2\" --base 2\n"
                            "@kl-fails bad 1,2\n%s", TAIL);
    weave_with_kl(md, 0, "```{.kl-run}\n$ kl div \"1,0.3;0.3, 2\" --base 2\n"
                         "[div]\n[1,0.3;0.3, 2]\n[--base]\n[2]\nout\n```\n"
                         "```{.kl-run}\n$ kl bad 1,2\nkl: bad input '1,2'\n```\n",
                  "");
    snprintf(md, sizeof md, "# T\n\n@kl oops\n%s", TAIL);
    weave_with_kl(md, 1, NULL, "chapter.md:3: @kl oops: kl failed (status 1): kl: broken");
    snprintf(md, sizeof md, "# T\n@kl bad x\n%s", TAIL);
    weave_with_kl(md, 1, NULL, "chapter.md:2: @kl bad x: kl failed (status 2)");
    snprintf(md, sizeof md, "# T\n@kl-fails div 1\n%s", TAIL);
    weave_with_kl(md, 1, NULL, "@kl-fails div 1: kl did not refuse it with exit status 2");
    snprintf(md, sizeof md, "# T\n@kl-fails oops\n%s", TAIL);
    weave_with_kl(md, 1, NULL, "@kl-fails oops: kl did not refuse it");
    snprintf(md, sizeof md, "# T\n@kl loud\n%s", TAIL);
    weave_with_kl(md, 1, NULL, "@kl loud: more output than a page should show");
    snprintf(md, sizeof md, "# T\n@kl div \"1,2\n%s", TAIL);
    weave_with_kl(md, 1, NULL, "could not run (status -1): an unclosed \"");
    /* without a calculator, @kl is an error, not a silent blank */
    snprintf(md, sizeof md, "# T\n@kl div 1\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: @kl: no calculator was given");
}

static void test_weave_table(void)
{
    struct fixture fx;
    setup(&fx, "# T\n@table t.tsv\n@code 07-demo.c setup\n@code 07-demo.c inner\n"
               "![a](fig-map.svg){#fig:map alt=\"A line.\"}\n![b](fig-anim.gif){#fig:anim alt=\"Frames.\"}\n", SOURCE);
    testlib_write(fx.out, "t.tsv", "# t.tsv — a table\n# $\\alpha$\tpairs\n"
                                   "0.01\t1,000\na|b\t2\n");
    char *out, *err;
    CU_ASSERT_EQUAL(weave(&fx, &out, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "| $\\alpha$ | pairs |\n| ---: | ---: |\n"
                                      "| 0.01 | 1,000 |\n| a\\|b | 2 |\n:::"));
    free(out);
    free(err);
    testlib_write(fx.out, "t.tsv", "# t.tsv — a table\n# a\tb\n1\t2\t3\n");
    CU_ASSERT(weave(&fx, &out, &err) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "t.tsv:3: a row with another number of cells"));
    free(out);
    free(err);
    teardown(&fx);
    expect_error("# T\n@table none.tsv\n", SOURCE, "chapter.md:2: cannot read the table");
}

static void test_weave_try_errors(void)
{
    char md[1024];
    snprintf(md, sizeof md, "# T\n@try BETA=2\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: @try: SET BETA=2: unknown parameter BETA");
    snprintf(md, sizeof md, "# T\n@try ALPHA=30\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: @try: SET ALPHA=30: ALPHA = 30 is out of range");
    /* a variant meant to fail may hold a bad value, never an unknown name */
    snprintf(md, sizeof md, "# T\n@try-fails \"x\" BETA=1\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: @try: SET BETA=1: unknown parameter");
    snprintf(md, sizeof md, "# T\n@try ALPHA='1; rm'\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: a @try word is NAME=VALUE");
    snprintf(md, sizeof md, "# T\n@try\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: unknown directive");
    snprintf(md, sizeof md, "# T\n@try-fails ALPHA=2\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: usage: @try-fails");
}

static void test_weave_unknown_value_errors(void)
{
    char md[1024];
    snprintf(md, sizeof md, "# T\n\nline {{nope}}\n%s", TAIL);
    expect_error(md, SOURCE, "chapters/07-demo/chapter.md:3: unknown value 'nope'");
}

static void test_weave_missing_tag_errors(void)
{
    char md[1024];
    snprintf(md, sizeof md, "# T\n@code 07-demo.c absent\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: tag 'absent' not found");
    snprintf(md, sizeof md, "# T\n@code missing.c setup\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: cannot read");
    expect_error("# T\n@code 07-demo.c\n", SOURCE, "chapter.md:2: usage: @code FILE TAG");
}

static void test_weave_unused_tag_errors(void)
{
    expect_error("# T\n@code 07-demo.c setup\n"
                 "![a](fig-map.svg){#fig:map alt=\"A line.\"}\n![b](fig-anim.gif){#fig:anim alt=\"Frames.\"}\n",
                 SOURCE,
                 "07-demo.c:5: tag 'inner' is not shown by any @code");
    expect_error("# T\n", "int y;\n/* >>> open */\nint x;\n",
                 "07-demo.c:2: tag 'open' is never closed");
}

static void test_weave_figure_errors(void)
{
    char md[1024];
    snprintf(md, sizeof md, "# T\nsee @fig:other\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: unknown figure '@fig:other'");
    expect_error("# T\n@code 07-demo.c setup\n@code 07-demo.c inner\n"
                 "![a](fig-map.svg){#fig:map alt=\"A line.\"}\n",
                 SOURCE, "07-demo/fig-anim.gp:1: figure 'fig-anim.gif' is never shown");
    snprintf(md, sizeof md, "# T\n![c](fig-none.svg){#fig:none alt=\"None.\"}\n%s", TAIL);
    expect_error(md, SOURCE, "chapter.md:2: image 'fig-none.svg' has no figure script");
    /* an animation's script draws a GIF, not an SVG */
    expect_error("# T\n@code 07-demo.c setup\n@code 07-demo.c inner\n"
                 "![a](fig-map.svg){#fig:map alt=\"A line.\"}\n![b](fig-anim.svg){#fig:anim alt=\"Frames.\"}\n",
                 SOURCE, "chapter.md:5: image 'fig-anim.svg' has no figure script");
}

/* Every figure says what it shows: an alt text, not the caption again, not
 * the file's name, plain text whose values are written plainly. */
static void test_weave_figure_alt_errors(void)
{
    static const char HEAD[] = "# T\n@code 07-demo.c setup\n@code 07-demo.c inner\n"
                               "![b](fig-anim.gif){#fig:anim alt=\"Frames.\"}\n";
    char md[1024];
    snprintf(md, sizeof md, "%s![a](fig-map.svg){#fig:map}\n", HEAD);
    expect_error(md, SOURCE, "chapter.md:5: figure 'map' has no text alternative: "
                 "write {#fig:map alt=\"what it shows");
    snprintf(md, sizeof md, "%s![a](fig-map.svg){#fig:map alt=\" \"}\n", HEAD);
    expect_error(md, SOURCE, "chapter.md:5: figure 'map' has no text alternative");
    snprintf(md, sizeof md, "%s![A map.](fig-map.svg){#fig:map alt=\"A map.\"}\n", HEAD);
    expect_error(md, SOURCE, "chapter.md:5: figure 'map': its alt text repeats the caption");
    snprintf(md, sizeof md, "%s![a](fig-map.svg){#fig:map alt=\"The fig-map.svg.\"}\n", HEAD);
    expect_error(md, SOURCE, "chapter.md:5: figure 'map': its alt text names the file");
    snprintf(md, sizeof md, "%s![a](fig-map.svg){#fig:map alt=\"At {{nope}}.\"}\n", HEAD);
    expect_error(md, SOURCE, "chapter.md:5: unknown value 'nope' (not in values.tsv)");
    snprintf(md, sizeof md, "%s![a](fig-map.svg){#fig:map alt=\"At {{kl.\"}\n", HEAD);
    expect_error(md, SOURCE, "chapter.md:5: unclosed {{ in the figure's alt text");
    snprintf(md, sizeof md, "%s![a](fig-map.svg){#fig:map alt=\"At $x$.\"}\n", HEAD);
    expect_error(md, SOURCE, "chapter.md:5: the figure's alt text is plain text: no '$'");
    /* an alt never closed makes the line no figure: its script is then
     * never shown */
    snprintf(md, sizeof md, "%s![a](fig-map.svg){#fig:map alt=\"open}\n", HEAD);
    expect_error(md, SOURCE, "07-demo/fig-map.gp:1: figure 'fig-map.svg' is never shown");
}

static void test_weave_claims_errors(void)
{
    struct fixture fx;
    setup(&fx, "# T\n@claims\n", "int x;\n");
    testlib_write(fx.out, "claims.tsv", "# header only\n");
    char path[8192];
    snprintf(path, sizeof path, "%s/fig-map.gp", fx.chapter);
    remove(path);
    snprintf(path, sizeof path, "%s/fig-anim.gp", fx.chapter);
    remove(path);
    char *out, *err;
    CU_ASSERT(weave(&fx, &out, &err) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "chapter.md:2: @claims, but the program checked no claim"));
    free(out);
    free(err);
    teardown(&fx);
}

static void test_weave_print_claims(void)
{
    struct fixture fx;
    setup(&fx, GOOD_MD, SOURCE);
    char *out, *err;
    size_t on = 0, en = 0;
    FILE *o = open_memstream(&out, &on), *e = open_memstream(&err, &en);
    int failed = book_print_claims(fx.out, o, e);
    fclose(o);
    fclose(e);
    CU_ASSERT_EQUAL(failed, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "✓ closed form = quadrature"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "✗ a | pipe [exact]"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "difference 1, allowed 0.5 (c.c:9)"));
    /* plain text in the terminal: no pandoc markup */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "expected 0.5, observed 0.5, difference "
                                       "2e-17 relative, allowed 1e-12 relative"));
    free(out);
    free(err);
    o = open_memstream(&out, &on);
    e = open_memstream(&err, &en);
    CU_ASSERT_EQUAL(book_print_claims("/nonexistent", o, e), -1);
    fclose(o);
    fclose(e);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "/nonexistent/claims.tsv: cannot read"));
    free(out);
    free(err);
    teardown(&fx);
}

static void test_weave_missing_outputs_errors(void)
{
    struct fixture fx;
    setup(&fx, GOOD_MD, SOURCE);
    char path[8192];
    snprintf(path, sizeof path, "%s/values.tsv", fx.out);
    remove(path);
    char *out, *err;
    /* one error naming the missing file, not one per {{value}} */
    CU_ASSERT_EQUAL(weave(&fx, &out, &err), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "values.tsv: cannot read"));
    CU_ASSERT_PTR_NULL(strstr(err, "unknown value"));
    free(out);
    free(err);
    teardown(&fx);
}

static void test_weave_explorer(void)
{
    struct fixture fx;
    setup(&fx, "# T\n![a](fig-map.svg){#fig:map alt=\"A line.\"}\n\n@explorer map-1\n"
               "@code 07-demo.c setup\n@code 07-demo.c inner\n"
               "![b](fig-anim.gif){#fig:anim alt=\"Frames.\"}\n", SOURCE);
    testlib_write(fx.out, "map-1.explorer.json", "{\"kind\":\"map\",\n\"x\":[1]}\n");
    char *out, *err;
    CU_ASSERT_EQUAL(weave(&fx, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    /* a placeholder: the typesetter puts the data in */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "```{=html}\n<div class=\"explorer\" "
                                      "id=\"x07-map-1\" hidden data-explorer="
                                      "\"07-demo/map-1.explorer.json\"></div>\n```\n"));
    free(out);
    free(err);
    /* a data file that no @explorer shows */
    testlib_write(fx.out, "other.explorer.json", "{\"kind\":\"map\"}\n");
    CU_ASSERT_EQUAL(weave(&fx, &out, &err), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "other.explorer.json:1: explorer data "
                                       "never shown by an @explorer"));
    free(out);
    free(err);
    teardown(&fx);
}

static void test_weave_explorer_errors(void)
{
    expect_error("@explorer nothing\n", SOURCE, "cannot read the explorer data");
    expect_error("@explorer a b\n", SOURCE, "usage: @explorer NAME");
    expect_error("@explorer a_b\n", SOURCE, "usage: @explorer NAME");
    struct fixture fx;
    setup(&fx, "@explorer a\n@explorer a\n", SOURCE);
    testlib_write(fx.out, "a.explorer.json", "{\"kind\":\"map\"}\n");
    char *out, *err;
    CU_ASSERT(weave(&fx, &out, &err) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "chapter.md:2: explorer 'a' shown twice"));
    free(out);
    free(err);
    /* data that would end the <script> block early is refused */
    testlib_write(fx.out, "a.explorer.json", "{\"kind\":\"</script>\"}\n");
    CU_ASSERT(weave(&fx, &out, &err) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "chapter.md:1: cannot read the explorer data"));
    free(out);
    free(err);
    teardown(&fx);
}


static const char REFS_MD[] =
    "# Demo\n"
    "\n"
    "## Setting {#sec:setting}\n"
    "\n"
    "$$\n"
    "a = b\n"
    "$$ {#eq:ab}\n"
    "\n"
    "See @eq:ab, @Eq:ab, @sec:setting, @Sec:setting, @sec:sub, @ex:first, @ex:07-2,\n"
    "@ch:7, @Ch:07, @ch:demo, @ch:3, @ch:other, @ch:03-other's @eq:03-gibbs,\n"
    "@sec:03-proof, @ex:03-one, @fig:03-pic; @fig:map. Not mail@ex:first.\n"
    "In code `@eq:ab [x]{.define}` is text, after it @eq:ab.\n"
    "\n"
    "$$ x = {{kl}} $$ {#eq:one}\n"
    "\n"
    "### Sub {#sec:sub}\n"
    "\n"
    "## Aside {-}\n"
    "\n"
    "## Exercises {#sec:exercises}\n"
    "\n"
    "@exercise {#ex:first} *(compute)* Do @eq:one.\n"
    "\n"
    "@exercise Again.\n"
    "\n"
    "```\n"
    "@eq:ab in a fence is text\n"
    "```\n"
    "\n"
    "[entropy]{.define} and [KL]{.define term=\"Kullback–Leibler divergence\"},\n"
    "a [bracket] and $[0, 1]$.\n"
    "\n"
    "@claims\n"
    "\n"
    "## After the claims {#sec:after}\n"
    "\n"
    "@sec:after\n";

static const char OTHER_MD[] =
    "# Other\n"
    "\n"
    "## Intro\n"
    "\n"
    "## Proof {#sec:proof}\n"
    "\n"
    "$$\n"
    "x\n"
    "$$ {#eq:gibbs}\n"
    "\n"
    "![P](fig-pic.svg){#fig:pic}\n"
    "\n"
    "@exercise {#ex:one} Text, [relative entropy]{.define}.\n";

/* A second chapter, 03-other, beside the fixture's 07-demo. */
static void add_other(struct fixture *fx, const char *md)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/chapters/03-other", fx->root);
    mkdir(dir, 0777);
    testlib_write(dir, "chapter.md", md);
}

static void test_weave_references(void)
{
    struct fixture fx;
    char md[4096];
    snprintf(md, sizeof md, "%s%s", REFS_MD, TAIL);
    setup(&fx, md, SOURCE);
    add_other(&fx, OTHER_MD);
    char *out, *err;
    CU_ASSERT_EQUAL(weave(&fx, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    const char *want[] = {
        "# Demo {#ch:07}\n",
        "## Setting {#sec:07-setting}\n",
        "### Sub {#sec:07-sub}\n",
        "## Aside {-}\n",
        "<span class=\"equation\" id=\"eq:07-ab\">\n$$\na = b\n$$\n"
        "<span class=\"eq-number\">(7.1)</span></span>\n",
        "<span class=\"equation\" id=\"eq:07-one\">\n$$ x = 0.5108 $$\n"
        "<span class=\"eq-number\">(7.2)</span></span>\n",
        "See [equation (7.1)](#eq:07-ab), [Equation (7.1)](#eq:07-ab), "
        "[section 7.1](#sec:07-setting), [Section 7.1](#sec:07-setting), "
        "[section 7.1.1](#sec:07-sub), [Exercise 7.1](#ex:07-first), "
        "[Exercise 7.2](#ex:07-2),\n",
        "[chapter 7](#ch:07), [Chapter 7](#ch:07), [chapter 7](#ch:07), "
        "[chapter 3](../03-other/chapter.html#ch:03), "
        "[chapter 3](../03-other/chapter.html#ch:03), "
        "[chapter 3](../03-other/chapter.html#ch:03)'s "
        "[equation (3.1)](../03-other/chapter.html#eq:03-gibbs),\n",
        "[section 3.2](../03-other/chapter.html#sec:03-proof), "
        "[Exercise 3.1](../03-other/chapter.html#ex:03-one), "
        "[Figure 3.1](../03-other/chapter.html#fig:03-pic); "
        "[Figure 7.1](#fig:07-map). Not mail@ex:first.\n"
        "In code `@eq:ab [x]{.define}` is text, after it [equation (7.1)](#eq:07-ab).\n",
        /* the exercises section is 7.2: the unnumbered aside counts none */
        "## Exercises {#sec:07-exercises}\n",
        "[**Exercise 7.1**]{#ex:07-first .exercise} *(compute)* Do "
        "[equation (7.2)](#eq:07-one).\n",
        "[**Exercise 7.2**]{#ex:07-2 .exercise} Again.\n",
        "```\n@eq:ab in a fence is text\n```\n",
        "[entropy]{#def:07-entropy .define} and "
        "[KL]{#def:07-kullback-leibler-divergence .define},\n"
        "a [bracket] and $[0, 1]$.\n",
        /* the claims' heading is 7.3, so the section after it is 7.4 */
        "## After the claims {#sec:07-after}\n\n[section 7.4](#sec:07-after)\n",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        CU_ASSERT_PTR_NOT_NULL(strstr(out, want[i]));
        if (strstr(out, want[i]) == NULL)
            fprintf(stderr, "\n    wanted '%s' in:\n%s", want[i], out);
    }
    free(out);
    free(err);
    teardown(&fx);
}

/* Weaves MD (with TAIL) beside a chapter 03-other holding OTHER and checks
 * that the errors contain WANT. */
static void expect_ref_error(const char *md, const char *other, const char *want)
{
    struct fixture fx;
    char text[4096];
    snprintf(text, sizeof text, "%s%s", md, TAIL);
    setup(&fx, text, SOURCE);
    add_other(&fx, other);
    char *out, *err;
    CU_ASSERT(weave(&fx, &out, &err) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
    if (strstr(err, want) == NULL)
        fprintf(stderr, "\n    wanted '%s' in:\n%s", want, err);
    free(out);
    free(err);
    teardown(&fx);
}

static void test_weave_reference_errors(void)
{
    expect_ref_error("# T\nsee @eq:nope\n", OTHER_MD,
                     "chapters/07-demo/chapter.md:2: unknown equation '@eq:nope'");
    expect_ref_error("# T\nsee @Sec:nope\n", OTHER_MD,
                     "chapter.md:2: unknown section '@Sec:nope'");
    expect_ref_error("# T\n\nsee @ex:nope\n", OTHER_MD,
                     "chapter.md:3: unknown exercise '@ex:nope'");
    expect_ref_error("# T\nsee @ch:9\n", OTHER_MD, "chapter.md:2: unknown chapter '@ch:9'");
    expect_ref_error("# T\nsee @ch:nope\n", OTHER_MD, "chapter.md:2: unknown chapter '@ch:nope'");
    /* the number and the folder of a chapter must agree */
    expect_ref_error("# T\nsee @ch:03-else\n", OTHER_MD,
                     "chapter.md:2: unknown chapter '@ch:03-else'");
    /* another chapter's label, but not that one */
    expect_ref_error("# T\nsee @eq:03-nope\n", OTHER_MD,
                     "chapter.md:2: unknown equation '@eq:03-nope'");
    expect_ref_error("# T\nsee @eq:gibbs\n", OTHER_MD,
                     "chapter.md:2: unknown equation '@eq:gibbs'");
    expect_ref_error("# T\nsee @fig:03-none\n", OTHER_MD,
                     "chapter.md:2: unknown figure '@fig:03-none'");
}

static void test_weave_label_errors(void)
{
    expect_ref_error("# T\n$$\na\n$$ {#eq:a}\n$$\nb\n$$ {#eq:a}\n", OTHER_MD,
                     "chapter.md:7: equation 'a' defined twice (also at ");
    expect_ref_error("# T\n\n$$ {#eq:a}\n", OTHER_MD,
                     "chapter.md:3: an equation label {#eq:NAME} follows the $$");
    expect_ref_error("# T\n$$ a $$ and {#eq:a}\n", OTHER_MD,
                     "chapter.md:2: an equation label is \"$$ {#eq:NAME}\"");
    expect_ref_error("# T {#sec:t}\n", OTHER_MD,
                     "chapter.md:1: a chapter's heading takes no #sec: label");
    expect_ref_error("# T\n## A {#sec:a .unnumbered}\n", OTHER_MD,
                     "chapter.md:2: a section label is #sec:NAME on a numbered heading");
    expect_ref_error("# T\n## A {#sec:a}\n## B {#sec:a}\n", OTHER_MD,
                     "chapter.md:3: section 'a' defined twice");
    expect_ref_error("# T\n\n**Exercise 7.1** Do it.\n", OTHER_MD,
                     "chapter.md:3: an exercise starts with @exercise");
    expect_ref_error("# T\n@exercise {#ex:a} x\n@exercise {#ex:a} y\n", OTHER_MD,
                     "chapter.md:3: exercise 'a' defined twice");
    expect_ref_error("# T\n@exercise {#ex:} x\n", OTHER_MD,
                     "chapter.md:2: usage: @exercise [{#ex:NAME}] TEXT");
    expect_ref_error("# T\n[entropy]{.define}, [Entropy]{.define}\n", OTHER_MD,
                     "chapter.md:2: term 'Entropy' defined twice");
    /* a term another chapter defines: the other's file and line are named */
    expect_ref_error("# T\n\n[Relative entropy]{.define}\n", OTHER_MD,
                     "chapter.md:3: term 'Relative entropy' defined twice (also at ");
    expect_ref_error("# T\n\n[Relative entropy]{.define}\n", OTHER_MD,
                     "03-other/chapter.md:13)");
    expect_ref_error("# T\n[entropy]{.define term=}\n", OTHER_MD,
                     "chapter.md:2: a definition is [TEXT]{.define}");
}

/* Runs the glossary over the fixture's chapters folder. */
static int glossary(struct fixture *fx, char **out, char **err)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/chapters", fx->root);
    size_t on = 0, en = 0;
    FILE *o = open_memstream(out, &on), *e = open_memstream(err, &en);
    int r = book_weave_glossary(dir, o, e);
    fclose(o);
    fclose(e);
    return r;
}

static void test_weave_glossary(void)
{
    struct fixture fx;
    setup(&fx, "# Demo\n\nIntro [Zeta]{.define}.\n\n## Un {-}\n\n[beta]{.define}\n\n"
               "## Two\n\n```\n[not]{.define}\n```\n\n`[nor]{.define}`\n\n### Deep\n\n"
               "[$x$ here]{.define term=\"alpha law\"}\n", SOURCE);
    add_other(&fx, OTHER_MD);
    char *out, *err;
    CU_ASSERT_EQUAL(glossary(&fx, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    /* sorted without regard to case; each term where its section is */
    CU_ASSERT_STRING_EQUAL(out,
        "# Glossary {#glossary .unnumbered}\n\n"
        "The terms the book defines, each linked to the place that defines it.\n\n"
        "::: {.glossary}\n"
        "- [alpha law](#def:07-alpha-law) — section 7.1.1, *Deep*\n"
        "- [beta](#def:07-beta) — chapter 7, *Un*\n"
        "- [relative entropy](#def:03-relative-entropy) — section 3.2, *Proof*\n"
        "- [Zeta](#def:07-zeta) — chapter 7, *Demo*\n"
        ":::\n");
    free(out);
    free(err);
    teardown(&fx);
}

static void test_weave_glossary_errors(void)
{
    struct fixture fx;
    setup(&fx, "# Demo\n\nA [x]{.define term=\"Relative entropy\"}\n",
          SOURCE);
    add_other(&fx, OTHER_MD);
    char *out, *err;
    CU_ASSERT_EQUAL(glossary(&fx, &out, &err), 1);
    /* the later definition is the one reported, naming the first */
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "07-demo/chapter.md:3: term 'Relative entropy' "
                                       "defined twice (also at "));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "03-other/chapter.md:13)\n"));
    free(out);
    free(err);
    teardown(&fx);
    setup(&fx, "# Demo\n\nno terms\n", SOURCE);
    CU_ASSERT_EQUAL(glossary(&fx, &out, &err), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "/chapters: no chapter defines a term"));
    free(out);
    free(err);
    teardown(&fx);
}

/* --- label indexes ------------------------------------------------------ */

/* The index of the fixture's chapter 03-other, as book_weave_labels writes
 * it on a stream; returns the error count (OUT and ERR to free). */
static int labels_of(struct fixture *fx, const char *folder, char **out, char **err)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/chapters/%s", fx->root, folder);
    size_t on = 0, en = 0;
    FILE *o = open_memstream(out, &on), *e = open_memstream(err, &en);
    int r = book_weave_labels(dir, o, e);
    fclose(o);
    fclose(e);
    return r;
}

static void test_weave_labels(void)
{
    struct fixture fx;
    setup(&fx, "# Demo\n", SOURCE);
    add_other(&fx, "# Other\n\n## Intro\n\nA tab\there, a back\\slash.\n\n"
                   "## Proof {#sec:proof}\n\n$$\nx\n$$ {#eq:gibbs}\n\n"
                   "![P](fig-pic.svg){#fig:pic}\n\n"
                   "@exercise {#ex:one} Text, [relative entropy]{.define}.\n\n"
                   "## A\\b\tc\n\n@exercise [x\ty]{.define}\n");
    char *out, *err;
    CU_ASSERT_EQUAL(labels_of(&fx, "03-other", &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    char want[8192];
    snprintf(want, sizeof want,
             "# %s/chapters/03-other/chapter.md\tkind\tid\tnumber\twhere\n"
             "ch\tch:03\t3\t3\\tOther\n"
             "sec\tsec:03-proof\t3.2\t\n"
             "eq\teq:03-gibbs\t3.1\t\n"
             "fig\tfig:03-pic\t3.1\t\n"
             "ex\tex:03-one\t3.1\t\n"
             "def\tdef:03-relative-entropy\trelative entropy\t3.2\\tProof\n"
             /* a tab and a backslash inside a field are escaped */
             "ex\tex:03-2\t3.2\t\n"
             "def\tdef:03-x-y\tx\\ty\t3.3\\tA\\\\b\\tc\n", fx.root);
    CU_ASSERT_STRING_EQUAL(out, want);
    free(out);
    free(err);
    /* a folder not named NN-slug, a chapter.md missing */
    CU_ASSERT_EQUAL(labels_of(&fx, "other", &out, &err), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "/chapters/other: a chapter folder is named NN-slug\n"));
    free(out);
    free(err);
    CU_ASSERT_EQUAL(labels_of(&fx, "05-none", &out, &err), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "/chapters/05-none/chapter.md: cannot read\n"));
    free(out);
    free(err);
    teardown(&fx);
}

/* The inode and modification time of PATH (0 if it does not exist). */
static void file_id(const char *path, ino_t *ino, struct timespec *mtime)
{
    struct stat st;
    *ino = 0;
    if (stat(path, &st) == 0) {
        *ino = st.st_ino;
        *mtime = st.st_mtim;
    }
}

/* The index file is written through a temporary and renamed, and only when
 * its text changes: a prose edit (lines added too) leaves the file, its
 * inode and its time stamp alone, a renumbered equation rewrites it. */
static void test_weave_labels_file(void)
{
    struct fixture fx;
    setup(&fx, "# Demo\n", SOURCE);
    add_other(&fx, OTHER_MD);
    char dir[4200], path[4300], tmp[4400];
    snprintf(dir, sizeof dir, "%s/chapters/03-other", fx.root);
    snprintf(path, sizeof path, "%s/03-other.tsv", fx.out);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CU_ASSERT_EQUAL(book_weave_labels_file(dir, path, stderr), 1);
    char *first = testlib_read(fx.out, "03-other.tsv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(first);
    CU_ASSERT_PTR_NOT_NULL(strstr(first, "\neq\teq:03-gibbs\t3.1\t\n"));
    CU_ASSERT_EQUAL(access(tmp, F_OK), -1);
    ino_t ino, ino2;
    struct timespec t = {0}, t2 = {0};
    file_id(path, &ino, &t);
    CU_ASSERT_NOT_EQUAL(ino, 0);
    /* a prose edit, with lines added before every label */
    char md[4096];
    snprintf(md, sizeof md, "# Other\n\nNew prose.\n\nMore prose.\n%s",
             OTHER_MD + strlen("# Other\n"));
    testlib_write(dir, "chapter.md", md);
    CU_ASSERT_EQUAL(book_weave_labels_file(dir, path, stderr), 0);
    file_id(path, &ino2, &t2);
    CU_ASSERT_EQUAL(ino2, ino);
    CU_ASSERT(t2.tv_sec == t.tv_sec && t2.tv_nsec == t.tv_nsec);
    CU_ASSERT_EQUAL(access(tmp, F_OK), -1);
    char *same = testlib_read(fx.out, "03-other.tsv");
    CU_ASSERT_STRING_EQUAL(same, first);
    free(same);
    /* an equation before gibbs renumbers it: the file is replaced */
    snprintf(md, sizeof md, "# Other\n\n$$ y $$ {#eq:first}\n%s",
             OTHER_MD + strlen("# Other\n"));
    testlib_write(dir, "chapter.md", md);
    CU_ASSERT_EQUAL(book_weave_labels_file(dir, path, stderr), 1);
    file_id(path, &ino2, &t2);
    CU_ASSERT_NOT_EQUAL(ino2, ino);
    char *renumbered = testlib_read(fx.out, "03-other.tsv");
    CU_ASSERT_PTR_NOT_NULL(strstr(renumbered, "\neq\teq:03-first\t3.1\t\n"
                                              "sec\tsec:03-proof\t3.2\t\n"
                                              "eq\teq:03-gibbs\t3.2\t\n"));
    free(renumbered);
    /* an error leaves the index as it was, and no temporary */
    char bad[4300];
    snprintf(bad, sizeof bad, "%s/chapters/03-none", fx.root);
    char *err;
    size_t en = 0;
    FILE *e = open_memstream(&err, &en);
    CU_ASSERT_EQUAL(book_weave_labels_file(bad, path, e), -1);
    fclose(e);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "/chapters/03-none/chapter.md: cannot read\n"));
    free(err);
    file_id(path, &ino, &t);
    CU_ASSERT_EQUAL(ino, ino2);
    CU_ASSERT_EQUAL(access(tmp, F_OK), -1);
    free(first);
    teardown(&fx);
}

/* Weaving with the other chapters' labels read from their indexes gives
 * what reading their sources gives; a missing or malformed index is an
 * error naming it, and a term defined twice still names both lines. */
static void test_weave_from_indexes(void)
{
    struct fixture fx;
    char md[4096];
    snprintf(md, sizeof md, "%s%s", REFS_MD, TAIL);
    setup(&fx, md, SOURCE);
    add_other(&fx, OTHER_MD);
    char *out, *err, *indexed, *ierr;
    CU_ASSERT_EQUAL(weave(&fx, &out, &err), 0);
    char labels[4300], dir[4200], path[4400];
    snprintf(labels, sizeof labels, "%s/labels", fx.root);
    mkdir(labels, 0777);
    book_weave_set_labels(labels);
    /* no index yet */
    CU_ASSERT_EQUAL(weave(&fx, &indexed, &ierr), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(ierr, "/labels/03-other.tsv: cannot read the labels "
                                        "of chapter 03-other (weave --labels writes them)\n"));
    free(indexed);
    free(ierr);
    snprintf(dir, sizeof dir, "%s/chapters/03-other", fx.root);
    snprintf(path, sizeof path, "%s/03-other.tsv", labels);
    CU_ASSERT_EQUAL(book_weave_labels_file(dir, path, stderr), 1);
    CU_ASSERT_EQUAL(weave(&fx, &indexed, &ierr), 0);
    CU_ASSERT_STRING_EQUAL(ierr, "");
    CU_ASSERT_STRING_EQUAL(indexed, out);
    free(indexed);
    free(ierr);
    /* the index, not the source, is what is read */
    testlib_write(dir, "chapter.md", "# Other\n");
    CU_ASSERT_EQUAL(weave(&fx, &indexed, &ierr), 0);
    CU_ASSERT_STRING_EQUAL(indexed, out);
    free(indexed);
    free(ierr);
    testlib_write(labels, "03-other.tsv", "# x\tkind\tid\tnumber\twhere\neq\teq:03-a\n");
    CU_ASSERT(weave(&fx, &indexed, &ierr) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(ierr, "/labels/03-other.tsv:2: not a label "
                                        "(kind, id, number, where)\n"));
    free(indexed);
    free(ierr);
    testlib_write(labels, "03-other.tsv", "eq\teq:03-a\t3.1\t\n");
    CU_ASSERT(weave(&fx, &indexed, &ierr) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(ierr, "/labels/03-other.tsv:1: not a label index"));
    free(indexed);
    free(ierr);
    free(out);
    free(err);
    teardown(&fx);

    /* a term another chapter defines: its line is looked up in its source */
    setup(&fx, "# T\n\n[Relative entropy]{.define}\n" "@code 07-demo.c setup\n"
               "@code 07-demo.c inner\n![a](fig-map.svg){#fig:map}\n"
               "![b](fig-anim.gif){#fig:anim}\n", SOURCE);
    add_other(&fx, OTHER_MD);
    snprintf(labels, sizeof labels, "%s/labels", fx.root);
    mkdir(labels, 0777);
    snprintf(dir, sizeof dir, "%s/chapters/03-other", fx.root);
    snprintf(path, sizeof path, "%s/03-other.tsv", labels);
    CU_ASSERT_EQUAL(book_weave_labels_file(dir, path, stderr), 1);
    CU_ASSERT(weave(&fx, &out, &err) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "chapter.md:3: term 'Relative entropy' defined "
                                       "twice (also at "));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "03-other/chapter.md:13)"));
    free(out);
    free(err);
    book_weave_set_labels(NULL);
    teardown(&fx);
}

/* The glossary from the indexes is the glossary from the sources; a term
 * defined twice is reported with both lines all the same. */
static void test_weave_glossary_from_indexes(void)
{
    struct fixture fx;
    setup(&fx, "# Demo\n\nIntro [Zeta]{.define}.\n\n## Two\n\n[beta]{.define}\n", SOURCE);
    add_other(&fx, OTHER_MD);
    char *out, *err, *indexed, *ierr;
    CU_ASSERT_EQUAL(glossary(&fx, &out, &err), 0);
    char labels[4300], dir[4200], path[4400];
    snprintf(labels, sizeof labels, "%s/labels", fx.root);
    mkdir(labels, 0777);
    const char *folders[] = {"03-other", "07-demo"};
    for (int i = 0; i < 2; i++) {
        snprintf(dir, sizeof dir, "%s/chapters/%s", fx.root, folders[i]);
        snprintf(path, sizeof path, "%s/%s.tsv", labels, folders[i]);
        CU_ASSERT_EQUAL(book_weave_labels_file(dir, path, stderr), 1);
    }
    book_weave_set_labels(labels);
    CU_ASSERT_EQUAL(glossary(&fx, &indexed, &ierr), 0);
    CU_ASSERT_STRING_EQUAL(ierr, "");
    CU_ASSERT_STRING_EQUAL(indexed, out);
    CU_ASSERT_PTR_NOT_NULL(strstr(indexed, "- [beta](#def:07-beta) — section 7.1, *Two*\n"));
    free(indexed);
    free(ierr);
    free(out);
    free(err);
    /* the same term in both chapters (sources moved on: the lines are theirs) */
    testlib_write(fx.chapter, "chapter.md", "# Demo\n\n\nA [x]{.define term=\"Relative entropy\"}\n");
    snprintf(path, sizeof path, "%s/07-demo.tsv", labels);
    CU_ASSERT_EQUAL(book_weave_labels_file(fx.chapter, path, stderr), 1);
    CU_ASSERT_EQUAL(glossary(&fx, &out, &err), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "07-demo/chapter.md:4: term 'Relative entropy' "
                                       "defined twice (also at "));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "03-other/chapter.md:13)\n"));
    free(out);
    free(err);
    /* an index missing */
    snprintf(path, sizeof path, "%s/03-other.tsv", labels);
    remove(path);
    CU_ASSERT(glossary(&fx, &out, &err) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "/labels/03-other.tsv: cannot read the labels"));
    free(out);
    free(err);
    book_weave_set_labels(NULL);
    teardown(&fx);
}

TEST_SUITE(weave,
           TEST(test_weave_labels),
           TEST(test_weave_labels_file),
           TEST(test_weave_from_indexes),
           TEST(test_weave_glossary_from_indexes),
           TEST(test_weave_glossary),
           TEST(test_weave_glossary_errors),
           TEST(test_weave_references),
           TEST(test_weave_reference_errors),
           TEST(test_weave_label_errors),
           TEST(test_weave_missing_outputs_errors),
           TEST(test_weave_directives),
           TEST(test_weave_tries),
           TEST(test_weave_table),
           TEST(test_weave_solutions_and_folds),
           TEST(test_weave_kl),
           TEST(test_weave_explorer),
           TEST(test_weave_explorer_errors),
           TEST(test_weave_try_errors),
           TEST(test_weave_unknown_value_errors),
           TEST(test_weave_missing_tag_errors),
           TEST(test_weave_unused_tag_errors),
           TEST(test_weave_figure_errors),
           TEST(test_weave_figure_alt_errors),
           TEST(test_weave_claims_errors),
           TEST(test_weave_print_claims))
