/* test_catalogue.c — the catalogue's shape and the facts users rely on: rows
 * unique and ordered, every row reachable by value and by name, the classes
 * and actions named as documented with the README's default actions, the
 * well-known codes with their true numbers and classes, and unwrapping of
 * HRESULT/NTSTATUS-wrapped forms. */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "logonshim/codes.h"
#include "suites.h"

static void test_row_count(void)
{
    CU_ASSERT(lgs_catalogue_count() >= 150);
    CU_ASSERT_PTR_NULL(lgs_catalogue_row(lgs_catalogue_count()));
}

static void test_rows_ordered_and_unique(void)
{
    size_t n = lgs_catalogue_count();
    for (size_t i = 1; i < n; i++) {
        const lgs_code_info *a = lgs_catalogue_row(i - 1), *b = lgs_catalogue_row(i);
        int ordered = a->space < b->space || (a->space == b->space && a->value < b->value);
        if (!ordered)
            CU_FAIL_FATAL("rows out of (space, value) order or duplicated");
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (strcmp(lgs_catalogue_row(i)->name, lgs_catalogue_row(j)->name) == 0)
                CU_FAIL("duplicate name");
        }
    }
}

static void test_rows_well_formed(void)
{
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        CU_ASSERT_FATAL(r->name != NULL && r->name[0] != '\0');
        CU_ASSERT((unsigned)r->space < LGS_SPACE_COUNT_);
        CU_ASSERT((unsigned)r->cls < LGS_CLASS_COUNT_);
        CU_ASSERT_FATAL(r->guidance != NULL);
        const lgs_guidance *g = r->guidance;
        const char *fields[] = {g->id, g->summary, g->meaning, g->causes, g->diagnose, g->resolve};
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
            CU_ASSERT(fields[k] != NULL && strlen(fields[k]) > 0);
        if (r->space == LGS_SPACE_WIN32)
            CU_ASSERT_EQUAL(r->win32, (int32_t)r->value);
        /* Names follow the SDK's prefixes for their space. */
        if (r->space == LGS_SPACE_SECURITY) {
            static const char *const hresult_prefixes[] = {"SEC_", "SCARD_", "CERT_E_", "CRYPT_E_",
                                                           "TRUST_E_", "NTE_"};
            int prefixed = 0;
            for (size_t p = 0; p < sizeof hresult_prefixes / sizeof hresult_prefixes[0]; p++)
                prefixed |= strncmp(r->name, hresult_prefixes[p], strlen(hresult_prefixes[p])) == 0;
            if (!prefixed)
                CU_FAIL(r->name);
        }
        if (r->space == LGS_SPACE_NTSTATUS)
            CU_ASSERT(strncmp(r->name, "STATUS_", 7) == 0 || strncmp(r->name, "RPC_NT_", 7) == 0 ||
                      strncmp(r->name, "EPT_NT_", 7) == 0);
    }
}

static void test_every_row_found_by_value_and_name(void)
{
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        CU_ASSERT_PTR_EQUAL(lgs_code_lookup(r->space, r->value), r);
        CU_ASSERT_PTR_EQUAL(lgs_code_by_name(r->name), r);
        CU_ASSERT_EQUAL(lgs_classify(r->space, r->value), r->cls);
        CU_ASSERT_PTR_EQUAL(lgs_guidance_for(r->space, r->value), r->guidance);
    }
}

static void test_class_and_action_names(void)
{
    static const char *const classes[] = {
        "ok", "continue", "transient", "resource", "session_collision", "session_gone",
        "session_state", "context_expired", "clock", "credentials", "account", "privilege",
        "config", "programming", "security", "shutdown", "unknown"};
    static const char *const actions[] = {"none", "retry", "cleanup_retry", "reestablish",
                                          "fail", "alert", "abort"};
    CU_ASSERT_EQUAL_FATAL(sizeof classes / sizeof classes[0], LGS_CLASS_COUNT_);
    for (unsigned i = 0; i < LGS_CLASS_COUNT_; i++) {
        lgs_class c = LGS_CLASS_UNKNOWN;
        CU_ASSERT_STRING_EQUAL(lgs_class_name((lgs_class)i), classes[i]);
        CU_ASSERT_EQUAL(lgs_class_from_name(classes[i], &c), LGS_OK);
        CU_ASSERT_EQUAL(c, (lgs_class)i);
        CU_ASSERT_PTR_NOT_NULL(lgs_class_guidance((lgs_class)i));
    }
    CU_ASSERT_EQUAL_FATAL(sizeof actions / sizeof actions[0], LGS_ACTION_COUNT_);
    for (unsigned i = 0; i < LGS_ACTION_COUNT_; i++)
        CU_ASSERT_STRING_EQUAL(lgs_action_name((lgs_action)i), actions[i]);
    CU_ASSERT_STRING_EQUAL(lgs_space_name(LGS_SPACE_WIN32), "win32");
    CU_ASSERT_STRING_EQUAL(lgs_space_name(LGS_SPACE_NTSTATUS), "ntstatus");
    /* The HRESULT space prints under the name of what it holds; the old
     * spellings are still read back as it. */
    CU_ASSERT_STRING_EQUAL(lgs_space_name(LGS_SPACE_SECURITY), "hresult");
    lgs_parsed_code parsed;
    static const char *const spellings[] = {"hresult:0x8009030E", "security:0x8009030E", "sec:0x8009030E",
                                            "HResult:0x8009030E"};
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        CU_ASSERT_EQUAL_FATAL(lgs_code_parse(spellings[i], &parsed, NULL, 0), LGS_OK);
        CU_ASSERT_EQUAL(parsed.space, LGS_SPACE_HRESULT);
        CU_ASSERT_EQUAL(parsed.value, 0x8009030Eu);
    }
}

static void test_bad_enum_values(void)
{
    lgs_class c = LGS_CLASS_OK;
    CU_ASSERT_STRING_EQUAL(lgs_class_name((lgs_class)99), "invalid");
    CU_ASSERT_STRING_EQUAL(lgs_action_name((lgs_action)99), "invalid");
    CU_ASSERT_STRING_EQUAL(lgs_space_name((lgs_space)99), "invalid");
    CU_ASSERT_EQUAL(lgs_class_default_action((lgs_class)99), LGS_ACTION_FAIL);
    CU_ASSERT_EQUAL(lgs_class_from_name("Transient", &c), LGS_ENOTFOUND);
    CU_ASSERT_EQUAL(lgs_class_from_name(NULL, &c), LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_class_from_name("ok", NULL), LGS_EINVAL);
    CU_ASSERT_EQUAL(c, LGS_CLASS_OK);
    CU_ASSERT_PTR_NULL(lgs_code_lookup((lgs_space)7, 0));
    CU_ASSERT_EQUAL(lgs_classify((lgs_space)7, 0), LGS_CLASS_UNKNOWN);
    CU_ASSERT_PTR_NULL(lgs_code_by_name(NULL));
    CU_ASSERT_PTR_NOT_NULL(lgs_class_guidance((lgs_class)-1));
    CU_ASSERT_PTR_NOT_NULL(lgs_guidance_for((lgs_space)7, 1));
}

