/* catalogue.c — the code catalogue generated from code_table.h, and the
 * lookups over it.
 *
 * The rows are kept in (space, value) order in the table itself (a test checks
 * it), so a lookup is a binary search with no start-up work and no locking.
 * Wrapped forms are unwrapped here, once, for every caller: HRESULT_FROM_WIN32
 * (0x8007xxxx) in the security space and FACILITY_NTWIN32 (0xC007xxxx) in the
 * NTSTATUS space find the Win32 row, and an NTSTATUS-shaped value in the
 * security space (severity bits 11, which no valid HRESULT has; Wine's secur32
 * returns such values) finds the NTSTATUS row. */
#include <ctype.h>
#include <string.h>

#include "catalogue_internal.h"
#include "code_table.h"

/* The Kerberos rows come last: their space sorts after every other. */
static const lgs_code_info rows[] = {
#define LGS__ROW(name, space, value, win32, cls, g) \
    {#name, LGS_SPACE_##space, value, win32, LGS_CLASS_##cls, &lgs__guidance[LGS_G_##g]},
    LGS_CODE_TABLE(LGS__ROW)
#undef LGS__ROW
#define LGS__KRB_ROW(name, value, win32, cls, g, twin, reported, meaning) \
    {#name, LGS_SPACE_KRB, value, win32, LGS_CLASS_##cls, &lgs__guidance[LGS_G_##g]},
    LGS_KRB_TABLE(LGS__KRB_ROW)
#undef LGS__KRB_ROW
};

enum { ROW_COUNT = sizeof rows / sizeof rows[0] };

/* Where the Kerberos rows start in rows[], and each one's index there. */
enum {
#define LGS__ONE(...) +1
    KRB_FIRST = 0 LGS_CODE_TABLE(LGS__ONE)
#undef LGS__ONE
};
enum krb_index {
#define LGS__KRB_INDEX(name, ...) KRB_##name,
    LGS_KRB_TABLE(LGS__KRB_INDEX)
#undef LGS__KRB_INDEX
    KRB_COUNT
};
_Static_assert(KRB_FIRST + KRB_COUNT == ROW_COUNT, "the Kerberos rows end the table");

static const lgs_krb_info krb_rows[KRB_COUNT] = {
#define LGS__KRB_INFO(name, value, win32, cls, g, twin, reported, meaning) \
    [KRB_##name] = {&rows[KRB_FIRST + KRB_##name], twin, reported, meaning},
    LGS_KRB_TABLE(LGS__KRB_INFO)
#undef LGS__KRB_INFO
};

/* SDK names that are aliases of a row's name (same space and value). */
static const struct {
    const char *alias;
    const char *name;
} aliases[] = {
    {"SEC_E_NO_SPM", "SEC_E_INTERNAL_ERROR"},
    {"SEC_E_NOT_SUPPORTED", "SEC_E_UNSUPPORTED_FUNCTION"},
    {"NO_ERROR", "ERROR_SUCCESS"},
    {"S_OK", "SEC_E_OK"},
};

size_t lgs_catalogue_count(void)
{
    return ROW_COUNT;
}

const lgs_code_info *lgs_catalogue_row(size_t i)
{
    return i < ROW_COUNT ? &rows[i] : NULL;
}

static const lgs_code_info *search(lgs_space space, uint32_t value)
{
    size_t lo = 0, hi = ROW_COUNT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const lgs_code_info *r = &rows[mid];
        if (r->space == space && r->value == value)
            return r;
        if (r->space < space || (r->space == space && r->value < value))
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

#define WIN32_HRESULT_MASK 0xFFFF0000u
#define HRESULT_WIN32_BASE 0x80070000u /* HRESULT_FROM_WIN32: SEVERITY_ERROR, FACILITY_WIN32 */
#define NTSTATUS_NTWIN32_BASE 0xC0070000u /* NTSTATUS FACILITY_NTWIN32, error severity */

const lgs_code_info *lgs_code_lookup(lgs_space space, uint32_t value)
{
    if ((unsigned)space >= LGS_SPACE_COUNT_)
        return NULL;
    const lgs_code_info *r = search(space, value);
    if (r != NULL)
        return r;
    if (space == LGS_SPACE_SECURITY && (value & WIN32_HRESULT_MASK) == HRESULT_WIN32_BASE)
        return search(LGS_SPACE_WIN32, value & 0xFFFFu);
    if (space == LGS_SPACE_SECURITY && (value >> 30) == 3u)
        return search(LGS_SPACE_NTSTATUS, value);
    if (space == LGS_SPACE_NTSTATUS && (value & WIN32_HRESULT_MASK) == NTSTATUS_NTWIN32_BASE)
        return search(LGS_SPACE_WIN32, value & 0xFFFFu);
    return NULL;
}

const lgs_krb_info *lgs_krb_lookup(uint32_t value)
{
    const lgs_code_info *r = search(LGS_SPACE_KRB, value);
    return r != NULL ? &krb_rows[r - &rows[KRB_FIRST]] : NULL;
}

static int name_equal(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
            return 0;
    }
    return *a == *b;
}

static const lgs_code_info *by_exact_name(const char *name)
{
    for (size_t i = 0; i < ROW_COUNT; i++) {
        if (name_equal(rows[i].name, name))
            return &rows[i];
    }
    return NULL;
}

const lgs_code_info *lgs_code_by_name(const char *name)
{
    if (name == NULL)
        return NULL;
    const lgs_code_info *r = by_exact_name(name);
    if (r != NULL)
        return r;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (name_equal(aliases[i].alias, name))
            return by_exact_name(aliases[i].name);
    }
    return NULL;
}

lgs_class lgs_classify(lgs_space space, uint32_t value)
{
    /* Success is the common case, and 0 is success in every space. */
    if (value == 0 && (unsigned)space < LGS_SPACE_COUNT_)
        return LGS_CLASS_OK;
    const lgs_code_info *r = lgs_code_lookup(space, value);
    if (r != NULL)
        return r->cls;
    if (value == 0 && (unsigned)space < LGS_SPACE_COUNT_)
        return LGS_CLASS_OK;
    return LGS_CLASS_UNKNOWN;
}

int lgs_win32_equivalent(lgs_space space, uint32_t value, int32_t *out)
{
    if (out == NULL || (unsigned)space >= LGS_SPACE_COUNT_)
        return LGS_EINVAL;
    const lgs_code_info *r = lgs_code_lookup(space, value);
    if (r != NULL) {
        if (r->win32 == LGS_NO_WIN32)
            return LGS_ENOTFOUND;
        *out = r->win32;
        return LGS_OK;
    }
    int wrapped = (space == LGS_SPACE_WIN32 && value <= 0xFFFFu)
               || (space == LGS_SPACE_SECURITY && (value & WIN32_HRESULT_MASK) == HRESULT_WIN32_BASE)
               || (space == LGS_SPACE_NTSTATUS && (value & WIN32_HRESULT_MASK) == NTSTATUS_NTWIN32_BASE);
    if (!wrapped)
        return LGS_ENOTFOUND;
    *out = (int32_t)(value & 0xFFFFu);
    return LGS_OK;
}

uint32_t lgs_hresult_form(lgs_space space, uint32_t value)
{
    if (value == 0)
        return 0; /* S_OK for success in every space */
    switch (space) {
    case LGS_SPACE_WIN32:
        return value <= 0xFFFFu ? (HRESULT_WIN32_BASE | value) : value;
    case LGS_SPACE_NTSTATUS:
        return value | 0x10000000u; /* HRESULT_FROM_NT: FACILITY_NT_BIT */
    default:
        return value;
    }
}

const lgs_guidance *lgs_guidance_for(lgs_space space, uint32_t value)
{
    const lgs_code_info *r = lgs_code_lookup(space, value);
    return r != NULL ? r->guidance : lgs_class_guidance(lgs_classify(space, value));
}
