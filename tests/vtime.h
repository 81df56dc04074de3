/* vtime.h — the fixture the engine suites share: a virtual clock and sleep
 * installed as engine hooks, scripted attempts (a list of codes, each taking
 * a set amount of virtual time), and picking a catalogue code of a class.
 * Nothing here sleeps for real.
 */
#ifndef LGS_TESTS_VTIME_H
#define LGS_TESTS_VTIME_H

#include <stdint.h>

#include "logonshim/logonshim.h"

#define VT_MAX 64

/** A scripted API: attempt i returns codes[i] (the last one again once the
 *  list is used up) and advances the virtual clock by cost_ms. */
typedef struct vt_script {
    lgs_status_code codes[VT_MAX];
    unsigned count;
    uint64_t cost_ms;
    unsigned calls;               /* attempts made */
    uint64_t call_at[VT_MAX];     /* virtual time each attempt started */
    unsigned cleanups;
    lgs_decision decisions[VT_MAX]; /* as the per-call observer saw them */
    unsigned observed;
} vt_script;

/** Resets configuration, engine state and stats, installs the virtual hooks
 *  with the clock at `start`, and seeds the random source. */
void vt_setup(uint64_t start, uint64_t seed);
/** Fills *h with the virtual clock, sleep and wait hooks (random and
 *  observer NULL), for a test that installs hooks of its own. */
void vt_fill_hooks(lgs_hooks *h);
/** Restores the default hooks (a suite's cleanup). */
int vt_teardown(void);

uint64_t vt_now(void);
void vt_advance(uint64_t ms);

/** Sleeps and wait-hook calls recorded since vt_setup(). */
extern unsigned vt_sleep_count;
extern uint64_t vt_sleeps[VT_MAX];
extern unsigned vt_wait_count;
extern unsigned vt_wait_attempt[VT_MAX];
extern uint64_t vt_wait_delay[VT_MAX];
extern uint64_t vt_wait_remaining[VT_MAX];

/** A script of n copies of code c. */
void vt_script_repeat(vt_script *s, lgs_status_code c, unsigned n);
/** Appends one code to a script. */
void vt_script_push(vt_script *s, lgs_status_code c);
/** A call on script s with the given API family and authority. */
lgs_call vt_call(vt_script *s, const char *api, const char *authority);
/** Runs a call; fails the current test when lgs_engine_run() refuses it. */
lgs_outcome vt_run(const lgs_call *call);

/** The first catalogue code of class cls (a value the catalogue does not
 *  know for LGS_CLASS_UNKNOWN; 0 for LGS_CLASS_OK). */
lgs_status_code vt_code_of(lgs_class cls);
/** The value of the first catalogue code of class cls in the space; 0 when
 *  the space has none (cls not LGS_CLASS_OK). */
uint32_t vt_code_in(lgs_space space, lgs_class cls);
/** A Win32 code. */
lgs_status_code vt_win32(uint32_t v);

/** Sets a configuration key; fails the current test when it is refused. */
void vt_set(const char *key, const char *value);

#endif