/* the class table in README.md: the default action of each class. */
static void test_default_actions(void)
{
    static const struct {
        lgs_class cls;
        lgs_action action;
    } expect[] = {
        {LGS_CLASS_OK, LGS_ACTION_NONE},
        {LGS_CLASS_CONTINUE, LGS_ACTION_NONE},
        {LGS_CLASS_TRANSIENT, LGS_ACTION_RETRY},
        {LGS_CLASS_RESOURCE, LGS_ACTION_RETRY},
        {LGS_CLASS_SESSION_COLLISION, LGS_ACTION_CLEANUP_RETRY},
        {LGS_CLASS_SESSION_GONE, LGS_ACTION_REESTABLISH},
        {LGS_CLASS_SESSION_STATE, LGS_ACTION_FAIL},
        {LGS_CLASS_CONTEXT_EXPIRED, LGS_ACTION_REESTABLISH},
        {LGS_CLASS_CLOCK, LGS_ACTION_FAIL},
        {LGS_CLASS_CREDENTIALS, LGS_ACTION_FAIL},
        {LGS_CLASS_ACCOUNT, LGS_ACTION_FAIL},
        {LGS_CLASS_PRIVILEGE, LGS_ACTION_FAIL},
        {LGS_CLASS_CONFIG, LGS_ACTION_FAIL},
        {LGS_CLASS_PROGRAMMING, LGS_ACTION_FAIL},
        {LGS_CLASS_SECURITY, LGS_ACTION_ALERT},
        {LGS_CLASS_SHUTDOWN, LGS_ACTION_ABORT},
        {LGS_CLASS_UNKNOWN, LGS_ACTION_FAIL},
    };
    CU_ASSERT_EQUAL_FATAL(sizeof expect / sizeof expect[0], LGS_CLASS_COUNT_);
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++)
        CU_ASSERT_EQUAL(lgs_class_default_action(expect[i].cls), expect[i].action);
}

typedef struct known {
    const char *name;
    lgs_space space;
    uint32_t value;
    int32_t win32;
    lgs_class cls;
} known;

/* The numbers public pages get wrong, the logon-session family and the README's
 * examples of each class, with the SDK's values. */
static const known known_codes[] = {
    {"ERROR_INVALID_PARAMETER", LGS_SPACE_WIN32, 87, 87, LGS_CLASS_PROGRAMMING},
    {"ERROR_BAD_ARGUMENTS", LGS_SPACE_WIN32, 160, 160, LGS_CLASS_PROGRAMMING},
    {"ERROR_TOO_MANY_SECRETS", LGS_SPACE_WIN32, 1381, 1381, LGS_CLASS_CONFIG},
    {"ERROR_NO_SUCH_LOGON_SESSION", LGS_SPACE_WIN32, 1312, 1312, LGS_CLASS_SESSION_GONE},
    {"ERROR_LOGON_SESSION_EXISTS", LGS_SPACE_WIN32, 1363, 1363, LGS_CLASS_SESSION_COLLISION},
    {"ERROR_BAD_LOGON_SESSION_STATE", LGS_SPACE_WIN32, 1365, 1365, LGS_CLASS_SESSION_STATE},
    {"ERROR_LOGON_SESSION_COLLISION", LGS_SPACE_WIN32, 1366, 1366, LGS_CLASS_SESSION_COLLISION},
    {"STATUS_NO_SUCH_LOGON_SESSION", LGS_SPACE_NTSTATUS, 0xC000005Fu, 1312, LGS_CLASS_SESSION_GONE},
    {"STATUS_LOGON_SESSION_EXISTS", LGS_SPACE_NTSTATUS, 0xC00000EEu, 1363, LGS_CLASS_SESSION_COLLISION},
    {"STATUS_BAD_LOGON_SESSION_STATE", LGS_SPACE_NTSTATUS, 0xC0000104u, 1365, LGS_CLASS_SESSION_STATE},
    {"STATUS_LOGON_SESSION_COLLISION", LGS_SPACE_NTSTATUS, 0xC0000105u, 1366, LGS_CLASS_SESSION_COLLISION},
    {"SEC_E_NO_CREDENTIALS", LGS_SPACE_SECURITY, 0x8009030Eu, 1312, LGS_CLASS_SESSION_GONE},
    {"SEC_I_CONTINUE_NEEDED", LGS_SPACE_SECURITY, 0x00090312u, LGS_NO_WIN32, LGS_CLASS_CONTINUE},
    {"SEC_E_INCOMPLETE_MESSAGE", LGS_SPACE_SECURITY, 0x80090318u, 1784, LGS_CLASS_CONTINUE},
    {"ERROR_INSUFFICIENT_BUFFER", LGS_SPACE_WIN32, 122, 122, LGS_CLASS_CONTINUE},
    {"ERROR_NO_LOGON_SERVERS", LGS_SPACE_WIN32, 1311, 1311, LGS_CLASS_TRANSIENT},
    {"SEC_E_NO_AUTHENTICATING_AUTHORITY", LGS_SPACE_SECURITY, 0x80090311u, 1311, LGS_CLASS_TRANSIENT},
    {"RPC_S_SERVER_UNAVAILABLE", LGS_SPACE_WIN32, 1722, 1722, LGS_CLASS_TRANSIENT},
    {"ERROR_NOT_ENOUGH_MEMORY", LGS_SPACE_WIN32, 8, 8, LGS_CLASS_RESOURCE},
    {"ERROR_LUIDS_EXHAUSTED", LGS_SPACE_WIN32, 1334, 1334, LGS_CLASS_RESOURCE},
    {"SEC_E_CONTEXT_EXPIRED", LGS_SPACE_SECURITY, 0x80090317u, 1931, LGS_CLASS_CONTEXT_EXPIRED},
    {"SEC_E_TIME_SKEW", LGS_SPACE_SECURITY, 0x80090324u, LGS_NO_WIN32, LGS_CLASS_CLOCK},
    {"ERROR_TIME_SKEW", LGS_SPACE_WIN32, 1398, 1398, LGS_CLASS_CLOCK},
    {"ERROR_LOGON_FAILURE", LGS_SPACE_WIN32, 1326, 1326, LGS_CLASS_CREDENTIALS},
    {"STATUS_LOGON_FAILURE", LGS_SPACE_NTSTATUS, 0xC000006Du, 1326, LGS_CLASS_CREDENTIALS},
    {"SEC_E_LOGON_DENIED", LGS_SPACE_SECURITY, 0x8009030Cu, 1326, LGS_CLASS_CREDENTIALS},
    {"ERROR_ACCOUNT_LOCKED_OUT", LGS_SPACE_WIN32, 1909, 1909, LGS_CLASS_ACCOUNT},
    {"ERROR_ACCOUNT_DISABLED", LGS_SPACE_WIN32, 1331, 1331, LGS_CLASS_ACCOUNT},
    {"ERROR_PASSWORD_MUST_CHANGE", LGS_SPACE_WIN32, 1907, 1907, LGS_CLASS_ACCOUNT},
    {"ERROR_PRIVILEGE_NOT_HELD", LGS_SPACE_WIN32, 1314, 1314, LGS_CLASS_PRIVILEGE},
    {"ERROR_LOGON_TYPE_NOT_GRANTED", LGS_SPACE_WIN32, 1385, 1385, LGS_CLASS_PRIVILEGE},
    {"ERROR_ACCESS_DENIED", LGS_SPACE_WIN32, 5, 5, LGS_CLASS_PRIVILEGE},
    {"SEC_E_SECPKG_NOT_FOUND", LGS_SPACE_SECURITY, 0x80090305u, 1364, LGS_CLASS_CONFIG},
    {"SEC_E_TARGET_UNKNOWN", LGS_SPACE_SECURITY, 0x80090303u, 53, LGS_CLASS_CONFIG},
    {"SEC_E_WRONG_PRINCIPAL", LGS_SPACE_SECURITY, 0x80090322u, 1396, LGS_CLASS_CONFIG},
    {"ERROR_INVALID_HANDLE", LGS_SPACE_WIN32, 6, 6, LGS_CLASS_PROGRAMMING},
    {"SEC_E_INVALID_HANDLE", LGS_SPACE_SECURITY, 0x80090301u, 6, LGS_CLASS_PROGRAMMING},
    {"SEC_E_MESSAGE_ALTERED", LGS_SPACE_SECURITY, 0x8009030Fu, 5, LGS_CLASS_SECURITY},
    {"SEC_E_OUT_OF_SEQUENCE", LGS_SPACE_SECURITY, 0x80090310u, 5, LGS_CLASS_SECURITY},
    {"SEC_E_DOWNGRADE_DETECTED", LGS_SPACE_SECURITY, 0x80090350u, LGS_NO_WIN32, LGS_CLASS_SECURITY},
    {"SEC_E_MUTUAL_AUTH_FAILED", LGS_SPACE_SECURITY, 0x80090363u, 1397, LGS_CLASS_SECURITY},
    {"ERROR_SHUTDOWN_IN_PROGRESS", LGS_SPACE_WIN32, 1115, 1115, LGS_CLASS_SHUTDOWN},
    {"SEC_E_SHUTDOWN_IN_PROGRESS", LGS_SPACE_SECURITY, 0x8009033Fu, 1115, LGS_CLASS_SHUTDOWN},
};

