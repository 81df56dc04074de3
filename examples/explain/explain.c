/* explain.c — logonshim-explain: what a Win32, NTSTATUS or SSPI code means and
 * what to do about it, from the logonshim catalogue.
 *
 *   logonshim-explain [--json] CODE...     explain each code
 *   logonshim-explain [--json] --list      the whole catalogue
 *   logonshim-explain --list --markdown    the classes table of the README
 *   logonshim-explain [--json] < log.txt   explain every code read from stdin
 *   logonshim-explain --hash-name NAME [--key-stdin]   an account's digest in the logs
 *
 * CODE is decimal (1366, -2146893042), hex (0x556, 0xC0000105, 0x80070556),
 * a name (STATUS_LOGON_SESSION_COLLISION) or any of those after "win32:",
 * "ntstatus:" or "hresult:" (or the old "sec:", "security:"). Because
 * operators paste codes from dialogs, event logs and debuggers, the tool
 * also takes hex without "0x" when it cannot be decimal (8009030C,
 * c000006d), a debugger's "0n" decimal (0n1326), and codes wrapped in
 * brackets, quotes or followed by sentence punctuation ("(0x80090322)",
 * "0x80090322.", "0x80090322,"); options may come anywhere on the line.
 * "krb:0x18" (or KDC_ERR_PREAUTH_FAILED) is a Kerberos protocol error code
 * as DC events 4768 and 4771 print it (the library's krb space); a name the SDK
 * headers define but the catalogue lacks is explained under that name
 * (names.c). A well-formed code the catalogue does not know is explained as
 * class "unknown" (exit 0); malformed input is reported on stderr with the
 * reason, the other inputs are still explained, and the exit status is 2. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "logonshim/logonshim.h"

enum { EXIT_MALFORMED = 2, WRAP = 78, MAX_TOKEN = 256 };

/* Writes s as a JSON string. Bytes outside printable ASCII are escaped, so
 * the output is valid JSON whatever the input held. */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20 || *p >= 0x7F)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void json_field(FILE *f, const char *key, const char *value)
{
    fprintf(f, ",\"%s\":", key);
    json_string(f, value);
}

/* The name to show: the catalogue's, else the SDK's, else NULL. */
static const char *display_name(lgs_space space, uint32_t value, const lgs_code_info *info)
{
    if (info != NULL)
        return info->name;
    const explain_name *n = explain_name_of(space, value);
    return n != NULL ? n->name : NULL;
}

/* ERROR_MR_MID_NOT_FOUND: RtlNtStatusToDosError's answer for an unmapped NTSTATUS
 * (spelt out here because <windows.h> defines the name on Windows only). */
enum { UNMAPPED_NTSTATUS = 317 };

/* The end of a JSON answer, the same for every kind of code: the class,
 * its default action and the guidance, closing the object. */
static void json_class_and_guidance(lgs_class cls, const lgs_guidance *g)
{
    json_field(stdout, "class", lgs_class_name(cls));
    json_field(stdout, "action", lgs_action_name(lgs_class_default_action(cls)));
    json_field(stdout, "summary", g->summary);
    printf(",\"guidance\":{\"id\":");
    json_string(stdout, g->id);
    json_field(stdout, "meaning", g->meaning);
    json_field(stdout, "causes", g->causes);
    json_field(stdout, "diagnose", g->diagnose);
    json_field(stdout, "resolve", g->resolve);
    printf("}}\n");
}

/* The Win32 equivalent: the catalogue's rule, else, for an NTSTATUS the
 * catalogue does not hold, RtlNtStatusToDosError's answer from the name
 * table when that answer is a Win32 code. */
static int win32_of(lgs_space space, uint32_t value, int32_t *out)
{
    if (lgs_win32_equivalent(space, value, out) == LGS_OK)
        return 1;
    const explain_name *n = space == LGS_SPACE_NTSTATUS ? explain_name_of(space, value) : NULL;
    if (n != NULL && n->last_error >= 0 && n->last_error <= 0xFFFF && n->last_error != UNMAPPED_NTSTATUS) {
        *out = (int32_t)n->last_error;
        return 1;
    }
    return 0;
}

