/* codes.h — the logonshim code catalogue: look up, classify and parse the
 * codes that LogonUser (Win32), the LSA calls (NTSTATUS) and SSPI
 * (SECURITY_STATUS) return.
 *
 * Portable: no Windows headers, so the same API runs natively on Linux (for
 * decoding codes from CI logs) and on Windows. The catalogue is one data table;
 * a code it does not know is never an error of the lookup: it gets class
 * LGS_CLASS_UNKNOWN and keeps its raw value.
 */
#ifndef LOGONSHIM_CODES_H
#define LOGONSHIM_CODES_H

#include <stddef.h>
#include <stdint.h>

#include "logonshim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The three code spaces. A value means nothing without its space: 0x556 is
 *  ERROR_LOGON_SESSION_COLLISION as a Win32 code and nothing as an NTSTATUS. */
typedef enum lgs_space {
    LGS_SPACE_WIN32 = 0,    /**< GetLastError() values (16-bit in practice). */
    LGS_SPACE_NTSTATUS = 1, /**< NTSTATUS, as returned by the Lsa* calls. */
    LGS_SPACE_SECURITY = 2, /**< SECURITY_STATUS and every other HRESULT (SCARD_, CERT_E_,
                                 CRYPT_E_, TRUST_E_, NTE_, E_...): SSPI's codes are the
                                 HRESULTs of facility 9. Printed "hresult"; the
                                 enumerator keeps its old name for compatibility, and
                                 LGS_SPACE_HRESULT says what it holds. */
    LGS_SPACE_KRB = 3,      /**< Kerberos protocol error codes (RFC 4120, section 7.5.9), as a
                                 domain controller's events 4768 and 4771 print them ("Failure
                                 Code 0x18"). No API returns them: Windows reports an NTSTATUS
                                 or SEC_E_ code instead (lgs_krb_lookup() names it). */
    LGS_SPACE_COUNT_ = 4
} lgs_space;

/** The HRESULT space under the name it prints as. */
#define LGS_SPACE_HRESULT LGS_SPACE_SECURITY

/** What a failure calls for: the reaction, not the API that produced it. */
typedef enum lgs_class {
    LGS_CLASS_OK = 0,
    LGS_CLASS_CONTINUE,          /**< protocol flow (SEC_I_CONTINUE_NEEDED...), not a failure */
    LGS_CLASS_TRANSIENT,         /**< authority unreachable or busy: retry with backoff */
    LGS_CLASS_RESOURCE,          /**< memory, quota, LUIDs: retry with backoff */
    LGS_CLASS_SESSION_COLLISION, /**< 1363, 1366 and twins: clean up, retry once */
    LGS_CLASS_SESSION_GONE,      /**< 1312, SEC_E_NO_CREDENTIALS: re-establish, no blind retry */
    LGS_CLASS_SESSION_STATE,     /**< 1365, token/impersonation state: clean up, no retry */
    LGS_CLASS_CONTEXT_EXPIRED,   /**< SEC_E_CONTEXT_EXPIRED: delete the context, re-establish once */
    LGS_CLASS_CLOCK,             /**< clock skew: no retry, fix time sync */
    LGS_CLASS_CREDENTIALS,       /**< wrong password, no such user: never retried (lockout) */
    LGS_CLASS_ACCOUNT,           /**< locked, disabled, expired: never retried */
    LGS_CLASS_PRIVILEGE,         /**< privilege or logon right missing: admin action */
    LGS_CLASS_CONFIG,            /**< package, SPN, trust, policy: fix the configuration */
    LGS_CLASS_PROGRAMMING,       /**< bad parameter, handle, flags: fix the caller */
    LGS_CLASS_SECURITY,          /**< tampering or downgrade: tear down, alert, never retried */
    LGS_CLASS_SHUTDOWN,          /**< the system is shutting down: abort */
    LGS_CLASS_UNKNOWN,           /**< not in the catalogue: no retry, log the raw code */
    LGS_CLASS_COUNT_
} lgs_class;

