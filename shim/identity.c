/* identity.c — the portable parser of AcquireCredentialsHandle identities
 * (see identity.h).
 *
 * Windows tells the forms apart the same way: a first 32-bit word of 0x200
 * is the _EX form, 0x201 the _EX2 form, anything else the first pointer of
 * the plain form. Each form is accepted only when its own fields agree with
 * it (the _EX Length, the _EX2 header and structure lengths, the plain
 * form's ANSI-or-UNICODE flag); otherwise it is opaque and the wrapper
 * passes it through untouched, leaving the verdict to the API. Fields are
 * read with memcpy (the structure may be unaligned) and little-endian, as
 * every Windows target is.
 */
#include <string.h>

#include "identity.h"

#define FLAG_ANSI 0x1u
#define FLAG_UNICODE 0x2u
#define FLAG_NULL_USER 0x20000u   /* SEC_WINNT_AUTH_IDENTITY_FLAGS_NULL_USER */
#define FLAG_NULL_DOMAIN 0x40000u /* SEC_WINNT_AUTH_IDENTITY_FLAGS_NULL_DOMAIN */

static uint32_t u16_at(const unsigned char *p, size_t off)
{
    return (uint32_t)p[off] | (uint32_t)p[off + 1] << 8;
}

static uint32_t u32_at(const unsigned char *p, size_t off)
{
    return u16_at(p, off) | u16_at(p, off + 2) << 16;
}

static uint64_t ptr_at(const unsigned char *p, size_t off, unsigned ptr_size)
{
    uint64_t v = u32_at(p, off);
    if (ptr_size == 8)
        v |= (uint64_t)u32_at(p, off + 4) << 32;
    return v;
}

static size_t align(size_t off, unsigned a)
{
    return (off + a - 1u) / a * a;
}

/* The field offsets of the pointer forms: user, user length, domain,
 * domain length, flags. The _EX form has Version and Length before them
 * and PackageList after; both lay out as C does with natural alignment. */
typedef struct layout {
    size_t user, user_len, domain, domain_len, flags, size;
} layout;

static layout pointer_layout(lgs__id_form form, unsigned ptr_size)
{
    layout l;
    size_t off = form == LGS__ID_EX ? 8u : 0u;
    l.user = align(off, ptr_size);
    l.user_len = l.user + ptr_size;
    l.domain = align(l.user_len + 4u, ptr_size);
    l.domain_len = l.domain + ptr_size;
    size_t password = align(l.domain_len + 4u, ptr_size);
    l.flags = password + ptr_size + 4u; /* after Password and PasswordLength */
    off = l.flags + 4u;
    if (form == LGS__ID_EX)
        off = align(off, ptr_size) + ptr_size + 4u; /* PackageList, PackageListLength */
    l.size = align(off, ptr_size);
    return l;
}

size_t lgs__identity_fixed_size(lgs__id_form form, unsigned ptr_size)
{
    if ((form != LGS__ID_PLAIN && form != LGS__ID_EX) || (ptr_size != 4 && ptr_size != 8))
        return 0;
    return pointer_layout(form, ptr_size).size;
}

/* A pointer-form name: a NULL pointer or an absurd length is no name. */
static lgs__id_name pointer_name(uint64_t ptr, uint32_t units)
{
    lgs__id_name n = {0, 0};
    if (ptr != 0 && units != 0 && units <= LGS__ID_MAX_UNITS) {
        n.where = ptr;
        n.units = units;
    }
    return n;
}

static lgs__id_form parse_pointer_form(const unsigned char *p, size_t avail, unsigned ptr_size,
                                       lgs__id_form form, lgs__identity *out)
{
    layout l = pointer_layout(form, ptr_size);
    if (avail < l.size)
        return LGS__ID_OPAQUE;
    if (form == LGS__ID_EX && u32_at(p, 4) < l.size)
        return LGS__ID_OPAQUE; /* Length: not the structure it claims to be */
    uint32_t flags = u32_at(p, l.flags);
    uint32_t kind = flags & (FLAG_ANSI | FLAG_UNICODE);
    if (kind != FLAG_ANSI && kind != FLAG_UNICODE)
        return LGS__ID_OPAQUE;
    out->form = form;
    out->wide = kind == FLAG_UNICODE;
    out->user = pointer_name(ptr_at(p, l.user, ptr_size), u32_at(p, l.user_len));
    out->domain = pointer_name(ptr_at(p, l.domain, ptr_size), u32_at(p, l.domain_len));
    return form;
}

/* An _EX2 name: byte offset and byte length, inside the structure and after
 * its header; a wide name has an even length. */
static lgs__id_name packed_name(uint32_t off, uint32_t bytes, uint32_t header, size_t size, int wide)
{
    lgs__id_name n = {0, 0};
    if (bytes == 0 || off < header || off > size || bytes > size - off || (wide && bytes % 2u != 0))
        return n;
    uint32_t units = wide ? bytes / 2u : bytes;
    if (units > LGS__ID_MAX_UNITS)
        return n;
    n.where = off;
    n.units = units;
    return n;
}

static lgs__id_form parse_ex2(const unsigned char *p, size_t avail, lgs__identity *out)
{
    if (avail < LGS__ID_EX2_HEADER)
        return LGS__ID_OPAQUE;
    uint32_t header = u16_at(p, 4);
    uint32_t size = u32_at(p, 8);
    if (header < LGS__ID_EX2_HEADER || size < header || size > avail)
        return LGS__ID_OPAQUE;
    uint32_t flags = u32_at(p, 36);
    uint32_t kind = flags & (FLAG_ANSI | FLAG_UNICODE);
    out->form = LGS__ID_EX2;
    out->wide = kind != FLAG_ANSI; /* SspiEncodeStringsAsAuthIdentity writes UTF-16 */
    if (kind == (FLAG_ANSI | FLAG_UNICODE))
        return LGS__ID_EX2; /* says both: no name is trustworthy */
    if (!(flags & FLAG_NULL_USER))
        out->user = packed_name(u32_at(p, 12), u16_at(p, 16), header, size, out->wide);
    if (!(flags & FLAG_NULL_DOMAIN))
        out->domain = packed_name(u32_at(p, 20), u16_at(p, 24), header, size, out->wide);
    return LGS__ID_EX2;
}

lgs__id_form lgs__identity_parse(const unsigned char *p, size_t avail, unsigned ptr_size,
                                 lgs__identity *out)
{
    memset(out, 0, sizeof *out);
    out->form = LGS__ID_OPAQUE;
    if (p == NULL || avail < 4 || (ptr_size != 4 && ptr_size != 8))
        return LGS__ID_OPAQUE;
    uint32_t version = u32_at(p, 0);
    lgs__id_form f;
    if (version == LGS__ID_VERSION_EX2)
        f = parse_ex2(p, avail, out);
    else if (version == LGS__ID_VERSION_EX)
        f = parse_pointer_form(p, avail, ptr_size, LGS__ID_EX, out);
    else
        f = parse_pointer_form(p, avail, ptr_size, LGS__ID_PLAIN, out);
    if (f == LGS__ID_OPAQUE)
        memset(out, 0, sizeof *out);
    return f;
}
