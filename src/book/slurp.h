/* slurp.h — whole files as strings, for the weaver and the typesetter. */
#ifndef BOOK_SLURP_H
#define BOOK_SLURP_H

#include <stdio.h>

/* Reads F from where it stands to its end: the text, NUL-terminated (a NUL
 * inside it is kept; *LEN, if LEN is not NULL, says how long it is), or
 * NULL on a read error.  Out of memory ends the program with a message. */
char *book_slurp(FILE *f, size_t *len);

/* The whole of the file PATH, as book_slurp reads it, or NULL if it cannot
 * be opened or read. */
char *book_read_file(const char *path, size_t *len);

#endif
