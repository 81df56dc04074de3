/* wrap_lsa.c — the LSA calls through the shim: lgs_LsaConnectUntrusted,
 * lgs_LsaRegisterLogonProcess, lgs_LsaDeregisterLogonProcess,
 * lgs_LsaLookupAuthenticationPackage, lgs_LsaLogonUser,
 * lgs_LsaCallAuthenticationPackage, lgs_LsaGetLogonSessionData,
 * lgs_LsaEnumerateLogonSessions and lgs_LsaFreeReturnBuffer.
 *
 * They return NTSTATUS and are classified in the ntstatus space. Outputs go
 * through private copies loaded from the caller's values and are copied
 * back after the last attempt whatever its result (wrap.h, lgs__outs); a
 * retried attempt's handle, token and LSA-allocated buffers are released
 * before the retry. LsaLogonUser's SubStatus and
 * LsaCallAuthenticationPackage's ProtocolStatus go into the records.
 * Under Wine, LsaLogonUser returns success without writing its outputs; that
 * is detected (the token and logon id keep the caller's values) and logged as
 * a Wine stub, and the caller's outputs stay as the API left them. */
#include <string.h>

#include "logonshim/wrappers.h"
#include "backend.h"
#include "wrap.h"

typedef struct handle_ctx {
    lgs__wrap *w;
    int op; /* which API */
    PLSA_STRING name;
    HANDLE lsa;
    HANDLE out;
    LSA_OPERATIONAL_MODE mode;
    ULONG package;
    lgs__outs outs;
    PHANDLE out_arg;
    PLSA_OPERATIONAL_MODE mode_arg;
    PULONG package_arg;
    int injected;
} handle_ctx;

enum { OP_CONNECT, OP_REGISTER, OP_LOOKUP };

/* A required input left NULL: Windows refuses it with this status, Wine
 * dereferences it and crashes the caller, so the wrapper refuses it before
 * any attempt. The same goes for a required output pointer left NULL
 * (LsaConnectUntrusted's handle, LsaLookupAuthenticationPackage's number,
 * LsaGetLogonSessionData's and LsaEnumerateLogonSessions' results): Wine
 * writes through it unchecked, so the one place the wrapper cannot pass a
 * NULL on is where the API would crash on it. */
#define LGS__STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000DL)

