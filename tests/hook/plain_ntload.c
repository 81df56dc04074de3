/* plain_ntload.c — loads plain_later_dll.dll with ntdll's LdrLoadDll,
 * not LoadLibrary*, as a system DLL loads a plug-in, and makes its calls
 * through it. See plain.h. */
#include "plain.h"

typedef struct plain_ustr {
    USHORT length, maximum;
    PWSTR buffer;
} plain_ustr;
typedef LONG(NTAPI *plain_ldr_load_fn)(PWSTR path, PULONG flags, const plain_ustr *name, PVOID *base);

int main(int argc, char **argv)
{
    FARPROC l = GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "LdrLoadDll");
    if (l == NULL)
        return 3;
    plain_ldr_load_fn load;
    memcpy(&load, &l, sizeof l);
    static wchar_t file[] = L"plain_later_dll.dll";
    plain_ustr name = {(USHORT)(sizeof file - sizeof file[0]), (USHORT)sizeof file, file};
    PVOID base = NULL;
    if (load(NULL, NULL, &name, &base) != 0 || base == NULL)
        return 3;
    return plain_run_later((HMODULE)base, argc, argv);
}
