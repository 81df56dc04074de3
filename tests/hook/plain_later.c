/* plain_later.c — loads plain_later_dll.dll (which imports advapi32 and
 * secur32) after it has started, and makes its calls through it. See
 * plain.h. */
#include "plain.h"

typedef void (*plain_run_fn)(int count);

int main(int argc, char **argv)
{
    HMODULE dll = LoadLibraryW(L"plain_later_dll.dll");
    if (dll == NULL)
        return 3;
    FARPROC r = GetProcAddress(dll, "plain_later_run");
    if (r == NULL)
        return 3;
    plain_run_fn run;
    memcpy(&run, &r, sizeof r);
    run(plain_count(argc, argv));
    return plain_exit(argc, argv);
}