static void test_known_codes(void)
{
    for (size_t i = 0; i < sizeof known_codes / sizeof known_codes[0]; i++) {
        const known *k = &known_codes[i];
        const lgs_code_info *r = lgs_code_by_name(k->name);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CU_ASSERT_EQUAL(r->space, k->space);
        CU_ASSERT_EQUAL(r->value, k->value);
        CU_ASSERT_EQUAL(r->win32, k->win32);
        if (r->cls != k->cls)
            CU_FAIL(k->name);
    }
}

/* 1366 is a LUID collision inside LSA, not "logged on elsewhere"; the
 * logon-session family has its own specific texts. */
static void test_session_guidance(void)
{
    const lgs_guidance *g = lgs_code_by_name("ERROR_LOGON_SESSION_COLLISION")->guidance;
    CU_ASSERT_STRING_EQUAL(g->id, "logon-session-collision");
    CU_ASSERT_PTR_EQUAL(lgs_code_by_name("STATUS_LOGON_SESSION_COLLISION")->guidance, g);
    CU_ASSERT_PTR_NOT_NULL(strstr(g->meaning, "LUID"));
    CU_ASSERT_PTR_NOT_NULL(strstr(g->meaning, "does not mean"));
    CU_ASSERT_STRING_EQUAL(lgs_code_by_name("ERROR_NO_SUCH_LOGON_SESSION")->guidance->id, "no-such-logon-session");
    CU_ASSERT_STRING_EQUAL(lgs_code_by_name("ERROR_LOGON_SESSION_EXISTS")->guidance->id, "logon-session-exists");
    CU_ASSERT_STRING_EQUAL(lgs_code_by_name("ERROR_BAD_LOGON_SESSION_STATE")->guidance->id, "bad-logon-session-state");
    const lgs_guidance *nc = lgs_code_by_name("SEC_E_NO_CREDENTIALS")->guidance;
    CU_ASSERT_STRING_EQUAL(nc->id, "no-credentials");
    CU_ASSERT_PTR_NOT_NULL(strstr(nc->causes, "Network access: Do not allow storage of passwords"));
    CU_ASSERT_PTR_NOT_NULL(strstr(nc->causes, "S4U"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lgs_code_by_name("ERROR_LOGON_FAILURE")->guidance->resolve, "lockout"));
}

/* Issue 16, section 2: codes whose class was wrong. Each comment says what
 * the old class did wrong, so a regression reads as the bug it brings back. */
static const known fixed_codes[] = {
    /* Token group bloat is a property of the account: retrying (resource) cannot help. */
    {"ERROR_TOO_MANY_CONTEXT_IDS", LGS_SPACE_WIN32, 1384, 1384, LGS_CLASS_CONFIG},
    {"STATUS_TOO_MANY_CONTEXT_IDS", LGS_SPACE_NTSTATUS, 0xC000015Au, 1384, LGS_CLASS_CONFIG},
    /* The remote server going down is no reason to abort the local operation. */
    {"ERROR_SERVER_SHUTDOWN_IN_PROGRESS", LGS_SPACE_WIN32, 1255, 1255, LGS_CLASS_TRANSIENT},
    {"STATUS_SERVER_SHUTDOWN_IN_PROGRESS", LGS_SPACE_NTSTATUS, 0xC00002FFu, 1255, LGS_CLASS_TRANSIENT},
    /* The local shutdown codes stay shutdown. */
    {"ERROR_SHUTDOWN_IN_PROGRESS", LGS_SPACE_WIN32, 1115, 1115, LGS_CLASS_SHUTDOWN},
    {"STATUS_SHUTDOWN_IN_PROGRESS", LGS_SPACE_NTSTATUS, 0xC00002FEu, 1115, LGS_CLASS_SHUTDOWN},
    /* User-to-user negotiation, not an unreachable KDC: no retry. */
    {"SEC_E_NO_TGT_REPLY", LGS_SPACE_SECURITY, 0x80090334u, LGS_NO_WIN32, LGS_CLASS_CONFIG},
    {"STATUS_NO_TGT_REPLY", LGS_SPACE_NTSTATUS, 0xC00002EFu, LGS_NO_WIN32, LGS_CLASS_CONFIG},
    /* Routine Schannel handshake failures, not tampering alerts. */
    {"SEC_E_ILLEGAL_MESSAGE", LGS_SPACE_SECURITY, 0x80090326u, 87, LGS_CLASS_CONFIG},
    {"SEC_E_UNSUPPORTED_FUNCTION", LGS_SPACE_SECURITY, 0x80090302u, 1, LGS_CLASS_CONFIG},
    /* The peer closed the connection: "call again" (continue) would loop. */
    {"SEC_I_CONTEXT_EXPIRED", LGS_SPACE_SECURITY, 0x00090317u, LGS_NO_WIN32, LGS_CLASS_CONTEXT_EXPIRED},
    /* A failure that continue made the engine treat as success. */
    {"SEC_E_INSUFFICIENT_BUFFERS", LGS_SPACE_SECURITY, 0x8009036Bu, LGS_NO_WIN32, LGS_CLASS_PROGRAMMING},
    /* A misspelt privilege name, which no administrator can grant. */
    {"ERROR_NO_SUCH_PRIVILEGE", LGS_SPACE_WIN32, 1313, 1313, LGS_CLASS_PROGRAMMING},
    {"STATUS_NO_SUCH_PRIVILEGE", LGS_SPACE_NTSTATUS, 0xC0000060u, 1313, LGS_CLASS_PROGRAMMING},
};

