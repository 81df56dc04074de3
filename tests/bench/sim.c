/* sim.c — the baton-passing scheduler behind sim.h. */
#include <pthread.h>
#include <stdint.h>

#include "sim.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn[SIM_MAX_CLIENTS];
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static uint64_t wake[SIM_MAX_CLIENTS];
static int finished[SIM_MAX_CLIENTS];
static unsigned clients;
static unsigned running;
static unsigned remaining;
static uint64_t now;
static _Thread_local unsigned self;

typedef struct start_arg {
    unsigned client;
    void (*body)(unsigned client, void *arg);
    void *arg;
} start_arg;

/* Called with lock held: gives the baton to the earliest sleeper. */
static void pass_baton(void)
{
    unsigned best = SIM_MAX_CLIENTS;
    for (unsigned i = 0; i < clients; i++) {
        if (!finished[i] && (best == SIM_MAX_CLIENTS || wake[i] < wake[best]))
            best = i;
    }
    if (best == SIM_MAX_CLIENTS) {
        pthread_cond_signal(&all_done);
        return;
    }
    if (wake[best] > now)
        now = wake[best];
    running = best;
    pthread_cond_signal(&turn[best]);
}

static void wait_turn(void)
{
    while (running != self)
        pthread_cond_wait(&turn[self], &lock);
}

uint64_t sim_now(void)
{
    return now; /* only the baton holder runs, and it took the lock to get it */
}

void sim_sleep(uint64_t ms)
{
    pthread_mutex_lock(&lock);
    wake[self] = now + ms;
    pass_baton();
    wait_turn();
    pthread_mutex_unlock(&lock);
}

static void *client_main(void *p)
{
    start_arg *a = p;
    self = a->client;
    pthread_mutex_lock(&lock);
    wait_turn();
    pthread_mutex_unlock(&lock);
    a->body(a->client, a->arg);
    pthread_mutex_lock(&lock);
    finished[self] = 1;
    remaining--;
    pass_baton();
    pthread_mutex_unlock(&lock);
    return NULL;
}

void sim_run(unsigned n, const uint64_t *start, void (*body)(unsigned client, void *arg),
             void *arg)
{
    static pthread_t threads[SIM_MAX_CLIENTS];
    static start_arg args[SIM_MAX_CLIENTS];
    if (n > SIM_MAX_CLIENTS)
        n = SIM_MAX_CLIENTS;
    pthread_mutex_lock(&lock);
    clients = n;
    remaining = n;
    now = 0;
    running = SIM_MAX_CLIENTS; /* nobody until every thread exists */
    for (unsigned i = 0; i < n; i++) {
        pthread_cond_init(&turn[i], NULL);
        wake[i] = start[i];
        finished[i] = 0;
        args[i] = (start_arg){i, body, arg};
        pthread_create(&threads[i], NULL, client_main, &args[i]);
    }
    pass_baton();
    while (remaining > 0)
        pthread_cond_wait(&all_done, &lock);
    pthread_mutex_unlock(&lock);
    for (unsigned i = 0; i < n; i++) {
        pthread_join(threads[i], NULL);
        pthread_cond_destroy(&turn[i]);
    }
}
