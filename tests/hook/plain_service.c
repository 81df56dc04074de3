/* plain_service.c — a Windows service that never heard of logonshim (see
 * plain.h): what the Service Control Manager starts runs StartServiceCtrl-
 * DispatcherW; its service logs on N times (the first start argument,
 * default 1) and makes one SSPI call through its imports, reports running,
 * and stops when told. It has no standard output: plain.h's lines, and
 * "running" and "stopped", go to plain_service.log beside the executable, which
 * tests/patch_test.sh's service mode reads. Installed with `sc create`. */
/* Wine's msvcrt cannot freopen a stream whose descriptor is not open, as
 * stdout is not in a service: the lines go to a stream of its own. */
#include <stdio.h>
static FILE *out;
#define PLAIN_OUT out
#include "plain.h"

#include <wchar.h>

static SERVICE_STATUS_HANDLE status_handle;
static HANDLE stop_event;

static void report(DWORD state)
{
    SERVICE_STATUS s = {0};
    s.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    s.dwCurrentState = state;
    s.dwControlsAccepted = state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP : 0;
    s.dwWaitHint = state == SERVICE_START_PENDING ? 30000 : 0;
    SetServiceStatus(status_handle, &s);
}

static DWORD WINAPI control(DWORD code, DWORD type, LPVOID data, LPVOID ctx)
{
    (void)type, (void)data, (void)ctx;
    if (code == SERVICE_CONTROL_STOP) {
        report(SERVICE_STOP_PENDING);
        SetEvent(stop_event);
    }
    return NO_ERROR;
}

/* out: plain_service.log beside the executable, appended to. */
static int open_log(void)
{
    wchar_t path[MAX_PATH];
    DWORD n = GetModuleFileNameW(NULL, path, MAX_PATH);
    if (n == 0 || n >= MAX_PATH)
        return 0;
    wchar_t *slash = wcsrchr(path, L'\\');
    if (slash == NULL || (size_t)(slash + 1 - path) + wcslen(L"plain_service.log") >= MAX_PATH)
        return 0;
    wcscpy(slash + 1, L"plain_service.log");
    out = _wfopen(path, L"a");
    return out != NULL;
}

static void WINAPI service_main(DWORD argc, LPWSTR *argv)
{
    status_handle = RegisterServiceCtrlHandlerExW(L"", control, NULL);
    if (status_handle == NULL)
        return;
    report(SERVICE_START_PENDING);
    int count = argc > 1 ? _wtoi(argv[1]) : 1;
    if (open_log()) {
        for (int i = count; i > 0; i--)
            plain_logon(LogonUserW);
        plain_qspi(QuerySecurityPackageInfoW, FreeContextBuffer);
        fprintf(out, "running\n");
        fflush(out);
    }
    stop_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    report(SERVICE_RUNNING);
    if (stop_event != NULL)
        WaitForSingleObject(stop_event, INFINITE);
    if (out != NULL) {
        fprintf(out, "stopped\n");
        fclose(out);
    }
    report(SERVICE_STOPPED);
}

int main(void)
{
    wchar_t name[] = L"";
    SERVICE_TABLE_ENTRYW table[] = {{name, service_main}, {NULL, NULL}};
    return StartServiceCtrlDispatcherW(table) ? 0 : 1;
}
