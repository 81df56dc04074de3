/* lgs_port.h (POSIX) — the platform's part of the fast path, inline so that
 * a call costs no more than when it was written in the core: the hooks'
 * clock read, and the calling thread's state. shim/engine_internal.h
 * includes it once lgs__tstate is defined; every port has a header of this
 * name (port/win32/lgs_port.h), and CMake puts the platform's folder on the
 * include path. The out-of-line half is port/posix/tstate.c.
 */
#ifndef LGS_PORT_H
#define LGS_PORT_H

#ifndef LGS_ENGINE_INTERNAL_H
#error "lgs_port.h is part of engine_internal.h: include that instead"
#endif

/** A hooks clock. POSIX has no last-error value to keep around it, and the
 *  default clock is a vDSO call already, so there is nothing to inline. */
static inline uint64_t lgs__clock_now(uint64_t (*clock_ms)(void *user), void *user)
{
    return clock_ms(user);
}

/* The state's pointer in a thread-local (port/posix/tstate.c), and the slow
 * path that makes it and registers the thread-exit destructor. */
extern _Thread_local lgs__tstate *lgs__tstate_mine;
lgs__tstate *lgs__tstate_first_use(void);

/** The calling thread's state, made on first use; NULL only when memory for
 *  a new one could not be had (the engine then counts through the shared
 *  counters). */
static inline lgs__tstate *lgs__tstate_get(void)
{
    lgs__tstate *ts = lgs__tstate_mine;
    return ts != NULL ? ts : lgs__tstate_first_use();
}

#endif
