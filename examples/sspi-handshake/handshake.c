/* handshake.c — sspi-handshake: a Kerberos or Negotiate client and server
 * authenticating through logonshim's wrappers, then exchanging a sealed
 * message each way. Copy it: the two roles live in one process here and pass
 * tokens in memory; in your program they are two programs and the tokens go
 * over your connection, and nothing else changes.
 *
 *   sspi-handshake [--package Kerberos|Negotiate] [--user alice]
 *                  [--domain TEST.LOCAL] [--password PW] [--target host/localhost]
 *                  [--calls N] [--pause MS] [--acquire-only] [--logon]
 *
 * The password may also come from LGS_PASSWORD (better than the command
 * line). --calls N runs the whole thing N times (or only the client's
 * AcquireCredentialsHandle with --acquire-only), MS apart, to watch the shim's lockout
 * guard and breaker at work. --logon makes the server check the account
 * with LogonUser first. Exit status: 0 when every run succeeded, 1 when
 * one failed, 2 for bad usage.
 *
 * For Kerberos the client needs the realm (--domain, exactly as the KDC
 * spells it), the server needs its key (KRB5_KTNAME on Wine, the machine
 * account on Windows), and the target is the server's SPN. */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "logonshim/logonshim.h"

#define TOKEN_MAX 65536

typedef struct options {
    const wchar_t *package, *user, *domain, *password, *target;
    int calls, acquire_only, pause_ms, logon;
} options;

/* What to do about a failure, by the class the shim gave it. This is the
 * part of the example worth copying: every class the shim reports has one
 * reaction, and none of them is "try again in a loop" — the shim already
 * retried what was worth retrying. */
static const char *reaction(lgs_class cls)
{
    switch (cls) {
    case LGS_CLASS_TRANSIENT:
    case LGS_CLASS_RESOURCE:
        return "the authority or the system is busy or unreachable and the shim's retries are "
               "spent: report it and try again later (not in a tight loop)";
    case LGS_CLASS_SESSION_COLLISION:
        return "a logon-session collision survived the shim's cleanup and retry: start over";
    case LGS_CLASS_SESSION_GONE:
    case LGS_CLASS_CONTEXT_EXPIRED:
        return "the credentials or session are gone: acquire new credentials, then start over";
    case LGS_CLASS_SESSION_STATE:
        return "a token or impersonation state error: fix the order of calls";
    case LGS_CLASS_CLOCK:
        return "clock skew: fix time synchronisation with the domain";
    case LGS_CLASS_CREDENTIALS:
    case LGS_CLASS_ACCOUNT:
        return "bad credentials or an unusable account: do not retry (lockout); ask for new ones";
    case LGS_CLASS_PRIVILEGE:
        return "a privilege is missing: an administrator must grant it";
    case LGS_CLASS_CONFIG:
        return "configuration: check the package, the SPN (target), the keytab and the realm";
    case LGS_CLASS_PROGRAMMING:
        return "a bug in the caller: fix the arguments";
    case LGS_CLASS_SECURITY:
        return "a security failure (altered or replayed message): tear down and alert";
    case LGS_CLASS_SHUTDOWN:
        return "the system is shutting down: stop";
    default:
        /* Wine's AcquireCredentialsHandle says STATUS_UNSUCCESSFUL for a
         * wrong password and for an unreachable KDC alike. */
        return "unclassified: it may be bad credentials or an unreachable authority, so do not "
               "retry blindly; read the shim's log and the guidance";
    }
}

/* Prints why `step` failed: the shim's record of the last failure on this
 * thread (class, decision, guidance), or the catalogue's view of `st` when
 * the call did not go through the shim. */
