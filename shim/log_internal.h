/* log_internal.h — how the wrappers (win32/) hand what they know about a call
 * to the record and log layer (shim/). The engine reports each attempt
 * (lgs_attempt) and the outcome (lgs_outcome); the wrapper adds the concrete
 * API name, the account and authority, LsaLogonUser's SubStatus and the Wine
 * stub flag. These functions build lgs_record values from both, keep the
 * thread's last failure, apply storm control and redaction, and pass the
 * records to the configured sinks. None of them ever fails the caller. */
#ifndef LGS_LOG_INTERNAL_H
#define LGS_LOG_INTERNAL_H

#include <stdint.h>

#include "logonshim/engine.h"
#include "logonshim/record.h"

/** What a wrapper knows about its call beyond what the engine reports. The
 *  user name is redacted (the domain dropped under omit) before they reach any record; no
 *  password or credential buffer is ever passed here. */
typedef struct lgs__call_log {
    const char *api;       /**< the concrete API, e.g. "LogonUserW" */
    const char *user;      /**< UTF-8, may be NULL */
    const char *domain;    /**< UTF-8, may be NULL */
    const char *authority; /**< domain or target; UTF-8, may be NULL */
    int has_substatus;     /**< LsaLogonUser's SubStatus is known */
    uint32_t substatus;
    int has_protocol_status; /**< LsaCallAuthenticationPackage's ProtocolStatus is known */
    uint32_t protocol_status;
    int wine_stub;         /**< the result came from a Wine stub */
    const char *detail;    /**< extra words for the record's detail, or NULL */
    const char *package;   /**< the security package the call names; UTF-8, may be NULL */
    const char *target;    /**< the target (an SPN) the call names; UTF-8, may be NULL */
    int has_last_error;    /**< last_error holds GetLastError() as the call leaves it */
    uint32_t last_error;
} lgs__call_log;

/** One attempt as the engine reported it (from the call's observer). Records
 *  failed attempts and fail-fasts; ignores successes. */
void lgs__log_attempt(const lgs__call_log *cl, const lgs_attempt *a);

/** How the call ended. Records failures and recoveries; ignores a first-try
 *  success. */
void lgs__log_outcome(const lgs__call_log *cl, const lgs_outcome *o);

/** A warning that a result came from a Wine stub: which API and why. */
void lgs__log_wine_stub(const char *api, const char *why);

/** A bad setting (log, fault or configuration): which, its value and why. */
void lgs__log_setting(const char *setting, const char *value, const char *why);

#endif
