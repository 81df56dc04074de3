/* suggest.h — "did you mean ...?" for the parsers of settings, log
 * specifications and fault specs: the nearest of a set of known words to
 * one that was not recognised, by edit distance. */
#ifndef LGS_SUGGEST_H
#define LGS_SUGGEST_H

#include <stddef.h>

/* The search for the word nearest to `word`: offer every candidate, then
 * read lgs__nearest_best(). Words longer than LGS__NEAREST_MAX never match. */
enum { LGS__NEAREST_MAX = 63 };

typedef struct lgs__nearest {
    const char *word;
    size_t len;
    const char *best; /* the nearest candidate so far (in copy), or NULL */
    unsigned dist;    /* its distance */
    char copy[LGS__NEAREST_MAX + 1];
} lgs__nearest;

/* Starts a search for the candidate nearest to word (not copied: it must
 * outlive the search). */
void lgs__nearest_init(lgs__nearest *n, const char *word);

/* Considers one candidate (copied when it is the nearest so far, so it may
 * live in a buffer the caller reuses). The comparison
 * ignores ASCII case and counts insertions, deletions, substitutions and
 * swaps of two neighbours, one edit each. */
void lgs__nearest_offer(lgs__nearest *n, const char *candidate);

/* The nearest candidate offered when it is near enough to be a typo of the
 * word (1 edit for words up to 4 characters, 2 up to 8, 3 beyond, and never
 * the whole word), else NULL. An exact match (ignoring case) is returned
 * too. */
const char *lgs__nearest_best(const lgs__nearest *n);

/* Writes "; did you mean \"BEST\"?" to buf when there is a near candidate,
 * else an empty string; returns buf. */
char *lgs__nearest_hint(const lgs__nearest *n, char *buf, size_t size);

#endif
