/* clock.c (Windows) — the platform defaults behind the engine's clock and
 * sleep hooks, and the yield its spinlock uses: GetTickCount64, Sleep and
 * SwitchToThread, and the call of a clock hook with the thread's last error
 * kept. The kernel32 functions are declared here by hand, as in lgs_port.h,
 * so that this file and the core's headers agree without <windows.h>. The
 * POSIX twin is port/posix/clock.c.
 */
#include <stdint.h>

#include "engine_internal.h"

__declspec(dllimport) unsigned long long __stdcall GetTickCount64(void);
__declspec(dllimport) void __stdcall Sleep(unsigned long ms);
__declspec(dllimport) int __stdcall SwitchToThread(void);
__declspec(dllimport) unsigned long __stdcall GetLastError(void);
__declspec(dllimport) void __stdcall SetLastError(unsigned long code);

uint64_t lgs__clock_hook_call(uint64_t (*clock_ms)(void *user), void *user)
{
    unsigned long saved = GetLastError();
    uint64_t now = clock_ms(user);
    SetLastError(saved);
    return now;
}

uint64_t lgs__default_clock_ms(void *user)
{
    (void)user;
    return (uint64_t)GetTickCount64();
}

void lgs__default_sleep_ms(void *user, uint64_t ms)
{
    (void)user;
    /* Sleep takes a DWORD; the deadline bounds every wait far below this. */
    while (ms > 0) {
        unsigned long chunk = ms > 0x7FFFFFFFu ? 0x7FFFFFFFul : (unsigned long)ms;
        Sleep(chunk);
        ms -= chunk;
    }
}

void lgs__yield(void)
{
    (void)SwitchToThread();
}
