/* log_win32.h — the Windows-only pieces of the log layer that tests reach:
 * the debugger sink's capture hook and the Event Log sink's module and last
 * result. The sinks themselves are declared in shim/log_sink.h.
 */
#ifndef LGS_LOG_WIN32_H
#define LGS_LOG_WIN32_H

#include <windows.h>

#include "logonshim/record.h"

/** Sends the debugger sink's text to fn instead of OutputDebugStringW (NULL
 *  restores OutputDebugStringW). For tests: set it before logging starts. */
void lgs__debugger_set_capture(void (*fn)(void *ctx, const wchar_t *text), void *ctx);

/** The module whose message table the Event Log sink's ids refer to: the
 *  module that holds this code (the program, or the DLL). */
HMODULE lgs__eventlog_module(void);

/** Reports made and how many ReportEventW accepted, since start. */
void lgs__eventlog_counts(unsigned long *reported, unsigned long *accepted);

/** The event id the Event Log sink uses for a record. */
DWORD lgs__eventlog_id(const lgs_record *r);

#endif
