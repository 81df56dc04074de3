/* threads.c — lgs_test_run_threads() (see threads.h). Tests may include
 * <windows.h>; the library may not. */
#ifdef _WIN32
#include <windows.h>
#else
#include <pthread.h>
#endif

#include "threads.h"

#define MAX_THREADS 64

typedef struct job {
    void (*fn)(void *arg, unsigned index);
    void *arg;
    unsigned index;
} job;

#ifdef _WIN32
static DWORD WINAPI start(LPVOID p)
{
    job *j = p;
    j->fn(j->arg, j->index);
    return 0;
}
#else
static void *start(void *p)
{
    job *j = p;
    j->fn(j->arg, j->index);
    return NULL;
}
#endif

int lgs_test_run_threads(unsigned n, void (*fn)(void *arg, unsigned index), void *arg)
{
    job jobs[MAX_THREADS];
    int rc = 0;
    unsigned started = 0;
    if (n > MAX_THREADS)
        return -1;
#ifdef _WIN32
    HANDLE handles[MAX_THREADS];
    for (unsigned i = 0; i < n; i++) {
        jobs[i] = (job){fn, arg, i};
        handles[started] = CreateThread(NULL, 0, start, &jobs[i], 0, NULL);
        if (handles[started] == NULL)
            rc = -1;
        else
            started++;
    }
    for (unsigned i = 0; i < started; i++) {
        WaitForSingleObject(handles[i], INFINITE);
        CloseHandle(handles[i]);
    }
#else
    pthread_t threads[MAX_THREADS];
    for (unsigned i = 0; i < n; i++) {
        jobs[i] = (job){fn, arg, i};
        if (pthread_create(&threads[started], NULL, start, &jobs[i]) != 0)
            rc = -1;
        else
            started++;
    }
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
#endif
    return rc;
}
