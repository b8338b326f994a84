/* Tests of src/book/typeset.c with the real pandoc: sections converted once
 * and reused, headings numbered and made unique, the contents, code-block
 * ids through the page, figures and explorer data inline, and its errors. */
#define _POSIX_C_SOURCE 200809L
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include "book/typeset.h"

/* A pandoc that counts its runs in the file "runs" beside it. */
static const char COUNTING_PANDOC[] =
    "#!/bin/sh\n"
    "echo run >> \"$(dirname \"$0\")/runs\"\n"
    "exec pandoc \"$@\"\n";

static const char FRONT[] =
    "---\ntitle: A Book\nsubtitle: \"with <tags> & more\"\n---\n\n"
    "# About {.unnumbered}\n\nFront matter.\n";

static const char CHAPTER[] =
    "# Entropy\n\nIntro $x^2$.\n\n"
    "## Summary\n\n```c\nint a;\n```\n\n"
    "::: {.note}\n## inside a div, not a cut\n:::\n\n"
    "### Detail\n\ntext\n\n"
    "## Summary\n\n```c\nint b;\n```\n\n"
    "![**Figure 1.1.** A curve](ch/fig-a.svg){#fig:01-a style=\"min-width:504px\"}\n\n"
    "![**Figure 1.2.** A film](ch/fig-b.gif){#fig:01-b}\n\n"
    "```{=html}\n<div class=\"explorer\" id=\"x01-m\" hidden data-explorer=\"ch/m.explorer.json\"></div>\n```\n";

static const char SVG[] =
    "<?xml version=\"1.0\"?>\n<svg \n viewBox=\"0 0 720 420\"\n"
    " xmlns=\"http://www.w3.org/2000/svg\">\n<title>Gnuplot</title>\n"
    "<desc>Produced by GNUPLOT</desc>\n<g id=\"gnuplot_canvas\">\n<g fill=\"none\" color=\"black\">\n</g>\n"
    "<defs><circle id='gpPt5' r='1'/><clipPath id='gpclip'/></defs>\n"
    "<use xlink:href='#gpPt5' clip-path='url(#gpclip)'/>\n"
    "<use xlink:href='#gpPt5' transform='translate(10.5,20.25) scale(1.22)' color='rgb(255,  0,  0)'/>\n"
    "<use xlink:href='#gpPt5' transform='translate(11,21) scale(1.22)' color='#00ff00'/>\n"
    "<use xlink:href='#gpPt5' transform='translate(12,22) scale(2)'/>\n"
    "<path stroke='rgb( 85,  85,  85)' fill='rgb(1,2)' d='M0,0'/>\n</g>\n</svg>\n";

struct fx {
    char *root, cache[4200], pandoc[4200];
};

static void setup(struct fx *f)
{
    f->root = testlib_tmpdir();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f->root);
    char ch[4200];
    snprintf(ch, sizeof ch, "%s/ch", f->root);
    mkdir(ch, 0777);
    snprintf(f->cache, sizeof f->cache, "%s/cache", f->root);
    snprintf(f->pandoc, sizeof f->pandoc, "%s/pandoc", f->root);
    testlib_write(f->root, "pandoc", COUNTING_PANDOC);
    chmod(f->pandoc, 0755);
    testlib_write(f->root, "front.md", FRONT);
    testlib_write(f->root, "chapter.md", CHAPTER);
    testlib_write(f->root, "a.css", "body { color: red; }\n");
    testlib_write(f->root, "x.js", "var x = 1;\n");
    testlib_write(f->root, "theme.js", "var t = 2;\n");
    testlib_write(ch, "fig-a.svg", SVG);
    testlib_write(ch, "fig-b.gif", "GIF89a");
    testlib_write(ch, "m.explorer.json", "{\"kind\":\"map\"}\n");
}