/* Issue 16, section 1: one or more codes of each family a logon path meets,
 * with the SDK's values and the class the policy relies on. A smart card's
 * wrong PIN must be credentials (the lockout guard counts it; a retry burns
 * the card's PIN counter) and a blocked card account (never retried). */
static const known family_codes[] = {
    {"WSAETIMEDOUT", LGS_SPACE_WIN32, 10060, 10060, LGS_CLASS_TRANSIENT},
    {"WSAECONNRESET", LGS_SPACE_WIN32, 10054, 10054, LGS_CLASS_TRANSIENT},
    {"WSAECONNREFUSED", LGS_SPACE_WIN32, 10061, 10061, LGS_CLASS_TRANSIENT},
    {"WSAEHOSTUNREACH", LGS_SPACE_WIN32, 10065, 10065, LGS_CLASS_TRANSIENT},
    {"WSAENETUNREACH", LGS_SPACE_WIN32, 10051, 10051, LGS_CLASS_TRANSIENT},
    {"WSAENOBUFS", LGS_SPACE_WIN32, 10055, 10055, LGS_CLASS_RESOURCE},
    {"WSAHOST_NOT_FOUND", LGS_SPACE_WIN32, 11001, 11001, LGS_CLASS_CONFIG},
    {"ERROR_BAD_NETPATH", LGS_SPACE_WIN32, 53, 53, LGS_CLASS_TRANSIENT},
    {"ERROR_NETNAME_DELETED", LGS_SPACE_WIN32, 64, 64, LGS_CLASS_TRANSIENT},
    {"ERROR_SESSION_CREDENTIAL_CONFLICT", LGS_SPACE_WIN32, 1219, 1219, LGS_CLASS_CONFIG},
    {"STATUS_CONNECTION_RESET", LGS_SPACE_NTSTATUS, 0xC000020Du, 64, LGS_CLASS_TRANSIENT},
    {"STATUS_CONNECTION_ABORTED", LGS_SPACE_NTSTATUS, 0xC0000241u, 1236, LGS_CLASS_TRANSIENT},
    {"STATUS_BAD_NETWORK_PATH", LGS_SPACE_NTSTATUS, 0xC00000BEu, 53, LGS_CLASS_TRANSIENT},
    {"STATUS_IO_TIMEOUT", LGS_SPACE_NTSTATUS, 0xC00000B5u, 121, LGS_CLASS_TRANSIENT},
    {"RPC_S_COMM_FAILURE", LGS_SPACE_WIN32, 1820, 1820, LGS_CLASS_TRANSIENT},
    {"EPT_S_NOT_REGISTERED", LGS_SPACE_WIN32, 1753, 1753, LGS_CLASS_TRANSIENT},
    {"RPC_S_UNKNOWN_AUTHN_SERVICE", LGS_SPACE_WIN32, 1747, 1747, LGS_CLASS_CONFIG},
    {"RPC_NT_COMM_FAILURE", LGS_SPACE_NTSTATUS, 0xC0020052u, 1820, LGS_CLASS_TRANSIENT},
    {"EPT_NT_NOT_REGISTERED", LGS_SPACE_NTSTATUS, 0xC0020036u, 1753, LGS_CLASS_TRANSIENT},
    {"ERROR_DS_SERVER_DOWN", LGS_SPACE_WIN32, 8250, 8250, LGS_CLASS_TRANSIENT},
    {"ERROR_DS_GC_NOT_AVAILABLE", LGS_SPACE_WIN32, 8217, 8217, LGS_CLASS_TRANSIENT},
    {"ERROR_DS_STRONG_AUTH_REQUIRED", LGS_SPACE_WIN32, 8232, 8232, LGS_CLASS_CONFIG},
    {"NERR_DCNotFound", LGS_SPACE_WIN32, 2453, 2453, LGS_CLASS_TRANSIENT},
    {"STATUS_SMARTCARD_WRONG_PIN", LGS_SPACE_NTSTATUS, 0xC0000380u, LGS_NO_WIN32, LGS_CLASS_CREDENTIALS},
    {"STATUS_SMARTCARD_CARD_BLOCKED", LGS_SPACE_NTSTATUS, 0xC0000381u, LGS_NO_WIN32, LGS_CLASS_ACCOUNT},
    {"SCARD_W_WRONG_CHV", LGS_SPACE_SECURITY, 0x8010006Bu, LGS_NO_WIN32, LGS_CLASS_CREDENTIALS},
    {"SCARD_W_CHV_BLOCKED", LGS_SPACE_SECURITY, 0x8010006Cu, LGS_NO_WIN32, LGS_CLASS_ACCOUNT},
    {"CERT_E_UNTRUSTEDROOT", LGS_SPACE_SECURITY, 0x800B0109u, LGS_NO_WIN32, LGS_CLASS_SECURITY},
    {"CERT_E_EXPIRED", LGS_SPACE_SECURITY, 0x800B0101u, LGS_NO_WIN32, LGS_CLASS_CONFIG},
    {"CRYPT_E_REVOCATION_OFFLINE", LGS_SPACE_SECURITY, 0x80092013u, 1397, LGS_CLASS_TRANSIENT},
    {"NTE_BAD_KEYSET", LGS_SPACE_SECURITY, 0x80090016u, LGS_NO_WIN32, LGS_CLASS_CONFIG},
    {"STATUS_NTLM_BLOCKED", LGS_SPACE_NTSTATUS, 0xC0000418u, 1937, LGS_CLASS_CONFIG},
    {"ERROR_NTLM_BLOCKED", LGS_SPACE_WIN32, 1937, 1937, LGS_CLASS_CONFIG},
    {"STATUS_NETWORK_CREDENTIAL_CONFLICT", LGS_SPACE_NTSTATUS, 0xC0000195u, 1219, LGS_CLASS_CONFIG},
    {"STATUS_INVALID_PARAMETER_MIX", LGS_SPACE_NTSTATUS, 0xC0000030u, 87, LGS_CLASS_PROGRAMMING},
    {"STATUS_NAME_TOO_LONG", LGS_SPACE_NTSTATUS, 0xC0000106u, 206, LGS_CLASS_PROGRAMMING},
    {"STATUS_INVALID_SID", LGS_SPACE_NTSTATUS, 0xC0000078u, 1337, LGS_CLASS_PROGRAMMING},
    {"STATUS_PORT_CONNECTION_REFUSED", LGS_SPACE_NTSTATUS, 0xC0000041u, 5, LGS_CLASS_PRIVILEGE},
    {"STATUS_WRONG_PASSWORD_CORE", LGS_SPACE_NTSTATUS, 0xC0000149u, 86, LGS_CLASS_CREDENTIALS},
    {"STATUS_PASSWORD_CHANGE_REQUIRED", LGS_SPACE_NTSTATUS, 0xC000030Cu, 1938, LGS_CLASS_ACCOUNT},
};