static void report(const char *step, SECURITY_STATUS st)
{
    lgs_record rec;
    uint32_t v = (uint32_t)st;
    if (lgs_last_failure(&rec) == LGS_OK && rec.value == v) {
        printf("FAILED %s: %s (0x%08lX) class %s, decision %s, %u attempt(s)\n", step,
               rec.name != NULL ? rec.name : "?", (unsigned long)v, lgs_class_name(rec.cls),
               lgs_decision_name(rec.decision), rec.attempts);
        printf("  guidance: %s\n  meaning: %s\n  resolve: %s\n  reaction: %s\n",
               rec.guidance->summary, rec.guidance->meaning, rec.guidance->resolve,
               reaction(rec.cls));
        return;
    }
    /* An NTSTATUS-shaped value (0xC...) in a SECURITY_STATUS is an NTSTATUS. */
    lgs_space space = (v >> 28) == 0xC ? LGS_SPACE_NTSTATUS : LGS_SPACE_SECURITY;
    const lgs_code_info *info = lgs_code_lookup(space, v);
    lgs_class cls = lgs_classify(space, v);
    printf("FAILED %s: %s (0x%08lX) class %s\n  guidance: %s\n  reaction: %s\n", step,
           info != NULL ? info->name : "?", (unsigned long)v, lgs_class_name(cls),
           lgs_guidance_for(space, v)->summary, reaction(cls));
}

static int client_credentials(const options *o, CredHandle *cred)
{
    SEC_WINNT_AUTH_IDENTITY_W id = {
        .User = (unsigned short *)o->user, .UserLength = (unsigned long)wcslen(o->user),
        .Domain = (unsigned short *)o->domain, .DomainLength = (unsigned long)wcslen(o->domain),
        .Password = (unsigned short *)o->password,
        .PasswordLength = (unsigned long)wcslen(o->password),
        .Flags = SEC_WINNT_AUTH_IDENTITY_UNICODE,
    };
    TimeStamp expiry;
    SECURITY_STATUS st = lgs_AcquireCredentialsHandleW(NULL, (wchar_t *)o->package,
                                                       SECPKG_CRED_OUTBOUND, NULL, &id, NULL,
                                                       NULL, cred, &expiry);
    if (st != SEC_E_OK) {
        report("client AcquireCredentialsHandle", st);
        return 0;
    }
    printf("client: credentials for %ls@%ls (%ls)\n", o->user, o->domain, o->package);
    return 1;
}

/* Seals `text` with ctx, as the sender; writes trailer + data to wire. */
static int seal(CtxtHandle *ctx, const char *who, const char *text, BYTE *wire, unsigned long *len)
{
    SecPkgContext_Sizes sizes;
    SECURITY_STATUS st = lgs_QueryContextAttributesW(ctx, SECPKG_ATTR_SIZES, &sizes);
    if (st != SEC_E_OK) {
        report("QueryContextAttributes(SIZES)", st);
        return 0;
    }
    /* Wine 8's Kerberos needs more trailer room than it reports for AES:
     * give it generous room and send what it actually used. */
    unsigned long room = sizes.cbSecurityTrailer * 2 + 64;
    unsigned long n = (unsigned long)strlen(text);
    static BYTE trailer[4096], data[1024];
    if (n > sizeof data)
        return 0; /* longer than the message buffer */
    memcpy(data, text, n); // NOLINT(bugprone-not-null-terminated-result): a message body, not a string
    SecBuffer b[2] = {{room, SECBUFFER_TOKEN, trailer}, {n, SECBUFFER_DATA, data}};
    SecBufferDesc desc = {SECBUFFER_VERSION, 2, b};
    st = lgs_EncryptMessage(ctx, 0, &desc, 0);
    if (st != SEC_E_OK) {
        report("EncryptMessage", st);
        return 0;
    }
    /* wire: 4-byte trailer length, trailer, data */
    memcpy(wire, &b[0].cbBuffer, 4);
    memcpy(wire + 4, trailer, b[0].cbBuffer);
    memcpy(wire + 4 + b[0].cbBuffer, data, b[1].cbBuffer);
    *len = 4 + b[0].cbBuffer + b[1].cbBuffer;
    printf("%s: sealed %lu bytes (trailer %lu, reported %lu)\n", who, n, b[0].cbBuffer,
           sizes.cbSecurityTrailer);
    return 1;
}

static int unseal(CtxtHandle *ctx, const char *who, BYTE *wire, unsigned long len, const char *expect)
{
    unsigned long tlen;
    memcpy(&tlen, wire, 4);
    SecBuffer b[2] = {{tlen, SECBUFFER_TOKEN, wire + 4},
                      {len - 4 - tlen, SECBUFFER_DATA, wire + 4 + tlen}};
    SecBufferDesc desc = {SECBUFFER_VERSION, 2, b};
    unsigned long qop = 0;
    SECURITY_STATUS st = lgs_DecryptMessage(ctx, &desc, 0, &qop);
    if (st != SEC_E_OK) {
        report("DecryptMessage", st);
        return 0;
    }
    int same = b[1].cbBuffer == strlen(expect) && memcmp(b[1].pvBuffer, expect, b[1].cbBuffer) == 0;
    printf("%s: unsealed \"%.*s\"%s\n", who, (int)b[1].cbBuffer, (char *)b[1].pvBuffer,
           same ? "" : " (NOT what was sent)");
    return same;
}

