/* apis.h — the Windows APIs logonshim wraps, as data: each one's name, the
 * code space its result is in (a BOOL API reports Win32 codes through
 * GetLastError, the Lsa* calls return NTSTATUS, SSPI returns SECURITY_STATUS)
 * and the family its circuit breaker is keyed by. The fault-spec parser (which
 * names APIs) and the wrappers both use it; it needs no Windows headers. */
#ifndef LGS_APIS_H
#define LGS_APIS_H

#include <stddef.h>

#include "logonshim/codes.h"

/* X(name, space, family, release): release calls free what another call
 * produced; they make one attempt whatever the class (see lgs_call). The
 * message-protection calls are marked so too: each one consumes the message
 * or a sequence number, so a second call is never the same call; and so is
 * ApplyControlToken, which changes the context's state (a shutdown). */
#define LGS_API_TABLE(X)                                   \
    X(LogonUserA, WIN32, "LogonUser", 0)                      \
    X(LogonUserW, WIN32, "LogonUser", 0)                      \
    X(LogonUserExA, WIN32, "LogonUser", 0)                    \
    X(LogonUserExW, WIN32, "LogonUser", 0)                    \
    X(LsaConnectUntrusted, NTSTATUS, "LSA", 0)                \
    X(LsaRegisterLogonProcess, NTSTATUS, "LSA", 0)            \
    X(LsaDeregisterLogonProcess, NTSTATUS, "LSA", 1)          \
    X(LsaLookupAuthenticationPackage, NTSTATUS, "LSA", 0)     \
    X(LsaLogonUser, NTSTATUS, "LSA", 0)                       \
    X(LsaCallAuthenticationPackage, NTSTATUS, "LSA", 0)       \
    X(LsaGetLogonSessionData, NTSTATUS, "LSA", 0)             \
    X(LsaEnumerateLogonSessions, NTSTATUS, "LSA", 0)          \
    X(LsaFreeReturnBuffer, NTSTATUS, "LSA", 1)                \
    X(AcquireCredentialsHandleA, SECURITY, "SSPI", 0)         \
    X(AcquireCredentialsHandleW, SECURITY, "SSPI", 0)         \
    X(InitializeSecurityContextA, SECURITY, "SSPI", 0)        \
    X(InitializeSecurityContextW, SECURITY, "SSPI", 0)        \
    X(AcceptSecurityContext, SECURITY, "SSPI", 0)             \
    X(CompleteAuthToken, SECURITY, "SSPI", 0)                 \
    X(QueryContextAttributesA, SECURITY, "SSPI", 0)           \
    X(QueryContextAttributesW, SECURITY, "SSPI", 0)           \
    X(ImpersonateSecurityContext, SECURITY, "SSPI", 0)        \
    X(RevertSecurityContext, SECURITY, "SSPI", 1)             \
    X(DeleteSecurityContext, SECURITY, "SSPI", 1)             \
    X(FreeCredentialsHandle, SECURITY, "SSPI", 1)             \
    X(QuerySecurityPackageInfoA, SECURITY, "SSPI", 0)         \
    X(QuerySecurityPackageInfoW, SECURITY, "SSPI", 0)         \
    X(EnumerateSecurityPackagesA, SECURITY, "SSPI", 0)        \
    X(EnumerateSecurityPackagesW, SECURITY, "SSPI", 0)        \
    X(FreeContextBuffer, SECURITY, "SSPI", 1)                 \
    X(EncryptMessage, SECURITY, "SSPI", 1)                    \
    X(DecryptMessage, SECURITY, "SSPI", 1)                    \
    X(MakeSignature, SECURITY, "SSPI", 1)                     \
    X(VerifySignature, SECURITY, "SSPI", 1)                   \
    X(QueryCredentialsAttributesA, SECURITY, "SSPI", 0)       \
    X(QueryCredentialsAttributesW, SECURITY, "SSPI", 0)       \
    X(SetContextAttributesA, SECURITY, "SSPI", 0)             \
    X(SetContextAttributesW, SECURITY, "SSPI", 0)             \
    X(QuerySecurityContextToken, SECURITY, "SSPI", 0)         \
    X(ApplyControlToken, SECURITY, "SSPI", 1)                 \
    X(ImpersonateLoggedOnUser, WIN32, "Token", 0)             \
    X(CredReadW, WIN32, "Credentials", 0)                     \
    X(CredWriteW, WIN32, "Credentials", 0)                    \
    X(CreateProcessAsUserA, WIN32, "Process", 0)              \
    X(CreateProcessAsUserW, WIN32, "Process", 0)              \
    X(CreateProcessWithLogonW, WIN32, "Process", 0)           \
    X(CreateProcessWithTokenW, WIN32, "Process", 0)

typedef enum lgs__api_id {
#define LGS__API_ID(name, space, family, release) LGS_API_ID_##name,
    LGS_API_TABLE(LGS__API_ID)
#undef LGS__API_ID
    LGS_API_ID_COUNT_
} lgs__api_id;

typedef struct lgs__api_info {
    const char *name;
    lgs_space space;
    const char *family;
    int release; /* 1: one attempt only */
} lgs__api_info;

extern const lgs__api_info lgs__apis[LGS_API_ID_COUNT_];

/* The id of the API named by s[0..len) (exact, case-sensitive), or -1. */
int lgs__api_by_name(const char *s, size_t len);

#endif