static void test_family_codes(void)
{
    for (size_t i = 0; i < sizeof family_codes / sizeof family_codes[0]; i++) {
        const known *k = &family_codes[i];
        const lgs_code_info *r = lgs_code_by_name(k->name);
        if (r == NULL) {
            CU_FAIL(k->name);
            continue;
        }
        CU_ASSERT_EQUAL(r->space, k->space);
        CU_ASSERT_EQUAL(r->value, k->value);
        CU_ASSERT_EQUAL(r->win32, k->win32);
        if (r->cls != k->cls)
            CU_FAIL(k->name);
    }
    /* STATUS_INVALID_PARAMETER_1..12 are consecutive and all the caller's bug. */
    for (uint32_t v = 0xC00000EFu; v <= 0xC00000FAu; v++)
        CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_NTSTATUS, v), LGS_CLASS_PROGRAMMING);
    /* A bare SCARD or CERT HRESULT is placed in the security space. */
    lgs_parsed_code c;
    CU_ASSERT_EQUAL_FATAL(lgs_code_parse("0x8010006B", &c, NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(c.space, LGS_SPACE_SECURITY);
    CU_ASSERT_PTR_EQUAL(c.info, lgs_code_by_name("SCARD_W_WRONG_CHV"));
    CU_ASSERT_EQUAL_FATAL(lgs_code_parse("0x800B0109", &c, NULL, 0), LGS_OK);
    CU_ASSERT_PTR_EQUAL(c.info, lgs_code_by_name("CERT_E_UNTRUSTEDROOT"));
    /* E_FAIL is an HRESULT; the NTSTATUS warnings that share its severity stay NTSTATUS. */
    CU_ASSERT_EQUAL_FATAL(lgs_code_parse("0x80004005", &c, NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(c.space, LGS_SPACE_HRESULT);
    CU_ASSERT_EQUAL_FATAL(lgs_code_parse("0x80000005", &c, NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(c.space, LGS_SPACE_NTSTATUS);
    CU_ASSERT_PTR_EQUAL(c.info, lgs_code_by_name("STATUS_BUFFER_OVERFLOW"));
    CU_ASSERT_EQUAL_FATAL(lgs_code_parse("0x80010001", &c, NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(c.space, LGS_SPACE_NTSTATUS); /* also RPC_E_CALL_REJECTED: ambiguous */
    CU_ASSERT_EQUAL_FATAL(lgs_code_parse("hresult:0x8009030C", &c, NULL, 0), LGS_OK);
    CU_ASSERT_PTR_EQUAL(c.info, lgs_code_by_name("SEC_E_LOGON_DENIED"));
}

static void test_fixed_classes(void)
{
    for (size_t i = 0; i < sizeof fixed_codes / sizeof fixed_codes[0]; i++) {
        const known *k = &fixed_codes[i];
        const lgs_code_info *r = lgs_code_lookup(k->space, k->value);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CU_ASSERT_STRING_EQUAL(r->name, k->name);
        CU_ASSERT_EQUAL(r->win32, k->win32);
        if (r->cls != k->cls)
            CU_FAIL(k->name);
        /* Nothing in this list is a success the engine may pass through. */
        if (k->cls != LGS_CLASS_CONTINUE)
            CU_ASSERT(lgs_class_default_action(r->cls) != LGS_ACTION_NONE);
    }
}

static const lgs_guidance *guidance_of(const char *name)
{
    const lgs_code_info *r = lgs_code_by_name(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    return r->guidance;
}

#define HAS(text, needle) CU_ASSERT_PTR_NOT_NULL(strstr((text), (needle)))
#define HASNT(text, needle) CU_ASSERT_PTR_NULL(strstr((text), (needle)))

/* Issue 16, section 2: statements the guidance used to get wrong. */
static void test_guidance_facts(void)
{
    /* The DC logs 4771 (Kerberos) and 4776 (NTLM); 4625 is on the machine
     * where the logon was attempted, not on the DC. */
    const char *with_events[] = {"ERROR_LOGON_FAILURE", "ERROR_ACCOUNT_LOCKED_OUT"};
    for (size_t i = 0; i < 2; i++) {
        const char *d = guidance_of(with_events[i])->diagnose;
        HAS(d, "4771");
        HAS(d, "4776");
        HAS(d, "4625");
        HAS(d, "machine where");
        HASNT(d, "DC's Security log (4625");
    }
    HAS(lgs_class_guidance(LGS_CLASS_CREDENTIALS)->diagnose, "4625 gives the reason");
    /* Skew is also checked by the application server; time zones do not matter. */
    const lgs_guidance *skew[] = {guidance_of("SEC_E_TIME_SKEW"), lgs_class_guidance(LGS_CLASS_CLOCK)};
    for (size_t i = 0; i < 2; i++) {
        HAS(skew[i]->meaning, "application server");
        HAS(skew[i]->causes, "A wrong time zone alone does not cause");
    }
    /* LUIDs are unique until reboot: 1366 is not "LUID reuse under load". */
    const lgs_guidance *coll = guidance_of("ERROR_LOGON_SESSION_COLLISION");
    HASNT(coll->causes, "LUID reuse under heavy logon load");
    HAS(coll->causes, "unique until the next reboot");
    HAS(coll->causes, "LUID that LSA already has");
    HAS(coll->resolve, "helps only when the collision was transient");
    /* 1365: a session deleted while it still has references. */
    const lgs_guidance *bad = guidance_of("ERROR_BAD_LOGON_SESSION_STATE");
    HAS(bad->meaning, "references");
    HAS(bad->meaning, "both believe they own");
    /* 1312: Task Scheduler's form, the storage policy, CredRead over SSH/WinRM. */
    const lgs_guidance *nsls = guidance_of("ERROR_NO_SUCH_LOGON_SESSION");
    HAS(nsls->meaning, "0x80070520");
    HAS(nsls->causes, "Network access: Do not allow storage of passwords");
    HAS(nsls->causes, "CredRead");
    HAS(nsls->causes, "WinRM");
    /* SEC_E_NO_CREDENTIALS: at ISC/ASC on Windows; Schannel's private key. */
    const lgs_guidance *nc = guidance_of("SEC_E_NO_CREDENTIALS");
    HAS(nc->meaning, "InitializeSecurityContext or AcceptSecurityContext");
    HAS(nc->meaning, "private key");
    /* klist purge acts on the caller's session only. */
    HAS(guidance_of("SEC_E_NO_AUTHENTICATING_AUTHORITY")->diagnose, "klist -li 0x3e7 purge");
    HASNT(guidance_of("SEC_E_NO_AUTHENTICATING_AUTHORITY")->causes, "UDP fragmentation");
    /* Unretried, but mostly configuration: say so. */
    const char *mostly_config[] = {"ERROR_MUTUAL_AUTH_FAILED", "SEC_E_MUTUAL_AUTH_FAILED",
                                   "ERROR_DOWNGRADE_DETECTED", "SEC_E_UNTRUSTED_ROOT"};
    for (size_t i = 0; i < 4; i++) {
        const lgs_guidance *g = guidance_of(mostly_config[i]);
        HAS(g->summary, "usually configuration");
        CU_ASSERT_EQUAL(lgs_code_by_name(mostly_config[i])->cls, LGS_CLASS_SECURITY);
    }
    HAS(guidance_of("SEC_E_MUTUAL_AUTH_FAILED")->causes, "stale computer password");
    HAS(guidance_of("SEC_E_UNTRUSTED_ROOT")->causes, "intermediate");
    /* The fixed rows each explain themselves. */
    HAS(guidance_of("ERROR_TOO_MANY_CONTEXT_IDS")->meaning, "1,024 SIDs");
    HAS(guidance_of("ERROR_SERVER_SHUTDOWN_IN_PROGRESS")->meaning, "This machine is not shutting down");
    HAS(guidance_of("SEC_E_NO_TGT_REPLY")->meaning, "user-to-user");
    HAS(guidance_of("SEC_E_ILLEGAL_MESSAGE")->diagnose, "Schannel event");
    HAS(guidance_of("SEC_E_UNSUPPORTED_FUNCTION")->meaning, "protocol_version");
    HAS(guidance_of("SEC_I_CONTEXT_EXPIRED")->summary, "do not call again");
    HAS(guidance_of("ERROR_NO_SUCH_PRIVILEGE")->causes, "misspelt");
    HAS(guidance_of("SEC_E_LOGON_DENIED")->meaning, "access_denied alert");
}

/* A transient row's causes list only what a retry can outlive; permanent
 * causes come after an explicit "If it persists" and never before it. */
static void test_transient_guidance_honest(void)
{
    static const char *const permanent[] = {"firewall", "blocked", "not joined", "DNS",
                                            "disabled", "misconfigured", "SRV"};
    size_t transient = 0;
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        if (r->cls != LGS_CLASS_TRANSIENT)
            continue;
        transient++;
        const char *causes = r->guidance->causes;
        const char *persists = strstr(causes, "If it persists");
        size_t head = persists != NULL ? (size_t)(persists - causes) : strlen(causes);
        for (size_t k = 0; k < sizeof permanent / sizeof permanent[0]; k++) {
            const char *hit = strstr(causes, permanent[k]);
            if (hit != NULL && (size_t)(hit - causes) < head) {
                printf("\n  %s (%s): '%s' before 'If it persists'", r->name, r->guidance->id, permanent[k]);
                CU_FAIL("transient guidance names a permanent cause");
            }
        }
    }
    CU_ASSERT(transient > 0);
}

static void test_unwrapping(void)
{
    const lgs_code_info *w1366 = lgs_code_by_name("ERROR_LOGON_SESSION_COLLISION");
    const lgs_code_info *nt = lgs_code_by_name("STATUS_LOGON_SESSION_COLLISION");
    int32_t w = 0;
    /* HRESULT_FROM_WIN32(1366) returned as a SECURITY_STATUS. */
    CU_ASSERT_PTR_EQUAL(lgs_code_lookup(LGS_SPACE_SECURITY, 0x80070556u), w1366);
    /* An NTSTATUS returned where a SECURITY_STATUS was expected (Wine's ACH). */
    CU_ASSERT_PTR_EQUAL(lgs_code_lookup(LGS_SPACE_SECURITY, 0xC0000105u), nt);
    /* FACILITY_NTWIN32 wraps a Win32 code in an NTSTATUS. */
    CU_ASSERT_PTR_EQUAL(lgs_code_lookup(LGS_SPACE_NTSTATUS, 0xC0070556u), w1366);
    CU_ASSERT_EQUAL(lgs_win32_equivalent(LGS_SPACE_NTSTATUS, 0xC0070123u, &w), LGS_OK);
    CU_ASSERT_EQUAL(w, 0x123);
    CU_ASSERT_EQUAL(lgs_win32_equivalent(LGS_SPACE_SECURITY, 0x80070005u, &w), LGS_OK);
    CU_ASSERT_EQUAL(w, 5);
    /* Unknown Win32 codes are their own equivalent; unknown others have none. */
    CU_ASSERT_EQUAL(lgs_win32_equivalent(LGS_SPACE_WIN32, 0xFFFEu, &w), LGS_OK);
    CU_ASSERT_EQUAL(w, 0xFFFE);
    w = 42;
    CU_ASSERT_EQUAL(lgs_win32_equivalent(LGS_SPACE_NTSTATUS, 0xC0FFFFFFu, &w), LGS_ENOTFOUND);
    CU_ASSERT_EQUAL(lgs_win32_equivalent(LGS_SPACE_SECURITY, 0x80090324u, &w), LGS_ENOTFOUND);
    CU_ASSERT_EQUAL(w, 42);
    CU_ASSERT_EQUAL(lgs_win32_equivalent(LGS_SPACE_WIN32, 1, NULL), LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_win32_equivalent((lgs_space)5, 1, &w), LGS_EINVAL);
}

static void test_unknown_codes(void)
{
    CU_ASSERT_PTR_NULL(lgs_code_lookup(LGS_SPACE_WIN32, 0xFFFEu));
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_WIN32, 0xFFFEu), LGS_CLASS_UNKNOWN);
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_NTSTATUS, 0xC0FFFFFFu), LGS_CLASS_UNKNOWN);
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_SECURITY, 0x8009FFFFu), LGS_CLASS_UNKNOWN);
    CU_ASSERT_PTR_EQUAL(lgs_guidance_for(LGS_SPACE_WIN32, 0xFFFEu), lgs_class_guidance(LGS_CLASS_UNKNOWN));
    for (int s = 0; s < LGS_SPACE_COUNT_; s++)
        CU_ASSERT_EQUAL(lgs_classify((lgs_space)s, 0), LGS_CLASS_OK);
}

/* RFC 4120, section 7.5.9, "Error Codes", copied here from the RFC's list
 * independently of the library's table (62 and 63 as RFC 4556 names them,
 * 68 from RFC 6806): every row of the krb space must carry its RFC name and
 * number. */
static const struct {
    const char *name;
    uint32_t value;
} rfc4120_errors[] = {
    {"KDC_ERR_NONE", 0},                  {"KDC_ERR_NAME_EXP", 1},
    {"KDC_ERR_SERVICE_EXP", 2},           {"KDC_ERR_BAD_PVNO", 3},
    {"KDC_ERR_C_OLD_MAST_KVNO", 4},       {"KDC_ERR_S_OLD_MAST_KVNO", 5},
    {"KDC_ERR_C_PRINCIPAL_UNKNOWN", 6},   {"KDC_ERR_S_PRINCIPAL_UNKNOWN", 7},
    {"KDC_ERR_PRINCIPAL_NOT_UNIQUE", 8},  {"KDC_ERR_NULL_KEY", 9},
    {"KDC_ERR_CANNOT_POSTDATE", 10},      {"KDC_ERR_NEVER_VALID", 11},
    {"KDC_ERR_POLICY", 12},               {"KDC_ERR_BADOPTION", 13},
    {"KDC_ERR_ETYPE_NOSUPP", 14},         {"KDC_ERR_SUMTYPE_NOSUPP", 15},
    {"KDC_ERR_PADATA_TYPE_NOSUPP", 16},   {"KDC_ERR_TRTYPE_NOSUPP", 17},
    {"KDC_ERR_CLIENT_REVOKED", 18},       {"KDC_ERR_SERVICE_REVOKED", 19},
    {"KDC_ERR_TGT_REVOKED", 20},          {"KDC_ERR_CLIENT_NOTYET", 21},
    {"KDC_ERR_SERVICE_NOTYET", 22},       {"KDC_ERR_KEY_EXPIRED", 23},
    {"KDC_ERR_PREAUTH_FAILED", 24},       {"KDC_ERR_PREAUTH_REQUIRED", 25},
    {"KDC_ERR_SERVER_NOMATCH", 26},       {"KDC_ERR_MUST_USE_USER2USER", 27},
    {"KDC_ERR_PATH_NOT_ACCEPTED", 28},    {"KDC_ERR_SVC_UNAVAILABLE", 29},
    {"KRB_AP_ERR_BAD_INTEGRITY", 31},     {"KRB_AP_ERR_TKT_EXPIRED", 32},
    {"KRB_AP_ERR_TKT_NYV", 33},           {"KRB_AP_ERR_REPEAT", 34},
    {"KRB_AP_ERR_NOT_US", 35},            {"KRB_AP_ERR_BADMATCH", 36},
    {"KRB_AP_ERR_SKEW", 37},              {"KRB_AP_ERR_BADADDR", 38},
    {"KRB_AP_ERR_BADVERSION", 39},        {"KRB_AP_ERR_MSG_TYPE", 40},
    {"KRB_AP_ERR_MODIFIED", 41},          {"KRB_AP_ERR_BADORDER", 42},
    {"KRB_AP_ERR_BADKEYVER", 44},         {"KRB_AP_ERR_NOKEY", 45},
    {"KRB_AP_ERR_MUT_FAIL", 46},          {"KRB_AP_ERR_BADDIRECTION", 47},
    {"KRB_AP_ERR_METHOD", 48},            {"KRB_AP_ERR_BADSEQ", 49},
    {"KRB_AP_ERR_INAPP_CKSUM", 50},       {"KRB_AP_PATH_NOT_ACCEPTED", 51},
    {"KRB_ERR_RESPONSE_TOO_BIG", 52},     {"KRB_ERR_GENERIC", 60},
    {"KRB_ERR_FIELD_TOOLONG", 61},        {"KDC_ERR_CLIENT_NOT_TRUSTED", 62},
    {"KDC_ERR_KDC_NOT_TRUSTED", 63},      {"KDC_ERR_INVALID_SIG", 64},
    {"KDC_ERR_KEY_TOO_WEAK", 65},         {"KDC_ERR_CERTIFICATE_MISMATCH", 66},
    {"KRB_AP_ERR_NO_TGT", 67},            {"KDC_ERR_WRONG_REALM", 68},
};

/* Every krb row: its RFC name and number, its Windows view, and a twin
 * that is a catalogue row whose guidance and Win32 equivalent it shares. */
static void test_krb_rows(void)
{
    size_t krb = 0;
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        if (r->space != LGS_SPACE_KRB)
            continue;
        krb++;
        int in_rfc = 0;
        for (size_t k = 0; k < sizeof rfc4120_errors / sizeof rfc4120_errors[0]; k++)
            in_rfc |= strcmp(rfc4120_errors[k].name, r->name) == 0 && rfc4120_errors[k].value == r->value;
        if (!in_rfc)
            CU_FAIL(r->name);
        const lgs_krb_info *k = lgs_krb_lookup(r->value);
        CU_ASSERT_FATAL(k != NULL);
        CU_ASSERT_PTR_EQUAL(k->row, r);
        CU_ASSERT(k->meaning != NULL && k->meaning[0] != '\0');
        if (k->twin == NULL) {
            CU_ASSERT_EQUAL(k->reported, 0);
            CU_ASSERT_EQUAL(r->win32, LGS_NO_WIN32);
            CU_ASSERT_PTR_EQUAL(r->guidance, lgs_class_guidance(r->cls));
            continue;
        }
        const lgs_code_info *twin = lgs_code_by_name(k->twin);
        CU_ASSERT_FATAL(twin != NULL);
        CU_ASSERT(twin->space != LGS_SPACE_KRB);
        CU_ASSERT_EQUAL(r->win32, twin->win32);
        CU_ASSERT_PTR_EQUAL(r->guidance, twin->guidance);
        if (r->cls != twin->cls)
            printf("\n  %s is %s, its twin %s %s", r->name, lgs_class_name(r->cls), twin->name,
                   lgs_class_name(twin->cls));
        CU_ASSERT(r->cls == twin->cls || !k->reported);
    }
    CU_ASSERT(krb >= 20);
}

