/* test_parse.c — the parser for user text: every documented form, the
 * placement of bare numbers by shape, round trips over the whole catalogue,
 * rejection (with a reason) of everything malformed, and the input limit at
 * its boundary. */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "logonshim/codes.h"
#include "suites.h"

static void expect(const char *text, lgs_space space, uint32_t value, const char *name)
{
    lgs_parsed_code c;
    char why[128];
    int rc = lgs_code_parse(text, &c, why, sizeof why);
    CU_ASSERT_EQUAL(rc, LGS_OK);
    if (rc != LGS_OK) {
        printf("\n  '%s' rejected: %s\n", text, why);
        return;
    }
    CU_ASSERT_EQUAL(c.space, space);
    CU_ASSERT_EQUAL(c.value, value);
    if (name == NULL) {
        CU_ASSERT_PTR_NULL(c.info);
    } else {
        CU_ASSERT_PTR_NOT_NULL_FATAL(c.info);
        CU_ASSERT_STRING_EQUAL(c.info->name, name);
    }
}

static void test_documented_forms(void)
{
    expect("1366", LGS_SPACE_WIN32, 1366, "ERROR_LOGON_SESSION_COLLISION");
    expect("0x556", LGS_SPACE_WIN32, 1366, "ERROR_LOGON_SESSION_COLLISION");
    expect("0XC0000105", LGS_SPACE_NTSTATUS, 0xC0000105u, "STATUS_LOGON_SESSION_COLLISION");
    expect("0xc0000105", LGS_SPACE_NTSTATUS, 0xC0000105u, "STATUS_LOGON_SESSION_COLLISION");
    expect("-2146893042", LGS_SPACE_SECURITY, 0x8009030Eu, "SEC_E_NO_CREDENTIALS");
    expect("0x80070556", LGS_SPACE_WIN32, 1366, "ERROR_LOGON_SESSION_COLLISION");
    expect("STATUS_LOGON_SESSION_COLLISION", LGS_SPACE_NTSTATUS, 0xC0000105u,
           "STATUS_LOGON_SESSION_COLLISION");
    expect("status_logon_session_collision", LGS_SPACE_NTSTATUS, 0xC0000105u,
           "STATUS_LOGON_SESSION_COLLISION");
    expect("win32:1312", LGS_SPACE_WIN32, 1312, "ERROR_NO_SUCH_LOGON_SESSION");
    expect("ntstatus:0xC000005F", LGS_SPACE_NTSTATUS, 0xC000005Fu, "STATUS_NO_SUCH_LOGON_SESSION");
    expect("sec:0x8009030E", LGS_SPACE_SECURITY, 0x8009030Eu, "SEC_E_NO_CREDENTIALS");
    expect("SEC:SEC_E_NO_CREDENTIALS", LGS_SPACE_SECURITY, 0x8009030Eu, "SEC_E_NO_CREDENTIALS");
    expect("  1363\t", LGS_SPACE_WIN32, 1363, "ERROR_LOGON_SESSION_EXISTS");
    expect("SEC_E_NO_SPM", LGS_SPACE_SECURITY, 0x80090304u, "SEC_E_INTERNAL_ERROR");
}

static void test_placement_by_shape(void)
{
    expect("0", LGS_SPACE_WIN32, 0, "ERROR_SUCCESS");
    expect("65535", LGS_SPACE_WIN32, 0xFFFFu, NULL);
    expect("0x00090312", LGS_SPACE_SECURITY, 0x00090312u, "SEC_I_CONTINUE_NEEDED");
    expect("0x8009FFFF", LGS_SPACE_SECURITY, 0x8009FFFFu, NULL);
    expect("0x10000", LGS_SPACE_NTSTATUS, 0x10000u, NULL);
    expect("0xC0FFFFFF", LGS_SPACE_NTSTATUS, 0xC0FFFFFFu, NULL);
    expect("4294967295", LGS_SPACE_NTSTATUS, 0xFFFFFFFFu, NULL);
    expect("-2147483648", LGS_SPACE_NTSTATUS, 0x80000000u, NULL);
    expect("-1073741568", LGS_SPACE_NTSTATUS, 0xC0000100u, NULL);
    /* An explicit prefix wins over the shape. */
    expect("sec:0x80070556", LGS_SPACE_SECURITY, 0x80070556u, "ERROR_LOGON_SESSION_COLLISION");
    expect("ntstatus:1366", LGS_SPACE_NTSTATUS, 1366, NULL);
    expect("win32:0x80070556", LGS_SPACE_WIN32, 1366, "ERROR_LOGON_SESSION_COLLISION");
}

