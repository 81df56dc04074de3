/* log_debugger.c — the debugger sink: each record's text line goes to
 * OutputDebugStringW, where a debugger, DebugView or `WINEDEBUG=+debugstr`
 * shows it. Tests install a capture hook (log_win32.h) to see exactly what
 * would have been sent.
 */
#include <windows.h>

#include <stdlib.h>

#include "log_sink.h"
#include "log_win32.h"

static void (*capture)(void *ctx, const wchar_t *text);
static void *capture_ctx;

void lgs__debugger_set_capture(void (*fn)(void *ctx, const wchar_t *text), void *ctx)
{
    capture = fn;
    capture_ctx = ctx;
}

void lgs__port_debugger_write(const char *text)
{
    wchar_t stack[1024];
    wchar_t *w = stack;
    int n = MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0);
    if (n <= 0)
        return;
    if ((size_t)n > sizeof stack / sizeof stack[0]) {
        w = malloc((size_t)n * sizeof *w);
        if (w == NULL)
            return;
    }
    MultiByteToWideChar(CP_UTF8, 0, text, -1, w, n);
    if (capture != NULL)
        capture(capture_ctx, w);
    else
        OutputDebugStringW(w);
    if (w != stack)
        free(w);
}
