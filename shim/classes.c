/* classes.c — names of the code spaces, classes, actions and severities,
 * and each class's default action (DESIGN.md's class table, which this must
 * match). */
#include <string.h>

#include "logonshim/codes.h"
#include "logonshim/record.h"

typedef struct class_def {
    const char *name;
    lgs_action action;
} class_def;

static const class_def classes[LGS_CLASS_COUNT_] = {
    [LGS_CLASS_OK] = {"ok", LGS_ACTION_NONE},
    [LGS_CLASS_CONTINUE] = {"continue", LGS_ACTION_NONE},
    [LGS_CLASS_TRANSIENT] = {"transient", LGS_ACTION_RETRY},
    [LGS_CLASS_RESOURCE] = {"resource", LGS_ACTION_RETRY},
    [LGS_CLASS_SESSION_COLLISION] = {"session_collision", LGS_ACTION_CLEANUP_RETRY},
    [LGS_CLASS_SESSION_GONE] = {"session_gone", LGS_ACTION_REESTABLISH},
    /* "clean up, no retry": the wrappers always clean up before a failing
     * return, so what is left to decide is that the call fails. */
    [LGS_CLASS_SESSION_STATE] = {"session_state", LGS_ACTION_FAIL},
    [LGS_CLASS_CONTEXT_EXPIRED] = {"context_expired", LGS_ACTION_REESTABLISH},
    [LGS_CLASS_CLOCK] = {"clock", LGS_ACTION_FAIL},
    [LGS_CLASS_CREDENTIALS] = {"credentials", LGS_ACTION_FAIL},
    [LGS_CLASS_ACCOUNT] = {"account", LGS_ACTION_FAIL},
    [LGS_CLASS_PRIVILEGE] = {"privilege", LGS_ACTION_FAIL},
    [LGS_CLASS_CONFIG] = {"config", LGS_ACTION_FAIL},
    [LGS_CLASS_PROGRAMMING] = {"programming", LGS_ACTION_FAIL},
    [LGS_CLASS_SECURITY] = {"security", LGS_ACTION_ALERT},
    [LGS_CLASS_SHUTDOWN] = {"shutdown", LGS_ACTION_ABORT},
    [LGS_CLASS_UNKNOWN] = {"unknown", LGS_ACTION_FAIL},
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

/* The severities' names are the log level's values too (log.level). */
static const char *const severity_names[LGS_SEVERITY_COUNT_] = {
    "debug", "info", "warning", "error", "critical",
};

static const char *const space_names[LGS_SPACE_COUNT_] = {
    [LGS_SPACE_WIN32] = "win32",
    [LGS_SPACE_NTSTATUS] = "ntstatus",
    [LGS_SPACE_SECURITY] = "security",
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

const char *lgs_severity_name(lgs_severity severity)
{
    if ((int)severity < 0 || severity >= LGS_SEVERITY_COUNT_)
        return "invalid";
    return severity_names[severity];
}
