/* logonshim.h — the one header a program includes to use logonshim.
 *
 * It brings in the whole public API. (dropin.h, which renames the Windows API
 * calls to the wrappers, is separate: include it after <windows.h> if you want
 * that.) Link the static library with LOGONSHIM_STATIC defined, or the DLL
 * without it; see export.h.
 */
#ifndef LOGONSHIM_LOGONSHIM_H
#define LOGONSHIM_LOGONSHIM_H

#include "logonshim/export.h"
#include "logonshim/version.h"
#include "logonshim/codes.h"
#include "logonshim/faults.h"
#include "logonshim/engine.h"
#include "logonshim/config.h"
#include "logonshim/record.h"
#include "logonshim/log.h"
#include "logonshim/wrappers.h" /* Windows only: empty elsewhere */
#include "logonshim/hook.h"     /* Windows only: empty elsewhere */

#endif
