/* wordfreq.h — word counts of documents over a shared vocabulary.
 *
 * To compare two documents as probability distributions, both must be
 * vectors over the same words.  A struct kl_wordfreq holds a vocabulary,
 * which grows as documents are added, and the counts of each document:
 *
 *     struct kl_wordfreq *wf = kl_wordfreq_alloc();
 *     size_t d1, d2;
 *     kl_wordfreq_add(wf, "apple banana apple", &d1);
 *     kl_wordfreq_add(wf, "apple cherry", &d2);
 *     size_t n = kl_wordfreq_size(wf);            // 3: apple, banana, cherry
 *     double c1[3], c2[3];
 *     kl_wordfreq_counts(wf, d1, c1, n);          // 2, 1, 0
 *     kl_wordfreq_counts(wf, d2, c2, n);          // 1, 0, 1
 *     kl_wordfreq_free(wf);
 *
 * Splitting: a word is a maximal run of word characters — ASCII letters and
 * digits, and every byte >= 0x80 (so UTF-8 letters stay inside words) — where
 * an apostrophe or a hyphen between two word characters also belongs to the
 * word ("don't", "well-kept").  Everything else (spaces, punctuation) only
 * separates.  ASCII letters are folded to lower case; other bytes are kept
 * as they are.  Words are numbered in the order of their first occurrence.
 *
 * A document too large to hold in memory streams through in pieces of any
 * size (a word or a joiner may straddle two pieces), in memory proportional
 * to the vocabulary, not to the text:
 *
 *     kl_wordfreq_open(wf);
 *     while ((n = fread(buf, 1, sizeof buf, f)) > 0)
 *         kl_wordfreq_feed(wf, buf, n);
 *     kl_wordfreq_close(wf, &d);
 *
 * kl_wordfreq_add(wf, text, &d) is the same for one NUL-terminated piece.
 * Bytes are split as bytes: checking that the text is UTF-8 is the
 * caller's business.
 */
#ifndef KL_WORDFREQ_H
#define KL_WORDFREQ_H

#include <stddef.h>
#include "status.h"

struct kl_wordfreq;

/* Returns a new, empty vocabulary with no documents, or NULL when out of
 * memory.  Free it with kl_wordfreq_free(). */
struct kl_wordfreq *kl_wordfreq_alloc(void);

/* Frees WF and every word and count it holds; kl_wordfreq_free(NULL) does
 * nothing. */
void kl_wordfreq_free(struct kl_wordfreq *wf);

/* Splits the NUL-terminated TEXT into words, adds the new ones to the
 * vocabulary and records the document's counts; writes its number (0, 1, ...
 * in the order of adding) to DOC, which may be NULL.  KL_EPARAM for a NULL
 * WF or TEXT or while a streamed document is open, KL_EEMPTY for a text
 * without words (nothing is changed),
 * KL_ENOMEM when out of memory (no document is added; words already added to
 * the vocabulary stay, with count 0 in every document). */
enum kl_status kl_wordfreq_add(struct kl_wordfreq *wf, const char *text,
                               size_t *doc);

/* Starts a new document, to be given in pieces with kl_wordfreq_feed() and
 * ended with kl_wordfreq_close().  KL_EPARAM for a NULL WF or when a
 * document is already open, KL_ENOMEM when out of memory. */
enum kl_status kl_wordfreq_open(struct kl_wordfreq *wf);

/* Splits the LEN bytes at TEXT (NUL bytes are separators like any other
 * non-word byte), continuing the words of the previous piece, and counts
 * them in the open document.  KL_EPARAM when no document is open;
 * KL_ENOMEM when out of memory, which also drops the open document (its
 * words stay in the vocabulary, with count 0 in every document). */
enum kl_status kl_wordfreq_feed(struct kl_wordfreq *wf, const char *text,
                                size_t len);

/* Ends the open document, records its counts and writes its number to DOC
 * (which may be NULL).  KL_EPARAM when no document is open; KL_EEMPTY for a
 * document without words and KL_ENOMEM when out of memory, both of which
 * drop the document.  After any of these, another may be opened. */
enum kl_status kl_wordfreq_close(struct kl_wordfreq *wf, size_t *doc);

/* The number of distinct words so far (the vocabulary size). */
size_t kl_wordfreq_size(const struct kl_wordfreq *wf);

/* The number of documents added. */
size_t kl_wordfreq_documents(const struct kl_wordfreq *wf);

/* Word I of the vocabulary (owned by WF, valid until it is freed), or NULL
 * when I >= kl_wordfreq_size(WF). */
const char *kl_wordfreq_word(const struct kl_wordfreq *wf, size_t i);

/* Writes to INDEX the number of WORD in the vocabulary (after folding ASCII
 * to lower case, as for documents).  KL_EPARAM when WORD is not in the
 * vocabulary (INDEX untouched). */
enum kl_status kl_wordfreq_index(const struct kl_wordfreq *wf, const char *word,
                                 size_t *index);

/* The number of words in document DOC (with repeats), or 0 for a document
 * that does not exist. */
size_t kl_wordfreq_length(const struct kl_wordfreq *wf, size_t doc);

/* Writes the counts of document DOC over the whole current vocabulary to
 * COUNTS[0..N), where N must equal kl_wordfreq_size(WF): COUNTS[i] is the
 * number of times word i occurs in DOC, 0 for words first seen in other
 * documents.  KL_EPARAM for a document that does not exist or a wrong N
 * (COUNTS untouched).  kl_discrete_normalize() or kl_smooth_additive() turn
 * the counts into probabilities. */
enum kl_status kl_wordfreq_counts(const struct kl_wordfreq *wf, size_t doc,
                                  double *counts, size_t n);

#endif
