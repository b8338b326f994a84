# The KL Workbook — one non-recursive Makefile.
#
#   make              every chapter and output/report.html (the default)
#   make chapter-NN   one chapter: output/NN-slug/chapter.html
#                     (SET='NAME=VALUE ...' overrides its params for one build,
#                     into output/variants/)
#   make check        unit tests and chapter programs under ASan/UBSan, every
#                     claim, the report, the explorers, the printed book
#   make test         the unit tests alone (TEST=name for one suite or test)
#   make bench        the benchmarks (tests/bench_*.c), reported as time ratios
#   make bench-build  where a regeneration of the book spends its time (REPS=5;
#                     BASE=COMMIT measures that commit beside it, for the ratios)
#   make try          build every "@try" variant of the prose, as promised
#   make sweep        random parameter settings per chapter (N=20)
#   make verify       print every chapter's claims table
#   make pdf          the whole book, print-ready: output/report.pdf (A4;
#                     PAPER=letter for US Letter)
#   make pdf-check    read output/report.pdf back with poppler and check it
#   make a11y         axe-core (WCAG 2.1 A and AA) over the report and every page
#   make fuzz         libFuzzer on the calculator's parsers (FUZZ_S=60 s each)
#   make mutants      each defect of tests/mutants/ must fail a test or claim
#   make deps         install the Debian packages the workbook needs
#   make clean        empty output/
#
# V=1 shows the full commands.  A new folder chapters/NN-slug/ holding
# chapter.md, NN-slug.c, params and fig-*.gp joins the build and the report
# by itself.

OUT     ?= output
BUILD   := $(OUT)/build
BIN     := $(BUILD)/bin
OBJ     := $(BUILD)/obj
SAN     := $(BUILD)/san

CC      ?= cc
AR      ?= ar
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Werror
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
# Deferred (=) so that `make deps all` works on a machine without GSL yet.
GSL_CFLAGS = $(shell pkg-config --cflags gsl 2>/dev/null)
GSL_LIBS   = $(shell pkg-config --libs gsl 2>/dev/null || echo -lgsl -lgslcblas -lm)
ALL_CFLAGS = $(WARN) $(CFLAGS) -Isrc $(GSL_CFLAGS) -MMD -MP
LDLIBS     = $(GSL_LIBS) -lm

# Pages are typeset by src/book/typeset.c: pandoc converts each section of
# a chapter once (cached in $(TYPESET_CACHE) under a hash of its text), and
# the page is assembled from the fragments with figures, styles and script
# inline.  pandoc's own style sheet for its output (code highlighting, math)
# is taken from pandoc once, into $(PANDOC_CSS).
TYPESET_CACHE := $(BUILD)/typeset
PANDOC_CSS    := $(BUILD)/pandoc.css
REPORT_DEPS   = src/book/report.css src/book/print.css src/book/front.md $(PANDOC_CSS) $(TYPESET) $(THEME_JS)
TYPESET_FLAGS = --cache $(TYPESET_CACHE) --css $(PANDOC_CSS) --css src/book/report.css \
                --css src/book/print.css --script $(EXPLORER_JS) --head-script $(THEME_JS)
# The colour theme (light, dark, or the system's; src/book/theme.js), in
# every page's <head>, so that the page is drawn in it from the start.
THEME_JS      := src/book/theme.js
# The explorers' script (src/book/explorer.js), one copy a page, in every
# page that has an explorer (an @explorer in its chapter.md).
EXPLORER_JS   := src/book/explorer.js

DEBIAN_PACKAGES := gcc make time pkg-config libgsl-dev libcunit1-dev gnuplot-nox gifsicle \
                   pandoc fonts-dejavu-core clang libclang-rt-14-dev patch \
                   chromium nodejs poppler-utils
CHROMIUM ?= chromium
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

ifeq ($(V),1)
Q :=
msg :=
else
Q := @
msg = @printf '  %-8s %s\n' '$(1)' '$(2)';
endif

