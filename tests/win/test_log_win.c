/* test_log_win.c — the Windows sinks under Wine: the message table is linked
 * into the program (and into logonshim.dll) and FormatMessageW finds every
 * event id in it; the Event Log sink reaches ReportEventW and it reports
 * success; the registration helper writes and removes the registry keys the
 * Event Viewer reads; the debugger sink sends the text line (seen through
 * the capture hook); the JSON lines file works with a Windows path.
 */
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <CUnit/CUnit.h>

#include "log_internal.h"
#include "log_win32.h"
#include "logtest.h"
#include "dll_path.h"
#include "suites.h"

static const DWORD event_ids[] = {1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008,
                                  1009, 1010, 1011, 1012, 1013, 1014, 1015, 1016,
                                  1100, 1101, 1102};

/* One failed call that is not retried, as the wrappers report it: its
 * attempt, then its outcome. By default (log.records=outcomes) it is one
 * record, so one Event Log event. */
static void failure(uint32_t code, lgs_class cls)
{
    lgs__call_log cl = {.api = "LogonUserW", .user = "alice", .domain = "CONTOSO"};
    lgs_attempt a = {"LogonUser", 1, 1, LGS_SPACE_WIN32, code, cls, LGS_DECISION_NEVER_RETRY,
                     1, 0, 0, 20000, 0, 0, 0, 0, 0, 0, 0};
    lgs__log_attempt(&cl, &a);
    lgs_outcome o = {LGS_SPACE_WIN32, code, cls, LGS_DECISION_NEVER_RETRY, 1, 0};
    lgs__log_outcome(&cl, &o);
}

static void test_message_table_linked(void)
{
    HMODULE m = lgs__eventlog_module();
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_EQUAL(m, GetModuleHandleW(NULL)); /* linked into this program */
    CU_ASSERT_PTR_NOT_NULL(FindResourceW(m, MAKEINTRESOURCEW(1), (LPCWSTR)RT_MESSAGETABLE));
}

static void test_format_message(void)
{
    HMODULE m = lgs__eventlog_module();
    for (size_t i = 0; i < sizeof event_ids / sizeof event_ids[0]; i++) {
        wchar_t buf[2048];
        DWORD_PTR args[2] = {(DWORD_PTR)L"THE-LINE", (DWORD_PTR)L"THE-ADVICE"};
        DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_ARGUMENT_ARRAY, m,
                                 event_ids[i], MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), buf,
                                 sizeof buf / sizeof buf[0], (va_list *)args);
        CU_ASSERT(n > 0);
        if (n == 0) {
            printf("event id %lu: FormatMessageW failed, error %lu\n", (unsigned long)event_ids[i],
                   (unsigned long)GetLastError());
            continue;
        }
        CU_ASSERT_PTR_NOT_NULL(wcsstr(buf, L"THE-LINE"));
        CU_ASSERT_PTR_NOT_NULL(wcsstr(buf, L"THE-ADVICE"));
    }
    wchar_t buf[2048];
    DWORD_PTR args[2] = {(DWORD_PTR)L"x", (DWORD_PTR)L"y"};
    FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_ARGUMENT_ARRAY, m, 1004, 0, buf,
                   2048, (va_list *)args);
    CU_ASSERT_PTR_NOT_NULL(wcsstr(buf, L"session_collision"));
}

/* logonshim.dll carries the message table too (LGS_DLL names it; CTest
 * sets it). */
static void test_dll_message_table(void)
{
    char path[MAX_PATH * 2];
    if (!lgs_test_dll_path(path, sizeof path)) {
        CU_PASS("LGS_DLL not set: run through CTest");
        return;
    }
    HMODULE m = LoadLibraryExA(path, NULL, LOAD_LIBRARY_AS_DATAFILE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    wchar_t buf[2048];
    DWORD_PTR args[2] = {(DWORD_PTR)L"THE-LINE", (DWORD_PTR)L"THE-ADVICE"};
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_ARGUMENT_ARRAY, m, 1014,
                             0, buf, 2048, (va_list *)args);
    CU_ASSERT(n > 0);
    CU_ASSERT(n > 0 && wcsstr(buf, L"SECURITY ALERT") != NULL && wcsstr(buf, L"THE-LINE") != NULL);
    FreeLibrary(m);
}

