/* demo.c — logonshim-demo: real SSPI and logon calls on this system (under
 * Wine in the README's demo), each result explained by the logonshim
 * catalogue: what the code is, its class, the default action and the
 * guidance summary. Nothing here is simulated: the codes come from the
 * system's secur32 and advapi32. */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdio.h>

#include "logonshim/logonshim.h"

static void explain(const char *what, lgs_space space, uint32_t value)
{
    const lgs_code_info *info = lgs_code_lookup(space, value);
    lgs_class cls = lgs_classify(space, value);
    printf("%s\n", what);
    printf("  -> %s (0x%08lX, %s)\n", info != NULL ? info->name : "(not in the catalogue)",
           (unsigned long)value, lgs_space_name(space));
    printf("     class %s, default action %s\n", lgs_class_name(cls),
           lgs_action_name(lgs_class_default_action(cls)));
    printf("     %s\n\n", lgs_guidance_for(space, value)->summary);
}

static void acquire(const char *label, wchar_t *package, unsigned long use)
{
    CredHandle cred;
    TimeStamp expiry;
    SECURITY_STATUS st = AcquireCredentialsHandleW(NULL, package, use, NULL, NULL, NULL, NULL,
                                                   &cred, &expiry);
    if (st == SEC_E_OK)
        FreeCredentialsHandle(&cred);
    explain(label, LGS_SPACE_SECURITY, (uint32_t)st);
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll");
    FARPROC wine_version = ntdll != NULL ? GetProcAddress(ntdll, "wine_get_version") : NULL;
    printf("logonshim %s demo: %lu codes in the catalogue; running on %s\n\n", LGS_VERSION_STRING,
           (unsigned long)lgs_catalogue_count(), wine_version != NULL ? "Wine" : "Windows");

    unsigned long count = 0;
    PSecPkgInfoW pkgs = NULL;
    SECURITY_STATUS st = EnumerateSecurityPackagesW(&count, &pkgs);
    printf("EnumerateSecurityPackagesW: %lu packages:", count);
    for (unsigned long i = 0; st == SEC_E_OK && i < count; i++)
        printf(" %ls%s", pkgs[i].Name, i + 1 < count ? "," : "\n\n");
    if (pkgs != NULL)
        FreeContextBuffer(pkgs);

    acquire("AcquireCredentialsHandleW(Negotiate, outbound, default credentials)",
            L"Negotiate", SECPKG_CRED_OUTBOUND);
    acquire("AcquireCredentialsHandleW(Kerberos, outbound, default credentials)",
            L"Kerberos", SECPKG_CRED_OUTBOUND);
    acquire("AcquireCredentialsHandleW(NTLM, outbound, default credentials)",
            L"NTLM", SECPKG_CRED_OUTBOUND);

    PSecPkgInfoW info = NULL;
    st = QuerySecurityPackageInfoW(L"NoSuchPackage", &info);
    if (st == SEC_E_OK)
        FreeContextBuffer(info);
    explain("QuerySecurityPackageInfoW(\"NoSuchPackage\")", LGS_SPACE_SECURITY, (uint32_t)st);

    CredHandle nocred = {0, 0};
    CtxtHandle ctx;
    SecBuffer out_buf = {0, SECBUFFER_TOKEN, NULL};
    SecBufferDesc out_desc = {SECBUFFER_VERSION, 1, &out_buf};
    unsigned long attrs = 0;
    st = InitializeSecurityContextW(&nocred, NULL, L"host/localhost", ISC_REQ_ALLOCATE_MEMORY, 0,
                                    SECURITY_NATIVE_DREP, NULL, 0, &ctx, &out_desc, &attrs, NULL);
    if (out_buf.pvBuffer != NULL)
        FreeContextBuffer(out_buf.pvBuffer);
    explain("InitializeSecurityContextW(zeroed credential handle)", LGS_SPACE_SECURITY, (uint32_t)st);

    HANDLE token = NULL;
    BOOL ok = LogonUserW(L"logonshim-nobody", L".", L"not-a-password", LOGON32_LOGON_NETWORK,
                         LOGON32_PROVIDER_DEFAULT, &token);
    DWORD err = ok ? ERROR_SUCCESS : GetLastError();
    explain("LogonUserW(unknown user, network logon)", LGS_SPACE_WIN32, err);
    if (ok && wine_version != NULL)
        printf("  note: Wine's LogonUserW is a stub: it returns TRUE with a fake token for any\n"
               "        user. Windows returns FALSE with ERROR_LOGON_FAILURE (1326) here.\n\n");
    if (ok && token != NULL)
        CloseHandle(token);
    return 0;
}
