/* catalogue_internal.h — what the catalogue's files share inside shim/: the
 * guidance ids generated from guidance_table.h and the guidance texts. */
#ifndef LGS_CATALOGUE_INTERNAL_H
#define LGS_CATALOGUE_INTERNAL_H

#include "logonshim/codes.h"
#include "guidance_table.h"

enum lgs__guidance_id {
#define LGS__G_ID(id, ...) LGS_G_##id,
    LGS_GUIDANCE_TABLE(LGS__G_ID)
#undef LGS__G_ID
    LGS_G_COUNT_
};

extern const lgs_guidance lgs__guidance[LGS_G_COUNT_];

#endif