static void test_event_ids(void)
{
    lgs_record r;
    memset(&r, 0, sizeof r);
    r.kind = LGS_RECORD_ATTEMPT;
    r.cls = LGS_CLASS_SESSION_COLLISION;
    CU_ASSERT_EQUAL(lgs__eventlog_id(&r), 1004);
    r.cls = LGS_CLASS_SECURITY;
    CU_ASSERT_EQUAL(lgs__eventlog_id(&r), 1014);
    r.kind = LGS_RECORD_WINE_STUB;
    CU_ASSERT_EQUAL(lgs__eventlog_id(&r), 1100);
    r.kind = LGS_RECORD_SUPPRESSED;
    CU_ASSERT_EQUAL(lgs__eventlog_id(&r), 1101);
    r.kind = LGS_RECORD_SETTING;
    CU_ASSERT_EQUAL(lgs__eventlog_id(&r), 1102);
}

static void test_eventlog_sink(void)
{
    lt_setup();
    char why[256] = "";
    CU_ASSERT_EQUAL(lgs_log_configure("eventlog:logonshim-test"), 0);
    char buf[64];
    lgs_log_config_get("sinks", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "eventlog");
    lgs_log_config_get("eventlog.source", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "logonshim-test");
    unsigned long before_r, before_a, after_r, after_a;
    lgs__eventlog_counts(&before_r, &before_a);
    failure(1326, LGS_CLASS_CREDENTIALS);
    failure(0x80090302u, LGS_CLASS_SECURITY);
    lgs__log_wine_stub("LogonUserW", "fake token");
    lgs__eventlog_counts(&after_r, &after_a);
    /* One event per failed call, and the stub warning. */
    CU_ASSERT_EQUAL(after_r - before_r, 3);
    CU_ASSERT_EQUAL(after_a - before_a, 3); /* ReportEventW returned TRUE */
    CU_ASSERT_EQUAL(lt_count, 3);           /* the callback is still on */
    CU_ASSERT_EQUAL(lgs_log_config_set("log.sinks", "none", why, sizeof why), LGS_OK);
    failure(1326, LGS_CLASS_CREDENTIALS);
    lgs__eventlog_counts(&after_r, &after_a);
    CU_ASSERT_EQUAL(after_r - before_r, 3);
}

/* A call that is retried and then fails, through the engine: at the
 * default level (warning) the retried attempt is a warning and goes to the
 * Event Log like to every sink, so the call gives one Warning event per
 * retried attempt and one Error event, its outcome; log.level=error keeps
 * the Error event alone, one per failed call. A call that is not retried
 * gives one event whatever the level. */
static void test_eventlog_retried_call(void)
{
    lt_setup();
    CU_ASSERT_EQUAL(lgs_log_configure("eventlog:logonshim-test"), 0);
    unsigned long before_r, before_a, after_r, after_a;
    vt_script s;
    lgs__eventlog_counts(&before_r, &before_a);
    vt_script_repeat(&s, vt_win32(1366), 2); /* session_collision: retried once, then give_up */
    lgs_outcome o = lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    lgs__eventlog_counts(&after_r, &after_a);
    CU_ASSERT_EQUAL(o.decision, LGS_DECISION_GIVE_UP);
    CU_ASSERT_EQUAL(s.calls, 2);
    CU_ASSERT_EQUAL(after_r - before_r, 2);
    CU_ASSERT_EQUAL(after_a - before_a, 2);
    CU_ASSERT_EQUAL_FATAL(lt_count, 2);
    CU_ASSERT_EQUAL(lt_records[0].kind, LGS_RECORD_ATTEMPT);
    CU_ASSERT_EQUAL(lt_records[0].severity, LGS_SEVERITY_WARNING); /* EVENTLOG_WARNING_TYPE */
    CU_ASSERT_EQUAL(lt_records[1].kind, LGS_RECORD_OUTCOME);
    CU_ASSERT_EQUAL(lt_records[1].severity, LGS_SEVERITY_ERROR); /* EVENTLOG_ERROR_TYPE */
    /* A call that is not retried, through the engine: one event. */
    before_r = after_r;
    vt_script_repeat(&s, vt_win32(1326), 1);
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    lgs__eventlog_counts(&after_r, &after_a);
    CU_ASSERT_EQUAL(after_r - before_r, 1);
    /* log.level=error: the retried call is one event, its outcome. */
    CU_ASSERT_EQUAL(lgs_log_config_set("log.level", "error", NULL, 0), LGS_OK);
    before_r = after_r;
    vt_script_repeat(&s, vt_win32(1366), 2);
    lt_run(&s, "LogonUserW", NULL, "CONTOSO");
    lgs__eventlog_counts(&after_r, &after_a);
    CU_ASSERT_EQUAL(after_r - before_r, 1);
}

