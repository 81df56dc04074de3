/* canary.c — the canary run: every wrapper is called with a known user,
 * domain and password, once for a failure of every class injected by the
 * fault script, with every sink on. Every record the callback receives and
 * everything the debugger sink sends (through its capture hook) is appended
 * to FILE; tests/log_test.sh then searches FILE, the JSON lines file, stderr
 * and the Event Log reports (WINEDEBUG=+eventlog) for the password, and for
 * the user and domain names when redaction is hash or omit.
 *
 *   lgs_canary FILE USER DOMAIN PASSWORD
 */
#ifndef SECURITY_WIN32
#define SECURITY_WIN32
#endif
#include <windows.h>
#include <ntsecapi.h>
#include <sspi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "log_win32.h"
#include "logonshim/logonshim.h"

static FILE *copies;
static unsigned records, calls, classes_injected;

static void copy_record(void *ctx, const lgs_record *r)
{
    (void)ctx;
    char text[4096], json[8192];
    lgs_record_format_text(r, text, sizeof text);
    lgs_record_format_json(r, json, sizeof json);
    fprintf(copies, "callback: %s\ncallback: %s\n", text, json);
    records++;
}

static void copy_debug(void *ctx, const wchar_t *text)
{
    (void)ctx;
    char utf8[8192];
    if (WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, sizeof utf8, NULL, NULL) > 0)
        fprintf(copies, "debugger: %s", utf8);
}

/* A code of class cls in space, or 0 when the catalogue has none there. */
static uint32_t code_of(lgs_space space, lgs_class cls)
{
    if (cls == LGS_CLASS_UNKNOWN)
        return space == LGS_SPACE_WIN32 ? 0xFFF0u
               : space == LGS_SPACE_NTSTATUS ? 0xC0FFFFF0u : 0x8009FFF0u;
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *row = lgs_catalogue_row(i);
        if (row->space == space && row->cls == cls)
            return row->value;
    }
    return 0;
}

static char user_a[128], domain_a[128], password_a[128];
static wchar_t user_w[128], domain_w[128], password_w[128];

typedef void (*call_fn)(void);

/* Each wrapper with the account where it takes one. */
static void c_logon_a(void)
{
    HANDLE t = NULL;
    lgs_LogonUserA(user_a, domain_a, password_a, LOGON32_LOGON_NETWORK,
                   LOGON32_PROVIDER_DEFAULT, &t);
}
static void c_logon_w(void)
{
    HANDLE t = NULL;
    lgs_LogonUserW(user_w, domain_w, password_w, LOGON32_LOGON_NETWORK,
                   LOGON32_PROVIDER_DEFAULT, &t);
}
static void c_logon_ex_a(void)
{
    HANDLE t = NULL;
    lgs_LogonUserExA(user_a, domain_a, password_a, LOGON32_LOGON_NETWORK,
                     LOGON32_PROVIDER_DEFAULT, &t, NULL, NULL, NULL, NULL);
}
static void c_logon_ex_w(void)
{
    HANDLE t = NULL;
    lgs_LogonUserExW(user_w, domain_w, password_w, LOGON32_LOGON_NETWORK,
                     LOGON32_PROVIDER_DEFAULT, &t, NULL, NULL, NULL, NULL);
}
static void c_impersonate_user(void)
{
    lgs_ImpersonateLoggedOnUser(NULL);
}
/* The credential's target is a server, logged as the authority like an
 * SPN; the account and the password are in the credential. */
static wchar_t cred_target[] = L"fileserver.canary";
static void c_cred_read(void)
{
    PCREDENTIALW c = NULL;
    lgs_CredReadW(cred_target, CRED_TYPE_DOMAIN_PASSWORD, 0, &c);
}
/* The credential carries the password: no byte of it may reach a sink. */
static void c_cred_write(void)
{
    CREDENTIALW c = {.Type = CRED_TYPE_DOMAIN_PASSWORD, .TargetName = cred_target, .UserName = user_w,
                     .CredentialBlobSize = (DWORD)(wcslen(password_w) * sizeof(wchar_t)),
                     .CredentialBlob = (LPBYTE)password_w, .Persist = CRED_PERSIST_SESSION};
    lgs_CredWriteW(&c, 0);
}
/* The account and the password, through a process call. */
static void c_with_logon(void)
{
    STARTUPINFOW si = {.cb = sizeof si};
    PROCESS_INFORMATION pi;
    wchar_t app[] = L"C:\\logonshim-none\\x.exe";
    lgs_CreateProcessWithLogonW(user_w, domain_w, password_w, 0, app, NULL, 0, NULL, NULL, &si, &pi);
}
static void c_lsa_connect(void)
{
    HANDLE h = NULL;
    lgs_LsaConnectUntrusted(&h);
}
static void c_lsa_register(void)
{
    char name[] = "canary";
    LSA_STRING s = {6, 7, name};
    HANDLE h = NULL;
    LSA_OPERATIONAL_MODE mode = 0;
    lgs_LsaRegisterLogonProcess(&s, &h, &mode);
}
static void c_lsa_deregister(void)
{
    lgs_LsaDeregisterLogonProcess(NULL);
}
static void c_lsa_lookup(void)
{
    char name[] = "Kerberos";
    LSA_STRING s = {8, 9, name};
    ULONG pkg = 0;
    lgs_LsaLookupAuthenticationPackage(NULL, &s, &pkg);
}

