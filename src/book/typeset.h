/* typeset.h — woven Markdown to one self-contained HTML page, fast.
 *
 * pandoc converts Markdown; this module makes it cheap to do often.  A
 * page's Markdown is cut into sections at its top-level headings ("# " and
 * "## " outside fences, divs and <details>); each section is converted by
 * pandoc once and kept in a cache under a hash of its text, so an edit to
 * one paragraph costs one small pandoc run, and the report, which holds
 * every chapter's sections, is assembled from fragments already made for
 * the chapter pages.  Every section missing from the cache is converted in
 * one pandoc run.
 *
 * Assembling a page does what pandoc's --standalone --self-contained
 * --toc --number-sections did: it numbers the headings ("1.2", with
 * NUMBER_OFFSET for a chapter page), writes the table of contents (two
 * levels), makes heading and code-block ids unique across sections, puts
 * the style sheets inline, and embeds each figure once: an SVG inline (its
 * own ids prefixed with the figure's, its <title> and aria-label the
 * image's alt text, role="img"), any other image as a data: URI.  An
 * explorer placeholder <div class="explorer" id="..." data-explorer="FILE">
 * gets FILE's JSON inline, and the page then carries SCRIPT.  A link to
 * another chapter's page, href="../FOLDER/chapter.html#ID" (the weaver's
 * references), becomes href="#ID" when FOLDER/chapter.md is one of the
 * page's Markdown files (the report holds every chapter).  HEAD_SCRIPT,
 * when given, goes into every page's <head> after the style sheets, as
 * <script id="kl-theme">.
 *
 * A Markdown file may open with a YAML block holding "title:" and
 * "subtitle:" (plain text), which become the page's title block.
 */
#ifndef BOOK_TYPESET_H
#define BOOK_TYPESET_H

#include <stdio.h>

struct book_typeset {
    const char *pandoc;        /* the pandoc program ("pandoc") */
    const char *cache_dir;     /* where converted sections are kept */
    const char *resource_dir;  /* image and explorer paths are relative to it */
    const char *css[4];        /* style sheets, inlined in this order */
    const char *script;        /* JavaScript for pages with an explorer, or NULL */
    const char *head_script;   /* JavaScript in every page's <head> (the colour
                                * theme: it sets <html data-theme> before the
                                * page is drawn), or NULL */
    const char *pagetitle;     /* the <title> when the Markdown has no title */
    const char *lang;          /* the page's language ("en") */
    int number_offset;         /* added to the first level of heading numbers */
};

/* Typesets the Markdown files MD[0..NMD-1], in order, as one page on OUT.
 * Returns 0, or the number of errors reported on ERR (a file that cannot
 * be read, pandoc failing, a missing image or explorer file). */
int book_typeset(const struct book_typeset *opts, const char *const *md,
                 int nmd, FILE *out, FILE *err);

#endif
