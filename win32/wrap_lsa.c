/* wrap_lsa.c — the LSA calls through the shim: lgs_LsaConnectUntrusted,
 * lgs_LsaRegisterLogonProcess, lgs_LsaDeregisterLogonProcess,
 * lgs_LsaLookupAuthenticationPackage, lgs_LsaLogonUser,
 * lgs_LsaCallAuthenticationPackage, lgs_LsaGetLogonSessionData,
 * lgs_LsaEnumerateLogonSessions and lgs_LsaFreeReturnBuffer.
 *
 * They return NTSTATUS and are classified in the ntstatus space. A failed
 * attempt's handle, token and LSA-allocated buffers are released before any
 * retry or failing return. LsaLogonUser's SubStatus and
 * LsaCallAuthenticationPackage's ProtocolStatus go into the records.
 * Under Wine, LsaLogonUser returns success without writing its outputs; that
 * is detected (the outputs keep the values set before the call) and logged as
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
    int injected;
} handle_ctx;

enum { OP_CONNECT, OP_REGISTER, OP_LOOKUP };

/* A required input left NULL: Windows refuses it with this status, Wine
 * dereferences it and crashes the caller, so the wrapper refuses it before
 * any attempt. */
#define LGS__STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000DL)

static uint32_t handle_call(void *p)
{
    handle_ctx *c = p;
    NTSTATUS st;
    c->out = NULL;
    switch (c->op) {
    case OP_CONNECT:
        st = lgs__sys.LsaConnectUntrusted(&c->out);
        break;
    case OP_REGISTER:
        st = lgs__sys.LsaRegisterLogonProcess(c->name, &c->out, &c->mode);
        break;
    default:
        st = lgs__sys.LsaLookupAuthenticationPackage(c->lsa, c->name, &c->package);
        break;
    }
    LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

static void handle_cleanup(void *p)
{
    handle_ctx *c = p;
    if (c->out != NULL)
        lgs__sys.LsaDeregisterLogonProcess(c->out);
    c->out = NULL;
}

static NTSTATUS handle_run(handle_ctx *c, lgs__api_id api)
{
    return (NTSTATUS)lgs__wrap_ctx_fast(api, handle_call, handle_cleanup, c, &c->w, &c->injected);
}

NTSTATUS NTAPI lgs_LsaConnectUntrusted(PHANDLE LsaHandle)
{
    handle_ctx c = {.op = OP_CONNECT};
    NTSTATUS st = handle_run(&c, LGS_API_ID_LsaConnectUntrusted);
    if (st >= 0 && !c.injected) {
        if (LsaHandle != NULL)
            *LsaHandle = c.out;
        else
            handle_cleanup(&c); /* no place for it: not left open */
    }
    return st;
}

NTSTATUS NTAPI lgs_LsaRegisterLogonProcess(PLSA_STRING LogonProcessName, PHANDLE LsaHandle,
                                           PLSA_OPERATIONAL_MODE SecurityMode)
{
    handle_ctx c = {.op = OP_REGISTER, .name = LogonProcessName};
    if (LogonProcessName == NULL)
        return LGS__STATUS_INVALID_PARAMETER;
    NTSTATUS st = handle_run(&c, LGS_API_ID_LsaRegisterLogonProcess);
    if (st >= 0 && !c.injected) {
        if (LsaHandle != NULL)
            *LsaHandle = c.out;
        else
            handle_cleanup(&c); /* no place for it: not left open */
        if (SecurityMode != NULL)
            *SecurityMode = c.mode;
    }
    return st;
}

NTSTATUS NTAPI lgs_LsaLookupAuthenticationPackage(HANDLE LsaHandle, PLSA_STRING PackageName,
                                                  PULONG AuthenticationPackage)
{
    handle_ctx c = {.op = OP_LOOKUP, .lsa = LsaHandle, .name = PackageName};
    if (PackageName == NULL)
        return LGS__STATUS_INVALID_PARAMETER;
    NTSTATUS st = handle_run(&c, LGS_API_ID_LsaLookupAuthenticationPackage);
    if (st >= 0 && !c.injected && AuthenticationPackage != NULL)
        *AuthenticationPackage = c.package;
    return st;
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

/* Gives an LSA-allocated buffer to the caller, or frees it when the caller
 * passed no place for it. */
static void hand_over(PVOID *dst, PVOID buffer)
{
    if (dst != NULL)
        *dst = buffer;
    else if (buffer != NULL)
        lgs__sys.LsaFreeReturnBuffer(buffer);
}

/* ---- LsaLogonUser ---- */

/* Set before each call; a success that leaves both untouched is Wine's stub. */
static const LUID stub_luid = {0x4C47534Du, 0x5354554Cu};

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
} logon_ctx;

static uint32_t logon_call(void *p)
{
    logon_ctx *c = p;
    c->profile = NULL;
    c->profile_len = 0;
    c->luid = stub_luid;
    c->token = NULL;
    c->substatus = 0;
    NTSTATUS st = lgs__sys.LsaLogonUser(c->lsa, c->origin, c->type, c->package, c->info, c->info_len, c->groups,
                               c->source, &c->profile, &c->profile_len, &c->luid, &c->token, &c->quotas,
                               &c->substatus);
    LGS__CAPTURE(c->w);
    c->w->log.has_substatus = st < 0;
    c->w->log.substatus = (uint32_t)c->substatus;
    return (uint32_t)st;
}

static void logon_cleanup(void *p)
{
    logon_ctx *c = p;
    if (c->token != NULL)
        lgs__sys.CloseHandle(c->token);
    if (c->profile != NULL)
        lgs__sys.LsaFreeReturnBuffer(c->profile);
    c->token = NULL;
    c->profile = NULL;
}

static int logon_stub_check(void *p)
{
    const logon_ctx *c = p;
    return c->token == NULL && memcmp(&c->luid, &stub_luid, sizeof stub_luid) == 0;
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
    if (SubStatus != NULL && w.log.has_substatus)
        *SubStatus = c.substatus;
    if (st < 0 || w.log.wine_stub || w.injected)
        return st;
    hand_over(ProfileBuffer, c.profile);
    if (ProfileBufferLength != NULL)
        *ProfileBufferLength = c.profile_len;
    if (LogonId != NULL)
        *LogonId = c.luid;
    if (Token != NULL)
        *Token = c.token;
    else if (c.token != NULL)
        lgs__sys.CloseHandle(c.token);
    if (Quotas != NULL)
        *Quotas = c.quotas;
    if (SubStatus != NULL)
        *SubStatus = c.substatus;
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
} call_ctx;

static uint32_t call_call(void *p)
{
    call_ctx *c = p;
    c->ret = NULL;
    c->ret_len = 0;
    c->protocol = 0;
    NTSTATUS st = lgs__sys.LsaCallAuthenticationPackage(c->lsa, c->package, c->submit, c->submit_len, &c->ret,
                                               &c->ret_len, &c->protocol);
    LGS__CAPTURE(c->w);
    c->w->log.has_protocol_status = 1;
    c->w->log.protocol_status = (uint32_t)c->protocol;
    return (uint32_t)st;
}

static void call_cleanup(void *p)
{
    call_ctx *c = p;
    if (c->ret != NULL)
        lgs__sys.LsaFreeReturnBuffer(c->ret);
    c->ret = NULL;
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
    NTSTATUS st = (NTSTATUS)lgs__wrap_run(&w);
    if (st < 0 || w.injected)
        return st;
    hand_over(ProtocolReturnBuffer, c.ret);
    if (ReturnBufferLength != NULL)
        *ReturnBufferLength = c.ret_len;
    if (ProtocolStatus != NULL)
        *ProtocolStatus = c.protocol;
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
    int injected;
} session_ctx;

static uint32_t session_call(void *p)
{
    session_ctx *c = p;
    c->data = NULL;
    c->list = NULL;
    c->count = 0;
    NTSTATUS st = c->enumerate ? lgs__sys.LsaEnumerateLogonSessions(&c->count, &c->list)
                               : lgs__sys.LsaGetLogonSessionData(c->luid, &c->data);
    LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

static void session_cleanup(void *p)
{
    session_ctx *c = p;
    if (c->data != NULL)
        lgs__sys.LsaFreeReturnBuffer(c->data);
    if (c->list != NULL)
        lgs__sys.LsaFreeReturnBuffer(c->list);
    c->data = NULL;
    c->list = NULL;
}

static NTSTATUS session_run(session_ctx *c, lgs__api_id api)
{
    return (NTSTATUS)lgs__wrap_ctx_fast(api, session_call, session_cleanup, c, &c->w, &c->injected);
}

NTSTATUS NTAPI lgs_LsaGetLogonSessionData(PLUID LogonId, PSECURITY_LOGON_SESSION_DATA *ppLogonSessionData)
{
    session_ctx c = {.luid = LogonId};
    if (LogonId == NULL)
        return LGS__STATUS_INVALID_PARAMETER;
    NTSTATUS st = session_run(&c, LGS_API_ID_LsaGetLogonSessionData);
    if (st >= 0 && !c.injected)
        hand_over((PVOID *)ppLogonSessionData, c.data);
    return st;
}

NTSTATUS NTAPI lgs_LsaEnumerateLogonSessions(PULONG LogonSessionCount, PLUID *LogonSessionList)
{
    session_ctx c = {.enumerate = 1};
    NTSTATUS st = session_run(&c, LGS_API_ID_LsaEnumerateLogonSessions);
    if (st >= 0 && !c.injected) {
        if (LogonSessionCount != NULL)
            *LogonSessionCount = c.count;
        hand_over((PVOID *)LogonSessionList, c.list);
    }
    return st;
}
