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
    unsigned attempt;             /**< n of attempt n of N (0 in an outcome record: see attempts) */
    unsigned max_attempts;        /**< N */
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
    unsigned attempts;            /**< outcome records: attempts that reached the API */
    uint64_t suppressed;          /**< suppressed records: how many were dropped */
    char user[LGS_RECORD_TEXT_MAX];      /**< the account, as the redaction setting says */
    char authority[LGS_RECORD_TEXT_MAX]; /**< domain or target the call named */
    char detail[LGS_RECORD_DETAIL_MAX];  /**< free text: why a stub, which setting, ... */
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
