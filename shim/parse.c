/* parse.c — turns what a person types (or a log line holds) into a code:
 * decimal, negative decimal, hex or a symbolic name, with an optional space
 * prefix. Everything that is not a well-formed 32-bit value or a known name
 * is rejected with a reason; nothing is guessed. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "logonshim/codes.h"
#include "suggest.h"
#include "why.h"

enum { MAX_INPUT = 128 };

#define HRESULT_WIN32_BASE 0x80070000u

/* Recognises "win32:", "ntstatus:", "sec:" (and "security:", "hresult:"), "krb:" at the start of
 * s, case-insensitively. Returns the prefix length (0 when there is none) or
 * -1 when s has some other "word:" prefix. */
static int parse_prefix(const char *s, size_t len, lgs_space *space)
{
    static const struct {
        const char *word;
        lgs_space space;
    } prefixes[] = {
        {"win32", LGS_SPACE_WIN32},
        {"ntstatus", LGS_SPACE_NTSTATUS},
        {"sec", LGS_SPACE_SECURITY},
        {"security", LGS_SPACE_SECURITY},
        {"hresult", LGS_SPACE_SECURITY},
        {"krb", LGS_SPACE_KRB},
    };
    const char *colon = memchr(s, ':', len);
    if (colon == NULL)
        return 0;
    size_t n = (size_t)(colon - s);
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        const char *w = prefixes[i].word;
        if (strlen(w) != n)
            continue;
        size_t k = 0;
        while (k < n && tolower((unsigned char)s[k]) == w[k])
            k++;
        if (k == n) {
            *space = prefixes[i].space;
            return (int)n + 1;
        }
    }
    return -1;
}

/* Parses s[0..len) as a 32-bit number: decimal, -decimal or 0x hex. */
static int parse_number(const char *s, size_t len, uint32_t *value, char *why, size_t why_size)
{
    int negative = 0;
    unsigned base = 10;
    size_t i = 0;
    if (s[0] == '-') {
        negative = 1;
        i = 1;
    } else if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    } else if (len == 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        return lgs__why(why, why_size, "'0x' has no hex digits after it");
    }
    if (i == len)
        return lgs__why(why, why_size, "a sign with no digits after it");
    uint64_t v = 0;
    const uint64_t limit = negative ? 0x80000000u : 0xFFFFFFFFu;
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (base == 16 && isxdigit(c))
            d = (unsigned)(tolower(c) - 'a' + 10);
        else
            return lgs__why(why, why_size, "'%c' is not a %s digit", c, base == 16 ? "hex" : "decimal");
        v = v * base + d;
        if (v > limit)
            return lgs__why(why, why_size, "does not fit in 32 bits");
    }
    *value = negative ? (uint32_t)(0x100000000ull - v) : (uint32_t)v;
    return LGS_OK;
}

/* Whether v can only be an HRESULT failure: severity bits 10 (which NTSTATUS
 * warnings share) and no NTSTATUS of that severity in ntstatus.h. NTSTATUS
 * warnings use facilities 0 (codes up to 0x0803), 1, 0x13, 0x19, 0x1B, 0x1C
 * and 0x21 only; an HRESULT in one of those but facility 0 stays NTSTATUS,
 * since 0x80010001 is both DBG_EXCEPTION_NOT_HANDLED and RPC_E_CALL_REJECTED. */
static int hresult_shaped(uint32_t v)
{
    static const unsigned short ntstatus_warning_facilities[] = {0x001, 0x013, 0x019, 0x01B, 0x01C, 0x021};
    if ((v & 0xF0000000u) != 0x80000000u)
        return 0;
    unsigned facility = (v >> 16) & 0x0FFFu;
    if (facility == 0)
        return (v & 0xFFFFu) > 0x0FFFu; /* E_NOTIMPL, E_FAIL, E_UNEXPECTED... */
    for (size_t i = 0; i < sizeof ntstatus_warning_facilities / sizeof ntstatus_warning_facilities[0]; i++) {
        if (facility == ntstatus_warning_facilities[i])
            return 0;
    }
    return 1;
}