static int typeset(struct fx *f, int offset, int front, char **out, char **err)
{
    char front_md[4200], chapter_md[4200], css[4200], js[4200], head_js[4200];
    snprintf(front_md, sizeof front_md, "%s/front.md", f->root);
    snprintf(chapter_md, sizeof chapter_md, "%s/chapter.md", f->root);
    snprintf(css, sizeof css, "%s/a.css", f->root);
    snprintf(js, sizeof js, "%s/x.js", f->root);
    snprintf(head_js, sizeof head_js, "%s/theme.js", f->root);
    struct book_typeset o = {.pandoc = f->pandoc, .cache_dir = f->cache,
                             .resource_dir = f->root, .css = {css},
                             .script = js, .head_script = head_js, .pagetitle = "Chapter", .lang = "en",
                             .number_offset = offset};
    const char *md[] = {front_md, chapter_md};
    size_t on = 0, en = 0;
    FILE *o_ = open_memstream(out, &on), *e = open_memstream(err, &en);
    int r = book_typeset(&o, front ? md : md + 1, front ? 2 : 1, o_, e);
    fclose(o_);
    fclose(e);
    return r;
}

static int runs(const struct fx *f)
{
    char *t = testlib_read(f->root, "runs");
    int n = 0;
    for (char *c = t; c && (c = strstr(c, "run")) != NULL; c += 3)
        n++;
    free(t);
    return n;
}

static int starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static void has(const char *out, const char *want)
{
    CU_ASSERT_PTR_NOT_NULL(strstr(out, want));
    if (strstr(out, want) == NULL)
        fprintf(stderr, "\n    wanted '%s'\n", want);
}

