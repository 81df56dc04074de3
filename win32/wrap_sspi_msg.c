/* wrap_sspi_msg.c — SSPI message protection through the shim:
 * lgs_EncryptMessage, lgs_DecryptMessage, lgs_MakeSignature and
 * lgs_VerifySignature.
 *
 * This is where a running service meets the `security` class (a message
 * altered or out of sequence) and `context_expired`. None of the four is
 * ever repeated: DecryptMessage and VerifySignature consume the message
 * (decrypting in place, advancing the sequence number), and EncryptMessage
 * and MakeSignature advance the sequence number too, so a second call is a
 * different call, not a retry. They are marked one-attempt in apis.h, which
 * also keeps them away from the breaker: a tampered message says nothing
 * about an authority's health. With one attempt the API gets the caller's
 * own pointers, so its outputs (the buffers, written in place, and the
 * quality of protection) are exactly what it left. */
#include "logonshim/wrappers.h"
#include "backend.h"
#include "wrap.h"

enum { OP_ENCRYPT, OP_DECRYPT, OP_SIGN, OP_VERIFY };

typedef struct msg_ctx {
    lgs__wrap *w;
    int op;
    PCtxtHandle ctx;
    unsigned long qop;
    unsigned long *qop_out;
    PSecBufferDesc message;
    unsigned long seq;
} msg_ctx;

/* What the caller can do when the context is gone: the record says it. */
static const char expired_detail[] = "the security context expired or the peer shut it down: establish a new "
                                     "one (a new handshake) or shut the connection down";

static uint32_t msg_call(void *p)
{
    msg_ctx *c = p;
    SECURITY_STATUS st;
    switch (c->op) {
    case OP_ENCRYPT:
        st = lgs__sys.EncryptMessage(c->ctx, c->qop, c->message, c->seq);
        break;
    case OP_DECRYPT:
        st = lgs__sys.DecryptMessage(c->ctx, c->message, c->seq, c->qop_out);
        break;
    case OP_SIGN:
        st = lgs__sys.MakeSignature(c->ctx, c->qop, c->message, c->seq);
        break;
    default:
        st = lgs__sys.VerifySignature(c->ctx, c->message, c->seq, c->qop_out);
        break;
    }
    if (st != SEC_E_OK) {
        LGS__CAPTURE(c->w);
        if (st == SEC_E_CONTEXT_EXPIRED)
            c->w->log.detail = expired_detail;
    }
    return (uint32_t)st;
}

static SECURITY_STATUS msg_run(msg_ctx *c, lgs__api_id api)
{
    return (SECURITY_STATUS)lgs__wrap_ctx_fast(api, msg_call, NULL, c, &c->w, NULL);
}

SECURITY_STATUS WINAPI lgs_EncryptMessage(PCtxtHandle phContext, unsigned long fQOP, PSecBufferDesc pMessage,
                                          unsigned long MessageSeqNo)
{
    msg_ctx c = {.op = OP_ENCRYPT, .ctx = phContext, .qop = fQOP, .message = pMessage, .seq = MessageSeqNo};
    return msg_run(&c, LGS_API_ID_EncryptMessage);
}

SECURITY_STATUS WINAPI lgs_DecryptMessage(PCtxtHandle phContext, PSecBufferDesc pMessage, unsigned long MessageSeqNo,
                                          unsigned long *pfQOP)
{
    msg_ctx c = {.op = OP_DECRYPT, .ctx = phContext, .qop_out = pfQOP, .message = pMessage, .seq = MessageSeqNo};
    return msg_run(&c, LGS_API_ID_DecryptMessage);
}

SECURITY_STATUS WINAPI lgs_MakeSignature(PCtxtHandle phContext, unsigned long fQOP, PSecBufferDesc pMessage,
                                         unsigned long MessageSeqNo)
{
    msg_ctx c = {.op = OP_SIGN, .ctx = phContext, .qop = fQOP, .message = pMessage, .seq = MessageSeqNo};
    return msg_run(&c, LGS_API_ID_MakeSignature);
}

SECURITY_STATUS WINAPI lgs_VerifySignature(PCtxtHandle phContext, PSecBufferDesc pMessage,
                                           unsigned long MessageSeqNo, unsigned long *pfQOP)
{
    msg_ctx c = {.op = OP_VERIFY, .ctx = phContext, .qop_out = pfQOP, .message = pMessage, .seq = MessageSeqNo};
    return msg_run(&c, LGS_API_ID_VerifySignature);
}
