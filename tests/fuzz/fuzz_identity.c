/* fuzz_identity.c — lgs__identity_parse() on any bytes, for both pointer
 * sizes: never a read outside the bytes (AddressSanitizer sees the end of
 * the exact-size copy), a form the parser knows, and for the _EX2 form
 * names that lie inside the structure, after its header. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "identity.h"

static void check(const unsigned char *p, size_t size, unsigned ptr_size)
{
    lgs__identity id;
    lgs__id_form f = lgs__identity_parse(p, size, ptr_size, &id);
    LGS_FUZZ_CHECK(f == id.form);
    LGS_FUZZ_CHECK(f == LGS__ID_OPAQUE || f == LGS__ID_PLAIN || f == LGS__ID_EX || f == LGS__ID_EX2);
    const lgs__id_name *names[2] = {&id.user, &id.domain};
    for (int i = 0; i < 2; i++) {
        const lgs__id_name *n = names[i];
        LGS_FUZZ_CHECK(n->units <= LGS__ID_MAX_UNITS);
        if (f == LGS__ID_OPAQUE)
            LGS_FUZZ_CHECK(n->units == 0);
        if (f == LGS__ID_EX2 && n->units != 0) {
            uint64_t bytes = (uint64_t)n->units * (id.wide ? 2u : 1u);
            LGS_FUZZ_CHECK(n->where >= LGS__ID_EX2_HEADER);
            LGS_FUZZ_CHECK(n->where + bytes <= size);
            /* The name is readable: touch every byte of it. */
            volatile unsigned char sum = 0;
            for (uint64_t k = 0; k < bytes; k++)
                sum ^= p[n->where + k];
            (void)sum;
        }
    }
    if (f == LGS__ID_PLAIN || f == LGS__ID_EX)
        LGS_FUZZ_CHECK(size >= lgs__identity_fixed_size(f, ptr_size));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *p = malloc(size > 0 ? size : 1);
    LGS_FUZZ_CHECK(p != NULL);
    if (size > 0)
        memcpy(p, data, size);
    check(p, size, 8);
    check(p, size, 4);
    free(p);
    return 0;
}
