/* test_identity.c — the parser of AcquireCredentialsHandle identities
 * (shim/identity.c): each SDK form recognised by its own fields, names only
 * where the form puts them, and anything else opaque (passed through with
 * no name) rather than read as the plain form. The _EX2 case is the one that
 * crashed the wrapper: its Version and cbHeaderLength were read as the User
 * pointer.
 */
#include <stdint.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "identity.h"
#include "suites.h"

static void put16(unsigned char *p, size_t off, uint32_t v)
{
    p[off] = (unsigned char)v;
    p[off + 1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, size_t off, uint32_t v)
{
    put16(p, off, v & 0xFFFFu);
    put16(p, off + 2, v >> 16);
}

static void put64(unsigned char *p, size_t off, uint64_t v)
{
    put32(p, off, (uint32_t)v);
    put32(p, off + 4, (uint32_t)(v >> 32));
}

/* An _EX2 identity as SspiEncodeStringsAsAuthIdentity lays it out: header,
 * then UTF-16 user and domain. Returns its size. */
static size_t make_ex2(unsigned char *p, const char *user, const char *domain, uint32_t flags)
{
    size_t ul = strlen(user) * 2, dl = strlen(domain) * 2, size = 48 + ul + dl;
    memset(p, 0, size);
    put32(p, 0, 0x201);
    put16(p, 4, 48);
    put32(p, 8, (uint32_t)size);
    put32(p, 12, 48);
    put16(p, 16, (uint32_t)ul);
    put32(p, 20, (uint32_t)(48 + ul));
    put16(p, 24, (uint32_t)dl);
    put32(p, 36, flags);
    for (size_t i = 0; user[i]; i++)
        p[48 + 2 * i] = (unsigned char)user[i];
    for (size_t i = 0; domain[i]; i++)
        p[48 + ul + 2 * i] = (unsigned char)domain[i];
    return size;
}

static void test_ex2_names_by_offset(void)
{
    unsigned char p[128];
    size_t n = make_ex2(p, "alice", "CORP", 0x2);
    lgs__identity id;
    CU_ASSERT_EQUAL(lgs__identity_parse(p, n, 8, &id), LGS__ID_EX2);
    CU_ASSERT_EQUAL(id.wide, 1);
    CU_ASSERT_EQUAL(id.user.where, 48);
    CU_ASSERT_EQUAL(id.user.units, 5);
    CU_ASSERT_EQUAL(id.domain.where, 58);
    CU_ASSERT_EQUAL(id.domain.units, 4);
    /* The same bytes mean the same under 32-bit pointers: no pointer in it. */
    CU_ASSERT_EQUAL(lgs__identity_parse(p, n, 4, &id), LGS__ID_EX2);
    CU_ASSERT_EQUAL(id.user.units, 5);
}

/* A name the structure does not hold, or flags saying there is none: no name. */
static void test_ex2_bad_names_dropped(void)
{
    unsigned char p[128];
    lgs__identity id;
    size_t n = make_ex2(p, "alice", "CORP", 0x2);
    put32(p, 12, 120); /* user past the structure's end */
    CU_ASSERT_EQUAL(lgs__identity_parse(p, n, 8, &id), LGS__ID_EX2);
    CU_ASSERT_EQUAL(id.user.units, 0);
    CU_ASSERT_EQUAL(id.domain.units, 4);
    put32(p, 12, 8); /* user inside the header */
    lgs__identity_parse(p, n, 8, &id);
    CU_ASSERT_EQUAL(id.user.units, 0);
    n = make_ex2(p, "alice", "CORP", 0x2 | 0x20000 | 0x40000); /* NULL_USER, NULL_DOMAIN */
    lgs__identity_parse(p, n, 8, &id);
    CU_ASSERT_EQUAL(id.user.units, 0);
    CU_ASSERT_EQUAL(id.domain.units, 0);
    /* A structure shorter than its header, or larger than what is vouched for. */
    n = make_ex2(p, "alice", "CORP", 0x2);
    CU_ASSERT_EQUAL(lgs__identity_parse(p, 40, 8, &id), LGS__ID_OPAQUE);
    put32(p, 8, 200);
    CU_ASSERT_EQUAL(lgs__identity_parse(p, n, 8, &id), LGS__ID_OPAQUE);
    put32(p, 8, (uint32_t)n);
    put16(p, 4, 16); /* header shorter than the fields */
    CU_ASSERT_EQUAL(lgs__identity_parse(p, n, 8, &id), LGS__ID_OPAQUE);
    CU_ASSERT_EQUAL(id.user.units, 0);
}

static void test_plain_and_ex_by_pointer(void)
{
    unsigned char p[80];
    lgs__identity id;
    memset(p, 0, sizeof p);
    /* SEC_WINNT_AUTH_IDENTITY_W, 64-bit: User, UserLength, Domain, DomainLength, Password, PasswordLength, Flags. */
    put64(p, 0, 0x11223344556670ull);
    put32(p, 8, 5);
    put64(p, 16, 0x1000);
    put32(p, 24, 4);
    put32(p, 44, 2);
    CU_ASSERT_EQUAL(lgs__identity_fixed_size(LGS__ID_PLAIN, 8), 48);
    CU_ASSERT_EQUAL(lgs__identity_parse(p, 48, 8, &id), LGS__ID_PLAIN);
    CU_ASSERT_EQUAL(id.user.where, 0x11223344556670ull);
    CU_ASSERT_EQUAL(id.user.units, 5);
    CU_ASSERT_EQUAL(id.domain.where, 0x1000);
    CU_ASSERT_EQUAL(id.wide, 1);
    put32(p, 44, 0); /* neither ANSI nor UNICODE: not this form */
    CU_ASSERT_EQUAL(lgs__identity_parse(p, 48, 8, &id), LGS__ID_OPAQUE);
    CU_ASSERT_EQUAL(id.user.units, 0);
    CU_ASSERT_EQUAL(lgs__identity_parse(p, 47, 8, &id), LGS__ID_OPAQUE);

    /* _EXW, 64-bit: Version, Length, then the same fields from offset 8. */
    memset(p, 0, sizeof p);
    put32(p, 0, 0x200);
    put32(p, 4, 72);
    put64(p, 8, 0x2000);
    put32(p, 16, 3);
    put32(p, 52, 1);
    CU_ASSERT_EQUAL(lgs__identity_fixed_size(LGS__ID_EX, 8), 72);
    CU_ASSERT_EQUAL(lgs__identity_fixed_size(LGS__ID_EX, 4), 44);
    CU_ASSERT_EQUAL(lgs__identity_fixed_size(LGS__ID_PLAIN, 4), 28);
    CU_ASSERT_EQUAL(lgs__identity_parse(p, 72, 8, &id), LGS__ID_EX);
    CU_ASSERT_EQUAL(id.user.where, 0x2000);
    CU_ASSERT_EQUAL(id.user.units, 3);
    CU_ASSERT_EQUAL(id.domain.units, 0);
    CU_ASSERT_EQUAL(id.wide, 0);
    put32(p, 4, 12); /* Length too small for the _EX form */
    CU_ASSERT_EQUAL(lgs__identity_parse(p, 72, 8, &id), LGS__ID_OPAQUE);
}

static void test_short_or_null_is_opaque(void)
{
    lgs__identity id;
    unsigned char p[4] = {1, 2, 0, 0};
    CU_ASSERT_EQUAL(lgs__identity_parse(NULL, 100, 8, &id), LGS__ID_OPAQUE);
    CU_ASSERT_EQUAL(lgs__identity_parse(p, 3, 8, &id), LGS__ID_OPAQUE);
    CU_ASSERT_EQUAL(lgs__identity_parse(p, 4, 8, &id), LGS__ID_OPAQUE);
    CU_ASSERT_EQUAL(lgs__identity_parse(p, 4, 5, &id), LGS__ID_OPAQUE);
}

static CU_TestInfo tests[] = {
    {"_EX2: names by offset inside the structure", test_ex2_names_by_offset},
    {"_EX2: names outside it or flagged absent are none", test_ex2_bad_names_dropped},
    {"plain and _EX forms by their fields", test_plain_and_ex_by_pointer},
    {"short or NULL input is opaque", test_short_or_null_is_opaque},
    CU_TEST_INFO_NULL,
};

int lgs_suite_identity(void)
{
    LGS_REGISTER("identity", tests, NULL, NULL);
}
