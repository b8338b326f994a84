#include "wordfreq.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct document {
    size_t *counts; /* over the first nwords words of the vocabulary */
    size_t nwords;  /* vocabulary size when the document was closed */
    size_t length;  /* words in the document, with repeats */
};

/* The tokenizer's state between two pieces of a document being streamed. */
enum scan { OUT, IN, JOIN }; /* between words, in a word, after a joiner */

struct kl_wordfreq {
    char **words;   /* the vocabulary, in order of first occurrence */
    size_t nwords, capwords;
    size_t *slots;  /* open-addressing hash table: word index + 1, 0 empty */
    size_t capslots;            /* a power of two, > 2 nwords */
    struct document *docs;
    size_t ndocs, capdocs;
    /* the document being streamed (kl_wordfreq_open .. _close) */
    int open;
    size_t *counts, capcounts;  /* its counts, over the first capcounts words */
    size_t length;
    enum scan scan;
    char joiner;                /* the ' or - held back in state JOIN */
    char *word;                 /* the folded word being read */
    size_t wlen, wcap;
};

/* -- splitting ------------------------------------------------------------- */

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

static void fold(char *dst, const char *src, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        dst[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    dst[len] = 0;
}

/* -- the vocabulary: a hash table of word indices ------------------------- */

/* FNV-1a, 64 bits (Fowler, Noll, Vo). */
static uint64_t hash(const char *w, size_t len)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)w[i];
        h *= 1099511628211u;
    }
    return h;
}

/* The slot holding W, or the empty slot where it would go. */
static size_t *find_slot(size_t *slots, size_t cap, char *const *words,
                         const char *w, size_t len)
{
    size_t i = (size_t)hash(w, len) & (cap - 1);
    for (;;) {
        size_t k = slots[i];
        if (k == 0 || (strncmp(words[k - 1], w, len) == 0 &&
                       words[k - 1][len] == 0))
            return &slots[i];
        i = (i + 1) & (cap - 1);
    }
}

static enum kl_status grow_table(struct kl_wordfreq *wf)
{
    size_t cap = wf->capslots ? 2 * wf->capslots : 64;
    size_t *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return KL_ENOMEM;
    for (size_t k = 0; k < wf->nwords; k++)
        *find_slot(slots, cap, wf->words, wf->words[k],
                   strlen(wf->words[k])) = k + 1;
    free(wf->slots);
    wf->slots = slots;
    wf->capslots = cap;
    return KL_OK;
}

/* Writes the index of the folded word W (LEN bytes) to INDEX, adding it to
 * the vocabulary if it is new. */
