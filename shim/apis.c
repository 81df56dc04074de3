/* apis.c — the table of wrapped APIs generated from apis.h. */
#include <string.h>

#include "apis.h"

const lgs__api_info lgs__apis[LGS_API_ID_COUNT_] = {
#define LGS__API_ROW(name, space, family, release) {#name, LGS_SPACE_##space, family, release},
    LGS_API_TABLE(LGS__API_ROW)
#undef LGS__API_ROW
};

int lgs__api_by_name(const char *s, size_t len)
{
    for (int i = 0; i < LGS_API_ID_COUNT_; i++) {
        if (strlen(lgs__apis[i].name) == len && memcmp(lgs__apis[i].name, s, len) == 0)
            return i;
    }
    return -1;
}
