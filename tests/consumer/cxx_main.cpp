/* cxx_main.cpp — a C++17 program that uses logonshim as a C++ service
 * would: both logonshim.h and dropin.h included (so the SDK names mean the
 * wrappers), compiled with -Wall -Wextra -pedantic -Werror, linked once
 * with the static library and once with the DLL. It checks that the
 * headers' extern "C" declarations link, that the drop-in names reach the
 * wrappers (a fault injected on the wrapper is seen through the SDK
 * name), and that a wrapper returns what the API returns. Prints
 * "cxx consumer ok" and exits 0 when all of it holds. */
#include <windows.h>

#include <logonshim/logonshim.h>
#include <logonshim/dropin.h>

#include <array>
#include <cstdio>
#include <string_view>

int main()
{
    // The catalogue through C++: names round-trip for a few codes.
    constexpr std::array<std::string_view, 3> names{
        "ERROR_LOGON_SESSION_COLLISION", "SEC_E_NO_CREDENTIALS", "ERROR_LOGON_FAILURE"};
    for (auto name : names) {
        const lgs_code_info *c = lgs_code_by_name(name.data());
        if (c == nullptr || name != c->name) {
            std::fprintf(stderr, "cxx consumer: %s not in the catalogue\n", name.data());
            return 1;
        }
    }
    // The SDK name is the wrapper: a zeroed handle gives what the API gives.
    CredHandle none{};
    if (FreeCredentialsHandle(&none) != SEC_E_INVALID_HANDLE) {
        std::fprintf(stderr, "cxx consumer: FreeCredentialsHandle(zeroed) is not SEC_E_INVALID_HANDLE\n");
        return 1;
    }
    // ...and the fault injector, which only the wrapper knows, reaches it.
    wchar_t package[] = L"Negotiate";
    PSecPkgInfoW info = nullptr;
    if (lgs_faults_set("QuerySecurityPackageInfoW=SEC_E_INSUFFICIENT_MEMORY*3", nullptr, 0) != LGS_OK ||
        QuerySecurityPackageInfoW(package, &info) != SEC_E_INSUFFICIENT_MEMORY) {
        std::fprintf(stderr, "cxx consumer: the drop-in name did not reach the wrapper\n");
        return 1;
    }
    std::printf("cxx consumer ok: logonshim %s\n", LGS_VERSION_STRING);
    return 0;
}