static uint32_t handle_call(void *p)
{
    handle_ctx *c = p;
    NTSTATUS st;
    lgs__outs_load(&c->outs);
    switch (c->op) {
    case OP_CONNECT:
        st = lgs__sys.LsaConnectUntrusted(c->out_arg);
        break;
    case OP_REGISTER:
        st = lgs__sys.LsaRegisterLogonProcess(c->name, c->out_arg, c->mode_arg);
        break;
    default:
        st = lgs__sys.LsaLookupAuthenticationPackage(c->lsa, c->name, c->package_arg);
        break;
    }
    LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

static void handle_cleanup(void *p)
{
    handle_ctx *c = p;
    if (c->op != OP_LOOKUP && lgs__out_written(&c->outs, 0) && c->out != NULL)
        lgs__sys.LsaDeregisterLogonProcess(c->out);
}

/* The handle (or package number) is output 0, the mode output 1. */
static NTSTATUS handle_run(handle_ctx *c, lgs__api_id api)
{
    NTSTATUS st = (NTSTATUS)lgs__wrap_ctx_fast(api, handle_call, handle_cleanup, c, &c->w, &c->injected);
    if (!c->injected)
        lgs__outs_store(&c->outs);
    return st;
}

NTSTATUS NTAPI lgs_LsaConnectUntrusted(PHANDLE LsaHandle)
{
    handle_ctx c = {.op = OP_CONNECT};
    if (LsaHandle == NULL)
        return (NTSTATUS)lgs__wrap_refused((uint32_t)LGS__STATUS_INVALID_PARAMETER);
    c.out_arg = lgs__out(&c.outs, LsaHandle, &c.out, sizeof c.out);
    return handle_run(&c, LGS_API_ID_LsaConnectUntrusted);
}

NTSTATUS NTAPI lgs_LsaRegisterLogonProcess(PLSA_STRING LogonProcessName, PHANDLE LsaHandle,
                                           PLSA_OPERATIONAL_MODE SecurityMode)
{
    handle_ctx c = {.op = OP_REGISTER, .name = LogonProcessName};
    if (LogonProcessName == NULL || LsaHandle == NULL || SecurityMode == NULL)
        return (NTSTATUS)lgs__wrap_refused((uint32_t)LGS__STATUS_INVALID_PARAMETER);
    c.out_arg = lgs__out(&c.outs, LsaHandle, &c.out, sizeof c.out);
    c.mode_arg = lgs__out(&c.outs, SecurityMode, &c.mode, sizeof c.mode);
    return handle_run(&c, LGS_API_ID_LsaRegisterLogonProcess);
}

NTSTATUS NTAPI lgs_LsaLookupAuthenticationPackage(HANDLE LsaHandle, PLSA_STRING PackageName,
                                                  PULONG AuthenticationPackage)
{
    handle_ctx c = {.op = OP_LOOKUP, .lsa = LsaHandle, .name = PackageName};
    if (PackageName == NULL || AuthenticationPackage == NULL)
        return (NTSTATUS)lgs__wrap_refused((uint32_t)LGS__STATUS_INVALID_PARAMETER);
    c.package_arg = lgs__out(&c.outs, AuthenticationPackage, &c.package, sizeof c.package);
    return handle_run(&c, LGS_API_ID_LsaLookupAuthenticationPackage);
}

static uint32_t deregister_call(void *arg)
{
    return (uint32_t)lgs__sys.LsaDeregisterLogonProcess(arg);
}

NTSTATUS NTAPI lgs_LsaDeregisterLogonProcess(HANDLE LsaHandle)
{
    return (NTSTATUS)lgs__wrap_simple(LGS_API_ID_LsaDeregisterLogonProcess, deregister_call, LsaHandle);
}

static uint32_t free_return_call(void *arg)
{
    return (uint32_t)lgs__sys.LsaFreeReturnBuffer(arg);
}

NTSTATUS NTAPI lgs_LsaFreeReturnBuffer(PVOID Buffer)
{
    return (NTSTATUS)lgs__wrap_simple(LGS_API_ID_LsaFreeReturnBuffer, free_return_call, Buffer);
}

/* ---- LsaLogonUser ---- */

typedef struct logon_ctx {
    lgs__wrap *w;
    HANDLE lsa;
    PLSA_STRING origin;
    SECURITY_LOGON_TYPE type;
    ULONG package;
    PVOID info;
    ULONG info_len;
    PTOKEN_GROUPS groups;
    PTOKEN_SOURCE source;
    PVOID profile;
    ULONG profile_len;
    LUID luid;
    HANDLE token;
    QUOTA_LIMITS quotas;
    NTSTATUS substatus;
    lgs__outs outs; /* in the order of the members above, from profile on */
    PVOID *profile_arg;
    PULONG profile_len_arg;
    PLUID luid_arg;
    PHANDLE token_arg;
    PQUOTA_LIMITS quotas_arg;
    PNTSTATUS substatus_arg;
} logon_ctx;

enum { LOGON_PROFILE, LOGON_PROFILE_LEN, LOGON_LUID, LOGON_TOKEN, LOGON_QUOTAS, LOGON_SUBSTATUS };

static uint32_t logon_call(void *p)
{
    logon_ctx *c = p;
    lgs__outs_load(&c->outs);
    NTSTATUS st = lgs__sys.LsaLogonUser(c->lsa, c->origin, c->type, c->package, c->info, c->info_len, c->groups,
                               c->source, c->profile_arg, c->profile_len_arg, c->luid_arg, c->token_arg,
                               c->quotas_arg, c->substatus_arg);
    LGS__CAPTURE(c->w);
    /* A SubStatus the call did not write is the caller's, not the call's. */
    c->w->log.has_substatus = st < 0 && lgs__out_written(&c->outs, LOGON_SUBSTATUS);
    c->w->log.substatus = (uint32_t)c->substatus;
    return (uint32_t)st;
}

static void logon_cleanup(void *p)
{
    logon_ctx *c = p;
    if (lgs__out_written(&c->outs, LOGON_TOKEN) && c->token != NULL)
        lgs__sys.CloseHandle(c->token);
    if (lgs__out_written(&c->outs, LOGON_PROFILE) && c->profile != NULL)
        lgs__sys.LsaFreeReturnBuffer(c->profile);
}

/* A success that wrote neither the token nor the logon id is Wine's stub
 * (a real logon always gives a new token). */
static int logon_stub_check(void *p)
{
    const logon_ctx *c = p;
    return c->token_arg != NULL && c->luid_arg != NULL && !lgs__out_written(&c->outs, LOGON_TOKEN)
        && !lgs__out_written(&c->outs, LOGON_LUID);
}

/* The account of an interactive logon (MSV1_0_INTERACTIVE_LOGON and
 * KERB_INTERACTIVE_LOGON share this layout), for the lockout guard. Only
 * strings inside the buffer the caller passed are read. */
typedef struct interactive_logon {
    ULONG message_type;
    UNICODE_STRING domain;
    UNICODE_STRING user;
    UNICODE_STRING password;
} interactive_logon;

static const char *logon_name(const logon_ctx *c, const UNICODE_STRING *s, lgs__name *out)
{
    out->heap = NULL;
    const char *lo = c->info, *hi = lo + c->info_len;
    const char *b = (const char *)s->Buffer;
    if (b == NULL || s->Length < 2 || b < lo || b > hi || s->Length > (size_t)(hi - b))
        return NULL;
    return lgs__name_w(out, s->Buffer, s->Length / 2); /* whole: never dropped for its length */
}

NTSTATUS NTAPI lgs_LsaLogonUser(HANDLE LsaHandle, PLSA_STRING OriginName, SECURITY_LOGON_TYPE LogonType,
                                ULONG AuthenticationPackage, PVOID AuthenticationInformation,
                                ULONG AuthenticationInformationLength, PTOKEN_GROUPS LocalGroups,
                                PTOKEN_SOURCE SourceContext, PVOID *ProfileBuffer,
                                PULONG ProfileBufferLength, PLUID LogonId, PHANDLE Token,
                                PQUOTA_LIMITS Quotas, PNTSTATUS SubStatus)
{
    logon_ctx c = {.lsa = LsaHandle, .origin = OriginName, .type = LogonType,
                   .package = AuthenticationPackage, .info = AuthenticationInformation,
                   .info_len = AuthenticationInformationLength, .groups = LocalGroups,
                   .source = SourceContext};
    lgs__wrap w;
    lgs__wrap_init(&w, LGS_API_ID_LsaLogonUser, logon_call, &c);
    w.cleanup = logon_cleanup;
    w.stub_check = logon_stub_check;
    c.w = &w;
    c.profile_arg = lgs__out(&c.outs, ProfileBuffer, &c.profile, sizeof c.profile);
    c.profile_len_arg = lgs__out(&c.outs, ProfileBufferLength, &c.profile_len, sizeof c.profile_len);
    c.luid_arg = lgs__out(&c.outs, LogonId, &c.luid, sizeof c.luid);
    c.token_arg = lgs__out(&c.outs, Token, &c.token, sizeof c.token);
    c.quotas_arg = lgs__out(&c.outs, Quotas, &c.quotas, sizeof c.quotas);
    c.substatus_arg = lgs__out(&c.outs, SubStatus, &c.substatus, sizeof c.substatus);
    lgs__name user = {.heap = NULL}, domain = {.heap = NULL};
    if (c.info != NULL && c.info_len >= sizeof(interactive_logon)
        && ((const interactive_logon *)c.info)->message_type == 2 /* *InteractiveLogon */) {
        const interactive_logon *il = c.info;
        w.log.user = logon_name(&c, &il->user, &user);
        w.log.domain = logon_name(&c, &il->domain, &domain);
        w.log.authority = w.log.domain;
    }
    NTSTATUS st = (NTSTATUS)lgs__wrap_run(&w);
    lgs__name_free(&user);
    lgs__name_free(&domain);
    if (!w.injected)
        lgs__outs_store(&c.outs);
    return st;
}

/* ---- LsaCallAuthenticationPackage ---- */

typedef struct call_ctx {
    lgs__wrap *w;
    HANDLE lsa;
    ULONG package;
    PVOID submit;
    ULONG submit_len;
    PVOID ret;
    ULONG ret_len;
    NTSTATUS protocol;
    lgs__outs outs; /* ret, ret_len, protocol */
    PVOID *ret_arg;
    PULONG ret_len_arg;
    PNTSTATUS protocol_arg;
} call_ctx;

static uint32_t call_call(void *p)
{
    call_ctx *c = p;
    lgs__outs_load(&c->outs);
    NTSTATUS st = lgs__sys.LsaCallAuthenticationPackage(c->lsa, c->package, c->submit, c->submit_len, c->ret_arg,
                                               c->ret_len_arg, c->protocol_arg);
    LGS__CAPTURE(c->w);
    c->w->log.has_protocol_status = c->protocol_arg != NULL;
    c->w->log.protocol_status = (uint32_t)c->protocol;
    return (uint32_t)st;
}

static void call_cleanup(void *p)
{
    call_ctx *c = p;
    if (lgs__out_written(&c->outs, 0) && c->ret != NULL)
        lgs__sys.LsaFreeReturnBuffer(c->ret);
}

NTSTATUS NTAPI lgs_LsaCallAuthenticationPackage(HANDLE LsaHandle, ULONG AuthenticationPackage,
                                                PVOID ProtocolSubmitBuffer, ULONG SubmitBufferLength,
                                                PVOID *ProtocolReturnBuffer, PULONG ReturnBufferLength,
                                                PNTSTATUS ProtocolStatus)
{
    call_ctx c = {.lsa = LsaHandle, .package = AuthenticationPackage, .submit = ProtocolSubmitBuffer,
                  .submit_len = SubmitBufferLength};
    lgs__wrap w;
    lgs__wrap_init(&w, LGS_API_ID_LsaCallAuthenticationPackage, call_call, &c);
    w.cleanup = call_cleanup;
    c.w = &w;
    c.ret_arg = lgs__out(&c.outs, ProtocolReturnBuffer, &c.ret, sizeof c.ret);
    c.ret_len_arg = lgs__out(&c.outs, ReturnBufferLength, &c.ret_len, sizeof c.ret_len);
    c.protocol_arg = lgs__out(&c.outs, ProtocolStatus, &c.protocol, sizeof c.protocol);
    NTSTATUS st = (NTSTATUS)lgs__wrap_run(&w);
    if (!w.injected)
        lgs__outs_store(&c.outs);
    return st;
}

/* ---- LsaGetLogonSessionData, LsaEnumerateLogonSessions ---- */

typedef struct session_ctx {
    lgs__wrap *w;
    int enumerate;
    PLUID luid;
    PSECURITY_LOGON_SESSION_DATA data;
    ULONG count;
    PLUID list;
    lgs__outs outs; /* data, or count and list */
    PSECURITY_LOGON_SESSION_DATA *data_arg;
    PULONG count_arg;
    PLUID *list_arg;
    int injected;
} session_ctx;

static uint32_t session_call(void *p)
{
    session_ctx *c = p;
    lgs__outs_load(&c->outs);
    NTSTATUS st = c->enumerate ? lgs__sys.LsaEnumerateLogonSessions(c->count_arg, c->list_arg)
                               : lgs__sys.LsaGetLogonSessionData(c->luid, c->data_arg);
    LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

static void session_cleanup(void *p)
{
    session_ctx *c = p;
    if (!c->enumerate && lgs__out_written(&c->outs, 0) && c->data != NULL)
        lgs__sys.LsaFreeReturnBuffer(c->data);
    if (c->enumerate && lgs__out_written(&c->outs, 1) && c->list != NULL)
        lgs__sys.LsaFreeReturnBuffer(c->list);
}

static NTSTATUS session_run(session_ctx *c, lgs__api_id api)
{
    NTSTATUS st = (NTSTATUS)lgs__wrap_ctx_fast(api, session_call, session_cleanup, c, &c->w, &c->injected);
    if (!c->injected)
        lgs__outs_store(&c->outs);
    return st;
}

NTSTATUS NTAPI lgs_LsaGetLogonSessionData(PLUID LogonId, PSECURITY_LOGON_SESSION_DATA *ppLogonSessionData)
{
    session_ctx c = {.luid = LogonId};
    if (LogonId == NULL || ppLogonSessionData == NULL)
        return (NTSTATUS)lgs__wrap_refused((uint32_t)LGS__STATUS_INVALID_PARAMETER);
    c.data_arg = lgs__out(&c.outs, ppLogonSessionData, &c.data, sizeof(PSECURITY_LOGON_SESSION_DATA));
    return session_run(&c, LGS_API_ID_LsaGetLogonSessionData);
}

NTSTATUS NTAPI lgs_LsaEnumerateLogonSessions(PULONG LogonSessionCount, PLUID *LogonSessionList)
{
    session_ctx c = {.enumerate = 1};
    if (LogonSessionCount == NULL || LogonSessionList == NULL)
        return (NTSTATUS)lgs__wrap_refused((uint32_t)LGS__STATUS_INVALID_PARAMETER);
    c.count_arg = lgs__out(&c.outs, LogonSessionCount, &c.count, sizeof c.count);
    c.list_arg = lgs__out(&c.outs, LogonSessionList, &c.list, sizeof(PLUID));
    return session_run(&c, LGS_API_ID_LsaEnumerateLogonSessions);
}
