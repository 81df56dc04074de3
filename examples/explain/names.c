/* names.c — the SDK's name for a code the catalogue does not classify.
 *
 * logonshim-explain answers for any code an operator pastes, so it names
 * every code mingw-w64's winerror.h, ntstatus.h and lmerr.h define, from the
 * generated table code_names.h (toolchain/gen_code_names.sh). The table
 * lives here, in the tool, and not in the library: its 5,593 names take about
 * 290 KB (names.c.o: 157 KB of strings, 134 KB of rows), more than the whole
 * stripped x86_64 DLL (225 KB), for no policy gain, since a named but
 * uncatalogued code still classifies unknown. */
#include <ctype.h>
#include <string.h>

#include "code_names.h"
#include "explain.h"

static const explain_name names[] = {
#define EXPLAIN_NAME_ROW(name, space, value, last_error) {#name, (lgs_space)(space), value, last_error},
    LGS_CODE_NAMES(EXPLAIN_NAME_ROW)
#undef EXPLAIN_NAME_ROW
};

enum { NAME_COUNT = sizeof names / sizeof names[0] };

_Static_assert(LGS_SPACE_WIN32 == 0 && LGS_SPACE_NTSTATUS == 1 && LGS_SPACE_SECURITY == 2,
               "code_names.h numbers the spaces as codes.h does");

size_t explain_name_count(void)
{
    return NAME_COUNT;
}

const explain_name *explain_name_row(size_t i)
{
    return i < NAME_COUNT ? &names[i] : NULL;
}

/* The first row of (space, value): the generator sorts the preferred name of
 * a shared value first. */
const explain_name *explain_name_of(lgs_space space, uint32_t value)
{
    size_t lo = 0, hi = NAME_COUNT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const explain_name *n = &names[mid];
        if (n->space < space || (n->space == space && n->value < value))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < NAME_COUNT && names[lo].space == space && names[lo].value == value)
        return &names[lo];
    return NULL;
}

const explain_name *explain_name_lookup(const char *name)
{
    for (size_t i = 0; i < NAME_COUNT; i++) {
        const char *a = names[i].name, *b = name;
        while (*a != '\0' && toupper((unsigned char)*a) == toupper((unsigned char)*b)) {
            a++;
            b++;
        }
        if (*a == '\0' && *b == '\0')
            return &names[i];
    }
    return NULL;
}
