/* backend.c — the system's entry points as a table (see backend.h). */
#include "backend.h"

const lgs__backend lgs__system_backend = {
#define LGS__BACKEND_INIT(name) .name = name,
    LGS_BACKEND_FUNCS(LGS__BACKEND_INIT)
#undef LGS__BACKEND_INIT
};

lgs__backend lgs__sys = {
#define LGS__BACKEND_INIT(name) .name = name,
    LGS_BACKEND_FUNCS(LGS__BACKEND_INIT)
#undef LGS__BACKEND_INIT
};

void lgs__backend_set(const lgs__backend *b)
{
    lgs__sys = b != NULL ? *b : lgs__system_backend;
}
