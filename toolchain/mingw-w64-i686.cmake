# Cross-compiles logonshim for 32-bit Windows with mingw-w64. Everything is
# built and checked; nothing runs (there is no 32-bit Wine on the build
# machines), so CTest registers no tests in this build.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR i686)
set(LGS_MINGW_TRIPLE i686-w64-mingw32)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-w64-common.cmake)
set(LGS_RUN_UNDER_WINE OFF)