/* The classes the failures call for: the lockout-relevant ones above all. */
static void test_krb_classes(void)
{
    static const struct {
        uint32_t value;
        lgs_class cls;
        const char *reported; /* what Windows reports, NULL when not documented */
    } want[] = {
        {24, LGS_CLASS_CREDENTIALS, "STATUS_WRONG_PASSWORD"},
        {6, LGS_CLASS_CREDENTIALS, "STATUS_NO_SUCH_USER"},
        {18, LGS_CLASS_ACCOUNT, NULL},
        {23, LGS_CLASS_ACCOUNT, "STATUS_PASSWORD_EXPIRED"},
        {37, LGS_CLASS_CLOCK, "SEC_E_TIME_SKEW"},
        {29, LGS_CLASS_TRANSIENT, NULL},
        {25, LGS_CLASS_CONTINUE, NULL},
        {7, LGS_CLASS_CONFIG, "SEC_E_TARGET_UNKNOWN"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_KRB, want[i].value), want[i].cls);
        const lgs_krb_info *k = lgs_krb_lookup(want[i].value);
        CU_ASSERT_FATAL(k != NULL);
        if (want[i].reported != NULL) {
            CU_ASSERT(k->reported);
            CU_ASSERT_STRING_EQUAL(k->twin, want[i].reported);
        } else {
            CU_ASSERT_EQUAL(k->reported, 0);
        }
    }
    int32_t w = 0;
    CU_ASSERT_EQUAL(lgs_win32_equivalent(LGS_SPACE_KRB, 24, &w), LGS_OK);
    CU_ASSERT_EQUAL(w, 86); /* ERROR_INVALID_PASSWORD, as for STATUS_WRONG_PASSWORD */
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_KRB, 30), LGS_CLASS_UNKNOWN); /* unassigned */
    CU_ASSERT_EQUAL(lgs_classify(LGS_SPACE_KRB, 0), LGS_CLASS_OK);
    /* A Kerberos number is not the Win32 code of the same number. */
    CU_ASSERT_NOT_EQUAL(lgs_classify(LGS_SPACE_KRB, 24), lgs_classify(LGS_SPACE_WIN32, 24));
}

