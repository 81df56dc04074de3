/* log_format.c — the two ways a record is written out: one line of text a
 * person reads (stderr, the debugger, the Event Log's insert) and one JSON
 * object per line (the JSON lines file). Both are pure functions of the
 * record, with snprintf's contract, so sinks and tests share them.
 *
 * JSON strings are escaped per RFC 8259 and bytes that are not valid UTF-8
 * become U+FFFD, so every line parses whatever a wrapper passed as a name.
 * The JSON lines follow the OpenTelemetry log data model (schema 2):
 * timestamp, severity_text, severity_number, body (the text line), and
 * attributes named as OpenTelemetry's conventions name them where one
 * exists (process.pid, thread.id, error.type, user.name), logonshim.* for
 * the rest. docs/logging.md lists the keys; every key is present in every
 * object.
 *
 * In the text line every field that can come from outside (API name, code
 * name, user, authority, detail: a bad setting's echoed value, a target or
 * package name) is escaped: C0 controls, DEL, C1 controls, U+2028 and
 * U+2029 and bytes that are not valid UTF-8 become \xHH or \uHHHH, so that a
 * name cannot end the line, forge a record on the next one or send escape
 * sequences to a terminal: one record is always one line. A backslash is
 * left as it is (DOMAIN\user stays readable); that an escape could also be
 * typed literally makes a name ambiguous to read, never a second line.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log_sink.h"

/* An snprintf-style appender: len counts what the whole text needs. */
typedef struct out {
    char *buf;
    size_t size;
    size_t len;
} out;

static void put_n(out *o, const char *s, size_t n)
{
    if (o->len < o->size) {
        size_t room = o->size - o->len - 1;
        size_t k = n < room ? n : room;
        memcpy(o->buf + o->len, s, k);
        o->buf[o->len + k] = '\0';
    }
    o->len += n;
}

