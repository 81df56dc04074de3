/* hook.h — logonshim for programs that were never compiled with it: the
 * in-process hooks.
 *
 * lgs_hook_install() points the import-address-table entries of every
 * module loaded in the process that imports a wrapped API (from advapi32,
 * secur32, sspicli or an api-ms-win-* set that forwards to them) at the
 * wrapper, so the program's own calls go through the policy engine, the
 * fault injector and the logs as if it had been rebuilt with dropin.h.
 * Modules loaded later through LoadLibrary* are patched when they load;
 * GetProcAddress of a wrapped API returns the wrapper and
 * InitSecurityInterfaceA/W the wrapped table, for hooked modules.
 * logonshim's own DLLs, the system's DLLs (those under the Windows folder)
 * and the modules named by the setting hook.exclude are never patched. An
 * entry that cannot be written is logged and skipped.
 *
 * The hooks exist in logonshim.dll only (the wrappers they install are the
 * DLL's exports); logonshim-hook.dll calls lgs_hook_install() when it
 * loads, and logonshim-run and logonshim-patch make a program load it.
 */
#ifndef LOGONSHIM_HOOK_H
#define LOGONSHIM_HOOK_H

#include "logonshim/codes.h"
#include "logonshim/export.h"

#ifdef _WIN32

#ifdef __cplusplus
extern "C" {
#endif

/** Installs the hooks in every module loaded now, and in each module loaded
 *  later through LoadLibrary*. Idempotent (a second call patches only what
 *  is new) and thread-safe. Returns LGS_OK; LGS_ENOTFOUND where there are
 *  no wrappers to point at (the static library, or a system without
 *  advapi32 and secur32): then nothing was changed. */
LGS_API int lgs_hook_install(void);

/** Puts back every import-table entry lgs_hook_install() changed that
 *  still points at a wrapper, so the tables are byte for byte as before,
 *  and stops patching modules as they load. Idempotent and thread-safe;
 *  calls already inside a wrapper finish there. Returns LGS_OK, also when
 *  no hook was installed. */
LGS_API int lgs_hook_remove(void);

#ifdef __cplusplus
}
#endif

#endif /* _WIN32 */

#endif
