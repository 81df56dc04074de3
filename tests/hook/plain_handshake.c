/* plain_handshake.c — a Kerberos client/server handshake in one process
 * by a program that never heard of logonshim (plain mingw-w64, its own
 * imports of secur32; see plain.h), for tests/kdc/kdc_test.sh's hook_*
 * scenarios run through logonshim-run against the test realm's KDC.
 *
 * Explicit credentials: alice@TEST.LOCAL, the password from the environment
 * variable LGS_PASSWORD; target host/localhost. Prints one line per call:
 *   AcquireCredentialsHandleW 0x00000000        (--acquire-only)
 *   handshake ok: Kerberos                       handshake failed: ISC 0x80090304
 * and exits 0 when every call succeeded, 1 otherwise.
 *
 * Usage: plain_handshake [--acquire-only] [--calls N] */
#include "plain.h"

#include <wchar.h>

#define TOKEN_MAX 12288

static wchar_t package[] = L"Kerberos", target[] = L"host/localhost";

static SECURITY_STATUS client_credentials(CredHandle *cred)
{
    static wchar_t user[] = L"alice", domain[] = L"TEST.LOCAL", password[256];
    DWORD n = GetEnvironmentVariableW(L"LGS_PASSWORD", password, 256);
    if (n == 0 || n >= 256)
        password[0] = L'\0';
    SEC_WINNT_AUTH_IDENTITY_W id = {0};
    id.User = (unsigned short *)user;
    id.UserLength = (unsigned long)wcslen(user);
    id.Domain = (unsigned short *)domain;
    id.DomainLength = (unsigned long)wcslen(domain);
    id.Password = (unsigned short *)password;
    id.PasswordLength = (unsigned long)wcslen(password);
    id.Flags = SEC_WINNT_AUTH_IDENTITY_UNICODE;
    TimeStamp expiry;
    SECURITY_STATUS st = AcquireCredentialsHandleW(NULL, package, SECPKG_CRED_OUTBOUND, NULL, &id, NULL,
                                                   NULL, cred, &expiry);
    SecureZeroMemory(password, sizeof password);
    return st;
}

/* Client and server contexts until both complete. */
static SECURITY_STATUS handshake(CredHandle *ccred, const char **where)
{
    CredHandle scred;
    CtxtHandle cctx, sctx;
    TimeStamp expiry;
    int have_cctx = 0, have_sctx = 0;
    *where = "server ACH";
    SECURITY_STATUS st = AcquireCredentialsHandleW(NULL, package, SECPKG_CRED_INBOUND, NULL, NULL, NULL,
                                                   NULL, &scred, &expiry);
    if (st != SEC_E_OK)
        return st;
    static BYTE ctok[TOKEN_MAX], stok[TOKEN_MAX];
    unsigned long clen = 0, slen = 0, attr = 0;
    SECURITY_STATUS cst = SEC_I_CONTINUE_NEEDED, sst = SEC_I_CONTINUE_NEEDED;
    for (int round = 0; round < 6 && (cst != SEC_E_OK || sst != SEC_E_OK); round++) {
        if (cst != SEC_E_OK) {
            SecBuffer in = {slen, SECBUFFER_TOKEN, stok}, out = {TOKEN_MAX, SECBUFFER_TOKEN, ctok};
            SecBufferDesc ind = {SECBUFFER_VERSION, 1, &in}, outd = {SECBUFFER_VERSION, 1, &out};
            cst = InitializeSecurityContextW(ccred, have_cctx ? &cctx : NULL, target, ISC_REQ_MUTUAL_AUTH, 0,
                                             SECURITY_NATIVE_DREP, have_cctx ? &ind : NULL, 0, &cctx, &outd,
                                             &attr, &expiry);
            *where = "ISC";
            if (cst != SEC_E_OK && cst != SEC_I_CONTINUE_NEEDED)
                break;
            have_cctx = 1;
            clen = out.cbBuffer;
            if (clen == 0)
                continue;
        }
        if (sst != SEC_E_OK) {
            SecBuffer in = {clen, SECBUFFER_TOKEN, ctok}, out = {TOKEN_MAX, SECBUFFER_TOKEN, stok};
            SecBufferDesc ind = {SECBUFFER_VERSION, 1, &in}, outd = {SECBUFFER_VERSION, 1, &out};
            sst = AcceptSecurityContext(&scred, have_sctx ? &sctx : NULL, &ind, ASC_REQ_MUTUAL_AUTH,
                                        SECURITY_NATIVE_DREP, &sctx, &outd, &attr, &expiry);
            *where = "ASC";
            if (sst != SEC_E_OK && sst != SEC_I_CONTINUE_NEEDED)
                break;
            have_sctx = 1;
            slen = out.cbBuffer;
        }
    }
    if (have_cctx)
        DeleteSecurityContext(&cctx);
    if (have_sctx)
        DeleteSecurityContext(&sctx);
    FreeCredentialsHandle(&scred);
    if (cst == SEC_E_OK && sst == SEC_E_OK)
        return SEC_E_OK;
    return cst != SEC_E_OK && cst != SEC_I_CONTINUE_NEEDED ? cst : sst;
}

int main(int argc, char **argv)
{
    int acquire_only = 0, calls = 1, failed = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--acquire-only") == 0)
            acquire_only = 1;
        else if (strcmp(argv[i], "--calls") == 0 && i + 1 < argc)
            calls = atoi(argv[++i]);
    }
    for (int i = 0; i < calls; i++) {
        CredHandle cred;
        SECURITY_STATUS st = client_credentials(&cred);
        if (acquire_only || st != SEC_E_OK) {
            printf("AcquireCredentialsHandleW 0x%08lx\n", (unsigned long)st);
        } else {
            const char *where = "";
            st = handshake(&cred, &where);
            if (st == SEC_E_OK)
                printf("handshake ok: Kerberos\n");
            else
                printf("handshake failed: %s 0x%08lx\n", where, (unsigned long)st);
        }
        if (st == SEC_E_OK)
            FreeCredentialsHandle(&cred);
        else
            failed = 1;
        fflush(stdout);
    }
    return failed;
}
