# Cross-compiles logonshim for 64-bit Windows with mingw-w64 and runs the
# resulting test programs under Wine (through CMAKE_CROSSCOMPILING_EMULATOR,
# which the top-level CMakeLists.txt points at toolchain/wine-run.sh with a
# Wine prefix inside the build tree).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(LGS_MINGW_TRIPLE x86_64-w64-mingw32)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-w64-common.cmake)
# There is a 64-bit Wine on the build machine, so tests can run.
set(LGS_RUN_UNDER_WINE ON)
