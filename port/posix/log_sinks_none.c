/* log_sinks_none.c — the Event Log and debugger sinks where there are none:
 * off Windows an Event Log source is refused with the reason (so a
 * configuration that asks for one is reported, not ignored) and the
 * debugger sink writes nothing. The Windows sinks are
 * port/win32/log_eventlog.c and port/win32/log_debugger.c.
 */
#include <stdio.h>

#include "log_sink.h"

int lgs__port_eventlog_open(const char *source, char *why, size_t why_size)
{
    (void)source;
    if (why != NULL && why_size > 0)
        snprintf(why, why_size, "the Windows Event Log exists on Windows only");
    return LGS_EINVAL;
}

void lgs__port_eventlog_close(void)
{
}

void lgs__port_eventlog_report(const lgs_record *r, const char *text)
{
    (void)r;
    (void)text;
}

void lgs__port_debugger_write(const char *text)
{
    (void)text;
}
