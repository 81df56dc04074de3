/* classes.c — names of the code spaces, classes, actions, decisions, record
 * kinds and severities, each class's default action (the class
 * table in README.md, which this must match), and the rule that some classes are never
 * retried, which the configuration guard and the engine both read from here.
 * Every module that prints or parses one of these names finds it at the
 * bottom of the layers, so none of them reaches up to the engine or the log
 * layer for a string. */
#include <string.h>

#include "catalogue_internal.h"
#include "logonshim/codes.h"
/* The severities' names are the log level's values too (log.level). */
#include "logonshim/engine.h"
#include "logonshim/record.h"

typedef struct class_def {
    const char *name;
    lgs_action action;
    /* Never retried within a call, whatever the configuration says: a
     * retried bad password is one more bad logon against the account's
     * lockout threshold. */
    int never_retried;
} class_def;

static const class_def classes[LGS_CLASS_COUNT_] = {
    [LGS_CLASS_OK] = {"ok", LGS_ACTION_NONE, 0},
    [LGS_CLASS_CONTINUE] = {"continue", LGS_ACTION_NONE, 0},
    [LGS_CLASS_TRANSIENT] = {"transient", LGS_ACTION_RETRY, 0},
    [LGS_CLASS_RESOURCE] = {"resource", LGS_ACTION_RETRY, 0},
    [LGS_CLASS_SESSION_COLLISION] = {"session_collision", LGS_ACTION_CLEANUP_RETRY, 0},
    [LGS_CLASS_SESSION_GONE] = {"session_gone", LGS_ACTION_REESTABLISH, 0},
    /* "clean up, no retry": the wrappers always clean up before a failing
     * return, so what is left to decide is that the call fails. */
    [LGS_CLASS_SESSION_STATE] = {"session_state", LGS_ACTION_FAIL, 0},
    [LGS_CLASS_CONTEXT_EXPIRED] = {"context_expired", LGS_ACTION_REESTABLISH, 0},
    [LGS_CLASS_CLOCK] = {"clock", LGS_ACTION_FAIL, 0},
    [LGS_CLASS_CREDENTIALS] = {"credentials", LGS_ACTION_FAIL, 1},
    [LGS_CLASS_ACCOUNT] = {"account", LGS_ACTION_FAIL, 1},
    [LGS_CLASS_PRIVILEGE] = {"privilege", LGS_ACTION_FAIL, 0},
    [LGS_CLASS_CONFIG] = {"config", LGS_ACTION_FAIL, 0},
    [LGS_CLASS_PROGRAMMING] = {"programming", LGS_ACTION_FAIL, 0},
    [LGS_CLASS_SECURITY] = {"security", LGS_ACTION_ALERT, 0},
    [LGS_CLASS_SHUTDOWN] = {"shutdown", LGS_ACTION_ABORT, 0},
    /* Never retried either: STATUS_UNSUCCESSFUL is counted by the lockout
     * guard because under Wine it can be a wrong password, so retrying an
     * unknown code is a lockout risk. */
    [LGS_CLASS_UNKNOWN] = {"unknown", LGS_ACTION_FAIL, 1},
};

static const char *const action_names[LGS_ACTION_COUNT_] = {
    [LGS_ACTION_NONE] = "none",
    [LGS_ACTION_RETRY] = "retry",
    [LGS_ACTION_CLEANUP_RETRY] = "cleanup_retry",
    [LGS_ACTION_REESTABLISH] = "reestablish",
    [LGS_ACTION_FAIL] = "fail",
    [LGS_ACTION_ALERT] = "alert",
    [LGS_ACTION_ABORT] = "abort",
};

static const char *const decision_names[LGS_DECISION_COUNT_] = {
    "ok", "recovered", "retry", "give_up", "never_retry",
    "budget_exhausted", "deadline", "breaker_open", "lockout_guard",
};

static const char *const kind_names[LGS_RECORD_KIND_COUNT_] = {
    "attempt", "outcome", "wine_stub", "suppressed", "setting",
};

static const char *const severity_names[LGS_SEVERITY_COUNT_] = {
    "debug", "info", "warning", "error", "critical",
};

static const char *const space_names[LGS_SPACE_COUNT_] = {
    [LGS_SPACE_WIN32] = "win32",
    [LGS_SPACE_NTSTATUS] = "ntstatus",
    [LGS_SPACE_SECURITY] = "hresult", /* formerly "security": the parsers still take it */
    [LGS_SPACE_KRB] = "krb",
};

const char *lgs_class_name(lgs_class cls)
{
    return (unsigned)cls < LGS_CLASS_COUNT_ ? classes[cls].name : "invalid";
}

lgs_action lgs_class_default_action(lgs_class cls)
{
    return (unsigned)cls < LGS_CLASS_COUNT_ ? classes[cls].action : LGS_ACTION_FAIL;
}

int lgs_class_from_name(const char *name, lgs_class *out)
{
    if (name == NULL || out == NULL)
        return LGS_EINVAL;
    for (unsigned i = 0; i < LGS_CLASS_COUNT_; i++) {
        if (strcmp(classes[i].name, name) == 0) {
            *out = (lgs_class)i;
            return LGS_OK;
        }
    }
    return LGS_ENOTFOUND;
}

const char *lgs_action_name(lgs_action action)
{
    return (unsigned)action < LGS_ACTION_COUNT_ ? action_names[action] : "invalid";
}

const char *lgs_space_name(lgs_space space)
{
    return (unsigned)space < LGS_SPACE_COUNT_ ? space_names[space] : "invalid";
}

int lgs__class_never_retried(lgs_class cls)
{
    return (unsigned)cls < LGS_CLASS_COUNT_ && classes[cls].never_retried;
}

const char *lgs_decision_name(lgs_decision decision)
{
    return (unsigned)decision < LGS_DECISION_COUNT_ ? decision_names[decision] : "invalid";
}

const char *lgs_record_kind_name(lgs_record_kind kind)
{
    return (unsigned)kind < LGS_RECORD_KIND_COUNT_ ? kind_names[kind] : "invalid";
}

const char *lgs_severity_name(lgs_severity severity)
{
    return (unsigned)severity < LGS_SEVERITY_COUNT_ ? severity_names[severity] : "invalid";
}
