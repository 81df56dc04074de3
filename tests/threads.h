/* threads.h — a minimal portable way for a test to run one function on
 * several threads at once: CreateThread on Windows, pthreads elsewhere.
 */
#ifndef LGS_TESTS_THREADS_H
#define LGS_TESTS_THREADS_H

/** Runs fn(arg, i) for i in [0, n) on n threads and waits for all of them.
 *  Returns 0, or -1 when a thread could not be started (those that did are
 *  still waited for). n is at most 64. */
int lgs_test_run_threads(unsigned n, void (*fn)(void *arg, unsigned index), void *arg);

#endif
