/* wrappers.h — lgs_<Api>: the wrapped Windows logon, LSA and SSPI calls.
 *
 * Each wrapper has exactly the signature and calling convention of the API it
 * wraps and the same result contract: the same return value and the same
 * GetLastError() as the last attempt made, outputs written only on success
 * (LsaLogonUser's SubStatus excepted: it is written on failure too, as the API
 * does, because that is when it matters), nothing left open on failure.
 * Between those two ends the call goes through the policy engine (retries by
 * class, backoff, deadline, budget, breaker, lockout guard), the fault
 * injector (LOGONSHIM_FAULTS, faults.h) and the logs (record.h); the calling
 * thread's last failure is in lgs_last_failure().
 *
 * A required pointer left NULL that Wine 8 would dereference (LogonUserA/W's
 * phToken, LsaRegisterLogonProcess's and
 * LsaLookupAuthenticationPackage's name, LsaGetLogonSessionData's LogonId,
 * QuerySecurityPackageInfo's package name) is refused before any attempt
 * with the API's parameter error (ERROR_INVALID_PARAMETER,
 * STATUS_INVALID_PARAMETER, SEC_E_INVALID_PARAMETER). An optional output
 * left NULL gets nothing, and what the call produced for it is released.
 *
 * SEC_I_CONTINUE_NEEDED and the other `continue` codes are the handshake, not
 * failures: they pass straight through. LogonUserExA/W are resolved at run
 * time; where the system lacks them the wrapper returns FALSE with
 * ERROR_PROC_NOT_FOUND and logs why.
 *
 * Include this through logonshim/logonshim.h. To keep the API names in your
 * code, include logonshim/dropin.h after <windows.h> instead of renaming.
 */
#ifndef LOGONSHIM_WRAPPERS_H
#define LOGONSHIM_WRAPPERS_H

#ifdef _WIN32

#ifndef SECURITY_WIN32
#define SECURITY_WIN32
#endif
#include <windows.h>
#include <ntsecapi.h>
#include <sspi.h>
#include <wincred.h>

#include "logonshim/export.h"

/* Under dropin.h the SDK's SSPI header has already declared the lgs_ names
 * (renamed), some of them without dllimport; the declarations below add it
 * for a program that links logonshim.dll. That is consistent for the
 * linker (the import library has both forms), but MSVC-compatible
 * compilers warn about it (C4273, -Wdll-attribute-on-redeclaration). */
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdll-attribute-on-redeclaration"
#elif defined(_MSC_VER)
#pragma warning(push)
#pragma warning(disable : 4273)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- LogonUser (advapi32): BOOL, Win32 codes through GetLastError ---- */

/** LogonUserA through the shim. */
LGS_API BOOL WINAPI lgs_LogonUserA(LPCSTR lpszUsername, LPCSTR lpszDomain, LPCSTR lpszPassword,
                                   DWORD dwLogonType, DWORD dwLogonProvider, PHANDLE phToken);
/** LogonUserW through the shim. */
LGS_API BOOL WINAPI lgs_LogonUserW(LPCWSTR lpszUsername, LPCWSTR lpszDomain, LPCWSTR lpszPassword,
                                   DWORD dwLogonType, DWORD dwLogonProvider, PHANDLE phToken);
/** LogonUserExA through the shim (resolved at run time). */
LGS_API BOOL WINAPI lgs_LogonUserExA(LPCSTR lpszUsername, LPCSTR lpszDomain, LPCSTR lpszPassword,
                                     DWORD dwLogonType, DWORD dwLogonProvider, PHANDLE phToken,
                                     PSID *ppLogonSid, PVOID *ppProfileBuffer, LPDWORD pdwProfileLength,
                                     PQUOTA_LIMITS pQuotaLimits);
/** LogonUserExW through the shim (resolved at run time). */
LGS_API BOOL WINAPI lgs_LogonUserExW(LPCWSTR lpszUsername, LPCWSTR lpszDomain, LPCWSTR lpszPassword,
                                     DWORD dwLogonType, DWORD dwLogonProvider, PHANDLE phToken,
                                     PSID *ppLogonSid, PVOID *ppProfileBuffer, LPDWORD pdwProfileLength,
                                     PQUOTA_LIMITS pQuotaLimits);

/* ---- tokens and stored credentials (advapi32): BOOL, Win32 codes ---- */