/* MSV1_0_INTERACTIVE_LOGON with its strings inside the same buffer. */
typedef struct interactive {
    ULONG type;
    UNICODE_STRING domain, user, password;
    wchar_t data[384];
} interactive;

static void put_string(UNICODE_STRING *s, wchar_t **at, const wchar_t *text)
{
    size_t n = wcslen(text);
    memcpy(*at, text, n * sizeof(wchar_t));
    s->Buffer = *at;
    s->Length = (USHORT)(n * sizeof(wchar_t));
    s->MaximumLength = s->Length;
    *at += n;
}

static void c_lsa_logon(void)
{
    interactive il;
    memset(&il, 0, sizeof il);
    il.type = 2; /* MsV1_0InteractiveLogon */
    wchar_t *at = il.data;
    put_string(&il.domain, &at, domain_w);
    put_string(&il.user, &at, user_w);
    put_string(&il.password, &at, password_w);
    char origin_name[] = "canary";
    LSA_STRING origin = {6, 7, origin_name};
    TOKEN_SOURCE source;
    memset(&source, 0, sizeof source);
    memcpy(source.SourceName, "canary", 6);
    PVOID profile = NULL;
    ULONG profile_len = 0;
    LUID luid = {0, 0};
    HANDLE token = NULL;
    QUOTA_LIMITS quotas;
    NTSTATUS sub = 0;
    lgs_LsaLogonUser(NULL, &origin, Network, 0, &il, (ULONG)sizeof il, NULL, &source, &profile,
                     &profile_len, &luid, &token, &quotas, &sub);
}
static void c_lsa_call(void)
{
    char buf[64];
    memcpy(buf, password_a, strlen(password_a) < sizeof buf ? strlen(password_a) : sizeof buf);
    PVOID ret = NULL;
    ULONG ret_len = 0;
    NTSTATUS proto = 0;
    lgs_LsaCallAuthenticationPackage(NULL, 0, buf, sizeof buf, &ret, &ret_len, &proto);
}
static void c_lsa_session_data(void)
{
    LUID luid = {999, 0};
    PSECURITY_LOGON_SESSION_DATA d = NULL;
    lgs_LsaGetLogonSessionData(&luid, &d);
}
static void c_lsa_enumerate(void)
{
    ULONG n = 0;
    PLUID list = NULL;
    lgs_LsaEnumerateLogonSessions(&n, &list);
}
static void c_lsa_free(void)
{
    lgs_LsaFreeReturnBuffer(NULL);
}

