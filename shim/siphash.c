/* siphash.c — SipHash-2-4 (Aumasson and Bernstein), the keyed hash behind
 * the `hash` redaction mode: with a key drawn once per process, the same
 * account always gives the same digest in that process's logs, and a digest
 * cannot be matched against a list of likely names without the key.
 */
#include <stddef.h>
#include <stdint.h>

#include "log_sink.h"

static uint64_t rotl(uint64_t x, unsigned b)
{
    return (x << b) | (x >> (64u - b));
}

static uint64_t load_le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8u * i);
    return v;
}

typedef struct sip_state {
    uint64_t v0, v1, v2, v3;
} sip_state;

static void sip_round(sip_state *s)
{
    s->v0 += s->v1;
    s->v1 = rotl(s->v1, 13);
    s->v1 ^= s->v0;
    s->v0 = rotl(s->v0, 32);
    s->v2 += s->v3;
    s->v3 = rotl(s->v3, 16);
    s->v3 ^= s->v2;
    s->v0 += s->v3;
    s->v3 = rotl(s->v3, 21);
    s->v3 ^= s->v0;
    s->v2 += s->v1;
    s->v1 = rotl(s->v1, 17);
    s->v1 ^= s->v2;
    s->v2 = rotl(s->v2, 32);
}

static void absorb(sip_state *s, uint64_t m)
{
    s->v3 ^= m;
    sip_round(s);
    sip_round(s);
    s->v0 ^= m;
}

uint64_t lgs__siphash24(const uint8_t key[16], const void *data, size_t n)
{
    const uint8_t *p = data;
    uint64_t k0 = load_le64(key), k1 = load_le64(key + 8);
    sip_state s = {k0 ^ 0x736F6D6570736575ull, k1 ^ 0x646F72616E646F6Dull,
                   k0 ^ 0x6C7967656E657261ull, k1 ^ 0x7465646279746573ull};
    size_t whole = n - n % 8u;
    for (size_t i = 0; i < whole; i += 8)
        absorb(&s, load_le64(p + i));
    uint64_t last = (uint64_t)(n & 0xFFu) << 56;
    for (size_t i = whole; i < n; i++)
        last |= (uint64_t)p[i] << (8u * (i - whole));
    absorb(&s, last);
    s.v2 ^= 0xFFu;
    for (int i = 0; i < 4; i++)
        sip_round(&s);
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}
