/* log_eventlog.c — the Windows Event Log sink: RegisterEventSourceW once
 * per configured source, then one ReportEventW per record, with an event id
 * from the message table in messages.mc (1000 + class for failures, 1100+
 * for the other kinds) and two inserts: the record's text line and what to
 * do. The event type follows the severity: error and critical are
 * EVENTLOG_ERROR_TYPE, warning EVENTLOG_WARNING_TYPE, the rest information.
 *
 * The source handle is swapped under an SRW lock held shared while
 * reporting, so a source changed or closed mid-report is never used after
 * DeregisterEventSource.
 */
#include <windows.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "log_sink.h"
#include "log_win32.h"
#include "messages.h"

_Static_assert(LGS_EVENT_OK == 1000 + LGS_CLASS_OK, "event ids follow the classes");
_Static_assert(LGS_EVENT_UNKNOWN == 1000 + LGS_CLASS_UNKNOWN, "event ids follow the classes");

static SRWLOCK source_lock = SRWLOCK_INIT;
static HANDLE source;
static atomic_ulong reported, accepted;

HMODULE lgs__eventlog_module(void)
{
    HMODULE m = NULL;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                                GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            (LPCWSTR)(void *)&source_lock, &m))
        return NULL;
    return m;
}

void lgs__eventlog_counts(unsigned long *r, unsigned long *a)
{
    *r = atomic_load(&reported);
    *a = atomic_load(&accepted);
}

DWORD lgs__eventlog_id(const lgs_record *rec)
{
    switch (rec->kind) {
    case LGS_RECORD_WINE_STUB:
        return LGS_EVENT_WINE_STUB;
    case LGS_RECORD_SUPPRESSED:
        return LGS_EVENT_SUPPRESSED;
    case LGS_RECORD_SETTING:
        return LGS_EVENT_SETTING;
    default:
        if ((int)rec->cls < 0 || rec->cls >= LGS_CLASS_COUNT_)
            return LGS_EVENT_UNKNOWN;
        return (DWORD)(LGS_EVENT_OK + (DWORD)rec->cls);
    }
}

int lgs__port_eventlog_open(const char *name, char *why, size_t why_size)
{
    wchar_t wname[LGS__SOURCE_MAX];
    if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, name, -1, wname,
                            (int)(sizeof wname / sizeof wname[0])) == 0) {
        if (why != NULL && why_size > 0)
            snprintf(why, why_size, "the source name is not valid UTF-8 or is too long");
        return LGS_EINVAL;
    }
    HANDLE h = RegisterEventSourceW(NULL, wname);
    if (h == NULL) {
        DWORD err = GetLastError();
        if (why != NULL && why_size > 0)
            snprintf(why, why_size, "RegisterEventSourceW failed: Win32 error %lu",
                     (unsigned long)err);
        return LGS_EINVAL;
    }
    AcquireSRWLockExclusive(&source_lock);
    HANDLE old = source;
    source = h;
    ReleaseSRWLockExclusive(&source_lock);
    if (old != NULL)
        DeregisterEventSource(old);
    return LGS_OK;
}

void lgs__port_eventlog_close(void)
{
    AcquireSRWLockExclusive(&source_lock);
    HANDLE old = source;
    source = NULL;
    ReleaseSRWLockExclusive(&source_lock);
    if (old != NULL)
        DeregisterEventSource(old);
}

static WORD event_type(lgs_severity s)
{
    if (s >= LGS_SEVERITY_ERROR)
        return EVENTLOG_ERROR_TYPE;
    if (s == LGS_SEVERITY_WARNING)
        return EVENTLOG_WARNING_TYPE;
    return EVENTLOG_INFORMATION_TYPE;
}

/* A UTF-16 copy of s, in stack when it fits, else on the heap (*heap). */
static wchar_t *widen(const char *s, wchar_t *stack, size_t n, wchar_t **heap)
{
    *heap = NULL;
    int need = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    if (need <= 0)
        return NULL;
    wchar_t *w = stack;
    if ((size_t)need > n) {
        w = *heap = malloc((size_t)need * sizeof *w);
        if (w == NULL)
            return NULL;
    }
    MultiByteToWideChar(CP_UTF8, 0, s, -1, w, need);
    return w;
}

void lgs__port_eventlog_report(const lgs_record *r, const char *text)
{
    wchar_t text_stack[1024], todo_stack[1024];
    wchar_t *text_heap, *todo_heap;
    const char *todo = r->guidance != NULL ? r->guidance->resolve : "";
    if (r->kind == LGS_RECORD_SETTING || r->kind == LGS_RECORD_SUPPRESSED)
        todo = "see docs/logging.md";
    LPCWSTR strings[2];
    strings[0] = widen(text, text_stack, sizeof text_stack / sizeof text_stack[0], &text_heap);
    strings[1] = widen(todo, todo_stack, sizeof todo_stack / sizeof todo_stack[0], &todo_heap);
    if (strings[0] != NULL && strings[1] != NULL) {
        AcquireSRWLockShared(&source_lock);
        if (source != NULL) {
            atomic_fetch_add(&reported, 1);
            if (ReportEventW(source, event_type(r->severity), 0, lgs__eventlog_id(r), NULL, 2, 0,
                             strings, NULL))
                atomic_fetch_add(&accepted, 1);
        }
        ReleaseSRWLockShared(&source_lock);
    }
    free(text_heap);
    free(todo_heap);
}
