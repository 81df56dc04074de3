/* test_retry_last_error.c — GetLastError() after a call that the shim
 * retried, side by side with the raw API, for the wrappers built on the
 * inline fast-path helpers (lgs__wrap_ctx_fast, lgs__wrap_simple in
 * win32/wrap.h) as well as the main path.
 *
 * A fake system (backend.h) fails the first attempt with a `transient` code
 * and a last error of its own, then succeeds without touching the last
 * error, as the SSPI and LSA calls do. The first attempt takes the fast
 * path (the process has made a wrapped call already, the settings are
 * current, nothing holds state). The raw API, called once, leaves the
 * caller's last error; the wrapper, whose last attempt is the raw call's
 * twin, must leave the same: every attempt starts from the caller's last
 * error, not from what the failed attempt or the library left. */
#include <stdint.h>
#include <stdio.h>

#include <CUnit/CUnit.h>

#include "backend.h"
#include "logonshim/logonshim.h"
#include "suites.h"
#include "vtime.h"
#include "wrap.h"

#define MARK 0x4321u    /* the caller's last error */
#define FAKE_LE 0x4242u /* what the failing attempt leaves */

static unsigned calls, fails; /* attempts made; how many fail first */
static uint32_t fail_code;

/* One attempt of the fake: 0 for success (last error untouched), or the
 * failure code after setting a last error of its own. */
static uint32_t attempt(void)
{
    if (calls++ < fails) {
        SetLastError(FAKE_LE);
        return fail_code;
    }
    return 0;
}

static SECURITY_STATUS SEC_ENTRY f_query_ctx_w(PCtxtHandle h, unsigned long a, void *b)
{
    (void)h, (void)a, (void)b;
    return (SECURITY_STATUS)attempt();
}

static SECURITY_STATUS SEC_ENTRY f_impersonate_ctx(PCtxtHandle h)
{
    (void)h;
    return (SECURITY_STATUS)attempt();
}

static NTSTATUS NTAPI f_connect(PHANDLE h)
{
    uint32_t st = attempt();
    if (st == 0)
        *h = (HANDLE)(uintptr_t)0x1234;
    return (NTSTATUS)st;
}

static BOOL WINAPI f_impersonate_user(HANDLE t)
{
    (void)t;
    uint32_t code = attempt();
    if (code != 0)
        SetLastError(code); /* a BOOL API's failure code is its last error */
    return code == 0;
}

static lgs__backend fk;

enum { QUERY_CTX, IMPERSONATE_CTX, LSA_CONNECT, IMPERSONATE_USER, APIS };
static const char *const names[APIS] = {"QueryContextAttributesW (lgs__wrap_ctx_fast)",
                                        "ImpersonateSecurityContext (lgs__wrap_simple)",
                                        "LsaConnectUntrusted (lgs__wrap_ctx_fast, outputs)",
                                        "ImpersonateLoggedOnUser (lgs__wrap_simple, BOOL)"};
static const lgs_space spaces[APIS] = {LGS_SPACE_SECURITY, LGS_SPACE_SECURITY, LGS_SPACE_NTSTATUS,
                                       LGS_SPACE_WIN32};

/* Calls api through the wrapper or raw, with the caller's last error MARK;
 * returns the code (0 for success) and the last error in *le. */
static uint32_t call(int api, int wrapped, DWORD *le)
{
    CtxtHandle ctx = {1, 2};
    SecPkgContext_Sizes sizes;
    HANDLE lsa = NULL, token = (HANDLE)(uintptr_t)0x5678;
    uint32_t code;
    SetLastError(MARK);
    switch (api) {
    case QUERY_CTX:
        code = (uint32_t)(wrapped ? lgs_QueryContextAttributesW(&ctx, SECPKG_ATTR_SIZES, &sizes)
                                  : fk.QueryContextAttributesW(&ctx, SECPKG_ATTR_SIZES, &sizes));
        break;
    case IMPERSONATE_CTX:
        code = (uint32_t)(wrapped ? lgs_ImpersonateSecurityContext(&ctx) : fk.ImpersonateSecurityContext(&ctx));
        break;
    case LSA_CONNECT:
        code = (uint32_t)(wrapped ? lgs_LsaConnectUntrusted(&lsa) : fk.LsaConnectUntrusted(&lsa));
        break;
    default:
        code = (wrapped ? lgs_ImpersonateLoggedOnUser(token) : fk.ImpersonateLoggedOnUser(token)) ? 0u : 1u;
        break;
    }
    *le = GetLastError();
    return code;
}

static void test_retry_after_fast_first(void)
{
    vt_setup(1000, 7);
    vt_set("budget.floor", "1000000");
    vt_set("breaker.threshold", "0");
    vt_set("lockout.threshold", "0");
    fk = lgs__system_backend;
    fk.QueryContextAttributesW = f_query_ctx_w;
    fk.ImpersonateSecurityContext = f_impersonate_ctx;
    fk.LsaConnectUntrusted = f_connect;
    fk.ImpersonateLoggedOnUser = f_impersonate_user;
    for (int api = 0; api < APIS; api++) {
        fail_code = vt_code_in(spaces[api], LGS_CLASS_TRANSIENT);
        CU_ASSERT_NOT_EQUAL_FATAL(fail_code, 0);
        DWORD raw_le, le;
        fails = 0;
        calls = 0;
        uint32_t raw = call(api, 0, &raw_le);
        CU_ASSERT_EQUAL(raw, 0);
        CU_ASSERT_EQUAL(raw_le, MARK);
        lgs__backend_set(&fk);
        /* A success first, so that LOGONSHIM_FAULTS has been read and the
         * fast path is open to the next call. */
        calls = 0;
        CU_ASSERT_EQUAL(call(api, 1, &le), 0);
        CU_ASSERT_EQUAL(le, raw_le);
        /* A fast first attempt that fails and sets a last error; the retry
         * succeeds without setting one. */
        fails = 1;
        calls = 0;
        uint32_t got = call(api, 1, &le);
        lgs__backend_set(NULL);
        CU_ASSERT_EQUAL(calls, 2);
        CU_ASSERT_EQUAL(got, raw);
        CU_ASSERT_EQUAL(le, raw_le);
        if (le != raw_le)
            printf("\n  %s: GetLastError 0x%lX after the retry, the raw API leaves 0x%lX", names[api],
                   (unsigned long)le, (unsigned long)raw_le);
        /* Two failures before the success: the third attempt too. */
        fails = 2;
        calls = 0;
        lgs__backend_set(&fk);
        got = call(api, 1, &le);
        lgs__backend_set(NULL);
        CU_ASSERT_EQUAL(calls, 3);
        CU_ASSERT_EQUAL(got, raw);
        CU_ASSERT_EQUAL(le, raw_le);
    }
}

/* The inline read of the last error the fast path uses reads what
 * GetLastError() reads. */
static void test_peek_last_error(void)
{
    static const DWORD values[] = {0, 1, MARK, 0x80090311u, 0xFFFFFFFFu};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        SetLastError(values[i]);
        CU_ASSERT_EQUAL(lgs__peek_last_error(), values[i]);
        CU_ASSERT_EQUAL(GetLastError(), values[i]);
    }
}

static int teardown(void)
{
    lgs__backend_set(NULL);
    return vt_teardown();
}

int lgs_suite_retry_last_error(void)
{
    static CU_TestInfo tests[] = {
        {"the inline last-error read is GetLastError()", test_peek_last_error},
        {"retried after a fast first attempt: GetLastError as the raw API's", test_retry_after_fast_first},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("retry_last_error", tests, NULL, teardown);
}