static void test_register_source(void)
{
    char why[256] = "";
    int rc = lgs_eventlog_register("logonshim-test", NULL, why, sizeof why);
    CU_ASSERT_EQUAL(rc, LGS_OK);
    if (rc != LGS_OK)
        printf("register: %s\n", why);
    HKEY k;
    LONG open = RegOpenKeyExW(HKEY_LOCAL_MACHINE,
                              L"SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\"
                              L"logonshim-test",
                              0, KEY_QUERY_VALUE, &k);
    CU_ASSERT_EQUAL_FATAL(open, ERROR_SUCCESS);
    wchar_t file[MAX_PATH], self[MAX_PATH];
    DWORD type = 0, size = sizeof file, types = 0, tsize = sizeof types;
    CU_ASSERT_EQUAL(RegQueryValueExW(k, L"EventMessageFile", NULL, &type, (BYTE *)file, &size),
                    ERROR_SUCCESS);
    CU_ASSERT_EQUAL(type, REG_EXPAND_SZ);
    GetModuleFileNameW(NULL, self, MAX_PATH);
    CU_ASSERT(_wcsicmp(file, self) == 0);
    CU_ASSERT_EQUAL(RegQueryValueExW(k, L"TypesSupported", NULL, &type, (BYTE *)&types, &tsize),
                    ERROR_SUCCESS);
    CU_ASSERT_EQUAL(type, REG_DWORD);
    CU_ASSERT_EQUAL(types, 7);
    RegCloseKey(k);
    CU_ASSERT_EQUAL(lgs_eventlog_unregister("logonshim-test", why, sizeof why), LGS_OK);
    CU_ASSERT_EQUAL(lgs_eventlog_unregister("logonshim-test", why, sizeof why), LGS_ENOTFOUND);
    CU_ASSERT_EQUAL(lgs_eventlog_register("bad\\name", NULL, why, sizeof why), LGS_EINVAL);
}

static wchar_t captured[8][1024];
static unsigned captured_count;

static void capture(void *ctx, const wchar_t *text)
{
    (void)ctx;
    if (captured_count < 8)
        wcsncpy(captured[captured_count], text, 1023);
    captured_count++;
}

static void test_debugger_sink(void)
{
    lt_setup();
    captured_count = 0;
    lgs__debugger_set_capture(capture, NULL);
    CU_ASSERT_EQUAL(lgs_log_configure("debugger"), 0);
    failure(1366, LGS_CLASS_SESSION_COLLISION);
    lgs__debugger_set_capture(NULL, NULL);
    CU_ASSERT_EQUAL_FATAL(captured_count, 1);
    CU_ASSERT_PTR_NOT_NULL(wcsstr(captured[0], L"logonshim: error: LogonUserW failed: "
                                               L"ERROR_LOGON_SESSION_COLLISION (1366, 0x556)"));
    size_t n = wcslen(captured[0]);
    CU_ASSERT(n > 0 && captured[0][n - 1] == L'\n');
}

static void test_jsonl_windows_path(void)
{
    lt_setup();
    wchar_t dir[MAX_PATH], wpath[MAX_PATH];
    GetTempPathW(MAX_PATH, dir);
    swprintf(wpath, MAX_PATH, L"%lslogonshim-test-%lu.jsonl", dir,
             (unsigned long)GetCurrentProcessId());
    DeleteFileW(wpath);
    char path[MAX_PATH * 3], spec[MAX_PATH * 3 + 16];
    WideCharToMultiByte(CP_UTF8, 0, wpath, -1, path, sizeof path, NULL, NULL);
    snprintf(spec, sizeof spec, "jsonl:%s", path);
    CU_ASSERT_EQUAL(lgs_log_configure(spec), 0);
    failure(1326, LGS_CLASS_CREDENTIALS);
    failure(1311, LGS_CLASS_TRANSIENT);
    lgs_log_reset(); /* closes the file */
    FILE *f = _wfopen(wpath, L"rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    unsigned lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += text[i] == '\n';
    CU_ASSERT_EQUAL(lines, 2);
    CU_ASSERT_PTR_NULL(strchr(text, '\r')); /* binary appends: no CR added */
    CU_ASSERT_EQUAL(strncmp(text, "{\"schema\":2,\"timestamp\":\"", 25), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"logonshim.code.name\":\"ERROR_LOGON_FAILURE\""));
    DeleteFileW(wpath);
}

int lgs_suite_log_win(void)
{
    static CU_TestInfo tests[] = {
        {"message table linked into the program", test_message_table_linked},
        {"FormatMessageW reads every event id", test_format_message},
        {"logonshim.dll has the message table", test_dll_message_table},
        {"event id per class and kind", test_event_ids},
        {"Event Log sink: ReportEventW succeeds", test_eventlog_sink},
        {"Event Log: a retried call, warnings and one error", test_eventlog_retried_call},
        {"register and unregister the source", test_register_source},
        {"debugger sink", test_debugger_sink},
        {"JSON lines file, Windows path", test_jsonl_windows_path},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("log_win", tests, lt_suite_setup, lt_suite_teardown);
}