/** What the policy engine does by default for a class. */
typedef enum lgs_action {
    LGS_ACTION_NONE = 0,      /**< nothing: success or protocol flow */
    LGS_ACTION_RETRY,         /**< retry with backoff, within budget and breaker */
    LGS_ACTION_CLEANUP_RETRY, /**< release what the attempt produced, then retry */
    LGS_ACTION_REESTABLISH,   /**< obtain a new logon, credentials or context */
    LGS_ACTION_FAIL,          /**< return the failure, with guidance */
    LGS_ACTION_ALERT,         /**< tear down and raise an alert */
    LGS_ACTION_ABORT,         /**< stop: the system is going away */
    LGS_ACTION_COUNT_
} lgs_action;

/** Guidance written for a person: what a code means and what to do. Every
 *  field is a non-empty, NUL-terminated string with static storage. */
typedef struct lgs_guidance {
    const char *id;       /**< stable identifier, e.g. "logon-session-collision" */
    const char *summary;  /**< one line */
    const char *meaning;  /**< what the code means */
    const char *causes;   /**< likely causes */
    const char *diagnose; /**< how to diagnose */
    const char *resolve;  /**< how to resolve */
} lgs_guidance;

/** Sentinel for "no Win32 equivalent". */
#define LGS_NO_WIN32 (-1)

/** One row of the catalogue. Rows have static storage and never change. */
typedef struct lgs_code_info {
    const char *name;             /**< SDK symbolic name, e.g. "ERROR_LOGON_SESSION_COLLISION" */
    lgs_space space;
    uint32_t value;
    int32_t win32;                /**< Win32 equivalent, or LGS_NO_WIN32 */
    lgs_class cls;
    const lgs_guidance *guidance; /**< never NULL */
} lgs_code_info;

/** Return codes of the functions below that can fail. */
#define LGS_OK 0
#define LGS_EINVAL (-1)    /**< bad argument or malformed input */
#define LGS_ENOTFOUND (-2) /**< well-formed but not known */

/** Number of rows in the catalogue. */
LGS_API size_t lgs_catalogue_count(void);

/** Row i (0-based) in (space, value) order, or NULL when i is out of range. */
LGS_API const lgs_code_info *lgs_catalogue_row(size_t i);

/** The row for (space, value), or NULL when the catalogue has none (or the
 *  space is out of range). An HRESULT_FROM_WIN32 value (0x8007xxxx) looked up
 *  in the HRESULT space finds the row of the Win32 code it wraps. */
LGS_API const lgs_code_info *lgs_code_lookup(lgs_space space, uint32_t value);

/** The row named `name` (an SDK name such as "STATUS_LOGON_SESSION_COLLISION"
 *  or a documented alias such as "SEC_E_NO_SPM"), compared case-insensitively;
 *  NULL when unknown or when name is NULL. */
LGS_API const lgs_code_info *lgs_code_by_name(const char *name);

/** The class of (space, value): the row's class, LGS_CLASS_OK for 0 in any
 *  space, or LGS_CLASS_UNKNOWN. Never fails. */
LGS_API lgs_class lgs_classify(lgs_space space, uint32_t value);

/** Writes the Win32 equivalent of (space, value) to *out and returns LGS_OK,
 *  or returns LGS_ENOTFOUND when there is none (out untouched), LGS_EINVAL
 *  when out is NULL or space out of range. Unknown Win32 codes are their own
 *  equivalent; HRESULT_FROM_WIN32 and FACILITY_NTWIN32 values unwrap. */
LGS_API int lgs_win32_equivalent(lgs_space space, uint32_t value, int32_t *out);

/** The HRESULT form of (space, value): a Win32 code as HRESULT_FROM_WIN32,
 *  an NTSTATUS as HRESULT_FROM_NT, an HRESULT unchanged; a Kerberos
 *  protocol code has none and is returned unchanged. */
LGS_API uint32_t lgs_hresult_form(lgs_space space, uint32_t value);

/** Guidance for (space, value): the row's, or its class's for unknown codes.
 *  Never NULL (out-of-range spaces get the "unknown" guidance). */
LGS_API const lgs_guidance *lgs_guidance_for(lgs_space space, uint32_t value);

/** Guidance for a class; the "unknown" guidance for out-of-range values. */
LGS_API const lgs_guidance *lgs_class_guidance(lgs_class cls);

/** "ok", "continue", ... "unknown"; "invalid" for out-of-range values. */
LGS_API const char *lgs_class_name(lgs_class cls);

