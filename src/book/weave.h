/* weave.h — the weaver: turns a chapter's prose (chapters/NN-slug/chapter.md)
 * and the outputs of its program (values.tsv, claims.tsv, params.tsv) into
 * the Markdown that pandoc typesets.
 *
 * Directives in chapter.md:
 *   {{name}}             the value NAME from values.tsv
 *   @code FILE TAG       (alone on a line) the region of FILE, relative to the
 *                        chapter folder, between the lines holding the markers
 *                        / * >>> TAG * / and / * <<< TAG * / (without spaces
 *                        between slash and star), as a fenced C listing
 *   @code-fold FILE TAG  the same listing, folded under a summary ("Show the
 *                        code: TAG") that opens it on demand
 *   @claims              (alone on a line) the chapter's claims table
 *   @table FILE.tsv      (alone on a line) a data file the program wrote
 *                        with book_data, as a table: its column line is the
 *                        header, its rows the cells (Markdown allowed)
 *   @explorer NAME       (alone on a line) the interactive explorer whose
 *                        data the program wrote as NAME.explorer.json
 *                        (src/book/explorer.h), drawn by src/book/explorer.js
 *                        (a placeholder div naming the file, which the
 *                        typesetter fills, typeset.h)
 *                        beside the static figure before it
 *   @params              (alone on a line) the table of the chapter's
 *                        parameters, as the run used them (params.tsv)
 *   @try NAME=VALUE ...  an exercise that changes parameters: shows the
 *                        command `make chapter-NN SET='NAME=VALUE ...'`;
 *                        `make try` builds it and requires every claim
 *   @try-fails "TEXT" NAME=VALUE ...
 *                        the same, for a variant whose point is that the
 *                        build stops: `make try` requires it to fail with
 *                        TEXT in what it prints
 *   @solution ... @end-solution   (each alone on a line) an exercise's
 *                        worked solution, folded under "Solution"
 *   @kl ARGS             (alone on a line) runs the calculator given to
 *                        book_weave_set_kl with the words of ARGS (split at
 *                        spaces, "double quotes" group), in OUT_DIR, and
 *                        shows "$ kl ARGS" and its output; it must succeed
 *   @kl-fails ARGS       the same, for a command kl must refuse: exit
 *                        status 2 and one "kl: " line on standard error
 *   ![Caption](fig-x.svg){#fig:x}   a figure; it is numbered "Figure N.K"
 *   @fig:x               a reference to figure x ("Figure N.K", linked)
 *   $$ {#eq:x}           (closing a display equation opened by a line
 *                        starting with $$, or "$$ ... $$ {#eq:x}" on one
 *                        line) a numbered equation: a span.equation with
 *                        the id eq:NN-x and its number "(N.K)" at the right
 *   ## Title {#sec:x}    a section with the id sec:NN-x
 *   @exercise [{#ex:x}] TEXT
 *                        "Exercise N.K" (numbered in order, id ex:NN-x or
 *                        ex:NN-K) and TEXT
 *   @eq:x @sec:x @ex:x @ch:NN (@Eq: @Sec: @Ch: capitalised)
 *                        references: "equation (N.K)", "section N.K",
 *                        "Exercise N.K", "chapter N", linked; a label of
 *                        chapter NN is NN-x (@eq:03-jensen), a chapter
 *                        @ch:NN or @ch:SLUG.  The labels of the other
 *                        chapters (the folders NN-slug beside CHAPTER_DIR)
 *                        are read from their indexes (book_weave_set_labels,
 *                        book_weave_labels) or their chapter.md, numbered as
 *                        the typesetter numbers headings; a link into one
 *                        goes to ../NN-slug/chapter.html#ID (typeset.h
 *                        keeps it in the page when that chapter is in it)
 *   [text]{.define}, [text]{.define term="TERM"}
 *                        a defined term (id def:NN-term), which the glossary
 *                        (book_weave_glossary) lists
 *
 * Errors, each reported as "FILE:LINE: message" on ERR: an unknown value, a
 * missing file or tag, a tag in the chapter's own source (NN-slug.c) that no
 * @code shows, unbalanced markers, an unknown figure reference, a figure
 * script (chapters/NN-slug/fig-*.gp) that the prose never shows, an image
 * with no figure script, a @solution never closed (or nested, or an
 * @end-solution without one), a @kl that fails or a @kl-fails that does
 * not, explorer data that no @explorer shows (or that
 * cannot be read), a @try word that is not a declared parameter, an
 * unknown equation, section, exercise or chapter reference, a label
 * defined twice, a term defined twice (here or in another chapter), a
 * malformed label, and a hand-numbered "**Exercise N.K**".
 */
