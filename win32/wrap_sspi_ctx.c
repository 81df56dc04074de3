/* wrap_sspi_ctx.c — SSPI security contexts through the shim:
 * lgs_InitializeSecurityContext{A,W}, lgs_AcceptSecurityContext,
 * lgs_CompleteAuthToken, lgs_QueryContextAttributes{A,W},
 * lgs_ImpersonateSecurityContext, lgs_RevertSecurityContext and
 * lgs_DeleteSecurityContext.
 *
 * ISC and ASC write into a copy of the caller's output buffer descriptor and
 * a local context handle; the caller's are updated only when the call
 * succeeds or continues (SEC_I_CONTINUE_NEEDED and the other `continue` codes
 * are the handshake and pass straight through). A failed attempt's
 * package-allocated output tokens are freed, and a context it created (first
 * leg) is deleted. QueryContextAttributes writes the caller's buffer
 * directly: its size depends on the attribute, so it cannot be copied. */
#include <string.h>

#include "logonshim/wrappers.h"
#include "backend.h"
#include "wrap.h"

enum { MAX_BUFFERS = 8, OP_ISC_A = 0, OP_ISC_W, OP_ASC };

typedef struct ctx_ctx {
    lgs__wrap *w;
    int op;
    PCredHandle cred;
    PCtxtHandle ctx;
    void *target;
    unsigned long req, reserved1, rep, reserved2;
    PSecBufferDesc in;
    PSecBufferDesc out_caller;
    PSecBufferDesc out; /* the copy below, or the caller's when it has too many buffers */
    SecBufferDesc out_copy;
    SecBuffer out_bufs[MAX_BUFFERS];
    int want_new, want_attr, want_expiry;
    CtxtHandle new_ctx;
    unsigned long attr;
    TimeStamp expiry;
} ctx_ctx;

