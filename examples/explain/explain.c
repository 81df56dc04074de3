/* explain.c — logonshim-explain: what a Win32, NTSTATUS or SSPI code means and
 * what to do about it, from the logonshim catalogue.
 *
 *   logonshim-explain [--json] CODE...     explain each code
 *   logonshim-explain [--json] --list      the whole catalogue
 *   logonshim-explain --list --markdown    the classes table of the README
 *   logonshim-explain [--json] < log.txt   explain every code read from stdin
 *
 * CODE is decimal (1366, -2146893042), hex (0x556, 0xC0000105, 0x80070556),
 * a name (STATUS_LOGON_SESSION_COLLISION) or any of those after "win32:",
 * "ntstatus:" or "sec:". A well-formed code the catalogue does not know is
 * explained as class "unknown" (exit 0); malformed input is reported on
 * stderr, the other inputs are still explained, and the exit status is 2. */
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

static void print_json(const char *input, lgs_space space, uint32_t value, const lgs_code_info *info)
{
    const lgs_class cls = info != NULL ? info->cls : lgs_classify(space, value);
    const lgs_guidance *g = lgs_guidance_for(space, value);
    int32_t w32;
    printf("{");
    if (input != NULL) {
        printf("\"input\":");
        json_string(stdout, input);
        printf(",");
    }
    printf("\"name\":");
    if (info != NULL)
        json_string(stdout, info->name);
    else
        printf("null");
    json_field(stdout, "space", lgs_space_name(space));
    printf(",\"value\":%lu,\"hex\":\"0x%08lX\",\"hresult\":\"0x%08lX\"", (unsigned long)value,
           (unsigned long)value, (unsigned long)lgs_hresult_form(space, value));
    if (lgs_win32_equivalent(space, value, &w32) == LGS_OK)
        printf(",\"win32\":%ld", (long)w32);
    else
        printf(",\"win32\":null");
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

static void print_text(const char *input, lgs_space space, uint32_t value, const lgs_code_info *info)
{
    const lgs_class cls = info != NULL ? info->cls : lgs_classify(space, value);
    const lgs_guidance *g = lgs_guidance_for(space, value);
    char line[160];
    int32_t w32;
    printf("%s\n", info != NULL ? info->name : "(not in the catalogue)");
    if (input != NULL)
        print_wrapped("input", input);
    snprintf(line, sizeof line, "%lu = 0x%08lX = %ld, HRESULT 0x%08lX", (unsigned long)value,
             (unsigned long)value, (long)(int32_t)value, (unsigned long)lgs_hresult_form(space, value));
    print_wrapped("value", line);
    print_wrapped("space", lgs_space_name(space));
    if (lgs_win32_equivalent(space, value, &w32) == LGS_OK)
        snprintf(line, sizeof line, "%ld", (long)w32);
    else
        snprintf(line, sizeof line, "none");
    print_wrapped("win32", line);
    snprintf(line, sizeof line, "%s (default action: %s)", lgs_class_name(cls),
             lgs_action_name(lgs_class_default_action(cls)));
    print_wrapped("class", line);
    print_wrapped("summary", g->summary);
    print_wrapped("meaning", g->meaning);
    print_wrapped("causes", g->causes);
    print_wrapped("diagnose", g->diagnose);
    print_wrapped("resolve", g->resolve);
    print_wrapped("guidance", g->id);
    putchar('\n');
}

static int json_mode;

/* Explains one input; returns 0, or EXIT_MALFORMED when it is malformed. */
static int explain(const char *input)
{
    lgs_parsed_code code;
    char why[160];
    if (lgs_code_parse(input, &code, why, sizeof why) != LGS_OK) {
        fprintf(stderr, "logonshim-explain: '%s': %s\n", input, why);
        return EXIT_MALFORMED;
    }
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
        (json_mode ? print_json : print_text)(NULL, r->space, r->value, r);
    }
}

static void usage(FILE *f)
{
    fputs("usage: logonshim-explain [--json] CODE...\n"
          "       logonshim-explain [--json] --list\n"
          "       logonshim-explain --list --markdown   (classes, actions, default policies)\n"
          "       logonshim-explain [--json] < FILE   (codes separated by blanks)\n"
          "CODE: 1366, 0x556, 0xC0000105, -2146893042, 0x80070556, a name such as\n"
          "STATUS_LOGON_SESSION_COLLISION, optionally after win32:, ntstatus: or sec:\n",
          f);
}

int explain_main(int argc, char **argv, FILE *in)
{
    int list = 0, markdown = 0, first = 1;
    json_mode = 0;
    for (; first < argc && argv[first][0] == '-' && argv[first][1] == '-'; first++) {
        const char *opt = argv[first];
        if (strcmp(opt, "--") == 0) {
            first++;
            break;
        } else if (strcmp(opt, "--json") == 0) {
            json_mode = 1;
        } else if (strcmp(opt, "--list") == 0) {
            list = 1;
        } else if (strcmp(opt, "--markdown") == 0) {
            markdown = 1;
        } else if (strcmp(opt, "--help") == 0) {
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
    if (markdown && !list) {
        fprintf(stderr, "logonshim-explain: --markdown goes with --list\n");
        return EXIT_MALFORMED;
    }
    if (list) {
        if (first < argc) {
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
    if (first == argc)
        return explain_stream(in);
    int status = 0;
    for (int i = first; i < argc; i++)
        status |= explain(argv[i]);
    return status;
}

#ifndef LGS_EXPLAIN_NO_MAIN
int main(int argc, char **argv)
{
    return explain_main(argc, argv, stdin);
}
#endif
