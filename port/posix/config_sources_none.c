/* config_sources_none.c — the configuration sources where there are none:
 * off Windows the library reads no INI file, registry or per-key
 * environment variables (LOGONSHIM_LOG and LOGONSHIM_FAULTS still apply);
 * configuration comes from the API. See config_sources.h. */
#include "config_sources.h"

int lgs__config_sources_load(void)
{
    return 0;
}

int lgs__config_sources_reload(void)
{
    return 0;
}