static uint32_t ctx_call(void *p)
{
    ctx_ctx *c = p;
    /* SecInvalidateHandle is two statements: without the braces the
     * second one ran on the continuation path too and broke the handle. */
    if (c->ctx != NULL) {
        c->new_ctx = *c->ctx;
    } else {
        SecInvalidateHandle(&c->new_ctx);
    }
    c->out = c->out_caller;
    if (c->out_caller != NULL && c->out_caller->cBuffers <= MAX_BUFFERS && c->out_caller->pBuffers != NULL) {
        c->out_copy = *c->out_caller;
        memcpy(c->out_bufs, c->out_caller->pBuffers, c->out_caller->cBuffers * sizeof(SecBuffer));
        c->out_copy.pBuffers = c->out_bufs;
        c->out = &c->out_copy;
    }
    PCtxtHandle new_ctx = c->want_new ? &c->new_ctx : NULL;
    unsigned long *attr = c->want_attr ? &c->attr : NULL;
    PTimeStamp expiry = c->want_expiry ? &c->expiry : NULL;
    SECURITY_STATUS st;
    switch (c->op) {
    case OP_ISC_A:
        st = lgs__sys.InitializeSecurityContextA(c->cred, c->ctx, c->target, c->req, c->reserved1, c->rep, c->in,
                                        c->reserved2, new_ctx, c->out, attr, expiry);
        break;
    case OP_ISC_W:
        st = lgs__sys.InitializeSecurityContextW(c->cred, c->ctx, c->target, c->req, c->reserved1, c->rep, c->in,
                                        c->reserved2, new_ctx, c->out, attr, expiry);
        break;
    default:
        st = lgs__sys.AcceptSecurityContext(c->cred, c->ctx, c->in, c->req, c->rep, new_ctx, c->out, attr, expiry);
        break;
    }
    LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

/* ISC_REQ_ALLOCATE_MEMORY and ASC_REQ_ALLOCATE_MEMORY are the same bit. */
static void ctx_cleanup(void *p)
{
    ctx_ctx *c = p;
    if (c->out == &c->out_copy && (c->req & ISC_REQ_ALLOCATE_MEMORY) != 0) {
        for (unsigned long i = 0; i < c->out_copy.cBuffers; i++) {
            void *b = c->out_bufs[i].pvBuffer;
            if (b != NULL && b != c->out_caller->pBuffers[i].pvBuffer)
                lgs__sys.FreeContextBuffer(b);
            c->out_bufs[i].pvBuffer = NULL;
        }
    }
    /* Only a context this call created (the first leg) is ours to delete. */
    if (c->ctx == NULL && SecIsValidHandle(&c->new_ctx) && (c->new_ctx.dwLower != 0 || c->new_ctx.dwUpper != 0))
        lgs__sys.DeleteSecurityContext(&c->new_ctx);
    SecInvalidateHandle(&c->new_ctx);
}

static SECURITY_STATUS ctx_run(ctx_ctx *c, lgs__api_id api, PCtxtHandle phNewContext, unsigned long *pfContextAttr,
                               PTimeStamp ptsExpiry)
{
    char target[256];
    lgs__wrap w;
    lgs__wrap_init(&w, api, ctx_call, c);
    w.cleanup = ctx_cleanup;
    c->w = &w;
    c->want_new = phNewContext != NULL;
    c->want_attr = pfContextAttr != NULL;
    c->want_expiry = ptsExpiry != NULL;
    if (c->op == OP_ISC_W)
        w.log.authority = lgs__utf8_w(c->target, target, sizeof target);
    else if (c->op == OP_ISC_A)
        w.log.authority = lgs__utf8_a(c->target, target, sizeof target);
    SECURITY_STATUS st = (SECURITY_STATUS)lgs__wrap_run(&w);
    c->w = NULL; /* w ends with this function */
    lgs_class cls = lgs_classify(LGS_SPACE_SECURITY, (uint32_t)st);
    if ((cls != LGS_CLASS_OK && cls != LGS_CLASS_CONTINUE) || w.injected)
        return st;
    if (phNewContext != NULL)
        *phNewContext = c->new_ctx;
    if (c->out == &c->out_copy)
        memcpy(c->out_caller->pBuffers, c->out_bufs, c->out_copy.cBuffers * sizeof(SecBuffer));
    if (pfContextAttr != NULL)
        *pfContextAttr = c->attr;
    if (ptsExpiry != NULL)
        *ptsExpiry = c->expiry;
    return st;
}

SECURITY_STATUS WINAPI lgs_InitializeSecurityContextA(PCredHandle phCredential, PCtxtHandle phContext,
                                                      SEC_CHAR *pszTargetName, unsigned long fContextReq,
                                                      unsigned long Reserved1, unsigned long TargetDataRep,
                                                      PSecBufferDesc pInput, unsigned long Reserved2,
                                                      PCtxtHandle phNewContext, PSecBufferDesc pOutput,
                                                      unsigned long *pfContextAttr, PTimeStamp ptsExpiry)
{
    ctx_ctx c = {.op = OP_ISC_A, .cred = phCredential, .ctx = phContext, .target = pszTargetName,
                 .req = fContextReq, .reserved1 = Reserved1, .rep = TargetDataRep, .in = pInput,
                 .reserved2 = Reserved2, .out_caller = pOutput};
    return ctx_run(&c, LGS_API_ID_InitializeSecurityContextA, phNewContext, pfContextAttr, ptsExpiry);
}

SECURITY_STATUS WINAPI lgs_InitializeSecurityContextW(PCredHandle phCredential, PCtxtHandle phContext,
                                                      SEC_WCHAR *pszTargetName, unsigned long fContextReq,
                                                      unsigned long Reserved1, unsigned long TargetDataRep,
                                                      PSecBufferDesc pInput, unsigned long Reserved2,
                                                      PCtxtHandle phNewContext, PSecBufferDesc pOutput,
                                                      unsigned long *pfContextAttr, PTimeStamp ptsExpiry)
{
    ctx_ctx c = {.op = OP_ISC_W, .cred = phCredential, .ctx = phContext, .target = pszTargetName,
                 .req = fContextReq, .reserved1 = Reserved1, .rep = TargetDataRep, .in = pInput,
                 .reserved2 = Reserved2, .out_caller = pOutput};
    return ctx_run(&c, LGS_API_ID_InitializeSecurityContextW, phNewContext, pfContextAttr, ptsExpiry);
}

SECURITY_STATUS WINAPI lgs_AcceptSecurityContext(PCredHandle phCredential, PCtxtHandle phContext,
                                                 PSecBufferDesc pInput, unsigned long fContextReq,
                                                 unsigned long TargetDataRep, PCtxtHandle phNewContext,
                                                 PSecBufferDesc pOutput, unsigned long *pfContextAttr,
                                                 PTimeStamp ptsExpiry)
{
    ctx_ctx c = {.op = OP_ASC, .cred = phCredential, .ctx = phContext, .req = fContextReq,
                 .rep = TargetDataRep, .in = pInput, .out_caller = pOutput};
    return ctx_run(&c, LGS_API_ID_AcceptSecurityContext, phNewContext, pfContextAttr, ptsExpiry);
}

/* ---- calls on an existing context ---- */

typedef struct on_ctx {
    lgs__wrap *w;
    int op;
    PCtxtHandle ctx;
    PSecBufferDesc token;
    unsigned long attribute;
    void *buffer;
} on_ctx;

enum { OP_COMPLETE, OP_QUERY_A, OP_QUERY_W };

static uint32_t on_call(void *p)
{
    on_ctx *c = p;
    SECURITY_STATUS st = c->op == OP_COMPLETE ? lgs__sys.CompleteAuthToken(c->ctx, c->token)
                       : c->op == OP_QUERY_A  ? lgs__sys.QueryContextAttributesA(c->ctx, c->attribute, c->buffer)
                                              : lgs__sys.QueryContextAttributesW(c->ctx, c->attribute, c->buffer);
    LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

static SECURITY_STATUS on_run(on_ctx *c, lgs__api_id api)
{
    return (SECURITY_STATUS)lgs__wrap_ctx_fast(api, on_call, NULL, c, &c->w, NULL);
}

SECURITY_STATUS WINAPI lgs_CompleteAuthToken(PCtxtHandle phContext, PSecBufferDesc pToken)
{
    on_ctx c = {.op = OP_COMPLETE, .ctx = phContext, .token = pToken};
    return on_run(&c, LGS_API_ID_CompleteAuthToken);
}

SECURITY_STATUS WINAPI lgs_QueryContextAttributesA(PCtxtHandle phContext, unsigned long ulAttribute, void *pBuffer)
{
    on_ctx c = {.op = OP_QUERY_A, .ctx = phContext, .attribute = ulAttribute, .buffer = pBuffer};
    return on_run(&c, LGS_API_ID_QueryContextAttributesA);
}

SECURITY_STATUS WINAPI lgs_QueryContextAttributesW(PCtxtHandle phContext, unsigned long ulAttribute, void *pBuffer)
{
    on_ctx c = {.op = OP_QUERY_W, .ctx = phContext, .attribute = ulAttribute, .buffer = pBuffer};
    return on_run(&c, LGS_API_ID_QueryContextAttributesW);
}

static uint32_t impersonate_call(void *arg)
{
    return (uint32_t)lgs__sys.ImpersonateSecurityContext(arg);
}

static uint32_t revert_call(void *arg)
{
    return (uint32_t)lgs__sys.RevertSecurityContext(arg);
}

static uint32_t delete_call(void *arg)
{
    return (uint32_t)lgs__sys.DeleteSecurityContext(arg);
}

SECURITY_STATUS WINAPI lgs_ImpersonateSecurityContext(PCtxtHandle phContext)
{
    return (SECURITY_STATUS)lgs__wrap_simple(LGS_API_ID_ImpersonateSecurityContext, impersonate_call, phContext);
}

SECURITY_STATUS WINAPI lgs_RevertSecurityContext(PCtxtHandle phContext)
{
    return (SECURITY_STATUS)lgs__wrap_simple(LGS_API_ID_RevertSecurityContext, revert_call, phContext);
}

SECURITY_STATUS WINAPI lgs_DeleteSecurityContext(PCtxtHandle phContext)
{
    return (SECURITY_STATUS)lgs__wrap_simple(LGS_API_ID_DeleteSecurityContext, delete_call, phContext);
}
