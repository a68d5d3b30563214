# annotate - build, test, install.
#
#   make              build ./annotate
#   make run          install missing dependencies, build, annotate corpus/
#   make check        build and run every test: as built, without SSE2 (and
#                     compared), under ASan+UBSan, under valgrind
#   make check-plain  the tests once, as built: the quick loop while working
#   make bench        throughput and memory benchmark (tests/bench/)
#   make eval         score on the seeds and every development set in ../shared/dev
#   make train        learn src/rules/tagger/weights.tsv and meta/lowercase.txt from the
#                     training sets in ../shared
#   make fuzz         run the fuzz targets for FUZZ_SECONDS each (tests/fuzz/)
#   make install      PREFIX=/usr/local DESTDIR=

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
BUILD   ?= build
CC      ?= cc
# -O2: -O3 was measured against it on this round's code, the two builds
# run side by side, one a core, 60 times over 1,000 bench documents, twice:
# median CPU ratios 1.000 and 0.993 (2.4% fewer instructions): not kept.
CFLAGS  ?= -O2 -g
PKGS     = libxml-2.0 libpcre2-8 libcjson
WARN     = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS  = $(WARN) -Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
LIBS        = $(PKG_LIBS) -lpthread -lm

SRC     := $(sort $(wildcard src/*.c))
OBJ     := $(SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/rules_data.o $(BUILD)/tagger_data.o \
           $(BUILD)/rules_compiled.o
LIBOBJ  := $(filter-out $(BUILD)/main.o,$(OBJ))
TOOLOBJ := $(filter-out $(BUILD)/rules_compiled.o,$(LIBOBJ))
RULES   := $(sort $(shell find src/rules -type f ! -name '*~' 2>/dev/null))
EMBED   := $(filter-out src/rules/tagger/%,$(RULES))
TESTSRC := $(sort $(wildcard tests/test_*.c))
TESTBIN := $(TESTSRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: FORCE all run check check-plain check-asan check-valgrind deps deps-test \
        install uninstall clean bench eval fuzz tests train

all: annotate

annotate: $(BUILD)/annotate
	@if [ "$(BUILD)" = build ]; then cp $(BUILD)/annotate annotate.tmp && mv -f annotate.tmp annotate; fi

$(BUILD)/annotate: $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LIBS)

# The flags an object was compiled with: a change of CFLAGS (or of the
# build's other flags) recompiles everything, as a change of a header does.
FLAGS := $(BUILD)/flags
$(FLAGS): FORCE | $(BUILD)
	@echo '$(ALL_CFLAGS)' | cmp -s - $@ || echo '$(ALL_CFLAGS)' > $@

$(BUILD)/%.o: src/%.c $(wildcard include/*.h src/*.h) $(FLAGS) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The rule files become one C array; the tool is built for the host.
$(BUILD)/embed: src/tools/embed.c | $(BUILD)
	$(CC) -std=c11 -Wall -Wextra -Werror -O1 -o $@ $<

$(BUILD)/rules_data.c: $(BUILD)/embed $(EMBED) Makefile
	$(BUILD)/embed src/rules/ $(EMBED) > $@.tmp && mv $@.tmp $@

$(BUILD)/rules_data.o: $(BUILD)/rules_data.c $(FLAGS)
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

# The tagger's model is not embedded as text but compiled into its ready
# table, by the program's own loader built for the host.
TABLE_SRC = src/tools/tagger_table.c src/tagger_model.c src/util.c src/utf8.c
$(BUILD)/tagger_table: $(TABLE_SRC) src/tagger.h include/ann.h | $(BUILD)
	$(CC) $(WARN) -Iinclude -Isrc -O1 -o $@ $(TABLE_SRC)

$(BUILD)/tagger_data.c: $(BUILD)/tagger_table src/rules/tagger/weights.tsv
	$(BUILD)/tagger_table src/rules/tagger/weights.tsv > $@.tmp && mv $@.tmp $@

$(BUILD)/tagger_data.o: $(BUILD)/tagger_data.c $(FLAGS)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The built-in rules loaded at build time into ready tables (src/image.h),
# by a tool linked with the program's loaders.
$(BUILD)/compile_rules: src/tools/compile_rules.c $(TOOLOBJ) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(TOOLOBJ) $(LIBS)

$(BUILD)/rules_compiled.c: $(BUILD)/compile_rules
	$(BUILD)/compile_rules > $@.tmp && mv $@.tmp $@

$(BUILD)/rules_compiled.o: $(BUILD)/rules_compiled.c $(FLAGS)
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)/tests

tests: $(TESTBIN)

$(BUILD)/tests/%: tests/%.c tests/test.h $(wildcard tests/*.h) $(LIBOBJ) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(LIBOBJ) $(LIBS)

# Dependencies: installed with apt-get when run as root, else named.
deps:
	@sh src/tools/deps.sh build

deps-test:
	@sh src/tools/deps.sh test

run: deps
	$(MAKE) annotate
	./annotate corpus/*.txt > $(BUILD)/corpus.jsonl; s=$$?; \
	  echo "annotate: wrote $(BUILD)/corpus.jsonl ($$(wc -l < $(BUILD)/corpus.jsonl) documents)"; \
	  if [ -f ../shared/eval/score.py ] && [ -f ../shared/gold/seeds.jsonl ]; then \
	    python3 ../shared/eval/score.py ../shared/gold/seeds.jsonl $(BUILD)/corpus.jsonl; fi; \
	  exit $$s

# Every test four times: as built, without SSE2, under ASan+UBSan, under valgrind.
check: deps-test
	@$(MAKE) --no-print-directory annotate tests
	@$(MAKE) --no-print-directory BUILD=build-asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  build-asan/annotate tests
	@$(MAKE) --no-print-directory BUILD=build-plain CFLAGS="-O2 -g -DANN_NO_SSE2" \
	  build-plain/annotate tests
	@sh tests/run.sh build build-asan build-plain

check-plain: annotate tests
	@sh tests/run.sh build

bench: annotate
	@sh tests/bench/bench.sh

eval: annotate $(BUILD)/train_tagger $(BUILD)/lowercase_words
	@TRAIN_TAGGER=$(BUILD)/train_tagger TRAIN_SETS='$(TRAIN_SETS)' \
	    LOWERCASE_WORDS=$(BUILD)/lowercase_words WORD_SETS='$(WORD_SETS)' sh tests/eval/eval.sh

# The name tagger's weights, from the CoNLL-2003 training split and the
# seeds (read three times an epoch: they are few); deterministic.  Not part
# of the build: the weights are committed, and CI has no ../shared.
SHARED      ?= ../shared
TRAIN_SETS  ?= $(SHARED)/dev/conll2003_train/docs $(SHARED)/dev/conll2003_train/gold.jsonl \
               $(SHARED)/seeds $(SHARED)/gold/seeds.jsonl:3
$(BUILD)/train_tagger: src/tools/train_tagger.c $(LIBOBJ) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBOBJ) $(LIBS)

# The words news writes in lower case (meta/lowercase.txt), from the texts
# of the training splits; deterministic, committed like the weights.
WORD_SETS   ?= $(SHARED)/dev/conll2003_train/docs $(SHARED)/dev/polnear_train/docs
$(BUILD)/lowercase_words: src/tools/lowercase_words.c $(LIBOBJ) | $(BUILD)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBOBJ) $(LIBS)

train: $(BUILD)/train_tagger $(BUILD)/lowercase_words
	@mkdir -p src/rules/tagger
	$(BUILD)/train_tagger -o src/rules/tagger/weights.tsv.tmp $(TRAIN_SETS)
	mv src/rules/tagger/weights.tsv.tmp src/rules/tagger/weights.tsv
	$(BUILD)/lowercase_words -o src/rules/meta/lowercase.txt.tmp $(WORD_SETS)
	mv src/rules/meta/lowercase.txt.tmp src/rules/meta/lowercase.txt

fuzz:
	@sh tests/fuzz/fuzz.sh

install: annotate
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 annotate $(DESTDIR)$(BINDIR)/annotate
	install -m 644 src/annotate.1 $(DESTDIR)$(MANDIR)/man1/annotate.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/annotate $(DESTDIR)$(MANDIR)/man1/annotate.1

clean:
	rm -rf build build-asan build-plain annotate
