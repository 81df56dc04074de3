/* eventlog_register.c — making the Event Log know the logonshim source:
 * the registry key HKLM\SYSTEM\CurrentControlSet\Services\EventLog\
 * Application\<source> with EventMessageFile (the module holding the
 * message table, REG_EXPAND_SZ) and TypesSupported (error, warning,
 * information). Without it the Event Viewer shows each event with "the
 * description for event id ... cannot be found". Needs administrator
 * rights; an installer normally does it once.
 */
#include <windows.h>

#include <stdio.h>

#include "log_sink.h"
#include "log_win32.h"

#define KEY_PREFIX L"SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\"

static void say(char *why, size_t why_size, const char *what, LONG err)
{
    if (why != NULL && why_size > 0)
        snprintf(why, why_size, "%s: Win32 error %ld", what, (long)err);
}

/* Builds the key path of source (UTF-8, NULL for the configured source). */
static int key_path(const char *source, wchar_t *path, size_t n, char *why, size_t why_size)
{
    char configured[LGS__SOURCE_MAX];
    if (source == NULL) {
        if (lgs_log_config_get("log.eventlog.source", configured, sizeof configured) != LGS_OK)
            return LGS_EINVAL;
        source = configured;
    }
    size_t prefix = wcslen(KEY_PREFIX);
    wcscpy(path, KEY_PREFIX);
    if (source[0] == '\0' || strchr(source, '\\') != NULL ||
        MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, source, -1, path + prefix,
                            (int)(n - prefix)) == 0) {
        if (why != NULL && why_size > 0)
            snprintf(why, why_size, "bad source name \"%s\"", source);
        return LGS_EINVAL;
    }
    return LGS_OK;
}

int lgs_eventlog_register(const char *source, const char *message_file, char *why,
                          size_t why_size)
{
    wchar_t path[512], file[MAX_PATH * 2];
    if (key_path(source, path, sizeof path / sizeof path[0], why, why_size) != LGS_OK)
        return LGS_EINVAL;
    if (message_file == NULL) {
        DWORD n = GetModuleFileNameW(lgs__eventlog_module(), file, MAX_PATH * 2);
        if (n == 0 || n >= MAX_PATH * 2) {
            say(why, why_size, "GetModuleFileNameW", (LONG)GetLastError());
            return LGS_EINVAL;
        }
    } else if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, message_file, -1, file,
                                   MAX_PATH * 2) == 0) {
        if (why != NULL && why_size > 0)
            snprintf(why, why_size, "the message file path is not valid UTF-8 or too long");
        return LGS_EINVAL;
    }
    HKEY key;
    LONG rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0, KEY_SET_VALUE, NULL, &key,
                              NULL);
    if (rc != ERROR_SUCCESS) {
        say(why, why_size, "RegCreateKeyExW (administrator rights needed)", rc);
        return LGS_EINVAL;
    }
    DWORD types = EVENTLOG_ERROR_TYPE | EVENTLOG_WARNING_TYPE | EVENTLOG_INFORMATION_TYPE;
    rc = RegSetValueExW(key, L"EventMessageFile", 0, REG_EXPAND_SZ, (const BYTE *)file,
                        (DWORD)((wcslen(file) + 1) * sizeof(wchar_t)));
    if (rc == ERROR_SUCCESS)
        rc = RegSetValueExW(key, L"TypesSupported", 0, REG_DWORD, (const BYTE *)&types,
                            sizeof types);
    RegCloseKey(key);
    if (rc != ERROR_SUCCESS) {
        say(why, why_size, "RegSetValueExW", rc);
        return LGS_EINVAL;
    }
    if (why != NULL && why_size > 0)
        why[0] = '\0';
    return LGS_OK;
}

int lgs_eventlog_unregister(const char *source, char *why, size_t why_size)
{
    wchar_t path[512];
    if (key_path(source, path, sizeof path / sizeof path[0], why, why_size) != LGS_OK)
        return LGS_EINVAL;
    LONG rc = RegDeleteKeyW(HKEY_LOCAL_MACHINE, path);
    if (rc == ERROR_FILE_NOT_FOUND)
        return LGS_ENOTFOUND;
    if (rc != ERROR_SUCCESS) {
        say(why, why_size, "RegDeleteKeyW", rc);
        return LGS_EINVAL;
    }
    return LGS_OK;
}
