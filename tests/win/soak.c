/* soak.c — lgs_soak: 100 000 wrapped calls under Wine with faults of every
 * class injected (LOGONSHIM_FAULTS's injector, lgs_faults_set), then the
 * real call where the faults run out, and the process measured before and
 * after: nothing may grow.
 *
 * Handles are counted three ways, because Wine 8's GetProcessHandleCount
 * reports 0 whatever is open: GetProcessHandleCount itself, the process's
 * entries in NtQuerySystemInformation(SystemHandleInformation), and probing
 * every handle value up to 65536 with GetHandleInformation. Memory is
 * counted as private bytes twice (GetProcessMemoryInfo's PrivateUsage,
 * which Wine 8 leaves at 0, and the committed private regions VirtualQuery
 * finds, which is what private bytes are) and as the bytes in use in the
 * process heap (HeapWalk), where the C runtime's malloc lives too.
 * The engine runs on a virtual clock, so backoff costs no time.
 *
 * Usage: lgs_soak [CALLS]        (default 100000)
 * Prints "soak: ..." lines and exits non-zero when anything grew. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <windows.h>
#include <psapi.h>

#include "logonshim/logonshim.h"

#define WARMUP 2000
/* After the warm-up every path has run once, so nothing may grow: not one
 * more region of private memory (they come in 64 KiB steps), and no more
 * than allocator bookkeeping in the heap. */
#define HEAP_SLACK 1024

/* ---- measuring ---- */

typedef LONG(NTAPI *query_system_fn)(ULONG cls, PVOID buf, ULONG len, PULONG ret);

/* SystemHandleInformation (class 16): a count, then one entry per handle. */
typedef struct handle_entry {
    ULONG pid;
    UCHAR type;
    UCHAR flags;
    USHORT value;
    PVOID object;
    ULONG access;
} handle_entry;

typedef struct handle_table {
    ULONG count;
    handle_entry entries[1];
} handle_table;

/* The process's entries in the system handle table, or -1 when the call is
 * not supported. */
static long nt_handle_count(void)
{
    query_system_fn query =
        (query_system_fn)(void (*)(void))GetProcAddress(GetModuleHandleW(L"ntdll"), "NtQuerySystemInformation");
    if (query == NULL)
        return -1;
    ULONG size = 1 << 16;
    for (int tries = 0; tries < 16; tries++) {
        handle_table *t = malloc(size);
        if (t == NULL)
            return -1;
        ULONG ret = 0;
        LONG st = query(16, t, size, &ret);
        if (st == (LONG)0xC0000004L) { /* STATUS_INFO_LENGTH_MISMATCH */
            free(t);
            size = ret > size ? ret + 4096 : size * 2;
            continue;
        }
        long n = -1;
        if (st >= 0) {
            n = 0;
            DWORD pid = GetCurrentProcessId();
            for (ULONG i = 0; i < t->count; i++)
                n += t->entries[i].pid == pid;
        }
        free(t);
        return n;
    }
    return -1;
}

/* Handle values that GetHandleInformation accepts. */
static long probed_handle_count(void)
{
    long n = 0;
    for (uintptr_t v = 4; v < 65536; v += 4) {
        DWORD flags;
        if (GetHandleInformation((HANDLE)v, &flags))
            n++;
    }
    return n;
}

static long long heap_in_use(void)
{
    HANDLE heap = GetProcessHeap();
    PROCESS_HEAP_ENTRY e;
    long long used = 0;
    memset(&e, 0, sizeof e);
    if (!HeapLock(heap))
        return -1;
    while (HeapWalk(heap, &e)) {
        if (e.wFlags & PROCESS_HEAP_ENTRY_BUSY)
            used += (long long)e.cbData;
    }
    HeapUnlock(heap);
    return used;
}

/* Committed private memory: what "private bytes" counts. */
static long long committed_private(void)
{
    long long total = 0;
    MEMORY_BASIC_INFORMATION mbi;
    for (char *p = NULL; VirtualQuery(p, &mbi, sizeof mbi) == sizeof mbi; p = (char *)mbi.BaseAddress + mbi.RegionSize) {
        if (mbi.State == MEM_COMMIT && mbi.Type == MEM_PRIVATE)
            total += (long long)mbi.RegionSize;
        if ((char *)mbi.BaseAddress + mbi.RegionSize < p)
            break;
    }
    return total;
}

typedef struct sample {
    DWORD gphc;
    long nt, probed;
    long long private_usage, private_bytes, heap;
} sample;

