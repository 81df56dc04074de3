/* test_badinput.c — bad input to every public function of the portable API:
 * NULL pointers, zero and tiny sizes, over-long names, out-of-range enum
 * values. Each row of the table is one function and one bad input, and
 * checks the result the header documents, that outputs the documentation
 * says stay untouched do, and that text outputs stay inside their buffers
 * (guard bytes after each; the ASan build checks reads too). The Windows
 * API (wrappers, Event Log registration) has its own table in
 * win/test_badinput_win.c; tests/badinput_coverage.sh checks that the two
 * tables name every LGS_API function in include/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "badinput.h"
#include "log_internal.h"
#include "logonshim/logonshim.h"
#include "suites.h"
#include "vtime.h"

#define GUARD 16
#define LONG_LEN 70000 /* longer than any name, path or token limit */

static char *long_name; /* LONG_LEN 'A's */
static char *long_spec; /* "LogonUserW=1366,1366,...", LONG_LEN long */

/* A buffer of `size` bytes followed by GUARD guard bytes. */
typedef struct guarded {
    char bytes[512 + GUARD];
    size_t size;
} guarded;

static char *guard_init(guarded *g, size_t size)
{
    g->size = size;
    memset(g->bytes, 0x5A, sizeof g->bytes);
    return g->bytes;
}

/* The guard bytes are intact, and a written text is NUL-terminated. */
static int guard_ok(const guarded *g, int must_terminate)
{
    for (size_t i = g->size; i < g->size + GUARD; i++) {
        if (g->bytes[i] != 0x5A)
            return 0;
    }
    return !must_terminate || g->size == 0 || memchr(g->bytes, '\0', g->size) != NULL;
}

static int untouched(const guarded *g)
{
    for (size_t i = 0; i < g->size + GUARD; i++) {
        if (g->bytes[i] != 0x5A)
            return 0;
    }
    return 1;
}

static const lgs_space bad_spaces[] = {(lgs_space)-1, LGS_SPACE_COUNT_, (lgs_space)0x7FFFFFFF};
#define FOR_BAD_SPACES(s) for (size_t i_ = 0; i_ < 3 && ((s) = bad_spaces[i_], 1); i_++)

/* ---- codes.h ---- */

static int catalogue_count_nonzero(void) { return lgs_catalogue_count() > 0; }

static int catalogue_row_out_of_range(void)
{
    return lgs_catalogue_row(lgs_catalogue_count()) == NULL && lgs_catalogue_row(SIZE_MAX) == NULL;
}

static int code_lookup_bad_space(void)
{
    lgs_space s;
    FOR_BAD_SPACES(s) {
        if (lgs_code_lookup(s, 1366) != NULL)
            return 0;
    }
    return 1;
}

static int code_by_name_null_long_empty(void)
{
    return lgs_code_by_name(NULL) == NULL && lgs_code_by_name(long_name) == NULL &&
           lgs_code_by_name("") == NULL;
}

static int classify_bad_space(void)
{
    lgs_space s;
    FOR_BAD_SPACES(s) {
        if (lgs_classify(s, 1366) != LGS_CLASS_UNKNOWN)
            return 0;
    }
    return 1;
}

static int win32_equivalent_null_out(void)
{
    return lgs_win32_equivalent(LGS_SPACE_WIN32, 1366, NULL) == LGS_EINVAL;
}

static int win32_equivalent_bad_space(void)
{
    lgs_space s;
    FOR_BAD_SPACES(s) {
        int32_t out = 12345;
        if (lgs_win32_equivalent(s, 1366, &out) != LGS_EINVAL || out != 12345)
            return 0;
    }
    return 1;
}

static int win32_equivalent_none_untouched(void)
{
    int32_t out = 12345;
    /* An unknown security code has no Win32 equivalent. */
    return lgs_win32_equivalent(LGS_SPACE_SECURITY, 0x8009FFFFu, &out) == LGS_ENOTFOUND && out == 12345;
}

static int hresult_form_bad_space(void)
{
    lgs_space s;
    FOR_BAD_SPACES(s) {
        if (lgs_hresult_form(s, 0x80090301u) != 0x80090301u || lgs_hresult_form(s, 0) != 0)
            return 0;
    }
    return 1;
}

