/* test_catalogue.c — the catalogue's shape and the facts users rely on: rows
 * unique and ordered, every row reachable by value and by name, the classes
 * and actions named as documented with the README's default actions, the
 * well-known codes with their true numbers and classes, and unwrapping of
 * HRESULT/NTSTATUS-wrapped forms. */
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
        if (r->space == LGS_SPACE_SECURITY)
            CU_ASSERT(strncmp(r->name, "SEC_", 4) == 0);
        if (r->space == LGS_SPACE_NTSTATUS)
            CU_ASSERT(strncmp(r->name, "STATUS_", 7) == 0 || strncmp(r->name, "RPC_NT_", 7) == 0);
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
    CU_ASSERT_STRING_EQUAL(lgs_space_name(LGS_SPACE_SECURITY), "security");
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
        {"unwrapping", test_unwrapping},
        {"unknown codes", test_unknown_codes},
        {"hresult form", test_hresult_form},
        {"aliases", test_aliases},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("catalogue", tests, NULL, NULL);
}
