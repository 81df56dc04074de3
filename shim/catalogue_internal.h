/* catalogue_internal.h — what the catalogue shares inside the library: the
 * guidance ids generated from guidance_table.h and the guidance texts, the
 * value of every catalogued code by its SDK name (generated from
 * code_table.h, so that no other file writes a code as a number), and the
 * class rules that more than one layer applies. */
#ifndef LGS_CATALOGUE_INTERNAL_H
#define LGS_CATALOGUE_INTERNAL_H

#include "code_table.h"
#include "guidance_table.h"
#include "logonshim/codes.h"
#include "logonshim/engine.h"

enum lgs__guidance_id {
#define LGS__G_ID(id, ...) LGS_G_##id,
    LGS_GUIDANCE_TABLE(LGS__G_ID)
#undef LGS__G_ID
    LGS_G_COUNT_
};

extern const lgs_guidance lgs__guidance[LGS_G_COUNT_];

/* One field per catalogue row, named after the row: LGS__CODE(name) is the
 * row's code. The field names are pasted (c_##name), so that the SDK's own
 * macros of the same names, where the Windows SDK headers are included, do not expand;
 * a name that is not in the catalogue fails the build. A constant object in
 * each file that uses it: the compiler folds the fields it reads and keeps
 * none of the rest. */
typedef struct lgs__code_values {
#define LGS__CV_FIELD(name, space, value, win32, cls, guidance) lgs_status_code c_##name;
    LGS_CODE_TABLE(LGS__CV_FIELD)
#undef LGS__CV_FIELD
} lgs__code_values;
static const lgs__code_values lgs__codes __attribute__((unused)) = {
#define LGS__CV_INIT(name, space, value, win32, cls, guidance) {LGS_SPACE_##space, value},
    LGS_CODE_TABLE(LGS__CV_INIT)
#undef LGS__CV_INIT
};
#define LGS__CODE(name) (lgs__codes.c_##name)

/** 1 for the classes that are never retried within a call, whatever the
 *  configuration says (credentials, account): config.c refuses a setting
 *  that would retry them and the engine does not retry them. 0 for any
 *  other class, and for a value out of range. */
int lgs__class_never_retried(lgs_class cls);

#endif
