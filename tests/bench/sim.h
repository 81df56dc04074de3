/* sim.h — deterministic virtual time for the outage benchmark: every client
 * is a thread, but only one runs at a time. A client that sleeps hands the
 * baton to the client with the earliest wake-up time (the lowest number on a
 * tie), and the virtual clock jumps to that time. The run is therefore the
 * same on every machine and takes no real time to wait.
 */
#ifndef LGS_BENCH_SIM_H
#define LGS_BENCH_SIM_H

#include <stdint.h>

#define SIM_MAX_CLIENTS 256

/** Runs body(client, arg) on n clients, client i starting at virtual time
 *  start[i]; returns when every body has returned. */
void sim_run(unsigned n, const uint64_t *start, void (*body)(unsigned client, void *arg),
             void *arg);

/** The virtual time now, in ms. Only meaningful inside a client body. */
uint64_t sim_now(void);

/** Lets virtual time pass for the calling client. */
void sim_sleep(uint64_t ms);

#endif