/** ImpersonateLoggedOnUser through the shim. */
LGS_API BOOL WINAPI lgs_ImpersonateLoggedOnUser(HANDLE hToken);
/** CredReadW through the shim: *Credential as the last attempt left it (free
 *  it with CredFree); a retried attempt's credential is freed. A 1312
 *  (ERROR_NO_SUCH_LOGON_SESSION: a network logon has no credential store)
 *  is never retried and its record says so. */
LGS_API BOOL WINAPI lgs_CredReadW(LPCWSTR TargetName, DWORD Type, DWORD Flags, PCREDENTIALW *Credential);
/** CredWriteW through the shim: as lgs_CredReadW; of the credential only
 *  its target name reaches a record (never the blob). */
LGS_API BOOL WINAPI lgs_CredWriteW(PCREDENTIALW Credential, DWORD Flags);

/** CreateProcessAsUserA through the shim: *lpProcessInformation as the
 *  last attempt left it; a retried attempt's process and thread handles are
 *  closed, and a created process is never created again. */
LGS_API BOOL WINAPI lgs_CreateProcessAsUserA(HANDLE hToken, LPCSTR lpApplicationName, LPSTR lpCommandLine,
                                             LPSECURITY_ATTRIBUTES lpProcessAttributes,
                                             LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
                                             DWORD dwCreationFlags, LPVOID lpEnvironment,
                                             LPCSTR lpCurrentDirectory, LPSTARTUPINFOA lpStartupInfo,
                                             LPPROCESS_INFORMATION lpProcessInformation);
/** CreateProcessAsUserW through the shim: as the A form. */
LGS_API BOOL WINAPI lgs_CreateProcessAsUserW(HANDLE hToken, LPCWSTR lpApplicationName, LPWSTR lpCommandLine,
                                             LPSECURITY_ATTRIBUTES lpProcessAttributes,
                                             LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles,
                                             DWORD dwCreationFlags, LPVOID lpEnvironment,
                                             LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo,
                                             LPPROCESS_INFORMATION lpProcessInformation);
/** CreateProcessWithLogonW through the shim: the account goes to the
 *  lockout guard (credential failures are never retried); the password
 *  reaches no record. FALSE with a last error of 0 (Wine, unknown user)
 *  reaches the caller as it is. */
LGS_API BOOL WINAPI lgs_CreateProcessWithLogonW(LPCWSTR lpUsername, LPCWSTR lpDomain, LPCWSTR lpPassword,
                                                DWORD dwLogonFlags, LPCWSTR lpApplicationName,
                                                LPWSTR lpCommandLine, DWORD dwCreationFlags, LPVOID lpEnvironment,
                                                LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo,
                                                LPPROCESS_INFORMATION lpProcessInformation);
/** CreateProcessWithTokenW through the shim: as lgs_CreateProcessAsUserW. */
LGS_API BOOL WINAPI lgs_CreateProcessWithTokenW(HANDLE hToken, DWORD dwLogonFlags, LPCWSTR lpApplicationName,
                                                LPWSTR lpCommandLine, DWORD dwCreationFlags, LPVOID lpEnvironment,
                                                LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo,
                                                LPPROCESS_INFORMATION lpProcessInformation);

/* ---- LSA (secur32/sspicli): NTSTATUS ---- */

/** LsaConnectUntrusted through the shim. */
LGS_API NTSTATUS NTAPI lgs_LsaConnectUntrusted(PHANDLE LsaHandle);
/** LsaRegisterLogonProcess through the shim. */
LGS_API NTSTATUS NTAPI lgs_LsaRegisterLogonProcess(PLSA_STRING LogonProcessName, PHANDLE LsaHandle,
                                                   PLSA_OPERATIONAL_MODE SecurityMode);
/** LsaDeregisterLogonProcess through the shim. */
LGS_API NTSTATUS NTAPI lgs_LsaDeregisterLogonProcess(HANDLE LsaHandle);
/** LsaLookupAuthenticationPackage through the shim. */
LGS_API NTSTATUS NTAPI lgs_LsaLookupAuthenticationPackage(HANDLE LsaHandle, PLSA_STRING PackageName,
                                                          PULONG AuthenticationPackage);
/** LsaLogonUser through the shim; SubStatus is recorded in the failure record. */
LGS_API NTSTATUS NTAPI lgs_LsaLogonUser(HANDLE LsaHandle, PLSA_STRING OriginName,
                                        SECURITY_LOGON_TYPE LogonType, ULONG AuthenticationPackage,
                                        PVOID AuthenticationInformation,
                                        ULONG AuthenticationInformationLength, PTOKEN_GROUPS LocalGroups,
                                        PTOKEN_SOURCE SourceContext, PVOID *ProfileBuffer,
                                        PULONG ProfileBufferLength, PLUID LogonId, PHANDLE Token,
                                        PQUOTA_LIMITS Quotas, PNTSTATUS SubStatus);
