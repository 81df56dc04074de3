/* main.c — logonshim-patch: a copy of a Windows executable that also loads
 * the logonshim hook DLL, for programs that cannot be rebuilt (a service
 * the Service Control Manager starts by its own binary). docs/patch.md.
 *
 *   logonshim-patch [OPTIONS] IN.exe OUT.exe   write the patched copy
 *   logonshim-patch --check [--dll NAME] FILE  exit 0 if FILE imports NAME, 1 if not
 *   logonshim-patch --remove IN.exe OUT.exe    write the original back
 *
 * OPTIONS: --dll NAME (default logonshim-hook.dll), --symbol SYM (default
 * lgs_hook_anchor), --arch x86_64|i686|any (default: the architecture of
 * the package the tool comes in; any natively), --force-unsigned.
 * The input is never written: the output goes to a temporary file beside
 * OUT that is renamed over it, and OUT naming the input is refused.
 * Exit status: 0 done, 1 refused or failed (the reason on stderr), 2 usage;
 * --check: 0 patched, 1 not patched, 2 not readable as a PE image. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pe_patch.h"

enum { EXIT_REFUSED = 1, EXIT_USAGE = 2, MAX_INPUT = 0x7fffffff };

#if defined(_WIN64)
#define DEFAULT_MACHINE LGS_PE_MACHINE_AMD64
#elif defined(_WIN32)
#define DEFAULT_MACHINE LGS_PE_MACHINE_I386
#else
#define DEFAULT_MACHINE 0
#endif

static const char USAGE[] =
    "usage: logonshim-patch [--dll NAME] [--symbol SYM] [--arch x86_64|i686|any] [--force-unsigned] IN OUT\n"
    "       logonshim-patch --check [--dll NAME] FILE\n"
    "       logonshim-patch --remove IN OUT\n";

/* The whole file in a malloc'ed buffer, or NULL with a message. */
static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "logonshim-patch: cannot open %s\n", path);
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap || cap > MAX_INPUT)
            break;
        uint8_t *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad || n > MAX_INPUT) {
        fprintf(stderr, "logonshim-patch: cannot read %s%s\n", path,
                buf && !bad ? " (larger than 2 GiB)" : "");
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* a and b name the same existing file: the same inode where the platform
 * has them (st_ino is 0 on Windows), else the same full path up to case and
 * slashes. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    if (sa.st_ino != 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
#ifdef _WIN32
    char full_a[4096], full_b[4096];
    if (_fullpath(full_a, a, sizeof full_a) && _fullpath(full_b, b, sizeof full_b)) {
        a = full_a;
        b = full_b;
    }
#endif
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        ca = ca == '\\' ? '/' : ca >= 'A' && ca <= 'Z' ? ca + 32 : ca;
        cb = cb == '\\' ? '/' : cb >= 'A' && cb <= 'Z' ? cb + 32 : cb;
        if (ca != cb)
            return 0;
        if (ca == 0)
            return 1;
    }
}

/* Writes buf to a temporary file beside path, then renames it over path. */
static int write_file(const char *path, const uint8_t *buf, size_t len)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return 0;
    snprintf(tmp, n + 16, "%s.lgs-tmp", path);
    FILE *f = fopen(tmp, "wb");
    int good = f != NULL && fwrite(buf, 1, len, f) == len;
    if (f && fclose(f) != 0)
        good = 0;
    /* Windows' rename does not replace an existing file. */
    if (good && rename(tmp, path) != 0)
        good = remove(path) == 0 && rename(tmp, path) == 0;
    if (!good) {
        fprintf(stderr, "logonshim-patch: cannot write %s\n", path);
        remove(tmp);
    }
    free(tmp);
    return good;
}

static int parse_arch(const char *s, uint16_t *machine)
{
    if (strcmp(s, "x86_64") == 0 || strcmp(s, "amd64") == 0 || strcmp(s, "x64") == 0)
        *machine = LGS_PE_MACHINE_AMD64;
    else if (strcmp(s, "i686") == 0 || strcmp(s, "i386") == 0 || strcmp(s, "x86") == 0)
        *machine = LGS_PE_MACHINE_I386;
    else if (strcmp(s, "any") == 0)
        *machine = 0;
    else
        return 0;
    return 1;
}

static int check(const char *path, const char *dll)
{
    size_t len;
    uint8_t *buf = read_file(path, &len);
    if (!buf)
        return EXIT_USAGE;
    lgs_pe_info info;
    lgs_pe_result r = lgs_pe_inspect(buf, len, dll, &info);
    free(buf);
    if (r.status != LGS_PE_OK) {
        fprintf(stderr, "logonshim-patch: %s: %s\n", path, r.message);
        return EXIT_USAGE;
    }
    printf("%s: %s, %s %s%s\n", path, lgs_pe_machine_name(info.machine),
           info.imports_dll ? "patched: imports" : "not patched: does not import", dll,
           info.imports_dll && !info.removable ? " (not by logonshim-patch: --remove cannot undo it)" : "");
    return info.imports_dll ? 0 : 1;
}

int main(int argc, char **argv)
{
    lgs_pe_options opt = {"logonshim-hook.dll", "lgs_hook_anchor", DEFAULT_MACHINE, 0};
    enum { PATCH, CHECK, REMOVE } mode = PATCH;
    const char *files[2];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(a, "--check") == 0) {
            mode = CHECK;
        } else if (strcmp(a, "--remove") == 0) {
            mode = REMOVE;
        } else if (strcmp(a, "--force-unsigned") == 0) {
            opt.force_unsigned = 1;
        } else if (strcmp(a, "--dll") == 0 && has_value) {
            opt.dll = argv[++i];
        } else if (strcmp(a, "--symbol") == 0 && has_value) {
            opt.symbol = argv[++i];
        } else if (strcmp(a, "--arch") == 0 && has_value) {
            if (!parse_arch(argv[++i], &opt.machine)) {
                fprintf(stderr, "logonshim-patch: --arch takes x86_64, i686 or any, not %s\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(USAGE, stdout);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "logonshim-patch: unknown option %s\n%s", a, USAGE);
            return EXIT_USAGE;
        } else if (nfiles < 2) {
            files[nfiles++] = a;
        } else {
            fputs(USAGE, stderr);
            return EXIT_USAGE;
        }
    }
    if (mode == CHECK) {
        if (nfiles != 1) {
            fputs(USAGE, stderr);
            return EXIT_USAGE;
        }
        return check(files[0], opt.dll);
    }
    if (nfiles != 2) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    if (same_file(files[0], files[1])) {
        fprintf(stderr, "logonshim-patch: %s is the input: the input is never modified, name another output\n",
                files[1]);
        return EXIT_REFUSED;
    }
    size_t len, out_len;
    uint8_t *buf = read_file(files[0], &len), *out;
    if (!buf)
        return EXIT_REFUSED;
    lgs_pe_result r = mode == REMOVE ? lgs_pe_remove(buf, len, &out, &out_len)
                                     : lgs_pe_patch(buf, len, &opt, &out, &out_len);
    free(buf);
    if (r.status != LGS_PE_OK) {
        fprintf(stderr, "logonshim-patch: %s: %s\n", files[0], r.message);
        return EXIT_REFUSED;
    }
    int good = write_file(files[1], out, out_len);
    free(out);
    if (!good)
        return EXIT_REFUSED;
    if (mode == PATCH)
        printf("%s: imports %s!%s%s\n", files[1], opt.dll, opt.symbol,
               opt.force_unsigned ? " (any signature removed)" : "");
    else
        printf("%s: the original, without the import\n", files[1]);
    return 0;
}
