/* hook_overhead.c — what a call that succeeds costs through the in-process
 * hooks (logonshim-run, logonshim-patch), beside the same call in a
 * program recompiled against logonshim.dll, in one run under Wine.
 *
 * The call is QuerySecurityPackageInfoW("Kerberos") + FreeContextBuffer,
 * a real and cheap SSPI call, made three ways in each round:
 *   direct      the system's functions, by the addresses GetProcAddress gave
 *               before the hooks were installed;
 *   recompiled  lgs_QuerySecurityPackageInfoW + lgs_FreeContextBuffer from
 *               logonshim.dll, as a program built with dropin.h calls them;
 *   hooked      this program's own imports of the system's names after
 *               lgs_hook_install() pointed them at the wrappers, as a
 *               program that never heard of logonshim calls them.
 * Each round times the three loops back to back, in an order that rotates
 * from round to round; the figures are medians over rounds of each time and
 * of the differences to direct, so drift between rounds cancels out.
 *
 * Usage: lgs_bench_hook [--smoke]   exits 1 when the hooks were not in. */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logonshim/logonshim.h"
#include "paired.h"

#define MAX_ROUNDS 201

typedef SECURITY_STATUS(WINAPI *qspi_fn)(LPWSTR, PSecPkgInfoW *);
typedef SECURITY_STATUS(WINAPI *free_fn)(PVOID);

static wchar_t package[] = L"Kerberos";
static qspi_fn sys_qspi;
static free_fn sys_free;

/* way 0: direct, 1: recompiled, 2: hooked (this program's own imports). */
static SECURITY_STATUS query(int way, PSecPkgInfoW *info)
{
    switch (way) {
    case 0:
        return sys_qspi(package, info);
    case 1:
        return lgs_QuerySecurityPackageInfoW(package, info);
    default:
        return QuerySecurityPackageInfoW(package, info);
    }
}

static void release(int way, PSecPkgInfoW info)
{
    switch (way) {
    case 0:
        sys_free(info);
        break;
    case 1:
        lgs_FreeContextBuffer(info);
        break;
    default:
        FreeContextBuffer(info);
        break;
    }
}

static double run(int way, unsigned n)
{
    double t0 = now_ns();
    for (unsigned i = 0; i < n; i++) {
        PSecPkgInfoW info = NULL;
        if (query(way, &info) == SEC_E_OK)
            release(way, info);
    }
    return (now_ns() - t0) / n;
}

int main(int argc, char **argv)
{
    int smoke = argc > 1 && strcmp(argv[1], "--smoke") == 0;
    const unsigned rounds = smoke ? 21 : MAX_ROUNDS, n = smoke ? 500 : 2000;
    HMODULE secur = GetModuleHandleW(L"secur32.dll");
    FARPROC q = GetProcAddress(secur, "QuerySecurityPackageInfoW"), f = GetProcAddress(secur, "FreeContextBuffer");
    memcpy(&sys_qspi, &q, sizeof q);
    memcpy(&sys_free, &f, sizeof f);
    if (sys_qspi == NULL || sys_free == NULL || lgs_hook_install() != LGS_OK) {
        puts("bench_hook: cannot set up");
        return 1;
    }
    lgs_stats s0, s1;
    for (int way = 0; way < 3; way++)
        (void)run(way, 1000); /* warm up */
    static double t[3][MAX_ROUNDS], d_rec[MAX_ROUNDS], d_hook[MAX_ROUNDS], d_diff[MAX_ROUNDS];
    lgs_stats_snapshot(&s0);
    for (unsigned r = 0; r < rounds; r++) {
        for (int k = 0; k < 3; k++) {
            int way = (int)((r + (unsigned)k) % 3);
            t[way][r] = run(way, n);
        }
        d_rec[r] = t[1][r] - t[0][r];
        d_hook[r] = t[2][r] - t[0][r];
        d_diff[r] = t[2][r] - t[1][r];
    }
    lgs_stats_snapshot(&s1);
    /* The wrappers ran the recompiled and the hooked loops' calls: two
     * wrapped calls per iteration each. */
    unsigned long long expected = 2ull * 2ull * n * rounds, through = s1.calls - s0.calls;
    printf("QuerySecurityPackageInfoW + FreeContextBuffer (medians of %u rounds of %u calls): "
           "direct %.1f ns, recompiled %.1f ns (+%.1f), hooked %.1f ns (+%.1f); "
           "hooked minus recompiled %.1f ns; %llu of %llu wrapped calls seen by the shim\n",
           rounds, n, median(t[0], rounds), median(t[1], rounds), median(d_rec, rounds),
           median(t[2], rounds), median(d_hook, rounds), median(d_diff, rounds), through, expected);
    printf("bench_hook recompiled_added_ns=%.1f hooked_added_ns=%.1f hook_minus_recompiled_ns=%.1f\n",
           median(d_rec, rounds), median(d_hook, rounds), median(d_diff, rounds));
    lgs_hook_remove();
    return through == expected ? 0 : 1;
}