/* krb codes parse from a prefix with a number, or a name, and print back
 * to the same code. */
static void test_krb_parse_print(void)
{
    CU_ASSERT_STRING_EQUAL(lgs_space_name(LGS_SPACE_KRB), "krb");
    static const char *const forms[] = {"krb:24", "krb:0x18", "KRB:0x18", " krb:24 ", "KDC_ERR_PREAUTH_FAILED",
                                        "kdc_err_preauth_failed", "krb:KDC_ERR_PREAUTH_FAILED"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        lgs_parsed_code c;
        char why[160];
        CU_ASSERT_EQUAL_FATAL(lgs_code_parse(forms[i], &c, why, sizeof why), LGS_OK);
        CU_ASSERT_EQUAL(c.space, LGS_SPACE_KRB);
        CU_ASSERT_EQUAL(c.value, 0x18u);
        CU_ASSERT(c.info != NULL && strcmp(c.info->name, "KDC_ERR_PREAUTH_FAILED") == 0);
    }
    /* A bare number stays a Win32 code: Kerberos needs its prefix. */
    lgs_parsed_code bare;
    CU_ASSERT_EQUAL(lgs_code_parse("24", &bare, NULL, 0), LGS_OK);
    CU_ASSERT_EQUAL(bare.space, LGS_SPACE_WIN32);
    /* Every row: "space:value" and its name parse back to it. */
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        if (r->space != LGS_SPACE_KRB)
            continue;
        char text[64];
        lgs_parsed_code c;
        snprintf(text, sizeof text, "%s:%lu", lgs_space_name(r->space), (unsigned long)r->value);
        CU_ASSERT_EQUAL(lgs_code_parse(text, &c, NULL, 0), LGS_OK);
        CU_ASSERT_PTR_EQUAL(c.info, r);
        CU_ASSERT_EQUAL(lgs_code_parse(r->name, &c, NULL, 0), LGS_OK);
        CU_ASSERT_PTR_EQUAL(c.info, r);
        CU_ASSERT_PTR_EQUAL(lgs_code_by_name(r->name), r);
    }
}