static sample measure(void)
{
    sample s;
    memset(&s, 0, sizeof s);
    if (!GetProcessHandleCount(GetCurrentProcess(), &s.gphc))
        s.gphc = (DWORD)-1;
    s.nt = nt_handle_count();
    s.probed = probed_handle_count();
    PROCESS_MEMORY_COUNTERS_EX pmc;
    memset(&pmc, 0, sizeof pmc);
    pmc.cb = sizeof pmc;
    s.private_usage = GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof pmc)
                          ? (long long)pmc.PrivateUsage
                          : -1;
    s.private_bytes = committed_private();
    s.heap = heap_in_use();
    return s;
}

/* ---- the engine on a virtual clock, the log into a counter ---- */

static atomic_uint_fast64_t vclock = 1000;
static uint64_t records;

static uint64_t vt_clock(void *user)
{
    (void)user;
    return atomic_load(&vclock);
}

static void vt_sleep(void *user, uint64_t ms)
{
    (void)user;
    atomic_fetch_add(&vclock, ms);
}

static void count_record(void *ctx, const lgs_record *r)
{
    (void)ctx;
    (void)r;
    records++;
}

/* ---- the calls ---- */

/* One fault: a code of a class in the space of the APIs that can return it. */
typedef struct fault {
    lgs_class cls;
    lgs_space space;
    uint32_t value;
} fault;

static fault faults[3 * LGS_CLASS_COUNT_];
static size_t fault_count;

/* For every class but ok, the first catalogue code of it in each space. */
static void pick_faults(void)
{
    for (int c = LGS_CLASS_CONTINUE; c < LGS_CLASS_COUNT_; c++) {
        for (int sp = 0; sp < LGS_SPACE_KRB; sp++) { /* the spaces an API returns */
            uint32_t value = 0;
            if (c == LGS_CLASS_UNKNOWN) {
                static const uint32_t unknown[] = {0xFFFEu, 0xC0FFFFFEu, 0x8009FFFEu};
                value = unknown[sp];
            } else {
                for (size_t i = 0; i < lgs_catalogue_count(); i++) {
                    const lgs_code_info *r = lgs_catalogue_row(i);
                    if ((int)r->cls == c && (int)r->space == sp && r->value != 0) {
                        value = r->value;
                        break;
                    }
                }
            }
            if (value != 0 && lgs_classify((lgs_space)sp, value) == (lgs_class)c) {
                fault f = {(lgs_class)c, (lgs_space)sp, value};
                faults[fault_count++] = f;
            }
        }
    }
}

static unsigned long classes_seen[LGS_CLASS_COUNT_];
static unsigned long successes, failures;

/* One wrapped call with fault f queued `count` times; releases whatever a
 * success handed out. */
static void wrapped_call(const fault *f, unsigned count, unsigned long variant)
{
    static const char *const win32_apis[] = {"LogonUserW"};
    static const char *const nt_apis[] = {"LsaConnectUntrusted", "LsaEnumerateLogonSessions"};
    static const char *const sec_apis[] = {"EnumerateSecurityPackagesW", "QuerySecurityPackageInfoW"};
    const char *api = f->space == LGS_SPACE_WIN32      ? win32_apis[0]
                      : f->space == LGS_SPACE_NTSTATUS ? nt_apis[variant]
                                                       : sec_apis[variant];
    char spec[96], why[200];
    snprintf(spec, sizeof spec, "%s=0x%lX*%u", api, (unsigned long)f->value, count);
    if (lgs_faults_set(spec, why, sizeof why) != LGS_OK) {
        fprintf(stderr, "soak: spec '%s' refused: %s\n", spec, why);
        exit(2);
    }
    classes_seen[f->cls]++;
    int ok;
    if (f->space == LGS_SPACE_WIN32) {
        HANDLE h = NULL;
        ok = lgs_LogonUserW(L"soak", L"SOAK", L"pw", LOGON32_LOGON_NETWORK, LOGON32_PROVIDER_DEFAULT, &h);
        if (ok && h != NULL)
            CloseHandle(h); /* Wine's stub token is not a handle; this fails harmlessly there */
    } else if (f->space == LGS_SPACE_NTSTATUS && variant == 0) {
        HANDLE lsa = NULL;
        ok = lgs_LsaConnectUntrusted(&lsa) >= 0;
        if (ok)
            lgs_LsaDeregisterLogonProcess(lsa);
    } else if (f->space == LGS_SPACE_NTSTATUS) {
        ULONG n = 0;
        PLUID list = NULL;
        ok = lgs_LsaEnumerateLogonSessions(&n, &list) >= 0;
        if (ok && list != NULL)
            lgs_LsaFreeReturnBuffer(list);
    } else if (variant == 0) {
        unsigned long n = 0;
        PSecPkgInfoW info = NULL;
        SECURITY_STATUS st = lgs_EnumerateSecurityPackagesW(&n, &info);
        ok = st == SEC_E_OK;
        if (st == SEC_E_OK && info != NULL)
            lgs_FreeContextBuffer(info);
    } else {
        static wchar_t negotiate[] = L"Negotiate";
        PSecPkgInfoW info = NULL;
        SECURITY_STATUS st = lgs_QuerySecurityPackageInfoW(negotiate, &info);
        ok = st == SEC_E_OK;
        if (st == SEC_E_OK && info != NULL)
            lgs_FreeContextBuffer(info);
    }
    if (ok)
        successes++;
    else
        failures++;
    lgs_faults_clear();
}

