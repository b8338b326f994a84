# The KL Workbook — one non-recursive Makefile.
#
#   make              every chapter and output/report.html (the default)
#   make chapter-NN   one chapter: output/NN-slug/chapter.html
#   make check        unit tests and chapter programs under ASan/UBSan, every
#                     claim, the report
#   make test         the unit tests alone (TEST=name for one suite or test)
#   make bench        the benchmarks (tests/bench_*.c), reported as time ratios
#   make verify       print every chapter's claims table
#   make deps         install the Debian packages the workbook needs
#   make clean        empty output/
#
# V=1 shows the full commands.  A new folder chapters/NN-slug/ holding
# chapter.md and NN-slug.c joins the build and the report by itself.

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

PANDOC_FLAGS := --from markdown --to html5 --standalone --self-contained \
                --mathml --toc --toc-depth 2 --number-sections \
                --highlight-style tango --css src/book/report.css \
                --resource-path $(OUT) --metadata lang=en
REPORT_DEPS  := src/book/report.css src/book/front.md

DEBIAN_PACKAGES := gcc make pkg-config libgsl-dev libcunit1-dev gnuplot-nox \
                   pandoc fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

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
TESTS    := $(SAN)/bin/test-runner
SAN_KL   := $(SAN)/bin/kl
REPORT   := $(OUT)/report.html

.DELETE_ON_ERROR:
.SECONDEXPANSION:
.SUFFIXES:
.PRECIOUS: %/
.SECONDARY:
.PHONY: all check test bench verify deps clean $(addprefix chapter-,$(foreach c,$(CHAPTERS),$(firstword $(subst -, ,$(c)))))

all: $(KL) $(REPORT)

%/:
	$(Q)mkdir -p $@

# --- objects: the normal build and the sanitised build (tests) ---------------
$(OBJ)/%.o: %.c | $$(@D)/
	$(call need-lib,gsl,libgsl-dev)
	$(call msg,CC,$<)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(SAN)/obj/%.o: %.c | $$(@D)/
	$(call need-lib,gsl,libgsl-dev)
	$(call need-lib,cunit,libcunit1-dev)
	$(call msg,CC-SAN,$<)$(CC) $(ALL_CFLAGS) $(SANFLAGS) -c $< -o $@

$(LIBKL): $(KL_SRC:%.c=$(OBJ)/%.o) | $$(@D)/
	$(call msg,AR,$@)rm -f $@ && $(AR) rcsD $@ $^

$(LIBBOOK): $(BOOK_SRC:%.c=$(OBJ)/%.o) | $$(@D)/
	$(call msg,AR,$@)rm -f $@ && $(AR) rcsD $@ $^

$(KL): $(CLI_SRC:%.c=$(OBJ)/%.o) $(LIBKL) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(WEAVE): $(OBJ)/src/book/weave_main.o $(LIBBOOK) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(SAN_KL): $(CLI_SRC:%.c=$(SAN)/obj/%.o) $(KL_SRC:%.c=$(SAN)/obj/%.o) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(TESTS): $(TEST_SRC:%.c=$(SAN)/obj/%.o) $(KL_SRC:%.c=$(SAN)/obj/%.o) \
          $(BOOK_SRC:%.c=$(SAN)/obj/%.o) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $^ -lcunit $(LDLIBS)

# --- chapters ----------------------------------------------------------------
# For chapter $(1) = NN-slug: build its program, run it (values, claims, data,
# figure scripts), draw its figures, weave its prose and typeset its page.
# Editing chapter.md re-weaves and re-typesets; it never reruns the program.
define chapter_rules
$(BIN)/$(1): $(OBJ)/chapters/$(1)/$(1).o $(LIBBOOK) $(LIBKL) | $$$$(@D)/
	$$(call msg,LINK,$$@)$$(CC) $$(CFLAGS) -o $$@ $$^ $$(LDLIBS)

$(OUT)/$(1)/values.tsv: $(BIN)/$(1) | $(OUT)/$(1)/
	$$(call msg,RUN,$(1))$(BIN)/$(1) $(OUT)/$(1)

$(OUT)/$(1)/figures.stamp: $(OUT)/$(1)/values.tsv
	$$(call need,gnuplot,gnuplot-nox)
	$$(call msg,GNUPLOT,$(1))cd $(OUT)/$(1) && while read -r gp; do \
	    gnuplot "$$$$gp" 2> "$$$$gp.log"; status=$$$$?; \
	    grep -v 'frames in animation sequence' "$$$$gp.log" >&2; rm -f "$$$$gp.log"; \
	    [ $$$$status = 0 ] || { rm -f "$$$${gp%.gp}.svg" "$$$${gp%.gp}.gif"; \
	    echo "make: gnuplot failed on $(OUT)/$(1)/$$$$gp" >&2; exit 1; }; \
	done < figures.list && touch figures.stamp

