/* backend.h — the entry points the wrappers call: the system's, through one
 * table, so that a test can put a fake system behind the wrappers (one that
 * fails *and* leaves partial outputs, which no real system does on demand)
 * and check that the wrappers release everything. Not public: tests link the
 * static library and call lgs__backend_set(). */
#ifndef LGS_WIN32_BACKEND_H
#define LGS_WIN32_BACKEND_H

#ifndef SECURITY_WIN32
#define SECURITY_WIN32
#endif
#include <windows.h>
#include <ntsecapi.h>
#include <wincred.h>
#include <sspi.h>

/* Every entry point the wrappers and their cleanups use. LogonUserEx{A,W}
 * are not in this list: Wine does not export them, so the system's table
 * cannot name them; they are the two fields after it (below). */
#define LGS_BACKEND_FUNCS(F)                                                               \
    F(LogonUserA) F(LogonUserW) F(LsaConnectUntrusted) F(LsaRegisterLogonProcess)          \
    F(LsaDeregisterLogonProcess) F(LsaLookupAuthenticationPackage) F(LsaLogonUser)          \
    F(LsaCallAuthenticationPackage) F(LsaGetLogonSessionData) F(LsaEnumerateLogonSessions)  \
    F(LsaFreeReturnBuffer) F(AcquireCredentialsHandleA) F(AcquireCredentialsHandleW)        \
    F(InitializeSecurityContextA) F(InitializeSecurityContextW) F(AcceptSecurityContext)    \
    F(CompleteAuthToken) F(QueryContextAttributesA) F(QueryContextAttributesW)              \
    F(ImpersonateSecurityContext) F(RevertSecurityContext) F(DeleteSecurityContext)         \
    F(FreeCredentialsHandle) F(QuerySecurityPackageInfoA) F(QuerySecurityPackageInfoW)      \
    F(EnumerateSecurityPackagesA) F(EnumerateSecurityPackagesW) F(FreeContextBuffer)        \
    F(CloseHandle) F(LocalFree) F(EncryptMessage) F(DecryptMessage) F(MakeSignature)           \
    F(VerifySignature) F(QueryCredentialsAttributesA) F(QueryCredentialsAttributesW)        \
    F(SetContextAttributesA) F(SetContextAttributesW) F(QuerySecurityContextToken)          \
    F(ApplyControlToken) F(ImpersonateLoggedOnUser) F(CredReadW) F(CredWriteW) F(CredFree)  \
    F(CreateProcessAsUserA) F(CreateProcessAsUserW) F(CreateProcessWithLogonW) F(CreateProcessWithTokenW)

typedef BOOL(WINAPI *lgs__logon_ex_a_fn)(LPCSTR, LPCSTR, LPCSTR, DWORD, DWORD, PHANDLE, PSID *, PVOID *,
                                         LPDWORD, PQUOTA_LIMITS);
typedef BOOL(WINAPI *lgs__logon_ex_w_fn)(LPCWSTR, LPCWSTR, LPCWSTR, DWORD, DWORD, PHANDLE, PSID *, PVOID *,
                                         LPDWORD, PQUOTA_LIMITS);

typedef struct lgs__backend {
#define LGS__BACKEND_FIELD(name) __typeof__(name) *name;
    LGS_BACKEND_FUNCS(LGS__BACKEND_FIELD)
#undef LGS__BACKEND_FIELD
    /* NULL in the system's table: the wrappers look them up in advapi32 at
     * run time. A test's table may set them. */
    lgs__logon_ex_a_fn LogonUserExA;
    lgs__logon_ex_w_fn LogonUserExW;
} lgs__backend;

/* The table in use. Read it, never write it: use lgs__backend_set(). */
extern lgs__backend lgs__sys;

/* The system's own entry points. */
extern const lgs__backend lgs__system_backend;

/* Replaces the table (NULL restores the system's). For tests, before any
 * wrapped call runs: it is not synchronised with calls in flight. */
void lgs__backend_set(const lgs__backend *b);

#endif