# A missing tool or library is named with the Debian package that provides it.
need = @command -v $(1) >/dev/null 2>&1 || { echo "make: $(1) not found; install the Debian package $(2) (make deps)" >&2; exit 1; }
need-lib = @pkg-config --exists $(1) 2>/dev/null || { echo "make: the $(1) library (pkg-config $(1)) was not found; install the Debian packages pkg-config $(2) (make deps)" >&2; exit 1; }

KL_SRC   := $(sort $(wildcard src/kl/*.c))
BOOK_SRC := $(sort $(filter-out %_main.c,$(wildcard src/book/*.c)))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c) tests/runner.c)
BENCH_SRC := $(sort $(wildcard tests/bench_*.c))
CHAPTERS := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard chapters/*/chapter.md)))))

LIBKL    := $(BUILD)/libkl.a
LIBBOOK  := $(BUILD)/libbook.a
KL       := $(BIN)/kl
WEAVE    := $(BIN)/weave
TYPESET  := $(BIN)/typeset
PARAMS   := $(BIN)/params
TESTS    := $(SAN)/bin/test-runner
SAN_KL   := $(SAN)/bin/kl
REPORT   := $(OUT)/report.html

.DELETE_ON_ERROR:
.SECONDEXPANSION:
.SUFFIXES:
.PRECIOUS: %/
.SECONDARY:
.PHONY: all check test bench bench-build verify deps clean try sweep mutants browser pdf pdf-check a11y \
        $(addprefix chapter-,$(foreach c,$(CHAPTERS),$(firstword $(subst -, ,$(c))))) \
        $(addprefix variant-,$(foreach c,$(CHAPTERS),$(firstword $(subst -, ,$(c)))))

# The experiments start first, the longest first (CPU seconds measured by
# `make bench-build`, issue 18: 04 2.8, 06 1.5, 03 1.3, 05 0.9, 08 0.5),
# so that with make -j2 the two cores are not left, near the end, with one
# long experiment and nothing else to do; figures, prose and pages follow
# in chapter order.  A chapter missing from the list starts after those in it.
LONGEST_FIRST := 04-mle 06-vae-kl 03-jensen 05-gaussian-kl 08-mutual-information
EXPERIMENTS   := $(foreach c,$(filter $(CHAPTERS),$(LONGEST_FIRST)) \
                   $(filter-out $(LONGEST_FIRST),$(CHAPTERS)),$(OUT)/$(c)/values.tsv)

all: $(KL) $(EXPERIMENTS) $(REPORT)

# The tools the build runs read and write UTF-8 (pandoc decodes its arguments
# by the locale; gnuplot its labels), whatever the caller's locale.
export LC_ALL := C.UTF-8

%/:
	$(Q)mkdir -p $@

# --- objects: the normal build and the sanitised build (tests) ---------------
$(OBJ)/%.o: %.c | $$(@D)/
	$(call need,$(CC),gcc)
	$(call need-lib,gsl,libgsl-dev)
	$(call msg,CC,$<)$(CC) $(ALL_CFLAGS) -MT $@ -MF $(@:.o=.d) -c $< -o $@.tmp && mv $@.tmp $@

$(SAN)/obj/%.o: %.c | $$(@D)/
	$(call need-lib,gsl,libgsl-dev)
	$(call need-lib,cunit,libcunit1-dev)
	$(call msg,CC-SAN,$<)$(CC) $(ALL_CFLAGS) $(SANFLAGS) -MT $@ -MF $(@:.o=.d) -c $< -o $@.tmp && mv $@.tmp $@

$(LIBKL): $(KL_SRC:%.c=$(OBJ)/%.o) | $$(@D)/
	$(call msg,AR,$@)rm -f $@.tmp && $(AR) rcsD $@.tmp $^ && mv $@.tmp $@

