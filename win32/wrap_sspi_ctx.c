/* wrap_sspi_ctx.c — SSPI security contexts through the shim:
 * lgs_InitializeSecurityContext{A,W}, lgs_AcceptSecurityContext,
 * lgs_CompleteAuthToken, lgs_QueryContextAttributes{A,W},
 * lgs_ImpersonateSecurityContext, lgs_RevertSecurityContext and
 * lgs_DeleteSecurityContext.
 *
 * ISC and ASC write into private copies of the caller's outputs (the new
 * context handle, the output buffer array, the attributes, the expiry),
 * loaded from the caller's values before each attempt and copied back after
 * the last one whatever its result (wrap.h, lgs__outs). A retried attempt's
 * package-allocated output tokens are freed, and a context it created (first
 * leg) is deleted. A continuation (phContext non-NULL) consumes the input
 * token: calling it again with the same token is a protocol error, not a
 * retry, so it makes one attempt whatever the class. QueryContextAttributes
 * writes the caller's buffer directly: its size depends on the attribute,
 * so it cannot be copied. */
#include <string.h>

#include "logonshim/wrappers.h"
#include "backend.h"
#include "wrap.h"

enum { MAX_BUFFERS = 8, OP_ISC_A = 0, OP_ISC_W, OP_ASC };
enum { OUT_NEW, OUT_BUFS, OUT_ATTR, OUT_EXPIRY };

typedef struct ctx_ctx {
    lgs__wrap *w;
    int op;
    PCredHandle cred;
    PCtxtHandle ctx;
    void *target;
    unsigned long req, reserved1, rep, reserved2;
    PSecBufferDesc in;
    PSecBufferDesc out_caller;
    PSecBufferDesc out; /* the copy below, the caller's when it has too many buffers, or NULL */
    SecBufferDesc out_copy;
    SecBuffer out_bufs[MAX_BUFFERS];
    lgs__outs outs;
    PCtxtHandle new_arg;
    unsigned long *attr_arg;
    PTimeStamp expiry_arg;
    CtxtHandle new_ctx;
    unsigned long attr;
    TimeStamp expiry;
} ctx_ctx;

static uint32_t ctx_call(void *p)
{
    ctx_ctx *c = p;
    lgs__outs_load(&c->outs);
    SECURITY_STATUS st;
    switch (c->op) {
    case OP_ISC_A:
        st = lgs__sys.InitializeSecurityContextA(c->cred, c->ctx, c->target, c->req, c->reserved1, c->rep, c->in,
                                                 c->reserved2, c->new_arg, c->out, c->attr_arg, c->expiry_arg);
        break;
    case OP_ISC_W:
        st = lgs__sys.InitializeSecurityContextW(c->cred, c->ctx, c->target, c->req, c->reserved1, c->rep, c->in,
                                                 c->reserved2, c->new_arg, c->out, c->attr_arg, c->expiry_arg);
        break;
    default:
        st = lgs__sys.AcceptSecurityContext(c->cred, c->ctx, c->in, c->req, c->rep, c->new_arg, c->out,
                                            c->attr_arg, c->expiry_arg);
        break;
    }
    LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

/* Runs only before a retry, which only a first leg gets: what the failed
 * attempt allocated is released. ISC_REQ_ALLOCATE_MEMORY and
 * ASC_REQ_ALLOCATE_MEMORY are the same bit. */
static void ctx_cleanup(void *p)
{
    ctx_ctx *c = p;
    if (c->out == &c->out_copy && (c->req & ISC_REQ_ALLOCATE_MEMORY) != 0) {
        for (unsigned long i = 0; i < c->out_copy.cBuffers; i++) {
            void *b = c->out_bufs[i].pvBuffer;
            if (b != NULL && b != c->out_caller->pBuffers[i].pvBuffer)
                lgs__sys.FreeContextBuffer(b);
        }
    }
    /* Only a context this call created (the first leg) is ours to delete. */
    if (c->ctx == NULL && lgs__out_written(&c->outs, OUT_NEW) && SecIsValidHandle(&c->new_ctx)
        && (c->new_ctx.dwLower != 0 || c->new_ctx.dwUpper != 0))
        lgs__sys.DeleteSecurityContext(&c->new_ctx);
}

static SECURITY_STATUS ctx_run(ctx_ctx *c, lgs__api_id api, PCtxtHandle phNewContext, unsigned long *pfContextAttr,
                               PTimeStamp ptsExpiry)
{
    char target[256];
    lgs__wrap w;
    lgs__wrap_init(&w, api, ctx_call, c);
    w.cleanup = ctx_cleanup;
    c->w = &w;
    c->new_arg = lgs__out(&c->outs, phNewContext, &c->new_ctx, sizeof c->new_ctx);
    c->out = c->out_caller;
    if (c->out_caller != NULL && c->out_caller->cBuffers <= MAX_BUFFERS && c->out_caller->pBuffers != NULL) {
        c->out_copy = *c->out_caller;
        c->out_copy.pBuffers = c->out_bufs;
        c->out = &c->out_copy;
        lgs__out(&c->outs, c->out_caller->pBuffers, c->out_bufs, c->out_caller->cBuffers * sizeof(SecBuffer));
    } else {
        lgs__out(&c->outs, NULL, NULL, 0); /* keeps OUT_* in place */
    }
    c->attr_arg = lgs__out(&c->outs, pfContextAttr, &c->attr, sizeof c->attr);
    c->expiry_arg = lgs__out(&c->outs, ptsExpiry, &c->expiry, sizeof c->expiry);
    if (c->ctx != NULL) {
        w.once = 1;
        w.log.detail = "a handshake continuation consumes its input token: it is never repeated, "
                       "whatever the class; restart the handshake from the first call";
    }
    if (c->op == OP_ISC_W)
        w.log.authority = lgs__utf8_w(c->target, target, sizeof target);
    else if (c->op == OP_ISC_A)
        w.log.authority = lgs__utf8_a(c->target, target, sizeof target);
    w.log.target = w.log.authority;
    SECURITY_STATUS st = (SECURITY_STATUS)lgs__wrap_run(&w);
    c->w = NULL; /* w ends with this function */
    if (!w.injected)
        lgs__outs_store(&c->outs);
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