/** LsaCallAuthenticationPackage through the shim; ProtocolStatus is recorded. */
LGS_API NTSTATUS NTAPI lgs_LsaCallAuthenticationPackage(HANDLE LsaHandle, ULONG AuthenticationPackage,
                                                        PVOID ProtocolSubmitBuffer, ULONG SubmitBufferLength,
                                                        PVOID *ProtocolReturnBuffer,
                                                        PULONG ReturnBufferLength, PNTSTATUS ProtocolStatus);
/** LsaGetLogonSessionData through the shim. */
LGS_API NTSTATUS NTAPI lgs_LsaGetLogonSessionData(PLUID LogonId,
                                                  PSECURITY_LOGON_SESSION_DATA *ppLogonSessionData);
/** LsaEnumerateLogonSessions through the shim. */
LGS_API NTSTATUS NTAPI lgs_LsaEnumerateLogonSessions(PULONG LogonSessionCount, PLUID *LogonSessionList);
/** LsaFreeReturnBuffer through the shim. */
LGS_API NTSTATUS NTAPI lgs_LsaFreeReturnBuffer(PVOID Buffer);

/* ---- SSPI (secur32): SECURITY_STATUS ---- */

/** AcquireCredentialsHandleA through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_AcquireCredentialsHandleA(
    SEC_CHAR *pszPrincipal, SEC_CHAR *pszPackage, unsigned long fCredentialUse, void *pvLogonId,
    void *pAuthData, SEC_GET_KEY_FN pGetKeyFn, void *pvGetKeyArgument, PCredHandle phCredential,
    PTimeStamp ptsExpiry);
/** AcquireCredentialsHandleW through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_AcquireCredentialsHandleW(
    SEC_WCHAR *pszPrincipal, SEC_WCHAR *pszPackage, unsigned long fCredentialUse, void *pvLogonId,
    void *pAuthData, SEC_GET_KEY_FN pGetKeyFn, void *pvGetKeyArgument, PCredHandle phCredential,
    PTimeStamp ptsExpiry);
/** InitializeSecurityContextA through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_InitializeSecurityContextA(
    PCredHandle phCredential, PCtxtHandle phContext, SEC_CHAR *pszTargetName, unsigned long fContextReq,
    unsigned long Reserved1, unsigned long TargetDataRep, PSecBufferDesc pInput, unsigned long Reserved2,
    PCtxtHandle phNewContext, PSecBufferDesc pOutput, unsigned long *pfContextAttr, PTimeStamp ptsExpiry);
/** InitializeSecurityContextW through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_InitializeSecurityContextW(
    PCredHandle phCredential, PCtxtHandle phContext, SEC_WCHAR *pszTargetName, unsigned long fContextReq,
    unsigned long Reserved1, unsigned long TargetDataRep, PSecBufferDesc pInput, unsigned long Reserved2,
    PCtxtHandle phNewContext, PSecBufferDesc pOutput, unsigned long *pfContextAttr, PTimeStamp ptsExpiry);
/** AcceptSecurityContext through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_AcceptSecurityContext(
    PCredHandle phCredential, PCtxtHandle phContext, PSecBufferDesc pInput, unsigned long fContextReq,
    unsigned long TargetDataRep, PCtxtHandle phNewContext, PSecBufferDesc pOutput,
    unsigned long *pfContextAttr, PTimeStamp ptsExpiry);
/** CompleteAuthToken through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_CompleteAuthToken(PCtxtHandle phContext, PSecBufferDesc pToken);
/** QueryContextAttributesA through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_QueryContextAttributesA(PCtxtHandle phContext, unsigned long ulAttribute,
                                                           void *pBuffer);
/** QueryContextAttributesW through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_QueryContextAttributesW(PCtxtHandle phContext, unsigned long ulAttribute,
                                                           void *pBuffer);
/** ImpersonateSecurityContext through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_ImpersonateSecurityContext(PCtxtHandle phContext);
/** RevertSecurityContext through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_RevertSecurityContext(PCtxtHandle phContext);
/** DeleteSecurityContext through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_DeleteSecurityContext(PCtxtHandle phContext);
/** EncryptMessage through the shim: one attempt whatever the class (it
 *  advances the sequence number); the buffers are encrypted in place. */