/* What GetLastError() shows after a BOOL API fails with the code: a Win32
 * code is itself; an NTSTATUS is what RtlNtStatusToDosError makes of it,
 * which for some Kerberos and smart card codes is an HRESULT (SEC_E_, SCARD_)
 * and for unmapped ones ERROR_MR_MID_NOT_FOUND. An HRESULT has none. */
static int last_error_of(lgs_space space, uint32_t value, const lgs_code_info *info, uint32_t *out)
{
    if (space == LGS_SPACE_WIN32) {
        *out = value;
        return 1;
    }
    if (space != LGS_SPACE_NTSTATUS)
        return 0;
    const explain_name *n = explain_name_of(space, value);
    if (n != NULL && n->last_error >= 0) {
        *out = (uint32_t)n->last_error;
        return 1;
    }
    if (info != NULL && info->space == LGS_SPACE_NTSTATUS && info->win32 != LGS_NO_WIN32) {
        *out = (uint32_t)info->win32;
        return 1;
    }
    return 0;
}

/* The name of a GetLastError() value: a Win32 name, or an HRESULT's. */
static const char *last_error_name(uint32_t le)
{
    lgs_space space = le <= 0xFFFFu ? LGS_SPACE_WIN32 : LGS_SPACE_SECURITY;
    return display_name(space, le, lgs_code_lookup(space, le));
}

/* The facility of an HRESULT (hresult space), decoded for a person:
 * facility 9 holds several families, told apart by code range. */
static const char *facility_name(uint32_t v)
{
    unsigned facility = (v >> 16) & 0x7FFu, code = v & 0xFFFFu;
    switch (facility) {
    case 0: return "NULL";
    case 1: return "RPC";
    case 4: return "ITF";
    case 7: return "WIN32";
    case 9:
        if (code < 0x0100u)
            return "SECURITY (NTE_, CryptoAPI)";
        if (code >= 0x0300u && code < 0x0400u)
            return "SSPI (SEC_E_, SEC_I_)";
        if (code >= 0x6000u && code < 0x7000u)
            return "SECURITY (TRUST_E_)";
        return "SECURITY (CRYPT_E_ and other)";
    case 0xB: return "CERT";
    case 0x10: return "SCARD";
    default: return NULL;
    }
}

#ifdef _WIN32
/* The system's own text for the code, as `net helpmsg` or `certutil -error`
 * show it: FormatMessageW from the system's message tables, and for an
 * NTSTATUS from ntdll's. UTF-8 in out; 0 when the system has none. */
static int system_message(lgs_space space, uint32_t value, char *out, size_t size)
{
    wchar_t buf[1024];
    DWORD flags = FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_MAX_WIDTH_MASK;
    DWORD n;
    if (space == LGS_SPACE_NTSTATUS)
        n = FormatMessageW(flags | FORMAT_MESSAGE_FROM_HMODULE, GetModuleHandleW(L"ntdll.dll"), value, 0, buf,
                           sizeof buf / sizeof buf[0], NULL);
    else
        n = FormatMessageW(flags | FORMAT_MESSAGE_FROM_SYSTEM, NULL, value, 0, buf, sizeof buf / sizeof buf[0], NULL);
    while (n > 0 && (buf[n - 1] == L' ' || buf[n - 1] == L'\r' || buf[n - 1] == L'\n'))
        n--;
    if (n == 0)
        return 0;
    buf[n] = L'\0';
    return WideCharToMultiByte(CP_UTF8, 0, buf, -1, out, (int)size, NULL, NULL) > 0;
}
#else
/* Linux has no message tables for Windows codes. */
static int system_message(lgs_space space, uint32_t value, char *out, size_t size)
{
    (void)space, (void)value, (void)out, (void)size;
    return 0;
}
#endif

/* Opens an explanation's JSON object: "input" (left out when input is
 * NULL, in a --list) and "name" (null when nothing names the code). */
static void json_open(const char *input, const char *name)
{
    printf("{");
    if (input != NULL) {
        printf("\"input\":");
        json_string(stdout, input);
        printf(",");
    }
    printf("\"name\":");
    if (name != NULL)
        json_string(stdout, name);
    else
        printf("null");
}

