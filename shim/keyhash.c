/* keyhash.c — the 64-bit keys of the breaker and lockout tables.
 *
 * Breakers are keyed by API family and authority, accounts by user@domain;
 * both are compared the way Windows compares account and domain names:
 * ordinal, case-insensitive over Unicode (each character upper-cased on its
 * own, as RtlUpcaseUnicodeChar and CompareStringOrdinal with IgnoreCase
 * do: no locale, no expansion, so `ß` stays `ß` and `Åsa` equals `åsa`).
 * The upper-casing is a table of the simple one-to-one mappings of the
 * scripts account names are written in (below); a character outside it is
 * compared exactly. The whole name is hashed, however long: a key is never
 * a prefix. Names are kept only as a FNV-1a hash, so no user name stays in
 * the process's memory longer than the call that named it. Key 0 is
 * reserved for "none".
 *
 * A user principal name (alice@corp.example.com) and a down-level name
 * (CORP\alice) of one account key alike when the NetBIOS domain name is the
 * first label of the DNS one, as it is by default: a domain is keyed by its
 * first label. What cannot be known from a call: a NetBIOS name that
 * differs from its DNS domain's first label (those keep two keys), and two
 * DNS domains in one process with the same first label (those share one
 * guard: it errs towards refusing).
 */
#include <stdint.h>
#include <string.h>

#include "engine_internal.h"

#define FNV_OFFSET 0xCBF29CE484222325ull
#define FNV_PRIME 0x100000001B3ull

/* Ranges of lower-case letters: [first, last] map by adding delta, every
 * code point (step 1) or every other one (step 2, upper and lower case
 * alternating as Latin Extended-A and Cyrillic do). From the Unicode
 * simple upper-case mappings, as the Windows casing table has them. */
typedef struct case_range {
    uint32_t first, last;
    int32_t delta;
    uint32_t step;
} case_range;

static const case_range upper_ranges[] = {
    {0x0061, 0x007A, -32, 1},   /* a-z */
    {0x00E0, 0x00F6, -32, 1},   /* à-ö */
    {0x00F8, 0x00FE, -32, 1},   /* ø-þ */
    {0x00FF, 0x00FF, 121, 1},   /* ÿ -> Ÿ */
    {0x0101, 0x012F, -1, 2},    /* Latin Extended-A, pairs */
    {0x0133, 0x0137, -1, 2},
    {0x013A, 0x0148, -1, 2},
    {0x014B, 0x0177, -1, 2},
    {0x017A, 0x017E, -1, 2},
    {0x0183, 0x0185, -1, 2},
    {0x01A1, 0x01A5, -1, 2},
    {0x01CE, 0x01DC, -1, 2},
    {0x01DF, 0x01EF, -1, 2},
    {0x01F9, 0x021F, -1, 2},
    {0x0223, 0x0233, -1, 2},
    {0x03AC, 0x03AC, -38, 1},   /* Greek with tonos */
    {0x03AD, 0x03AF, -37, 1},
    {0x03B1, 0x03C1, -32, 1},   /* α-ρ */
    {0x03C2, 0x03C2, -31, 1},   /* ς -> Σ */
    {0x03C3, 0x03CB, -32, 1},   /* σ-ϋ */
    {0x03CC, 0x03CC, -64, 1},
    {0x03CD, 0x03CE, -63, 1},
    {0x0430, 0x044F, -32, 1},   /* Cyrillic а-я */
    {0x0450, 0x045F, -80, 1},   /* ѐ-џ */
    {0x0461, 0x0481, -1, 2},
    {0x048B, 0x04BF, -1, 2},
    {0x04C2, 0x04CE, -1, 2},
    {0x04D1, 0x052F, -1, 2},
    {0x0561, 0x0586, -48, 1},   /* Armenian */
    {0x1E01, 0x1E95, -1, 2},    /* Latin Extended Additional (Vietnamese) */
    {0x1EA1, 0x1EFF, -1, 2},
    {0x2170, 0x217F, -16, 1},   /* small Roman numerals */
    {0x24D0, 0x24E9, -26, 1},   /* circled letters */
    {0xFF41, 0xFF5A, -32, 1},   /* fullwidth a-z */
};

static uint32_t upper(uint32_t c)
{
    if (c < 0x61)
        return c;
    for (size_t i = 0; i < sizeof upper_ranges / sizeof upper_ranges[0]; i++) {
        const case_range *r = &upper_ranges[i];
        if (c < r->first)
            break; /* the ranges are in order */
        if (c <= r->last && (c - r->first) % r->step == 0)
            return (uint32_t)((int32_t)c + r->delta);
    }
    return c;
}

/* The next code point of s[*i..n) (UTF-8); a byte that does not start a
 * well-formed sequence stands for itself (as U+DC80 + byte would not clash
 * with any text, it is hashed in a range of its own). */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char b = s[*i];
    size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 1 || len == 0 || *i + len > n) {
        (*i)++;
        return len == 1 ? b : 0x110000u + b;
    }
    uint32_t c = b & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return 0x110000u + b;
        }
        c = c << 6 | (s[*i + k] & 0x3Fu);
    }
    *i += len;
    return c;
}

static uint64_t mix_cp(uint64_t h, uint32_t c)
{
    for (int k = 0; k < 3; k++)
        h = (h ^ ((c >> (8 * k)) & 0xFFu)) * FNV_PRIME;
    return h;
}

/* Hashes s[0..n) folded to upper case. */
static uint64_t mix_range(uint64_t h, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;)
        h = mix_cp(h, upper(next_cp(u, n, &i)));
    return h;
}

static uint64_t finish(uint64_t h)
{
    return h == 0 ? 1 : h;
}

uint64_t lgs__breaker_key(const char *api, const char *authority)
{
    uint64_t h = mix_range(FNV_OFFSET, api, strlen(api));
    h = mix_cp(h, 0);
    if (authority != NULL)
        h = mix_range(h, authority, strlen(authority));
    return finish(h);
}

uint64_t lgs__account_key(const char *user, const char *domain)
{
    if (user == NULL || user[0] == '\0')
        return 0;
    const char *name = user;
    size_t name_len = strlen(user);
    const char *dom = domain != NULL ? domain : "";
    size_t dom_len = strlen(dom);
    if (dom_len == 0) {
        const char *bs = strchr(user, '\\');
        const char *at = strrchr(user, '@');
        if (bs != NULL) {
            dom = user;
            dom_len = (size_t)(bs - user);
            name = bs + 1;
            name_len = strlen(name);
        } else if (at != NULL) {
            dom = at + 1;
            dom_len = strlen(dom);
            name_len = (size_t)(at - user);
        }
    }
    /* The NetBIOS name is by default the DNS name's first label. */
    const char *dot = memchr(dom, '.', dom_len);
    if (dot != NULL)
        dom_len = (size_t)(dot - dom);
    uint64_t h = mix_range(FNV_OFFSET, name, name_len);
    h = mix_cp(h, '@');
    h = mix_range(h, dom, dom_len);
    return finish(h);
}
