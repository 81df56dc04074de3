/* wrap_sspi_attr.c — SSPI attributes, tokens and control through the shim:
 * lgs_QueryCredentialsAttributes{A,W}, lgs_SetContextAttributes{A,W},
 * lgs_QuerySecurityContextToken and lgs_ApplyControlToken.
 *
 * The attribute calls read or write the caller's buffer directly, as
 * QueryContextAttributes does: its size depends on the attribute, so it
 * cannot be copied. Querying or setting an attribute changes nothing a
 * second call would not change again, so they are retried as their class
 * allows. QuerySecurityContextToken hands out a token: the API writes a
 * private copy loaded from the caller's value and copied back after the
 * last attempt (wrap.h, lgs__outs), and a retried attempt's token is
 * closed. ApplyControlToken consumes its input (Schannel's shutdown and
 * alert tokens change the context's state): it is marked one-attempt in
 * apis.h, as the message calls are, and the API gets the caller's own
 * buffers. */
#include "logonshim/wrappers.h"
#include "backend.h"
#include "wrap.h"

enum { OP_QUERY_CRED_A, OP_QUERY_CRED_W, OP_SET_CTX_A, OP_SET_CTX_W, OP_APPLY };

typedef struct attr_ctx {
    lgs__wrap *w;
    int op;
    PCredHandle cred;
    PCtxtHandle ctx;
    unsigned long attribute;
    void *buffer;
    unsigned long size;
    PSecBufferDesc input;
} attr_ctx;

static uint32_t attr_call(void *p)
{
    attr_ctx *c = p;
    SECURITY_STATUS st;
    switch (c->op) {
    case OP_QUERY_CRED_A:
        st = lgs__sys.QueryCredentialsAttributesA(c->cred, c->attribute, c->buffer);
        break;
    case OP_QUERY_CRED_W:
        st = lgs__sys.QueryCredentialsAttributesW(c->cred, c->attribute, c->buffer);
        break;
    case OP_SET_CTX_A:
        st = lgs__sys.SetContextAttributesA(c->ctx, c->attribute, c->buffer, c->size);
        break;
    case OP_SET_CTX_W:
        st = lgs__sys.SetContextAttributesW(c->ctx, c->attribute, c->buffer, c->size);
        break;
    default:
        st = lgs__sys.ApplyControlToken(c->ctx, c->input);
        break;
    }
    if (st != SEC_E_OK)
        LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

static SECURITY_STATUS attr_run(attr_ctx *c, lgs__api_id api)
{
    return (SECURITY_STATUS)lgs__wrap_ctx_fast(api, attr_call, NULL, c, &c->w, NULL);
}

SECURITY_STATUS WINAPI lgs_QueryCredentialsAttributesA(PCredHandle phCredential, unsigned long ulAttribute,
                                                       void *pBuffer)
{
    attr_ctx c = {.op = OP_QUERY_CRED_A, .cred = phCredential, .attribute = ulAttribute, .buffer = pBuffer};
    return attr_run(&c, LGS_API_ID_QueryCredentialsAttributesA);
}

SECURITY_STATUS WINAPI lgs_QueryCredentialsAttributesW(PCredHandle phCredential, unsigned long ulAttribute,
                                                       void *pBuffer)
{
    attr_ctx c = {.op = OP_QUERY_CRED_W, .cred = phCredential, .attribute = ulAttribute, .buffer = pBuffer};
    return attr_run(&c, LGS_API_ID_QueryCredentialsAttributesW);
}

SECURITY_STATUS WINAPI lgs_SetContextAttributesA(PCtxtHandle phContext, unsigned long ulAttribute, void *pBuffer,
                                                 unsigned long cbBuffer)
{
    attr_ctx c = {.op = OP_SET_CTX_A, .ctx = phContext, .attribute = ulAttribute, .buffer = pBuffer,
                  .size = cbBuffer};
    return attr_run(&c, LGS_API_ID_SetContextAttributesA);
}

SECURITY_STATUS WINAPI lgs_SetContextAttributesW(PCtxtHandle phContext, unsigned long ulAttribute, void *pBuffer,
                                                 unsigned long cbBuffer)
{
    attr_ctx c = {.op = OP_SET_CTX_W, .ctx = phContext, .attribute = ulAttribute, .buffer = pBuffer,
                  .size = cbBuffer};
    return attr_run(&c, LGS_API_ID_SetContextAttributesW);
}

SECURITY_STATUS WINAPI lgs_ApplyControlToken(PCtxtHandle phContext, PSecBufferDesc pInput)
{
    attr_ctx c = {.op = OP_APPLY, .ctx = phContext, .input = pInput};
    return attr_run(&c, LGS_API_ID_ApplyControlToken);
}

/* ---- QuerySecurityContextToken: a token handle out ---- */

typedef struct token_ctx {
    lgs__wrap *w;
    PCtxtHandle ctx;
    lgs__outs outs;
    HANDLE *token_arg;
    HANDLE token;
} token_ctx;

static uint32_t token_call(void *p)
{
    token_ctx *c = p;
    lgs__outs_load(&c->outs);
    SECURITY_STATUS st = lgs__sys.QuerySecurityContextToken(c->ctx, c->token_arg);
    if (st != SEC_E_OK)
        LGS__CAPTURE(c->w);
    return (uint32_t)st;
}

/* A retried attempt's token, if it wrote one, is closed before the retry. */
static void token_cleanup(void *p)
{
    token_ctx *c = p;
    if (lgs__out_written(&c->outs, 0) && c->token != NULL && c->token != INVALID_HANDLE_VALUE)
        lgs__sys.CloseHandle(c->token);
}

SECURITY_STATUS WINAPI lgs_QuerySecurityContextToken(PCtxtHandle phContext, HANDLE *Token)
{
    token_ctx c = {.ctx = phContext};
    c.token_arg = lgs__out(&c.outs, Token, &c.token, sizeof c.token);
    int injected = 0;
    SECURITY_STATUS st = (SECURITY_STATUS)lgs__wrap_ctx(LGS_API_ID_QuerySecurityContextToken, token_call,
                                                        token_cleanup, &c, &c.w, &injected);
    if (!injected)
        lgs__outs_store(&c.outs);
    return st;
}