static void print_json(const char *input, lgs_space space, uint32_t value, const lgs_code_info *info)
{
    char sysmsg[2048];
    const lgs_class cls = info != NULL ? info->cls : lgs_classify(space, value);
    const lgs_guidance *g = lgs_guidance_for(space, value);
    const char *name = display_name(space, value, info);
    int32_t w32;
    uint32_t le;
    json_open(input, name);
    json_field(stdout, "space", lgs_space_name(space));
    printf(",\"value\":%lu,\"hex\":\"0x%08lX\",\"hresult\":\"0x%08lX\"", (unsigned long)value,
           (unsigned long)value, (unsigned long)lgs_hresult_form(space, value));
    if (win32_of(space, value, &w32))
        printf(",\"win32\":%ld", (long)w32);
    else
        printf(",\"win32\":null");
    if (last_error_of(space, value, info, &le)) {
        const char *len = last_error_name(le);
        printf(",\"last_error\":{\"value\":%lu,\"hex\":\"0x%08lX\",\"name\":", (unsigned long)le,
               (unsigned long)le);
        if (len != NULL)
            json_string(stdout, len);
        else
            printf("null");
        printf("}");
    } else {
        printf(",\"last_error\":null");
    }
    if (space == LGS_SPACE_HRESULT && value != 0) {
        const char *fn = facility_name(value);
        printf(",\"facility\":{\"number\":%u,\"name\":", (unsigned)((value >> 16) & 0x7FFu));
        if (fn != NULL)
            json_string(stdout, fn);
        else
            printf("null");
        printf("}");
    } else {
        printf(",\"facility\":null");
    }
    if (system_message(space, value, sysmsg, sizeof sysmsg))
        json_field(stdout, "system_message", sysmsg);
    else
        printf(",\"system_message\":null");
    json_class_and_guidance(cls, g);
}

