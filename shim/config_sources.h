/* config_sources.h — the configuration sources outside the program: an INI
 * file (LOGONSHIM_CONFIG), the registry (HKLM\SOFTWARE\logonshim) and
 * environment variables (LOGONSHIM_<SECTION>_<KEY>). port/win32/config_sources.c
 * reads them on Windows; port/posix/config_sources_none.c is the stand-in
 * that reads nothing. docs/configuration.md describes the sources.
 *
 * When: lgs__init() (init.h) calls lgs__config_sources_load() once, after
 * the log defaults and before LOGONSHIM_LOG, so the first use of the library
 * (a wrapped call, a configuration or log call) loads them before anything
 * else takes effect, and API calls made afterwards win. lgs_config_load()
 * (logonshim/config.h) reads them again with lgs__config_sources_reload().
 * Both apply values through the settings module (settings.h), which lists
 * the keys, and report bad values as "setting" records (log_internal.h). */
#ifndef LGS_CONFIG_SOURCES_H
#define LGS_CONFIG_SOURCES_H

/** Applies INI, registry and environment, in that order, through
 *  lgs__settings_set(); every bad value is reported once by a "setting"
 *  record. Returns the number of bad values found. */
int lgs__config_sources_load(void);

/** Reads the sources again, then LOGONSHIM_LOG as the environment has it
 *  now. Returns the number of bad values found. */
int lgs__config_sources_reload(void);

#endif