static void test_typeset_page(void)
{
    struct fx f;
    setup(&f);
    char *out, *err;
    CU_ASSERT_EQUAL(typeset(&f, 4, 0, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    CU_ASSERT_EQUAL(runs(&f), 1);               /* every section in one run */
    has(out, "<title>Chapter</title>");
    has(out, "<style>\nbody { color: red; }\n</style>\n"
             "<script id=\"kl-theme\">\nvar t = 2;\n</script>\n</head>");
    /* numbered from the offset; the second Summary gets a new id */
    has(out, "<h1 data-number=\"5\" id=\"entropy\"><span class=\"header-section-number\">5</span> Entropy</h1>");
    has(out, "<h2 data-number=\"5.1\" id=\"summary\"><span class=\"header-section-number\">5.1</span> Summary</h2>");
    has(out, "<h3 data-number=\"5.2.1\"");
    has(out, "<h2 data-number=\"5.3\" id=\"summary-1\">");
    /* the contents: two levels, linked */
    has(out, "<nav id=\"TOC\" role=\"doc-toc\">\n<ul>\n<li><a href=\"#entropy\"><span class=\"toc-section-number\">5</span> Entropy</a>\n<ul>\n");
    has(out, "<li><a href=\"#summary-1\"><span class=\"toc-section-number\">5.3</span> Summary</a></li>\n</ul></li>\n</ul>\n</nav>");
    CU_ASSERT_PTR_NULL(strstr(out, "Detail</a>"));
    /* code blocks numbered through the page, whatever their section */
    has(out, "<div class=\"sourceCode\" tabindex=\"0\" id=\"cb1\">");
    has(out, "<div class=\"sourceCode\" tabindex=\"0\" id=\"cb2\">");
    /* a listing's lines without pandoc's anchors, which nothing links to */
    has(out, "<code class=\"sourceCode c\"><span><span class=\"dt\">int</span> b<span class=\"op\">;</span></span></code>");
    CU_ASSERT_PTR_NULL(strstr(out, "href=\"#cb"));
    /* the SVG inline, its ids prefixed, gnuplot's own dropped */
    has(out, "<svg viewBox=\"0 0 720 420\" xmlns=\"http://www.w3.org/2000/svg\" "
             "id=\"fig:01-a\" class=\"figure-svg\" role=\"img\" aria-label=\"Figure 1.1. A curve\" "
             "style=\"min-width:504px\">");
    has(out, "<title>Figure 1.1. A curve</title>");
    has(out, "<circle id='s1-gpPt5' r='1'/>");
    has(out, "<use href='#s1-gpPt5' clip-path='url(#s1-gpclip)'/>\n");
    /* points refer to their marker scaled once, and move by x and y */
    has(out, "<use href='#s1-m0' x='10.5' y='20.3' color='#ff0000'/>\n"
             "<use href='#s1-m0' x='11' y='21' color='#00ff00'/>\n"
             "<use href='#s1-m1' x='12' y='22'/>\n");
    /* gnuplot's rgb() colours as #rrggbb, the form report.css restyles */
    has(out, "<path stroke='#555555' fill='rgb(1,2)' d='M0 0'/>\n</g>\n");
    has(out, "<defs><use id='s1-m0' href='#s1-gpPt5' transform='scale(1.22)'/>"
             "<use id='s1-m1' href='#s1-gpPt5' transform='scale(2)'/></defs>\n</svg>");
    CU_ASSERT_PTR_NULL(strstr(out, "gnuplot_canvas"));
    CU_ASSERT_PTR_NULL(strstr(out, "color=\"black\""));   /* an empty group */
    CU_ASSERT_PTR_NULL(strstr(out, "GNUPLOT"));
    CU_ASSERT_PTR_NULL(strstr(out, "<?xml"));
    /* the GIF as data ("GIF89a" in base64), the explorer's data and script */
    has(out, "<img src=\"data:image/gif;base64,R0lGODlh\" id=\"fig:01-b\"");
    has(out, "<div class=\"explorer\" id=\"x01-m\" hidden>\n<script type=\"application/json\">\n{\"kind\":\"map\"}\n</script>\n</div>");
    has(out, "<script>\nvar x = 1;\n</script>\n</body>");
    char *first = out;
    free(err);

    /* again: nothing to convert, the same page */
    CU_ASSERT_EQUAL(typeset(&f, 4, 0, &out, &err), 0);
    CU_ASSERT_EQUAL(runs(&f), 1);
    CU_ASSERT_STRING_EQUAL(out, first);
    free(out);
    free(err);

    /* one section edited: one run, for it alone; the page as a fresh build */
    char *md = testlib_read(f.root, "chapter.md");
    char *at = strstr(md, "text\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    at[0] = 'T';
    testlib_write(f.root, "chapter.md", md);
    CU_ASSERT_EQUAL(typeset(&f, 4, 0, &out, &err), 0);
    CU_ASSERT_EQUAL(runs(&f), 2);
    has(out, "<p>Text</p>");
    char *incremental = out;
    free(err);
    char cmd[8600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f.cache);
    CU_ASSERT_EQUAL(system(cmd), 0);
    CU_ASSERT_EQUAL(typeset(&f, 4, 0, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(out, incremental);
    free(out);
    free(err);
    free(incremental);
    free(first);
    free(md);
    testlib_rmtree(f.root);
    free(f.root);
}

/* A figure as gnuplot writes one, for put_svg's shortening. */
static const char GNUPLOT_SVG[] =
    "<?xml version=\"1.0\"?>\n<svg \n viewBox=\"0 0 900 470\"\n"
    " xmlns=\"http://www.w3.org/2000/svg\"\n xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n>\n"
    "\n<title>Gnuplot</title>\n<desc>Produced by GNUPLOT 5.4 patchlevel 4 </desc>\n"
    "<defs>\n"
    "\t<circle id='gpPt5' stroke-width='0.205' stroke='currentColor' cx='0' cy='0' r='1'/>\n"
    "\t<use xlink:href='#gpPt5' id='gpPt6' fill='currentColor' stroke='none'/>\n"
    "\t<path id='gpPt7' stroke-width='0.205' stroke='currentColor' d='M0,-1.33 L-1.33,0.67 L1.33,0.67 z'/>\n"
    "</defs>\n"
    "<g fill=\"none\" color=\"black\" stroke=\"currentColor\" stroke-width=\"1.00\" stroke-linecap=\"butt\" stroke-linejoin=\"miter\">\n"
    "\t<path stroke='rgb( 85,  85,  85)'  d='M93.60,394.68 L98.00,394.68 L102.40,394.68  '/></g>\n"
    "<g fill=\"none\" color=\"black\" stroke=\"currentColor\" stroke-width=\"2.00\" stroke-linecap=\"butt\" stroke-linejoin=\"miter\">\n"
    "\t<use xlink:href='#gpPt6' transform='translate(10.00,20.00) scale(1.46)' color='rgb(213,  94,   0)'/>\n"
    "\t<use xlink:href='#gpPt6' transform='translate(12.50,19.00) scale(1.46)' color='rgb(213,  94,   0)'/>\n"
    "\t<use xlink:href='#gpPt6' transform='translate(13.00,18.00) scale(1.46)' color='rgb(  0, 114, 178)'/>\n"
    "\t<use xlink:href='#gpPt7' transform='translate(14.00,18.00) scale(1.46)' color='rgb(  0, 114, 178)'/>\n"
    "\t<use xlink:href='#gpPt6' transform='translate(15.00,18.00) scale(1.46)' color='rgb(  0, 114, 178)' opacity='0.5'/>\n"
    "</g>\n"
    "\t<polygon fill = '#0072b2' fill-opacity = '0.550000' points = '84.50,331.75 388.61,331.75 388.61,245.01 '/>\n"
    "\t<path d='M1,1 C2,2 3,3 4,4'/>\n"
    "\t<g transform=\"translate(51.35,355.98)\" stroke=\"none\" fill=\"rgb(51,51,51)\" font-family=\"DejaVu Sans\" font-size=\"13.00\"  text-anchor=\"end\">\n"
    "\t\t<text><tspan font-family=\"DejaVu Sans\" > 0.5</tspan></text>\n"
    "\t</g>\n"
    "\t<g id=\"gnuplot_plot_1\" ><title>bits (log2)</title>\n<path d='M5,5 L9,9'/></g>\n"
    "\t<g id=\"gnuplot_plot_2\" ><title>gnuplot_plot_2</title>\n<path d='M6,6 L7,9'/></g>\n"
    "\t<g font-family=\"DejaVu Sans\"><text><tspan font-family=\"DejaVu Sans\"  font-size=\"10.4\" dy=\"3\">2</tspan></text></g>\n"
    "</svg>\n";

/* What put_svg makes of SVG, as the first figure of a page. */
static char *inline_svg(const char *svg)
{
    struct fx f;
    setup(&f);
    testlib_write(f.root, "ch/fig-a.svg", svg);
    char *out, *err;
    CU_ASSERT_EQUAL(typeset(&f, 0, 0, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    free(err);
    testlib_rmtree(f.root);
    free(f.root);
    return out;
}

/* The same picture in fewer bytes: filled circles as dots of their outer
 * diameter, paths and polygons rounded and simplified, attributes at their
 * initial values and a font every text repeats left out. */
static void test_typeset_svg_shortened(void)
{
    char *out = inline_svg(GNUPLOT_SVG);
    /* one title, the alt text, for the figure; a plot's own title, its
     * key entry, kept; gnuplot's name for an untitled plot left out */
    char *svg0 = strstr(out, "<svg");
    CU_ASSERT_PTR_NOT_NULL_FATAL(svg0);
    char *t1 = strstr(svg0, "<title>"), *t2 = t1 ? strstr(t1 + 1, "<title>") : NULL;
    CU_ASSERT_PTR_NOT_NULL(t1);
    CU_ASSERT_PTR_NOT_NULL(t2);
    CU_ASSERT(t1 != NULL && strncmp(t1, "<title>Gnuplot", 14) != 0 && strchr(t1, '>') != NULL);
    CU_ASSERT(t2 != NULL && starts_with(t2, "<title>bits (log2)</title>") && strstr(t2 + 1, "<title>") == NULL);
    CU_ASSERT_PTR_NULL(strstr(out, "gnuplot_plot"));
    CU_ASSERT_PTR_NULL(strstr(out, "xlink"));     /* its namespace, and its href */
    /* the one font, on the <svg> */
    has(out, "style=\"min-width:504px\" font-family=\"DejaVu Sans\">");
    /* a tick's group gives way to its line, which keeps the one attribute
     * it needs (svgtree.h; tests/test_svgtree.c) */
    has(out, "</defs>\n<path fill=\"none\" stroke='#555555' d='M93.6 394.7h8.8'/>\n<g ");
    /* three filled circles of scale 1.46: discs 1.46 (2 + 0.205) wide, a
     * path for each colour, in order; the triangle, and a circle with an
     * opacity, stay markers */
    has(out, "<g stroke-width='3.219' stroke-linecap='round'>\n"
             "<path color='#d55e00' d='M10 20h0m2.5-1h0'/>\n"
             "<path color='#0072b2' d='M13 18h0'/>\n</g>\n"
             "<use href='#s1-m0' x='14' y='18' color='#0072b2'/>\n"
             "<use href='#s1-m1' x='15' y='18' color='#0072b2' opacity='0.5'/>\n</g>");
    has(out, "<use id='s1-m0' href='#s1-gpPt7' transform='scale(1.46)'/>");
    /* a marker's own geometry is not rounded */
    has(out, "d='M0,-1.33 L-1.33,0.67 L1.33,0.67 z'/>");
    has(out, "<polygon fill='#0072b2' fill-opacity='0.55' points='84.5 331.8 388.6 331.8 388.6 245'/>");
    has(out, "<path d='M1,1 C2,2 3,3 4,4'/>");     /* not understood: as it was */
    has(out, "<text transform=\"translate(51.35,355.98)\" fill=\"#333333\" "
             "font-size=\"13\" text-anchor=\"end\"> 0.5</text>");
    has(out, "<g><text><tspan font-size=\"10.4\" dy=\"3\">2</tspan></text></g>");
    CU_ASSERT_PTR_NULL(strstr(out, "butt"));
    CU_ASSERT_PTR_NULL(strstr(out, "miter"));
    CU_ASSERT_PTR_NULL(strstr(out, "rgb("));
    free(out);

    /* another cap or font somewhere: every one kept */
    char *svg = strdup(GNUPLOT_SVG), *at = strstr(svg, "\"butt\"");
    memcpy(at, "\"bevl\"", 6);
    at = strstr(svg, "\"DejaVu Sans\" >");
    memcpy(at, "\"DejaVu Mono\"", 13);
    out = inline_svg(svg);
    has(out, "style=\"min-width:504px\">");
    has(out, "<path fill=\"none\" stroke-linecap=\"bevl\" stroke='#555555'");
    has(out, "fill=\"#333333\" font-family=\"DejaVu Sans\" font-size=\"13\" text-anchor=\"end\">"
             "<tspan font-family=\"DejaVu Mono\"> 0.5</tspan></text>");
    has(out, "<text font-family=\"DejaVu Sans\"><tspan font-size=\"10.4\" dy=\"3\">2</tspan></text>");
    CU_ASSERT_PTR_NULL(strstr(out, "miter"));     /* the joins are all miters still */
    free(out);
    free(svg);

    /* a circle marker drawn otherwise than gnuplot 5.4 draws it: markers */
    svg = strdup(GNUPLOT_SVG);
    at = strstr(svg, "r='1'");
    at[3] = '2';
    out = inline_svg(svg);
    /* ... the two of one colour in a group that gives them the colour once,
     * the next (another colour) and the translucent one each on its own */
    has(out, "<g color='#d55e00'>\n<use href='#s1-m0' x='10' y='20'/>\n"
             "<use href='#s1-m0' x='12.5' y='19'/>\n</g>\n"
             "<use href='#s1-m0' x='13' y='18' color='#0072b2'/>\n"
             "<use href='#s1-m1' x='14' y='18' color='#0072b2'/>\n"
             "<use href='#s1-m0' x='15' y='18' color='#0072b2' opacity='0.5'/>");
    CU_ASSERT_PTR_NULL(strstr(out, "stroke-linecap='round'"));
    free(out);
    free(svg);
}

/* pandoc's MathML without what a page does not draw: the namespace, the
 * default display, the <semantics> wrapper and its TeX annotation; in the
 * contents too. */
static void test_typeset_math(void)
{
    struct fx f;
    setup(&f);
    testlib_write(f.root, "chapter.md", "# Bits $b$\n\nInline $x^2$ and\n\n$$y < 1$$\n\n"
                                        "Fences $\\left(\\frac{a}{b}\\right)\\,c$ and $t\\in[0, 1)$ and "
                                        "$\\left(\\right)$\n");
    char *out, *err;
    CU_ASSERT_EQUAL(typeset(&f, 0, 0, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    has(out, "<li><a href=\"#bits-b\"><span class=\"toc-section-number\">1</span> Bits\n"
             "<math><mi>b</mi></math></a></li>");
    has(out, "<span class=\"header-section-number\">1</span> Bits\n<math><mi>b</mi></math></h1>");
    has(out, "Inline\n<math><msup><mi>x</mi><mn>2</mn></msup></math>\nand");
    /* the <mrow> around a whole formula left out, not one inside it */
    has(out, "<math display=\"block\" tabindex=\"0\"><mi>y</mi><mo>&lt;</mo><mn>1</mn></math>");
    /* a stretchy fence first and last of its <mrow> bare, an empty
     * <mspace> closed in its tag; a parenthesis that must not stretch, and
     * a fence alone in its <mrow>, keep their attributes */
    has(out, "<math><mrow><mo>(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac><mo>)</mo></mrow>"
             "<mspace width=\"0.167em\"/><mi>c</mi></math>");
    has(out, "<mo stretchy=\"false\" form=\"prefix\">[</mo><mn>0</mn><mo>,</mo><mn>1</mn>"
             "<mo stretchy=\"false\" form=\"postfix\">)</mo>");
    has(out, "<math><mo stretchy=\"true\" form=\"prefix\">(</mo>"
             "<mo stretchy=\"true\" form=\"postfix\">)</mo></math>");
    CU_ASSERT_PTR_NULL(strstr(out, "<mspace width=\"0.167em\"></mspace>"));
    CU_ASSERT_PTR_NULL(strstr(out, "annotation"));
    CU_ASSERT_PTR_NULL(strstr(out, "semantics"));
    CU_ASSERT_PTR_NULL(strstr(out, "display=\"inline\""));
    CU_ASSERT_PTR_NULL(strstr(out, "Math/MathML"));
    free(out);
    free(err);
    testlib_rmtree(f.root);
    free(f.root);
}

/* pandoc's table cells' alignments as classes, a left one (a cell's own)
 * as nothing; the rows' parity classes left out. */
static void test_typeset_table(void)
{
    struct fx f;
    setup(&f);
    testlib_write(f.root, "chapter.md", "# T\n\n| a | b | c |\n|:--|--:|:-:|\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n\n"
                  "::: {.claims}\n| d | e |\n|:--|--:|\n| 7 | 8 |\n:::\n\n| f | g |\n|--:|--:|\n| 9 | 0 |\n");
    char *out, *err;
    CU_ASSERT_EQUAL(typeset(&f, 0, 0, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    has(out, "<th scope=\"col\" class=\"al\">a</th>\n<th scope=\"col\" class=\"ar\">b</th>\n"
             "<th scope=\"col\" class=\"ac\">c</th>");
    has(out, "<tr>\n<td>1</td>\n<td class=\"ar\">2</td>\n<td class=\"ac\">3</td>\n</tr>\n<tr>\n<td>4</td>");
    /* a claims table's cells: aligned by report.css, no class; the next
     * table's again */
    has(out, "<tr>\n<td>7</td>\n<td>8</td>\n</tr>");
    has(out, "<tr>\n<td class=\"ar\">9</td>\n<td class=\"ar\">0</td>\n</tr>");
    CU_ASSERT_PTR_NULL(strstr(out, "text-align"));
    CU_ASSERT_PTR_NULL(strstr(out, "class=\"odd\""));
    CU_ASSERT_PTR_NULL(strstr(out, "class=\"even\""));
    free(out);
    free(err);
    testlib_rmtree(f.root);
    free(f.root);
}

/* A title block from the front matter; an unnumbered heading stays so. */
static void test_typeset_report(void)
{
    struct fx f;
    setup(&f);
    char *out, *err;
    CU_ASSERT_EQUAL(typeset(&f, 0, 1, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    has(out, "<title>A Book</title>");
    has(out, "<header id=\"title-block-header\">\n<h1 class=\"title\">A Book</h1>\n"
             "<p class=\"subtitle\">with &lt;tags&gt; &amp; more</p>\n</header>");
    has(out, "<h1 id=\"about\" class=\"unnumbered\">About</h1>");
    has(out, "<li><a href=\"#about\">About</a></li>\n<li><a href=\"#entropy\">"
             "<span class=\"toc-section-number\">1</span> Entropy</a>");
    CU_ASSERT_PTR_NULL(strstr(out, "title: A Book"));
    free(out);
    free(err);
    testlib_rmtree(f.root);
    free(f.root);
}


/* A link into another chapter's page stays in the page when that chapter
 * is part of it (the report), and goes to the page when it is not. */
static void test_typeset_chapter_links(void)
{
    struct fx f;
    setup(&f);
    char a[4200], b[4200], amd[4300], bmd[4300];
    snprintf(a, sizeof a, "%s/01-a", f.root);
    snprintf(b, sizeof b, "%s/02-b", f.root);
    mkdir(a, 0777);
    mkdir(b, 0777);
    testlib_write(a, "chapter.md", "# A {#ch:01}\n\nSee [equation (2.1)]"
                  "(../02-b/chapter.html#eq:02-y), [chapter 9](../09-z/chapter.html#ch:09) "
                  "and [there](../02-b/other.html#x).\n");
    testlib_write(b, "chapter.md", "# B {#ch:02}\n\ntext\n");
    snprintf(amd, sizeof amd, "%s/chapter.md", a);
    snprintf(bmd, sizeof bmd, "%s/chapter.md", b);
    struct book_typeset o = {.pandoc = f.pandoc, .cache_dir = f.cache,
                             .resource_dir = f.root, .pagetitle = "P", .lang = "en"};
    for (int both = 0; both < 2; both++) {
        const char *md[] = {amd, bmd};
        char *out, *err;
        size_t on = 0, en = 0;
        FILE *o_ = open_memstream(&out, &on), *e = open_memstream(&err, &en);
        CU_ASSERT_EQUAL(book_typeset(&o, md, both ? 2 : 1, o_, e), 0);
        fclose(o_);
        fclose(e);
        CU_ASSERT_STRING_EQUAL(err, "");
        has(out, both ? "<a href=\"#eq:02-y\">equation (2.1)</a>"
                      : "<a href=\"../02-b/chapter.html#eq:02-y\">equation");
        has(out, "href=\"../09-z/chapter.html#ch:09\"");
        has(out, "href=\"../02-b/other.html#x\"");
        free(out);
        free(err);
    }
    testlib_rmtree(f.root);
    free(f.root);
}

/* The one converted section in the cache (a page of one section). */
static char *only_fragment(const struct fx *f)
{
    DIR *d = opendir(f->cache);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    char *text = NULL;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".html") == 0) {
            n++;
            free(text);
            text = testlib_read(f->cache, e->d_name);
        }
    }
    closedir(d);
    CU_ASSERT_EQUAL(n, 1);
    return text;
}

/* ```sh and ```{.kl-run} go to pandoc in a form it highlights without
 * searching all its syntaxes (typeset.c), and come out as pandoc writes
 * them: the section's fragment is byte for byte pandoc's own conversion,
 * with code-block ids 1 to 120 on both sides of where pandoc breaks the
 * <pre> tag of ```sh, in a div and not, and kl-run lines past 72 columns. */
static void test_typeset_fast_fences(void)
{
    struct fx f;
    setup(&f);
    char *md = NULL;
    size_t mdn = 0;
    FILE *m = open_memstream(&md, &mdn);
    fputs("Some text.\n\n```c\nint x;\n```\n\n", m);
    for (int i = 1; i <= 40; i++)
        fprintf(m, "```sh\nmake chapter-01 SET='N=%d'\n```\n\n"
                   "::: {.try}\n```sh\nmake chapter-02 SET='A=1 B=%d'\n```\n:::\n\n"
                   "```{.kl-run}\n$ kl entropy 0.5,0.5 \"<&>\" 'x', a line past the "
                   "seventy-second column %d\n1\n```\n\n", i, i, i);
    fclose(m);
    testlib_write(f.root, "chapter.md", md);
    char *out, *err;
    CU_ASSERT_EQUAL(typeset(&f, 0, 0, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    CU_ASSERT_EQUAL(runs(&f), 1);
    CU_ASSERT_PTR_NULL(strstr(out, "kl-sh"));
    CU_ASSERT_PTR_NULL(strstr(out, "title=\"kl-run\""));
    has(out, "<pre class=\"kl-run\"><code>$ kl entropy 0.5,0.5 &quot;&lt;&amp;&gt;&quot; &#39;x&#39;");
    char *fragment = only_fragment(&f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fragment);
    /* both sides of the break (pandoc's ids: kl-run blocks count too) */
    has(fragment, "id=\"cb9\"><pre class=\"sourceCode sh\"><code class=\"sourceCode bash\">");
    has(fragment, "id=\"cb11\"><pre\nclass=\"sourceCode sh\"><code class=\"sourceCode bash\">");
    char cmd[8600];
    snprintf(cmd, sizeof cmd, "pandoc --from markdown --to html5 --mathml --highlight-style tango "
                              "-o '%s/direct.html' '%s/chapter.md'", f.root, f.root);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    char *direct = testlib_read(f.root, "direct.html");
    CU_ASSERT_PTR_NOT_NULL_FATAL(direct);
    CU_ASSERT_STRING_EQUAL(fragment, direct);
    free(fragment);
    free(direct);
    free(out);
    free(err);

    /* fences in an HTML comment stay as they are (pandoc passes the comment
     * on); the fence after it is rewritten, and the whole is pandoc's own */
    testlib_write(f.root, "chapter.md", "Text.\n\n<!-- one -->\n\n<!--\n```sh\nls\n```\n"
                  "-->\n\n```sh\nls -l\n```\n\n```{.kl-run}\n$ kl\n```\n");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f.cache);
    CU_ASSERT_EQUAL(system(cmd), 0);
    CU_ASSERT_EQUAL(typeset(&f, 0, 0, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    fragment = only_fragment(&f);
    snprintf(cmd, sizeof cmd, "pandoc --from markdown --to html5 --mathml --highlight-style tango "
                              "-o '%s/direct.html' '%s/chapter.md'", f.root, f.root);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    direct = testlib_read(f.root, "direct.html");
    CU_ASSERT_PTR_NOT_NULL_FATAL(direct);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fragment);
    CU_ASSERT_STRING_EQUAL(fragment, direct);
    has(fragment, "<!--\n```sh\nls\n```\n-->");
    free(fragment);
    free(direct);
    free(out);
    free(err);

    /* a section that holds a fast form's marker itself goes as it is */
    testlib_write(f.root, "chapter.md", "A kl-sh.\n\n```sh\nls\n```\n");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f.cache);
    CU_ASSERT_EQUAL(system(cmd), 0);
    CU_ASSERT_EQUAL(typeset(&f, 0, 0, &out, &err), 0);
    has(out, "<pre class=\"sourceCode sh\"><code class=\"sourceCode bash\">");
    free(out);
    free(err);

    /* a pandoc that writes the fast form otherwise: an error, no fragment */
    testlib_write(f.root, "pandoc",
                  "#!/bin/sh\nfor a; do [ \"$prev\" = -o ] && out=$a; prev=$a; done\n"
                  "pandoc \"$@\" && sed -i 's/ kl-sh//' \"$out\"\n");
    testlib_write(f.root, "chapter.md", "# New\n\n```sh\nls -l\n```\n");
    char *e2;
    CU_ASSERT(typeset(&f, 0, 0, &out, &e2) > 0);
    has(e2, "did not write the fast forms");
    free(out);
    free(e2);
    free(md);
    testlib_rmtree(f.root);
    free(f.root);
}

static void expect_failure(struct fx *f, const char *want)
{
    char *out, *err;
    CU_ASSERT(typeset(f, 0, 0, &out, &err) > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
    if (strstr(err, want) == NULL)
        fprintf(stderr, "\n    wanted '%s' in '%s'\n", want, err);
    free(out);
    free(err);
}

static void test_typeset_errors(void)
{
    struct fx f;
    setup(&f);
    char path[4200];
    snprintf(path, sizeof path, "%s/ch/fig-a.svg", f.root);
    remove(path);
    expect_failure(&f, "cannot read the image");
    testlib_write(f.root, "ch/fig-a.svg", SVG);
    snprintf(path, sizeof path, "%s/ch/m.explorer.json", f.root);
    remove(path);
    expect_failure(&f, "cannot read the explorer data");
    testlib_write(f.root, "x.js", "a = '</script>';\n");
    testlib_write(f.root, "ch/m.explorer.json", "{}\n");
    expect_failure(&f, "a script may not hold");
    testlib_write(f.root, "x.js", "var x = 1;\n");
    testlib_write(f.root, "theme.js", "s = '</SCRIPT>';\n");   /* HTML ends it too */
    expect_failure(&f, "a script may not hold");
    testlib_write(f.root, "pandoc", "#!/bin/sh\nexit 3\n");
    testlib_write(f.root, "chapter.md", "# New\n");
    expect_failure(&f, "pandoc failed on");
    snprintf(path, sizeof path, "%s/chapter.md", f.root);
    remove(path);
    expect_failure(&f, "cannot read");
    testlib_rmtree(f.root);
    free(f.root);
}

TEST_SUITE(typeset,
           TEST(test_typeset_page),
           TEST(test_typeset_svg_shortened),
           TEST(test_typeset_math),
           TEST(test_typeset_table),
           TEST(test_typeset_report),
           TEST(test_typeset_chapter_links),
           TEST(test_typeset_fast_fences),
           TEST(test_typeset_errors))