static void test_hresult_form(void)
{
    CU_ASSERT_EQUAL(lgs_hresult_form(LGS_SPACE_WIN32, 1366), 0x80070556u);
    CU_ASSERT_EQUAL(lgs_hresult_form(LGS_SPACE_WIN32, 0), 0u);
    CU_ASSERT_EQUAL(lgs_hresult_form(LGS_SPACE_NTSTATUS, 0xC0000105u), 0xD0000105u);
    CU_ASSERT_EQUAL(lgs_hresult_form(LGS_SPACE_SECURITY, 0x8009030Eu), 0x8009030Eu);
}

static void test_aliases(void)
{
    CU_ASSERT_PTR_EQUAL(lgs_code_by_name("SEC_E_NO_SPM"), lgs_code_by_name("SEC_E_INTERNAL_ERROR"));
    CU_ASSERT_PTR_EQUAL(lgs_code_by_name("sec_e_not_supported"), lgs_code_by_name("SEC_E_UNSUPPORTED_FUNCTION"));
    CU_ASSERT_PTR_EQUAL(lgs_code_by_name("error_logon_session_collision"),
                        lgs_code_by_name("ERROR_LOGON_SESSION_COLLISION"));
    CU_ASSERT_PTR_NULL(lgs_code_by_name("ERROR_LOGON_SESSION_COLLISIO"));
    CU_ASSERT_PTR_NULL(lgs_code_by_name(""));
}

int lgs_suite_catalogue(void)
{
    static CU_TestInfo tests[] = {
        {"row count", test_row_count},
        {"rows ordered and unique", test_rows_ordered_and_unique},
        {"rows well formed", test_rows_well_formed},
        {"every row found by value and name", test_every_row_found_by_value_and_name},
        {"class and action names", test_class_and_action_names},
        {"bad enum values", test_bad_enum_values},
        {"default actions", test_default_actions},
        {"known codes", test_known_codes},
        {"session guidance", test_session_guidance},
        {"fixed classes", test_fixed_classes},
        {"family codes", test_family_codes},
        {"guidance facts", test_guidance_facts},
        {"transient guidance honest", test_transient_guidance_honest},
        {"unwrapping", test_unwrapping},
        {"unknown codes", test_unknown_codes},
        {"krb rows: RFC 4120 numbers, twins", test_krb_rows},
        {"krb classes and reported codes", test_krb_classes},
        {"krb parse and print", test_krb_parse_print},
        {"hresult form", test_hresult_form},
        {"aliases", test_aliases},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("catalogue", tests, NULL, NULL);
}