$(LIBBOOK): $(BOOK_SRC:%.c=$(OBJ)/%.o) | $$(@D)/
	$(call msg,AR,$@)rm -f $@.tmp && $(AR) rcsD $@.tmp $^ && mv $@.tmp $@

$(KL): $(CLI_SRC:%.c=$(OBJ)/%.o) $(LIBKL) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) -o $@.tmp $^ $(LDLIBS) && mv $@.tmp $@

$(WEAVE): $(OBJ)/src/book/weave_main.o $(LIBBOOK) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) -o $@.tmp $^ $(LDLIBS) && mv $@.tmp $@

$(TYPESET): $(OBJ)/src/book/typeset_main.o $(LIBBOOK) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) -o $@.tmp $^ $(LDLIBS) && mv $@.tmp $@

$(PARAMS): $(OBJ)/src/book/params_main.o $(LIBBOOK) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) -o $@.tmp $^ $(LDLIBS) && mv $@.tmp $@

$(SAN_KL): $(CLI_SRC:%.c=$(SAN)/obj/%.o) $(KL_SRC:%.c=$(SAN)/obj/%.o) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) $(SANFLAGS) -o $@.tmp $^ $(LDLIBS) && mv $@.tmp $@

$(TESTS): $(TEST_SRC:%.c=$(SAN)/obj/%.o) $(KL_SRC:%.c=$(SAN)/obj/%.o) \
          $(BOOK_SRC:%.c=$(SAN)/obj/%.o) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) $(SANFLAGS) -o $@.tmp $^ -lcunit $(LDLIBS) && mv $@.tmp $@

# --- chapters ----------------------------------------------------------------
# For chapter $(1) = NN-slug, built into the folder $(2)/$(1) with the
# parameter words held by the variable named $(3): build its program, run it
# (values, claims, data), draw its figures from chapters/$(1)/fig-*.gp, weave
# its prose and typeset its page.  Editing chapter.md re-weaves and
# re-typesets it (and the chapters that refer to it, if its labels changed),
# editing a fig-*.gp redraws, editing params reruns the program.
HOUSE_GP := src/book/house.gp
# A chapter refers to the others' sections, equations, exercises and figures
# (@sec:NN-name...).  Their labels come from one small index a chapter,
# $(LABELS)/NN-slug.tsv (weave --labels), which the weaver rewrites only when
# the labels change: a woven chapter depends on its own chapter.md and on the
# other chapters' indexes, so that a prose edit re-weaves its chapter alone,
# and a renumbered equation or a new label every chapter.  The index's stamp
# records that it was brought up to date (its recipe then runs once an edit).
LABELS := $(BUILD)/labels
CHAPTER_LABELS := $(foreach c,$(CHAPTERS),$(LABELS)/$(c).tsv)
chapter_figs = $(sort $(wildcard chapters/$(1)/fig-*.gp))
# The number of chapters before chapter NN-slug (NN - 1), counted by make
# itself: a shell a chapter at every start of make costs a prose edit's
# rebuild more than its weaving.
NUMBERS := $(patsubst 0%,%,$(foreach a,0 1 2 3 4 5 6 7 8 9,$(foreach b,0 1 2 3 4 5 6 7 8 9,$(a)$(b))))
chapter_offset = $(word $(patsubst 0%,%,$(firstword $(subst -, ,$(1)))),$(NUMBERS))

$(LABELS)/%.stamp: chapters/%/chapter.md $(WEAVE) | $(LABELS)/
	$(call msg,LABELS,$(LABELS)/$*.tsv)$(WEAVE) --labels chapters/$* $(LABELS)/$*.tsv && touch $@

# (remade from the stamp: written only if lost)
$(LABELS)/%.tsv: $(LABELS)/%.stamp
	$(if $(wildcard $@),,$(WEAVE) --labels chapters/$* $@)

