#include "wordfreq.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct document {
    size_t *counts; /* over the first nwords words of the vocabulary */
    size_t nwords;  /* vocabulary size when the document was added */
    size_t length;  /* words in the document, with repeats */
};

struct kl_wordfreq {
    char **words;   /* the vocabulary, in order of first occurrence */
    size_t nwords, capwords;
    size_t *slots;  /* open-addressing hash table: word index + 1, 0 empty */
    size_t capslots;            /* a power of two, > 2 nwords */
    struct document *docs;
    size_t ndocs, capdocs;
};

/* -- splitting ------------------------------------------------------------- */

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* An apostrophe or hyphen joins two word characters. */
static int is_joiner(const unsigned char *s)
{
    return (s[0] == '\'' || s[0] == '-') && is_word_byte(s[1]);
}

/* Finds the next word at or after *S: stores its start and length and moves
 * *S past it.  Returns 0 at the end of the text. */
static int next_word(const char **s, const char **start, size_t *len)
{
    const unsigned char *p = (const unsigned char *)*s;
    while (*p && !is_word_byte(*p))
        p++;
    if (*p == 0)
        return 0;
    const unsigned char *b = p;
    while (is_word_byte(*p) || (is_joiner(p) && p > b))
        p++;
    *start = (const char *)b;
    *len = (size_t)(p - b);
    *s = (const char *)p;
    return 1;
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
    free(wf);
}

enum kl_status kl_wordfreq_add(struct kl_wordfreq *wf, const char *text,
                               size_t *doc)
{
    if (wf == NULL || text == NULL)
        return KL_EPARAM;
    const char *s = text, *start;
    size_t len, nwords = 0;
    while (next_word(&s, &start, &len))
        nwords++;
    if (nwords == 0)
        return KL_EEMPTY;

    if (wf->ndocs == wf->capdocs) {
        size_t cap = wf->capdocs ? 2 * wf->capdocs : 8;
        struct document *docs = realloc(wf->docs, cap * sizeof *docs);
        if (docs == NULL)
            return KL_ENOMEM;
        wf->docs = docs;
        wf->capdocs = cap;
    }
    /* The index of every word, then the counts over the grown vocabulary. */
    size_t *index = malloc(nwords * sizeof *index);
    char *word = malloc(strlen(text) + 1);
    enum kl_status st = (index && word) ? KL_OK : KL_ENOMEM;
    s = text;
    for (size_t i = 0; st == KL_OK && next_word(&s, &start, &len); i++) {
        fold(word, start, len);
        st = intern(wf, word, len, &index[i]);
    }
    size_t *counts = NULL;
    if (st == KL_OK && (counts = calloc(wf->nwords, sizeof *counts)) == NULL)
        st = KL_ENOMEM;
    if (st == KL_OK) {
        for (size_t i = 0; i < nwords; i++)
            counts[index[i]]++;
        wf->docs[wf->ndocs] = (struct document){counts, wf->nwords, nwords};
        if (doc)
            *doc = wf->ndocs;
        wf->ndocs++;
    }
    free(index);
    free(word);
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