static enum kl_status intern(struct kl_wordfreq *wf, const char *w, size_t len,
                             size_t *index)
{
    if (2 * (wf->nwords + 1) >= wf->capslots && grow_table(wf) != KL_OK)
        return KL_ENOMEM;
    size_t *slot = find_slot(wf->slots, wf->capslots, wf->words, w, len);
    if (*slot) {
        *index = *slot - 1;
        return KL_OK;
    }
    if (wf->nwords == wf->capwords) {
        size_t cap = wf->capwords ? 2 * wf->capwords : 16;
        char **words = realloc(wf->words, cap * sizeof *words);
        if (words == NULL)
            return KL_ENOMEM;
        wf->words = words;
        wf->capwords = cap;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return KL_ENOMEM;
    memcpy(copy, w, len + 1);
    wf->words[wf->nwords] = copy;
    *slot = ++wf->nwords;
    *index = *slot - 1;
    return KL_OK;
}

/* -- streaming: a document in pieces -------------------------------------- */

/* Appends byte C, folded, to the word being read. */
static enum kl_status word_push(struct kl_wordfreq *wf, char c)
{
    if (wf->wlen + 1 >= wf->wcap) {
        size_t cap = wf->wcap ? 2 * wf->wcap : 64;
        char *w = realloc(wf->word, cap);
        if (w == NULL)
            return KL_ENOMEM;
        wf->word = w;
        wf->wcap = cap;
    }
    wf->word[wf->wlen++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    return KL_OK;
}

/* Counts the word just read in the open document and starts a new one. */
static enum kl_status word_end(struct kl_wordfreq *wf)
{
    size_t k;
    wf->word[wf->wlen] = 0;
    enum kl_status st = intern(wf, wf->word, wf->wlen, &k);
    if (st != KL_OK)
        return st;
    if (k >= wf->capcounts) {
        size_t cap = wf->capcounts ? 2 * wf->capcounts : 64;
        while (cap <= k)
            cap *= 2;
        size_t *c = realloc(wf->counts, cap * sizeof *c);
        if (c == NULL)
            return KL_ENOMEM;
        memset(c + wf->capcounts, 0, (cap - wf->capcounts) * sizeof *c);
        wf->counts = c;
        wf->capcounts = cap;
    }
    wf->counts[k]++;
    wf->length++;
    wf->wlen = 0;
    return KL_OK;
}

/* Drops the open document (its words stay in the vocabulary). */
static void discard(struct kl_wordfreq *wf)
{
    free(wf->counts);
    wf->counts = NULL;
    wf->capcounts = 0;
    wf->open = 0;
}

enum kl_status kl_wordfreq_open(struct kl_wordfreq *wf)
{
    if (wf == NULL || wf->open)
        return KL_EPARAM;
    if (wf->ndocs == wf->capdocs) {
        size_t cap = wf->capdocs ? 2 * wf->capdocs : 8;
        struct document *docs = realloc(wf->docs, cap * sizeof *docs);
        if (docs == NULL)
            return KL_ENOMEM;
        wf->docs = docs;
        wf->capdocs = cap;
    }
    wf->open = 1;
    wf->counts = NULL;
    wf->capcounts = 0;
    wf->length = 0;
    wf->scan = OUT;
    wf->wlen = 0;
    return KL_OK;
}

/* The splitting rule of wordfreq.h as a machine of three states, so that a
 * word, or a joiner, may straddle two pieces: OUT between words, IN inside
 * one, JOIN after an apostrophe or hyphen that belongs to the word only if a
 * word byte follows. */
enum kl_status kl_wordfreq_feed(struct kl_wordfreq *wf, const char *text,
                                size_t len)
{
    if (wf == NULL || !wf->open || (text == NULL && len > 0))
        return KL_EPARAM;
    enum kl_status st = KL_OK;
    for (size_t i = 0; i < len && st == KL_OK; i++) {
        unsigned char c = (unsigned char)text[i];
        int w = is_word_byte(c);
        switch (wf->scan) {
        case OUT:
            if (w) {
                st = word_push(wf, (char)c);
                wf->scan = IN;
            }
            break;
        case IN:
            if (w) {
                st = word_push(wf, (char)c);
            } else if (c == '\'' || c == '-') {
                wf->joiner = (char)c;
                wf->scan = JOIN;
            } else {
                st = word_end(wf);
                wf->scan = OUT;
            }
            break;
        case JOIN:
            if (w) {
                if ((st = word_push(wf, wf->joiner)) == KL_OK)
                    st = word_push(wf, (char)c);
                wf->scan = IN;
            } else {
                /* the joiner only separates; C, not a word byte, too */
                st = word_end(wf);
                wf->scan = OUT;
            }
            break;
        }
    }
    if (st != KL_OK)
        discard(wf);
    return st;
}

enum kl_status kl_wordfreq_close(struct kl_wordfreq *wf, size_t *doc)
{
    if (wf == NULL || !wf->open)
        return KL_EPARAM;
    enum kl_status st = KL_OK;
    if (wf->scan != OUT)
        st = word_end(wf);
    if (st == KL_OK && wf->length == 0)
        st = KL_EEMPTY;
    if (st != KL_OK) {
        discard(wf);
        return st;
    }
    /* the counts over exactly the vocabulary so far */
    size_t n = wf->nwords;
    size_t *c = realloc(wf->counts, (n ? n : 1) * sizeof *c);
    if (c == NULL) {
        discard(wf);
        return KL_ENOMEM;
    }
    for (size_t i = wf->capcounts; i < n; i++)
        c[i] = 0;
    wf->docs[wf->ndocs] = (struct document){c, n, wf->length};
    if (doc)
        *doc = wf->ndocs;
    wf->ndocs++;
    wf->counts = NULL;
    wf->capcounts = 0;
    wf->open = 0;
    return KL_OK;
}

/* -- public functions ------------------------------------------------------ */

struct kl_wordfreq *kl_wordfreq_alloc(void)
{
    return calloc(1, sizeof(struct kl_wordfreq));
}

void kl_wordfreq_free(struct kl_wordfreq *wf)
{
    if (wf == NULL)
        return;
    for (size_t k = 0; k < wf->nwords; k++)
        free(wf->words[k]);
    for (size_t d = 0; d < wf->ndocs; d++)
        free(wf->docs[d].counts);
    free(wf->words);
    free(wf->slots);
    free(wf->docs);
    free(wf->counts);
    free(wf->word);
    free(wf);
}

enum kl_status kl_wordfreq_add(struct kl_wordfreq *wf, const char *text,
                               size_t *doc)
{
    if (wf == NULL || text == NULL || wf->open)
        return KL_EPARAM;
    enum kl_status st = kl_wordfreq_open(wf);
    if (st == KL_OK && (st = kl_wordfreq_feed(wf, text, strlen(text))) == KL_OK)
        st = kl_wordfreq_close(wf, doc);
    return st;
}
size_t kl_wordfreq_size(const struct kl_wordfreq *wf)
{
    return wf ? wf->nwords : 0;
}

size_t kl_wordfreq_documents(const struct kl_wordfreq *wf)
{
    return wf ? wf->ndocs : 0;
}

const char *kl_wordfreq_word(const struct kl_wordfreq *wf, size_t i)
{
    return (wf && i < wf->nwords) ? wf->words[i] : NULL;
}

enum kl_status kl_wordfreq_index(const struct kl_wordfreq *wf, const char *word,
                                 size_t *index)
{
    if (wf == NULL || word == NULL || wf->nwords == 0)
        return KL_EPARAM;
    size_t len = strlen(word);
    char *w = malloc(len + 1);
    if (w == NULL)
        return KL_ENOMEM;
    fold(w, word, len);
    size_t k = *find_slot(wf->slots, wf->capslots, wf->words, w, len);
    free(w);
    if (k == 0)
        return KL_EPARAM;
    *index = k - 1;
    return KL_OK;
}

size_t kl_wordfreq_length(const struct kl_wordfreq *wf, size_t doc)
{
    return (wf && doc < wf->ndocs) ? wf->docs[doc].length : 0;
}

enum kl_status kl_wordfreq_counts(const struct kl_wordfreq *wf, size_t doc,
                                  double *counts, size_t n)
{
    if (wf == NULL || doc >= wf->ndocs || n != wf->nwords || counts == NULL)
        return KL_EPARAM;
    const struct document *d = &wf->docs[doc];
    for (size_t i = 0; i < n; i++)
        counts[i] = i < d->nwords ? (double)d->counts[i] : 0.0;
    return KL_OK;
}