static void expect_rejected(const char *text)
{
    lgs_parsed_code c;
    memset(&c, 0xAB, sizeof c);
    lgs_parsed_code before = c;
    char why[128] = "unchanged";
    CU_ASSERT_EQUAL(lgs_code_parse(text, &c, why, sizeof why), LGS_EINVAL);
    CU_ASSERT(strlen(why) > 0 && strcmp(why, "unchanged") != 0);
    CU_ASSERT(memcmp(&c, &before, sizeof c) == 0);
}

static void test_rejects_malformed(void)
{
    static const char *const bad[] = {
        "", "   ", "0x", "0x123456789", "4294967296", "-2147483649", "12abc", "0x12G",
        "abc!", "NOT_A_CODE", "foo:1", "win32:", ":1366", "win32:0xC0000105",
        "win32:STATUS_LOGON_SESSION_COLLISION", "ntstatus:ERROR_LOGON_SESSION_COLLISION",
        "--1", "-", "1 366", "1366 1366", "0x-5", "99999999999999999999999",
        "ERROR_LOGON_SESSION_COLLISION;", "win32:win32:1",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_rejected(bad[i]);
}

/* Text of `len` characters: `head`, then `fill` repeated, then `tail`. */
static char *make_text(char *buf, size_t len, const char *head, char fill, const char *tail)
{
    size_t h = strlen(head), t = strlen(tail);
    memcpy(buf, head, h);
    memset(buf + h, fill, len - h - t);
    memcpy(buf + len - t, tail, t);
    buf[len] = '\0';
    return buf;
}

/* Parses text expecting a refusal whose reason is exactly `reason`, with
 * *out left as it was. */
static void expect_reason(const char *text, const char *reason)
{
    lgs_parsed_code c;
    memset(&c, 0xAB, sizeof c);
    lgs_parsed_code before = c;
    char why[128] = "unchanged";
    CU_ASSERT_EQUAL(lgs_code_parse(text, &c, why, sizeof why), LGS_EINVAL);
    CU_ASSERT_STRING_EQUAL(why, reason);
    CU_ASSERT(memcmp(&c, &before, sizeof c) == 0);
}

/* The input limit (128 characters once blanks are trimmed) is also the size
 * of the buffer a name is copied into. Checked at the limit, one over and far
 * over by the reason given, not only by the status: a limit raised past the
 * buffer copies a long name into it, an overrun only ASan would see, but it
 * also changes the reason from "longer than" to what the name parser says,
 * so the native suite fails as well. */
static void test_input_limit(void)
{
    enum { LIMIT = 128 };
    static char text[70001];
    char ws[LIMIT + 64];
    /* At the limit: a number is read whole, with or without a prefix. */
    expect(make_text(text, LIMIT, "", '0', "1366"), LGS_SPACE_WIN32, 1366,
           "ERROR_LOGON_SESSION_COLLISION");
    expect(make_text(text, LIMIT, "sec:0x", '0', "8009030E"), LGS_SPACE_SECURITY, 0x8009030Eu,
           "SEC_E_NO_CREDENTIALS");
    /* At the limit, a name is copied and looked up whole: every character
     * reaches the name check (the last one is the one refused), and a name
     * of legal characters is refused only for being unknown. */
    expect_reason(make_text(text, LIMIT, "", 'A', "!"), "'!' cannot appear in a code name");
    expect_reason(make_text(text, LIMIT, "", 'A', "_Z"), "not a known code name");
    expect_reason(make_text(text, LIMIT, "ntstatus:", 'A', "Z"), "not a known code name");
    /* A misspelt name: the one meant (issue 15's "did you mean"). */
    expect_reason("STATUS_LOGON_SESION_COLLISION",
                  "not a known code name; did you mean \"STATUS_LOGON_SESSION_COLLISION\"?");
    expect_reason("ERROR_LOGON_FAILUER", "not a known code name; did you mean \"ERROR_LOGON_FAILURE\"?");
    /* Blanks around the text do not count: a known name padded past the
     * limit with blanks is the name that was given. */
    memset(ws, ' ', sizeof ws);
    memcpy(ws + 70, "SEC_E_NO_CREDENTIALS", 20);
    ws[sizeof ws - 1] = '\0';
    expect(ws, LGS_SPACE_SECURITY, 0x8009030Eu, "SEC_E_NO_CREDENTIALS");
    /* One over: refused for its length, whatever it holds. */
    char over[64];
    snprintf(over, sizeof over, "longer than %d characters", LIMIT);
    expect_reason(make_text(text, LIMIT + 1, "", '0', "1366"), over);
    expect_reason(make_text(text, LIMIT + 1, "", 'A', "Z"), over);
    expect_reason(make_text(text, LIMIT + 1, "sec:", 'A', "Z"), over);
    expect_reason(make_text(text, LIMIT + 1, "", 'A', "!"), over);
    /* Far over: the same. */
    expect_reason(make_text(text, 2 * LIMIT + 1, "", 'A', "Z"), over);
    expect_reason(make_text(text, sizeof text - 1, "", 'A', "Z"), over);
    expect_reason(make_text(text, sizeof text - 1, "", '0', "1"), over);
}

static void test_bad_arguments(void)
{
    lgs_parsed_code c;
    char why[8];
    CU_ASSERT_EQUAL(lgs_code_parse(NULL, &c, why, sizeof why), LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_code_parse("1366", NULL, why, sizeof why), LGS_EINVAL);
    /* A NULL or tiny reason buffer is fine; the reason is truncated, terminated. */
    CU_ASSERT_EQUAL(lgs_code_parse("bogus!", &c, NULL, 0), LGS_EINVAL);
    CU_ASSERT_EQUAL(lgs_code_parse("NOT_A_CODE_AT_ALL", &c, why, sizeof why), LGS_EINVAL);
    CU_ASSERT(strlen(why) == sizeof why - 1);
    char one[1] = {'x'};
    CU_ASSERT_EQUAL(lgs_code_parse("", &c, one, sizeof one), LGS_EINVAL);
    CU_ASSERT_EQUAL(one[0], '\0');
}

/* Every row parses back from its name, its hex value with its space prefix,
 * and its signed decimal value with its space prefix. */
static void test_round_trip_catalogue(void)
{
    static const char *const prefix[LGS_SPACE_COUNT_] = {"win32", "ntstatus", "sec", "krb"};
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        char text[3][96];
        snprintf(text[0], sizeof text[0], "%s", r->name);
        snprintf(text[1], sizeof text[1], "%s:0x%08lX", prefix[r->space], (unsigned long)r->value);
        snprintf(text[2], sizeof text[2], "%s:%ld", prefix[r->space], (long)(int32_t)r->value);
        for (int k = 0; k < 3; k++) {
            lgs_parsed_code c;
            CU_ASSERT_EQUAL_FATAL(lgs_code_parse(text[k], &c, NULL, 0), LGS_OK);
            CU_ASSERT_PTR_EQUAL(c.info, r);
            CU_ASSERT_EQUAL(c.space, r->space);
            CU_ASSERT_EQUAL(c.value, r->value);
        }
    }
}

int lgs_suite_parse(void)
{
    static CU_TestInfo tests[] = {
        {"documented forms", test_documented_forms},
        {"placement by shape", test_placement_by_shape},
        {"rejects malformed input", test_rejects_malformed},
        {"input limit: at, one over, far over", test_input_limit},
        {"bad arguments", test_bad_arguments},
        {"round trip over the catalogue", test_round_trip_catalogue},
        CU_TEST_INFO_NULL,
    };
    LGS_REGISTER("parse", tests, NULL, NULL);
}