static void run(unsigned long from, unsigned long to)
{
    for (unsigned long i = from; i < to; i++) {
        const fault *f = &faults[i % fault_count];
        /* Each fault goes in turn to both APIs of its space, and to each
         * with one injected code (a retried class then reaches the real
         * call, which succeeds and hands out a handle or a buffer) and with
         * 25 (every attempt fails on injected codes). */
        unsigned long round = i / (unsigned long)fault_count;
        wrapped_call(f, round % 2 == 0 ? 1u : 25u, (round / 2) % 2);
        /* Move the virtual clock on, so breakers and the lockout guard
         * close again and every class keeps reaching the injector. */
        atomic_fetch_add(&vclock, 997);
    }
}

static void print_sample(const char *when, const sample *s)
{
    printf("soak: %-6s GetProcessHandleCount=%lu NtQuerySystemInformation=%ld probed=%ld "
           "PrivateUsage=%lld private_bytes=%lld heap_in_use=%lld\n",
           when, (unsigned long)s->gphc, s->nt, s->probed, s->private_usage, s->private_bytes, s->heap);
}

int main(int argc, char **argv)
{
    unsigned long calls = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000ul;
    char why[200];
    lgs_hooks h;
    memset(&h, 0, sizeof h);
    h.clock_ms = vt_clock;
    h.sleep_ms = vt_sleep;
    lgs_engine_set_hooks(&h);
    lgs_engine_seed(8);
    if (lgs_config_set("budget.floor", "1000000", why, sizeof why) != LGS_OK ||
        lgs_log_config_set("log.sinks", "none", why, sizeof why) != LGS_OK) {
        fprintf(stderr, "soak: %s\n", why);
        return 2;
    }
    lgs_log_set_callback(count_record, NULL);
    pick_faults();

    run(0, WARMUP); /* lazy set-up: secur32's packages, the log, the catalogue */
    sample before = measure();
    lgs_stats st0;
    lgs_stats_snapshot(&st0);
    unsigned long ok0 = successes, failed0 = failures;
    run(WARMUP, WARMUP + calls);
    lgs_log_flush();
    sample after = measure();
    lgs_stats st;
    lgs_stats_snapshot(&st);

    printf("soak: %lu wrapped calls (%lu succeeded, %lu failed), %llu attempts, %llu retries, "
           "%llu records; %zu faults over %d classes\n",
           calls, successes - ok0, failures - failed0, (unsigned long long)(st.attempts - st0.attempts),
           (unsigned long long)(st.retries - st0.retries), (unsigned long long)records, fault_count,
           LGS_CLASS_COUNT_ - 1);
    printf("soak: faults per class:");
    for (int c = 1; c < LGS_CLASS_COUNT_; c++)
        printf(" %s=%lu", lgs_class_name((lgs_class)c), classes_seen[c]);
    printf("\n");
    print_sample("before", &before);
    print_sample("after", &after);
    long long dp = after.private_bytes - before.private_bytes, dh = after.heap - before.heap;
    long long du = after.private_usage - before.private_usage;
    long dnt = after.nt - before.nt, dpr = after.probed - before.probed;
    long dg = (long)after.gphc - (long)before.gphc;
    printf("soak: delta  GetProcessHandleCount=%ld NtQuerySystemInformation=%ld probed=%ld "
           "PrivateUsage=%lld private_bytes=%lld heap_in_use=%lld\n",
           dg, dnt, dpr, du, dp, dh);

    int bad = 0;
    for (int c = 1; c < LGS_CLASS_COUNT_; c++)
        bad |= classes_seen[c] == 0;
    bad |= dg != 0 || dnt != 0 || dpr != 0;
    bad |= dh > HEAP_SLACK || dp > 0 || du > 0;
    bad |= before.probed <= 0;
    printf("soak: %s\n", bad ? "FAILED: something grew" : "no growth");
    return bad ? 1 : 0;
}
