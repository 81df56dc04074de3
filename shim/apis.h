/* apis.h — the Windows APIs logonshim wraps, as data: each one's name, the
 * code space its result is in (a BOOL API reports Win32 codes through
 * GetLastError, the Lsa* calls return NTSTATUS, SSPI returns SECURITY_STATUS)
 * and the family its circuit breaker is keyed by. The fault-spec parser (which
 * names APIs) and the wrappers both use it; it needs no Windows headers. */
#ifndef LGS_APIS_H
#define LGS_APIS_H

#include <stddef.h>

#include "logonshim/codes.h"

/* X(name, space, family) */
#define LGS_API_TABLE(X)                                   \
    X(LogonUserA, WIN32, "LogonUser")                      \
    X(LogonUserW, WIN32, "LogonUser")                      \
    X(LogonUserExA, WIN32, "LogonUser")                    \
    X(LogonUserExW, WIN32, "LogonUser")                    \
    X(LsaConnectUntrusted, NTSTATUS, "LSA")                \
    X(LsaRegisterLogonProcess, NTSTATUS, "LSA")            \
    X(LsaDeregisterLogonProcess, NTSTATUS, "LSA")          \
    X(LsaLookupAuthenticationPackage, NTSTATUS, "LSA")     \
    X(LsaLogonUser, NTSTATUS, "LSA")                       \
    X(LsaCallAuthenticationPackage, NTSTATUS, "LSA")       \
    X(LsaGetLogonSessionData, NTSTATUS, "LSA")             \
    X(LsaEnumerateLogonSessions, NTSTATUS, "LSA")          \
    X(LsaFreeReturnBuffer, NTSTATUS, "LSA")                \
    X(AcquireCredentialsHandleA, SECURITY, "SSPI")         \
    X(AcquireCredentialsHandleW, SECURITY, "SSPI")         \
    X(InitializeSecurityContextA, SECURITY, "SSPI")        \
    X(InitializeSecurityContextW, SECURITY, "SSPI")        \
    X(AcceptSecurityContext, SECURITY, "SSPI")             \
    X(CompleteAuthToken, SECURITY, "SSPI")                 \
    X(QueryContextAttributesA, SECURITY, "SSPI")           \
    X(QueryContextAttributesW, SECURITY, "SSPI")           \
    X(ImpersonateSecurityContext, SECURITY, "SSPI")        \
    X(RevertSecurityContext, SECURITY, "SSPI")             \
    X(DeleteSecurityContext, SECURITY, "SSPI")             \
    X(FreeCredentialsHandle, SECURITY, "SSPI")             \
    X(QuerySecurityPackageInfoA, SECURITY, "SSPI")         \
    X(QuerySecurityPackageInfoW, SECURITY, "SSPI")         \
    X(EnumerateSecurityPackagesA, SECURITY, "SSPI")        \
    X(EnumerateSecurityPackagesW, SECURITY, "SSPI")        \
    X(FreeContextBuffer, SECURITY, "SSPI")

typedef enum lgs__api_id {
#define LGS__API_ID(name, space, family) LGS_API_ID_##name,
    LGS_API_TABLE(LGS__API_ID)
#undef LGS__API_ID
    LGS_API_ID_COUNT_
} lgs__api_id;

typedef struct lgs__api_info {
    const char *name;
    lgs_space space;
    const char *family;
} lgs__api_info;

extern const lgs__api_info lgs__apis[LGS_API_ID_COUNT_];

/* The id of the API named by s[0..len) (exact, case-sensitive), or -1. */
int lgs__api_by_name(const char *s, size_t len);

#endif