# The list of chapters, rewritten only when a chapter folder comes or goes,
# so that removing one rebuilds the report without it, and re-weaves the
# chapters that referred to it.
CHAPTER_LIST := $(BUILD)/chapters.list
$(shell mkdir -p $(BUILD) && { [ "$$(cat $(CHAPTER_LIST) 2>/dev/null)" = "$(CHAPTERS)" ] || echo "$(CHAPTERS)" > $(CHAPTER_LIST); })

define chapter_rules
# (the folder made by the recipe, not as a prerequisite: make -j2 would
# make every chapter's folder first, and then start the experiments in
# another order than the longest first)
$(2)/$(1)/values.tsv: $(BIN)/$(1) chapters/$(1)/params
	$$(call msg,RUN,$(2)/$(1))mkdir -p $(2)/$(1) && $(BIN)/$(1) --params chapters/$(1)/params $(2)/$(1) $$($(3))

$(2)/$(1)/figures.stamp: $(2)/$(1)/values.tsv $(call chapter_figs,$(1)) $(HOUSE_GP) src/book/figures.sh
	$$(call need,gnuplot,gnuplot-nox)
	$$(call need,gifsicle,gifsicle)
	$$(call msg,GNUPLOT,$(2)/$(1))cp $(HOUSE_GP) $(call chapter_figs,$(1)) $(2)/$(1)/ && \
	sh src/book/figures.sh $(1) $(2)/$(1) $(notdir $(call chapter_figs,$(1))) && touch $(2)/$(1)/figures.stamp