static void put(out *o, const char *s)
{
    put_n(o, s, strlen(s));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void putf(out *o, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        put_n(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static out out_init(char *buf, size_t size)
{
    out o = {buf, buf != NULL ? size : 0, 0};
    if (o.size > 0)
        buf[0] = '\0';
    return o;
}

void lgs__format_utc(uint64_t utc_ms, char *buf, size_t size)
{
    /* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
    uint64_t secs = utc_ms / 1000u;
    unsigned ms = (unsigned)(utc_ms % 1000u);
    int64_t days = (int64_t)(secs / 86400u);
    unsigned sod = (unsigned)(secs % 86400u);
    int64_t z = days + 719468;
    int64_t era = z / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2)
        y++;
    snprintf(buf, size, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", (int)y, m, d, sod / 3600,
             sod / 60 % 60, sod % 60, ms);
}

/* ---- text ---- */

static size_t utf8_len(const unsigned char *s);

/* Appends s with what could break or colour the line escaped (see top). */
static void put_text(out *o, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        size_t n = utf8_len(p);
        if (n == 0 || *p < 0x20 || *p == 0x7F) {
            putf(o, "\\x%02X", *p);
            p++;
        } else if (n == 2 && p[0] == 0xC2 && p[1] < 0xA0) { /* U+0080..U+009F */
            putf(o, "\\u%04X", (unsigned)p[1]);
            p += 2;
        } else if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
            putf(o, "\\u%04X", p[2] == 0xA8 ? 0x2028u : 0x2029u);
            p += 3;
        } else {
            put_n(o, (const char *)p, n);
            p += n;
        }
    }
}

static void put_code(out *o, const lgs_record *r)
{
    put_text(o, r->name != NULL ? r->name : "unknown code");
    if (r->space == LGS_SPACE_WIN32)
        putf(o, " (%" PRIu32 ", 0x%" PRIX32 ")", r->value, r->value);
    else if (r->win32 != LGS_NO_WIN32)
        putf(o, " (0x%08" PRIX32 ", win32 %" PRId32 ")", r->value, r->win32);
    else
        putf(o, " (0x%08" PRIX32 ")", r->value);
    putf(o, " %s", lgs_class_name(r->cls));
}

/* What the shim did, in the words the record's counters use: "attempt n"
 * counts calls to the API in this logical call, and the ceiling is shown
 * only while a retry follows. */
static void put_counters(out *o, const lgs_record *r)
{
    if (r->failed_fast) {
        putf(o, ", no call to the API (failed fast after %u attempt%s)", r->attempts,
             r->attempts == 1 ? "" : "s");
    } else if (r->kind == LGS_RECORD_OUTCOME) {
        putf(o, ", %u attempt%s in %" PRIu64 " ms", r->attempts, r->attempts == 1 ? "" : "s",
             r->elapsed_ms);
    } else if (r->decision == LGS_DECISION_RETRY) {
        putf(o, ", attempt %u of at most %u, retry in %" PRIu64 " ms", r->attempt,
             r->max_attempts, r->delay_ms);
    } else {
        putf(o, ", attempt %u", r->attempt);
    }
    if (r->decision != LGS_DECISION_RETRY && r->decision != LGS_DECISION_RECOVERED)
        putf(o, ", %s", lgs_decision_name(r->decision));
    if (r->waited)
        putf(o, ", waited %" PRIu64 " ms for the breaker", r->waited_ms);
    if (r->has_next_probe)
        putf(o, ", next probe in %" PRIu64 " ms", r->next_probe_ms);
    if (r->has_lockout)
        putf(o, ", %u failure%s in the window, lifts in %" PRIu64 " ms", r->lockout_failures,
             r->lockout_failures == 1 ? "" : "s", r->lockout_lift_ms);
}

static void put_field(out *o, const char *label, const char *v)
{
    if (v[0] == '\0')
        return;
    putf(o, ", %s ", label);
    put_text(o, v);
}

static void put_context(out *o, const lgs_record *r)
{
    if (r->has_substatus) {
        const lgs_code_info *sub = lgs_code_lookup(LGS_SPACE_NTSTATUS, r->substatus);
        putf(o, ", SubStatus %s (0x%08" PRIX32 ")", sub != NULL ? sub->name : "unknown",
             r->substatus);
    }
    if (r->has_protocol_status)
        putf(o, ", ProtocolStatus 0x%08" PRIX32, r->protocol_status);
    if (r->has_last_error && !(r->space == LGS_SPACE_WIN32 && r->last_error == r->value)) {
        const lgs_code_info *le = lgs_code_lookup(LGS_SPACE_WIN32, r->last_error);
        putf(o, ", last error %" PRIu32, r->last_error);
        if (le != NULL)
            putf(o, " %s", le->name);
    }
    put_field(o, "user", r->user);
    put_field(o, "domain", r->domain);
    put_field(o, "package", r->package);
    put_field(o, "target", r->target);
    if (r->authority[0] != '\0') {
        put(o, ", authority ");
        put_text(o, r->authority);
        if (r->authority_kind[0] != '\0') {
            put(o, " (");
            put_text(o, r->authority_kind);
            put(o, ")");
        }
    }
    if (r->call_id != 0)
        putf(o, ", call %" PRIu64, r->call_id);
    if (r->wine_stub)
        put(o, " [Wine stub]");
}

/* The sentence after " -- ": chosen for the decision, so that it never
 * contradicts it (a give-up does not end with "the shim retries"). A retry
 * gets the class's summary, which says why it is retried; a final decision
 * says why the shim stopped, then what the code means. */
static void put_summary(out *o, const lgs_record *r)
{
    const lgs_guidance *g = r->guidance;
    put(o, " -- ");
    switch (r->decision) {
    case LGS_DECISION_RETRY:
        if (g != NULL)
            put(o, g->summary);
        return;
    case LGS_DECISION_RECOVERED:
        put(o, "Recovered: a retry succeeded and the caller got the success; act only if this "
               "repeats.");
        break;
    case LGS_DECISION_GIVE_UP:
        putf(o, "Gave up: all %u attempts the class allows failed.", r->attempts);
        break;
    case LGS_DECISION_NEVER_RETRY:
        putf(o, "Not retried: class %s is never retried.", lgs_class_name(r->cls));
        break;
    case LGS_DECISION_BUDGET_EXHAUSTED:
        put(o, "Not retried: the process's retry budget is spent, so the shim adds no load to "
               "an authority that is already failing.");
        break;
    case LGS_DECISION_DEADLINE:
        putf(o, "Not retried: the next wait would end past the call's deadline (%" PRIu64
                " ms left).",
             r->remaining_ms);
        break;
    case LGS_DECISION_BREAKER_OPEN:
        put(o, "Refused without calling the API: the circuit breaker for this authority is open "
               "after repeated transient failures");
        if (r->has_next_probe)
            putf(o, "; its next probe is due in %" PRIu64 " ms", r->next_probe_ms);
        put(o, ".");
        break;
    case LGS_DECISION_LOCKOUT_GUARD:
        put(o, "Refused without calling the API: the lockout guard protects the account from "
               "more bad logons");
        if (r->has_lockout)
            putf(o, " (%u in its window; it lifts in %" PRIu64 " ms)", r->lockout_failures,
                 r->lockout_lift_ms);
        put(o, ".");
        break;
    default:
        break;
    }
    if (g != NULL) {
        put(o, " ");
        put(o, g->meaning);
    }
}

size_t lgs_record_format_text(const lgs_record *r, char *buf, size_t size)
{
    if (r == NULL)
        return 0;
    out o = out_init(buf, size);
    putf(&o, "logonshim: %s: ", lgs_severity_name(r->severity));
    switch (r->kind) {
    case LGS_RECORD_ATTEMPT:
        put_text(&o, r->api);
        put(&o, ": ");
        put_code(&o, r);
        put_counters(&o, r);
        put_context(&o, r);
        break;
    case LGS_RECORD_OUTCOME:
        put_text(&o, r->api);
        if (r->decision == LGS_DECISION_RECOVERED)
            put(&o, " recovered from: ");
        else
            put(&o, " failed: ");
        put_code(&o, r);
        put_counters(&o, r);
        put_context(&o, r);
        break;
    case LGS_RECORD_WINE_STUB:
        put_text(&o, r->api);
        put(&o, ": the result came from a Wine stub, not a real logon: ");
        put_text(&o, r->detail);
        return o.len;
    case LGS_RECORD_SUPPRESSED:
        put_text(&o, r->api[0] != '\0' ? r->api : "logonshim");
        put(&o, ": ");
        put_text(&o, r->detail);
        return o.len;
    case LGS_RECORD_SETTING:
        put(&o, "bad setting ");
        put_text(&o, r->detail);
        put(&o, "; the other settings stay in force");
        return o.len;
    default:
        put(&o, "invalid record");
        return o.len;
    }
    if (r->detail[0] != '\0') {
        put(&o, " (");
        put_text(&o, r->detail);
        put(&o, ")");
    }
    put_summary(&o, r);
    return o.len;
}

/* ---- JSON ---- */

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    unsigned cp = c & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static void json_str(out *o, const char *s)
{
    if (s == NULL) {
        put(o, "null");
        return;
    }
    put(o, "\"");
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        unsigned c = *p;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            put_n(o, esc, 2);
            p++;
        } else if (c < 0x20 || c == 0x7F) {
            putf(o, "\\u%04x", c);
            p++;
        } else {
            size_t n = utf8_len(p);
            if (n == 0) {
                put(o, "\\ufffd");
                p++;
            } else {
                put_n(o, (const char *)p, n);
                p += n;
            }
        }
    }
    put(o, "\"");
}