LGS_API SECURITY_STATUS WINAPI lgs_EncryptMessage(PCtxtHandle phContext, unsigned long fQOP,
                                                  PSecBufferDesc pMessage, unsigned long MessageSeqNo);
/** DecryptMessage through the shim: never repeated (it consumes the
 *  message); SEC_E_MESSAGE_ALTERED and SEC_E_OUT_OF_SEQUENCE raise an alert
 *  record. */
LGS_API SECURITY_STATUS WINAPI lgs_DecryptMessage(PCtxtHandle phContext, PSecBufferDesc pMessage,
                                                  unsigned long MessageSeqNo, unsigned long *pfQOP);
/** MakeSignature through the shim: one attempt whatever the class. */
LGS_API SECURITY_STATUS WINAPI lgs_MakeSignature(PCtxtHandle phContext, unsigned long fQOP,
                                                 PSecBufferDesc pMessage, unsigned long MessageSeqNo);
/** VerifySignature through the shim: one attempt whatever the class. */
LGS_API SECURITY_STATUS WINAPI lgs_VerifySignature(PCtxtHandle phContext, PSecBufferDesc pMessage,
                                                   unsigned long MessageSeqNo, unsigned long *pfQOP);
/** InitSecurityInterfaceW through the shim: the system's SSPI function
 *  table with every wrapped entry replaced by its wrapper (the others stay
 *  the system's), built once per process. NULL when the system gives no
 *  table. */
LGS_API PSecurityFunctionTableW WINAPI lgs_InitSecurityInterfaceW(void);
/** InitSecurityInterfaceA through the shim: as lgs_InitSecurityInterfaceW,
 *  with the A entries. */
LGS_API PSecurityFunctionTableA WINAPI lgs_InitSecurityInterfaceA(void);
/** FreeCredentialsHandle through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_FreeCredentialsHandle(PCredHandle phCredential);
/** QuerySecurityPackageInfoA through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_QuerySecurityPackageInfoA(SEC_CHAR *pszPackageName,
                                                             PSecPkgInfoA *ppPackageInfo);
/** QuerySecurityPackageInfoW through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_QuerySecurityPackageInfoW(SEC_WCHAR *pszPackageName,
                                                             PSecPkgInfoW *ppPackageInfo);
/** EnumerateSecurityPackagesA through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_EnumerateSecurityPackagesA(unsigned long *pcPackages,
                                                              PSecPkgInfoA *ppPackageInfo);
/** EnumerateSecurityPackagesW through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_EnumerateSecurityPackagesW(unsigned long *pcPackages,
                                                              PSecPkgInfoW *ppPackageInfo);
/** FreeContextBuffer through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_FreeContextBuffer(void *pvContextBuffer);
/** QueryCredentialsAttributesA through the shim: the API writes pBuffer
 *  directly; a buffer it allocates is the caller's to FreeContextBuffer. */
LGS_API SECURITY_STATUS WINAPI lgs_QueryCredentialsAttributesA(PCredHandle phCredential,
                                                               unsigned long ulAttribute, void *pBuffer);
/** QueryCredentialsAttributesW through the shim: as the A form. */
LGS_API SECURITY_STATUS WINAPI lgs_QueryCredentialsAttributesW(PCredHandle phCredential,
                                                               unsigned long ulAttribute, void *pBuffer);
/** SetContextAttributesA through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_SetContextAttributesA(PCtxtHandle phContext, unsigned long ulAttribute,
                                                         void *pBuffer, unsigned long cbBuffer);
/** SetContextAttributesW through the shim. */
LGS_API SECURITY_STATUS WINAPI lgs_SetContextAttributesW(PCtxtHandle phContext, unsigned long ulAttribute,
                                                         void *pBuffer, unsigned long cbBuffer);
/** QuerySecurityContextToken through the shim: *Token as the last attempt
 *  left it; a retried attempt's token is closed. */
LGS_API SECURITY_STATUS WINAPI lgs_QuerySecurityContextToken(PCtxtHandle phContext, HANDLE *Token);
/** ApplyControlToken through the shim: one attempt whatever the class (it
 *  changes the context's state, e.g. Schannel's shutdown). */
LGS_API SECURITY_STATUS WINAPI lgs_ApplyControlToken(PCtxtHandle phContext, PSecBufferDesc pInput);

#ifdef __cplusplus
}
#endif

#if defined(__clang__)
#pragma clang diagnostic pop
#elif defined(_MSC_VER)
#pragma warning(pop)
#endif

#endif /* _WIN32 */
#endif