/** The class named `name` (exact, lower case). LGS_OK, LGS_EINVAL if NULL,
 *  LGS_ENOTFOUND if not a class name (out untouched). */
LGS_API int lgs_class_from_name(const char *name, lgs_class *out);

/** The default action for a class (the class table in README.md); LGS_ACTION_FAIL for
 *  out-of-range values. */
LGS_API lgs_action lgs_class_default_action(lgs_class cls);

/** "none", "retry", "cleanup_retry", "reestablish", "fail", "alert", "abort";
 *  "invalid" for out-of-range values. */
LGS_API const char *lgs_action_name(lgs_action action);

/** "win32", "ntstatus", "hresult", "krb"; "invalid" for out-of-range values. The
 *  HRESULT space used to be printed "security"; the parsers take both names. */
LGS_API const char *lgs_space_name(lgs_space space);

/** What Windows makes of a Kerberos protocol error code (a row of the
 *  `krb` space). Rows have static storage and never change. */
typedef struct lgs_krb_info {
    const lgs_code_info *row; /**< the catalogue row: name, value, class, guidance, and in
                                   `win32` the twin's Win32 equivalent (LGS_NO_WIN32 when
                                   there is no twin or it has none). LogonUser reports most
                                   credential failures as 1326 whatever the twin says. */
    const char *twin;         /**< SDK name of the NTSTATUS or SEC_E_ code that Windows reports
                                   for it, or whose guidance applies (see `reported`); NULL
                                   when there is none. lgs_code_by_name() finds its row. */
    int reported;             /**< 1 when Windows reports `twin` to the caller for this code;
                                   0 when several codes can be reported or the mapping is not
                                   documented, and `twin` is only the guidance to follow */
    const char *meaning;      /**< what the code means, for a person (non-empty) */
} lgs_krb_info;

/** The Kerberos protocol error code `value` (RFC 4120, 7.5.9: 0x18 is
 *  KDC_ERR_PREAUTH_FAILED), or NULL when the catalogue does not hold it
 *  (its class is then `unknown`, as for any code). */
LGS_API const lgs_krb_info *lgs_krb_lookup(uint32_t value);

/** A code parsed from user text. */
typedef struct lgs_parsed_code {
    lgs_space space;
    uint32_t value;
    const lgs_code_info *info; /**< the catalogue row, or NULL when unknown */
} lgs_parsed_code;

/** Parses user text into a code:
 *  - names: "STATUS_LOGON_SESSION_COLLISION" (any case, aliases included),
 *    and the Kerberos protocol codes' names ("KDC_ERR_PREAUTH_FAILED");
 *  - numbers: decimal "1366", negative decimal "-2146893042" (a 32-bit value
 *    as a signed int), hex "0x556"; surrounding blanks are ignored;
 *  - an optional space prefix "win32:", "ntstatus:", "hresult:", or the
 *    old spellings "sec:" and "security:" (all three name the HRESULT space),
 *    or "krb:" for a Kerberos protocol error code ("krb:0x18", "krb:24").
 *  A bare number is never a Kerberos code: it needs "krb:". Without a
 *  prefix a number is placed by its shape: <= 0xFFFF is Win32,
 *  0x8007xxxx is HRESULT_FROM_WIN32 and unwraps to Win32, facility 9
 *  (0x0009xxxx, 0x8009xxxx) is HRESULT, and so is any other 0x8xxxxxxx
 *  value no NTSTATUS can be (E_FAIL 0x80004005, CERT_E_ 0x800Bxxxx, SCARD_
 *  0x8010xxxx: every facility but those NTSTATUS warnings use, 0, 1, 0x13,
 *  0x19, 0x1B, 0x1C and 0x21, with facility 0 an HRESULT above 0x80000FFF);
 *  anything else is NTSTATUS.
 *  With "win32:" a value above 0xFFFF must be 0x8007xxxx (it unwraps).
 *  Returns LGS_OK and fills *out, or LGS_EINVAL for NULL arguments and for
 *  malformed input (not a 32-bit number, unknown name, a name whose space
 *  contradicts the prefix), with the reason written to `why` (which may be
 *  NULL; it is always NUL-terminated when why_size > 0). */
LGS_API int lgs_code_parse(const char *text, lgs_parsed_code *out, char *why, size_t why_size);

#ifdef __cplusplus
}
#endif

#endif