$(2)/$(1)/chapter.md: chapters/$(1)/chapter.md $(filter-out $(LABELS)/$(1).tsv,$(CHAPTER_LABELS)) $(CHAPTER_LIST) $(2)/$(1)/values.tsv $(WEAVE) $(KL) $(wildcard chapters/$(1)/*.c chapters/$(1)/*.h) $(call chapter_figs,$(1))
	$$(call msg,WEAVE,$(2)/$(1))$(WEAVE) --kl $(KL) --labels-dir $(LABELS) chapters/$(1) $(2)/$(1) $$@

$(2)/$(1)/chapter.html: $(2)/$(1)/chapter.md $(2)/$(1)/figures.stamp $(REPORT_DEPS) $(EXPLORER_JS)
	$$(call need,pandoc,pandoc)
	$$(call msg,TYPESET,$$@)$(TYPESET) $(TYPESET_FLAGS) --resources $(2) \
	    --offset $(call chapter_offset,$(1)) \
	    --title "The KL Workbook — chapter $(firstword $(subst -, ,$(1)))" \
	    -o $$@ $(2)/$(1)/chapter.md
endef

define chapter_program
$(BIN)/$(1): $(OBJ)/chapters/$(1)/$(1).o $(LIBBOOK) $(LIBKL) | $$$$(@D)/
	$$(call msg,LINK,$$@)$$(CC) $$(CFLAGS) -o $$@.tmp $$^ $$(LDLIBS) && mv $$@.tmp $$@

# The same program under ASan/UBSan, run by `make check` in a folder of its own.
$(SAN)/bin/$(1): $(SAN)/obj/chapters/$(1)/$(1).o $(BOOK_SRC:%.c=$(SAN)/obj/%.o) $(KL_SRC:%.c=$(SAN)/obj/%.o) | $$$$(@D)/
	$$(call msg,LINK,$$@)$$(CC) $$(CFLAGS) $$(SANFLAGS) -o $$@.tmp $$^ $$(LDLIBS) && mv $$@.tmp $$@

$(SAN)/run/$(1)/values.tsv: $(SAN)/bin/$(1) chapters/$(1)/params | $(SAN)/run/$(1)/
	$$(call msg,RUN-SAN,$(1))$(SAN)/bin/$(1) --params chapters/$(1)/params $(SAN)/run/$(1)
endef

chapter_number = $(firstword $(subst -, ,$(1)))
NOSET :=
$(foreach c,$(CHAPTERS),$(eval $(call chapter_program,$(c))))
$(foreach c,$(CHAPTERS),$(eval $(call chapter_rules,$(c),$(OUT),NOSET)))

# make chapter-NN SET='NAME=VALUE ...' builds a variant of chapter NN into a
# folder of its own, output/variants/<the words>/, and leaves the default
# book as it is.  VARIANT= names another folder (make try and sweep do).
ifeq ($(strip $(SET)),)
$(foreach c,$(CHAPTERS),$(eval chapter-$(call chapter_number,$(c)): $(OUT)/$(c)/chapter.html))
else
VARIANT ?= $(OUT)/variants/$(shell printf '%s' '$(strip $(SET))' | tr -s ' ' '+' | tr -c 'A-Za-z0-9._+-' '_')
$(foreach c,$(CHAPTERS),$(eval $(call chapter_rules,$(c),$(VARIANT),SET)))
$(foreach c,$(CHAPTERS),$(eval chapter-$(call chapter_number,$(c)): $(VARIANT)/$(c)/chapter.html ; @echo "  PAGE     $$<"))
$(foreach c,$(CHAPTERS),$(eval variant-$(call chapter_number,$(c)): $(VARIANT)/$(c)/chapter.md $(VARIANT)/$(c)/figures.stamp))
endif

CHAPTER_MD    := $(foreach c,$(CHAPTERS),$(OUT)/$(c)/chapter.md)
CHAPTER_HTML  := $(foreach c,$(CHAPTERS),$(OUT)/$(c)/chapter.html)
CHAPTER_FIGS  := $(foreach c,$(CHAPTERS),$(OUT)/$(c)/figures.stamp)
# The pages are typeset the longest first, as the experiments run, so that
# the last pages to be typeset, while the report waits for them, are short
# ones (pandoc's time follows a text's length; ls -S is one process).
PAGES_BY_SIZE := $(patsubst chapters/%/chapter.md,$(OUT)/%/chapter.html,\
                   $(shell ls -S $(CHAPTERS:%=chapters/%/chapter.md) 2>/dev/null))
PAGES_LONGEST_FIRST := $(filter $(CHAPTER_HTML),$(PAGES_BY_SIZE)) \
                       $(filter-out $(PAGES_BY_SIZE),$(CHAPTER_HTML))

# The report is assembled from the sections the chapter pages converted
# (it waits for them, and then costs no pandoc run of its own).
# Its last section is the glossary, the terms that the chapters define
# ([TERM]{.define}), written by the weaver from the chapters' label indexes
# when one of them changes, and rewritten only when its text changes (the
# stamp, as for the indexes).
GLOSSARY := $(BUILD)/glossary/glossary.md
$(GLOSSARY:.md=.stamp): $(CHAPTER_LABELS) $(WEAVE) $(CHAPTER_LIST) | $$(@D)/
	$(call msg,GLOSSARY,$(GLOSSARY))$(WEAVE) --labels-dir $(LABELS) --glossary chapters $(GLOSSARY) && touch $@

$(GLOSSARY): $(GLOSSARY:.md=.stamp)
	$(if $(wildcard $@),,$(WEAVE) --labels-dir $(LABELS) --glossary chapters $@)

$(REPORT): $(CHAPTER_MD) $(CHAPTER_FIGS) $(PAGES_LONGEST_FIRST) $(GLOSSARY) $(REPORT_DEPS) $(CHAPTER_LIST) $(EXPLORER_JS)
	$(call need,pandoc,pandoc)
	$(call msg,TYPESET,$@)$(TYPESET) $(TYPESET_FLAGS) --resources $(OUT) \
	    -o $@ src/book/front.md $(CHAPTER_MD) $(GLOSSARY)

# pandoc's style sheet for what it writes (highlighted code, maths), as its
# standalone template carries it.
$(PANDOC_CSS): | $$(@D)/
	$(call need,pandoc,pandoc)
	$(call msg,PANDOC,$@)printf '```c\nint x;\n```\n\n$$x$$\n' | \
	pandoc --from markdown --to html5 --standalone --mathml --highlight-style tango \
	    --metadata pagetitle=x | sed -n '/^  <style>$$/,/^  <\/style>$$/p' | sed '1d;$$d' > $@.tmp && \
	test -s $@.tmp && mv $@.tmp $@

# --- checks ------------------------------------------------------------------
SAN_RUNS := $(foreach c,$(CHAPTERS),$(SAN)/run/$(c)/values.tsv)

check: all $(TESTS) $(SAN_KL) $(SAN_RUNS)
	$(call msg,TEST,$(TESTS))KL_BIN=$(SAN_KL) $(TESTS)
	$(call msg,VERIFY,claims)$(WEAVE) --claims $(addprefix $(OUT)/,$(CHAPTERS)) >/dev/null
	$(Q)$(MAKE) --no-print-directory browser
	$(Q)$(MAKE) --no-print-directory pdf-check
	$(Q)$(MAKE) --no-print-directory a11y
	$(Q)$(MAKE) --no-print-directory try
	$(Q)$(MAKE) --no-print-directory sweep N=$(CHECK_SWEEP_N)
	$(Q)$(MAKE) --no-print-directory fuzz FUZZ_S=$(CHECK_FUZZ_S)
	$(Q)$(MAKE) --no-print-directory mutants

# The explorers of the built report and pages, driven in headless Chromium
# (tests/browser/explorers.js, node built-ins only): events in, readouts and
# drawings read back against the chapters' numbers and the `kl` calculator.
# Then every link of them resolves (tests/browser/links.js), and the colour
# theme holds (tests/browser/theme.js): dark and light, the toggle pressed
# and remembered, contrast of text and figures in both.
BROWSER_TEST := tests/browser/explorers.js
LINKS_TEST   := tests/browser/links.js
THEME_TEST   := tests/browser/theme.js
browser: $(REPORT) $(CHAPTER_HTML) $(KL)
	$(call need,node,nodejs)
	$(call need,$(CHROMIUM),chromium)
	$(call msg,BROWSER,$(BROWSER_TEST))CHROMIUM=$(CHROMIUM) node $(BROWSER_TEST) $(OUT) $(KL)
	$(call msg,LINKS,$(LINKS_TEST))CHROMIUM=$(CHROMIUM) node $(LINKS_TEST) $(OUT)
	$(call msg,THEME,$(THEME_TEST))CHROMIUM=$(CHROMIUM) node $(THEME_TEST) $(OUT)

# --- the printed book ----------------------------------------------------------
# make pdf: output/report.pdf, the report printed by headless Chromium
# through the DevTools protocol (src/book/print.js; print styles in
# src/book/print.css), twice: the first printing gives the page numbers of
# the contents and of the solutions' pointers, read back with pdftotext.
# It is printed into $(BUILD)/report-PAPER.pdf with its dates at 0, and
# copied to output/report.pdf with CreationDate and ModDate pinned to
# SOURCE_DATE_EPOCH (the last commit's time unless given), so that a rebuild
# gives the same bytes and a new commit only re-pins the dates.
PAPER ?= a4
PDF   := $(OUT)/report.pdf
PRINT_JS := src/book/print.js
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
PDF_STAMP := $(BUILD)/pdf.stamp
ifneq ($(filter a4 letter,$(PAPER)),$(PAPER))
$(error PAPER=$(PAPER): the paper is a4 or letter)
endif
# rewritten only when the paper or the date changes
$(shell mkdir -p $(BUILD) && { [ "$$(cat $(PDF_STAMP) 2>/dev/null)" = "$(PAPER) $(SOURCE_DATE_EPOCH)" ] || echo "$(PAPER) $(SOURCE_DATE_EPOCH)" > $(PDF_STAMP); })

pdf: $(PDF)

$(BUILD)/report-%.pdf: $(REPORT) $(PRINT_JS) tests/browser/cdp.js
	$(call need,node,nodejs)
	$(call need,$(CHROMIUM),chromium)
	$(call need,pdftotext,poppler-utils)
	$(call msg,PRINT,$@)CHROMIUM=$(CHROMIUM) node $(PRINT_JS) --paper $* --epoch 0 $(REPORT) $@

$(PDF): $(BUILD)/report-$(PAPER).pdf $(PDF_STAMP)
	$(call msg,PDF,$@ ($(PAPER)))node $(PRINT_JS) --pin --epoch $(SOURCE_DATE_EPOCH) $< $@

# The PDF read back with poppler (src/book/pdf-check.js): paper size, the
# title page, the contents and their page numbers, every chapter on a page
# of its own, a page number on every page, no "[object" and no more
# "undefined" or "NaN" than the report's own text has.
pdf-check: $(PDF)
	$(call need,pdfinfo,poppler-utils)
	$(call msg,PDFCHECK,$(PDF))node src/book/pdf-check.js --paper $(PAPER) $(PDF) $(REPORT)

# The accessibility engine axe-core (the npm package pinned in
# tests/browser/package.json, installed there by `make deps`) in headless
# Chromium over the report and every chapter page: any violation of WCAG 2.1
# A or AA fails (tests/browser/a11y.js).
A11Y_TEST := tests/browser/a11y.js
AXE_JS    := tests/browser/node_modules/axe-core/axe.min.js
a11y: $(REPORT) $(CHAPTER_HTML)
	$(call need,node,nodejs)
	$(call need,$(CHROMIUM),chromium)
	$(Q)test -f $(AXE_JS) || { echo "make: $(AXE_JS) not found; run make deps (npm ci in tests/browser)" >&2; exit 1; }
	$(call msg,A11Y,$(A11Y_TEST))CHROMIUM=$(CHROMIUM) node $(A11Y_TEST) $(OUT)

# ONLY=NN limits try and sweep to chapter NN.
PICKED := $(if $(ONLY),$(filter $(ONLY)-%,$(CHAPTERS)),$(CHAPTERS))

# Every "@try" of every chapter, built into output/variants/ (src/book/try.sh).
try: $(foreach c,$(PICKED),$(OUT)/$(c)/chapter.html)
	$(Q)sh src/book/try.sh $(WEAVE) "$(MAKE)" $(OUT) $(PICKED)

# N random settings per chapter from the declared ranges (src/book/sweep.sh):
# each must build with its claims holding, or be refused in one line.
N ?= 20
SWEEP_SEED ?= 1
CHECK_SWEEP_N ?= 2
CHECK_FUZZ_S ?= 5
sweep: $(PARAMS) $(WEAVE) $(foreach c,$(PICKED),$(BIN)/$(c))
	$(Q)sh src/book/sweep.sh $(PARAMS) "$(MAKE)" $(OUT) $(N) $(SWEEP_SEED) $(PICKED)

# Mutation test (tests/mutants/run.sh): every patch in tests/mutants/ is a
# small defect in src/kl/; each must fail a unit test or a claim.  The unit
# tests run without sanitizers there (in $(BUILD)/plain), to be quick.
# MUTANTS='NN-name ...' runs only those.
PLAIN := $(BUILD)/plain
mutants: $(foreach c,$(CHAPTERS),$(BIN)/$(c))
	$(Q)$(MAKE) --no-print-directory SAN=$(PLAIN) SANFLAGS= $(PLAIN)/bin/test-runner $(PLAIN)/bin/kl
	$(call msg,MUTANTS,tests/mutants)sh tests/mutants/run.sh "$(MAKE)" $(OUT) $(MUTANTS)

# Unit tests alone; TEST=name runs one suite or test (TEST=test_discrete).
test: $(TESTS) $(SAN_KL)
	$(call msg,TEST,$(TESTS) $(TEST))KL_BIN=$(SAN_KL) $(TESTS) $(TEST)

# Benchmarks: tests/bench_*.c, each reporting time ratios (see the files).
BENCHES := $(BENCH_SRC:tests/%.c=$(BIN)/%)
$(BIN)/bench_%: $(OBJ)/tests/bench_%.o $(LIBKL) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) -o $@.tmp $^ $(LDLIBS) && mv $@.tmp $@

# Where a regeneration of the book spends its time, against the design
# before (tests/bench/build.sh; REPS= runs, 5 by default; BASE=COMMIT
# measures that commit in the same run, else the recorded baseline is used).
bench-build:
	$(Q)BASE=$(BASE) sh tests/bench/build.sh $(REPS)

bench: $(BENCHES)
	$(Q)for b in $(BENCHES); do echo "$$b"; $$b || exit 1; done

verify: $(CHAPTER_MD)
	$(Q)$(WEAVE) --claims $(addprefix $(OUT)/,$(CHAPTERS))

# --- fuzz ----------------------------------------------------------------------
# make fuzz: clang's libFuzzer under ASan/UBSan on the list parser, the matrix
# parser and the whole command line (tests/fuzz/), FUZZ_S seconds each
# (default 60), checking the one-line-error contract as well as memory safety.
# A crash stops it with the input left in $(FUZZ)/crash-*; each target's log
# is $(FUZZ)/fuzz_NAME.log, the corpus it grew $(FUZZ)/corpus-NAME/.
# Not part of `make check`.
FUZZ       := $(BUILD)/fuzz
FUZZ_S     ?= 60
FUZZ_CC    ?= clang
FUZZ_NAMES := list matrix cli
FUZZ_FLAGS  = -std=c11 -Wall -Wextra -Werror -g -O1 -Isrc $(GSL_CFLAGS) \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
              -DKL_NO_MAIN
.PHONY: fuzz

$(FUZZ)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(CLI_SRC) $(KL_SRC) \
                $(wildcard src/cli/*.h src/kl/*.h) | $$(@D)/
	$(call need,$(FUZZ_CC),clang libclang-rt-14-dev)
	$(call msg,FUZZ-CC,$@)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@.tmp $< $(CLI_SRC) \
	    $(KL_SRC) $(LDLIBS) && mv $@.tmp $@

fuzz: $(FUZZ_NAMES:%=$(FUZZ)/fuzz_%)
	$(Q)for t in $(FUZZ_NAMES); do \
	    mkdir -p $(FUZZ)/corpus-$$t || exit 1; \
	    printf '  %-8s %s\n' FUZZ "fuzz_$$t, $(FUZZ_S) s"; \
	    dict=; [ $$t = cli ] && dict=-dict=tests/fuzz/kl.dict; \
	    $(FUZZ)/fuzz_$$t -max_total_time=$(FUZZ_S) -timeout=10 \
	        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$(FUZZ)/ \
	        $$dict $(FUZZ)/corpus-$$t tests/fuzz/corpus/$$t \
	        > $(FUZZ)/fuzz_$$t.log 2>&1 \
	    || { tail -n 40 $(FUZZ)/fuzz_$$t.log >&2; \
	         echo "make: fuzz_$$t failed (a crashing input is kept in $(FUZZ)/)" >&2; \
	         exit 1; }; \
	    grep -E '^#[0-9]+[[:space:]]+DONE|^Done' $(FUZZ)/fuzz_$$t.log \
	        | sed 's/^/           /'; \
	done

# npm is Debian's package, unless the nodejs installed brings its own; the
# browser tests' npm packages (axe-core) go to tests/browser/node_modules/.
deps:
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(DEBIAN_PACKAGES)
	command -v npm >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends npm
	cd tests/browser && npm ci --no-audit --no-fund

clean:
	rm -rf $(OUT)/*

-include $(shell find $(OUT)/build -name '*.d' 2>/dev/null)
