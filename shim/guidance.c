/* guidance.c — the guidance texts as data, and the per-class guidance.
 *
 * The texts themselves live in guidance_table.h; this file turns that table
 * into the array the catalogue rows point into, and maps each class to its
 * class-level text (the one used for codes the catalogue does not know). */
#include "catalogue_internal.h"

const lgs_guidance lgs__guidance[LGS_G_COUNT_] = {
#define LGS__G_ROW(id, name, summary, meaning, causes, diagnose, resolve) \
    [LGS_G_##id] = {name, summary, meaning, causes, diagnose, resolve},
    LGS_GUIDANCE_TABLE(LGS__G_ROW)
#undef LGS__G_ROW
};

/* Class-level guidance ids carry the class's own name, so this table is the
 * class enum in order. */
static const enum lgs__guidance_id class_guidance[LGS_CLASS_COUNT_] = {
    [LGS_CLASS_OK] = LGS_G_OK,
    [LGS_CLASS_CONTINUE] = LGS_G_CONTINUE,
    [LGS_CLASS_TRANSIENT] = LGS_G_TRANSIENT,
    [LGS_CLASS_RESOURCE] = LGS_G_RESOURCE,
    [LGS_CLASS_SESSION_COLLISION] = LGS_G_SESSION_COLLISION,
    [LGS_CLASS_SESSION_GONE] = LGS_G_SESSION_GONE,
    [LGS_CLASS_SESSION_STATE] = LGS_G_SESSION_STATE,
    [LGS_CLASS_CONTEXT_EXPIRED] = LGS_G_CONTEXT_EXPIRED,
    [LGS_CLASS_CLOCK] = LGS_G_CLOCK,
    [LGS_CLASS_CREDENTIALS] = LGS_G_CREDENTIALS,
    [LGS_CLASS_ACCOUNT] = LGS_G_ACCOUNT,
    [LGS_CLASS_PRIVILEGE] = LGS_G_PRIVILEGE,
    [LGS_CLASS_CONFIG] = LGS_G_CONFIG,
    [LGS_CLASS_PROGRAMMING] = LGS_G_PROGRAMMING,
    [LGS_CLASS_SECURITY] = LGS_G_SECURITY,
    [LGS_CLASS_SHUTDOWN] = LGS_G_SHUTDOWN,
    [LGS_CLASS_UNKNOWN] = LGS_G_UNKNOWN,
};

const lgs_guidance *lgs_class_guidance(lgs_class cls)
{
    if ((unsigned)cls >= LGS_CLASS_COUNT_)
        return &lgs__guidance[LGS_G_UNKNOWN];
    return &lgs__guidance[class_guidance[cls]];
}
