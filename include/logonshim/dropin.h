/* dropin.h — adopt logonshim without renaming a single call.
 *
 * Include it after <windows.h> (and <ntsecapi.h>/<sspi.h> if you use them):
 * every wrapped API name then refers to its lgs_ wrapper, so
 * `LogonUserW(...)` calls lgs_LogonUserW and `AcquireCredentialsHandle(...)`
 * (which the SDK maps to the A or W form) calls lgs_AcquireCredentialsHandleW.
 * Code that needs the raw API in the same file can #undef the name.
 */
#ifndef LOGONSHIM_DROPIN_H
#define LOGONSHIM_DROPIN_H

#include "logonshim/logonshim.h"

#define LogonUserA lgs_LogonUserA
#define LogonUserW lgs_LogonUserW
#define LogonUserExA lgs_LogonUserExA
#define LogonUserExW lgs_LogonUserExW
#define LsaConnectUntrusted lgs_LsaConnectUntrusted
#define LsaRegisterLogonProcess lgs_LsaRegisterLogonProcess
#define LsaDeregisterLogonProcess lgs_LsaDeregisterLogonProcess
#define LsaLookupAuthenticationPackage lgs_LsaLookupAuthenticationPackage
#define LsaLogonUser lgs_LsaLogonUser
#define LsaCallAuthenticationPackage lgs_LsaCallAuthenticationPackage
#define LsaGetLogonSessionData lgs_LsaGetLogonSessionData
#define LsaEnumerateLogonSessions lgs_LsaEnumerateLogonSessions
#define LsaFreeReturnBuffer lgs_LsaFreeReturnBuffer
#define AcquireCredentialsHandleA lgs_AcquireCredentialsHandleA
#define AcquireCredentialsHandleW lgs_AcquireCredentialsHandleW
#define InitializeSecurityContextA lgs_InitializeSecurityContextA
#define InitializeSecurityContextW lgs_InitializeSecurityContextW
#define AcceptSecurityContext lgs_AcceptSecurityContext
#define CompleteAuthToken lgs_CompleteAuthToken
#define QueryContextAttributesA lgs_QueryContextAttributesA
#define QueryContextAttributesW lgs_QueryContextAttributesW
#define ImpersonateSecurityContext lgs_ImpersonateSecurityContext
#define RevertSecurityContext lgs_RevertSecurityContext
#define DeleteSecurityContext lgs_DeleteSecurityContext
#define EncryptMessage lgs_EncryptMessage
#define DecryptMessage lgs_DecryptMessage
#define MakeSignature lgs_MakeSignature
#define VerifySignature lgs_VerifySignature
#define FreeCredentialsHandle lgs_FreeCredentialsHandle
#define QuerySecurityPackageInfoA lgs_QuerySecurityPackageInfoA
#define QuerySecurityPackageInfoW lgs_QuerySecurityPackageInfoW
#define EnumerateSecurityPackagesA lgs_EnumerateSecurityPackagesA
#define EnumerateSecurityPackagesW lgs_EnumerateSecurityPackagesW
#define FreeContextBuffer lgs_FreeContextBuffer

#endif
