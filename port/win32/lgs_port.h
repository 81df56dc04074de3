/* lgs_port.h (Windows) — the platform's part of the fast path, inline so
 * that a call costs no more than when it was written in the core: the
 * hooks' clock read (the default clock called directly) and the calling
 * thread's state (read from the TEB). shim/engine_internal.h includes it
 * once lgs__tstate and lgs__hot are defined; every port has a header of
 * this name (port/posix/lgs_port.h), and CMake puts the platform's folder on
 * the include path. The out-of-line halves are port/win32/clock.c and
 * port/win32/tstate.c. kernel32 is declared by hand: the core's files that
 * include this must not get <windows.h> through it.
 */
#ifndef LGS_PORT_H
#define LGS_PORT_H

#ifndef LGS_ENGINE_INTERNAL_H
#error "lgs_port.h is part of engine_internal.h: include that instead"
#endif

__declspec(dllimport) unsigned long long __stdcall GetTickCount64(void);
/** A clock hook called with the thread's last error kept around it (the
 *  fast path calls it before the API, with nothing to restore after). */
uint64_t lgs__clock_hook_call(uint64_t (*clock_ms)(void *user), void *user);
/** A hooks clock; the default one called directly. */
static inline uint64_t lgs__clock_now(uint64_t (*clock_ms)(void *user), void *user)
{
    if (clock_ms == lgs__default_clock_ms)
        return (uint64_t)GetTickCount64();
    return lgs__clock_hook_call(clock_ms, user);
}

/* port/win32/tstate.c: the slow path (a thread's first call, a slot in the
 * TLS expansion range) through TlsGetValue(). */
lgs__tstate *lgs__tstate_first_use(void);

/** The calling thread's state, made on first use; NULL only when memory for
 *  a new one or a TLS index could not be had (the engine then counts
 *  through the shared counters). Never changes the thread's last-error
 *  value. */
#if defined(__x86_64__) || defined(__i386__)
/* lgs__hot.tstate_slot_plus1 is the TLS index holding the state, plus one
 * (0: none yet; port/win32/tstate.c sets it). The hot path reads the slot
 * from the TEB's TlsSlots array (winternl.h; tstate.c checks the offsets
 * against the SDK's TEB) as TlsGetValue() does, but without clearing the
 * last error. */
static inline lgs__tstate *lgs__tstate_get(void)
{
    long s = lgs__hot.tstate_slot_plus1;
    if (s > 0 && s <= 64) {
        void *v;
#ifdef __x86_64__
        __asm__ volatile("movq %%gs:0x1480(,%1,8), %0" : "=r"(v) : "r"((unsigned long long)(s - 1)));
#else
        __asm__ volatile("movl %%fs:0xE10(,%1,4), %0" : "=r"(v) : "r"((unsigned long)(s - 1)));
#endif
        if ((uintptr_t)v > LGS__TSTATE_EXITING)
            return (lgs__tstate *)v;
    }
    return lgs__tstate_first_use();
}
#else
lgs__tstate *lgs__tstate_get(void); /* port/win32/tstate.c, through TlsGetValue() */
#endif

#endif