/* Where a bare number belongs, by its shape (see codes.h). */
static void place_number(uint32_t v, lgs_space *space, uint32_t *value)
{
    if (v <= 0xFFFFu) {
        *space = LGS_SPACE_WIN32;
        *value = v;
    } else if ((v & 0xFFFF0000u) == HRESULT_WIN32_BASE) {
        *space = LGS_SPACE_WIN32;
        *value = v & 0xFFFFu;
    } else if ((v & 0x7FFF0000u) == 0x00090000u || hresult_shaped(v)) {
        /* Facility 9 (0x0009xxxx and 0x8009xxxx), and every other value an
         * NTSTATUS cannot be: E_FAIL, CERT_E_ (0x800B), SCARD_ (0x8010)... */
        *space = LGS_SPACE_SECURITY;
        *value = v;
    } else {
        *space = LGS_SPACE_NTSTATUS;
        *value = v;
    }
}

int lgs_code_parse(const char *text, lgs_parsed_code *out, char *why, size_t why_size)
{
    if (why != NULL && why_size > 0)
        why[0] = '\0';
    if (text == NULL || out == NULL)
        return lgs__why(why, why_size, "no input");

    const char *s = text;
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    if (len == 0)
        return lgs__why(why, why_size, "empty input");
    if (len > MAX_INPUT)
        return lgs__why(why, why_size, "longer than %d characters", MAX_INPUT);

    lgs_space space = LGS_SPACE_WIN32;
    int plen = parse_prefix(s, len, &space);
    if (plen < 0)
        return lgs__why(why, why_size, "unknown space prefix (use win32:, ntstatus:, sec:, hresult: or krb:)");
    int has_prefix = plen > 0;
    s += plen;
    len -= (size_t)plen;
    if (len == 0)
        return lgs__why(why, why_size, "nothing after the space prefix");

    lgs_parsed_code r;
    if (isdigit((unsigned char)s[0]) || s[0] == '-') {
        uint32_t v = 0;
        if (parse_number(s, len, &v, why, why_size) != LGS_OK)
            return LGS_EINVAL;
        if (!has_prefix) {
            place_number(v, &r.space, &r.value);
        } else if (space == LGS_SPACE_WIN32 && v > 0xFFFFu) {
            if ((v & 0xFFFF0000u) != HRESULT_WIN32_BASE)
                return lgs__why(why, why_size, "0x%08X is not a Win32 error code (above 0xFFFF)", (unsigned)v);
            r.space = LGS_SPACE_WIN32;
            r.value = v & 0xFFFFu;
        } else {
            r.space = space;
            r.value = v;
        }
        r.info = lgs_code_lookup(r.space, r.value);
    } else {
        char name[MAX_INPUT + 1];
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            if (!isalnum(c) && c != '_')
                return lgs__why(why, why_size, "'%c' cannot appear in a code name", c);
            name[i] = (char)c;
        }
        name[len] = '\0';
        r.info = lgs_code_by_name(name);
        if (r.info == NULL) {
            /* A misspelt name is answered with the catalogue's nearest. */
            lgs__nearest near;
            char hint[LGS__NEAREST_MAX + 32];
            lgs__nearest_init(&near, name);
            for (size_t i = 0; i < lgs_catalogue_count(); i++)
                lgs__nearest_offer(&near, lgs_catalogue_row(i)->name);
            return lgs__why(why, why_size, "not a known code name%s", lgs__nearest_hint(&near, hint, sizeof hint));
        }
        if (has_prefix && r.info->space != space)
            return lgs__why(why, why_size, "%s is a %s code, not %s", r.info->name,
                        lgs_space_name(r.info->space), lgs_space_name(space));
        r.space = r.info->space;
        r.value = r.info->value;
    }
    *out = r;
    return LGS_OK;
}
