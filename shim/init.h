/* init.h — the library's first use (init.c). The top of shim/: nothing in
 * shim/ below it calls it; the public entry points in init.c and the
 * wrappers (win32/) do, before anything else. */
#ifndef LGS_INIT_H
#define LGS_INIT_H

/** Once per process, on first use: the log defaults, the configuration
 *  sources (INI file, registry, environment; config_sources.h), then
 *  LOGONSHIM_LOG, so that calls made afterwards win. Later calls, and calls
 *  made while it runs on the same thread, return at once; other threads
 *  wait until it has finished. */
void lgs__init(void);

#endif
