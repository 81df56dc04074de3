/* tstate.c (Windows) — the engine's per-thread state on Windows (see
 * shim/tstate.c for the registry; the POSIX twin is port/posix/tstate.c).
 *
 * The state's address lives in a TLS slot. A wrapped call must leave
 * GetLastError() as the API left it, and TlsGetValue() clears the last error
 * when it succeeds, so the hot path (inline, in lgs_port.h) reads the
 * slot from the TEB's TlsSlots array (documented in winternl.h) for the
 * first 64 slots, which is also all TlsGetValue() itself does; a slot in the
 * expansion range, and a thread's first call, come here and go through
 * TlsGetValue(), with the last error saved around it.
 *
 * A TLS callback (the .CRT$XL* section the CRT's TLS directory points at)
 * gives the state back when a thread exits. It is part of this module's
 * image, so it goes away with the module: a DLL that is unloaded leaves no
 * callback behind, as an FLS callback would.
 */
#include <stddef.h>
#include <windows.h>
#include <winternl.h>

#include "engine_internal.h"

/* lgs_port.h reads TlsSlots at these offsets. */
#ifdef _WIN64
_Static_assert(offsetof(TEB, TlsSlots) == 0x1480, "TEB.TlsSlots offset (x64)");
#else
_Static_assert(offsetof(TEB, TlsSlots) == 0xE10, "TEB.TlsSlots offset (x86)");
#endif

#define slot_plus1 lgs__hot.tstate_slot_plus1 /* TlsAlloc() index + 1; 0: none yet; -1: none to be had */

/* What a thread's slot holds once the thread has given its state back at
 * exit: a call made later in its teardown (another module's detach handler)
 * counts through the shared counters instead of taking a state that no
 * callback would give back. lgs_port.h reads values above it only. */
#define EXITING ((void *)LGS__TSTATE_EXITING)

static DWORD slot(void)
{
    LONG s = InterlockedCompareExchange(&slot_plus1, 0, 0);
    if (s > 0)
        return (DWORD)(s - 1);
    if (s < 0)
        return TLS_OUT_OF_INDEXES;
    DWORD index = TlsAlloc();
    if (index == TLS_OUT_OF_INDEXES) {
        /* The process has used up its TLS indexes: do not ask on every call. */
        InterlockedCompareExchange(&slot_plus1, -1, 0);
        return TLS_OUT_OF_INDEXES;
    }
    s = InterlockedCompareExchange(&slot_plus1, (LONG)index + 1, 0);
    if (s == 0)
        return index;
    TlsFree(index); /* another thread made one first */
    return s > 0 ? (DWORD)(s - 1) : TLS_OUT_OF_INDEXES;
}

lgs__tstate *lgs__tstate_first_use(void)
{
    DWORD saved = GetLastError();
    lgs__tstate *ts = NULL;
    DWORD index = slot();
    if (index != TLS_OUT_OF_INDEXES) {
        ts = TlsGetValue(index);
        if (ts == EXITING) {
            ts = NULL;
        } else if (ts == NULL) {
            ts = lgs__tstate_acquire();
            if (ts != NULL && !TlsSetValue(index, ts)) {
                lgs__tstate_release(ts);
                ts = NULL;
            }
        }
    }
    SetLastError(saved);
    return ts;
}

#if !defined(__x86_64__) && !defined(__i386__)
/* Elsewhere lgs_port.h has no inline read of the TEB: every call
 * takes the slot through TlsGetValue(). */
lgs__tstate *lgs__tstate_get(void)
{
    return lgs__tstate_first_use();
}
#endif

/* The nesting depth of a thread without a state. emulated TLS may reach
 * TlsGetValue(), which clears the last error: keep it. */
static _Thread_local unsigned fallback_depth;

unsigned *lgs__depth_fallback(void)
{
    DWORD saved = GetLastError();
    unsigned *p = &fallback_depth;
    SetLastError(saved);
    return p;
}

static void NTAPI on_thread(PVOID module, DWORD reason, PVOID reserved)
{
    (void)module;
    LONG s = InterlockedCompareExchange(&slot_plus1, 0, 0);
    if (s <= 0)
        return;
    DWORD saved = GetLastError();
    if (reason == DLL_THREAD_DETACH) {
        lgs__tstate *ts = TlsGetValue((DWORD)(s - 1));
        if (ts != NULL && ts != EXITING)
            lgs__tstate_release(ts);
        TlsSetValue((DWORD)(s - 1), EXITING);
    } else if (reason == DLL_PROCESS_DETACH && reserved == NULL) {
        /* FreeLibrary of the module holding this code (logonshim.dll, or a
         * DLL the static library was linked into): no call can run in it
         * any more, so the index and the states go back. At process exit
         * (reserved non-NULL) the system takes everything. */
        TlsFree((DWORD)(s - 1));
        slot_plus1 = 0;
        lgs__tstate_free_all();
    }
    SetLastError(saved);
}
/* Placed between the CRT's .CRT$XLA and .CRT$XLZ markers, which bound the
 * TLS directory's callback array; `used` keeps it through the link. */
__attribute__((section(".CRT$XLF"), used)) const PIMAGE_TLS_CALLBACK lgs__tstate_tls_callback =
    on_thread;
