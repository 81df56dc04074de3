/* faults.h — scripted fault injection in front of the real entry points.
 *
 * A fault spec lists, per wrapped API, the codes its next calls return
 * instead of calling the API; once they are used up the real call is made:
 *
 *     LogonUserW=1366,1366;AcquireCredentialsHandleW=SEC_E_NO_AUTHENTICATING_AUTHORITY*3
 *
 * Items are separated by ';', codes by ','; `code*N` repeats a code N times
 * (1 <= N <= 1000000); a code is decimal, hex (0x...) or an SDK name, and must
 * belong to the API's code space (Win32 for LogonUser*, NTSTATUS for Lsa*,
 * SECURITY_STATUS for SSPI) and be non-zero. An injected failure of a BOOL API
 * returns FALSE with the code as last error; an NTSTATUS or SECURITY_STATUS API
 * returns the code. Each injected code counts as one attempt, so the policy
 * engine retries, cleans up and logs exactly as it would for the real code.
 *
 * The wrappers read the environment variable LOGONSHIM_FAULTS once, at their
 * first call. A bad LOGONSHIM_FAULTS makes that first wrapped call fail with
 * ERROR_INVALID_PARAMETER (STATUS_INVALID_PARAMETER, SEC_E_INVALID_PARAMETER
 * for the other spaces) and logs a record naming the spec and the reason.
 */
#ifndef LOGONSHIM_FAULTS_H
#define LOGONSHIM_FAULTS_H

#include <stddef.h>

/* The status codes (LGS_OK, LGS_EINVAL...) these functions return. */
#include "logonshim/codes.h"
#include "logonshim/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Replaces the fault script with `spec` (NULL or blank clears it). Returns
 *  LGS_OK, or LGS_EINVAL with the reason in `why` (naming the item, the API
 *  or code, and what is wrong; `why` may be NULL) when the spec is bad; then
 *  the previous script stays in force. */
LGS_API int lgs_faults_set(const char *spec, char *why, size_t why_size);

/** Removes every queued fault. */
LGS_API void lgs_faults_clear(void);

/** How many injected codes are still queued for the API named `api` (e.g.
 *  "LogonUserW"); 0 for an unknown name or NULL. */
LGS_API unsigned long lgs_faults_pending(const char *api);

#ifdef __cplusplus
}
#endif

#endif