static void json_key(out *o, const char *key)
{
    putf(o, ",\"%s\":", key);
}

static void json_text_or_null(out *o, const char *key, const char *s)
{
    json_key(o, key);
    json_str(o, s != NULL && s[0] != '\0' ? s : NULL);
}

static void json_u64(out *o, const char *key, uint64_t v)
{
    json_key(o, key);
    putf(o, "%" PRIu64, v);
}

static void json_u64_or_null(out *o, const char *key, int has, uint64_t v)
{
    json_key(o, key);
    if (has)
        putf(o, "%" PRIu64, v);
    else
        put(o, "null");
}

static void json_bool(out *o, const char *key, int v)
{
    json_key(o, key);
    put(o, v ? "true" : "false");
}

static void json_hex_or_null(out *o, const char *key, int has, uint32_t v)
{
    json_key(o, key);
    if (has)
        putf(o, "\"0x%08" PRIX32 "\"", v);
    else
        put(o, "null");
}

/* OpenTelemetry's SeverityNumber for each severity: DEBUG 5, INFO 9,
 * WARN 13, ERROR 17, FATAL 21 (the first of each range). */
static unsigned severity_number(lgs_severity s)
{
    static const unsigned numbers[LGS_SEVERITY_COUNT_] = {5, 9, 13, 17, 21};
    return (unsigned)s < LGS_SEVERITY_COUNT_ ? numbers[s] : 0;
}

