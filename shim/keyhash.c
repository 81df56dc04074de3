/* keyhash.c — the 64-bit keys of the breaker and lockout tables.
 *
 * Breakers are keyed by API family and authority, accounts by user@domain;
 * both are compared case-insensitively (ASCII folding: Windows compares
 * account and domain names without regard to case) and kept only as a
 * FNV-1a hash, so no user name stays in the process's memory longer than
 * the call that named it. Key 0 is reserved for "none".
 */
#include <stdint.h>
#include <string.h>

#include "engine_internal.h"

#define FNV_OFFSET 0xCBF29CE484222325ull
#define FNV_PRIME 0x100000001B3ull

static uint64_t mix_byte(uint64_t h, unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        c = (unsigned char)(c - 'A' + 'a');
    return (h ^ c) * FNV_PRIME;
}

static uint64_t mix_range(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = mix_byte(h, (unsigned char)s[i]);
    return h;
}

static uint64_t finish(uint64_t h)
{
    return h == 0 ? 1 : h;
}

uint64_t lgs__breaker_key(const char *api, const char *authority)
{
    uint64_t h = mix_range(FNV_OFFSET, api, strlen(api));
    h = mix_byte(h, 0);
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
    uint64_t h = mix_range(FNV_OFFSET, name, name_len);
    h = mix_byte(h, '@');
    h = mix_range(h, dom, dom_len);
    return finish(h);
}