static int guidance_for_bad_space(void)
{
    const lgs_guidance *unknown = lgs_class_guidance(LGS_CLASS_UNKNOWN);
    lgs_space s;
    FOR_BAD_SPACES(s) {
        if (lgs_guidance_for(s, 1366) != unknown)
            return 0;
    }
    return unknown != NULL;
}

static const lgs_class bad_classes[] = {(lgs_class)-1, LGS_CLASS_COUNT_, (lgs_class)0x7FFFFFFF};

static int class_guidance_bad_class(void)
{
    for (size_t i = 0; i < 3; i++) {
        if (lgs_class_guidance(bad_classes[i]) != lgs_class_guidance(LGS_CLASS_UNKNOWN))
            return 0;
    }
    return 1;
}

static int class_name_bad_class(void)
{
    for (size_t i = 0; i < 3; i++) {
        if (strcmp(lgs_class_name(bad_classes[i]), "invalid") != 0)
            return 0;
    }
    return 1;
}

static int class_from_name_null(void)
{
    lgs_class c = LGS_CLASS_CONFIG;
    return lgs_class_from_name(NULL, &c) == LGS_EINVAL && lgs_class_from_name("ok", NULL) == LGS_EINVAL &&
           c == LGS_CLASS_CONFIG;
}

static int class_from_name_unknown_long(void)
{
    lgs_class c = LGS_CLASS_CONFIG;
    return lgs_class_from_name("OK", &c) == LGS_ENOTFOUND && lgs_class_from_name(long_name, &c) == LGS_ENOTFOUND &&
           lgs_class_from_name("", &c) == LGS_ENOTFOUND && c == LGS_CLASS_CONFIG;
}

static int class_default_action_bad_class(void)
{
    for (size_t i = 0; i < 3; i++) {
        if (lgs_class_default_action(bad_classes[i]) != LGS_ACTION_FAIL)
            return 0;
    }
    return 1;
}

static int action_name_bad_action(void)
{
    return strcmp(lgs_action_name((lgs_action)-1), "invalid") == 0 &&
           strcmp(lgs_action_name(LGS_ACTION_COUNT_), "invalid") == 0;
}

static int space_name_bad_space(void)
{
    lgs_space s;
    FOR_BAD_SPACES(s) {
        if (strcmp(lgs_space_name(s), "invalid") != 0)
            return 0;
    }
    return 1;
}

static int code_parse_null(void)
{
    lgs_parsed_code out;
    memset(&out, 0x5A, sizeof out);
    guarded why;
    char *w = guard_init(&why, 64);
    return lgs_code_parse(NULL, &out, w, why.size) == LGS_EINVAL && guard_ok(&why, 1) &&
           lgs_code_parse("1366", NULL, NULL, 0) == LGS_EINVAL && lgs_code_parse(NULL, NULL, NULL, 99) == LGS_EINVAL;
}

static int code_parse_tiny_why(void)
{
    lgs_parsed_code out;
    guarded why;
    int ok = 1;
    for (size_t n = 0; n <= 3; n++) {
        char *w = guard_init(&why, n);
        ok &= lgs_code_parse("bogus!", &out, w, n) == LGS_EINVAL;
        ok &= n == 0 ? untouched(&why) : guard_ok(&why, 1);
    }
    return ok;
}