#ifndef BOOK_WEAVE_H
#define BOOK_WEAVE_H

#include <stdio.h>

/* Weaves CHAPTER_DIR/chapter.md with the files in OUT_DIR into OUT.  Image
 * paths are written relative to OUT_DIR's parent (as "NN-slug/fig-x.svg"),
 * so pandoc finds them with --resource-path set to that folder.  Returns the
 * number of errors reported on ERR (0 on success); OUT is complete only when
 * the result is 0. */
int book_weave(const char *chapter_dir, const char *out_dir, FILE *out,
               FILE *err);

/* The calculator that @kl and @kl-fails run (a path, absolute or relative
 * to the working folder); without it they are errors. */
void book_weave_set_kl(const char *path);

/* Where the other chapters' labels come from: DIR/NN-slug.tsv, the index
 * book_weave_labels wrote for each chapter folder NN-slug beside the one
 * woven (or, for the glossary, in CHAPTERS_DIR); NULL (the default) reads
 * their chapter.md instead.  A missing or malformed index is an error. */
void book_weave_set_labels(const char *dir);

/* Writes the label index of CHAPTER_DIR/chapter.md on OUT: what the other
 * chapters need to refer to it and the glossary to list its terms (every
 * figure, equation, section, exercise, the chapter's heading and its terms,
 * with their ids, numbers and sections), one a line, without line numbers,
 * so that prose edits leave it as it was.  The chapter's own errors are not
 * reported here (weaving it reports them).  Returns the number of errors
 * reported on ERR (an unreadable chapter.md, a folder not named NN-slug). */
int book_weave_labels(const char *chapter_dir, FILE *out, FILE *err);

/* Writes the index of CHAPTER_DIR into PATH only if it differs from what
 * PATH holds: through PATH.tmp, renamed over PATH, or removed leaving PATH
 * (and its time stamp) untouched.  Returns 1 if PATH was written, 0 if it
 * was already up to date, -1 on an error (reported on ERR, PATH as it was). */
int book_weave_labels_file(const char *chapter_dir, const char *path, FILE *err);

/* Renames TMP over PATH if their contents differ (or PATH is missing),
 * else removes TMP: 1 renamed, 0 removed, -1 on an error (errno set). */
int book_replace_if_changed(const char *tmp, const char *path);

/* Prints the @try variants of CHAPTER_DIR/chapter.md on OUT, one a line:
 * the NAME=VALUE words, a tab, and the text a failing variant must print
 * (empty for one that must build).  Returns the number of malformed
 * directives (reported on ERR). */
int book_weave_tries(const char *chapter_dir, FILE *out, FILE *err);

/* Writes the book's glossary as Markdown on OUT: a "# Glossary" section
 * listing every term the chapters (the folders NN-slug of CHAPTERS_DIR)
 * define with [TERM]{.define}, sorted without regard to case, each linked to
 * its definition (#def:NN-term) and naming its section (the terms are read
 * from the indexes if book_weave_set_labels named their folder, and a term
 * defined twice is then looked up in the sources).  Returns the number
 * of errors reported on ERR: a term defined twice (FILE:LINE of both), or
 * no term at all. */
int book_weave_glossary(const char *chapters_dir, FILE *out, FILE *err);

/* Prints the claims table of OUT_DIR/claims.tsv as plain text on OUT, one
 * line a claim.  Returns the number of claims that do not hold, or -1 if the
 * file cannot be read (reported on ERR). */
int book_print_claims(const char *out_dir, FILE *out, FILE *err);

#endif
