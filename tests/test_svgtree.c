/* Tests of src/book/svgtree.c: gnuplot's groups replaced by their children
 * where that is shorter, a group's transform moved to its one child, the
 * attributes that change nothing left out (and those that do kept: a colour
 * something draws in, a stroke's width where something is stroked, the
 * opaque key box the style sheet selects), what it cannot see through left
 * alone, and input it does not expect refused with nothing written. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/svgtree.h"

/* What book_svg_flatten writes for IN, and its status. */
static char *run(const char *in, int *status)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    *status = book_svg_flatten(f, in, strlen(in));
    fclose(f);
    return buf;
}

static void expect(const char *body, const char *want)
{
    char in[4096], full[4096];
    snprintf(in, sizeof in, "<svg viewBox=\"0 0 9 9\" font-family=\"Sans\">%s</svg>", body);
    snprintf(full, sizeof full, "<svg viewBox=\"0 0 9 9\" font-family=\"Sans\">%s</svg>", want);
    int status;
    char *got = run(in, &status);
    CU_ASSERT_EQUAL(status, 0);
    CU_ASSERT_STRING_EQUAL(got, full);
    if (strcmp(got, full) != 0)
        fprintf(stderr, "\n    '%s':\n    wanted '%s'\n       got '%s'\n", body, want, got);
    free(got);
}

/* A tick as gnuplot draws one: its line's group, and its label's group
 * that only moves the text. */
static void test_svgtree_tick(void)
{
    expect("<g fill=\"none\" color=\"black\" stroke=\"currentColor\" stroke-width=\"1\">\n"
           "<path stroke='#555555'  d='M1 2h3'/>\n"
           "<g transform=\"translate(5.50,6.25)\" stroke=\"none\" fill=\"#333333\" font-size=\"13\"  "
           "text-anchor=\"end\">\n<text> 0.5</text>\n</g>\n</g>\n",
           /* the line keeps the fill that was the group's; the colour,
            * stroke and width were for nothing; the label takes the move
            * as it was written, its stroke is none anyway */
           "\n<path fill=\"none\" stroke='#555555' d='M1 2h3'/>\n"
           "<text transform=\"translate(5.50,6.25)\" fill=\"#333333\" font-size=\"13\" "
           "text-anchor=\"end\"> 0.5</text>\n");
}

/* A colour is kept where something draws in currentColor, a width where
 * something is stroked; a value the parent gives already goes. */
static void test_svgtree_needed(void)
{
    /* a group of many points that share a colour stays: the colour once
     * is shorter than on each */
    expect("<g color='#d55e00'><use href='#m' x='1' y='2'/><use href='#m' x='3' y='4'/>"
           "<use href='#m' x='5' y='6'/></g>",
           "<g color='#d55e00'><use href='#m' x='1' y='2'/><use href='#m' x='3' y='4'/>"
           "<use href='#m' x='5' y='6'/></g>");
    /* the stroke in currentColor: the colour goes to the path */
    expect("<g color=\"#0072b2\" stroke=\"currentColor\" stroke-width=\"2\"><path d='M1 1h1'/></g>",
           "<path color=\"#0072b2\" stroke=\"currentColor\" stroke-width=\"2\" d='M1 1h1'/>");
    /* a child's own value wins over the group's; the stroke none that is
     * the initial one goes */
    expect("<g fill=\"#333333\" font-size=\"13\"><g stroke=\"none\" fill=\"#111111\">"
           "<text fill=\"#333333\">a</text><text font-size=\"13\">b</text></g></g>",
           "<text font-size=\"13\" fill=\"#333333\">a</text>"
           "<text fill=\"#111111\" font-size=\"13\">b</text>");
    /* a font on a mark without text goes, the initial values no style
     * rule selects go, a fill that is not initial stays */
    expect("<path font-size=\"13\" text-anchor=\"end\" stroke-linecap=\"butt\" stroke-width=\"1\" "
           "fill=\"black\" d='M1 1h1'/>",
           "<path fill=\"black\" d='M1 1h1'/>");
    /* nothing stroked below: the stroke's width and dashes go */
    expect("<g stroke=\"none\" stroke-width=\"3\" stroke-dasharray=\"2,4\" fill=\"#f2f2f2\">"
           "<polygon points='1 1 2 2 3 1'/><polygon points='4 4 5 5 6 4'/></g>",
           "<polygon fill=\"#f2f2f2\" points='1 1 2 2 3 1'/>"
           "<polygon fill=\"#f2f2f2\" points='4 4 5 5 6 4'/>");
}

/* What it must not touch or cannot see through. */
static void test_svgtree_kept(void)
{
    /* the opaque key box keeps the fill report.css selects it by */
    expect("<g fill=\"#FFFFFF\"><polygon fill=\"#FFFFFF\" points='1 1 2 2'/></g>",
           "<polygon fill=\"#FFFFFF\" points='1 1 2 2'/>");
    /* a group with a title (a plot's key title), without attributes, with
     * a style or an id, and a translated group of two children stay */
    const char *stay[] = {
        "<g fill=\"none\"><title>bits</title><path d='M1 1h1'/></g>",
        "<g><rect x=\"0\" y=\"0\" width=\"9\" height=\"9\" fill=\"#ffffff\"/></g>",
        "<g style='filter:url(#s1-textbox)' fill=\"black\"><text>a</text></g>",
        "<g id=\"a\" fill=\"none\"><path d='M1 1h1'/></g>",
        "<g transform=\"translate(1,2)\"><text>a</text><text>b</text></g>",
        "<g transform=\"translate(1,2)\"><text transform=\"rotate(90)\">a</text></g>",
    };
    for (size_t i = 0; i < sizeof stay / sizeof stay[0]; i++)
        expect(stay[i], stay[i]);
    /* the definitions are used elsewhere: left as they are, but those that
     * nothing refers to (directly, or through a definition that stays)
     * are left out */
    expect("<defs><path id='p' stroke-width='1' font-size='3' d='M0 0h1'/>"
           "<use href='#p' id='q' fill='none'/><path id='r' d='M0 0h1'/><use href='#r' id='t'/>"
           "<filter id='box'/><filter id='box2'/></defs>"
           "<use href='#q' x='1' y='2'/><text style='filter:url(#box)'>a</text>",
           "<defs><path id='p' stroke-width='1' font-size='3' d='M0 0h1'/>"
           "<use href='#p' id='q' fill='none'/><filter id='box'/></defs>"
           "<use href='#q' x='1' y='2'/><text style='filter:url(#box)'>a</text>");
    /* the white space inside a text stays, between elements it is one
     * line break */
    expect("<text>  a  <tspan> b </tspan></text>\n\n\t<path d='M1 1h1'/>",
           "<text>  a  <tspan> b </tspan></text>\n<path d='M1 1h1'/>");
}

static void test_svgtree_errors(void)
{
    const char *bad[] = {"", "<svg>", "<svg><g></svg>", "<svg><g a=b/></svg>",
                         "<svg><!-- x --></svg>", "<svg></svg>junk", "<g></g>",
                         "<svg><g a='1></g></svg>", "<svg><p></q></svg>"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int status;
        char *got = run(bad[i], &status);
        CU_ASSERT_EQUAL(status, -1);
        CU_ASSERT_STRING_EQUAL(got, "");
        if (status != -1)
            fprintf(stderr, "\n    '%s' accepted as '%s'\n", bad[i], got);
        free(got);
    }
}

TEST_SUITE(svgtree,
           TEST(test_svgtree_tick),
           TEST(test_svgtree_needed),
           TEST(test_svgtree_kept),
           TEST(test_svgtree_errors))