/* One full run: client and server credentials, the token loop, a sealed
 * message each way. Returns 1 on success. */
static int run_once(const options *o)
{
    CredHandle ccred, scred;
    CtxtHandle cctx, sctx;
    int have_cctx = 0, have_sctx = 0, ok = 0;
    if (o->logon) {
        /* A server that also checks the account with LogonUser (under Wine a
         * stub: any password succeeds, and the shim says so in its log). */
        HANDLE token = NULL;
        if (!lgs_LogonUserW(o->user, o->domain, o->password, LOGON32_LOGON_NETWORK,
                            LOGON32_PROVIDER_DEFAULT, &token)) {
            report("server LogonUser", (SECURITY_STATUS)GetLastError());
            return 0;
        }
        printf("server: LogonUser ok\n");
        CloseHandle(token);
    }
    if (!client_credentials(o, &ccred))
        return 0;
    if (o->acquire_only) {
        lgs_FreeCredentialsHandle(&ccred);
        return 1;
    }
    TimeStamp expiry;
    SECURITY_STATUS st = lgs_AcquireCredentialsHandleW(NULL, (wchar_t *)o->package,
                                                       SECPKG_CRED_INBOUND, NULL, NULL, NULL,
                                                       NULL, &scred, &expiry);
    if (st != SEC_E_OK) {
        report("server AcquireCredentialsHandle (its key: KRB5_KTNAME)", st);
        lgs_FreeCredentialsHandle(&ccred);
        return 0;
    }
    static BYTE ctok[TOKEN_MAX], stok[TOKEN_MAX];
    unsigned long clen = 0, slen = 0, cattr = 0, sattr = 0;
    const unsigned long creq = ISC_REQ_MUTUAL_AUTH | ISC_REQ_CONFIDENTIALITY | ISC_REQ_INTEGRITY |
                               ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT;
    const unsigned long sreq = ASC_REQ_MUTUAL_AUTH | ASC_REQ_CONFIDENTIALITY | ASC_REQ_INTEGRITY |
                               ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT;
    SECURITY_STATUS cst = SEC_I_CONTINUE_NEEDED, sst = SEC_I_CONTINUE_NEEDED;
    for (int round = 1; round <= 6 && (cst != SEC_E_OK || sst != SEC_E_OK); round++) {
        if (cst != SEC_E_OK) {
            SecBuffer in = {slen, SECBUFFER_TOKEN, stok}, out = {TOKEN_MAX, SECBUFFER_TOKEN, ctok};
            SecBufferDesc ind = {SECBUFFER_VERSION, 1, &in}, outd = {SECBUFFER_VERSION, 1, &out};
            cst = lgs_InitializeSecurityContextW(&ccred, have_cctx ? &cctx : NULL,
                                                 (wchar_t *)o->target, creq, 0,
                                                 SECURITY_NATIVE_DREP, have_cctx ? &ind : NULL, 0,
                                                 &cctx, &outd, &cattr, &expiry);
            if (cst != SEC_E_OK && cst != SEC_I_CONTINUE_NEEDED) {
                report("client InitializeSecurityContext (the target SPN)", cst);
                goto done;
            }
            have_cctx = 1;
            clen = out.cbBuffer;
            printf("client: InitializeSecurityContext round %d: %s, %lu-byte token\n", round,
                   cst == SEC_E_OK ? "complete" : "continue", clen);
            if (clen == 0)
                continue;
        }
        if (sst != SEC_E_OK) {
            SecBuffer in = {clen, SECBUFFER_TOKEN, ctok}, out = {TOKEN_MAX, SECBUFFER_TOKEN, stok};
            SecBufferDesc ind = {SECBUFFER_VERSION, 1, &in}, outd = {SECBUFFER_VERSION, 1, &out};
            sst = lgs_AcceptSecurityContext(&scred, have_sctx ? &sctx : NULL, &ind, sreq,
                                            SECURITY_NATIVE_DREP, &sctx, &outd, &sattr, &expiry);
            if (sst != SEC_E_OK && sst != SEC_I_CONTINUE_NEEDED) {
                report("server AcceptSecurityContext", sst);
                goto done;
            }
            have_sctx = 1;
            slen = out.cbBuffer;
            printf("server: AcceptSecurityContext round %d: %s, %lu-byte token\n", round,
                   sst == SEC_E_OK ? "complete" : "continue", slen);
        }
    }
    if (cst != SEC_E_OK || sst != SEC_E_OK) {
        printf("FAILED handshake: no agreement after 6 rounds\n");
        goto done;
    }
    static BYTE wire[8192];
    unsigned long len;
    ok = seal(&cctx, "client", "hello from the client", wire, &len) &&
         unseal(&sctx, "server", wire, len, "hello from the client") &&
         seal(&sctx, "server", "hello from the server", wire, &len) &&
         unseal(&cctx, "client", wire, len, "hello from the server");
    if (ok)
        printf("handshake ok: %ls, mutual authentication, sealed messages both ways\n", o->package);
done:
    if (have_cctx)
        lgs_DeleteSecurityContext(&cctx);
    if (have_sctx)
        lgs_DeleteSecurityContext(&sctx);
    lgs_FreeCredentialsHandle(&ccred);
    lgs_FreeCredentialsHandle(&scred);
    return ok;
}

