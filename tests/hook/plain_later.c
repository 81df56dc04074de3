/* plain_later.c — loads plain_later_dll.dll (which imports advapi32 and
 * secur32) after it has started, and makes its calls through it. See
 * plain.h. */
#include "plain.h"

int main(int argc, char **argv)
{
    return plain_run_later(LoadLibraryW(L"plain_later_dll.dll"), argc, argv);
}
