/* log_sinks.c — the sinks that write text: stderr, the JSON lines file, and
 * on Windows the Event Log and the debugger (their API calls are in
 * port/win32/).
 *
 * Each record is formatted once per form, outside any lock, and written with
 * one write call and no lock around it: appends to the JSON lines file are
 * whole lines because the file is opened for appending (O_APPEND,
 * FILE_APPEND_DATA; on Windows also a lock in port/win32/log_file.c, for Wine),
 * and stderr gets one write per line. So a
 * thread never waits for another thread's I/O, only for its own one write.
 * The file handle is read under a spinlock with an in-flight count, and a
 * handle being replaced is closed only once no write is using it. A line
 * too long for the stack buffer is formatted again into the heap rather
 * than cut, because a cut JSON line would not parse.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"
#include "log_sink.h"
#include "spinlock.h"

static lgs__spinlock file_lock = LGS__SPINLOCK_INIT; /* guards the two below */
static intptr_t file_handle;
static int file_open;
static atomic_int writes_in_flight;

/* Closes a handle that was just replaced, once no write still uses it. */
static void retire(intptr_t old)
{
    while (atomic_load(&writes_in_flight) > 0)
        lgs__yield();
    lgs__file_close(old);
}

int lgs__jsonl_open(const char *path, char *why, size_t why_size)
{
    intptr_t h;
    if (path == NULL || path[0] == '\0') {
        if (why != NULL && why_size > 0)
            snprintf(why, why_size, "the path is empty");
        return LGS_EINVAL;
    }
    if (lgs__file_open_append(path, &h, why, why_size) != LGS_OK)
        return LGS_EINVAL;
    lgs__spin_lock(&file_lock);
    intptr_t old = file_handle;
    int had = file_open;
    file_handle = h;
    file_open = 1;
    lgs__spin_unlock(&file_lock);
    if (had)
        retire(old);
    return LGS_OK;
}

void lgs__jsonl_close(void)
{
    lgs__spin_lock(&file_lock);
    intptr_t old = file_handle;
    int had = file_open;
    file_open = 0;
    lgs__spin_unlock(&file_lock);
    if (had)
        retire(old);
}

int lgs__eventlog_source(const char *source, char *why, size_t why_size)
{
    return lgs__port_eventlog_open(source, why, why_size);
}

void lgs__eventlog_close(void)
{
    lgs__port_eventlog_close();
}

typedef size_t (*formatter)(const lgs_record *, char *, size_t);

/* Formats r followed by a newline into stack (size bytes) or, when that is
 * too small, into a heap buffer stored in *heap. Returns the text and its
 * length in *len (newline included), or NULL when memory ran out. */
static char *format_line(formatter f, const lgs_record *r, char *stack, size_t size, char **heap,
                         size_t *len)
{
    size_t n = f(r, stack, size - 1);
    char *text = stack;
    *heap = NULL;
    if (n + 2 > size) {
        *heap = malloc(n + 2);
        if (*heap == NULL)
            return NULL;
        f(r, *heap, n + 1);
        text = *heap;
    }
    text[n] = '\n';
    text[n + 1] = '\0';
    *len = n + 1;
    return text;
}

#define LINE_MAX_STACK 2048

void lgs__sinks_write(const lgs_record *r, unsigned mask)
{
    if (mask & (LGS__SINK_STDERR | LGS__SINK_EVENTLOG | LGS__SINK_DEBUGGER)) {
        char stack[LINE_MAX_STACK];
        char *heap;
        size_t len;
        char *text = format_line(lgs_record_format_text, r, stack, sizeof stack, &heap, &len);
        if (text != NULL) {
            if (mask & LGS__SINK_STDERR)
                lgs__port_stderr_write(text, len);
            if (mask & LGS__SINK_DEBUGGER)
                lgs__port_debugger_write(text);
            text[len - 1] = '\0';
            if (mask & LGS__SINK_EVENTLOG)
                lgs__port_eventlog_report(r, text);
        }
        free(heap);
    }
    if (mask & LGS__SINK_JSONL) {
        char stack[LINE_MAX_STACK * 2];
        char *heap;
        size_t len;
        char *text = format_line(lgs_record_format_json, r, stack, sizeof stack, &heap, &len);
        if (text != NULL) {
            lgs__spin_lock(&file_lock);
            int open = file_open;
            intptr_t h = file_handle;
            if (open)
                atomic_fetch_add(&writes_in_flight, 1);
            lgs__spin_unlock(&file_lock);
            if (open) {
                (void)lgs__file_append(h, text, len);
                atomic_fetch_sub(&writes_in_flight, 1);
            }
        }
        free(heap);
    }
}