/* Options are converted into one static pool rather than the heap, so that
 * no return from main leaks them (cppcheck and clang-tidy flagged each);
 * NULL when the pool is full, as malloc would when memory is. */
static wchar_t *widen(const char *s)
{
    static wchar_t pool[8192];
    static size_t used;
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    if (n <= 0 || (size_t)n > sizeof pool / sizeof pool[0] - used)
        return NULL;
    wchar_t *w = pool + used;
    used += (size_t)n;
    MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
    return w;
}

int main(int argc, char **argv)
{
    options o = {L"Kerberos", L"alice", L"TEST.LOCAL", NULL, L"host/localhost", 1, 0, 0, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--acquire-only") == 0 || strcmp(a, "--logon") == 0) {
            *(a[2] == 'a' ? &o.acquire_only : &o.logon) = 1;
            continue;
        }
        if (v == NULL) {
            fprintf(stderr, "usage: sspi-handshake [--package P] [--user U] [--domain D] "
                            "[--password PW] [--target SPN] [--calls N] [--pause MS] [--acquire-only]\n");
            return 2;
        }
        i++;
        if (strcmp(a, "--package") == 0) o.package = widen(v);
        else if (strcmp(a, "--user") == 0) o.user = widen(v);
        else if (strcmp(a, "--domain") == 0) o.domain = widen(v);
        else if (strcmp(a, "--password") == 0) o.password = widen(v);
        else if (strcmp(a, "--target") == 0) o.target = widen(v);
        else if (strcmp(a, "--calls") == 0) o.calls = (int)strtol(v, NULL, 10);
        else if (strcmp(a, "--pause") == 0) o.pause_ms = (int)strtol(v, NULL, 10);
        else {
            fprintf(stderr, "sspi-handshake: unknown option %s\n", a);
            return 2;
        }
    }
    if (o.password == NULL) {
        const char *env = getenv("LGS_PASSWORD");
        o.password = widen(env != NULL ? env : "");
    }
    int failures = 0;
    for (int n = 1; n <= o.calls; n++) {
        if (o.calls > 1) {
            if (n > 1 && o.pause_ms > 0)
                Sleep((DWORD)o.pause_ms);
            printf("-- call %d of %d\n", n, o.calls);
            fflush(stdout);
        }
        failures += !run_once(&o);
    }
    lgs_stats s;
    lgs_stats_snapshot(&s);
    printf("stats: %llu calls, %llu attempts, %llu retries, %llu failed, %llu lockout refusals, "
           "%llu breaker refusals\n",
           (unsigned long long)s.calls, (unsigned long long)s.attempts,
           (unsigned long long)s.retries, (unsigned long long)s.failed,
           (unsigned long long)s.lockout_refusals, (unsigned long long)s.breaker_refusals);
    lgs_log_flush();
    return failures == 0 ? 0 : 1;
}
