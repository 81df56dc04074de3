/* krb.c — Kerberos protocol error codes (RFC 4120, section 7.5.9) for
 * logonshim-explain.
 *
 * A domain controller's security events 4768 and 4771 print "Failure Code
 * 0x18", a number from the Kerberos protocol, not a Windows code; an operator
 * pastes it as `krb:0x18`. These codes never reach the library (Windows
 * turns them into NTSTATUS and SEC_E_ codes before an API returns), so the
 * table lives in the tool. Each row gives the class the failure calls for and
 * the catalogue code whose guidance applies; `reported` says whether that code
 * is what Windows reports to the caller for it (when several can be, or the
 * mapping is not documented, it is only the guidance to follow). */
#include <ctype.h>
#include <string.h>

#include "explain.h"

static const explain_krb rows[] = {
    {0x06, "KDC_ERR_C_PRINCIPAL_UNKNOWN", LGS_CLASS_CREDENTIALS, "STATUS_NO_SUCH_USER", 1,
     "The KDC does not know the client principal: the user name (or its realm) is wrong or the account "
     "was deleted."},
    {0x07, "KDC_ERR_S_PRINCIPAL_UNKNOWN", LGS_CLASS_CONFIG, "SEC_E_TARGET_UNKNOWN", 1,
     "The KDC does not know the service principal: no account has the SPN the client asked for."},
    {0x09, "KDC_ERR_NULL_KEY", LGS_CLASS_CONFIG, NULL, 0,
     "The client or service account has no key (for example a password never set, or no key of a usable "
     "type)."},
    {0x0C, "KDC_ERR_POLICY", LGS_CLASS_ACCOUNT, "STATUS_ACCOUNT_RESTRICTION", 0,
     "KDC policy rejects the request: logon hours, workstation restrictions, smart card required, or a "
     "Protected Users or authentication policy restriction."},
    {0x0D, "KDC_ERR_BADOPTION", LGS_CLASS_CONFIG, NULL, 0,
     "The KDC cannot honour an option requested; on Windows most often a delegation the service account "
     "is not trusted for (constrained delegation or S4U)."},
    {0x0E, "KDC_ERR_ETYPE_NOSUPP", LGS_CLASS_CONFIG, "STATUS_KDC_UNKNOWN_ETYPE", 0,
     "No encryption type both sides accept: the client, the KDC and the account's keys share none (for "
     "example RC4 disabled while the account only has an RC4 key)."},
    {0x10, "KDC_ERR_PADATA_TYPE_NOSUPP", LGS_CLASS_CONFIG, NULL, 0,
     "The KDC does not support the pre-authentication type sent; with smart cards, a DC without a "
     "certificate for PKINIT."},
    {0x12, "KDC_ERR_CLIENT_REVOKED", LGS_CLASS_ACCOUNT, "ERROR_ACCOUNT_LOCKED_OUT", 0,
     "The client's credentials were revoked: the account is disabled, expired or locked out (Windows "
     "reports the specific one)."},
    {0x17, "KDC_ERR_KEY_EXPIRED", LGS_CLASS_ACCOUNT, "STATUS_PASSWORD_EXPIRED", 1,
     "The password has expired: change it, then update every place that stores it."},
    {0x18, "KDC_ERR_PREAUTH_FAILED", LGS_CLASS_CREDENTIALS, "STATUS_WRONG_PASSWORD", 1,
     "Pre-authentication failed: the password (the key derived from it) is wrong. Counts toward the "
     "account lockout threshold."},
    {0x19, "KDC_ERR_PREAUTH_REQUIRED", LGS_CLASS_CONTINUE, NULL, 0,
     "The KDC asks for pre-authentication; the client sends it on the next request. A normal step, logged "
     "before most successful logons."},
    {0x1B, "KDC_ERR_MUST_USE_USER2USER", LGS_CLASS_CONFIG, "SEC_E_NO_TGT_REPLY", 0,
     "The service principal has no key of its own, so only user-to-user Kerberos can reach it."},
    {0x1D, "KDC_ERR_SVC_UNAVAILABLE", LGS_CLASS_TRANSIENT, "SEC_E_NO_AUTHENTICATING_AUTHORITY", 0,
     "The KDC service is unavailable, for example while the DC starts or its directory is not ready."},
    {0x1F, "KRB_AP_ERR_BAD_INTEGRITY", LGS_CLASS_CREDENTIALS, NULL, 0,
     "A message failed its integrity check when decrypted: usually a key mismatch, such as a password "
     "changed on one side only."},
    {0x20, "KRB_AP_ERR_TKT_EXPIRED", LGS_CLASS_CONTEXT_EXPIRED, "SEC_E_CONTEXT_EXPIRED", 0,
     "The ticket has expired; the client must get a new one (Windows renews tickets on its own)."},
    {0x22, "KRB_AP_ERR_REPEAT", LGS_CLASS_SECURITY, NULL, 0,
     "The server saw this authenticator before: a replay, or a client that resends identical requests."},
    {0x25, "KRB_AP_ERR_SKEW", LGS_CLASS_CLOCK, "SEC_E_TIME_SKEW", 1,
     "The clocks of the client and the KDC or the server differ by more than the allowed skew."},
    {0x29, "KRB_AP_ERR_MODIFIED", LGS_CLASS_CONFIG, "SEC_E_WRONG_PRINCIPAL", 0,
     "The server could not decrypt the ticket: the SPN is registered on another account than the one "
     "the service runs as, or is duplicated, or the service's password changed."},
    {0x34, "KRB_ERR_RESPONSE_TOO_BIG", LGS_CLASS_CONTINUE, NULL, 0,
     "The reply does not fit in UDP; the client retries over TCP. Not a failure."},
    {0x3C, "KRB_ERR_GENERIC", LGS_CLASS_UNKNOWN, NULL, 0,
     "A generic error; the KDC's own logs or the e-data carry the real reason."},
    {0x3E, "KDC_ERR_CLIENT_NOT_TRUSTED", LGS_CLASS_CONFIG, NULL, 0,
     "PKINIT: the KDC does not trust the client's certificate (its CA is not in NTAuth, or the chain "
     "fails)."},
    {0x3F, "KDC_ERR_KDC_NOT_TRUSTED", LGS_CLASS_CONFIG, NULL, 0,
     "PKINIT: the client does not trust the KDC's certificate."},
    {0x44, "KDC_ERR_WRONG_REALM", LGS_CLASS_CONFIG, NULL, 0,
     "The request went to a KDC of another realm; a referral or the realm configuration is wrong."},
};

enum { KRB_COUNT = sizeof rows / sizeof rows[0] };

const explain_krb *explain_krb_of(uint32_t code)
{
    for (size_t i = 0; i < KRB_COUNT; i++) {
        if (rows[i].code == code)
            return &rows[i];
    }
    return NULL;
}

const explain_krb *explain_krb_by_name(const char *name)
{
    for (size_t i = 0; i < KRB_COUNT; i++) {
        const char *a = rows[i].name, *b = name;
        while (*a != '\0' && toupper((unsigned char)*a) == toupper((unsigned char)*b)) {
            a++;
            b++;
        }
        if (*a == '\0' && *b == '\0')
            return &rows[i];
    }
    return NULL;
}
