/* wrap_sspi_table.c — lgs_InitSecurityInterfaceA/W: SSPI's function table
 * with the shim's wrappers in it.
 *
 * Programs that call SSPI through the table (curl does, and many others)
 * would otherwise bypass the shim entirely. The table is the system's own,
 * copied once per process, with every entry the shim wraps replaced by its
 * wrapper; the entries it does not wrap stay the system's. Only the fields
 * every table version since SSPI 2 has are copied (up to
 * SetContextAttributes): a newer header's table may be longer than the
 * system's, and reading past the system's would read what is not there. */
#include <stddef.h>
#include <string.h>

#include "logonshim/wrappers.h"
#include "wrap.h"

static SecurityFunctionTableW table_W;
static SecurityFunctionTableA table_A;
static INIT_ONCE once_W = INIT_ONCE_STATIC_INIT, once_A = INIT_ONCE_STATIC_INIT;

/* build_W and build_A: copy the system's table (the part every version
 * has, up to SetContextAttributes) and put the wrappers in it. One macro
 * for both, since they differ only in the A or W of the names. */
#define LGS__BUILD(X)                                                                              \
    static BOOL CALLBACK build_##X(PINIT_ONCE o, PVOID p, PVOID *ctx)                              \
    {                                                                                              \
        (void)o, (void)p, (void)ctx;                                                               \
        PSecurityFunctionTable##X sys = InitSecurityInterface##X();                                \
        if (sys == NULL)                                                                           \
            return FALSE;                                                                          \
        memcpy(&table_##X, sys, offsetof(SecurityFunctionTable##X, SetCredentialsAttributes##X));  \
        table_##X.EnumerateSecurityPackages##X = lgs_EnumerateSecurityPackages##X;                 \
        table_##X.AcquireCredentialsHandle##X = lgs_AcquireCredentialsHandle##X;                   \
        table_##X.InitializeSecurityContext##X = lgs_InitializeSecurityContext##X;                 \
        table_##X.QueryContextAttributes##X = lgs_QueryContextAttributes##X;                       \
        table_##X.QuerySecurityPackageInfo##X = lgs_QuerySecurityPackageInfo##X;                   \
        table_##X.FreeCredentialsHandle = lgs_FreeCredentialsHandle;                               \
        table_##X.AcceptSecurityContext = lgs_AcceptSecurityContext;                               \
        table_##X.CompleteAuthToken = lgs_CompleteAuthToken;                                       \
        table_##X.DeleteSecurityContext = lgs_DeleteSecurityContext;                               \
        table_##X.ImpersonateSecurityContext = lgs_ImpersonateSecurityContext;                     \
        table_##X.RevertSecurityContext = lgs_RevertSecurityContext;                               \
        table_##X.MakeSignature = lgs_MakeSignature;                                               \
        table_##X.VerifySignature = lgs_VerifySignature;                                           \
        table_##X.FreeContextBuffer = lgs_FreeContextBuffer;                                       \
        table_##X.EncryptMessage = lgs_EncryptMessage;                                             \
        table_##X.DecryptMessage = lgs_DecryptMessage;                                             \
        table_##X.QueryCredentialsAttributes##X = lgs_QueryCredentialsAttributes##X;               \
        table_##X.SetContextAttributes##X = lgs_SetContextAttributes##X;                           \
        table_##X.QuerySecurityContextToken = lgs_QuerySecurityContextToken;                       \
        table_##X.ApplyControlToken = lgs_ApplyControlToken;                                       \
        return TRUE;                                                                               \
    }

LGS__BUILD(W)
LGS__BUILD(A)

/* GetLastError() is left as the caller had it: the table is built at most
 * once per process, so what building it did to the last error would show
 * on one call and not the next. */
PSecurityFunctionTableW WINAPI lgs_InitSecurityInterfaceW(void)
{
    DWORD err = GetLastError();
    BOOL ok = InitOnceExecuteOnce(&once_W, build_W, NULL, NULL);
    SetLastError(err);
    return ok ? &table_W : NULL;
}

PSecurityFunctionTableA WINAPI lgs_InitSecurityInterfaceA(void)
{
    DWORD err = GetLastError();
    BOOL ok = InitOnceExecuteOnce(&once_A, build_A, NULL, NULL);
    SetLastError(err);
    return ok ? &table_A : NULL;
}
