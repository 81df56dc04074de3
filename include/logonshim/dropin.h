/* dropin.h — adopt logonshim without renaming a single call.
 *
 * Include it after <windows.h> and before <sspi.h> and <security.h>
 * (it includes them itself): every wrapped API name then
 * refers to its lgs_ wrapper, so `LogonUserW(...)` calls lgs_LogonUserW and
 * `AcquireCredentialsHandle(...)` (which the SDK maps to the A or W form)
 * calls lgs_AcquireCredentialsHandleW. Code that needs the raw API in the
 * same file can #undef the name.
 *
 * The names are defined before the SDK's SSPI header is read, and that is
 * why the order matters: the header then declares SSPI's function table
 * with its members renamed the same way, so `table->AcquireCredentialsHandleW(...)`
 * (as curl writes it) names the member `lgs_AcquireCredentialsHandleW` of
 * a table whose layout is the SDK's, and compiles. A function-like macro
 * would not help: the member use is followed by '(' as much as a call is.
 * The table comes from InitSecurityInterfaceW, which is lgs_InitSecurityInterfaceW
 * here: its entries are the wrappers, so the call goes through the shim.
 */
#ifndef LOGONSHIM_DROPIN_H
#define LOGONSHIM_DROPIN_H

/* <windows.h> and <ntsecapi.h> first, without the names: they declare the
 * LogonUser* and Lsa* imports, which have no table to keep in step with,
 * under their own names (so the wrappers' declarations later do not
 * redeclare them with other attributes). Their names are defined at the
 * end. */
#ifdef _WIN32
#include <windows.h>
#include <ntsecapi.h>
#include <wincred.h>
#endif

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
#define QueryCredentialsAttributesA lgs_QueryCredentialsAttributesA
#define QueryCredentialsAttributesW lgs_QueryCredentialsAttributesW
#define SetContextAttributesA lgs_SetContextAttributesA
#define SetContextAttributesW lgs_SetContextAttributesW
#define QuerySecurityContextToken lgs_QuerySecurityContextToken
#define ApplyControlToken lgs_ApplyControlToken
#define InitSecurityInterfaceA lgs_InitSecurityInterfaceA
#define InitSecurityInterfaceW lgs_InitSecurityInterfaceW

/* Read with the names above in force (see the top of this file). With
 * the static library the wrappers are plain functions: the SDK must not
 * declare them (under their SSPI names) as imports, which its own switch
 * _NO_KSECDD_IMPORT_ turns off. */
#if defined(LOGONSHIM_STATIC) && !defined(_NO_KSECDD_IMPORT_)
#define _NO_KSECDD_IMPORT_
#endif
#include "logonshim/logonshim.h"

/* The LogonUser, LSA, token, credential and process names (declared above
 * under their own names). */
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
#define ImpersonateLoggedOnUser lgs_ImpersonateLoggedOnUser
#define CredReadW lgs_CredReadW
#define CredWriteW lgs_CredWriteW
#define CreateProcessAsUserA lgs_CreateProcessAsUserA
#define CreateProcessAsUserW lgs_CreateProcessAsUserW
#define CreateProcessWithLogonW lgs_CreateProcessWithLogonW
#define CreateProcessWithTokenW lgs_CreateProcessWithTokenW

#endif