$(OUT)/$(1)/chapter.md: chapters/$(1)/chapter.md $(OUT)/$(1)/values.tsv $(WEAVE) $(wildcard chapters/$(1)/*.c chapters/$(1)/*.h)
	$$(call msg,WEAVE,$(1))$(WEAVE) chapters/$(1) $(OUT)/$(1) $$@

$(OUT)/$(1)/chapter.html: $(OUT)/$(1)/chapter.md $(OUT)/$(1)/figures.stamp $(REPORT_DEPS)
	$$(call need,pandoc,pandoc)
	$$(call msg,PANDOC,$$@)pandoc $(PANDOC_FLAGS) \
	    --number-offset $(shell expr $(firstword $(subst -, ,$(1))) - 1) \
	    --metadata pagetitle="The KL Workbook — chapter $(firstword $(subst -, ,$(1)))" \
	    -o $$@ $(OUT)/$(1)/chapter.md

chapter-$(firstword $(subst -, ,$(1))): $(OUT)/$(1)/chapter.html

# The same program under ASan/UBSan, run by `make check` in a folder of its own.
$(SAN)/bin/$(1): $(SAN)/obj/chapters/$(1)/$(1).o $(BOOK_SRC:%.c=$(SAN)/obj/%.o) $(KL_SRC:%.c=$(SAN)/obj/%.o) | $$$$(@D)/
	$$(call msg,LINK,$$@)$$(CC) $$(CFLAGS) $$(SANFLAGS) -o $$@ $$^ $$(LDLIBS)

$(SAN)/run/$(1)/values.tsv: $(SAN)/bin/$(1) | $(SAN)/run/$(1)/
	$$(call msg,RUN-SAN,$(1))$(SAN)/bin/$(1) $(SAN)/run/$(1)
endef
$(foreach c,$(CHAPTERS),$(eval $(call chapter_rules,$(c))))

CHAPTER_MD    := $(foreach c,$(CHAPTERS),$(OUT)/$(c)/chapter.md)
CHAPTER_HTML  := $(foreach c,$(CHAPTERS),$(OUT)/$(c)/chapter.html)
CHAPTER_FIGS  := $(foreach c,$(CHAPTERS),$(OUT)/$(c)/figures.stamp)

$(REPORT): $(CHAPTER_MD) $(CHAPTER_FIGS) $(CHAPTER_HTML) $(REPORT_DEPS)
	$(call need,pandoc,pandoc)
	$(call msg,PANDOC,$@)pandoc $(PANDOC_FLAGS) -o $@ src/book/front.md $(CHAPTER_MD)

# --- checks ------------------------------------------------------------------
SAN_RUNS := $(foreach c,$(CHAPTERS),$(SAN)/run/$(c)/values.tsv)

check: all $(TESTS) $(SAN_KL) $(SAN_RUNS)
	$(call msg,TEST,$(TESTS))KL_BIN=$(SAN_KL) $(TESTS)
	$(call msg,VERIFY,claims)$(WEAVE) --claims $(addprefix $(OUT)/,$(CHAPTERS)) >/dev/null

# Unit tests alone; TEST=name runs one suite or test (TEST=test_discrete).
test: $(TESTS) $(SAN_KL)
	$(call msg,TEST,$(TESTS) $(TEST))KL_BIN=$(SAN_KL) $(TESTS) $(TEST)

# Benchmarks: tests/bench_*.c, each reporting time ratios (see the files).
BENCHES := $(BENCH_SRC:tests/%.c=$(BIN)/%)
$(BIN)/bench_%: $(OBJ)/tests/bench_%.o $(LIBKL) | $$(@D)/
	$(call msg,LINK,$@)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

bench: $(BENCHES)
	$(Q)for b in $(BENCHES); do echo "$$b"; $$b || exit 1; done

verify: $(CHAPTER_MD)
	$(Q)$(WEAVE) --claims $(addprefix $(OUT)/,$(CHAPTERS))

deps:
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(DEBIAN_PACKAGES)

clean:
	rm -rf $(OUT)/*

-include $(shell find $(OUT)/build -name '*.d' 2>/dev/null)
