/* tstate.c (POSIX) — the accessor behind lgs__tstate_get() (inline, in
 * lgs_port.h): a _Thread_local pointer to the thread's state, and a pthread
 * key whose destructor gives the state back to the registry (shim/tstate.c)
 * when the thread exits. The Windows twin is port/win32/tstate.c.
 */
#include <pthread.h>
#include <stddef.h>

#include "engine_internal.h"

/* The fast path reads the thread-local pointer; the key exists only for its
 * destructor, which gives the state back when the thread exits. */
_Thread_local lgs__tstate *lgs__tstate_mine;
static pthread_key_t exit_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static int key_made;

static void on_thread_exit(void *p)
{
    lgs__tstate_mine = NULL;
    lgs__tstate_release(p);
}

static void make_key(void)
{
    key_made = pthread_key_create(&exit_key, on_thread_exit) == 0;
}

static _Thread_local unsigned fallback_depth;

unsigned *lgs__depth_fallback(void)
{
    return &fallback_depth;
}

/* A shared object holding the library may be unloaded: its key's destructor
 * must not outlive it. */
__attribute__((destructor)) static void drop_key(void)
{
    if (key_made)
        (void)pthread_key_delete(exit_key);
    key_made = 0;
}

lgs__tstate *lgs__tstate_first_use(void)
{
    (void)pthread_once(&key_once, make_key);
    lgs__tstate *ts = lgs__tstate_acquire();
    if (ts == NULL)
        return NULL;
    /* Without the key the state would never come back: still usable, and
     * the thread keeps it until the process ends. */
    if (key_made)
        (void)pthread_setspecific(exit_key, ts);
    lgs__tstate_mine = ts;
    return ts;
}