static void c_ach_a(void)
{
    SEC_WINNT_AUTH_IDENTITY_A id = {(unsigned char *)user_a, (unsigned long)strlen(user_a),
                                    (unsigned char *)domain_a, (unsigned long)strlen(domain_a),
                                    (unsigned char *)password_a, (unsigned long)strlen(password_a),
                                    SEC_WINNT_AUTH_IDENTITY_ANSI};
    CredHandle cred;
    TimeStamp ts;
    char pkg[] = "Negotiate";
    lgs_AcquireCredentialsHandleA(NULL, pkg, SECPKG_CRED_OUTBOUND, NULL, &id, NULL, NULL, &cred,
                                  &ts);
}
static void c_ach_w(void)
{
    SEC_WINNT_AUTH_IDENTITY_W id = {(unsigned short *)user_w, (unsigned long)wcslen(user_w),
                                    (unsigned short *)domain_w, (unsigned long)wcslen(domain_w),
                                    (unsigned short *)password_w, (unsigned long)wcslen(password_w),
                                    SEC_WINNT_AUTH_IDENTITY_UNICODE};
    CredHandle cred;
    TimeStamp ts;
    wchar_t pkg[] = L"Negotiate";
    lgs_AcquireCredentialsHandleW(NULL, pkg, SECPKG_CRED_OUTBOUND, NULL, &id, NULL, NULL, &cred,
                                  &ts);
}
static CredHandle zero_cred;
static CtxtHandle zero_ctx;
static void c_isc_a(void)
{
    char target[] = "host/canary-target";
    CtxtHandle out;
    unsigned long attrs = 0;
    lgs_InitializeSecurityContextA(&zero_cred, NULL, target, 0, 0, SECURITY_NATIVE_DREP, NULL, 0,
                                   &out, NULL, &attrs, NULL);
}
static void c_isc_w(void)
{
    wchar_t target[] = L"host/canary-target";
    CtxtHandle out;
    unsigned long attrs = 0;
    lgs_InitializeSecurityContextW(&zero_cred, NULL, target, 0, 0, SECURITY_NATIVE_DREP, NULL, 0,
                                   &out, NULL, &attrs, NULL);
}
static void c_asc(void)
{
    CtxtHandle out;
    unsigned long attrs = 0;
    lgs_AcceptSecurityContext(&zero_cred, NULL, NULL, 0, SECURITY_NATIVE_DREP, &out, NULL, &attrs,
                              NULL);
}
static void c_complete(void)
{
    lgs_CompleteAuthToken(&zero_ctx, NULL);
}
static void c_query_a(void)
{
    SecPkgContext_Sizes sizes;
    lgs_QueryContextAttributesA(&zero_ctx, SECPKG_ATTR_SIZES, &sizes);
}
static void c_query_w(void)
{
    SecPkgContext_Sizes sizes;
    lgs_QueryContextAttributesW(&zero_ctx, SECPKG_ATTR_SIZES, &sizes);
}
static void c_impersonate(void)
{
    lgs_ImpersonateSecurityContext(&zero_ctx);
}
static void c_revert(void)
{
    lgs_RevertSecurityContext(&zero_ctx);
}
static void c_delete(void)
{
    lgs_DeleteSecurityContext(&zero_ctx);
}
static void c_free_cred(void)
{
    lgs_FreeCredentialsHandle(&zero_cred);
}
static void c_pkg_info_a(void)
{
    char pkg[] = "Negotiate";
    PSecPkgInfoA info = NULL;
    lgs_QuerySecurityPackageInfoA(pkg, &info);
}
static void c_pkg_info_w(void)
{
    wchar_t pkg[] = L"Negotiate";
    PSecPkgInfoW info = NULL;
    lgs_QuerySecurityPackageInfoW(pkg, &info);
}
static void c_enum_a(void)
{
    unsigned long n = 0;
    PSecPkgInfoA info = NULL;
    lgs_EnumerateSecurityPackagesA(&n, &info);
}
static void c_enum_w(void)
{
    unsigned long n = 0;
    PSecPkgInfoW info = NULL;
    lgs_EnumerateSecurityPackagesW(&n, &info);
}
static void c_free_buffer(void)
{
    lgs_FreeContextBuffer(NULL);
}

