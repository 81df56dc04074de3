/* record.h — the failure record: one per failed attempt, one for a call's
 * outcome when it ends in failure or in recovery after retries, and one for
 * each warning (a success that came from a Wine stub, suppressed duplicates,
 * a bad log setting). Every log sink receives these records; the calling
 * thread's last failure is kept for lgs_last_failure().
 *
 * Secrets never reach a record: no password, credential buffer or token
 * contents. The user name is stored as the redaction setting says (plain,
 * keyed hash, or omitted).
 */
#ifndef LOGONSHIM_RECORD_H
#define LOGONSHIM_RECORD_H

#include <stdint.h>

#include "logonshim/codes.h"
#include "logonshim/engine.h"
#include "logonshim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a record reports. */
typedef enum lgs_record_kind {
    LGS_RECORD_ATTEMPT = 0, /**< "attempt": one failed attempt (or fail-fast) */
    LGS_RECORD_OUTCOME,     /**< "outcome": a call ended in failure, or recovered */
    LGS_RECORD_WINE_STUB,   /**< "wine_stub": a result that came from a Wine stub */
    LGS_RECORD_SUPPRESSED,  /**< "suppressed": how many identical records were dropped */
    LGS_RECORD_SETTING,     /**< "setting": a bad log or configuration setting */
    LGS_RECORD_KIND_COUNT_
} lgs_record_kind;

/** How loud a record is. Attempts a later retry recovers, and `recovered`
 *  outcomes, are warnings; a final failure is an error; the security class
 *  is critical. */
typedef enum lgs_severity {
    LGS_SEVERITY_DEBUG = 0, /**< "debug" */
    LGS_SEVERITY_INFO,      /**< "info" */
    LGS_SEVERITY_WARNING,   /**< "warning" */
    LGS_SEVERITY_ERROR,     /**< "error" */
    LGS_SEVERITY_CRITICAL,  /**< "critical" */
    LGS_SEVERITY_COUNT_
} lgs_severity;

#define LGS_RECORD_NAME_MAX 64
#define LGS_RECORD_TEXT_MAX 128
#define LGS_RECORD_DETAIL_MAX 256

/** One record. Plain data: copy it freely. Strings are NUL-terminated; an
 *  empty string means "not applicable". */
typedef struct lgs_record {
    lgs_record_kind kind;
    lgs_severity severity;
    uint64_t time_ms;             /**< UTC, milliseconds since 1970-01-01 */
    uint32_t pid;                 /**< process id */
    uint32_t tid;                 /**< thread id */
    char api[LGS_RECORD_NAME_MAX]; /**< the API, e.g. "LogonUserW" */
    unsigned attempt;             /**< the call to the API this record reports, counted within
                                       the logical call (1, 2, ...); 0 when the decision was made
                                       without calling the API (failed_fast). An outcome carries
                                       its last attempt's number. */
    unsigned max_attempts;        /**< the ceiling that applies when a retry follows ("attempt 2
                                       of at most 4"); 0 when the decision is final */
    lgs_space space;              /**< the code's space */
    uint32_t value;               /**< the code */
    const char *name;             /**< SDK name, or NULL when the catalogue does not know it */
    int32_t win32;                /**< Win32 equivalent, or LGS_NO_WIN32 */
    lgs_class cls;
    lgs_decision decision;
    uint64_t delay_ms;            /**< the wait before the next attempt (retry), else 0 */
    uint64_t elapsed_ms;          /**< since the call started */
    uint64_t remaining_ms;        /**< until the call's deadline */
    int has_substatus;            /**< 1 when substatus holds LsaLogonUser's SubStatus */
    uint32_t substatus;           /**< NTSTATUS */
    int has_protocol_status;      /**< 1 when protocol_status holds LsaCallAuthenticationPackage's */
    uint32_t protocol_status;     /**< NTSTATUS */
    const lgs_guidance *guidance; /**< never NULL in a record from the library */
    int wine_stub;                /**< 1 when the result came from a Wine stub */
    unsigned attempts;            /**< calls to the API in this logical call so far: in an
                                       attempt and in its call's outcome alike */
    uint64_t suppressed;          /**< suppressed records: how many were dropped */
    char user[LGS_RECORD_TEXT_MAX];      /**< the account, as the redaction setting says */
    char authority[LGS_RECORD_TEXT_MAX]; /**< what the breaker and the lockout guard key on:
                                              the domain, target or package (authority_kind) */
    char detail[LGS_RECORD_DETAIL_MAX];  /**< free text: why a stub, which setting, ... */
    /* Schema 2 (see CHANGELOG.md): who failed, when the guards let the call
     * through again, and the correlation id. */
    uint64_t call_id;             /**< one id per logical call, shared by its attempt and outcome
                                       records, increasing within the process; 0 in other kinds */
    int failed_fast;              /**< 1 when the decision was made without calling the API */
    char authority_kind[16];      /**< "domain", "target", "package", or "" */
    char domain[LGS_RECORD_TEXT_MAX];  /**< the account's domain or realm (the call's, or the
                                            part the user name carries): shown as it is but
                                            under redact=omit (docs/logging.md) */
    char package[LGS_RECORD_NAME_MAX]; /**< the security package (AcquireCredentialsHandle) */
    char target[LGS_RECORD_TEXT_MAX];  /**< the target SPN (InitializeSecurityContext) */
    int has_next_probe;           /**< 1: the call's breaker is open, next_probe_ms is set */
    uint64_t next_probe_ms;       /**< its next probe is due in this many ms */
    int has_lockout;              /**< 1: a lockout_guard refusal, lockout_* are set */
    uint64_t lockout_lift_ms;     /**< the guard admits the account again in this many ms */
    unsigned lockout_failures;    /**< credential failures the guard counted in its window */
    int has_last_error;           /**< 1: last_error holds what GetLastError() showed */
    uint32_t last_error;          /**< the thread's last error the call left (Windows) */
    int waited;                   /**< 1: the call waited for an open breaker's probe */
    uint64_t waited_ms;           /**< how long it waited, in all, before this record */
} lgs_record;

/** Copies the calling thread's last failure record to *out and returns LGS_OK;
 *  returns LGS_ENOTFOUND (out untouched) when this thread has had no failure
 *  since it started, or when its last wrapped call failed without a record
 *  (refused before any attempt: a NULL the API would crash on, a bad
 *  LOGONSHIM_FAULTS), LGS_EINVAL when out is NULL. A later success does not
 *  clear it: it is the last failure, not the last result. */
LGS_API int lgs_last_failure(lgs_record *out);

/** "attempt", "outcome", "wine_stub", "suppressed", "setting"; "invalid". */
LGS_API const char *lgs_record_kind_name(lgs_record_kind kind);

/** "debug", "info", "warning", "error", "critical"; "invalid". */
LGS_API const char *lgs_severity_name(lgs_severity severity);

#ifdef __cplusplus
}
#endif

#endif