/* The code and what the engine made of it. */
static void json_code(out *o, const lgs_record *r)
{
    int failure = r->kind == LGS_RECORD_ATTEMPT || r->kind == LGS_RECORD_OUTCOME;
    char hex[16];
    snprintf(hex, sizeof hex, "0x%08" PRIX32, r->value);
    json_text_or_null(o, "error.type", failure ? (r->name != NULL ? r->name : hex) : NULL);
    json_text_or_null(o, "logonshim.code.space", lgs_space_name(r->space));
    json_u64(o, "logonshim.code.value", r->value);
    json_text_or_null(o, "logonshim.code.hex", hex);
    json_text_or_null(o, "logonshim.code.name", r->name);
    json_key(o, "logonshim.code.win32");
    if (r->win32 == LGS_NO_WIN32)
        put(o, "null");
    else
        putf(o, "%" PRId32, r->win32);
    json_u64_or_null(o, "logonshim.last_error", r->has_last_error, r->last_error);
    const lgs_code_info *le = r->has_last_error ? lgs_code_lookup(LGS_SPACE_WIN32, r->last_error) : NULL;
    json_text_or_null(o, "logonshim.last_error.name", le != NULL ? le->name : NULL);
    json_hex_or_null(o, "logonshim.substatus", r->has_substatus, r->substatus);
    json_hex_or_null(o, "logonshim.protocol_status", r->has_protocol_status, r->protocol_status);
    json_text_or_null(o, "logonshim.class", lgs_class_name(r->cls));
    json_text_or_null(o, "logonshim.decision", lgs_decision_name(r->decision));
}

size_t lgs_record_format_json(const lgs_record *r, char *buf, size_t size)
{
    if (r == NULL)
        return 0;
    out o = out_init(buf, size);
    char when[32];
    lgs__format_utc(r->time_ms, when, sizeof when);
    /* Schema 2: the OpenTelemetry log data model's top-level fields, and
     * the record's own fields as attributes (docs/logging.md). */
    putf(&o, "{\"schema\":2,\"timestamp\":\"%s\"", when);
    json_u64(&o, "time_ms", r->time_ms);
    json_text_or_null(&o, "severity_text", lgs_severity_name(r->severity));
    json_u64(&o, "severity_number", severity_number(r->severity));
    char body[4096];
    lgs_record_format_text(r, body, sizeof body);
    json_key(&o, "body");
    json_str(&o, body);
    put(&o, ",\"attributes\":{");
    putf(&o, "\"process.pid\":%" PRIu32, r->pid);
    json_u64(&o, "thread.id", r->tid);
    json_text_or_null(&o, "logonshim.kind", lgs_record_kind_name(r->kind));
    json_text_or_null(&o, "logonshim.api", r->api);
    json_u64_or_null(&o, "logonshim.call_id", r->call_id != 0, r->call_id);
    json_u64(&o, "logonshim.attempt", r->attempt);
    json_u64_or_null(&o, "logonshim.max_attempts", r->max_attempts != 0, r->max_attempts);
    json_u64(&o, "logonshim.attempts", r->attempts);
    json_bool(&o, "logonshim.failed_fast", r->failed_fast);
    json_code(&o, r);
    json_u64(&o, "logonshim.delay_ms", r->delay_ms);
    json_u64(&o, "logonshim.elapsed_ms", r->elapsed_ms);
    json_u64(&o, "logonshim.remaining_ms", r->remaining_ms);
    json_u64_or_null(&o, "logonshim.next_probe_ms", r->has_next_probe, r->next_probe_ms);
    json_u64_or_null(&o, "logonshim.breaker.waited_ms", r->waited, r->waited_ms);
    json_u64_or_null(&o, "logonshim.lockout.lift_ms", r->has_lockout, r->lockout_lift_ms);
    json_u64_or_null(&o, "logonshim.lockout.failures", r->has_lockout, r->lockout_failures);
    json_text_or_null(&o, "user.name", r->user);
    json_text_or_null(&o, "logonshim.domain", r->domain);
    json_text_or_null(&o, "logonshim.package", r->package);
    json_text_or_null(&o, "logonshim.target", r->target);
    json_text_or_null(&o, "logonshim.authority", r->authority);
    json_text_or_null(&o, "logonshim.authority_kind", r->authority_kind);
    json_bool(&o, "logonshim.wine_stub", r->wine_stub);
    json_u64(&o, "logonshim.suppressed", r->suppressed);
    json_text_or_null(&o, "logonshim.detail", r->detail);
    json_key(&o, "logonshim.guidance");
    if (r->guidance == NULL) {
        put(&o, "null");
    } else {
        put(&o, "{\"id\":");
        json_str(&o, r->guidance->id);
        put(&o, ",\"summary\":");
        json_str(&o, r->guidance->summary);
        put(&o, ",\"resolve\":");
        json_str(&o, r->guidance->resolve);
        put(&o, "}");
    }
    put(&o, "}}");
    return o.len;
}