static const struct {
    const char *api;
    lgs_space space;
    call_fn fn;
} wrappers[] = {
    {"LogonUserA", LGS_SPACE_WIN32, c_logon_a},
    {"LogonUserW", LGS_SPACE_WIN32, c_logon_w},
    {"LogonUserExA", LGS_SPACE_WIN32, c_logon_ex_a},
    {"LogonUserExW", LGS_SPACE_WIN32, c_logon_ex_w},
    {"ImpersonateLoggedOnUser", LGS_SPACE_WIN32, c_impersonate_user},
    {"CredReadW", LGS_SPACE_WIN32, c_cred_read},
    {"CredWriteW", LGS_SPACE_WIN32, c_cred_write},
    {"CreateProcessWithLogonW", LGS_SPACE_WIN32, c_with_logon},
    {"LsaConnectUntrusted", LGS_SPACE_NTSTATUS, c_lsa_connect},
    {"LsaRegisterLogonProcess", LGS_SPACE_NTSTATUS, c_lsa_register},
    {"LsaDeregisterLogonProcess", LGS_SPACE_NTSTATUS, c_lsa_deregister},
    {"LsaLookupAuthenticationPackage", LGS_SPACE_NTSTATUS, c_lsa_lookup},
    {"LsaLogonUser", LGS_SPACE_NTSTATUS, c_lsa_logon},
    {"LsaCallAuthenticationPackage", LGS_SPACE_NTSTATUS, c_lsa_call},
    {"LsaGetLogonSessionData", LGS_SPACE_NTSTATUS, c_lsa_session_data},
    {"LsaEnumerateLogonSessions", LGS_SPACE_NTSTATUS, c_lsa_enumerate},
    {"LsaFreeReturnBuffer", LGS_SPACE_NTSTATUS, c_lsa_free},
    {"AcquireCredentialsHandleA", LGS_SPACE_SECURITY, c_ach_a},
    {"AcquireCredentialsHandleW", LGS_SPACE_SECURITY, c_ach_w},
    {"InitializeSecurityContextA", LGS_SPACE_SECURITY, c_isc_a},
    {"InitializeSecurityContextW", LGS_SPACE_SECURITY, c_isc_w},
    {"AcceptSecurityContext", LGS_SPACE_SECURITY, c_asc},
    {"CompleteAuthToken", LGS_SPACE_SECURITY, c_complete},
    {"QueryContextAttributesA", LGS_SPACE_SECURITY, c_query_a},
    {"QueryContextAttributesW", LGS_SPACE_SECURITY, c_query_w},
    {"ImpersonateSecurityContext", LGS_SPACE_SECURITY, c_impersonate},
    {"RevertSecurityContext", LGS_SPACE_SECURITY, c_revert},
    {"DeleteSecurityContext", LGS_SPACE_SECURITY, c_delete},
    {"FreeCredentialsHandle", LGS_SPACE_SECURITY, c_free_cred},
    {"QuerySecurityPackageInfoA", LGS_SPACE_SECURITY, c_pkg_info_a},
    {"QuerySecurityPackageInfoW", LGS_SPACE_SECURITY, c_pkg_info_w},
    {"EnumerateSecurityPackagesA", LGS_SPACE_SECURITY, c_enum_a},
    {"EnumerateSecurityPackagesW", LGS_SPACE_SECURITY, c_enum_w},
    {"FreeContextBuffer", LGS_SPACE_SECURITY, c_free_buffer},
};

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: lgs_canary FILE USER DOMAIN PASSWORD\n");
        return 2;
    }
    snprintf(user_a, sizeof user_a, "%s", argv[2]);
    snprintf(domain_a, sizeof domain_a, "%s", argv[3]);
    snprintf(password_a, sizeof password_a, "%s", argv[4]);
    MultiByteToWideChar(CP_UTF8, 0, user_a, -1, user_w, 128);
    MultiByteToWideChar(CP_UTF8, 0, domain_a, -1, domain_w, 128);
    MultiByteToWideChar(CP_UTF8, 0, password_a, -1, password_w, 128);
    copies = fopen(argv[1], "ab");
    if (copies == NULL)
        return 2;
    lgs_log_set_callback(copy_record, NULL);
    lgs__debugger_set_capture(copy_debug, NULL);
    /* No breaker or lockout fail-fasts: every call reaches the injector. */
    lgs_config_set("breaker.threshold", "0", NULL, 0);
    lgs_config_set("lockout.threshold", "0", NULL, 0);
    for (size_t w = 0; w < sizeof wrappers / sizeof wrappers[0]; w++) {
        for (int cls = LGS_CLASS_CONTINUE + 1; cls < LGS_CLASS_COUNT_; cls++) {
            uint32_t code = code_of(wrappers[w].space, (lgs_class)cls);
            if (code == 0)
                continue;
            char spec[128], why[256];
            snprintf(spec, sizeof spec, "%s=0x%08lX*8", wrappers[w].api, (unsigned long)code);
            if (lgs_faults_set(spec, why, sizeof why) != LGS_OK) {
                fprintf(stderr, "canary: %s: %s\n", spec, why);
                return 1;
            }
            wrappers[w].fn();
            calls++;
            classes_injected++;
        }
    }
    lgs_faults_clear();
    lgs_log_flush();
    lgs_log_set_callback(NULL, NULL);
    lgs__debugger_set_capture(NULL, NULL);
    fclose(copies);
    printf("canary: %u wrappers, %u calls, %u records\n",
           (unsigned)(sizeof wrappers / sizeof wrappers[0]), calls, records);
    return records > 0 ? 0 : 1;
}
