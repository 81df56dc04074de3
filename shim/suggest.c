/* suggest.c — the nearest known word to a misspelt one, for the "did you
 * mean" hints of the settings, log specification and fault spec parsers
 * (suggest.h). An optimal-string-alignment edit distance over ASCII-folded
 * text: a typo such as "stdrr", "debuger" or "treshold" is one or two edits
 * from the word meant. Words are short (keys, sink names, API and code
 * names), so the table of distances lives on the stack. */
#include <stdio.h>
#include <string.h>

#include "suggest.h"

static unsigned char fold(char c)
{
    return (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
    unsigned m = a < b ? a : b;
    return m < c ? m : c;
}

/* The distance between a[0..la) and b[0..lb), both at most LGS__NEAREST_MAX. */
static unsigned distance(const char *a, size_t la, const char *b, size_t lb)
{
    unsigned d[LGS__NEAREST_MAX + 1][LGS__NEAREST_MAX + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (unsigned)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            unsigned cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0u : 1u;
            d[i][j] = min3(d[i - 1][j] + 1u, d[i][j - 1] + 1u, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]) &&
                d[i - 2][j - 2] + 1u < d[i][j])
                d[i][j] = d[i - 2][j - 2] + 1u;
        }
    }
    return d[la][lb];
}

void lgs__nearest_init(lgs__nearest *n, const char *word)
{
    n->word = word != NULL ? word : "";
    n->len = strlen(n->word);
    n->best = NULL;
    n->dist = ~0u;
}

void lgs__nearest_offer(lgs__nearest *n, const char *candidate)
{
    if (candidate == NULL || n->len == 0 || n->len > LGS__NEAREST_MAX)
        return;
    size_t lc = strlen(candidate);
    if (lc == 0 || lc > LGS__NEAREST_MAX)
        return;
    /* The length difference alone is a lower bound: skip what cannot win. */
    size_t gap = lc > n->len ? lc - n->len : n->len - lc;
    if (gap >= n->dist || gap > 3)
        return;
    unsigned d = distance(n->word, n->len, candidate, lc);
    if (d < n->dist) {
        n->dist = d;
        memcpy(n->copy, candidate, lc + 1);
        n->best = n->copy;
    }
}

const char *lgs__nearest_best(const lgs__nearest *n)
{
    unsigned limit = n->len <= 4 ? 1u : n->len <= 8 ? 2u : 3u;
    if (n->best == NULL || n->dist > limit || n->dist >= n->len)
        return NULL;
    return n->best;
}

char *lgs__nearest_hint(const lgs__nearest *n, char *buf, size_t size)
{
    const char *best = lgs__nearest_best(n);
    if (size == 0)
        return buf;
    if (best != NULL)
        snprintf(buf, size, "; did you mean \"%s\"?", best);
    else
        buf[0] = '\0';
    return buf;
}