/* Prints "  label     text", wrapping text at WRAP columns under itself. */
static void print_wrapped(const char *label, const char *text)
{
    const int indent = 12;
    int col = printf("  %-*s", indent - 2, label);
    const char *p = text;
    while (*p != '\0') {
        size_t word = strcspn(p, " ");
        if (col > indent && col + 1 + (int)word > WRAP) {
            printf("\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            putchar(' ');
            col++;
        }
        col += printf("%.*s", (int)word, p);
        p += word;
        while (*p == ' ')
            p++;
    }
    putchar('\n');
}

/* The guidance lines that end a text answer, and the blank line after. */
static void print_guidance_text(const lgs_guidance *g)
{
    print_wrapped("summary", g->summary);
    print_wrapped("meaning", g->meaning);
    print_wrapped("causes", g->causes);
    print_wrapped("diagnose", g->diagnose);
    print_wrapped("resolve", g->resolve);
    print_wrapped("guidance", g->id);
    putchar('\n');
}

static void print_text(const char *input, lgs_space space, uint32_t value, const lgs_code_info *info)
{
    char sysmsg[2048];
    const lgs_class cls = info != NULL ? info->cls : lgs_classify(space, value);
    const lgs_guidance *g = lgs_guidance_for(space, value);
    const char *name = display_name(space, value, info);
    char line[160];
    int32_t w32;
    uint32_t le;
    if (info != NULL)
        printf("%s\n", info->name);
    else if (name != NULL)
        printf("%s (named by the SDK headers, not in the catalogue)\n", name);
    else
        printf("(not in the catalogue)\n");
    if (input != NULL)
        print_wrapped("input", input);
    snprintf(line, sizeof line, "%lu = 0x%08lX = %ld, HRESULT 0x%08lX", (unsigned long)value,
             (unsigned long)value, (long)(int32_t)value, (unsigned long)lgs_hresult_form(space, value));
    print_wrapped("value", line);
    if (space == LGS_SPACE_HRESULT && value != 0) {
        const char *fn = facility_name(value);
        snprintf(line, sizeof line, "%s (HRESULT, facility %u%s%s)", lgs_space_name(space),
                 (unsigned)((value >> 16) & 0x7FFu), fn != NULL ? ": " : "", fn != NULL ? fn : "");
        print_wrapped("space", line);
    } else {
        print_wrapped("space", lgs_space_name(space));
    }
    if (win32_of(space, value, &w32))
        snprintf(line, sizeof line, "%ld", (long)w32);
    else
        snprintf(line, sizeof line, "none");
    print_wrapped("win32", line);
    if (last_error_of(space, value, info, &le) && space != LGS_SPACE_WIN32) {
        const char *len = last_error_name(le);
        snprintf(line, sizeof line, "%lu = 0x%08lX%s%s (GetLastError after a BOOL API)", (unsigned long)le,
                 (unsigned long)le, len != NULL ? " " : "", len != NULL ? len : "");
        print_wrapped("last error", line);
    }
    snprintf(line, sizeof line, "%s (default action: %s)", lgs_class_name(cls),
             lgs_action_name(lgs_class_default_action(cls)));
    print_wrapped("class", line);
    if (system_message(space, value, sysmsg, sizeof sysmsg))
        print_wrapped("system", sysmsg);
    print_guidance_text(g);
}

static int json_mode;

static int is_hex_letter(char c)
{
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Rewrites what an operator pasted into the form lgs_code_parse takes, in
 * out (size MAX_TOKEN + 3): surrounding brackets and quotes and trailing
 * sentence punctuation go, "0n" decimals lose their prefix, and bare hex
 * gains "0x" when a hex letter shows it cannot be decimal. A token that has
 * both digits and only hex letters is hex ("8009030C"); one with no digit
 * ("DEAD") is left to be read as a name, since names are words. Returns 0, or
 * -1 with the reason in why when the token is malformed in a way the library
 * parser would explain less well. */
static int normalise(const char *in, char *out, size_t out_size, char *why, size_t why_size)
{
    static const char leading[] = "([{<'\"";
    static const char trailing[] = ")]}>'\".,;:";
    size_t len = strlen(in);
    const char *s = in;
    while (len > 0 && strchr(leading, *s) != NULL) {
        s++;
        len--;
    }
    while (len > 0 && strchr(trailing, s[len - 1]) != NULL)
        len--;
    if (len + 3 > out_size) {
        snprintf(why, why_size, "longer than %d characters", MAX_TOKEN);
        return -1;
    }
    if (len == 0) {
        snprintf(why, why_size, "no code, only punctuation");
        return -1;
    }
    /* A space prefix stays in front of whatever form the number has. */
    const char *colon = memchr(s, ':', len);
    size_t head = colon != NULL ? (size_t)(colon - s) + 1 : 0;
    const char *num = s + head;
    size_t nlen = len - head;
    if (nlen >= 2 && num[0] == '0' && (num[1] == 'n' || num[1] == 'N')) {
        if (nlen == 2) {
            snprintf(why, why_size, "no decimal digits after 0n");
            return -1;
        }
        for (size_t i = 2; i < nlen; i++) {
            if (num[i] < '0' || num[i] > '9') {
                snprintf(why, why_size, "'%c' is not a decimal digit (0n marks a decimal number)", num[i]);
                return -1;
            }
        }
        snprintf(out, out_size, "%.*s%.*s", (int)head, s, (int)(nlen - 2), num + 2);
        return 0;
    }
    int digits = 0, letters = 0, other = 0;
    for (size_t i = 0; i < nlen; i++) {
        if (num[i] >= '0' && num[i] <= '9')
            digits++;
        else if (is_hex_letter(num[i]))
            letters++;
        else
            other++;
    }
    /* "0x..." counts its x as other, so it is passed on unchanged. */
    if (other == 0 && digits > 0 && letters > 0) {
        if (nlen > 8) {
            snprintf(why, why_size, "%u hex digits do not fit in 32 bits", (unsigned)nlen);
            return -1;
        }
        snprintf(out, out_size, "%.*s0x%.*s", (int)head, s, (int)nlen, num);
    } else {
        snprintf(out, out_size, "%.*s", (int)len, s);
    }
    return 0;
}

/* Explains a Kerberos protocol error code (krb:0x18, or its name) from the
 * library's table (lgs_krb_lookup); k is NULL for a code it does not hold.
 * input is NULL in a --list. */
static void print_krb(const char *input, uint32_t value, const lgs_krb_info *k)
{
    const lgs_code_info *like = k != NULL && k->twin != NULL ? lgs_code_by_name(k->twin) : NULL;
    const lgs_class cls = k != NULL ? k->row->cls : LGS_CLASS_UNKNOWN;
    const lgs_guidance *g = k != NULL ? k->row->guidance : lgs_class_guidance(cls);
    const char *what = k != NULL ? k->meaning : "Not a Kerberos error code logonshim knows.";
    const int32_t w32 = k != NULL ? k->row->win32 : LGS_NO_WIN32;
    char line[160];
    if (json_mode) {
        json_open(input, k != NULL ? k->row->name : NULL);
        printf(",\"space\":\"krb\",\"value\":%lu,\"hex\":\"0x%02lX\",\"hresult\":null,\"win32\":",
               (unsigned long)value, (unsigned long)value);
        if (w32 != LGS_NO_WIN32)
            printf("%ld", (long)w32);
        else
            printf("null");
        printf(",\"last_error\":null,\"facility\":null,\"system_message\":null,\"reported_as\":");
        if (like != NULL && k->reported)
            json_string(stdout, like->name);
        else
            printf("null");
        json_field(stdout, "kerberos", what);
        json_class_and_guidance(cls, g);
        return;
    }
    printf("%s\n", k != NULL ? k->row->name : "(not a known Kerberos error code)");
    if (input != NULL)
        print_wrapped("input", input);
    snprintf(line, sizeof line, "%lu = 0x%02lX (Kerberos protocol error code, RFC 4120)", (unsigned long)value,
             (unsigned long)value);
    print_wrapped("value", line);
    print_wrapped("space", "krb");
    print_wrapped("kerberos", what);
    if (like != NULL) {
        snprintf(line, sizeof line, "%s%s", like->name,
                 k->reported ? "" : " (the guidance that applies; Windows may report another code)");
        print_wrapped(k->reported ? "reported" : "see", line);
    }
    if (w32 != LGS_NO_WIN32) {
        snprintf(line, sizeof line, "%ld (the Win32 equivalent of %s)", (long)w32, like != NULL ? like->name : "it");
        print_wrapped("win32", line);
    }
    snprintf(line, sizeof line, "%s (default action: %s)", lgs_class_name(cls),
             lgs_action_name(lgs_class_default_action(cls)));
    print_wrapped("class", line);
    print_guidance_text(g);
}

/* Parses what follows "krb:": a number (0x hex or decimal) or a name. */
static int explain_krb_text(const char *input, const char *text)
{
    lgs_parsed_code code;
    char why[160] = "", num[MAX_TOKEN + 16];
    snprintf(num, sizeof num, "krb:%s", text);
    if (*text == '\0' || lgs_code_parse(num, &code, why, sizeof why) != LGS_OK) {
        fprintf(stderr, "logonshim-explain: '%s': %s\n", input,
                isdigit((unsigned char)*text) && why[0] != '\0'
                    ? why
                    : "after krb: give a number (0x18, 24) or a KDC_ERR_/KRB_AP_ERR_ name");
        return EXIT_MALFORMED;
    }
    print_krb(input, code.value, lgs_krb_lookup(code.value));
    return 0;
}

/* Explains one input; returns 0, or EXIT_MALFORMED when it is malformed. */
static int explain(const char *input)
{
    lgs_parsed_code code;
    char why[160] = "";
    char text[MAX_TOKEN + 3];
    if (normalise(input, text, sizeof text, why, sizeof why) != 0) {
        fprintf(stderr, "logonshim-explain: '%s': %s\n", input, why);
        return EXIT_MALFORMED;
    }
    if (strncmp(text, "krb:", 4) == 0 || strncmp(text, "KRB:", 4) == 0)
        return explain_krb_text(input, text + 4);
    if (lgs_code_parse(text, &code, why, sizeof why) != LGS_OK) {
        /* A name the SDK defines but the catalogue does not hold is still
         * a code: explain it (class unknown) under that name. */
        const explain_name *n = explain_name_lookup(text);
        if (n == NULL) {
            fprintf(stderr, "logonshim-explain: '%s': %s\n", input, why);
            return EXIT_MALFORMED;
        }
        code.space = n->space;
        code.value = n->value;
        code.info = lgs_code_lookup(n->space, n->value);
    }
    if (code.space == LGS_SPACE_KRB) /* a Kerberos code's name */
        print_krb(input, code.value, lgs_krb_lookup(code.value));
    else
        (json_mode ? print_json : print_text)(input, code.space, code.value, code.info);
    return 0;
}

/* Reads whitespace-separated tokens from stdin and explains each. */
static int explain_stream(FILE *in)
{
    char token[MAX_TOKEN + 1];
    size_t n = 0;
    int status = 0, overlong = 0, c;
    do {
        c = fgetc(in);
        if (c == EOF || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
            if (overlong) {
                fprintf(stderr, "logonshim-explain: '%.32s...': longer than %d characters\n",
                        token, MAX_TOKEN);
                status = EXIT_MALFORMED;
            } else if (n > 0) {
                token[n] = '\0';
                status |= explain(token);
            }
            n = 0;
            overlong = 0;
        } else if (n < MAX_TOKEN) {
            token[n++] = (char)c;
        } else {
            token[n] = '\0';
            overlong = 1;
        }
    } while (c != EOF);
    return status;
}

static void list_catalogue(void)
{
    for (size_t i = 0; i < lgs_catalogue_count(); i++) {
        const lgs_code_info *r = lgs_catalogue_row(i);
        if (r->space == LGS_SPACE_KRB)
            print_krb(NULL, r->value, lgs_krb_lookup(r->value));
        else
            (json_mode ? print_json : print_text)(NULL, r->space, r->value, r);
    }
}

static void usage(FILE *f)
{
    fputs("usage: logonshim-explain [--json] CODE...\n"
          "       logonshim-explain [--json] --list\n"
          "       logonshim-explain --list --markdown   (classes, actions, default policies)\n"
          "       logonshim-explain [--json] < FILE   (codes separated by blanks or commas)\n"
          "CODE: 1366, 0x556, 0xC0000105, -2146893042, 0x80070556, a name such as\n"
          "STATUS_LOGON_SESSION_COLLISION, optionally after win32:, ntstatus: or\n"
          "hresult: (or the old sec:, security:); krb:0x18 or KDC_ERR_PREAUTH_FAILED\n"
          "for a Kerberos protocol error code as DC events 4768 and 4771 print it.\n"
          "Also taken: hex without 0x when it has a letter (8009030C, c000006d), 0n\n"
          "decimals (0n1326), and codes in brackets or quotes or followed by . , ; :\n"
          "Options may come anywhere; after -- everything is a code.\n"
          "       logonshim-explain [--json] --hash-name NAME... [--key-stdin]\n"
          "         the digest the logs show for an account (user, DOMAIN\\user or\n"
          "         user@domain) under log.redact.key, from the usual sources or, with\n"
          "         --key-stdin, the first line of standard input\n"
          "options: --json  one JSON object per line   --list  the whole catalogue\n"
          "         --markdown (with --list)   -h, --help   --version\n"
          "exit status: 0  every input explained (a well-formed code the catalogue\n"
          "                does not know is explained as class unknown)\n"
          "             2  an option or an input was malformed (each is named on\n"
          "                stderr with the reason; the other inputs are still explained)\n",
          f);
}

enum { MAX_NAMES = 64, MAX_KEY = 1024 };

/* --hash-name: the digest the logs show for each account name under the
 * configured log.redact.key, read from the usual sources (INI, registry,
 * environment, LOGONSHIM_LOG) or, with --key-stdin, from the first line of
 * standard input (so that it is not in the command line or the shell's
 * history). The key is never printed. */
static int hash_names(const char *const *names, int n, int key_stdin, FILE *in)
{
    char why[256] = "";
    if (key_stdin) {
        char key[MAX_KEY + 2];
        if (fgets(key, sizeof key, in) == NULL) {
            fprintf(stderr, "logonshim-explain: --key-stdin: no key on standard input\n");
            return EXIT_MALFORMED;
        }
        key[strcspn(key, "\r\n")] = '\0';
        int rc = lgs_log_config_set("redact.key", key, why, sizeof why);
        memset(key, 0, sizeof key);
        if (rc != LGS_OK) {
            fprintf(stderr, "logonshim-explain: --key-stdin: %s\n", why);
            return EXIT_MALFORMED;
        }
    } else {
        (void)lgs_config_load();
    }
    int status = 0;
    for (int i = 0; i < n; i++) {
        char digest[32];
        int rc = lgs_log_hash_name(names[i], digest, sizeof digest);
        if (rc == LGS_ENOTFOUND) {
            fprintf(stderr, "logonshim-explain: no log.redact.key is configured: without one each process "
                            "hashes under a random key no one can reproduce; give it with --key-stdin or "
                            "set it as the service does (INI [log] redact.key, the registry, LOGONSHIM_LOG)\n");
            return EXIT_MALFORMED;
        }
        if (rc != LGS_OK) {
            fprintf(stderr, "logonshim-explain: --hash-name '%s': not an account name\n", names[i]);
            status = EXIT_MALFORMED;
            continue;
        }
        if (json_mode) {
            printf("{\"input\":");
            json_string(stdout, names[i]);
            printf(",\"digest\":\"%s\"}\n", digest);
        } else {
            printf("%s\n", digest);
        }
    }
    return status;
}

static int is_option(const char *arg)
{
    /* "-2146893042" is a code; "-h" and "--json" are options. */
    return arg[0] == '-' && !(arg[1] >= '0' && arg[1] <= '9') && arg[1] != '\0';
}

int explain_main(int argc, char **argv, FILE *in)
{
    int list = 0, markdown = 0, codes = 0, end = argc, key_stdin = 0, nnames = 0;
    const char *names[MAX_NAMES];
    json_mode = 0;
    /* Options first, wherever they are; "--" ends them. */
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--") == 0) {
            end = i;
            codes += argc - i - 1;
            break;
        } else if (!is_option(opt)) {
            codes++;
        } else if (strcmp(opt, "--json") == 0) {
            json_mode = 1;
        } else if (strcmp(opt, "--list") == 0) {
            list = 1;
        } else if (strcmp(opt, "--markdown") == 0) {
            markdown = 1;
        } else if (strcmp(opt, "--hash-name") == 0) {
            if (i + 1 >= argc || nnames == MAX_NAMES) {
                fprintf(stderr, "logonshim-explain: --hash-name takes a name (at most %d)\n", MAX_NAMES);
                return EXIT_MALFORMED;
            }
            names[nnames++] = argv[++i];
        } else if (strcmp(opt, "--key-stdin") == 0) {
            key_stdin = 1;
        } else if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(opt, "--version") == 0) {
            printf("logonshim-explain %s (%lu codes)\n", LGS_VERSION_STRING, (unsigned long)lgs_catalogue_count());
            return 0;
        } else {
            fprintf(stderr, "logonshim-explain: unknown option '%s'\n", opt);
            usage(stderr);
            return EXIT_MALFORMED;
        }
    }
    if (nnames > 0 || key_stdin) {
        if (nnames == 0 || codes > 0 || list) {
            fprintf(stderr, "logonshim-explain: --hash-name NAME... [--key-stdin] takes no codes\n");
            return EXIT_MALFORMED;
        }
        return hash_names(names, nnames, key_stdin, in);
    }
    if (markdown && !list) {
        fprintf(stderr, "logonshim-explain: --markdown goes with --list\n");
        return EXIT_MALFORMED;
    }
    if (list) {
        if (codes > 0) {
            fprintf(stderr, "logonshim-explain: --list takes no codes\n");
            return EXIT_MALFORMED;
        }
        if (markdown) {
            explain_print_markdown(stdout);
            return 0;
        }
        list_catalogue();
        return 0;
    }
    if (codes == 0)
        return explain_stream(in);
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (i == end)
            continue; /* the "--" itself */
        if (i < end && is_option(argv[i]))
            continue;
        status |= explain(argv[i]);
    }
    return status;
}

#ifndef LGS_EXPLAIN_NO_MAIN
int main(int argc, char **argv)
{
    return explain_main(argc, argv, stdin);
}
#endif