static int code_parse_long_and_empty(void)
{
    lgs_parsed_code out;
    guarded why;
    char *w = guard_init(&why, 100);
    int ok = lgs_code_parse(long_name, &out, w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    w = guard_init(&why, 100);
    ok &= lgs_code_parse("", &out, w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    ok &= lgs_code_parse("win32:", &out, NULL, 0) == LGS_EINVAL;
    ok &= lgs_code_parse("0x100000000", &out, NULL, 0) == LGS_EINVAL;
    return ok;
}

/* The krb space: what is not a Kerberos code it holds is refused or NULL,
 * never another space's row. */
static int code_parse_bad_krb(void)
{
    static const char *const bad[] = {"krb:", "krb:-", "krb:0x", "krb:zz", "krb:0x100000000",
                                      "krb:STATUS_LOGON_FAILURE", "win32:KDC_ERR_PREAUTH_FAILED",
                                      "kerberos:24", "krb:KDC_ERR_NO_SUCH_THING"};
    lgs_parsed_code out;
    int ok = 1;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        guarded why;
        char *w = guard_init(&why, 100);
        ok &= lgs_code_parse(bad[i], &out, w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    }
    return ok;
}

static int krb_lookup_unknown(void)
{
    /* 0 (KDC_ERR_NONE is no error), unassigned 30, 43, and values no
     * Kerberos code has. */
    static const uint32_t values[] = {0, 30, 43, 0x45, 0xFFFFu, 0x80090324u, 0xFFFFFFFFu};
    int ok = 1;
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        ok &= lgs_krb_lookup(values[i]) == NULL;
    return ok;
}

/* ---- faults.h ---- */

static int faults_set_null_and_blank_clear(void)
{
    int ok = lgs_faults_set("LogonUserW=1366", NULL, 0) == LGS_OK && lgs_faults_pending("LogonUserW") == 1;
    ok &= lgs_faults_set(NULL, NULL, 0) == LGS_OK && lgs_faults_pending("LogonUserW") == 0;
    ok &= lgs_faults_set("LogonUserW=1366", NULL, 0) == LGS_OK;
    ok &= lgs_faults_set("   ", NULL, 0) == LGS_OK && lgs_faults_pending("LogonUserW") == 0;
    return ok;
}

static int faults_set_long_keeps_script(void)
{
    guarded why;
    char *w = guard_init(&why, 80);
    int ok = lgs_faults_set("LogonUserW=1366", NULL, 0) == LGS_OK;
    ok &= lgs_faults_set(long_name, w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    /* 13 000 codes: more than the script holds. */
    w = guard_init(&why, 80);
    ok &= lgs_faults_set(long_spec, w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    ok &= lgs_faults_pending("LogonUserW") == 1;
    lgs_faults_clear();
    return ok;
}

static int faults_set_tiny_why(void)
{
    guarded why;
    int ok = 1;
    for (size_t n = 0; n <= 2; n++) {
        char *w = guard_init(&why, n);
        ok &= lgs_faults_set("LogonUserW=bogus", w, n) == LGS_EINVAL;
        ok &= n == 0 ? untouched(&why) : guard_ok(&why, 1);
    }
    ok &= lgs_faults_set("LogonUserW=1366*0", NULL, 0) == LGS_EINVAL;
    ok &= lgs_faults_set("LogonUserW=1366*1000001", NULL, 0) == LGS_EINVAL;
    ok &= lgs_faults_set("LogonUserW=0", NULL, 0) == LGS_EINVAL;
    return ok;
}

static int faults_clear_twice(void)
{
    lgs_faults_clear();
    lgs_faults_clear();
    return lgs_faults_pending("LogonUserW") == 0;
}

static int faults_pending_null_unknown_long(void)
{
    return lgs_faults_pending(NULL) == 0 && lgs_faults_pending("") == 0 && lgs_faults_pending("logonuserw") == 0 &&
           lgs_faults_pending(long_name) == 0;
}

/* ---- engine.h ---- */

static lgs_status_code ok_attempt(void *ctx)
{
    (void)ctx;
    lgs_status_code c = {LGS_SPACE_WIN32, 0};
    return c;
}

static lgs_status_code bad_space_attempt(void *ctx)
{
    (void)ctx;
    lgs_status_code c = {(lgs_space)99, 5};
    return c;
}

static int engine_run_null(void)
{
    lgs_call call;
    memset(&call, 0, sizeof call);
    call.api = "X";
    call.attempt = ok_attempt;
    lgs_outcome out;
    memset(&out, 0x5A, sizeof out);
    lgs_outcome copy = out;
    int ok = lgs_engine_run(NULL, &out) == LGS_EINVAL && lgs_engine_run(&call, NULL) == LGS_EINVAL;
    call.api = NULL;
    ok &= lgs_engine_run(&call, &out) == LGS_EINVAL;
    call.api = "X";
    call.attempt = NULL;
    ok &= lgs_engine_run(&call, &out) == LGS_EINVAL;
    return ok && memcmp(&out, &copy, sizeof out) == 0;
}

static int engine_run_long_names(void)
{
    lgs_call call;
    memset(&call, 0, sizeof call);
    call.api = long_name;
    call.authority = long_name;
    call.user = long_name;
    call.domain = long_name;
    call.attempt = ok_attempt;
    lgs_outcome out;
    int ok = lgs_engine_run(&call, &out) == LGS_OK && out.decision == LGS_DECISION_OK;
    call.api = "";
    call.authority = "";
    call.user = "\\";
    call.domain = "";
    ok &= lgs_engine_run(&call, &out) == LGS_OK && out.decision == LGS_DECISION_OK;
    call.user = "@";
    ok &= lgs_engine_run(&call, &out) == LGS_OK;
    return ok;
}

static int engine_run_bad_space_code(void)
{
    lgs_call call;
    memset(&call, 0, sizeof call);
    call.api = "X";
    call.attempt = bad_space_attempt;
    lgs_outcome out;
    return lgs_engine_run(&call, &out) == LGS_OK && out.cls == LGS_CLASS_UNKNOWN &&
           out.decision == LGS_DECISION_NEVER_RETRY && out.attempts == 1;
}

static int decision_name_bad(void)
{
    return strcmp(lgs_decision_name((lgs_decision)-1), "invalid") == 0 &&
           strcmp(lgs_decision_name(LGS_DECISION_COUNT_), "invalid") == 0;
}

/* Runs one call whose attempt succeeds; 1 when the engine accepted it. */
static int run_ok_call(void)
{
    lgs_call call;
    memset(&call, 0, sizeof call);
    call.api = "X";
    call.attempt = ok_attempt;
    lgs_outcome out;
    return lgs_engine_run(&call, &out) == LGS_OK;
}

static int engine_set_hooks_null_and_empty(void)
{
    lgs_hooks empty;
    memset(&empty, 0, sizeof empty);
    lgs_engine_set_hooks(&empty); /* every field NULL: the defaults */
    int ok = run_ok_call();
    lgs_engine_set_hooks(NULL);
    ok &= run_ok_call();
    vt_setup(1000, 1); /* back to the suite's virtual time */
    return ok;
}

/* The waits of four retries made after lgs_engine_seed(seed), drawn from the
 * default random source in virtual time (UINT64_MAX where none was made). */
static void jitter_after_seed(uint64_t seed, uint64_t out[4])
{
    /* A different state before each seeding: a seed that was ignored shows. */
    static uint64_t before = 1000;
    vt_setup(1000, ++before);
    vt_set("retry.transient.attempts", "5");
    vt_set("retry.transient.base_ms", "1000");
    vt_set("retry.transient.cap_ms", "1000");
    vt_set("breaker.threshold", "0");
    vt_set("budget.floor", "1000000");
    lgs_engine_seed(seed);
    vt_script s;
    vt_script_repeat(&s, vt_code_of(LGS_CLASS_TRANSIENT), 4);
    vt_script_push(&s, vt_win32(0));
    lgs_call c = vt_call(&s, "LogonUser", NULL);
    (void)vt_run(&c);
    for (unsigned i = 0; i < 4; i++)
        out[i] = i < vt_sleep_count ? vt_sleeps[i] : UINT64_MAX;
}

static int varies(const uint64_t w[4])
{
    return w[3] != UINT64_MAX && !(w[0] == w[1] && w[1] == w[2] && w[2] == w[3]);
}

/* The extreme seeds are seeds like any other: the same seed gives the same
 * jitter again (0 does not mean "seed from the clock"), the two give
 * different jitter, and neither sticks the source on one value. */
static int engine_seed_extremes(void)
{
    uint64_t zero[4], zero_again[4], max[4], max_again[4];
    jitter_after_seed(0, zero);
    jitter_after_seed(0, zero_again);
    jitter_after_seed(UINT64_MAX, max);
    jitter_after_seed(UINT64_MAX, max_again);
    vt_setup(1000, 1); /* back to the suite's virtual time */
    return memcmp(zero, zero_again, sizeof zero) == 0 && memcmp(max, max_again, sizeof max) == 0 &&
           memcmp(zero, max, sizeof zero) != 0 && varies(zero) && varies(max);
}

static int engine_reset_state_twice(void)
{
    lgs_engine_reset_state();
    lgs_engine_reset_state();
    lgs_stats st;
    lgs_stats_snapshot(&st);
    return st.calls == 0;
}

/* NULL does nothing: in particular the counters stay as they were. */
static int stats_snapshot_null(void)
{
    int ok = run_ok_call();
    lgs_stats before, after;
    lgs_stats_snapshot(&before);
    lgs_stats_snapshot(NULL);
    lgs_stats_snapshot(&after);
    return ok && before.calls > 0 && memcmp(&before, &after, sizeof before) == 0;
}

/* ---- config.h ---- */

static int config_set_null(void)
{
    guarded why;
    char *w = guard_init(&why, 64);
    int ok = lgs_config_set(NULL, "1", w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    w = guard_init(&why, 64);
    ok &= lgs_config_set("deadline_ms", NULL, w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    ok &= lgs_config_set(NULL, NULL, NULL, 0) == LGS_EINVAL;
    return ok;
}

static int config_set_long_and_unknown(void)
{
    char before[64], after[64];
    int ok = lgs_config_get("deadline_ms", before, sizeof before) == LGS_OK;
    guarded why;
    char *w = guard_init(&why, 100);
    ok &= lgs_config_set(long_name, "1", w, why.size) == LGS_ENOTFOUND && guard_ok(&why, 1);
    w = guard_init(&why, 100);
    ok &= lgs_config_set("deadline_ms", long_name, w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    ok &= lgs_config_set("deadline_ms", "", NULL, 0) == LGS_EINVAL;
    ok &= lgs_config_set("deadline_ms", "99999999999999999999999", NULL, 0) == LGS_EINVAL;
    ok &= lgs_config_set("deadline_ms", "-1", NULL, 0) == LGS_EINVAL;
    ok &= lgs_config_set("", "1", NULL, 0) == LGS_ENOTFOUND;
    ok &= lgs_config_get("deadline_ms", after, sizeof after) == LGS_OK && strcmp(before, after) == 0;
    return ok;
}

static int config_set_tiny_why(void)
{
    guarded why;
    int ok = 1;
    for (size_t n = 0; n <= 2; n++) {
        char *w = guard_init(&why, n);
        ok &= lgs_config_set("retry.credentials.attempts", "3", w, n) == LGS_EINVAL;
        ok &= n == 0 ? untouched(&why) : guard_ok(&why, 1);
    }
    return ok;
}

static int config_get_null_zero(void)
{
    guarded buf;
    char *b = guard_init(&buf, 0);
    int ok = lgs_config_get(NULL, b, 16) == LGS_EINVAL && lgs_config_get("deadline_ms", NULL, 16) == LGS_EINVAL &&
             lgs_config_get("deadline_ms", b, 0) == LGS_EINVAL && untouched(&buf);
    b = guard_init(&buf, 16);
    ok &= lgs_config_get(long_name, b, buf.size) == LGS_ENOTFOUND;
    b = guard_init(&buf, 1);
    ok &= lgs_config_get("deadline_ms", b, 1) == LGS_OK && b[0] == '\0' && guard_ok(&buf, 1);
    return ok;
}

static int config_dump_null_tiny(void)
{
    size_t need = lgs_config_dump(NULL, 0);
    guarded buf;
    int ok = need > 0;
    for (size_t n = 0; n <= 3; n++) {
        char *b = guard_init(&buf, n);
        ok &= lgs_config_dump(n == 0 ? NULL : b, n) == need;
        ok &= n == 0 ? untouched(&buf) : guard_ok(&buf, 1) && strlen(b) == n - 1;
    }
    return ok;
}

static int config_reset_twice(void)
{
    lgs_config_reset();
    lgs_config_reset();
    char v[32];
    return lgs_config_get("deadline_ms", v, sizeof v) == LGS_OK;
}

static int config_load_no_sources(void)
{
    /* No INI file, registry key or LOGONSHIM_ variables in this process. */
    return lgs_config_load() >= 0;
}

static int log_hash_name_bad(void)
{
    char out[32] = "x";
    return lgs_log_hash_name(NULL, out, sizeof out) == LGS_EINVAL && out[0] == '\0' &&
           lgs_log_hash_name("", out, sizeof out) == LGS_EINVAL &&
           lgs_log_hash_name("alice", NULL, 32) == LGS_EINVAL &&
           lgs_log_hash_name("alice", out, 0) == LGS_EINVAL && lgs_log_hash_name("alice", out, 17) == LGS_EINVAL;
}

/* ---- record.h ---- */

static int last_failure_null(void) { return lgs_last_failure(NULL) == LGS_EINVAL; }

static int record_kind_name_bad(void)
{
    return strcmp(lgs_record_kind_name((lgs_record_kind)-1), "invalid") == 0 &&
           strcmp(lgs_record_kind_name(LGS_RECORD_KIND_COUNT_), "invalid") == 0;
}

static int severity_name_bad(void)
{
    return strcmp(lgs_severity_name((lgs_severity)-1), "invalid") == 0 &&
           strcmp(lgs_severity_name(LGS_SEVERITY_COUNT_), "invalid") == 0;
}

/* ---- log.h ---- */

static unsigned callback_calls;

static void counting_callback(void *ctx, const lgs_record *r)
{
    (void)ctx;
    (void)r;
    callback_calls++;
}

/* NULL removes the callback (whatever the context): records logged after
 * it reach nobody. Storm control is off, so that no record is held back
 * for being like the one before it. */
static int log_set_callback_null(void)
{
    int ok = lgs_log_config_set("log.storm.limit", "0", NULL, 0) == LGS_OK;
    callback_calls = 0;
    lgs_log_set_callback(counting_callback, NULL);
    lgs__log_setting("badinput", "one", "a record the callback receives");
    ok &= callback_calls == 1;
    lgs_log_set_callback(NULL, NULL);
    lgs__log_setting("badinput", "two", "a record nobody receives");
    lgs_log_set_callback(counting_callback, NULL);
    lgs_log_set_callback(NULL, long_name);
    lgs__log_setting("badinput", "three", "a record nobody receives");
    ok &= callback_calls == 1;
    lgs_log_reset();
    ok &= lgs_log_config_set("log.sinks", "none", NULL, 0) == LGS_OK;
    return ok;
}

static int log_config_set_null_long(void)
{
    char before[64], after[64];
    int ok = lgs_log_config_get("log.level", before, sizeof before) == LGS_OK;
    guarded why;
    char *w = guard_init(&why, 64);
    ok &= lgs_log_config_set(NULL, "error", w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    ok &= lgs_log_config_set("log.level", NULL, NULL, 0) == LGS_EINVAL;
    w = guard_init(&why, 64);
    ok &= lgs_log_config_set(long_name, "error", w, why.size) == LGS_ENOTFOUND && guard_ok(&why, 1);
    w = guard_init(&why, 64);
    ok &= lgs_log_config_set("log.level", long_name, w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    w = guard_init(&why, 64);
    ok &= lgs_log_config_set("log.eventlog.source", long_name, w, why.size) == LGS_EINVAL && guard_ok(&why, 1);
    ok &= lgs_log_config_set("log.jsonl.path", long_name, NULL, 0) == LGS_EINVAL;
    ok &= lgs_log_config_set("log.storm", "1/0", NULL, 0) == LGS_EINVAL;
    ok &= lgs_log_config_get("log.level", after, sizeof after) == LGS_OK && strcmp(before, after) == 0;
    return ok;
}

static int log_config_set_tiny_why(void)
{
    guarded why;
    int ok = 1;
    for (size_t n = 0; n <= 2; n++) {
        char *w = guard_init(&why, n);
        ok &= lgs_log_config_set("log.level", "loud", w, n) == LGS_EINVAL;
        ok &= n == 0 ? untouched(&why) : guard_ok(&why, 1);
    }
    return ok;
}

static int log_config_get_null_zero(void)
{
    guarded buf;
    char *b = guard_init(&buf, 0);
    int ok = lgs_log_config_get(NULL, b, 8) == LGS_EINVAL && lgs_log_config_get("log.level", NULL, 8) == LGS_EINVAL &&
             lgs_log_config_get("log.level", b, 0) == LGS_EINVAL && untouched(&buf);
    b = guard_init(&buf, 8);
    ok &= lgs_log_config_get(long_name, b, buf.size) == LGS_ENOTFOUND;
    b = guard_init(&buf, 2);
    ok &= lgs_log_config_get("log.level", b, buf.size) == LGS_OK && guard_ok(&buf, 1) && strlen(b) == 1;
    return ok;
}

static int log_configure_null_long(void)
{
    int ok = lgs_log_configure(NULL) == -1;
    ok &= lgs_log_configure(long_name) == 1;
    ok &= lgs_log_configure(",,,") == 0;
    ok &= lgs_log_configure("level=,storm=,redact=") == 3;
    (void)lgs_log_config_set("log.sinks", "none", NULL, 0);
    return ok;
}

static int log_flush_reset_twice(void)
{
    lgs_log_flush();
    lgs_log_flush();
    lgs_log_reset();
    lgs_log_reset();
    return lgs_log_config_set("log.sinks", "none", NULL, 0) == LGS_OK;
}

/* A record as the library makes one, then with its enums out of range. */
static lgs_record sample_record(void)
{
    lgs_record r;
    memset(&r, 0, sizeof r);
    r.kind = LGS_RECORD_ATTEMPT;
    strcpy(r.api, "LogonUserW");
    r.name = "ERROR_LOGON_SESSION_COLLISION";
    r.value = 1366;
    r.cls = LGS_CLASS_SESSION_COLLISION;
    r.guidance = lgs_class_guidance(r.cls);
    strcpy(r.detail, "\"quoted\" \\ and\ta control \x01 char");
    return r;
}

static int format_checks(size_t (*fmt)(const lgs_record *, char *, size_t))
{
    lgs_record r = sample_record();
    guarded buf;
    char *b = guard_init(&buf, 8);
    int ok = fmt(NULL, b, buf.size) == 0;
    size_t need = fmt(&r, NULL, 0);
    ok &= need > 0;
    for (size_t n = 1; n <= 4; n++) {
        b = guard_init(&buf, n);
        ok &= fmt(&r, b, n) == need && guard_ok(&buf, 1);
    }
    r.kind = (lgs_record_kind)99;
    r.severity = (lgs_severity)-1;
    r.space = (lgs_space)7;
    r.cls = (lgs_class)-5;
    r.decision = (lgs_decision)1000;
    r.name = NULL;
    b = guard_init(&buf, 500);
    ok &= fmt(&r, b, buf.size) > 0 && guard_ok(&buf, 1);
    return ok;
}

static int record_format_text_bad(void) { return format_checks(lgs_record_format_text); }
static int record_format_json_bad(void) { return format_checks(lgs_record_format_json); }

/* ---- the table ---- */

static const lgs_badinput_row rows[] = {
    {"lgs_catalogue_count", "(none)", catalogue_count_nonzero},
    {"lgs_catalogue_row", "index == count, SIZE_MAX", catalogue_row_out_of_range},
    {"lgs_code_lookup", "space -1, COUNT_, INT_MAX", code_lookup_bad_space},
    {"lgs_code_by_name", "NULL, 70 000 chars, empty", code_by_name_null_long_empty},
    {"lgs_classify", "space out of range", classify_bad_space},
    {"lgs_win32_equivalent", "out NULL", win32_equivalent_null_out},
    {"lgs_win32_equivalent", "space out of range", win32_equivalent_bad_space},
    {"lgs_win32_equivalent", "no equivalent: out untouched", win32_equivalent_none_untouched},
    {"lgs_hresult_form", "space out of range", hresult_form_bad_space},
    {"lgs_guidance_for", "space out of range", guidance_for_bad_space},
    {"lgs_class_guidance", "class out of range", class_guidance_bad_class},
    {"lgs_class_name", "class out of range", class_name_bad_class},
    {"lgs_class_from_name", "name NULL, out NULL", class_from_name_null},
    {"lgs_class_from_name", "wrong case, 70 000 chars, empty", class_from_name_unknown_long},
    {"lgs_class_default_action", "class out of range", class_default_action_bad_class},
    {"lgs_action_name", "action out of range", action_name_bad_action},
    {"lgs_space_name", "space out of range", space_name_bad_space},
    {"lgs_code_parse", "text NULL, out NULL", code_parse_null},
    {"lgs_code_parse", "why of 0..3 bytes", code_parse_tiny_why},
    {"lgs_code_parse", "70 000 chars, empty, prefix only, 33 bits", code_parse_long_and_empty},
    {"lgs_code_parse", "krb: empty, sign, 33 bits, another space's name, unknown name", code_parse_bad_krb},
    {"lgs_krb_lookup", "0, unassigned, out of range", krb_lookup_unknown},
    {"lgs_faults_set", "NULL and blank clear", faults_set_null_and_blank_clear},
    {"lgs_faults_set", "70 000 chars, too many codes: script kept", faults_set_long_keeps_script},
    {"lgs_faults_set", "why of 0..2 bytes, *0, *1000001, code 0", faults_set_tiny_why},
    {"lgs_faults_clear", "twice", faults_clear_twice},
    {"lgs_faults_pending", "NULL, empty, wrong case, 70 000 chars", faults_pending_null_unknown_long},
    {"lgs_engine_run", "call/api/attempt/out NULL: out untouched", engine_run_null},
    {"lgs_engine_run", "70 000-char api, authority, user; empty ones", engine_run_long_names},
    {"lgs_engine_run", "attempt returns a space out of range", engine_run_bad_space_code},
    {"lgs_decision_name", "decision out of range", decision_name_bad},
    {"lgs_engine_set_hooks", "all fields NULL, NULL", engine_set_hooks_null_and_empty},
    {"lgs_engine_seed", "0, UINT64_MAX: each reproducible, not stuck", engine_seed_extremes},
    {"lgs_engine_reset_state", "twice", engine_reset_state_twice},
    {"lgs_stats_snapshot", "out NULL: counters unchanged", stats_snapshot_null},
    {"lgs_config_set", "key NULL, value NULL", config_set_null},
    {"lgs_config_set", "70 000-char key and value, empty, overflow, -1: setting kept", config_set_long_and_unknown},
    {"lgs_config_set", "why of 0..2 bytes", config_set_tiny_why},
    {"lgs_config_get", "key NULL, buf NULL, size 0, 70 000 chars, size 1", config_get_null_zero},
    {"lgs_config_dump", "buf NULL size 0, sizes 1..3", config_dump_null_tiny},
    {"lgs_config_reset", "twice", config_reset_twice},
    {"lgs_config_load", "no sources", config_load_no_sources},
    {"lgs_last_failure", "out NULL", last_failure_null},
    {"lgs_record_kind_name", "kind out of range", record_kind_name_bad},
    {"lgs_severity_name", "severity out of range", severity_name_bad},
    {"lgs_log_set_callback", "NULL callback (any context): records reach nobody", log_set_callback_null},
    {"lgs_log_config_set", "NULLs, 70 000-char key, values: setting kept", log_config_set_null_long},
    {"lgs_log_config_set", "why of 0..2 bytes", log_config_set_tiny_why},
    {"lgs_log_config_get", "key NULL, buf NULL, size 0, 70 000 chars, size 2", log_config_get_null_zero},
    {"lgs_log_configure", "NULL, 70 000 chars, empty items, empty values", log_configure_null_long},
    {"lgs_log_flush", "twice, then lgs_log_reset twice", log_flush_reset_twice},
    {"lgs_log_hash_name", "name NULL or empty, out NULL, size 0 and 17", log_hash_name_bad},
    {"lgs_log_reset", "twice", log_flush_reset_twice},
    {"lgs_record_format_text", "record NULL, sizes 1..4, enums out of range, name NULL", record_format_text_bad},
    {"lgs_record_format_json", "record NULL, sizes 1..4, enums out of range, name NULL", record_format_json_bad},
};

void lgs_badinput_run(const lgs_badinput_row *table, size_t n, const char *what)
{
    unsigned failed = 0, no_crash = 0;
    const size_t mark = strlen(LGS_NO_CRASH_MARK);
    for (size_t i = 0; i < n; i++) {
        printf("\n  row %s (%s)", table[i].function, table[i].input);
        fflush(stdout);
        if (strncmp(table[i].input, LGS_NO_CRASH_MARK, mark) == 0)
            no_crash++;
        if (!table[i].check()) {
            failed++;
            printf(": not as documented");
        }
    }
    printf("\n  bad input to %s: %u rows (%u of them only show the call returns), %u failed\n",
           what, (unsigned)n, no_crash, failed);
    CU_ASSERT_EQUAL(failed, 0);
}

static void test_table(void)
{
    lgs_badinput_run(rows, sizeof rows / sizeof rows[0], "the portable API");
}

static int setup(void)
{
    long_name = malloc(LONG_LEN + 1);
    long_spec = malloc(LONG_LEN + 1);
    if (long_name == NULL || long_spec == NULL)
        return 1;
    memset(long_name, 'A', LONG_LEN);
    long_name[LONG_LEN] = '\0';
    strcpy(long_spec, "LogonUserW=1366");
    for (size_t n = strlen(long_spec); n + 5 < LONG_LEN; n += 5)
        memcpy(long_spec + n, ",1366", 6);
    vt_setup(1000, 1);
    lgs_log_reset();
    (void)lgs_log_config_set("log.sinks", "none", NULL, 0);
    return 0;
}

static int teardown(void)
{
    free(long_name);
    free(long_spec);
    lgs_faults_clear();
    lgs_config_reset();
    lgs_log_reset();
    (void)lgs_log_config_set("log.sinks", "none", NULL, 0);
    return vt_teardown();
}

static CU_TestInfo tests[] = {
    {"every public function, bad input: documented result", test_table},
    CU_TEST_INFO_NULL,
};

int lgs_suite_badinput(void)
{
    LGS_REGISTER("badinput", tests, setup, teardown);
}
